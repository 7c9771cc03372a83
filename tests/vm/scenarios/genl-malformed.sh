# Malformed requests to the family (missing, mistyped, oversized and
# unknown attributes, wrong version, reserved bits, dump flags on do-only
# operations) are refused with the right errno (EINVAL, ERANGE, EOPNOTSUPP), with an extended ACK
# message wherever the module or the netlink core gives one, and change
# nothing: the settings stay, no CONFIG_CHANGE record is logged.
nsa_load

# Attribute numbers, from the UAPI header: top level, then LIMITS's nest.
A_VERSION_MAJOR=2 A_ENRICH=5 A_LIMITS=7 A_PID=8 A_NSID=9 A_BACKLOG=10
C_REGISTER=5 C_UNREGISTER=6 C_RECORD=7 C_LOST=8
L_DAEMONS=1 L_QUEUE=2 L_RULES=3 L_USER_DAEMONS=7 L_USER_MEMORY=8 L_DAEMON_MEMORY=9
L_BEYOND=10	# one past NSAUDIT_LIMIT_A_MAX (1.5)

settings() { nsauditctl status | grep -E '^(enrich|daemons|queue|rules|backlog|memory|contids|user_daemons|user_memory|daemon_memory) '; }
nsets() { log_barrier && records CONFIG_CHANGE | grep -c ' op=nsaudit-set '; }
before=$(settings) || fail "status: $(nsauditctl status 2>&1)"
sets_before=$(nsets)

sleep 600 &
LIVE=$!

