# An audit container ID, given by the host's root to a process that has no
# thread and no child yet, is carried by everything it then makes: a
# thread, a child, a grandchild, and the program the grandchild execs
# (nsa-tree "tree": its own report of the tree, checked against /proc's
# links between the tasks). Nothing else carries it. Every SYSCALL record
# of those tasks ends with the nsID set and "contid=N" (a host rule selects
# their failing openat calls), and so does every copy the daemon of a
# container gets when the tree runs there; the container's root reads the
# IDs of its own processes. When the last task exits, one op=drop record;
# the module then tracks nothing, and drops nothing more.
. /nsaudit/rules-lib.sh
nsa_load
chmod 1777 "$STATE"
OPTYPE=$(cat /sys/module/nsaudit/parameters/contid_op_type)
# op_records: the CONTAINER_OP records of the log (auditd writes a type it
# does not know as UNKNOWN[N]).
op_records() {
	log_since | grep -E "^type=(UNKNOWN\[$OPTYPE\]|$OPTYPE) " | cut -d "$GS" -f 1
}
tracked() { nsauditctl status | sed -n 's/^contids_tracked //p'; }
expect_eq "IDs tracked before" "$(tracked)" 0
auditctl -a always,exit -F arch=b64 -S openat -F success=0 -k ct >/dev/null ||
	fail "auditctl"

# tree_pid OUT ROLE: the pid nsa-tree reported for ROLE.
tree_pid() { sed -n "s/^$2 pid=//p" "$1" | head -n 1; }

# start_tree NAME [PREFIX]: nsa-tree "tree" (run by PREFIX, e.g. in a
# container), waiting for $STATE/go.NAME; sets P to its host pid.
start_tree() {
	rm -f "$STATE/go.$1" "$STATE/hold.$1"
	${2:-} nsa-tree --wait "$STATE/go.$1" --hold "$STATE/hold.$1" tree >"$STATE/$1.out" 2>&1 &
	wait_until 30 grep -q '^self pid=' "$STATE/$1.out" || fail "$1: $(cat "$STATE/$1.out")"
	P=$(hostpid_of "--hold $STATE/hold.$1 tree" nsa-tree) || fail "$1: no host pid"
}

# --- on the host ------------------------------------------------------------

start_tree H
expect_eq "before: the tree's ID" "$(nsauditctl contid get "$P")" -1
nsauditctl contid set "$P" 4711 || fail "contid set"
expect_eq "the tree's ID" "$(nsauditctl contid get "$P")" 4711
expect_eq "IDs tracked" "$(tracked)" 1
expect_eq "this shell's ID" "$(nsauditctl contid get $$)" -1
wait_until 30 eval '[ "$(op_records | grep -c " op=set opid=$P contid=4711 old-contid=-1 .* res=1")" = 1 ]' ||
	fail "no op=set record: $(op_records)"
: >"$STATE/go.H"
wait_until 60 eval '[ "$(grep -c " pid=" "$STATE/H.out")" = 6 ]' || fail "tree: $(cat "$STATE/H.out")"
T=$(tree_pid "$STATE/H.out" thread)
C=$(tree_pid "$STATE/H.out" child)
G=$(tree_pid "$STATE/H.out" grandchild)
expect_eq "exec kept the pid" "$(tree_pid "$STATE/H.out" exec)" "$G"
# Ground truth: the kernel's own links between the tasks.
[ -d "/proc/$P/task/$T" ] || fail "thread $T is not in $P"
expect_eq "child's parent" "$(sed -n 's/^PPid:\t//p' "/proc/$C/status")" "$P"
expect_eq "grandchild's parent" "$(sed -n 's/^PPid:\t//p' "/proc/$G/status")" "$C"
expect_eq "grandchild's program" "$(tr '\0' ' ' <"/proc/$G/cmdline")" "nsa-tree --hold $STATE/hold.H exec "
for t in "$P" "$T" "$C" "$G"; do
	expect_eq "ID of task $t" "$(nsauditctl contid get "$t")" 4711
