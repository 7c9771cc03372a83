# A record that is already long (an exe path of 4000 characters and a key of
# 255) is enriched completely: the record grows, nothing is cut or skipped.
nsa_load
key=$(printf 'k%.0s' $(seq 255))
auditctl -a always,exit -F arch=b64 -S openat -F success=0 -k "$key" >/dev/null || fail "auditctl"

# Build a directory chain so that DIR/nsa-gen is exactly 4000 characters.
dir=$STATE/long
comp=$(printf 'd%.0s' $(seq 199))
while [ $((${#dir} + 200 + 8)) -le 4000 ]; do
	dir=$dir/$comp
done
pad=$((4000 - ${#dir} - 8 - 1))
dir=$dir/$(printf 'e%.0s' $(seq $pad))
exe=$dir/nsa-gen
expect_eq "exe length" "${#exe}" 4000
mkdir -p "$dir" || fail "mkdir"
cp /nsaudit/bin/nsa-gen "$exe" || fail "cp"

spawn long "$exe" --wait "$STATE/go" open 1 /nsa-missing/long
truth=$(nsid_truth "$PID")
go
wait_until 20 count_is 1 records SYSCALL "$PID" || fail "no single SYSCALL record of $PID"
line=$(records SYSCALL "$PID")
case "$line" in *" exe=\"$exe\" "*) ;; *) fail "exe path cut or missing" ;; esac
case "$line" in *" key=\"$key\" $truth") ;; *) fail "key or nsID set cut or missing: ...${line#* key=}" ;; esac
note "record of ${#line} characters enriched completely"
