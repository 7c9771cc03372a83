// SPDX-License-Identifier: GPL-2.0
/*
 * Namespace rules at syscall exit: SYSCALL records for namespace daemons.
 *
 * Two halves, because the place where a syscall ends is not a place where
 * a record can be built:
 *
 * 1. A probe on the sys_exit tracepoint, registered only while some
 *    namespace has an exit rule (so that nothing runs per syscall
 *    otherwise: registering the tracepoint is what sets the syscall work
 *    flag of every task). Up to 6.12 the tracepoint runs it with
 *    preemption disabled; from 7.x the syscall tracepoints are faultable
 *    and run it preemptible, under tasks-trace RCU, which
 *    tracepoint_synchronize_unregister() waits for. The probe is written
 *    for both: it allocates nothing, sleeps nowhere, takes no lock, uses
 *    no per-CPU state, and takes rcu_read_lock() itself for its look-ups
 *    (its chain of user namespaces is pinned by the task's own
 *    credentials). A task whose user namespace and ancestors have no
 *    exit rule costs one load and test per level (nsaudit_ruled below);
 *    one that has some, one RCU hash look-up per level to find a daemon
 *    whose rules name this syscall number. Then the probe takes a
 *    preallocated slot, notes the syscall (number, arch, return value,
 *    arguments, read from the registers now) and queues it as task work
 *    on the task itself.
 *
 * 2. The task work runs in the task's own context before it returns to
 *    user space, where the kernel's own audit builds its records: it may
 *    sleep and allocate. It evaluates the rules of every namespace on the
 *    task's chain that has a daemon, each in that daemon's view (the first
 *    matching rule decides), and for each "always" match builds one record
 *    in the kernel's SYSCALL format, which route.c translates and queues
 *    for that daemon only.
 *
 * Lifetime: the task work's code is module text. The probe enters an SRCU
 * read-side section for each queued slot, and the work leaves it through
 * a thunk that tail-jumps into __srcu_read_unlock() (as for audit_log_end,
 * see thunk_x86_64.S): module exit unregisters the tracepoint and waits
 * with synchronize_srcu() for every queued work. A slot is owned by the
 * task it was queued on from the probe until the work has copied it.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/audit.h>
#include <linux/bitmap.h>
#include <linux/cred.h>
#include <linux/dcache.h>
#include <linux/err.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/hash.h>
#include <linux/kprobes.h>
#include <linux/mm.h>
#include <linux/personality.h>
#include <linux/pid_namespace.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/srcu.h>
#include <linux/task_work.h>
#include <linux/timekeeping.h>
#include <linux/tracepoint.h>
#include <linux/tty.h>
#include <linux/uidgid.h>
#include <linux/user_namespace.h>
#include <asm/syscall.h>
#include <asm/unistd.h>
#include <trace/events/syscalls.h>
#ifdef CONFIG_IA32_EMULATION
#include <asm/unistd_32_ia32.h>
#endif
#include "nsaudit.h"

/*
 * What an exit or exit_group call's work cannot find any more when it
 * runs, in do_exit()'s exit_task_work(): the mm, the namespaces and the
 * container ID are gone by then, and a session leader's tty. Taken by the
 * probe at the call's entry; the work owns the file reference.
 */
struct nsaudit_exiting {
	struct file *exe;		/* a reference, or NULL */
	struct nsaudit_nsid id;
	char tty[64];			/* "" on PREEMPT_RT: see the probe */
};

/*
 * Syscalls between their exit probe and their work, over all tasks: a
 * task has at most one, so NSAUDIT_PENDING_MAX bounds the tasks preempted
 * in that window at once (a ptrace stop runs the work first). Each slot is
 * charged to the user of the task holding it and to the daemon it is for
 * (quota.c), so that one user's many runnable tasks leave slots to the
 * other users and to the host's tasks. Without a slot, the syscall is
 * counted as lost for every daemon whose rules name it.
 */
struct nsaudit_pending {
	struct callback_head work;
	int srcu_idx;
	bool entry;		/* held by a kretprobe instance: no work yet */
	struct nsaudit_pending_charge charge;
	struct nsaudit_syscall sc;
	struct nsaudit_exiting exiting;	/* sc.noreturn only */
};

static struct nsaudit_pending *nsaudit_pending;
static unsigned long *nsaudit_pending_used;

/* Read by the thunk: the section each queued work leaves. */
struct srcu_struct nsaudit_sysexit_srcu;

