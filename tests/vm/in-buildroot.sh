#!/bin/bash
# Run a command inside a build root (build-buildroot.sh) with host
# directories visible at their own paths: a private mount namespace binds
# each DIR into the root and mounts /proc (objtool reads it), so nothing
# stays mounted afterwards, whatever happens.
#
# Usage: in-buildroot.sh ROOT DIR... -- CMD [ARG...]
set -euo pipefail
root=${1:?usage: in-buildroot.sh ROOT DIR... -- CMD...}
shift
dirs=()
while [ $# -gt 0 ] && [ "$1" != -- ]; do
	dirs+=("$(cd "$1" && pwd -P)")
	shift
done
[ "${1:-}" = -- ] && shift
[ $# -gt 0 ] || { echo "in-buildroot: no command" >&2; exit 2; }
exec unshare -m --propagation private bash -c '
	set -e
	root=$1; n=$2; shift 2
	for ((i = 0; i < n; i++)); do
		mkdir -p "$root$1"
		mount --bind "$1" "$root$1"
		shift
	done
	mount -t proc proc "$root/proc"
	exec chroot "$root" "$@"
' in-buildroot "$root" "${#dirs[@]}" "${dirs[@]}" "$@"
