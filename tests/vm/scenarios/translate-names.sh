# Hostile names do not end translation. A container (new user, PID, mount
# and network namespaces, run by host uid 100000) runs a daemon and
# processes whose names (comm, set with prctl(PR_SET_NAME)), executable,
# working directory and opened paths hold ', ", = and spaces, and a byte
# above 0x7e; each fails to open a file of the host's root (0600) under a
# host rule with a key. The kernel frames each such name as "..." or hex;
# the daemon's copies must read key=(null) and the host root's files as
# ouid=65534 ogid=65534, never the host key or ouid=0, whatever came before
# in the record; the host's own records keep the key and uid 0.
nsa_load
chmod 1777 "$STATE"
log_from
hostkey=nsa_hostkey_tr
auditctl -a always,exit -F arch=b64 -S openat -F success=0 -k "$hostkey" >/dev/null ||
	fail "auditctl"

# Files of the host's root whose names hold ', " and =.
sq="$STATE/x'secret"
dq="$STATE/y\"=z'secret"
for f in "$sq" "$dq"; do
	: >"$f"
	chmod 0600 "$f"
done
sq_ino=$(stat -c %i "$sq")
dq_ino=$(stat -c %i "$dq")
# An executable and a working directory with a "'" in their path.
mkdir "$STATE/x'bin"
cp /nsaudit/bin/nsa-gen "$STATE/x'bin/nsa-gen" || fail "cp"
# Process names, one a line (at most 15 bytes: the kernel's comm).
printf '%s\n' "x'" "'" "a=b'c" 'key="k"' "x' key=x '" "uid=0'" "msg='" \
	"$(printf '\377')'" "\"'" "x'=(null)" >"$STATE/names"
nnames=$(wc -l <"$STATE/names")

cat >"$STATE/inside.sh" <<'EOF'
. /nsaudit/lib.sh
nsa-daemon "$STATE/T.log" >"$STATE/T.daemon" 2>&1 &
d=$!
wait_until 60 grep -q -e '^registered' -e '^error' "$STATE/T.daemon" &&
	grep -q '^registered' "$STATE/T.daemon" || exit 1
while IFS= read -r n; do
	for f in "$STATE/x'secret" "$STATE/y\"=z'secret"; do
		nsa-gen --comm "$n" open 1 "$f" >>"$STATE/T.gen" 2>&1 || exit 1
	done
done <"$STATE/names"
"$STATE/x'bin/nsa-gen" --comm "x'" open 1 "$STATE/x'secret" >>"$STATE/T.gen" 2>&1 || exit 1
(cd "$STATE/x'bin" && ./nsa-gen open 1 "../x'secret") >>"$STATE/T.gen" 2>&1 || exit 1
nsa-gen open 1 /nsa-missing/T-end >/dev/null
: >"$STATE/T.done"
wait_until 600 test -e "$STATE/stop"
kill -TERM "$d"
wait "$d"
EOF
nsa-runas 100000 100000 $CONTAINER sh "$STATE/inside.sh" &
wait_until 300 test -e "$STATE/T.done" ||
	fail "container did not finish: $(cat "$STATE/T.daemon" "$STATE/T.gen" 2>&1)"
note "$(cat "$STATE/T.daemon")"
wait_until 120 grep -qs '/nsa-missing/T-end' "$STATE/T.log" || fail "T: marker missing"
log_barrier || fail "host log: marker missing"

# Opens of each secret file: two per name (one of each file), then the
# copied executable's two of x'secret.
want_sq=$((nnames + 2))
want_dq=$nnames
want=$((want_sq + want_dq))

# The host's records: the key and uid 0, as the kernel wrote them.
host_sys() {
	records SYSCALL | grep " uid=100000 " | grep " exit=-13 " | grep " key=\"$hostkey\""
}
wait_until 60 count_is "$want" host_sys ||
	fail "host log: $(host_sys | wc -l) records of the container, want $want"
for ino in "$sq_ino $want_sq" "$dq_ino $want_dq"; do
	set -- $ino
	n=$(records PATH | grep -c " inode=$1 .* ouid=0 ogid=0 ")
	expect_eq "host log: PATH records of inode $1 owned by 0" "$n" "$2"
done
note "host log: $want records with key=\"$hostkey\", the files owned by 0"

# The daemon's copies: no host key text, in any framing, anywhere.
hexkey=$(printf '%s' "$hostkey" | od -An -tx1 -v | tr -d ' \n' | tr a-f A-F)
! grep -q -e "$hostkey" -e "$hexkey" "$STATE/T.log" ||
	fail "the host key in the daemon's log: $(grep -e "$hostkey" -e "$hexkey" "$STATE/T.log" | head -n 3)"
bad=$(grep '^type=1300 ' "$STATE/T.log" | grep -v ' key=(null)' | head -n 3)
[ -z "$bad" ] || fail "a SYSCALL record without key=(null): $bad"
dsys() {
	grep '^type=1300 ' "$STATE/T.log" | grep ' exit=-13 '
}
expect_eq "daemon: SYSCALL records of the opens" "$(dsys | wc -l)" "$want"
# Each name as the kernel framed it, as often in the copies as on the host.
comms() {
	sed 's/.* comm=\([^ ]*\) .*/\1/' | sort
}
host_sys | comms >"$STATE/host.comms"
dsys | comms >"$STATE/T.comms"
cmp -s "$STATE/host.comms" "$STATE/T.comms" ||
	fail "names differ: host $(tr '\n' ' ' <"$STATE/host.comms"), daemon $(tr '\n' ' ' <"$STATE/T.comms")"
note "daemon: $want records, key=(null) in each, no host key; names: $(sort -u "$STATE/T.comms" | tr '\n' ' ')"
# The host root's files, after names with ' and ": the overflow IDs.
for ino in "$sq_ino $want_sq" "$dq_ino $want_dq"; do
	set -- $ino
	all=$(grep '^type=1302 ' "$STATE/T.log" | grep -c " inode=$1 ")
	ok=$(grep '^type=1302 ' "$STATE/T.log" | grep -c " inode=$1 .* ouid=65534 ogid=65534 ")
	expect_eq "daemon: PATH records of inode $1" "$all" "$2"
	expect_eq "daemon: PATH records of inode $1 owned by 65534" "$ok" "$2"
done
bad=$(grep '^type=1302 ' "$STATE/T.log" | grep -e ' ouid=0 ' -e ' ogid=0 ' | head -n 3)
[ -z "$bad" ] || fail "a PATH record with the host's root: $bad"
# The executable and working directory with a "'": pid, uids mapped.
bad=$(grep '^type=1300 ' "$STATE/T.log" | grep -v ' uid=0 gid=0 euid=0 ' | head -n 3)
[ -z "$bad" ] || fail "a SYSCALL record with unmapped uids: $bad"
n=$(dsys | grep -c " exe=\"$STATE/x'bin/nsa-gen\" ")
expect_eq "daemon: records of the executable in x'bin" "$n" 2
n=$(grep '^type=1307 ' "$STATE/T.log" | grep -c " cwd=\"$STATE/x'bin\"")
expect_eq "daemon: CWD records in x'bin" "$n" 1
note "daemon: every PATH record of the host root's files reads ouid=65534 ogid=65534"

: >"$STATE/stop"
wait_until 60 grep -qs '^end reason=unregistered' "$STATE/T.daemon" ||
	fail "daemon did not end cleanly: $(cat "$STATE/T.daemon")"
wait
