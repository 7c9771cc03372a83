# Per-namespace rules, field by field and operator by operator. A container
# (new user, PID, mount and network namespaces, run by host uid 100000,
# IDs 0-65535 mapped as a runtime with subordinate IDs maps them) runs its
# own daemon and adds its rules with nsauditctl; there is no host rule.
# Two tables, one line per case: OPS (a field and operator, with a value
# that must match and one that must not, each on a succeeding getpid and
# a failing close) and CASES (rules, the calls a workload makes, which of
# them must be recorded under which key). A workload (nsa-gen sys) makes
# the calls of a group of cases with the IDs the group needs; every
# record the daemon gets must equal, byte for byte after the head, the
# kernel's SYSCALL record text built from ground truth: what the workload
# passed and got, and what /proc says of it (pid and ppid as NSpid and
# PPid, the IDs of status, loginuid, sessionid, comm, exe, the tty, the
# nsID set from stat -L). kernel_format_probe proves that text equal to the
# kernel's own records first. Exact counts: a case's calls that must not
# match leave no record, and nothing else reaches the daemon.
. /nsaudit/rules-lib.sh

if [ -z "${RULES_FIELDS_INSIDE:-}" ]; then
	nsa_load
	chmod 1777 "$STATE"
	kernel_format_probe
	expect_eq "host rules" "$(auditctl -l)" "No rules"
	log_barrier || fail "log barrier"
	host_before=$(records SYSCALL | wc -l)
	wide_container F 100000 "RULES_FIELDS_INSIDE=1 KSUBJ=$KSUBJ RULE_SUBJ=${RULE_SUBJ:-}; . /nsaudit/lib.sh; . /nsaudit/scenarios/rules-fields.sh"
	wait_until 900 eval '! kill -0 $WIDE_PID 2>/dev/null' || fail "the container did not finish: $(cat "$STATE/F.out")"
	wait "$WIDE_PID"
	rc=$?
	cat "$STATE/F.out"
	# Rules' records go to the namespace's daemon only, never to the host:
	# its new SYSCALL records are the kernel's own of the container's
	# loginuid writes, each with its LOGIN record.
	log_barrier || fail "log barrier"
	records SYSCALL | tail -n +$((host_before + 1)) >"$STATE/host.new"
	records LOGIN | serials >"$STATE/host.login"
	bad=$(grep -v ' syscall=1 ' "$STATE/host.new" | head -n 3)
	[ -z "$bad" ] || fail "the host log got SYSCALL records that are no loginuid write's: $bad"
	for s in $(serials <"$STATE/host.new"); do
		grep -qx "$s" "$STATE/host.login" || fail "host SYSCALL record $s is no LOGIN event's"
	done
	note "the host log got no record of the container's rules ($(wc -l <"$STATE/host.new") SYSCALL records of its loginuid writes)"
	[ "$rc" = 0 ] || fail "in the container (exit $rc)"
	exit 0
fi

# --- in the container, as its root ------------------------------------------

LOGF=$STATE/F.log
nsa-daemon "$LOGF" >"$STATE/F.daemon" 2>&1 &
DAEMON=$!
wait_until 60 grep -q -e '^registered' -e '^error' "$STATE/F.daemon" &&
	grep -q '^registered' "$STATE/F.daemon" || fail "daemon: $(cat "$STATE/F.daemon")"
expect_eq "rules of a new daemon" "$(nsauditctl -l 2>&1)" "No rules"
cp /nsaudit/bin/nsa-gen "$STATE/nsa-gen-copy" || fail "cp"
ln -s /nsaudit/bin/nsa-gen "$STATE/nsa-gen-link" || fail "ln"
MARKHEX=${RULE_MARK#0x}

# barrier: returns once every record of the calls made before it is in
# the daemon's log (a getppid the first rule of every group selects).
# (Counters live in files: each group runs in a subshell of its own.)
count() {
	echo $(($(cat "$STATE/count.$1" 2>/dev/null || echo 0) + ${2:-1})) >"$STATE/count.$1"
	cat "$STATE/count.$1"
}
counted() {
	cat "$STATE/count.$1" 2>/dev/null || echo 0
}
barrier() {
	local _b
	_b=$(count bar)
	nsa-gen sys "110,$RULE_MARK,$_b" >/dev/null || fail "barrier call"
	wait_until 60 grep -q " syscall=110 .* a0=$MARKHEX a1=$(printf %x $_b) " "$LOGF" ||
		fail "barrier $_b: no record within 60 s"
}

# hexv N: N in hex with 0x, as the rules and calls take it.
hexv() {
	printf '0x%x' "$1"
}

# case_calls: the calls the tables name, with the case's magic $M in a3:
# G getpid (succeeds, returns the pid), C close (fails, EBADF), O
# openat(AT_FDCWD, "/nsa-missing/nsa-gen") (fails, ENOENT), and B32:
# getpid in 64 bits, then getpid (20), open (5) and close (6) in 32 bits
# (int $0x80), then close in 64 bits.
case_calls() {
	G="39,0x7fffffff,0,0,$M"
	C="3,0x7fffffff,0,0,$M"
	O="257,-100,path,0,$M"
	B32="39,0,0,0,$M i386:20,0,0,0,$M i386:5,path,0,0,$M i386:6,0x7fffffff,0,0,$M 3,0x7fffffff,0,0,$M"
}
# argcalls N: getpid and close, with 0x35 then 0x36 in aN (the magic in
# a2 for a3).
argcalls() {
	case $1 in
	0) echo "39,0x35,0,0,$M 39,0x36,0,0,$M 3,0x35,0,0,$M 3,0x36,0,0,$M" ;;
	1) echo "39,0,0x35,0,$M 39,0,0x36,0,$M 3,0x7fffffff,0x35,0,$M 3,0x7fffffff,0x36,0,$M" ;;
	2) echo "39,0,0,0x35,$M 39,0,0,0x36,$M 3,0x7fffffff,0,0x35,$M 3,0x7fffffff,0,0x36,$M" ;;
	3) echo "39,0,0,$M,0x35 39,0,0,$M,0x36 3,0x7fffffff,0,$M,0x35 3,0x7fffffff,0,$M,0x36" ;;
	esac
}
R="-a always,exit -F arch=b64"

