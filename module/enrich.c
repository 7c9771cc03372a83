// SPDX-License-Identifier: GPL-2.0
/*
 * Enrichment of host audit records with the nsID set of the task that
 * caused them, and the tap that copies records to per-namespace daemons.
 *
 * A kprobe on audit_log_end() decides, in probe context, whether a record
 * logged by a user task needs the module: a principal record while
 * enrichment is on, any record of a task that a daemon takes (route.c).
 * While no daemon takes records, the probe appends a principal record's
 * set itself when the record has the room (it nearly always has): a copy
 * of this CPU's text of the set (nsid.c), nothing else. Otherwise it only
 * redirects the call to nsaudit_log_end_thunk(), so that
 * nsaudit_log_end_body() runs in the caller's own context: it appends the
 * fields (growing the record if it must), calls the real audit_log_end(),
 * and then hands copies to the daemons if the kernel took the record.
 * Nothing allocates or locks in probe context, and the record is queued by
 * the kernel itself, in order, at the moment it would have been.
 *
 * The module is never why a record is lost: the fields go in only if the
 * record then stays within what auditd writes whole (NSAUDIT_RECORD_MAX)
 * and the room for them can be had without sleeping; the kernel's own
 * audit_expand() is never reached, whose failure counts a lost record (and
 * with "auditctl -f 2" panics). A record left without its set is counted
 * (unenriched), never cut. Daemons get copies only of records that
 * audit_log_end() queued, not of those its rate limit refused.
 *
 * The module's own calls of audit_log_end() (from nsaudit_log_end_body()
 * and nsaudit_log_end()) must pass the probe. They are told by a mark on
 * the record, not by the stack: a kretprobe, fprobe or function_graph
 * tracer on audit_log_end() rewrites the return address that a stack check
 * would read, and each redirected call would be redirected again. The mark
 * is the record's nlmsg_len, set to NSAUDIT_OWN_END, a length no netlink
 * message can have: from audit_log_start() to audit_log_end() the kernel
 * leaves it at NLMSG_HDRLEN, and audit_log_end() overwrites it before the
 * record is queued (or frees the record), whether or not the probe fired.
 *
 * Lifetime: the probe enters an SRCU read-side section on nsaudit_srcu for
 * each task it redirects, and the thunk leaves it with a tail jump into the
 * kernel (thunk_x86_64.S). Every module instruction a redirected task runs
 * lies inside that section, so nsaudit_enrich_exit() needs only
 * synchronize_srcu() once the probe is gone.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/audit.h>
#include <linux/kprobes.h>
#include <linux/module.h>
#include <linux/netlink.h>
#include <linux/percpu.h>
#include <linux/preempt.h>
#include <linux/ptrace.h>
#include <linux/sched.h>
#include <linux/skbuff.h>
#include <linux/srcu.h>
#include "nsaudit.h"

/* The thunk tail-jumps into an out-of-line __srcu_read_unlock(). */
#if !defined(CONFIG_X86_64) || !defined(CONFIG_TREE_SRCU)
#error "nsaudit needs x86_64 and Tree SRCU (CONFIG_SMP)"
#endif

/*
 * struct audit_buffer is private to kernel/audit.c; in 6.1 (and since 4.15)
 * it begins with the record's skb, whose netlink header carries the record
 * type. Only that first member is read.
 */
struct nsaudit_audit_buffer_head {
	struct sk_buff *skb;
};

/* Held by each redirected task from the probe to the thunk's last jump. */
static struct srcu_struct nsaudit_srcu;

static DEFINE_PER_CPU(u64, nsaudit_enriched);
static DEFINE_PER_CPU(u64, nsaudit_unenriched);

