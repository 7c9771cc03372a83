# Kernel lanes of the VM tests: sourced by the runners.
# lane_kernel LANE sets KVER (uname -r in the guest), KIMAGE (bzImage),
# KDIR (tree to build modules against), MEM (guest memory), DKMS (1 when
# the lane's nsaudit.ko comes from a real DKMS install; NSAUDIT_DKMS=0
# builds it from the tree instead), and for the auditd
# lane ROOTFS (a Debian image with auditd) and ROOTMODS (mkinitramfs specs of
# the kernel modules needed to mount it), TIMEOUT (seconds a run of the
# lane may take before it counts as hung), and BUILDROOT (a root to build
# modules in, for kernels whose kbuild tools the host cannot run; else
# empty), and DKMSROOT (the Debian release whose root, build-dkms-root.sh,
# DKMS builds the lane's module in, for kernels of a release the host does
# not run; else empty: the host's DKMS), and GUESTROOT (a build root whose
# libraries the guest programs link, for a ROOTFS of another release than
# the host's, so that nsauditctl lists rules as its auditctl does; else
# empty: the host's), and INIT (systemd: the root file system boots with
# systemd as PID 1, which runs the scenarios as a service; else empty),
# and CPU (QEMU's -cpu). DKMS is "image" where the root file system brings
# the module.

