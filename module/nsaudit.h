/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nsaudit: internal interfaces between the parts of the module.
 */
#ifndef _NSAUDIT_H
#define _NSAUDIT_H

#include <linux/types.h>
#include <linux/jump_label.h>
#include <linux/kprobes.h>
#include <linux/skbuff.h>
#include <linux/workqueue.h>
#include <linux/sched.h>
#include <linux/pid.h>
#include <linux/uidgid.h>
#include <linux/mutex.h>
#include <uapi/linux/audit.h>
#include "compat.h"
#include <uapi/linux/nsaudit.h>

struct audit_buffer;
struct audit_rule_data;
struct callback_head;
struct genl_info;
struct netlink_callback;
struct net;
struct nsaudit_limits;
struct nsaudit_quota;
struct nsaudit_rule;
struct netlink_ext_ack;
struct pid;
struct pid_namespace;
struct sighand_struct;
struct srcu_struct;
struct task_struct;
struct user_namespace;

/* nsid.c: the nsID set of a task. */
struct nsaudit_nsid {
	u32 inum[NSAUDIT_NS_COUNT];
	u64 contid;	/* NSAUDIT_CONTID_UNSET: none */
};

int nsaudit_nsid_init(void);
bool nsaudit_nsid_current(struct nsaudit_nsid *id);
bool nsaudit_nsid_task(struct task_struct *task, struct nsaudit_nsid *id);
dev_t nsaudit_nsid_dev(void);
int nsaudit_nsid_print(char *buf, size_t size, const struct nsaudit_nsid *id);
const char *nsaudit_nsid_text_get(const struct nsaudit_nsid *id, int *len);
void nsaudit_nsid_text_put(void);
int nsaudit_nsid_text(char *buf, const struct nsaudit_nsid *id);

/*
 * daemon.c: the registry of per-namespace daemons (see there for the
 * lifetime and locking rules).
 */
struct nsaudit_daemon {
	struct hlist_node ns_node;	/* by user_ns, RCU readers */
	struct hlist_node sock_node;	/* by (net, portid), under the lock */
	struct hlist_node tgid_node;	/* by its process, RCU readers */
	struct user_namespace *user_ns;	/* whose daemon it is (the key) */
	struct pid_namespace *pid_ns;	/* its view of pids */
	struct pid *tgid;		/* its process */
	struct sock *sk;		/* its socket: the identity */
	struct net *net;		/* where its socket lives */
	struct nsaudit_quota *quota;	/* what it holds: quota.c */
	u32 portid;			/* its socket's port, to find it by */
	u32 backlog;			/* most records queued */
	bool reveal_keys;		/* in the initial user namespace */
	bool shared;			/* gets the host's records: delegate.c */
	bool started;			/* under queue.lock: worker may send */
	struct sk_buff_head queue;	/* finished RECORD messages */
	struct delayed_work work;	/* the sender, route.c */
	unsigned long retry;		/* worker only: pause while full */
	u64 lost_told;			/* worker only: lost count last sent */
	atomic64_t routed, delivered, lost;
	/* Its namespace's rules: changed under the registry lock, RCU. */
	struct nsaudit_ruleset __rcu *rules;
};

extern struct mutex nsaudit_daemons_lock;

DECLARE_STATIC_KEY_FALSE(nsaudit_route_key);

int nsaudit_daemons_init(void);
void nsaudit_daemons_exit(void);
struct nsaudit_daemon *nsaudit_daemon_find(const struct user_namespace *ns);
bool nsaudit_daemon_task(void);
int nsaudit_daemon_register(const struct sk_buff *skb, struct genl_info *info,
			    u32 backlog);
int nsaudit_daemon_unregister(const struct sk_buff *skb,
			      struct netlink_ext_ack *extack);
int nsaudit_daemon_send(struct nsaudit_daemon *d, struct sk_buff *skb);
int nsaudit_daemon_put(struct sk_buff *skb, const struct nsaudit_daemon *d,
		       struct pid_namespace *pid_ns);
