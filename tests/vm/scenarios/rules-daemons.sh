# Audit daemons do not feed each other. The kernel never audits its own
# audit daemon's syscalls; nsaudit neither selects the syscalls of an audit
# daemon (the kernel's, here nsa-auditd, or a registered one) nor routes
# the kernel's records of them to a daemon. Rules as broad as they come
# for what daemons do: the host's daemon H and container C's daemon select
# every write (each writes its log for every record it gets), and the
# kernel's rules select H's and C's writes. Without this, each record H
# writes is a write its rule selects: records without end.
#
# A host task and one in C each make 20 marked getppid calls: H gets the
# 40, C its 20, exactly; no record in either log is of a daemon's syscall
# (H's, C's or nsa-auditd's), nor a copy of the kernel's records of the
# daemons' writes, which the kernel's log holds all the same; nothing is
# lost.
nsa_load
chmod 1777 "$STATE"
M=0x6d61726b

cat >"$STATE/inside.sh" <<EOF
. /nsaudit/lib.sh
nsa-daemon "$STATE/C.log" >"$STATE/C.daemon" 2>&1 &
d=\$!
wait_until 60 grep -qs -e '^registered' -e '^error' "$STATE/C.daemon" || exit 1
{ nsauditctl -a always,exit -F arch=b64 -S write -k c-write &&
	nsauditctl -a always,exit -F arch=b64 -S getppid -F a3=$M -k c-mark; } >"$STATE/C.rule" 2>&1 &&
	echo ok >>"$STATE/C.rule"
wait_until 600 test -e "$STATE/go"
nsa-gen sys $(for i in $(seq 20); do printf ' 110,0,0,0,%s' $M; done) >"$STATE/C.gen" 2>&1
: >"$STATE/C.done"
wait_until 600 test -e "$STATE/C.stop"
kill -TERM \$d
wait \$d
EOF

nsa-daemon "$STATE/H.log" >"$STATE/H.daemon" 2>&1 &
H=$!
wait_until 60 grep -qs '^registered' "$STATE/H.daemon" || fail "H: $(cat "$STATE/H.daemon")"
nsauditctl -a always,exit -F arch=b64 -S write -k h-write || fail "H: write rule"
nsauditctl -a always,exit -F arch=b64 -S getppid -F a3=$M -k h-mark || fail "H: mark rule"
nsa-runas 100000 100000 $CONTAINER sh "$STATE/inside.sh" &
job=$!
wait_until 60 grep -qs '^ok' "$STATE/C.rule" || fail "C: $(cat "$STATE/C.daemon" "$STATE/C.rule" 2>&1)"
C=$(hostpid_of "$STATE/C.log" nsa-daemon) || fail "C: no daemon"
C_in=$(nspid "$C" 1)
A=$(cat /tmp/nsa-auditd.pid)
auditctl -a always,exit -F arch=b64 -S write -F pid=$H -k k-write >/dev/null || fail "auditctl H"
auditctl -a always,exit -F arch=b64 -S write -F pid=$C -k k-write >/dev/null || fail "auditctl C"
note "H selects every write, C every write of its container, the kernel H's and C's"

: >"$STATE/go"
nsa-gen sys $(for i in $(seq 20); do printf ' 110,0,0,0,%s' $M; done) >"$STATE/H.gen" 2>&1 ||
	fail "host workload"
wait_until 60 test -e "$STATE/C.done" || fail "C: workload"

marks() { grep -c "^type=1300 .* syscall=110 .* key=\"$2\"" "$STATE/$1.log"; }
wait_until 60 eval '[ "$(marks H h-mark)" -ge 40 ] && [ "$(marks C c-mark)" -ge 20 ]' ||
	fail "marked calls: H $(marks H h-mark) of 40, C $(marks C c-mark) of 20"
wait_until 60 daemon_status H "$H" || fail "H: $(cat "$STATE/H.status")"
wait_until 60 daemon_status C "$C" || fail "C: $(cat "$STATE/C.status")"
expect_eq "H: marked calls" "$(marks H h-mark)" 40
expect_eq "C: marked calls" "$(marks C c-mark)" 20
expect_eq "H: lost" "$(daemon_field H lost)" 0
expect_eq "C: lost" "$(daemon_field C lost)" 0
note "marked calls: H got 40, C 20; nothing lost"

# Not one record of a daemon's syscall, in either log.
bypid() { grep -c "^type=1300 .* pid=$2 " "$STATE/$1.log"; }
expect_eq "H: records of H's syscalls" "$(bypid H "$H")" 0
expect_eq "H: records of C's syscalls" "$(bypid H "$C")" 0
expect_eq "H: records of nsa-auditd's syscalls" "$(bypid H "$A")" 0
expect_eq "C: records of C's syscalls" "$(bypid C "$C_in")" 0
expect_eq "copies of the kernel's k-write SYSCALL records" \
	"$(cat "$STATE/H.log" "$STATE/C.log" | grep -c '^type=1300 .* key="k-write"')" 0
log_barrier || fail "log barrier"
kw=$(log_since | grep -c "^type=SYSCALL .* key=\"k-write\"")
[ "$kw" -gt 0 ] || fail "the kernel's log has no record of the daemons' writes"
note "no record of H, C or nsa-auditd in H's or C's log; the kernel's log has $kw of their writes"

auditctl -D >/dev/null
: >"$STATE/C.stop"
wait "$job" || fail "C: container exit $?"
nsauditctl -D >/dev/null || fail "H: -D"
kill -TERM "$H"
wait "$H" || fail "H: exit $?"
