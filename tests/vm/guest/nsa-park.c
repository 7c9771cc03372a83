// SPDX-License-Identifier: GPL-2.0
/*
 * nsa-park: hold pending syscall slots on purpose, for the quota tests.
 * A task holds one of the module's pending slots while it is preempted
 * between its syscall's exit probe and its task work. On a kernel that
 * preempts only at voluntary points (Debian's default), a syscall that
 * wakes a real-time task is preempted exactly there: at its exit, after
 * the probe. Moved then to a CPU that a real-time hog keeps busy, the
 * task stays there, holding its slot, until the hog ends.
 *
 *   nsa-park hog SECS
 *	SCHED_FIFO on CPU 1; prints "hogging" and spins until SIGTERM, or
 *	SECS seconds at most. Needs RT throttling off
 *	(kernel.sched_rt_runtime_us = -1), or CPU 1's other tasks still run.
 *   nsa-park park N (--ns PID | --user UID)
 *	Run as root. Enters PID's user namespace (as its root), or makes a
 *	user namespace of its own as host UID, keeping the right to take
 *	SCHED_FIFO (RLIMIT_RTPRIO); then N threads on CPU 0 each make one
 *	tkill() of the main thread, which waits for it at SCHED_FIFO: each
 *	is preempted at that syscall's exit and moved to CPU 1. Prints
 *	"parked N", then waits for every thread, which runs on once the hog
 *	ends, and prints "released N".
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <linux/futex.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define MAX_WORKERS 1024

struct worker {
	pthread_t thread;
	atomic_int tid;
	atomic_int go;
};

static struct worker workers[MAX_WORKERS];
static atomic_int ready;
static pid_t boss;

static void die(const char *what)
{
	fprintf(stderr, "nsa-park: %s: %s\n", what, strerror(errno));
	exit(1);
}

static void futex_wait(atomic_int *addr, int val)
{
	syscall(SYS_futex, addr, FUTEX_WAIT_PRIVATE, val, NULL, NULL, 0);
}

static void futex_wake(atomic_int *addr)
{
	syscall(SYS_futex, addr, FUTEX_WAKE_PRIVATE, INT_MAX, NULL, NULL, 0);
}

static void pin(pid_t tid, int cpu)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	if (sched_setaffinity(tid, sizeof(set), &set))
		die("sched_setaffinity");
}

static void fifo(void)
{
	struct sched_param sp = { .sched_priority = 1 };

	if (sched_setscheduler(0, SCHED_FIFO, &sp))
		die("sched_setscheduler");
}

static volatile sig_atomic_t stop;

static void on_term(int sig)
{
	(void)sig;
	stop = 1;
}

static int hog(int secs)
{
	struct timespec t0, t;

	signal(SIGTERM, on_term);
	pin(0, 1);
	fifo();
	printf("hogging\n");
	fflush(stdout);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	do {
		for (int i = 0; i < 1000000 && !stop; i++)
			__asm__ volatile("" ::: "memory");
		clock_gettime(CLOCK_MONOTONIC, &t);
	} while (!stop && t.tv_sec - t0.tv_sec < secs);
	return 0;
}

static void *work(void *arg)
{
	struct worker *w = arg;

	atomic_store(&w->tid, (int)syscall(SYS_gettid));
	atomic_fetch_add(&ready, 1);
	futex_wake(&ready);
	while (!atomic_load(&w->go))
		futex_wait(&w->go, 0);
	/* The one ruled syscall: it wakes the boss, which preempts us here. */
	syscall(SYS_tkill, boss, SIGUSR1);
	return NULL;
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

static int park(int n, const char *how, const char *arg)
{
	struct rlimit rl = { .rlim_cur = 1, .rlim_max = 1 };
	pthread_attr_t attr;
	sigset_t usr1;
	int i, got;

	if (n < 1 || n > MAX_WORKERS) {
		fprintf(stderr, "nsa-park: 1 to %d threads\n", MAX_WORKERS);
		return 2;
	}
	/* The right to SCHED_FIFO survives the change of namespace and uid. */
	if (setrlimit(RLIMIT_RTPRIO, &rl))
		die("setrlimit");
	if (!strcmp(how, "--ns"))
		enter_ns(arg);
	else if (!strcmp(how, "--user"))
		own_ns((uid_t)strtoul(arg, NULL, 10));
	else
		return 2;
	boss = getpid();
	pin(0, 0);
	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	if (sigprocmask(SIG_BLOCK, &usr1, NULL))
		die("sigprocmask");
	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, 64 << 10);
	for (i = 0; i < n; i++)
		if (pthread_create(&workers[i].thread, &attr, work, &workers[i])) {
			errno = EAGAIN;
			die("pthread_create");
		}
	while ((got = atomic_load(&ready)) < n)
		futex_wait(&ready, got);
	fifo();
	for (i = 0; i < n; i++) {
		atomic_store(&workers[i].go, 1);
		futex_wake(&workers[i].go);
		/* Runs once worker i's tkill() has woken us: it is preempted. */
		while (sigwaitinfo(&usr1, NULL) < 0)
			if (errno != EINTR)
				die("sigwaitinfo");
		pin(atomic_load(&workers[i].tid), 1);
	}
	printf("parked %d\n", n);
	fflush(stdout);
	for (i = 0; i < n; i++)
		pthread_join(workers[i].thread, NULL);
	printf("released %d\n", n);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "hog"))
		return hog(atoi(argv[2]));
	if (argc == 5 && !strcmp(argv[1], "park"))
		return park(atoi(argv[2]), argv[3], argv[4]);
	fprintf(stderr, "usage: nsa-park hog SECS | park N (--ns PID | --user UID)\n");
	return 2;
}