int nsaudit_daemon_put_status(struct sk_buff *skb);
void nsaudit_daemon_counters(u64 *delivered, u64 *lost);
int nsaudit_daemon_rules_change(struct sk_buff *skb, struct genl_info *info,
				u8 cmd, struct nsaudit_rule *r, bool prepend);
int nsaudit_daemon_rules_may(const struct sk_buff *skb,
			     struct netlink_ext_ack *extack);
int nsaudit_daemon_rules_start(struct netlink_callback *cb);
int nsaudit_daemon_rules_done(struct netlink_callback *cb);
int nsaudit_daemon_rules_dump(struct sk_buff *skb,
			      struct netlink_callback *cb);

/*
 * rules.c: per-namespace rules. Operators in the order of the kernel's
 * own (kernel/audit.h), which are not visible to modules.
 */
enum nsaudit_rule_op {
	NSAUDIT_OP_EQ,
	NSAUDIT_OP_NE,
	NSAUDIT_OP_MASK,
	NSAUDIT_OP_TEST,
	NSAUDIT_OP_LT,
	NSAUDIT_OP_GT,
	NSAUDIT_OP_LE,
	NSAUDIT_OP_GE,
};

struct nsaudit_rule_field {
	u32 type;			/* AUDIT_PID, ... */
	enum nsaudit_rule_op op;
	u32 val;			/* in the owner's view */
	kgid_t gid;			/* AUDIT_GID, AUDIT_EGID: for groups */
	u64 contid;			/* NSAUDIT_RULE_FIELD_CONTID */
};

/* Immutable once published; freed after a grace period. */
struct nsaudit_rule {
	struct rcu_head rcu;
	u32 listnr;			/* AUDIT_FILTER_EXIT or _EXCLUDE */
	u32 action;			/* AUDIT_NEVER or AUDIT_ALWAYS */
	u32 mask[AUDIT_BITMASK_SIZE];	/* the syscalls it names */
	char *key;			/* or NULL */
	char *exe;			/* or NULL */
	struct audit_rule_data *data;	/* as listed and compared */
	u32 len;			/* of @data with its buf */
	u32 field_count;
	struct nsaudit_rule_field fields[];
};

/* A namespace's rules: exit rules first, then exclude rules, in order. */
struct nsaudit_ruleset {
	struct rcu_head rcu;
	u32 count;
	u32 exit_count;
	u32 mask[AUDIT_BITMASK_SIZE];	/* every syscall an exit rule names */
	struct nsaudit_rule *rule[];
};

struct nsaudit_rule *nsaudit_rule_parse(const void *buf, u32 len,
					struct user_namespace *ns,
					bool *prepend,
					struct netlink_ext_ack *extack);
void nsaudit_rule_free(struct nsaudit_rule *r);
int nsaudit_rules_add(struct nsaudit_daemon *d, struct nsaudit_rule *r,
		      bool prepend, struct netlink_ext_ack *extack);
int nsaudit_rules_del(struct nsaudit_daemon *d, const struct nsaudit_rule *r,
		      struct netlink_ext_ack *extack);
void nsaudit_rules_clear(struct nsaudit_daemon *d);
int nsaudit_rule_put(struct sk_buff *skb, const struct nsaudit_ruleset *rs,
		     u32 i);
bool nsaudit_rule_compare(u32 left, enum nsaudit_rule_op op, u32 right);
bool nsaudit_rules_excluded(const struct nsaudit_daemon *d, u16 type);
unsigned int nsaudit_rules_generation_now(void);

/* sysexit.c: namespace rules evaluated at syscall exit. */
struct nsaudit_syscall {
	int nr;
	u32 arch;
	long ret;
	bool success;
	bool noreturn;		/* exit or exit_group: no success, no exit */
	unsigned long args[6];
};

