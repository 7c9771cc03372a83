#!/bin/bash
# Build the Debian root file system of an auditd lane: debootstrap
# (minbase, with auditd and kmod) of Debian 12 (bookworm, auditd 3.0.9) or
# Debian 13 (trixie, auditd 4.0.2), written into an ext4 image with
# mke2fs -d, no loop mount. Cached; the VM opens it with -snapshot, so the
# image itself never changes.
#
# Usage: build-rootfs.sh CACHE_DIR [SUITE]	(SUITE: bookworm, the default, or trixie)
# Prints the image path, and nothing else, on standard output.
set -euo pipefail
cache=${1:?usage: build-rootfs.sh CACHE_DIR [SUITE]}
suite=${2:-bookworm}
case "$suite" in
bookworm | trixie) ;;
*) echo "build-rootfs: no root file system known for $suite (bookworm, trixie)" >&2; exit 2 ;;
esac
include=auditd,kmod
key=$(echo "$include v1" | sha256sum | cut -c1-8)
img=$cache/rootfs-$suite-$key.ext4
mkdir -p "$cache"
# One build at a time: make check readies its lanes at once, and two
# lanes (auditd, auditd-6.12) boot the bookworm root.
exec 9>"$cache/.rootfs-$suite.lock"
flock 9
if [ -f "$img" ]; then
	echo "$img"
	exit 0
fi
# The mirror the host's apt uses; NSAUDIT_MIRROR overrides it.
. "$(dirname "$0")/debian-mirror.sh"
mirror=$(debian_mirror build-rootfs) || exit 1
dir=$(mktemp -d "$cache/rootfs.XXXXXX")
trap 'rm -rf "$dir" "$img.tmp"' EXIT
log=$cache/rootfs-$suite-build.log
echo "build-rootfs: debootstrap $suite from $mirror" >&2
debootstrap --variant=minbase --include="$include" "$suite" "$dir" "$mirror" >"$log" 2>&1 ||
	{ tail -n 20 "$log" >&2; exit 1; }
# Standard output is this script's answer (the image path) and nothing
# else: mke2fs says "Creating regular file" there even with -q.
mke2fs -q -t ext4 -d "$dir" -F "$img.tmp" 1G >>"$log" 2>&1 ||
	{ tail -n 20 "$log" >&2; exit 1; }
mv "$img.tmp" "$img"
echo "$img"
