# rules-nsauditd (auditd lane): a container's own rules, loaded by nsauditd
# as packaged, with no host audit rule at all. The container (user, PID,
# mount and network namespaces, made by host uid 100000) has its own
# /etc/nsaudit and /var/log/nsaudit and starts nsauditd with its defaults;
# the rules file has a never rule before an always rule (first match wins)
# and an exclude rule. Workloads in the container make known numbers of
# matching and non-matching syscalls; ausearch -if and aureport -if over
# the container's log find exactly the matching events, one SYSCALL record
# each with items=0, with the fields the workload's own /proc shows in the
# container (pid, ppid, ids, login uid and session, comm, exe), the key,
# and the nsID set of stat -L; the host's audit.log has none of them.
# Deleting the never and the exclude rule lets through exactly what they
# held back. Restarting nsauditd reloads the file; a rules file with a line
# the tool refuses (exit 2) or the kernel refuses (exit 1) stops nsauditd
# with FILE:LINE and leaves no rule loaded. Last, with a host rule for the
# same event, the kernel's own SYSCALL record has the same fields (but the
# documented subj=) in the same order, and the same arguments.
nsa_load
chmod 1777 "$STATE"
# Whatever happens, the container's init ends.
trap ': >"$STATE/stop"' EXIT
command -v ausearch >/dev/null || fail "no ausearch on this lane"
auditctl -D >/dev/null || fail "auditctl -D"
expect_eq "host rules" "$(auditctl -l)" "No rules"

# The container's rules file, and what nsauditctl -l lists for it (the
# auditctl -l text; rules-auditctl proves the two agree).
cat >"$STATE/rules.good" <<'EOF'
# nsaudit.rules of the test container
-D
-b 8192
-a never,exit -F arch=b64 -S openat -F exit=-ENOTDIR
-a always,exit -F arch=b64 -S openat -F success=0 -k mine
-a always,exclude -F msgtype=ANOM_ABEND
EOF
cat >"$STATE/list.good" <<'EOF'
-a never,exit -F arch=b64 -S openat -F exit=-ENOTDIR
-a always,exit -F arch=b64 -S openat -F success=0 -F key=mine
-a always,exclude -F msgtype=ANOM_ABEND
EOF
# Refused by nsauditctl's parser at line 3 (before registering: exit 2).
printf '%s\n' '-a always,exit -F arch=b64 -S openat -F success=0 -k mine' \
	'# a comment' '-a always,exit -F arch=b64 -S openat -F path=/etc/passwd' >"$STATE/rules.bad"
# Parsed, but refused by the kernel at line 4 (the same rule twice:
# EEXIST, after registering: exit 1).
printf '%s\n' '-a always,exit -F arch=b64 -S openat -F success=0 -k mine' \
	'-a always,exclude -F msgtype=ANOM_ABEND' '' \
	'-a always,exit -F arch=b64 -S openat -F success=0 -k mine' >"$STATE/rules.dup"

# Mount points of the container's own directories (empty, as a package
# leaves them before configuration).
mkdir -p /etc/nsaudit /var/log/nsaudit || fail "mkdir"
cat >"$STATE/ctr.sh" <<EOF
. /nsaudit/lib.sh
mount -t tmpfs -o mode=0755 nsaudit-etc /etc/nsaudit &&
	mount -t tmpfs -o mode=0755 nsaudit-log /var/log/nsaudit &&
	cp $STATE/rules.good /etc/nsaudit/nsaudit.rules || exit 1
