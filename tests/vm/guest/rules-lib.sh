# Helpers of the per-namespace rules scenarios (rules-fields,
# rules-isolation, rules-refused), sourced after lib.sh: containers with a
# full range of IDs, a request server inside a namespace, ground truth for
# a SYSCALL record, the kernel's own record format, and rules as bytes.

# a0 of every barrier call (getppid): "nmkr". Its rule is each scenario's
# first; a1 numbers the barriers.
RULE_MARK=0x6e6d6b72

# --- containers ---------------------------------------------------------------

# wide_container NAME HOSTID SCRIPT: starts, in the background, a container
# as a rootless runtime with subordinate IDs makes it: new user, PID, mount
# and network namespaces, run by host uid and gid HOSTID, with IDs 0-65535
# mapped to HOSTID-HOSTID+65535 (written by the host's root, as newuidmap
# would). SCRIPT runs in it as its root, with full capabilities in its
# user namespace, once the maps are there; its output goes to
# $STATE/NAME.out. Sets WIDE_PID to the host pid of the process that made
# the namespaces.
wide_container() {
	local _n=$1 _id=$2 _self
	shift 2
	# The shell that unshare starts has no mapped uid yet, so execve()
	# dropped its capabilities: it waits for the maps, then starts SCRIPT
	# with a new execve() as root of the namespace.
	nsa-runas "$_id" "$_id" $UNSHARE -U -p -f -m -n --mount-proc sh -c '
		i=0
		until [ -n "$(cat /proc/self/uid_map)" ] && [ -n "$(cat /proc/self/gid_map)" ]; do
			i=$((i + 1))
			[ $i -lt 300 ] || { echo "no ID maps within 30 s"; exit 1; }
			busybox usleep 100000
		done
		exec sh -c "$0"' "$*" >"$STATE/$_n.out" 2>&1 &
	WIDE_PID=$!
	_self=$(stat -L -c %i /proc/self/ns/user)
	wait_until 30 eval '[ "$(stat -L -c %i /proc/$WIDE_PID/ns/user 2>/dev/null)" != "" ] &&
		[ "$(stat -L -c %i /proc/$WIDE_PID/ns/user)" != "$_self" ]' ||
		fail "$_n: no user namespace: $(cat "$STATE/$_n.out")"
	echo "0 $_id 65536" >"/proc/$WIDE_PID/uid_map" || fail "$_n: uid_map"
	echo "0 $_id 65536" >"/proc/$WIDE_PID/gid_map" || fail "$_n: gid_map"
}

# --- requests to a namespace ---------------------------------------------------

# serve NAME: runs, one at a time, the shell snippets that run_in NAME
# sends (in a subshell of this shell, so in its namespaces and with lib.sh
# and this file's functions), until one is "exit".
serve() {
	local _k=0 _f
	while :; do
		_f=$STATE/$1.req.$_k
		wait_until 900 test -e "$_f.ready" || exit 1
		[ "$(cat "$_f")" = exit ] && break
		(. "$_f") >"$_f.out" 2>&1
		echo $? >"$_f.rc.tmp"
		mv "$_f.rc.tmp" "$_f.rc"
		_k=$((_k + 1))
	done
}

# send_req NAME SNIPPET: queues SNIPPET for NAME's server; sets REQ to
# its file. (The numbering is kept in a file, so that run_in works in
# subshells too.)
send_req() {
	local _k
	_k=$(cat "$STATE/$1.next" 2>/dev/null || echo 0)
	echo $((_k + 1)) >"$STATE/$1.next"
	REQ=$STATE/$1.req.$_k
	printf '%s\n' "$2" >"$REQ"
	: >"$REQ.ready"
}

# run_in NAME SNIPPET: runs SNIPPET in NAME's server ("host": here, in a
# subshell) and waits for it; sets RC to its exit status and OUT to its
# output (standard output and error).
run_in() {
	if [ "$1" = host ]; then
		OUT=$( (eval "$2") 2>&1)
		RC=$?
		return 0
	fi
	send_req "$1" "$2"
	wait_until 300 test -e "$REQ.rc" || fail "$1: no answer to: $2"
	RC=$(cat "$REQ.rc")
	OUT=$(cat "$REQ.out")
}

# stop_server NAME: NAME's server returns (and its container ends, if it
# is the container's first process).
stop_server() {
	send_req "$1" exit
}

# run_ok NAME SNIPPET: run_in, and the snippet must succeed.
run_ok() {
	run_in "$1" "$2"
	[ "$RC" = 0 ] || fail "$1: exit $RC: $2: $OUT"
}

