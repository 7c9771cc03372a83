#!/bin/bash
# The Debian packages as an admin installs them: in a Debian 13 root (an
# overlay on build-dkms-root.sh's, which has dkms and the headers of
# Debian 13's 6.12 and trixie-backports' 7.3), "apt install ./*.deb" with
# systemd as init; DKMS must build and install the module for each of
# those kernels. The installed root is written to IMAGE (ext4) for the
# packages lane, which boots it with systemd as PID 1. Then the packages
# are purged (with what apt installed for them) and nothing of theirs may
# be left: removed, no file of the packages but the conffile; purged (with
# what apt pulled in for them), the root's files those it had before.
#
# The root also gets podman, crun, an ordinary user with subordinate IDs
# and, in /var/lib/nsatest/image.tar, the containers' image (a Debian 13
# root with the nsaudit packages installed): the packages lane's podman
# scenario runs them.
#
# Usage: deb-root.sh CACHE_DIR DEB_DIR IMAGE
# Says what it checked on standard output; exit 1 on the first failure.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cache=${1:?usage: deb-root.sh CACHE_DIR DEB_DIR IMAGE}
debs=$(cd "${2:?}" && pwd)
img=${3:?}
mkdir -p "$(dirname "$img")"
img=$(cd "$(dirname "$img")" && pwd)/$(basename "$img")
lower=$("$here/build-dkms-root.sh" --prepare "$cache" trixie && echo "$cache/dkmsroot-trixie-1")
ctrtar=$("$here/build-ctr-image.sh" "$cache" trixie)
kvers=$(cd "$lower/lib/modules" && for k in *; do [ -e "$k/build" ] && echo "$k"; done)
[ -n "$kvers" ] || { echo "deb-root: no kernel headers in $lower" >&2; exit 1; }

