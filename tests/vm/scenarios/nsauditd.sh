# nsauditd as packaged: in a container (as root of its own user, PID,
# mount and network namespaces) and in the initial user namespace beside
# the host's auditd. Each writes the audit.log format that ausearch and
# aureport read; nsauditctl status in the container shows its daemon;
# SIGHUP reopens the log, SIGUSR1 rotates it, a stopped nsauditd logs its
# losses as the module counted them, SIGTERM ends it cleanly and frees the
# slot, and unloading the module ends it with an error (also when the
# announcement of the unload was lost to a full socket).
nsa_load
chmod 1777 "$STATE"
auditctl -a always,exit -F arch=b64 -S openat -F success=0 -k nsa_nsauditd >/dev/null ||
	fail "auditctl"
command -v ausearch >/dev/null || fail "no ausearch on this lane"

# The container: nsauditd in the foreground, then workloads on request.
cat >"$STATE/ctr.sh" <<EOF
. /nsaudit/lib.sh
log=$STATE/ctr/log/audit.log
nsauditd --foreground --node ctr-a --backlog 16 -l \$log 2>$STATE/ctr.err &
echo \$! >$STATE/ctr.nsauditd
wait_until 60 eval 'nsauditctl status | grep -q "^daemon registered"' || exit 1
nsauditctl status >$STATE/ctr.status
for step in 1 2 3; do
	nsa-gen --wait $STATE/go\$step open 4 /nsa-missing/ctr\$step >$STATE/ctr\$step.gen 2>&1
done
nsa-gen --wait $STATE/go4 open 200 /nsa-missing/ctr4 >$STATE/ctr4.gen 2>&1
: >$STATE/ctr4.done
wait_until 600 test -e $STATE/stop
kill -TERM \$(cat $STATE/ctr.nsauditd)
wait
echo "exit=\$?" >$STATE/ctr.exit
# Renamed into place: the test waits for the file, not for its writer.
nsauditctl status >$STATE/ctr.after.part
mv $STATE/ctr.after.part $STATE/ctr.after
EOF
mkdir -p "$STATE/ctr" && chmod 1777 "$STATE/ctr"
nsauditd --foreground --node host -l "$STATE/host/audit.log" 2>"$STATE/host.err" &
host_nsauditd=$!
nsa-runas 100000 100000 $CONTAINER sh "$STATE/ctr.sh" &
wait_until 120 test -s "$STATE/ctr.status" || fail "container: nsauditd did not register: $(cat "$STATE/ctr.err")"
wait_until 30 eval 'nsauditctl status | grep -q "^daemon_pid $host_nsauditd\$"' ||
	fail "host: nsauditd is not the daemon: $(nsauditctl status | grep ^daemon)"
expect_eq "container: daemon pid in its own view" \
	"$(sed -n 's/^daemon_pid //p' "$STATE/ctr.status")" "$(cat "$STATE/ctr.nsauditd")"
note "container: $(grep -E '^daemon_(pid|userns|backlog) ' "$STATE/ctr.status" | tr '\n' ' ')"
clog=$STATE/ctr/log/audit.log
hlog=$STATE/host/audit.log

# step N: run the container's workload N; sets P (its pid in the container)
# and HP (on the host) and waits until both logs have its 4 events.
step() {
	wait_until 60 grep -qs hostpid= "$STATE/ctr$1.gen" || fail "workload $1 did not start"
	P=$(sed -n 's/^pid=\([0-9]*\).*/\1/p' "$STATE/ctr$1.gen")
	HP=$(hostpid_of "/nsa-missing/ctr$1") || fail "no host pid of workload $1"
	: >"$STATE/go$1"
	wait_until 60 eval '[ "$(ausearch -if "$clog" -p $P -m SYSCALL --format raw 2>/dev/null | grep -c "^node=ctr-a type=SYSCALL ")" = 4 ]' ||
		fail "container log: events of workload $1: $(ausearch -if "$clog" -p $P -m SYSCALL --format raw 2>&1 | grep -c type=SYSCALL)"
	wait_until 60 eval '[ "$(ausearch -if "$hlog" -p $HP -k nsa_nsauditd --format raw 2>/dev/null | grep -c "^node=host type=SYSCALL ")" = 4 ]' ||
		fail "host nsauditd log: events of workload $1"
}

step 1
ausearch -if "$clog" -i -p "$P" -m SYSCALL | grep -q 'syscall=openat .*key=(null)' ||
	fail "ausearch -i: $(ausearch -if "$clog" -i -p "$P" -m SYSCALL | head -n 3)"
