# make bench: the cost of a syscall with nsaudit loaded over not loaded, in
# one VM run. The audited syscall three ways, each consumer in turn taking
# the kernel's records: (a) a consumer that reads and drops them (the
# kernel's and the module's cost alone), (b) Debian's auditd with
# log_format = RAW, (c) Debian's auditd as shipped (ENRICHED). Runs
# alternate (unloaded, loaded) ROUNDS times; the figures are medians. Then
# nsauditd's rate against auditd's on the same bursts, per-namespace rules
# and the container ID's fork cost (below). Prints tables.
# nsatest.rounds=N (9), nsatest.bench=PART,... (all; audited, burst, rules,
# fork) on the kernel command line (NSAUDIT_VM_APPEND) pick less.
rounds=$(cmdline_arg nsatest.rounds)
rounds=${rounds:-9}
parts=$(cmdline_arg nsatest.bench)
part() { case ",${parts:-all}," in *,all,* | *,"$1",*) return 0 ;; esac; return 1; }
auditctl -a always,exit -F arch=b64 -S openat -F success=0 -F exit=-ENOENT -k nsa_bench >/dev/null ||
	fail "auditctl"
path=/nsa-missing/bench
# Records per audited openat: SYSCALL CWD PATH PROCTITLE EOE.
per_event=5

