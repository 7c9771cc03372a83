# make bench: the cost of a syscall with nsaudit loaded over not loaded, in
# one VM run, with Debian's auditd consuming. Runs alternate (unloaded,
# loaded) ROUNDS times; the figures are medians. Then nsauditd's rate
# against auditd's on the same bursts (below). Prints tables.
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

# nsauditd beside the host's auditd, both fed the same records: the rate
# each writes a burst to its log (ratio: nsauditd's rate over auditd's),
# with the same flush policy (every record; see guest_setup), and whether
# a burst of more than 10 000 records at the default backlog loses any.
nsa_load
mkdir -p "$STATE/nsd"
printf 'log_file = %s\nflush = incremental_async\nfreq = 1\n' "$STATE/nsd/audit.log" >"$STATE/nsd.conf"
nsauditd --foreground -c "$STATE/nsd.conf" 2>"$STATE/nsd.err" &
nsd=$!
wait_until 60 eval 'nsauditctl status | grep -q "^daemon_pid $nsd\$"' ||
	fail "nsauditd did not register: $(cat "$STATE/nsd.err")"
daemon() { nsauditctl status | sed -n "s/^daemon_$1 //p"; }
burst=2500
i=0
while [ $i -lt 3 ]; do
	routed=$(daemon routed) lost=$(daemon lost)
	out=$(nsa-bench burst $burst $path.burst$i "$LOG" "$STATE/nsd/audit.log") ||
		fail "burst $i: a log missed the marker: $out"
	t_auditd=$(echo "$out" | sed -n "s|^$LOG ns=||p")
	t_nsd=$(echo "$out" | sed -n "s|^$STATE/nsd/audit.log ns=||p")
	wait_until 60 eval '[ "$(daemon queued)" = 0 ]' || fail "queue did not drain"
	n=$(($(daemon routed) - routed))
	awk "BEGIN { print $n * 1e9 / $t_auditd }" >>"$STATE/rate.auditd"
	awk "BEGIN { print $n * 1e9 / $t_nsd }" >>"$STATE/rate.nsauditd"
	awk "BEGIN { print $t_auditd / $t_nsd }" >>"$STATE/rate.ratio"
	[ "$(daemon lost)" = "$lost" ] || fail "burst $i: nsauditd lost $(($(daemon lost) - lost)) of $n records"
	expect_eq "burst $i: events in nsauditd's log" \
		"$(grep -c "name=\"$path.burst$i\"" "$STATE/nsd/audit.log")" $burst
	expect_eq "burst $i: events in auditd's log" "$(grep -c "name=\"$path.burst$i\"" "$LOG")" $burst
	note "burst $i: $n records to nsauditd, none lost; auditd $((t_auditd / 1000000)) ms, nsauditd $((t_nsd / 1000000)) ms"
	i=$((i + 1))
done
printf '  %-34s %12s %12s %8s %8s\n' "median of 3 bursts of $burst events" "auditd" "nsauditd" "ratio" "target"
printf '  %-34s %12.0f %12.0f %8.3f %8s\n' "records/s written to the log" "$(median "$STATE/rate.auditd")" \
	"$(median "$STATE/rate.nsauditd")" "$(median "$STATE/rate.ratio")" ">= 1.00"
kill -TERM "$nsd"
wait "$nsd" || fail "nsauditd exit $?"
