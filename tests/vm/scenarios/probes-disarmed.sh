# Kprobes switched off under the module (debugfs kprobes/enabled, and the
# ftrace_enabled sysctl where the kernel has ftrace) while a process
# carrying a container ID forks: status says so ("probes disarmed", then
# "probes firing" again), no child is killed and nothing warns (every lane
# boots with panic_on_warn=1), and each child created while disarmed
# carries the ID (the module's table while it lives, its record once
# re-armed) or is counted as lost, with op=lost records saying how many:
# children with the ID + lost = children, exactly.
#
# The tree is a shell that reads commands from a FIFO (builtins only, so
# it has no child when it is given its ID). "PHASE K" makes it start K
# children that each wait for a line on the FIFO $STATE/rel.PHASE (blocked,
# not polling: polling children starve the debug kernel's kmemleak thread
# into an RCU stall under emulation), then exec nsa-gen, which makes one
# failing openat and exits 0; it waits for them and says "PHASE RC".
# Each child costs a process and a status request: fewer on the debug
# kernel (KASAN under emulation).
K=20
case "$lane" in debug*) K=8 ;; esac
ID=90417	# no other scenario's
kp=/sys/kernel/debug/kprobes/enabled
# Only this scenario's part of the log counts.
from=$(($(wc -l <"$LOG") + 1))
nsa_load
OPTYPE=$(cat /sys/module/nsaudit/parameters/contid_op_type)
status_val() { nsauditctl status | sed -n "s/^$1 //p"; }
expect_eq "probes at load" "$(status_val probes)" firing
lost0=$(status_val contid_lost)
[ -n "$lost0" ] || fail "no contid_lost counter: $(nsauditctl status)"
auditctl -a always,exit -F arch=b64 -S openat -F success=0 -F exe="$(command -v nsa-gen)" \
	-k nsa_pd >/dev/null || fail "auditctl"
spawn truth $GEN ids
TRUTH=$(nsid_truth "$PID")
go

mkfifo "$STATE/ctl"
# shellcheck disable=SC2016
sh -c '
	while read -r ph k; do
		[ "$ph" = stop ] && exit 0
		j=0
		pids=
		while [ $j -lt "$k" ]; do
			sh -c "read -r _ && exec nsa-gen open 1 /nsa-missing/pd-$ph" <"$0/rel.$ph" >/dev/null &
			pids="$pids $!"
			j=$((j + 1))
		done
		rc=0
		for p in $pids; do wait "$p" || rc=$?; done
		echo "$ph $rc" >>"$0/tree.out"
	done' "$STATE" <"$STATE/ctl" &
TREE=$!
exec 4>"$STATE/ctl"
nsauditctl contid set "$TREE" $ID || fail "contid set"

# The tree's children, from every process's parent (the debug kernel has
# no /proc/PID/task/TID/children).
children() {
	awk -v t="$TREE" '{ sub(/^.*\) /, ""); if ($2 == t) { split(FILENAME, f, "/"); print f[3] } }' \
		/proc/[0-9]*/stat 2>/dev/null
}

# start NAME: K children of the tree; sets WITH to those that carry the
# ID, and records their pids in $STATE/pids.NAME.
start() {
	mkfifo "$STATE/rel.$1" || fail "mkfifo"
	echo "$1 $K" >&4
	wait_until 60 eval '[ "$(children | grep -c .)" -ge $K ]' ||
		fail "$1: the tree started $(children | grep -c .) of $K children"
	children >"$STATE/pids.$1"
	WITH=0
	for c in $(cat "$STATE/pids.$1"); do
		_id=$(nsauditctl contid get "$c") || fail "$1: child $c: $_id"
		case "$_id" in
		$ID) WITH=$((WITH + 1)) ;;
		-1) echo "$c" >>"$STATE/lost.$1" ;;
		*) fail "$1: child $c carries $_id" ;;
		esac
	done
}

