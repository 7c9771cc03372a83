// SPDX-License-Identifier: GPL-2.0
/*
 * nsa-gen: makes the events the VM scenarios look for, and says exactly how
 * many it made, so a scenario can count records against it. Every mode
 * first prints "pid=P hostpid=H": its pid in its own PID namespace and in
 * the /proc it sees (the host's, in the scenarios). With --wait FILE it
 * then waits until FILE exists, so that a scenario can take ground truth
 * from /proc/H before the events happen.
 *
 *   nsa-gen [--uids R,E,S,FS] [--gids R,E,S,FS] [--groups G,...]
 *           [--loginuid UID] [--personality HEX] [--comm NAME]
 *           [--wait FILE] [--orphan] MODE ARGS
 *
 * --orphan first forks: the parent exits once the child sleeps, and the
 * child goes on only when it has been reparented (a parent-death signal,
 * sent after the reparenting), so that none of its calls is in flight
 * while its parent changes (a record's ppid is read when the call ends).
 * --loginuid sets the login uid (and so a new session) first, --personality
 * the execution domain (the per= field of SYSCALL records), --groups the
 * supplementary groups, --gids and --uids then the real, effective, saved
 * and file-system IDs, all before the first line is printed, so /proc
 * shows them by then; --comm sets the process's name (comm=, at most 15
 * bytes) with prctl(PR_SET_NAME), last of all. (The
 * file-system IDs can differ from the others because the capabilities are
 * kept across the changes: SECBIT_NO_SETUID_FIXUP, which needs
 * CAP_SETPCAP, e.g. root of a user namespace.)
 *
 *   ids                  nothing more (an execve event of its own)
 *   open N PATH          N failing openat(PATH) calls
 *   loop PATH            failing openat(PATH) until SIGTERM, then prints
 *                        "n=N", the calls that returned
 *   user TEXT            one AUDIT_USER message
 *   users PREFIX N MS    N AUDIT_USER messages PREFIX-1 to PREFIX-N, MS
 *                        milliseconds apart (a burst for the rate limit)
 *   loginuid UID         sets the login uid (an AUDIT_LOGIN record)
 *   connect PATH         one failing AF_UNIX connect (a SOCKADDR record)
 *   sys CALL...          raw system calls, in order. CALL is
 *                        NR[,A0[,A1[,A2[,A3]]]] for a 64-bit call through
 *                        syscall(2), or i386:NR[,A0...] for a 32-bit
 *                        (compat) call through int $0x80; missing
 *                        arguments are 0. An argument is a number
 *                        (decimal, 0x hex, or negative), or "path": the
 *                        address of the static string /nsa-missing/nsa-gen
 *                        (below 4 GiB: the binary is static and not PIE).
 *                        Once all calls are made, one line each:
 *                        "call=I arch=HEX syscall=NR exit=RET a0=HEX
 *                        a1=HEX a2=HEX a3=HEX", arch and arguments as the
 *                        kernel's SYSCALL record prints them (32-bit ones
 *                        as the 32-bit registers held them), RET the raw
 *                        result (-errno for a failure).
 *   sigreturn MARK       one rt_sigreturn entered with a0-a3 = MARK,
 *                        MARK+1, MARK+2, MARK+3 (its own restorer of a
 *                        SIGUSR1 it sends itself), then prints the line
 *                        "call=1 arch=c000003e syscall=15 exit=0 a0=..."
 *                        as for sys (the call returns the interrupted
 *                        context's rax: tgkill's 0)
 *   exec MARK PROG ARG.. prints the same line for the execve(PROG, argv,
 *                        envp) it then makes with a3 = MARK (exit=0,
 *                        the call being expected to succeed), and execs
 *   restart              calls a signal interrupts (when it comes in
 *                        time: under load it may come first): a read() of
 *                        an empty pipe, a SIGALRM 20 ms in, whose handler
 *                        (SA_RESTART) writes the byte the restarted read
 *                        gets; a 200 ms nanosleep() the same handler ends
 *                        (EINTR); one its child stops and continues, which
 *                        goes on as restart_syscall
 *   forks                one each of clone, fork, vfork and clone3 (the
 *                        raw 64-bit calls); each child exits at once and
 *                        is waited for; then one line: "children=C1,C2,
 *                        C3,C4", the pids the calls returned, in order.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <libaudit.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/audit.h>
#include <linux/sched.h>
#include <linux/securebits.h>
#include <sys/fsuid.h>
#include <sys/personality.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile sig_atomic_t stopping;

static void on_term(int sig)
{
	(void)sig;
	stopping = 1;
}

static void print_ids(void)
{
	char host[32] = "?";
	ssize_t n = readlink("/proc/self", host, sizeof(host) - 1);

	if (n > 0)
		host[n] = '\0';
	printf("pid=%d hostpid=%s\n", getpid(), host);
}

/* A raw openat, so libc cannot turn it into another syscall. */
static void fail_open(const char *path)
{
	long fd = syscall(SYS_openat, AT_FDCWD, path, O_RDONLY);

	if (fd >= 0)
		close((int)fd);
}