int nsaudit_sysexit_init(void);
int nsaudit_sysentry_enter(struct kretprobe_instance *ri, struct pt_regs *regs);
int nsaudit_sysentry_return(struct kretprobe_instance *ri,
			    struct pt_regs *regs);
int nsaudit_sysexit_exiting(struct kprobe *kp, struct pt_regs *regs);
int nsaudit_sysexit_work(struct callback_head *work);	/* the thunk's body */
void nsaudit_sysexit_exit(void);
int nsaudit_sysexit_arm(const struct user_namespace *ns, bool on);

/*
 * route.c: copies of records to daemons, their queues and senders.
 * Whether @d takes records of current: not those of its own process.
 * Inlined: it runs in probe handlers too, where a call could be probed.
 */
static __always_inline bool nsaudit_route_takes(const struct nsaudit_daemon *d)
{
	return d && d->tgid != task_tgid(current);
}

/* Whether @d takes current's records that the host's audit produced. */
static __always_inline bool nsaudit_route_shares(const struct nsaudit_daemon *d)
{
	return nsaudit_route_takes(d) && READ_ONCE(d->shared);
}

int nsaudit_route_init(void);
void nsaudit_route_exit(void);
bool nsaudit_route_wanted(void);
void nsaudit_route_record(const struct sk_buff *rec, unsigned int rec_len,
			  u16 type, const struct nsaudit_nsid *id);
void nsaudit_route_work(struct work_struct *work);
void nsaudit_route_start(struct nsaudit_daemon *d);
void nsaudit_route_purge(struct nsaudit_daemon *d);
void nsaudit_route_counters(u64 *forwarded, u64 *lost);
void nsaudit_route_drop(struct nsaudit_daemon *d);
void nsaudit_route_syscall(struct nsaudit_daemon *d, const char *text,
			   size_t len, const struct nsaudit_nsid *id);

/* enrich.c: additions to records on the kernel's audit logging path. */
int nsaudit_enrich_init(void);
void nsaudit_enrich_exit(void);
int nsaudit_log_end_pre(struct kprobe *p, struct pt_regs *regs);
u64 nsaudit_enriched_count(void);
u64 nsaudit_unenriched_count(void);
struct srcu_struct *nsaudit_log_end_body(struct audit_buffer *ab);
void nsaudit_log_end(struct audit_buffer *ab);

/* thunk_x86_64.S: runs instead of audit_log_end() for a redirected task. */
void nsaudit_log_end_thunk(struct audit_buffer *ab, int srcu_idx);

/* contid.c: audit container IDs. */
#define NSAUDIT_CONTID_OP_TYPE_DEFAULT	1390
#define NSAUDIT_CONTID_OP_TYPE_MIN	1340
#define NSAUDIT_CONTID_OP_TYPE_MAX	1399
extern unsigned int nsaudit_contid_op_type;
int nsaudit_contid_init(void);
void nsaudit_contid_exit(void);
u64 nsaudit_contid_current(void);
u64 nsaudit_contid_task(const struct task_struct *t);
int nsaudit_contid_set(struct task_struct *task, u64 id, const char *name,
		       struct netlink_ext_ack *extack);
void nsaudit_contid_counts(u64 *ids, u64 *tasks, u64 *lost);
int nsaudit_cid_fork_pre(struct kprobe *p, struct pt_regs *regs);
struct srcu_struct *nsaudit_cid_fork_body(struct task_struct *child);
void nsaudit_cid_newtask(NSAUDIT_TP_NEWTASK_PARAMS(data, child, clone_flags));
void nsaudit_cid_exit(NSAUDIT_TP_EXIT_PARAMS(data, t));
void nsaudit_cid_free(void *data, struct task_struct *t);

/* thunk_x86_64.S: runs instead of cgroup_fork() for a redirected fork. */
void nsaudit_cid_fork_thunk(struct task_struct *child, int srcu_idx);