nsauditd 2>$STATE/nsauditd.1.err
echo "exit=\$?" >$STATE/nsauditd.1.exit
wait_until 900 test -e $STATE/stop
EOF
nsa-runas 100000 100000 $CONTAINER sh "$STATE/ctr.sh" >"$STATE/ctr.out" 2>&1 &
wait_until 120 test -e "$STATE/nsauditd.1.exit" || fail "container did not start: $(cat "$STATE/ctr.out")"
expect_eq "nsauditd: exit of its start" "$(cat "$STATE/nsauditd.1.exit")" "exit=0"
CPID=$(hostpid_of "$STATE/ctr.sh" sh) || fail "no container init"
expect_eq "container: host uid of its root" "$(awk '/^Uid:/ { print $2 }' "/proc/$CPID/status")" 100000
# ctr CMD...: CMD in the container, as its root (as a runtime's exec).
ctr() {
	nsenter -t "$CPID" -U -m -n -p -- "$@"
}
LOGC=/proc/$CPID/root/var/log/nsaudit/audit.log
wait_until 30 eval 'ctr nsauditctl status | grep -q "^daemon registered"' || fail "nsauditd is not registered"
ctr nsauditctl -l >"$STATE/list.1" 2>&1 || fail "nsauditctl -l: $(cat "$STATE/list.1")"
cmp -s "$STATE/list.1" "$STATE/list.good" || fail "rules loaded by nsauditd:
$(diff "$STATE/list.good" "$STATE/list.1")"
wait_until 30 test -s "$LOGC" || fail "no container log"
note "nsauditd started as packaged in the container; nsauditctl -l: $(tr '\n' ';' <"$STATE/list.1")"

# --- workloads ------------------------------------------------------------------

# spawn_ctr NAME CMD...: CMD in the container under a shell of its own (so
# that its parent is visible there), waiting for $STATE/go.NAME; sets
# P_NAME (its pid in the container, from its own getpid) and H_NAME (on
# the host).
spawn_ctr() {
	_n=$1
	shift
	ctr sh -c 'nsa-gen --wait "$0" "$@"; true' "$STATE/go.$_n" "$@" >"$STATE/$_n.gen" 2>&1 &
	wait_until 60 grep -qs hostpid= "$STATE/$_n.gen" || fail "$_n did not start: $(cat "$STATE/$_n.gen")"
	eval "P_$_n=\$(sed -n 's/^pid=\([0-9]*\) .*/\1/p' \"\$STATE/\$_n.gen\")"
	eval "H_$_n=\$(hostpid_of \"$*\" nsa-gen)" || fail "$_n: no host pid"
}

# truth NAME: what the workload's /proc says in the container, as the
# fields of a SYSCALL record have them, into T_NAME; its nsID set (stat -L
# on the host) into N_NAME.
truth() {
	eval "_p=\$P_$1 _h=\$H_$1"
	_t=$(ctr sh -c 'p=$1
		ppid=$(awk "/^PPid:/ { print \$2 }" /proc/$p/status)
		set -- $(awk "/^Uid:/ { print \$2, \$3, \$4, \$5 }" /proc/$p/status) \
			$(awk "/^Gid:/ { print \$2, \$3, \$4, \$5 }" /proc/$p/status)
		tty=$(awk "{ print (\$7 == 0 ? \"(none)\" : \"tty_nr=\" \$7) }" /proc/$p/stat)
		echo "ppid=$ppid pid=$p auid=$(cat /proc/$p/loginuid) uid=$1 gid=$5 euid=$2 suid=$3 fsuid=$4 egid=$6 sgid=$7 fsgid=$8 tty=$tty ses=$(cat /proc/$p/sessionid) comm=\"$(cat /proc/$p/comm)\" exe=\"$(readlink /proc/$p/exe)\""' \
		truth "$_p") || fail "$1: no ground truth"
	eval "T_$1=\$_t"
	eval "N_$1=\$(nsid_truth \$_h)" || fail "$1: no nsID set"
}

# run NAME: lets the workload go and waits for it.
run() {
	: >"$STATE/go.$1"
	eval "_h=\$H_$1"
	wait_until 120 eval '! kill -0 $_h 2>/dev/null' || fail "$1 did not end"
}

# barrier NAME: a last matching event (one failing openat of a workload of
# its own) and, once it is in the container's log, everything before it
# is too (the daemon's queue keeps the order).
barrier() {
	spawn_ctr "$1" open 1 "/nsa-missing/$1"
	run "$1"
	eval "_p=\$P_$1"
	wait_until 120 eval '[ "$(syscalls_of $_p mine | wc -l)" = 1 ]' ||
		fail "barrier $1: its event did not reach the container's log"
}

# syscalls_of PID [KEY]: the SYSCALL records ausearch finds for PID (and
# KEY) in the container's log, raw.
syscalls_of() {
	ausearch -if "$LOGC" -p "$1" ${2:+-k $2} -m SYSCALL --format raw 2>/dev/null | grep '^type=SYSCALL '
}

# check_events NAME N EXIT: exactly N events of the workload, each one
# SYSCALL record of its own serial (items=0, nothing else), with exactly
# the fields of the kernel's record for a failing openat(AT_FDCWD, PATH,
# O_RDONLY) by it, in the container's view, key "mine", ending with its
# nsID set. (a1 is a pointer and a3 whatever the unused register held:
# the last part compares them with the kernel's own record.)
check_events() {
	eval "_p=\$P_$1 _t=\$T_$1 _ns=\$N_$1"
	syscalls_of "$_p" mine >"$STATE/$1.ev"
	expect_eq "$1: events with key mine" "$(wc -l <"$STATE/$1.ev")" "$2"
	expect_eq "$1: records of its events (any type)" \
		"$(ausearch -if "$LOGC" -p "$_p" --format raw 2>/dev/null | grep -c '^type=')" "$2"
	expect_eq "$1: distinct serials" "$(serials <"$STATE/$1.ev" | sort -u | wc -l)" "$2"
	while IFS= read -r line; do
		body=${line#*): }
		case "$body" in
		"arch=c000003e syscall=257 success=no exit=$3 a0=ffffff9c a1="*" a2=0 a3="*" items=0 $_t"*" key=\"mine\" $_ns") ;;
		*) fail "$1: record differs from its ground truth:
  got:  $body
  want: arch=c000003e syscall=257 success=no exit=$3 a0=ffffff9c a1=* a2=0 a3=* items=0 $_t [subj=*] key=\"mine\" $_ns" ;;
		esac
	done <"$STATE/$1.ev"
}

