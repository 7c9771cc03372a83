#!/bin/bash
# Install what building and testing nsaudit needs on a Debian 12 host:
# Debian packages, and the linux-headers packages of Debian's current 6.1
# kernels (amd64 and rt-amd64) that DKMS builds against. Does nothing when
# everything is there; needs root (or sudo) otherwise.
set -euo pipefail
pkgs="build-essential pkg-config kmod bc bison flex libelf-dev libssl-dev
	xz-utils cpio busybox-static qemu-system-x86 e2fsprogs debootstrap
	dkms linux-source-6.1 libnl-3-dev libnl-genl-3-dev libaudit-dev auditd
	check valgrind util-linux python3-yaml groff-base dwarves libjson-c-dev
	debhelper dh-dkms lintian fakeroot"

sudo=
[ "$(id -u)" = 0 ] || sudo=sudo
missing() {
	local p
	for p in "$@"; do
		dpkg-query -W -f '${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || echo "$p"
	done
}

need=$(missing $pkgs)
if [ -n "$need" ]; then
	echo "host-deps: installing" $need >&2
	$sudo apt-get update -q >/dev/null
	$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $need >/dev/null
fi

# Headers of the kernels the VM lanes boot, resolved from the package index.
hdrs=
for flavour in amd64 rt-amd64; do
	abi=$(apt-cache depends "linux-image-$flavour" 2>/dev/null |
		sed -n "s/.*Depends: linux-image-\(6\.1\.0-[0-9]*\)-$flavour\$/\1/p" | head -n 1)
	if [ -z "$abi" ]; then
		$sudo apt-get update -q >/dev/null
		abi=$(apt-cache depends "linux-image-$flavour" |
			sed -n "s/.*Depends: linux-image-\(6\.1\.0-[0-9]*\)-$flavour\$/\1/p" | head -n 1)
	fi
	[ -n "$abi" ] || { echo "host-deps: cannot resolve linux-image-$flavour" >&2; exit 1; }
	hdrs="$hdrs linux-headers-$abi-$flavour"
done
need=$(missing $hdrs)
if [ -n "$need" ]; then
	echo "host-deps: installing" $need >&2
	$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $need >/dev/null
fi
