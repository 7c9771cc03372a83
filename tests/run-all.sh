#!/bin/bash
# make check: the unit tests (natively and under valgrind), the harness's
# own self-test, then every VM lane, two at a time (each QEMU runs
# single-threaded TCG on one host core). Ends with "check: N passed,
# M failed", counting unit checks and VM scenarios; a lane that dies
# without reporting (panic, splat, timeout) counts as one failure.
#
# NSAUDIT_LANES overrides the lanes (README, Testing, lists them all), and
# NSAUDIT_SCENARIOS the scenarios of every lane.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
build=${NSAUDIT_BUILD:-$top/build}
cache=${NSAUDIT_CACHE:-/var/cache/nsaudit}
export NSAUDIT_BUILD=$build NSAUDIT_CACHE=$cache
mkdir -p "$build" "$cache"
start=$(date +%s)
passed=0
failed=0
# What failed, repeated at the end: CI shows only the output's tail.
failures=()
splat_re=$("$top/tests/vm/check-log.sh" --pattern)

"$here/host-deps.sh" || exit 1

# The cache builders from an empty cache, beside the unit tests (mostly
# downloads and unpacking): CI's cache is always warm, a new machine's not.
"$here/vm/check-builders.sh" >"$build/builders.log" 2>&1 &
builders_pid=$!

# --- unit tests ---------------------------------------------------------------
unit_log=$build/unit.log
if make -s -C "$here/unit" check >"$unit_log" 2>&1; then
	echo "check: unit tests passed"
else
	echo "check: unit tests FAILED (log: $unit_log)"
	failures+=("unit tests: $(grep -m 3 -E '^[^ ]*:[0-9]+:.*:F:|ERROR SUMMARY: [1-9]' "$unit_log" | tr '\n' ' ')")
fi
read -r checks fails errs < <(sed -n 's/^[0-9]*%: Checks: \([0-9]*\), Failures: \([0-9]*\), Errors: \([0-9]*\)$/\1 \2 \3/p' "$unit_log" | head -n 1)
if [ -n "${checks:-}" ] && grep -q 'ERROR SUMMARY: 0 errors' "$unit_log"; then
	passed=$((passed + checks - fails - errs))
	failed=$((failed + fails + errs))
else
	failed=$((failed + 1))
fi

# --- checks outside the VMs, one count each ---------------------------------------
# step WHAT LOG CMD...: runs CMD with its output in LOG and counts it.
step() {
	local what=$1 log=$2
	shift 2
	if "$@" >"$log" 2>&1; then
		passed=$((passed + 1))
		echo "check: $what passed"
	else
		failed=$((failed + 1))
		echo "check: $what FAILED (log: $log)"
		failures+=("$what: $(tail -n 3 "$log" | tr '\n' ' ')")
	fi
}
# The genetlink YAML spec matches the UAPI header.
step "genetlink spec" "$build/spec.log" "$here/spec/run.sh"
# Man pages render and name every command; completions parse; the systemd
# unit verifies.
step "man pages, completions and systemd unit" "$build/tools-check.log" make -s -C "$top/tools" check
# The Debian packages build, and lintian finds no error in them.
step "Debian packages (make deb, lintian)" "$build/deb.log" make -C "$top" deb
# The harness judges splats and missing success signals.
step "VM harness self-test" "$build/selftest.log" "$here/vm/selftest.sh"
# Each cache builder kept its contract from an empty cache.
step "cache builders from an empty cache" "$build/builders-wait.log" wait "$builders_pid"
sed 's/^/  /' "$build/builders.log"

