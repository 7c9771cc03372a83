# auditctl -e 2 locks the kernel's audit configuration until reboot, and
# nsaudit's with it: every change of a setting (nsauditctl set, a module
# parameter write) is refused with EPERM and the kernel's reason, logged as
# a refused CONFIG_CHANGE (res=0) and changes nothing; the module cannot be
# unloaded; records stay enriched. Container IDs still work: like loginuid,
# an ID is a process's attribute, not audit configuration.
#
# Runs last in its lane: the lock holds until the VM ends. On the debug
# lane the module is loaded after the lock (pinned at load); on the others
# the lock comes while it is loaded, and no record passes between the lock
# and the unload attempt, so only the delete_module() hook can pin it.
params=/sys/module/nsaudit/parameters
refcnt=/sys/module/nsaudit/refcnt
locked="Operation not permitted (kernel reports: the audit configuration is locked (audit_enabled=2) until reboot)"

# Only nsa-gen's failing openat calls: nothing rmmod does makes a record.
auditctl -a always,exit -F arch=b64 -S openat -F success=0 -F exe="$(command -v nsa-gen)" \
	-k nsa_locked >/dev/null || fail "auditctl"
if [ "${lane#debug}" != "$lane" ]; then
	auditctl -e 2 >/dev/null || fail "auditctl -e 2"
	nsa_load
	expect_eq "references after a load under the lock" "$(cat $refcnt)" 1
else
	nsa_load
	expect_eq "references before the lock" "$(cat $refcnt)" 0
	auditctl -e 2 >/dev/null || fail "auditctl -e 2"
	expect_eq "references after the lock" "$(cat $refcnt)" 0
fi
auditctl -s | grep -q '^enabled 2$' || fail "audit not locked: $(auditctl -s)"

! modprobe -r nsaudit 2>"$STATE/unload.err" || fail "modprobe -r unloaded it under the lock"
! rmmod nsaudit 2>>"$STATE/unload.err" || fail "rmmod unloaded it under the lock"
[ -d /sys/module/nsaudit ] || fail "the module is gone"
expect_eq "references after two unload attempts" "$(cat $refcnt)" 1
dmesg | grep -q 'audit configuration locked: settings frozen and module pinned until reboot' ||
	fail "no kernel message about the pin"
note "pinned: $(head -n 1 "$STATE/unload.err")"

settings() { nsauditctl status | grep -E '^(enrich|daemons|queue|rules|backlog|memory|contids|user_daemons|user_memory|daemon_memory) '; }
before=$(settings) || fail "status: $(nsauditctl status 2>&1)"
log_barrier || fail "log barrier"
sets_before=$(records CONFIG_CHANGE | grep -c ' op=nsaudit-set ')

# Through the family: one line with the kernel's reason, exit 1.
n=0
for kv in "enrich off" "daemons 3" "queue 4096" "rules 10" "backlog 4096" "memory 4096" "contids 100" \
	"user_daemons 3" "user_memory 4096" "daemon_memory 4096"; do
	err=$(nsauditctl set $kv 2>&1)
	rc=$?
	[ "$rc" = 1 ] || fail "set $kv: exit $rc under the lock: $err"
	[ "$(echo "$err" | wc -l)" = 1 ] || fail "set $kv: not one line: $err"
	case "$err" in *"$locked") ;; *) fail "set $kv: want '$locked', got: $err" ;; esac
	n=$((n + 1))
done
err=$(nsauditctl -e 0 2>&1) && fail "-e 0 accepted under the lock"
n=$((n + 1))
# Through the parameters: EPERM, valid values, not the current ones.
for pv in enrich=N daemons=3 queue=4096 rules=10 backlog=4096 memory=4096 contids=100 \
	user_daemons=3 user_memory=4096 daemon_memory=4096; do
	p=${pv%%=*}
	if echo "${pv#*=}" 2>"$STATE/write.err" >"$params/$p"; then
		fail "$p: written under the lock"
	fi
	grep -q 'Operation not permitted' "$STATE/write.err" || fail "$p: $(cat "$STATE/write.err")"
	n=$((n + 1))
done
type=$(cat $params/contid_op_type)
! echo 1391 2>/dev/null >$params/contid_op_type || fail "contid_op_type written under the lock"
expect_eq "contid_op_type" "$(cat $params/contid_op_type)" "$type"
expect_eq "settings" "$(settings)" "$before"
note "$n changes refused, settings as they were"

log_barrier || fail "log barrier"
records CONFIG_CHANGE | grep ' op=nsaudit-set ' | tail -n +$((sets_before + 1)) >"$STATE/sets"
expect_eq "refused changes logged" "$(grep -c . "$STATE/sets")" "$n"
expect_eq "of them with res=0" "$(grep -c ' res=0' "$STATE/sets")" "$n"

# Records are still enriched, with the caller's own set.
spawn locked $GEN open 2 /nsa-missing/locked
truth=$(nsid_truth "$PID")
go
wait_until 20 count_is 2 records SYSCALL "$PID" || fail "not 2 records: $(records SYSCALL "$PID")"
records SYSCALL "$PID" | while read -r l; do
	ends_with_nsid "$l" "$truth" || fail "not enriched under the lock: $l"
done || exit 1

# Container IDs are not configuration.
sleep 600 &
sleeper=$!
nsauditctl contid set $sleeper 4242 || fail "contid set under the lock"
expect_eq "container ID under the lock" "$(nsauditctl contid get $sleeper)" 4242
kill $sleeper
wait $sleeper 2>/dev/null
note "records enriched, container IDs set, under the lock"
