# Syscalls whose registers change under them are logged as they were
# entered, as the kernel's audit logs them: rt_sigreturn (which restores
# the interrupted registers, orig_ax -1 included) and a successful execve
# (which starts the new program's). The same rule, given to the kernel
# with auditctl and to the host's daemon with nsauditctl, selects a
# workload's rt_sigreturn (entered with a0-a3 of its own choosing), its
# successful execve (a3 a marker) and a failing one: the daemon's records
# equal the kernel's field for field (syscall, success, exit, a0-a3, pid),
# and both equal what the workload passed.
nsa_load
nsa-daemon "$STATE/H.log" >"$STATE/H.daemon" 2>&1 &
H=$!
wait_until 60 grep -qs '^registered' "$STATE/H.daemon" || fail "H: $(cat "$STATE/H.daemon")"
rule="-a always,exit -F arch=b64 -S rt_sigreturn,execve -F uid=4243"
# Keys apart: the host's daemon also gets copies of the kernel's records.
auditctl $rule -k kentry >/dev/null || fail "auditctl"
nsauditctl $rule -k nentry || fail "nsauditctl"
ids="--uids 4243,4243,4243,4243"

nsa-gen $ids sigreturn 0x5a5a0000 >"$STATE/sig.gen" 2>&1 || fail "sigreturn: $(cat "$STATE/sig.gen")"
nsa-gen $ids exec 0x5b5b0000 /nsaudit/bin/nsa-gen ids >"$STATE/exec.gen" 2>&1 ||
	fail "exec: $(cat "$STATE/exec.gen")"
nsa-gen $ids sys 59,path,0,0,0x5c5c0000 >"$STATE/fail.gen" 2>&1 || fail "failing exec: $(cat "$STATE/fail.gen")"

# want GEN: the fields the workload's line in GEN says the record must have.
want() {
	sed -n 's/^call=1 arch=\([0-9a-f]*\) syscall=\([0-9]*\) exit=\([0-9-]*\) \(a0=.*\)/arch=\1 syscall=\2 exit=\3 \4/p' "$1" |
		awk '{ s = ($3 ~ /^exit=-/) ? "no" : "yes"; print $1, $2, "success=" s, $3, $4, $5, $6, $7 }'
}
# fields: arch to a3 and pid of each record on stdin.
fields() {
	sed -n 's/.* \(arch=[0-9a-f]* syscall=[0-9]* success=[a-z]* exit=[0-9-]* a0=[0-9a-f]* a1=[0-9a-f]* a2=[0-9a-f]* a3=[0-9a-f]*\) .* pid=\([0-9]*\) .*/\1 pid=\2/p'
}
pid_of() { sed -n 's/^pid=[0-9]* hostpid=\([0-9]*\).*/\1/p' "$1" | head -n 1; }
{
	echo "$(want "$STATE/sig.gen") pid=$(pid_of "$STATE/sig.gen")"
	echo "$(want "$STATE/exec.gen") pid=$(pid_of "$STATE/exec.gen")"
	echo "$(want "$STATE/fail.gen") pid=$(pid_of "$STATE/fail.gen")"
} >"$STATE/want"
log_barrier || fail "log barrier"
wait_until 60 eval '[ "$(grep -c "^type=1300 .* key=\"nentry\"" "$STATE/H.log")" -ge 3 ]' ||
	fail "H got $(grep -c '^type=1300' "$STATE/H.log") records: $(cat "$STATE/H.log")"
records SYSCALL | grep ' key="kentry"' | fields >"$STATE/kernel"
grep '^type=1300 .* key="nentry"' "$STATE/H.log" | fields >"$STATE/daemon"
expect_eq "the kernel's records" "$(cat "$STATE/kernel")" "$(cat "$STATE/want")"
expect_eq "the daemon's records" "$(cat "$STATE/daemon")" "$(cat "$STATE/want")"
note "rt_sigreturn, execve and a failing execve: the daemon's records equal the kernel's, as entered"
sed 's/^/    /' "$STATE/daemon"

auditctl -D >/dev/null
nsauditctl -D >/dev/null || fail "nsauditctl -D"
kill -TERM "$H"
wait "$H" || fail "H: exit $?"
