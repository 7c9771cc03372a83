# Per-namespace daemons receive exactly the records of their own subtree.
# Two sibling containers A and B (user, PID, mount and network namespaces,
# run by host uids 100000 and 200000) each run a daemon; C, nested in A,
# runs its own; a daemon in the initial user namespace (H) runs beside the
# host's audit daemon. Each container makes a known number of failing
# openat calls under a host rule. Every daemon must get exactly its
# subtree's records (A: A's and C's; B: B's; C: C's; H: all), with pids as
# its own PID namespace numbers them (the kernel's NSpid), uids as its own
# user namespace maps them, the nsID set on SYSCALL records, no host key,
# and not one record of another subtree.
nsa_load
chmod 1777 "$STATE"
auditctl -a always,exit -F arch=b64 -S openat -F success=0 -k nsa_route >/dev/null ||
	fail "auditctl"

# A file of the host's root that no container may read.
: >"$STATE/secret"
chmod 0600 "$STATE/secret"
nsa-daemon "$STATE/H.log" >"$STATE/H.daemon" 2>&1 &
H_PID=$!
wait_until 30 grep -qs '^registered' "$STATE/H.daemon" || fail "H: $(cat "$STATE/H.daemon")"
nsa-runas 100000 100000 $CONTAINER sh -c ". /nsaudit/lib.sh; container A 7 C 3" &
nsa-runas 200000 200000 $CONTAINER sh -c ". /nsaudit/lib.sh; container B 5" &
for c in A B C; do
	wait_until 120 test -e "$STATE/$c.ready" ||
		fail "container $c did not start: $(cat "$STATE/$c.daemon" 2>&1)"
	wait_until 60 grep -qs hostpid= "$STATE/$c.gen" || fail "$c: workload did not start"
	note "$c: $(cat "$STATE/$c.daemon")"
done

# Ground truth, from the host's /proc: each workload's pid at every level.
A=$(hostpid_of "open 7 /nsa-missing/A") || fail "no A workload"
B=$(hostpid_of "open 5 /nsa-missing/B") || fail "no B workload"
C=$(hostpid_of "open 3 /nsa-missing/C") || fail "no C workload"
expect_eq "A sees its workload as" "$(nspid "$A" 1)" "$(sed -n 's/^pid=\([0-9]*\).*/\1/p' "$STATE/A.gen")"
expect_eq "C sees its workload as" "$(nspid "$C" 2)" "$(sed -n 's/^pid=\([0-9]*\).*/\1/p' "$STATE/C.gen")"
workload_truth A B C

: >"$STATE/go"
for c in A B C; do
	wait_until 300 test -e "$STATE/$c.done" || fail "container $c did not finish"
done
# Records come in the order they were logged: the markers come last.
wait_until 120 grep -qs '/nsa-missing/A-end' "$STATE/A.log" || fail "A: marker missing"
wait_until 120 grep -qs '/nsa-missing/B-end' "$STATE/B.log" || fail "B: marker missing"
wait_until 120 grep -qs '/nsa-missing/C-end' "$STATE/C.log" || fail "C: marker missing"
wait_until 120 eval 'grep -q /nsa-missing/A-end "$STATE/H.log" && grep -q /nsa-missing/B-end "$STATE/H.log"' ||
	fail "H: markers missing"

# expect_records DAEMON WORKLOAD LEVEL N UID: DAEMON's log holds exactly N
# SYSCALL records of WORKLOAD's pid at LEVEL, each with the uid UID, the
# workload's nsID set and the key as DAEMON may see it.
expect_records() {
	eval "_pid=\$pid_$2_$3"
	_got=$(syscalls "$STATE/$1.log" "$_pid" | wc -l)
	[ "$_got" = "$4" ] || fail "$1: $_got records of $2 (pid $_pid), want $4"
	_key='key=(null)'
	[ "$1" = H ] && _key='key="nsa_route"'
	syscalls "$STATE/$1.log" "$_pid" | while read -r _l; do
		case "$_l" in *" uid=$5 "*) ;; *) fail "$1: uid of $2 is not $5: $_l" ;; esac
		case "$_l" in *" $_key "*) ;; *) fail "$1: not $_key: $_l" ;; esac
		ends_with_nsid "$_l" "$(eval echo \$truth_$2)" || fail "$1: nsID set of $2: $_l"
	done || exit 1
	note "$1: $4 records of $2 as pid $_pid, uid $5"
}

expect_records A A 1 7 0
expect_records A C 1 3 0
expect_records B B 1 5 0
expect_records C C 2 3 0
expect_records H A 0 7 100000
expect_records H B 0 5 200000
expect_records H C 0 3 100000

# Nothing foreign: no path of another subtree, and every principal record
# names a user namespace of the daemon's own subtree.
only_from() {
	_log=$STATE/$1.log
	shift
	for _other in "$@"; do
		! grep -q "/nsa-missing/$_other" "$_log" || fail "$_log has a record of $_other"
	done
}
only_from A B
only_from B A C
only_from C A B
for d in A B C; do
	case $d in
	A) allowed="$userns_A $userns_C" ;;
	B) allowed=$userns_B ;;
	C) allowed=$userns_C ;;
	esac
	grep "^type=1300 " "$STATE/$d.log" | sed -n 's/.* userns=\([0-9]*\) .*/\1/p' |
		while read -r u; do
			case " $allowed " in *" $u "*) ;; *) fail "$d: record of user namespace $u" ;; esac
		done || exit 1
done
note "no daemon has a record of another subtree"

# What a container cannot see reads as /proc and stat show it there: its
# init's parent is pid 0, the host root's file belongs to the overflow IDs.
for c in A B C; do
	line=$(syscalls "$STATE/$c.log" 1 | grep -m 1 'success=no') ||
		fail "$c: no record of its init"
	case "$line" in *" ppid=0 pid=1 "*) ;; *) fail "$c: init's parent not 0: $line" ;; esac
	n=$(grep -c "^type=1302 .*name=\"$STATE/secret\" .* ouid=65534 ogid=65534 " "$STATE/$c.log")
	want=1
	[ $c = A ] && want=2	# A's own and C's
	expect_eq "$c: the host root's file, as the container sees its owner" "$n" $want
done
n=$(grep -c "^type=1302 .*name=\"$STATE/secret\" .* ouid=0 ogid=0 " "$STATE/H.log")
expect_eq "H: the host root's file, owned by 0" "$n" 3
note "not visible: ppid=0 for each container's init, ouid/ogid=65534 for the host root's file (0 on the host)"

# The host's own log is unchanged: host pids, host key.
host_records() {
	records SYSCALL "$1" | grep 'key="nsa_route"'
}
for c in A B C; do
	case $c in A) want=7 ;; B) want=5 ;; C) want=3 ;; esac
	eval "pid=\$$c"
	wait_until 60 count_is "$want" host_records "$pid" ||
		fail "host log: $(host_records "$pid" | wc -l) records of $c, want $want"
done
note "host log: every workload's records, with host pids and the key"

: >"$STATE/stop"
for c in A B C H; do
	[ $c = H ] && kill -TERM "$H_PID"
	wait_until 60 grep -qs '^end reason=unregistered' "$STATE/$c.daemon" ||
		fail "$c: daemon did not end cleanly: $(cat "$STATE/$c.daemon")"
done
wait
