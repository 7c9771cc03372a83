# nsID sets in SYSCALL records equal ground truth from /proc, for a host
# process, one with all eight namespace types new, and one nested two levels
# deep.
nsa_load
auditctl -a always,exit -F arch=b64 -S openat -F success=0 -k nsa_nsid >/dev/null ||
	fail "auditctl"

# check_nsid NAME CMD...: CMD runs "nsa-gen open 3 PATH GO" somewhere; its
# three SYSCALL records must end with its ground-truth nsID set.
check_nsid() {
	_name=$1
	shift
	"$@" >"$STATE/$_name.out" 2>&1 &
	wait_until 20 grep -q hostpid= "$STATE/$_name.out" || fail "$_name: did not start: $(cat "$STATE/$_name.out")"
	_pid=$(sed -n 's/.*hostpid=\([0-9]*\).*/\1/p' "$STATE/$_name.out")
	_truth=$(nsid_truth "$_pid") || fail "$_name: no ground truth for $_pid"
	touch "$STATE/go"
	wait
	rm -f "$STATE/go"
	wait_until 20 count_is 3 records SYSCALL "$_pid" ||
		fail "$_name: $(records SYSCALL "$_pid" | wc -l) SYSCALL records of pid $_pid, want 3"
	records SYSCALL "$_pid" | while read -r line; do
		case "$line" in *'key="nsa_nsid"'*) ;; *) fail "$_name: unexpected record $line" ;; esac
		ends_with_nsid "$line" "$_truth" || fail "$_name: record $line does not end with $_truth"
	done || exit 1
	note "$_name: pid $_pid: $_truth"
	echo "$_truth" >"$STATE/$_name.truth"
}

gen="nsa-gen open 3 /nsa-missing/nsid $STATE/go"
check_nsid host $gen
check_nsid all-new /usr/bin/unshare -U -r -m -u -i -n -p -f -C -T $gen
check_nsid nested /usr/bin/unshare -U -r -m -p -f -n /usr/bin/unshare -U -r -m -u -i -n -p -f -C -T $gen

# Every namespace of the all-new process differs from the host's.
set -- $(cat "$STATE/host.truth")
for f in $(cat "$STATE/all-new.truth"); do
	case "$f" in nsdev=*) ;; *) [ "$f" != "$1" ] || fail "all-new shares $f with the host" ;; esac
	shift
done
[ "$(cat "$STATE/nested.truth")" != "$(cat "$STATE/all-new.truth")" ] || fail "nested equals all-new"
