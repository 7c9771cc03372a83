# auditd lane: Debian's auditd writes the enriched records, and ausearch and
# aureport read its log without errors and show the nsID set, for a host
# process and for one in a container made of new namespaces.
[ -x /sbin/auditd ] || fail "needs the auditd lane"
nsa_load
auditctl -a always,exit -F arch=b64 -S openat -F success=0 -k nsa_ausearch >/dev/null || fail "auditctl"

spawn host $GEN open 2 /nsa-missing/ausearch
host_pid=$PID
host_truth=$(nsid_truth "$PID")
go
spawn ctr $UNSHARE -U -r -m -u -i -n -p -f -C -T $GEN open 2 /nsa-missing/ausearch
ctr_pid=$PID
ctr_truth=$(nsid_truth "$PID")
go
log_barrier || fail "auditd's log did not catch up"

for who in host ctr; do
	eval "pid=\$${who}_pid truth=\$${who}_truth"
	ausearch -i -if "$LOG" -k nsa_ausearch -p "$pid" >"$STATE/$who.i" 2>"$STATE/$who.err" ||
		fail "ausearch -i for $who failed: $(cat "$STATE/$who.err")"
	[ ! -s "$STATE/$who.err" ] || fail "ausearch complained: $(cat "$STATE/$who.err")"
	expect_eq "$who: interpreted SYSCALL records" "$(grep -c '^type=SYSCALL ' "$STATE/$who.i")" 2
	grep '^type=SYSCALL ' "$STATE/$who.i" | while read -r line; do
		case "$line" in *" key=nsa_ausearch $truth ") ;; *" key=nsa_ausearch $truth") ;;
		*) fail "$who: ausearch -i shows no '$truth': $line" ;; esac
	done || exit 1
	# The raw form, as auditd stored it, round-trips too.
	expect_eq "$who: raw records" \
		"$(ausearch -if "$LOG" -k nsa_ausearch -p "$pid" --raw | grep -c "^type=SYSCALL .* $truth$GS")" 2
	note "$who (pid $pid): ausearch shows $truth"
done

aureport --summary -if "$LOG" >"$STATE/summary" 2>"$STATE/summary.err" || fail "aureport --summary failed"
[ ! -s "$STATE/summary.err" ] || fail "aureport complained: $(cat "$STATE/summary.err")"
grep -q '^Number of events: [1-9]' "$STATE/summary" || fail "aureport counted no events: $(cat "$STATE/summary")"
aureport -k -if "$LOG" 2>"$STATE/k.err" | grep -q "nsa_ausearch" || fail "aureport -k lists no nsa_ausearch"
[ ! -s "$STATE/k.err" ] || fail "aureport -k complained: $(cat "$STATE/k.err")"
note "aureport: $(grep '^Number of events' "$STATE/summary")"
