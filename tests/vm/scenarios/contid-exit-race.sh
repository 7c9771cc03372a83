# The last task of a container ID exits while SET gives the same ID to a
# new process (nsa-cidrace, ROUNDS rounds, a new ID each). Whichever comes
# first, every lifetime of an ID ends with exactly one op=drop naming its
# last task to exit: per round, one drop naming A or B (SET joined the
# live ID; either may exit last) or two, one naming A and one naming B
# (A's exit ended the first lifetime, SET began another; their drop works
# may log in either order). Every SET succeeds, the module tracks nothing
# once all have exited, a SET after the rounds still works (no count left
# wrong), and no refcount, KASAN or lockdep report. Before the fix, a SET
# that joined an ID whose count had just reached 0 brought it back from
# 0: a refcount underflow warning within the first rounds.
nsa_load
OPTYPE=$(cat /sys/module/nsaudit/parameters/contid_op_type)
tracked() { nsauditctl status | sed -n 's/^contids_tracked //p'; }
rounds=${NSA_CIDRACE_ROUNDS:-300}
base=7000000
# Only this run's drops: make soak runs it again with the same IDs.
from=$(($(wc -l <"$LOG") + 1))
nsa-cidrace "$rounds" "$base" >"$STATE/race.out" 2>"$STATE/race.err" ||
	fail "nsa-cidrace: $(tail -n 3 "$STATE/race.err") $(tail -n 1 "$STATE/race.out")"
grep -q "^done rounds=$rounds failed=0\$" "$STATE/race.out" || fail "$(tail -n 1 "$STATE/race.out")"
wait_until 120 eval '[ "$(tracked)" = 0 ]' || fail "IDs still tracked: $(tracked)"
log_barrier || fail "the log did not catch up"

# Per ID, the opids of its drops in log order, against the round's A and B.
tail -n +$from "$LOG" | grep -E "^type=(UNKNOWN\[$OPTYPE\]|$OPTYPE) " | cut -d "$GS" -f 1 |
	sed -n 's/.* op=drop opid=\([0-9]*\) contid=-1 old-contid=\([0-9]*\) .*/\2 \1/p' >"$STATE/drops"
awk -v base=$base -v rounds=$rounds '
	FNR == NR { if ($1 >= base && $1 < base + rounds) d[$1] = d[$1] " " $2; next }
	/^round=/ {
		split($2, i, "="); split($3, a, "="); split($4, b, "=")
		id = i[2]; got = d[id]
		if (got == " " a[2] || got == " " b[2]) joined++
		else if (got == " " a[2] " " b[2] || got == " " b[2] " " a[2]) renewed++
		else { print "id " id " (A " a[2] ", B " b[2] "): drops naming" (got == "" ? " nobody" : got); bad++ }
	}
	END {
		printf "joined=%d renewed=%d bad=%d\n", joined, renewed, bad
		exit bad != 0
	}' "$STATE/drops" "$STATE/race.out" >"$STATE/verdict" ||
	fail "$(head -n 5 "$STATE/verdict"; tail -n 1 "$STATE/verdict")"
note "$rounds rounds: $(cat "$STATE/verdict") (one lifetime: SET joined; two: A's exit came first)"

# Nothing left wrong: a new ID still goes on a new process.
nsa-tree --wait "$STATE/go" --hold "$STATE/hold" tree >"$STATE/tree.out" 2>&1 &
wait_until 30 grep -q '^self pid=' "$STATE/tree.out" || fail "tree: $(cat "$STATE/tree.out")"
P=$(hostpid_of "--hold $STATE/hold tree" nsa-tree) || fail "no tree"
nsauditctl contid set "$P" 42 || fail "a SET after the rounds"
touch "$STATE/go" "$STATE/hold"
wait_until 60 grep -q '^done' "$STATE/tree.out" || fail "tree did not end"
wait_until 60 eval '[ "$(tracked)" = 0 ]' || fail "ID 42 still tracked"
