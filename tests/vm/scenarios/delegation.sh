# Delegation (README, Security model): with "share" at its default
# (delegated), a container's daemon gets what its own rules select and no
# copy of what the host's audit records for its tasks (here a host watch on
# a file they read), until the host delegates its user namespace; the
# delegation of an ancestor covers a nested container; undelegating ends
# it; share=none gives no namespace daemon the host's records, share=all
# gives them to every one. Status says it in each namespace, each change
# is a CONFIG_CHANGE record, and the refusals are exact (an unprivileged
# caller, a container's root, the initial namespace, twice, not delegated,
# no such process).
#
# Container A (host uid 100000) and B nested in it each run nsa-daemon and
# a shell that reads commands from a FIFO; "run PHASE" makes it read the
# watched file once and make one getppid call its own rule selects (a3 a
# marker no other call has).
modprobe nsaudit || fail "modprobe nsaudit"
expect_eq "share at load" "$(cat /sys/module/nsaudit/parameters/share)" delegated
watched=$STATE/nsa-watched
echo secret >"$watched" && chmod 644 "$watched" && chmod 1777 "$STATE" || fail "watched file"
auditctl -w "$watched" -p r -k hostwatch >/dev/null || fail "auditctl -w"
from=$(($(wc -l <"$LOG") + 1))

# The inside of a container: its daemon, then commands from $STATE/NAME.ctl.
cat >"$STATE/inside.sh" <<'EOF'
. /nsaudit/lib.sh
name=$1
nsa-daemon "$STATE/$name.log" >"$STATE/$name.daemon" 2>&1 &
daemon=$!
wait_until 60 grep -q -e '^registered' -e '^error' "$STATE/$name.daemon" || exit 1
nsauditctl -a always,exit -F arch=b64 -S getppid -F a3=0x6d696e65 -k mine >"$STATE/$name.rule" 2>&1 ||
	echo "rule failed" >>"$STATE/$name.rule"
echo "$$" >"$STATE/$name.pid"
while read -r cmd arg; do
	case "$cmd" in
	run) cat "$STATE/nsa-watched" >/dev/null; nsa-gen sys 110,1,2,3,0x6d696e65 >/dev/null ;;
	status) nsauditctl status >"$STATE/$name.status.$arg" 2>&1 ;;
	nest) $CONTAINER sh "$STATE/inside.sh" "$arg" <"$STATE/$arg.ctl" >/dev/null 2>&1 & ;;
	try) nsauditctl delegate "$arg" >"$STATE/$name.try" 2>&1; echo "rc=$?" >>"$STATE/$name.try" ;;
	stop) break ;;
	esac
	echo "$cmd $arg" >>"$STATE/$name.done"
done
kill -TERM $daemon
wait
EOF
mkfifo "$STATE/A.ctl" "$STATE/B.ctl"
nsa-runas 100000 100000 $CONTAINER sh "$STATE/inside.sh" A <"$STATE/A.ctl" >"$STATE/A.out" 2>&1 &
exec 4>"$STATE/A.ctl"
wait_until 60 test -s "$STATE/A.pid" || fail "A: $(cat "$STATE/A.out" "$STATE/A.daemon" 2>/dev/null)"
# ctl NAME CMD ARG: the container's shell runs CMD and says so.
ctl() {
	_c=$1
	_n=$(cat "$STATE/$_c.done" 2>/dev/null | grep -c .)
	case $_c in A) echo "$2 $3" >&4 ;; B) echo "$2 $3" >&5 ;; esac
	wait_until 60 eval '[ "$(cat "$STATE/$_c.done" 2>/dev/null | grep -c .)" -gt "$_n" ]' ||
		fail "$_c: '$2 $3' not done: $(tail -n 3 "$STATE/$_c.out" 2>&1)"
}
ctl A nest B
exec 5>"$STATE/B.ctl"
wait_until 60 test -s "$STATE/B.pid" || fail "B: $(cat "$STATE/B.daemon" 2>/dev/null)"
A=$(hostpid_of "$STATE/inside.sh A" sh) && B=$(hostpid_of "$STATE/inside.sh B" sh) || fail "no host pids"
ns_A=$(stat -L -c %i /proc/$A/ns/user) ns_B=$(stat -L -c %i /proc/$B/ns/user)
for c in A B; do
	[ ! -s "$STATE/$c.rule" ] || fail "$c: own rule: $(cat "$STATE/$c.rule")"
done

