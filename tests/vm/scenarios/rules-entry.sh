# Syscalls the exit probe cannot see as they were entered are logged as
# the kernel's audit logs them: rt_sigreturn (which restores the
# interrupted registers, orig_ax -1 included), a successful execve (which
# starts the new program's), and exit and exit_group, which never return
# (logged from do_exit(), without success and exit fields). The same rule,
# given to the kernel with auditctl and to the host's daemon with
# nsauditctl, selects a workload's rt_sigreturn (entered with a0-a3 of its
# own choosing), its successful execve (a3 a marker), a failing one, an
# exit_group and an exit (a0-a3 chosen): the daemon's records equal the
# kernel's field for field (syscall, success, exit, a0-a3, pid), and both
# equal what the workload passed.
nsa_load
nsa-daemon "$STATE/H.log" >"$STATE/H.daemon" 2>&1 &
H=$!
wait_until 60 grep -qs '^registered' "$STATE/H.daemon" || fail "H: $(cat "$STATE/H.daemon")"
rule="-a always,exit -F arch=b64 -S rt_sigreturn,execve,exit_group,exit -F uid=4243"
# Keys apart: the host's daemon also gets copies of the kernel's records.
auditctl $rule -k kentry >/dev/null || fail "auditctl"
nsauditctl $rule -k nentry || fail "nsauditctl"
ids="--uids 4243,4243,4243,4243"

nsa-gen $ids sigreturn 0x5a5a0000 >"$STATE/sig.gen" 2>&1 || fail "sigreturn: $(cat "$STATE/sig.gen")"
nsa-gen $ids exec 0x5b5b0000 /nsaudit/bin/nsa-gen ids >"$STATE/exec.gen" 2>&1 ||
	fail "exec: $(cat "$STATE/exec.gen")"
nsa-gen $ids sys 59,path,0,0,0x5c5c0000 >"$STATE/fail.gen" 2>&1 || fail "failing exec: $(cat "$STATE/fail.gen")"
# Neither returns: the workload's exit status is the low byte of a0 (0).
nsa-gen $ids sys 231,0x5d5d0000,1,2,3 >"$STATE/group.gen" 2>&1 || fail "exit_group: $(cat "$STATE/group.gen")"
nsa-gen $ids sys 60,0x5e5e0000,4,5,6 >"$STATE/exit.gen" 2>&1 || fail "exit: $(cat "$STATE/exit.gen")"

# want GEN: the fields the workload's line in GEN says the record must have.
want() {
	sed -n 's/^call=1 arch=\([0-9a-f]*\) syscall=\([0-9]*\) exit=\([0-9-]*\) \(a0=.*\)/arch=\1 syscall=\2 exit=\3 \4/p' "$1" |
		awk '{ s = ($3 ~ /^exit=-/) ? "no" : "yes"; print $1, $2, "success=" s, $3, $4, $5, $6, $7 }'
}
# fields: arch to a3 and pid of each record on stdin.
fields() {
	sed -n 's/.* \(arch=[0-9a-f]* syscall=[0-9]*\( success=[a-z]* exit=[0-9-]*\)\{0,1\} a0=[0-9a-f]* a1=[0-9a-f]* a2=[0-9a-f]* a3=[0-9a-f]*\) .* pid=\([0-9]*\) .*/\1 pid=\3/p'
}
pid_of() { sed -n 's/^pid=[0-9]* hostpid=\([0-9]*\).*/\1/p' "$1" | head -n 1; }
{
	echo "$(want "$STATE/sig.gen") pid=$(pid_of "$STATE/sig.gen")"
	echo "$(want "$STATE/exec.gen") pid=$(pid_of "$STATE/exec.gen")"
	echo "$(want "$STATE/fail.gen") pid=$(pid_of "$STATE/fail.gen")"
	echo "arch=c000003e syscall=231 a0=5d5d0000 a1=1 a2=2 a3=3 pid=$(pid_of "$STATE/group.gen")"
	echo "arch=c000003e syscall=60 a0=5e5e0000 a1=4 a2=5 a3=6 pid=$(pid_of "$STATE/exit.gen")"
} >"$STATE/want"
log_barrier || fail "log barrier"
wait_until 60 eval '[ "$(grep -c "^type=1300 .* key=\"nentry\"" "$STATE/H.log")" -ge 8 ]' ||
	fail "H got $(grep -c '^type=1300' "$STATE/H.log") records: $(cat "$STATE/H.log")"
records SYSCALL | grep ' key="kentry"' >"$STATE/kernel.full"
grep '^type=1300 .* key="nentry"' "$STATE/H.log" >"$STATE/daemon.full"
fields <"$STATE/kernel.full" >"$STATE/kernel"
fields <"$STATE/daemon.full" >"$STATE/daemon"
# Each workload also ends in glibc's exit_group, its a1-a3 what the
# registers held: the kernel logs it too, and so must the daemon.
while read -r _w; do
	grep -qxF "$_w" "$STATE/kernel" || fail "the kernel has no record '$_w': $(cat "$STATE/kernel")"
done <"$STATE/want"
for _p in $(sed 's/.* pid=//' "$STATE/want"); do
	expect_eq "the kernel's exit records of $_p" \
		"$(grep -c "syscall=\(231\|60\) .* pid=$_p\$" "$STATE/kernel")" 1
done
expect_eq "the kernel's records" "$(wc -l <"$STATE/kernel")" 8
expect_eq "the daemon's records" "$(cat "$STATE/daemon")" "$(cat "$STATE/kernel")"
# And every other field the two share, ppid to exe (items= and subj= are
# the kernel's alone: README, Limits).
task_fields() { sed -n 's/.* \(ppid=.* exe="[^"]*"\).*/\1/p' "$1"; }
expect_eq "the daemon's ppid to exe" "$(task_fields "$STATE/daemon.full")" "$(task_fields "$STATE/kernel.full")"
note "rt_sigreturn, execve, a failing execve, exit_group and exit, and each process's own end: the daemon's 8 records equal the kernel's, as entered"
sed 's/^/    /' "$STATE/daemon"

auditctl -D >/dev/null
nsauditctl -D >/dev/null || fail "nsauditctl -D"
kill -TERM "$H"
wait "$H" || fail "H: exit $?"
