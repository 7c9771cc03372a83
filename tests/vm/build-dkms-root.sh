#!/bin/bash
# The admin's path on a Debian release the host does not run: a root of
# that release (debootstrap minbase, cached) where apt installs dkms and
# each kernel's linux-headers package, as an admin does ("apt install dkms
# linux-headers-$(uname -r)"; trixie-backports' for its kernels), then
# the project's "make dkms-install" builds and installs the module there
# with that release's DKMS and compiler. The root is kept; the DKMS
# install runs every time (it is what is tested).
#
# Usage: build-dkms-root.sh [--installed|--prepare] CACHE_DIR SUITE KVER...
# Prints one line per KVER: the module file DKMS installed for it (under
# the root's /lib/modules/KVER/updates/dkms/, compressed as that kernel's
# configuration asks), and nothing else on standard output. Its log:
# CACHE_DIR/dkmsroot-SUITE.log. With --installed it only prints what an
# earlier run installed (make check installs for every lane at once);
# with --prepare it makes the root and installs dkms and the headers of
# the kernels named (none: dkms alone), prints nothing and stops before
# DKMS (make check prepares while it fetches).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
installed=0
prepare=0
case "${1:-}" in
--installed) installed=1; shift ;;
--prepare) prepare=1; shift ;;
esac
cache=${1:?usage: build-dkms-root.sh CACHE_DIR SUITE KVER...}
suite=${2:?usage: build-dkms-root.sh CACHE_DIR SUITE KVER...}
shift 2
[ $# -gt 0 ] || [ "$prepare" = 1 ] || { echo "build-dkms-root: no kernel named" >&2; exit 2; }
case "$suite" in
trixie) backports=trixie-backports ;;
*) echo "build-dkms-root: no DKMS root known for $suite (trixie)" >&2; exit 2 ;;
esac
# Bump when the root's recipe changes.
recipe=1
root=$cache/dkmsroot-$suite-$recipe
log=$cache/dkmsroot-$suite.log

# installed_ko KVER: the module DKMS installed for KVER in the root.
installed_ko() {
	local ko
	ko=$(ls "$root/lib/modules/$1/updates/dkms/"nsaudit.ko* 2>/dev/null | head -n 1)
	[ -n "$ko" ] || { echo "build-dkms-root: DKMS installed no module for $1 (log: $log)" >&2; return 1; }
	echo "$ko"
}
if [ "$installed" = 1 ]; then
	for k in "$@"; do installed_ko "$k" || exit 1; done
	exit 0
fi

mkdir -p "$cache"
# One at a time: lanes started on their own may both need the root.
exec 9>"$cache/.dkmsroot-$suite.lock"
flock 9
: >"$log"

# in_root CMD...: CMD in the root, with /proc, /dev and the host's resolver
# (apt fetches), in a private mount namespace that ends with it.
in_root() {
	cp /etc/resolv.conf "$root/etc/resolv.conf"
	unshare -m --propagation private bash -c '
		set -e
		root=$1; shift
		mount -t proc proc "$root/proc"
		mount --bind /dev "$root/dev"
		exec chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin \
			DEBIAN_FRONTEND=noninteractive "$@"
	' in_root "$root" "$@"
}

if [ ! -f "$root/.done" ]; then
	. "$here/debian-mirror.sh"
	mirror=$(debian_mirror build-dkms-root) || exit 1
	mirror=${mirror%/}
	echo "build-dkms-root: debootstrap $suite from $mirror" >&2
	rm -rf "$root"
	debootstrap --variant=minbase "$suite" "$root" "$mirror" >>"$log" 2>&1 ||
		{ tail -n 20 "$log" >&2; rm -rf "$root"; exit 1; }
	printf 'deb %s %s main\ndeb %s %s main\n' "$mirror" "$suite" "$mirror" "$backports" \
		>"$root/etc/apt/sources.list"
	# No service starts inside the root.
	printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
	chmod +x "$root/usr/sbin/policy-rc.d"
	touch "$root/.done"
fi

# The headers of each kernel and dkms, as an admin installs them; the
# package lists refreshed at most once a day.
need=
for k in "$@"; do
	[ -d "$root/lib/modules/$k/build" ] || need="$need $k"
done
if [ -n "$need" ] || [ ! -x "$root/usr/sbin/dkms" ]; then
	if [ -z "$(find "$root/var/lib/apt/lists" -name '*_Packages*' -mtime -1 2>/dev/null | head -n 1)" ]; then
		in_root apt-get update -q >>"$log" 2>&1 ||
			{ echo "build-dkms-root: apt-get update failed (log: $log)" >&2; exit 1; }
	fi
	pkgs=dkms
	for k in $need; do pkgs="$pkgs linux-headers-$k"; done
	# A kernel of the backports suite comes with -t, as its users
	# install it; the release's own without.
	in_root apt-get install -y -q $pkgs >>"$log" 2>&1 ||
		in_root apt-get install -y -q -t "$backports" $pkgs >>"$log" 2>&1 ||
		{ echo "build-dkms-root: apt-get install $pkgs failed (log: $log)" >&2; exit 1; }
fi

[ "$prepare" = 1 ] && exit 0

# The project's DKMS install, from a copy of the tree inside the root.
rm -rf "$root/tmp/nsaudit-src"
mkdir -p "$root/tmp/nsaudit-src"
cp -r "$top/Makefile" "$top/dkms.conf" "$top/LICENSE" "$top/module" "$top/include" \
	"$root/tmp/nsaudit-src/"
in_root make -s -C /tmp/nsaudit-src dkms-install KVER="$*" >>"$log" 2>&1 ||
	{ tail -n 30 "$log" >&2; echo "build-dkms-root: DKMS failed (log: $log)" >&2; exit 1; }
for k in "$@"; do installed_ko "$k" || exit 1; done