# defer_fail MSG: a failure that lets the scenario go on (so that one run
# shows everything that is wrong); check_deferred at its end fails it.
defer_fail() {
	echo "FAIL: $*"
	echo "$*" >>"$STATE/deferred"
}

check_deferred() {
	[ ! -s "$STATE/deferred" ] || fail "$(wc -l <"$STATE/deferred") failures above"
}

# --- ground truth ---------------------------------------------------------------

# tty_name TTY_NR: the name the kernel's records give a controlling
# terminal, from the number in /proc/PID/stat ("(none)" for none).
tty_name() {
	local _maj _min
	[ "$1" = 0 ] && { echo "(none)"; return 0; }
	_maj=$((($1 >> 8) & 0xfff))
	_min=$((($1 & 0xff) | (($1 >> 12) & 0xfff00)))
	case $_maj in
	4) if [ $_min -ge 64 ]; then echo "ttyS$((_min - 64))"; else echo "tty$_min"; fi ;;
	5) [ $_min = 1 ] && echo console || echo "tty-5:$_min" ;;
	136 | 137 | 138 | 139 | 140 | 141 | 142 | 143) echo "pts$(((_maj - 136) * 256 + _min))" ;;
	*) echo "tty-$_maj:$_min" ;;
	esac
}

# task_truth PID: what a SYSCALL record says of the task PID (a pid in this
# process's /proc), read from /proc as this process sees it: pids in its
# PID namespace, IDs in its user namespace. Sets T_PID, T_PPID, T_UIDS
# ("uid euid suid fsuid"), T_GIDS, T_GROUPS (supplementary), T_PER (" per=X"
# for a personality other than Linux's, as the record has it, else empty),
# T_AUID, T_SES, T_COMM, T_EXE, T_NSID and
# T_TASK: the record's fields from ppid= to exe= in the kernel's order
# (and subj= where the kernel writes one, KSUBJ=1, if RULE_SUBJ=1: see
# kernel_format_probe). Fails if PID is gone.
task_truth() {
	local _tty _pid=$1
	eval "$(awk '
		/^NSpid:/ { print "T_PID=" $2 }
		/^PPid:/ { print "T_PPID=" $2 }
		/^Uid:/ { print "T_UIDS=\"" $2 " " $3 " " $4 " " $5 "\"" }
		/^Gid:/ { print "T_GIDS=\"" $2 " " $3 " " $4 " " $5 "\"" }
		/^Groups:/ { $1 = ""; print "T_GROUPS=\"" substr($0, 2) "\"" }
	' "/proc/$1/status")" || fail "no /proc/$1/status"
	T_PER=$(sed 's/^0*//' "/proc/$1/personality") || fail "no /proc/$1/personality"
	[ -z "$T_PER" ] || T_PER=" per=$T_PER"
	T_AUID=$(cat "/proc/$1/loginuid") && T_SES=$(cat "/proc/$1/sessionid") &&
		T_COMM=$(cat "/proc/$1/comm") && T_EXE=$(readlink "/proc/$1/exe") &&
		_tty=$(sed 's/.*) //' "/proc/$1/stat" | cut -d ' ' -f 5) &&
		T_NSID=$(nsid_truth "$1") || fail "truth of $1 is incomplete"
	set -- $T_UIDS $T_GIDS
	T_TASK="ppid=$T_PPID pid=$T_PID auid=$T_AUID uid=$1 gid=$5 euid=$2 suid=$3 fsuid=$4 egid=$6 sgid=$7 fsgid=$8 tty=$(tty_name "$_tty") ses=$T_SES comm=\"$T_COMM\" exe=\"$T_EXE\""
	if [ -n "${KSUBJ:-}" ] && [ -n "${RULE_SUBJ:-}" ]; then
		T_TASK="$T_TASK subj=$(cat "/proc/$_pid/attr/current")" || fail "no LSM context of $_pid"
	fi
}

# key_field SPEC: the key= field of a record of a rule with the keys in
# SPEC ("-" for none, "a+b" for the keys a and b), as the kernel writes
# it: quoted, or in upper-case hex if it holds the separator or anything
# else that audit_log_untrustedstring() encodes.
key_field() {
	local _k
	[ "$1" = - ] && { echo "key=(null)"; return 0; }
	_k=$(echo "$1" | tr '+' '\001')
	case "$_k" in
	*[!!-~]* | *'"'*) echo "key=$(printf '%s' "$_k" | od -An -tx1 -v | tr -d ' \n' | tr a-f A-F)" ;;
	*) echo "key=\"$_k\"" ;;
	esac
}

