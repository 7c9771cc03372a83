# Differential: namespace rules select exactly what the kernel's audit
# selects. Random rules (nsatest.diff_seed, printed; nsatest.diff_rules
# of them, 300 by default) over every field and operator both support
# (pid, ppid, the uids and gids, auid and loginuid_set, sessionid,
# success, exit, a0-a3, exe; not contid, which the kernel lacks), b64
# and b32, syscall lists and "all", always and never, go to the kernel
# with auditctl and, in the same order, to the host's daemon with
# nsauditctl (a rule one tool refuses, the other must refuse too). A
# workload of nsa-gen processes under varied uids, gids, groups and login
# uids then makes what the kernel treats specially: plain and failing
# calls with chosen arguments, 32-bit calls (int $0x80), clone, fork,
# vfork and clone3 and their children, rt_sigreturn, a successful and a
# failing execve, exit and exit_group, calls a signal restarts (read,
# nanosleep and restart_syscall), an orphan. Every workload record
# (comm nsa-gen) the kernel wrote must be one the daemon got, and the
# other way round: same syscall, success, exit, a0-a3, ppid, pid, IDs,
# tty, ses, comm, exe and rule (the kernel's items= and subj= aside:
# README, Limits), compared as sorted lists; the count is printed so a
# run that selected nothing shows. In make soak, more rules and a new
# seed each round.
nsa_load
log_from
seed=$(cmdline_arg nsatest.diff_seed)
[ -n "$seed" ] || { [ -n "$(cmdline_arg nsatest.soak)" ] && seed=$(date +%s); }
seed=${seed:-20261207}
n=$(cmdline_arg nsatest.diff_rules)
n=${n:-300}
note "seed $seed, $n rules"

# Room for every rule (and the end marker's) in the daemon's rulespace.
nsauditctl set rules $((n + 1)) || fail "set rules"
nsa-daemon "$STATE/H.log" >"$STATE/H.daemon" 2>&1 &
H=$!
wait_until 60 grep -qs '^registered' "$STATE/H.daemon" || fail "H: $(cat "$STATE/H.daemon")"

# The workload's binary, at a path of its own that every rule names.
mkdir -p "$STATE/wl" && cp /nsaudit/bin/nsa-gen "$STATE/wl/nsa-gen" || fail "workload binary"
WL=$STATE/wl/nsa-gen

