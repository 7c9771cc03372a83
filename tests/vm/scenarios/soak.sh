# make soak: the attacks of a hostile namespace (README, Security model) in
# a loop for nsatest.soak seconds (default 1800; nsatest.soak_scenarios=a,b
# names others), each scenario whole and
# cleaned up after, as a lane runs it; the first failure ends the soak. The
# harness then judges the whole kernel log (KASAN, lockdep, kmemleak).
SOAK_SECS=$(cmdline_arg nsatest.soak)
SOAK_SECS=${SOAK_SECS:-1800}
SOAK_SCENARIOS=$(cmdline_arg nsatest.soak_scenarios | tr , ' ')
SOAK_SCENARIOS=${SOAK_SCENARIOS:-daemon-portsteal rules-dumppass translate-names contid-exit-race delegation quota probes-disarmed genl-perms rules-diff load-cycles}
soak_start=$(date +%s)
round=0
while [ $(($(date +%s) - soak_start)) -lt "$SOAK_SECS" ]; do
	round=$((round + 1))
	for s in $SOAK_SCENARIOS; do
		t0=$(date +%s)
		log_from
		(. "/nsaudit/scenarios/$s.sh") >"$STATE/../soak-$s.out" 2>&1 ||
			fail "round $round: $s: $(grep -m 3 -e '^FAIL' "$STATE/../soak-$s.out" | tr '\n' ' ')"
		scenario_cleanup
		note "round $round: $s passed ($(($(date +%s) - t0)) s)"
	done
done
note "$round rounds of $(echo $SOAK_SCENARIOS | wc -w) attack scenarios in $(($(date +%s) - soak_start)) s"
