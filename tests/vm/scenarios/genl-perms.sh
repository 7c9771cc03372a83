# Every command of the nsaudit family from every kind of caller, against a
# table of expected outcomes; nsauditctl nsid equals stat -L ground truth
# for host and namespaced processes; refused commands change nothing.
nsa_load

# Callers. "user" is an unprivileged uid; the user namespaces are made the
# way a rootless container runtime makes them.
as_root() { "$@"; }
as_user() { nsa-runas 65534 65534 "$@"; }
as_root_userns() { $UNSHARE -U -r "$@"; }
as_user_userns() { nsa-runas 65534 65534 $UNSHARE -U -r "$@"; }
as_user_userns_net() { nsa-runas 65534 65534 $UNSHARE -U -r -n "$@"; }
as_user_userns_pid() { nsa-runas 65534 65534 $UNSHARE -U -r -p -f --mount-proc "$@"; }

# As root, of a process with all eight namespaces new.
spawn allnew $UNSHARE -U -r -m -u -i -n -p -f -C -T $GEN open 1 /nsa-missing/x
truth=$(nsid_truth "$PID") || fail "no truth for $PID"
expect_eq "all-new nsid" "$(nsauditctl nsid "$PID")" "$truth"
note "root: nsid of an all-new process matches stat -L"
json=$(nsauditctl --json nsid "$PID") || fail "--json nsid"
case "$json" in *"\"pid\":$PID"*"\"timens\":${truth##*timens=}"*) ;;
*) fail "--json nsid: $json" ;; esac
go

# A process of root's, outside every caller's user namespace, and one of
# the unprivileged user's.
sleep 600 &
ROOTPID=$!
nsa-runas 65534 65534 sleep 600 &
USERPID=$!
wait_until 10 eval '[ "$(stat -c %u /proc/$USERPID)" = 65534 ]' || fail "user sleeper"
NOPID=4194303	# within range, never allocated in a test VM
settings() { nsauditctl status | grep -E '^(enrich|daemons|queue|rules|backlog|memory|contids|user_daemons|user_memory|daemon_memory) '; }
before=$(settings) || fail "status as root: $(nsauditctl status 2>&1)"
# Earlier scenarios' records stay in the log: count from here.
log_barrier || fail "log barrier"
sets_before=$(records CONFIG_CHANGE | grep -c ' op=nsaudit-set ')

# expect CALLER OUTCOME CMD...: OUTCOME is ok, or the errno name the module
# must refuse with; a refusal must be one line with the kernel's reason.
expect() {
	_who=$1 _want=$2
	shift 2
	_err=$("as_$_who" nsauditctl "$@" 2>&1 >"$STATE/out")
	_rc=$?
	case "$_want" in
	ok) [ "$_rc" = 0 ] || fail "$_who: $*: exit $_rc, want 0: $_err" ;;
	*)
		_text=$(errno_text "$_want")
		[ "$_rc" = 1 ] || fail "$_who: $*: exit $_rc, want 1 ($_want)"
		[ "$(echo "$_err" | wc -l)" = 1 ] || fail "$_who: $*: not one line: $_err"
		case "$_err" in
		*"$_text (kernel reports: "?*")") ;;
		*) fail "$_who: $*: want '$_text (kernel reports: ...)', got: $_err" ;;
		esac
		;;
	esac
	note "$_who: $* -> $_want"
}

errno_text() {
	case "$1" in
	EPERM) echo "Operation not permitted" ;;
	EACCES) echo "Permission denied" ;;
	ESRCH) echo "No such process" ;;
	*) fail "no text for $1" ;;
	esac
}

# caller           outcome  command
while read -r who want cmd; do
	[ -n "$who" ] || continue
	expect "$who" "$want" $cmd
