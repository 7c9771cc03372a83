# Rules the module must refuse, and how: malformed and unsupported rules
# sent byte by byte (nsa-nlreq, struct audit_rule_data built in hex) and
# through nsauditctl where the tool lets them through; what the tool
# refuses itself (exit 2, nothing sent). Each refusal: the errno and the
# module's exact extended ACK message, and NOTHING changed: nsauditctl -l
# the same before and after, and not one record from a refused rule (a
# workload makes the calls each would have selected). Then EEXIST, ENOENT,
# ENOTCONN without a daemon, EPERM without the right, and ENOSPC at the
# host's "rules" limit (set at run time and at load) with exactly the
# limit's rules kept; a lowered limit keeps the rules there.
. /nsaudit/rules-lib.sh
nsa_load
chmod 1777 "$STATE"
auditctl -D >/dev/null
MSG_NOTCONN="no audit daemon registered in this user namespace"

# base M [KEY]: in hex, "-a always,exit -F arch=b64 -S getpid -F a3=M
# [-k KEY]" as libaudit builds it.
base() {
	if [ -n "${2:-}" ]; then
		rule_hex F_EXIT A_ALWAYS 39 "FLD_ARCH:OP_EQ:ARCH_X86_64 FLD_ARG3:OP_EQ:$1 FLD_FILTERKEY:OP_EQ:${#2}" "$(str_hex "$2")"
	else
		rule_hex F_EXIT A_ALWAYS 39 "FLD_ARCH:OP_EQ:ARCH_X86_64 FLD_ARG3:OP_EQ:$1"
	fi
}

# nl_expect WANT CMD ARGS...: nsa-nlreq's answer is exactly WANT.
nl_expect() {
	local _want=$1 _out
	shift
	_out=$(nsa-nlreq "$@") || fail "nsa-nlreq: exit $?: $_out"
	[ "$_out" = "$_want" ] || fail "nsa-nlreq $(echo "$*" | cut -c 1-60)...: got '$_out', want '$_want'"
}

# tool_fails EXIT LINE CMD...: CMD exits EXIT and says exactly LINE (one
# line) on standard error, nothing on standard output.
tool_fails() {
	local _rc=$1 _line=$2 _err
	shift 2
	_err=$("$@" 2>&1 >"$STATE/tool.out")
	_got=$?
	[ "$_got" = "$_rc" ] || fail "$*: exit $_got, want $_rc: $_err"
	[ ! -s "$STATE/tool.out" ] || fail "$*: output: $(cat "$STATE/tool.out")"
	[ "$_err" = "$_line" ] || fail "$*: got '$_err', want '$_line'"
}

# --- no daemon: ENOTCONN ----------------------------------------------------------

M0=0x52000000
tool_fails 1 "nsauditctl: -a: Transport endpoint is not connected (kernel reports: $MSG_NOTCONN)" \
	nsauditctl -a always,exit -F arch=b64 -S getpid -F a3=$M0 -k base
nl_expect "error ENOTCONN msg=\"$MSG_NOTCONN\"" --cmd add-rule "14:hex=$(base $M0 base)"
# A container without a daemon, likewise.
out=$(nsa-runas 100000 100000 $CONTAINER nsauditctl -a always,exit -F arch=b64 -S getpid -F a3=$M0 -k base 2>&1)
expect_eq "a container without a daemon" "$out" \
	"nsauditctl: -a: Transport endpoint is not connected (kernel reports: $MSG_NOTCONN)"
note "no daemon: ENOTCONN, \"$MSG_NOTCONN\" (host and container)"

# --- the initial namespace's daemon -------------------------------------------------

nsa-daemon "$STATE/H.log" >"$STATE/H.daemon" 2>&1 &
H_JOB=$!
wait_until 30 grep -qs '^registered' "$STATE/H.daemon" || fail "H: $(cat "$STATE/H.daemon")"
nsauditctl -a always,exit -F arch=b64 -S getppid -F a0=$RULE_MARK -k mark || fail "barrier rule"
BAR=0
barrier() {
	BAR=$((BAR + 1))
	nsa-gen sys "110,$RULE_MARK,$BAR" >/dev/null || fail "barrier call"
	wait_until 60 grep -q " syscall=110 .* a0=${RULE_MARK#0x} a1=$(printf %x $BAR) " "$STATE/H.log" ||
		fail "barrier $BAR: no record"
}

