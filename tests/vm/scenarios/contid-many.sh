# 10 000 tasks (3 000 on the debug lanes, where each thread costs KASAN
# and lockdep many times over) carrying one container ID at once (threads
# of one process given the ID before it made them), each making a failing
# openat that a host rule selects: every one of them carries the ID, every
# record ends with it, the module tracks N + 1 tasks; when they end, one
# op=drop and the tracking is back to where it started (no task, no ID,
# and the slab cache of task entries holds what it held before, as the
# allocator counts it), without a splat (the debug lane: KASAN, lockdep,
# kmemleak).
. /nsaudit/lib.sh
nsa_load
N=10000
case "$(cmdline_arg nsatest.lane)" in debug*) N=3000 ;; esac
OPTYPE=$(cat /sys/module/nsaudit/parameters/contid_op_type)
status() { nsauditctl status | sed -n "s/^$1 //p"; }
# Task entries in use, as the allocator counts them: shrinking first
# flushes the per-CPU slabs (and KASAN's quarantine), so that the count is
# exact (lanes boot with slab_nomerge: the cache is the module's alone).
slab=/sys/kernel/slab/nsaudit_cid_task
[ -d "$slab" ] && [ ! -L "$slab" ] || fail "no slab cache of its own: $(ls -ld "$slab" 2>&1)"
in_use() { echo 1 >"$slab/shrink" && awk '{ print $1 }' "$slab/objects"; }
expect_eq "tasks tracked before" "$(status contid_tasks)" 0
expect_eq "task entries in the slab cache before" "$(in_use)" 0
auditctl -a always,exit -F arch=b64 -S openat -F success=0 -k many >/dev/null ||
	fail "auditctl"
# The kernel's default thread limit scales with memory: about 8 000 in a
# 1 GiB guest. The debug kernel (CONFIG_BASE_SMALL) has 4 096 pids.
tmax=$(cat /proc/sys/kernel/threads-max)
[ "$tmax" -ge $((N + 1000)) ] || echo $((N + 1000)) >/proc/sys/kernel/threads-max ||
	fail "threads-max"
pmax=$(cat /proc/sys/kernel/pid_max)
[ "$pmax" -ge $((N + 1000)) ] || echo 32768 >/proc/sys/kernel/pid_max ||
	fail "pid_max"
rm -f "$STATE/go" "$STATE/hold"
nsa-tree --wait "$STATE/go" --hold "$STATE/hold" many $N >"$STATE/many.out" 2>&1 &
wait_until 30 grep -q '^self pid=' "$STATE/many.out" || fail "many: $(cat "$STATE/many.out")"
P=$!
nsauditctl contid set $P 90210 || fail "contid set"
: >"$STATE/go"
wait_until 900 eval 'grep -q "^ready n=$N\$" "$STATE/many.out" || ! kill -0 $P 2>/dev/null'
grep -q "^ready n=$N\$" "$STATE/many.out" || fail "many: $(tail -n 3 "$STATE/many.out")"
expect_eq "threads" "$(ls /proc/$P/task | wc -l)" $((N + 1))
expect_eq "tasks tracked" "$(status contid_tasks)" $((N + 1))
expect_eq "IDs tracked" "$(status contids_tracked)" 1
# One per task, none pending (the process made its last thread), and the
# reserve of 64 kept while any task carries an ID (README, container IDs).
expect_eq "task entries in the slab cache" "$(in_use)" $((N + 1 + 64))
# A hundred threads' own IDs, as the module answers for each tid (the
# counter and the records account for all of them).
bad=0
for t in $(ls /proc/$P/task | awk 'NR % 100 == 1'); do
	[ "$(nsauditctl contid get "$t")" = 90210 ] || bad=$((bad + 1))
done
expect_eq "sampled threads without the ID" $bad 0
log_barrier || fail "log barrier"
expect_eq "records of the threads" "$(records SYSCALL $P | grep -c 'key="many"')" $N
expect_eq "records without contid=90210" "$(records SYSCALL $P | grep 'key="many"' | grep -vc ' contid=90210$')" 0
: >"$STATE/hold"
wait_until 900 grep -q '^done' "$STATE/many.out" || fail "many did not end"
wait
wait_until 120 eval 'log_since | grep -E "^type=(UNKNOWN\[$OPTYPE\]|$OPTYPE) " | grep -q " op=drop opid=$P contid=-1 old-contid=90210 "' ||
	fail "no op=drop"
expect_eq "drop records" "$(log_since | grep -E "^type=(UNKNOWN\[$OPTYPE\]|$OPTYPE) " | grep -c ' op=drop .* old-contid=90210 ')" 1
wait_until 60 eval '[ "$(status contid_tasks)" = 0 ] && [ "$(status contids_tracked)" = 0 ]' ||
	fail "still tracked: $(status contid_tasks) tasks, $(status contids_tracked) IDs"
# Entries go an RCU grace period after their task's release.
wait_until 60 eval '[ "$(in_use)" = 0 ]'
expect_eq "task entries in the slab cache after" "$(in_use)" 0
echo "$tmax" >/proc/sys/kernel/threads-max
echo "$pmax" >/proc/sys/kernel/pid_max
note "$N threads carried ID 90210 and made $N records with it; one op=drop; nothing tracked after, the slab cache of entries empty again"
