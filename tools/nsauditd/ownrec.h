/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Bodies of the records nsauditd writes about itself, shaped like those
 * of auditd (DAEMON_START, DAEMON_END, ...) so that ausearch -m and
 * aureport --summary treat them alike. Pure formatting: unit tested.
 */
#ifndef NSAUDITD_OWNREC_H
#define NSAUDITD_OWNREC_H

#include <stddef.h>
#include <stdint.h>

/* Longest body, with its NUL. */
#define OWN_BODY_MAX	256

/* Login uid or session ID not set (as the kernel prints it). */
#define OWN_UNSET	4294967295U

/**
 * struct own_who - a process in a record: who started us or sent a signal
 * @pid: in our PID namespace; 0 if unknown
 * @uid: its real uid in our user namespace
 * @auid: its login uid, %OWN_UNSET if unset or unknown
 * @ses: its session ID, %OWN_UNSET if unset or unknown
 */
struct own_who {
	int pid;
	uint32_t uid, auid, ses;
};

int own_start(char *buf, size_t size, const char *version,
	      const char *kernel, const struct own_who *self, uint32_t userns);
int own_end(char *buf, size_t size, const struct own_who *sender);
int own_abort(char *buf, size_t size, const char *op,
	      const struct own_who *self);
int own_rotate(char *buf, size_t size, const struct own_who *sender);
int own_config(char *buf, size_t size, const struct own_who *sender,
	       int ok);
int own_lost(char *buf, size_t size, uint64_t lost, uint64_t total);

/* No free space value (a write failed): own_disk() leaves free_mib= out. */
#define OWN_NO_FREE	UINT64_MAX

/*
 * DAEMON_ERR of a disk situation: @op "space-left", "admin-space-left",
 * "disk-full" or "disk-error", @action what is done about it, @free_mib
 * the free space (or OWN_NO_FREE), @err the errno of the failed write (0:
 * none), @self the daemon.
 */
int own_disk(char *buf, size_t size, const char *op, const char *action,
	     uint64_t free_mib, int err, const struct own_who *self);

/* DAEMON_RESUME: logging goes on, after SIGUSR2 from @who or by itself. */
int own_resume(char *buf, size_t size, const struct own_who *who);

#endif /* NSAUDITD_OWNREC_H */
