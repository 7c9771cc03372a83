// SPDX-License-Identifier: GPL-2.0
/*
 * nsa-tree: a process tree of known shape for the container ID scenarios,
 * which say what each of its tasks must carry and check it against what
 * the module says (their ground truth is this tree, reported here, and the
 * kernel's own /proc links between its tasks).
 *
 *   nsa-tree --wait GO --hold HOLD tree
 *       prints "self pid=P", then waits until GO exists (the scenario
 *       gives P its ID meanwhile: it has no thread and no child yet).
 *       Then P starts a thread, forks a child C, C forks a grandchild G,
 *       and G execs "nsa-tree --hold HOLD exec"; every task makes one
 *       failing openat(/nsa-missing/tree-ROLE), then prints "ROLE pid=N"
 *       (ROLE: self, thread, child, grandchild, exec; pid: the task's id
 *       in this PID namespace, a tid for the thread). Everything waits
 *       until HOLD exists, then ends; P reaps its children and prints
 *       "done".
 *
 *   nsa-tree --wait GO --hold HOLD many N
 *       prints "self pid=P", waits for GO, starts N threads (64 KiB
 *       stacks) that each make a failing openat(/nsa-missing/tree-many)
 *       and block, prints "ready n=N" once all run, and ends them all
 *       once HOLD exists ("done").
 *
 *   nsa-tree threads N
 *       starts N threads that block forever, prints "self pid=P" once
 *       they run (a process with threads: SET_CONTID must refuse it).
 *
 *   nsa-tree --hold HOLD forks N [MS]
 *       maps N one-page mappings, apart (so that each fork copies N
 *       VMAs and spends most of its time inside copy_process(), between
 *       cgroup_fork() and linking the child). With MS, it then forks
 *       once and doubles the mappings until a fork takes MS milliseconds
 *       or vm.max_map_count allows no more (newer kernels copy a VMA
 *       many times faster), and prints "maps n=N fork_ms=D" for the
 *       last such fork. Then it prints "self pid=P", then
 *       forks until HOLD exists, one child at a time: P prints "forking"
 *       and forks; the child makes a failing openat(/nsa-missing/tree-fork)
 *       and exits; P prints "fork start=T0 end=T1 pid=C" (CLOCK_REALTIME
 *       ns just before fork() and just after it returned), then reaps C.
 *       Ends with "done n=FORKS".
 *
 *   nsa-tree now
 *       prints CLOCK_REALTIME in ns (the guest's date has no %N).
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *hold_file;
static int block_pipe[2];

static void wait_for(const char *file)
{
	struct stat st;

	while (stat(file, &st) != 0)
		usleep(10000);
}

/* The failing openat(/nsa-missing/tree-ROLE) a host rule selects. */
static void report_quiet(const char *role)
{
	long fd;
	char path[64];

	snprintf(path, sizeof(path), "/nsa-missing/tree-%s", role);
	fd = syscall(SYS_openat, AT_FDCWD, path, O_RDONLY);
	if (fd >= 0)
		close((int)fd);
}

/*
 * One write(2) per line, past stdio: the thread reports while the main
 * thread forks, and a child would inherit (and write again) a line the
 * thread had put in stdout's buffer but not yet flushed.
 */
static void report(const char *role)
{
	report_quiet(role);
	dprintf(STDOUT_FILENO, "%s pid=%ld\n", role, (long)syscall(SYS_gettid));
}

static void *tree_thread(void *arg)
{
	(void)arg;
	report("thread");
	wait_for(hold_file);
	return NULL;
}

static int tree(const char *self)
{
	pthread_t t;
	pid_t c, g;
	int st;

	if (pthread_create(&t, NULL, tree_thread, NULL))
		return 1;
	c = fork();
	if (c < 0)
		return 1;
	if (c == 0) {
		report("child");
		g = fork();
		if (g == 0) {
			report("grandchild");
			execl(self, "nsa-tree", "--hold", hold_file, "exec",
			      (char *)NULL);
			perror("exec");
			_exit(1);
		}
		wait_for(hold_file);
		_exit(g > 0 && waitpid(g, &st, 0) == g && WIFEXITED(st) &&
		      !WEXITSTATUS(st) ? 0 : 1);
	}
	report("self");
	pthread_join(t, NULL);
	if (waitpid(c, &st, 0) != c || !WIFEXITED(st) || WEXITSTATUS(st))
		return 1;
	return 0;
}

static void *many_thread(void *arg)
{
	char c;

	(void)arg;
	{
		long fd = syscall(SYS_openat, AT_FDCWD, "/nsa-missing/tree-many",
				  O_RDONLY);

		if (fd >= 0)
			close((int)fd);
	}
	/* Blocks until the write end is closed. */
	while (read(block_pipe[0], &c, 1) > 0)
		;
	return NULL;
}

