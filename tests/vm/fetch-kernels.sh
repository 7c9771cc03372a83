#!/bin/bash
# Fetch Debian kernels (image, modules and headers) into a cache without
# touching the host: apt-get download + dpkg-deb -x, no maintainer scripts,
# no initramfs or bootloader hooks.
#
# Usage: fetch-kernels.sh CACHE_DIR [SUITE/]FLAVOUR...
#   FLAVOUR: amd64, rt-amd64. Without SUITE, the host's own apt sources
#   (Debian 12: 6.1). With one (bookworm-backports, trixie,
#   trixie-backports, sid), a private apt configuration under
#   CACHE_DIR/apt/SUITE that names that suite alone; the host's sources
#   are never changed.
# Prints one line per argument: FLAVOUR KVER ROOT (FLAVOUR as given), where
# ROOT holds boot/vmlinuz-KVER, lib/modules/KVER and
# usr/src/linux-headers-KVER (ready for "make -C ... M=...").
set -euo pipefail
cache=${1:?usage: fetch-kernels.sh CACHE_DIR [SUITE/]FLAVOUR...}
shift
mkdir -p "$cache/debs"
# One fetch at a time per cache: lanes started together share apt's lists
# and the download directory.
exec 9>"$cache/.fetch-kernels.lock"
flock 9
# The mirror the host's apt uses, for the other suites (asked for when
# one is named), and their private apt configurations.
. "$(dirname "$0")/debian-mirror.sh"

# kernel_debs KVER: the packages that make up kernel KVER: image and headers,
# and what they depend on of the kernel's own (headers common to the
# flavours, kbuild tools; 7.x's image is split in binary and base).
kernel_debs() {
	local kver=$1
	echo "linux-image-$kver linux-headers-$kver"
	apt-cache depends "linux-image-$kver" "linux-headers-$kver" 2>/dev/null |
		sed -n "s/^ *|\{0,1\}Depends: \(linux-\(headers\|kbuild\|binary\)-[^ ]*\)$/\1/p; s/^ *Depends: \(linux-base-[0-9][^ ]*\)$/\1/p" |
		grep -v -e '-unsigned$' | sort -u
}

for spec in "$@"; do
	case "$spec" in
	*/*) suite=${spec%%/*} flavour=${spec#*/}
	     APT_CONFIG=$(private_apt "$cache" "$suite" fetch-kernels) || exit 1
	     export APT_CONFIG ;;
	*) suite= flavour=$spec
	   unset APT_CONFIG ;;
	esac
	# The metapackage names the current kernel: linux-image-KVER.
	kver=$(apt-cache depends "linux-image-$flavour" 2>/dev/null |
		sed -n "s/.*Depends: linux-image-\([0-9][^ ]*-$flavour\)\$/\1/p" | head -n 1)
	[ -n "$kver" ] || { echo "fetch-kernels: cannot resolve linux-image-$flavour${suite:+ in $suite} (apt-get update?)" >&2; exit 1; }
	root=$cache/kernel-$kver
	if [ ! -f "$root/.done" ]; then
		pkgs=$(kernel_debs "$kver")
		# linux-binary-KVER depends on linux-base-KVER (7.x).
		for p in $pkgs; do
			case "$p" in linux-binary-*) pkgs="$pkgs $(kernel_debs "$kver" | grep -x "linux-base-$kver" || true)" ;; esac
		done
		pkgs=$(echo $pkgs | tr ' ' '\n' | sort -u | tr '\n' ' ')
		(cd "$cache/debs" && apt-get download -q $pkgs >/dev/null 2>&1) ||
			{ echo "fetch-kernels: cannot download $pkgs" >&2; exit 1; }
		rm -rf "$root"
		mkdir -p "$root"
		for p in $pkgs; do
			deb=$(ls -t "$cache/debs/${p}_"*.deb | head -n 1)
			dpkg-deb -x "$deb" "$root"
		done
		# 7.x keeps the image beside its modules, under /usr.
		if [ -d "$root/usr/lib/modules/$kver" ] && [ ! -e "$root/lib/modules" ]; then
			mkdir -p "$root/lib"
			ln -s ../usr/lib/modules "$root/lib/modules"
		fi
		if [ ! -f "$root/boot/vmlinuz-$kver" ] && [ -f "$root/usr/lib/modules/$kver/vmlinuz" ]; then
			mkdir -p "$root/boot"
			ln -s ../usr/lib/modules/$kver/vmlinuz "$root/boot/vmlinuz-$kver"
		fi
		[ -f "$root/boot/vmlinuz-$kver" ] || { echo "fetch-kernels: no kernel image in $pkgs" >&2; exit 1; }
		hdr=$root/usr/src/linux-headers-$kver
		# The flavour's Makefile names the common tree (and, from 7.x,
		# its own output directory) by absolute paths, and scripts/ and
		# tools/ may be absolute links into linux-kbuild: point all of
		# them into this root.
		sed -i "s|/usr/src/|$root/usr/src/|" "$hdr/Makefile"
		for d in "$hdr" "$root"/usr/src/linux-headers-*-common*; do
			for l in scripts tools; do
				t=$(readlink "$d/$l" 2>/dev/null || true)
				case "$t" in /*) ln -sfn "$root$t" "$d/$l" ;; esac
			done
		done
		# Index the modules, for the auditd lane's virtio and ext4 ones.
		depmod -b "$root" "$kver"
		touch "$root/.done"
	fi
	echo "$spec $kver $root"
done