# none_of NAME: no record at all of the workload in the container's log.
none_of() {
	eval "_p=\$P_$1"
	expect_eq "$1: records in the container's log" \
		"$(ausearch -if "$LOGC" -p "$_p" --format raw 2>/dev/null | grep -c '^type=')" 0
}

# crash NAME: a shell in the container that kills itself with SIGSEGV (an
# ANOM_ABEND record, logged by the kernel whatever the rules); sets P_NAME
# (its pid in the container) and H_NAME. The host's log shows the kernel
# made the record.
crash() {
	_before=$(records ANOM_ABEND | grep -c ' sig=11 ')
	# A child of a shell that carries on: nsenter re-raises a signal that
	# killed its child, and its own ANOM_ABEND would count too.
	ctr sh -c 'sh -c "echo \"pid=\$\$ \" >\"\$0\"; kill -SEGV \$\$" "$0"; true' \
		"$STATE/$1.crash" >/dev/null 2>&1
	eval "P_$1=\$(sed -n 's/^pid=\([0-9]*\) .*/\1/p' \"\$STATE/\$1.crash\")"
	eval "_p=\$P_$1"
	[ -n "$_p" ] || fail "$1: did not run"
	wait_until 60 eval '[ "$(records ANOM_ABEND | grep -c " sig=11 ")" = $((_before + 1)) ]' ||
		fail "$1: no ANOM_ABEND in the host's log"
}

# Round 1: the rules as loaded. W1 matches 5 times; W2's 4 failing openat
# (ENOTDIR) hit the never rule first; W3's 3 openat succeed; C1 crashes
# (its ANOM_ABEND is excluded).
spawn_ctr W1 open 5 /nsa-missing/mine
spawn_ctr W2 open 4 /etc/passwd/notdir
spawn_ctr W3 open 3 /etc/passwd
for w in W1 W2 W3; do
	truth $w
done
for w in W1 W2 W3; do
	run $w
done
crash C1
barrier B1
check_events W1 5 -2
none_of W2
none_of W3
expect_eq "C1: ANOM_ABEND records in the container's log (excluded)" \
	"$(grep -c '^type=ANOM_ABEND ' "$LOGC")" 0