# --- VM lanes -------------------------------------------------------------------
# Two at a time, each starting when a slot frees: the debug lane, the
# longest, in one slot, the others in order in the other, fuzz and auditd
# after debug (README, Testing, gives each lane's measured time). The debug
# lane (and fuzz's kernel) is NSAUDIT_DEBUG_LANE: "debug-6.12", Debian 13's
# 6.12 built with KASAN and lockdep, or "debug", Debian 12's 6.1 (both do
# not fit in CI's time).
export NSAUDIT_DEBUG_LANE=${NSAUDIT_DEBUG_LANE:-debug-6.12}
lanes=${NSAUDIT_LANES:-"$NSAUDIT_DEBUG_LANE generic rt generic-trixie rt-trixie generic-7.3 rt-7.3 packages fuzz auditd auditd-trixie"}
daemons="daemon-register daemon-routing daemon-lost daemon-unload"
rules="rules-fields rules-isolation rules-refused rules-unload rules-daemons rules-entry"
contid="contid-inherit contid-refused contid-race contid-many oci-hook"
# The attacks of a hostile namespace (README, Security model). Those that
# test logic, not context, run on generic and debug; contid-exit-race runs
# on rt too (it found a sleeping lock in atomic context there), and so does
# tracer-coexist, which needs kprobe_events and function_graph (the debug
# kernel's tinyconfig leaves them out). quota-pending runs on generic only:
# it preempts tasks at a syscall's exit, which only a kernel that preempts
# at voluntary points does where it must.
attacks="daemon-portsteal rules-dumppass translate-names contid-exit-race delegation quota"
# On rt, the refusals of malformed messages, settings and rules
# (genl-malformed, genl-set, rules-refused) are parsed in process context
# as on generic, and rules-isolation's probe and task work paths are
# rules-fields' own: generic and debug run them.
rt_rules="rules-fields rules-unload rules-entry"
# The generic and rt lanes' scenarios, on every kernel of its flavour
# (README, Kernel requirements). DKMS builds the module first (the dkms
# scenario): the host's for Debian 12's kernels, a Debian 13 root's for
# Debian 13's and trixie-backports'; bookworm-backports' 6.12 (by hand)
# runs a module built from the tree.
generic="nsid record-classes long-record record-limits switch load-cycles genl-perms genl-malformed genl-set $daemons $rules rules-diff $contid $attacks quota-pending tracer-coexist probes-disarmed audit-locked"
rt="nsid record-classes long-record switch load-cycles genl-perms $daemons $rt_rules $contid contid-exit-race tracer-coexist probes-disarmed audit-locked"
debug="nsid record-classes long-record switch load-cycles genl-perms genl-malformed genl-set $daemons $rules $contid $attacks probes-disarmed audit-locked"
# Debian's auditd beside the module, on Debian 12 (auditd 3.0.9) and
# Debian 13 (4.0.2): ausearch reads the records, auditctl's listings are
# nsauditctl's.
auditd="ausearch nsid record-classes long-record record-limits switch load-cycles nsauditd nsauditd-disk nsauditd-routing translate-names rules-auditctl rules-nsauditd contid-inherit contid-refused"
# audit-locked locks the kernel's audit configuration until the VM ends, so
# it comes last in each lane it runs on.
declare -A scen=(
	[generic]="dkms $generic"
	[rt]="dkms $rt"
	[debug]="$debug"
	[debug-6.12]="$debug"
	[generic-6.12]="$generic"
	[rt-6.12]="$rt"
	# quota-pending parks tasks between the exit probe and its task work
	# by a real-time wake-up, which 7.x's kernels, preempting lazily
	# (voluntary is gone), take inside the syscall instead: it cannot
	# build its case there (README, Testing).
	[generic-7.3]="dkms ${generic/ quota-pending/}"
	[rt-7.3]="dkms $rt"
	[generic-trixie]="dkms $generic"
	[rt-trixie]="dkms $rt"
	[fuzz]="genl-fuzz"
	[auditd]="$auditd"
	[auditd-trixie]="$auditd"
	# make deb's packages in a Debian 13 root, booted with systemd.
	[packages]="packages podman"
)

# Every lane's kernel (fetched, or the debug one built), build root and
# root file system first, all at once (on a cold cache the downloads and
# debootstraps overlap the debug kernel's compile; each builder takes a
# lock where lanes share what it makes), then DKMS for the lanes' kernels
# (the host's for Debian 12's, a Debian 13 root's for Debian 13's and its
# backports'): the lanes then run in parallel on a cache they only read.
mkdir -p "$build/ready"
declare -A ready_pid
# The Debian 13 DKMS root needs no kernel to start: its debootstrap and
# dkms install overlap the fetches and the build root's debootstrap.
case " $lanes " in
*-trixie" "* | *-7.3" "*)
	"$here/vm/build-dkms-root.sh" --prepare "$cache" trixie \
		>"$build/ready/dkmsroot" 2>"$build/ready/dkmsroot.err" &
	ready_pid[dkmsroot]=$! ;;
esac
for lane in $lanes; do
	# The packages lane boots generic-trixie's kernel on a root that
	# deb-root.sh makes when its turn comes.
	(here=$here/vm; . "$here/lanes.sh"; lane_kernel "${lane/#packages/generic-trixie}" >/dev/null &&
		echo "$KVER $DKMS ${DKMSROOT:--}") >"$build/ready/$lane" 2>"$build/ready/$lane.err" &
	ready_pid[$lane]=$!
done
for lane in "${!ready_pid[@]}"; do
	wait "${ready_pid[$lane]}" || {
		echo "check: the kernel of lane $lane could not be made ready:"
		tail -n 20 "$build/ready/$lane.err"
		exit 1
	}
done
echo "check: every lane's kernel ready after $(($(date +%s) - start)) s"
kvers=
root_kvers=
for lane in $lanes; do
	read -r kver dkms root <"$build/ready/$lane"
	[ "$dkms" = 1 ] || continue
	case "$root" in
	-) case " $kvers " in *" $kver "*) ;; *) kvers="$kvers $kver" ;; esac ;;
	trixie) case " $root_kvers " in *" $kver "*) ;; *) root_kvers="$root_kvers $kver" ;; esac ;;
	*) echo "check: no DKMS root for $root"; exit 1 ;;
	esac