# OPS: group, a field test that must match, one that must not (no blank
# inside a test: the columns are split at blanks). Each line
# is a case: two rules (-k t and -k f, told apart by a1), and getpid and
# close with a1=1 and with a1=2; the getpid and the close of a1=1 must be
# recorded, under t, nothing else. Values from ground truth: P, PP (pid
# and ppid), U_R U_E U_S U_FS and G_R G_E G_S G_FS (real, effective,
# saved, file-system IDs), SG1 and SG2 (supplementary groups: = and != on
# gid and egid look at them too, as the kernel's audit does; sgid and
# fsgid do not), AUID, SES, in the container's view.
OPS=$(cat <<'EOF'
root   pid=$P                 pid=$((P+1))
root   pid!=$((P+1))        pid!=$P
root   pid<$((P+1))         pid<$P
root   pid>$((P-1))         pid>$P
root   pid<=$P                pid<=$((P-1))
root   pid>=$P                pid>=$((P+1))
root   ppid=$PP               ppid=$((PP+1))
root   ppid!=$((PP+1))      ppid!=$PP
root   ppid<$((PP+1))       ppid<$PP
root   ppid>$((PP-1))       ppid>$PP
root   ppid<=$PP              ppid<=$((PP-1))
root   ppid>=$PP              ppid>=$((PP+1))
root   loginuid_set=0         loginuid_set=1
root   loginuid_set!=1        loginuid_set!=0
ids    uid=$U_R               uid=$U_E
ids    uid!=$U_E              uid!=$U_R
ids    uid<$((U_R+1))       uid<$U_R
ids    uid>$((U_R-1))       uid>$U_R
ids    uid<=$U_R              uid<=$((U_R-1))
ids    uid>=$U_R              uid>=$((U_R+1))
ids    euid=$U_E              euid=$U_R
ids    euid!=$U_R             euid!=$U_E
ids    euid<$((U_E+1))      euid<$U_E
ids    euid>$((U_E-1))      euid>$U_E
ids    euid<=$U_E             euid<=$((U_E-1))
ids    euid>=$U_E             euid>=$((U_E+1))
ids    suid=$U_S              suid=$U_E
ids    suid!=$U_E             suid!=$U_S
ids    suid<$((U_S+1))      suid<$U_S
ids    suid>$((U_S-1))      suid>$U_S
ids    suid<=$U_S             suid<=$((U_S-1))
ids    suid>=$U_S             suid>=$((U_S+1))
ids    fsuid=$U_FS            fsuid=$U_E
ids    fsuid!=$U_E            fsuid!=$U_FS
ids    fsuid<$((U_FS+1))    fsuid<$U_FS
ids    fsuid>$((U_FS-1))    fsuid>$U_FS
ids    fsuid<=$U_FS           fsuid<=$((U_FS-1))
ids    fsuid>=$U_FS           fsuid>=$((U_FS+1))
ids    gid=$G_R               gid=$G_E
ids    gid!=$G_E              gid!=$G_R
ids    gid<$((G_R+1))       gid<$G_R
ids    gid>$((G_R-1))       gid>$G_R
ids    gid<=$G_R              gid<=$((G_R-1))
ids    gid>=$G_R              gid>=$((G_R+1))
ids    egid=$G_E              egid=$G_R
ids    egid!=$G_R             egid!=$G_E
ids    egid<$((G_E+1))      egid<$G_E
ids    egid>$((G_E-1))      egid>$G_E
ids    egid<=$G_E             egid<=$((G_E-1))
ids    egid>=$G_E             egid>=$((G_E+1))
ids    sgid=$G_S              sgid=$G_E
ids    sgid!=$G_E             sgid!=$G_S
ids    sgid<$((G_S+1))      sgid<$G_S
ids    sgid>$((G_S-1))      sgid>$G_S
ids    sgid<=$G_S             sgid<=$((G_S-1))
ids    sgid>=$G_S             sgid>=$((G_S+1))
ids    fsgid=$G_FS            fsgid=$G_E
ids    fsgid!=$G_E            fsgid!=$G_FS
ids    fsgid<$((G_FS+1))    fsgid<$G_FS
ids    fsgid>$((G_FS-1))    fsgid>$G_FS
ids    fsgid<=$G_FS           fsgid<=$((G_FS-1))
ids    fsgid>=$G_FS           fsgid>=$((G_FS+1))
ids    gid=$SG1               gid=$((SG1+2))
ids    gid!=$((SG1+2))        gid!=$SG1
ids    egid=$SG2              egid=$((SG2+1))
ids    egid!=$((SG2+1))       egid!=$SG2
ids    gid<$SG1               gid>$SG1
ids    sgid!=$SG1             sgid=$SG1
ids    fsgid!=$SG2            fsgid=$SG2
login  auid=$AUID             auid=$((AUID+1))
login  auid!=$((AUID+1))    auid!=$AUID
login  auid<$((AUID+1))     auid<$AUID
login  auid>$((AUID-1))     auid>$AUID
login  auid<=$AUID            auid<=$((AUID-1))
login  auid>=$AUID            auid>=$((AUID+1))
session sessionid=$SES         sessionid=$((SES+1))
session sessionid!=$((SES+1)) sessionid!=$SES
session sessionid<$((SES+1)) sessionid<$SES
session sessionid>$((SES-1)) sessionid>$SES
session sessionid<=$SES        sessionid<=$((SES-1))
session sessionid>=$SES        sessionid>=$((SES+1))
login  loginuid_set=1         loginuid_set=0
login  loginuid_set!=0        loginuid_set!=1
EOF
)