/* A slot for @d (under RCU) held by current, charged, or NULL. */
static __always_inline struct nsaudit_pending *
nsaudit_pending_get(struct nsaudit_daemon *d)
{
	struct nsaudit_pending_charge c;
	unsigned int i;

	if (!nsaudit_quota_pending_take(d->quota, current_user_ns(), &c))
		return NULL;
	do {
		i = find_first_zero_bit(nsaudit_pending_used,
					NSAUDIT_PENDING_MAX);
		if (i >= NSAUDIT_PENDING_MAX) {
			nsaudit_quota_pending_give(&c);
			return NULL;
		}
	} while (test_and_set_bit_lock(i, nsaudit_pending_used));
	nsaudit_pending[i].charge = c;
	return &nsaudit_pending[i];
}

static __always_inline void nsaudit_pending_put(struct nsaudit_pending *p)
{
	struct nsaudit_pending_charge c = p->charge;

	clear_bit_unlock(p - nsaudit_pending, nsaudit_pending_used);
	nsaudit_quota_pending_give(&c);
}

/*
 * Namespaces with exit rules, counted in buckets by a hash of their user
 * namespace, and a flag for the initial one: the probe's cheap check,
 * one load per level of a task's chain (one for a host task), before any
 * look-up. Written under nsaudit_daemons_lock before a namespace's first
 * exit rule is published and after its last one is gone; read without a
 * lock (a probe that reads a stale zero misses only a rule added at that
 * very moment).
 */
#define NSAUDIT_RULED_BITS	8
static unsigned int nsaudit_ruled[1 << NSAUDIT_RULED_BITS];

static bool nsaudit_ruled_host;	/* the same for the initial namespace */

static __always_inline unsigned int *
nsaudit_ruled_bucket(const struct user_namespace *ns)
{
	return &nsaudit_ruled[hash_ptr(ns, NSAUDIT_RULED_BITS)];
}

static __always_inline bool nsaudit_in_mask(const u32 *mask, int nr)
{
	return nr >= 0 && nr < AUDIT_BITMASK_SIZE * 32 &&
	       (mask[nr / 32] & BIT(nr % 32));
}

/* Whether @ns has a daemon taking records whose exit rules name @nr. */
static __always_inline struct nsaudit_daemon *
nsaudit_sysexit_names(const struct user_namespace *ns, int nr)
{
	const struct nsaudit_ruleset *rs;
	struct nsaudit_daemon *d;

	if (!READ_ONCE(*nsaudit_ruled_bucket(ns)))
		return NULL;
	d = nsaudit_daemon_find(ns);
	if (!nsaudit_route_takes(d))
		return NULL;
	rs = rcu_dereference(d->rules);
	if (rs && rs->exit_count && nsaudit_in_mask(rs->mask, nr))
		return d;
	return NULL;
}

/*
 * The daemon nearest to current on its user namespace chain, from @ns up,
 * whose exit rules name syscall @nr, or NULL; its namespace in @at. Under
 * RCU; inlined for the probe.
 */
static __always_inline struct nsaudit_daemon *
nsaudit_sysexit_wanted(const struct user_namespace *ns, int nr,
		       const struct user_namespace **at)
{
	struct nsaudit_daemon *d;

	for (; ns; ns = ns->parent) {
		d = nsaudit_sysexit_names(ns, nr);
		if (d) {
			*at = ns;
			return d;
		}
	}
	return NULL;
}

/*
 * No slot: every daemon from @ns up whose rules name @nr lost the
 * syscall, not only the nearest (the others' rules would have been
 * evaluated too). Under RCU.
 */
static noinline void nsaudit_sysexit_lost(const struct user_namespace *ns,
					  int nr)
{
	struct nsaudit_daemon *d;

	for (; ns; ns = ns->parent) {
		d = nsaudit_sysexit_names(ns, nr);
		if (d)
			nsaudit_route_drop(d);
	}
}

/*
 * A new task leaves ret_from_fork through the syscall exit path, so the
 * tracepoint sees its parent's fork-family syscall returning 0, though the
 * child made no syscall: the kernel's audit logs the parent's call alone.
 * Only the child gets 0 from these calls.
 */
static __always_inline bool nsaudit_fork_child(struct pt_regs *regs, int nr)
{
	if (regs_return_value(regs))
		return false;
#ifdef CONFIG_IA32_EMULATION
	if (syscall_get_arch(current) == AUDIT_ARCH_I386)
		return nr == __NR_ia32_fork || nr == __NR_ia32_clone ||
		       nr == __NR_ia32_vfork || nr == __NR_ia32_clone3;
#endif
	return nr == __NR_fork || nr == __NR_clone || nr == __NR_vfork ||
	       nr == __NR_clone3;
}

