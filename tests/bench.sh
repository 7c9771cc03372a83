#!/bin/bash
# make bench: the module's cost, as ratios measured in one VM run (auditd
# lane, Debian's generic kernel): loaded over not loaded, interleaved rounds,
# medians.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
"$here/host-deps.sh"
# Guest time counts instructions (QEMU -icount, one CPU): under emulation
# wall-clock time per call moved by up to 50 % between rounds of the same
# build (host load, the other vCPU); instruction time repeats within 1 %.
# It weighs every instruction alike, which real CPUs do not: the ratios are
# those of work done, not of cycles.
export NSAUDIT_VM_SMP=${NSAUDIT_VM_SMP:-1}
export NSAUDIT_VM_ICOUNT=${NSAUDIT_VM_ICOUNT-shift=0,sleep=on}
# The rounds take 10 to 40 minutes under emulation, more beside another VM.
NSAUDIT_VM_TIMEOUT=${NSAUDIT_VM_TIMEOUT:-5400} "$here/vm/run-lane.sh" auditd bench