# CASES: group | calls | recorded calls (index and key: "-" none, "a+b"
# several) | rules, separated by ";" | optional: the order nsauditctl -l
# must list the case's keys (and the group's first rule, nsa-mark) in.
CASES=$(cat <<'EOF'
syscalls | $G $C $O | 1 k           | $R -S getpid -F a3=$M -k k
syscalls | $G $C $O | 1 k 2 k       | $R -S getpid,close -F a3=$M -k k
syscalls | $G $C $O | 3 k           | $R -S 257 -F a3=$M -k k
syscalls | $G $C $O | 1 k 2 k 3 k   | $R -S all -F a3=$M -k k
syscalls | $G $C $O | 1 - 2 - 3 -   | $R -F a3=$M
syscalls | $G $C $O | 1 -           | $R -S getpid -F a3=$M
syscalls | $G $C $O | 2 k1+k2       | $R -S close -F a3=$M -k k1 -k k2
syscalls | $G $C $O | 2 k1+k2+k3    | $R -S close -F a3=$M -k k1 -F key=k2 -k k3
syscalls | $G $C $O | -             | -a never,exit -F arch=b64 -S all -F a3=$M
syscalls | $G $C $O | 2 all 3 all   | -a never,exit -F arch=b64 -S getpid -F a3=$M ; $R -S all -F a3=$M -k all
syscalls | $G $C $O | 1 all 2 all 3 all | $R -S all -F a3=$M -k all ; -a never,exit -F arch=b64 -S getpid -F a3=$M
syscalls | $G $C $O | 2 all 3 all   | $R -S all -F a3=$M -k all ; -A never,exit -F arch=b64 -S getpid -F a3=$M
syscalls | $G $C $O | 1 first 2 second 3 second | $R -S getpid -F a3=$M -k first ; $R -S all -F a3=$M -k second
syscalls | $G $C $O | 1 o-b 2 o-a 3 o-c | $R -S all -F a3=$M -k o-c ; -A always,exit -F arch=b64 -S getpid -F a3=$M -k o-b ; -A always,exit -F arch=b64 -S close -F a3=$M -k o-a | o-a o-b nsa-mark o-c
syscalls | $G $C $O | 1 k           | $R -S all -F a3=$M -F success=1 -k k
syscalls | $G $C $O | 2 k 3 k       | $R -S all -F a3=$M -F success=0 -k k
syscalls | $G $C $O | 2 k 3 k       | $R -S all -F a3=$M -F success!=1 -k k
syscalls | $G $C $O | 1 k           | $R -S all -F a3=$M -F success!=0 -k k
syscalls | $G $C $O | 1 k           | $R -S all -F a3=$M -F success=2 -k k
syscalls | $G $C $O | 2 k 3 k       | $R -S all -F a3=$M -F success>1 -k k
syscalls | $G $C $O | -             | $R -S all -F a3=$M -F success>0 -k k
syscalls | $G $C $O | 1 k           | $R -S all -F a3=$M -F success<=2 -k k
syscalls | $G $C $O | -             | $R -S all -F a3=$M -F success<1 -k k
syscalls | $G $C $O | 2 k           | $R -S all -F a3=$M -F exit=-EBADF -k k
syscalls | $G $C $O | 3 k           | $R -S all -F a3=$M -F exit=-2 -k k
syscalls | $G $C $O | 1 k           | $R -S all -F a3=$M -F exit=$P -k k
syscalls | $G $C $O | 1 k 3 k       | $R -S all -F a3=$M -F exit!=-9 -k k
syscalls | $G $C $O | 1 k 2 k 3 k   | $R -S all -F a3=$M -F exit<-1 -k k
syscalls | $G $C $O | 2 k 3 k       | $R -S all -F a3=$M -F exit>=-9 -k k
syscalls | $G $C $O | 1 k           | $R -S all -F a3=$M -F exit<=$P -k k
syscalls | $G $C $O | 2 k 3 k       | $R -S all -F a3=$M -F exit>$P -k k
args | $(argcalls 0) | 1 k 3 k | $R -S getpid,close -F a3=$M -F a0=0x35 -k k
args | $(argcalls 0) | 2 k 4 k | $R -S getpid,close -F a3=$M -F a0!=0x35 -k k
args | $(argcalls 0) | 1 k 3 k | $R -S getpid,close -F a3=$M -F a0<0x36 -k k
args | $(argcalls 0) | 2 k 4 k | $R -S getpid,close -F a3=$M -F a0>0x35 -k k
args | $(argcalls 0) | 1 k 3 k | $R -S getpid,close -F a3=$M -F a0<=0x35 -k k
args | $(argcalls 0) | 2 k 4 k | $R -S getpid,close -F a3=$M -F a0>=0x36 -k k
args | $(argcalls 0) | 2 k 4 k | $R -S getpid,close -F a3=$M -F a0&0x2 -k k
args | $(argcalls 0) | 1 k 3 k | $R -S getpid,close -F a3=$M -F a0&=0x5 -k k
args | $(argcalls 1) | 1 k 3 k | $R -S getpid,close -F a3=$M -F a1=0x35 -k k
args | $(argcalls 1) | 2 k 4 k | $R -S getpid,close -F a3=$M -F a1!=0x35 -k k
args | $(argcalls 1) | 1 k 3 k | $R -S getpid,close -F a3=$M -F a1<0x36 -k k
args | $(argcalls 1) | 2 k 4 k | $R -S getpid,close -F a3=$M -F a1>0x35 -k k
args | $(argcalls 1) | 1 k 3 k | $R -S getpid,close -F a3=$M -F a1<=0x35 -k k
args | $(argcalls 1) | 2 k 4 k | $R -S getpid,close -F a3=$M -F a1>=0x36 -k k
args | $(argcalls 1) | 2 k 4 k | $R -S getpid,close -F a3=$M -F a1&0x2 -k k
args | $(argcalls 1) | 1 k 3 k | $R -S getpid,close -F a3=$M -F a1&=0x5 -k k
args | $(argcalls 2) | 1 k 3 k | $R -S getpid,close -F a3=$M -F a2=0x35 -k k
args | $(argcalls 2) | 2 k 4 k | $R -S getpid,close -F a3=$M -F a2!=0x35 -k k
args | $(argcalls 2) | 1 k 3 k | $R -S getpid,close -F a3=$M -F a2<0x36 -k k
args | $(argcalls 2) | 2 k 4 k | $R -S getpid,close -F a3=$M -F a2>0x35 -k k
args | $(argcalls 2) | 1 k 3 k | $R -S getpid,close -F a3=$M -F a2<=0x35 -k k
args | $(argcalls 2) | 2 k 4 k | $R -S getpid,close -F a3=$M -F a2>=0x36 -k k
args | $(argcalls 2) | 2 k 4 k | $R -S getpid,close -F a3=$M -F a2&0x2 -k k
args | $(argcalls 2) | 1 k 3 k | $R -S getpid,close -F a3=$M -F a2&=0x5 -k k
args | $(argcalls 3) | 1 k 3 k | $R -S getpid,close -F a2=$M -F a3=0x35 -k k
args | $(argcalls 3) | 2 k 4 k | $R -S getpid,close -F a2=$M -F a3!=0x35 -k k
args | $(argcalls 3) | 1 k 3 k | $R -S getpid,close -F a2=$M -F a3<0x36 -k k
args | $(argcalls 3) | 2 k 4 k | $R -S getpid,close -F a2=$M -F a3>0x35 -k k
args | $(argcalls 3) | 1 k 3 k | $R -S getpid,close -F a2=$M -F a3<=0x35 -k k
args | $(argcalls 3) | 2 k 4 k | $R -S getpid,close -F a2=$M -F a3>=0x36 -k k
args | $(argcalls 3) | 2 k 4 k | $R -S getpid,close -F a2=$M -F a3&0x2 -k k
args | $(argcalls 3) | 1 k 3 k | $R -S getpid,close -F a2=$M -F a3&=0x5 -k k
args | 39,0x100000035,0,0,$M 39,0x100000036,0,0,$M | 1 k | $R -S getpid -F a3=$M -F a0=0x35 -k k
args | 39,0,0x100000035,0,$M 39,0,0x100000036,0,$M | 1 k | $R -S getpid -F a3=$M -F a1=0x35 -k k
args | 39,0,0,0x100000035,$M 39,0,0,0x100000036,$M | 1 k | $R -S getpid -F a3=$M -F a2=0x35 -k k
args | 39,0,0,$M,0x100000035 39,0,0,$M,0x100000036 | 1 k | $R -S getpid -F a2=$M -F a3=0x35 -k k
exe  | $G $C | 1 k 2 k | $R -S getpid,close -F a3=$M -F exe=$EXE -k k
exe  | $G $C | -       | $R -S getpid,close -F a3=$M -F exe!=$EXE -k k
exe  | $G $C | -       | $R -S getpid,close -F a3=$M -F exe=$STATE/nsa-gen-copy -k k
exe  | $G $C | 1 k 2 k | $R -S getpid,close -F a3=$M -F exe!=$STATE/nsa-gen-copy -k k
exe  | $G $C | -       | $R -S getpid,close -F a3=$M -F exe=/nsaudit/bin -k k
copy | $G $C | 1 k 2 k | $R -S getpid,close -F a3=$M -F exe=$STATE/nsa-gen-copy -k k
copy | $G $C | -       | $R -S getpid,close -F a3=$M -F exe=/nsaudit/bin/nsa-gen -k k
copy | $G $C | 1 k 2 k | $R -S getpid,close -F a3=$M -F exe!=/nsaudit/bin/nsa-gen -k k
copy | $G $C | 2 k     | $R -S close -F a3=$M -F exe=$EXE -F exit=-EBADF -F success=0 -F uid=0 -k k
link | $G $C | 1 k 2 k | $R -S getpid,close -F a3=$M -F exe=/nsaudit/bin/nsa-gen -k k
link | $G $C | -       | $R -S getpid,close -F a3=$M -F exe=$STATE/nsa-gen-link -k k
legacy-set | $G $C | 1 k 2 k | $R -S getpid,close -F a3=$M -F auid>=1000 -F auid!=unset -k k
legacy-set | $G $C | -       | $R -S getpid,close -F a3=$M -F auid<1000 -F auid!=unset -k k
per | $G $C $O | 1 k 2 k 3 k | $R -S all -F a3=$M -k k
bytes | $G $C | 1 k | nlreq exe = $EXE k
bytes | $G $C | -   | nlreq exe != $EXE k
bytes | $G $C | -   | nlreq exe = $STATE/nsa-gen-copy k
bytes | $G $C | 1 k | nlreq exe != $STATE/nsa-gen-copy k
bytes | $G $C | 1 k | nlreq sessionid = $SES k
bytes | $G $C | -   | nlreq sessionid = $((SES+1)) k
bytes | $G $C | 1 k | nlreq sessionid != $((SES+1)) k
bytes | $G $C | -   | nlreq sessionid != $SES k
b32 | $B32 | 1 k 5 k     | $R -S all -F a3=$M -k k
b32 | $B32 | 2 k 3 k 4 k | -a always,exit -F arch=b32 -S all -F a3=$M -k k
b32 | $B32 | 2 k 3 k 4 k | -a always,exit -F arch!=b64 -S all -F a3=$M -k k
b32 | $B32 | 1 k 5 k     | -a always,exit -F arch!=b32 -S all -F a3=$M -k k
b32 | $B32 | 2 k         | -a always,exit -F arch=b32 -S getpid -F a3=$M -k k
b32 | $B32 | 1 k         | $R -S getpid -F a3=$M -k k
b32 | $B32 | 3 k 4 k     | -a always,exit -F arch=b32 -S open,close -F a3=$M -k k
b32 | $B32 | 3 k         | -a always,exit -F arch=b32 -S open -F a3=$M -F success=0 -F exit=-ENOENT -k k
b32 | $B32 | 2 k 4 k     | -a always,exit -S 6,20 -F a3=$M -k k
b32 | $B32 | 2 k 4 k     | -a never,exit -F arch=b64 -S all -F a3=$M ; -a never,exit -F arch=b32 -S open -F a3=$M ; -a always,exit -S all -F a3=$M -k k
EOF
)

