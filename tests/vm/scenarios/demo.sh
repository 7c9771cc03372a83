# make demo: Debian's auditd on the host logs the same commands run on the
# host and inside a container made of new namespaces; their records, side by
# side, differ exactly in the nsID set. The module as installed: a
# container's daemon gets the host's records once the host delegates it.
modprobe nsaudit || fail "modprobe nsaudit"
auditctl -a always,exit -F arch=b64 -S openat -F success=0 -F exit=-ENOENT -k demo >/dev/null || fail "auditctl"
note "nsaudit loaded; rule: auditctl -a always,exit -F arch=b64 -S openat -F success=0 -F exit=-ENOENT -k demo"

# Each side tries once to open /etc/nsaudit-demo-secret, which does not exist.
spawn host $GEN open 1 /etc/nsaudit-demo-secret
host_pid=$PID
go
spawn ctr $UNSHARE -U -r -m -u -i -n -p -f -C -T $GEN open 1 /etc/nsaudit-demo-secret
ctr_pid=$PID
go
log_barrier || fail "auditd did not catch up"

host=$(records SYSCALL "$host_pid" | grep 'key="demo"')
ctr=$(records SYSCALL "$ctr_pid" | grep 'key="demo"')
[ -n "$host" ] && [ -n "$ctr" ] || fail "records missing"

note ""
note "host:      $(echo "$host" | cut -c1-160)..."
note "container: $(echo "$ctr" | cut -c1-160)..."
note ""
field() {	# field NAME LINE
	echo "$2" | tr ' ' '\n' | sed -n "s/^$1=//p" | tail -n 1
}
printf '  %-10s %-22s %-22s\n' field "host (pid $host_pid)" "container (pid $ctr_pid)"
for f in syscall exit comm key nsdev mntns utsns ipcns netns pidns userns cgroupns timens; do
	a=$(field $f "$host")
	b=$(field $f "$ctr")
	mark=" "
	[ "$a" != "$b" ] && mark="*"
	printf '  %-10s %-22s %-22s %s\n' "$f" "$a" "$b" "$mark"
done
note ""
note "ausearch -i -k demo (the container's event, as an auditor reads it):"
ausearch -i -if "$LOG" -k demo -p "$ctr_pid" 2>&1 | grep '^type=SYSCALL' | fold -w 150 | sed 's/^/    /'
[ "$(field mntns "$host")" != "$(field mntns "$ctr")" ] || fail "same mount namespace"

# The container's own audit daemon: nsauditd, run by the container's root
# (host uid 100000) in new user, PID, mount and network namespaces, once
# the host has delegated the container's user namespace, receives the
# records of its own processes only, in its own view.
note ""
note "A container with its own nsauditd (host uid 100000; user, PID, mount, network namespaces):"
chmod 1777 "$STATE"
cat >"$STATE/ctr.sh" <<EOS
. /nsaudit/lib.sh
nsauditd --foreground --node demo-ctr -l $STATE/ctr/audit.log 2>$STATE/ctr.err &
d=\$!
wait_until 60 eval 'nsauditctl status | grep -q "^daemon registered"' || exit 1
nsauditctl status | grep '^daemon[ _]' >$STATE/ctr.status
: >$STATE/ctr.ready
wait_until 60 test -e $STATE/ctr.delegated || exit 1
nsauditctl status | grep '^delegated ' >>$STATE/ctr.status
nsa-gen open 1 /etc/nsaudit-demo-secret >$STATE/ctr.gen
wait_until 60 grep -q nsaudit-demo-secret $STATE/ctr/audit.log
kill -TERM \$d
wait
EOS
mkdir -m 1777 "$STATE/ctr"
nsa-runas 100000 100000 $CONTAINER sh "$STATE/ctr.sh" &
wait_until 60 test -e "$STATE/ctr.ready" || fail "container: $(cat "$STATE/ctr.err")"
ctr_host=$(hostpid_of "$STATE/ctr.sh" sh) || fail "no container"
nsauditctl delegate "$ctr_host" || fail "delegate"
note "    nsauditctl delegate $ctr_host     # on the host: the container's daemon may see what the host's rules record"
: >"$STATE/ctr.delegated"
wait $! || fail "container: $(cat "$STATE/ctr.err")"
ctr_view=$(sed -n 's/^pid=\([0-9]*\).*/\1/p' "$STATE/ctr.gen")
sed 's/^/    nsauditctl status (in the container): /' "$STATE/ctr.status"
clog=$STATE/ctr/audit.log
log_barrier || fail "auditd did not catch up"
# The host's auditd has the same event with host ids; the container's log
# has it as the container sees it.
cline=$(grep '^node=demo-ctr type=SYSCALL ' "$clog" | grep " pid=$ctr_view " | head -n 1)
serial=${cline#*msg=audit(*:}
serial=${serial%%)*}
hline=$(grep "^type=SYSCALL msg=audit([0-9.]*:$serial)" "$LOG" | cut -d "$GS" -f 1)
[ -n "$cline" ] && [ -n "$hline" ] || fail "records missing: container '$cline' host '$hline'"
printf '  %-10s %-24s %-24s\n' field "host auditd" "container nsauditd"
for f in pid ppid uid euid auid key comm exe mntns pidns userns; do
	a=$(field $f "$hline")
	b=$(field $f "$cline")
	mark=" "
	[ "$a" != "$b" ] && mark="*"
	printf '  %-10s %-24s %-24s %s\n' "$f" "$a" "$b" "$mark"
