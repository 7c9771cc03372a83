#!/bin/bash
# Run VM scenarios on one kernel lane and judge the run.
#
# Usage: run-lane.sh LANE SCENARIO...
#   LANE: generic (Debian amd64), rt (Debian rt-amd64), debug and
#   debug-6.12 (KASAN, lockdep, DEBUG_ATOMIC_SLEEP, kmemleak, UBSAN; built
#   from Debian 12's and 13's linux-source), and the others of lanes.sh
# Environment: NSAUDIT_CACHE (default /var/cache/nsaudit), NSAUDIT_BUILD
# (default build/ in the source tree), NSAUDIT_VM_TIMEOUT (seconds; the
# lane's own bound by default), NSAUDIT_VM_SMP (vCPUs, 2), NSAUDIT_VM_ICOUNT
# (QEMU -icount options: guest time counts instructions; the benchmark's),
# NSAUDIT_VM_APPEND (more kernel command line: nsatest.* settings of the
# scenarios, e.g. make soak's).
#
# A run passes only if the guest reported success through the exit port
# AND the serial log has no splat. Logs stay in $NSAUDIT_BUILD/vm/LANE/.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
lane=${1:?usage: run-lane.sh LANE SCENARIO...}
shift
[ $# -gt 0 ] || { echo "run-lane: no scenario named" >&2; exit 2; }
cache=${NSAUDIT_CACHE:-/var/cache/nsaudit}
build=${NSAUDIT_BUILD:-$top/build}
out=$build/vm/$lane
mkdir -p "$out"

. "$here/lanes.sh"
lane_kernel "$lane"	# sets KVER KIMAGE KDIR MEM DKMS ROOTFS ROOTMODS GUESTROOT CPU

guest=$build/vm/guest
if [ -n "$GUESTROOT" ]; then
	# Linked against the root file system's release's libraries.
	guest=$build/vm/guest-$(basename "$GUESTROOT")
	mkdir -p "$guest"
	guest=$(cd "$guest" && pwd -P)	# its path in the root (in-buildroot.sh)
	"$here/in-buildroot.sh" "$GUESTROOT" "$top" "$guest" -- "$here/build-guest.sh" "$guest" >/dev/null
else
	"$here/build-guest.sh" "$guest" >/dev/null
fi
mods=$(BUILDROOT=$BUILDROOT DKMSROOT=$DKMSROOT "$here/build-modules.sh" "$KDIR" "$KVER" "$DKMS" "$out")

"$here/mkinitramfs.sh" "$out/initramfs.cpio.gz" "$KVER" "$guest" $mods $ROOTMODS

disk=()
# slab_nomerge: the module's own slab caches stay apart in /sys/kernel/slab,
# where the tests read what they hold.
append="console=ttyS0 audit=1 panic_on_warn=1 oops=panic panic=-1 slab_nomerge nsatest.lane=$lane${NSAUDIT_VM_APPEND:+ $NSAUDIT_VM_APPEND}"
if [ -n "$ROOTFS" ]; then
	# snapshot=on: the guest's writes go to a temporary overlay.
	disk=(-drive "file=$ROOTFS,if=virtio,format=raw,snapshot=on")
	append="$append nsatest.root=/dev/vda"
	[ -z "$INIT" ] || append="$append nsatest.init=$INIT"
fi

scen=$(IFS=,; echo "$*")
log=$out/serial.log
echo "run-lane: $lane ($KVER): $*"
start=$(date +%s)
set +e
timeout "${NSAUDIT_VM_TIMEOUT:-$TIMEOUT}" qemu-system-x86_64 -accel "tcg,thread=${NSAUDIT_VM_TCG_THREAD:-single}" -cpu "$CPU" -smp "${NSAUDIT_VM_SMP:-2}" -m "$MEM" \
	${NSAUDIT_VM_ICOUNT:+-icount "$NSAUDIT_VM_ICOUNT"} \
	-nographic -no-reboot -monitor none -serial "file:$log" \
	-device isa-debug-exit,iobase=0xf4,iosize=0x04 \
	-kernel "$KIMAGE" -initrd "$out/initramfs.cpio.gz" "${disk[@]}" \
	-append "$append nsatest.scenarios=$scen"
rc=$?
set -e
secs=$(($(date +%s) - start))
grep -E '^(=== |FAIL|  |nsaudit-vm)' "$log" || true
"$here/check-log.sh" "$log" "$rc" "$lane" "$secs"
