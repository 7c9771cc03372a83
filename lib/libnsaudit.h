/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libnsaudit: user-space interface to nsaudit, namespace-aware Linux audit.
 *
 * Thread safety: the library has no global state. Every function works only
 * on its arguments (and, for nsaudit_nsid_of_pid(), on a file descriptor it
 * opens and closes itself), so all functions may be called concurrently from
 * any number of threads, as long as two threads do not write the same output
 * object at the same time.
 *
 * Errors: functions return a negative errno value on failure.
 */
#ifndef LIBNSAUDIT_H
#define LIBNSAUDIT_H

#include <stddef.h>
#include <stdint.h>
#include <linux/nsaudit.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * The library is built with -fvisibility=hidden; only what carries this
 * mark is part of the ABI of libnsaudit.so.
 */
#ifndef NSAUDIT_EXPORT
#define NSAUDIT_EXPORT __attribute__((visibility("default")))
#endif

/**
 * struct nsaudit_nsid_set - the namespace identity of a task
 * @dev_major: major number of the nsfs device (one per boot)
 * @dev_minor: minor number of the nsfs device
 * @inum: inode number of each namespace, indexed by enum nsaudit_ns_index;
 *        the number that readlink /proc/PID/ns/X shows in brackets
 *
 * A namespace is identified by the pair (nsfs device, inode number): inode
 * numbers alone are only unique within one nsfs instance.
 */
struct nsaudit_nsid_set {
	unsigned int dev_major, dev_minor;
	uint32_t inum[NSAUDIT_NS_COUNT];
};

/**
 * nsaudit_record_nsid() - find and parse the nsID set in an audit record
 * @text: one audit record: a line as in audit.log ("type=... msg=audit(...):
 *        ..."), or the kernel's payload ("audit(...): ...")
 * @len: length of @text; parsing also stops at the first NUL before @len,
 *       and never reads at or beyond @text + @len
 * @set: filled in on success only; left untouched on failure
 *
 * The set is the exact sequence
 * " nsdev=MAJ:MIN mntns=N utsns=N ipcns=N netns=N pidns=N userns=N
 * cgroupns=N timens=N": fields in this order, separated by single spaces,
 * values in decimal digits only (no sign, no blanks) that fit their type.
 * As the module writes it, the set ends the record, or is followed only by
 * " contid=N" (N a decimal u64). The record ends at @len or at a NUL, before
 * one trailing newline (a line as read from audit.log) and before the 0x1d
 * byte with which auditd's ENRICHED log format starts its own fields.
 *
 * Only a field is matched: " nsdev=" preceded by a space, outside a double
 * quoted value (exe="/a nsdev=1:2") and outside the single quoted msg='...'
 * text of a user-space record. Of those, the last one in the record is
 * taken: the module appends the set after every other field, so text that
 * a process controls always precedes the real set and cannot replace it.
 *
 * Context: thread-safe; no allocation.
 *
 * Return: 0 on success; -ENOENT if the record has no nsdev= field (an
 * empty record included); -EINVAL if it has one but the set is malformed,
 * incomplete, out of order or followed by anything else, or if @set is
 * NULL, or if @text is NULL while @len is not 0.
 */
NSAUDIT_EXPORT int nsaudit_record_nsid(const char *text, size_t len,
				       struct nsaudit_nsid_set *set);

/**
 * nsaudit_nsid_format() - format an nsID set as the kernel module logs it
 * @set: the set to format
 * @buf: output buffer; may be NULL if @size is 0
 * @size: size of @buf in bytes, including room for the terminating NUL
 *
 * Writes "nsdev=MAJ:MIN mntns=N ... timens=N", without the leading space
 * that precedes it in a record. The text never exceeds
 * NSAUDIT_NSID_TEXT_MAX - 1 bytes including its NUL.
 *
 * Context: thread-safe; no allocation.
 *
 * Return: the length of the text (excluding the NUL); -ENOSPC if @size is
 * too small, in which case @buf holds "" when @size is not 0; -EINVAL if
 * @set is NULL, or @buf is NULL while @size is not 0.
 */
NSAUDIT_EXPORT int nsaudit_nsid_format(const struct nsaudit_nsid_set *set,
				       char *buf, size_t size);

/**
 * nsaudit_nsid_of_pid() - read the nsID set of a live process
 * @pid: process ID in the caller's /proc; 0 means the calling process
 * @set: filled in on success only; left untouched on failure
 *
 * Reads /proc/PID/ns/{mnt,uts,ipc,net,pid,user,cgroup,time} with stat(),
 * following the links, so the values equal what stat -L and readlink show
 * (pidns is the process's active PID namespace, not pid_for_children).
 * All eight are read relative to one open /proc/PID/ns directory, so they
 * belong to one process even if PID exits and its number is reused.
 *
 * Context: thread-safe; opens and closes one file descriptor (O_CLOEXEC).
 *
 * Return: 0 on success, or a negative errno: -EINVAL for a negative @pid or
 * a NULL @set; -ENOENT (or -ESRCH) if there is no such process, or it has
 * exited (a zombie has no namespaces left); -EACCES or -EPERM if the caller
 * may not inspect it (ptrace read access is needed); -EIO if the eight
 * files are not all on the same nsfs device.
 */
NSAUDIT_EXPORT int nsaudit_nsid_of_pid(int pid, struct nsaudit_nsid_set *set);

#ifdef __cplusplus
}
#endif

#endif /* LIBNSAUDIT_H */
