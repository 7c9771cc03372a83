#!/bin/bash
# make demo: boots Debian's kernel with Debian's auditd in QEMU, loads
# nsaudit (built and installed with DKMS), and shows the records of the same
# command run on the host and in a container of new namespaces.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
"$here/host-deps.sh"
echo "demo: building and booting (the first run fetches kernels and a Debian root file system)..."
"$here/vm/run-lane.sh" auditd demo