# Exactly the matching events: every key=mine event is W1's or B1's.
all=$(ausearch -if "$LOGC" -k mine -m SYSCALL --format raw 2>/dev/null | grep -c '^type=SYSCALL ')
expect_eq "container: events with key mine (W1 and the barrier)" "$all" 6
expect_eq "aureport -if --key --summary" "$(aureport -if "$LOGC" --key --summary 2>/dev/null | awk '$2 == "mine" { print $1 }')" 6
expect_eq "aureport -if --failed --syscall: openat of W1" \
	"$(aureport -if "$LOGC" --failed --syscall -i 2>/dev/null | grep -c " openat $P_W1 nsa-gen ")" 5
ausearch -if "$LOGC" -k mine -i -p "$P_W1" 2>/dev/null | grep -q 'syscall=openat success=no exit=ENOENT.* key=mine ' ||
	fail "ausearch -i: $(ausearch -if "$LOGC" -k mine -i -p "$P_W1" 2>&1 | head -n 3)"
note "W1: 5 events, as its /proc has it: $T_W1"
note "W2 (never rule): none; W3 (successful openat): none; C1 (excluded ANOM_ABEND): none; aureport: 6 events with key mine"

# The host's audit saw none of it: no rule, no SYSCALL record of theirs.
for w in W1 W2 W3 B1; do
	eval "_h=\$H_$w"
	expect_eq "host log: SYSCALL records of $w (host pid $_h)" "$(records SYSCALL "$_h" | wc -l)" 0
done
expect_eq "host log: records with key mine" "$(log_since | grep -c 'key="mine"')" 0
expect_eq "host rules" "$(auditctl -l)" "No rules"
note "host: no rule, and no record of the container's events in $LOG"

# Round 2: without the never and the exclude rule, what they held back.
ctr nsauditctl -d never,exit -F arch=b64 -S openat -F exit=-ENOTDIR || fail "-d never"
ctr nsauditctl -d always,exclude -F msgtype=ANOM_ABEND || fail "-d exclude"
expect_eq "rules left" "$(ctr nsauditctl -l)" "-a always,exit -F arch=b64 -S openat -F success=0 -F key=mine"
spawn_ctr W4 open 4 /etc/passwd/notdir2
truth W4
run W4
crash C2
barrier B2
check_events W4 4 -20
expect_eq "C2: ANOM_ABEND records in the container's log" \
	"$(grep '^type=ANOM_ABEND ' "$LOGC" | grep -c " pid=$P_C2 .* sig=11 ")" 1
note "without them: W4's 4 ENOTDIR openat are logged, and C2's ANOM_ABEND (pid $P_C2)"

# --- restart: the rules come back from the file -------------------------------
# stop_nsauditd: SIGTERM, as the container's admin would; the rules go
# with the registration.
stop_nsauditd() {
	ctr sh -c 'kill -TERM $(nsauditctl status | sed -n "s/^daemon_pid //p")' || fail "kill nsauditd"
	wait_until 60 eval 'ctr nsauditctl status | grep -q "^daemon none"' || fail "nsauditd did not stop"
	ctr nsauditctl -l >"$STATE/list.none" 2>&1
	! grep -q '^-a ' "$STATE/list.none" || fail "rules left without a daemon: $(cat "$STATE/list.none")"
}
stop_nsauditd
note "stopped: nsauditctl -l says: $(head -n 1 "$STATE/list.none")"
ctr nsauditd 2>"$STATE/nsauditd.2.err" || fail "nsauditd restart: exit $?: $(cat "$STATE/nsauditd.2.err")"
wait_until 30 eval 'ctr nsauditctl status | grep -q "^daemon registered"' || fail "nsauditd is not registered"
ctr nsauditctl -l >"$STATE/list.2" 2>&1
cmp -s "$STATE/list.2" "$STATE/list.good" || fail "rules after the restart:
$(diff "$STATE/list.good" "$STATE/list.2")"
spawn_ctr W5 open 2 /nsa-missing/mine-again
spawn_ctr W6 open 3 /etc/passwd/notdir3
truth W5
run W5
run W6
barrier B3
check_events W5 2 -2
none_of W6
note "restarted: the file's 3 rules again; W5's 2 events logged, W6 (never rule) none"

