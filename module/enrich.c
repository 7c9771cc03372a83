// SPDX-License-Identifier: GPL-2.0
/*
 * Enrichment of host audit records with the nsID set of the task that
 * caused them.
 *
 * A kprobe on audit_log_end() decides, in probe context, whether a record is
 * the principal record of an event logged by a user task. If it is, the
 * probe does nothing but redirect the call to nsaudit_log_end(), which runs
 * in the caller's own context: it appends the fields with
 * audit_log_format() (allocating, if the record must grow, with the
 * record's own gfp mask, exactly as the caller's own fields did) and then
 * calls the real audit_log_end(). Nothing allocates or locks in probe
 * context, a long record grows instead of being cut, and the record is
 * queued by the kernel itself, in order, at the moment it would have been.
 *
 * Lifetime: a redirected task runs module text until nsaudit_log_end()
 * returns. nsaudit_enrich_exit() waits for every such task (see there).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/audit.h>
#include <linux/kprobes.h>
#include <linux/module.h>
#include <linux/netlink.h>
#include <linux/percpu.h>
#include <linux/preempt.h>
#include <linux/ptrace.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/skbuff.h>
#include <linux/srcu.h>
#include "nsaudit.h"

/*
 * struct audit_buffer is private to kernel/audit.c; in 6.1 (and since 4.15)
 * it begins with the record's skb, whose netlink header carries the record
 * type. Only that first member is read.
 */
struct nsaudit_audit_buffer_head {
	struct sk_buff *skb;
};

/* Covers each redirected task from nsaudit_log_end()'s start to its end. */
static struct srcu_struct nsaudit_srcu;

static DEFINE_PER_CPU(u64, nsaudit_enriched);

/*
 * Types the kernel only writes as auxiliary records of a syscall or io_uring
 * event, after its SYSCALL or URINGOP record (kernel/auditsc.c,
 * audit_log_exit(), show_special() and audit_log_uring()). Every other type
 * logged in a user task's context is an event of its own.
 */
static bool nsaudit_type_is_auxiliary(u16 type)
{
	switch (type) {
	case AUDIT_PATH:
	case AUDIT_IPC:
	case AUDIT_SOCKETCALL:
	case AUDIT_SOCKADDR:
	case AUDIT_CWD:
	case AUDIT_EXECVE:
	case AUDIT_IPC_SET_PERM:
	case AUDIT_MQ_OPEN:
	case AUDIT_MQ_SENDRECV:
	case AUDIT_MQ_NOTIFY:
	case AUDIT_MQ_GETSETATTR:
	case AUDIT_FD_PAIR:
	case AUDIT_OBJ_PID:
	case AUDIT_EOE:
	case AUDIT_BPRM_FCAPS:
	case AUDIT_CAPSET:
	case AUDIT_MMAP:
	case AUDIT_PROCTITLE:
	case AUDIT_KERN_MODULE:
	case AUDIT_TIME_INJOFFSET:
	case AUDIT_TIME_ADJNTPVAL:
	case AUDIT_OPENAT2:
		return true;
	default:
		return false;
	}
}

static bool nsaudit_record_is_principal(struct audit_buffer *ab)
{
	struct sk_buff *skb = ((struct nsaudit_audit_buffer_head *)ab)->skb;
	u16 type;

	if (unlikely(!skb || skb->len < NLMSG_HDRLEN))
		return false;
	type = nlmsg_hdr(skb)->nlmsg_type;
	/* Anything outside the audit record ranges is not ours to touch. */
	if (unlikely(type < AUDIT_FIRST_USER_MSG || type > AUDIT_LAST_USER_MSG2))
		return false;
	return !nsaudit_type_is_auxiliary(type);
}

/*
 * Runs instead of audit_log_end(), in its caller's context, with its
 * argument. notrace: it must not be an ftrace or kprobe site itself.
 */
static notrace void nsaudit_log_end(struct audit_buffer *ab)
{
	struct nsaudit_nsid id;
	int idx;

	idx = srcu_read_lock(&nsaudit_srcu);
	if (nsaudit_nsid_current(&id)) {
		nsaudit_nsid_log(ab, &id);
		this_cpu_inc(nsaudit_enriched);
	}
	/* The probe sees this call comes from module text and lets it pass. */
	audit_log_end(ab);
	srcu_read_unlock(&nsaudit_srcu, idx);
}

/**
 * nsaudit_log_end_pre() - kprobe pre-handler on audit_log_end()
 * @p: the kprobe
 * @regs: registers at the entry of audit_log_end()
 *
 * Context: probe context, preemption disabled; reads only.
 *
 * Return: 1 when execution was redirected to nsaudit_log_end(), else 0.
 */
int nsaudit_log_end_pre(struct kprobe *p, struct pt_regs *regs)
{
	struct audit_buffer *ab;

	if (!in_task() || (current->flags & PF_KTHREAD))
		return 0;
	/* Our own call from nsaudit_log_end() goes to the real function. */
	if (within_module(regs_get_kernel_stack_nth(regs, 0), THIS_MODULE))
		return 0;
	ab = (struct audit_buffer *)regs_get_kernel_argument(regs, 0);
	if (!ab || !nsaudit_record_is_principal(ab))
		return 0;
	instruction_pointer_set(regs, (unsigned long)nsaudit_log_end);
	return 1;
}
NOKPROBE_SYMBOL(nsaudit_log_end_pre);

/**
 * nsaudit_enriched_count() - records enriched since load
 *
 * Return: the sum over all CPUs.
 */
u64 nsaudit_enriched_count(void)
{
	u64 sum = 0;
	int cpu;

	for_each_possible_cpu(cpu)
		sum += per_cpu(nsaudit_enriched, cpu);
	return sum;
}

int nsaudit_enrich_init(void)
{
	return init_srcu_struct(&nsaudit_srcu);
}

/**
 * nsaudit_enrich_exit() - wait until no task runs nsaudit_log_end()
 *
 * Called after the probe is unregistered, so no task is newly redirected.
 * A redirected task first runs a few instructions of module text before it
 * enters the SRCU section, and a few more after it leaves it. It cannot
 * sleep voluntarily there, so an RCU-tasks grace period, which ends only
 * when every task has done so, covers both windows; SRCU covers the part
 * between, where audit_log_format() may sleep.
 *
 * Context: process; sleeps.
 */
void nsaudit_enrich_exit(void)
{
	synchronize_rcu_tasks();
	synchronize_srcu(&nsaudit_srcu);
	synchronize_rcu_tasks();
	cleanup_srcu_struct(&nsaudit_srcu);
}