void nsaudit_sysexit_thunk(struct callback_head *work);

/*
 * A slot for syscall @nr of current, for the nearest daemon from @ns up
 * whose rules name it, charged; or NULL: none names it, or the syscall is
 * lost for every daemon that does. Under RCU.
 */
static __always_inline struct nsaudit_pending *
nsaudit_sysexit_slot(const struct user_namespace *ns, int nr)
{
	struct nsaudit_daemon *d;
	struct nsaudit_pending *p;

	d = nsaudit_sysexit_wanted(ns, nr, &ns);
	if (!d)
		return NULL;
	p = nsaudit_pending_get(d);
	if (!p)
		nsaudit_sysexit_lost(ns, nr);
	return p;
}

/*
 * Queue @p's syscall, complete now, as task work on current; false if the
 * task runs no more works (the slot is free again then).
 */
static __always_inline bool nsaudit_sysexit_queue(struct nsaudit_pending *p)
{
	p->entry = false;
	p->srcu_idx = __srcu_read_lock(&nsaudit_sysexit_srcu);
	init_task_work(&p->work, nsaudit_sysexit_thunk);
	if (task_work_add(current, &p->work, TWA_RESUME)) {
		__srcu_read_unlock(&nsaudit_sysexit_srcu, p->srcu_idx);
		nsaudit_pending_put(p);
		return false;
	}
	return true;
}

/*
 * Syscalls whose registers at exit are no longer those of their entry
 * (a successful execve() starts the new program's; a sigreturn restores
 * the interrupted ones, orig_ax -1 included): the kretprobes on their
 * wrappers take them at entry, as the kernel's audit does, and the exit
 * probe leaves them alone.
 */
static __always_inline bool nsaudit_taken_at_entry(int nr)
{
#ifdef CONFIG_IA32_EMULATION
	if (syscall_get_arch(current) == AUDIT_ARCH_I386)
		return nr == __NR_ia32_execve || nr == __NR_ia32_execveat;
#endif
	return nr == __NR_execve || nr == __NR_execveat;
}

/*
 * The probe's part for a task on a ruled chain, from the lowest ruled
 * level @ns: finds the daemon and queues the syscall. Out of line, so
 * that the probe's check saves no register.
 */
static noinline notrace void
nsaudit_sysexit_ruled(struct pt_regs *regs, const struct user_namespace *ns)
{
	struct nsaudit_pending *p;
	int nr;

	if (unlikely(current->flags & (PF_KTHREAD | PF_EXITING)))
		return;
	nr = syscall_get_nr(current, regs);
	if (nsaudit_fork_child(regs, nr) || nsaudit_taken_at_entry(nr) ||
	    nsaudit_daemon_task())
		return;
	rcu_read_lock();
	p = nsaudit_sysexit_slot(ns, nr);
	if (p) {
		p->sc.nr = nr;
		p->sc.arch = syscall_get_arch(current);
		p->sc.noreturn = false;
		p->sc.ret = regs_return_value(regs);
		syscall_get_arguments(current, regs, p->sc.args);
		nsaudit_sysexit_queue(p);
	}
	rcu_read_unlock();
}

/*
 * The lowest level of current's chain with exit rules, or NULL: the
 * probe's check (written out there, where every instruction counts).
 */
static __always_inline const struct user_namespace *nsaudit_ruled_level(void)
{
	const struct user_namespace *ns;

	for (ns = current_user_ns(); ns != &init_user_ns; ns = ns->parent)
		if (unlikely(READ_ONCE(*nsaudit_ruled_bucket(ns))))
			return ns;
	return READ_ONCE(nsaudit_ruled_host) ? &init_user_ns : NULL;
}

/* current's tty name, "(none)" without one. Takes the siglock. */
static void nsaudit_tty_name(char *buf, size_t size)
{
	struct tty_struct *tty = get_current_tty();

	strscpy(buf, tty ? tty_name(tty) : "(none)", size);
	tty_kref_put(tty);
}

/* A reference to current's executable, or NULL. Any context. */
static struct file *nsaudit_exe_get(void)
{
	struct mm_struct *mm = current->mm;
	struct file *exe = NULL;

	if (mm) {
		rcu_read_lock();
		exe = nsaudit_get_file_rcu(&mm->exe_file);
		rcu_read_unlock();
	}
	return exe;
}