# --- rules files that stop nsauditd ------------------------------------------
# bad_file NAME EXIT LINE: nsauditd with rules.NAME exits EXIT naming
# FILE:LINE; no daemon and no rule is left, as a plain daemon then sees.
bad_file() {
	stop_nsauditd
	ctr cp "$STATE/rules.$1" /etc/nsaudit/nsaudit.rules || fail "cp"
	ctr nsauditd 2>"$STATE/nsauditd.$1.err"
	rc=$?
	expect_eq "nsauditd with rules.$1: exit" "$rc" "$2"
	grep -q "^nsauditd: /etc/nsaudit/nsaudit.rules:$3: " "$STATE/nsauditd.$1.err" ||
		fail "nsauditd with rules.$1: $(cat "$STATE/nsauditd.$1.err")"
	ctr nsauditctl status | grep -q '^daemon none' || fail "rules.$1: a daemon is left"
	ctr nsa-daemon "$STATE/$1.nsad" >"$STATE/$1.nsad.out" 2>&1 &
	wait_until 60 grep -q -e '^registered' -e '^error' "$STATE/$1.nsad.out" &&
		grep -q '^registered' "$STATE/$1.nsad.out" || fail "nsa-daemon: $(cat "$STATE/$1.nsad.out")"
	expect_eq "rules.$1: rules left" "$(ctr nsauditctl -l 2>&1)" "No rules"
	note "rules.$1: exit $rc, $(cat "$STATE/nsauditd.$1.err"); no rule left"
	kill -TERM "$(hostpid_of "$STATE/$1.nsad" nsa-daemon)"
	wait_until 60 grep -q '^end ' "$STATE/$1.nsad.out" || fail "nsa-daemon did not end"
	# The next one starts from a running nsauditd.
	ctr cp "$STATE/rules.good" /etc/nsaudit/nsaudit.rules || fail "cp"
	ctr nsauditd || fail "nsauditd with the good file again"
	wait_until 30 eval 'ctr nsauditctl status | grep -q "^daemon registered"' || fail "nsauditd is not registered"
}
bad_file bad 2 3
bad_file dup 1 4

# --- the record format is the kernel's ----------------------------------------
# With a host rule for the same event, the kernel's own SYSCALL record of a
# container workload (in the host's log) has the same fields in the same
# order as ours, and the same syscall, result and arguments.
auditctl -a always,exit -F arch=b64 -S openat -F success=0 -k nsa_fmt >/dev/null || fail "auditctl"
spawn_ctr W7 open 1 /nsa-missing/fmt
run W7
barrier B4
wait_until 60 eval '[ "$(records SYSCALL "$H_W7" | wc -l)" = 1 ]' || fail "W7: no host record"
kernel_rec=$(records SYSCALL "$H_W7")
our_rec=$(syscalls_of "$P_W7" mine)
expect_eq "W7: our records" "$(echo "$our_rec" | grep -c .)" 1
# fields FIELD... : those fields of the record on stdin, as they are.
fields() {
	tr ' ' '\n' | grep -E "^($(echo "$*" | tr ' ' '|'))=" | tr '\n' ' '
}
expect_eq "W7: syscall, result and arguments in ours and the kernel's" \
	"$(echo "$our_rec" | fields arch syscall success exit a0 a1 a2 a3)" \
	"$(echo "$kernel_rec" | fields arch syscall success exit a0 a1 a2 a3)"
names() {
	sed -e 's/^[^)]*): //' -e 's/ nsdev=.*//' -e 's/="[^"]*"/=/g' -e 's/=[^ ]*/=/g'
}
# Less subj=, which a rule's record does not have (README, Limits; the
# UAPI header).
expect_eq "field names of our record and the kernel's (less subj)" "$(echo "$our_rec" | names)" \
	"$(echo "$kernel_rec" | names | sed 's/ subj= / /')"
note "our SYSCALL record has the kernel's fields but subj, in order: $(echo "$our_rec" | names | tr -d =)"
auditctl -D >/dev/null

stop_nsauditd
: >"$STATE/stop"
wait
rmdir /etc/nsaudit /var/log/nsaudit
