/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libnsaudit: user-space interface to nsaudit, namespace-aware Linux audit.
 *
 * Thread safety: the library has no global state. Every function works only
 * on its arguments (and, for nsaudit_nsid_of_pid(), on a file descriptor it
 * opens and closes itself), so all functions may be called concurrently from
 * any number of threads, as long as two threads do not write the same output
 * object at the same time. A struct nsaudit_handle, the connection to the
 * module, is such an object: one thread at a time per handle.
 *
 * Errors: functions return a negative errno value on failure.
 */
#ifndef LIBNSAUDIT_H
#define LIBNSAUDIT_H

#include <stddef.h>
#include <stdint.h>
#include <linux/audit.h>	/* struct audit_rule_data */
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

/*
 * Talking to the module.
 *
 * A handle owns one generic netlink socket (libnl-3) bound to the nsaudit
 * family. Handles share nothing: use one handle per thread, or serialise
 * the calls on a handle yourself; a handle must not be used by two threads
 * at the same time. Every request waits for the module's answer.
 *
 * When a call fails with an error the module reported, nsaudit_errmsg()
 * returns the module's extended ACK text for it ("" if it sent none); when
 * the library itself refused, a short text of its own. The text stays valid
 * until the next call on the handle; a call that succeeds leaves it as it
 * was.
 */
struct nsaudit_handle;

/**
 * struct nsaudit_counters - the module's counters
 * @enriched: host records the nsID set was appended to
 * @forwarded: records queued to per-namespace daemons
 * @lost: records a per-namespace daemon did not get
 * @missed: probe hits the kernel skipped (records that may lack an nsID set)
 * @contids: audit container IDs the module tracks now (0 from a module
 *           older than interface 1.3, which has none)
 * @contid_tasks: tasks the module tracks a container ID for now (exited
 *                ones not yet reaped included; 0 before interface 1.3)
 * @contid_lost: new tasks of a parent with a container ID that were
 *               created without it, each logged as a CONTAINER_OP
 *               "op=lost" record (0 before interface 1.4)
 * @unenriched: principal host records logged without their nsID set
 *              although enrichment was on: the set would have taken the
 *              record past the 8970 bytes auditd reads whole, or there was
 *              no memory for it without sleeping; the record itself is
 *              whole (0 before interface 1.4)
 * @delegations: user namespaces delegated now (nsaudit_delegate(); 0
 *               before interface 1.4)
 *
 * All but @contids, @contid_tasks and @delegations count since the module
 * was loaded.
 */
struct nsaudit_counters {
	uint64_t enriched, forwarded, lost, missed, contids, contid_tasks;
	uint64_t contid_lost, unenriched, delegations;
};

/**
 * struct nsaudit_limits - limits the host administrator sets
 * @daemons: most daemons of user namespaces other than the initial one
 *           registered at once (from interface 1.5 on; before, the
 *           initial one's daemon counted too)
 * @queue: the largest backlog a daemon may ask for
 * @rules: most rules one namespace's daemon may hold
 * @backlog: the backlog of a daemon that asks for none
 * @memory: KiB the records queued for the daemons of user namespaces other
 *          than the initial one may occupy together; the initial one's
 *          daemon has as much again of its own (from interface 1.5 on;
 *          before, one budget for all daemons)
 * @contids: most audit container IDs the module tracks at once
 * @user_daemons: most daemons one user's namespaces may have registered at
 *                once (interface 1.5)
 * @user_memory: KiB the records queued for one user's daemons may occupy
 *               together (interface 1.5)
 * @daemon_memory: KiB the records queued for one daemon of a user
 *                 namespace other than the initial one may occupy
 *                 (interface 1.5)
 *
 * @backlog and @memory are 0 in the status of a module of interface 1.0,
 * which has neither; @contids is 0 (outside its range) in the status of a
 * module older than 1.3; @user_daemons, @user_memory and @daemon_memory
 * are 0 in the status of a module older than 1.5. 0 is outside the range
 * of @user_memory and @daemon_memory, but not of @user_daemons: a non-zero
 * @user_memory tells a module that has all three.
 *
 * A namespace's user is the owner of its chain's user namespace just below
 * the initial one; chains the initial namespace's root made are each a
 * user of their own.
 */
struct nsaudit_limits {
	uint32_t daemons, queue, rules, backlog, memory, contids;
	uint32_t user_daemons, user_memory, daemon_memory;
};