# The bytes built here are libaudit's: a rule added as bytes is the rule
# nsauditctl deletes by its text (the kernel compares them), and its
# record comes.
nl_expect ok --cmd add-rule "14:hex=$(base $M0 base)"
expect_eq "rules" "$(nsauditctl -l | sed -n 's/.* -F key=//p' | tr '\n' ' ')" "mark base "
nsa-gen sys "39,0,0,0,$M0" >/dev/null
barrier
expect_eq "records of the bytes' rule" "$(rule_records "$STATE/H.log" | grep -c 'key="base"')" 1
nsauditctl -d always,exit -F arch=b64 -S getpid -F a3=$M0 -k base || fail "the tool's -d of the bytes' rule"
LIST=$(nsauditctl -l)
expect_eq "rules" "$(echo "$LIST" | sed -n 's/.* -F key=//p')" mark
note "a rule built as bytes here equals libaudit's (added as bytes, deleted by its text)"

# unchanged WHAT: the rules are still $LIST.
unchanged() {
	local _now
	_now=$(nsauditctl -l) || fail "$1: -l: $_now"
	[ "$_now" = "$LIST" ] || fail "$1: the rules changed: $_now"
}

# --- malformed and unsupported rules, as bytes --------------------------------------

# errno | the module's message | what | rule_hex arguments, $M the case's
# magic (a3 of the getpid each rule would select). The filter and field
# names are libaudit's.
B="FLD_ARCH:OP_EQ:ARCH_X86_64 FLD_ARG3:OP_EQ:\$M"
REFUSED=$(cat <<EOF
EINVAL | unsupported rule filter: user          | filter user       | F_USER A_ALWAYS 39 "$B"
EINVAL | unsupported rule filter: task          | filter task       | F_TASK A_ALWAYS 39 "$B"
EINVAL | unsupported rule filter: entry         | filter entry      | F_ENTRY A_ALWAYS 39 "$B"
EINVAL | unsupported rule filter: watch         | filter watch      | F_WATCH A_ALWAYS 39 "$B"
EINVAL | unsupported rule filter: filesystem    | filter fs         | F_FS A_ALWAYS 39 "$B"
EINVAL | unsupported rule filter: io_uring      | filter io_uring   | F_URING A_ALWAYS 39 "$B"
EINVAL | unknown rule filter                   | filter 8          | 8 A_ALWAYS 39 "$B"
EINVAL | unknown rule filter                   | filter 0x24       | 0x24 A_ALWAYS 39 "$B"
EINVAL | unsupported rule filter: task          | task, prepended   | 0x11 A_ALWAYS 39 "$B"
EINVAL | unsupported rule field: pers           | field pers        | F_EXIT A_ALWAYS 39 "$B FLD_PERS:OP_EQ:0"
EINVAL | unsupported rule field: subj_user      | field subj_user   | F_EXIT A_ALWAYS 39 "$B FLD_SUBJ_USER:OP_EQ:6" "\$(str_hex user_u)"
EINVAL | unsupported rule field: subj_role      | field subj_role   | F_EXIT A_ALWAYS 39 "$B 14:OP_EQ:6" "\$(str_hex role_r)"
EINVAL | unsupported rule field: subj_type      | field subj_type   | F_EXIT A_ALWAYS 39 "$B 15:OP_EQ:6" "\$(str_hex type_t)"
EINVAL | unsupported rule field: subj_sen       | field subj_sen    | F_EXIT A_ALWAYS 39 "$B 16:OP_EQ:2" "\$(str_hex s0)"
EINVAL | unsupported rule field: subj_clr       | field subj_clr    | F_EXIT A_ALWAYS 39 "$B 17:OP_EQ:2" "\$(str_hex c0)"
EINVAL | unsupported rule field: obj_user       | field obj_user    | F_EXIT A_ALWAYS 39 "$B FLD_OBJ_USER:OP_EQ:6" "\$(str_hex user_u)"
EINVAL | unsupported rule field: obj_role       | field obj_role    | F_EXIT A_ALWAYS 39 "$B 20:OP_EQ:6" "\$(str_hex role_r)"
EINVAL | unsupported rule field: obj_type       | field obj_type    | F_EXIT A_ALWAYS 39 "$B 21:OP_EQ:6" "\$(str_hex type_t)"
EINVAL | unsupported rule field: obj_lev_low    | field obj_lev_low | F_EXIT A_ALWAYS 39 "$B 22:OP_EQ:2" "\$(str_hex s0)"
EINVAL | unsupported rule field: obj_lev_high   | field obj_lev_high | F_EXIT A_ALWAYS 39 "$B 23:OP_EQ:2" "\$(str_hex s0)"
EINVAL | unsupported rule field: fstype         | field fstype      | F_EXIT A_ALWAYS 39 "$B FLD_FSTYPE:OP_EQ:0x9fa0"
EINVAL | unsupported rule field: devmajor       | field devmajor    | F_EXIT A_ALWAYS 39 "$B FLD_DEVMAJOR:OP_EQ:8"
EINVAL | unsupported rule field: devminor       | field devminor    | F_EXIT A_ALWAYS 39 "$B FLD_DEVMINOR:OP_EQ:1"
EINVAL | unsupported rule field: inode          | field inode       | F_EXIT A_ALWAYS 39 "$B FLD_INODE:OP_EQ:2"
EINVAL | unsupported rule field: path           | field path        | F_EXIT A_ALWAYS 39 "$B FLD_WATCH:OP_EQ:11" "\$(str_hex /etc/passwd)"
EINVAL | unsupported rule field: perm           | field perm        | F_EXIT A_ALWAYS 39 "$B FLD_PERM:OP_EQ:4"
EINVAL | unsupported rule field: dir            | field dir         | F_EXIT A_ALWAYS 39 "$B FLD_DIR:OP_EQ:4" "\$(str_hex /etc)"
EINVAL | unsupported rule field: filetype       | field filetype    | F_EXIT A_ALWAYS 39 "$B FLD_FILETYPE:OP_EQ:0x8000"
EINVAL | unsupported rule field: obj_uid        | field obj_uid     | F_EXIT A_ALWAYS 39 "$B FLD_OBJ_UID:OP_EQ:0"
EINVAL | unsupported rule field: obj_gid        | field obj_gid     | F_EXIT A_ALWAYS 39 "$B FLD_OBJ_GID:OP_EQ:0"
EINVAL | unsupported rule field: field_compare  | field -C          | F_EXIT A_ALWAYS 39 "$B FLD_FIELD_COMPARE:OP_EQ:1"
EINVAL | unsupported rule field: saddr_fam      | field saddr_fam   | F_EXIT A_ALWAYS 39 "$B FLD_SADDR_FAM:OP_EQ:2"
EINVAL | unknown rule field                     | field 28          | F_EXIT A_ALWAYS 39 "$B 28:OP_EQ:0"
EINVAL | a contid field is 8 bytes of the rule's buf | contid length 0 | F_EXIT A_ALWAYS 39 "$B 27:OP_EQ:0"
EINVAL | rule contid field beyond the rule's buf | contid no buf  | F_EXIT A_ALWAYS 39 "$B 27:OP_EQ:8"
EINVAL | operator not valid for this rule field | contid <          | F_EXIT A_ALWAYS 39 "$B 27:OP_LT:8" "0500000000000000"
EINVAL | unknown rule field                     | field 999         | F_EXIT A_ALWAYS 39 "$B 999:OP_EQ:0"
EINVAL | operator not valid for this rule field | uid &             | F_EXIT A_ALWAYS 39 "$B FLD_UID:OP_MASK:1"
EINVAL | operator not valid for this rule field | pid &=            | F_EXIT A_ALWAYS 39 "$B FLD_PID:OP_TEST:1"
EINVAL | operator not valid for this rule field | exit &            | F_EXIT A_ALWAYS 39 "$B FLD_EXIT:OP_MASK:1"
EINVAL | operator not valid for this rule field | success &=        | F_EXIT A_ALWAYS 39 "$B FLD_SUCCESS:OP_TEST:1"
EINVAL | operator not valid for this rule field | sessionid &       | F_EXIT A_ALWAYS 39 "$B FLD_SESSIONID:OP_MASK:1"
EINVAL | operator not valid for this rule field | arch <            | F_EXIT A_ALWAYS 39 "FLD_ARCH:OP_LT:ARCH_X86_64 FLD_ARG3:OP_EQ:\$M"
EINVAL | operator not valid for this rule field | loginuid_set >    | F_EXIT A_ALWAYS 39 "$B FLD_LOGINUID_SET:OP_GT:0"
EINVAL | operator not valid for this rule field | exe <=            | F_EXIT A_ALWAYS 39 "$B FLD_EXE:OP_LE:4" "\$(str_hex /bin)"
EINVAL | operator not valid for this rule field | key >=            | F_EXIT A_ALWAYS 39 "$B FLD_FILTERKEY:OP_GE:1" "\$(str_hex k)"
EINVAL | unknown rule operator                  | operator 0x70000000 | F_EXIT A_ALWAYS 39 "$B FLD_UID:0x70000000:0"
EINVAL | unknown rule operator                  | no operator       | F_EXIT A_ALWAYS 39 "$B FLD_PID:0:1"
EINVAL | the msgtype field belongs to the exclude filter | msgtype on exit | F_EXIT A_ALWAYS 39 "$B FLD_MSGTYPE:OP_EQ:1300"
EINVAL | the exclude filter takes the msgtype field only | uid on exclude | F_EXCLUDE A_ALWAYS all "FLD_MSGTYPE:OP_EQ:1300 FLD_UID:OP_EQ:0"
EINVAL | the exclude filter takes the msgtype field only | a3 on exclude  | F_EXCLUDE A_ALWAYS all "FLD_ARG3:OP_EQ:\$M"
EINVAL | uid not mapped in the caller's user namespace | uid -1   | F_EXIT A_ALWAYS 39 "$B FLD_UID:OP_EQ:-1"
EINVAL | uid not mapped in the caller's user namespace | fsuid -1 | F_EXIT A_ALWAYS 39 "$B FLD_FSUID:OP_NE:-1"
EINVAL | gid not mapped in the caller's user namespace | gid -1   | F_EXIT A_ALWAYS 39 "$B FLD_GID:OP_EQ:-1"
EINVAL | gid not mapped in the caller's user namespace | sgid -1  | F_EXIT A_ALWAYS 39 "$B FLD_SGID:OP_GT:-1"
EINVAL | loginuid_set must be 0 or 1            | loginuid_set=2    | F_EXIT A_ALWAYS 39 "$B FLD_LOGINUID_SET:OP_EQ:2"
EINVAL | rule action is neither never nor always | action 1 (possible) | F_EXIT 1 39 "$B"
EINVAL | rule action is neither never nor always | action 3         | F_EXIT 3 39 "$B"
EINVAL | more than 64 rule fields               | field_count 65    | F_EXIT A_ALWAYS 39 "$B" "" 65
EINVAL | rule length is not sizeof(struct audit_rule_data) + buflen | buflen beyond the bytes | F_EXIT A_ALWAYS 39 "$B" "" "" 4
EINVAL | rule length is not sizeof(struct audit_rule_data) + buflen | bytes beyond buflen | F_EXIT A_ALWAYS 39 "$B" "deadbeef" "" 0
EINVAL | rule string field beyond the rule's buf | exe beyond buf   | F_EXIT A_ALWAYS 39 "$B FLD_EXE:OP_EQ:100" "\$(str_hex /x)"
EINVAL | rule buf longer than its string fields | buf beyond strings | F_EXIT A_ALWAYS 39 "$B FLD_FILTERKEY:OP_EQ:4" "\$(str_hex kkkkkkkk)"
EINVAL | rule string field empty or too long    | empty key         | F_EXIT A_ALWAYS 39 "$B FLD_FILTERKEY:OP_EQ:0"
EINVAL | rule string field empty or too long    | key of 257        | F_EXIT A_ALWAYS 39 "$B FLD_FILTERKEY:OP_EQ:257" "\$(str_hex \$(printf '%0257d' 0))"
EINVAL | rule string field empty or too long    | exe of 4097       | F_EXIT A_ALWAYS 39 "$B FLD_EXE:OP_EQ:4097" "\$(str_hex /\$(printf '%04096d' 0))"
EINVAL | more than one key field                | two key fields    | F_EXIT A_ALWAYS 39 "$B FLD_FILTERKEY:OP_EQ:1 FLD_FILTERKEY:OP_EQ:1" "\$(str_hex ab)"
EINVAL | more than one exe field                | two exe fields    | F_EXIT A_ALWAYS 39 "$B FLD_EXE:OP_EQ:2 FLD_EXE:OP_EQ:2" "\$(str_hex /a/b)"
EOF
)