median() {
	sort -n "$1" | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# The consumer's process: auditd's, or nsa-auditd --drain's.
consumer_pid() {
	auditctl -s | sed -n 's/^pid //p'
}
# consumed: what the rounds made is consumed: the kernel's queue is empty,
# the consumer's socket too, and auditd has written a marker logged after.
consumed() {
	wait_until 600 eval 'auditctl -s | grep -q "^backlog 0\$"' || fail "the audit consumer did not catch up"
	_c=$(consumer_pid)
	# /proc/net/netlink: sk Eth Pid Groups Rmem ...; NETLINK_AUDIT is 9.
	wait_until 600 eval '[ "$(awk -v p="$_c" '"'"'$2 == 9 && $3 == p { print $5 }'"'"' /proc/net/netlink)" = 0 ]' ||
		fail "the consumer did not read its socket empty"
	[ "$_c" = "${drain_pid:-}" ] || log_barrier || fail "auditd did not log the marker"
}
# work PID: the CPU time (ns: instructions under -icount) every thread of
# PID has run. The processes of the audit path are measured so, not the
# whole CPU: the checks that wait for a round to be consumed run programs,
# whose work would count too.
work() {
	cat /proc/"$1"/task/*/schedstat | awk '{ s += $1 } END { printf "%.0f\n", s }'
}
for _p in /proc/[0-9]*; do
	[ "$(cat "$_p/comm" 2>/dev/null)" = kauditd ] && kauditd_pid=${_p#/proc/}
done
[ -n "${kauditd_pid:-}" ] || fail "no kauditd thread"
auditd_stop() {
	_pid=$(consumer_pid)
	kill "$_pid"
	wait_until 60 eval '! kill -0 $_pid 2>/dev/null' || fail "auditd did not stop"
}
# auditd_start FORMAT: Debian's auditd (guest_setup's settings) with
# log_format = FORMAT.
auditd_start() {
	sed -i "s/^log_format = .*/log_format = $1/" /etc/audit/auditd.conf
	/sbin/auditd || fail "auditd did not start"
	wait_until 30 eval 'auditctl -s | grep -q "^pid [1-9]"' || fail "auditd did not register"
}
drain_start() {
	nsa-auditd --drain >"$STATE/drain.out" 2>&1 &
	drain_pid=$!
	wait_until 30 grep -q '^ready ' "$STATE/drain.out" || fail "nsa-auditd --drain: $(cat "$STATE/drain.out")"
}
drain_stop() {
	kill "$drain_pid"
	wait "$drain_pid" || fail "nsa-auditd --drain: exit $?"
	grep -q '^records=[1-9][0-9]* lost=0$' "$STATE/drain.out" || fail "nsa-auditd --drain: $(cat "$STATE/drain.out")"
}

# rounds_of WHO: ROUNDS alternating rounds of 2 000 audited calls. Into
# $STATE/work.WHO.{off,on}: the work per call of the audit path: the
# calling process's own CPU time, and kauditd's and the consumer's (every
# thread) from the first call until the round is consumed (not the
# journal's or writeback's threads, which auditd's writes wake); into
# $STATE/audited.WHO.{off,on}: ns per call of the loop alone (what ran
# meanwhile on the one vCPU included, what ran after not). Unaudited
# getppid into $STATE/plain.WHO.{off,on}.
rounds_of() {
	nsa-bench audited 2000 $path >/dev/null	# warm up caches and the consumer
	consumed
	_i=0
	while [ $_i -lt "$rounds" ]; do
		for _state in off on; do
			[ $_state = on ] && nsa_load && consumed
			_c=$(consumer_pid)
			_w0=$(($(work "$_c") + $(work "$kauditd_pid")))
			_out=$(nsa-bench audited 2000 $path)
			consumed
			_w1=$(($(work "$_c") + $(work "$kauditd_pid")))
			[ "$_w1" -gt "$_w0" ] || fail "no run time in /proc/PID/schedstat (CONFIG_SCHED_INFO?)"
			echo "$_out" | sed -n 's/^ns=//p' >>"$STATE/audited.$1.$_state"
			awk -v cpu="$(echo "$_out" | sed -n 's/^cpu=//p')" \
				"BEGIN { printf \"%.1f\\n\", cpu + ($_w1 - $_w0) / 2000 }" >>"$STATE/work.$1.$_state"
			# The unaudited call does not reach the consumer: once.
			[ "$1" = enriched ] &&
				nsa-bench plain 200000 | sed -n 's/^ns=//p' >>"$STATE/plain.$1.$_state"
			[ $_state = on ] && nsa_unload
		done
		_i=$((_i + 1))
	done
}

# nsatest.consumers=drain,raw,enriched: fewer of the three (for a quick
# look at the module's own share, drain alone).
consumers=$(cmdline_arg nsatest.consumers | tr , ' ')
consumers=${consumers:-enriched raw drain}
if part audited; then
	for who in $consumers; do
		case $who in
		enriched) ;;
		raw) auditd_stop && auditd_start RAW ;;
		drain) auditd_stop && drain_start ;;
		*) fail "nsatest.consumers: '$who' is none of drain, raw, enriched" ;;
		esac
		rounds_of $who
		case $who in
		raw) auditd_stop && auditd_start ENRICHED ;;
		drain) drain_stop && auditd_start ENRICHED ;;
		esac
	done
	# The work per call of the audit path (until consumed) is the figure;
	# the loop's own time, which counts what ran while it did (the journal
	# and writeback included) but not what ran after, is in the bench:
	# lines beside.
	printf '  %-34s %12s %12s %8s %8s\n' "median of $rounds rounds, work/call" "unloaded" "loaded" "ratio" "target"
	for row in drain:"audited, a consumer that drops:<= 1.01" raw:"audited, auditd log_format=RAW:<= 1.02" \
		enriched:"audited, auditd ENRICHED (Debian):-" enriched-plain:"unaudited syscall (ns/call):<= 1.01"; do
		who=${row%%:*}
		row=${row#*:}
		what=${row%:*}
		target=${row##*:}
		case $who in
		*-plain) f=plain.${who%-plain} ;;
		*) f=work.$who ;;
		esac
		[ -s "$STATE/$f.off" ] || continue
		off=$(median "$STATE/$f.off")
		on=$(median "$STATE/$f.on")
		r=$(awk "BEGIN { printf \"%.3f\", $on / $off }")
		printf '  %-34s %12.1f %12.1f %8s %8s\n' "$what" "$off" "$on" "$r" "$target"
		case $who in
		*-plain) note "bench: $what unloaded=$off loaded=$on ratio=$r target=$target" ;;
		*)
			loff=$(median "$STATE/audited.$who.off")
			lon=$(median "$STATE/audited.$who.on")
			note "bench: $what (work/call) unloaded=$off loaded=$on ratio=$r target=$target" \
				"module=$(awk "BEGIN { printf \"%.0f\", $on - $off }")/event;" \
				"loop ns/call unloaded=$loff loaded=$lon ratio=$(awk "BEGIN { printf \"%.3f\", $lon / $loff }")"
			;;
		esac
	done
	# Each event is $per_event records, of which the module changes one.
	if [ -s "$STATE/work.drain.on" ]; then
		d_drain=$(awk "BEGIN { print $(median "$STATE/work.drain.on") - $(median "$STATE/work.drain.off") }")
		note "bench: the module's cost with the dropping consumer: $d_drain ns/event," \
			"$(awk "BEGIN { printf \"%.0f\", $d_drain / $per_event }") ns per record of the $per_event"
	fi
fi

