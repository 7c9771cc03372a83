#!/bin/bash
# The VM harness's judge must fail every bad run: a splat of each kind, a
# missing success signal (QEMU exits 0 after a panic), a timeout, a failed
# scenario. And pass a clean, successful run. Fixtures are made here.
set -u
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bad=0

# judge NAME WANT QEMU_RC [LOG_LINE]
judge() {
	printf '[    1.0] Linux version 6.1\nnsaudit-vm: 1 passed, 0 failed\n%s\n' "${4:-}" >"$tmp/log"
	if "$here/check-log.sh" "$tmp/log" "$3" selftest 1 >/dev/null; then got=pass; else got=fail; fi
	if [ "$got" = "$2" ]; then
		echo "ok: $1 -> $got"
	else
		echo "WRONG: $1 -> $got, want $2"
		bad=1
	fi
}

judge "clean run" pass 99
judge "panic, QEMU exit 0" fail 0
judge "guest reported failure" fail 97
judge "timeout" fail 124
judge "BUG" fail 99 "[    2.0] BUG: sleeping function called from invalid context at mm/slab.h:723"
judge "KASAN" fail 99 "[    2.0] BUG: KASAN: slab-out-of-bounds in audit_log_end+0x1/0x2"
judge "WARNING" fail 99 "[    2.0] WARNING: CPU: 1 PID: 1 at kernel/kprobes.c:1 foo"
judge "lockdep" fail 99 "[    2.0] WARNING: possible circular locking dependency detected"
judge "lockdep state" fail 99 "[    2.0] inconsistent lock state"
judge "Oops" fail 99 "[    2.0] Oops: 0010 [#1] PREEMPT SMP"
judge "UBSAN" fail 99 "[    2.0] UBSAN: shift-out-of-bounds in x.c:1:2"
judge "kmemleak" fail 99 "unreferenced object 0xffff888003a1c000 (size 64):"
judge "RCU stall" fail 99 "[    2.0] rcu: INFO: rcu_preempt detected stalls on CPUs/tasks:"
judge "hung task" fail 99 "[    2.0] INFO: task modprobe:123 blocked for more than 120 seconds."
exit $bad
