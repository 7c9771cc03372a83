/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nsauditd's reports to a service manager (systemd's Type=notify): ready,
 * reloading, stopping, and a status line, as sd_notify(3) sends them.
 */
#ifndef NSAUDITD_NOTIFY_H
#define NSAUDITD_NOTIFY_H

/*
 * Take the socket from $NOTIFY_SOCKET and remove the variable, so that
 * the programs a disk action runs do not speak for the daemon. Returns 1
 * with a socket to report to, 0 without one (started by hand, or in a
 * container), or -EINVAL for a value that names no AF_UNIX socket (then
 * nothing is ever sent).
 */
int notify_init(void);

/*
 * Send one datagram of "KEY=VALUE" lines (printf format). Returns 0 when
 * sent or when there is no socket, else a negative errno; the daemon goes
 * on either way, as a manager that cannot be told times it out.
 */
int notify(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif /* NSAUDITD_NOTIFY_H */
