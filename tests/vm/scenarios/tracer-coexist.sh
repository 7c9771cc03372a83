# Another tracer on the functions nsaudit hooks changes nothing. With a
# tracefs kretprobe on audit_log_end() and cgroup_fork(), then also with
# the function_graph tracer on both (each registered after nsaudit's own
# probes, so each rewrites the return address before nsaudit's probe
# sees the call), every SYSCALL record of a workload carries exactly one
# nsID set, the host's audit log and a daemon's copies hold each record
# exactly once, and a process given a container ID still passes it to a
# child it forks (the fork redirect runs once).
nsa_load
chmod 1777 "$STATE"
T=/sys/kernel/tracing
[ -f "$T/kprobe_events" ] || mount -t tracefs nodev "$T" || fail "mount tracefs"
auditctl -a always,exit -F arch=b64 -S openat -F success=0 -k nsa_tracer >/dev/null ||
	fail "auditctl"
# Not a job of this shell: go() waits for the workloads' jobs.
(nsa-daemon "$STATE/H.log" >"$STATE/H.daemon" 2>&1 & echo $! >"$STATE/H.pid")
wait_until 30 grep -qs '^registered' "$STATE/H.daemon" || fail "H: $(cat "$STATE/H.daemon")"

# one_set LINE: exactly one nsID set in LINE.
one_set() {
	[ "$(echo "$1" | grep -o ' nsdev=' | wc -l)" = 1 ]
}

# round NAME CONTID: a workload makes 3 failing openat calls, and a process
# given CONTID forks a child that makes one; checks both logs.
round() {
	spawn "$1" $GEN open 3 "/nsa-missing/tracer-$1"
	truth=$(nsid_truth "$PID")
	go
	wait_until 30 count_is 3 records SYSCALL "$PID" ||
		fail "$1: $(records SYSCALL "$PID" | wc -l) host records of $PID, want 3"
	records SYSCALL "$PID" | while read -r l; do
		one_set "$l" || fail "$1: not one nsID set: $l"
		ends_with_nsid "$l" "$truth" || fail "$1: nsID set: $l"
	done || exit 1
	wait_until 30 eval '[ "$(syscalls "$STATE/H.log" "$PID" | wc -l)" -ge 3 ]' ||
		fail "$1: daemon has $(syscalls "$STATE/H.log" "$PID" | wc -l) records of $PID, want 3"
	log_barrier || fail "$1: the log did not catch up"
	expect_eq "$1: daemon's records of $PID" "$(syscalls "$STATE/H.log" "$PID" | wc -l)" 3
	expect_eq "$1: distinct events in the daemon's copies" \
		"$(syscalls "$STATE/H.log" "$PID" | sed -n 's/^type=1300 audit([0-9.]*:\([0-9]*\)).*/\1/p' | sort -u | wc -l)" 3
	syscalls "$STATE/H.log" "$PID" | while read -r l; do
		one_set "$l" || fail "$1: daemon's copy has not one nsID set: $l"
	done || exit 1

	# The fork redirect: a process given an ID forks a child.
	rm -f "$STATE/go.$1" "$STATE/hold.$1"
	nsa-tree --wait "$STATE/go.$1" --hold "$STATE/hold.$1" tree >"$STATE/$1.tree" 2>&1 &
	wait_until 30 grep -q '^self pid=' "$STATE/$1.tree" || fail "$1: $(cat "$STATE/$1.tree")"
	P=$(hostpid_of "--hold $STATE/hold.$1 tree" nsa-tree) || fail "$1: no host pid"
	nsauditctl contid set "$P" "$2" || fail "$1: contid set"
	: >"$STATE/go.$1"
	wait_until 60 grep -q '^exec pid=' "$STATE/$1.tree" || fail "$1: $(cat "$STATE/$1.tree")"
	C=$(sed -n 's/^child pid=//p' "$STATE/$1.tree")
	wait_until 30 count_is 1 records SYSCALL "$C" ||
		fail "$1: $(records SYSCALL "$C" | wc -l) records of the child $C, want 1"
	l=$(records SYSCALL "$C")
	one_set "$l" || fail "$1: child's record: not one nsID set: $l"
	case "$l" in *" contid=$2") ;; *) fail "$1: child's record lacks contid=$2: $l" ;; esac
	: >"$STATE/hold.$1"
	wait_until 30 grep -q '^done' "$STATE/$1.tree" || fail "$1: the tree did not end"
	note "$1: one nsID set a record, each record once in both logs, the child carries $2"
}

round none 801
echo 'r:nsatest/ale audit_log_end' >>"$T/kprobe_events" || fail "kretprobe on audit_log_end"
echo 'r:nsatest/cgf cgroup_fork' >>"$T/kprobe_events" || fail "kretprobe on cgroup_fork"
echo 1 >"$T/events/nsatest/enable" || fail "enable the kretprobes"
round kretprobe 802
hits=$(grep -c 'ale:' "$T/trace")
[ "$hits" -gt 0 ] || fail "the kretprobe on audit_log_end never fired"
note "kretprobe on audit_log_end fired $hits times"
echo audit_log_end >"$T/set_ftrace_filter" || fail "set_ftrace_filter"
echo cgroup_fork >>"$T/set_ftrace_filter" || fail "set_ftrace_filter"
echo function_graph >"$T/current_tracer" || fail "function_graph"
expect_eq "the tracer" "$(cat "$T/current_tracer")" function_graph
round function_graph 803
echo nop >"$T/current_tracer"
echo >"$T/set_ftrace_filter"
echo 0 >"$T/events/nsatest/enable"
echo >"$T/kprobe_events" || fail "remove the kretprobes"
round after 804
kill -TERM "$(cat "$STATE/H.pid")"
wait_until 30 grep -qs '^end reason=unregistered' "$STATE/H.daemon" ||
	fail "H: daemon did not end cleanly: $(cat "$STATE/H.daemon")"
