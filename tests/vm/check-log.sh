#!/bin/bash
# Judge one VM run: the guest must have written 0x31 to the exit port
# (QEMU exit code 99) and the serial log must be free of kernel splats.
# Usage: check-log.sh SERIAL_LOG QEMU_EXIT_CODE LANE SECONDS
# check-log.sh --pattern prints the splat pattern (for run-all.sh's summary).
splat='BUG:|WARNING:|Oops|Call Trace|UBSAN:|unreferenced object|Kernel panic|inconsistent lock state|possible recursive locking|circular locking dependency|detected stall|blocked for more than'
[ "$1" = --pattern ] && { printf '%s\n' "$splat"; exit 0; }
log=${1:?}; rc=${2:?}; lane=${3:?}; secs=${4:-?}
if grep -Eq "$splat" "$log"; then
	echo "run-lane: $lane: FAIL: kernel splat in $log:"
	grep -En -m 10 "$splat" "$log"
	exit 1
fi
case "$rc" in
99) echo "run-lane: $lane: PASS (${secs}s)"; exit 0 ;;
97) echo "run-lane: $lane: FAIL: a scenario failed (log: $log)" ;;
124) echo "run-lane: $lane: FAIL: timed out (log: $log)" ;;
*) echo "run-lane: $lane: FAIL: no success signal, QEMU exit $rc (log: $log)" ;;
esac
exit 1
