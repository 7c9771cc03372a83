# Per-namespace rules are each namespace's own. Containers A and B
# (siblings: new user, PID, mount and network namespaces, run by host uids
# 100000 and 200000, IDs 0-65535 mapped) and C (nested in A, made the way
# a rootless runtime inside A would) each run a daemon, and H runs in the
# initial user namespace; each adds rules with nsauditctl, for the same
# calls. Then: every daemon gets exactly the records of its own rules for
# its own subtree, each equal to ground truth as that daemon sees the task
# (pids in its PID namespace, IDs in its user namespace); C's tasks are
# evaluated against C's rules (records to C) and A's (records to A), apart;
# no rule of A yields a record of B's or the host's tasks. Nobody lists or
# deletes another namespace's rules, the initial one's root included; an
# unprivileged process in A is refused, a capable one that is not the
# daemon and the daemon's own capability-less socket are not; a daemon's
# calls never make records, for it or another; an exclude rule in A drops records
# for A only; and when A's daemon ends, by SIGTERM or SIGKILL, A's rules
# are gone: a new daemon lists none and gets nothing until it adds rules.
. /nsaudit/rules-lib.sh
nsa_load
chmod 1777 "$STATE"
kernel_format_probe

# --- the namespaces and their daemons -----------------------------------------

nsa-daemon "$STATE/H.log" >"$STATE/H.daemon" 2>&1 &
H_JOB=$!
wait_until 30 grep -qs '^registered' "$STATE/H.daemon" || fail "H: $(cat "$STATE/H.daemon")"
SERVE=". /nsaudit/lib.sh; . /nsaudit/rules-lib.sh; serve"
wide_container A 100000 "$SERVE A"
A_JOB=$WIDE_PID
wide_container B 200000 "$SERVE B"
B_JOB=$WIDE_PID

# level NS: the PID namespace level of NS below the host's.
level() {
	case $1 in
	host | H) echo 0 ;;
	A* | B*) echo 1 ;;
	C*) echo 2 ;;
	esac
}

# start_daemon NAME [OPTION...]: nsa-daemon in NAME's namespace (A2 and
# A3 are A's later daemons), logging to $STATE/NAME.log, its output in
# $STATE/NAME.daemon; sets DPID_NAME to its pid in its own namespace.
start_daemon() {
	local _n=$1 _ns
	shift
	_ns=$(echo "$_n" | cut -c 1)
	rm -f "$STATE/$_n.daemon"
	run_ok "$_ns" "nsa-daemon $* $STATE/$_n.log >$STATE/$_n.daemon 2>&1 &
		echo \$!
		wait_until 60 grep -q -e '^registered' -e '^error' $STATE/$_n.daemon"
	eval "DPID_$_n=$OUT"
	grep -q '^registered' "$STATE/$_n.daemon" || fail "$_n: $(cat "$STATE/$_n.daemon")"
}

# stop_daemon NAME SIGNAL: ends NAME's daemon, and waits until it is gone.
stop_daemon() {
	local _h
	_h=$(hostpid_of "$STATE/$1.log" nsa-daemon) || fail "$1: no daemon"
	kill -"$2" "$_h"
	wait_until 60 eval '! kill -0 $_h 2>/dev/null' || fail "$1: daemon did not end"
}

start_daemon A
start_daemon B
# C: nested in A, made by A's root.
run_ok A "$CONTAINER sh -c '$SERVE C' >$STATE/C.out 2>&1 &"
start_daemon C
note "daemons: A, B, C are pid $DPID_A, $DPID_B, $DPID_C in their own namespaces; H: $(cat "$STATE/H.daemon")"

# --- rules: the same calls selected everywhere --------------------------------------

M=0x4c000001
# add_rules NS SYSCALL: NS's barrier rule (key mark-NS) and one selecting
# SYSCALL with a3=$M (key inNS).
add_rules() {
	run_ok "$1" "nsauditctl -a always,exit -F arch=b64 -S getppid -F a0=$RULE_MARK -k mark-$1 &&
		nsauditctl -a always,exit -F arch=b64 -S $2 -F a3=$M -k in$1"
}
add_rules host getpid
add_rules A getpid
add_rules B getpid
add_rules C close

# --- workloads ---------------------------------------------------------------------

