// SPDX-License-Identifier: GPL-2.0
/*
 * nsa-bench: the cost of one syscall, for make bench.
 *
 *   nsa-bench audited N PATH   N failing openat(PATH) calls (a rule logs each)
 *   nsa-bench plain N          N getppid() calls (no rule matches)
 *
 * Prints "ns=X": wall-clock nanoseconds per call (CLOCK_MONOTONIC).
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

int main(int argc, char **argv)
{
	double start;
	long i, n;

	if (argc < 3 || (n = atol(argv[2])) <= 0)
		goto usage;
	if (!strcmp(argv[1], "audited") && argc == 4) {
		start = now_ns();
		for (i = 0; i < n; i++)
			syscall(SYS_openat, AT_FDCWD, argv[3], O_RDONLY);
	} else if (!strcmp(argv[1], "plain") && argc == 3) {
		start = now_ns();
		for (i = 0; i < n; i++)
			syscall(SYS_getppid);
	} else {
		goto usage;
	}
	printf("ns=%.1f\n", (now_ns() - start) / n);
	return 0;
usage:
	fprintf(stderr, "usage: nsa-bench audited N PATH | plain N\n");
	return 2;
}
