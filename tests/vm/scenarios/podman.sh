# podman (packages lane): containers made by Debian's podman and crun,
# with nsaudit-oci-hook as the nsaudit-oci-hook package installs it (its
# hooks.d file), from an image podman imports from a local root file
# system tarball (deb-root.sh: a Debian 13 root with the nsaudit
# packages installed; no registry, --network none).
# Rootful, the container in a user namespace of its own, annotated to be
# delegated and named:
# - the hook gave its process the ID derived from podman's container ID
#   (podman inspect's Id; nsauditctl contid get of podman inspect's Pid),
#   logged once as op=set with the name; its user namespace delegated;
# - the host's records of its processes (a host rule: failing openat)
#   carry that ID after the nsID set read from /proc of its process;
# - the container's own nsauditd (the package's, in the image) logs its
#   processes' events, by its own rule, with the pids the container sees;
# - when it stops, one op=drop of the ID.
# A container without a name annotation is named by podman's short ID.
# Rootless, by an ordinary user: the hook is refused (no capability), the
# container runs; its nsauditd logs by its own rules only; the host's log
# gets nothing of it (no op=set, no record of its user namespace).
PATH=/usr/sbin:/usr/bin:/sbin:/bin:/nsaudit/bin
modprobe nsaudit || fail "modprobe nsaudit"
OPTYPE=$(cat /sys/module/nsaudit/parameters/contid_op_type)
ops() { log_since | grep -E "^type=(UNKNOWN\[$OPTYPE\]|$OPTYPE) "; }
IMAGE=/var/lib/nsatest/image.tar
[ -f /usr/share/containers/oci/hooks.d/nsaudit.json ] || fail "no hooks.d file"
dpkg-query -W -f '${Status}' nsaudit-oci-hook | grep -q 'ok installed' || fail "nsaudit-oci-hook not installed"
# podman's own errors, for a failure message.
pm() { podman --log-level=error "$@"; }
pm import -q "$IMAGE" localhost/nsatest:1 >/dev/null || fail "podman import: $(pm import "$IMAGE" 2>&1 | tail -n 3)"
note "podman $(podman version --format '{{.Client.Version}}'), crun $(crun --version | sed -n 's/^crun version //p'); image imported"

# The host's rule, as an admin sets it.
nsa-krule add arch=b64 -S openat success=0 key=podman || fail "host rule"

# --- rootful -----------------------------------------------------------------
mkdir -p "$STATE/web1"
chmod 1777 "$STATE/web1"
# Inside: its own nsauditd and rule; then, on go, three failing opens,
# each by a process that first writes its pid (as the container sees it).
INSIDE='nsauditd -f -l /out/audit.log >/out/nsauditd.out 2>&1 &
d=$!
i=0; until nsauditctl status | grep -qx "daemon_pid $d"; do i=$((i+1)); [ $i -lt 600 ] || exit 1; sleep 0.1; done
nsauditctl -a always,exit -F arch=b64 -S openat -F success=0 -k inside || exit 1
: >/out/ready
until [ -e /out/go ]; do sleep 0.1; done
for n in 1 2 3; do sh -c "echo \$\$ >>/out/pids; exec cat /nsa-missing/ctr-$n" 2>/dev/null; done
: >/out/done
until [ -e /out/stop ]; do sleep 0.1; done
kill $d; wait $d'
pm run -d --name web1 --network none --uidmap 0:200000:65536 --gidmap 0:200000:65536 \
	--cap-add AUDIT_CONTROL --annotation io.nsaudit.delegate=true \
	--annotation io.nsaudit.name=web1 -v "$STATE/web1:/out" \
	localhost/nsatest:1 sh -c "$INSIDE" >"$STATE/web1.id" 2>"$STATE/web1.err" ||
	fail "podman run: $(cat "$STATE/web1.err")"
wait_until 300 test -e "$STATE/web1/ready" ||
	fail "web1 not ready: $(pm logs web1 2>&1 | tail -n 5); $(cat "$STATE/web1/nsauditd.out" 2>/dev/null)"