# Legacy loginuid tests, as the kernel's audit has them: auid=-1 (unset)
# means loginuid_set=0, auid!=-1 loginuid_set=1 (audit.rules files say
# -F auid!=unset).
OPS_LEGACY=$(cat <<'EOF'
legacy-unset  auid=-1      auid!=-1
legacy-set    auid!=-1     auid=-1
EOF
)

group_opts() {
	case $1 in
	ids) echo "--groups 3000,3001 --uids 1000,1001,1002,1003 --gids 2000,2001,2002,2003" ;;
	per) echo "--personality 0x40000" ;;
	login | session | legacy-set | bytes) echo "--loginuid 1000" ;;
	esac
}

# nlreq FIELD OP VALUE KEY: adds "-a always,exit -F arch=b64 -S getpid
# -F a3=$M -F FIELD OP VALUE -k KEY", FIELD exe or sessionid, as bytes
# with nsa-nlreq: libaudit builds neither in a container (it asks the
# kernel's audit, which refuses non-initial user namespaces, whether the
# field is supported), so the "bytes" group tests the module's evaluation
# of them apart from the tool.
nlreq() {
	local _op _f _buf= _out
	case $2 in
	=) _op=OP_EQ ;;
	!=) _op=OP_NE ;;
	esac
	case $1 in
	exe)
		_f="FLD_EXE:$_op:${#3}"
		_buf=$(str_hex "$3")
		;;
	sessionid) _f="FLD_SESSIONID:$_op:$3" ;;
	esac
	_out=$(nsa-nlreq --cmd add-rule "14:hex=$(rule_hex F_EXIT A_ALWAYS 39 \
		"FLD_ARCH:OP_EQ:ARCH_X86_64 FLD_ARG3:OP_EQ:$M $_f FLD_FILTERKEY:OP_EQ:${#4}" \
		"$_buf$(str_hex "$4")")")
	[ "$_out" = ok ] || fail "nsa-nlreq add-rule $*: $_out"
}