# The module's messages where the specification names the thing another
# way than the module: defer the failure, so that one run shows them all.
n=0
mags=
echo "$REFUSED" | while IFS='|' read -r errno msg what args; do
	echo "$(echo $errno)|$(echo $msg)|$(echo $what)|$args"
done >"$STATE/refused"
while IFS='|' read -r errno msg what args; do
	n=$((n + 1))
	M=$(printf 0x%x $((0x52000000 + n)))
	mags="$mags $M"
	eval "set -- $args"
	hex=$(rule_hex "$@")
	for cmd in add-rule del-rule; do
		out=$(nsa-nlreq --cmd $cmd "14:hex=$hex") || fail "$what: nsa-nlreq: $out"
		case "$out" in
		"error $errno msg=\"$msg\""*) ;;
		"error $errno msg=\"\"") fail "$what: $cmd: $errno without a message" ;;
		"error $errno msg="*) defer_fail "$what: $cmd: got '$out', want '$msg'" ;;
		*) fail "$what: $cmd: got '$out', want error $errno \"$msg\"" ;;
		esac
	done
done <"$STATE/refused"
n=$(wc -l <"$STATE/refused")
unchanged "after $n refused rules"
note "$n malformed or unsupported rules refused (ADD_RULE and DEL_RULE), each with its message"

