/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nsauditd's pid file, made without following a symlink and without
 * overwriting anything it cannot prove is a stale pid file of its own.
 * No state: unit tested (tests/unit/test_nsauditd.c).
 */
#ifndef NSAUDITD_PIDFILE_H
#define NSAUDITD_PIDFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* Room for one error line, path included. */
#define PIDFILE_ERR_MAX		(4096 + 160)

/**
 * struct pidfile - a pid file we made
 * @dev, @ino: the file, to remove it only if it is still ours
 * @made: there is one
 */
struct pidfile {
	dev_t dev;
	ino_t ino;
	bool made;
};

/*
 * Create @path (O_CREAT|O_EXCL|O_NOFOLLOW, 0644) holding @pid. Something
 * already there is replaced only if it is a stale pid file: a regular
 * file, with one link, owned by the caller's effective uid, holding
 * nothing but the pid of a process that no longer exists. A live pid, a
 * symlink or anything else is refused with a message in @err. Return 0 or
 * a negative errno.
 */
int pidfile_create(struct pidfile *pf, const char *path, pid_t pid,
		   char *err, size_t size);

/* Remove @path if it is still the file pidfile_create() made. */
void pidfile_remove(struct pidfile *pf, const char *path);

#endif /* NSAUDITD_PIDFILE_H */