/**
 * nsaudit_sysentry_enter() - a kretprobe's entry handler on a syscall
 *	wrapper (execve, execveat, the sigreturns; hooks.c)
 * @ri: the instance; its data receives the slot
 * @regs: the wrapper's registers; its argument is the syscall's pt_regs
 *
 * Takes a slot for a ruled task, with the syscall number and arguments as
 * entered, and keeps it in the instance until the wrapper returns. The
 * slot bounds the instances held (nsaudit_hooks' maxactive is the pool).
 *
 * Context: kprobe (preemption disabled); no allocation, no sleeping lock.
 *
 * Return: 0 to be called at the return, 1 for a call not taken.
 */
notrace int nsaudit_sysentry_enter(struct kretprobe_instance *ri,
				   struct pt_regs *regs)
{
	struct pt_regs *uregs = (struct pt_regs *)regs_get_kernel_argument(regs, 0);
	struct nsaudit_pending *p, **slot = (struct nsaudit_pending **)ri->data;
	const struct user_namespace *ns;
	int nr;

	if (current->flags & (PF_KTHREAD | PF_EXITING))
		return 1;
	ns = nsaudit_ruled_level();
	if (!ns || nsaudit_daemon_task())
		return 1;
	nr = syscall_get_nr(current, uregs);
	rcu_read_lock();
	p = nsaudit_sysexit_slot(ns, nr);
	rcu_read_unlock();
	if (!p)
		return 1;
	p->entry = true;
	p->sc.nr = nr;
	p->sc.noreturn = false;
	p->sc.arch = syscall_get_arch(current);
	syscall_get_arguments(current, uregs, p->sc.args);
	*slot = p;
	return 0;
}
NOKPROBE_SYMBOL(nsaudit_sysentry_enter);

/**
 * nsaudit_sysentry_return() - the kretprobe's return handler
 * @ri: the instance holding the slot nsaudit_sysentry_enter() took
 * @regs: the wrapper's registers at its return
 *
 * Context: kprobe (preemption disabled), in the task, before its syscall's
 * exit work.
 *
 * Return: 0.
 */
notrace int nsaudit_sysentry_return(struct kretprobe_instance *ri,
				    struct pt_regs *regs)
{
	struct nsaudit_pending *p = *(struct nsaudit_pending **)ri->data;

	p->sc.ret = regs_return_value(regs);
	nsaudit_sysexit_queue(p);
	return 0;
}
NOKPROBE_SYMBOL(nsaudit_sysentry_return);

/**
 * nsaudit_sysexit_exiting() - the kprobe on the exit and exit_group wrappers
 * @kp: the kprobe (hooks.c)
 * @regs: the wrapper's registers; its argument is the syscall's pt_regs
 *
 * These calls never return, so no exit probe sees them; the kernel's audit
 * logs them from do_exit() with the entry registers, no success and no
 * exit value. A ruled task's call takes a slot here with its number and
 * arguments, and with what the work will not find in do_exit() (see
 * struct nsaudit_exiting), and queues the work now: task_work_run() in
 * do_exit() runs it. The tty is read under the siglock, which on
 * PREEMPT_RT is a sleeping lock: there the work reads it, and a session
 * leader's is gone by then.
 *
 * Context: kprobe (preemption disabled); no allocation.
 *
 * Return: 0.
 */
notrace int nsaudit_sysexit_exiting(struct kprobe *kp, struct pt_regs *regs)
{
	struct pt_regs *uregs = (struct pt_regs *)regs_get_kernel_argument(regs, 0);
	const struct user_namespace *ns;
	struct nsaudit_exiting *x;
	struct nsaudit_pending *p;
	struct file *exe;
	int nr;

	if (current->flags & (PF_KTHREAD | PF_EXITING))
		return 0;
	ns = nsaudit_ruled_level();
	if (!ns || nsaudit_daemon_task())
		return 0;
	nr = syscall_get_nr(current, uregs);
	rcu_read_lock();
	p = nsaudit_sysexit_slot(ns, nr);
	rcu_read_unlock();
	if (!p)
		return 0;
	p->sc.nr = nr;
	p->sc.arch = syscall_get_arch(current);
	p->sc.ret = 0;
	p->sc.noreturn = true;
	syscall_get_arguments(current, uregs, p->sc.args);
	x = &p->exiting;
	x->exe = exe = nsaudit_exe_get();
	if (!nsaudit_nsid_current(&x->id)) {
		memset(&x->id, 0, sizeof(x->id));
		x->id.contid = nsaudit_contid_current();
	}
	x->tty[0] = '\0';
	if (!IS_ENABLED(CONFIG_PREEMPT_RT))
		nsaudit_tty_name(x->tty, sizeof(x->tty));
	/* Not queued, the slot is another's already: drop the reference. */
	if (!nsaudit_sysexit_queue(p) && exe)
		fput(exe);
	return 0;
}
NOKPROBE_SYMBOL(nsaudit_sysexit_exiting);

