// SPDX-License-Identifier: GPL-2.0
/*
 * Audit container IDs, after the upstream "audit container ID" proposal.
 *
 * An orchestrator with CAP_AUDIT_CONTROL in the initial user namespace sets
 * a u64 ID on a process that has neither threads nor children. Every task
 * created from then on by a task carrying an ID (threads, processes, io
 * workers) carries the same ID, across exec; nothing changes or clears it.
 * Records of a task carrying an ID say contid=N after the nsID set (nsid.c).
 *
 * Objects:
 * - struct nsaudit_cid: one lifetime of an ID value, in nsaudit_cids (by
 *   value, under nsaudit_cid_lock). @tasks counts the live tasks carrying
 *   it (and a SET on its way to a new one); when it falls to 0, the drop
 *   work logs op=drop and takes the lifetime out of the table. @tasks never
 *   rises from 0: a SET joins a lifetime only with atomic_inc_not_zero(),
 *   and one that comes after the last exit begins a new lifetime beside the
 *   dying one, so each lifetime has exactly one op=drop. @ref counts what keeps its memory: each task entry, and the table
 *   (or the drop work the table's reference passed to).
 * - struct nsaudit_cid_task: one per task carrying an ID, in a fixed hash
 *   table keyed by the task_struct pointer (bit-locked buckets: insert and
 *   remove allocate nothing and may run in any context; RCU readers). It
 *   lives from the fork (or SET) that made it until the task is released
 *   (sched_process_free), and is freed after an RCU grace period. Its
 *   @pending is the entry its task's next child will take, allocated in
 *   advance where sleeping is allowed (by SET for the first child of the
 *   process it gives an ID, then by the cgroup_fork() redirect); only that
 *   task touches it. Entries and pending ones come from their own slab
 *   cache, "nsaudit_cid_task": /sys/kernel/slab shows what they hold (with
 *   slab_nomerge), and destroying it at unload warns of any entry leaked.
 *
 * Hooks (hooks.c), armed while any entry exists (nothing runs otherwise):
 * - a kprobe on cgroup_fork(), which copy_process() calls for every new task
 *   in the parent's context before the child is visible: when the parent
 *   carries an ID and has no pending entry, the call is redirected (as for
 *   audit_log_end, enrich.c) to nsaudit_cid_fork_body(), which allocates
 *   one where sleeping is allowed, then calls cgroup_fork().
 * - the task_newtask tracepoint, after the last point where copy_process()
 *   can fail (the child is linked but has not run): the child takes its
 *   parent's pending entry, which every fork of a parent carrying an ID
 *   finds (a fork that began before SET passed cgroup_fork() unredirected,
 *   but SET gave the parent its first child's entry; a fork that fails
 *   leaves the entry for the next one). When the kprobe did not fire
 *   (kprobes disarmed globally, ftrace off, a hit the kernel missed), the
 *   child takes an entry from a reserve that a work item refills; should
 *   the reserve be empty, the child runs without the ID, counted and
 *   logged as op=lost. No task is ever killed for it.
 * - the sched_process_exit tracepoint: the task stops counting as live.
 * - the sched_process_free tracepoint (the RCU callback that releases a
 *   reaped task): the entry goes. Tracepoints, unlike kprobes, are never
 *   skipped when they fire inside another probe's handler (a kprobe on
 *   free_task() missed releases that interrupted one: stale entries).
 *
 * Lifetime: module text that a redirected fork runs is covered by an SRCU
 * read-side section left by the thunk's tail jump (thunk_x86_64.S); works
 * run on the module's own workqueue, destroyed at exit.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/audit.h>
#include <linux/hash.h>
#include <linux/hashtable.h>
#include <linux/list_bl.h>
#include <linux/netlink.h>
#include <linux/rculist_bl.h>
#include <linux/refcount.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>
#include <linux/slab.h>
#include <linux/srcu.h>
#include <linux/tracepoint.h>
#include <linux/vmalloc.h>
#include "nsaudit.h"

struct nsaudit_cid {
	u64 id;
	refcount_t ref;
	atomic_t tasks;
	pid_t last_pid;			/* the last task to exit */
	atomic_t lost;			/* children created without it, not yet logged */
	pid_t lost_pid;			/* the parent of the last of them */
	struct hlist_node node;		/* in nsaudit_cids */
	struct work_struct drop;
	struct rcu_head rcu;
};

