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

/*
 * Interface version, major.minor. A client must refuse a module whose major
 * differs from the one it was built with; a higher minor only adds commands,
 * attributes, feature bits or counters, and older clients ignore those.
 */
#define NSAUDIT_VERSION_MAJOR		1
#define NSAUDIT_VERSION_MINOR		6

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
 *
 * When the task has an audit container ID (interface 1.3, see "Audit
 * container IDs" below), one more field follows the nsID set:
 *
 *   contid=N
 *
 * N in decimal. Nothing follows it, and a task without an ID has no
 * contid field at all.
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

/*
 * Longest text the module appends for an nsID set, with its NUL; the
 * contid field included since interface 1.3 (192 before).
 */
#define NSAUDIT_NSID_TEXT_MAX		224

/*
 * Generic netlink family.
 *
 * Resolve the family and its multicast groups by name through the genetlink
 * controller. Each request carries NSAUDIT_GENL_VERSION in
 * genlmsghdr.version; the module refuses any other value with EINVAL, except
 * in NSAUDIT_CMD_GET_STATUS, which it answers for every version so that a
 * client can always learn which interface it talks to. Attributes are
 * validated strictly: an unknown, mistyped or oversized attribute is refused
 * with EINVAL. Every error the module returns carries an extended ACK
 * message (set NETLINK_EXT_ACK on the socket to receive it).
 *
 * The family exists in every network namespace. Permission is checked
 * against the credentials of whoever opened the socket, in the user
 * namespace each command names.
 */
#define NSAUDIT_GENL_NAME		"nsaudit"
#define NSAUDIT_GENL_VERSION		NSAUDIT_VERSION_MAJOR

/*
 * Multicast group "config": after every successful NSAUDIT_CMD_SET, an
 * NSAUDIT_CMD_CONFIG_NTF message with the attributes of a GET_STATUS reply.
 * Anyone may join.
 */
#define NSAUDIT_MCGRP_CONFIG		"config"

/*
 * Per-namespace audit daemons.
 *
 * A process registers, over a socket of its own, as the audit daemon of its
 * user namespace (NSAUDIT_CMD_REGISTER). From then on the module puts into
 * that socket object itself (never by port) an NSAUDIT_CMD_RECORD message
 * for every audit record caused by a task whose user namespace is the
 * daemon's or a descendant of it, in the order the kernel logged them, and
 * an NSAUDIT_CMD_LOST message when records could not be queued: the
 * records its own rules select (see "Per-namespace rules") always, and
 * copies of the records the host's audit produces (the host's rules', the
 * kernel's own) as the "share" setting says (enum nsaudit_share): by
 * default only if the host delegated its user namespace or an ancestor
 * (NSAUDIT_CMD_DELEGATE; since 1.4: before, every daemon got them), since
 * they tell what the host watches. The daemon of the initial user
 * namespace always gets them. Each copy is
 * in the daemon's view: pid-like fields (pid, ppid, opid) in its PID
 * namespace, 0 where the process is not visible there; uid/gid-like fields
 * (uid, euid, suid, fsuid, gid, egid, sgid, fsgid, ouid, ogid) in its user
 * namespace, the overflow ID (65534) where unmapped, as stat(2) and
 * /proc/PID/status show them; login uids (auid, old-auid, oauid) as
 * /proc/PID/loginuid shows them, 4294967295 (or -1) where unset or
 * unmapped. Rule keys (key=) read (null) except for a daemon of the initial
 * user namespace, whose holder can read the host rules anyway. Principal
 * records carry the nsID set, whether or not host records do. Records
 * caused by the daemon's own process are not sent to it.
 *
 * The registration ends with NSAUDIT_CMD_UNREGISTER or when the socket is
 * closed. Set NETLINK_NO_ENOBUFS on the socket: the module keeps records in
 * the daemon's queue while the socket is full and resends them.
 */

/*
 * Per-namespace rules (interface 1.2).
 *
 * Each user namespace has a rulespace of its own: audit rules in the
 * format of the kernel's own AUDIT_ADD_RULE message, a struct
 * audit_rule_data (<linux/audit.h>) followed by its buf, as libaudit
 * builds them from auditctl syntax. The module evaluates them at syscall
 * exit for the tasks of that namespace and its descendants and sends what
 * they select to the namespace's daemon only. Every rule command acts on
 * the rulespace of the caller's user namespace; the rules of one
 * namespace are invisible to every other, the initial one included.
 *
 * Supported: the exit filter (AUDIT_FILTER_EXIT) with a syscall mask and
 * the fields AUDIT_ARCH, AUDIT_PID, AUDIT_PPID, AUDIT_UID, AUDIT_EUID,
 * AUDIT_SUID, AUDIT_FSUID, AUDIT_GID, AUDIT_EGID, AUDIT_SGID, AUDIT_FSGID,
 * AUDIT_LOGINUID, AUDIT_LOGINUID_SET, AUDIT_SESSIONID, AUDIT_SUCCESS,
 * AUDIT_EXIT, AUDIT_ARG0 to AUDIT_ARG3, AUDIT_EXE and AUDIT_FILTERKEY
 * (several keys joined by AUDIT_KEY_SEPARATOR, at most AUDIT_MAX_KEY_LEN
 * bytes), and from interface 1.3 NSAUDIT_RULE_FIELD_CONTID (the audit
 * container ID, see there); the exclude filter (AUDIT_FILTER_EXCLUDE)
 * with AUDIT_MSGTYPE. Actions AUDIT_NEVER and AUDIT_ALWAYS;
 * AUDIT_FILTER_PREPEND in flags puts a rule first. Operators as the
 * kernel's audit has them for each field (the bit operators on AUDIT_ARG0
 * to AUDIT_ARG3 only; = and != on AUDIT_ARCH, AUDIT_LOGINUID_SET,
 * AUDIT_EXE, AUDIT_FILTERKEY and NSAUDIT_RULE_FIELD_CONTID). Values are in
 * the caller's view: uids and gids in its user namespace, pids in its PID
 * namespace.
 *
 * Who may: the registered daemon of the namespace, or a process with
 * CAP_AUDIT_CONTROL in it (EPERM otherwise, for LIST_RULES too: keys and
 * paths are the daemon's business). How many: the host's "rules" limit
 * per namespace (ENOSPC beyond it; lowering the limit keeps the rules
 * already there).
 *
 * Lifetime: the rules of a namespace belong to the registration of its
 * daemon, since the records they select have nowhere else to go. ADD_RULE
 * while the namespace has no daemon is refused with ENOTCONN, and the
 * rules are deleted when the registration ends (a daemon loads its rules
 * after registering, as auditd does at start). So what a namespace can
 * make the module hold stays within the "daemons" and "rules" limits.
 *
 * Evaluation: at the end of each syscall of a task whose user namespace
 * is the rule's or a descendant of it (never of the daemon's own
 * process), the rules of each such namespace with a daemon are tried in
 * order and the first that matches decides (never: nothing; always: one
 * record). Values are compared in that namespace's view: pid and ppid in
 * its daemon's PID namespace, uids and gids (auid too) in the user
 * namespace, as u32 numbers the way the kernel's audit_comparator() does;
 * a gid or egid rule with = or != also looks at supplementary groups; exe
 * compares the path of the task's executable, as the exe= field prints it.
 * A match sends that daemon, and no other, one AUDIT_SYSCALL record in the
 * format of the kernel's own (arch syscall [per] success exit a0 a1 a2 a3
 * items ppid pid auid uid gid euid suid fsuid egid sgid fsgid tty ses comm
 * exe key), translated into its view like a routed record but with the
 * rule's key, followed by the nsID set. items is 0: no PATH, CWD or
 * PROCTITLE record comes with it, and no subj= field; a0 to a3 are read
 * from the registers at syscall exit (after a successful execve they are
 * the new program's, 0). The serial comes from the kernel's own counter,
 * so it never repeats that of a kernel event. The exclude filter drops
 * every record (routed or made by a rule) whose type its msgtype fields
 * match, for that daemon only.
 */

/*
 * Audit container IDs (interface 1.3, NSAUDIT_FEATURE_CONTID).
 *
 * After the upstream audit container identifier proposal (v11): a u64
 * that a container orchestrator on the host gives a process with
 * NSAUDIT_CMD_SET_CONTID, typically between fork and the execve of the
 * container's first program. It is set once and never changes: only a
 * process without an ID may be given one, only by a caller with
 * CAP_AUDIT_CONTROL in the initial user namespace, and never by the
 * process itself, so nothing inside a container (root in its own user
 * namespace included) can set, change, drop or forge it. Every task the
 * process creates afterwards inherits it (fork, vfork and clone, threads
 * included) and execve keeps it. NSAUDIT_CONTID_UNSET means "no ID" and
 * cannot be set.
 *
 * Several processes may have the same ID: those of one container, and
 * any process the orchestrator later gives the same ID (a process it
 * adds to a running container). The module tracks each ID while at least
 * one task has it, and at most the "contids" limit of IDs at once; the
 * "contids" counter says how many it tracks now.
 *
 * Records. Each principal record of a task with an ID carries
 * " contid=N" after its nsID set (see "Record format"). Giving an ID is
 * logged as a record of its own, of type CONTAINER_OP:
 *
 *   op=set opid=PID contid=N old-contid=-1
 *   op=set opid=PID contid=N old-contid=-1 name=NAME	(since 1.6)
 *
 * PID the process given the ID, N the ID; old-contid is always -1, as
 * an ID is set once. NAME is the container's name, if the orchestrator
 * gave one (NSAUDIT_A_CONTID_NAME): as audit logs a string a process
 * controls, in double quotes, or in hexadecimal without them if it holds
 * a double quote, a space or a control character. The setter's task
 * fields follow. When the last task with an ID exits, the module
 * stops tracking it and logs:
 *
 *   op=drop opid=PID contid=-1 old-contid=N
 *
 * PID that last task. Should a task be created without the ID its
 * parent carries (see NSAUDIT_COUNTER_A_CONTID_LOST; no task is ever
 * killed for it), the module logs, soon after and before that ID's drop:
 *
 *   op=lost opid=PID contid=-1 old-contid=N count=K res=0
 *
 * K how many tasks were created without ID N since the previous such
 * record, PID the parent of the last of them (since 1.4).
 *
 * -1 stands for NSAUDIT_CONTID_UNSET, as upstream
 * audit prints it; other IDs are decimal. The CONTAINER_OP type number is
 * a module parameter (name, default and why it collides with no type of
 * <linux/audit.h>: see README).
 */

/* The container ID that means "none": what a task without one has. */
#define NSAUDIT_CONTID_UNSET		((__u64)-1)

/*
 * Length of the longest container name NSAUDIT_CMD_SET_CONTID takes, in
 * bytes before its terminating NUL: a Kubernetes object name (253) with
 * room to spare.
 */
#define NSAUDIT_CONTID_NAME_MAX		255


/*
 * Largest NSAUDIT_A_RULE: sizeof(struct audit_rule_data) (1040 bytes) and
 * a buf holding an AUDIT_EXE path of PATH_MAX (4096) and keys of
 * AUDIT_MAX_KEY_LEN (256), rounded up to two pages. The kernel's own
 * AUDIT_ADD_RULE has no such bound; this one keeps what a namespace can
 * make the module hold small and known.
 */
#define NSAUDIT_RULE_MAX		8192

/**
 * define NSAUDIT_RULE_FIELD_CONTID - rule field of the audit container ID
 *
 * A field of a per-namespace rule (interface 1.3, %NSAUDIT_FEATURE_CONTID)
 * that compares the task's audit container ID, encoded as the upstream
 * proposal's AUDIT_CONTID ("audit: add containerid filtering", v11), whose
 * number it takes: in struct audit_rule_data, fields[i] is 27,
 * fieldflags[i] AUDIT_EQUAL or AUDIT_NOT_EQUAL (any other operator is
 * refused), values[i] 8, the length in bytes; the ID is a u64 of 8 raw
 * bytes in host byte order in buf, at this field's place among the string
 * and byte fields (buf holds them in field order, as for AUDIT_EXE and
 * AUDIT_FILTERKEY). %NSAUDIT_CONTID_UNSET is a valid value there: "contid
 * != -1" selects the tasks that have an ID, "contid = -1" those that have
 * none. The ID is compared as the u64 it is, the same in every
 * namespace's view. Exit filter only. LIST_RULES gives the field back as
 * it was added.
 *
 * libaudit 3.0.9 has no name for field 27 (nor does <linux/audit.h>), so
 * nsauditctl and nsauditd build and print it themselves, as "-F contid=N"
 * or "-F contid!=N" in auditctl syntax, N decimal or -1.
 */
#define NSAUDIT_RULE_FIELD_CONTID	27

/**
 * enum nsaudit_cmd - commands of the nsaudit family
 * @NSAUDIT_CMD_UNSPEC: not a command
 * @NSAUDIT_CMD_GET_STATUS: do. Request: no attributes. Reply:
 *	%NSAUDIT_A_VERSION_MAJOR, %NSAUDIT_A_VERSION_MINOR,
 *	%NSAUDIT_A_FEATURES, %NSAUDIT_A_ENRICH, %NSAUDIT_A_COUNTERS,
 *	%NSAUDIT_A_LIMITS, %NSAUDIT_A_PROBES (since 1.4) and, if the
 *	caller's user namespace has a daemon, %NSAUDIT_A_DAEMON. Open to
 *	everyone.
 * @NSAUDIT_CMD_SET: do. Request: %NSAUDIT_A_ENRICH and/or %NSAUDIT_A_LIMITS
 *	(any subset of the limits); at least one. Needs CAP_AUDIT_CONTROL in
 *	the initial user namespace (EPERM). All or nothing: a refused request
 *	changes nothing. A change is logged as an AUDIT_CONFIG_CHANGE record
 *	and announced on the "config" group. No reply but the ACK.
 * @NSAUDIT_CMD_GET_NSID: do. Request: %NSAUDIT_A_PID, a process ID in the
 *	caller's PID namespace. Reply: %NSAUDIT_A_PID and %NSAUDIT_A_NSID.
 *	ESRCH if the caller cannot see that process (or it is exiting);
 *	EACCES if the caller could not read /proc/PID/ns/ (ptrace read
 *	access, as /proc checks it).
 * @NSAUDIT_CMD_CONFIG_NTF: notification only, on the "config" group:
 *	the attributes of a GET_STATUS reply after a change.
 * @NSAUDIT_CMD_REGISTER: do. Request: optionally %NSAUDIT_A_BACKLOG (the
 *	most records the module queues for this daemon; default: the
 *	"backlog" limit; at most the "queue" limit, else ERANGE). Makes the
 *	sending socket the audit daemon of the caller's user namespace.
 *	Needs CAP_AUDIT_CONTROL in that user namespace (EPERM). EBUSY if the
 *	namespace has a daemon already, EALREADY if this socket is one,
 *	ENOSPC at the "daemons" or "user_daemons" limit (never in the
 *	initial user namespace, since 1.5). Reply: %NSAUDIT_A_DAEMON; records
 *	follow it. Send it without NLM_F_ACK, so that nothing comes between
 *	the reply and the first record.
 * @NSAUDIT_CMD_UNREGISTER: do. No attributes. Ends the registration of
 *	the sending socket (ENOENT if it has none); queued records are
 *	dropped. No reply but the ACK.
 * @NSAUDIT_CMD_RECORD: sent to a daemon only: %NSAUDIT_A_RECORD_TYPE and
 *	%NSAUDIT_A_RECORD_TEXT.
 * @NSAUDIT_CMD_LOST: sent to a daemon only, before the next record after
 *	records were lost: %NSAUDIT_A_DAEMON with the counters at that time.
 * @NSAUDIT_CMD_ADD_RULE: do. Request: %NSAUDIT_A_RULE. Adds the rule to
 *	the rulespace of the caller's user namespace: at its end, or at its
 *	start if the rule's flags have AUDIT_FILTER_PREPEND. EPERM unless the
 *	caller is the namespace's daemon or has CAP_AUDIT_CONTROL in it;
 *	ENOTCONN if the namespace has no registered daemon; EINVAL for a
 *	malformed rule or an unsupported filter, field, operator or value
 *	(the extended ACK names it); EEXIST if the same rule is there already
 *	(as the kernel's audit compares rules); ENOSPC at the "rules" limit.
 *	No reply but the ACK.
 * @NSAUDIT_CMD_DEL_RULE: do. Request: %NSAUDIT_A_RULE, as it was added.
 *	Deletes that rule; ENOENT if there is none. EPERM, ENOTCONN and
 *	EINVAL as ADD_RULE. No reply but the ACK.
 * @NSAUDIT_CMD_LIST_RULES: dump only. No request attributes. One message
 *	per rule of the caller's user namespace, in evaluation order, each
 *	with %NSAUDIT_A_RULE as the kernel's AUDIT_LIST_RULES has it (flags
 *	hold the filter, without AUDIT_FILTER_PREPEND); NLM_F_DUMP_INTR if
 *	the rules changed during the dump (list again). EPERM as ADD_RULE;
 *	no rule (nothing but the end of the dump) without a daemon.
 * @NSAUDIT_CMD_DELETE_ALL: do. No attributes. Deletes every rule of the
 *	caller's user namespace (none without a daemon). EPERM as
 *	ADD_RULE. No reply but the ACK.
 * @NSAUDIT_CMD_SET_CONTID: do (interface 1.3). Request: %NSAUDIT_A_PID,
 *	a process ID in the caller's PID namespace, and %NSAUDIT_A_CONTID,
 *	the audit container ID to give that process; optionally (since
 *	1.6) %NSAUDIT_A_CONTID_NAME, the container's name, for the record.
 *	Needs CAP_AUDIT_CONTROL in the initial user namespace (EPERM),
 *	checked first. Then, in this order: EINVAL if either of the first
 *	two attributes is missing, the ID is %NSAUDIT_CONTID_UNSET or the
 *	name is empty, longer than %NSAUDIT_CONTID_NAME_MAX bytes or
 *	not NUL-terminated (a module older than 1.6: EINVAL for the
 *	unknown attribute); ESRCH if the caller cannot see
 *	the process (or it is exiting); EPERM if it is the caller's own
 *	process or a kernel thread; EEXIST if it has an ID already; EBUSY if
 *	it has children or threads besides itself; ENOSPC if no task has
 *	this ID yet and the module tracks as many IDs as the "contids"
 *	limit allows. Every refusal carries an extended ACK message. A
 *	success is logged as a CONTAINER_OP record ("op=set"). No reply but
 *	the ACK.
 * @NSAUDIT_CMD_GET_CONTID: do (interface 1.3). Request: %NSAUDIT_A_PID,
 *	a process ID in the caller's PID namespace. Reply: %NSAUDIT_A_PID
 *	and %NSAUDIT_A_CONTID, %NSAUDIT_CONTID_UNSET if the process has no
 *	ID. Allowed to whoever could read /proc/PID/ns/: ESRCH and EACCES
 *	as GET_NSID.
 * @NSAUDIT_CMD_DELEGATE: do (interface 1.4). Request: %NSAUDIT_A_PID, a
 *	process ID in the caller's PID namespace. Delegates the process's
 *	user namespace: its daemon, and the daemons of its descendants,
 *	receive copies of the records the host's audit produces for their
 *	tasks while the "share" setting is %NSAUDIT_SHARE_DELEGATED (see
 *	"Per-namespace daemons"). Needs CAP_AUDIT_CONTROL in the initial
 *	user namespace (EPERM), checked first. Then: EINVAL if the attribute
 *	is missing or the process is in the initial user namespace (whose
 *	daemon always receives them); ESRCH if the caller cannot see the
 *	process; EEXIST if the namespace is delegated already; ENOSPC at
 *	%NSAUDIT_DELEGATIONS_MAX. A delegation lasts until UNDELEGATE, or
 *	until the namespace is gone, or the module is. Logged as an
 *	AUDIT_CONFIG_CHANGE record ("op=nsaudit-delegate"). No reply but the
 *	ACK.
 * @NSAUDIT_CMD_UNDELEGATE: do (interface 1.4). Request: %NSAUDIT_A_PID.
 *	Ends the delegation of the process's user namespace (not of an
 *	ancestor's, which still covers it). EPERM, EINVAL and ESRCH as
 *	DELEGATE; ENOENT if the namespace is not delegated. Logged
 *	("op=nsaudit-undelegate"). No reply but the ACK.
 * @__NSAUDIT_CMD_MAX: one past the last command
 */
enum nsaudit_cmd {
	NSAUDIT_CMD_UNSPEC,
	NSAUDIT_CMD_GET_STATUS,
	NSAUDIT_CMD_SET,
	NSAUDIT_CMD_GET_NSID,
	NSAUDIT_CMD_CONFIG_NTF,
	NSAUDIT_CMD_REGISTER,
	NSAUDIT_CMD_UNREGISTER,
	NSAUDIT_CMD_RECORD,
	NSAUDIT_CMD_LOST,
	NSAUDIT_CMD_ADD_RULE,
	NSAUDIT_CMD_DEL_RULE,
	NSAUDIT_CMD_LIST_RULES,
	NSAUDIT_CMD_DELETE_ALL,
	NSAUDIT_CMD_SET_CONTID,
	NSAUDIT_CMD_GET_CONTID,
	NSAUDIT_CMD_DELEGATE,
	NSAUDIT_CMD_UNDELEGATE,
	__NSAUDIT_CMD_MAX,
};
#define NSAUDIT_CMD_MAX			(__NSAUDIT_CMD_MAX - 1)

/**
 * enum nsaudit_attr - top-level attributes of every command
 * @NSAUDIT_A_UNSPEC: not an attribute
 * @NSAUDIT_A_PAD: padding that aligns 64-bit attributes; ignore it
 * @NSAUDIT_A_VERSION_MAJOR: u32, the module's %NSAUDIT_VERSION_MAJOR
 * @NSAUDIT_A_VERSION_MINOR: u32, the module's %NSAUDIT_VERSION_MINOR
 * @NSAUDIT_A_FEATURES: u64, the NSAUDIT_FEATURE_* bits the module has
 * @NSAUDIT_A_ENRICH: u8, 1 if the nsID set is appended to host records,
 *	else 0 (the "enrich" module parameter shows the same state)
 * @NSAUDIT_A_COUNTERS: nest of enum nsaudit_counter_attr
 * @NSAUDIT_A_LIMITS: nest of enum nsaudit_limit_attr
 * @NSAUDIT_A_PID: u32, a process ID, 1 to %NSAUDIT_PID_MAX
 * @NSAUDIT_A_NSID: nest of enum nsaudit_nsid_attr
 * @NSAUDIT_A_BACKLOG: u32, a daemon's backlog, %NSAUDIT_LIMIT_QUEUE_MIN to
 *	%NSAUDIT_LIMIT_QUEUE_MAX (and at most the "queue" limit)
 * @NSAUDIT_A_DAEMON: nest of enum nsaudit_daemon_attr: the daemon of the
 *	caller's user namespace (GET_STATUS: absent if it has none)
 * @NSAUDIT_A_RECORD_TYPE: u16, the audit record type (AUDIT_SYSCALL, ...)
 * @NSAUDIT_A_RECORD_TEXT: string, the record as the kernel sends it to
 *	auditd ("audit(SEC.MSEC:SERIAL): fields"), in the daemon's view
 * @NSAUDIT_A_RULE: binary, a struct audit_rule_data and its buf, exactly
 *	the payload of the kernel's AUDIT_ADD_RULE message: its length is
 *	sizeof(struct audit_rule_data) + buflen, at most %NSAUDIT_RULE_MAX
 * @NSAUDIT_A_CONTID: u64, an audit container ID; %NSAUDIT_CONTID_UNSET
 *	in a reply means none. The module puts it with nla_put_u64_64bit(),
 *	so an %NSAUDIT_A_PAD may precede it in a reply
 * @NSAUDIT_A_PROBES: u8, 1 if the module's kprobes fire, 0 if they do
 *	not (kprobes disarmed with /sys/kernel/debug/kprobes/enabled, or
 *	ftrace switched off with the ftrace_enabled sysctl): then host records
 *	are neither enriched nor routed, and the children of a task carrying
 *	a container ID take their entries from a reserve (see
 *	%NSAUDIT_COUNTER_A_CONTID_LOST). Tried by calling a function of the
 *	module's own that carries a kprobe, when the status is made
 *	(since 1.4)
 * @NSAUDIT_A_SHARE: u8, the "share" setting, an enum nsaudit_share value:
 *	which per-namespace daemons receive copies of the records the
 *	host's audit produces (GET_STATUS, and SET to change it; since 1.4)
 * @NSAUDIT_A_DELEGATED: u8, in a GET_STATUS reply: 1 if the daemon of the
 *	caller's user namespace receives copies of the host's records (the
 *	initial one's always does), else 0 (since 1.4)
 * @NSAUDIT_A_CONTID_NAME: string, NUL-terminated: a container's name,
 *	1 to %NSAUDIT_CONTID_NAME_MAX bytes before the NUL, logged in
 *	the CONTAINER_OP "op=set" record (SET_CONTID; since 1.6)
 * @__NSAUDIT_A_MAX: one past the last attribute
 */
enum nsaudit_attr {
	NSAUDIT_A_UNSPEC,
	NSAUDIT_A_PAD,
	NSAUDIT_A_VERSION_MAJOR,
	NSAUDIT_A_VERSION_MINOR,
	NSAUDIT_A_FEATURES,
	NSAUDIT_A_ENRICH,
	NSAUDIT_A_COUNTERS,
	NSAUDIT_A_LIMITS,
	NSAUDIT_A_PID,
	NSAUDIT_A_NSID,
	NSAUDIT_A_BACKLOG,
	NSAUDIT_A_DAEMON,
	NSAUDIT_A_RECORD_TYPE,
	NSAUDIT_A_RECORD_TEXT,
	NSAUDIT_A_RULE,
	NSAUDIT_A_CONTID,
	NSAUDIT_A_PROBES,
	NSAUDIT_A_SHARE,
	NSAUDIT_A_DELEGATED,
	NSAUDIT_A_CONTID_NAME,
	__NSAUDIT_A_MAX,
};
#define NSAUDIT_A_MAX			(__NSAUDIT_A_MAX - 1)

/**
 * enum nsaudit_share - who receives copies of the host's records
 * @NSAUDIT_SHARE_NONE: no per-namespace daemon (that of the initial user
 *	namespace excepted): each gets what its own rules select
 * @NSAUDIT_SHARE_DELEGATED: the daemons of delegated user namespaces and
 *	their descendants (NSAUDIT_CMD_DELEGATE); the default
 * @NSAUDIT_SHARE_ALL: every daemon, for its own subtree's tasks
 */
enum nsaudit_share {
	NSAUDIT_SHARE_NONE,
	NSAUDIT_SHARE_DELEGATED,
	NSAUDIT_SHARE_ALL,
};

/* Most user namespaces delegated at once. */
#define NSAUDIT_DELEGATIONS_MAX		4096

/* Feature bits in NSAUDIT_A_FEATURES. */
#define NSAUDIT_FEATURE_ENRICH		(1ULL << 0)	/* nsID set in host records */
#define NSAUDIT_FEATURE_NSID		(1ULL << 1)	/* NSAUDIT_CMD_GET_NSID */
#define NSAUDIT_FEATURE_DAEMONS		(1ULL << 2)	/* per-namespace daemons */
#define NSAUDIT_FEATURE_RULES		(1ULL << 3)	/* per-namespace rules */
#define NSAUDIT_FEATURE_CONTID		(1ULL << 4)	/* audit container IDs */

/**
 * enum nsaudit_counter_attr - the module's counters (u64)
 * @NSAUDIT_COUNTER_A_UNSPEC: not an attribute
 * @NSAUDIT_COUNTER_A_PAD: padding; ignore it
 * @NSAUDIT_COUNTER_A_ENRICHED: host records the nsID set was appended to
 * @NSAUDIT_COUNTER_A_FORWARDED: record copies delivered to per-namespace
 *	daemons' sockets
 * @NSAUDIT_COUNTER_A_LOST: record copies a per-namespace daemon did not
 *	get (its queue or the memory limit was full, or it went away)
 * @NSAUDIT_COUNTER_A_MISSED: probe hits the kernel skipped because another
 *	probe was running on the same CPU (kprobe nmissed); each is a record
 *	that may lack its nsID set
 * @NSAUDIT_COUNTER_A_CONTIDS: audit container IDs the module tracks now
 *	(IDs that at least one task has); not a count since load
 * @NSAUDIT_COUNTER_A_CONTID_TASKS: tasks the module tracks a container ID
 *	for now (exited ones not yet reaped included): the memory it holds
 *	for them; not a count since load
 * @NSAUDIT_COUNTER_A_CONTID_LOST: new tasks of a parent carrying a
 *	container ID that were created without it: the fork probe had not
 *	prepared their entry (kprobes disarmed, or a missed hit) and the
 *	reserve was empty. Each is logged in a CONTAINER_OP op=lost record.
 *	Never a killed task (since 1.4)
 * @NSAUDIT_COUNTER_A_UNENRICHED: principal records logged without their
 *	nsID set although enrichment was on: the set would have taken the
 *	record past 8865 bytes (what auditd writes whole, whatever the type
 *	and node names), or the room for it
 *	could not be had without sleeping. The record itself is whole
 *	(since 1.4)
 * @NSAUDIT_COUNTER_A_DELEGATIONS: user namespaces delegated now; not a
 *	count since load (since 1.4)
 * @__NSAUDIT_COUNTER_A_MAX: one past the last attribute
 *
 * All but %NSAUDIT_COUNTER_A_CONTIDS, %NSAUDIT_COUNTER_A_CONTID_TASKS and
 * %NSAUDIT_COUNTER_A_DELEGATIONS count since the module was loaded.
 *
 * They are the host's: a GET_STATUS reply to a caller outside the initial
 * user namespace has 0 for each, but %NSAUDIT_COUNTER_A_FORWARDED and
 * %NSAUDIT_COUNTER_A_LOST, which count the copies of the caller's own
 * namespace daemon (0 without one); an NSAUDIT_CMD_CONFIG_NTF, which goes
 * to listeners of every namespace, has 0 for all (since 1.4).
 */
enum nsaudit_counter_attr {
	NSAUDIT_COUNTER_A_UNSPEC,
	NSAUDIT_COUNTER_A_PAD,
	NSAUDIT_COUNTER_A_ENRICHED,
	NSAUDIT_COUNTER_A_FORWARDED,
	NSAUDIT_COUNTER_A_LOST,
	NSAUDIT_COUNTER_A_MISSED,
	NSAUDIT_COUNTER_A_CONTIDS,
	NSAUDIT_COUNTER_A_CONTID_TASKS,
	NSAUDIT_COUNTER_A_CONTID_LOST,
	NSAUDIT_COUNTER_A_UNENRICHED,
	NSAUDIT_COUNTER_A_DELEGATIONS,
	__NSAUDIT_COUNTER_A_MAX,
};
#define NSAUDIT_COUNTER_A_MAX		(__NSAUDIT_COUNTER_A_MAX - 1)

/**
 * enum nsaudit_limit_attr - limits the host administrator sets (u32)
 * @NSAUDIT_LIMIT_A_UNSPEC: not an attribute
 * @NSAUDIT_LIMIT_A_DAEMONS: most audit daemons of user namespaces other
 *	than the initial one registered at once, 0 to
 *	%NSAUDIT_LIMIT_DAEMONS_MAX (0: they are refused); the initial user
 *	namespace's daemon is never counted (since 1.5; before, it was)
 * @NSAUDIT_LIMIT_A_QUEUE: the largest backlog a daemon may ask for,
 *	%NSAUDIT_LIMIT_QUEUE_MIN to %NSAUDIT_LIMIT_QUEUE_MAX
 * @NSAUDIT_LIMIT_A_RULES: most rules one user namespace may hold,
 *	0 to %NSAUDIT_LIMIT_RULES_MAX
 * @NSAUDIT_LIMIT_A_BACKLOG: the backlog of a daemon that asks for none,
 *	%NSAUDIT_LIMIT_QUEUE_MIN to %NSAUDIT_LIMIT_QUEUE_MAX (capped by the
 *	"queue" limit when used); beyond its backlog a daemon's records are
 *	counted as lost
 * @NSAUDIT_LIMIT_A_MEMORY: KiB that the records queued for the daemons of
 *	user namespaces other than the initial one may occupy together,
 *	%NSAUDIT_LIMIT_MEMORY_MIN to %NSAUDIT_LIMIT_MEMORY_MAX; beyond it
 *	records are counted as lost. The initial user namespace's daemon has
 *	as much again of its own (since 1.5; before, one budget for all)
 * @NSAUDIT_LIMIT_A_CONTIDS: most audit container IDs the module tracks at
 *	once, %NSAUDIT_LIMIT_CONTIDS_MIN to %NSAUDIT_LIMIT_CONTIDS_MAX;
 *	beyond it SET_CONTID with an ID no task has is refused (ENOSPC).
 *	Like every limit it is also a module parameter, "contids"
 *	(default %NSAUDIT_LIMIT_CONTIDS_DEFAULT), given at load time or
 *	written later, a change taking the path of SET (interface 1.3)
 * @NSAUDIT_LIMIT_A_USER_DAEMONS: most daemons one user may have registered
 *	at once, 0 to %NSAUDIT_LIMIT_DAEMONS_MAX. A namespace's user is the
 *	owner of its chain's namespace just below the initial one; chains the
 *	initial namespace's root made are each a user of their own (1.5)
 * @NSAUDIT_LIMIT_A_USER_MEMORY: KiB that the records queued for one user's
 *	daemons may occupy together, %NSAUDIT_LIMIT_MEMORY_MIN to
 *	%NSAUDIT_LIMIT_MEMORY_MAX (1.5)
 * @NSAUDIT_LIMIT_A_DAEMON_MEMORY: KiB that the records queued for one
 *	daemon of a user namespace other than the initial one may occupy,
 *	%NSAUDIT_LIMIT_MEMORY_MIN to %NSAUDIT_LIMIT_MEMORY_MAX (1.5)
 * @__NSAUDIT_LIMIT_A_MAX: one past the last attribute
 *
 * A lowered limit applies to what is added afterwards; nothing already
 * held is dropped.
 */
enum nsaudit_limit_attr {
	NSAUDIT_LIMIT_A_UNSPEC,
	NSAUDIT_LIMIT_A_DAEMONS,
	NSAUDIT_LIMIT_A_QUEUE,
	NSAUDIT_LIMIT_A_RULES,
	NSAUDIT_LIMIT_A_BACKLOG,
	NSAUDIT_LIMIT_A_MEMORY,
	NSAUDIT_LIMIT_A_CONTIDS,
	NSAUDIT_LIMIT_A_USER_DAEMONS,
	NSAUDIT_LIMIT_A_USER_MEMORY,
	NSAUDIT_LIMIT_A_DAEMON_MEMORY,
	__NSAUDIT_LIMIT_A_MAX,
};
#define NSAUDIT_LIMIT_A_MAX		(__NSAUDIT_LIMIT_A_MAX - 1)

/* Bounds and load-time defaults of the limits. */
#define NSAUDIT_LIMIT_DAEMONS_MAX	4096
#define NSAUDIT_LIMIT_DAEMONS_DEFAULT	64
#define NSAUDIT_LIMIT_QUEUE_MIN		16
#define NSAUDIT_LIMIT_QUEUE_MAX		1048576
#define NSAUDIT_LIMIT_QUEUE_DEFAULT	8192
#define NSAUDIT_LIMIT_BACKLOG_DEFAULT	8192
#define NSAUDIT_LIMIT_MEMORY_MIN	64
#define NSAUDIT_LIMIT_MEMORY_MAX	16777216
#define NSAUDIT_LIMIT_MEMORY_DEFAULT	65536
/*
 * Per user and per daemon: one user fills at most half of what the
 * namespace daemons share, one daemon half of its user's.
 */
#define NSAUDIT_LIMIT_USER_DAEMONS_DEFAULT	16
#define NSAUDIT_LIMIT_USER_MEMORY_DEFAULT	32768
#define NSAUDIT_LIMIT_DAEMON_MEMORY_DEFAULT	16384
#define NSAUDIT_LIMIT_RULES_MAX		65536
#define NSAUDIT_LIMIT_RULES_DEFAULT	256
/*
 * Container IDs: a host rarely runs 4096 containers at once, and each ID
 * the module tracks is one small allocation; the maximum is the queue's.
 * At least one: a host that wants no IDs gives none.
 */
#define NSAUDIT_LIMIT_CONTIDS_MIN	1
#define NSAUDIT_LIMIT_CONTIDS_MAX	1048576
#define NSAUDIT_LIMIT_CONTIDS_DEFAULT	4096

/* Largest value of NSAUDIT_A_PID: the kernel's PID_MAX_LIMIT on 64 bits. */
#define NSAUDIT_PID_MAX			4194304

/**
 * enum nsaudit_nsid_attr - an nsID set (u32 each, all present in a reply)
 * @NSAUDIT_NSID_A_UNSPEC: not an attribute
 * @NSAUDIT_NSID_A_DEV_MAJOR: major number of the nsfs device
 * @NSAUDIT_NSID_A_DEV_MINOR: minor number of the nsfs device
 * @NSAUDIT_NSID_A_MNT: mount namespace inode number
 * @NSAUDIT_NSID_A_UTS: UTS namespace inode number
 * @NSAUDIT_NSID_A_IPC: IPC namespace inode number
 * @NSAUDIT_NSID_A_NET: network namespace inode number
 * @NSAUDIT_NSID_A_PID: active PID namespace inode number
 * @NSAUDIT_NSID_A_USER: user namespace inode number
 * @NSAUDIT_NSID_A_CGROUP: cgroup namespace inode number
 * @NSAUDIT_NSID_A_TIME: time namespace inode number
 * @__NSAUDIT_NSID_A_MAX: one past the last attribute
 *
 * The namespace attributes follow enum nsaudit_ns_index:
 * NSAUDIT_NSID_A_NS(i) is the attribute of index i.
 */
enum nsaudit_nsid_attr {
	NSAUDIT_NSID_A_UNSPEC,
	NSAUDIT_NSID_A_DEV_MAJOR,
	NSAUDIT_NSID_A_DEV_MINOR,
	NSAUDIT_NSID_A_MNT,
	NSAUDIT_NSID_A_UTS,
	NSAUDIT_NSID_A_IPC,
	NSAUDIT_NSID_A_NET,
	NSAUDIT_NSID_A_PID,
	NSAUDIT_NSID_A_USER,
	NSAUDIT_NSID_A_CGROUP,
	NSAUDIT_NSID_A_TIME,
	__NSAUDIT_NSID_A_MAX,
};
#define NSAUDIT_NSID_A_MAX		(__NSAUDIT_NSID_A_MAX - 1)
#define NSAUDIT_NSID_A_NS(i)		(NSAUDIT_NSID_A_MNT + (i))

/**
 * enum nsaudit_daemon_attr - a per-namespace daemon and its queue
 * @NSAUDIT_DAEMON_A_UNSPEC: not an attribute
 * @NSAUDIT_DAEMON_A_PAD: padding; ignore it
 * @NSAUDIT_DAEMON_A_PID: u32, the daemon's process ID in the PID namespace
 *	of whoever asks (0 if not visible there)
 * @NSAUDIT_DAEMON_A_USERNS: u32, inode number of its user namespace
 * @NSAUDIT_DAEMON_A_BACKLOG: u32, most records queued for it
 * @NSAUDIT_DAEMON_A_QUEUED: u32, records queued for it now
 * @NSAUDIT_DAEMON_A_ROUTED: u64, records routed to it since it registered
 * @NSAUDIT_DAEMON_A_DELIVERED: u64, of those, delivered to its socket
 * @NSAUDIT_DAEMON_A_LOST: u64, of those, lost (queue or memory limit full);
 *	routed = delivered + lost + queued
 * @__NSAUDIT_DAEMON_A_MAX: one past the last attribute
 */
enum nsaudit_daemon_attr {
	NSAUDIT_DAEMON_A_UNSPEC,
	NSAUDIT_DAEMON_A_PAD,
	NSAUDIT_DAEMON_A_PID,
	NSAUDIT_DAEMON_A_USERNS,
	NSAUDIT_DAEMON_A_BACKLOG,
	NSAUDIT_DAEMON_A_QUEUED,
	NSAUDIT_DAEMON_A_ROUTED,
	NSAUDIT_DAEMON_A_DELIVERED,
	NSAUDIT_DAEMON_A_LOST,
	__NSAUDIT_DAEMON_A_MAX,
};
#define NSAUDIT_DAEMON_A_MAX		(__NSAUDIT_DAEMON_A_MAX - 1)

#endif /* _UAPI_LINUX_NSAUDIT_H */
