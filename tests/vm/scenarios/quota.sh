# One user cannot take what all share. Unprivileged users (host uids
# 100000, 200000, 300000) take everything they can:
# 1. daemon slots: user A's second daemon, in a namespace nested in
#    another of A's containers, is refused at user_daemons=1 (ENOSPC and
#    the user's message); user B and two chains of the host's root (each a
#    user of its own) still register, the fifth namespace daemon is refused
#    at daemons=4 (the host's message), and the host's daemon registers
#    all the same; once A's first daemon ends, its second registers.
# 2. memory: two stopped daemons of A fill their shares (daemon_memory 64
#    KiB, the second cut at its user's user_memory of 96 KiB: half as many
#    records as the first), while user B's daemon and the host's, both
#    reading, lose nothing, exactly counted (memory 2 MiB, which A's
#    400 events per daemon would fill without the quotas).
# (The pending syscall slots' quotas: quota-pending.)
nsa_load
chmod 1777 "$STATE"
auditctl -a always,exit -F arch=b64 -S openat -F success=0 -k nsa_quota >/dev/null ||
	fail "auditctl"

# hold.sh NAME [nest] [OPTION...]: the inside of a container: nsa-daemon
# NAME with the options (in a user namespace nested in the container's
# with "nest"); its output in $STATE/NAME.daemon. Registered, it keeps the
# daemon until $STATE/NAME.stop exists.
cat >"$STATE/hold.sh" <<EOF
. /nsaudit/lib.sh
name=\$1
shift
if [ "\${1:-}" = nest ]; then
	shift
	exec $UNSHARE -U -r sh "$STATE/hold.sh" "\$name" "\$@"
fi
nsa-daemon "\$@" "$STATE/\$name.log" >"$STATE/\$name.daemon" 2>&1 &
d=\$!
wait_until 60 grep -qs -e '^registered' -e '^error' "$STATE/\$name.daemon" || exit 1
grep -q '^registered' "$STATE/\$name.daemon" || exit 0
wait_until 900 test -e "$STATE/\$name.stop"
kill -TERM \$d
wait \$d
EOF

# hold NAME UID [nest] [OPTION...]: starts NAME's container, run by UID (0:
# the host's root), and waits for its daemon's answer.
hold() {
	_n=$1 _u=$2
	shift 2
	rm -f "$STATE/$_n.daemon" "$STATE/$_n.stop"
	if [ "$_u" = 0 ]; then
		$CONTAINER sh "$STATE/hold.sh" "$_n" "$@" &
	else
		nsa-runas "$_u" "$_u" $CONTAINER sh "$STATE/hold.sh" "$_n" "$@" &
	fi
	eval "job_$_n=\$!"
	wait_until 60 grep -qs -e '^registered' -e '^error' "$STATE/$_n.daemon" ||
		fail "$_n: no answer: $(cat "$STATE/$_n.daemon" 2>&1)"
}
registered() {
	grep -q '^registered' "$STATE/$1.daemon" || fail "$1: $(cat "$STATE/$1.daemon")"
}
refused() {
	expect_eq "$1: answer" "$(cat "$STATE/$1.daemon")" "error ENOSPC msg=\"$2\""
}
# release NAME: ends NAME's container, its daemon unregistered.
release() {
	: >"$STATE/$1.stop"
	eval "_j=\$job_$1"
	wait_until 60 eval '! kill -0 $_j 2>/dev/null' ||
		fail "$1: container still there: $(cat "$STATE/$1.daemon")"
	wait "$_j" || fail "$1: container exit $?"
}
USER_FULL="the limit of audit daemons of this namespace's user is reached"
HOST_FULL="the host's limit of audit daemons is reached"

# --- 1. daemon slots -----------------------------------------------------------

nsauditctl set daemons 4 user_daemons 1 || fail "set daemons"
hold A1 100000
registered A1
hold A2 100000 nest
refused A2 "$USER_FULL"
hold B1 200000
registered B1
hold R1 0
registered R1
hold R2 0
registered R2
hold C1 300000
refused C1 "$HOST_FULL"
nsa-daemon "$STATE/H.log" >"$STATE/H.daemon" 2>&1 &
H=$!
wait_until 60 grep -qs -e '^registered' -e '^error' "$STATE/H.daemon" || fail "H: no answer"
registered H
note "A's second (nested) refused, B and root's two chains registered, C refused, the host's registered"
release A1
hold A2 100000 nest
registered A2
note "A's slot came back when its daemon ended"
for c in A2 B1 R1 R2; do release $c; done
kill -TERM "$H"
wait "$H" || fail "H: exit $?"

# --- 2. memory -----------------------------------------------------------------

# Each daemon may hold 64 KiB, A's together 96, all namespace daemons 2
# MiB, and the host's daemon has 2 MiB of its own. Without the quotas, A's
# two stopped daemons alone would take the 2 MiB (2 x 2 000 records of
# ~840 bytes), and B and the host would lose records.
nsauditctl set daemons 64 user_daemons 2 memory 2048 user_memory 96 daemon_memory 64 ||
	fail "set memory"
