# nsaudit-oci-hook as a runtime runs it at createRuntime: the state on its
# standard input names a container's first process, made here as a
# runtime makes one (new user, mount, UTS, IPC, net, PID, cgroup and time
# namespaces; waiting, with no thread and no child). Checked against the
# module and the log:
# - no annotation: the ID derived from the container's ID (its first 16
#   hex digits), op=set with the ID's first 12 characters as the name, no
#   delegation (the default policy delegates annotated containers only);
# - io.nsaudit.contid, .name and .delegate=true: that ID and name, the
#   user namespace delegated (one op=nsaudit-delegate);
# - the host's policy: delegate = never, contid_annotation = no;
# - the same state twice: nothing more; another ID for a process that has
#   one: refused, and only io.nsaudit.required=true stops the container
#   (exit 1); the same for an unprivileged runtime (uid 1000), a state
#   that is no JSON, a bad annotation, a bad policy file, a container in
#   the host's user namespace asking for delegation, and no module.
# Each failure is one line on standard error naming the container.
. /nsaudit/rules-lib.sh
nsa_load
OPTYPE=$(cat /sys/module/nsaudit/parameters/contid_op_type)
HOOK=nsaudit-oci-hook
sets() { log_since | grep -E "^type=(UNKNOWN\[$OPTYPE\]|$OPTYPE) " | grep -c " op=set opid=$1 contid=$2 old-contid=-1 name=$3 ppid="; }
all_sets() { log_since | grep -E "^type=(UNKNOWN\[$OPTYPE\]|$OPTYPE) " | grep -c ' op=set '; }
delegations() { nsauditctl status | sed -n 's/^delegations //p'; }
delegated() { log_since | grep '^type=CONFIG_CHANGE ' | grep -c "op=nsaudit-delegate userns=$1 .* res=1"; }

# state ID PID [ANNOTATIONS]: an OCI state as podman writes it.
state() {
	printf '{"ociVersion":"1.0.2-dev","id":"%s","status":"created","pid":%s,"bundle":"/run/nsatest/%s","annotations":{"io.container.manager":"libpod"%s}}\n' \
		"$1" "$2" "$1" "${3:+,$3}"
}
# hook WANT_RC STATE [ARGS...]: runs the hook on STATE; its stderr in ERR.
hook() {
	_want=$1 _st=$2
	shift 2
	ERR=$(echo "$_st" | "$HOOK" "$@" 2>&1 >"$STATE/hook.out")
	_rc=$?
	[ "$_rc" = "$_want" ] || fail "hook $*: exit $_rc, want $_want: $ERR"
	[ ! -s "$STATE/hook.out" ] || fail "hook wrote to stdout: $(cat "$STATE/hook.out")"
}
# one_line TEXT: ERR is exactly one line, naming the container, with TEXT.
one_line() {
	[ "$(echo "$ERR" | wc -l)" = 1 ] || fail "not one line: $ERR"
	case "$ERR" in "nsaudit-oci-hook: container $1: "*"$2"*) ;; *) fail "want '$2': $ERR" ;; esac
	note "$ERR"
}
# ctr NAME: a container's first process; its host pid in PID.
ctr() { spawn "$1" $UNSHARE -U -r -m -u -i -n -p -f -C -T $GEN open 1 "/nsa-missing/$1"; }

log_barrier || fail "log barrier"
sets0=$(all_sets)

# --- no annotation: derived ID, short ID as name, no delegation -------------
ID1=3f2a9c0d18b7e6a54c3b2a190817f6e5d4c3b2a1908f7e6d5c4b3a2918070605
ctr c1
P1=$PID
hook 0 "$(state $ID1 $P1)"
expect_eq "no message" "$ERR" ""
want1=$(printf '%u' 0x${ID1:0:16})
expect_eq "c1's ID (podman's ID, first 16 hex digits)" "$(nsauditctl contid get $P1)" "$want1"
log_barrier || fail "log barrier"
expect_eq "c1's op=set" "$(sets $P1 "$want1" '"3f2a9c0d18b7"')" 1
expect_eq "delegations after c1" "$(delegations)" 0
# The same state again (a runtime retrying): nothing new.
hook 0 "$(state $ID1 $P1)"
expect_eq "no message the second time" "$ERR" ""
log_barrier || fail "log barrier"
expect_eq "c1's op=set, once" "$(sets $P1 "$want1" '"3f2a9c0d18b7"')" 1
# Another ID for it: refused by the module, the container still runs...
hook 0 "$(state $ID1 $P1 '"io.nsaudit.contid":"99"')"
one_line 3f2a9c0d18b7 "audit container ID: File exists (kernel reports: the process has a container ID already"
# ...unless it must have its ID.
hook 1 "$(state $ID1 $P1 '"io.nsaudit.contid":"99","io.nsaudit.required":"true"')"
one_line 3f2a9c0d18b7 "File exists"
expect_eq "c1's ID unchanged" "$(nsauditctl contid get $P1)" "$want1"

