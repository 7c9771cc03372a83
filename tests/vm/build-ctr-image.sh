#!/bin/bash
# Build the root of the containers the podman scenario runs: debootstrap
# (minbase) of a Debian suite with what the nsaudit packages depend on,
# so that deb-root.sh installs the packages into it with dpkg alone (no
# apt lists in an image), without documentation and caches. Written as a
# tarball, which podman imports as an image (no registry). Cached.
#
# Usage: build-ctr-image.sh CACHE_DIR [SUITE]	(SUITE: trixie, the default)
# Prints the tarball's path, and nothing else, on standard output.
set -euo pipefail
cache=${1:?usage: build-ctr-image.sh CACHE_DIR [SUITE]}
suite=${2:-trixie}
case "$suite" in
bookworm | trixie) ;;
*) echo "build-ctr-image: no container image known for $suite (bookworm, trixie)" >&2; exit 2 ;;
esac
# The nsaudit and libnsaudit0 packages' dependencies beyond minbase.
include=kmod,libnl-3-200,libnl-genl-3-200
key=$(echo "$include v1" | sha256sum | cut -c1-8)
tar=$cache/ctrimage-$suite-$key.tar
mkdir -p "$cache"
exec 9>"$cache/.ctrimage-$suite.lock"
flock 9
if [ -f "$tar" ]; then
	echo "$tar"
	exit 0
fi
. "$(dirname "$0")/debian-mirror.sh"
mirror=$(debian_mirror build-ctr-image) || exit 1
dir=$(mktemp -d "$cache/ctrimage.XXXXXX")
trap 'rm -rf "$dir" "$tar.tmp"' EXIT
log=$cache/ctrimage-$suite-build.log
echo "build-ctr-image: debootstrap $suite from $mirror" >&2
debootstrap --variant=minbase --include="$include" "$suite" "$dir" "$mirror" >"$log" 2>&1 ||
	{ tail -n 20 "$log" >&2; exit 1; }
# What a container does not need, and what only makes the import slower.
rm -rf "$dir"/usr/share/doc/* "$dir"/usr/share/man/* "$dir"/usr/share/info/* \
	"$dir"/usr/share/locale/* "$dir"/var/cache/apt/* "$dir"/var/lib/apt/lists/* \
	"$dir"/var/cache/debconf/*-old "$dir"/var/log/*
tar --numeric-owner -C "$dir" -cf "$tar.tmp" . >>"$log" 2>&1 ||
	{ tail -n 20 "$log" >&2; exit 1; }
mv "$tar.tmp" "$tar"
echo "$tar"
