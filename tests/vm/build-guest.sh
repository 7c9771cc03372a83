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

# The tools as users get them, but static: the library and the tool
# compiled from their sources (never from objects a host build left in the
# tree). build_tool DIR [LIBS [NAME]]: tools/DIR with lib/ and tools/rules/
# (the auditctl rule syntax the tools share), and LIBS, as NAME (DIR).
top=$(cd "$here/../.." && pwd)
build_tool() {
	local tool=$1 out=$dir/${3:-$1} srcs newest
	srcs=$(ls "$top/tools/$tool"/*.c "$top"/tools/rules/*.c "$top"/lib/*.c)
	newest=$(ls -t $srcs "$top/tools/$tool"/*.h "$top"/tools/rules/*.h "$top"/lib/*.h "$top"/include/uapi/linux/nsaudit.h | head -n 1)
	[ "$out" -nt "$newest" ] && return 0
	gcc -std=gnu11 -O2 -Wall -Wextra -Werror -static -o "$out" \
		-DNSAUDIT_LIBAUDIT_MAJOR="$(pkg-config --modversion audit | cut -d. -f1)" \
		-I"$top/lib" -I"$top/include/uapi" -I"$top/tools/$tool" -I"$top/tools/rules" \
		$(pkg-config --cflags libnl-genl-3.0) $srcs \
		$(pkg-config --static --libs libnl-genl-3.0) ${2:-} 2>&1 |
		grep -v -e 'statically linked applications' -e 'in function' >&2 || true
	[ "$out" -nt "$newest" ] || { echo "build-guest: $tool failed" >&2; exit 1; }
}
# libaudit builds rules from auditctl syntax; nsauditd names record types.
build_tool nsauditctl "$libs"
build_tool nsauditd "$libs"
# The OCI hook reads the runtime's JSON with json-c.
build_tool oci-hook "$libs $(pkg-config --static --libs json-c)" nsaudit-oci-hook

# Test programs that talk to the module through libnsaudit.
for src in "$here"/guest/withlib/*.c; do
	bin=$dir/$(basename "$src" .c)
	newest=$(ls -t "$src" "$top"/lib/*.[ch] "$top"/include/uapi/linux/nsaudit.h | head -n 1)
	[ "$bin" -nt "$newest" ] && continue
	gcc -std=gnu11 -O2 -Wall -Wextra -Werror -static -o "$bin" \
		-I"$top/lib" -I"$top/include/uapi" $(pkg-config --cflags libnl-genl-3.0) \
		"$src" "$top"/lib/*.c $(pkg-config --static --libs libnl-genl-3.0) 2>&1 |
		grep -v -e 'statically linked applications' -e 'in function' >&2 || true
	[ "$bin" -nt "$newest" ] || { echo "build-guest: $src failed" >&2; exit 1; }
done
echo "$dir"