# refuse ERRNO MSG -- NSA-NLREQ-ARGS...: the answer is "error ERRNO ...";
# MSG is a substring the extack message must contain ("-" for none: only
# where the netlink core answers without one, see README Limits).
refuse() {
	_errno=$1 _msg=$2
	shift 3
	_out=$(nsa-nlreq "$@") || fail "nsa-nlreq $*: exit $? ($_out)"
	case "$_out" in
	"error $_errno msg=\"\""*)
		[ "$_msg" = - ] || fail "$*: no extack message: $_out" ;;
	"error $_errno msg=\""*"$_msg"*)
		[ "$_msg" != - ] || fail "$*: unexpected message: $_out" ;;
	*) fail "$*: want error $_errno with '$_msg', got: $_out" ;;
	esac
	_args=$*
	[ ${#_args} -le 100 ] || _args="$(echo "$_args" | cut -c 1-100)..."
	note "$_errno ${_out#error $_errno }: $_args"
}

# Missing attributes.
refuse EINVAL "needs NSAUDIT_A_ENRICH, NSAUDIT_A_SHARE or NSAUDIT_A_LIMITS" -- --cmd set
refuse EINVAL "NSAUDIT_A_LIMITS is empty" -- --cmd set $A_LIMITS:nest=[ ]
refuse EINVAL "needs NSAUDIT_A_PID" -- --cmd get-nsid
# Mistyped: wrong width, a nest where a scalar belongs and vice versa.
refuse EINVAL "invalid attribute length" -- --cmd set $A_ENRICH:u32=1
refuse EINVAL "invalid attribute length" -- --cmd set $A_LIMITS:nest=[ $L_QUEUE:u64=8192 ]
refuse EINVAL "invalid attribute length" -- --cmd get-nsid $A_PID:u64=1
refuse EINVAL "invalid attribute length" -- --cmd get-nsid $A_PID:u16=1
refuse EINVAL "NLA_F_NESTED is missing" -- --cmd set $A_LIMITS:nestraw=[ $L_QUEUE:u32=8192 ]
refuse EINVAL "NLA_F_NESTED not expected" -- --cmd set 0x8005:u8=1
refuse ERANGE "integer out of range" -- --cmd set $A_ENRICH:u8=2
# Out of range (the netlink core's errno for it is ERANGE) and oversized.
refuse ERANGE "integer out of range" -- --cmd set $A_LIMITS:nest=[ $L_QUEUE:u32=15 ]
refuse ERANGE "integer out of range" -- --cmd set $A_LIMITS:nest=[ $L_QUEUE:u32=1048577 ]
refuse ERANGE "integer out of range" -- --cmd set $A_LIMITS:nest=[ $L_DAEMONS:u32=4097 ]
refuse ERANGE "integer out of range" -- --cmd set $A_LIMITS:nest=[ $L_RULES:u32=65537 ]
refuse ERANGE "integer out of range" -- --cmd set $A_LIMITS:nest=[ $L_USER_DAEMONS:u32=4097 ]
refuse ERANGE "integer out of range" -- --cmd set $A_LIMITS:nest=[ $L_USER_MEMORY:u32=63 ]
refuse ERANGE "integer out of range" -- --cmd set $A_LIMITS:nest=[ $L_DAEMON_MEMORY:u32=16777217 ]
refuse ERANGE "integer out of range" -- --cmd get-nsid $A_PID:u32=0
refuse ERANGE "integer out of range" -- --cmd get-nsid $A_PID:u32=4194305
refuse EINVAL "invalid attribute length" -- --cmd set $A_ENRICH:hex=$(printf '%02048d' 0)
refuse EINVAL "invalid attribute length" -- --cmd set $A_LIMITS:nest=[ $L_RULES:hex=$(printf '%0512d' 0) ]
# A valid SET carrying one bad attribute is refused whole.
refuse ERANGE "integer out of range" -- --cmd set $A_ENRICH:u8=0 $A_LIMITS:nest=[ $L_DAEMONS:u32=1 $L_QUEUE:u32=3 ]
# Unknown attributes: beyond the family's, beyond the nest's, and known
# ones the operation does not take.
refuse EINVAL "Unknown attribute type" -- --cmd set 99:u32=1
refuse EINVAL "Unknown attribute type" -- --cmd set $A_LIMITS:nest=[ $L_BEYOND:u32=1 ]
refuse EINVAL "Unsupported attribute" -- --cmd set $A_VERSION_MAJOR:u32=1
refuse EINVAL "Unsupported attribute" -- --cmd get-nsid $A_PID:u32=$LIVE $A_NSID:nest=[ ]
refuse EINVAL "Unknown attribute type" -- --cmd get-status 2:u32=1
# Trailing garbage after the attributes, and an attribute cut short.
refuse EINVAL "bytes leftover after parsing attributes" -- --cmd get-nsid --raw-tail 0102 $A_PID:u32=$LIVE
refuse EINVAL "bytes leftover after parsing attributes" -- --cmd set --raw-tail 0500 $A_ENRICH:u8=1
# Wrong interface version, and reserved header bits or flags.
refuse EINVAL "interface major version" -- --cmd set --version 0 $A_ENRICH:u8=0
refuse EINVAL "interface major version" -- --cmd get-nsid --version 2 $A_PID:u32=$LIVE
refuse EINVAL "genlmsghdr.reserved field is not 0" -- --cmd get-nsid --reserved 1 $A_PID:u32=$LIVE
refuse EINVAL "ambiguous or reserved bits set in nlmsg_flags" -- --cmd set --flags ack,replace $A_ENRICH:u8=0
# Do-only operations and unknown commands: the genetlink core refuses them
# before the module sees them, without a message of its own.
refuse EOPNOTSUPP - -- --cmd get-status --flags dump
refuse EOPNOTSUPP - -- --cmd set --flags dump $A_ENRICH:u8=0
refuse EOPNOTSUPP - -- --cmd get-nsid --flags dump $A_PID:u32=$LIVE
refuse EOPNOTSUPP - -- --cmd config-ntf
refuse EOPNOTSUPP - -- --cmd 200
refuse EOPNOTSUPP - -- --cmd 0
# Daemon commands: malformed registrations, and the messages only the
# module sends.
refuse EINVAL "invalid attribute length" -- --cmd $C_REGISTER $A_BACKLOG:u64=16
refuse ERANGE "integer out of range" -- --cmd $C_REGISTER $A_BACKLOG:u32=15
refuse EINVAL "Unsupported attribute" -- --cmd $C_REGISTER $A_PID:u32=1
refuse EINVAL "interface major version" -- --cmd $C_REGISTER --version 0
refuse EINVAL "Unknown attribute type" -- --cmd $C_UNREGISTER $A_BACKLOG:u32=16
refuse EOPNOTSUPP - -- --cmd $C_REGISTER --flags dump
refuse EOPNOTSUPP - -- --cmd $C_RECORD
refuse EOPNOTSUPP - -- --cmd $C_LOST

# GET_STATUS answers every version, so a client can learn ours; a correct
# GET_NSID still works after all of the above.
for v in 0 1 2 255; do
	out=$(nsa-nlreq --show --cmd get-status --version $v) || fail "get-status v$v"
	echo "$out" | grep -q '^version-major=1$' || fail "get-status v$v: $out"
done
out=$(nsa-nlreq --show --cmd get-nsid $A_PID:u32=$LIVE) || fail "get-nsid"
echo "$out" | grep -q "^pid=$LIVE\$" || fail "get-nsid: $out"
expect_eq "nsid" "$(nsauditctl nsid $LIVE)" "$(nsid_truth $LIVE)"

expect_eq "settings after refused requests" "$(settings)" "$before"
expect_eq "nsaudit-set records" "$(nsets)" "$sets_before"

# The tool refuses an out-of-range value itself: usage exit 2, one line
# naming the range, nothing sent (settings still as before).
err=$(nsauditctl set queue 15 2>&1)
rc=$?
[ $rc = 2 ] || fail "out-of-range set: exit $rc, want 2: $err"
[ "$(echo "$err" | wc -l)" = 1 ] || fail "out-of-range set: not one line: $err"
case "$err" in *"16 to 1048576"*) ;; *) fail "out-of-range set: no range in: $err" ;; esac
expect_eq "settings after the tool's refusal" "$(settings)" "$before"
kill $LIVE
wait $LIVE 2>/dev/null
true
