// SPDX-License-Identifier: GPL-2.0
/*
 * nsa-bench: the cost of one syscall, for make bench.
 *
 *   nsa-bench audited N PATH   N failing openat(PATH) calls (a rule logs each)
 *   nsa-bench plain N          N getppid() calls (no rule matches)
 *   nsa-bench forkexit N       N times: fork(), the child _exit()s, the
 *                              parent reaps it (ns= per round trip)
 *
 * Prints "ns=X": wall-clock nanoseconds per call (CLOCK_MONOTONIC), and
 * "cpu=X": the process's own CPU time per call (CLOCK_PROCESS_CPUTIME_ID;
 * what the daemons did meanwhile is in ns=, not in cpu=); audited also
 * prints "start=T", the CLOCK_MONOTONIC time of its first call, for
 * waitlog.
 *
 *   nsa-bench waitlog LOG OFFSET NEEDLE COUNT [SECONDS]
 *                              reads LOG from byte OFFSET on (polled every
 *                              0.1 ms, for at most SECONDS, 120 by default)
 *                              until NEEDLE has occurred COUNT times there
 *
 * Prints "at=T": the CLOCK_MONOTONIC time it saw the last one (the clock is
 * the same in every namespace unless a time namespace offsets it), so that
 * at - start is the time from a workload's first call until a daemon had
 * logged all of its records. On the bound it prints "count=N" and exits 1.
 *
 *   nsa-bench burst N PATH LOG...
 *                              N failing openat(PATH), then one of
 *                              PATH-end; then watches each LOG (from its
 *                              size at the start) until the marker's
 *                              record is in it
 *
 * Prints one "LOG ns=X" line per log: nanoseconds from the first call to
 * the moment the marker was seen there (polled every 0.1 ms; 120 s bound).
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <sys/wait.h>
#include <unistd.h>

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static double cpu_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

#define LOG_MAX		16
#define WATCH_NS	120e9
#define CARRY_MAX	256

/*
 * Whether @fd, read from @off onwards, has come to hold @marker. @carry
 * keeps the last bytes read, so that a marker split by two reads is found.
 */
static bool seen(int fd, off_t *off, const char *marker, char *carry)
{
	static char buf[1 << 16];
	size_t keep, total;
	ssize_t n;

	for (;;) {
		keep = strlen(carry);
		memcpy(buf, carry, keep);
		n = pread(fd, buf + keep, sizeof(buf) - keep - 1, *off);
		if (n <= 0)
			return false;
		*off += n;
		total = keep + (size_t)n;
		buf[total] = '\0';
		if (strstr(buf, marker))
			return true;
		keep = total < CARRY_MAX - 1 ? total : CARRY_MAX - 1;
		memcpy(carry, buf + total - keep, keep);
		carry[keep] = '\0';
	}
}

static int burst(long n, const char *path, int nlogs, char **logs)
{
	static char carry[LOG_MAX][CARRY_MAX];
	off_t off[LOG_MAX];
	double t[LOG_MAX] = { 0 }, start;
	char end[4096], marker[4200];
	int fd[LOG_MAX], left = nlogs, i;

	if (nlogs > LOG_MAX)
		return 2;
	for (i = 0; i < nlogs; i++) {
		fd[i] = open(logs[i], O_RDONLY);
		if (fd[i] < 0) {
			perror(logs[i]);
			return 1;
		}
		off[i] = lseek(fd[i], 0, SEEK_END);
	}
	snprintf(end, sizeof(end), "%s-end", path);
	snprintf(marker, sizeof(marker), "name=\"%s\"", end);
	start = now_ns();
	for (i = 0; i < n; i++)
		syscall(SYS_openat, AT_FDCWD, path, O_RDONLY);
	syscall(SYS_openat, AT_FDCWD, end, O_RDONLY);
	while (left && now_ns() - start < WATCH_NS) {
		for (i = 0; i < nlogs; i++) {
			if (t[i] == 0 && seen(fd[i], &off[i], marker, carry[i])) {
				t[i] = now_ns() - start;
				left--;
			}
		}
		usleep(100);
	}
	for (i = 0; i < nlogs; i++)
		printf("%s ns=%.0f\n", logs[i], t[i]);
	return left ? 1 : 0;
}