/**
 * struct nsaudit_daemon_info - a per-namespace daemon and its queue
 * @registered: 1 if the namespace has a daemon (the rest is valid), else 0
 * @pid: its process ID in the asker's PID namespace (0 if not visible)
 * @userns: inode number of its user namespace
 * @backlog: most records queued for it
 * @queued: records queued for it now
 * @routed: records routed to it since it registered
 * @delivered: of those, delivered to its socket
 * @lost: of those, lost; routed = delivered + lost + queued
 */
struct nsaudit_daemon_info {
	int registered;
	uint32_t pid, userns, backlog, queued;
	uint64_t routed, delivered, lost;
};

/**
 * struct nsaudit_status - what NSAUDIT_CMD_GET_STATUS reports
 * @version_major: the module's interface major version
 * @version_minor: the module's interface minor version
 * @features: NSAUDIT_FEATURE_* bits
 * @enrich: 1 if host records get the nsID set, else 0
 * @counters: counters since load
 * @limits: current limits
 * @daemon: the daemon of the caller's user namespace, if it has one
 * @probes: 1 if the module's kprobes fire, 0 if they are disarmed (host
 *          records then go neither enriched nor routed); -1 from a module
 *          older than interface 1.4, which does not say
 * @share: the "share" setting, an enum nsaudit_share value: which
 *         per-namespace daemons receive copies of the records the host's
 *         audit produces; -1 from a module older than interface 1.4
 * @delegated: 1 if the daemon of the caller's user namespace receives
 *             copies of the host's records, 0 if not; -1 from a module
 *             older than interface 1.4, and always from
 *             nsaudit_config_next(): a notification speaks for no
 *             caller's namespace
 */
struct nsaudit_status {
	uint32_t version_major, version_minor;
	uint64_t features;
	int enrich;
	struct nsaudit_counters counters;
	struct nsaudit_limits limits;
	struct nsaudit_daemon_info daemon;
	int probes;
	int share, delegated;
};

/* Which members of struct nsaudit_settings a SET request carries. */
#define NSAUDIT_SET_ENRICH	(1U << 0)
#define NSAUDIT_SET_DAEMONS	(1U << 1)
#define NSAUDIT_SET_QUEUE	(1U << 2)
#define NSAUDIT_SET_RULES	(1U << 3)
#define NSAUDIT_SET_BACKLOG	(1U << 4)
#define NSAUDIT_SET_MEMORY	(1U << 5)
#define NSAUDIT_SET_CONTIDS	(1U << 6)
#define NSAUDIT_SET_SHARE	(1U << 7)	/* interface 1.4 */
#define NSAUDIT_SET_USER_DAEMONS	(1U << 8)	/* interface 1.5 */
#define NSAUDIT_SET_USER_MEMORY		(1U << 9)	/* interface 1.5 */
#define NSAUDIT_SET_DAEMON_MEMORY	(1U << 10)	/* interface 1.5 */
#define NSAUDIT_SET_ALL		(NSAUDIT_SET_ENRICH | NSAUDIT_SET_DAEMONS | \
				 NSAUDIT_SET_QUEUE | NSAUDIT_SET_RULES | \
				 NSAUDIT_SET_BACKLOG | NSAUDIT_SET_MEMORY | \
				 NSAUDIT_SET_CONTIDS | NSAUDIT_SET_SHARE | \
				 NSAUDIT_SET_USER_DAEMONS | \
				 NSAUDIT_SET_USER_MEMORY | \
				 NSAUDIT_SET_DAEMON_MEMORY)

/**
 * struct nsaudit_settings - a SET request
 * @mask: NSAUDIT_SET_* bits: the members to send; at least one
 * @enrich: 0 or 1
 * @limits: the limits to set (only those named in @mask; a module older
 *          than interface 1.5 refuses user_daemons, user_memory and
 *          daemon_memory with EINVAL)
 * @share: an enum nsaudit_share value (a module older than interface 1.4
 *         refuses the attribute with EINVAL)
 */
struct nsaudit_settings {
	unsigned int mask;
	int enrich;
	struct nsaudit_limits limits;
	int share;
};