done
expect_eq "the test's own ID" "$(nsauditctl contid get $$)" -1
expect_eq "init's ID" "$(nsauditctl contid get 1)" -1

# Records: self and thread (both pid=P), child, grandchild and exec (both
# pid=G): five, each ending with the host's nsID set and contid=4711.
TRUTH=$(nsid_truth "$P")
nsa-gen open 1 /nsa-missing/outside >"$STATE/outside.gen" || fail "nsa-gen"
O=$(sed -n 's/.*hostpid=\([0-9]*\).*/\1/p' "$STATE/outside.gen")
log_barrier || fail "log barrier"
for want in "$P:2:$(sed -n 's/^PPid:\t//p' "/proc/$P/status")" "$C:1:$P" "$G:2:$C"; do
	pid=${want%%:*} rest=${want#*:}
	n=${rest%%:*} ppid=${rest#*:}
	got=$(records SYSCALL "$pid" | grep 'key="ct"')
	expect_eq "records of pid $pid" "$(echo "$got" | grep -c .)" "$n"
	echo "$got" | while read -r line; do
		ends_with_nsid "$line" "$TRUTH contid=4711" || fail "pid $pid: $line"
		case "$line" in *" ppid=$ppid pid=$pid "*) ;; *) fail "pid $pid: ppid: $line" ;; esac
	done || exit 1
done
outside=$(records SYSCALL "$O" | grep 'key="ct"')
expect_eq "records of a process outside the tree" "$(echo "$outside" | grep -c .)" 1
ends_with_nsid "$outside" "$TRUTH" || fail "a process outside the tree: $outside"
note "5 records of the tree end with contid=4711 after the nsID set; one of another process has none"

# The end: one op=drop, for the last task to exit (self or its thread:
# pthread_join() returns once the thread released its memory, before its
# exit is complete).
[ -z "$(op_records | grep ' op=drop .* old-contid=4711 ')" ] || fail "a drop before the end: $(op_records)"
: >"$STATE/hold.H"
wait_until 60 grep -q '^done' "$STATE/H.out" || fail "tree did not end: $(cat "$STATE/H.out")"
wait_until 60 eval 'op_records | grep -q " op=drop .* old-contid=4711 "' || fail "no op=drop record"
expect_eq "drop records" "$(op_records | grep -c ' op=drop .* old-contid=4711 ')" 1
drop=$(op_records | grep ' op=drop .* old-contid=4711 ')
case "$drop" in
*" op=drop opid=$P contid=-1 old-contid=4711 res=1" | *" op=drop opid=$T contid=-1 old-contid=4711 res=1") ;;
*) fail "drop record (self $P, thread $T): $drop" ;;
esac
wait
wait_until 30 eval '[ "$(tracked)" = 0 ]' || fail "IDs tracked after the end: $(tracked)"
note "one op=drop when the last task exited (opid ${drop#* opid=}); nothing tracked"

# --- in a container with its own daemon ---------------------------------------

# The tree runs in container A (run by uid 100000) whose nsa-daemon gets
# copies of its records; the host's root gives the ID.
SERVE=". /nsaudit/lib.sh; . /nsaudit/rules-lib.sh; serve"
wide_container A 100000 "$SERVE A"
run_ok A "nsa-daemon $STATE/A.log >$STATE/A.daemon 2>&1 &
	wait_until 60 grep -q -e '^registered' -e '^error' $STATE/A.daemon"
grep -q '^registered' "$STATE/A.daemon" || fail "A: $(cat "$STATE/A.daemon")"
# A's own rules by container ID: its tasks with ID 4712, and those without.
run_ok A "nsauditctl -a always,exit -F arch=b64 -S openat -F contid=4712 -k byid &&
	nsauditctl -a always,exit -F arch=b64 -S openat -F success=0 -F contid=-1 -k noid"