# expected_records CALLS WANT: the SYSCALL records (text after
# "audit(...): ") that the calls in CALLS (nsa-gen sys output: "call=I
# arch=... exit=... a0=..."), matched as WANT says ("I KEYSPEC" a line, in
# call order), make, for the task whose truth task_truth set last.
expected_records() {
	awk -v task="$T_TASK" -v nsid="$T_NSID" -v per="$T_PER" -v want="$2" '
		BEGIN {
			while ((getline l < want) > 0) {
				split(l, w, " ")
				key[w[1]] = w[2]
			}
		}
		/^call=/ {
			i = substr($1, 6)
			if (!(i in key))
				next
			ex = substr($4, 6) + 0
			ok = (ex < 0 && ex >= -4095) ? "no" : "yes"
			print $2 " " $3 per " success=" ok " " $4 " " $5 " " $6 " " $7 " " $8 \
				" items=0 " task " " key[i] " " nsid
		}' "$1"
}

# rule_records LOG [PID]: the records rules made, in a daemon's log (of
# PID if given): SYSCALL records that are events of one record. A kernel
# event the daemon gets routed (a loginuid write's, say: LOGIN, SYSCALL
# and PROCTITLE with one serial) is not one.
rule_records() {
	awk -v pid="${2:-}" '
		{ if (match($0, /^type=[0-9]+ audit\([0-9.]+:[0-9]+\)/)) {
			s = substr($0, RSTART, RLENGTH); sub(/.*:/, "", s); sub(/\)/, "", s)
			n[s]++; line[NR] = $0; ser[NR] = s } }
		END {
			for (i = 1; i <= NR; i++)
				if ((i in ser) && n[ser[i]] == 1 && line[i] ~ /^type=1300 / &&
				    (pid == "" || index(line[i], " pid=" pid " ")))
					print line[i]
		}' "$1"
}

# kernel_syscalls LOG: SYSCALL records of kernel events in a daemon's log
# (those sharing their serial with another record).
kernel_syscalls() {
	awk '
		{ if (match($0, /^type=[0-9]+ audit\([0-9.]+:[0-9]+\)/)) {
			s = substr($0, RSTART, RLENGTH); sub(/.*:/, "", s); sub(/\)/, "", s)
			n[s]++; line[NR] = $0; ser[NR] = s } }
		END {
			for (i = 1; i <= NR; i++)
				if ((i in ser) && n[ser[i]] > 1 && line[i] ~ /^type=1300 /)
					print line[i]
		}' "$1"
}

# record_bodies LOG PID: PID's rule records in a daemon's log, without the
# "type=1300 audit(...): " head; fails if a head is not the kernel's
# "audit(SEC.MSEC:SERIAL): ".
record_bodies() {
	local _bad
	_bad=$(rule_records "$1" "$2" | grep -v '^type=1300 audit([0-9]*\.[0-9][0-9][0-9]:[0-9]*): ')
	[ -z "$_bad" ] || fail "$1: a record head is not the kernel's: $_bad"
	rule_records "$1" "$2" | sed 's/^type=1300 audit([0-9.:]*): //'
}

# same_records WHAT EXPECTED_FILE ACTUAL_FILE: the files are equal, else
# fail, showing the first difference.
same_records() {
	local _e _a
	cmp -s "$2" "$3" && return 0
	_e=$(wc -l <"$2")
	_a=$(wc -l <"$3")
	echo "  $1: $_a records, want $_e; first difference:"
	diff "$2" "$3" | grep '^[-+][^-+]' | head -n 6 | sed 's/^/    /'
	fail "$1: records differ from ground truth"
}

# only_login_events LOG: every kernel SYSCALL record in the daemon's log
# is one of a loginuid write: its serial is a LOGIN record's (or PROCTITLE's,
# where LOGIN is excluded) and its call a write.
only_login_events() {
	local _bad
	_bad=$(kernel_syscalls "$1" | grep -v ' syscall=1 ' | head -n 3)
	[ -z "$_bad" ] || fail "$1: kernel events other than loginuid writes: $_bad"
}

# --- the kernel's own format -------------------------------------------------------

