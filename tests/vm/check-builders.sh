#!/bin/bash
# Runs each cache builder into an empty cache, as on a machine that has
# never run the tests, and checks its contract: standard output is the
# answer and nothing else (progress and tools' chatter go to standard error
# or a log). CI always finds a warm cache; this is what sees a cold one.
# Builders that take longer than two minutes cold (the debug kernel's
# compile) are checked up to their configuration step.
#
# Usage: check-builders.sh [BUILDER...]   (default: all; rootfs, kernels,
# kernels-newer, debug-config, debug-config-6.12, guest, ctr-image).
# Prints one line per builder and its time.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/nsaudit-cold.XXXXXX")
# Removing an unpacked kernel source takes minutes on a busy disk: the
# caches go in the background, once the answer is given.
trap '(rm -rf "$tmp" >/dev/null 2>&1 &)' EXIT
failed=0

# one_path WHAT OUT: OUT holds exactly one line, an existing path.
one_path() {
	local n
	n=$(wc -l <"$2")
	if [ "$n" != 1 ] || [ ! -e "$(cat "$2")" ]; then
		echo "check-builders: $1: standard output is not one existing path:"
		head -n 5 "$2" | sed 's/^/  | /'
		return 1
	fi
}

# kernels_lines OUT: one "FLAVOUR ABI ROOT" line per flavour of $flavours,
# in order, each ROOT holding the kernel image and the headers.
flavours="amd64 rt-amd64"
# The other suites' kernels, through private apt configurations: Debian
# 13's 6.12 and trixie-backports' 7.x (its image split in two packages).
newer_flavours="trixie/amd64 trixie-backports/amd64"
kernels_lines() {
	local out=$1 f flav abi root i=0
	set -- ${2:-$flavours}
	[ "$(wc -l <"$out")" = $# ] || { echo "check-builders: kernels: $(wc -l <"$out") lines, want $#"; return 1; }
	for f in "$@"; do
		i=$((i + 1))
		read -r flav abi root < <(sed -n "${i}p" "$out")
		[ "$flav" = "$f" ] && [ -f "$root/boot/vmlinuz-$abi" ] &&
			[ -d "$root/usr/src/linux-headers-$abi" ] ||
			{ echo "check-builders: kernels: bad line $i: $(sed -n "${i}p" "$out")"; return 1; }
	done
}

# run NAME CHECK... -- BUILDER ARGS...: runs the builder into $tmp/NAME,
# then CHECK with the builder's stdout file appended.
run() {
	local name=$1 start rc
	shift
	local check=()
	while [ "$1" != -- ]; do check+=("$1"); shift; done
	shift
	mkdir -p "$tmp/$name"
	start=$(date +%s)
	"$@" >"$tmp/$name.out" 2>"$tmp/$name.err"
	rc=$?
	if [ "$rc" != 0 ]; then
		echo "check-builders: $name: exit $rc:"
		tail -n 10 "$tmp/$name.err" | sed 's/^/  | /'
		failed=1
	elif ! "${check[@]}" "$tmp/$name.out"; then
		failed=1
	else
		echo "check-builders: $name: contract kept in $(($(date +%s) - start)) s"
	fi
}

newer_lines() { kernels_lines "$1" "$newer_flavours"; }

for b in ${*:-rootfs kernels kernels-newer debug-config debug-config-6.12 guest ctr-image}; do
	case "$b" in
	rootfs) run rootfs one_path rootfs -- "$here/build-rootfs.sh" "$tmp/rootfs" ;;
	kernels) run kernels kernels_lines -- "$here/fetch-kernels.sh" "$tmp/kernels" $flavours ;;
	kernels-newer) run kernels-newer newer_lines -- "$here/fetch-kernels.sh" "$tmp/kernels-newer" $newer_flavours ;;
	debug-config) run debug-config one_path debug-config -- "$here/build-debug-kernel.sh" --config-only "$tmp/debug-config" ;;
	debug-config-6.12) run debug-config-6.12 one_path debug-config-6.12 -- "$here/build-debug-kernel.sh" --config-only "$tmp/debug-config-6.12" 6.12 ;;
	guest) run guest one_path guest -- "$here/build-guest.sh" "$tmp/guest" ;;
	ctr-image) run ctr-image one_path ctr-image -- "$here/build-ctr-image.sh" "$tmp/ctr-image" ;;
	*) echo "check-builders: unknown builder '$b'"; failed=1 ;;
	esac
done
exit $failed
