// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Unit tests: nsaudit_nsid_of_pid(), checked against stat() and readlink()
 * of /proc/PID/ns/ done here independently of the library.
 */
#define _GNU_SOURCE		/* unshare(), pipe2() */

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <libnsaudit.h>

#include "suites.h"

/* /proc/PID/ns/ names by NSAUDIT_NS_* index: the test's own copy. */
static const char *const ns_files[NSAUDIT_NS_COUNT] = {
	"mnt", "uts", "ipc", "net", "pid", "user", "cgroup", "time",
};

/* The expected set, straight from stat(2) on /proc/@who/ns/X. */
static void stat_nsid(const char *who, struct nsaudit_nsid_set *set)
{
	dev_t dev = 0;
	int i;

	for (i = 0; i < NSAUDIT_NS_COUNT; i++) {
		char path[64];
		struct stat st;

		snprintf(path, sizeof(path), "/proc/%s/ns/%s", who, ns_files[i]);
		ck_assert_msg(stat(path, &st) == 0, "stat %s: %s", path,
			      strerror(errno));
		if (i == 0)
			dev = st.st_dev;
		ck_assert_msg(st.st_dev == dev, "%s on another device", path);
		set->inum[i] = (uint32_t)st.st_ino;
	}
	set->dev_major = major(dev);
	set->dev_minor = minor(dev);
}

static void assert_set_eq(const struct nsaudit_nsid_set *got,
			  const struct nsaudit_nsid_set *want, const char *what)
{
	int i;

	ck_assert_msg(got->dev_major == want->dev_major &&
		      got->dev_minor == want->dev_minor,
		      "%s: nsdev %u:%u, want %u:%u", what, got->dev_major,
		      got->dev_minor, want->dev_major, want->dev_minor);
	for (i = 0; i < NSAUDIT_NS_COUNT; i++)
		ck_assert_msg(got->inum[i] == want->inum[i],
			      "%s: %s %u, want %u", what, ns_files[i],
			      (unsigned int)got->inum[i],
			      (unsigned int)want->inum[i]);
}

/* The lowest free descriptor: unchanged after a call that leaks none. */
static int lowest_free_fd(void)
{
	int fd = open("/dev/null", O_RDONLY | O_CLOEXEC);

	ck_assert_int_ge(fd, 0);
	close(fd);
	return fd;
}

START_TEST(test_self)
{
	struct nsaudit_nsid_set got, want;

	stat_nsid("self", &want);
	ck_assert_int_eq(nsaudit_nsid_of_pid(0, &got), 0);
	assert_set_eq(&got, &want, "pid 0");
	ck_assert_int_eq(nsaudit_nsid_of_pid(getpid(), &got), 0);
	assert_set_eq(&got, &want, "getpid()");
}
END_TEST

/* The second identity the design names: the number readlink shows. */
START_TEST(test_self_readlink)
{
	struct nsaudit_nsid_set got;
	int i;

	ck_assert_int_eq(nsaudit_nsid_of_pid(0, &got), 0);
	for (i = 0; i < NSAUDIT_NS_COUNT; i++) {
		char path[64], link[64], want[64];
		ssize_t n;

		snprintf(path, sizeof(path), "/proc/self/ns/%s", ns_files[i]);
		n = readlink(path, link, sizeof(link) - 1);
		ck_assert_msg(n > 0, "readlink %s: %s", path, strerror(errno));
		link[n] = '\0';
		snprintf(want, sizeof(want), "%s:[%u]", ns_files[i],
			 (unsigned int)got.inum[i]);
		ck_assert_str_eq(link, want);
	}
}
END_TEST

/* A pid no process can have: pid_max itself is never allocated. */
static int unused_pid(void)
{
	FILE *f = fopen("/proc/sys/kernel/pid_max", "r");
	int pid_max = 0;

	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(fscanf(f, "%d", &pid_max), 1);
	fclose(f);
	ck_assert_int_gt(pid_max, 1);
	return pid_max;
}

static void assert_no_process(int pid)
{
	struct nsaudit_nsid_set set, untouched;
	int rc;

	memset(&set, 0xa5, sizeof(set));
	memset(&untouched, 0xa5, sizeof(untouched));
	rc = nsaudit_nsid_of_pid(pid, &set);
	ck_assert_msg(rc == -ENOENT || rc == -ESRCH,
		      "pid %d: got %d, want -ENOENT or -ESRCH", pid, rc);
	ck_assert_msg(memcmp(&set, &untouched, sizeof(set)) == 0,
		      "pid %d: set written on failure", pid);
}

START_TEST(test_no_such_pid)
{
	assert_no_process(unused_pid());
	assert_no_process(INT_MAX);
}
END_TEST

