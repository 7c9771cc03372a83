# Which records carry the nsID set: the principal record of every event a
# user task logs (SYSCALL; USER, LOGIN, CONFIG_CHANGE and a kernel record
# logged in the task's own context), each with that task's own set; never
# the auxiliary records of a syscall event (PATH, CWD, EXECVE, PROCTITLE,
# SOCKADDR, EOE), nor records logged by a kernel thread or in interrupt
# context.
nsa_load
modprobe nsaudit_testgen || fail "modprobe nsaudit_testgen"

# matching TYPE PID PATTERN: TYPE records of PID (any, if empty) with PATTERN.
matching() {
	records "$1" $2 | grep -F -- "$3"
}

# expect_one TYPE PID PATTERN TRUTH: exactly one TYPE record of PID that
# matches PATTERN, ending with TRUTH.
expect_one() {
	wait_until 20 count_is 1 matching "$1" "$2" "$3" ||
		fail "$1: $(records "$1" "$2" | grep -cF -- "$3") records of pid $2 with '$3', want 1"
	_line=$(records "$1" "$2" | grep -F -- "$3")
	ends_with_nsid "$_line" "$4" || fail "$1 record not enriched with $4: $_line"
	note "$1 of pid $2: enriched"
}

# USER, from a process in its own mount, UTS and IPC namespaces (it must stay
# in the initial user and network namespaces to talk to the audit netlink).
spawn user $UNSHARE -m -u -i $GEN user nsa-user-message
truth=$(nsid_truth "$PID")
go
expect_one USER "$PID" "msg='nsa-user-message" "$truth"

# LOGIN
spawn login $UNSHARE -u $GEN loginuid 1000
truth=$(nsid_truth "$PID")
go
expect_one LOGIN "$PID" "auid=1000" "$truth"

# CONFIG_CHANGE, logged in auditctl's own context; the record names no pid,
# so the key identifies it. Ground truth comes from the same namespaces.
$UNSHARE -m -u sh -c ". /nsaudit/lib.sh; nsid_truth self >$STATE/cc.truth &&
	exec auditctl -a always,exit -F arch=b64 -S chmod -k nsa_cc >/dev/null" ||
	fail "auditctl in new namespaces"
wait_until 20 count_is 1 matching CONFIG_CHANGE "" 'op=add_rule key="nsa_cc"' ||
	fail "CONFIG_CHANGE of nsa_cc: not exactly one"
line=$(records CONFIG_CHANGE | grep -F 'op=add_rule key="nsa_cc"')
ends_with_nsid "$line" "$(cat "$STATE/cc.truth")" || fail "CONFIG_CHANGE not enriched: $line"
note "CONFIG_CHANGE: enriched"

# Kernel records: enriched only when logged in a user task's own context.
host=$(nsid_truth self)
echo task >/sys/module/nsaudit_testgen/parameters/fire || fail "fire task"
echo kthread >/sys/module/nsaudit_testgen/parameters/fire || fail "fire kthread"
echo softirq >/sys/module/nsaudit_testgen/parameters/fire || fail "fire softirq"
contexts="task kthread softirq"
if grep -q PREEMPT_RT /proc/version; then
	# Hard interrupt context may not allocate on PREEMPT_RT, so nothing
	# there can log; the helper refuses rather than misbehave.
	! echo hardirq >/sys/module/nsaudit_testgen/parameters/fire 2>/dev/null ||
		fail "hardirq accepted on PREEMPT_RT"
else
	echo hardirq >/sys/module/nsaudit_testgen/parameters/fire || fail "fire hardirq"
	contexts="$contexts hardirq"
fi
for ctx in $contexts; do
	wait_until 20 count_is 1 matching KERNEL_OTHER "" "nsaudit_testgen ctx=$ctx " ||
		fail "testgen $ctx: not exactly one record"
	line=$(records KERNEL_OTHER | grep -F "nsaudit_testgen ctx=$ctx ")
	if [ "$ctx" = task ]; then
		ends_with_nsid "$line" "$host" || fail "task-context record not enriched: $line"
	else
		! has_nsid "$line" || fail "$ctx record enriched: $line"
	fi
	note "kernel record from $ctx: $(has_nsid "$line" && echo enriched || echo untouched)"
done

# Auxiliary records: an execve event (EXECVE, CWD, PATH, PROCTITLE, EOE) and
# a connect event (SOCKADDR) of one process.
auditctl -a always,exit -F arch=b64 -S execve -S connect -k nsa_aux >/dev/null || fail "auditctl"
spawn aux $GEN connect "$STATE/no-socket"
truth=$(nsid_truth "$PID")
go
wait_until 20 count_is 2 records SYSCALL "$PID" ||
	fail "aux: $(records SYSCALL "$PID" | wc -l) SYSCALL records, want 2 (execve, connect)"
log_barrier || fail "the log did not catch up"
seen=""
for serial in $(records SYSCALL "$PID" | serials); do
	log_since | grep "^type=[A-Z_]* msg=audit([0-9.]*:$serial)" | cut -d "$GS" -f 1 >"$STATE/event"
	while read -r l; do
		type=${l%% *}
		type=${type#type=}
		if [ "$type" = SYSCALL ]; then
			ends_with_nsid "$l" "$truth" || fail "SYSCALL not enriched: $l"
		else
			! has_nsid "$l" || fail "auxiliary $type record enriched: $l"
			seen="$seen $type"
		fi
	done <"$STATE/event"
done
# auditd keeps EOE records to itself; nsa-auditd writes them.
aux="EXECVE CWD PATH PROCTITLE SOCKADDR"
[ "$LOG" = /tmp/audit.log ] && aux="$aux EOE"
for t in $aux; do
	case " $seen " in *" $t "*) ;; *) fail "no $t record seen (saw:$seen)" ;; esac
done
note "auxiliary records untouched:$(echo "$seen" | tr ' ' '\n' | sort -u | tr '\n' ' ')"
