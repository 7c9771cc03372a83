#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The spec check: first prove the checker can fail (selftest.sh), then
# check the real Documentation/netlink/specs/nsaudit.yaml against
# include/uapi/linux/nsaudit.h. Ends with "spec: OK" or exits non-zero.
#
# NSAUDIT_GENETLINK_SCHEMA=FILE also validates the spec against the
# kernel's Documentation/netlink/genetlink.yaml (needs python3-jsonschema).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

# Debian's python with Debian's python3-yaml, whatever python is first in PATH.
if ! /usr/bin/python3 -c 'import yaml' 2>/dev/null; then
	echo "spec: FAILED: /usr/bin/python3 lacks yaml; apt-get install python3-yaml" >&2
	exit 1
fi

"$here/selftest.sh" || { echo "spec: FAILED (the checker's self-test)"; exit 1; }

args=()
if [ -n "${NSAUDIT_GENETLINK_SCHEMA:-}" ]; then
	args=(--schema "$NSAUDIT_GENETLINK_SCHEMA")
fi
/usr/bin/python3 "$here/check-spec.py" "${args[@]}" || { echo "spec: FAILED"; exit 1; }
echo "spec: OK"