# workload NAME NS CALLS: NAME runs in NS and makes CALLS (nsa-gen sys)
# once every namespace that sees it took its ground truth: W_NAME_LEVEL is
# its pid at each PID namespace level from the host's (0) down,
# TRUTH_NAME_VIEWER the record fields from ppid= to exe=, on a second
# line the nsID set and on a third the per= field (T_PER), as VIEWER
# (host, A, B, C) sees the task.
workload() {
	local _w=$1 _ns=$2 _calls=$3 _h= _v _l _p _pv
	rm -f "$STATE/go.$_w"
	run_ok "$_ns" "nsa-gen --wait $STATE/go.$_w sys $_calls >$STATE/$_w.gen 2>&1 &
		wait_until 20 grep -qs hostpid= $STATE/$_w.gen"
	# Its host pid: the process whose command line names its go file.
	for _p in /proc/[0-9]*; do
		case "$(tr '\0' ' ' 2>/dev/null <"$_p/cmdline")" in
		"nsa-gen --wait $STATE/go.$_w "*) _h=${_p#/proc/} ;;
		esac
	done
	[ -n "$_h" ] || fail "$_w: no host pid"
	for _l in 0 1 2; do
		eval "W_${_w}_$_l=$(nspid "$_h" $_l)"
	done
	for _v in host A B C; do
		case "$_v:$_ns" in
		host:* | A:A | A:C | B:B | C:C) ;;
		*) continue ;;
		esac
		eval "_pv=\$W_${_w}_$(level $_v)"
		run_ok $_v "task_truth $_pv; echo \"\$T_TASK\"; echo \"\$T_NSID\"; echo \"\$T_PER\""
		eval "TRUTH_${_w}_$_v=\$OUT"
	done
	eval "_pv=\$W_${_w}_$(level "$_ns")"
	expect_eq "$_w: its own getpid" "$(sed -n 's/^pid=\([0-9]*\) .*/\1/p' "$STATE/$_w.gen")" "$_pv"
	: >"$STATE/go.$_w"
	wait_until 60 eval '! kill -0 $_h 2>/dev/null' || fail "$_w: did not finish"
	expect_eq "$_w: calls" "$(grep -c '^call=' "$STATE/$_w.gen")" "$(echo $_calls | wc -w)"
}

g="39,0,0,0,$M"
c="3,0x7fffffff,0,0,$M"
workload WA A "$g $g $c $c"
workload WB B "$g $g $g"
workload WC C "$g $c $g $c $g $c $g $c"
workload WH host "$g $g $g $g $g $c"

# barrier NS DAEMON...: a getppid in NS that the barrier rules select;
# returns once each DAEMON has its record.
BAR=0
barrier() {
	local _n=$1 _d
	shift
	BAR=$((BAR + 1))
	run_ok "$_n" "nsa-gen sys 110,$RULE_MARK,$BAR >/dev/null"
	for _d in "$@"; do
		wait_until 60 grep -q " syscall=110 .* a1=$(printf %x $BAR) .*key=\"mark-" "$STATE/$_d.log" ||
			fail "barrier $BAR from $_n: not in $_d's log"
	done
}
barrier C C A H
barrier B B H

