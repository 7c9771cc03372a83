#!/bin/bash
# Build the test initramfs for one kernel: busybox, the static test
# programs, util-linux unshare/nsenter and auditctl with their libraries,
# the modules to test (placed under /lib/modules/KVER and indexed with
# depmod, so that the guest's modprobe finds them as on a real host), and
# the scenarios.
#
# Usage: mkinitramfs.sh OUT.cpio.gz KVER GUESTBIN_DIR MODULE.ko[=RELPATH]...
#   RELPATH: where under /lib/modules/KVER the module goes (default extra/)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${1:?}; kver=${2:?}; guestbin=${3:?}
shift 3

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
# mktemp made the root 0700: unprivileged test users must get in.
chmod 0755 "$root"
mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,lib,lib64,proc,sys,dev,tmp,run,var/log,etc,nsaudit/bin,lib/modules/$kver}

chmod 1777 "$root/tmp"
cp /bin/busybox "$root/bin/busybox"
for applet in $(/bin/busybox --list); do
	[ "$applet" = busybox ] || ln -sf busybox "$root/bin/$applet"
done
# The kernel's request_module() runs /sbin/modprobe. The Debian root of the
# auditd lane has no busybox: the scenarios run it from /nsaudit/bin.
ln -sf /bin/busybox "$root/sbin/modprobe"

# Dynamic tools from the host, with their libraries and the loader.
copy_dynamic() {
	local bin=$1 lib
	cp "$bin" "$root$bin"
	for lib in $(ldd "$bin" | grep -o '/[^ ]*'); do
		mkdir -p "$root$(dirname "$lib")"
		cp -L "$lib" "$root$lib"
	done
}
for t in /usr/bin/unshare /usr/bin/nsenter /usr/sbin/auditctl; do
	copy_dynamic "$t"
	ln -sf "$t" "$root/nsaudit/bin/$(basename "$t")"
done

cp "$guestbin"/* "$root/nsaudit/bin/"
cp /bin/busybox "$root/nsaudit/bin/busybox"
cp "$here/guest/init" "$root/init"
cp "$here/guest/run.sh" "$here/guest/lib.sh" "$here/guest/rules-lib.sh" "$root/nsaudit/"
mkdir -p "$root/nsaudit/scenarios"
cp "$here"/scenarios/*.sh "$root/nsaudit/scenarios/"
echo "root:x:0:0:root:/root:/bin/sh" >"$root/etc/passwd"
echo "nobody:x:65534:65534:nobody:/:/bin/sh" >>"$root/etc/passwd"
echo "root:x:0:" >"$root/etc/group"

for spec in "$@"; do
	ko=${spec%%=*}
	rel=extra
	[ "$spec" != "$ko" ] && rel=${spec#*=}
	mkdir -p "$root/lib/modules/$kver/$rel"
	cp "$ko" "$root/lib/modules/$kver/$rel/"
done
touch "$root/lib/modules/$kver/"{modules.order,modules.builtin,modules.builtin.modinfo}
depmod -b "$root" "$kver"

(cd "$root" && find . | cpio -o -H newc --quiet | gzip -1) >"$out"
