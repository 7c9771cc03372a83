// SPDX-License-Identifier: GPL-2.0
/*
 * Signals through a signalfd. Besides leaving the main loop free of
 * async-signal-safety concerns, it tells who sent the signal, which the
 * DAEMON_END and DAEMON_ROTATE records name as auditd's do.
 */
#define _GNU_SOURCE

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include "sig.h"

int sig_open(void)
{
	sigset_t set;
	int fd;

	signal(SIGPIPE, SIG_IGN);
	/* A file size limit is a write error (EFBIG), not the daemon's end. */
	signal(SIGXFSZ, SIG_IGN);
	sigemptyset(&set);
	sigaddset(&set, SIGHUP);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGUSR2);
	if (sigprocmask(SIG_BLOCK, &set, NULL))
		return -errno;
	fd = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
	return fd < 0 ? -errno : fd;
}

int sig_next(int fd, struct sig_info *si)
{
	struct signalfd_siginfo ssi;
	ssize_t n;

	n = read(fd, &ssi, sizeof(ssi));
	if (n < 0)
		return errno == EAGAIN ? 0 : -errno;
	if (n != sizeof(ssi))
		return -EIO;
	memset(si, 0, sizeof(*si));
	si->signo = ssi.ssi_signo;
	si->pid = ssi.ssi_pid;
	si->uid = ssi.ssi_uid;
	return 1;
}