struct nsaudit_cid_task {
	struct hlist_bl_node node;
	const struct task_struct *task;	/* the key; never dereferenced */
	struct nsaudit_cid *cid;
	bool live;			/* counted in cid->tasks */
	struct nsaudit_cid_task *pending;	/* the next child's entry */
	struct rcu_head rcu;
};

/*
 * Buckets of task entries: 16 384, so that a look-up walks about one entry
 * for every 16 384 tasks carrying IDs (128 KiB).
 */
#define NSAUDIT_CID_TASK_BITS	14
static struct hlist_bl_head *nsaudit_cid_tasks;

/* IDs by value; writers hold nsaudit_cid_lock, which also serialises arming. */
static DEFINE_HASHTABLE(nsaudit_cids, 10);
static DEFINE_MUTEX(nsaudit_cid_lock);
static unsigned int nsaudit_cid_count;	/* IDs in nsaudit_cids, dying ones too */
static bool nsaudit_cid_armed;		/* under nsaudit_cid_lock */

/* Task entries in the table (pending ones are not counted). */
static atomic_t nsaudit_cid_entries = ATOMIC_INIT(0);

static struct workqueue_struct *nsaudit_cid_wq;
static void nsaudit_cid_idle(struct work_struct *work);
static DECLARE_WORK(nsaudit_cid_idle_work, nsaudit_cid_idle);

/* Every struct nsaudit_cid_task; destroyed at exit, after rcu_barrier(). */
static struct kmem_cache *nsaudit_cid_task_cache;

/*
 * Entries for children whose parent has none pending (the fork probe did
 * not run): taken in the task_newtask probe, which may not sleep nor, on
 * PREEMPT_RT, allocate; filled when the hooks are armed, refilled by
 * nsaudit_cid_upkeep_work while they are, freed when they are disarmed
 * (so that the cache holds nothing while no task carries an ID). Under
 * nsaudit_cid_reserve_lock (raw: taken in the probe, on RT too).
 */
#define NSAUDIT_CID_RESERVE	64
static struct nsaudit_cid_task *nsaudit_cid_reserve[NSAUDIT_CID_RESERVE];
static unsigned int nsaudit_cid_reserve_len;
static DEFINE_RAW_SPINLOCK(nsaudit_cid_reserve_lock);

/* Children created without their parent's ID since load (status). */
static atomic64_t nsaudit_cid_lost_total = ATOMIC64_INIT(0);

/* Refills the reserve and logs op=lost records. */
static void nsaudit_cid_upkeep(struct work_struct *work);
static DECLARE_WORK(nsaudit_cid_upkeep_work, nsaudit_cid_upkeep);

/* Held by each redirected fork from the probe to the thunk's last jump. */
static struct srcu_struct nsaudit_cid_srcu;

/* The record type of CONTAINER_OP records (module parameter, main.c). */
unsigned int nsaudit_contid_op_type = NSAUDIT_CONTID_OP_TYPE_DEFAULT;

static struct hlist_bl_head *nsaudit_cid_bucket(const struct task_struct *t)
{
	return &nsaudit_cid_tasks[hash_ptr(t, NSAUDIT_CID_TASK_BITS)];
}

/*
 * A bucket's writers: forks, SET, and the release, which runs in an RCU
 * callback (softirq, or an rcuc thread on PREEMPT_RT), so the
 * lock is taken with interrupts off (a bit spinlock: raw on PREEMPT_RT).
 */
static void nsaudit_cid_bucket_lock(struct hlist_bl_head *b,
				    unsigned long *flags)
{
	local_irq_save(*flags);
	hlist_bl_lock(b);
}

static void nsaudit_cid_bucket_unlock(struct hlist_bl_head *b,
				      unsigned long flags)
{
	hlist_bl_unlock(b);
	local_irq_restore(flags);
}

/* Under RCU (or the bucket lock); any context. */
static __always_inline struct nsaudit_cid_task *
nsaudit_cid_task_find(const struct task_struct *t)
{
	struct nsaudit_cid_task *e;
	struct hlist_bl_node *pos;

	hlist_bl_for_each_entry_rcu(e, pos, nsaudit_cid_bucket(t), node)
		if (e->task == t)
			return e;
	return NULL;
}

