# Helpers for the nsaudit VM scenarios (busybox sh). Scenarios run in a
# subshell each; fail() ends the scenario.

STATE=/tmp/nsatest	# per-scenario scratch, emptied after each scenario
# What the audit daemon writes, one record a line: Debian's auditd on the
# auditd lane (a real root file system), else nsa-auditd.
if [ -x /sbin/auditd ]; then
	LOG=/var/log/audit/audit.log
else
	LOG=/tmp/audit.log
fi
GS=$(printf '\035')	# auditd's ENRICHED format appends its fields after it

# nsa_exit RC: leaves the VM through the isa-debug-exit port, 0x31 for RC 0
# and 0x30 otherwise. A panic or hang never writes the port, so the host
# never reads success from it.
nsa_exit() {
	_code='\060'
	[ "$1" = 0 ] && _code='\061'
	# The RT kernel's console is asynchronous: let it drain first.
	sleep 2
	printf "$_code" | dd of=/dev/port bs=1 seek=244 count=1 2>/dev/null
	poweroff -f
}

cmdline_arg() {
	sed -n "s/.*\b$1=\([^ ]*\).*/\1/p" /proc/cmdline
}

# systemd_unit ROOT: the service that runs the scenarios when ROOT boots
# with systemd as PID 1, its output on the serial console; the serial
# getty, which would share that console, masked.
systemd_unit() {
	mkdir -p "$1/etc/systemd/system/multi-user.target.wants"
	cat >"$1/etc/systemd/system/nsatest.service" <<-EOF
	[Unit]
	Description=nsaudit VM scenarios
	After=multi-user.target
	[Service]
	Type=oneshot
	ExecStart=/nsaudit/bin/busybox sh /nsaudit/run.sh --exit
	StandardOutput=tty
	StandardError=tty
	TTYPath=/dev/ttyS0
	EOF
	ln -sf ../nsatest.service "$1/etc/systemd/system/multi-user.target.wants/nsatest.service"
	ln -sf /dev/null "$1/etc/systemd/system/serial-getty@ttyS0.service"
}

fail() {
	echo "FAIL: $*"
	exit 1
}

note() {
	echo "  $*"
}

# A shell other than busybox's (Debian's dash, in containers on the auditd
# lane) has no usleep: busybox's then.
command -v usleep >/dev/null 2>&1 || usleep() { busybox usleep "$@"; }

# wait_until SECONDS CMD...: polls CMD every 0.1 s; false after SECONDS.
# Its counters are local: CMD may use wait_until itself. CMD's complaints
# while it waits (grep on a file a background job has not created yet) are
# noise, and would land in output a caller compares: they are dropped.
wait_until() {
	local _limit _i
	_limit=$(($1 * 10))
	shift
	_i=0
	until "$@" 2>/dev/null; do
		_i=$((_i + 1))
		[ "$_i" -ge "$_limit" ] && return 1
		usleep 100000
	done
	return 0
}

# expect_eq WHAT GOT WANT
expect_eq() {
	[ "$2" = "$3" ] || fail "$1: got '$2', want '$3'"
}

# --- ground truth ---------------------------------------------------------

# nsid_truth PID: PID's nsID set read from /proc with stat, in record form.
nsid_truth() {
	_dev=$(stat -L -c %d "/proc/$1/ns/mnt") || return 1
	# st_dev as glibc encodes it: major in bits 8-19 (and 32+), minor in
	# bits 0-7 and 20-31.
	_out="nsdev=$(((_dev >> 8) & 0xfff)):$(((_dev & 0xff) | ((_dev >> 12) & 0xfff00)))"
	for _ns in mnt uts ipc net pid user cgroup time; do
		[ "$(stat -L -c %d "/proc/$1/ns/$_ns")" = "$_dev" ] || return 1
		_out="$_out ${_ns}ns=$(stat -L -c %i "/proc/$1/ns/$_ns")" || return 1
	done
	echo "$_out"
}

# task_diag PID: what PID is doing, for a failure message: its state, the
# kernel function it waits in, its system call and its kernel stack.
task_diag() {
	[ -n "$1" ] || return 0
	[ -d "/proc/$1" ] || { echo "  pid $1: gone"; return 0; }
	echo "  pid $1: $(grep '^State:' "/proc/$1/status") wchan=$(cat "/proc/$1/wchan" 2>/dev/null) syscall=$(cut -d ' ' -f 1 "/proc/$1/syscall" 2>/dev/null)"
	sed 's/^/    /' "/proc/$1/stack" 2>/dev/null
}

