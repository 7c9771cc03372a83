# A process given its container ID while it is inside fork(): the child
# that fork makes carries the ID all the same. nsa-tree "forks" maps 30 000
# pages apart (60 000 VMAs; 4 000 pages on the debug lane) and doubles them
# until a fork takes 400 ms (newer kernels copy a VMA several times
# faster: 6.8 copies the whole maple tree at once), so that each of its
# forks spends most of its time copying them in copy_process(), after
# cgroup_fork() (where the module prepares the entry of a child whose
# parent carries an ID) and before the child is linked.
# The process says when it is about to fork; SET_CONTID follows each such
# word until it succeeds, which it can only while the process has no
# child: while it is inside a fork, or in the instant between reaping one
# child and forking the next.
#
# Ground truth is the process's own timeline (when each fork() began and
# returned) against the moments the successful SET call began and
# returned: a fork that began 5 ms or more before the call and returned
# after it is one the ID was given in the middle of. Up to 3 processes,
# until one such fork is seen. Each child makes one failing openat, which
# a host rule selects: the record of a child forked wholly before the call
# has no contid, the records of the raced one and of every later one end
# with the ID; one op=drop, for the process itself, when it ends; nothing
# tracked after; no warning (the module warns should a child lack its
# entry, and the lanes panic on warnings).
. /nsaudit/lib.sh
nsa_load
# KASAN and lockdep make each VMA's copy (and each mprotect that splits
# one) many times dearer: there 4 000 do what 30 000 do elsewhere.
MAPS=30000
case "$(cmdline_arg nsatest.lane)" in debug*) MAPS=4000 ;; esac
FORK_MS=400
# Room for the doubling (each VMA costs the parent and the child about
# 200 bytes: 256 Ki of them about 100 MiB), given back at the end.
map_count=$(cat /proc/sys/vm/max_map_count)
trap 'echo "$map_count" >/proc/sys/vm/max_map_count' EXIT
echo 262144 >/proc/sys/vm/max_map_count || fail "vm.max_map_count"
OPTYPE=$(cat /sys/module/nsaudit/parameters/contid_op_type)
status() { nsauditctl status | sed -n "s/^$1 //p"; }
expect_eq "IDs tracked before" "$(status contids_tracked)" 0
# The drop records of $id logged since $from.
drop_records() {
	tail -c +"$from" "$LOG" | grep -E "^type=(UNKNOWN\[$OPTYPE\]|$OPTYPE) " |
		grep " op=drop opid=[0-9]* contid=-1 old-contid=$id "
}
drops() { drop_records | grep -c .; }

# classify OUT: "before|race|after|overlap PID" for each fork in OUT, by
# its times against the call's ($tb, $ta).
classify() {
	local _f _s _e _p
	grep '^fork ' "$1" | while read -r _f _s _e _p; do
		_s=${_s#start=} _e=${_e#end=} _p=${_p#pid=}
		if [ "$_e" -lt "$tb" ]; then
			echo "before $_p"
		elif [ "$_s" -gt "$ta" ]; then
			echo "after $_p"
		elif [ $((_s + 5000000)) -le "$tb" ] && [ "$_e" -ge "$ta" ]; then
			echo "race $_p"
		else
			echo "overlap $_p"
		fi
	done
}

hit=
for k in 1 2 3; do
	id=$((5150 + k))
	from=$(($(wc -c <"$LOG") + 1))	# this process's part of the log
	out=$STATE/forks.$k
	rm -f "$STATE/hold.$k"
	auditctl -a always,exit -F arch=b64 -S openat -F success=0 -k "race$k" >/dev/null ||
		fail "auditctl"
	nsa-tree --hold "$STATE/hold.$k" forks $MAPS $FORK_MS >"$out" 2>&1 &
	tree=$!
	wait_until 600 grep -q '^self pid=' "$out" || fail "forks did not start: $(cat "$out")"
	note "process $k: $(grep '^maps ' "$out")"
	P=$(sed -n 's/^self pid=//p' "$out")
	wait_until 300 eval '[ "$(grep -c "^fork " "$out")" -ge 2 ]' ||
		fail "forks: $(tail -n 3 "$out")"

	# Every refusal is the one for a process with a child.
	tries=0
	while :; do
		n=$(grep -c '^forking' "$out")
		wait_until 300 eval '[ "$(grep -c "^forking" "$out")" -gt "$n" ]' ||
			fail "no fork after $n: $(tail -n 3 "$out")"
		tb=$(nsa-tree now)
		msg=$(nsauditctl contid set "$P" $id 2>&1) && break
		case "$msg" in
		*"Device or resource busy (kernel reports: the process has threads or children"*) ;;
		*) fail "set, try $tries: $msg" ;;
		esac
		tries=$((tries + 1))
		[ $tries -lt 100 ] || fail "set refused $tries times"
	done
	ta=$(nsa-tree now)

	# Five forks begun after the call, then the end.
	wait_until 300 eval '[ "$(classify "$out" | grep -c "^after ")" -ge 5 ]' ||
		fail "forks after the set: $(tail -n 3 "$out")"
	: >"$STATE/hold.$k"
	wait_until 300 grep -q '^done n=' "$out" || fail "forks did not end: $(tail -n 3 "$out")"
	wait "$tree" || fail "forks failed: $(tail -n 3 "$out")"
	log_barrier || fail "log barrier"

	# Each child: one record of its call, with the ID it should carry.
	classify "$out" >"$STATE/kinds.$k"
	while read -r kind c; do
		r=$(records SYSCALL "$c" | grep "key=\"race$k\"")
		expect_eq "$kind child $c: records" "$(printf '%s' "$r" | grep -c .)" 1
		# The ID it carries: ours, none, or (never) another.
		case "$r" in
		*" contid=$id") has=id ;;
		*" contid="*) fail "$kind child $c carries another ID: $r" ;;
		*) has=none ;;
		esac
		case "$kind:$has" in
		before:none | race:id | after:id | overlap:*) ;;
		*) fail "$kind child $c: ID $has: $r" ;;
		esac
	done <"$STATE/kinds.$k"
	n_before=$(grep -c '^before ' "$STATE/kinds.$k")
	n_race=$(grep -c '^race ' "$STATE/kinds.$k")
	n_after=$(grep -c '^after ' "$STATE/kinds.$k")
	wait_until 60 eval '[ "$(drops)" -ge 1 ]' || fail "no op=drop for $id"
	expect_eq "drop records of $id" "$(drops)" 1
	expect_eq "the last task of $id" "$(drop_records | sed -n 's/.* op=drop opid=\([0-9]*\) .*/\1/p')" "$P"
	auditctl -d always,exit -F arch=b64 -S openat -F success=0 -k "race$k" >/dev/null ||
		fail "auditctl -d"
	echo "contid-race: process $k: $tries refusals, then forks: $n_before before, $n_race raced, $n_after after"
	if [ "$n_race" -ge 1 ]; then
		hit=$k
		break
	fi
done
[ -n "$hit" ] || fail "in 3 processes no set came in the middle of a fork"
wait_until 60 eval '[ "$(status contid_tasks)" = 0 ] && [ "$(status contids_tracked)" = 0 ]' ||
	fail "still tracked: $(status contid_tasks) tasks, $(status contids_tracked) IDs"
note "process $hit was given its ID inside a fork: that child ($n_race) and the $n_after after carry it, the $n_before before do not; one op=drop"