/*
 * The longest record text that auditd writes whole, whatever the record's
 * type and the node name: auditd (3.0.9 to 4.x, auditd-event.c) formats
 * "[node=HOST ]type=NAME msg=TEXT" into MAX_AUDIT_MESSAGE_LENGTH (8970) -
 * 32 bytes with its NUL, then cuts the line (interpretations included) at
 * 8969. With a host name of 64 and a type name of 24 (the longest libaudit
 * knows has 21), TEXT may have 8969 - 16 - 64 - 24 bytes.
 */
#define NSAUDIT_RECORD_MAX	8865

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

static struct sk_buff *nsaudit_record_skb(struct audit_buffer *ab)
{
	return ((struct nsaudit_audit_buffer_head *)ab)->skb;
}

/* Below NLMSG_HDRLEN: never the length of a record the kernel made. */
#define NSAUDIT_OWN_END	1

/*
 * Marks @ab's record as done with: every pass through the probe from now
 * on leaves it alone. audit_log_end() overwrites the mark.
 */
static __always_inline void nsaudit_record_mark(struct audit_buffer *ab)
{
	struct sk_buff *skb = nsaudit_record_skb(ab);

	if (skb && skb->len >= NLMSG_HDRLEN)
		nlmsg_hdr(skb)->nlmsg_len = NSAUDIT_OWN_END;
}

/* Ends @ab past the probe: the module's own call of audit_log_end(). */
static __always_inline void nsaudit_log_end_own(struct audit_buffer *ab)
{
	nsaudit_record_mark(ab);
	audit_log_end(ab);
}

/*
 * The record's type, or 0 if it is none of the module's business (the
 * module's own call of audit_log_end() included).
 */
static u16 nsaudit_record_type(struct audit_buffer *ab)
{
	struct sk_buff *skb = nsaudit_record_skb(ab);
	struct nlmsghdr *nlh;
	u16 type;

	if (unlikely(!skb || skb->len < NLMSG_HDRLEN))
		return 0;
	nlh = nlmsg_hdr(skb);
	if (nlh->nlmsg_len == NSAUDIT_OWN_END)
		return 0;
	type = nlh->nlmsg_type;
	/* Anything outside the audit message range is not ours to touch. */
	if (unlikely(type < AUDIT_GET || type > AUDIT_LAST_USER_MSG2))
		return 0;
	return type;
}

enum nsaudit_append {
	NSAUDIT_APPENDED,
	NSAUDIT_TOO_LONG,	/* past NSAUDIT_RECORD_MAX: never added */
	NSAUDIT_NO_ROOM,	/* the skb must grow first */
};

/*
 * Appends @id's text to the record in @skb if the record then stays within
 * NSAUDIT_RECORD_MAX and the skb has the room: what audit_log_format(ab,
 * "%s", text) would do without audit_expand() (whose failure counts a lost
 * record), and without formatting the text again. Allocates nothing and
 * takes no lock: the probe calls it too.
 */
static enum nsaudit_append nsaudit_nsid_try_append(struct sk_buff *skb,
						   const struct nsaudit_nsid *id)
{
	enum nsaudit_append r = NSAUDIT_APPENDED;
	const char *text;
	int len;

	text = nsaudit_nsid_text_get(id, &len);
	if (skb->len - NLMSG_HDRLEN + len > NSAUDIT_RECORD_MAX)
		r = NSAUDIT_TOO_LONG;
	else if (skb_tailroom(skb) <= len)	/* and the NUL after it */
		r = NSAUDIT_NO_ROOM;
	else
		memcpy(__skb_put(skb, len), text, len + 1);
	nsaudit_nsid_text_put();
	return r;
}
NOKPROBE_SYMBOL(nsaudit_nsid_try_append);

/*
 * As nsaudit_nsid_try_append(), making the room if it can be had without
 * sleeping. The caller's gfp mask is private to kernel/audit.c, so
 * GFP_NOWAIT, which is right in every context the caller's could be; never
 * in probe context, where PREEMPT_RT's allocator must not be entered.
 * Returns whether the set went in.
 */