/* The ID @t carries, or NULL. Under RCU; any context. */
static __always_inline struct nsaudit_cid *
nsaudit_cid_of(const struct task_struct *t)
{
	struct nsaudit_cid_task *e;

	if (!atomic_read(&nsaudit_cid_entries))
		return NULL;
	e = nsaudit_cid_task_find(t);
	return e ? e->cid : NULL;
}

/**
 * nsaudit_contid_current() - the container ID of the current task
 *
 * Context: any; no lock, no allocation.
 *
 * Return: the ID, or NSAUDIT_CONTID_UNSET.
 */
u64 nsaudit_contid_current(void)
{
	struct nsaudit_cid *cid;
	u64 id = NSAUDIT_CONTID_UNSET;

	rcu_read_lock();
	cid = nsaudit_cid_of(current);
	if (cid)
		id = cid->id;
	rcu_read_unlock();
	return id;
}
NOKPROBE_SYMBOL(nsaudit_contid_current);

/**
 * nsaudit_contid_task() - the container ID of a task
 * @t: the task, referenced by the caller
 *
 * Context: any.
 *
 * Return: the ID, or NSAUDIT_CONTID_UNSET.
 */
u64 nsaudit_contid_task(const struct task_struct *t)
{
	struct nsaudit_cid *cid;
	u64 id = NSAUDIT_CONTID_UNSET;

	rcu_read_lock();
	cid = nsaudit_cid_of(t);
	if (cid)
		id = cid->id;
	rcu_read_unlock();
	return id;
}

static void nsaudit_cid_put(struct nsaudit_cid *cid)
{
	if (refcount_dec_and_test(&cid->ref))
		kfree_rcu(cid, rcu);
}

/*
 * A count of @cid->tasks is given back: a live task exited (@pid), or a
 * SET that joined the ID failed (@pid 0: the last task to exit stays
 * named). The last one hands the table's reference to the drop work. Any
 * context.
 */
static void nsaudit_cid_task_gone(struct nsaudit_cid *cid, pid_t pid)
{
	if (pid)
		WRITE_ONCE(cid->last_pid, pid);
	if (atomic_dec_and_test(&cid->tasks)) {
		if (pid)	/* the last of exits that raced each other */
			WRITE_ONCE(cid->last_pid, pid);
		queue_work(nsaudit_cid_wq, &cid->drop);
	}
}

/*
 * Adds @e for @t, carrying @cid; the caller holds the count of @cid->tasks
 * that @e now owns. Any context.
 */
static void nsaudit_cid_task_add(struct nsaudit_cid_task *e,
				 const struct task_struct *t,
				 struct nsaudit_cid *cid)
{
	struct hlist_bl_head *b = nsaudit_cid_bucket(t);
	unsigned long flags;

	e->task = t;
	e->cid = cid;
	e->live = true;
	refcount_inc(&cid->ref);
	atomic_inc(&nsaudit_cid_entries);
	nsaudit_cid_bucket_lock(b, &flags);
	hlist_bl_add_head_rcu(&e->node, b);
	nsaudit_cid_bucket_unlock(b, flags);
}

/*
 * An entry no task or table holds; NULL is none. Process context or an
 * RCU callback: on PREEMPT_RT kmem_cache_free() takes sleeping locks.
 */
static void nsaudit_cid_task_release(struct nsaudit_cid_task *e)
{
	if (e)
		kmem_cache_free(nsaudit_cid_task_cache, e);
}

/* A new, empty entry. */
static struct nsaudit_cid_task *nsaudit_cid_task_alloc(gfp_t gfp)
{
	return kmem_cache_zalloc(nsaudit_cid_task_cache, gfp);
}

/*
 * An RCU callback: where kmem_cache_free() may run on PREEMPT_RT too (it
 * takes sleeping locks there), unlike the tracepoint that releases a task.
 */
static void nsaudit_cid_task_free_rcu(struct rcu_head *rcu)
{
	struct nsaudit_cid_task *e = container_of(rcu, struct nsaudit_cid_task,
						  rcu);

	nsaudit_cid_task_release(e->pending);
	nsaudit_cid_task_release(e);
}

/*
 * @e, out of its bucket: freed once RCU readers are done with it, with the
 * entry it kept for a child that never came. Any context.
 */
