/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One spelling for kernel APIs that differ between the kernels nsaudit
 * supports (Debian's 6.1, 6.12 and 7.x). Which form a kernel has is
 * decided by compile probes (the programs in compat/, run by Kbuild into
 * compat-probed.h), not by version numbers: distributions backport.
 * Differences a compiler cannot see (unexported symbols, functions the
 * compiler split) are resolved at load, in hooks.c.
 */
#ifndef NSAUDIT_COMPAT_H
#define NSAUDIT_COMPAT_H

#include <linux/fs.h>
#include <linux/ns_common.h>
#include <linux/rcupdate.h>
#include <linux/workqueue.h>
#include <net/genetlink.h>
#include "compat-probed.h"

/* The op type a family's pre_doit gets: struct NSAUDIT_GENL_PRE_OPS. */
#ifdef NSAUDIT_HAVE_GENL_SPLIT_OPS
#define NSAUDIT_GENL_PRE_OPS	genl_split_ops
#else
#define NSAUDIT_GENL_PRE_OPS	genl_ops
#endif

/*
 * genlmsg_multicast_allns() lost its gfp_t (it ignored it). Context:
 * process, as the module's one caller.
 */
#ifdef NSAUDIT_HAVE_GENLMSG_MULTICAST_ALLNS_GFP
#define nsaudit_genlmsg_multicast_allns(family, skb, portid, group) \
	genlmsg_multicast_allns(family, skb, portid, group, GFP_KERNEL)
#else
#define nsaudit_genlmsg_multicast_allns(family, skb, portid, group) \
	genlmsg_multicast_allns(family, skb, portid, group)
#endif

/*
 * A reference to the file *@f points to, or NULL if there is none or it is
 * being freed. Context: inside rcu_read_lock().
 */
static inline struct file *nsaudit_get_file_rcu(struct file __rcu **f)
{
#ifdef NSAUDIT_HAVE_GET_FILE_RCU_PTR
	return get_file_rcu(f);
#else
	struct file *file = rcu_dereference(*f);

	return file && get_file_rcu(file) ? file : NULL;
#endif
}

/* References to a namespace. */
#ifdef NSAUDIT_HAVE_NS_REF_READ
#define nsaudit_ns_refs(ns)	__ns_ref_read(ns)
#else
#define nsaudit_ns_refs(ns)	refcount_read(&(ns)->count)
#endif

/* Flags of a workqueue whose work runs on the CPU that queued it. */
#ifdef NSAUDIT_HAVE_WQ_PERCPU
#define NSAUDIT_WQ_PERCPU	WQ_PERCPU
#else
#define NSAUDIT_WQ_PERCPU	0
#endif

/* Whether the 32-bit word is an ENDBR instruction. */
#ifdef CONFIG_X86_KERNEL_IBT
#include <asm/ibt.h>
#ifdef NSAUDIT_HAVE_IS_ENDBR_INLINE_U32
#define nsaudit_is_endbr(insn)	__is_endbr(insn)
#else
#define nsaudit_is_endbr(insn)	is_endbr(insn)
#endif
#endif

/*
 * The parameters of the module's probes on tracepoints whose prototype
 * changed: a probe takes exactly the tracepoint's arguments.
 */
#ifdef NSAUDIT_HAVE_SCHED_PROCESS_EXIT_GROUP_DEAD
#define NSAUDIT_TP_EXIT_PARAMS(data, t) \
	void *data, struct task_struct *t, bool group_dead
#else
#define NSAUDIT_TP_EXIT_PARAMS(data, t) void *data, struct task_struct *t
#endif
#ifdef NSAUDIT_HAVE_TASK_NEWTASK_U64
#define NSAUDIT_TP_NEWTASK_PARAMS(data, child, flags) \
	void *data, struct task_struct *child, u64 flags
#else
#define NSAUDIT_TP_NEWTASK_PARAMS(data, child, flags) \
	void *data, struct task_struct *child, unsigned long flags
#endif

#endif /* NSAUDIT_COMPAT_H */
