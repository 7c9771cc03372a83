/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nsauditd's signals, read from a signalfd that the main loop polls with
 * the daemon socket: no handler runs between two records.
 */
#ifndef NSAUDITD_SIG_H
#define NSAUDITD_SIG_H

#include <stdint.h>

/**
 * struct sig_info - one signal that arrived
 * @signo: SIGHUP, SIGINT, SIGTERM, SIGUSR1 or SIGUSR2
 * @pid: the sender, in our PID namespace (0: the kernel or not visible)
 * @uid: the sender's real uid, in our user namespace
 */
struct sig_info {
	int signo;
	int pid;
	uint32_t uid;
};

/*
 * Block the daemon's signals and return a non-blocking signalfd for them,
 * or a negative errno. SIGPIPE and SIGXFSZ are ignored.
 */
int sig_open(void);

/* The next pending signal: 1 with @si filled in, 0 if none, -errno. */
int sig_next(int fd, struct sig_info *si);

#endif /* NSAUDITD_SIG_H */
