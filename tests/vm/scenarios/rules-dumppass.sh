# A LIST_RULES dump belongs to whoever started it. An unprivileged user
# makes its own namespace E, with a daemon and 15 rules of its own (keys
# mineE-N, long enough that the dump takes several parts), starts a dump
# there without reading it, and passes the socket with SCM_RIGHTS to an
# accomplice P: uid 1000, without any capability, in a container V whose
# daemon has 20 rules (keys secretV-N) that P may not read. P reads the
# dump to its end: it gets E's 15 rules, each once, and not one of V's.
. /nsaudit/rules-lib.sh
nsa_load
chmod 1777 "$STATE"
long=$(printf 'k%.0s' $(seq 200))

# add_rules PREFIX N: N rules with keys PREFIX-1..N (in a namespace with
# its daemon running).
cat >"$STATE/add-rules.sh" <<'SH'
i=1
while [ "$i" -le "$2" ]; do
	nsauditctl -a always,exit -F arch=b64 -S openat -k "$1-$i-$3" >/dev/null || exit 1
	i=$((i + 1))
done
SH

wide_container V 300000 "
	nsa-daemon $STATE/V.log >$STATE/V.daemon 2>&1 &
	d=\$!
	. /nsaudit/lib.sh
	wait_until 30 grep -q '^registered' $STATE/V.daemon || exit 1
	sh $STATE/add-rules.sh secretV 20 $long || exit 1
	echo rules-added
	nsa-runas 1000 1000 nsa-dumppass recv $STATE/pass.sock >$STATE/P.out 2>&1
	kill -TERM \$d
	wait \$d"
wait_until 120 grep -q rules-added "$STATE/V.out" || fail "V: $(cat "$STATE/V.out" "$STATE/V.daemon")"
wait_until 30 grep -q '^ready' "$STATE/P.out" || fail "P: $(cat "$STATE/P.out")"

# E's daemon (and so its rules) lives until P has read the dump to its end.
nsa-runas 400000 400000 $UNSHARE -U -r -n sh -c "
	nsa-daemon $STATE/E.log >$STATE/E.daemon 2>&1 &
	d=\$!
	. /nsaudit/lib.sh
	wait_until 30 grep -q '^registered' $STATE/E.daemon || exit 1
	sh $STATE/add-rules.sh mineE 15 $long || exit 1
	nsa-dumppass send $STATE/pass.sock
	wait_until 120 test -e $STATE/E.stop
	kill -TERM \$d
	wait \$d" >"$STATE/E.out" 2>&1 &
wait_until 120 grep -q -e '^passed' -e 'nsa-dumppass' "$STATE/E.out" ||
	fail "E: $(cat "$STATE/E.out" "$STATE/E.daemon")"
grep -q '^passed' "$STATE/E.out" || fail "E: $(cat "$STATE/E.out")"

wait_until 60 grep -q -e '^done' -e '^error' "$STATE/P.out" || fail "P did not finish: $(tail -n 3 "$STATE/P.out")"
: >"$STATE/E.stop"
grep -q '^done' "$STATE/P.out" || fail "P: $(tail -n 1 "$STATE/P.out")"
! grep -q secretV "$STATE/P.out" || fail "P read V's rules: $(grep -c secretV "$STATE/P.out") of them"
for i in $(seq 15); do
	expect_eq "rules mineE-$i that P read" "$(grep -c " mineE-$i-k" "$STATE/P.out")" 1
done
note "P read $(grep '^done' "$STATE/P.out" | sed 's/done //'): E's 15 rules, none of V's"
wait