/*
 * Once the kretprobes are gone, slots their instances held from an entry
 * are nobody's: a return now passes without the handler.
 */
static void nsaudit_sysentry_release(void)
{
	unsigned int i;

	for_each_set_bit(i, nsaudit_pending_used, NSAUDIT_PENDING_MAX)
		if (nsaudit_pending[i].entry) {
			nsaudit_pending[i].entry = false;
			nsaudit_pending_put(&nsaudit_pending[i]);
		}
}

/*
 * The sys_exit tracepoint probe. Context: the task ending a syscall,
 * preemption disabled or (7.x) not: no allocation, no lock (above). Every task of the
 * system runs it at every syscall exit while it is registered, so it does
 * no more than the cheap check for a task outside every ruled namespace.
 */
static notrace void nsaudit_sysexit_probe(void *data, struct pt_regs *regs,
					  long ret)
{
	const struct user_namespace *ns;

	for (ns = current_user_ns(); ns != &init_user_ns; ns = ns->parent)
		if (unlikely(READ_ONCE(*nsaudit_ruled_bucket(ns))))
			goto ruled;
	/* A host task: a load and a test, no hash. */
	if (likely(!READ_ONCE(nsaudit_ruled_host)))
		return;
ruled:
	nsaudit_sysexit_ruled(regs, ns);
}

/* Room for the record's fixed fields, beyond comm, exe and key. */
#define NSAUDIT_SYSCALL_FIXED	640

/* What the record says of the task, gathered where sleeping is allowed. */
struct nsaudit_task_facts {
	char comm[TASK_COMM_LEN];
	char tty[64];
	char *exe;		/* d_path() result inside exe_buf, or NULL */
	char *exe_buf;		/* PATH_MAX bytes or NULL */
	bool exe_too_long;
	u64 contid;
};

/* The facts, from @x for an exiting task, else from current. */
static void nsaudit_facts_get(struct nsaudit_task_facts *t,
			      const struct nsaudit_exiting *x)
{
	struct file *exe;
	char *p;

	get_task_comm(t->comm, current);
	if (x && x->tty[0])
		strscpy(t->tty, x->tty, sizeof(t->tty));
	else
		nsaudit_tty_name(t->tty, sizeof(t->tty));
	t->contid = x ? x->id.contid : nsaudit_contid_current();
	t->exe = NULL;
	t->exe_too_long = false;
	t->exe_buf = NULL;
	exe = x ? x->exe : nsaudit_exe_get();
	if (!exe)
		return;
	t->exe_buf = kmalloc(PATH_MAX, GFP_KERNEL);
	if (t->exe_buf) {
		/*
		 * In do_exit() the task has no fs root any more: the path from
		 * its mount namespace's root, which is where its root is
		 * unless it chrooted further.
		 */
		if (x)
			p = nsaudit_d_absolute_path(&exe->f_path, t->exe_buf,
						    PATH_MAX);
		else
			p = d_path(&exe->f_path, t->exe_buf, PATH_MAX);
		if (IS_ERR(p))
			t->exe_too_long = true;
		else
			t->exe = p;
	}
	if (!x)
		fput(exe);
}

static void nsaudit_facts_put(struct nsaudit_task_facts *t)
{
	kfree(t->exe_buf);
}

/* Whether current is in group @gid (a gid or egid rule's groups_search). */
static bool nsaudit_in_groups(const struct cred *cred, kgid_t gid)
{
	const struct group_info *gi = cred->group_info;
	int i;

	for (i = 0; gi && i < gi->ngroups; i++)
		if (gid_eq(gi->gid[i], gid))
			return true;
	return false;
}

