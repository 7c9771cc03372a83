# make demo: Debian's auditd on the host logs the same commands run on the
# host and inside a container made of new namespaces; their records, side by
# side, differ exactly in the nsID set.
nsa_load
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