/*
 * How many times @needle (of length @len) occurs in @fd from *@off on,
 * reading all there is now. @carry keeps the last @len - 1 bytes read,
 * which hold no whole occurrence, so that one split by two reads is found
 * once.
 */
static long count_new(int fd, off_t *off, const char *needle, size_t len,
		      char *carry)
{
	static char buf[1 << 16];
	size_t keep, total;
	long found = 0;
	ssize_t n;
	char *p;

	for (;;) {
		keep = strlen(carry);
		memcpy(buf, carry, keep);
		n = pread(fd, buf + keep, sizeof(buf) - keep - 1, *off);
		if (n <= 0)
			return found;
		*off += n;
		total = keep + (size_t)n;
		buf[total] = '\0';
		/* Log lines hold no NUL; one would only end the search early. */
		for (p = buf; (p = strstr(p, needle)); p += len)
			found++;
		keep = total < len - 1 ? total : len - 1;
		memcpy(carry, buf + total - keep, keep);
		carry[keep] = '\0';
	}
}

static int waitlog(const char *log, off_t off, const char *needle, long count,
		   double bound_ns)
{
	static char carry[CARRY_MAX];
	size_t len = strlen(needle);
	double start = now_ns();
	long seen_n = 0;
	int fd;

	if (!len || len >= CARRY_MAX || count <= 0)
		return 2;
	fd = open(log, O_RDONLY);
	if (fd < 0) {
		perror(log);
		return 1;
	}
	while (now_ns() - start < bound_ns) {
		seen_n += count_new(fd, &off, needle, len, carry);
		if (seen_n >= count) {
			printf("at=%.0f\n", now_ns());
			close(fd);
			return 0;
		}
		usleep(100);
	}
	printf("count=%ld\n", seen_n);
	close(fd);
	return 1;
}

int main(int argc, char **argv)
{
	double start, cpu0;
	long i, n;

	if ((argc == 6 || argc == 7) && !strcmp(argv[1], "waitlog"))
		return waitlog(argv[2], (off_t)atoll(argv[3]), argv[4],
			       atol(argv[5]),
			       argc == 7 ? atof(argv[6]) * 1e9 : WATCH_NS);
	if (argc < 3 || (n = atol(argv[2])) <= 0)
		goto usage;
	if (!strcmp(argv[1], "burst") && argc >= 5)
		return burst(n, argv[3], argc - 4, argv + 4);
	cpu0 = cpu_ns();
	if (!strcmp(argv[1], "audited") && argc == 4) {
		start = now_ns();
		for (i = 0; i < n; i++)
			syscall(SYS_openat, AT_FDCWD, argv[3], O_RDONLY);
	} else if (!strcmp(argv[1], "forkexit") && argc == 3) {
		start = now_ns();
		for (i = 0; i < n; i++) {
			pid_t c = fork();

			if (c == 0)
				_exit(0);
			if (c < 0 || waitpid(c, NULL, 0) != c) {
				perror("forkexit");
				return 1;
			}
		}
	} else if (!strcmp(argv[1], "plain") && argc == 3) {
		start = now_ns();
		for (i = 0; i < n; i++)
			syscall(SYS_getppid);
	} else {
		goto usage;
	}
	printf("ns=%.1f\n", (now_ns() - start) / n);
	printf("cpu=%.1f\n", (cpu_ns() - cpu0) / n);
	if (argc == 4)
		printf("start=%.0f\n", start);
	return 0;
usage:
	fprintf(stderr, "usage: nsa-bench audited N PATH | plain N | forkexit N | burst N PATH LOG... | waitlog LOG OFFSET NEEDLE COUNT [SECONDS]\n");
	return 2;
}
