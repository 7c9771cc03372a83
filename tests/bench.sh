#!/bin/bash
# make bench: the module's cost, as ratios measured in one VM run (auditd
# lane, Debian's generic kernel): loaded over not loaded, interleaved rounds,
# medians.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
"$here/host-deps.sh"
# The rounds take 10 to 25 minutes under emulation, more beside another VM.
NSAUDIT_VM_TIMEOUT=${NSAUDIT_VM_TIMEOUT:-3600} "$here/vm/run-lane.sh" auditd bench
