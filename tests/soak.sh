#!/bin/bash
# make soak (not in make check): on a debug kernel (KASAN, lockdep,
# kmemleak, DEBUG_ATOMIC_SLEEP; NSAUDIT_DEBUG_LANE, debug-6.12 or debug
# for 6.1's, for both the fuzzer's lane and the attacks'), the genetlink
# fuzzer at SOAK_FUZZ messages
# (10^6) as root and from an unprivileged user namespace, in two VMs side
# by side, then the attack scenarios and the rules differential test
# (rules-diff at SOAK_DIFF_RULES rules, 1000, a new seed each round) in a
# loop for SOAK_SECS seconds (1800; SOAK_SCENARIOS, comma-separated, names
# others). About 80 minutes
# on two cores under emulation. Logs in $NSAUDIT_BUILD/soak/ (default
# build/soak/).
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
build=${NSAUDIT_BUILD:-$top/build}/soak
fuzz=${SOAK_FUZZ:-1000000}
secs=${SOAK_SECS:-1800}
"$here/host-deps.sh" || exit 1
mkdir -p "$build"
start=$(date +%s)
failed=0

# The fuzzer sends ~200 messages a second on the debug kernel under
# emulation: its bound grows with the count.
fuzz_lane() {
	NSAUDIT_BUILD=$build/$1 NSAUDIT_DKMS=0 \
		NSAUDIT_VM_APPEND="nsatest.fuzz=$fuzz nsatest.fuzz_who=$1" \
		NSAUDIT_VM_TIMEOUT=$((fuzz / 50 + 1800)) \
		"$here/vm/run-lane.sh" fuzz genl-fuzz >"$build/$1.log" 2>&1
}
fuzz_lane root &
root_pid=$!
fuzz_lane user &
user_pid=$!
wait "$root_pid" || failed=$((failed + 1))
wait "$user_pid" || failed=$((failed + 1))
grep -h -e '^run-lane' -e 'nsa-fuzz: sent' "$build/root.log" "$build/user.log"

NSAUDIT_BUILD=$build/attacks NSAUDIT_DKMS=0 \
	NSAUDIT_VM_APPEND="nsatest.soak=$secs nsatest.diff_rules=${SOAK_DIFF_RULES:-1000}${SOAK_SCENARIOS:+ nsatest.soak_scenarios=$SOAK_SCENARIOS}" \
	NSAUDIT_VM_TIMEOUT=$((secs * 2 + 1800)) \
	"$here/vm/run-lane.sh" "${NSAUDIT_DEBUG_LANE:-debug-6.12}" soak >"$build/attacks.log" 2>&1 || failed=$((failed + 1))
grep -h -e '^run-lane' -e 'rounds of' -e '^FAIL' "$build/attacks.log"

echo "soak: $(($(date +%s) - start)) s, $failed failed"
[ "$failed" = 0 ]
