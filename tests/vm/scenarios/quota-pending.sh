# Pending syscall slots: one user's tasks hold at most their share,
# whichever daemon the slots are for. nsa-park makes tasks hold slots on
# purpose: each makes one ruled tkill() that wakes a real-time thread,
# which preempts it at the syscall's exit (after the module's probe,
# before its task work) and moves it behind a real-time hog on CPU 1.
# (Generic 6.1 and 6.12 only: on a fully or lazily preemptible kernel,
# rt and 7.x's generic, the wake-up preempts inside the syscall, before
# the probe. A ptrace or signal stop at the syscall's exit holds no slot:
# ptrace_notify() and get_signal() run the task work before stopping. A
# SCHED_IDLE task waking an ordinary one, whose lazy reschedule 7.3 takes
# at the exit, ran on to its end on 7.3's EEVDF (a woken idle task keeps
# its lag); with NO_PLACE_LAG and NO_DELAY_DEQUEUE 35 of 36 parked, but a
# tick inside the syscall turns the lazy request into an immediate one,
# so no count could be exact.)
#
# User A (host uid 100000) parks 36 tasks in container A1, 36 in A2 (each
# with a daemon whose rule names tkill) and 10 in a user namespace of its
# own with no daemon, where only the host daemon's rule names tkill:
# A1's daemon gets 32 slots (its share), A2's the 32 its user has left
# (64), the 10 none, though they are for the host's daemon. Every refused
# syscall is lost, exactly counted, for every daemon whose rules name it
# (4, 4, and the host's 18). While A holds everything it can, user B's
# container (200000) and a host task each make 20 tkill() calls: their
# daemons lose nothing. Once the hog ends, every parked task's record
# arrives: 32 in A1's log, 32 in A2's, 104 in the host's.
# The preemption model (PREEMPT_DYNAMIC's current one is in parentheses).
mode=$(sed -n 's/.*(\([a-z]*\)).*/\1/p' /sys/kernel/debug/sched/preempt 2>/dev/null)
case "${mode:-voluntary}" in
none | voluntary) ;;
*) fail "needs a kernel that preempts at voluntary points; this one preempts: $mode" ;;
esac
nsa_load
chmod 1777 "$STATE"
# Everything this scenario starts stays on CPU 0: CPU 1 is the hog's.
taskset -p 1 $$ >/dev/null || fail "taskset"
rt_runtime=$(cat /proc/sys/kernel/sched_rt_runtime_us)

cat >"$STATE/inside.sh" <<'EOF'
. /nsaudit/lib.sh
name=$1
nsa-daemon "$STATE/$name.log" >"$STATE/$name.daemon" 2>&1 &
d=$!
wait_until 60 grep -qs -e '^registered' -e '^error' "$STATE/$name.daemon" || exit 1
nsauditctl -a always,exit -F arch=b64 -S tkill -k park >"$STATE/$name.rule" 2>&1 &&
	echo ok >>"$STATE/$name.rule"
wait_until 900 test -e "$STATE/$name.stop"
kill -TERM $d
wait $d
EOF
# start NAME UID: NAME's container, its daemon registered with its rule.
start() {
	nsa-runas "$2" "$2" $CONTAINER sh "$STATE/inside.sh" "$1" &
	eval "job_$1=\$!"
	wait_until 60 grep -qs '^ok' "$STATE/$1.rule" ||
		fail "$1: $(cat "$STATE/$1.daemon" "$STATE/$1.rule" 2>&1)"
	eval "pid_$1=\$(hostpid_of "$STATE/$1.log" nsa-daemon)" || fail "$1: no daemon"
}
# lost NAME PID WANT: NAME's daemon has lost exactly WANT syscalls.
lost() {
	wait_until 60 daemon_status "$1" "$2" || fail "$1: no status: $(cat "$STATE/$1.status")"
	expect_eq "$1: lost" "$(daemon_field "$1" lost)" "$3"
}
# logged NAME KEY WANT: NAME's log holds exactly WANT tkill records.
logged() {
	wait_until 60 daemon_status "$1" "$2" || fail "$1: no status: $(cat "$STATE/$1.status")"
	expect_eq "$1: records" "$(grep -c "^type=1300 .* syscall=200 .* key=\"$3\"" "$STATE/$1.log")" "$4"
}

nsa-daemon "$STATE/H.log" >"$STATE/H.daemon" 2>&1 &
pid_H=$!
wait_until 60 grep -qs '^registered' "$STATE/H.daemon" || fail "H: $(cat "$STATE/H.daemon")"
nsauditctl -a always,exit -F arch=b64 -S tkill -k hostpark || fail "host rule"
start A1 100000
start A2 100000
start B1 200000

echo -1 >/proc/sys/kernel/sched_rt_runtime_us || fail "RT throttling"
nsa-park hog 120 >"$STATE/hog.out" 2>&1 &
hog=$!
wait_until 30 grep -qs '^hogging' "$STATE/hog.out" || fail "hog: $(cat "$STATE/hog.out")"
# park NAME N HOW ARG: N of A's tasks hold what slots they can.
park() {
	nsa-park park "$2" "$3" "$4" >"$STATE/$1.park" 2>&1 &
	eval "park_$1=\$!"
	wait_until 60 grep -qs '^parked' "$STATE/$1.park" || fail "$1: $(cat "$STATE/$1.park")"
}
park A1 36 --ns "$pid_A1"
park A2 36 --ns "$pid_A2"
park A3 10 --user 100000
note "A parked 36 tasks in A1, 36 in A2, 10 in a namespace without a daemon"
lost A1 "$pid_A1" 4
lost A2 "$pid_A2" 4
lost H "$pid_H" 18
note "refused beyond A1's 32 and A's 64, whichever daemon: lost 4, 4 and the host's 18"

args=
for i in $(seq 20); do args="$args 200,0,0"; done
nsenter -t "$pid_B1" -U -- nsa-gen sys $args >/dev/null || fail "B1: nsa-gen"
nsa-gen sys $args >/dev/null || fail "host: nsa-gen"
logged B1 "$pid_B1" park 20
lost B1 "$pid_B1" 0
lost H "$pid_H" 18
note "B's container and a host task, 20 calls each while A held its share: nothing lost"

kill -TERM "$hog"
wait "$hog"
echo "$rt_runtime" >/proc/sys/kernel/sched_rt_runtime_us || fail "RT throttling back"
for p in A1 A2 A3; do
	eval "_j=\$park_$p"
	wait "$_j" || fail "$p: nsa-park exit $?: $(cat "$STATE/$p.park")"
	grep -q '^released' "$STATE/$p.park" || fail "$p: $(cat "$STATE/$p.park")"
done
logged A1 "$pid_A1" park 32
logged A2 "$pid_A2" park 32
logged H "$pid_H" hostpark 104
lost A1 "$pid_A1" 4
lost A2 "$pid_A2" 4
lost H "$pid_H" 18
note "released: A1 and A2 got the 32 records each of their slots, the host 104"

for c in A1 A2 B1; do
	: >"$STATE/$c.stop"
	eval "_j=\$job_$c"
	wait "$_j" || fail "$c: container exit $?"
done
nsauditctl -D >/dev/null || fail "host rules"
kill -TERM "$pid_H"
wait "$pid_H" || fail "H: exit $?"
