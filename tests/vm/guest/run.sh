# Runs the scenarios named on the kernel command line
# (nsatest.scenarios=a,b), each in its own subshell, and reports
# "nsaudit-vm: N passed, M failed". Exit 0 only if all passed; with --exit
# (as PID 1) it leaves the VM instead, through nsa_exit.
export PATH=/nsaudit/bin:/usr/sbin:/usr/bin:/sbin:/bin
. /nsaudit/lib.sh

lane=$(cmdline_arg nsatest.lane)
scenarios=$(cmdline_arg nsatest.scenarios | tr , ' ')
echo "nsaudit-vm: lane $lane, kernel $(uname -r), scenarios: $scenarios"

pass=0
fail=0
if guest_setup; then
	for s in $scenarios; do
		echo "=== scenario $s"
		t0=$(date +%s)
		# Each scenario reads only the records logged since it began:
		# a lane's log grows to tens of megabytes (load-cycles), which
		# every records call would otherwise scan.
		log_from
		if (. "/nsaudit/scenarios/$s.sh"); then
			pass=$((pass + 1))
			echo "=== PASS $s ($(($(date +%s) - t0)) s)"
		else
			fail=$((fail + 1))
			echo "=== FAIL $s ($(($(date +%s) - t0)) s)"
		fi
		scenario_cleanup
	done
	guest_teardown || fail=$((fail + 1))
else
	fail=$((fail + 1))
fi
echo "nsaudit-vm: $pass passed, $fail failed"
rc=1
[ "$fail" = 0 ] && [ "$pass" -gt 0 ] && rc=0
[ "${1:-}" = --exit ] && nsa_exit $rc
exit $rc
