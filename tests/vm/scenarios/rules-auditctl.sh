# rules-auditctl (auditd lane): nsauditctl -l is auditctl -l. A table of
# rules in auditctl syntax, covering every field and operator nsaudit
# supports, -S lists in any order and by number, -S all and no -S, arch b64
# and b32 and none, never and always, -A, several keys, exe = and !=, and
# the exclude list: each rule goes to the kernel's own audit with Debian's
# auditctl and to the rulespace of a daemon in the initial user namespace
# with nsauditctl, and the two listings must be the same bytes. The
# listing fed back (-D and one nsauditctl line each, and -R) lists the
# same again; deleting the rules one by one (-d, as they were written)
# leaves after each step exactly what auditctl then lists. Then the same
# in a container (user, PID, mount and network namespaces, made by host
# uid 100000, ids 0-65535 mapped as a rootless runtime maps a subordinate
# range; rules in its own view): its listings must equal the host
# auditctl's at every step. Also: ADD_RULE without a registered daemon is
# ENOTCONN, and a namespace's rules end with its registration.
nsa_load
chmod 1777 "$STATE"
auditctl -D >/dev/null || fail "auditctl -D"
expect_eq "host rules at the start" "$(auditctl -l)" "No rules"

# The table. Every always rule is narrow (rare syscalls, ids nobody uses
# here, impossible exits), since these rules are live: on the host for
# every task, in the initial namespace's rulespace for every task too.
# The exclude rules sit in the middle, as an admin may write them; the
# kernel lists its exit rules before its exclude rules.
cat >"$STATE/table" <<'EOF'
-a always,exit -F arch=b64 -S openat,open -F success=0 -F pid=1 -k rt01
-a always,exit -F arch=b64 -S execve -F ppid!=1 -F uid=54321 -k rt02
-a always,exit -F arch=b64 -S tgkill,kill,tkill -F euid>60000 -k rt03
-a always,exit -F arch=b64 -S setuid -F suid<=7 -F exit=-EPERM -k rt04
-a always,exit -F arch=b64 -S fchmodat,chmod,fchmod -F fsuid>=1000 -F fsgid<1000 -F uid=54321 -k rt05
-a always,exit -F arch=b64 -S unlinkat,unlink -F gid=12345 -k rt06
-a always,exit -F arch=b64 -S rename -F egid!=0 -F sgid>5 -F euid=54321 -k rt07
-a always,exit -F arch=b64 -S mount,umount2 -F auid>=1000 -F auid!=unset -F uid=54321 -k rt08
-a always,exclude -F msgtype=ANOM_ABEND
-a always,exit -F arch=b64 -S finit_module,init_module -F sessionid=3 -F uid=54321 -k rt09
-a always,exit -F arch=b64 -S connect -F success=1 -F a0&0x80 -F a1&=3 -F gid=54321 -k rt10
-a always,exit -F arch=b64 -S socket -F a0=2 -F a1!=1 -F a2<17 -F a3>0 -F uid=54321 -k rt11
-a always,exit -F arch=b64 -S ptrace -F a0<=4 -F a1>=100 -F exit<0 -F uid=54321 -k rt12
-a never,exclude -F msgtype>=ANOM_PROMISCUOUS -F msgtype<1701
-a always,exit -F arch=b64 -S all -F uid=54321 -F success=0 -k rt13
-a always,exit -F arch=b32 -S socketcall,openat,open -F exit=-EACCES -k rt14
-a always,exit -F arch=b32 -S all -F euid=0 -k rt15-a -k rt15-b -k rt15-c
-a never,exit -F arch=b64 -S getppid -F uid=0
-a never,exit -F arch=b32 -F pid!=1
-A always,exit -F arch=b64 -S acct -F exe=/usr/bin/true -k rt18
-a always,exit -F arch=b64 -S swapoff,swapon -F exe!=/nsaudit/bin/nsa-gen -F key=rt19
-a always,exit -S reboot -F a0=0xfee1dead -F a1=672274793 -k rt20
-a always,exit -F arch=b64 -S 163 -F a3=0xdeadbeef -k rt21
-a always,exit -F arch=b64 -S settimeofday,clock_settime,adjtimex -F success=0 -F exit!=-EPERM -F uid=54321 -k time-change -k rt22
-a always,exit -F arch=b64 -S lseek -F exit>=-1 -F exit<=-2 -k rt23
EOF
n_table=$(grep -c . "$STATE/table")
# Rules auditctl 3.0.9 cannot write (libaudit has no name for
# loginuid_set), and the text nsauditctl -l gives them (nsauditctl(8)):
# added last, so listed after the other exit rules.
NSONLY='-a always,exit -F arch=b64 -S umask -F loginuid_set=0 -F uid=54321 -k rt24'
NSONLY_TEXT='-a always,exit -F arch=b64 -S umask -F loginuid_set=0 -F uid=54321 -F key=rt24'

