# nsID sets in SYSCALL records equal ground truth from /proc, for a host
# process, one with all eight namespace types new, and one nested two levels
# deep.
nsa_load
auditctl -a always,exit -F arch=b64 -S openat -F success=0 -k nsa_nsid >/dev/null ||
	fail "auditctl"

# check_nsid NAME CMD...: CMD makes three failing openat calls; their three
# SYSCALL records must end with its ground-truth nsID set.
check_nsid() {
	_name=$1
	shift
	spawn "$_name" "$@" $GEN open 3 /nsa-missing/nsid
	_truth=$(nsid_truth "$PID") || fail "$_name: no ground truth for $PID"
	go
	wait_until 20 count_is 3 records SYSCALL "$PID" ||
		fail "$_name: $(records SYSCALL "$PID" | wc -l) SYSCALL records of pid $PID, want 3"
	records SYSCALL "$PID" | while read -r line; do
		case "$line" in *'key="nsa_nsid"'*) ;; *) fail "$_name: unexpected record $line" ;; esac
		ends_with_nsid "$line" "$_truth" || fail "$_name: record $line does not end with $_truth"
	done || exit 1
	note "$_name: pid $PID: $_truth"
	echo "$_truth" >"$STATE/$_name.truth"
}

check_nsid host
check_nsid all-new $UNSHARE -U -r -m -u -i -n -p -f -C -T
check_nsid nested $UNSHARE -U -r -m -p -f -n $UNSHARE -U -r -m -u -i -n -p -f -C -T

# Every namespace of the all-new process differs from the host's, and the
# nested process's set differs from both.
set -- $(cat "$STATE/host.truth")
for f in $(cat "$STATE/all-new.truth"); do
	case "$f" in nsdev=*) ;; *) [ "$f" != "$1" ] || fail "all-new shares $f with the host" ;; esac
	shift
done
[ "$(cat "$STATE/nested.truth")" != "$(cat "$STATE/all-new.truth")" ] || fail "nested equals all-new"
[ "$(cat "$STATE/nested.truth")" != "$(cat "$STATE/host.truth")" ] || fail "nested equals host"