# --- records --------------------------------------------------------------

# records TYPE [PID]: the log lines of TYPE, of PID if given, as the kernel
# wrote them (without auditd's own enriched fields); from line LOG_FROM on
# if a scenario set it (log_from), so that it sees only its own records
# when it runs again in the same log (make soak).
records() {
	if [ -n "${2:-}" ]; then
		log_since | grep "^type=$1 msg=" | cut -d "$GS" -f 1 | grep " pid=$2 "
	else
		log_since | grep "^type=$1 msg=" | cut -d "$GS" -f 1
	fi
}

# log_since: the log's lines from LOG_FROM on (the whole log without it).
log_since() {
	tail -n +"${LOG_FROM:-1}" "$LOG"
}

# log_from: records and log_since see only what is logged from now on (the
# runner calls it before each scenario).
log_from() {
	LOG_FROM=$(($(wc -l <"$LOG") + 1))
}

# count_is N CMD...: CMD prints exactly N lines.
count_is() {
	_n=$1
	shift
	[ "$("$@" | wc -l)" -eq "$_n" ]
}

# serials: the event serial of each record line on stdin (one process for
# all lines: a fork per line costs minutes under emulation).
serials() {
	sed -n 's/^type=[^ ]* msg=audit([0-9.]*:\([0-9]*\)).*/\1/p'
}

# has_nsid LINE: the line carries an nsID set.
has_nsid() {
	case "$1" in *" nsdev="*) return 0 ;; esac
	return 1
}

# ends_with_nsid LINE TRUTH: the line ends with exactly this nsID set.
ends_with_nsid() {
	case "$1" in *" $2") return 0 ;; esac
	return 1
}

# log_barrier: returns once every record queued before the call is in the
# log. The kernel delivers records in the order it queued them, so it is
# enough to queue a marker and wait for it.
log_barrier() {
	_marker=nsa-barrier-$$-$(date +%s%N)
	nsa-gen user "$_marker" >/dev/null || return 1
	wait_until 120 eval 'tail -c 65536 "$LOG" | grep -q "msg=.$_marker "'
}

# --- workloads --------------------------------------------------------------

# spawn NAME CMD...: starts CMD (which runs "nsa-gen --wait $STATE/go ...")
# in the background and sets PID to its host pid once it is waiting.
spawn() {
	_name=$1
	shift
	rm -f "$STATE/go"
	"$@" >"$STATE/$_name.out" 2>&1 &
	wait_until 20 grep -q hostpid= "$STATE/$_name.out" ||
		fail "$_name: did not start: $(cat "$STATE/$_name.out")"
	PID=$(sed -n 's/.*hostpid=\([0-9]*\).*/\1/p' "$STATE/$_name.out")
}

# go: lets the spawned workload run and waits for it to end.
go() {
	touch "$STATE/go"
	wait
	rm -f "$STATE/go"
}

GEN="nsa-gen --wait $STATE/go"
UNSHARE=/usr/bin/unshare	# util-linux's: busybox's knows no -C or -T

# --- the module -------------------------------------------------------------

# nsa_load [PARAM=VALUE]...: loads the module with every daemon getting
# the host's records (share=all), which the routing scenarios test; the
# default (share=delegated) and delegation: the delegation scenario, which
# loads with share=delegated.
nsa_load() {
	modprobe nsaudit share=all "$@" || fail "modprobe nsaudit share=all $*"
}

nsa_unload() {
	modprobe -r nsaudit || fail "modprobe -r nsaudit"
}

# --- the audit daemon and rules -----------------------------------------