/**
 * nsaudit_open() - connect to the module
 * @hp: receives the new handle on success; set to NULL on failure
 *
 * Opens a generic netlink socket with extended ACKs, resolves the nsaudit
 * family and asks the module for its status: a module whose interface
 * major version differs from NSAUDIT_VERSION_MAJOR is refused.
 *
 * Context: thread-safe; allocates.
 *
 * Return: 0; -ENOENT if the module is not loaded (no nsaudit family in this
 * network namespace); -EPROTO on an interface major version mismatch;
 * -EINVAL for a NULL @hp; -ENOMEM; or another negative errno from the
 * socket. On failure there is no handle to ask for nsaudit_errmsg(); use
 * nsaudit_open_err() to get the text.
 */
NSAUDIT_EXPORT int nsaudit_open(struct nsaudit_handle **hp);

/**
 * nsaudit_open_err() - nsaudit_open() that explains its failure
 * @hp: as for nsaudit_open()
 * @msg: buffer for a one-line explanation on failure ("" on success)
 * @size: size of @msg, including its NUL; @msg may be NULL if @size is 0
 *
 * Return: as nsaudit_open().
 */
NSAUDIT_EXPORT int nsaudit_open_err(struct nsaudit_handle **hp, char *msg,
				    size_t size);

/**
 * nsaudit_close() - close the socket and free the handle
 * @h: the handle; NULL is allowed and does nothing
 */
NSAUDIT_EXPORT void nsaudit_close(struct nsaudit_handle *h);

/**
 * nsaudit_errmsg() - explanation of the last failed call on @h
 * @h: the handle
 *
 * Return: the module's extended ACK message, or the library's own text, for
 * the last call on @h that failed; "" if there is none. Never NULL.
 */
NSAUDIT_EXPORT const char *nsaudit_errmsg(const struct nsaudit_handle *h);

/**
 * nsaudit_errmsg_is_kernel() - whether nsaudit_errmsg() is the module's word
 * @h: the handle
 *
 * Tools print the module's text as "kernel reports: ..." and the library's
 * own differently; this tells which one the last failed call left.
 *
 * Return: 1 if the text of the last failed call on @h is the module's
 * extended ACK message ("" if it sent none), 0 if the library wrote it or
 * @h is NULL.
 */
NSAUDIT_EXPORT int nsaudit_errmsg_is_kernel(const struct nsaudit_handle *h);

/**
 * nsaudit_status() - read the module's status
 * @h: the handle
 * @st: filled in on success only
 *
 * Return: 0, or a negative errno (-EINVAL for NULL arguments or a handle
 * subscribed with nsaudit_config_subscribe(), -EBADMSG for a reply that
 * lacks a mandatory attribute, -EPROTO if the module was replaced by one
 * of another interface major version).
 */
NSAUDIT_EXPORT int nsaudit_status(struct nsaudit_handle *h,
				  struct nsaudit_status *st);

/**
 * nsaudit_set() - change enrichment and limits
 * @h: the handle
 * @s: what to change; members outside @s->mask are not sent
 *
 * Needs CAP_AUDIT_CONTROL in the initial user namespace. All or nothing.
 *
 * Return: 0, or a negative errno: -EPERM without the capability; -EINVAL
 * for an empty or unknown @s->mask, an @s->enrich other than 0 or 1, an
 * @s->share that is not an enum nsaudit_share value, or a limit out of
 * range (the library checks the bounds of the UAPI header
 * before sending, the module checks them again), and for a NULL @s or a
 * subscribed handle.
 */
NSAUDIT_EXPORT int nsaudit_set(struct nsaudit_handle *h,
			       const struct nsaudit_settings *s);

/**
 * nsaudit_nsid() - the nsID set of a process, as the module sees it
 * @h: the handle
 * @pid: a process ID in the caller's PID namespace, 1 to NSAUDIT_PID_MAX
 * @set: filled in on success only
 *
 * Return: 0, or a negative errno: -ESRCH if the caller cannot see @pid;
 * -EACCES if the caller may not read /proc/PID/ns/; -EINVAL for a @pid out
 * of range, a NULL @set or a subscribed handle; -EBADMSG for an incomplete
 * reply, or one for another process.
 */
NSAUDIT_EXPORT int nsaudit_nsid(struct nsaudit_handle *h, int pid,
				struct nsaudit_nsid_set *set);

