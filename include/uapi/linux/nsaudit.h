/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * nsaudit: namespace-aware Linux audit, as a loadable module.
 *
 * This is the one interface header: the kernel module and libnsaudit both
 * include this very file.
 */
#ifndef _UAPI_LINUX_NSAUDIT_H
#define _UAPI_LINUX_NSAUDIT_H

#include <linux/types.h>

/* Generic netlink family name and interface version (major.minor). */
#define NSAUDIT_GENL_NAME		"nsaudit"
#define NSAUDIT_VERSION_MAJOR		0
#define NSAUDIT_VERSION_MINOR		1

/*
 * Record format.
 *
 * The module appends the nsID set of the task that caused an event to the
 * principal record of that event, as these fields in this order:
 *
 *   nsdev=MAJOR:MINOR mntns=N utsns=N ipcns=N netns=N pidns=N userns=N
 *   cgroupns=N timens=N
 *
 * nsdev is the device of the nsfs file system (decimal major:minor, as in
 * /proc/PID/mountinfo); each N is the inode number of one namespace, the
 * number that readlink /proc/PID/ns/X shows in brackets. pidns is the
 * task's active PID namespace (/proc/PID/ns/pid, not pid_for_children), and
 * so is timens (/proc/PID/ns/time).
 */
#define NSAUDIT_NS_COUNT		8

/* Index of each namespace in an nsID set, in record order. */
enum nsaudit_ns_index {
	NSAUDIT_NS_MNT,
	NSAUDIT_NS_UTS,
	NSAUDIT_NS_IPC,
	NSAUDIT_NS_NET,
	NSAUDIT_NS_PID,
	NSAUDIT_NS_USER,
	NSAUDIT_NS_CGROUP,
	NSAUDIT_NS_TIME,
};

/* Record field names, in record order (NSAUDIT_NS_* index). */
#define NSAUDIT_FIELD_NSDEV		"nsdev"
#define NSAUDIT_FIELD_NS_NAMES \
	{ "mntns", "utsns", "ipcns", "netns", "pidns", "userns", \
	  "cgroupns", "timens" }

/* Longest text the module appends for an nsID set, with its NUL. */
#define NSAUDIT_NSID_TEXT_MAX		192

#endif /* _UAPI_LINUX_NSAUDIT_H */
