// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The nsID set of a live process, read from /proc/PID/ns/.
 */
#define _GNU_SOURCE		/* O_PATH */

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/types.h>
#include <unistd.h>

#include "libnsaudit.h"

/*
 * /proc/PID/ns/ entries by enum nsaudit_ns_index. These are the kernel's
 * proc_ns_operations names, not the record field names of the UAPI header.
 * "pid" and "time" are the task's active namespaces, as the module logs
 * them, not the *_for_children ones.
 */
static const char *const nsaudit_ns_files[NSAUDIT_NS_COUNT] = {
	[NSAUDIT_NS_MNT]	= "mnt",
	[NSAUDIT_NS_UTS]	= "uts",
	[NSAUDIT_NS_IPC]	= "ipc",
	[NSAUDIT_NS_NET]	= "net",
	[NSAUDIT_NS_PID]	= "pid",
	[NSAUDIT_NS_USER]	= "user",
	[NSAUDIT_NS_CGROUP]	= "cgroup",
	[NSAUDIT_NS_TIME]	= "time",
};

/*
 * Open /proc/PID/ns as a directory handle. O_PATH because the directory
 * (mode 0511) is not readable by other users: only search access is
 * needed, and the kernel checks ptrace read access on each link anyway.
 * Holding the handle pins the process's struct pid, so if PID exits and
 * the number is reused, lookups fail instead of reading another process.
 * For the caller, thread-self: namespaces are per thread (unshare() in a
 * thread), and the module logs the calling thread's.
 */
static int nsaudit_ns_dir_open(int pid)
{
	char path[sizeof("/proc/thread-self/ns")];
	int fd;

	if (pid == 0)
		snprintf(path, sizeof(path), "/proc/thread-self/ns");
	else
		snprintf(path, sizeof(path), "/proc/%d/ns", pid);

	fd = open(path, O_PATH | O_DIRECTORY | O_CLOEXEC);
	return fd < 0 ? -errno : fd;
}

/* stat() each namespace link, following it to the nsfs inode. */
static int nsaudit_ns_dir_read(int dirfd, struct nsaudit_nsid_set *set)
{
	struct stat st;
	dev_t dev = 0;
	int i;

	for (i = 0; i < NSAUDIT_NS_COUNT; i++) {
		if (fstatat(dirfd, nsaudit_ns_files[i], &st, 0) < 0)
			return -errno;
		/*
		 * Every namespace lives on the one nsfs instance; anything
		 * else (or an inode number beyond the kernel's 32 bits)
		 * means these are not the files this library understands.
		 */
		if (i == 0)
			dev = st.st_dev;
		else if (st.st_dev != dev)
			return -EIO;
		if (st.st_ino > UINT32_MAX)
			return -EIO;
		set->inum[i] = (uint32_t)st.st_ino;
	}
	set->dev_major = major(dev);
	set->dev_minor = minor(dev);
	return 0;
}

int nsaudit_nsid_of_pid(int pid, struct nsaudit_nsid_set *set)
{
	struct nsaudit_nsid_set found;
	int dirfd, err;

	if (pid < 0 || !set)
		return -EINVAL;

	dirfd = nsaudit_ns_dir_open(pid);
	if (dirfd < 0)
		return dirfd;
	err = nsaudit_ns_dir_read(dirfd, &found);
	close(dirfd);
	if (err)
		return err;
	*set = found;
	return 0;
}