work=$(mktemp -d /tmp/nsaudit-debroot.XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/upper" "$work/work" "$work/root" "$work/debs"
cp "$debs"/nsaudit_*.deb "$debs"/nsaudit-dkms_*.deb "$debs"/libnsaudit0_*.deb \
	"$debs"/libnsaudit-dev_*.deb "$debs"/nsaudit-oci-hook_*.deb "$work/debs/"

# Everything below runs in a private mount namespace: the overlay and the
# root's /proc and /dev go with it, whatever happens.
unshare -m --propagation private bash -s "$lower" "$work" "$img" "$ctrtar" $kvers <<'EOF'
set -euo pipefail
trap 'echo "deb-root: failed: $BASH_COMMAND (line $LINENO)" >&2' ERR
lower=$1 work=$2 img=$3 ctrtar=$4
shift 4
r=$work/root
mount -t overlay overlay -o "lowerdir=$lower,upperdir=$work/upper,workdir=$work/work" "$r"
mkdir -p "$r/debs"
api_up() {
	mount -t proc proc "$r/proc"
	mount --bind /dev "$r/dev"
	mount --bind "$work/debs" "$r/debs"
}
api_down() {
	umount "$r/proc" "$r/dev" "$r/debs"
}
api_up
cp /etc/resolv.conf "$r/etc/resolv.conf"
in_root() {
	chroot "$r" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive "$@"
}
fail() { echo "deb-root: $*" >&2; exit 1; }
files() {
	in_root find / -xdev \( -path /proc -o -path /debs -o -path /var/cache/apt \
		-o -path /var/lib/apt/lists -o -path /var/log -o -path /tmp \) -prune -o -print | sort
}

# The root's own DKMS install of the tree (build-dkms-root.sh) first
# goes: this is a machine that never had nsaudit.
for v in $(cd "$r/var/lib/dkms/nsaudit" 2>/dev/null && ls -d [0-9]*); do
	in_root dkms remove "nsaudit/$v" --all >/dev/null 2>&1 || true
done
rm -rf "$r"/usr/src/nsaudit-* "$r/var/lib/dkms/nsaudit"
[ -z "$(in_root dkms status nsaudit)" ] || fail "nsaudit still in DKMS: $(in_root dkms status)"
# systemd as init, for the lane that boots this root, and podman with
# crun and what rootless podman needs (newuidmap), for its podman
# scenario (dbus: crun asks systemd for a container's cgroup over it);
# the lists at most a day old.
if [ -z "$(find "$r/var/lib/apt/lists" -name '*_Packages*' -mtime -1 2>/dev/null | head -n 1)" ]; then
	in_root apt-get update -q >"$work/apt.log" 2>&1 || { tail "$work/apt.log" >&2; fail "apt-get update failed"; }
fi
in_root apt-get install -y -q --no-install-recommends systemd-sysv dbus podman crun uidmap \
	>>"$work/apt.log" 2>&1 || { tail "$work/apt.log" >&2; fail "systemd-sysv and podman did not install"; }
# An ordinary user for rootless podman, with subordinate IDs.
in_root id nsatest >/dev/null 2>&1 || in_root useradd -m -u 1000 -s /bin/sh nsatest
grep -q '^nsatest:' "$r/etc/subuid" 2>/dev/null || echo nsatest:100000:65536 >>"$r/etc/subuid"
grep -q '^nsatest:' "$r/etc/subgid" 2>/dev/null || echo nsatest:100000:65536 >>"$r/etc/subgid"
# The containers' image: a Debian 13 root with the packages' nsaudit and
# libnsaudit0 installed by dpkg, as a tarball for podman import.
mkdir -p "$work/ctr" "$r/var/lib/nsatest"
tar -C "$work/ctr" -xf "$ctrtar"
mkdir -p "$work/ctr/debs"
cp "$work"/debs/nsaudit_*.deb "$work"/debs/libnsaudit0_*.deb "$work/ctr/debs/"
chroot "$work/ctr" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin dpkg -i $(cd "$work/ctr" && ls debs/*.deb | sed 's|^|/|') \
	>"$work/ctr.log" 2>&1 || { tail "$work/ctr.log" >&2; fail "dpkg -i in the container image failed"; }
rm -rf "$work/ctr/debs"
tar --numeric-owner -C "$work/ctr" -cf "$r/var/lib/nsatest/image.tar" .
rm -rf "$work/ctr"
# Nothing the policy-rc.d of the build root forbids: the unit is only
# enabled here (the packages do not start it).
files >"$work/before"

# The last kernel's headers go before the packages come and return after
# them: DKMS must then build for it through its kernel hook, as for a
# kernel an admin installs later.
later=${*: -1}
in_root apt-get remove -y -q "linux-headers-$later" >"$work/later.log" 2>&1 ||
	{ tail "$work/later.log" >&2; fail "removing linux-headers-$later failed"; }
in_root apt-get install -y -q $(cd "$r/debs" && ls ./*.deb | sed 's|^\./|/debs/|') >"$work/install.log" 2>&1 ||
	{ tail -n 30 "$work/install.log" >&2; fail "apt install of the packages failed"; }
ls "$r/lib/modules/$later/updates/dkms/"nsaudit.ko* >/dev/null 2>&1 &&
	fail "a module for $later, whose headers were not installed"
in_root apt-get install -y -q "linux-headers-$later" >>"$work/later.log" 2>&1 ||
	in_root apt-get install -y -q -t trixie-backports "linux-headers-$later" >>"$work/later.log" 2>&1 ||
	{ tail "$work/later.log" >&2; fail "installing linux-headers-$later again failed"; }
for k in "$@"; do
	ko=$(ls "$r/lib/modules/$k/updates/dkms/"nsaudit.ko* 2>/dev/null | head -n 1)
	[ -n "$ko" ] || { tail -n 30 "$work/install.log" >&2; fail "DKMS built no module for $k at install"; }
	in_root dkms status -m nsaudit -k "$k" | grep -q ': installed' ||
		fail "dkms status for $k: $(in_root dkms status -m nsaudit -k "$k")"
done
echo "deb-root: apt install ./*.deb: DKMS built and installed nsaudit for $*; for $later when its headers came after the packages"
[ "$(in_root systemctl is-enabled nsauditd.service)" = enabled ] || fail "nsauditd.service not enabled"
in_root nsauditctl --version | grep -q '^nsauditctl ' || fail "nsauditctl does not run"
echo "deb-root: nsauditd.service enabled; nsauditctl runs"

# The installed root, for the packages lane (without the mounts).
api_down
rm -f "$img.tmp"
mke2fs -q -t ext4 -d "$r" -F "$img.tmp" 3G >"$work/mke2fs.log" 2>&1 ||
	{ cat "$work/mke2fs.log" >&2; fail "mke2fs failed"; }
mv "$img.tmp" "$img"
api_up

# Removed: the module and every file the packages shipped go, but the
# conffile (dpkg keeps a removed package's configuration, and systemd's
# enablement of its unit, until purge).
in_root apt-get remove -y -q nsaudit-dkms nsaudit libnsaudit0 libnsaudit-dev nsaudit-oci-hook \
	>"$work/remove.log" 2>&1 || { tail -n 30 "$work/remove.log" >&2; fail "apt remove failed"; }
[ -z "$(in_root dkms status nsaudit)" ] || fail "nsaudit still in DKMS after remove"
ls "$r"/lib/modules/*/updates/dkms/nsaudit.ko* >/dev/null 2>&1 && fail "a module is left after remove"
ls -d "$r"/usr/src/nsaudit-* >/dev/null 2>&1 && fail "the module's source is left after remove"
left=
for deb in "$r"/debs/*.deb; do
	conf=$(dpkg-deb -I "$deb" conffiles 2>/dev/null || true)
	for f in $(dpkg-deb -c "$deb" | awk '$1 !~ /^d/ { sub(/^\./, "", $6); print $6 }'); do
		[ -e "$r$f" ] || [ -L "$r$f" ] || continue
		printf '%s\n' "$conf" | grep -qxF "$f" || left="$left $f"
	done
done
[ -z "$left" ] || fail "apt remove left files of the packages:$left"
for f in /etc/nsaudit/nsauditd.conf /etc/nsaudit/oci-hook.conf; do
	[ -f "$r$f" ] || fail "apt remove took the conffile $f"
done
echo "deb-root: apt remove: no module, no DKMS source, no file of the packages but the conffiles /etc/nsaudit/nsauditd.conf and oci-hook.conf"
# Purged: what dpkg kept of them (the packages in config-files state),
# and what apt pulled in for them.
rc=$(in_root dpkg-query -W -f '${db:Status-Abbrev} ${Package}\n' 2>/dev/null |
	awk '$1 == "rc" && $2 ~ /^(nsaudit|nsaudit-dkms|libnsaudit0|libnsaudit-dev|nsaudit-oci-hook)$/ { print $2 }' | sort | tr '\n' ' ')
[ "$rc" = "nsaudit nsaudit-oci-hook " ] || fail "packages kept in config-files state: '$rc', want nsaudit and nsaudit-oci-hook (their conffiles)"
in_root apt-get purge -y -q --autoremove $rc >"$work/purge.log" 2>&1 ||
	{ tail -n 30 "$work/purge.log" >&2; fail "apt purge failed"; }
files >"$work/after"
left=$(diff "$work/before" "$work/after" || true)
[ -z "$left" ] || fail "purge left the root different from before the install: $left"
echo "deb-root: apt purge --autoremove: the root's files are those it had before the install"
EOF