# kernel_format_probe: the kernel's own SYSCALL records, from a host rule
# and host processes, against expected_records: proves that the expected
# text is the kernel's, field for field, key encodings, a personality
# (per=) and (with IA32 emulation) 32-bit calls included, and sets KSUBJ=1
# if the kernel writes an LSM context (subj=, AppArmor's on Debian's
# kernels). Leaves no host rule behind.
#
# The one field rule records leave out: the record format nsaudit
# specifies for them lists every field of the kernel's SYSCALL record but
# subj=, and the module writes none. Unless RULE_SUBJ=1 (records with
# subj= as the kernel has it), the probe compares the kernel's records
# without it.
kernel_format_probe() {
	local _m=0x70726f62 _calls _n=3 _p _opts _i=0
	auditctl -D >/dev/null
	auditctl -a always,exit -F arch=b64 -S getppid,close -F a3=$_m -F a0!=9 -k nsa-probe >/dev/null &&
		auditctl -a always,exit -F arch=b64 -S getppid -F a3=$_m -F a0=9 -k probe-a -k probe-b >/dev/null ||
		fail "probe: auditctl"
	_calls="110,1,2,3,$_m 3,0x7fffffff,0,0,$_m 110,9,0,0,$_m"
	printf '1 %s\n2 %s\n3 %s\n' "$(key_field nsa-probe)" "$(key_field nsa-probe)" \
		"$(key_field probe-a+probe-b)" >"$STATE/probe.want"
	if [ -n "$IA32" ]; then
		auditctl -a always,exit -F arch=b32 -S getppid,close -F a3=$_m -k nsa-probe >/dev/null ||
			fail "probe: auditctl b32"
		_calls="$_calls i386:64,1,2,3,$_m i386:6,0x7fffffff,0,0,$_m"
		printf '4 %s\n5 %s\n' "$(key_field nsa-probe)" "$(key_field nsa-probe)" >>"$STATE/probe.want"
		_n=5
	fi
	: >"$STATE/probe.exp"
	: >"$STATE/probe.got"
	for _opts in "" "--personality 0x40000"; do
		_i=$((_i + 1))
		rm -f "$STATE/go"
		# Only this round's part of the log: a pid may have been used before.
		_from=$(($(wc -l <"$LOG") + 1))
		nsa-gen $_opts --wait "$STATE/go" sys $_calls >"$STATE/probe$_i.gen" 2>&1 &
		wait_until 20 grep -qs hostpid= "$STATE/probe$_i.gen" || fail "probe: $(cat "$STATE/probe$_i.gen")"
		_p=$(sed -n 's/.*hostpid=\([0-9]*\).*/\1/p' "$STATE/probe$_i.gen")
		KSUBJ=
		if grep -q . "/proc/$_p/attr/current" 2>/dev/null; then
			KSUBJ=1
			cat "/proc/$_p/attr/current" >"$STATE/probe.subj"
		fi
		task_truth "$_p"
		: >"$STATE/go"
		wait $!
		rm -f "$STATE/go"
		log_barrier || fail "probe: log barrier"
		tail -n +"$_from" "$LOG" >"$STATE/probe$_i.log"
		if [ -n "$KSUBJ" ] && [ -z "${RULE_SUBJ:-}" ]; then
			(LOG=$STATE/probe$_i.log LOG_FROM=1; records SYSCALL "$_p") | sed -e 's/^type=SYSCALL msg=audit([0-9.:]*): //' \
				-e 's/ subj=[^ ]* key=/ key=/' >>"$STATE/probe.got"
		else
			(LOG=$STATE/probe$_i.log LOG_FROM=1; records SYSCALL "$_p") |
				sed 's/^type=SYSCALL msg=audit([0-9.:]*): //' >>"$STATE/probe.got"
		fi
		expected_records "$STATE/probe$_i.gen" "$STATE/probe.want" >>"$STATE/probe.exp"
	done
	auditctl -D >/dev/null
	[ "$(wc -l <"$STATE/probe.exp")" = $((2 * _n)) ] || fail "probe: expected $(cat "$STATE/probe.exp")"
	grep -q ' per=40000 ' "$STATE/probe.exp" || fail "probe: no per= expected: $(cat "$STATE/probe.exp")"
	same_records "the kernel's own records (probe)" "$STATE/probe.exp" "$STATE/probe.got"
	note "the kernel's own SYSCALL records equal the expected text ($((2 * _n)) records, per= too${IA32:+, b32 too})"
	[ -n "$KSUBJ" ] && [ -z "${RULE_SUBJ:-}" ] &&
		note "(the kernel's records carry subj=$(cat "$STATE/probe.subj"), which rule records leave out, as specified)"
	return 0
}

# IA32: set if the kernel runs 32-bit system calls of 64-bit processes
# (int $0x80; CONFIG_IA32_EMULATION). Debian's kernels do, the debug
# lane's tinyconfig-based one does not.
IA32=
grep -q -E ' (__ia32_sys_getpid|ia32_sys_call)$' /proc/kallsyms 2>/dev/null && IA32=1

# --- rules as bytes ---------------------------------------------------------------