# The container: its init waits; everything is done in it with nsenter,
# as a runtime's exec does, as its root (host uid 100000, full
# capabilities in its user namespace only).
CTR_MAP="0 100000 65536"
cat >"$STATE/ctr.sh" <<EOF
. /nsaudit/lib.sh
wait_until 900 test -e $STATE/stop
EOF
# Its init waits for the id maps, which only a privileged process can write
# for a range (newuidmap's job; host root here), then execs, as root of
# the namespace now, with its capabilities.
nsa-runas 100000 100000 $UNSHARE -U -p -f -m -n --mount-proc \
	sh -c '. /nsaudit/lib.sh; wait_until 60 grep -q . /proc/self/gid_map && exec sh "$1"; exit 1' \
	ctr-init "$STATE/ctr.sh" >"$STATE/ctr.out" 2>&1 &
wait_until 60 eval 'CPID=$(hostpid_of "$STATE/ctr.sh" sh)' || fail "container did not start: $(cat "$STATE/ctr.out")"
echo "$CTR_MAP" >"/proc/$CPID/uid_map" || fail "uid_map"
echo "$CTR_MAP" >"/proc/$CPID/gid_map" || fail "gid_map"
wait_until 60 eval '[ "$(tr "\0" " " <"/proc/$CPID/cmdline")" = "sh $STATE/ctr.sh " ]' ||
	fail "container init did not exec: $(cat "$STATE/ctr.out")"
expect_eq "container: host uid of its root" "$(awk '/^Uid:/ { print $2 }' "/proc/$CPID/status")" 100000
expect_eq "container: its uid_map" "$(awk '{ print $1, $2, $3 }' "/proc/$CPID/uid_map")" "$CTR_MAP"
[ "$(stat -L -c %i "/proc/$CPID/ns/user")" != "$(stat -L -c %i /proc/self/ns/user)" ] ||
	fail "container: no user namespace of its own"
# ctr CMD...: CMD in the container, as its root.
ctr() {
	nsenter -t "$CPID" -U -m -n -p -- "$@"
}
expect_eq "container: nsenter's uid there" "$(ctr awk '/^Uid:/ { print $2 }' /proc/self/status)" 0

# where: "host" or "container"; ns: how nsauditctl runs there.
where=host
ns() {
	if [ "$where" = host ]; then
		nsauditctl "$@"
	else
		ctr nsauditctl "$@"
	fi
}

# apply TOOL LINE: TOOL with LINE's words (no globbing: rules have none).
apply() {
	_t=$1
	shift
	set -f
	set -- $*
	set +f
	if [ "$_t" = auditctl ]; then
		auditctl "$@" >"$STATE/apply.out" 2>&1
	else
		ns "$@" >"$STATE/apply.out" 2>&1
	fi || fail "$where: $_t $*: exit $?: $(cat "$STATE/apply.out")"
}

# same WHAT GOT WANT: the files are the same bytes, else the difference.
same() {
	cmp -s "$2" "$3" || fail "$where: $1: nsauditctl -l differs from auditctl -l:
$(diff "$3" "$2")"
}