CID=$(pm inspect -f '{{.Id}}' web1)
P=$(pm inspect -f '{{.State.Pid}}' web1)
expect_eq "podman run's ID" "$(cat "$STATE/web1.id")" "$CID"
ID=$(printf '%u' "0x${CID:0:16}")
expect_eq "web1's audit container ID (podman inspect's Id and Pid)" "$(nsauditctl contid get "$P")" "$ID"
U=$(stat -L -c %i "/proc/$P/ns/user")
[ "$U" != "$(stat -L -c %i /proc/self/ns/user)" ] || fail "web1 has no user namespace of its own"
TRUTH=$(nsid_truth "$P") || fail "nsID set of $P"
wait_until 30 eval '[ "$(ops | grep -c " op=set opid=$P contid=$ID old-contid=-1 name=\"web1\" ")" = 1 ]' ||
	fail "op=set of web1: $(ops)"
expect_eq "delegations" "$(nsauditctl status | sed -n 's/^delegations //p')" 1
wait_until 30 eval '[ "$(log_since | grep "^type=CONFIG_CHANGE " | grep -c "op=nsaudit-delegate userns=$U .* res=1")" = 1 ]' ||
	fail "no op=nsaudit-delegate of $U"
note "web1: contid $ID = 0x${CID:0:16} (podman inspect), op=set with name=\"web1\", user namespace $U delegated"

: >"$STATE/web1/go"
wait_until 120 test -e "$STATE/web1/done" || fail "web1's opens did not end"
# The host's records: three by cat, each with web1's nsID set and ID.
host_recs() { log_since | grep '^type=SYSCALL ' | grep 'key="podman"' | grep " contid=$ID\$"; }
wait_until 60 eval '[ "$(host_recs | grep -c "comm=\"cat\"")" = 3 ]' ||
	fail "host records of web1's cat: $(host_recs | grep -c 'comm="cat"'), want 3"
host_recs | while IFS= read -r rec; do
	case "$rec" in *" $TRUTH contid=$ID") ;; *) echo "$rec" >>"$STATE/bad" ;; esac
done
[ ! -s "$STATE/bad" ] || fail "a host record of web1 without its nsID set ($TRUTH): $(head -n 1 "$STATE/bad")"
note "host: 3 records of web1's cat, each ending '$TRUTH contid=$ID'"
# own_records NAME: the container's own daemon logged its rule's three
# records, one for each pid the container saw (its $STATE/NAME/pids).
own_records() {
	_own=$STATE/$1/audit.log
	wait_until 60 eval '[ "$(grep " key=\"inside\"" "$_own" | grep -c "comm=\"cat\"")" = 3 ]' ||
		fail "$1's own records: $(grep -c ' key="inside"' "$_own"), want 3: $(cat "$STATE/$1/nsauditd.out")"
	for _pid in $(cat "$STATE/$1/pids"); do
		expect_eq "$1's record of its pid $_pid" \
			"$(grep ' key="inside"' "$_own" | grep -c " pid=$_pid .*comm=\"cat\"")" 1
	done
}
own_records web1
note "web1's nsauditd: 3 records by its own rule, pids $(tr '\n' ' ' <"$STATE/web1/pids")as it sees them"

: >"$STATE/web1/stop"
wait_until 120 eval '[ "$(pm inspect -f "{{.State.Status}}" web1)" = exited ]' || fail "web1 did not stop"
expect_eq "web1's exit" "$(pm inspect -f '{{.State.ExitCode}}' web1)" 0
wait_until 60 eval '[ "$(ops | grep -c " op=drop opid=[0-9]* contid=-1 old-contid=$ID ")" = 1 ]' ||
	fail "op=drop of web1: $(ops | grep op=drop)"
note "web1 stopped: one op=drop of $ID"

# No name annotation: podman's short ID names it; the default policy
# delegates nothing unasked.
pm run --rm --network none --name quiet localhost/nsatest:1 sh -c 'cat /proc/self/status >/dev/null' ||
	fail "podman run quiet"
wait_until 30 eval '[ "$(ops | grep " op=set " | grep -c " old-contid=-1 name=\"[0-9a-f]\{12\}\" ")" = 1 ]' ||
	fail "op=set of quiet: $(ops | grep ' op=set ')"
