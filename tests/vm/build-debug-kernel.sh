#!/bin/bash
# Build the debug kernel lanes (KASAN, lockdep, DEBUG_ATOMIC_SLEEP,
# kmemleak, UBSAN) from Debian's own kernel source: linux-source-6.1 (the
# host's, Debian 12) or linux-source-6.12 (Debian 13's, fetched through a
# private apt configuration), into a cache keyed by the source package
# version, the config fragment and the recipe below, so that only the
# first run pays for the build (about 8 minutes on 2 cores).
#
# Usage: build-debug-kernel.sh [--config-only] CACHE_DIR [6.1|6.12]
# Prints the build directory (bzImage and a tree to build modules against
# in its linux-source-VERSION), and nothing else, on standard output. With
# --config-only it stops once the configuration is made and checked, and
# prints the .config's path (about a minute: what make check's cold-cache
# step runs).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
config_only=0
if [ "${1:-}" = --config-only ]; then
	config_only=1
	shift
fi
cache=${1:?usage: build-debug-kernel.sh [--config-only] CACHE_DIR [6.1|6.12]}
ver=${2:-6.1}
case "$ver" in
6.1)
	tarball=/usr/src/linux-source-6.1.tar.xz
	[ -f "$tarball" ] || { echo "build-debug-kernel: $tarball missing (apt-get install linux-source-6.1)" >&2; exit 1; }
	srcver=$(dpkg-query -W -f '${Version}' linux-source-6.1)
	;;
6.12)
	# Debian 13's source package, unpacked into the cache (never
	# installed on the host).
	. "$here/debian-mirror.sh"
	mkdir -p "$cache/debs"
	exec 9>"$cache/.fetch-kernels.lock"
	flock 9
	APT_CONFIG=$(private_apt "$cache" trixie build-debug-kernel) || exit 1
	export APT_CONFIG
	srcver=$(apt-cache show --no-all-versions linux-source-6.12 2>/dev/null | sed -n 's/^Version: //p')
	[ -n "$srcver" ] || { echo "build-debug-kernel: no linux-source-6.12 in trixie" >&2; exit 1; }
	tarball=$cache/linux-source-$srcver/usr/src/linux-source-6.12.tar.xz
	if [ ! -f "$tarball" ]; then
		(cd "$cache/debs" && apt-get download -q "linux-source-6.12=$srcver" >/dev/null 2>&1) ||
			{ echo "build-debug-kernel: cannot download linux-source-6.12 $srcver" >&2; exit 1; }
		rm -rf "$cache/linux-source-$srcver"
		dpkg-deb -x "$cache/debs/linux-source-6.12_${srcver}_all.deb" "$cache/linux-source-$srcver"
	fi
	exec 9>&-
	;;
*) echo "build-debug-kernel: no debug kernel of $ver (6.1, 6.12)" >&2; exit 1 ;;
esac

# Bump when the steps below change what is built; comments and messages
# need no rebuild.
recipe=2
# The fragment every version takes, and the version's own if it has one.
frags=$here/debug-kernel.config
[ -f "$here/debug-kernel-$ver.config" ] && frags="$frags $here/debug-kernel-$ver.config"
key=$( (cat $frags; echo "recipe $recipe") | sha256sum | cut -c1-12)
if [ "$config_only" = 1 ]; then
	out=$cache/debug-config-$srcver-$key
else
	out=$cache/debug-$srcver-$key
fi
mkdir -p "$cache"
# One build at a time: the lanes that share a debug kernel are made ready
# together (run-all.sh).
exec 8>"$cache/.debug-kernel-$ver.lock"
flock 8
if [ -f "$out/.done" ]; then
	if [ "$config_only" = 1 ]; then echo "$out/linux-source-$ver/.config"; else echo "$out"; fi
	exit 0
fi

mkdir -p "$cache"
log=$cache/debug-build.log
[ "$config_only" = 1 ] && log=$cache/debug-config.log
echo "build-debug-kernel: building $out (log: $log)" >&2
rm -rf "$out"
mkdir -p "$out"
tar -C "$out" -xf "$tarball"
src=$out/linux-source-$ver
{
	make -C "$src" tinyconfig
	KCONFIG_CONFIG=$src/.config "$src/scripts/kconfig/merge_config.sh" -m -O "$src" \
		"$src/.config" "$src/kernel/configs/kvm_guest.config" $frags
	make -C "$src" olddefconfig
} >"$log" 2>&1 || { tail -n 20 "$log" >&2; exit 1; }

# Every option we asked for must have stuck (Kconfig silently drops options
# whose dependencies are not met).
missing=0
while read -r line; do
	case "$line" in
	CONFIG_*=*)
		grep -qx "$line" "$src/.config" || { echo "build-debug-kernel: $line did not stick" >&2; missing=1; } ;;
	"# CONFIG_"*" is not set")
		opt=${line#\# }; opt=${opt%% *}
		! grep -q "^$opt=" "$src/.config" || { echo "build-debug-kernel: $opt should be off" >&2; missing=1; } ;;
	esac
done < <(cat $frags)
[ "$missing" = 0 ] || exit 1

if [ "$config_only" = 1 ]; then
	touch "$out/.done"
	echo "$src/.config"
	exit 0
fi
if ! make -C "$src" -j"$(nproc)" bzImage modules >>"$log" 2>&1; then
	tail -n 40 "$log" >&2
	exit 1
fi
touch "$out/.done"
echo "$out"