/* hooks.c: every kernel symbol the module attaches to or calls unexported. */
int nsaudit_hooks_resolve(void);
bool nsaudit_ptrace_may_access(struct task_struct *task, unsigned int mode);
bool nsaudit_auditd_task(struct task_struct *task);
char *nsaudit_d_absolute_path(const struct path *path, char *buf, int buflen);
int nsaudit_hooks_register(void);
void nsaudit_hooks_unregister(void);
int nsaudit_hooks_set_enrich(bool enrich);
int nsaudit_hooks_set_route(bool route);
int nsaudit_hooks_set_sysexit(void *probe, bool on);
int nsaudit_hooks_set_contid(bool on);
void nsaudit_cgroup_fork(struct task_struct *child);
struct sighand_struct *nsaudit_lock_task_sighand(struct task_struct *task,
						 unsigned long *flags);
u32 nsaudit_audit_serial(void);
bool nsaudit_hooks_enrich(void);
u64 nsaudit_hooks_missed(void);
bool nsaudit_hooks_firing(void);

/* config.c: settings, changed all or nothing, logged and announced. */
struct nsaudit_limits {
	u32 daemons;	/* NSAUDIT_LIMIT_A_DAEMONS */
	u32 queue;	/* NSAUDIT_LIMIT_A_QUEUE */
	u32 rules;	/* NSAUDIT_LIMIT_A_RULES */
	u32 backlog;	/* NSAUDIT_LIMIT_A_BACKLOG */
	u32 memory;	/* NSAUDIT_LIMIT_A_MEMORY, KiB */
	u32 contids;	/* NSAUDIT_LIMIT_A_CONTIDS */
	u32 user_daemons;	/* NSAUDIT_LIMIT_A_USER_DAEMONS */
	u32 user_memory;	/* NSAUDIT_LIMIT_A_USER_MEMORY, KiB */
	u32 daemon_memory;	/* NSAUDIT_LIMIT_A_DAEMON_MEMORY, KiB */
};

struct nsaudit_config {
	bool enrich;
	u8 share;			/* enum nsaudit_share */
	struct nsaudit_limits limits;
};

#define NSAUDIT_CONFIG_ENRICH	BIT(0)
#define NSAUDIT_CONFIG_DAEMONS	BIT(1)
#define NSAUDIT_CONFIG_QUEUE	BIT(2)
#define NSAUDIT_CONFIG_RULES	BIT(3)
#define NSAUDIT_CONFIG_BACKLOG	BIT(4)
#define NSAUDIT_CONFIG_MEMORY	BIT(5)
#define NSAUDIT_CONFIG_CONTIDS	BIT(6)
#define NSAUDIT_CONFIG_SHARE	BIT(7)
#define NSAUDIT_CONFIG_USER_DAEMONS	BIT(8)
#define NSAUDIT_CONFIG_USER_MEMORY	BIT(9)
#define NSAUDIT_CONFIG_DAEMON_MEMORY	BIT(10)
#define NSAUDIT_CONFIG_LIMITS	(NSAUDIT_CONFIG_DAEMONS | NSAUDIT_CONFIG_QUEUE | \
				 NSAUDIT_CONFIG_RULES | NSAUDIT_CONFIG_BACKLOG | \
				 NSAUDIT_CONFIG_MEMORY | NSAUDIT_CONFIG_CONTIDS | \
				 NSAUDIT_CONFIG_USER_DAEMONS | \
				 NSAUDIT_CONFIG_USER_MEMORY | \
				 NSAUDIT_CONFIG_DAEMON_MEMORY)

/* Every limit: its setting bit, attribute, name and place, in order. */
struct nsaudit_limit_info {
	unsigned int mask;	/* NSAUDIT_CONFIG_* */
	u16 attr;		/* NSAUDIT_LIMIT_A_* */
	const char *name;	/* in records, parameters and nsauditctl */
	size_t offset;		/* in struct nsaudit_limits */
};

