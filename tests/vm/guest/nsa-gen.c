// SPDX-License-Identifier: GPL-2.0
/*
 * nsa-gen: makes the events the VM scenarios look for, and says exactly how
 * many it made, so a scenario can count records against it. Every mode
 * first prints "pid=P hostpid=H": its pid in its own PID namespace and in
 * the /proc it sees (the host's, in the scenarios). With --wait FILE it
 * then waits until FILE exists, so that a scenario can take ground truth
 * from /proc/H before the events happen.
 *
 *   nsa-gen [--wait FILE] MODE ARGS
 *
 *   ids                  nothing more (an execve event of its own)
 *   open N PATH          N failing openat(PATH) calls
 *   loop PATH            failing openat(PATH) until SIGTERM, then prints
 *                        "n=N", the calls that returned
 *   user TEXT            one AUDIT_USER message
 *   loginuid UID         sets the login uid (an AUDIT_LOGIN record)
 *   connect PATH         one failing AF_UNIX connect (a SOCKADDR record)
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <libaudit.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/un.h>
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

int main(int argc, char **argv)
{
	const char *wait_file = NULL;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc > 2 && !strcmp(argv[1], "--wait")) {
		wait_file = argv[2];
		argc -= 2;
		argv += 2;
	}
	if (argc < 2)
		goto usage;
	print_ids();
	if (wait_file)
		wait_for(wait_file);
	if (argc == 2 && !strcmp(argv[1], "ids"))
		return 0;
	if (argc == 4 && !strcmp(argv[1], "open"))
		return gen_open(atol(argv[2]), argv[3]);
	if (argc == 3 && !strcmp(argv[1], "loop"))
		return gen_loop(argv[2]);
	if (argc == 3 && !strcmp(argv[1], "user"))
		return gen_user(argv[2]);
	if (argc == 3 && !strcmp(argv[1], "loginuid"))
		return gen_loginuid(argv[2]);
	if (argc == 3 && !strcmp(argv[1], "connect"))
		return gen_connect(argv[2]);
usage:
	fprintf(stderr, "usage: nsa-gen [--wait FILE] ids | open N PATH | loop PATH | user TEXT | loginuid UID | connect PATH\n");
	return 2;
}
