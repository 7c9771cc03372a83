// SPDX-License-Identifier: GPL-2.0
/*
 * The pid file. fopen(path, "w") followed a symlink an unprivileged user
 * could leave where the file goes (in a namespace's /run, say) and
 * truncated whatever it pointed at; O_EXCL|O_NOFOLLOW creates a new file
 * or fails. What was there is looked at with lstat() and removed only if
 * it is, beyond doubt, the pid file of a daemon that is gone; unlink()
 * removes a name, never what a symlink points at, so a file swapped in
 * between does no harm either: the next O_EXCL open fails on it.
 */
#define _GNU_SOURCE

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pidfile.h"

static int fail(char *err, size_t size, int ret, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int fail(char *err, size_t size, int ret, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, size, fmt, ap);
	va_end(ap);
	return ret;
}

/* The pid in a file of ours, or 0 if it holds anything but "PID\n". */
static pid_t read_pid(int fd)
{
	char buf[24];
	ssize_t n;
	long v;
	char *end;

	n = read(fd, buf, sizeof(buf) - 1);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	if (buf[0] < '1' || buf[0] > '9')
		return 0;
	errno = 0;
	v = strtol(buf, &end, 10);
	if (errno || v <= 0 || v > 4194304 || strcmp(end, "\n"))
		return 0;
	return v;
}

/* What is at @path: 1 if stale (removed), else a negative errno, @err set. */
static int clear_stale(const char *path, char *err, size_t size)
{
	struct stat st, fst;
	pid_t pid;
	int fd;

	if (lstat(path, &st))
		return errno == ENOENT ? 1 :
			fail(err, size, -errno, "cannot check %s: %s", path,
			     strerror(errno));
	if (!S_ISREG(st.st_mode))
		return fail(err, size, -EEXIST,
			    "%s exists and is not a regular file (a symlink?): not touching it",
			    path);
	if (st.st_uid != geteuid() || st.st_nlink != 1)
		return fail(err, size, -EEXIST,
			    "%s exists and is not a pid file of ours (owner uid %u, %lu links): not touching it",
			    path, (unsigned int)st.st_uid,
			    (unsigned long)st.st_nlink);
	fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return fail(err, size, -errno, "cannot read %s: %s", path,
			    strerror(errno));
	/* The file read is the file checked. */
	if (fstat(fd, &fst) || fst.st_dev != st.st_dev ||
	    fst.st_ino != st.st_ino) {
		close(fd);
		return fail(err, size, -EEXIST, "%s changed while being checked",
			    path);
	}
	pid = read_pid(fd);
	close(fd);
	if (!pid)
		return fail(err, size, -EEXIST,
			    "%s exists and holds no pid: not touching it (remove it if no nsauditd runs)",
			    path);
	/* Our own pid: whoever wrote it is gone, since it is us now. */
	if (pid != getpid() && (!kill(pid, 0) || errno == EPERM))
		return fail(err, size, -EEXIST,
			    "%s: process %d is running (another nsauditd?)",
			    path, (int)pid);
	if (unlink(path) && errno != ENOENT)
		return fail(err, size, -errno, "cannot remove the stale %s: %s",
			    path, strerror(errno));
	return 1;
}

int pidfile_create(struct pidfile *pf, const char *path, pid_t pid,
		   char *err, size_t size)
{
	char text[24];
	struct stat st;
	int fd, n, rc, tries;

	pf->made = false;
	for (tries = 0; ; tries++) {
		fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
			  O_CLOEXEC, 0644);
		if (fd >= 0)
			break;
		if (errno != EEXIST || tries)
			return fail(err, size, -errno, "cannot create %s: %s",
				    path, strerror(errno));
		rc = clear_stale(path, err, size);
		if (rc < 0)
			return rc;
	}
	n = snprintf(text, sizeof(text), "%d\n", (int)pid);
	if (fstat(fd, &st) || write(fd, text, n) != n) {
		rc = -errno;
		close(fd);
		unlink(path);
		return fail(err, size, rc ? rc : -EIO, "cannot write %s: %s",
			    path, strerror(rc ? -rc : EIO));
	}
	if (close(fd)) {
		rc = -errno;
		unlink(path);
		return fail(err, size, rc, "cannot write %s: %s", path,
			    strerror(-rc));
	}
	pf->dev = st.st_dev;
	pf->ino = st.st_ino;
	pf->made = true;
	return 0;
}

void pidfile_remove(struct pidfile *pf, const char *path)
{
	struct stat st;

	if (!pf->made)
		return;
	pf->made = false;
	if (!lstat(path, &st) && S_ISREG(st.st_mode) &&
	    st.st_dev == pf->dev && st.st_ino == pf->ino)
		unlink(path);
}