static pthread_t *start_threads(long n)
{
	pthread_attr_t attr;
	pthread_t *t;
	long i;

	t = calloc(n, sizeof(*t));
	if (!t || pipe(block_pipe) || pthread_attr_init(&attr) ||
	    pthread_attr_setstacksize(&attr, 64 * 1024))
		return NULL;
	for (i = 0; i < n; i++) {
		int err = pthread_create(&t[i], &attr, many_thread, NULL);

		if (err) {
			fprintf(stderr, "thread %ld: cannot start: %s\n", i,
				strerror(err));
			return NULL;
		}
	}
	return t;
}

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* Maps @n pages, every other one inaccessible: 2n VMAs that cannot merge. */
static int add_maps(long n, long page)
{
	char *m;
	long i;

	m = mmap(NULL, 2 * n * page, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS,
		 -1, 0);
	if (m == MAP_FAILED)
		return -1;
	for (i = 0; i < n; i++)
		if (mprotect(m + 2 * i * page, page, PROT_NONE))
			return -1;
	return 0;
}

/* How long one fork takes the parent, in ns; -1 on failure. */
static long long timed_fork(void)
{
	long long t0, t1;
	pid_t c;
	int st;

	t0 = now_ns();
	c = fork();
	if (c < 0)
		return -1;
	if (c == 0)
		_exit(0);
	t1 = now_ns();
	if (waitpid(c, &st, 0) != c || !WIFEXITED(st) || WEXITSTATUS(st))
		return -1;
	return t1 - t0;
}

/* The most pages add_maps() may map in all, leaving room for the rest. */
static long maps_limit(void)
{
	FILE *f = fopen("/proc/sys/vm/max_map_count", "r");
	long max = 65530;

	if (f) {
		if (fscanf(f, "%ld", &max) != 1)
			max = 65530;
		fclose(f);
	}
	return (max - 1000) / 2;
}

static int forks(long n, long ms)
{
	long page = sysconf(_SC_PAGESIZE), done = 0, total = n, limit, more;
	long long t0, t1, d;
	pid_t c;
	int st;

	if (add_maps(n, page))
		return 1;
	if (ms) {
		limit = maps_limit();
		for (;;) {
			d = timed_fork();
			if (d < 0)
				return 1;
			more = total < limit - total ? total : limit - total;
			if (d >= ms * 1000000LL || more <= 0)
				break;
			if (add_maps(more, page))
				return 1;
			total += more;
		}
		printf("maps n=%ld fork_ms=%lld\n", total, d / 1000000);
	}
	printf("self pid=%d\n", getpid());
	fflush(stdout);
	while (access(hold_file, F_OK)) {
		printf("forking\n");
		fflush(stdout);
		t0 = now_ns();
		c = fork();
		if (c < 0)
			return 1;
		if (c == 0) {
			report_quiet("fork");
			_exit(0);
		}
		t1 = now_ns();
		printf("fork start=%lld end=%lld pid=%d\n", t0, t1, c);
		fflush(stdout);
		if (waitpid(c, &st, 0) != c || !WIFEXITED(st) || WEXITSTATUS(st))
			return 1;
		done++;
	}
	printf("done n=%ld\n", done);
	return 0;
}

int main(int argc, char **argv)
{
	const char *go = NULL, *mode;
	pthread_t *t;
	long n, i;

	while (argc > 2 && !strncmp(argv[1], "--", 2)) {
		if (!strcmp(argv[1], "--wait"))
			go = argv[2];
		else if (!strcmp(argv[1], "--hold"))
			hold_file = argv[2];
		else
			break;
		argc -= 2;
		argv += 2;
	}
	if (argc < 2)
		goto usage;
	mode = argv[1];
	if (!strcmp(mode, "now") && argc == 2) {
		printf("%lld\n", now_ns());
		return 0;
	}
	if (!strcmp(mode, "exec") && hold_file) {
		report("exec");
		wait_for(hold_file);
		return 0;
	}
	if (!strcmp(mode, "threads") && argc == 3) {
		n = atol(argv[2]);
		if (n < 1 || !start_threads(n))
			return 1;
		printf("self pid=%d\n", getpid());
		fflush(stdout);
		pause();
		return 0;
	}
	if (!strcmp(mode, "forks") && (argc == 3 || argc == 4) && hold_file) {
		n = atol(argv[2]);
		i = argc == 4 ? atol(argv[3]) : 0;
		if (n < 1 || i < 0)
			goto usage;
		return forks(n, i);
	}
	if (!go || !hold_file)
		goto usage;
	printf("self pid=%d\n", getpid());
	fflush(stdout);
	wait_for(go);
	if (!strcmp(mode, "tree") && argc == 2) {
		if (tree("/proc/self/exe"))
			return 1;
		printf("done\n");
		return 0;
	}
	if (!strcmp(mode, "many") && argc == 3) {
		n = atol(argv[2]);
		if (n < 1)
			goto usage;
		t = start_threads(n);
		if (!t)
			return 1;
		printf("ready n=%ld\n", n);
		fflush(stdout);
		wait_for(hold_file);
		close(block_pipe[1]);
		for (i = 0; i < n; i++)
			pthread_join(t[i], NULL);
		printf("done\n");
		return 0;
	}
usage:
	fprintf(stderr, "usage: nsa-tree --wait GO --hold HOLD tree | --wait GO --hold HOLD many N | threads N | --hold HOLD forks N [MS] | now\n");
	return 2;
}