/* audit_filter_rules() for one field, in @d's view. */
static bool nsaudit_field_match(const struct nsaudit_rule *r,
				const struct nsaudit_rule_field *f,
				const struct nsaudit_syscall *sc,
				const struct nsaudit_daemon *d,
				const struct cred *cred,
				const struct nsaudit_task_facts *t)
{
	struct user_namespace *ns = d->user_ns;
	kgid_t gid = INVALID_GID;
	bool hit;
	u32 left;

	switch (f->type) {
	case AUDIT_PID:
		left = task_tgid_nr_ns(current, d->pid_ns);
		break;
	case AUDIT_PPID:
		left = task_ppid_nr_ns(current, d->pid_ns);
		break;
	case AUDIT_UID:
		left = from_kuid(ns, cred->uid);
		break;
	case AUDIT_EUID:
		left = from_kuid(ns, cred->euid);
		break;
	case AUDIT_SUID:
		left = from_kuid(ns, cred->suid);
		break;
	case AUDIT_FSUID:
		left = from_kuid(ns, cred->fsuid);
		break;
	case AUDIT_GID:
		gid = cred->gid;
		left = from_kgid(ns, gid);
		break;
	case AUDIT_EGID:
		gid = cred->egid;
		left = from_kgid(ns, gid);
		break;
	case AUDIT_SGID:
		left = from_kgid(ns, cred->sgid);
		break;
	case AUDIT_FSGID:
		left = from_kgid(ns, cred->fsgid);
		break;
	case AUDIT_LOGINUID:
		left = from_kuid(ns, audit_get_loginuid(current));
		break;
	case AUDIT_LOGINUID_SET:
		left = audit_loginuid_set(current);
		break;
	case AUDIT_SESSIONID:
		left = audit_get_sessionid(current);
		break;
	case AUDIT_ARCH:
		left = sc->arch;
		break;
	case AUDIT_EXIT:
		/* No return value: the kernel's field never matches. */
		if (sc->noreturn)
			return false;
		left = sc->ret;
		break;
	case AUDIT_SUCCESS:
		if (sc->noreturn)
			return false;
		/* AUDITSC_SUCCESS or AUDITSC_FAILURE, on both sides. */
		return nsaudit_rule_compare(sc->success ? 1 : 2, f->op,
					    f->val ? 1 : 2);
	case AUDIT_ARG0 ... AUDIT_ARG3:
		left = sc->args[f->type - AUDIT_ARG0];
		break;
	case AUDIT_EXE:
		hit = t->exe && !strcmp(t->exe, r->exe);
		return f->op == NSAUDIT_OP_NE ? !hit : hit;
	case NSAUDIT_RULE_FIELD_CONTID:
		/* Not translated: an ID means the same in every view. */
		hit = t->contid == f->contid;
		return f->op == NSAUDIT_OP_NE ? !hit : hit;
	default:	/* the key */
		return true;
	}
	hit = nsaudit_rule_compare(left, f->op, f->val);
	/* A group rule looks at the supplementary groups too. */
	if (gid_valid(gid)) {
		if (f->op == NSAUDIT_OP_EQ && !hit)
			hit = nsaudit_in_groups(cred, f->gid);
		else if (f->op == NSAUDIT_OP_NE && hit)
			hit = !nsaudit_in_groups(cred, f->gid);
	}
	return hit;
}

/* The first exit rule of @d matching the syscall, or NULL. Under RCU. */
static const struct nsaudit_rule *
nsaudit_sysexit_match(const struct nsaudit_daemon *d,
		      const struct nsaudit_syscall *sc,
		      const struct nsaudit_task_facts *t)
{
	const struct nsaudit_ruleset *rs = rcu_dereference(d->rules);
	const struct cred *cred = current_cred();
	const struct nsaudit_rule *r;
	u32 i, j;

	if (!rs || !nsaudit_in_mask(rs->mask, sc->nr))
		return NULL;
	for (i = 0; i < rs->exit_count; i++) {
		r = rs->rule[i];
		if (!nsaudit_in_mask(r->mask, sc->nr))
			continue;
		for (j = 0; j < r->field_count; j++)
			if (!nsaudit_field_match(r, &r->fields[j], sc, d, cred, t))
				break;
		if (j == r->field_count)
			return r;
	}
	return NULL;
}

/* Append an untrusted string as audit_log_untrustedstring() does. */
static int nsaudit_put_untrusted(char *buf, size_t size, const char *s)
{
	const char *p;
	int n = 0;

	for (p = s; *p; p++)
		if (*p == '"' || *p < 0x21 || *p > 0x7e)
			break;
	if (!*p)
		return scnprintf(buf, size, "\"%s\"", s);
	for (p = s; *p && size - n > 2; p++)
		n += scnprintf(buf + n, size - n, "%02X", (u8)*p);
	return n;
}

/*
 * The record as the kernel's audit_log_exit() writes its SYSCALL record,
 * in the initial namespaces' view (route.c translates it), up to the key.
 * items is 0: the module adds no PATH records.
 */
