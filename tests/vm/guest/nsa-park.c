// SPDX-License-Identifier: GPL-2.0
/*
 * nsa-park: hold pending syscall slots on purpose, for the quota tests.
 * A task holds one of the module's pending slots from its syscall's exit
 * probe (the sys_exit tracepoint) to its task work, at the return to user
 * mode. A tracer stops it in between: the kernel's syscall exit work
 * (kernel/entry, 6.1 to 7.x) calls trace_sys_exit() before
 * ptrace_report_syscall_exit(), and the task work runs only once the
 * tracee goes on. Unlike preemption, this holds on every preemption model
 * (voluntary, full, lazy, PREEMPT_RT), as long as the tracer wants: it is
 * what a hostile user would do with its own processes.
 *
 *   nsa-park park N (--ns PID | --user UID)
 *	Run as root. Enters PID's user namespace (as its root), or makes a
 *	user namespace of its own as host UID; then forks N children, each
 *	traced by this process and stopped at the exit of one ruled tkill()
 *	(signal 0 to itself). Prints "parked N", then, on SIGTERM, lets each
 *	go on, waits for it to exit 0 and prints "released N".
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_PARKED 1024

static pid_t parked[MAX_PARKED];

static void die(const char *what)
{
	fprintf(stderr, "nsa-park: %s: %s\n", what, strerror(errno));
	exit(1);
}

static void fail(const char *what, pid_t pid, int status)
{
	fprintf(stderr, "nsa-park: child %d: %s (wait status 0x%x)\n",
		(int)pid, what, status);
	exit(1);
}

static void enter_ns(const char *pid)
{
	char path[64];
	int fd;

	snprintf(path, sizeof(path), "/proc/%s/ns/user", pid);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		die(path);
	if (setns(fd, CLONE_NEWUSER))
		die("setns");
	close(fd);
	if (setresgid(0, 0, 0) || setresuid(0, 0, 0))
		die("setresuid in the namespace");
}

static void own_ns(uid_t uid)
{
	if (setgroups(0, NULL) || setresgid(uid, uid, uid) ||
	    setresuid(uid, uid, uid))
		die("setresuid");
	if (unshare(CLONE_NEWUSER))
		die("unshare");
}

/* The child: traced from here on, stopped, then the one ruled syscall. */
static void child(void)
{
	if (ptrace(PTRACE_TRACEME, 0, NULL, NULL))
		_exit(10);
	raise(SIGSTOP);
	syscall(SYS_tkill, (pid_t)syscall(SYS_gettid), 0);
	_exit(0);
}

/*
 * Runs a new child from syscall stop to syscall stop until it stops at
 * the exit of its tkill(); other syscalls (raise()'s, gettid()) pass.
 */
static pid_t park_one(void)
{
	struct __ptrace_syscall_info info;
	long entered = -1;
	int status, sig = 0;
	pid_t pid;

	pid = fork();
	if (pid < 0)
		die("fork");
	if (pid == 0)
		child();
	if (waitpid(pid, &status, 0) != pid)
		die("waitpid");
	if (!WIFSTOPPED(status) || WSTOPSIG(status) != SIGSTOP)
		fail("did not stop for its tracer", pid, status);
	/* EXITKILL: a tracer that dies takes its parked children along. */
	if (ptrace(PTRACE_SETOPTIONS, pid, NULL,
		   (void *)(long)(PTRACE_O_TRACESYSGOOD | PTRACE_O_EXITKILL)))
		die("PTRACE_SETOPTIONS");
	for (;;) {
		if (ptrace(PTRACE_SYSCALL, pid, NULL, (void *)(long)sig))
			die("PTRACE_SYSCALL");
		sig = 0;
		if (waitpid(pid, &status, 0) != pid)
			die("waitpid");
		if (!WIFSTOPPED(status))
			fail("ended before its tkill()", pid, status);
		if (WSTOPSIG(status) != (SIGTRAP | 0x80)) {
			sig = WSTOPSIG(status);	/* a signal: delivered */
			continue;
		}
		if (ptrace(PTRACE_GET_SYSCALL_INFO, pid,
			   (void *)sizeof(info), &info) <= 0)
			die("PTRACE_GET_SYSCALL_INFO");
		if (info.op == PTRACE_SYSCALL_INFO_ENTRY)
			entered = (long)info.entry.nr;
		else if (info.op == PTRACE_SYSCALL_INFO_EXIT &&
			 entered == SYS_tkill)
			return pid;
	}
}

static int park(int n, const char *how, const char *arg)
{
	sigset_t term;
	int i, status;

	if (n < 1 || n > MAX_PARKED) {
		fprintf(stderr, "nsa-park: 1 to %d children\n", MAX_PARKED);
		return 2;
	}
	if (!strcmp(how, "--ns"))
		enter_ns(arg);
	else if (!strcmp(how, "--user"))
		own_ns((uid_t)strtoul(arg, NULL, 10));
	else
		return 2;
	/* The change of uid made us undumpable: the tests read our /proc. */
	if (prctl(PR_SET_DUMPABLE, 1, 0, 0, 0))
		die("PR_SET_DUMPABLE");
	sigemptyset(&term);
	sigaddset(&term, SIGTERM);
	if (sigprocmask(SIG_BLOCK, &term, NULL))
		die("sigprocmask");
	for (i = 0; i < n; i++)
		parked[i] = park_one();
	printf("parked %d\n", n);
	fflush(stdout);
	while (sigwaitinfo(&term, NULL) < 0)
		if (errno != EINTR)
			die("sigwaitinfo");
	for (i = 0; i < n; i++)
		if (ptrace(PTRACE_DETACH, parked[i], NULL, NULL))
			die("PTRACE_DETACH");
	for (i = 0; i < n; i++) {
		if (waitpid(parked[i], &status, 0) != parked[i])
			die("waitpid");
		if (!WIFEXITED(status) || WEXITSTATUS(status))
			fail("did not exit 0 once released", parked[i], status);
	}
	printf("released %d\n", n);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 5 && !strcmp(argv[1], "park"))
		return park(atoi(argv[2]), argv[3], argv[4]);
	fprintf(stderr, "usage: nsa-park park N (--ns PID | --user UID)\n");
	return 2;
}