/*
 * The child returns once its parent is gone; the parent exits only when
 * the child sleeps in rt_sigtimedwait (as /proc/PID/syscall shows, which
 * needs the parent's credentials as they still are), so no call of the
 * child but that one spans the parent's exit.
 */
static int orphan(void)
{
	char path[64], buf[32];
	sigset_t set;
	pid_t child;
	ssize_t n;
	int fd;

	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	if (sigprocmask(SIG_BLOCK, &set, NULL))
		return -1;
	child = fork();
	if (child < 0)
		return -1;
	if (child == 0) {
		if (prctl(PR_SET_PDEATHSIG, SIGUSR1) ||
		    sigwaitinfo(&set, NULL) != SIGUSR1)
			_exit(4);
		return 0;
	}
	snprintf(path, sizeof(path), "/proc/%d/syscall", (int)child);
	for (;;) {
		fd = open(path, O_RDONLY);
		if (fd < 0)
			return -1;
		n = read(fd, buf, sizeof(buf) - 1);
		close(fd);
		if (n > 0) {
			buf[n] = 0;
			if (!strncmp(buf, "128 ", 4))	/* rt_sigtimedwait */
				_exit(0);
		}
		usleep(1000);
	}
}

static void wait_for(const char *file)
{
	struct stat st;

	while (stat(file, &st) != 0)
		usleep(10000);
}

static int gen_open(long n, const char *path)
{
	long i;

	for (i = 0; i < n; i++)
		fail_open(path);
	return 0;
}

static int gen_loop(const char *path)
{
	struct sigaction sa = { .sa_handler = on_term };
	long n = 0;

	sigaction(SIGTERM, &sa, NULL);
	while (!stopping) {
		fail_open(path);
		n++;
	}
	printf("n=%ld\n", n);
	return 0;
}

static int gen_user(const char *text)
{
	int fd = audit_open();

	if (fd < 0 ||
	    audit_log_user_message(fd, AUDIT_USER, text, NULL, NULL, NULL, 1) <= 0) {
		fprintf(stderr, "nsa-gen: cannot send a user message\n");
		return 1;
	}
	audit_close(fd);
	return 0;
}

static int gen_users(const char *prefix, long n, long ms)
{
	char text[256];
	int fd = audit_open();
	long i;

	if (fd < 0)
		return 1;
	for (i = 1; i <= n; i++) {
		snprintf(text, sizeof(text), "%s-%ld", prefix, i);
		/* A refused record is the kernel's loss, not a send error. */
		if (audit_log_user_message(fd, AUDIT_USER, text, NULL, NULL, NULL, 1) <= 0) {
			fprintf(stderr, "nsa-gen: cannot send user message %ld\n", i);
			return 1;
		}
		usleep((useconds_t)ms * 1000);
	}
	audit_close(fd);
	return 0;
}

static int gen_loginuid(const char *uid)
{
	int fd = open("/proc/self/loginuid", O_WRONLY);

	if (fd < 0 || write(fd, uid, strlen(uid)) < 0) {
		fprintf(stderr, "nsa-gen: loginuid: %s\n", strerror(errno));
		return 1;
	}
	close(fd);
	return 0;
}

/* The string "path" stands for; static, so its address is below 4 GiB. */
static const char sys_path[] = "/nsa-missing/nsa-gen";