# The attribute itself: missing, too short, too long (the policy's bound).
nl_expect "error EINVAL msg=\"ADD_RULE and DEL_RULE need NSAUDIT_A_RULE\" miss-type=14" --cmd add-rule
nl_expect "error EINVAL msg=\"ADD_RULE and DEL_RULE need NSAUDIT_A_RULE\" miss-type=14" --cmd del-rule
nl_expect "error EINVAL msg=\"rule length is not sizeof(struct audit_rule_data) + buflen\"" --cmd add-rule "14:hex="
nl_expect "error EINVAL msg=\"rule length is not sizeof(struct audit_rule_data) + buflen\"" --cmd add-rule "14:hex=04000000"
# NSAUDIT_RULE_MAX (8192) bytes pass the policy (and are no rule), one more
# does not.
out=$(nsa-nlreq --cmd add-rule "14:hex=$(printf '%016384d' 0)")
expect_eq "a rule attribute of 8192 bytes" "$out" \
	"error EINVAL msg=\"rule length is not sizeof(struct audit_rule_data) + buflen\""
out=$(nsa-nlreq --cmd add-rule "14:hex=$(printf '%016386d' 0)")
case "$out" in
"error ERANGE msg=\"Attribute failed policy validation\""*) ;;
*) fail "a rule attribute of 8193 bytes: $out" ;;
esac
nl_expect "error EOPNOTSUPP msg=\"\"" --cmd add-rule --flags ack,dump "14:hex=$(base $M0 base)"
nl_expect "error EOPNOTSUPP msg=\"\"" --cmd list-rules
unchanged "after malformed attributes"
note "NSAUDIT_A_RULE missing, short, above NSAUDIT_RULE_MAX: refused; LIST_RULES is dump-only"