# ns_list OUT: nsauditctl -l into OUT (which must succeed), and OUT.core,
# the listing without the nsaudit-only rule.
ns_list() {
	ns -l >"$1" 2>"$1.err" || fail "$where: nsauditctl -l: exit $?: $(cat "$1.err")"
	[ -s "$1.err" ] && fail "$where: nsauditctl -l said: $(cat "$1.err")"
	grep -vxF -e "$NSONLY_TEXT" "$1" >"$1.core" || true
	# auditctl's "No rules" when only the nsaudit-only rule is left.
	[ -s "$1.core" ] || echo "No rules" >"$1.core"
}

# with_nsonly LISTING: the listing with NSONLY_TEXT after its last exit rule.
with_nsonly() {
	awk -v r="$NSONLY_TEXT" '{ l[NR] = $0 } / always,exit | never,exit / { last = NR }
		END { for (i = 1; i <= NR; i++) { print l[i]; if (i == last) print r } }' "$1"
}

# --- ADD_RULE needs a registered daemon: ENOTCONN ----------------------------
for where in host container; do
	first=$(head -n 1 "$STATE/table")
	set -f
	ns $first >/dev/null 2>"$STATE/enotconn.err"
	rc=$?
	set +f
	expect_eq "$where: nsauditctl -a without a daemon: exit" "$rc" 1
	grep -q 'Transport endpoint is not connected' "$STATE/enotconn.err" ||
		fail "$where: nsauditctl -a without a daemon: $(cat "$STATE/enotconn.err")"
	note "$where: without a daemon: $(cat "$STATE/enotconn.err")"
done

# start_daemon NAME: nsa-daemon as the daemon of $where's user namespace.
start_daemon() {
	rm -f "$STATE/$1.daemon"
	if [ "$where" = host ]; then
		nsa-daemon "$STATE/$1.log" >"$STATE/$1.daemon" 2>&1 &
	else
		ctr nsa-daemon "$STATE/$1.log" >"$STATE/$1.daemon" 2>&1 &
	fi
	wait_until 60 grep -q -e '^registered' -e '^error' "$STATE/$1.daemon" &&
		grep -q '^registered' "$STATE/$1.daemon" || fail "$where: nsa-daemon: $(cat "$STATE/$1.daemon")"
}

# stop_daemon NAME: SIGTERM, and its end.
stop_daemon() {
	_p=$(hostpid_of "$STATE/$1.log" nsa-daemon) || fail "$where: no nsa-daemon $1"
	kill -TERM "$_p"
	wait_until 60 grep -q '^end ' "$STATE/$1.daemon" || fail "$where: nsa-daemon $1 did not end"
}

# --- the host: auditctl and nsauditctl, side by side -------------------------
where=host
start_daemon hostd
while IFS= read -r line <&3; do
	apply auditctl "$line"
	apply nsauditctl "$line"
done 3<"$STATE/table"
apply nsauditctl "$NSONLY"
auditctl -l >"$STATE/want.0" || fail "auditctl -l"
expect_eq "auditctl: rules listed" "$(grep -c '^-a ' "$STATE/want.0")" "$n_table"
ns_list "$STATE/host.0"
with_nsonly "$STATE/want.0" >"$STATE/want.0.full"
same "$n_table rules and the nsaudit-only one" "$STATE/host.0" "$STATE/want.0.full"
note "host: $((n_table + 1)) rules: nsauditctl -l = auditctl -l ($(auditctl -v)), byte for byte"

