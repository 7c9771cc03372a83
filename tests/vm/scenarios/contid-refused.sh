# Every refusal of SET_CONTID, each with its errno and the module's
# message, and nothing changed by any of them: no capability (an
# unprivileged uid; a container's root, for another process and for its
# own); the unset value; missing attributes; a pid the caller cannot see
# (none such; a host pid from a new PID namespace); the caller's own
# process; a kernel thread; a process that has an ID; one with a child;
# one with threads; a new ID beyond the contids limit (an ID in use may
# still be given: a process joins a running container); a name that is
# empty, too long or not NUL-terminated. GET_CONTID is refused where
# /proc/PID/ns/ could not be read. The names of the sets that succeed are
# logged as audit logs untrusted strings: quoted, or in hexadecimal.
. /nsaudit/rules-lib.sh
nsa_load
chmod 1777 "$STATE"
OPTYPE=$(cat /sys/module/nsaudit/parameters/contid_op_type)
tracked() { nsauditctl status | sed -n 's/^contids_tracked //p'; }
sets() {
	log_since | grep -E "^type=(UNKNOWN\[$OPTYPE\]|$OPTYPE) " | grep -c ' op=set '
}

# refused WHAT ERRNO_TEXT CMD...: CMD (an nsauditctl call) exits 1 with
# one line naming ERRNO_TEXT and the module's reason.
refused() {
	local _what=$1 _err=$2 _out _rc
	shift 2
	_out=$("$@" 2>&1)
	_rc=$?
	[ "$_rc" = 1 ] || fail "$_what: exit $_rc: $_out"
	case "$_out" in
	"nsauditctl: contid set: $_err (kernel reports: "?*")") ;;
	*) fail "$_what: $_out" ;;
	esac
	[ "$(echo "$_out" | wc -l)" = 1 ] || fail "$_what: more than one line: $_out"
	note "$_what: $_out"
}

# A process waiting for its ID (no thread, no child).
rm -f "$STATE/go"
nsa-tree --wait "$STATE/go" --hold "$STATE/go" tree >"$STATE/T.out" 2>&1 &
T_JOB=$!
wait_until 30 grep -q '^self pid=' "$STATE/T.out" || fail "tree"
P=$(hostpid_of "--hold $STATE/go tree" nsa-tree) || fail "no host pid"
log_barrier || fail "log barrier"
sets0=$(sets)

refused "uid 1000" "Operation not permitted" nsa-runas 1000 1000 nsauditctl contid set "$P" 5
# A container's root: full capabilities in its own user namespace only.
SERVE=". /nsaudit/lib.sh; . /nsaudit/rules-lib.sh; serve"
wide_container A 100000 "$SERVE A"
run_in A "sleep 1000 & s=\$!; nsauditctl contid set \$s 5; rc=\$?; kill \$s; exit \$rc"
[ "$RC" = 1 ] || fail "A's root: exit $RC: $OUT"
case "$OUT" in *"Operation not permitted (kernel reports: SET_CONTID needs CAP_AUDIT_CONTROL in the initial user namespace)") ;;
*) fail "A's root, its own process: $OUT" ;; esac
note "A's root, for its own process: $OUT"
run_in A "nsauditctl contid set 1 5"
case "$OUT" in *"Operation not permitted (kernel reports: "?*")") ;; *) fail "A's root, its init: $OUT" ;; esac
run_in A "nsauditctl contid get 1"
expect_eq "A's init still has no ID" "$OUT" -1

refused "the unset value" "Invalid argument" nsauditctl contid set "$P" 18446744073709551615
refused "no such pid" "No such process" nsauditctl contid set 4000000 5
# The host's root in a new PID namespace of its own: P is not there.
out=$($UNSHARE -p -f nsauditctl contid set "$P" 5 2>&1)
case "$out" in *"No such process (kernel reports: no such process in the caller's PID namespace)") ;;
*) fail "a host pid from another PID namespace: $out" ;; esac
note "from a new PID namespace: $out"
out=$(sh -c 'exec nsauditctl contid set $$ 5' 2>&1)
case "$out" in *"Operation not permitted (kernel reports: a process cannot give itself a container ID)") ;;
*) fail "own process: $out" ;; esac
refused "a kernel thread" "Operation not permitted" nsauditctl contid set 2 5