static void nsaudit_cid_task_free(struct nsaudit_cid_task *e)
{
	nsaudit_cid_put(e->cid);
	call_rcu(&e->rcu, nsaudit_cid_task_free_rcu);
	if (atomic_dec_and_test(&nsaudit_cid_entries))
		queue_work(nsaudit_cid_wq, &nsaudit_cid_idle_work);
}

/*
 * " name=NAME" as audit_log_untrustedstring() (not exported) writes it:
 * quoted, or in hexadecimal if a quote, a space or a control byte could
 * otherwise make it read as more fields.
 */
static void nsaudit_cid_log_name(struct audit_buffer *ab, const char *name)
{
	const unsigned char *p;

	for (p = name; *p; p++)
		if (*p == '"' || *p < 0x21 || *p > 0x7e)
			break;
	if (!*p) {
		audit_log_format(ab, " name=\"%s\"", name);
		return;
	}
	audit_log_format(ab, " name=");
	for (p = name; *p; p++)
		audit_log_format(ab, "%02X", *p);
}

/*
 * Logs a CONTAINER_OP record: "op=set opid=PID contid=N old-contid=-1"
 * (and " name=NAME" if @name) with the setter's task fields, or
 * "op=drop opid=PID contid=-1 old-contid=N". @name comes from the
 * orchestrator, who took it from whoever named the container: logged as
 * audit logs any string a process controls. Ended through
 * nsaudit_log_end(), so that a user task's record gets its nsID set as
 * any other.
 */
static void nsaudit_cid_log(bool set, pid_t opid, u64 id, const char *name)
{
	struct audit_buffer *ab;

	ab = audit_log_start(set ? audit_context() : NULL, GFP_KERNEL,
			     READ_ONCE(nsaudit_contid_op_type));
	if (!ab)
		return;
	if (set) {
		audit_log_format(ab, "op=set opid=%d contid=%llu old-contid=-1",
				 opid, id);
		if (name)
			nsaudit_cid_log_name(ab, name);
		audit_log_task_info(ab);
	} else {
		audit_log_format(ab, "op=drop opid=%d contid=-1 old-contid=%llu",
				 opid, id);
	}
	audit_log_format(ab, " res=1");
	nsaudit_log_end(ab);
}

/*
 * Logs "op=lost opid=PID contid=-1 old-contid=N count=K res=0" if
 * children were created without @cid since the last such record. Under
 * nsaudit_cid_lock, so that it comes before the ID's drop record.
 */
static void nsaudit_cid_log_lost(struct nsaudit_cid *cid)
{
	struct audit_buffer *ab;
	int n;

	lockdep_assert_held(&nsaudit_cid_lock);
	n = atomic_xchg(&cid->lost, 0);
	if (!n)
		return;
	ab = audit_log_start(NULL, GFP_KERNEL, READ_ONCE(nsaudit_contid_op_type));
	if (!ab)
		return;
	audit_log_format(ab, "op=lost opid=%d contid=-1 old-contid=%llu count=%d res=0",
			 READ_ONCE(cid->lost_pid), cid->id, n);
	nsaudit_log_end(ab);
}

/* Takes an entry from the reserve, or NULL. Any context. */
static struct nsaudit_cid_task *nsaudit_cid_reserve_take(void)
{
	struct nsaudit_cid_task *e = NULL;
	unsigned long flags;

	raw_spin_lock_irqsave(&nsaudit_cid_reserve_lock, flags);
	if (nsaudit_cid_reserve_len)
		e = nsaudit_cid_reserve[--nsaudit_cid_reserve_len];
	raw_spin_unlock_irqrestore(&nsaudit_cid_reserve_lock, flags);
	return e;
}

/* Fills the reserve up. Process context; sleeps. */
static void nsaudit_cid_reserve_fill(void)
{
	struct nsaudit_cid_task *e;
	unsigned long flags;
	bool full;

	for (;;) {
		raw_spin_lock_irqsave(&nsaudit_cid_reserve_lock, flags);
		full = nsaudit_cid_reserve_len == NSAUDIT_CID_RESERVE;
		raw_spin_unlock_irqrestore(&nsaudit_cid_reserve_lock, flags);
		if (full)
			return;
		e = nsaudit_cid_task_alloc(GFP_KERNEL);
		if (!e)
			return;
		raw_spin_lock_irqsave(&nsaudit_cid_reserve_lock, flags);
		if (nsaudit_cid_reserve_len < NSAUDIT_CID_RESERVE) {
			nsaudit_cid_reserve[nsaudit_cid_reserve_len++] = e;
			e = NULL;
		}
		raw_spin_unlock_irqrestore(&nsaudit_cid_reserve_lock, flags);
		nsaudit_cid_task_release(e);
	}
}

