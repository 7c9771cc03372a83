#!/bin/bash
# Fetch Debian 12's current 6.1 kernels (image, modules and headers) into a
# cache without touching the host: apt-get download + dpkg-deb -x, no
# maintainer scripts, no initramfs or bootloader hooks.
#
# Usage: fetch-kernels.sh CACHE_DIR FLAVOUR...   (FLAVOUR: amd64, rt-amd64)
# Prints one line per flavour: FLAVOUR ABI ROOT, where ROOT holds
# boot/vmlinuz-ABI, lib/modules/ABI and usr/src/linux-headers-ABI (ready for
# "make -C ... M=...").
set -euo pipefail
cache=${1:?usage: fetch-kernels.sh CACHE_DIR FLAVOUR...}
shift
mkdir -p "$cache/debs"

abi_of() {
	# The metapackage names the current ABI: linux-image-6.1.0-NN-FLAVOUR.
	apt-cache depends "linux-image-$1" 2>/dev/null |
		sed -n "s/.*Depends: linux-image-\(6\.1\.0-[0-9]*\)-$1\$/\1/p" | head -n 1
}

for flavour in "$@"; do
	abi=$(abi_of "$flavour")
	[ -n "$abi" ] || { echo "fetch-kernels: cannot resolve the ABI of linux-image-$flavour (apt-get update?)" >&2; exit 1; }
	kver=$abi-$flavour
	root=$cache/kernel-$kver
	if [ ! -f "$root/.done" ]; then
		common=linux-headers-$abi-common
		[ "$flavour" = rt-amd64 ] && common=$common-rt
		pkgs="linux-image-$kver linux-headers-$kver $common linux-kbuild-6.1"
		(cd "$cache/debs" && apt-get download -q $pkgs >/dev/null)
		rm -rf "$root"
		mkdir -p "$root"
		for p in $pkgs; do
			deb=$(ls -t "$cache/debs/${p}_"*.deb | head -n 1)
			dpkg-deb -x "$deb" "$root"
		done
		hdr=$root/usr/src/linux-headers-$kver
		# The flavour's Makefile includes the common tree by an absolute
		# path, and scripts/ and tools/ are links into linux-kbuild: point
		# both into this root.
		sed -i "s|/usr/src/|$root/usr/src/|" "$hdr/Makefile"
		for l in scripts tools; do
			t=$(readlink "$hdr/$l" || true)
			case "$t" in
			/*) ln -sfn "$root$t" "$hdr/$l" ;;
			esac
		done
		for d in "$root/usr/src/$common"; do
			for l in scripts tools; do
				t=$(readlink "$d/$l" 2>/dev/null || true)
				case "$t" in /*) ln -sfn "$root$t" "$d/$l" ;; esac
			done
		done
		# Index the modules, for the auditd lane's virtio and ext4 ones.
		depmod -b "$root" "$kver"
		touch "$root/.done"
	fi
	echo "$flavour $kver $root"
done