# Malformed requests, below the tool.
# SET_CONTID is command 13; NSAUDIT_A_PID 8 (u32), NSAUDIT_A_CONTID 15
# (u64), NSAUDIT_A_CONTID_NAME 19 (a string, at most 255 bytes and a NUL).
N255=$(printf '%0255d' 0 | tr 0 n)
for req in "EINVAL:15:--cmd 13 8:u32=$P" "EINVAL:8:--cmd 13 15:u64=5" \
	"EINVAL::--cmd 13 8:u32=$P 15:u32=5" "ERANGE::--cmd 13 8:u32=0 15:u64=5" \
	"EINVAL::--cmd 13 8:u32=$P 15:u64=5 19:str=" \
	"EINVAL::--cmd 13 8:u32=$P 15:u64=5 19:hex=41" \
	"EINVAL::--cmd 13 8:u32=$P 15:u64=5 19:str=${N255}x"; do
	err=${req%%:*} rest=${req#*:}
	miss=${rest%%:*} req=${rest#*:}
	out=$(nsa-nlreq $req) || fail "nsa-nlreq $req: $out"
	case "$out" in
	"error $err msg=\"\"*") fail "$req: no message: $out" ;;
	"error $err msg=\""?*) ;;
	*) fail "$req: $out" ;;
	esac
	[ -z "$miss" ] || case "$out" in *" miss-type=$miss") ;; *) fail "$req: missing attribute not named: $out" ;; esac
	note "$req: $out"
done

# The tool refuses a bad name before anything is sent.
for bad in "" "${N255}x"; do
	out=$(nsauditctl contid set "$P" 7 --name "$bad" 2>&1)
	rc=$?
	[ "$rc" = 2 ] || fail "name of ${#bad} bytes: exit $rc: $out"
	note "name of ${#bad} bytes: $out"
done
expect_eq "P's ID after the refusals" "$(nsauditctl contid get "$P")" -1

# The longest name the module takes.
nsauditctl contid set "$P" 7 --name "$N255" || fail "the first set"
refused "an ID again" "File exists" nsauditctl contid set "$P" 8
refused "the same ID again" "File exists" nsauditctl contid set "$P" 7
expect_eq "P's ID" "$(nsauditctl contid get "$P")" 7
: >"$STATE/go"
wait_until 60 grep -q '^done' "$STATE/T.out" || fail "tree did not end"
wait $T_JOB
wait_until 30 eval '[ "$(tracked)" = 0 ]' || fail "tracked after the tree: $(tracked)"

# A process with a child, one with threads.
sh -c "sleep 1000 & echo \$! >$STATE/child; wait" &
SH=$!
wait_until 30 test -s "$STATE/child" || fail "no child"
refused "a process with a child" "Device or resource busy" nsauditctl contid set $SH 9
kill "$(cat "$STATE/child")" $SH
nsa-tree threads 3 >"$STATE/thr.out" 2>&1 &
wait_until 30 grep -q '^self pid=' "$STATE/thr.out" || fail "threads"
refused "a process with threads" "Device or resource busy" nsauditctl contid set $! 9
kill $! 2>/dev/null

# The contids limit: one ID; a second process may join it, a new ID not.
nsauditctl set contids 1 || fail "set contids 1"
sleep 1000 &
S1=$!
sleep 1000 &
S2=$!
nsauditctl contid set $S1 21 --name db || fail "S1"
refused "a new ID at the limit" "No space left on device" nsauditctl contid set $S2 22
nsauditctl contid set $S2 21 --name 'web "1"' || fail "S2 joins 21"
expect_eq "S2's ID" "$(nsauditctl contid get $S2)" 21
expect_eq "IDs tracked" "$(tracked)" 1
kill $S1 $S2
wait $S1 $S2
wait_until 30 eval '[ "$(tracked)" = 0 ]' || fail "tracked after the end: $(tracked)"

# GET_CONTID: whoever could read /proc/PID/ns/ (not uid 1000 for root's).
sleep 1000 &
out=$(nsa-runas 1000 1000 nsauditctl contid get $! 2>&1)
case "$out" in "nsauditctl: contid get: Permission denied (kernel reports: "?*")") ;; *) fail "uid 1000 get: $out" ;; esac
note "uid 1000, get of root's process: $out"
kill $!
out=$(nsauditctl contid get 4000000 2>&1)
case "$out" in "nsauditctl: contid get: No such process (kernel reports: "?*")") ;; *) fail "get 4000000: $out" ;; esac

# Exactly the successful sets were logged: P, S1, S2.
log_barrier || fail "log barrier"
expect_eq "op=set records" "$(($(sets) - sets0))" 3
# Each with its name right after old-contid: plain ones quoted, one with a
# space or a quote in hexadecimal ('web "1"').
for want in "$P contid=7 old-contid=-1 name=\"$N255\"" \
	"$S1 contid=21 old-contid=-1 name=\"db\"" \
	"$S2 contid=21 old-contid=-1 name=77656220223122"; do
	expect_eq "op=set opid=${want%% *} with its name" \
		"$(log_since | grep -c " op=set opid=$want ppid=")" 1
done
stop_server A
wait