static bool nsaudit_nsid_append(struct audit_buffer *ab,
				const struct nsaudit_nsid *id)
{
	struct sk_buff *skb = nsaudit_record_skb(ab);
	enum nsaudit_append r = nsaudit_nsid_try_append(skb, id);

	/* The record is the caller's alone: unshared, not cloned yet. */
	if (r == NSAUDIT_NO_ROOM &&
	    !pskb_expand_head(skb, 0, NSAUDIT_NSID_TEXT_MAX,
			      GFP_NOWAIT | __GFP_NOWARN))
		r = nsaudit_nsid_try_append(skb, id);
	return r == NSAUDIT_APPENDED;
}

/*
 * Enrichment alone, done by the probe itself where it needs no allocation
 * (the usual case: the kernel starts a record with AUDIT_BUFSIZ of room).
 * The record then ends as its caller ended it: no redirect, no SRCU
 * section. It is marked done with, as the module's own calls are: where a
 * compiler made an out-of-line copy of audit_log_end() that the function
 * itself calls (7.x's audit_log_end.part.0), the record passes the probe
 * on the copy too. Returns false if the room must be made first, in the
 * caller's own context (nsaudit_record_end()).
 */
static bool nsaudit_record_enrich_here(struct audit_buffer *ab)
{
	struct nsaudit_nsid id;

	if (nsaudit_nsid_current(&id)) {
		switch (nsaudit_nsid_try_append(nsaudit_record_skb(ab), &id)) {
		case NSAUDIT_APPENDED:
			this_cpu_inc(nsaudit_enriched);
			break;
		case NSAUDIT_TOO_LONG:
			this_cpu_inc(nsaudit_unenriched);
			break;
		default:
			return false;
		}
	}
	/* (Or exiting: no set to add.) */
	nsaudit_record_mark(ab);
	return true;
}
NOKPROBE_SYMBOL(nsaudit_record_enrich_here);

/*
 * The host record's nsID set if @enrich, the end of the record, then
 * copies for the daemons that take current's records if the kernel queued
 * it. The copies are made from the record as it was before the set (a copy
 * gets its own set whether or not host records do), read through a
 * reference of the module's own: the kernel may be sending the record by
 * then, which only reads it.
 */
static __always_inline void nsaudit_record_end(struct audit_buffer *ab,
					       bool enrich)
{
	u16 type = nsaudit_record_type(ab);
	struct nsaudit_nsid id;
	bool principal, route, have_id = false;
	struct sk_buff *skb;
	unsigned int len;

	if (!type) {
		nsaudit_log_end_own(ab);
		return;
	}
	principal = !nsaudit_type_is_auxiliary(type);
	route = nsaudit_route_wanted();
	if (principal && (enrich || route))
		have_id = nsaudit_nsid_current(&id);
	len = nsaudit_record_skb(ab)->len;
	if (principal && enrich && have_id) {
		if (nsaudit_nsid_append(ab, &id))
			this_cpu_inc(nsaudit_enriched);
		else
			this_cpu_inc(nsaudit_unenriched);
	}
	if (!route) {
		nsaudit_log_end_own(ab);
		return;
	}
	/* After the append: pskb_expand_head() wants the skb unshared. */
	skb = skb_get(nsaudit_record_skb(ab));
	nsaudit_log_end_own(ab);
	/* Queued records get their length; a refused one keeps the mark. */
	if (nlmsg_hdr(skb)->nlmsg_len != NSAUDIT_OWN_END)
		nsaudit_route_record(skb, len, type, have_id ? &id : NULL);
	consume_skb(skb);
}

/**
 * nsaudit_log_end_body() - enrich a record, then end it as the caller would
 * @ab: the record, owned by the caller of audit_log_end()
 *
 * Called by nsaudit_log_end_thunk() only. notrace: no ftrace or kprobe site
 * of its own.
 *
 * Context: that of audit_log_end()'s caller, inside the probe's SRCU
 * read-side section.
 *
 * Return: the srcu_struct the thunk must leave.
 */
