// SPDX-License-Identifier: GPL-2.0
/*
 * nsa-cidrace: the last task of a container ID exits while SET gives the
 * same ID to a new process, round after round (the contid-exit-race
 * scenario). Built with libnsaudit.
 *
 *   nsa-cidrace ROUNDS BASE
 *
 * Round R uses ID BASE+R: a child A is given the ID and waits on a pipe; a
 * child B (no thread, no child) waits on another. Then A is told to exit
 * and, after a random spin on each side, B is given the same ID, so that
 * A's exit (the ID's last live task) and the SET meet. Either SET joined
 * the ID while A still lived (one lifetime, one op=drop naming B) or came
 * after A's exit took the ID down (two lifetimes: op=drop naming A, then
 * one naming B). Prints one line a round:
 *   "round=R id=ID a=PID b=PID set=ERRNO"
 * (ERRNO 0 on success), then "done rounds=N failed=M": M counts SETs that
 * failed, each a defect (the only refusal a free process could meet is
 * ENOSPC, the sign of a task count gone wrong).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "libnsaudit.h"

static volatile unsigned long sink;

static void spin(unsigned int n)
{
	while (n--)
		sink++;
}

/* A child that waits for a byte on @fd, spins @delay, then exits. */
static pid_t waiter(int fd, unsigned int delay)
{
	pid_t pid = fork();
	char c;

	if (pid == 0) {
		if (read(fd, &c, 1) != 1)
			_exit(2);
		spin(delay);
		_exit(0);
	}
	return pid;
}

int main(int argc, char **argv)
{
	struct nsaudit_handle *h;
	unsigned long rounds, r, failed = 0;
	unsigned long long base;
	int err;

	if (argc != 3) {
		fprintf(stderr, "usage: nsa-cidrace ROUNDS BASE\n");
		return 2;
	}
	rounds = strtoul(argv[1], NULL, 0);
	base = strtoull(argv[2], NULL, 0);
	err = nsaudit_open(&h);
	if (err) {
		fprintf(stderr, "nsa-cidrace: open: %s\n", strerror(-err));
		return 1;
	}
	srandom(getpid());
	for (r = 0; r < rounds; r++) {
		unsigned long long id = base + r;
		int pa[2], pb[2];
		pid_t a, b;

		if (pipe(pa) || pipe(pb)) {
			perror("nsa-cidrace: pipe");
			return 1;
		}
		a = waiter(pa[0], random() % 20000);
		if (a < 0) {
			perror("nsa-cidrace: fork");
			return 1;
		}
		err = nsaudit_contid_set(h, a, id);
		if (err) {
			fprintf(stderr, "nsa-cidrace: set A: %s: %s\n",
				strerror(-err), nsaudit_errmsg(h));
			return 1;
		}
		b = waiter(pb[0], 0);
		if (b < 0) {
			perror("nsa-cidrace: fork");
			return 1;
		}
		if (write(pa[1], "x", 1) != 1)
			return 1;
		spin(random() % 20000);
		err = nsaudit_contid_set(h, b, id);
		if (err)
			failed++;
		printf("round=%lu id=%llu a=%d b=%d set=%d\n", r, id, a, b, -err);
		if (write(pb[1], "x", 1) != 1)
			return 1;
		waitpid(a, NULL, 0);
		waitpid(b, NULL, 0);
		close(pa[0]);
		close(pa[1]);
		close(pb[0]);
		close(pb[1]);
	}
	printf("done rounds=%lu failed=%lu\n", rounds, failed);
	nsaudit_close(h);
	return failed != 0;
}