# Not one record from any refused rule: the calls each would select.
calls=
for m in $mags; do calls="$calls 39,0,0,0,$m 39,0,0,$m,$m"; done
nsa-gen sys $calls >"$STATE/refused.gen" || fail "refused calls"
barrier
expect_eq "rule records but the barriers' and base's" \
	"$(rule_records "$STATE/H.log" | grep -v -e 'key="mark"' -e 'key="base"' | wc -l)" 0
note "no refused rule made a record ($(echo $mags | wc -w) workloads' calls)"

# --- what the tool refuses itself: exit 2, nothing sent ----------------------------

while IFS='|' read -r word args; do
	[ -n "$args" ] || continue
	eval "set -- $args"
	err=$(nsauditctl "$@" 2>&1 >/dev/null)
	rc=$?
	[ "$rc" = 2 ] || fail "nsauditctl $*: exit $rc, want 2: $err"
	[ "$(echo "$err" | wc -l)" = 1 ] || fail "nsauditctl $*: not one line: $err"
	case "$err" in *"$(echo $word)"*) ;; *) fail "nsauditctl $*: does not name '$(echo $word)': $err" ;; esac
done <<EOF
task          | -a always,task
user          | -a always,user
entry         | -a always,entry
path          | -a always,exit -F path=/etc/passwd
file watches  | -w /etc/passwd -p r
perm          | -a always,exit -F arch=b64 -S open -F perm=r
dir           | -a always,exit -F dir=/etc
inode         | -a always,exit -F arch=b64 -S getpid -F inode=1
devmajor      | -a always,exit -F arch=b64 -S getpid -F devmajor=8
obj_uid       | -a always,exit -F arch=b64 -S getpid -F obj_uid=0
field comparisons | -a always,exit -F arch=b64 -S getpid -C uid!=auid
&             | -a always,exit -F arch=b64 -S getpid -F uid\&1
loginuid_set  | -a always,exit -F arch=b64 -S getpid -F loginuid_set=2
msgtype       | -a always,exit -F arch=b64 -S getpid -F msgtype=SYSCALL
exclude       | -a always,exclude -F uid=0
EOF
unchanged "after the tool's refusals"
note "the tool refused 15 unsupported rules itself (exit 2, one line, nothing changed)"

