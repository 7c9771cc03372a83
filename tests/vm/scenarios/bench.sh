# make bench: the cost of a syscall with nsaudit loaded over not loaded, in
# one VM run, with Debian's auditd consuming. Runs alternate (unloaded,
# loaded) ROUNDS times; the figures are medians. Prints a table.
rounds=${NSATEST_ROUNDS:-9}
auditctl -a always,exit -F arch=b64 -S openat -F success=0 -F exit=-ENOENT -k nsa_bench >/dev/null ||
	fail "auditctl"
path=/nsa-missing/bench

measure() {	# measure STATE: one round of both workloads, appended to files
	nsa-bench audited 2000 $path | sed -n 's/^ns=//p' >>"$STATE/audited.$1"
	nsa-bench plain 200000 | sed -n 's/^ns=//p' >>"$STATE/plain.$1"
}

median() {
	sort -n "$1" | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

nsa-bench audited 2000 $path >/dev/null	# warm up caches and auditd
i=0
while [ $i -lt "$rounds" ]; do
	measure off
	nsa_load
	measure on
	nsa_unload
	i=$((i + 1))
done
log_barrier || fail "auditd did not catch up"

printf '  %-34s %12s %12s %8s %8s\n' "median of $rounds rounds, ns/call" "unloaded" "loaded" "ratio" "target"
for w in audited plain; do
	off=$(median "$STATE/$w.off")
	on=$(median "$STATE/$w.on")
	case $w in
	audited) what="audited syscall (auditd logging)"; target="<= 1.05" ;;
	plain) what="unaudited syscall"; target="<= 1.01" ;;
	esac
	printf '  %-34s %12.1f %12.1f %8.3f %8s\n' "$what" "$off" "$on" "$(awk "BEGIN { print $on / $off }")" "$target"
done