group_exe() {
	case $1 in
	copy) echo "$STATE/nsa-gen-copy" ;;
	link) echo "$STATE/nsa-gen-link" ;;
	*) echo nsa-gen ;;
	esac
}


# run_group GROUP: every case of GROUP, with one workload.
run_group() {
	local _g=$1 _calls= _n=0 _k _c _line _t _f _want _rules _order _i _key _r _mh _fail=0
	: >"$STATE/$_g.cases"
	: >"$STATE/$_g.want"
	# The cases: their calls (the magic M is the case's), and which of
	# them must be recorded under which key.
	{
		echo "$OPS" | grep "^$_g " | while read -r _x _t _f; do
			echo "ops|$_t|$_f"
		done
		echo "$OPS_LEGACY" | grep "^$_g " | while read -r _x _t _f; do
			echo "ops|$_t|$_f"
		done
		echo "$CASES" | grep "^$_g *|" | sed 's/^[^|]*|/cases|/'
	} >"$STATE/$_g.lines"
	while IFS= read -r _line; do
		M=$(hexv $((0x4d000000 + $(count case))))
		case_calls
		case $_line in
		ops*)
			_c="39,0x7fffffff,1,0,$M 39,0x7fffffff,2,0,$M 3,0x7fffffff,1,0,$M 3,0x7fffffff,2,0,$M"
			_want="1 t 3 t"
			;;
		*)
			_c=$(echo "$_line" | cut -d '|' -f 2)
			eval "_c=\"$_c\""
			_want=$(echo "$_line" | cut -d '|' -f 3)
			;;
		esac
		set -- $_want
		while [ $# -ge 2 ]; do
			echo "$((_n + $1)) $(key_field "$2")" >>"$STATE/$_g.want"
			shift 2
		done
		_k=0
		for _x in $_c; do _k=$((_k + 1)); done
		echo "$M|$_n|$_k|$_line" >>"$STATE/$_g.cases"
		_calls="$_calls $_c"
		_n=$((_n + _k))
	done <"$STATE/$_g.lines"
	[ $_n -gt 0 ] || fail "$_g: no cases"

	# The workload, waiting: its ground truth first.
	rm -f "$STATE/go"
	"$(group_exe "$_g")" $(group_opts "$_g") --wait "$STATE/go" sys $_calls >"$STATE/$_g.gen" 2>&1 &
	_job=$!
	trap 'kill $_job 2>/dev/null' EXIT
	wait_until 20 grep -qs hostpid= "$STATE/$_g.gen" || fail "$_g: workload: $(cat "$STATE/$_g.gen")"
	W=$(sed -n 's/.*hostpid=\([0-9]*\).*/\1/p' "$STATE/$_g.gen")
	task_truth "$W"
	expect_eq "$_g: the workload's own getpid" "$(sed -n 's/^pid=\([0-9]*\).*/\1/p' "$STATE/$_g.gen")" "$T_PID"
	P=$T_PID PP=$T_PPID AUID=$T_AUID SES=$T_SES EXE=$T_EXE
	set -- $T_UIDS $T_GIDS
	U_R=$1 U_E=$2 U_S=$3 U_FS=$4 G_R=$5 G_E=$6 G_S=$7 G_FS=$8
	set -- $T_GROUPS
	SG1=${1:-} SG2=${2:-}

	# The rules: the barrier's first, then each case's, from the table
	# with the ground truth put in.
	echo "-a always,exit -F arch=b64 -S getppid -F a0=$RULE_MARK -k nsa-mark" >"$STATE/$_g.rules"
	: >"$STATE/$_g.nlreq"
	while IFS='|' read -r M _x _x _kind _t _f _order; do
		if [ "$_kind" = ops ]; then
			eval "_t=\"$_t\" _f=\"$_f\""
			echo "$R -S getpid,close -F a3=$M -F a1=1 -F $_t -k t" >>"$STATE/$_g.rules"
			echo "$R -S getpid,close -F a3=$M -F a1=2 -F $_f -k f" >>"$STATE/$_g.rules"
			continue
		fi
		# cases: _t is the calls, _f the want, _order the rules (and order)
		_rules=$(echo "$_order" | cut -d '|' -f 1)
		_ifs=$IFS
		IFS=';'
		set -- $_rules
		IFS=$_ifs
		for _r in "$@"; do
			eval "_r=\"$_r\""
			case $(echo $_r) in
			nlreq*) echo "M=$M; "$_r >>"$STATE/$_g.nlreq" ;;
			*) echo $_r >>"$STATE/$_g.rules" ;;
			esac
		done
	done <"$STATE/$_g.cases"
	nsauditctl -D || fail "$_g: -D"
	nsauditctl -R "$STATE/$_g.rules" >"$STATE/$_g.load" 2>&1 ||
		fail "$_g: nsauditctl -R: $(cat "$STATE/$_g.load")"
	. "$STATE/$_g.nlreq"
	nsauditctl -l >"$STATE/$_g.list" || fail "$_g: -l: $(cat "$STATE/$_g.list")"
	expect_eq "$_g: rules listed" "$(wc -l <"$STATE/$_g.list")" \
		$(($(wc -l <"$STATE/$_g.rules") + $(wc -l <"$STATE/$_g.nlreq")))
	# The order -l shows, where a case says (-A puts a rule first).
	while IFS='|' read -r M _x _x _kind _t _f _rules _order; do
		[ -n "$(echo $_order)" ] || continue
		for _k in $_order; do echo "$_k"; done >"$STATE/order.keys"
		_got=$(sed -n 's/.* -F key=//p' "$STATE/$_g.list" | grep -x -F -f "$STATE/order.keys")
		expect_eq "$_g: the order nsauditctl -l lists in" "$(echo $_got)" "$(echo $_order)"
	done <"$STATE/$_g.cases"

	: >"$STATE/go"
	wait "$_job"
	trap - EXIT
	rm -f "$STATE/go"
	expect_eq "$_g: calls made" "$(grep -c '^call=' "$STATE/$_g.gen")" "$_n"
	# getpid's result is the pid the workload saw and /proc shows.
	_bad=$(grep '^call=.* syscall=39 ' "$STATE/$_g.gen" | grep -v " exit=$P ")
	[ -z "$_bad" ] || fail "$_g: getpid did not return $P: $_bad"
	barrier
	# The checks below are shell work: without rules (-S all among them)
	# it is not evaluated call by call, which costs minutes under KASAN.
	nsauditctl -D || fail "$_g: -D"

	# Every case: exactly its records, equal to ground truth.
	expected_records "$STATE/$_g.gen" "$STATE/$_g.want" >"$STATE/$_g.exp"
	record_bodies "$LOGF" "$P" >"$STATE/$_g.got"
	while IFS='|' read -r M _x _k _kind _t _f _rules; do
		_mh=${M#0x}
		grep -e " a3=$_mh " -e " a2=$_mh " "$STATE/$_g.exp" >"$STATE/case.exp"
		grep -e " a3=$_mh " -e " a2=$_mh " "$STATE/$_g.got" >"$STATE/case.got"
		if ! cmp -s "$STATE/case.exp" "$STATE/case.got"; then
			echo "  $_g: case $M: $_t | $_f | $_rules: $(wc -l <"$STATE/case.got") records, want $(wc -l <"$STATE/case.exp")"
			diff "$STATE/case.exp" "$STATE/case.got" | grep '^[-+][^-+]' | head -n 4 | sed 's/^/    /'
			_fail=$((_fail + 1))
		fi
	done <"$STATE/$_g.cases"
	[ $_fail = 0 ] || fail "$_g: $_fail cases differ from ground truth"
	same_records "$_g (in order, nothing else)" "$STATE/$_g.exp" "$STATE/$_g.got"
	_k=$(wc -l <"$STATE/$_g.exp")
	count rec "$_k" >/dev/null
	note "$_g: $(wc -l <"$STATE/$_g.cases") cases, $_n calls of pid $P, $_k records equal to ground truth"
}