done
note ""
note "ausearch -if (the container's log, as its own auditor reads it):"
ausearch -i -if "$clog" -a "$serial" 2>&1 | grep -v '^----' | fold -w 150 | sed 's/^/    /'
[ "$(field userns "$hline")" = "$(field userns "$cline")" ] || fail "not the same event"

# The container's own rules: no host rule at all; nsauditd in the
# container loads its rules file and logs what its rule selects, in its
# own view and with its own key; the host's auditd sees nothing of it.
note ""
note "The container's own rule, with no host rule at all (auditctl -D):"
auditctl -D >/dev/null || fail "auditctl -D"
mkdir -m 1777 "$STATE/own"
cat >"$STATE/own/nsaudit.rules" <<EOS
-a always,exit -F arch=b64 -S openat -F success=0 -F uid=0 -k mine
EOS
cat >"$STATE/own/nsauditd.conf" <<EOS
log_file = $STATE/own/audit.log
name_format = user
name = demo-ctr
rules_file = $STATE/own/nsaudit.rules
EOS
cat >"$STATE/own.sh" <<EOS
. /nsaudit/lib.sh
nsauditd --foreground --config $STATE/own/nsauditd.conf 2>$STATE/own.err &
d=\$!
wait_until 60 eval 'nsauditctl -l 2>/dev/null | grep -q mine' || exit 1
nsauditctl -l >$STATE/own.rules
nsa-gen open 1 /etc/nsaudit-demo-own >$STATE/own.gen
wait_until 60 grep -q 'key="mine"' $STATE/own/audit.log
kill -TERM \$d
wait
EOS
nsa-runas 100000 100000 $CONTAINER sh "$STATE/own.sh" || fail "container: $(cat "$STATE/own.err")"
sed 's/^/    nsauditctl -l (in the container): /' "$STATE/own.rules"
own_view=$(sed -n 's/^pid=\([0-9]*\).*/\1/p' "$STATE/own.gen")
oline=$(grep '^node=demo-ctr type=SYSCALL ' "$STATE/own/audit.log" | grep " pid=$own_view " | grep 'key="mine"' | head -n 1)
[ -n "$oline" ] || fail "the container's rule record is missing"
note "    container log: $(echo "$oline" | cut -c1-200)..."
log_barrier || fail "auditd did not catch up"
! grep -q 'key="mine"' "$LOG" || fail "the container's rule reached the host log"
note "    host log: no record with key \"mine\" (the rule is the container's alone)"
note ""
note "ausearch -if -k mine (the container's log):"
ausearch -i -if "$STATE/own/audit.log" -k mine 2>&1 | grep -v '^----' | fold -w 150 | sed 's/^/    /'
