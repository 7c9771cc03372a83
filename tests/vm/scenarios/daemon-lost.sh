# A daemon that stops reading loses records, counted exactly, and slows
# nobody: container A's daemon (backlog 16, smallest socket buffer) is
# stopped while A's workload runs; container B runs the same workload with
# a daemon that reads. A's workload must finish while its daemon is
# stopped; once resumed, A's daemon must hold exactly the records its
# counters call delivered, lost = routed - delivered, and routed must equal
# what B (which lost nothing) received for the same workload. The host's
# audit daemon loses nothing either (checked by the lane's teardown).
nsa_load
chmod 1777 "$STATE"
auditctl -a always,exit -F arch=b64 -S openat -F success=0 -k nsa_lost >/dev/null ||
	fail "auditctl"
N=300

# lossy NAME [OPTION...]: the inside of a container: nsa-daemon with the
# options, then N failing openat once $STATE/go exists; $STATE/NAME.done
# after it. Keeps the daemon until $STATE/stop exists.
cat >"$STATE/lossy.sh" <<EOF
. /nsaudit/lib.sh
name=\$1
shift
nsa-daemon "\$@" "$STATE/\$name.log" >"$STATE/\$name.daemon" 2>&1 &
wait_until 60 grep -qs '^registered' "$STATE/\$name.daemon" || exit 1
nsa-gen --wait "$STATE/go" open $N "/nsa-missing/\$name" >"$STATE/\$name.gen" 2>&1
: >"$STATE/\$name.done"
wait_until 600 test -e "$STATE/stop"
EOF
nsa-runas 100000 100000 $CONTAINER sh "$STATE/lossy.sh" A --backlog 16 --rcvbuf 1 &
nsa-runas 200000 200000 $CONTAINER sh "$STATE/lossy.sh" B &
for c in A B; do
	wait_until 120 grep -qs '^registered' "$STATE/$c.daemon" ||
		fail "$c: daemon did not register: $(cat "$STATE/$c.daemon" 2>&1)"
	wait_until 60 grep -qs hostpid= "$STATE/$c.gen" || fail "$c: workload did not start"
done
daemon_A=$(hostpid_of "$STATE/A.log" nsa-daemon) || fail "no daemon A"
daemon_B=$(hostpid_of "$STATE/B.log" nsa-daemon) || fail "no daemon B"

kill -STOP "$daemon_A"
: >"$STATE/go"
# Nothing may wait for the stopped daemon.
wait_until 300 eval 'test -e "$STATE/A.done" && test -e "$STATE/B.done"' ||
	fail "a workload was blocked by a stopped daemon"
note "both workloads finished while A's daemon was stopped"
kill -CONT "$daemon_A"

# status NAME: asks NAME's daemon for its counters; waits until its queue
# is empty, so that every routed record is either delivered or lost.
status() {
	eval "_pid=\$daemon_$1"
	_f=$STATE/$1.daemon
	_before=$(grep -c '^status' "$_f")
	kill -USR1 "$_pid"
	wait_until 30 eval '[ "$(grep -c "^status" "$_f")" -gt "$_before" ]' || return 1
	_st=$(grep '^status' "$_f" | tail -n 1)
	echo "$_st" >"$STATE/$1.status"
	case "$_st" in *" queued=0 "*) ;; *) return 1 ;; esac
}
field() {
	sed -n "s/.* $2=\([0-9]*\).*/\1/p" "$STATE/$1.status"
}
wait_until 120 status A || fail "A: queue did not drain: $(cat "$STATE/A.status")"
wait_until 120 status B || fail "B: queue did not drain: $(cat "$STATE/B.status")"
note "A: $(cat "$STATE/A.status")"
note "B: $(cat "$STATE/B.status")"

routed=$(field A routed) delivered=$(field A delivered) lost=$(field A lost)
expect_eq "A: records in its log" "$(grep -c '^type=' "$STATE/A.log")" "$delivered"
expect_eq "A: records it counted" "$(field A records)" "$delivered"
expect_eq "A: lost" "$lost" "$((routed - delivered))"
[ "$lost" -gt 0 ] || fail "A: lost nothing: the test did not stop it"
expect_eq "B: lost" "$(field B lost)" 0
expect_eq "B: records in its log" "$(grep -c '^type=' "$STATE/B.log")" "$(field B delivered)"
expect_eq "A: routed vs B's" "$routed" "$(field B routed)"
expect_eq "B: SYSCALL records" "$(grep -c '^type=1300 .*key=(null)' "$STATE/B.log")" "$N"
# The daemon was told, in order, before the records after the loss.
grep -q "^lost routed=[0-9]* delivered=[0-9]* lost=[1-9]" "$STATE/A.log" ||
	fail "A: no loss notice"
note "A: $(grep -c '^lost' "$STATE/A.log") loss notices, last: $(grep '^lost' "$STATE/A.log" | tail -n 1)"

: >"$STATE/stop"
kill -TERM "$daemon_A" "$daemon_B"
wait

# The memory all daemons may pin: at 64 KiB, a stopped daemon with the
# default backlog (8192) keeps fewer than 128 records and loses the
# rest, counted as exactly. (A daemon of the initial user namespace, so
# that the host's nsauditctl status shows it.)
nsauditctl set memory 64 || fail "set memory 64"
nsa-daemon --rcvbuf 1 "$STATE/H.log" >"$STATE/H.daemon" 2>&1 &
wait_until 60 grep -qs '^registered' "$STATE/H.daemon" || fail "H: $(cat "$STATE/H.daemon")"
daemon_H=$(hostpid_of "$STATE/H.log" nsa-daemon) || fail "no daemon H"
kill -STOP "$daemon_H"
nsa-gen open $N /nsa-missing/memory >/dev/null
st() { nsauditctl status | sed -n "s/^daemon_$1 //p"; }
queued=$(st queued) lost=$(st lost)
note "H stopped, memory 64 KiB: backlog $(st backlog), queued $queued, lost $lost"
# A queued record occupies more than 512 bytes (sk_buff, data, shared
# info): 64 KiB hold fewer than 128.
[ "$queued" -gt 0 ] && [ "$queued" -lt 128 ] || fail "H: $queued queued within 64 KiB"
[ "$lost" -gt 0 ] || fail "H: nothing lost at the memory limit"
kill -CONT "$daemon_H"
# Every record of the host goes to H: wait until two answers in a row
# show the same counters (nothing in flight), then compare.
quiet() {
	status H || return 1
	cp "$STATE/H.status" "$STATE/H.prev"
	status H && cmp -s "$STATE/H.prev" "$STATE/H.status"
}
wait_until 120 quiet || fail "H: did not settle: $(cat "$STATE/H.status")"
routed=$(field H routed) delivered=$(field H delivered) lost=$(field H lost)
expect_eq "H: records it counted" "$(field H records)" "$delivered"
expect_eq "H: lost" "$lost" "$((routed - delivered))"
note "H: $(cat "$STATE/H.status")"
kill -TERM "$daemon_H"
wait
nsauditctl set memory 65536 || fail "restore memory"