# phase NAME WANT_A WANT_B: each container reads the watched file once and
# makes its marked getppid call. A daemon whose WANT is 1 must get a copy
# of the host watch's PATH record for each read in its subtree (A's: both
# containers', B's tasks being in it; B's: its own), none if 0; and the
# records of its own rule either way, likewise two for A, one for B.
phase() {
	ctl A run "$1"
	ctl B run "$1"
	log_barrier || fail "$1: log barrier"
	for c in A B; do
		[ $c = A ] && _want=$(($2 * 2)) _own=2
		[ $c = B ] && _want=$3 _own=1
		_prev_own=$(cat "$STATE/$c.own" 2>/dev/null || echo 0)
		wait_until 30 eval '[ "$(grep -c "^type=1300 .* key=\"mine\"" "$STATE/$c.log")" -ge $((_prev_own + _own)) ]' ||
			fail "$1: $c: not $_own records of its own rule"
		_n=$(grep -c "^type=1300 .* key=\"mine\"" "$STATE/$c.log")
		expect_eq "$1: $c: records of its own rule" $((_n - _prev_own)) $_own
		echo "$_n" >"$STATE/$c.own"
		_watch=$(grep '^type=1302 ' "$STATE/$c.log" | grep -c "name=\"$watched\"")
		_prev=$(cat "$STATE/$c.watch" 2>/dev/null || echo 0)
		expect_eq "$1: $c: copies of the host watch's record" $((_watch - _prev)) "$_want"
		echo "$_watch" >"$STATE/$c.watch"
	done
	note "$1: host watch copied to A: $2, B: $3; own rules' records to both"
}
status_in() { ctl "$1" status "$2"; sed -n "s/^$3 //p" "$STATE/$1.status.$2"; }
changes() { tail -n +$from "$LOG" | grep '^type=CONFIG_CHANGE ' | grep -c "op=nsaudit-$1 userns=$2 .* res=$3"; }

expect_eq "A: delegated, before" "$(status_in A s0 delegated)" no
phase undelegated 0 0

nsauditctl delegate "$A" || fail "delegate A"
expect_eq "A: delegated" "$(status_in A s1 delegated)" yes
expect_eq "B: delegated (A's covers it)" "$(status_in B s1 delegated)" yes
expect_eq "host: delegations" "$(nsauditctl status | sed -n 's/^delegations //p')" 1
phase A-delegated 1 1

# Refusals, each one line with the kernel's reason, exit 1.
refuse() {
	_want=$1
	shift
	_err=$("$@" 2>&1 >/dev/null) && fail "accepted: $*"
	[ "$(echo "$_err" | wc -l)" = 1 ] || fail "$*: not one line: $_err"
	case "$_err" in *"$_want (kernel reports: "?*")") ;; *) fail "$*: want '$_want (kernel reports: ...)': $_err" ;; esac
}
refuse "File exists" nsauditctl delegate "$A"
refuse "No such file or directory" nsauditctl undelegate "$B"
refuse "Invalid argument" nsauditctl delegate $$
refuse "No such process" nsauditctl delegate 4194303
refuse "Operation not permitted" nsa-runas 65534 65534 nsauditctl delegate "$A"
ctl A try "$(cat "$STATE/A.pid")"
grep -q "Operation not permitted (kernel reports: " "$STATE/A.try" && grep -q "^rc=1$" "$STATE/A.try" ||
	fail "A's root delegated itself: $(cat "$STATE/A.try")"
note "refused: twice, not delegated itself, the initial namespace, no such process, unprivileged, a container's root"

nsauditctl undelegate "$A" || fail "undelegate A"
expect_eq "A: delegated, after undelegate" "$(status_in A s2 delegated)" no
phase A-undelegated 0 0
nsauditctl delegate "$B" || fail "delegate B"
phase B-delegated 0 1
nsauditctl set share none || fail "share none"
expect_eq "B: delegated, share none" "$(status_in B s3 delegated)" no
phase share-none 0 0
nsauditctl set share all || fail "share all"
expect_eq "share parameter" "$(cat /sys/module/nsaudit/parameters/share)" all
phase share-all 1 1
echo delegated >/sys/module/nsaudit/parameters/share || fail "share parameter"
expect_eq "host status: share" "$(nsauditctl status | sed -n 's/^share //p')" delegated
phase share-delegated 0 1

# Every change logged, refused ones with res=0.
log_barrier || fail "log barrier"
expect_eq "op=nsaudit-delegate of A" "$(changes delegate "$ns_A" 1)" 1
expect_eq "refused op=nsaudit-delegate of A" "$(changes delegate "$ns_A" 0)" 1
expect_eq "op=nsaudit-undelegate of A" "$(changes undelegate "$ns_A" 1)" 1
expect_eq "refused op=nsaudit-undelegate of B" "$(changes undelegate "$ns_B" 0)" 1
expect_eq "op=nsaudit-delegate of B" "$(changes delegate "$ns_B" 1)" 1
expect_eq "share changes" "$(tail -n +$from "$LOG" | grep -c 'op=nsaudit-set share=')" 3

echo stop >&5
echo stop >&4
exec 4>&- 5>&-
wait
# B's namespace is gone: its delegation with it.
wait_until 30 eval '[ "$(nsauditctl status | sed -n "s/^delegations //p")" = 0 ]' ||
	fail "delegation of a gone namespace kept: $(nsauditctl status | grep ^delegations)"
note "delegations: 0 once the containers are gone"