/**
 * nsaudit_config_subscribe() - receive configuration changes on @h
 * @h: the handle
 *
 * Joins the "config" multicast group. From then on nsaudit_config_next()
 * returns the module's status after each successful SET by anyone. A
 * handle that subscribed is not used for requests any more: they would
 * share its socket with the notifications, so they are refused with
 * -EINVAL. Subscribing a subscribed handle again does nothing.
 *
 * Return: 0, or a negative errno (-ENOENT if the module has no "config"
 * group).
 */
NSAUDIT_EXPORT int nsaudit_config_subscribe(struct nsaudit_handle *h);

/**
 * nsaudit_config_next() - wait for the next configuration change
 * @h: a subscribed handle
 * @st: filled in with the status the module announced
 * @timeout_ms: how long to wait; -1 waits for ever
 *
 * Only CONFIG_NTF messages of the nsaudit family are taken; anything
 * else that arrives is skipped while the wait goes on.
 *
 * Return: 0; -ETIMEDOUT if nothing came in time; -ENOBUFS if notifications
 * were lost because the socket's buffer overflowed (the next call goes on
 * with later ones); -EINTR if a signal interrupted the wait (it is not
 * restarted, so that a daemon can act on the signal); -EBADMSG or -EPROTO
 * for a malformed notification (it is consumed; the next call goes on);
 * -EINVAL for an unsubscribed @h, a NULL @st or a @timeout_ms below -1;
 * or another negative errno.
 */
NSAUDIT_EXPORT int nsaudit_config_next(struct nsaudit_handle *h,
				       struct nsaudit_status *st,
				       int timeout_ms);

/*
 * Per-namespace rules (interface 1.2, NSAUDIT_FEATURE_RULES).
 *
 * A rule is a struct audit_rule_data followed by its buf, exactly the
 * payload of the kernel's AUDIT_ADD_RULE message, as libaudit builds it
 * from auditctl syntax (audit_rule_create_data(),
 * audit_rule_syscallbyname_data(), audit_rule_fieldpair_data()); @len is
 * sizeof(struct audit_rule_data) + buflen. The calls act on the rulespace
 * of the caller's user namespace and need its daemon's socket or
 * CAP_AUDIT_CONTROL in it. The rules belong to the registration of the
 * namespace's daemon: adding one without a registered daemon gives
 * -ENOTCONN, and they are deleted when it ends. A module without rules
 * refuses them with -EOPNOTSUPP.
 */

/**
 * nsaudit_rule_add() - add a rule to one's user namespace
 * @h: the handle
 * @r: the rule; @r->flags hold the filter (AUDIT_FILTER_EXIT or
 *     AUDIT_FILTER_EXCLUDE), with AUDIT_FILTER_PREPEND to put it first;
 *     @r->action is AUDIT_ALWAYS or AUDIT_NEVER
 * @len: sizeof(*@r) + @r->buflen, at most NSAUDIT_RULE_MAX
 *
 * Return: 0, or a negative errno: -EPERM if the caller may not change the
 * namespace's rules; -EINVAL for a rule the library finds malformed (a
 * @len that does not match buflen, too many fields, strings past buf) or
 * one with a filter, field, operator or value the module does not
 * support (nsaudit_errmsg() names it), or a NULL @r; -EEXIST if the same
 * rule is there; -ENOSPC at the host's "rules" limit.
 */
NSAUDIT_EXPORT int nsaudit_rule_add(struct nsaudit_handle *h,
				    const struct audit_rule_data *r,
				    size_t len);

/**
 * nsaudit_rule_del() - delete a rule of one's user namespace
 * @h: the handle
 * @r: the rule, as it was added
 * @len: as for nsaudit_rule_add()
 *
 * Return: 0, or a negative errno: -ENOENT if there is no such rule;
 * -EPERM and -EINVAL as nsaudit_rule_add().
 */
NSAUDIT_EXPORT int nsaudit_rule_del(struct nsaudit_handle *h,
				    const struct audit_rule_data *r,
				    size_t len);

