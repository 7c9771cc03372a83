# The "enrich" parameter switches enrichment off and on at run time, and a
# load with enrich=0 starts switched off. A disabled probe is disarmed.
param=/sys/module/nsaudit/parameters/enrich
kprobes=/sys/kernel/debug/kprobes/list

# phase NAME WANT: three failing openat calls; WANT=yes if they must be
# enriched with the caller's set, no if they must be untouched.
phase() {
	spawn "$1" $GEN open 3 "/nsa-missing/$1"
	_truth=$(nsid_truth "$PID")
	go
	wait_until 20 count_is 3 records SYSCALL "$PID" || fail "$1: not 3 records"
	records SYSCALL "$PID" | while read -r l; do
		if [ "$2" = yes ]; then
			ends_with_nsid "$l" "$_truth" || fail "$1: not enriched: $l"
		else
			! has_nsid "$l" || fail "$1: enriched: $l"
		fi
	done || exit 1
	note "$1: enriched=$2"
}

auditctl -a always,exit -F arch=b64 -S openat -F success=0 -k nsa_switch >/dev/null || fail "auditctl"
nsa_load
expect_eq "default" "$(cat $param)" Y
# At the function's ftrace site: its first byte, or past its ENDBR (IBT).
grep -q -E 'audit_log_end\+0x[04] *\[FTRACE\]$' $kprobes || fail "probe not armed: $(cat $kprobes)"
# It claims IPMODIFY: ftrace marks the site " I" (an IP-modifying user).
grep -q '^audit_log_end (1) R I ' /sys/kernel/tracing/enabled_functions ||
	fail "no IPMODIFY claim: $(grep audit_log_end /sys/kernel/tracing/enabled_functions)"
phase on yes
echo 0 >$param || fail "switch off"
expect_eq "after off" "$(cat $param)" N
grep -q 'audit_log_end.*DISABLED' $kprobes || fail "probe not disarmed: $(cat $kprobes)"
phase off no
! echo maybe >$param 2>/dev/null || fail "'maybe' accepted"
expect_eq "after a bad value" "$(cat $param)" N
echo 1 >$param || fail "switch on"
phase on-again yes
nsa_unload

nsa_load enrich=0
expect_eq "loaded off" "$(cat $param)" N
phase loaded-off no
echo 1 >$param || fail "switch on"
phase loaded-off-then-on yes
nsa_unload

# Unloaded, the kernel is as it was: no probe, no module, plain records.
! grep -q audit_log_end $kprobes || fail "probe left behind: $(cat $kprobes)"
! grep -q '\[nsaudit\]' /proc/kallsyms || fail "module symbols left behind"
phase unloaded no