done
if [ -n "$kvers" ]; then
	make -s -C "$top" dkms-install KVER="$kvers" >"$build/dkms.log" 2>&1 ||
		{ echo "check: dkms-install failed (log: $build/dkms.log)"; tail -n 20 "$build/dkms.log"; exit 1; }
	echo "check: DKMS built and installed nsaudit for$kvers"
fi
if [ -n "$root_kvers" ]; then
	"$here/vm/build-dkms-root.sh" "$cache" trixie $root_kvers >"$build/dkms-root.log" 2>&1 ||
		{ echo "check: DKMS in the Debian 13 root failed (log: $build/dkms-root.log)"; tail -n 20 "$build/dkms-root.log"; exit 1; }
	echo "check: DKMS in a Debian 13 root built and installed nsaudit for$root_kvers"
fi
export NSAUDIT_DKMS_DONE=1
# The guest programs once, before lanes that share them run in parallel.
"$here/vm/build-guest.sh" "$build/vm/guest" >"$build/guest.log" 2>&1 ||
	{ echo "check: guest programs failed to build (log: $build/guest.log)"; tail -n 20 "$build/guest.log"; exit 1; }

# NSAUDIT_SCENARIOS="nsid ...": every lane runs these instead of its set
# (after dkms where the lane has it): a quick pass over every lane's
# kernel, build and boot.
run_lane() {
	local lane=$1 list=${scen[$lane]}
	if [ "$lane" = packages ]; then
		# Its root first: the packages installed with apt, removed and
		# purged (counted below as a check of its own).
		mkdir -p "$build/vm/packages"
		if "$here/vm/deb-root.sh" "$cache" "$top/build/deb" "$build/deb-root.ext4" \
			>"$build/deb-root.log" 2>&1; then
			echo pass >"$build/deb-root.result"
		else
			echo fail >"$build/deb-root.result"
			return 1
		fi
	fi
	# (The packages lane's scenarios are its whole point: they stay.)
	if [ -n "${NSAUDIT_SCENARIOS:-}" ] && [ "$lane" != packages ]; then
		case " $list " in
		*" dkms "*) list="dkms $NSAUDIT_SCENARIOS" ;;
		*) list=$NSAUDIT_SCENARIOS ;;
		esac
	fi
	mkdir -p "$build/vm/$lane"
	"$here/vm/run-lane.sh" "$lane" $list >"$build/vm/$lane/run.log" 2>&1
}
declare -A pid_of
for lane in $lanes; do
	while [ "$(jobs -rp | wc -l)" -ge 2 ]; do wait -n; done
	run_lane "$lane" &
	pid_of[$lane]=$!
done
for lane in $lanes; do
	wait "${pid_of[$lane]}"
	rc=$?
	if [ "$lane" = packages ]; then
		sed 's/^/  /' "$build/deb-root.log"
		if [ "$(cat "$build/deb-root.result" 2>/dev/null)" = pass ]; then
			passed=$((passed + 1))
		else
			echo "check: the packages in a Debian 13 root FAILED (log: $build/deb-root.log)"
			failed=$((failed + 1))
			failures+=("deb-root: $(tail -n 3 "$build/deb-root.log" | tr '\n' ' ')")
		fi
	fi
	log=$build/vm/$lane/run.log
	grep -E '^(=== FAIL|FAIL|run-lane: )' "$log"
	# The guest's lines come through its serial console, ending in CR LF.
	read -r p f < <(tr -d '\r' <"$log" |
		sed -n 's/^nsaudit-vm: \([0-9]*\) passed, \([0-9]*\) failed$/\1 \2/p' | tail -n 1)
	passed=$((passed + ${p:-0}))
	failed=$((failed + ${f:-0}))
	if [ "$rc" != 0 ] && [ "${f:-0}" = 0 ]; then
		failed=$((failed + 1))	# died without reporting a failure
	fi
	if [ "$rc" != 0 ]; then
		# The lane's verdict and failed scenarios, and where a guest
		# died, what its console said last.
		failures+=("lane $lane: $(grep -aE '^(=== FAIL|FAIL|run-lane: .*FAIL|[0-9]+:)' "$log" | head -n 12 | tr -d '\r' | tr '\n' ' ')")
		[ -n "$f" ] || failures+=("lane $lane: its console's last lines: $(tail -n 15 "$build/vm/$lane/serial.log" 2>/dev/null | tr -d '\r' | tr '\n' '|')")
		# A splat's first lines name where it happened; the tail
		# above holds only the panic's own trace.
		first=$(grep -anE -m 1 "$splat_re" "$build/vm/$lane/serial.log" 2>/dev/null | cut -d: -f1)
		[ -z "$first" ] || failures+=("lane $lane: its first splat (line $first on): $(tail -n "+$first" "$build/vm/$lane/serial.log" | head -n 45 | tr -d '\r' | tr '\n' '|')")
	fi
done

for line in "${failures[@]}"; do
	echo "check: FAILED: $line" | cut -c1-4000
done
echo "check: $(($(date +%s) - start)) s"
echo "check: $passed passed, $failed failed"
[ "$failed" = 0 ]