# expect DAEMON WORKLOAD SYSCALL [VIEWER]: DAEMON's log holds exactly
# WORKLOAD's calls of SYSCALL (a number), each equal to the record built
# from ground truth as VIEWER (DAEMON's namespace: A, B, C or host; by
# default DAEMON's first letter) sees the task, with VIEWER's key.
# "none" for SYSCALL: no rule record of WORKLOAD at all.
expect() {
	local _d=$1 _w=$2 _sys=$3 _v=${4:-} _pv _n _t
	[ -n "$_v" ] || _v=$(echo "$_d" | cut -c 1 | sed 's/H/host/')
	eval "_pv=\$W_${_w}_$(level $_v)"
	if [ "$_sys" = none ]; then
		# No rule record from WORKLOAD's namespaces at all. Not by pid:
		# sibling PID namespaces (A's, B's) hand out the same numbers.
		eval "_t=\$TRUTH_${_w}_host"
		_t=$(echo "$_t" | sed -n 2p)
		[ -n "$_t" ] || fail "$_w: no nsID truth: the test is wrong"
		[ -z "$(rule_records "$STATE/$_d.log" | grep -F -e " $_t")" ] ||
			fail "$_d has records of $_w: $(rule_records "$STATE/$_d.log" | grep -F -e " $_t" | head -n 2)"
		return 0
	fi
	eval "_t=\$TRUTH_${_w}_$_v"
	T_TASK=$(echo "$_t" | sed -n 1p)
	T_NSID=$(echo "$_t" | sed -n 2p)
	T_PER=$(echo "$_t" | sed -n 3p)
	awk -v s="syscall=$_sys" -v k="$(key_field in$_v)" '$3 == s { print substr($1, 6), k }' \
		"$STATE/$_w.gen" >"$STATE/$_d.$_w.want"
	expected_records "$STATE/$_w.gen" "$STATE/$_d.$_w.want" >"$STATE/$_d.$_w.exp"
	record_bodies "$STATE/$_d.log" "$_pv" >"$STATE/$_d.$_w.got"
	same_records "$_d: records of $_w" "$STATE/$_d.$_w.exp" "$STATE/$_d.$_w.got"
	_n=$(wc -l <"$STATE/$_d.$_w.exp")
	[ "$_n" -gt 0 ] || fail "$_d: no record of $_w expected: the test is wrong"
	note "$_d: $_n records of $_w (pid $_pv there), equal to ground truth"
	NREC=$((NREC + _n))
}
for d in A B C H; do
	NREC=0
	case $d in
	A) expect A WA 39; expect A WC 39; expect A WB none; expect A WH none; nb=1 ;;
	B) expect B WB 39; expect B WA none; expect B WC none; expect B WH none; nb=1 ;;
	C) expect C WC 3; expect C WA none; expect C WB none; expect C WH none; nb=1 ;;
	H) expect H WA 39; expect H WB 39; expect H WC 39; expect H WH 39; nb=2 ;;
	esac
	# Nothing else: its rule records are these and the barriers'.
	expect_eq "$d: rule records in all" "$(rule_records "$STATE/$d.log" | wc -l)" $((NREC + nb))
done
note "no daemon got a record of another subtree's rules or tasks"

# --- listing and deleting: each namespace its own -----------------------------------

# keys NS: sets KEYS to the keys of NS's rules as nsauditctl -l lists them.
keys() {
	run_ok "$1" "nsauditctl -l"
	KEYS=$(echo "$OUT" | sed -n 's/.* -F key=//p' | sort | tr '\n' ' ')
}
for n in A B C host; do
	keys $n
	expect_eq "$n lists" "$KEYS" "in$n mark-$n "
done
run_ok A "nsauditctl -l"
LIST_A=$OUT
run_ok C "nsauditctl -l"
LIST_C=$OUT
# B deletes A's rule: B's rulespace has no such rule.
run_in B "nsauditctl -d always,exit -F arch=b64 -S getpid -F a3=$M -k inA"
[ "$RC" = 1 ] || fail "B deleting A's rule: exit $RC: $OUT"
case "$OUT" in *"No such file or directory (kernel reports: "?*")") ;; *) fail "B deleting A's rule: $OUT" ;; esac
note "B: -d of A's rule: $OUT"
# B and the host's root delete all: their own.
run_ok B "nsauditctl -D"
nsauditctl -D || fail "host -D"
keys B
expect_eq "B after -D" "$KEYS" ""
keys host
expect_eq "the host after -D" "$KEYS" ""
run_ok A "nsauditctl -l"
expect_eq "A's rules after B's and the host's -D" "$OUT" "$LIST_A"
run_ok C "nsauditctl -l"
expect_eq "C's rules after B's and the host's -D" "$OUT" "$LIST_C"
note "B's and the host's -d and -D touched only their own rules"

# --- who may: a capable process that is not the daemon; nobody unprivileged ----------

# A's rules were added by A's root, not by its daemon. An unprivileged uid
# in A (no CAP_AUDIT_CONTROL there) is refused every rule command.
for cmd in "-l" "-D" "-a always,exit -F arch=b64 -S getpid -F a3=0x1 -k u" \
	"-d always,exit -F arch=b64 -S getpid -F a3=$M -k inA"; do
	run_in A "nsa-runas 1000 1000 nsauditctl $cmd"
	[ "$RC" = 1 ] || fail "A, uid 1000: nsauditctl $cmd: exit $RC: $OUT"
	case "$OUT" in
	"nsauditctl: "*": Operation not permitted (kernel reports: "?*")") ;;
	"nsauditctl: "*": Operation not permitted") defer_fail "A, uid 1000: nsauditctl $cmd: EPERM without the module's reason: $OUT" ;;
	*) fail "A, uid 1000: nsauditctl $cmd: $OUT" ;;
	esac