guest_setup() {
	mkdir -p "$STATE"
	# Scenarios find a process's records by pid in the lane's whole log:
	# no pid may come round again. The debug kernel (CONFIG_BASE_SMALL)
	# starts at 4 096 and allows no more than 32 768.
	echo 4194304 2>/dev/null >/proc/sys/kernel/pid_max ||
		echo 32768 >/proc/sys/kernel/pid_max || return 1
	echo "nsaudit-vm: pid_max $(cat /proc/sys/kernel/pid_max)"
	# Only leaks made by the scenarios count.
	[ -w /sys/kernel/debug/kmemleak ] && echo clear >/sys/kernel/debug/kmemleak
	if [ "$LOG" = /tmp/audit.log ]; then
		: >"$LOG"
		nsa-auditd "$LOG" >/tmp/nsa-auditd.out 2>&1 &
		echo $! >/tmp/nsa-auditd.pid
		wait_until 30 grep -q ready /tmp/nsa-auditd.out || {
			cat /tmp/nsa-auditd.out
			echo "nsa-auditd did not start"
			return 1
		}
		return 0
	fi
	# Debian's auditd, as packaged, but flushing every record at once
	# (scenarios read the log while it runs) and never rotating.
	sed -i -e 's/^freq = .*/freq = 1/' -e 's/^flush = .*/flush = INCREMENTAL_ASYNC/' \
		-e 's/^max_log_file_action = .*/max_log_file_action = IGNORE/' /etc/audit/auditd.conf
	rm -f "$LOG"
	/sbin/auditd || { echo "auditd did not start"; return 1; }
	wait_until 30 eval 'auditctl -s | grep -q "^pid [1-9]"' || { echo "auditd did not register"; return 1; }
	auditctl -b 65536 -r 0 -e 1 >/dev/null || return 1
	echo "nsaudit-vm: auditd $(auditctl -s | grep "^pid")"
}

# Stops the daemon; fails if the kernel lost any record or leaked memory.
guest_teardown() {
	_ok=0
	if [ "$LOG" = /tmp/audit.log ]; then
		kill "$(cat /tmp/nsa-auditd.pid)"
		wait_until 60 grep -q '^lost=' /tmp/nsa-auditd.out || { echo "nsa-auditd did not stop"; _ok=1; }
		# Counted from the daemon's start: a root booted with systemd
		# (the packages lane) loses records before any daemon runs.
		_lost=$(sed -n 's/^lost=//p' /tmp/nsa-auditd.out)
		_lost0=$(sed -n 's/^ready lost=//p' /tmp/nsa-auditd.out)
		_lost=$((${_lost:-0} - ${_lost0:-0}))
	else
		_lost=$(auditctl -s | sed -n 's/^lost //p')
		_pid=$(auditctl -s | sed -n 's/^pid //p')
		kill "$_pid"
		wait_until 60 eval '! kill -0 $_pid 2>/dev/null' || { echo "auditd did not stop"; _ok=1; }
	fi
	echo "nsaudit-vm: kernel lost $_lost records"
	[ "$_lost" = 0 ] || _ok=1
	# kmemleak: report anything still unreferenced after two scans.
	if [ -w /sys/kernel/debug/kmemleak ]; then
		echo scan >/sys/kernel/debug/kmemleak
		echo scan >/sys/kernel/debug/kmemleak
		if [ -s /sys/kernel/debug/kmemleak ]; then
			cat /sys/kernel/debug/kmemleak
			_ok=1
		else
			echo "nsaudit-vm: kmemleak found nothing"
		fi
	fi
	return $_ok
}

scenario_cleanup() {
	auditctl -D >/dev/null 2>&1
	auditctl -b 65536 >/dev/null 2>&1
	[ -d /sys/module/nsaudit ] && modprobe -r nsaudit
	rm -rf "$STATE"
	mkdir -p "$STATE"
}

# --- per-namespace daemons --------------------------------------------------

# A container as a rootless runtime makes it, run by host uid UID: new user
# (root inside maps to UID), PID, mount and network namespaces.
CONTAINER="$UNSHARE -U -r -p -f -m -n --mount-proc"

