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
struct srcu_struct;

/* nsid.c: the nsID set of a task. */
struct nsaudit_nsid {
	u32 inum[NSAUDIT_NS_COUNT];
};

int nsaudit_nsid_init(void);
bool nsaudit_nsid_current(struct nsaudit_nsid *id);
void nsaudit_nsid_log(struct audit_buffer *ab, const struct nsaudit_nsid *id);

/* enrich.c: additions to records on the kernel's audit logging path. */
int nsaudit_enrich_init(void);
void nsaudit_enrich_exit(void);
int nsaudit_log_end_pre(struct kprobe *p, struct pt_regs *regs);
u64 nsaudit_enriched_count(void);
struct srcu_struct *nsaudit_log_end_body(struct audit_buffer *ab);

/* thunk_x86_64.S: runs instead of audit_log_end() for a redirected task. */
void nsaudit_log_end_thunk(struct audit_buffer *ab, int srcu_idx);

/* hooks.c: every kernel symbol the module attaches to. */
int nsaudit_hooks_register(bool enrich);
void nsaudit_hooks_unregister(void);
int nsaudit_hooks_set_enrich(bool enrich);

#endif /* _NSAUDIT_H */
