# daemon-routing with nsauditd as packaged, read back with ausearch -if:
# sibling containers A and B, C nested in A, each running nsauditd, and
# nsauditd in the initial user namespace (H) beside the host's auditd.
# ausearch over each log finds exactly the events of its own subtree, with
# pids as that daemon's PID namespace numbers them (the kernel's NSpid).
nsa_load
chmod 1777 "$STATE"
command -v ausearch >/dev/null || fail "no ausearch on this lane"
auditctl -a always,exit -F arch=b64 -S openat -F success=0 -k nsa_route >/dev/null ||
	fail "auditctl"
export NSA_DAEMON=nsauditd

nsauditd --foreground -l "$STATE/H/audit.log" >"$STATE/H.daemon" 2>&1 &
H_PID=$!
wait_until 30 eval 'nsauditctl status | grep -q "^daemon_pid $H_PID\$"' ||
	fail "H: $(cat "$STATE/H.daemon")"
nsa-runas 100000 100000 $CONTAINER sh -c ". /nsaudit/lib.sh; container A 7 C 3" &
nsa-runas 200000 200000 $CONTAINER sh -c ". /nsaudit/lib.sh; container B 5" &
for c in A B C; do
	wait_until 120 test -e "$STATE/$c.ready" ||
		fail "container $c did not start: $(cat "$STATE/$c.daemon" 2>&1)"
	wait_until 60 grep -qs hostpid= "$STATE/$c.gen" || fail "$c: workload did not start"
done
A=$(hostpid_of "open 7 /nsa-missing/A") || fail "no A workload"
B=$(hostpid_of "open 5 /nsa-missing/B") || fail "no B workload"
C=$(hostpid_of "open 3 /nsa-missing/C") || fail "no C workload"
workload_truth A B C

: >"$STATE/go"
for c in A B C; do
	wait_until 300 test -e "$STATE/$c.done" || fail "container $c did not finish"
done
for c in A B C; do
	wait_until 120 grep -qs "/nsa-missing/$c-end" "$STATE/$c/audit.log" || fail "$c: marker missing"
done
wait_until 120 eval 'grep -q /nsa-missing/A-end "$STATE/H/audit.log" && grep -q /nsa-missing/B-end "$STATE/H/audit.log"' ||
	fail "H: markers missing"

# events DAEMON WORKLOAD LEVEL N [KEY]: ausearch over DAEMON's log finds
# exactly N SYSCALL events of WORKLOAD's pid at LEVEL (and KEY).
events() {
	eval "_pid=\$pid_$2_$3"
	_got=$(ausearch -if "$STATE/$1/audit.log" -p "$_pid" -m SYSCALL ${5:+-k $5} --format raw 2>/dev/null |
		grep -c '^type=SYSCALL ')
	[ "$_got" = "$4" ] || fail "$1: ausearch found $_got events of $2 (pid $_pid), want $4"
	note "$1: ausearch -if finds $4 events of $2 as pid $_pid"
}
events A A 1 7
events A C 1 3
events B B 1 5
events C C 2 3
events H A 0 7 nsa_route
events H B 0 5 nsa_route
events H C 0 3 nsa_route
for pair in "A B" "B A" "B C" "C A" "C B"; do
	set -- $pair
	! grep -q "/nsa-missing/$2" "$STATE/$1/audit.log" || fail "$1's log has a record of $2"
done
note "no log has a record of another subtree"

: >"$STATE/stop"
kill -TERM "$H_PID"
wait "$H_PID" || fail "H: exit $?"
for c in A B C; do
	wait_until 60 test -e "$STATE/$c.exit" || fail "$c: nsauditd did not stop"
	expect_eq "$c: nsauditd exit" "$(cat "$STATE/$c.exit")" "exit=0"
	grep -q 'type=DAEMON_END ' "$STATE/$c/audit.log" || fail "$c: no DAEMON_END"
done
wait