done
note "A, uid 1000: $OUT (and so for -l, -D, -d)"
run_ok A "nsauditctl -l"
expect_eq "A's rules after the refusals" "$OUT" "$LIST_A"

# --- a daemon's own calls ----------------------------------------------------------

# Rules in A selecting every call of A's daemon and of C's (a task of A's
# subtree), in C every call of C's daemon, in H every call of H's: each
# daemon is made busy (SIGUSR1: a status request over its socket); no
# daemon gets a record of its own calls nor of another daemon's, as the
# kernel never audits its own daemon (README, "What a namespace rule
# makes"); the barrier's records show the rules still select the rest.
HPID_A=$(hostpid_of "$STATE/A.log" nsa-daemon) && HPID_C=$(hostpid_of "$STATE/C.log" nsa-daemon) &&
	HPID_H=$(hostpid_of "$STATE/H.log" nsa-daemon) || fail "daemons' host pids"
DPID_CA=$(nspid "$HPID_C" 1)
add_rules host getpid
run_ok A "nsauditctl -a always,exit -F arch=b64 -S all -F pid=$DPID_A -k selfA &&
	nsauditctl -a always,exit -F arch=b64 -S all -F pid=$DPID_CA -k daemonC"
run_ok C "nsauditctl -a always,exit -F arch=b64 -S all -F pid=$DPID_C -k selfC"
nsauditctl -a always,exit -F arch=b64 -S all -F pid="$HPID_H" -k selfH || fail "H: self rule"
for d in A C H; do
	eval "kill -USR1 \$HPID_$d"
	wait_until 60 grep -q '^status ' "$STATE/$d.daemon" || fail "$d: no status answer"
done
barrier C C A H
! grep -q 'key="daemonC"' "$STATE/A.log" || fail "A got records of C's daemon's calls"
for d in A C H; do
	! grep -q "key=\"self$d\"" "$STATE/$d.log" || fail "$d got records of its own calls"
done
[ -z "$(rule_records "$STATE/A.log" "$DPID_A")" ] || fail "A got records of its own pid"
[ -z "$(rule_records "$STATE/C.log" "$DPID_C")" ] || fail "C got records of its own pid"
[ -z "$(rule_records "$STATE/H.log" "$HPID_H")" ] || fail "H got records of its own pid"
note "no daemon got a record of its own calls, nor A of C's daemon's"
run_ok A "nsauditctl -d always,exit -F arch=b64 -S all -F pid=$DPID_A -k selfA &&
	nsauditctl -d always,exit -F arch=b64 -S all -F pid=$DPID_CA -k daemonC"
run_ok C "nsauditctl -d always,exit -F arch=b64 -S all -F pid=$DPID_C -k selfC"
nsauditctl -d always,exit -F arch=b64 -S all -F pid="$HPID_H" -k selfH || fail "H: self rule"

# --- exclude: for A only ---------------------------------------------------------

# A drops SYSCALL records: C's calls leave none with A, while C and H get
# theirs. The barrier is a LOGIN record: C's root sets its login uid (0
# there and in A, 100000 on the host).
run_ok A "nsauditctl -a always,exclude -F msgtype=SYSCALL"
a_before=$(grep -c '^type=1300 ' "$STATE/A.log")
workload WX C "$g $c $g"
run_ok C "nsa-gen loginuid 0 >/dev/null"
wait_until 60 grep -q '^type=1006 .* auid=0 ' "$STATE/A.log" || fail "A: no LOGIN record"
wait_until 60 grep -q '^type=1006 .* auid=0 ' "$STATE/C.log" || fail "C: no LOGIN record"
wait_until 60 grep -q '^type=1006 .* auid=100000 ' "$STATE/H.log" || fail "H: no LOGIN record"
expect_eq "A: SYSCALL records while excluded" "$(grep -c '^type=1300 ' "$STATE/A.log")" "$a_before"
expect C WX 3
expect H WX 39
run_ok A "nsauditctl -d always,exclude -F msgtype=SYSCALL"
note "A's exclude rule dropped A's records only"