static int nsaudit_sysexit_format(char *buf, size_t size,
				  const struct nsaudit_syscall *sc,
				  const struct nsaudit_task_facts *t)
{
	const struct cred *cred = current_cred();
	struct timespec64 ts;
	int n;

	ktime_get_coarse_real_ts64(&ts);
	n = scnprintf(buf, size, "audit(%llu.%03lu:%u): arch=%x syscall=%d",
		      (unsigned long long)ts.tv_sec, ts.tv_nsec / NSEC_PER_MSEC,
		      nsaudit_audit_serial(), sc->arch, sc->nr);
	if (current->personality != PER_LINUX)
		n += scnprintf(buf + n, size - n, " per=%lx",
			       (unsigned long)current->personality);
	/* exit and exit_group never return: audit_log_exit() says nothing. */
	if (!sc->noreturn)
		n += scnprintf(buf + n, size - n, " success=%s exit=%ld",
			       sc->success ? "yes" : "no", sc->ret);
	n += scnprintf(buf + n, size - n,
		       " a0=%lx a1=%lx a2=%lx a3=%lx items=0 ppid=%d pid=%d auid=%u uid=%u gid=%u euid=%u suid=%u fsuid=%u egid=%u sgid=%u fsgid=%u tty=%s ses=%u comm=",
		       sc->args[0], sc->args[1], sc->args[2], sc->args[3],
		       task_ppid_nr(current), task_tgid_nr(current),
		       from_kuid(&init_user_ns, audit_get_loginuid(current)),
		       from_kuid(&init_user_ns, cred->uid),
		       from_kgid(&init_user_ns, cred->gid),
		       from_kuid(&init_user_ns, cred->euid),
		       from_kuid(&init_user_ns, cred->suid),
		       from_kuid(&init_user_ns, cred->fsuid),
		       from_kgid(&init_user_ns, cred->egid),
		       from_kgid(&init_user_ns, cred->sgid),
		       from_kgid(&init_user_ns, cred->fsgid),
		       t->tty, audit_get_sessionid(current));
	n += nsaudit_put_untrusted(buf + n, size - n, t->comm);
	n += scnprintf(buf + n, size - n, " exe=");
	if (t->exe)
		n += nsaudit_put_untrusted(buf + n, size - n, t->exe);
	else
		n += scnprintf(buf + n, size - n, "%s",
			       t->exe_too_long ? "<too_long>" : "(null)");
	return n;
}

static int nsaudit_put_key(char *buf, size_t size, const char *key)
{
	int n = scnprintf(buf, size, " key=");

	if (key)
		return n + nsaudit_put_untrusted(buf + n, size - n, key);
	return n + scnprintf(buf + n, size - n, "(null)");
}

/*
 * The task work's body: evaluate, build, route. Context: the task that
 * made the syscall, on its way back to user space; may sleep.
 */
static void nsaudit_sysexit_run(struct nsaudit_syscall *sc,
				const struct nsaudit_exiting *x)
{
	const struct user_namespace *ns;
	const struct nsaudit_rule *r;
	struct nsaudit_task_facts t;
	struct nsaudit_daemon *d;
	struct nsaudit_nsid id;
	size_t size = 0;
	char *text;
	int n = 0;

	/* audit_return_fixup(): a restarted syscall reads as interrupted. */
	sc->success = !IS_ERR_VALUE((unsigned long)sc->ret);
	if (sc->ret <= -ERESTARTSYS && sc->ret >= -ERESTART_RESTARTBLOCK &&
	    sc->ret != -ENOIOCTLCMD)
		sc->ret = -EINTR;
	nsaudit_facts_get(&t, x);
	/* Strings may double as hex; the key goes after the rest. */
	size = NSAUDIT_SYSCALL_FIXED + 2 * TASK_COMM_LEN +
	       2 * (t.exe ? strlen(t.exe) : 0) + 2 * AUDIT_MAX_KEY_LEN;
	text = kmalloc(size, GFP_KERNEL);
	if (x) {
		id = x->id;
	} else if (!nsaudit_nsid_current(&id)) {
		memset(&id, 0, sizeof(id));
		id.contid = t.contid;
	}

	rcu_read_lock();
	for (ns = current_user_ns(); ns; ns = ns->parent) {
		d = nsaudit_daemon_find(ns);
		if (!nsaudit_route_takes(d))
			continue;
		r = nsaudit_sysexit_match(d, sc, &t);
		if (!r || r->action != AUDIT_ALWAYS)
			continue;
		if (!text) {
			nsaudit_route_drop(d);
			continue;
		}
		if (!n)
			n = nsaudit_sysexit_format(text, size, sc, &t);
		nsaudit_route_syscall(d, text,
				      n + nsaudit_put_key(text + n, size - n,
							  r->key),
				      &id);
	}
	rcu_read_unlock();
	kfree(text);
	nsaudit_facts_put(&t);
}