# What the tool lets through and the module refuses: its message, one line.
# IDs a container (uid 0 mapped, nothing else) does not map.
out=$(nsa-runas 100000 100000 $CONTAINER sh -c "
	nsa-daemon $STATE/R.log >$STATE/R.daemon 2>&1 &
	wait_until() { i=0; until \"\$@\"; do i=\$((i + 1)); [ \$i -lt 300 ] || return 1; busybox usleep 100000; done; }
	wait_until grep -qs registered $STATE/R.daemon || exit 9
	for f in uid=1 euid=2 suid=3 fsuid=4 auid=5 gid=1 egid=2 sgid=3 fsgid=4; do
		nsauditctl -a always,exit -F arch=b64 -S getpid -F \$f 2>&1
	done
	nsauditctl -l" 2>&1)
expect_eq "unmapped IDs in a container" "$out" "$(
	for i in 1 2 3 4 5; do echo "nsauditctl: -a: Invalid argument (kernel reports: uid not mapped in the caller's user namespace)"; done
	for i in 1 2 3 4; do echo "nsauditctl: -a: Invalid argument (kernel reports: gid not mapped in the caller's user namespace)"; done
	echo "No rules")"
unchanged "after the kernel's refusals through the tool"
note "unmapped uids and gids: refused by the module through the tool"

# --- who may: EPERM --------------------------------------------------------------

# An unprivileged user of the initial namespace: every command refused,
# also with a malformed rule (permission comes first, as for the kernel's
# audit: the parser is not there for the unprivileged to probe).
for cmd in "-a always,exit -F arch=b64 -S getpid -F a3=0x1 -k u" "-d always,exit -F arch=b64 -S getppid -F a0=$RULE_MARK -k mark" "-D" "-l"; do
	err=$(nsa-runas 65534 65534 nsauditctl $cmd 2>&1)
	rc=$?
	[ "$rc" = 1 ] || fail "uid 65534: nsauditctl $cmd: exit $rc: $err"
	case "$err" in
	"nsauditctl: "*": Operation not permitted (kernel reports: "?*")") ;;
	"nsauditctl: "*": Operation not permitted") defer_fail "uid 65534: nsauditctl $cmd: EPERM without the module's reason: $err" ;;
	*) fail "uid 65534: nsauditctl $cmd: $err" ;;
	esac