# --- the daemon ends: its rules with it --------------------------------------------

# no_daemon: A has no daemon: adding a rule is refused with ENOTCONN.
no_daemon() {
	run_in A "nsauditctl -a always,exit -F arch=b64 -S getpid -F a3=$M -k inA"
	case "$OUT" in *"Transport endpoint is not connected"*) return 0 ;; esac
	return 1
}
old=A
for how in TERM KILL; do
	case $how in TERM) new=A2 ;; KILL) new=A3 ;; esac
	stop_daemon $old $how
	wait_until 30 no_daemon || fail "A without a daemon: adding a rule: $OUT"
	case "$OUT" in
	"nsauditctl: -a: Transport endpoint is not connected (kernel reports: no audit daemon registered in this user namespace)") ;;
	*) fail "A without a daemon: $OUT" ;;
	esac
	start_daemon $new
	run_ok A "nsauditctl -l"
	expect_eq "A's rules for a new daemon after SIG$how" "$OUT" "No rules"
	# No rule: A's calls leave nothing with the new daemon (a LOGIN
	# record is the barrier); C's rules still work.
	workload WN$how A "$g $c"
	workload WM$how C "$g $c"
	run_ok A "nsa-gen loginuid 4343 >/dev/null"
	wait_until 60 grep -q '^type=1006 .* auid=4343 ' "$STATE/$new.log" || fail "$new: no LOGIN record"
	[ -z "$(rule_records "$STATE/$new.log")" ] ||
		fail "$new got rule records: $(rule_records "$STATE/$new.log" | head -n 2)"
	barrier C C H
	expect C WM$how 3
	# Rules it adds now work.
	run_ok A "nsauditctl -a always,exit -F arch=b64 -S getppid -F a0=$RULE_MARK -k mark-A &&
		nsauditctl -a always,exit -F arch=b64 -S getpid -F a3=$M -k inA"
	workload WP$how A "$g $c $g"
	barrier A $new
	expect $new WP$how 39 A
	note "SIG$how: ENOTCONN without a daemon; the new one lists no rule, gets no record until it adds its own"
	old=$new
done

# --- the daemon's own socket, without any capability ---------------------------------

# B's daemon gives up every capability, then adds a rule over its
# registered socket: allowed. B's root lists it (as -l lists A's same rule
# but for the key); B's records come.
stop_daemon B TERM
start_daemon B2 --drop-caps --rule "$(rule_hex F_EXIT A_ALWAYS 39 \
	"FLD_ARCH:OP_EQ:ARCH_X86_64 FLD_ARG3:OP_EQ:$M FLD_FILTERKEY:OP_EQ:5" "$(str_hex sockB)")"
wait_until 30 grep -q '^rule ' "$STATE/B2.daemon" || fail "B2: no answer to its rule"
grep -q '^rule ok$' "$STATE/B2.daemon" || fail "B2: $(cat "$STATE/B2.daemon")"
expect_eq "B2: effective capabilities" \
	"$(sed -n 's/^CapEff:\t//p' "/proc/$(hostpid_of "$STATE/B2.log" nsa-daemon)/status")" 0000000000000000
run_ok B "nsauditctl -l"
expect_eq "B lists its daemon's rule" "$OUT" "$(echo "$LIST_A" | grep ' -F key=inA$' | sed 's/ -F key=inA$/ -F key=sockB/')"
workload WS B "$g $c"
wait_until 60 grep -q 'key="sockB"' "$STATE/B2.log" || fail "B2: no record of its rule"
expect_eq "B2: records" "$(rule_records "$STATE/B2.log" | wc -l)" 1
note "B's daemon, with no capability left, added a rule over its own socket; it works"

# --- end ---------------------------------------------------------------------------

# The containers end with their first processes (C's with A's).
stop_server C
stop_server A
stop_server B
wait_until 60 eval '! kill -0 $A_JOB 2>/dev/null && ! kill -0 $B_JOB 2>/dev/null' ||
	fail "the containers did not end"
kill -TERM $H_JOB
wait_until 30 grep -q '^end reason=unregistered' "$STATE/H.daemon" || fail "H: $(cat "$STATE/H.daemon")"
wait
check_deferred