# finish NAME: lets the children go; none was killed.
finish() {
	# Read-write: never blocks, and a child's exit cannot make it a
	# broken pipe. A line each, twice over: ash reads a pipe a byte at a
	# time, so none takes two; the spare ones stay unread.
	exec 6<>"$STATE/rel.$1"
	_i=0
	while [ $_i -lt $((2 * K)) ]; do
		echo go >&6
		_i=$((_i + 1))
	done
	wait_until 120 grep -q "^$1 " "$STATE/tree.out" || fail "$1: the children did not end"
	exec 6>&-
	expect_eq "$1: the children's exit status" "$(sed -n "s/^$1 //p" "$STATE/tree.out")" 0
}

start armed
finish armed
expect_eq "armed: children with the ID" "$WITH" $K
phases=armed
lost_total=0
for how in kprobes ftrace; do
	case $how in
	kprobes) echo 0 >$kp || fail "disarm kprobes" ;;
	ftrace)
		if [ ! -w /proc/sys/kernel/ftrace_enabled ]; then
			note "no ftrace_enabled sysctl (no ftrace in this kernel): kprobes use int3"
			continue
		fi
		# Debian's 7.3 refuses the write (EOPNOTSUPP): ftrace cannot be
		# switched off there, so it cannot disarm the probes either.
		if ! echo 0 2>"$STATE/ftrace.err" >/proc/sys/kernel/ftrace_enabled; then
			grep -q 'not supported' "$STATE/ftrace.err" ||
				fail "ftrace off: $(cat "$STATE/ftrace.err")"
			expect_eq "ftrace_enabled after a refused 0" "$(cat /proc/sys/kernel/ftrace_enabled)" 1
			note "this kernel does not let ftrace be switched off"
			continue
		fi
		;;
	esac
	expect_eq "$how off: probes" "$(status_val probes)" disarmed
	start "off-$how"
	case $how in
	kprobes) echo 1 >$kp || fail "re-arm kprobes" ;;
	ftrace) echo 1 >/proc/sys/kernel/ftrace_enabled || fail "ftrace on" ;;
	esac
	expect_eq "$how on again: probes" "$(status_val probes)" firing
	# Released re-armed: their records carry the set, and the ID if given.
	finish "off-$how"
	lost_total=$((lost_total + K - WITH))
	phases="$phases off-$how"
	note "$how off: $WITH of $K children carry the ID, $((K - WITH)) lost; none killed"
done
start rearmed
finish rearmed
expect_eq "re-armed: children with the ID" "$WITH" $K
phases="$phases rearmed"
echo stop >&4
exec 4>&-
wait $TREE || fail "the tree: exit $?"

# Exact accounting: lost children = the counter's growth = op=lost counts.
expect_eq "contid_lost" "$(status_val contid_lost)" $((lost0 + lost_total))
wait_until 30 eval '[ "$(status_val contids_tracked)" = 0 ]' || fail "ID still tracked"
log_barrier || fail "log barrier"
tail -n +$from "$LOG" | grep -E "^type=(UNKNOWN\[$OPTYPE\]|$OPTYPE) " | cut -d "$GS" -f 1 | grep " old-contid=$ID " >"$STATE/ops"
logged=$(sed -n 's/.* op=lost .* count=\([0-9]*\) .*/\1/p' "$STATE/ops" | awk '{ s += $1 } END { print s + 0 }')
expect_eq "children logged as lost" "$logged" "$lost_total"
expect_eq "op=drop records" "$(grep -c ' op=drop ' "$STATE/ops")" 1

# Each child's one record: its nsID set, and the ID unless it was lost.
# Read from this scenario's records once: a lane's whole log is large by
# now, and scanning it for each child took minutes.
tail -n +$from "$LOG" | grep '^type=SYSCALL msg=' | cut -d "$GS" -f 1 |
	grep -F ' key="nsa_pd"' >"$STATE/pd.records"
for ph in $phases; do
	for c in $(cat "$STATE/pids.$ph"); do
		want="$TRUTH contid=$ID"
		grep -qx "$c" "$STATE/lost.$ph" 2>/dev/null && want=$TRUTH
		_r=$(grep " pid=$c " "$STATE/pd.records")
		expect_eq "$ph: records of child $c" "$(echo "$_r" | grep -c .)" 1
		ends_with_nsid "$_r" "$want" || fail "$ph: child $c: want ...$want: $_r"
	done
done
note "status told the truth; each of $(cat "$STATE"/pids.* | grep -c .) children carried ID $ID or was counted and logged as lost ($lost_total)"
