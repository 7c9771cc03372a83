# Registration of per-namespace daemons: who may, how many, and that the
# slot frees itself when the daemon's socket closes. Each refusal must come
# with its errno and the module's reason, and must leave the holder alone.
nsa_load
chmod 1777 "$STATE"

# register NAME [OPTION...] -- PREFIX...: starts nsa-daemon (run through
# PREFIX, e.g. a user or a container) and waits for its first line.
register() {
	_n=$1
	shift
	_pre=
	while [ "$1" != -- ]; do _pre="$_pre $1"; shift; done
	shift
	rm -f "$STATE/$_n.daemon"
	"$@" nsa-daemon $_pre "$STATE/$_n.log" >"$STATE/$_n.daemon" 2>&1 &
	wait_until 60 grep -qs -e '^registered' -e '^error' "$STATE/$_n.daemon" ||
		fail "$_n: no answer: $(cat "$STATE/$_n.daemon")"
}

# daemon_pid NAME: the host pid of NAME's nsa-daemon.
daemon_pid() {
	hostpid_of "$STATE/$1.log" nsa-daemon
}

# refused NAME ERRNO TEXT: NAME's registration was refused as it must be.
refused() {
	_l=$(cat "$STATE/$1.daemon")
	case "$_l" in
	"error $2 msg=\"$3\"") note "$1: refused: $2 \"$3\"" ;;
	*) fail "$1: want error $2 \"$3\", got: $_l" ;;
	esac
}

registered() {
	grep -q '^registered' "$STATE/$1.daemon" || fail "$1: not registered: $(cat "$STATE/$1.daemon")"
	note "$1: $(cat "$STATE/$1.daemon")"
}

as_user() { nsa-runas 65534 65534 "$@"; }
in_container() { nsa-runas 100000 100000 $CONTAINER "$@"; }
in_container2() { nsa-runas 100000 100000 $UNSHARE -U -r "$@"; }
as_root() { "$@"; }

# Unprivileged in the initial user namespace: no CAP_AUDIT_CONTROL there.
register user -- as_user
refused user EPERM "REGISTER needs CAP_AUDIT_CONTROL in the caller's user namespace"

# Backlog bounds: the policy's, then the host's queue limit.
register small --backlog 15 -- as_root
refused small ERANGE "integer out of range"
register big --backlog 8193 -- as_root
refused big ERANGE "backlog above the host's queue limit"

# The initial user namespace's daemon, then a second one: EBUSY.
register first --backlog 64 -- as_root
registered first
grep -q "^registered pid=$(daemon_pid first) .*backlog=64\$" "$STATE/first.daemon" ||
	fail "first: pid or backlog wrong: $(cat "$STATE/first.daemon")"
register second -- as_root
refused second EBUSY "this user namespace has an audit daemon already"

# A container's root may register in its own namespace.
register ctr -- in_container
registered ctr
register ctr2 -- in_container2
registered ctr2

# The daemons limit: at 2 namespace daemons (the initial namespace's is
# never counted), a limit of 2 refuses a third.
nsauditctl set daemons 2 || fail "set daemons 2"
register over -- in_container
refused over ENOSPC "the host's limit of audit daemons is reached"
nsauditctl set daemons 64 || fail "set daemons 64"

# UNREGISTER from a socket that is no daemon.
out=$(nsa-nlreq --cmd 6)
expect_eq "UNREGISTER from a stranger" "$out" 'error ENOENT msg="this socket is not a registered daemon"'

# SIGKILL frees the slot: a new daemon gets it, within a bound.
kill -KILL "$(daemon_pid first)"
registered_again() {
	register again -- as_root
	grep -q '^registered' "$STATE/again.daemon"
}
wait_until 30 registered_again || fail "slot not freed after SIGKILL: $(cat "$STATE/again.daemon")"
registered again

# The holder lost nothing while others were refused: it still gets records.
auditctl -a always,exit -F arch=b64 -S openat -F success=0 -k nsa_reg >/dev/null || fail "auditctl"
nsa-gen open 2 /nsa-missing/register-after >/dev/null
wait_until 30 eval '[ "$(grep -c "name=\"/nsa-missing/register-after\"" "$STATE/again.log")" = 2 ]' ||
	fail "again: records missing: $(grep -c register-after "$STATE/again.log")"
note "again: receives records"

# A clean UNREGISTER (SIGTERM) and a close both free their slots.
for d in again ctr ctr2; do
	kill -TERM "$(daemon_pid $d)"
	wait_until 30 grep -qs '^end reason=unregistered' "$STATE/$d.daemon" ||
		fail "$d: no clean end: $(cat "$STATE/$d.daemon")"
done
register last -- as_root
registered last
kill -TERM "$(daemon_pid last)"
wait_until 30 grep -qs '^end reason=unregistered' "$STATE/last.daemon" || fail "last: no clean end"
wait

# The host's default and maximum backlog, as module parameters at load.
nsa_unload
nsa_load backlog=64 queue=100
register dflt -- as_root
grep -q '^registered .* backlog=64$' "$STATE/dflt.daemon" || fail "default backlog: $(cat "$STATE/dflt.daemon")"
kill -TERM "$(daemon_pid dflt)"
wait_until 30 grep -qs '^end reason=unregistered' "$STATE/dflt.daemon" || fail "dflt: no clean end"
register max --backlog 101 -- as_root
refused max ERANGE "backlog above the host's queue limit"
register capped --backlog 100 -- as_root
registered capped
kill -TERM "$(daemon_pid capped)"
wait