# The rules, each with its number as key (k for the kernel, n for the
# daemon); first of all the end marker's, in both.
# Values for pid and sessionid: the workload's pids are above this
# shell's newest, its sessions this one's or new ones (--loginuid).
pidbase=$(sh -c 'echo $$')
ses=$(cat /proc/self/sessionid)
awk -v seed="$seed" -v n="$n" -v wl="$WL" -v pidbase="$pidbase" -v ses="$ses" 'BEGIN {
	srand(seed)
	split("uid euid suid fsuid gid egid sgid fsgid", idf, " ")
	split("0 1000 1001 1002 1003 2000 2001 2002 2003 3000 4242", idv, " ")
	split("= != < > <= >=", cmp, " ")
	split("= != < > <= >= & &=", argop, " ")
	split("0 1 16 0x4d4d 0x7fffffff 0xffffffff 4 0x5d5d0000", argv_, " ")
	split("0 -2 -9 -4 1", exitv, " ")
	split("getpid close openat rt_sigreturn execve exit exit_group clone fork vfork clone3 brk read nanosleep restart_syscall write", s64, " ")
	split("getpid close open exit_group", s32, " ")
	for (i = 1; i <= n; i++) {
		b32 = rand() < 0.2
		act = rand() < 0.15 ? "never" : "always"
		line = "-a " act ",exit -F arch=" (b32 ? "b32" : "b64")
		if (rand() < 0.06) {
			line = line " -S all"
		} else {
			k = 1 + int(rand() * 3)
			list = ""
			for (j = 0; j < k; j++) {
				s = b32 ? s32[1 + int(rand() * 4)] : s64[1 + int(rand() * 16)]
				if (index("," list ",", "," s ",") == 0)
					list = list (list == "" ? "" : ",") s
			}
			line = line " -S " list
		}
		f = int(rand() * 4)
		for (j = 0; j < f; j++) {
			r = rand()
			if (r < 0.35)
				line = line " -F " idf[1 + int(rand() * 8)] cmp[1 + int(rand() * 6)] idv[1 + int(rand() * 11)]
			else if (r < 0.45)
				line = line " -F auid" cmp[1 + int(rand() * 6)] (rand() < 0.5 ? 1000 : 4242)
			else if (r < 0.5)
				# loginuid_set in the legacy form: auditctl 3.0.9
				# has no name for the field.
				line = line " -F auid" cmp[1 + int(rand() * 2)] "-1"
			else if (r < 0.6)
				line = line " -F success" cmp[1 + int(rand() * 6)] int(rand() * 3)
			else if (r < 0.7)
				line = line " -F exit" cmp[1 + int(rand() * 6)] exitv[1 + int(rand() * 5)]
			else if (r < 0.88)
				line = line " -F a" int(rand() * 4) argop[1 + int(rand() * 8)] argv_[1 + int(rand() * 8)]
			else if (r < 0.92)
				line = line " -F ppid" cmp[1 + int(rand() * 2)] 1
			else if (r < 0.96)
				line = line " -F pid" cmp[1 + int(rand() * 6)] (pidbase + int(rand() * 40))
			else
				line = line " -F sessionid" cmp[1 + int(rand() * 6)] (ses + int(rand() * 3))
		}
		# Every rule selects the workload only (a rule may have one exe):
		# random rules over the whole system bury it in the shell s and
		# the daemons own calls (two million kernel log lines in a try).
		print line " -F exe=" wl " -k " i
	}
}' >"$STATE/rules"
head -n 3 "$STATE/rules" | sed 's/^/    /'
END="-a always,exit -F arch=b64 -S getppid -F a0=0x656e64 -F exe=$WL"
auditctl $END -k kend >/dev/null || fail "auditctl end rule"
nsauditctl $END -k nend || fail "nsauditctl end rule"
added=0 refused=0
while read -r rule; do
	set -- $rule
	shift $(($# - 1))
	key=$1
	r=${rule% -k *}
	auditctl $r -k "k$key" >"$STATE/k.out" 2>&1
	krc=$?
	nsauditctl $r -k "n$key" >"$STATE/nsa.out" 2>&1
	nrc=$?
	if [ $krc = 0 ] && [ $nrc = 0 ]; then
		added=$((added + 1))
	elif [ $krc != 0 ] && [ $nrc != 0 ]; then
		refused=$((refused + 1))
	else
		fail "rule $key: auditctl exit $krc, nsauditctl exit $nrc: $r: $(cat "$STATE/k.out" "$STATE/nsa.out")"
	fi
done <"$STATE/rules"
note "$added rules added to both, $refused refused by both"

# The workload: every kind of call under several identities; 32-bit
# ones where the kernel runs them (not the debug kernel: no
# CONFIG_IA32_EMULATION there).
calls="39,0,1,16,0x4d4d 39,0xffffffff,4,0x5d5d0000,0x7fffffff 3,0x7fffffff 3,16,1 257,-100,path,0,0"
if grep -q -E ' (__ia32_sys_getpid|ia32_sys_call)$' /proc/kallsyms 2>/dev/null; then
	calls="$calls i386:20,1,16 i386:6,0x7fffffff i386:5,path"
else
	note "no 32-bit system calls on this kernel: the workload makes none"
fi
id0=""
id1="--groups 3000 --uids 1000,1001,1002,1003 --gids 2000,2001,2002,2003 --loginuid 1000"
id2="--uids 1000,1000,1000,1000 --gids 2000,2000,2000,2000 --loginuid 4242"
id3="--uids 1003,1002,1001,1000 --gids 2003,2002,2001,2000 --groups 2000,3000"
for id in "$id0" "$id1" "$id2" "$id3"; do
	$WL $id sys $calls >>"$STATE/gen.out" 2>&1 || fail "workload $id: $(tail -n 3 "$STATE/gen.out")"
	$WL $id forks >>"$STATE/gen.out" 2>&1 || fail "forks $id"
	$WL $id sigreturn 0x4d4d >>"$STATE/gen.out" 2>&1 || fail "sigreturn $id"
	$WL $id exec 0x10 $WL ids >>"$STATE/gen.out" 2>&1 || fail "exec $id"
	$WL $id sys 59,path,0,0,1 >>"$STATE/gen.out" 2>&1 || fail "failing exec $id"
	$WL $id sys 60,0x5d5d0000,1,16,0xffffffff >>"$STATE/gen.out" 2>&1 || fail "exit $id"
	$WL $id restart >>"$STATE/gen.out" 2>&1 || fail "restart $id: $(tail -n 2 "$STATE/gen.out")"
done
# An orphan: its parent is gone before it makes its calls (ppid 1), and
# no call of its spans the parent's exit (--orphan): a record's ppid is
# read when the call ends, by the kernel a moment before the module, so
# a parent exiting meanwhile would make the two differ.
rm -f "$STATE/go"
$WL --orphan $id1 --wait "$STATE/go" sys $calls >"$STATE/orphan.out" 2>&1 ||
	fail "orphan's parent: $(cat "$STATE/orphan.out")"
wait_until 30 grep -qs hostpid= "$STATE/orphan.out" || fail "orphan"
o=$(sed -n 's/.*hostpid=\([0-9]*\).*/\1/p' "$STATE/orphan.out")
: >"$STATE/go"
wait_until 60 eval '! kill -0 $o 2>/dev/null' || fail "orphan still running"
# The end marker, in both logs after every workload record.
$WL sys 110,0x656e64 >/dev/null || fail "end marker"
wait_until 120 grep -qs 'key="nend"' "$STATE/H.log" || fail "the daemon got no end marker"
wait_until 120 eval 'records SYSCALL | grep -q "key=\"kend\""' || fail "the kernel logged no end marker"

records SYSCALL | grep ' comm="nsa-gen" .* key="k[0-9]*"' |
	sed 's/^type=SYSCALL msg=audit([^)]*): //; s/ items=[0-9]*//; s/ subj=[^ ]*//; s/ key="k\([0-9]*\)".*/ rule=\1/' |
	sort >"$STATE/kernel"
grep '^type=1300 .* comm="nsa-gen" .* key="n[0-9]*"' "$STATE/H.log" |
	sed 's/^type=1300 audit([^)]*): //; s/ items=[0-9]*//; s/ key="n\([0-9]*\)".*/ rule=\1/' |
	sort >"$STATE/daemon"
k=$(wc -l <"$STATE/kernel")
d=$(wc -l <"$STATE/daemon")
if ! cmp -s "$STATE/kernel" "$STATE/daemon"; then
	diff "$STATE/kernel" "$STATE/daemon" | head -n 20 | sed 's/^/    /'
	fail "seed $seed: the kernel selected $k workload invocations, the daemon $d: they differ (above: < kernel only, > daemon only)"
fi
[ "$k" -gt 50 ] || fail "seed $seed: only $k invocations selected: the test proved little"
note "seed $seed: the kernel and the daemon selected the same $k workload invocations, every field equal"
note "syscalls selected: $(sed 's/.* syscall=\([0-9]*\) .*/\1/' "$STATE/kernel" | sort -n | uniq -c | awk '{ printf "%s:%s ", $2, $1 }')"

auditctl -D >/dev/null
nsauditctl -D >/dev/null || fail "nsauditctl -D"
nsauditctl set rules 256 || fail "set rules back"
kill -TERM "$H"
wait "$H" || fail "H: exit $?"