notrace struct srcu_struct *nsaudit_log_end_body(struct audit_buffer *ab)
{
	nsaudit_record_end(ab, nsaudit_hooks_enrich());
	return &nsaudit_srcu;
}

/**
 * nsaudit_log_end() - end a principal record the module itself logs
 * @ab: the record
 *
 * The probe lets the module's own calls pass untouched, so the module's
 * own records get their nsID set and go to daemons here, on the
 * same terms as every other record: a user task in task context, and
 * enrichment on for the host record's nsID set.
 *
 * Context: that of the record's owner.
 */
void nsaudit_log_end(struct audit_buffer *ab)
{
	if (!ab)
		return;
	if (in_task() && !(current->flags & PF_KTHREAD))
		nsaudit_record_end(ab, nsaudit_hooks_enrich());
	else
		nsaudit_log_end_own(ab);
}

/**
 * nsaudit_log_end_pre() - kprobe pre-handler on audit_log_end()
 * @p: the kprobe
 * @regs: registers at the entry of audit_log_end()
 *
 * Context: probe context, preemption disabled; allocates nothing and takes
 * no lock. __srcu_read_lock() is used bare because the section ends in the
 * thunk, where lockdep's srcu_read_unlock() annotation cannot follow.
 *
 * Return: 1 when execution was redirected to the thunk, else 0 (the record
 * is not the module's business, or the probe enriched it already).
 */
int nsaudit_log_end_pre(struct kprobe *p, struct pt_regs *regs)
{
	struct audit_buffer *ab;
	bool enrich;
	u16 type;

	if (!in_task() || (current->flags & PF_KTHREAD))
		return 0;
	ab = (struct audit_buffer *)regs_get_kernel_argument(regs, 0);
	type = ab ? nsaudit_record_type(ab) : 0;
	if (!type)
		return 0;
	enrich = nsaudit_hooks_enrich() && !nsaudit_type_is_auxiliary(type);
	if (!nsaudit_route_wanted()) {
		if (!enrich || nsaudit_record_enrich_here(ab))
			return 0;
	}
	regs->si = __srcu_read_lock(&nsaudit_srcu);
	instruction_pointer_set(regs, (unsigned long)nsaudit_log_end_thunk);
	return 1;
}
NOKPROBE_SYMBOL(nsaudit_log_end_pre);

static u64 nsaudit_percpu_sum(u64 __percpu *counter)
{
	u64 sum = 0;
	int cpu;

	for_each_possible_cpu(cpu)
		sum += *per_cpu_ptr(counter, cpu);
	return sum;
}

/**
 * nsaudit_enriched_count() - records enriched since load
 *
 * Return: the sum over all CPUs.
 */
u64 nsaudit_enriched_count(void)
{
	return nsaudit_percpu_sum(&nsaudit_enriched);
}

/**
 * nsaudit_unenriched_count() - principal records left without their set
 *
 * Since load: the set would have taken the record past NSAUDIT_RECORD_MAX,
 * or there was no memory for it without sleeping.
 *
 * Return: the sum over all CPUs.
 */
u64 nsaudit_unenriched_count(void)
{
	return nsaudit_percpu_sum(&nsaudit_unenriched);
}

int nsaudit_enrich_init(void)
{
	return init_srcu_struct(&nsaudit_srcu);
}

/**
 * nsaudit_enrich_exit() - wait until no task runs enrichment code
 *
 * Called once the probe is unregistered: unregister_kprobe() returns only
 * after every running probe handler has finished, so every redirected task
 * is inside an SRCU read-side section by then, and synchronize_srcu() waits
 * until each has jumped out of module text for good.
 *
 * Context: process; sleeps.
 */
void nsaudit_enrich_exit(void)
{
	synchronize_srcu(&nsaudit_srcu);
	cleanup_srcu_struct(&nsaudit_srcu);
}
