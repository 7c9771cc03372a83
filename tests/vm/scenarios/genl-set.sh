# SET from root: every setting takes effect (status, the enrich parameter
# and the records themselves agree), several change in one request, each
# change is announced exactly once on the "config" group (also to a
# listener in another network namespace), and the enrich parameter takes
# the same path.
nsa_load
param=/sys/module/nsaudit/parameters/enrich
settings() { nsauditctl status | grep -E '^(enrich|daemons|queue|rules|backlog|memory|contids|user_daemons|user_memory|daemon_memory) ' | tr '\n' ' '; }

log_barrier || fail "log barrier"
sets_before=$(records CONFIG_CHANGE | grep -c ' op=nsaudit-set ')
expect_eq "defaults" "$(settings)" "enrich 1 daemons 64 queue 8192 rules 256 backlog 8192 memory 65536 contids 4096 user_daemons 16 user_memory 32768 daemon_memory 16384 "
expect_eq "status version" "$(nsauditctl status | grep '^version ')" "version 1.6"
expect_eq "features" "$(nsauditctl status | grep '^features ')" "features enrich nsid daemons rules contid"

# Listeners: one on the host, one in its own network namespace (and user
# namespace), each waiting for exactly four changes.
nsauditctl monitor --count 4 --timeout 120 >"$STATE/mon.host" 2>"$STATE/mon.host.err" &
mon_host=$!
nsa-runas 65534 65534 $UNSHARE -U -r -n nsauditctl monitor --json --count 4 --timeout 120 \
	>"$STATE/mon.netns" 2>"$STATE/mon.netns.err" &
mon_netns=$!
for m in host netns; do
	wait_until 30 grep -q 'subscribed' "$STATE/mon.$m.err" ||
		fail "monitor $m did not subscribe: $(cat "$STATE/mon.$m.err")"
done

# 1: several settings in one request.
nsauditctl set daemons 5 queue 16 rules 0 backlog 16 memory 64 contids 7 user_daemons 2 user_memory 96 daemon_memory 80 || fail "set limits"
expect_eq "after set" "$(settings)" "enrich 1 daemons 5 queue 16 rules 0 backlog 16 memory 64 contids 7 user_daemons 2 user_memory 96 daemon_memory 80 "
# 2: enrichment off: the parameter says N and records stay plain.
auditctl -a always,exit -F arch=b64 -S openat -F success=0 -k nsa_set >/dev/null || fail "auditctl"
nsauditctl set enrich off || fail "set enrich off"
expect_eq "param after set off" "$(cat $param)" N
nsa-gen open 1 /nsa-missing/set-off >"$STATE/gen.out" || fail "nsa-gen"
pid=$(sed -n 's/.*hostpid=\([0-9]*\).*/\1/p' "$STATE/gen.out")
wait_until 20 count_is 1 records SYSCALL "$pid" || fail "no record of $pid"
! has_nsid "$(records SYSCALL "$pid")" || fail "enriched while off"
# 3: the parameter takes the same path: announced and logged too.
echo 1 >$param || fail "param on"
expect_eq "status after param on" "$(settings)" "enrich 1 daemons 5 queue 16 rules 0 backlog 16 memory 64 contids 7 user_daemons 2 user_memory 96 daemon_memory 80 "
# (No spawn/go here: go waits for every background job, the monitors too.)
nsa-gen open 1 /nsa-missing/set-on >"$STATE/gen.out" || fail "nsa-gen"
pid=$(sed -n 's/.*hostpid=\([0-9]*\).*/\1/p' "$STATE/gen.out")
wait_until 20 count_is 1 records SYSCALL "$pid" || fail "no record of $pid"
ends_with_nsid "$(records SYSCALL "$pid")" "$(nsid_truth $$)" || fail "not enriched after param on"
# 4: the auditctl-style short form, back to the defaults.
nsauditctl -e 1 || fail "-e 1"
nsauditctl set daemons 64 queue 8192 rules 256 backlog 8192 memory 65536 contids 4096 user_daemons 16 user_memory 32768 daemon_memory 16384 || fail "restore"

wait "$mon_host" || fail "host monitor: $(cat "$STATE/mon.host.err" "$STATE/mon.host" | tr "\n" "|")"
wait "$mon_netns" || fail "netns monitor: $(cat "$STATE/mon.netns.err" "$STATE/mon.netns" | tr "\n" "|")"
expect_eq "host monitor" "$(tr '\n' '|' <"$STATE/mon.host")" \
	"enrich=1 daemons=5 queue=16 rules=0 backlog=16 memory=64 contids=7 share=all user_daemons=2 user_memory=96 daemon_memory=80|enrich=0 daemons=5 queue=16 rules=0 backlog=16 memory=64 contids=7 share=all user_daemons=2 user_memory=96 daemon_memory=80|enrich=1 daemons=5 queue=16 rules=0 backlog=16 memory=64 contids=7 share=all user_daemons=2 user_memory=96 daemon_memory=80|enrich=1 daemons=5 queue=16 rules=0 backlog=16 memory=64 contids=7 share=all user_daemons=2 user_memory=96 daemon_memory=80|"
[ "$(grep -c '"limits":{"daemons":5,"queue":16,"rules":0,"backlog":16,"memory":64,"contids":7,"user_daemons":2,"user_memory":96,"daemon_memory":80}' "$STATE/mon.netns")" = 4 ] ||
	fail "netns monitor: $(cat "$STATE/mon.netns")"
grep -q '"enrich":false' "$STATE/mon.netns" || fail "netns monitor missed enrich off"

# Each change is one CONFIG_CHANGE record naming exactly what changed.
log_barrier || fail "log barrier"
sets=$(records CONFIG_CHANGE | grep ' op=nsaudit-set ' | tail -n +$((sets_before + 1)))
expect_eq "nsaudit-set records" "$(echo "$sets" | grep -c .)" 5
echo "$sets" | sed -n 1p | grep -q ' op=nsaudit-set daemons=5 old-daemons=64 queue=16 old-queue=8192 rules=0 old-rules=256 backlog=16 old-backlog=8192 memory=64 old-memory=65536 contids=7 old-contids=4096 user_daemons=2 old-user_daemons=16 user_memory=96 old-user_memory=32768 daemon_memory=80 old-daemon_memory=16384 auid=' ||
	fail "record 1: $(echo "$sets" | sed -n 1p)"
echo "$sets" | sed -n 2p | grep -q ' op=nsaudit-set enrich=0 old-enrich=1 auid=.* res=1$' ||
	fail "record 2 (not enriched: logged after the switch): $(echo "$sets" | sed -n 2p)"
echo "$sets" | sed -n 3p | grep -q ' op=nsaudit-set enrich=1 old-enrich=0 auid=.* res=1 nsdev=' ||
	fail "record 3: $(echo "$sets" | sed -n 3p)"
expect_eq "settings at the end" "$(settings)" "enrich 1 daemons 64 queue 8192 rules 256 backlog 8192 memory 65536 contids 4096 user_daemons 16 user_memory 32768 daemon_memory 16384 "
