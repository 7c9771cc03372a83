#!/bin/bash
# Build a Debian root to build modules in, for kernels whose kbuild tools
# (fixdep, modpost, objtool) need a newer C library than the host's: the
# 7.x headers from trixie-backports need trixie's. debootstrap (minbase)
# with the suite's compiler and what Kbuild runs; cached. The guest
# programs of a lane whose root file system is of that suite are built
# there too (run-lane.sh), against its libraries.
#
# Usage: build-buildroot.sh CACHE_DIR SUITE
# Prints the root's path, and nothing else, on standard output.
set -euo pipefail
cache=${1:?usage: build-buildroot.sh CACHE_DIR SUITE}
suite=${2:?usage: build-buildroot.sh CACHE_DIR SUITE}
case "$suite" in
# Kbuild's needs, and the static guest programs' (build-guest.sh) for
# the auditd-trixie lane, linked against Debian 13's libaudit (and the
# OCI hook's json-c).
trixie) include=gcc-14,make,libc6-dev,libelf-dev,libssl-dev,pahole,bc,bison,flex,kmod,python3,gcc,pkg-config,libaudit-dev,libcap-ng-dev,libnl-genl-3-dev,libjson-c-dev ;;
*) echo "build-buildroot: no build root known for $suite (trixie)" >&2; exit 2 ;;
esac
key=$(echo "$include v1" | sha256sum | cut -c1-8)
root=$cache/buildroot-$suite-$key
mkdir -p "$cache"
# One build at a time: lanes started together may both need the root.
exec 9>"$cache/.buildroot-$suite.lock"
flock 9
if [ -f "$root/.done" ]; then
	echo "$root"
	exit 0
fi
. "$(dirname "$0")/debian-mirror.sh"
mirror=$(debian_mirror build-buildroot) || exit 1
mkdir -p "$cache"
rm -rf "$root"
echo "build-buildroot: debootstrap $suite from $mirror" >&2
debootstrap --variant=minbase --include="$include" "$suite" "$root" "$mirror" \
	>"$cache/buildroot-$suite.log" 2>&1 ||
	{ tail -n 20 "$cache/buildroot-$suite.log" >&2; rm -rf "$root"; exit 1; }
touch "$root/.done"
echo "$root"