/**
 * nsaudit_sysexit_work() - the task work, called by the thunk
 * @work: the slot's callback head
 *
 * Context: the task that made the syscall (task_work_run()); may sleep.
 *
 * Return: the SRCU index the thunk leaves the section with.
 */
notrace int nsaudit_sysexit_work(struct callback_head *work)
{
	struct nsaudit_pending *p = container_of(work, struct nsaudit_pending,
						 work);
	struct nsaudit_syscall sc = p->sc;
	struct nsaudit_exiting x;
	int idx = p->srcu_idx;

	if (sc.noreturn)
		x = p->exiting;
	nsaudit_pending_put(p);
	if (sc.noreturn) {
		/* In do_exit(): what the probe took for the task. */
		nsaudit_sysexit_run(&sc, &x);
		if (x.exe)
			fput(x.exe);
	} else if (!(current->flags & PF_EXITING)) {
		nsaudit_sysexit_run(&sc, NULL);
	}
	return idx;
}

/* Never called: the probe's prototype checked against sys_exit's (hooks.c). */
static void __maybe_unused nsaudit_sysexit_probe_type(void)
{
	register_trace_sys_exit(nsaudit_sysexit_probe, NULL);
}

/**
 * nsaudit_sysexit_arm() - count a namespace with exit rules in or out
 * @ns: its user namespace
 * @on: one more (true, before its first exit rule is published) or one
 *	fewer (false, after its last one is gone)
 *
 * The first registers the tracepoint probe, the last unregisters it.
 *
 * Context: process, under nsaudit_daemons_lock.
 *
 * Return: 0, or the error of registering the probe (nothing counted).
 */
int nsaudit_sysexit_arm(const struct user_namespace *ns, bool on)
{
	static unsigned int ruled;	/* under nsaudit_daemons_lock */
	unsigned int *bucket = nsaudit_ruled_bucket(ns);
	int err;

	lockdep_assert_held(&nsaudit_daemons_lock);
	if (on) {
		if (!ruled) {
			err = nsaudit_hooks_set_sysexit(nsaudit_sysexit_probe,
							true);
			if (err)
				return err;
		}
		ruled++;
		WRITE_ONCE(*bucket, *bucket + 1);
		if (ns == &init_user_ns)
			WRITE_ONCE(nsaudit_ruled_host, true);
	} else {
		if (ns == &init_user_ns)
			WRITE_ONCE(nsaudit_ruled_host, false);
		WRITE_ONCE(*bucket, *bucket - 1);
		if (!--ruled) {
			nsaudit_hooks_set_sysexit(nsaudit_sysexit_probe, false);
			nsaudit_sysentry_release();
		}
	}
	return 0;
}

/**
 * nsaudit_sysexit_init() - the slots and the SRCU the task works use
 *
 * Context: process (module init).
 *
 * Return: 0 or a negative errno.
 */
int nsaudit_sysexit_init(void)
{
	int err;

	nsaudit_quota_init();
	nsaudit_pending = kcalloc(NSAUDIT_PENDING_MAX,
				  sizeof(*nsaudit_pending), GFP_KERNEL);
	nsaudit_pending_used = bitmap_zalloc(NSAUDIT_PENDING_MAX, GFP_KERNEL);
	err = init_srcu_struct(&nsaudit_sysexit_srcu);
	if (!nsaudit_pending || !nsaudit_pending_used || err) {
		if (!err)
			cleanup_srcu_struct(&nsaudit_sysexit_srcu);
		bitmap_free(nsaudit_pending_used);
		kfree(nsaudit_pending);
		return err ?: -ENOMEM;
	}
	return 0;
}

/**
 * nsaudit_sysexit_exit() - wait for every queued work and rule to go
 *
 * Called once no daemon is left, so the tracepoint probe is unregistered:
 * waits for probes still running, then for the works they queued (their
 * SRCU sections), then for rules waiting for a grace period.
 *
 * Context: process (module exit); sleeps.
 */
void nsaudit_sysexit_exit(void)
{
	tracepoint_synchronize_unregister();
	synchronize_srcu(&nsaudit_sysexit_srcu);
	cleanup_srcu_struct(&nsaudit_sysexit_srcu);
	rcu_barrier();
	bitmap_free(nsaudit_pending_used);
	kfree(nsaudit_pending);
}
