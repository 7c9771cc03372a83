#!/bin/bash
# make bench: the module's cost, as ratios measured in one VM run per
# kernel (Debian 12's root file system and auditd): Debian 12's 6.1
# (lane auditd) and bookworm-backports' 6.12 (lane auditd-6.12), side by
# side; loaded over not loaded, interleaved rounds, medians. Prints each
# kernel's table. NSAUDIT_BENCH_LANES names other lanes.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
build=${NSAUDIT_BUILD:-$top/build}
"$here/host-deps.sh" || exit 1
# Guest time counts instructions (QEMU -icount, one CPU): under emulation
# wall-clock time per call moved by up to 50 % between rounds of the same
# build (host load, the other vCPU); instruction time repeats within 1 %.
# It weighs every instruction alike, which real CPUs do not: the ratios are
# those of work done, not of cycles; a VM beside it changes its wall time,
# not its counts.
export NSAUDIT_VM_SMP=${NSAUDIT_VM_SMP:-1}
export NSAUDIT_VM_ICOUNT=${NSAUDIT_VM_ICOUNT-shift=0,sleep=on}
lanes=${NSAUDIT_BENCH_LANES:-"auditd auditd-6.12"}
# Ready each lane's kernel and root first, one after the other.
for lane in $lanes; do
	(here=$here/vm; cache=${NSAUDIT_CACHE:-/var/cache/nsaudit}; . "$here/lanes.sh"; lane_kernel "$lane" >/dev/null) ||
		{ echo "bench: lane $lane could not be made ready"; exit 1; }
done
# The guest programs once, before the lanes that share them run side by
# side (two builds of one directory at once trip over each other's files).
"$here/vm/build-guest.sh" "$build/vm/guest" >/dev/null ||
	{ echo "bench: the guest programs failed to build"; exit 1; }
declare -A pid_of
for lane in $lanes; do
	mkdir -p "$build/bench"
	# The rounds take 10 to 40 minutes under emulation, more beside
	# another VM.
	NSAUDIT_VM_TIMEOUT=${NSAUDIT_VM_TIMEOUT:-5400} NSAUDIT_DKMS=0 \
		"$here/vm/run-lane.sh" "$lane" bench >"$build/bench/$lane.log" 2>&1 &
	pid_of[$lane]=$!
done
failed=0
for lane in $lanes; do
	wait "${pid_of[$lane]}" || failed=1
	echo "=== bench on lane $lane"
	cat "$build/bench/$lane.log"
done
exit $failed