START_TEST(test_arguments)
{
	struct nsaudit_nsid_set set;

	ck_assert_int_eq(nsaudit_nsid_of_pid(-1, &set), -EINVAL);
	ck_assert_int_eq(nsaudit_nsid_of_pid(INT_MIN, &set), -EINVAL);
	ck_assert_int_eq(nsaudit_nsid_of_pid(0, NULL), -EINVAL);
}
END_TEST

/*
 * Start a child that first unshare()s @flags (if any), reports the result
 * through a pipe, then execs @argv. The exec keeps the child out of this
 * runner's code (and out of valgrind) while the test looks at it.
 */
static pid_t spawn(int flags, char *const argv[], int *unshare_err)
{
	int pfd[2], err = 0;
	pid_t pid;

	ck_assert_int_eq(pipe2(pfd, O_CLOEXEC), 0);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		if (flags && unshare(flags) < 0)
			err = errno;
		if (write(pfd[1], &err, sizeof(err)) != sizeof(err))
			_exit(126);
		execv(argv[0], argv);
		_exit(127);
	}
	close(pfd[1]);
	ck_assert_int_eq(read(pfd[0], &err, sizeof(err)), sizeof(err));
	close(pfd[0]);
	*unshare_err = err;
	return pid;
}

static void reap(pid_t pid, int sig)
{
	int status;

	if (sig)
		kill(pid, sig);
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
}

/*
 * Another process, in user and UTS namespaces of its own: its set, not
 * ours. A new user namespace needs no privilege, and owns the new UTS one.
 */
START_TEST(test_other_process)
{
	static char *const sleeper[] = { "/bin/sleep", "60", NULL };
	struct nsaudit_nsid_set mine, got, want;
	char who[16];
	int err, i;
	pid_t pid;

	pid = spawn(CLONE_NEWUSER | CLONE_NEWUTS, sleeper, &err);
	if (err) {
		/* Unprivileged user namespaces may be disabled here. */
		reap(pid, SIGKILL);
		pid = spawn(0, sleeper, &err);
	}
	snprintf(who, sizeof(who), "%d", (int)pid);

	ck_assert_int_eq(nsaudit_nsid_of_pid(pid, &got), 0);
	stat_nsid(who, &want);
	stat_nsid("self", &mine);
	reap(pid, SIGKILL);

	assert_set_eq(&got, &want, "child");
	for (i = 0; i < NSAUDIT_NS_COUNT; i++) {
		if ((i == NSAUDIT_NS_USER || i == NSAUDIT_NS_UTS) && !err)
			ck_assert_uint_ne(got.inum[i], mine.inum[i]);
		else
			ck_assert_uint_eq(got.inum[i], mine.inum[i]);
	}
}
END_TEST

/* A zombie has no namespaces left: an error, not a set of zeros. */
START_TEST(test_zombie)
{
	static char *const truth[] = { "/bin/true", NULL };
	struct nsaudit_nsid_set set;
	siginfo_t info;
	int err, rc;
	pid_t pid;

	pid = spawn(0, truth, &err);
	/* Wait for the exit but leave the zombie in place. */
	memset(&info, 0, sizeof(info));
	ck_assert_int_eq(waitid(P_PID, (id_t)pid, &info, WEXITED | WNOWAIT),
			 0);
	rc = nsaudit_nsid_of_pid(pid, &set);
	reap(pid, 0);
	ck_assert_msg(rc == -ENOENT || rc == -ESRCH,
		      "zombie: got %d, want -ENOENT or -ESRCH", rc);
}
END_TEST

START_TEST(test_no_fd_leak)
{
	static char *const truth[] = { "/bin/true", NULL };
	struct nsaudit_nsid_set set;
	int fd = lowest_free_fd();
	siginfo_t info;
	int err;
	pid_t pid;

	ck_assert_int_eq(nsaudit_nsid_of_pid(0, &set), 0);
	ck_assert_int_lt(nsaudit_nsid_of_pid(unused_pid(), &set), 0);
	/* A zombie fails after the directory is open: the error path. */
	pid = spawn(0, truth, &err);
	ck_assert_int_eq(waitid(P_PID, (id_t)pid, &info, WEXITED | WNOWAIT),
			 0);
	ck_assert_int_lt(nsaudit_nsid_of_pid(pid, &set), 0);
	reap(pid, 0);

	ck_assert_int_eq(lowest_free_fd(), fd);
}
END_TEST

Suite *nsaudit_nsid_suite(void)
{
	Suite *s = suite_create("nsid");
	TCase *tc = tcase_create("of_pid");

	tcase_add_test(tc, test_self);
	tcase_add_test(tc, test_self_readlink);
	tcase_add_test(tc, test_no_such_pid);
	tcase_add_test(tc, test_arguments);
	tcase_add_test(tc, test_other_process);
	tcase_add_test(tc, test_zombie);
	tcase_add_test(tc, test_no_fd_leak);
	suite_add_tcase(s, tc);

	return s;
}