done
out=$(nsa-runas 65534 65534 nsa-nlreq --cmd add-rule "14:hex=$(rule_hex F_TASK A_ALWAYS 39 "FLD_ARG3:OP_EQ:1")")
case "$out" in
"error EPERM msg=\""?*) ;;
*) defer_fail "uid 65534, a malformed rule: got '$out', want EPERM (the permission before the rule)" ;;
esac
unchanged "after unprivileged requests"
note "uid 65534: EPERM ($err)"

# --- EEXIST and ENOENT ------------------------------------------------------------

R="-a always,exit -F arch=b64 -S getpid -F a3=0x53000001"
D="-d always,exit -F arch=b64 -S getpid -F a3=0x53000001"
nsauditctl $R -k dup || fail "add dup"
tool_fails 1 "nsauditctl: -a: File exists (kernel reports: the same rule exists already)" nsauditctl $R -k dup
tool_fails 1 "nsauditctl: -a: File exists (kernel reports: the same rule exists already)" \
	nsauditctl -A always,exit -F arch=b64 -S getpid -F a3=0x53000001 -k dup
nl_expect "error EEXIST msg=\"the same rule exists already\"" --cmd add-rule \
	"14:hex=$(base 0x53000001 dup)"
# Another key, another action, another list position: other rules.
nsauditctl $R -k dup2 || fail "add dup2"
nsauditctl -a never,exit -F arch=b64 -S getpid -F a3=0x53000001 -k dup || fail "add never"
expect_eq "rules after EEXIST" "$(nsauditctl -l | sed -n 's/.* -F key=//p' | tr '\n' ' ')" "mark dup dup2 dup "
tool_fails 1 "nsauditctl: -d: No such file or directory (kernel reports: no such rule)" nsauditctl $D -k dup3
tool_fails 1 "nsauditctl: -d: No such file or directory (kernel reports: no such rule)" nsauditctl $D
nl_expect "error ENOENT msg=\"no such rule\"" --cmd del-rule "14:hex=$(base 0x53000002 dup)"
nsauditctl $D -k dup || fail "del dup"
tool_fails 1 "nsauditctl: -d: No such file or directory (kernel reports: no such rule)" nsauditctl $D -k dup
nsauditctl $D -k dup2 || fail "del dup2"
nsauditctl -d never,exit -F arch=b64 -S getpid -F a3=0x53000001 -k dup || fail "del never"
unchanged "after EEXIST and ENOENT"
note "EEXIST for the same rule (also with -A and as bytes), ENOENT for one not there; other keys and actions are other rules"

# --- ENOSPC at the host's limit ----------------------------------------------------

# keys_now: the keys nsauditctl -l lists, in order.
keys_now() {
	nsauditctl -l | sed -n 's/.* -F key=//p' | tr '\n' ' '
}
nsauditctl -D || fail "-D"
expect_eq "-D" "$(nsauditctl -l)" "No rules"
nsauditctl set rules 3 || fail "set rules 3"
expect_eq "status" "$(nsauditctl status | grep '^rules ')" "rules 3"
for k in l1 l2 l3; do nsauditctl $R -k $k || fail "add $k"; done
tool_fails 1 "nsauditctl: -a: No space left on device (kernel reports: the host's limit of rules per namespace is reached)" \
	nsauditctl $R -k l4
