# Random and mutated messages to the family, 50 000 from root and 50 000
# from an unprivileged user inside its own user and network namespaces,
# while records flow at first; every error the family returns is one of its
# documented errnos (nsa-fuzz checks), afterwards the module still answers
# and obeys, and (judged by the harness) the kernel log holds no splat.
# About 8 minutes on the debug kernel under emulation.
# make soak: nsatest.fuzz=N messages each, nsatest.fuzz_who=root or user
# for one identity only (the two run in VMs of their own there).
FUZZ_COUNT=$(cmdline_arg nsatest.fuzz)
FUZZ_COUNT=${FUZZ_COUNT:-50000}
FUZZ_WHO=$(cmdline_arg nsatest.fuzz_who)
nsa_load
auditctl -a always,exit -F arch=b64 -S openat -F success=0 -k nsa_fuzz >/dev/null ||
	fail "auditctl"

# Records flow while the fuzzing starts, so that the probe and the family
# are busy at once (a flood for the whole run would triple its time).
nsa-gen open 5000 /nsa-missing/fuzz >/dev/null 2>&1 &
gen=$!

seed=$(date +%s)
fuzz() {
	_who=$1
	shift
	"$@" nsa-fuzz --count "$FUZZ_COUNT" --seed "$seed" >"$STATE/$_who.out" 2>&1 ||
		fail "$_who: nsa-fuzz failed: $(tail -n 3 "$STATE/$_who.out")"
	_sum=$(grep '^nsa-fuzz: sent ' "$STATE/$_who.out") || fail "$_who: no summary"
	_sent=$(echo "$_sum" | sed -n 's/^nsa-fuzz: sent \([0-9]*\),.*/\1/p')
	[ "$_sent" -ge "$FUZZ_COUNT" ] || fail "$_who: sent $_sent < $FUZZ_COUNT"
	note "$_who: $_sum"
}
[ "${FUZZ_WHO:-root}" = root ] && fuzz root
[ "${FUZZ_WHO:-user}" = user ] && fuzz user-userns-net nsa-runas 65534 65534 $UNSHARE -U -r -n

kill "$gen" 2>/dev/null
wait "$gen" 2>/dev/null

# Still answering, and still obeying: root restores the settings.
nsauditctl status >/dev/null || fail "status after fuzzing: $(nsauditctl status 2>&1)"
nsauditctl set enrich on daemons 64 queue 8192 rules 256 backlog 8192 memory 65536 || fail "restore settings"
expect_eq "settings" "$(nsauditctl status | grep -E '^(enrich|daemons|queue|rules) ' | tr '\n' ' ')" \
	"enrich 1 daemons 64 queue 8192 rules 256 "
sleep 60 &
pid=$!
expect_eq "nsid after fuzzing" "$(nsauditctl nsid $pid)" "$(nsid_truth $pid)"
kill $pid
wait $pid 2>/dev/null
true