# Each group in a subshell: one that fails does not hide the others.
failed=
for g in root ids login session syscalls args exe copy link b32 legacy-unset legacy-set per bytes; do
	if [ $g = b32 ] && [ -z "$IA32" ]; then
		note "b32: skipped, this kernel runs no 32-bit system calls (no CONFIG_IA32_EMULATION)"
		continue
	fi
	(run_group $g) || failed="$failed $g"
done

# Nothing but the workloads' and the barriers' records came from rules
# (the daemon's own process never makes any), and the only kernel events
# are the loginuid writes' (their SYSCALL record comes routed, no rule
# needed). Counted only if every group passed.
if [ -z "$failed" ]; then
	expect_eq "rule records in the daemon's log" "$(rule_records "$LOGF" | wc -l)" $(($(counted rec) + $(counted bar)))
else
	defer_fail "groups that failed:$failed"
fi
_other=$(rule_records "$LOGF" | grep -v " a0=$MARKHEX " | grep -v ' comm="nsa-gen[-a-z]*" ' | head -n 3)
[ -z "$_other" ] || fail "records of other tasks: $_other"
only_login_events "$LOGF"

# --- the exclude filter: msgtype ----------------------------------------------

# SYSCALL excluded: the rules' records are dropped (the LOGIN record of a
# loginuid write is the barrier then); deleting the exclude rule brings
# them back.
nsauditctl -D || fail "-D"
M=0x4e000001
nsauditctl -a always,exit -F arch=b64 -S getpid,close -F a3=$M -k x || fail "exit rule"
nsauditctl -a always,exclude -F msgtype=SYSCALL || fail "exclude rule"
before=$(grep -c '^type=1300 ' "$LOGF")	# rules' and the kernel's
nsa-gen sys "39,0,0,0,$M" "3,0x7fffffff,0,0,$M" >"$STATE/x1.gen" || fail "x1"
nsa-gen loginuid 4242 >/dev/null || fail "loginuid 4242"
wait_until 60 grep -q '^type=1006 .* auid=4242 ' "$LOGF" || fail "no LOGIN record (barrier)"
expect_eq "SYSCALL records while excluded" "$(grep -c '^type=1300 ' "$LOGF")" "$before"
nsauditctl -d always,exclude -F msgtype=SYSCALL || fail "delete the exclude rule"
rm -f "$STATE/go"
nsa-gen --wait "$STATE/go" sys "39,0,0,0,$M" "3,0x7fffffff,0,0,$M" >"$STATE/x2.gen" 2>&1 &
wait_until 20 grep -qs hostpid= "$STATE/x2.gen" || fail "x2"
task_truth "$(sed -n 's/.*hostpid=\([0-9]*\).*/\1/p' "$STATE/x2.gen")"
: >"$STATE/go"
wait $!
rm -f "$STATE/go"
printf '1 %s\n2 %s\n' "$(key_field x)" "$(key_field x)" >"$STATE/x2.want"
nsauditctl -a always,exit -F arch=b64 -S getppid -F a0=$RULE_MARK -k nsa-mark || fail "barrier rule"
barrier
expected_records "$STATE/x2.gen" "$STATE/x2.want" >"$STATE/x2.exp"
record_bodies "$LOGF" "$T_PID" >"$STATE/x2.got"
same_records "after the exclude rule is deleted" "$STATE/x2.exp" "$STATE/x2.got"
note "exclude msgtype=SYSCALL: no record while the rule is there, 2 after it is deleted"