/* Frees the reserve. Process context; under nsaudit_cid_lock. */
static void nsaudit_cid_reserve_drain(void)
{
	struct nsaudit_cid_task *e;

	lockdep_assert_held(&nsaudit_cid_lock);
	while ((e = nsaudit_cid_reserve_take()))
		nsaudit_cid_task_release(e);
}

static void nsaudit_cid_upkeep(struct work_struct *work)
{
	struct nsaudit_cid *cid;
	int bkt;

	mutex_lock(&nsaudit_cid_lock);
	if (nsaudit_cid_armed)
		nsaudit_cid_reserve_fill();
	hash_for_each(nsaudit_cids, bkt, cid, node)
		nsaudit_cid_log_lost(cid);
	mutex_unlock(&nsaudit_cid_lock);
}

/* Disarms the hooks once no entry and no ID is left. */
static void nsaudit_cid_disarm_idle(void)
{
	lockdep_assert_held(&nsaudit_cid_lock);
	if (nsaudit_cid_armed && !atomic_read(&nsaudit_cid_entries) &&
	    !nsaudit_cid_count) {
		nsaudit_hooks_set_contid(false);
		nsaudit_cid_armed = false;
		nsaudit_cid_reserve_drain();
	}
}

static void nsaudit_cid_drop(struct work_struct *work)
{
	struct nsaudit_cid *cid = container_of(work, struct nsaudit_cid, drop);

	mutex_lock(&nsaudit_cid_lock);
	nsaudit_cid_log_lost(cid);
	nsaudit_cid_log(false, READ_ONCE(cid->last_pid), cid->id, NULL);
	hash_del(&cid->node);
	nsaudit_cid_count--;
	nsaudit_cid_disarm_idle();
	mutex_unlock(&nsaudit_cid_lock);
	nsaudit_cid_put(cid);
}

static void nsaudit_cid_idle(struct work_struct *work)
{
	mutex_lock(&nsaudit_cid_lock);
	nsaudit_cid_disarm_idle();
	mutex_unlock(&nsaudit_cid_lock);
}

/**
 * nsaudit_cid_fork_pre() - kprobe pre-handler on cgroup_fork()
 * @p: the kprobe
 * @regs: registers at the entry of cgroup_fork(child)
 *
 * Redirects the call to nsaudit_cid_fork_thunk() when the parent (current)
 * carries an ID and has no entry ready for its next child. Context: probe,
 * preemption disabled; no allocation, no lock.
 *
 * Return: 1 when execution was redirected, else 0.
 */
int nsaudit_cid_fork_pre(struct kprobe *p, struct pt_regs *regs)
{
	struct nsaudit_cid_task *e;
	bool needs;

	if (!atomic_read(&nsaudit_cid_entries))
		return 0;
	rcu_read_lock();
	e = nsaudit_cid_task_find(current);
	needs = e && !READ_ONCE(e->pending);
	rcu_read_unlock();
	/*
	 * Our own call from nsaudit_cid_fork_body() finds the entry it just
	 * made and goes to the real one: told by that state, not by the
	 * stack, whose return address another tracer may have rewritten.
	 */
	if (!needs)
		return 0;
	regs->si = __srcu_read_lock(&nsaudit_cid_srcu);
	instruction_pointer_set(regs, (unsigned long)nsaudit_cid_fork_thunk);
	return 1;
}
NOKPROBE_SYMBOL(nsaudit_cid_fork_pre);

/**
 * nsaudit_cid_fork_body() - the child's entry in advance, then cgroup_fork()
 * @child: the task copy_process() is making, not yet visible
 *
 * Called by nsaudit_cid_fork_thunk() only. The entry waits in the parent's
 * own (current's entry stays until current is released, so it needs no
 * RCU here); the task_newtask probe hands it to the child once the fork
 * can no longer fail. The allocation may not fail: cgroup_fork() cannot
 * fail the fork, and a child without its ID would have to be killed (64
 * bytes, where copy_process() allocates far more).
 *
 * Context: the forking parent's, where copy_process() may sleep; inside the
 * probe's SRCU read-side section.
 *
 * Return: the srcu_struct the thunk must leave.
 */
