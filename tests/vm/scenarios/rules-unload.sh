# Module unload while namespace rules select syscalls: the sys_exit probe
# is armed, tasks have task work queued between their syscall's end and
# their return to user space, and daemons receive the records the rules
# make. No host audit rule at all: these records do not come from the
# kernel's audit. Unload finishes, nothing hangs or splats, each daemon
# sees the family go, and the module loads again and takes new rules.
chmod 1777 "$STATE"
auditctl -D >/dev/null || fail "auditctl -D"
RULE="-a always,exit -F arch=b64 -S openat -F success=0 -k nsa_rules_unload"
for round in 1 2 3; do
	nsa_load
	rm -f "$STATE"/*.daemon "$STATE"/*.log "$STATE"/*.rule
	nsa-daemon "$STATE/H.log" >"$STATE/H.daemon" 2>&1 &
	wait_until 60 grep -qs "^registered" "$STATE/H.daemon" || fail "round $round: H did not register"
	nsauditctl $RULE || fail "round $round: host rule refused"
	nsa-runas 100000 100000 $CONTAINER sh -c \
		"nsa-daemon $STATE/A.log >$STATE/A.daemon 2>&1 &
		 . /nsaudit/lib.sh
		 wait_until 60 grep -qs '^registered' $STATE/A.daemon || exit 1
		 nsauditctl $RULE >$STATE/A.rule 2>&1 || exit 1
		 nsa-gen loop /nsa-missing/rules-unload >$STATE/A.gen 2>&1" &
	wait_until 60 grep -qs '^registered' "$STATE/A.daemon" || fail "round $round: A did not register"
	# A rule's record has no PATH record: look for the key (grep -m1:
	# the logs grow fast).
	wait_until 60 grep -qs -m1 'key="nsa_rules_unload"' "$STATE/A.log" ||
		fail "round $round: no rule records in A: $(cat "$STATE/A.rule" "$STATE/A.daemon" 2>&1)"
	wait_until 60 grep -qs -m1 'key="nsa_rules_unload"' "$STATE/H.log" ||
		fail "round $round: no rule records in H"
	note "round $round: $(head -n 1 "$STATE/A.log")"
	modprobe -r nsaudit || fail "round $round: unload refused"
	for d in H A; do
		wait_until 60 grep -qs '^end reason=module-gone' "$STATE/$d.daemon" ||
			fail "round $round: $d did not see the module go: $(cat "$STATE/$d.daemon")"
	done
	kill -TERM "$(hostpid_of "loop /nsa-missing/rules-unload")"
	wait
done