# feed_back: the first listing again, from its own text.
feed_back() {
	ns -D || fail "$where: nsauditctl -D"
	expect_eq "$where: nsauditctl -l after -D" "$(ns -l)" "No rules"
	while IFS= read -r line <&3; do
		apply nsauditctl "$line"
	done 3<"$STATE/want.0.full"
	ns_list "$STATE/$where.fed"
	same "the listing fed back line by line" "$STATE/$where.fed" "$STATE/want.0.full"
	ns -D || fail "$where: nsauditctl -D"
	cp "$STATE/want.0.full" "$STATE/listing.rules"
	if [ "$where" = host ]; then
		ns -R "$STATE/listing.rules" 2>"$STATE/R.err"
	else
		ctr nsauditctl -R "$STATE/listing.rules" 2>"$STATE/R.err"
	fi || fail "$where: nsauditctl -R: $(cat "$STATE/R.err")"
	ns_list "$STATE/$where.R"
	same "the listing loaded with -R" "$STATE/$where.R" "$STATE/want.0.full"
	note "$where: the listing fed back (-a lines, and -R) lists the same"
	# The table's own rules again: with auditctl 3's text, a listing fed
	# back made an exe!= rule exe= (see nsauditctl(8)), and -d below
	# deletes the rules as they were written.
	add_table
}
# add_table: -D, then the table and the nsaudit-only rule with nsauditctl.
add_table() {
	ns -D || fail "$where: nsauditctl -D"
	while IFS= read -r line <&3; do
		apply nsauditctl "$line"
	done 3<"$STATE/table"
	apply nsauditctl "$NSONLY"
	ns_list "$STATE/$where.again"
	same "the table added again" "$STATE/$where.again" "$STATE/want.0.full"
}
feed_back

# Deleting the rules one by one, as they were written (-a and -A as -d):
# after each, nsauditctl lists what auditctl lists. want.I is auditctl's
# listing after I deletions, for the container below.
i=0
while IFS= read -r line <&3; do
	i=$((i + 1))
	del="-d ${line#-? }"
	apply auditctl "$del"
	apply nsauditctl "$del"
	auditctl -l >"$STATE/want.$i"
	[ "$(grep -c '^-a ' "$STATE/want.$i")" = $((n_table - i)) ] ||
		fail "auditctl -l after $i deletions: $(cat "$STATE/want.$i")"
	ns_list "$STATE/host.$i"
	same "after deleting rule $i" "$STATE/host.$i.core" "$STATE/want.$i"
	grep -qxF -e "$NSONLY_TEXT" "$STATE/host.$i" || fail "host: rule $i: the nsaudit-only rule went too"
done 3<"$STATE/table"
expect_eq "auditctl -l at the end" "$(cat "$STATE/want.$n_table")" "No rules"
apply nsauditctl "-d ${NSONLY#-a }"
expect_eq "host: nsauditctl -l after every -d" "$(ns -l)" "No rules"
note "host: -d of each rule in turn: the same listing as auditctl's after each, then No rules"

# The rules end with the registration.
apply nsauditctl "$(sed -n 3p "$STATE/table")"
stop_daemon hostd
start_daemon hostd2
expect_eq "host: rules of a new registration" "$(ns -l)" "No rules"
stop_daemon hostd2
note "host: a daemon's rules end with it"

# --- the container: the same, in its own view ---------------------------------
where=container
start_daemon ctrd
add_table
# Not in anyone else's rulespace.
start_daemon_host_check() {
	where=host
	start_daemon hostd3
	expect_eq "host: the container's rules seen from the host" "$(ns -l)" "No rules"
	stop_daemon hostd3
	where=container
}
start_daemon_host_check
note "container: $((n_table + 1)) rules: nsauditctl -l = the host's auditctl -l; the host's rulespace empty"
feed_back
i=0
while IFS= read -r line <&3; do
	i=$((i + 1))
	apply nsauditctl "-d ${line#-? }"
	ns_list "$STATE/ctr.$i"
	same "after deleting rule $i" "$STATE/ctr.$i.core" "$STATE/want.$i"
done 3<"$STATE/table"
apply nsauditctl "-d ${NSONLY#-a }"
expect_eq "container: nsauditctl -l after every -d" "$(ns -l)" "No rules"
note "container: -d of each rule in turn: the host auditctl's listing after each, then No rules"
apply nsauditctl "$(sed -n 3p "$STATE/table")"
stop_daemon ctrd
start_daemon ctrd2
expect_eq "container: rules of a new registration" "$(ns -l)" "No rules"
stop_daemon ctrd2
note "container: a daemon's rules end with it"

: >"$STATE/stop"
wait