notrace struct srcu_struct *nsaudit_cid_fork_body(struct task_struct *child)
{
	struct nsaudit_cid_task *e, *next;

	rcu_read_lock();
	e = nsaudit_cid_task_find(current);
	rcu_read_unlock();
	if (e && !READ_ONCE(e->pending)) {
		next = nsaudit_cid_task_alloc(GFP_KERNEL | __GFP_NOFAIL);
		WRITE_ONCE(e->pending, next);
	}
	nsaudit_cgroup_fork(child);
	return &nsaudit_cid_srcu;
}

/**
 * nsaudit_cid_newtask() - task_newtask probe: no child without its ID
 * @data: unused
 * @child: the new task, linked but not yet run
 * @clone_flags: unused
 *
 * Context: the parent's, at the end of copy_process(); preemption disabled.
 */
void nsaudit_cid_newtask(NSAUDIT_TP_NEWTASK_PARAMS(data, child, clone_flags))
{
	struct nsaudit_cid_task *parent, *e;

	if (!atomic_read(&nsaudit_cid_entries))
		return;
	rcu_read_lock();
	parent = nsaudit_cid_task_find(current);
	/* SET refuses a task being created: the check only keeps one entry. */
	if (!parent || nsaudit_cid_task_find(child))
		goto out;
	e = xchg(&parent->pending, NULL);
	if (!e) {
		/* The fork probe did not run: see the top of the file. */
		e = nsaudit_cid_reserve_take();
		queue_work(nsaudit_cid_wq, &nsaudit_cid_upkeep_work);
	}
	if (e) {
		/* The parent is live (not past do_exit()): never from 0. */
		WARN_ON_ONCE(atomic_inc_return(&parent->cid->tasks) == 1);
		nsaudit_cid_task_add(e, child, parent->cid);
	} else {
		WRITE_ONCE(parent->cid->lost_pid, task_pid_nr(current));
		atomic_inc(&parent->cid->lost);
		atomic64_inc(&nsaudit_cid_lost_total);
	}
out:
	rcu_read_unlock();
}

/**
 * nsaudit_cid_exit() - sched_process_exit probe: a live task less
 * @data: unused
 * @t: current, in do_exit()
 *
 * Context: the exiting task's; preemption disabled.
 */
void nsaudit_cid_exit(NSAUDIT_TP_EXIT_PARAMS(data, t))
{
	struct nsaudit_cid_task *e;

	rcu_read_lock();
	e = atomic_read(&nsaudit_cid_entries) ? nsaudit_cid_task_find(t) : NULL;
	if (e && xchg(&e->live, false))
		nsaudit_cid_task_gone(e->cid, task_pid_nr(t));
	rcu_read_unlock();
}

/**
 * nsaudit_cid_free() - sched_process_free probe: the entry goes
 * @data: unused
 * @t: a released task (exited and reaped)
 *
 * Context: the RCU callback that releases @t (softirq, or an rcuc thread
 * on PREEMPT_RT); preemption disabled.
 */
void nsaudit_cid_free(void *data, struct task_struct *t)
{
	struct hlist_bl_head *b;
	struct nsaudit_cid_task *e;
	unsigned long flags;

	if (!atomic_read(&nsaudit_cid_entries))
		return;
	b = nsaudit_cid_bucket(t);
	nsaudit_cid_bucket_lock(b, &flags);
	e = nsaudit_cid_task_find(t);
	if (e)
		hlist_bl_del_rcu(&e->node);
	nsaudit_cid_bucket_unlock(b, flags);
	if (!e)
		return;
	/* Released without passing do_exit()'s probe: it armed meanwhile. */
	if (xchg(&e->live, false))
		nsaudit_cid_task_gone(e->cid, task_pid_nr(t));
	nsaudit_cid_task_free(e);
}

/*
 * Joins the live lifetime of ID @id: takes a count of its tasks (for the
 * SET's process), unless its last task has exited. Under nsaudit_cid_lock.
 *
 * Return: the lifetime, or NULL if none is live.
 */
static struct nsaudit_cid *nsaudit_cid_join(u64 id)
{
	struct nsaudit_cid *cid;

	hash_for_each_possible(nsaudit_cids, cid, node, id)
		if (cid->id == id && atomic_inc_not_zero(&cid->tasks))
			return cid;
	return NULL;
}

