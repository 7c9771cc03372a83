#!/bin/bash
# Build the static test programs that run inside the VMs into DIR.
# Usage: build-guest.sh DIR
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
dir=${1:?usage: build-guest.sh DIR}
mkdir -p "$dir"
libs=$(pkg-config --static --libs audit)
for src in "$here"/guest/*.c; do
	bin=$dir/$(basename "$src" .c)
	[ "$bin" -nt "$src" ] && continue
	# glibc warns that libaudit's getpwnam() wants NSS at run time; the
	# guests look up no names.
	gcc -O2 -Wall -Wextra -Werror -static -o "$bin" "$src" $libs 2>&1 |
		grep -v -e 'statically linked applications' -e 'in function' >&2 || true
	[ -x "$bin" ] || { echo "build-guest: $src failed" >&2; exit 1; }
done
echo "$dir"