if part burst; then
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
		# Every event reaches both logs. The kernel's audit may deliver the
		# marker before some earlier records when auditd's socket was full
		# (kauditd's retry and hold queues), so the count may need a moment.
		for f in "$STATE/nsd/audit.log" "$LOG"; do
			wait_until 300 eval '[ "$(grep -c "name=\"$path.burst$i\"" "$f")" = $burst ]' ||
				fail "burst $i: events in $f: $(grep -c "name=\"$path.burst$i\"" "$f"), want $burst"
		done
		note "burst $i: $n records to nsauditd, none lost; auditd $((t_auditd / 1000000)) ms, nsauditd $((t_nsd / 1000000)) ms"
		i=$((i + 1))
	done
	printf '  %-34s %12s %12s %8s %8s\n' "median of 3 bursts of $burst events" "auditd" "nsauditd" "ratio" "target"
	printf '  %-34s %12.0f %12.0f %8.3f %8s\n' "records/s written to the log" "$(median "$STATE/rate.auditd")" \
		"$(median "$STATE/rate.nsauditd")" "$(median "$STATE/rate.ratio")" ">= 1.00"
	kill -TERM "$nsd"
	wait "$nsd" || fail "nsauditd exit $?"
fi

if part rules; then
	[ -d /sys/module/nsaudit ] || nsa_load
	# --- per-namespace rules ------------------------------------------------------
	# (a) A syscall audited by a container's own rule (nsauditd, no host rule)
	# over the same syscall audited by the same rule in the kernel's own audit
	# (auditctl, Debian's auditd): a failing openat loop in a container, as ns
	# per call, and as ns per call until the daemon had logged every record of
	# the round ("until logged": from the first call until waitlog saw the
	# last record in the log). Ours runs in container C, whose nsauditd holds
	# the rule; the kernel's in container K, which has no daemon, so that the
	# module (loaded, as it stays) routes nothing of K's. Both daemons flush
	# every record (auditd: see guest_setup; nsauditd: freq = 1). Rounds
	# alternate; medians.
	# No host rule: the rows above leave theirs.
	auditctl -D >/dev/null || fail "auditctl -D"
	mkdir -p "$STATE/own"
	chmod 1777 "$STATE" "$STATE/own"
	own_rule='-a always,exit -F arch=b64 -S openat -F success=0 -k b'
	echo "$own_rule" >"$STATE/own.rules"
	printf 'log_file = %s\nflush = incremental_async\nfreq = 1\nrules_file = %s\n' \
		"$STATE/own/audit.log" "$STATE/own.rules" >"$STATE/own.conf"
	for c in C K; do
		printf '. /nsaudit/lib.sh\nwait_until 1800 test -e %s/stop\n' "$STATE" >"$STATE/$c.sh"
	done
	nsa-runas 100000 100000 $CONTAINER sh "$STATE/C.sh" &
	nsa-runas 200000 200000 $CONTAINER sh "$STATE/K.sh" &
	trap ': >"$STATE/stop"' EXIT
	for c in C K; do
		wait_until 60 eval "CPID_$c=\$(hostpid_of \"\$STATE/$c.sh\" sh)" || fail "container $c did not start"
	done
	# in_ctr C|K CMD...: CMD in that container, as its root.
	in_ctr() {
		eval "_c=\$CPID_$1"
		shift
		nsenter -t "$_c" -U -m -n -p -- "$@"
	}
	in_ctr C nsauditd -c "$STATE/own.conf" 2>"$STATE/own.err" || fail "C: nsauditd: $(cat "$STATE/own.err")"
	expect_eq "C: its rules" "$(in_ctr C nsauditctl -l)" "-a always,exit -F arch=b64 -S openat -F success=0 -F key=b"
	expect_eq "host rules" "$(auditctl -l)" "No rules"
	in_ctr K nsauditctl status | grep -q '^daemon none' || fail "K has a daemon"
	own_lost() { in_ctr C nsauditctl status | sed -n 's/^daemon_lost //p'; }
	lost0=$(own_lost)

	# 1000 calls a round: the kernel's 5 records an event take auditd 20 s to
	# several minutes to write under emulation, beside another VM.
	n=1000
	# round_own I / round_kernel I: one round; appends ns per call (loop, and
	# until logged) to $STATE/rule.{own,kernel}{,.logged}.
	round_own() {
		_log=$STATE/own/audit.log
		_off=$(stat -c %s "$_log")
		_out=$(in_ctr C nsa-bench audited $n "/nsa-missing/own.$1") || fail "own round $1: $_out"
		_at=$(nsa-bench waitlog "$_log" "$_off" 'key="b"' $n 900) || fail "own round $1: nsauditd logged only $_at of $n"
		echo "$_out" | sed -n 's/^ns=//p' >>"$STATE/rule.own"
		awk -v s="$(echo "$_out" | sed -n 's/^start=//p')" -v a="${_at#at=}" \
			"BEGIN { print (a - s) / $n }" >>"$STATE/rule.logged.own"
	}
	round_kernel() {
		_path=/nsa-missing/kernel.$1
		auditctl -a always,exit -F arch=b64 -S openat -F success=0 -k b >/dev/null || fail "auditctl"
		_off=$(stat -c %s "$LOG")
		_out=$(in_ctr K nsa-bench audited $n "$_path") || fail "kernel round $1: $_out"
		# The PATH record names the round's path; the event's EOE follows it.
		# Records auditd's full socket refused wait in kauditd's retry and
		# hold queues until some new record wakes kauditd: while waiting, a
		# USER record every 5 s does.
		nsa-bench waitlog "$LOG" "$_off" "name=\"$_path\"" $n 600 >"$STATE/waitlog.out" &
		_w=$!
		while kill -0 $_w 2>/dev/null; do
			wait_until 5 eval '! kill -0 $_w 2>/dev/null' || nsa-gen user nsa-bench-wake >/dev/null
		done
		wait $_w || fail "kernel round $1: auditd logged only $(cat "$STATE/waitlog.out") of $n"
		_at=$(cat "$STATE/waitlog.out")
		auditctl -D >/dev/null || fail "auditctl -D"
		echo "$_out" | sed -n 's/^ns=//p' >>"$STATE/rule.kernel"
		awk -v s="$(echo "$_out" | sed -n 's/^start=//p')" -v a="${_at#at=}" \
			"BEGIN { print (a - s) / $n }" >>"$STATE/rule.logged.kernel"
	}
	# A round of each to warm up, not counted.
	round_kernel warm
	round_own warm
	rm -f "$STATE"/rule.*
	i=0
	while [ $i -lt "$rounds" ]; do
		round_kernel $i
		round_own $i
		i=$((i + 1))
	done
	# Every record of ours arrived, and nothing else matched in C.
	expect_eq "C: records lost" "$(own_lost)" "$lost0"
	expect_eq "C: events with key b" "$(grep -c 'key="b"' "$STATE/own/audit.log")" $(((rounds + 1) * n))
	expect_eq "host log: events of C's workload" "$(grep -c 'name="/nsa-missing/own\.' "$LOG")" 0

	printf '  %-34s %12s %12s %8s %8s\n' "median of $rounds rounds, ns/call" "kernel" "nsaudit" "ratio" "target"
	for w in rule rule.logged; do
		k=$(median "$STATE/$w.kernel")
		o=$(median "$STATE/$w.own")
		r=$(awk "BEGIN { printf \"%.3f\", $o / $k }")
		case $w in
		rule) what="audited openat, container rule"; target="<= 0.80"; tag=rule-audited ;;
		*) what="the same, until logged"; target="-"; tag=rule-audited-logged ;;
		esac
		printf '  %-34s %12.1f %12.1f %8.3f %8s\n' "$what" "$k" "$o" "$r" "$target"
		eval "sum_$(echo $tag | tr - _)=\"kernel=$k nsaudit=$o ratio=$r target=$target\""
	done

	# (b) An unaudited host syscall while a container's nsauditd holds 50
	# rules (the module's syscall-exit hook armed) over no module loaded. For
	# scale, the same call while the kernel's own consumer of that tracepoint
	# is armed (ftrace's raw_syscalls:sys_exit event, a filter matching no
	# call), without the module.
	i=1
	while [ $i -le 50 ]; do
		echo "-a always,exit -F arch=b64 -S getppid,openat -F a1=$i -k r$i"
		i=$((i + 1))
	done >"$STATE/fifty.rules"
	mkdir -p "$STATE/fifty" && chmod 1777 "$STATE/fifty"
	printf 'log_file = %s\nrules_file = %s\n' "$STATE/fifty/audit.log" "$STATE/fifty.rules" >"$STATE/fifty.conf"
	in_ctr C sh -c 'kill -TERM $(nsauditctl status | sed -n "s/^daemon_pid //p")'
	wait_until 60 eval 'in_ctr C nsauditctl status | grep -q "^daemon none"' || fail "C: nsauditd did not stop"
	nsa_unload
	ev=/sys/kernel/tracing/events/raw_syscalls/sys_exit
	[ -d $ev ] || mount -t tracefs nodev /sys/kernel/tracing || fail "tracefs"
	echo 'id == 99999' >$ev/filter || fail "ftrace filter"
	i=0
	while [ $i -lt "$rounds" ]; do
		nsa-bench plain 200000 | sed -n 's/^ns=//p' >>"$STATE/fifty.off"
		echo 1 >$ev/enable || fail "ftrace on"
		nsa-bench plain 200000 | sed -n 's/^ns=//p' >>"$STATE/fifty.ftrace"
		echo 0 >$ev/enable || fail "ftrace off"
		nsa_load
		in_ctr C nsauditd -c "$STATE/fifty.conf" 2>"$STATE/fifty.err" || fail "C: nsauditd: $(cat "$STATE/fifty.err")"
		expect_eq "round $i: C's rules" "$(in_ctr C nsauditctl -l | grep -c '^-a always,exit ')" 50
		nsa-bench plain 200000 | sed -n 's/^ns=//p' >>"$STATE/fifty.on"
		in_ctr C sh -c 'kill -TERM $(nsauditctl status | sed -n "s/^daemon_pid //p")'
		wait_until 60 eval 'in_ctr C nsauditctl status | grep -q "^daemon none"' || fail "C: nsauditd did not stop"
		nsa_unload
		i=$((i + 1))
	done
	# Each section's figures in names of their own, for its bench: lines.
	fifty_off=$(median "$STATE/fifty.off")
	fifty_on=$(median "$STATE/fifty.on")
	fifty_ft=$(median "$STATE/fifty.ftrace")
	r=$(awk "BEGIN { printf \"%.3f\", $fifty_on / $fifty_off }")
	rft=$(awk "BEGIN { printf \"%.3f\", $fifty_ft / $fifty_off }")
	printf '  %-34s %12s %12s %8s %8s\n' "median of $rounds rounds, ns/call" "unloaded" "loaded" "ratio" "target"
	printf '  %-34s %12.1f %12.1f %8.3f %8s\n' "unaudited getppid, 50 ns rules" "$fifty_off" "$fifty_on" "$r" "<= 1.03"
	printf '  %-34s %12.1f %12.1f %8.3f %8s\n' "the same, ftrace sys_exit instead" "$fifty_off" "$fifty_ft" "$rft" "-"
	: >"$STATE/stop"
	wait

	note "bench: rule-audited openat (ns/call) $sum_rule_audited"
	note "bench: rule-audited openat until logged (ns/call) $sum_rule_audited_logged"
	note "bench: unaudited getppid with 50 container rules (ns/call) unloaded=$fifty_off loaded=$fifty_on ratio=$r target=<= 1.03"
	note "bench: unaudited getppid with ftrace's sys_exit event armed (ns/call) unloaded=$fifty_off ftrace=$fifty_ft ratio=$rft"