/**
 * nsaudit_contid_set() - give a process its container ID
 * @task: the process, referenced by the caller
 * @id: the ID
 * @name: the container's name for the record, or NULL
 * @extack: where to say why not
 *
 * The caller checked the capability and the values. The process must carry
 * no ID yet and have neither threads nor children; the checks and the
 * setting are made under its siglock, under which copy_process() links
 * every child and thread it makes: one linked later finds the ID in the
 * task_newtask probe, even if its fork began before (and so passed
 * cgroup_fork() unredirected): hence the entry comes with one pending for
 * the first child.
 *
 * Context: process; takes nsaudit_cid_lock and @task's siglock; sleeps.
 *
 * Return: 0, -ESRCH (exiting), -EBUSY, -EEXIST, -ENOSPC (the "contids"
 * limit) or -ENOMEM, with an extack message.
 */
int nsaudit_contid_set(struct task_struct *task, u64 id, const char *name,
		       struct netlink_ext_ack *extack)
{
	struct nsaudit_cid_task *e, *pending;
	struct nsaudit_cid *cid, *fresh;
	struct nsaudit_config cfg;
	unsigned long flags;
	int err = 0;

	e = nsaudit_cid_task_alloc(GFP_KERNEL);
	pending = nsaudit_cid_task_alloc(GFP_KERNEL);
	fresh = kzalloc(sizeof(*fresh), GFP_KERNEL);
	if (!e || !pending || !fresh) {
		err = -ENOMEM;
		NL_SET_ERR_MSG(extack, "no memory for the container ID");
		goto free;
	}
	nsaudit_config_read(&cfg);

	mutex_lock(&nsaudit_cid_lock);
	cid = nsaudit_cid_join(id);
	if (!cid) {
		if (nsaudit_cid_count >= cfg.limits.contids) {
			NL_SET_ERR_MSG(extack,
				       "as many container IDs in use as the contids limit allows");
			err = -ENOSPC;
			goto out;
		}
		/*
		 * A new lifetime: the table's reference and the SET's task
		 * count; published below if the task takes it.
		 */
		cid = fresh;
		cid->id = id;
		refcount_set(&cid->ref, 1);
		atomic_set(&cid->tasks, 1);
		INIT_WORK(&cid->drop, nsaudit_cid_drop);
	}
	if (!nsaudit_cid_armed) {
		/* Before any entry exists: every fork and exit is seen. */
		err = nsaudit_hooks_set_contid(true);
		if (err) {
			NL_SET_ERR_MSG(extack, "cannot arm the fork and exit hooks");
			goto idle;
		}
		nsaudit_cid_armed = true;
		nsaudit_cid_reserve_fill();
	}

	if (!nsaudit_lock_task_sighand(task, &flags)) {
		NL_SET_ERR_MSG(extack, "the process is exiting");
		err = -ESRCH;
		goto idle;
	}
	if (task->flags & PF_EXITING) {
		NL_SET_ERR_MSG(extack, "the process is exiting");
		err = -ESRCH;
	} else if (READ_ONCE(task->__state) & TASK_NEW) {
		/* Its fork has yet to give it its parent's ID (or none). */
		NL_SET_ERR_MSG(extack, "the process is still being created");
		err = -EBUSY;
	} else if (nsaudit_contid_task(task) != NSAUDIT_CONTID_UNSET) {
		NL_SET_ERR_MSG(extack,
			       "the process has a container ID already, and it never changes");
		err = -EEXIST;
	} else if (!thread_group_empty(task) || !list_empty(&task->children)) {
		NL_SET_ERR_MSG(extack,
			       "the process has threads or children: give the ID before it makes any");
		err = -EBUSY;
	} else {
		e->pending = pending;	/* for its first child */
		nsaudit_cid_task_add(e, task, cid);
		e = NULL;
		pending = NULL;
	}
	unlock_task_sighand(task, &flags);

	if (!err && cid == fresh) {
		hash_add(nsaudit_cids, &cid->node, id);
		nsaudit_cid_count++;
		fresh = NULL;
	}
idle:
	/* A joined lifetime gets its count back (and may end here). */
	if (err && cid != fresh)
		nsaudit_cid_task_gone(cid, 0);
	nsaudit_cid_disarm_idle();
out:
	mutex_unlock(&nsaudit_cid_lock);
free:
	nsaudit_cid_task_release(pending);
	nsaudit_cid_task_release(e);
	kfree(fresh);
	if (!err)
		nsaudit_cid_log(true, task_pid_nr(task), id, name);
	return err;
}

