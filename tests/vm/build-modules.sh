#!/bin/bash
# Build the modules one lane tests and print their mkinitramfs specs
# (PATH.ko=RELDIR). On the Debian lanes nsaudit.ko comes from a real DKMS
# install against the installed linux-headers package, and goes where DKMS
# put it, so the guest's modprobe finds it as on a real host.
#
# Usage: build-modules.sh KDIR KVER DKMS OUTDIR   (DKMS: 1, 0, or image:
# the lane's root file system brings its own, the test module only here)
# With BUILDROOT set (a build-buildroot.sh root), the builds run inside it.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
kdir=${1:?}; KVER=${2:?}; DKMS=${3:?}; out=${4:?}
kmake() {
	if [ -n "${BUILDROOT:-}" ]; then
		# The kernel tree's root (its Makefiles name it by absolute
		# path) and the sources, at their own paths inside the root.
		"$here/in-buildroot.sh" "$BUILDROOT" "${kdir%/usr/src/*}" "$out" -- make "$@"
	else
		make "$@"
	fi
}

# Kbuild writes objects beside the sources: build each lane in its own copy.
src=$out/src
rm -rf "$src"
mkdir -p "$src"
cp -r "$top/module" "$top/include" "$src/"
cp -r "$here/testmod" "$src/testmod"
kmake -s -C "$kdir" M="$src/testmod" modules >"$out/build-modules.log" 2>&1 ||
	{ cat "$out/build-modules.log" >&2; exit 1; }
echo "$src/testmod/nsaudit_testgen.ko=extra"

if [ "$DKMS" = image ]; then
	:
elif [ "$DKMS" = 1 ] && [ -n "${DKMSROOT:-}" ]; then
	# In a root of the kernel's own release (run-all.sh installs for
	# every lane's kernel at once, before the lanes run in parallel).
	cache=${NSAUDIT_CACHE:-/var/cache/nsaudit}
	if [ -z "${NSAUDIT_DKMS_DONE:-}" ]; then
		ko=$("$here/build-dkms-root.sh" "$cache" "$DKMSROOT" "$KVER")
	else
		ko=$("$here/build-dkms-root.sh" --installed "$cache" "$DKMSROOT" "$KVER")
	fi
	echo "$ko=updates/dkms"
elif [ "$DKMS" = 1 ]; then
	# run-all.sh installs for every lane's kernel at once, before the
	# lanes run in parallel; a lane run on its own installs for itself.
	if [ -z "${NSAUDIT_DKMS_DONE:-}" ]; then
		make -s -C "$top" dkms-install KVER="$KVER" >>"$out/build-modules.log" 2>&1 ||
			{ cat "$out/build-modules.log" >&2; exit 1; }
	fi
	ko=/lib/modules/$KVER/updates/dkms/nsaudit.ko
	[ -f "$ko" ] || { echo "build-modules: DKMS installed no $ko" >&2; exit 1; }
	echo "$ko=updates/dkms"
else
	kmake -s -C "$src/module" KDIR="$kdir" >>"$out/build-modules.log" 2>&1 ||
		{ cat "$out/build-modules.log" >&2; exit 1; }
	echo "$src/module/nsaudit.ko=extra"
fi
