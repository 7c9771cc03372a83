# Module unload while daemons are registered and records flow: unload
# finishes, each daemon sees the family go (the genetlink controller's
# announcement) and ends, nothing hangs, and the module loads again and
# takes a new registration.
chmod 1777 "$STATE"
auditctl -a always,exit -F arch=b64 -S openat -F success=0 -k nsa_unload >/dev/null ||
	fail "auditctl"
for round in 1 2 3; do
	nsa_load
	rm -f "$STATE"/*.daemon "$STATE"/*.log
	nsa-daemon "$STATE/H.log" >"$STATE/H.daemon" 2>&1 &
	nsa-runas 100000 100000 $CONTAINER sh -c \
		"nsa-daemon $STATE/A.log >$STATE/A.daemon 2>&1 & nsa-gen loop /nsa-missing/unload >$STATE/A.gen 2>&1" &
	wait_until 60 eval 'grep -q "^registered" "$STATE/H.daemon" && grep -q "^registered" "$STATE/A.daemon"' ||
		fail "round $round: daemons did not register"
	wait_until 60 grep -qs /nsa-missing/unload "$STATE/A.log" || fail "round $round: no records"
	modprobe -r nsaudit || fail "round $round: unload refused"
	for d in H A; do
		wait_until 60 grep -qs '^end reason=module-gone' "$STATE/$d.daemon" ||
			fail "round $round: $d did not see the module go: $(cat "$STATE/$d.daemon")"
	done
	note "round $round: unloaded under load; $(sed -n 's/^end reason=module-gone //p' "$STATE/A.daemon") in A"
	kill -TERM "$(hostpid_of "loop /nsa-missing/unload")"
	wait
done