# LOGIN (1006) excluded with never: the loginuid write leaves no LOGIN
# record (its event's SYSCALL and PROCTITLE records still come), the
# rules' SYSCALL records come too.
nsauditctl -a never,exclude -F msgtype=1006 || fail "exclude LOGIN"
rm -f "$STATE/go"
nsa-gen --loginuid 4343 --wait "$STATE/go" sys "39,0,0,0,$M" >"$STATE/x3.gen" 2>&1 &
wait_until 20 grep -qs hostpid= "$STATE/x3.gen" || fail "x3"
task_truth "$(sed -n 's/.*hostpid=\([0-9]*\).*/\1/p' "$STATE/x3.gen")"
: >"$STATE/go"
wait $!
rm -f "$STATE/go"
barrier
printf '1 %s\n' "$(key_field x)" >"$STATE/x3.want"
expected_records "$STATE/x3.gen" "$STATE/x3.want" >"$STATE/x3.exp"
record_bodies "$LOGF" "$T_PID" >"$STATE/x3.got"
same_records "with LOGIN excluded" "$STATE/x3.exp" "$STATE/x3.got"
! grep -q '^type=1006 .* auid=4343 ' "$LOGF" || fail "a LOGIN record despite the exclude rule"
note "exclude msgtype=1006: no LOGIN record, the SYSCALL record came"

