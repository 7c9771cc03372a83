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

# The module formats a set once and keeps each CPU's last one: records of
# tasks whose sets differ, made on one CPU, each carry their own; and a
# task whose set changes between two calls (unshare(CLONE_NEWUTS) between
# two failing openat) has the new set in its second record, differing from
# the first in utsns alone. (unshare -f: its own failing opens, of locale
# files, stay in a process apart.)
spawn mix-host taskset 1 $GEN open 40 /nsa-missing/mix
A=$PID
spawn mix-new taskset 1 $UNSHARE -U -r -u -i -n -f $GEN open 40 /nsa-missing/mix
B=$PID
truth_a=$(nsid_truth "$A") && truth_b=$(nsid_truth "$B") || fail "mix: no ground truth"
go
for p in "$A:$truth_a" "$B:$truth_b"; do
	wait_until 20 count_is 40 records SYSCALL "${p%%:*}" ||
		fail "mix: $(records SYSCALL "${p%%:*}" | wc -l) SYSCALL records of pid ${p%%:*}, want 40"
	records SYSCALL "${p%%:*}" | while read -r line; do
		ends_with_nsid "$line" "${p#*:}" || fail "mix: record $line does not end with ${p#*:}"
	done || exit 1
done
note "mix: 40 records each of pids $A and $B on CPU 0, each with its own set"
spawn change $GEN sys 257,-100,0 272,0x04000000 257,-100,0
truth=$(nsid_truth "$PID") || fail "change: no ground truth"
go
wait_until 20 count_is 2 records SYSCALL "$PID" ||
	fail "change: $(records SYSCALL "$PID" | wc -l) SYSCALL records of pid $PID, want 2"
first=$(records SYSCALL "$PID" | head -n 1)
second=$(records SYSCALL "$PID" | tail -n 1)
ends_with_nsid "$first" "$truth" || fail "change: first record $first does not end with $truth"
uts=$(echo "$truth" | sed -n 's/.* utsns=\([0-9]*\).*/\1/p')
new=$(echo "$second" | sed -n 's/.* utsns=\([0-9]*\).*/\1/p')
[ -n "$new" ] && [ "$new" != "$uts" ] || fail "change: second record's utsns '$new', want other than $uts: $second"
ends_with_nsid "$second" "$(echo "$truth" | sed "s/ utsns=$uts / utsns=$new /")" ||
	fail "change: second record differs in more than utsns: $second"
note "change: pid $PID: utsns $uts, then $new after unshare"