#define NSAUDIT_LIMITS_COUNT	9
extern const struct nsaudit_limit_info nsaudit_limit_info[NSAUDIT_LIMITS_COUNT];

static inline u32 *nsaudit_limit_ptr(struct nsaudit_limits *l,
				     const struct nsaudit_limit_info *li)
{
	return (u32 *)((char *)l + li->offset);
}

static inline u32 nsaudit_limit_get(const struct nsaudit_limits *l,
				    const struct nsaudit_limit_info *li)
{
	return *(const u32 *)((const char *)l + li->offset);
}

#define nsaudit_for_each_limit(li)					\
	for ((li) = nsaudit_limit_info;					\
	     (li) < nsaudit_limit_info + NSAUDIT_LIMITS_COUNT; (li)++)

struct nsaudit_config_change {
	unsigned int mask;	/* NSAUDIT_CONFIG_*: the members of @cfg to set */
	struct nsaudit_config cfg;
};

void nsaudit_config_read(struct nsaudit_config *cfg);
int nsaudit_config_apply(const struct nsaudit_config_change *chg,
			 struct netlink_ext_ack *extack);
void nsaudit_config_set_announce(bool on);
bool nsaudit_audit_locked(void);
const char *nsaudit_share_name(u8 share);
bool nsaudit_config_frozen(void);
int nsaudit_unload_pre(struct kprobe *p, struct pt_regs *regs);

/*
 * quota.c: what each user and each daemon may hold. Pending syscall
 * slots (sysexit.c): the pool, the part kept for the host's tasks, and
 * the most one user's tasks and one namespace daemon may hold.
 */
#define NSAUDIT_PENDING_MAX	512
#define NSAUDIT_PENDING_HOST	128
#define NSAUDIT_PENDING_USER	64
#define NSAUDIT_PENDING_DAEMON	32
struct nsaudit_quota *nsaudit_quota_open(const struct user_namespace *ns,
					 const struct nsaudit_limits *limits,
					 struct netlink_ext_ack *extack);
void nsaudit_quota_close(struct nsaudit_quota *q);
void nsaudit_quota_put(struct nsaudit_quota *q);
bool nsaudit_quota_charge(struct nsaudit_quota *q, unsigned int size,
			  const struct nsaudit_limits *limits);
void nsaudit_quota_uncharge(struct nsaudit_quota *q, unsigned int size);
/* What a pending slot is charged to. */
struct nsaudit_pending_charge {
	struct nsaudit_quota *quota;	/* the daemon's, with a reference */
	atomic_t *user;			/* the task's user's, or NULL (host) */
};
void nsaudit_quota_init(void);
bool nsaudit_quota_pending_take(struct nsaudit_quota *q,
				const struct user_namespace *ns,
				struct nsaudit_pending_charge *c);
void nsaudit_quota_pending_give(struct nsaudit_pending_charge *c);

/* delegate.c: which daemons get the host's records. */
bool nsaudit_delegation_shares(const struct user_namespace *ns, u8 share);
u64 nsaudit_delegation_count(void);
bool nsaudit_delegation_current(void);
int nsaudit_delegate(struct user_namespace *ns, bool on, pid_t opid,
		     struct netlink_ext_ack *extack);
void nsaudit_delegate_exit(void);
void nsaudit_daemons_reshare(void);

/* genl.c: the generic netlink family. */
int nsaudit_genl_init(void);
void nsaudit_genl_exit(void);
void nsaudit_genl_notify_config(void);
void *nsaudit_genl_put(struct sk_buff *skb, u8 cmd);
void *nsaudit_genl_dump_put(struct sk_buff *skb, struct netlink_callback *cb,
			    u8 cmd);
int nsaudit_genl_reply_daemon(struct genl_info *info,
			      const struct nsaudit_daemon *d);

#endif /* _NSAUDIT_H */
