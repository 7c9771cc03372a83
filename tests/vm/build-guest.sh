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

# nsauditctl as users get it, but static: the library and the tool compiled
# from their sources (never from objects a host build left in the tree).
top=$(cd "$here/../.." && pwd)
srcs=$(ls "$top"/tools/nsauditctl/*.c "$top"/lib/*.c)
newest=$(ls -t $srcs "$top"/tools/nsauditctl/*.h "$top"/lib/*.h "$top"/include/uapi/linux/nsaudit.h | head -n 1)
if ! [ "$dir/nsauditctl" -nt "$newest" ]; then
	gcc -std=gnu11 -O2 -Wall -Wextra -Werror -static -o "$dir/nsauditctl" \
		-I"$top/lib" -I"$top/include/uapi" -I"$top/tools/nsauditctl" \
		$(pkg-config --cflags libnl-genl-3.0) $srcs \
		$(pkg-config --static --libs libnl-genl-3.0) 2>&1 |
		grep -v -e 'statically linked applications' -e 'in function' >&2 || true
	[ "$dir/nsauditctl" -nt "$newest" ] || { echo "build-guest: nsauditctl failed" >&2; exit 1; }
fi

# nsauditd likewise, with libaudit (record type names) linked in too.
srcs=$(ls "$top"/tools/nsauditd/*.c "$top"/lib/*.c)
newest=$(ls -t $srcs "$top"/tools/nsauditd/*.h "$top"/lib/*.h "$top"/include/uapi/linux/nsaudit.h | head -n 1)
if ! [ "$dir/nsauditd" -nt "$newest" ]; then
	gcc -std=gnu11 -O2 -Wall -Wextra -Werror -static -o "$dir/nsauditd" \
		-I"$top/lib" -I"$top/include/uapi" -I"$top/tools/nsauditd" \
		$(pkg-config --cflags libnl-genl-3.0) $srcs \
		$(pkg-config --static --libs libnl-genl-3.0) $libs 2>&1 |
		grep -v -e 'statically linked applications' -e 'in function' >&2 || true
	[ "$dir/nsauditd" -nt "$newest" ] || { echo "build-guest: nsauditd failed" >&2; exit 1; }
fi
echo "$dir"
