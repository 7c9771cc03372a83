#!/bin/bash
# make bench: the module's cost, as ratios measured in one VM run (auditd
# lane, Debian's generic kernel): loaded over not loaded, interleaved rounds,
# medians.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
"$here/host-deps.sh"
"$here/vm/run-lane.sh" auditd bench
