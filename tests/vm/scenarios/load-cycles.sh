# 10 load/unload cycles (nsatest.cycles; make soak runs them round after
# round) while a process makes audited syscalls without pause and another
# talks to the netlink family (every cycle waits until a request was
# answered while loaded and one refused after unloading): every record
# the workload caused reaches the log, each either untouched or carrying
# the complete nsID set, and the kernel stays clean.
cycles=$(cmdline_arg nsatest.cycles)
cycles=${cycles:-10}
overlap=10	# cycles that wait for the request loop at both ends
# A short backlog: the kernel makes the loop wait for the daemon (nothing is
# lost), and what the module does shows in the log within a second instead
# of behind tens of thousands of queued records.
auditctl -b 256 >/dev/null || fail "auditctl -b"
auditctl -a always,exit -F arch=b64 -S openat -F success=0 -k nsa_cycle >/dev/null || fail "auditctl"
truth=$(nsid_truth self)
nsa-gen loop /nsa-missing/cycle >"$STATE/loop.out" 2>&1 &
loop=$!
wait_until 20 grep -q hostpid= "$STATE/loop.out" || fail "workload did not start"
pid=$(sed -n 's/.*hostpid=\([0-9]*\).*/\1/p' "$STATE/loop.out")
# Requests of every kind, SET included, arrive while the family goes away
# and comes back: one line per request, answered or refused. Paced: a
# process per request without pause would starve the emulated CPUs.
(
	while :; do
		for req in status "nsid $pid" "set queue 8192"; do
			if nsauditctl $req >/dev/null 2>&1; then
				echo "answered $req"
			else
				echo "refused $req"
			fi
			usleep 100000
		done
	done
) >"$STATE/ctl.out" &
ctl=$!
answered() { grep -c '^answered' "$STATE/ctl.out"; }
refused() { grep -c '^refused' "$STATE/ctl.out"; }

# newest_is enriched|plain: the newest record of the workload is so. Reads
# only the end of the log, which grows fast.
newest_is() {
	_l=$(tail -c 8192 "$LOG" | cut -d "$GS" -f 1 | grep " pid=$pid .*key=\"nsa_cycle\"" | tail -n 1)
	case "$1:$_l" in
	enriched:*" nsdev="*) return 0 ;;
	plain:*'key="nsa_cycle"') return 0 ;;
	esac
	return 1
}

# cycle_fail WHAT: fails with what the workload, the log and the kernel's
# audit queue were doing (a cycle that waited in vain once, in a run that
# left no trace of why).
cycle_fail() {
	echo "  newest record of the workload: $(tail -c 65536 "$LOG" | cut -d "$GS" -f 1 | grep " pid=$pid .*key=\"nsa_cycle\"" | tail -n 1)"
	echo "  log: $(wc -c <"$LOG") bytes; $(auditctl -s | tr '\n' ' ')"
	echo "  module: $(cat /sys/module/nsaudit/initstate 2>/dev/null || echo absent)"
	task_diag "$pid"
	task_diag "$(auditctl -s | sed -n 's/^pid //p')"
	fail "$@"
}

# Each cycle loads while plain records flow and unloads while enriched ones
# flow, so every load and every unload happens under load.
i=0
while [ $i -lt $cycles ]; do
	wait_until 30 newest_is plain || cycle_fail "cycle $i: no plain record before load"
	mark=$(answered)
	modprobe nsaudit || cycle_fail "cycle $i: modprobe"
	wait_until 30 newest_is enriched || cycle_fail "cycle $i: nothing enriched"
	# In the first cycles, unload only once the family answered in this
	# cycle, and go on only once a request was refused after the unload,
	# so that those provably meet the request loop at work (a request
	# costs seconds on the debug kernel: not in every cycle).
	[ $i -lt $overlap ] && { wait_until 30 eval '[ "$(answered)" -gt "$mark" ]' ||
		cycle_fail "cycle $i: no request answered"; }
	mark=$(refused)
	modprobe -r nsaudit || cycle_fail "cycle $i: modprobe -r"
	[ $i -lt $overlap ] && { wait_until 30 eval '[ "$(refused)" -gt "$mark" ]' ||
		cycle_fail "cycle $i: no request refused"; }
	i=$((i + 1))
done

kill -TERM $loop $ctl
wait $loop
wait $ctl 2>/dev/null
answered=$(answered)
refused=$(refused)
n=$(sed -n 's/^n=//p' "$STATE/loop.out")
[ -n "$n" ] && [ "$n" -gt 0 ] || fail "workload reported no count"
log_barrier || fail "the log did not catch up"
expect_eq "records for $n syscalls" "$(records SYSCALL "$pid" | wc -l)" "$n"
expect_eq "records with the right key" "$(records SYSCALL "$pid" | grep -c 'key="nsa_cycle"')" "$n"
enriched=$(records SYSCALL "$pid" | grep -cF " key=\"nsa_cycle\" $truth")
plain=$(records SYSCALL "$pid" | grep -c ' key="nsa_cycle"$')
expect_eq "complete + untouched records" $((enriched + plain)) "$n"
[ "$plain" -gt 0 ] || fail "no record made while unloaded"
# In the log, the workload's events follow each other in serial order.
records SYSCALL "$pid" | serials |
	awk 'NR > 1 && $1 <= prev { print "serial " $1 " after " prev; bad = 1 } { prev = $1 } END { exit bad }' ||
	fail "records out of order"
note "$cycles cycles: $n syscalls, $n records ($enriched enriched, $plain untouched)"
note "control requests meanwhile: $answered answered, $refused refused"