ausearch -if "$clog" -p "$P" -m PATH --format raw | grep -q 'name="/nsa-missing/ctr1"' ||
	fail "container log: no PATH record of workload 1"
aureport -if "$clog" --summary | grep -q '^Number of failed syscalls: [1-9]' ||
	fail "aureport --summary: $(aureport -if "$clog" --summary 2>&1 | grep -i syscall)"
expect_eq "aureport: failed openat of pid $P" \
	"$(aureport -if "$clog" --failed -s -i | grep -c " openat $P ")" 4
note "ausearch/aureport -if: 4 events of pid $P (host pid $HP) in both logs"

# SIGHUP reopens: a log moved away is not written any more.
mv "$clog" "$clog.moved"
kill -HUP "$(hostpid_of "-l $clog" nsauditd)" || fail "SIGHUP"
wait_until 30 test -e "$clog" || fail "no new log after SIGHUP"
step 2
[ "$(grep -c '/nsa-missing/ctr2' "$clog.moved")" = 0 ] || fail "moved log still written"
note "SIGHUP: new log, the old one left alone"

# SIGUSR1 rotates: audit.log.1 is the old log, the new one goes on.
kill -USR1 "$(hostpid_of "-l $clog" nsauditd)"
wait_until 30 test -e "$clog.1" || fail "no rotation"
step 3
grep -q '/nsa-missing/ctr2' "$clog.1" || fail "rotated log lacks the earlier events"
note "SIGUSR1: rotated to audit.log.1"

# A stopped nsauditd loses records (backlog 16) and says how many.
ctr_nsauditd=$(hostpid_of "-l $clog" nsauditd)
kill -STOP "$ctr_nsauditd"
: >"$STATE/go4"
wait_until 300 test -e "$STATE/ctr4.done" || fail "workload blocked by a stopped nsauditd"
kill -CONT "$ctr_nsauditd"
lost_line() { grep ' type=DAEMON_ERR .* op=lost ' "$clog" | tail -n 1; }
wait_until 60 eval '[ -n "$(lost_line)" ]' || fail "no loss notice in the log"
note "stopped nsauditd: $(lost_line | sed 's/.*\(op=lost.*\)/\1/')"

# SIGTERM: exit 0, DAEMON_END, the slot free.
: >"$STATE/stop"
wait_until 60 test -e "$STATE/ctr.after" || fail "container did not finish"
expect_eq "container nsauditd exit" "$(cat "$STATE/ctr.exit")" "exit=0"
grep -q '^daemon none' "$STATE/ctr.after" || fail "slot not freed: $(cat "$STATE/ctr.after")"
grep -q ' type=DAEMON_END ' "$clog" || fail "no DAEMON_END"
total=$(lost_line | sed -n 's/.* total=\([0-9]*\).*/\1/p')
[ "${total:-0}" -gt 0 ] || fail "loss notice without a total"
note "container: SIGTERM: exit 0, DAEMON_END logged, slot free"

# Unloading the module ends the host's nsauditd with an error, not a hang,
# even when the controller's announcement is lost: the daemon is stopped
# while records fill its socket and then its queue in the module (queued
# above 0: the socket holds more than its buffer, so the kernel drops the
# announcement), and it learns of the unload from its liveness check.
kill -STOP "$host_nsauditd"
nsa-gen open 3000 /nsa-missing/fill >/dev/null
queued=$(nsauditctl status | sed -n 's/^daemon_queued //p')
[ "${queued:-0}" -gt 0 ] || fail "host nsauditd's socket did not fill: $(nsauditctl status | grep ^daemon_)"
modprobe -r nsaudit || fail "unload"
kill -CONT "$host_nsauditd"
wait "$host_nsauditd"
rc=$?
[ "$rc" = 1 ] || fail "host nsauditd: exit $rc after unload, want 1: $(cat "$STATE/host.err")"
grep -q 'went away (unloaded; found by the liveness check)' "$STATE/host.err" ||
	fail "host nsauditd did not learn of the unload by asking: $(tail -n 3 "$STATE/host.err")"
grep -q ' type=DAEMON_ABORT .*op=module-unloaded' "$hlog" || fail "no DAEMON_ABORT op=module-unloaded in the host log"
note "unload while its socket was full ($queued queued): host nsauditd ended: $(tail -n 1 "$STATE/host.err")"
wait