#define SYS_CALLS_MAX	256

struct sys_call {
	int compat;
	long nr;
	unsigned long a[4];
	long ret;
};

static int parse_arg(const char *s, unsigned long *v)
{
	char *end;

	if (!strcmp(s, "path")) {
		*v = (unsigned long)sys_path;
		return 0;
	}
	errno = 0;
	if (*s == '-')
		*v = (unsigned long)strtol(s, &end, 0);
	else
		*v = strtoul(s, &end, 0);
	return errno || end == s || *end ? -1 : 0;
}

/* "[i386:]NR[,A0[,A1[,A2[,A3]]]]" into @c. */
static int parse_call(const char *spec, struct sys_call *c)
{
	char buf[256], *tok, *save = NULL;
	int i = -1;

	memset(c, 0, sizeof(*c));
	if (!strncmp(spec, "i386:", 5)) {
		c->compat = 1;
		spec += 5;
	}
	if (strlen(spec) >= sizeof(buf))
		return -1;
	strcpy(buf, spec);
	for (tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		unsigned long v;

		if (i >= 4 || parse_arg(tok, &v))
			return -1;
		if (i < 0)
			c->nr = (long)v;
		else
			c->a[i] = v;
		i++;
	}
	if (i < 0)
		return -1;
	if (c->compat) {
		/* What the 32-bit registers can hold, and so what is logged. */
		for (i = 0; i < 4; i++) {
			if (c->a[i] > 0xffffffffUL &&
			    ((long)c->a[i] >= 0 || (long)c->a[i] < -0x80000000L))
				return -1;
			c->a[i] &= 0xffffffffUL;
		}
	}
	return 0;
}

/* A 32-bit system call of a 64-bit process: the i386 table, compat arch. */
static long sys_i386(long nr, const unsigned long *a)
{
	unsigned int eax = (unsigned int)nr;

	asm volatile("int $0x80"
		     : "+a"(eax)
		     : "b"((unsigned int)a[0]), "c"((unsigned int)a[1]),
		       "d"((unsigned int)a[2]), "S"((unsigned int)a[3])
		     : "memory", "cc", "r8", "r9", "r10", "r11");
	return (long)(int)eax;
}

static int gen_sys(int n, char **specs)
{
	static struct sys_call calls[SYS_CALLS_MAX];
	int i;

	if (n < 1 || n > SYS_CALLS_MAX) {
		fprintf(stderr, "nsa-gen: sys: 1 to %d calls\n", SYS_CALLS_MAX);
		return 2;
	}
	if ((unsigned long)sys_path > 0xffffffffUL) {
		fprintf(stderr, "nsa-gen: sys: static data above 4 GiB (a PIE build?)\n");
		return 1;
	}
	for (i = 0; i < n; i++) {
		if (parse_call(specs[i], &calls[i])) {
			fprintf(stderr, "nsa-gen: sys: bad call '%s'\n", specs[i]);
			return 2;
		}
	}
	/* All calls first: no other system call of ours comes between them. */
	for (i = 0; i < n; i++) {
		struct sys_call *c = &calls[i];

		if (c->compat) {
			c->ret = sys_i386(c->nr, c->a);
		} else {
			c->ret = syscall(c->nr, c->a[0], c->a[1], c->a[2], c->a[3], 0L, 0L);
			if (c->ret == -1)
				c->ret = -errno;
		}
	}
	for (i = 0; i < n; i++) {
		const struct sys_call *c = &calls[i];

		printf("call=%d arch=%x syscall=%ld exit=%ld a0=%lx a1=%lx a2=%lx a3=%lx\n",
		       i + 1, c->compat ? AUDIT_ARCH_I386 : AUDIT_ARCH_X86_64,
		       c->nr, c->ret, c->a[0], c->a[1], c->a[2], c->a[3]);
	}
	return 0;
}

/* "A,B,C,D" into four IDs. */
static int parse_ids(const char *s, unsigned int id[4])
{
	return sscanf(s, "%u,%u,%u,%u", &id[0], &id[1], &id[2], &id[3]) == 4 ? 0 : -1;
}