short=$(ops | grep ' op=set ' | sed -n 's/.* name="\([0-9a-f]\{12\}\)" .*/\1/p')
qid=$(ops | grep " name=\"$short\" " | sed -n 's/.* op=set opid=[0-9]* contid=\([0-9]*\) .*/\1/p')
# The ID's first 12 hex digits are the name's: both are podman's ID.
expect_eq "quiet's ID and its name" "$(printf '%016x' "$qid" | cut -c1-12)" "$short"
# web1's namespace is gone, with its delegation; quiet asked for none.
wait_until 60 eval '[ "$(nsauditctl status | sed -n "s/^delegations //p")" = 0 ]' ||
	fail "delegations after quiet: $(nsauditctl status | sed -n 's/^delegations //p')"
note "quiet: named $short (podman's short ID), not delegated"

# --- rootless ------------------------------------------------------------------
# The host's rule goes first: whatever the host logs now is not of a rule.
nsa-krule del arch=b64 -S openat success=0 key=podman || fail "host rule removal"
mkdir -p "$STATE/rl"
chmod 1777 "$STATE/rl"
# As an admin's user runs it: no login session, so no systemd user
# manager (cgroupfs, no cgroup of its own).
as_user() {
	runuser -u nsatest -- env HOME=/home/nsatest XDG_RUNTIME_DIR=/tmp/nsatest-run \
		podman --log-level=error --cgroup-manager=cgroupfs "$@"
}
mkdir -p /tmp/nsatest-run
chown nsatest /tmp/nsatest-run
chmod 700 /tmp/nsatest-run
log_barrier || fail "log barrier"
from=$(($(wc -l <"$LOG") + 1))
as_user import -q "$IMAGE" localhost/nsatest:1 >/dev/null 2>"$STATE/rl.err" ||
	fail "rootless import: $(tail -n 3 "$STATE/rl.err")"
as_user run -d --name rl --network none --cgroups=disabled --cap-add AUDIT_CONTROL \
	-v "$STATE/rl:/out" localhost/nsatest:1 sh -c "$INSIDE" >/dev/null 2>"$STATE/rl.err" ||
	fail "rootless run: $(tail -n 3 "$STATE/rl.err")"
wait_until 300 test -e "$STATE/rl/ready" ||
	fail "rl not ready: $(as_user logs rl 2>&1 | tail -n 5); $(cat "$STATE/rl/nsauditd.out" 2>/dev/null)"
RP=$(as_user inspect -f '{{.State.Pid}}' rl)
RU=$(stat -L -c %i "/proc/$RP/ns/user")
expect_eq "rl's audit container ID (the hook was refused)" "$(nsauditctl contid get "$RP")" -1
: >"$STATE/rl/go"
wait_until 120 test -e "$STATE/rl/done" || fail "rl's opens did not end"
own_records rl
# Its own rules only: nothing else of its tasks reached it (no host
# rule exists; the default share gives it no copy of the host's records).
expect_eq "rl's log: records but its rule's and its daemon's own" \
	"$(grep -v -e ' key="inside"' -e '^type=DAEMON_' -e '^type=PATH ' -e '^type=CWD ' -e '^type=PROCTITLE ' "$STATE/rl/audit.log" | grep -c .)" 0
: >"$STATE/rl/stop"
wait_until 120 eval '[ "$(as_user inspect -f "{{.State.Status}}" rl)" = exited ]' || fail "rl did not stop"
log_barrier || fail "log barrier"
# The host's log: no op=set, nothing of rl's user namespace.
expect_eq "host: op=set since the rootless run" \
	"$(tail -n +"$from" "$LOG" | grep -E "^type=(UNKNOWN\[$OPTYPE\]|$OPTYPE) " | grep -c ' op=set ')" 0
expect_eq "host: records of rl's user namespace" "$(tail -n +"$from" "$LOG" | grep -c " userns=$RU ")" 0
note "rootless: the hook refused, rl ran; its nsauditd logged its 3 events by its own rule, pids $(tr '\n' ' ' <"$STATE/rl/pids")as it sees them; nothing of it in the host's log"
as_user rm -f rl >/dev/null 2>&1
pm rm -f web1 >/dev/null 2>&1
true