nl_expect "error ENOSPC msg=\"the host's limit of rules per namespace is reached\"" --cmd add-rule "14:hex=$(base 0x53000009 l5)"
expect_eq "rules at the limit" "$(keys_now)" "l1 l2 l3 "
# The limit is per namespace: a container holds its own 3.
out=$(nsa-runas 100000 100000 $CONTAINER sh -c "
	nsa-daemon $STATE/S.log >$STATE/S.daemon 2>&1 &
	. /nsaudit/lib.sh
	wait_until 30 grep -q '^registered' $STATE/S.daemon || exit 9
	for k in c1 c2 c3 c4; do nsauditctl $R -k \$k 2>&1; done
	nsauditctl -l | sed -n 's/.* -F key=//p' | tr '\n' ' '" 2>&1)
expect_eq "a container at the limit" "$out" \
	"nsauditctl: -a: No space left on device (kernel reports: the host's limit of rules per namespace is reached)
c1 c2 c3 "
# A lower limit keeps what is there, and refuses more until below it.
nsauditctl set rules 1 || fail "set rules 1"
expect_eq "rules above a lowered limit" "$(keys_now)" "l1 l2 l3 "
tool_fails 1 "nsauditctl: -a: No space left on device (kernel reports: the host's limit of rules per namespace is reached)" \
	nsauditctl $R -k l4
nsauditctl $D -k l1 || fail "del l1"
tool_fails 1 "nsauditctl: -a: No space left on device (kernel reports: the host's limit of rules per namespace is reached)" \
	nsauditctl $R -k l4
nsauditctl $D -k l2 && nsauditctl $D -k l3 || fail "del l2 l3"
nsauditctl $R -k l4 || fail "add l4 below the limit"
tool_fails 1 "nsauditctl: -a: No space left on device (kernel reports: the host's limit of rules per namespace is reached)" \
	nsauditctl $R -k l5
expect_eq "rules" "$(keys_now)" "l4 "
# The rules that stay still work: one record.
nsa-gen sys "39,0,0,0,0x53000001" >/dev/null
nsauditctl set rules 256 || fail "set rules 256"
nsauditctl -a always,exit -F arch=b64 -S getppid -F a0=$RULE_MARK -k mark || fail "barrier rule"
barrier
expect_eq "records of l4" "$(rule_records "$STATE/H.log" | grep -c 'key="l4"')" 1
note "ENOSPC at 3 rules (and per namespace), a lowered limit (1) kept 3 rules and refused more until below it"

# The limit as a module parameter at load.
kill -TERM $H_JOB
wait_until 30 grep -q '^end reason=unregistered' "$STATE/H.daemon" || fail "H did not end"
wait $H_JOB
nsa_unload
nsa_load rules=2
expect_eq "status after loading with rules=2" "$(nsauditctl status | grep '^rules ')" "rules 2"
expect_eq "the parameter" "$(cat /sys/module/nsaudit/parameters/rules)" 2
nsa-daemon "$STATE/H2.log" >"$STATE/H2.daemon" 2>&1 &
H_JOB=$!
wait_until 30 grep -qs '^registered' "$STATE/H2.daemon" || fail "H2: $(cat "$STATE/H2.daemon")"
expect_eq "rules after reloading" "$(nsauditctl -l)" "No rules"
nsauditctl $R -k p1 && nsauditctl $R -k p2 || fail "add p1 p2"
tool_fails 1 "nsauditctl: -a: No space left on device (kernel reports: the host's limit of rules per namespace is reached)" \
	nsauditctl $R -k p3
expect_eq "rules at the loaded limit" "$(keys_now)" "p1 p2 "
note "rules=2 at load: 2 rules, then ENOSPC"
kill -TERM $H_JOB
wait_until 30 grep -q '^end reason=unregistered' "$STATE/H2.daemon" || fail "H2 did not end"
wait
check_deferred