/* --groups G,...: the supplementary groups. */
static int set_groups(const char *list)
{
	gid_t groups[32];
	char buf[512], *tok, *save = NULL;
	int n = 0;

	if (strlen(list) >= sizeof(buf))
		return -1;
	strcpy(buf, list);
	for (tok = strtok_r(buf, ",", &save); tok && n < 32; tok = strtok_r(NULL, ",", &save))
		groups[n++] = (gid_t)strtoul(tok, NULL, 10);
	if (setgroups(n, groups)) {
		fprintf(stderr, "nsa-gen: setgroups: %s\n", strerror(errno));
		return -1;
	}
	return 0;
}

/*
 * The IDs given with --gids and --uids: kept capabilities let the
 * file-system IDs differ from the effective ones (setres*id() resets them).
 */
static int set_ids(const unsigned int *uids, const unsigned int *gids)
{
	if (prctl(PR_SET_SECUREBITS, SECBIT_NO_SETUID_FIXUP, 0, 0, 0)) {
		fprintf(stderr, "nsa-gen: SECBIT_NO_SETUID_FIXUP: %s\n", strerror(errno));
		return -1;
	}
	if (gids) {
		if (setresgid(gids[0], gids[1], gids[2])) {
			fprintf(stderr, "nsa-gen: setresgid: %s\n", strerror(errno));
			return -1;
		}
		setfsgid(gids[3]);
		if ((unsigned int)setfsgid(-1) != gids[3]) {
			fprintf(stderr, "nsa-gen: setfsgid %u refused\n", gids[3]);
			return -1;
		}
	}
	if (uids) {
		if (setresuid(uids[0], uids[1], uids[2])) {
			fprintf(stderr, "nsa-gen: setresuid: %s\n", strerror(errno));
			return -1;
		}
		setfsuid(uids[3]);
		if ((unsigned int)setfsuid(-1) != uids[3]) {
			fprintf(stderr, "nsa-gen: setfsuid %u refused\n", uids[3]);
			return -1;
		}
	}
	return 0;
}

static int gen_connect(const char *path)
{
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	int fd = socket(AF_UNIX, SOCK_STREAM, 0);

	if (fd < 0 || strlen(path) >= sizeof(sun.sun_path))
		return 1;
	strcpy(sun.sun_path, path);
	if (connect(fd, (struct sockaddr *)&sun, sizeof(sun)) == 0) {
		fprintf(stderr, "nsa-gen: %s: connected, expected a failure\n", path);
		return 1;
	}
	close(fd);
	return 0;
}

/*
 * The restorer of gen_sigreturn()'s handler: rt_sigreturn with known
 * argument registers. The kernel finds the frame from rsp, not from them.
 */
static unsigned long sigret_mark;
extern void nsa_gen_restorer(void);
__asm__(".text\n"
	".globl nsa_gen_restorer\n"
	"nsa_gen_restorer:\n"
	"	movq sigret_mark(%rip), %rdi\n"
	"	leaq 1(%rdi), %rsi\n"
	"	leaq 2(%rdi), %rdx\n"
	"	leaq 3(%rdi), %r10\n"
	"	movl $15, %eax\n"
	"	syscall\n"
	"	hlt\n");

static void sigret_handler(int sig)
{
	(void)sig;
}

static int gen_sigreturn(const char *mark)
{
	/* The kernel's struct sigaction: glibc's would put its own restorer. */
	struct {
		void (*handler)(int);
		unsigned long flags;
		void (*restorer)(void);
		unsigned long mask;
	} ka = { sigret_handler, 0x04000000 /* SA_RESTORER */, nsa_gen_restorer, 0 };

	sigret_mark = strtoul(mark, NULL, 0);
	if (syscall(SYS_rt_sigaction, SIGUSR1, &ka, NULL, 8)) {
		fprintf(stderr, "nsa-gen: rt_sigaction: %s\n", strerror(errno));
		return 1;
	}
	if (syscall(SYS_tgkill, getpid(), (pid_t)syscall(SYS_gettid), SIGUSR1)) {
		fprintf(stderr, "nsa-gen: tgkill: %s\n", strerror(errno));
		return 1;
	}
	printf("call=1 arch=c000003e syscall=15 exit=0 a0=%lx a1=%lx a2=%lx a3=%lx\n",
	       sigret_mark, sigret_mark + 1, sigret_mark + 2, sigret_mark + 3);
	return 0;
}