/**
 * nsaudit_contid_counts() - what the module tracks now
 * @ids: set to the IDs in use (those being dropped included)
 * @tasks: set to the tasks carrying one (exited ones not yet freed included)
 * @lost: set to the tasks created without their parent's ID since load
 *
 * Context: process; takes nsaudit_cid_lock.
 */
void nsaudit_contid_counts(u64 *ids, u64 *tasks, u64 *lost)
{
	mutex_lock(&nsaudit_cid_lock);
	*ids = nsaudit_cid_count;
	mutex_unlock(&nsaudit_cid_lock);
	*tasks = atomic_read(&nsaudit_cid_entries);
	*lost = atomic64_read(&nsaudit_cid_lost_total);
}

/**
 * nsaudit_contid_init() - the task table and cache, the workqueue
 *
 * Context: process (module init), before any hook can be armed.
 *
 * Return: 0 or -ENOMEM.
 */
int nsaudit_contid_init(void)
{
	int i;

	nsaudit_cid_tasks = kvmalloc_array(1 << NSAUDIT_CID_TASK_BITS,
					   sizeof(*nsaudit_cid_tasks),
					   GFP_KERNEL);
	if (!nsaudit_cid_tasks)
		return -ENOMEM;
	for (i = 0; i < 1 << NSAUDIT_CID_TASK_BITS; i++)
		INIT_HLIST_BL_HEAD(&nsaudit_cid_tasks[i]);
	/* Charged to the memory cgroup of the task that forks or sets. */
	nsaudit_cid_task_cache = KMEM_CACHE(nsaudit_cid_task, SLAB_ACCOUNT);
	if (!nsaudit_cid_task_cache)
		goto err_table;
	nsaudit_cid_wq = alloc_workqueue("nsaudit_contid", NSAUDIT_WQ_PERCPU, 0);
	if (!nsaudit_cid_wq)
		goto err_cache;
	if (init_srcu_struct(&nsaudit_cid_srcu))
		goto err_wq;
	return 0;

err_wq:
	destroy_workqueue(nsaudit_cid_wq);
err_cache:
	kmem_cache_destroy(nsaudit_cid_task_cache);
err_table:
	kvfree(nsaudit_cid_tasks);
	return -ENOMEM;
}

/**
 * nsaudit_contid_exit() - forget every ID
 *
 * Called once the hooks are unregistered and the family is gone (nothing
 * adds an entry any more) and after enrichment's own exit (no redirected
 * record reads the table any more). Tasks keep running without IDs: the
 * IDs live as long as the module. Pending drop records are still logged.
 *
 * Context: process (module exit); sleeps.
 */
void nsaudit_contid_exit(void)
{
	struct nsaudit_cid_task *e;
	struct hlist_bl_node *pos, *tmp;
	struct nsaudit_cid *cid;
	struct hlist_node *next;
	int i;

	tracepoint_synchronize_unregister();
	synchronize_srcu(&nsaudit_cid_srcu);
	cleanup_srcu_struct(&nsaudit_cid_srcu);
	destroy_workqueue(nsaudit_cid_wq);
	synchronize_rcu();

	for (i = 0; i < 1 << NSAUDIT_CID_TASK_BITS; i++) {
		hlist_bl_for_each_entry_safe(e, pos, tmp, &nsaudit_cid_tasks[i],
					     node) {
			hlist_bl_del(&e->node);
			nsaudit_cid_task_release(e->pending);
			nsaudit_cid_put(e->cid);
			nsaudit_cid_task_release(e);
		}
	}
	hash_for_each_safe(nsaudit_cids, i, next, cid, node) {
		hash_del(&cid->node);
		nsaudit_cid_put(cid);
	}
	while (nsaudit_cid_reserve_len)
		nsaudit_cid_task_release(nsaudit_cid_reserve[--nsaudit_cid_reserve_len]);
	/* The entries released before: their callbacks are module text. */
	rcu_barrier();
	kmem_cache_destroy(nsaudit_cid_task_cache);
	kvfree(nsaudit_cid_tasks);
}
