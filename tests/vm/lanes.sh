# Kernel lanes of the VM tests: sourced by the runners.
# lane_kernel LANE sets KVER (uname -r in the guest), KIMAGE (bzImage),
# KDIR (tree to build modules against), MEM (guest memory) and DKMS (1 when
# the lane's nsaudit.ko comes from a real DKMS install).

lane_kernel() {
	local flavour line
	case "$1" in
	generic) flavour=amd64 ;;
	rt) flavour=rt-amd64 ;;
	debug)
		local dir
		dir=$("$here/build-debug-kernel.sh" "$cache")
		KDIR=$dir/linux-source-6.1
		KIMAGE=$KDIR/arch/x86/boot/bzImage
		KVER=$(cat "$KDIR/include/config/kernel.release")
		MEM=2048
		DKMS=0
		return 0
		;;
	*) echo "lanes: unknown lane '$1' (generic, rt, debug)" >&2; return 2 ;;
	esac
	line=$("$here/fetch-kernels.sh" "$cache" "$flavour")
	set -- $line
	KVER=$2
	KIMAGE=$3/boot/vmlinuz-$KVER
	KDIR=$3/usr/src/linux-headers-$KVER
	MEM=1024
	DKMS=1
}