static int gen_exec(const char *mark, char **argv)
{
	extern char **environ;
	unsigned long m = strtoul(mark, NULL, 0);

	printf("call=1 arch=c000003e syscall=59 exit=0 a0=%lx a1=%lx a2=%lx a3=%lx\n",
	       (unsigned long)argv[0], (unsigned long)argv,
	       (unsigned long)environ, m);
	fflush(stdout);
	syscall(SYS_execve, argv[0], argv, environ, m);
	fprintf(stderr, "nsa-gen: execve %s: %s\n", argv[0], strerror(errno));
	return 1;
}

static int restart_pipe[2];

static void restart_handler(int sig)
{
	(void)sig;
	if (write(restart_pipe[1], "x", 1) != 1)
		_exit(3);
}

static int gen_restart(void)
{
	struct itimerval it = { .it_value = { .tv_usec = 20000 } };
	struct sigaction sa = { .sa_handler = restart_handler,
				.sa_flags = SA_RESTART };
	struct timespec ts = { .tv_nsec = 200000000 };
	pid_t child;
	char c;

	if (pipe(restart_pipe) || sigaction(SIGALRM, &sa, NULL)) {
		fprintf(stderr, "nsa-gen: restart setup: %s\n", strerror(errno));
		return 1;
	}
	setitimer(ITIMER_REAL, &it, NULL);
	if (read(restart_pipe[0], &c, 1) != 1) {
		fprintf(stderr, "nsa-gen: read: %s\n", strerror(errno));
		return 1;
	}
	/*
	 * A handler ends a nanosleep with EINTR (ERESTART_RESTARTBLOCK),
	 * unless the alarm came first: either is a case to compare.
	 */
	setitimer(ITIMER_REAL, &it, NULL);
	if (syscall(SYS_nanosleep, &ts, NULL) && errno != EINTR) {
		fprintf(stderr, "nsa-gen: nanosleep: %s\n", strerror(errno));
		return 1;
	}
	/* A stop and continue without a handler: it goes on as restart_syscall. */
	child = fork();
	if (child == 0) {
		nanosleep(&(struct timespec){ .tv_nsec = 20000000 }, NULL);
		kill(getppid(), SIGSTOP);
		kill(getppid(), SIGCONT);
		_exit(0);
	}
	if (child < 0 || syscall(SYS_nanosleep, &ts, NULL) ||
	    waitpid(child, NULL, 0) != child) {
		fprintf(stderr, "nsa-gen: stopped nanosleep: %s\n", strerror(errno));
		return 1;
	}
	printf("restarted\n");
	return 0;
}

/*
 * vfork's child runs on its parent's stack until it exits: raw syscalls
 * only, so that it neither calls nor returns from a function there.
 */
static long raw_vfork(void)
{
	long ret;

	__asm__ volatile("syscall" : "=a"(ret) : "0"((long)SYS_vfork)
			 : "rcx", "r11", "memory");
	if (ret == 0)
		__asm__ volatile("syscall" : : "a"((long)SYS_exit), "D"(0L)
				 : "rcx", "r11", "memory");
	return ret;
}

static int gen_forks(void)
{
	struct clone_args ca = { .exit_signal = SIGCHLD };
	long pid[4];
	int i;

	for (i = 0; i < 4; i++) {
		switch (i) {
		case 0:
			pid[i] = syscall(SYS_clone, SIGCHLD, 0, 0, 0, 0);
			break;
		case 1:
			pid[i] = syscall(SYS_fork);
			break;
		case 2:
			pid[i] = raw_vfork();
			break;
		default:
			pid[i] = syscall(SYS_clone3, &ca, sizeof(ca));
			break;
		}
		if (pid[i] == 0)
			_exit(0);
		if (pid[i] < 0 || waitpid(pid[i], NULL, 0) != pid[i]) {
			fprintf(stderr, "nsa-gen: fork call %d: %s\n", i, strerror(errno));
			return 1;
		}
	}
	printf("children=%ld,%ld,%ld,%ld\n", pid[0], pid[1], pid[2], pid[3]);
	return 0;
}