run_ok A "nsauditctl -l"
expect_eq "A's rules" "$OUT" "-a always,exit -F arch=b64 -S openat -F contid=4712 -F key=byid
-a always,exit -F arch=b64 -S openat -F success=0 -F contid=-1 -F key=noid"
rm -f "$STATE/go.A" "$STATE/hold.A"
run_ok A "nsa-tree --wait $STATE/go.A --hold $STATE/hold.A tree >$STATE/A.tree 2>&1 &
	wait_until 30 grep -q '^self pid=' $STATE/A.tree"
P=$(hostpid_of "--hold $STATE/hold.A tree" nsa-tree) || fail "A: no host pid"
PA=$(tree_pid "$STATE/A.tree" self)
expect_eq "A's view of its pid" "$(nspid "$P" 1)" "$PA"
nsauditctl contid set "$P" 4712 || fail "contid set in A"
run_ok A "nsauditctl contid get $PA"
expect_eq "A's root reads the ID" "$OUT" 4712
: >"$STATE/go.A"
wait_until 60 eval '[ "$(grep -c " pid=" "$STATE/A.tree")" = 6 ]' || fail "A's tree: $(cat "$STATE/A.tree")"
TRUTH=$(nsid_truth "$P")
# The copies of the host rule's records (their key is not revealed to A):
# SYSCALL records that share their serial with the event's other records.
wait_until 60 eval '[ "$(kernel_syscalls "$STATE/A.log" | grep -c " contid=4712\$")" = 5 ]' ||
	fail "A's copies: $(kernel_syscalls "$STATE/A.log")"
kernel_syscalls "$STATE/A.log" | grep ' contid=4712$' | while read -r line; do
	ends_with_nsid "$line" "$TRUTH contid=4712" || fail "A's copy: $line"
	case "$line" in *' key=(null) '*) ;; *) fail "A's copy reveals the host key: $line" ;; esac
done || exit 1
log_barrier || fail "log barrier"
expect_eq "host records of A's tree" "$(records SYSCALL | grep 'key="ct"' | grep -c " contid=4712\$")" 5
note "A's daemon got 5 copies ending with contid=4712, as the host log has them"
# A's rules: five records by ID, of the tree's pids in A's view; a task of
# A without an ID (the request server's shell) matches contid=-1 only.
run_in A "true 2>/dev/null </nsa-missing/noid-marker"
wait_until 60 eval 'rule_records "$STATE/A.log" | grep -q "key=\"noid\""' || fail "A: no noid record"
byid=$(rule_records "$STATE/A.log" | grep 'key="byid"')
expect_eq "A's records by ID" "$(echo "$byid" | grep -c .)" 5
for r in self child grandchild; do
	pa=$(tree_pid "$STATE/A.tree" $r)
	echo "$byid" | grep -q " pid=$pa " || fail "A: no record by ID of the tree's $r ($pa): $byid"
done
echo "$byid" | grep -vq ' contid=4712$' && fail "A: a record by ID without it: $byid"
rule_records "$STATE/A.log" | grep 'key="noid"' | grep -q ' contid=' &&
	fail "A: a contid=-1 record of a task with an ID"
note "A's rules: 5 records by contid=4712 (the tree's), contid=-1 ones only of tasks without"
: >"$STATE/hold.A"
wait_until 60 grep -q '^done' "$STATE/A.tree" || fail "A's tree did not end"
wait_until 60 eval 'op_records | grep -q " op=drop opid=[0-9]* contid=-1 old-contid=4712 "' ||
	fail "no drop for A's tree: $(op_records)"
expect_eq "drop records of A's tree" "$(op_records | grep -c ' op=drop .* old-contid=4712 ')" 1
stop_server A
wait_until 60 eval '! kill -0 $WIDE_PID 2>/dev/null' || fail "A did not end"
wait
wait_until 30 eval '[ "$(tracked)" = 0 ]' || fail "IDs tracked at the end: $(tracked)"