# Numbers from <linux/audit.h>: filters, actions, fields and operators.
F_USER=0 F_TASK=1 F_ENTRY=2 F_WATCH=3 F_EXIT=4 F_EXCLUDE=5 F_FS=6 F_URING=7 F_PREPEND=0x10
A_NEVER=0 A_ALWAYS=2
FLD_PID=0 FLD_UID=1 FLD_EUID=2 FLD_SUID=3 FLD_FSUID=4 FLD_GID=5 FLD_EGID=6 FLD_SGID=7 FLD_FSGID=8
FLD_LOGINUID=9 FLD_PERS=10 FLD_ARCH=11 FLD_MSGTYPE=12 FLD_SUBJ_USER=13 FLD_PPID=18 FLD_OBJ_USER=19
FLD_LOGINUID_SET=24 FLD_SESSIONID=25 FLD_FSTYPE=26 FLD_DEVMAJOR=100 FLD_DEVMINOR=101 FLD_INODE=102
FLD_EXIT=103 FLD_SUCCESS=104 FLD_WATCH=105 FLD_PERM=106 FLD_DIR=107 FLD_FILETYPE=108
FLD_OBJ_UID=109 FLD_OBJ_GID=110 FLD_FIELD_COMPARE=111 FLD_EXE=112 FLD_SADDR_FAM=113
FLD_ARG0=200 FLD_ARG1=201 FLD_ARG2=202 FLD_ARG3=203 FLD_FILTERKEY=210
OP_MASK=0x08000000 OP_LT=0x10000000 OP_GT=0x20000000 OP_NE=0x30000000 OP_EQ=0x40000000
OP_TEST=0x48000000 OP_LE=0x50000000 OP_GE=0x60000000
ARCH_X86_64=0xc000003e
# struct audit_rule_data without its buf: flags, action, field_count,
# mask[64], fields[64], values[64], fieldflags[64], buflen.
RULE_SIZE=1040

# le32 N: sets LE to N as 4 little-endian bytes in hex (no subshell: a
# rule is 260 of them).
_HEXDIGITS=0123456789abcdef
le32() {
	local _v=$(($1 & 0xffffffff)) _s _b
	LE=
	for _s in 0 8 16 24; do
		_b=$(((_v >> _s) & 0xff))
		LE="$LE${_HEXDIGITS:$((_b >> 4)):1}${_HEXDIGITS:$((_b & 15)):1}"
	done
}

# str_hex TEXT: TEXT's bytes in hex (no NUL: rule strings are counted).
str_hex() {
	printf '%s' "$1" | od -An -tx1 -v | tr -d ' \n'
}

# rule_hex FLAGS ACTION SYSCALLS FIELDS [BUFHEX [COUNT [BUFLEN]]]: prints a
# struct audit_rule_data and its buf in hex, as NSAUDIT_A_RULE carries it.
# SYSCALLS: "all", "none" or syscall numbers separated by commas. FIELDS:
# words FIELD:OP:VALUE (numbers, or the names above; at most 64). BUFHEX
# is the buf; COUNT and BUFLEN replace field_count and buflen (for
# malformed rules).
rule_hex() {
	local _sys=$3 _buf=${5:-} _w _i _n=0 _f _o _v _ff= _vv= _oo= _mask= _word _IFS
	for _w in $4; do
		_f=${_w%%:*}
		_o=${_w#*:}
		_v=${_o#*:}
		_o=${_o%%:*}
		le32 $(($_f))
		_ff="$_ff$LE"
		le32 $(($_o))
		_oo="$_oo$LE"
		le32 $(($_v))
		_vv="$_vv$LE"
		_n=$((_n + 1))
	done
	_i=$_n
	while [ $_i -lt 64 ]; do
		_ff="${_ff}00000000"
		_oo="${_oo}00000000"
		_vv="${_vv}00000000"
		_i=$((_i + 1))
	done
	_i=0
	while [ $_i -lt 64 ]; do
		_word=0
		if [ "$_sys" = all ]; then
			_word=0xffffffff
		elif [ "$_sys" != none ]; then
			_IFS=$IFS
			IFS=,
			for _f in $_sys; do
				[ $((_f / 32)) = $_i ] && _word=$((_word | (1 << (_f % 32))))
			done
			IFS=$_IFS
		fi
		le32 $_word
		_mask="$_mask$LE"
		_i=$((_i + 1))
	done
	le32 $(($1))
	_w=$LE
	le32 $(($2))
	_w="$_w$LE"
	le32 ${6:-$_n}
	_w="$_w$LE$_mask$_ff$_vv$_oo"
	le32 ${7:-$((${#_buf} / 2))}
	echo "$_w$LE$_buf"
}