lane_kernel() {
	local flavour line buildroot=
	ROOTFS=
	ROOTMODS=
	BUILDROOT=
	DKMSROOT=
	GUESTROOT=
	INIT=
	CPU=max
	# The generic lanes take about 25 minutes beside the debug lane (26
	# seen in a full make check, with the attack scenarios); a run well
	# past that counts as hung.
	TIMEOUT=2700
	case "$1" in
	generic) flavour=amd64 ;;
	# Debian 12's backported 6.12 (bookworm-backports: built with
	# Debian 12's gcc, so the module builds on this host).
	generic-6.12) flavour=bookworm-backports/amd64 ;;
	rt-6.12) flavour=bookworm-backports/rt-amd64 ;;
	# trixie-backports' 7.3: its kbuild tools need trixie's C library,
	# so the module is built in a trixie root (build-buildroot.sh).
	generic-7.3) flavour=trixie-backports/amd64 buildroot=trixie ;;
	rt-7.3) flavour=trixie-backports/rt-amd64 buildroot=trixie ;;
	# Debian 13's own 6.12, built like 7.3 in the trixie root.
	generic-trixie) flavour=trixie/amd64 buildroot=trixie ;;
	rt-trixie) flavour=trixie/rt-amd64 buildroot=trixie ;;
	# Debian 12's root file system with its auditd (3.0.9) on Debian 12's
	# kernel, and on bookworm-backports' 6.12 (make bench compares the
	# two); Debian 13's (auditd 4.0.2) on Debian 13's kernel, with guest
	# programs linked against its libaudit.
	auditd | auditd-6.12 | auditd-trixie)
		local suite=bookworm
		case "$1" in
		auditd) lane_kernel generic ;;
		auditd-6.12) lane_kernel generic-6.12 ;;
		auditd-trixie) lane_kernel generic-trixie || return 1; suite=trixie; GUESTROOT=$BUILDROOT ;;
		esac
		ROOTFS=$("$here/build-rootfs.sh" "$cache" "$suite")
		ROOTMODS=$(module_closure "$KDIR/../../../lib/modules/$KVER" \
			virtio_pci virtio_blk ext4 crc32c_generic crc32c-intel)
		return 0
		;;
	rt) flavour=rt-amd64 ;;
	# The Debian packages, installed in a Debian 13 root by deb-root.sh
	# (make check runs it first; its image is in the build directory),
	# booted on Debian 13's kernel with systemd as PID 1; the module is
	# the one the package's DKMS built there.
	packages)
		lane_kernel generic-trixie || return 1
		ROOTFS=${NSAUDIT_BUILD:-$here/../../build}/deb-root.ext4
		[ -f "$ROOTFS" ] || { echo "lanes: no $ROOTFS: run tests/vm/deb-root.sh first (make check does)" >&2; return 1; }
		ROOTMODS=$(module_closure "$KDIR/../../../lib/modules/$KVER" \
			virtio_pci virtio_blk ext4 crc32c_generic crc32c-intel)
		DKMS=image
		INIT=systemd
		return 0
		;;
	fuzz)
		# A debug kernel again (NSAUDIT_DEBUG_LANE: debug-6.12, or
		# debug, 6.1's), in a lane of its own so that the fuzzer runs
		# beside the other lanes instead of after them.
		lane_kernel "${NSAUDIT_DEBUG_LANE:-debug-6.12}"
		# 100 000 messages take ~8 minutes alone, more beside
		# other lanes.
		TIMEOUT=1800
		return 0
		;;
	# The debug kernels, built from Debian 12's and Debian 13's source.
	debug | debug-6.12)
		local dir ver=6.1
		[ "$1" = debug-6.12 ] && ver=6.12
		dir=$("$here/build-debug-kernel.sh" "$cache" "$ver")
		KDIR=$dir/linux-source-$ver
		KIMAGE=$KDIR/arch/x86/boot/bzImage
		KVER=$(cat "$KDIR/include/config/kernel.release")
		MEM=2048
		DKMS=0
		# No 5-level paging: 6.12's identify_cpu() zeroes the boot
		# CPU's feature bits with interrupts on, so an interrupt in
		# that window sees no LA57, KASAN takes 4-level bounds for its
		# shadow and calls any direct-map address wild (on a loaded
		# host, whose slow TCG lets the PIT fire there: CI, twice).
		CPU=max,la57=off
		# KASAN and lockdep under emulation: 30 to 50 minutes of
		# scenarios beside another lane, the rules scenarios included
		# (CI took 3 036 s); a slower machine must not read as a hang.
		TIMEOUT=5400
		return 0
		;;
	*) echo "lanes: unknown lane '$1' (generic, rt, generic-6.12, rt-6.12, generic-7.3, rt-7.3, generic-trixie, rt-trixie, debug, debug-6.12, fuzz, auditd, auditd-6.12, auditd-trixie, packages)" >&2; return 2 ;;
	esac
	line=$("$here/fetch-kernels.sh" "$cache" "$flavour")
	set -- $line
	KVER=$2
	KIMAGE=$3/boot/vmlinuz-$KVER
	KDIR=$3/usr/src/linux-headers-$KVER
	MEM=1024
	# NSAUDIT_DKMS=0: the module built straight from this tree, as the
	# debug lane does (several trees testing at once on one host would
	# otherwise share DKMS's one source directory).
	DKMS=${NSAUDIT_DKMS:-1}
	# The host's DKMS builds for the host's own suite's kernels (make
	# check installs it for 6.1's); bookworm-backports' lanes build from
	# the tree, trixie's and trixie-backports' in a Debian 13 root below.
	case "$flavour" in */*) DKMS=0 ;; esac
	if [ -n "$buildroot" ]; then
		BUILDROOT=$("$here/build-buildroot.sh" "$cache" "$buildroot") || return 1
		# The host's DKMS cannot run that kernel's kbuild tools: DKMS
		# in a root of the kernel's own release, as its admins run it.
		DKMSROOT=$buildroot
		DKMS=${NSAUDIT_DKMS:-1}
		if [ "$DKMS" = 1 ]; then
			"$here/build-dkms-root.sh" --prepare "$cache" "$DKMSROOT" "$KVER" || return 1
		fi
	fi
}

# module_closure MODDIR NAME...: mkinitramfs specs (PATH=RELDIR) of the named
# modules and everything they depend on, from MODDIR/modules.dep; a
# module the kernel has built in needs none.
module_closure() {
	local dir=$1 name rel dep
	shift
	local todo="" seen=" "
	for name in "$@"; do
		# 6.12's modules are compressed (.ko.xz).
		rel=$(grep -E "^(.*/)?${name//-/[-_]}\.ko(\.xz|\.zst)?:" "$dir/modules.dep" | cut -d: -f1)
		if [ -z "$rel" ]; then
			# Built in (6.12's virtio_pci): nothing to load.
			grep -qE "^(.*/)?${name//-/[-_]}\.ko$" "$dir/modules.builtin" 2>/dev/null && continue
			echo "lanes: no module $name in $dir" >&2
			return 1
		fi
		todo="$todo $rel"
	done
	while [ -n "${todo// /}" ]; do
		set -- $todo
		rel=$1
		shift
		todo="$*"
		case "$seen" in *" $rel "*) continue ;; esac
		seen="$seen$rel "
		echo "$dir/$rel=$(dirname "$rel")"
		for dep in $(grep "^$rel:" "$dir/modules.dep" | cut -d: -f2); do
			todo="$todo $dep"
		done
	done
}
