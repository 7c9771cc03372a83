# packages (packages lane): the Debian packages as an admin has them
# (tests/vm/deb-root.sh installed them in a Debian 13 root with apt; this
# VM boots that root with systemd as PID 1). nsauditd.service, enabled
# at install, started at boot: it loaded the module the package's DKMS
# built, reported ready (Type=notify) with its status, keeps only
# CAP_AUDIT_CONTROL; it logs a ruled event, reloads on systemctl reload,
# stops with exit status 0 and DAEMON_END, starts again, and is restarted
# by systemd, registered anew, when killed.
# The packages' nsauditctl, not the test image's.
PATH=/usr/sbin:/usr/bin:/sbin:/bin:/nsaudit/bin
expect_eq "PID 1" "$(cat /proc/1/comm)" systemd
expect_eq "the tool's path" "$(command -v nsauditctl)" /usr/sbin/nsauditctl
ko=$(ls "/lib/modules/$(uname -r)/updates/dkms/"nsaudit.ko* 2>/dev/null)
[ "$(printf '%s\n' "$ko" | grep -c .)" = 1 ] || fail "DKMS's modules: '$ko'"
dpkg-query -W -f '${Status}' nsaudit-dkms | grep -q 'ok installed' || fail "nsaudit-dkms not installed"
dpkg-query -S "/usr/src/nsaudit-$(sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' /usr/src/nsaudit-*/dkms.conf)/dkms.conf" >/dev/null ||
	fail "the DKMS source is not the package's"
expect_eq "enabled at install" "$(systemctl is-enabled nsauditd.service)" enabled
note "the root as apt left it: nsaudit-dkms installed, nsauditd.service enabled"

# Started at boot; the service loads the module itself (ExecStartPre=+modprobe).
log=/var/log/nsaudit/audit.log
journal() { journalctl -b -u nsauditd.service --no-pager 2>&1 | tail -n 30; }
wait_until 120 eval '[ "$(systemctl is-active nsauditd.service)" = active ]' ||
	fail "not active after boot: $(systemctl is-active nsauditd.service); $(journal)"
expect_eq "module path" "$(modinfo -n nsaudit)" "$ko"
pid=$(systemctl show -p MainPID --value nsauditd.service)
[ "${pid:-0}" -gt 0 ] || fail "no main pid"
expect_eq "status text" "$(systemctl show -p StatusText --value nsauditd.service)" "Logging to $log"
grep -q '^type=DAEMON_START ' "$log" || fail "no DAEMON_START: $(cat "$log")"
expect_eq "the module's daemon" "$(nsauditctl status | sed -n 's/^daemon_pid //p')" "$pid"
# Bit 30: CAP_AUDIT_CONTROL, and nothing else.
expect_eq "bounding set" "$(sed -n 's/^CapBnd:[[:space:]]*//p' "/proc/$pid/status")" 0000000040000000
expect_eq "effective set" "$(sed -n 's/^CapEff:[[:space:]]*//p' "/proc/$pid/status")" 0000000040000000
note "started: module loaded from $ko, READY with '$(systemctl show -p StatusText --value nsauditd.service)', capabilities: CAP_AUDIT_CONTROL only"

# A ruled event reaches its log; the rule names the test's program, as
# the system may still be starting other units that fail to open files.
nsauditctl -a always,exit -F arch=b64 -S openat -F success=0 -F exe=/nsaudit/bin/nsa-gen -k pkgsvc ||
	fail "rule"
nsa-gen open 3 /nsa-missing/pkgsvc >/dev/null
wait_until 30 eval '[ "$(grep -c "key=\"pkgsvc\"" "$log")" = 3 ]' ||
	fail "records: $(grep -c 'key="pkgsvc"' "$log"), want 3"
note "3 ruled events, 3 records in $log"

# Reload: SIGHUP through systemd, which waits for READY=1 again.
systemctl reload nsauditd.service || fail "reload: $(systemctl status nsauditd.service 2>&1 | tail)"
expect_eq "active after reload" "$(systemctl is-active nsauditd.service)" active
expect_eq "same pid after reload" "$(systemctl show -p MainPID --value nsauditd.service)" "$pid"
wait_until 30 grep -q '^type=DAEMON_CONFIG ' "$log" || fail "no DAEMON_CONFIG"
note "reload: DAEMON_CONFIG, same process"

# Stop: unregistered, DAEMON_END, exit status 0; the journal has its words.
systemctl stop nsauditd.service || fail "stop"
expect_eq "state after stop" "$(systemctl is-active nsauditd.service)" inactive
expect_eq "exit status" "$(systemctl show -p ExecMainStatus --value nsauditd.service)" 0
expect_eq "result" "$(systemctl show -p Result --value nsauditd.service)" success
grep -q '^type=DAEMON_END ' "$log" || fail "no DAEMON_END"
nsauditctl status | grep -qx 'daemon none' ||
	fail "still registered: $(nsauditctl status | grep '^daemon')"
journal | grep -q 'exiting' || fail "journal: $(journal)"
note "stop: exit 0, DAEMON_END, unregistered, its summary in the journal"

# And by hand again, as an admin restarts it.
systemctl start nsauditd.service || fail "start: $(journal)"
expect_eq "active again" "$(systemctl is-active nsauditd.service)" active
pid=$(systemctl show -p MainPID --value nsauditd.service)
expect_eq "its daemon again" "$(nsauditctl status | sed -n 's/^daemon_pid //p')" "$pid"
note "started by hand"

# Killed (SIGKILL: no unregistration, no DAEMON_END): the module frees
# its slot when the socket closes, and systemd (Restart=on-failure)
# starts a new daemon that registers in its place.
kill -KILL "$pid"
wait_until 60 eval '[ "$(systemctl show -p MainPID --value nsauditd.service)" != "$pid" ] &&
	[ "$(systemctl show -p MainPID --value nsauditd.service)" != 0 ] &&
	[ "$(systemctl is-active nsauditd.service)" = active ]' ||
	fail "not restarted after SIGKILL: $(journal)"
pid2=$(systemctl show -p MainPID --value nsauditd.service)
expect_eq "the new daemon is the module's" "$(nsauditctl status | sed -n 's/^daemon_pid //p')" "$pid2"
expect_eq "restarts" "$(systemctl show -p NRestarts --value nsauditd.service)" 1
systemctl stop nsauditd.service || fail "stop again"
expect_eq "exit status after the restart" "$(systemctl show -p ExecMainStatus --value nsauditd.service)" 0
note "killed: systemd restarted it once ($pid, then $pid2), the new one registered; stopped with 0"
