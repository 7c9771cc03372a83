# The module is never why a record is lost or cut (README, Security model).
#
# Lengths: SYSCALL records brought to the edge of 8 865 bytes (the most
# auditd writes whole whatever the type and node names; README, Record
# format) by their exe path and key, both hex-encoded since they hold a
# space: each reaches the log whole, with its nsID set exactly when the
# record stays within 8 865 bytes with it; the others are counted as
# unenriched, exactly. The sweep is aimed at that edge from one
# calibration record, and must have met it from both sides; its longest
# record has 8 900 bytes (auditd itself writes a SYSCALL record of up to
# 8 920 whole).
#
# Rate limit: with "auditctl -r 2" and a burst of 60 over 3 seconds,
# records the kernel refuses are not
# copied to a daemon: a daemon of the initial user namespace gets exactly
# the burst's records that the host log has, and the kernel's lost counter
# grew by exactly the refused ones.
MAX=8865
nsa_load
st() { nsauditctl status | sed -n "s/^$1 //p"; }
hex() { printf '%s' "$1" | od -An -v -tx1 | tr -d ' \n' | tr a-f A-F; }
key="k $(printf 'k%.0s' $(seq 253))"
expect_eq "key length" "${#key}" 255
auditctl -a always,exit -F arch=b64 -S openat -F success=0 -k "$key" >/dev/null || fail "auditctl"
khex=$(hex "$key")

# A directory chain of exactly 3 840 characters: under it, "x EEE.../nsa-gen"
# makes an exe path of any length from 3 852 to 4 095 (PATH_MAX - 1) with
# a last directory of at most 255 (NAME_MAX).
BASE=3840
base=$STATE/rl
comp=$(printf 'd%.0s' $(seq 99))
while [ $((${#base} + 100)) -lt $BASE ]; do
	base=$base/$comp
done
base=$base/$(printf 'f%.0s' $(seq $((BASE - ${#base} - 1))))
expect_eq "base length" "${#base}" $BASE
mkdir -p "$base" || fail "mkdir"

# run L: a failing openat by a copy of nsa-gen whose exe path is L
# characters long (its last directory holds a space). Sets P to the
# record's length without a set, and SET to yes or no.
run() {
	_dir="$base/x $(printf 'e%.0s' $(seq $(($1 - BASE - 11))))"
	_exe=$_dir/nsa-gen
	[ "${#_exe}" = "$1" ] || fail "exe of ${#_exe} characters, want $1"
	mkdir -p "$_dir" && cp /nsaudit/bin/nsa-gen "$_exe" || fail "copy to $1"
	spawn "rl$1" "$_exe" --wait "$STATE/go" open 1 /nsa-missing/rl
	_truth=$(nsid_truth "$PID")
	go
	wait_until 20 count_is 1 records SYSCALL "$PID" || fail "$1: not one SYSCALL record of $PID"
	_raw=$(records SYSCALL "$PID" | sed 's/^type=SYSCALL msg=//')
	case "$_raw" in *" exe=$(hex "$_exe") "*) ;; *) fail "$1: exe cut or missing: ...${_raw#* exe=}" ;; esac
	case "$_raw" in
	*" key=$khex") SET=no P=${#_raw} ;;
	*" key=$khex $_truth") SET=yes P=$((${#_raw} - 1 - ${#_truth})) ;;
	*) fail "$1: record cut after its key: ...${_raw#* key=}" ;;
	esac
	SETLEN=$((1 + ${#_truth}))
	rm -rf "$_dir"
}

unenriched0=$(st unenriched)
[ -n "$unenriched0" ] || fail "no unenriched counter: $(nsauditctl status)"
L0=3880
run $L0
P0=$P
[ "$SET" = yes ] || fail "calibration record of $P0 bytes not enriched"
# Each character of exe adds two (hex): aim at P + SETLEN = MAX.
Lc=$((L0 + (MAX - SETLEN - P0) / 2))
lens="$(seq $((Lc - 5)) $((Lc + 5))) $((L0 + (8900 - P0) / 2))"
unenriched=0 below=0 above=0
for l in $lens; do
	[ "$l" -le 4095 ] || fail "sweep needs an exe of $l characters"
	run "$l"
	want=yes
	[ $((P + SETLEN)) -gt $MAX ] && want=no
	expect_eq "$l: set for a record of $P + $SETLEN bytes" "$SET" "$want"
	[ "$SET" = no ] && unenriched=$((unenriched + 1))
	[ "$SET" = yes ] && [ $((P + SETLEN)) -ge $((MAX - 6)) ] && below=$((below + 1))
	[ "$SET" = no ] && [ $((P + SETLEN)) -le $((MAX + 6)) ] && above=$((above + 1))
	echo "    exe $l: record $P bytes, set $SET"
done
[ "$below" -gt 0 ] && [ "$above" -gt 0 ] ||
	fail "the sweep missed the edge: $below enriched and $above not within 6 bytes of it"
expect_eq "unenriched counter" "$(st unenriched)" $((unenriched0 + unenriched))
note "$(echo $lens | wc -w) records up to $P bytes reached the log whole; set at most $MAX bytes in all, else counted ($unenriched)"
auditctl -D >/dev/null

# --- rate limit -------------------------------------------------------------
kernel_lost() { auditctl -s | sed -n 's/^lost //p'; }
nsa-daemon "$STATE/H.log" >"$STATE/H.daemon" 2>&1 &
dpid=$!
wait_until 60 grep -qs '^registered' "$STATE/H.daemon" || fail "H: $(cat "$STATE/H.daemon")"
lost0=$(kernel_lost)
expect_eq "kernel lost before" "$lost0" 0
from=$(($(wc -l <"$LOG") + 1))
N=60
auditctl -r 2 >/dev/null || fail "auditctl -r 2"
# 50 ms apart: the burst spans a few of the limit's one-second windows,
# so that some records are taken and most refused.
nsa-gen users nsa-rl $N 50 >/dev/null || fail "burst"
auditctl -r 0 >/dev/null || fail "auditctl -r 0"
log_barrier || fail "log barrier"
tail -n +$from "$LOG" | grep -o 'nsa-rl-[0-9]*' | sort >"$STATE/host"
host=$(grep -c . "$STATE/host")
refused=$((N - host))
[ "$refused" -gt 0 ] && [ "$host" -gt 0 ] ||
	fail "the rate limit took $host of $N records: want some, not all"
# The copy of the barrier comes after every copy of the burst.
wait_until 60 grep -q "nsa-barrier" "$STATE/H.log" || fail "H: no barrier copy"
grep -o 'nsa-rl-[0-9]*' "$STATE/H.log" | sort >"$STATE/daemon"
cmp -s "$STATE/host" "$STATE/daemon" ||
	fail "H: $(grep -c . "$STATE/daemon") copies of the burst, the host log $host: $(diff "$STATE/host" "$STATE/daemon" | head -n 4)"
# The kernel counts what it refused: the burst's, and "-r 0"'s own record
# if that was refused too (it is logged before the limit goes).
extra=1
tail -n +$from "$LOG" | grep -q 'audit_rate_limit=0 old=2' && extra=0
expect_eq "kernel lost" "$(kernel_lost)" $((refused + extra))
auditctl --reset-lost >/dev/null || fail "reset lost"
kill -TERM $dpid
wait $dpid
note "rate limit: $host of $N records logged and copied, $refused refused and not copied"