/**
 * nsaudit_rule_list() - the rules of one's user namespace
 * @h: the handle
 * @cb: called once per rule, in evaluation order, with the rule (valid
 *      during the call only; its structure checked as for
 *      nsaudit_rule_add()) and its length; returns 0 to go on or a
 *      negative errno to stop, which nsaudit_rule_list() then returns
 * @arg: passed to @cb
 *
 * The flags of a listed rule hold its filter, without
 * AUDIT_FILTER_PREPEND, as the kernel's AUDIT_LIST_RULES shows them.
 *
 * Return: 0; what @cb returned; -EAGAIN if the rules changed during the
 * listing (@cb may have seen an inconsistent set: drop it and list
 * again); -EPERM as nsaudit_rule_add(); -EBADMSG for a malformed message
 * (the rest of the listing is read and dropped); -EINVAL for a NULL @cb or
 * a subscribed handle; or another negative errno.
 */
NSAUDIT_EXPORT int nsaudit_rule_list(struct nsaudit_handle *h,
				     int (*cb)(const struct audit_rule_data *r,
					       size_t len, void *arg),
				     void *arg);

/**
 * nsaudit_rule_delete_all() - delete every rule of one's user namespace
 * @h: the handle
 *
 * Return: 0, or a negative errno: -EPERM as nsaudit_rule_add(); -EINVAL
 * for a subscribed handle.
 */
NSAUDIT_EXPORT int nsaudit_rule_delete_all(struct nsaudit_handle *h);

/*
 * Audit container IDs (interface 1.3, NSAUDIT_FEATURE_CONTID).
 *
 * A u64 a host orchestrator gives a process once, before the container's
 * workload starts; every task the process creates inherits it, across
 * fork, clone and execve, and nothing inside the container can change
 * it. Records of a task with an ID carry " contid=N" after the nsID set
 * (see the UAPI header). NSAUDIT_CONTID_UNSET means "no ID". A module
 * without container IDs (interface 1.2 or older) refuses both calls with
 * -EOPNOTSUPP.
 */

/**
 * nsaudit_contid_set() - give a process an audit container ID
 * @h: the handle
 * @pid: a process ID in the caller's PID namespace, 1 to NSAUDIT_PID_MAX
 * @id: the ID; NSAUDIT_CONTID_UNSET is passed on, for the module to
 *      refuse with its own explanation
 *
 * Needs CAP_AUDIT_CONTROL in the initial user namespace. The module logs
 * the change as a CONTAINER_OP record ("op=set").
 *
 * Return: 0, or a negative errno: -EPERM without the capability, or for
 * the caller's own process or a kernel thread; -EINVAL for @id
 * NSAUDIT_CONTID_UNSET, for a @pid out of range (the library's check) or
 * a subscribed handle; -ESRCH if the caller cannot see @pid; -EEXIST if
 * the process has an ID already; -EBUSY if it has children or threads
 * besides itself; -ENOSPC at the host's "contids" limit; -EOPNOTSUPP for
 * a module without container IDs. nsaudit_errmsg() has the module's
 * explanation.
 */
NSAUDIT_EXPORT int nsaudit_contid_set(struct nsaudit_handle *h, int pid,
				      uint64_t id);

/**
 * nsaudit_contid_set_name() - give a process an audit container ID, named
 * @h: the handle
 * @pid: as for nsaudit_contid_set()
 * @id: as for nsaudit_contid_set()
 * @name: the container's name, logged in the CONTAINER_OP record
 *        (" name=..." after old-contid), or NULL for none; 1 to
 *        NSAUDIT_CONTID_NAME_MAX bytes before its NUL
 *
 * As nsaudit_contid_set(), which is this call with a NULL @name. The
 * module logs the name as audit logs any string a process controls:
 * quoted, or in hexadecimal if it holds a quote, a space or a control
 * character. Needs interface 1.6 for a name: an older module refuses the
 * unknown attribute with -EINVAL.
 *
 * Return: as nsaudit_contid_set(); also -EINVAL for an empty or too
 * long @name (the library's check).
 */
NSAUDIT_EXPORT int nsaudit_contid_set_name(struct nsaudit_handle *h, int pid,
					   uint64_t id, const char *name);

/**
 * nsaudit_contid_get() - the audit container ID of a process
 * @h: the handle
 * @pid: a process ID in the caller's PID namespace, 1 to NSAUDIT_PID_MAX
 * @id: filled in on success only: the ID, or NSAUDIT_CONTID_UNSET if the
 *      process has none
 *
 * Allowed to whoever may read /proc/PID/ns/ of the process.
 *
 * Return: 0, or a negative errno: -ESRCH if the caller cannot see @pid;
 * -EACCES if the caller may not read /proc/PID/ns/; -EINVAL for a @pid out
 * of range, a NULL @id or a subscribed handle; -EBADMSG for a reply that
 * lacks an attribute or is for another process; -EOPNOTSUPP for a module
 * without container IDs.
 */