hold A1 100000 --rcvbuf 1
hold A2 100000 nest --rcvbuf 1
hold B1 200000
for c in A1 A2 B1; do registered $c; done
nsa-daemon "$STATE/H.log" >"$STATE/H.daemon" 2>&1 &
H=$!
wait_until 60 grep -qs '^registered' "$STATE/H.daemon" || fail "H: $(cat "$STATE/H.daemon")"
pid_A1=$(hostpid_of "$STATE/A1.log" nsa-daemon) || fail "no daemon A1"
pid_A2=$(hostpid_of "$STATE/A2.log" nsa-daemon) || fail "no daemon A2"
pid_B1=$(hostpid_of "$STATE/B1.log" nsa-daemon) || fail "no daemon B1"
kill -STOP "$pid_A1" "$pid_A2"
note "A's two daemons registered and stopped, B's and the host's reading"

# in_log NAME LOG: the PATH records of NAME's events in LOG's log.
in_log() { grep -c "^type=1302 .*name=\"/nsa-missing/$1\"" "$STATE/$2.log"; }
# The host's daemon has taken all the module queued for it.
h_drained() { [ "$(nsauditctl status | sed -n 's/^daemon_queued //p')" = 0 ]; }
# work NAME EVENTS STEP [reads]: EVENTS events in the user namespace of
# NAME's daemon (only: a nested one's PID namespace belongs to its parent,
# which nsenter could not enter after it), STEP at a time, the next step
# once the module's queue for the host's daemon (and for NAME's, with
# "reads") is empty: a step of A's 500 records is a third of the host's 2
# MiB, one of B's 10 events (50 records) within B's own 64 KiB. Whatever a
# reading daemon loses, A's stopped ones made it lose.
work() {
	_w=$1 _n=$2 _s=$3 _i=0
	eval "_p=\$pid_$_w"
	while [ $_i -lt "$_n" ]; do
		nsenter -t "$_p" -U -- nsa-gen open "$_s" "/nsa-missing/$_w" >/dev/null ||
			fail "$_w: nsa-gen in its namespaces"
		_i=$((_i + _s))
		wait_until 60 h_drained || fail "H: queue not drained after $_w's first $_i events"
		[ "${4:-}" = reads ] || continue
		wait_until 60 daemon_status "$_w" "$_p" ||
			fail "$_w: queue not drained after its first $_i events: $(cat "$STATE/$_w.status")"
	done
}
# A1 fills its own share first, then A2 what is left of its user's; then B.
NA=400 NB=100
work A1 $NA 100
work A2 $NA 100
work B1 $NB 10 reads
note "A's two daemons (stopped) got $NA events each, B's $NB, all read by the host's daemon"

kill -CONT "$pid_A1" "$pid_A2"
# What the stopped daemons held is what they got: the rest was lost.
wait_until 120 daemon_status A1 "$pid_A1" || fail "A1: queue did not drain: $(cat "$STATE/A1.status")"
wait_until 120 daemon_status A2 "$pid_A2" || fail "A2: queue did not drain: $(cat "$STATE/A2.status")"
note "A1: $(cat "$STATE/A1.status")"
note "A2: $(cat "$STATE/A2.status")"
a1=$(daemon_field A1 delivered) a2=$(daemon_field A2 delivered)
[ "$(daemon_field A1 lost)" -gt 0 ] && [ "$(daemon_field A2 lost)" -gt 0 ] ||
	fail "A's daemons lost nothing: the test did not fill them"
# The same records, so the same size: A2 had half of A1's 64 KiB (give or
# take the rounding and the record or two each socket held).
[ $((2 * a2 - a1)) -le 6 ] && [ $((a1 - 2 * a2)) -le 6 ] ||
	fail "A2 delivered $a2 records, A1 $a1: not the half its user's limit leaves"
wait_until 60 daemon_status B1 "$pid_B1" || fail "B1: queue did not drain: $(cat "$STATE/B1.status")"
note "B1: $(cat "$STATE/B1.status")"
expect_eq "B1: lost" "$(daemon_field B1 lost)" 0
expect_eq "B1: records of its events" "$(in_log B1 B1)" $NB
wait_until 60 daemon_status H "$H" || fail "H: queue did not drain: $(cat "$STATE/H.status")"
note "H: $(cat "$STATE/H.status")"
expect_eq "H: lost" "$(daemon_field H lost)" 0
expect_eq "H: records of A1's events" "$(in_log A1 H)" $NA
expect_eq "H: records of A2's events" "$(in_log A2 H)" $NA
expect_eq "H: records of B1's events" "$(in_log B1 H)" $NB
note "A's stopped daemons held 64 and 32 KiB; B's and the host's lost nothing"
for c in A1 A2 B1; do release $c; done
kill -TERM "$H"
wait "$H" || fail "H: exit $?"
nsauditctl set memory 65536 user_memory 32768 daemon_memory 16384 || fail "restore memory"