# container NAME N [CHILD N_CHILD]: the inside of a test container. Runs
# nsa-daemon as the audit daemon of the container's user namespace (its
# records go to $STATE/NAME.log, its output to $STATE/NAME.daemon) or, with
# NSA_DAEMON=nsauditd, nsauditd (log $STATE/NAME/audit.log). Then the
# container's init fails to open /nsa-missing/NAME-init itself (its parent
# is outside the container), and, if $STATE/secret exists, a process fails
# to open that host root's file. Starts the nested container CHILD if
# named; once $STATE/go exists, makes N failing openat(/nsa-missing/NAME),
# waits for CHILD to finish, makes one marker openat(/nsa-missing/NAME-end)
# and says $STATE/NAME.done. Stops its daemon (SIGTERM) once $STATE/stop
# exists.
container() {
	_name=$1
	if [ "${NSA_DAEMON:-}" = nsauditd ]; then
		nsauditd --foreground -l "$STATE/$_name/audit.log" >"$STATE/$_name.daemon" 2>&1 &
		_daemon=$!
		wait_until 60 eval 'nsauditctl status | grep -q "^daemon_pid $_daemon\$"' || exit 1
	else
		nsa-daemon "$STATE/$_name.log" >"$STATE/$_name.daemon" 2>&1 &
		_daemon=$!
		wait_until 60 grep -q -e '^registered' -e '^error' "$STATE/$_name.daemon" &&
			grep -q '^registered' "$STATE/$_name.daemon" || exit 1
	fi
	# The container's init itself, whose parent is outside: one failing
	# open; and one of a file of the host's root, which it may not read.
	# (true, not ':': a special builtin's failed redirection ends the shell.)
	true 2>/dev/null <"/nsa-missing/$_name-init"
	[ -e "$STATE/secret" ] && nsa-gen open 1 "$STATE/secret" >/dev/null
	[ -n "${3:-}" ] && $CONTAINER sh -c ". /nsaudit/lib.sh; container $3 $4" &
	: >"$STATE/$_name.ready"
	nsa-gen --wait "$STATE/go" open "$2" "/nsa-missing/$_name" >"$STATE/$_name.gen" 2>&1
	if [ -n "${3:-}" ]; then
		wait_until 300 test -e "$STATE/$3.done" || exit 1
	fi
	nsa-gen open 1 "/nsa-missing/$_name-end" >/dev/null
	: >"$STATE/$_name.done"
	wait_until 600 test -e "$STATE/stop"
	kill -TERM "$_daemon"
	wait "$_daemon"
	echo "exit=$?" >"$STATE/$_name.exit"
	wait
}

# daemon_status NAME PID: the counters of nsa-daemon NAME (output in
# $STATE/NAME.daemon; it answers SIGUSR1) into $STATE/NAME.status; fails
# unless its queue is empty. daemon_field NAME KEY: one of them.
daemon_status() {
	_f=$STATE/$1.daemon
	_before=$(grep -c '^status' "$_f")
	kill -USR1 "$2"
	wait_until 30 eval '[ "$(grep -c "^status" "$_f")" -gt "$_before" ]' || return 1
	grep '^status' "$_f" | tail -n 1 >"$STATE/$1.status"
	grep -q ' queued=0 ' "$STATE/$1.status"
}
daemon_field() {
	sed -n "s/.* $2=\([0-9]*\).*/\1/p" "$STATE/$1.status"
}

# hostpid_of TAIL [PROG]: the host pid of the process whose command line
# ends with the words TAIL (and starts with the word PROG).
hostpid_of() {
	for _p in /proc/[0-9]*; do
		case "$(tr '\0' ' ' 2>/dev/null <"$_p/cmdline")" in
		"${2:-}"*" $1 ") echo "${_p#/proc/}"; return 0 ;;
		esac
	done
	return 1
}

# nspid HOSTPID LEVEL: the pid of HOSTPID in the PID namespace LEVEL steps
# below the host's (0: the host's own), from the kernel's NSpid line.
nspid() {
	awk -v f=$(($2 + 2)) '/^NSpid:/ { print $f }' "/proc/$1/status"
}

# workload_truth NAME...: ground truth from the host's /proc for each
# workload whose host pid is in $NAME: its user namespace (userns_NAME),
# nsID set (truth_NAME) and pid at PID namespace levels 0 to 2
# (pid_NAME_LEVEL).
workload_truth() {
	for _c in "$@"; do
		eval "_h=\$$_c"
		eval "userns_$_c=\$(stat -L -c %i /proc/$_h/ns/user)"
		eval "truth_$_c=\$(nsid_truth $_h)"
		for _l in 0 1 2; do
			eval "pid_${_c}_$_l=\$(nspid $_h $_l)"
		done
	done
}

# syscalls LOG PID: the SYSCALL records of PID in a daemon's log.
syscalls() {
	grep "^type=1300 " "$1" | grep " pid=$2 "
}