done <<EOF
root               ok       status
root               ok       set enrich on
root               ok       set queue 8192
root               ok       nsid 1
root               ok       nsid $USERPID
root               ESRCH    nsid $NOPID
user               ok       status
user               EPERM    set enrich off
user               EPERM    set queue 16
user               EACCES   nsid 1
user               EACCES   nsid $ROOTPID
user               ok       nsid $USERPID
user               ESRCH    nsid $NOPID
root_userns        ok       status
root_userns        EPERM    set enrich off
root_userns        EPERM    set daemons 0
root_userns        EPERM    set user_daemons 4096
root_userns        EPERM    set user_memory 16777216
root_userns        EACCES   nsid $ROOTPID
user_userns        ok       status
user_userns        EPERM    set enrich off
user_userns        EACCES   nsid 1
user_userns        ESRCH    nsid $NOPID
user_userns_net    ok       status
user_userns_net    EPERM    set enrich off
user_userns_net    EPERM    set rules 0
user_userns_net    EPERM    set daemon_memory 16777216
user_userns_net    EACCES   nsid 1
user_userns_pid    ok       status
user_userns_pid    EPERM    set enrich off
user_userns_pid    ESRCH    nsid $ROOTPID
EOF

expect_eq "settings after refused SETs" "$(settings)" "$before"

# The two SETs root made are logged, each once, with what changed, who
# changed it, and (the module enriching its own record) the caller's nsID
# set; the refused ones left no record.
log_barrier || fail "log barrier"
sets=$(records CONFIG_CHANGE | grep ' op=nsaudit-set ' | tail -n +$((sets_before + 1)))
[ "$(echo "$sets" | grep -c .)" = 2 ] || fail "want 2 new nsaudit-set records: $sets"
me=$(nsid_truth $$)
echo "$sets" | head -n 1 | grep -q " op=nsaudit-set enrich=1 old-enrich=1 auid=[0-9]* ses=[0-9]* res=1 $me\$" ||
	fail "first record: $(echo "$sets" | head -n 1)"
echo "$sets" | tail -n 1 | grep -q " op=nsaudit-set queue=8192 old-queue=8192 auid=" ||
	fail "second record: $(echo "$sets" | tail -n 1)"

# nsid PID equals stat -L ground truth for each caller's own process (PID 1
# of the new PID namespace in the last case).
for who in root user root_userns user_userns user_userns_net user_userns_pid; do
	_r=$("as_$who" sh -c '. /nsaudit/lib.sh
		a=$(nsauditctl nsid $$) || exit 1
		b=$(nsid_truth $$) || exit 1
		[ "$a" = "$b" ] && echo "same $a" || echo "differ: module $a, stat $b"' 2>&1)
	case "$_r" in same\ nsdev=*) note "$who: own nsid matches stat -L" ;;
	*) fail "$who: own nsid: $_r" ;; esac
done
# An exited process is gone for the module as for /proc.
sh -c 'exit 0' &
gone=$!
wait $gone
expect root ESRCH nsid $gone

# Host-wide counters are the host's to read: a caller in another user
# namespace reads 0 for them (its own daemon's copies, none here), and so
# does every listener of the config group, whatever its namespace.
host_enriched=$(nsauditctl status | sed -n 's/^enriched //p')
[ "${host_enriched:-0}" -gt 0 ] || fail "host: nothing enriched: $(nsauditctl status)"
for who in root_userns user_userns; do
	st=$("as_$who" nsauditctl status) || fail "$who: status"
	for k in enriched forwarded lost missed contids_tracked contid_tasks contid_lost unenriched delegations; do
		expect_eq "$who: $k" "$(echo "$st" | sed -n "s/^$k //p")" 0
	done
	note "$who: host counters read 0 (host: enriched $host_enriched)"
done
as_root_userns nsauditctl monitor --json --count 1 --timeout 60 >"$STATE/ntf" 2>"$STATE/ntf.err" &
mon=$!
wait_until 30 grep -q subscribed "$STATE/ntf.err" || fail "monitor: $(cat "$STATE/ntf.err")"
nsauditctl set queue 8192 || fail "set queue"
wait $mon || fail "monitor: $(cat "$STATE/ntf.err")"
grep -q '"enriched":0[,}]' "$STATE/ntf" && ! grep -q '"enriched":[1-9]' "$STATE/ntf" ||
	fail "a notification shows host counters: $(cat "$STATE/ntf")"
note "config notifications carry no host counter"

kill $ROOTPID $USERPID
wait 2>/dev/null
true