# Forks: the kernel's audit logs the parent's clone, fork, vfork and
# clone3 (exit = the child's pid), never the child's way out of
# ret_from_fork (syscall of its parent's call, exit=0). Every call of the
# workload's uid is selected, the children's included.
nsauditctl -D >/dev/null || fail "-D before forks"
nsauditctl -a always,exit -F arch=b64 -S getppid -F a0=$RULE_MARK -k nsa-mark || fail "barrier rule"
nsauditctl -a always,exit -F arch=b64 -S clone,fork,vfork,clone3 -F uid=4242 -k forks ||
	fail "fork rule"
nsa-gen --uids 4242,4242,4242,4242 forks >"$STATE/forks.gen" 2>&1 || fail "forks: $(cat "$STATE/forks.gen")"
barrier
fp=$(sed -n 's/^pid=\([0-9]*\).*/\1/p' "$STATE/forks.gen")
got=$(grep '^type=1300 .* key="forks"' "$LOGF" | sed 's/.* syscall=\([0-9]*\) .* exit=\([0-9-]*\) .* pid=\([0-9]*\) .*/\1:\2:\3/' | tr '\n' ' ')
want=$(sed -n 's/^children=//p' "$STATE/forks.gen" | awk -F, -v p="$fp" '{ print "56:" $1 ":" p " 57:" $2 ":" p " 58:" $3 ":" p " 435:" $4 ":" p " " }')
expect_eq "fork records (syscall:exit:pid)" "$got" "$want"
note "clone, fork, vfork, clone3: the parent's 4 records, none of a child"

nsauditctl -D || fail "-D"
kill -TERM "$DAEMON"
wait "$DAEMON"
grep -q '^end reason=unregistered' "$STATE/F.daemon" || fail "daemon: $(cat "$STATE/F.daemon")"
note "$(counted case) cases, $(counted rec) records, each equal to ground truth; $(counted bar) barriers"
check_deferred