int main(int argc, char **argv)
{
	const char *wait_file = NULL, *loginuid = NULL, *groups = NULL, *persona = NULL;
	const char *comm = NULL;
	unsigned int uids[4], gids[4];
	int have_uids = 0, have_gids = 0, be_orphan = 0;

	setvbuf(stdout, NULL, _IOLBF, 0);
	while (argc > 2 && !strncmp(argv[1], "--", 2)) {
		if (!strcmp(argv[1], "--orphan")) {
			be_orphan = 1;
			argc--;
			argv++;
			continue;
		} else if (!strcmp(argv[1], "--wait")) {
			wait_file = argv[2];
		} else if (!strcmp(argv[1], "--loginuid")) {
			loginuid = argv[2];
		} else if (!strcmp(argv[1], "--groups")) {
			groups = argv[2];
		} else if (!strcmp(argv[1], "--personality")) {
			persona = argv[2];
		} else if (!strcmp(argv[1], "--comm")) {
			comm = argv[2];
		} else if (!strcmp(argv[1], "--uids")) {
			if (parse_ids(argv[2], uids))
				goto usage;
			have_uids = 1;
		} else if (!strcmp(argv[1], "--gids")) {
			if (parse_ids(argv[2], gids))
				goto usage;
			have_gids = 1;
		} else {
			goto usage;
		}
		argc -= 2;
		argv += 2;
	}
	if (argc < 2)
		goto usage;
	if (be_orphan && orphan()) {
		fprintf(stderr, "nsa-gen: orphan: %s\n", strerror(errno));
		return 1;
	}
	if (loginuid && gen_loginuid(loginuid))
		return 1;
	if (persona && personality(strtoul(persona, NULL, 16)) == -1) {
		fprintf(stderr, "nsa-gen: personality: %s\n", strerror(errno));
		return 1;
	}
	if (groups && set_groups(groups))
		return 1;
	if ((have_uids || have_gids) &&
	    set_ids(have_uids ? uids : NULL, have_gids ? gids : NULL))
		return 1;
	if (comm && prctl(PR_SET_NAME, comm)) {
		fprintf(stderr, "nsa-gen: PR_SET_NAME: %s\n", strerror(errno));
		return 1;
	}
	print_ids();
	if (wait_file)
		wait_for(wait_file);
	if (argc == 2 && !strcmp(argv[1], "ids"))
		return 0;
	if (argc == 4 && !strcmp(argv[1], "open"))
		return gen_open(atol(argv[2]), argv[3]);
	if (argc == 3 && !strcmp(argv[1], "loop"))
		return gen_loop(argv[2]);
	if (argc == 5 && !strcmp(argv[1], "users"))
		return gen_users(argv[2], atol(argv[3]), atol(argv[4]));
	if (argc == 3 && !strcmp(argv[1], "user"))
		return gen_user(argv[2]);
	if (argc == 3 && !strcmp(argv[1], "loginuid"))
		return gen_loginuid(argv[2]);
	if (argc == 3 && !strcmp(argv[1], "connect"))
		return gen_connect(argv[2]);
	if (argc >= 3 && !strcmp(argv[1], "sys"))
		return gen_sys(argc - 2, argv + 2);
	if (argc == 2 && !strcmp(argv[1], "forks"))
		return gen_forks();
	if (argc == 2 && !strcmp(argv[1], "restart"))
		return gen_restart();
	if (argc == 3 && !strcmp(argv[1], "sigreturn"))
		return gen_sigreturn(argv[2]);
	if (argc >= 4 && !strcmp(argv[1], "exec"))
		return gen_exec(argv[2], argv + 3);
usage:
	fprintf(stderr, "usage: nsa-gen [--uids R,E,S,FS] [--gids R,E,S,FS] [--groups G,...] [--loginuid UID]\n"
		"               [--personality HEX] [--comm NAME] [--wait FILE] [--orphan]\n"
		"               ids | open N PATH | loop PATH | user TEXT | loginuid UID | connect PATH\n"
		"               | sys [i386:]NR[,A0[,A1[,A2[,A3]]]]... | forks\n"
		"               | sigreturn MARK | exec MARK PROG ARG... | restart\n");
	return 2;
}
