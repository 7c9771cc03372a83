/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nsaudit: internal interfaces between the parts of the module.
 */
#ifndef _NSAUDIT_H
#define _NSAUDIT_H

#include <linux/types.h>
#include <linux/kprobes.h>
#include <uapi/linux/nsaudit.h>

struct audit_buffer;
struct netlink_ext_ack;
struct srcu_struct;
struct task_struct;

/* nsid.c: the nsID set of a task. */
struct nsaudit_nsid {
	u32 inum[NSAUDIT_NS_COUNT];
};

int nsaudit_nsid_init(void);
bool nsaudit_nsid_current(struct nsaudit_nsid *id);
bool nsaudit_nsid_task(struct task_struct *task, struct nsaudit_nsid *id);
dev_t nsaudit_nsid_dev(void);
void nsaudit_nsid_log(struct audit_buffer *ab, const struct nsaudit_nsid *id);

/* enrich.c: additions to records on the kernel's audit logging path. */
int nsaudit_enrich_init(void);
void nsaudit_enrich_exit(void);
int nsaudit_log_end_pre(struct kprobe *p, struct pt_regs *regs);
u64 nsaudit_enriched_count(void);
struct srcu_struct *nsaudit_log_end_body(struct audit_buffer *ab);
void nsaudit_log_end(struct audit_buffer *ab);

/* thunk_x86_64.S: runs instead of audit_log_end() for a redirected task. */
void nsaudit_log_end_thunk(struct audit_buffer *ab, int srcu_idx);

/* hooks.c: every kernel symbol the module attaches to or calls unexported. */
int nsaudit_hooks_resolve(void);
bool nsaudit_ptrace_may_access(struct task_struct *task, unsigned int mode);
int nsaudit_hooks_register(void);
void nsaudit_hooks_unregister(void);
int nsaudit_hooks_set_enrich(bool enrich);
bool nsaudit_hooks_enrich(void);
u64 nsaudit_hooks_missed(void);

/* config.c: settings, changed all or nothing, logged and announced. */
struct nsaudit_limits {
	u32 daemons;	/* NSAUDIT_LIMIT_A_DAEMONS */
	u32 queue;	/* NSAUDIT_LIMIT_A_QUEUE */
	u32 rules;	/* NSAUDIT_LIMIT_A_RULES */
};

struct nsaudit_config {
	bool enrich;
	struct nsaudit_limits limits;
};

#define NSAUDIT_CONFIG_ENRICH	BIT(0)
#define NSAUDIT_CONFIG_DAEMONS	BIT(1)
#define NSAUDIT_CONFIG_QUEUE	BIT(2)
#define NSAUDIT_CONFIG_RULES	BIT(3)

struct nsaudit_config_change {
	unsigned int mask;	/* NSAUDIT_CONFIG_*: the members of @cfg to set */
	struct nsaudit_config cfg;
};

void nsaudit_config_read(struct nsaudit_config *cfg);
int nsaudit_config_apply(const struct nsaudit_config_change *chg,
			 struct netlink_ext_ack *extack);
void nsaudit_config_set_announce(bool on);

/* genl.c: the generic netlink family. */
int nsaudit_genl_init(void);
void nsaudit_genl_exit(void);
void nsaudit_genl_notify_config(void);

#endif /* _NSAUDIT_H */