NSAUDIT_EXPORT int nsaudit_contid_get(struct nsaudit_handle *h, int pid,
				      uint64_t *id);

/*
 * Delegation (interface 1.4).
 *
 * While the "share" setting is NSAUDIT_SHARE_DELEGATED (the default), the
 * daemon of a user namespace receives copies of the records the host's
 * audit produces for its tasks only if the host delegated that namespace
 * or an ancestor of it; the initial user namespace's daemon always does.
 * A module older than 1.4 has neither command and refuses both calls with
 * -EOPNOTSUPP.
 */

/**
 * nsaudit_delegate() - delegate the user namespace of a process
 * @h: the handle
 * @pid: a process ID in the caller's PID namespace, 1 to NSAUDIT_PID_MAX
 *
 * Needs CAP_AUDIT_CONTROL in the initial user namespace. The delegation
 * lasts until nsaudit_undelegate(), until the namespace is gone, or until
 * the module is. The module logs it as a CONFIG_CHANGE record
 * ("op=nsaudit-delegate").
 *
 * Return: 0, or a negative errno: -EPERM without the capability; -EINVAL
 * for a process in the initial user namespace, for a @pid out of range
 * (the library's check) or a subscribed handle; -ESRCH if the caller
 * cannot see @pid; -EEXIST if the namespace is delegated already; -ENOSPC
 * at NSAUDIT_DELEGATIONS_MAX; -EOPNOTSUPP for a module without
 * delegation. nsaudit_errmsg() has the module's explanation.
 */
NSAUDIT_EXPORT int nsaudit_delegate(struct nsaudit_handle *h, int pid);

/**
 * nsaudit_undelegate() - end the delegation of a process's user namespace
 * @h: the handle
 * @pid: as for nsaudit_delegate()
 *
 * Ends the delegation of that namespace only: one of an ancestor still
 * covers it.
 *
 * Return: 0, or a negative errno: -ENOENT if the namespace is not
 * delegated; -EPERM, -EINVAL, -ESRCH and -EOPNOTSUPP as
 * nsaudit_delegate().
 */
NSAUDIT_EXPORT int nsaudit_undelegate(struct nsaudit_handle *h, int pid);

/*
 * Per-namespace audit daemon: a handle of its own, with its own socket,
 * over which the module sends records (see the UAPI header).
 */
struct nsaudit_daemon;

/**
 * enum nsaudit_event_kind - what nsaudit_daemon_recv() returned
 * @NSAUDIT_EVENT_RECORD: an audit record
 * @NSAUDIT_EVENT_LOST: records were lost; the counters tell how many
 * @NSAUDIT_EVENT_END: the registration is over; nothing follows
 */
enum nsaudit_event_kind {
	NSAUDIT_EVENT_RECORD = 1,
	NSAUDIT_EVENT_LOST,
	NSAUDIT_EVENT_END,
};

/**
 * struct nsaudit_event - one thing a daemon receives
 * @kind: enum nsaudit_event_kind
 * @type: RECORD: the audit record type (AUDIT_SYSCALL, ...)
 * @text: RECORD: "audit(SEC.MSEC:SERIAL): fields", NUL-terminated, in the
 *        daemon's view; valid until the next call on the handle
 * @len: RECORD: strlen(@text)
 * @info: LOST: the daemon's counters when the module noticed the loss
 *        (@info.lost is the total since registration)
 * @error: END: 0 after nsaudit_daemon_unregister() was confirmed;
 *         -ESHUTDOWN if the module went away; else the negative errno
 *         with which the module refused the unregistration
 */
struct nsaudit_event {
	enum nsaudit_event_kind kind;
	uint16_t type;
	const char *text;
	size_t len;
	struct nsaudit_daemon_info info;
	int error;
};