fi

if part fork; then
	[ ! -d /sys/module/nsaudit ] || nsa_unload
	# (c) A fork+exit loop whose process carries an audit container ID (so
	# every child is given it, tracked and dropped) over the same loop without
	# the module. The ID is set while the loop's shell waits on a FIFO for its
	# go (a builtin read: no child yet); exec keeps it.
	n=5000
	rm -f "$STATE/fe.fifo"
	mkfifo "$STATE/fe.fifo" || fail "mkfifo"
	forkexit() {	# forkexit off|on: one round, appended to $STATE/forkexit.$1
		sh -c "read go <$STATE/fe.fifo && exec nsa-bench forkexit $n" >"$STATE/fe.out" 2>&1 &
		_fe=$!
		if [ "$1" = on ]; then
			nsauditctl contid set $_fe 31337 || fail "contid set"
		fi
		echo go >"$STATE/fe.fifo"
		wait $_fe || fail "forkexit: $(cat "$STATE/fe.out")"
		sed -n 's/^ns=//p' "$STATE/fe.out" >>"$STATE/forkexit.$1"
	}
	i=0
	while [ $i -lt "$rounds" ]; do
		forkexit off
		nsa_load
		forkexit on
		wait_until 60 eval '[ "$(nsauditctl status | sed -n "s/^contid_tasks //p")" = 0 ]' ||
			fail "tasks still tracked after the round"
		nsa_unload
		i=$((i + 1))
	done
	fe_off=$(median "$STATE/forkexit.off")
	fe_on=$(median "$STATE/forkexit.on")
	rfe=$(awk "BEGIN { printf \"%.3f\", $fe_on / $fe_off }")
	printf '  %-34s %12s %12s %8s %8s\n' "median of $rounds rounds, ns/fork" "unloaded" "loaded" "ratio" "target"
	printf '  %-34s %12.1f %12.1f %8.3f %8s\n' "fork+exit, the ID tracked" "$fe_off" "$fe_on" "$rfe" "<= 1.05"

	note "bench: fork+exit with a container ID tracked (ns/fork) unloaded=$fe_off loaded=$fe_on ratio=$rfe target=<= 1.05"
fi