# --- annotated: ID, name, delegation ----------------------------------------
ID2=c2c2c2c2c2c2c2c2c2c2c2c2c2c2c2c2c2c2c2c2c2c2c2c2c2c2c2c2c2c2c2c2
ctr c2
P2=$PID
U2=$(stat -L -c %i /proc/$P2/ns/user)
hook 0 "$(state $ID2 $P2 '"io.nsaudit.contid":"4711","io.nsaudit.name":"web 1","io.nsaudit.delegate":"true"')"
expect_eq "no message for c2" "$ERR" ""
expect_eq "c2's ID" "$(nsauditctl contid get $P2)" 4711
log_barrier || fail "log barrier"
# "web 1" has a space: hexadecimal.
expect_eq "c2's op=set" "$(sets $P2 4711 7765622031)" 1
expect_eq "delegations after c2" "$(delegations)" 1
expect_eq "c2's user namespace delegated" "$(delegated "$U2")" 1

# --- the host's policy --------------------------------------------------------
ID3=d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3
ctr c3
P3=$PID
printf '# test\ndelegate = never\ncontid_annotation = no\n' >"$STATE/policy.conf"
hook 0 "$(state $ID3 $P3 '"io.nsaudit.contid":"5","io.nsaudit.name":"db","io.nsaudit.delegate":"true"')" --config "$STATE/policy.conf"
expect_eq "two lines for c3" "$(echo "$ERR" | wc -l)" 2
case "$ERR" in *"container d3d3d3d3d3d3: annotation io.nsaudit.contid ignored: the host's policy ($STATE/policy.conf) says contid_annotation = no"*) ;; *) fail "c3: $ERR" ;; esac
case "$ERR" in *"container d3d3d3d3d3d3: not delegated: the host's policy ($STATE/policy.conf) says never"*) ;; *) fail "c3: $ERR" ;; esac
note "$ERR"
expect_eq "c3's ID: derived, not the annotation's" "$(nsauditctl contid get $P3)" "$(printf '%u' 0xd3d3d3d3d3d3d3d3)"
log_barrier || fail "log barrier"
expect_eq "c3's op=set" "$(sets $P3 "$(printf '%u' 0xd3d3d3d3d3d3d3d3)" '"db"')" 1
expect_eq "delegations after c3" "$(delegations)" 1
# A bad policy file: said, and only a required container stops.
echo 'delegate = sometimes' >"$STATE/bad.conf"
ctr c4
P4=$PID
hook 0 "$(state e4e4e4e4e4e4e4e4 $P4)" --config "$STATE/bad.conf"
one_line e4e4e4e4e4e4 "$STATE/bad.conf: line 1: delegate is 'sometimes', not never, annotated or always"
hook 1 "$(state e4e4e4e4e4e4e4e4 $P4 '"io.nsaudit.required":"true"')" --config "$STATE/bad.conf"
expect_eq "c4 has no ID" "$(nsauditctl contid get $P4)" -1

# --- what cannot work ---------------------------------------------------------
# An unprivileged runtime (rootless podman): refused by the module.
hook_uid() {
	ERR=$(echo "$2" | nsa-runas 1000 1000 "$HOOK" 2>&1)
	_rc=$?
	[ "$_rc" = "$1" ] || fail "uid 1000: exit $_rc, want $1: $ERR"
}
ctr c5
P5=$PID
hook_uid 0 "$(state f5f5f5f5f5f5f5f5 $P5)"
one_line f5f5f5f5f5f5 "audit container ID: Operation not permitted (kernel reports: SET_CONTID needs CAP_AUDIT_CONTROL in the initial user namespace)"
hook_uid 1 "$(state f5f5f5f5f5f5f5f5 $P5 '"io.nsaudit.required":"true"')"
expect_eq "c5 has no ID" "$(nsauditctl contid get $P5)" -1
# States that are not: no JSON, a bad annotation, no pid.
hook 0 'not json'
one_line '?' "the state is no JSON"
hook 0 "$(state f5f5f5f5f5f5f5f5 $P5 '"io.nsaudit.delegate":"yes"')"
one_line f5f5f5f5f5f5 "annotation io.nsaudit.delegate is 'yes', not true or false"
hook 1 '{"id":"f5f5f5f5f5f5f5f5","annotations":{"io.nsaudit.required":"true"}}'
one_line f5f5f5f5f5f5 "the state has no pid"
expect_eq "c5 still has no ID" "$(nsauditctl contid get $P5)" -1
# A container in the host's user namespace asks for delegation: it gets
# its ID; there is nothing to delegate.
spawn c6 $UNSHARE -m -p -f $GEN open 1 /nsa-missing/c6
P6=$PID
hook 0 "$(state a6a6a6a6a6a6a6a6 $P6 '"io.nsaudit.delegate":"true"')"
one_line a6a6a6a6a6a6 "not delegated: the container has no user namespace of its own"
expect_eq "c6's ID" "$(nsauditctl contid get $P6)" "$(printf '%u' 0xa6a6a6a6a6a6a6a6)"
expect_eq "delegations after c6" "$(delegations)" 1

# Every process ran; then exactly the sets above were logged.
touch "$STATE/go"
wait
log_barrier || fail "log barrier"
expect_eq "op=set records" "$(($(all_sets) - sets0))" 4

# No module: said; only a required container stops.
nsa_unload
ctr c7
hook 0 "$(state b7b7b7b7b7b7b7b7 $PID)"
one_line b7b7b7b7b7b7 "cannot talk to the nsaudit module (is it loaded?)"
hook 1 "$(state b7b7b7b7b7b7b7b7 $PID '"io.nsaudit.required":"true"')"
touch "$STATE/go"
wait