/**
 * nsaudit_daemon_register() - become the audit daemon of one's user namespace
 * @dp: receives the new handle on success; set to NULL on failure
 * @backlog: records the module may queue for this daemon; 0 for the host's
 *           default ("backlog" limit)
 * @info: filled in with the new registration on success; may be NULL
 * @msg: one-line explanation on failure ("" on success); may be NULL
 * @size: size of @msg, including its NUL
 *
 * Opens a socket of its own (extended ACKs, NETLINK_NO_ENOBUFS, the largest
 * receive buffer it may have), resolves the family, joins the genetlink
 * controller's notifications so that it sees the module go away, and sends
 * NSAUDIT_CMD_REGISTER. Needs CAP_AUDIT_CONTROL in the caller's user
 * namespace.
 *
 * Return: 0; -EPERM without the capability; -EBUSY if the namespace has a
 * daemon already; -ENOSPC at the host's limit of daemons, or (from
 * interface 1.5 on) at that of the namespace's user; -ERANGE for a
 * @backlog above the host's "queue" limit; -EINVAL for a NULL @dp or a
 * @backlog out of the UAPI bounds; -ENOENT if the module is not loaded;
 * -EPROTO on an interface major version mismatch or a module without
 * daemons; or another negative errno.
 */
NSAUDIT_EXPORT int nsaudit_daemon_register(struct nsaudit_daemon **dp,
					   uint32_t backlog,
					   struct nsaudit_daemon_info *info,
					   char *msg, size_t size);

/**
 * nsaudit_daemon_fd() - the socket to poll for input
 * @d: the handle
 *
 * One datagram may carry several messages, which nsaudit_daemon_recv()
 * hands out one per call; so once the descriptor is readable, call it
 * with a @timeout_ms of 0 until it returns -ETIMEDOUT before polling
 * again.
 *
 * Return: a file descriptor that becomes readable when
 * nsaudit_daemon_recv() has something to return, or -EINVAL for NULL @d.
 */
NSAUDIT_EXPORT int nsaudit_daemon_fd(const struct nsaudit_daemon *d);

/**
 * nsaudit_daemon_recv() - the next record, loss notice or end
 * @d: the handle
 * @ev: filled in on success
 * @timeout_ms: how long to wait; 0 does not wait; -1 waits for ever
 *
 * Anything else that arrives on the socket is skipped.
 *
 * The END that tells of the module's unload comes from the genetlink
 * controller's announcement, which the kernel drops when it finds the
 * socket full of records. A daemon that has heard nothing for a while
 * should therefore ask: nsaudit_status() on a handle of its own, where
 * -ENOENT (module gone), -EPROTO (another module's interface) or a
 * daemon other than itself means that its registration is over
 * (nsauditd asks after 5 seconds of silence).
 *
 * Return: 0 with @ev filled in; -ETIMEDOUT if nothing came in time;
 * -EINTR if a signal interrupted the wait (not restarted); -EBADMSG for a
 * malformed message (consumed; the next call goes on); -EINVAL for NULL
 * arguments, a @timeout_ms below -1, or a call after END was returned; or
 * another negative errno from the socket.
 */
NSAUDIT_EXPORT int nsaudit_daemon_recv(struct nsaudit_daemon *d,
				       struct nsaudit_event *ev,
				       int timeout_ms);

/**
 * nsaudit_daemon_unregister() - ask to end the registration
 * @d: the handle
 *
 * Sends NSAUDIT_CMD_UNREGISTER and returns without waiting: records
 * already on their way still come out of nsaudit_daemon_recv(), followed
 * by an END event once the module has confirmed. (A confirmation dropped
 * because the socket was full is made up for: after a second of silence
 * nsaudit_daemon_recv() asks again.)
 *
 * Return: 0, or a negative errno from sending (-EINVAL for NULL @d or a
 * second call).
 */
NSAUDIT_EXPORT int nsaudit_daemon_unregister(struct nsaudit_daemon *d);

/**
 * nsaudit_daemon_close() - close the socket and free the handle
 * @d: the handle; NULL is allowed and does nothing
 *
 * Closing the socket ends a registration that is still on; records not
 * yet received are dropped.
 */
NSAUDIT_EXPORT void nsaudit_daemon_close(struct nsaudit_daemon *d);

/**
 * nsaudit_daemon_errmsg() - explanation of the last failed call on @d
 * @d: the handle
 *
 * Return: the module's extended ACK message or the library's own text;
 * "" if there is none. Never NULL.
 */
NSAUDIT_EXPORT const char *nsaudit_daemon_errmsg(const struct nsaudit_daemon *d);

#ifdef __cplusplus
}
#endif

#endif /* LIBNSAUDIT_H */
