# A registration is its socket, not its port. The daemon of the initial
# user namespace is stopped while records flow, so that they queue in the
# module, and then killed; an unprivileged process of the same network
# namespace, waiting for the daemon's port, binds it as soon as the dead
# socket frees it (nsa-portsteal, in a tight loop) and for 3 seconds reads
# what arrives and sends DELETE_ALL and LIST_RULES from it. It must get not
# one record nor LOST notice, and every rule command must be refused: the
# daemon's queue died with its socket, and its rights with it. Two
# rounds, with a new daemon each (the old code leaked in one of three). And while nsauditd runs, no other
# process can send its socket anything, not even one with CAP_NET_ADMIN
# over its network namespace (an unprivileged one cannot send to a
# generic netlink port at all: EPERM): the library connects the socket to
# the kernel, so a forged RECORD is refused (ECONNREFUSED).
nsa_load
chmod 1777 "$STATE"
auditctl -a always,exit -F arch=b64 -S openat -F success=0 -k nsa_steal >/dev/null ||
	fail "auditctl"
status_of() { nsauditctl status | sed -n "s/^$1 //p"; }

# port_of PID: the port of PID's generic netlink socket, from the kernel's
# list of netlink sockets and PID's file descriptors.
port_of() {
	inodes=$(ls -l "/proc/$1/fd" | sed -n 's/.*socket:\[\([0-9]*\)\].*/\1/p' | tr '\n' ' ')
	awk -v inodes=" $inodes" '$2 == 16 && index(inodes, " " $10 " ") { print $3 }' /proc/net/netlink
}

nsauditd --foreground -l "$STATE/nsauditd/audit.log" >"$STATE/nsauditd.out" 2>&1 &
N=$!
wait_until 60 eval 'nsauditctl status | grep -q "^daemon_pid $N\$"' || fail "nsauditd: $(cat "$STATE/nsauditd.out")"
port=$(port_of "$N")
[ -n "$port" ] || fail "no port for nsauditd"
# Judged at the end, so that one run shows every attack's outcome.
forged=$(nsa-portsteal --forge "$port")
kill -TERM "$N"
wait "$N" || fail "nsauditd: exit $?: $(cat "$STATE/nsauditd.out")"
note "a forged record to nsauditd's port: $forged"

nsa-gen loop /nsa-missing/steal >"$STATE/gen.out" 2>&1 &
GEN_PID=$!
for round in 1 2; do
	(nsa-daemon "$STATE/H$round.log" >"$STATE/H$round.daemon" 2>&1 & echo $! >"$STATE/H.pid")
	wait_until 30 grep -qs '^registered' "$STATE/H$round.daemon" ||
		fail "daemon: $(cat "$STATE/H$round.daemon")"
	H=$(cat "$STATE/H.pid")
	port=$(port_of "$H")
	[ -n "$port" ] || fail "no port for the daemon $H: $(cat /proc/net/netlink)"
	wait_until 30 eval '[ "$(status_of daemon_delivered)" -gt 0 ]' || fail "no record delivered"
	kill -STOP "$H"
	wait_until 60 eval '[ "$(status_of daemon_queued)" -ge 50 ]' ||
		fail "records did not queue: $(status_of daemon_queued)"
	queued=$(status_of daemon_queued)
	nsa-runas 1000 1000 nsa-portsteal "$port" 3 >"$STATE/steal$round.out" 2>&1 &
	STEAL=$!
	wait_until 30 grep -q '^waiting' "$STATE/steal$round.out" ||
		fail "nsa-portsteal: $(cat "$STATE/steal$round.out")"
	kill -KILL "$H"
	wait_until 60 grep -q -e '^bound' -e '^never' "$STATE/steal$round.out" ||
		fail "round $round: nsa-portsteal did not finish: $(cat "$STATE/steal$round.out"; ps)"
	wait "$STEAL"
	out=$(grep -e '^bound' -e '^never' "$STATE/steal$round.out")
	case "$out" in
	"bound tries="*" records=0 lost=0 other=0 rules_ok=0 rules_refused="[1-9]*) ;;
	*) fail "round $round: the port's new owner got: $out" ;;
	esac
	wait_until 30 eval '[ -z "$(status_of daemon_pid)" ]' || fail "the daemon is still registered"
	note "round $round: port $port, $queued records queued when the daemon died; its new owner: ${out#bound }"
done
kill -TERM "$GEN_PID"
wait "$GEN_PID"
expect_eq "a forged record to nsauditd's port" "$forged" "refused ECONNREFUSED"
