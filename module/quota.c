// SPDX-License-Identifier: GPL-2.0
/*
 * Quotas: what one user, and one daemon, may hold of what all share.
 *
 * Any unprivileged user can make user namespaces and register a daemon in
 * each, so the host-wide limits alone would let one user take every daemon
 * slot, all the memory records may be queued in, and every pending syscall
 * slot (sysexit.c). Each daemon therefore charges what it holds three
 * times: to itself, to its user and to the pool of all namespace daemons,
 * each with a limit. The initial user namespace's daemon (the host's) is
 * counted in none of them: it has its slot and a budget of its own, so
 * nothing a namespace does can shut it out or make it lose records.
 *
 * The user of a namespace is whoever made its chain: the owner (a uid of
 * the initial namespace) of the chain's namespace just below the initial
 * one, which no process inside can change. Chains the host's root made are
 * each a user of their own, so that every container of a platform running
 * as root has its own quota rather than all of them one.
 *
 * Limits (module parameters and NSAUDIT_CMD_SET): "daemons" and "memory"
 * for all namespace daemons together, "user_daemons" and "user_memory" per
 * user, "daemon_memory" per daemon; the host's daemon has "memory" KiB of
 * its own. Pending syscall slots are fixed: NSAUDIT_PENDING_HOST of the
 * pool are kept for the host's tasks, a user's tasks may hold
 * NSAUDIT_PENDING_USER and a namespace daemon NSAUDIT_PENDING_DAEMON.
 *
 * Ownership and lifetime: a daemon's quota is made at registration and
 * referenced by its daemon and by every pending slot charged to it; it
 * holds a reference to its user's. A user's quota is in the users table
 * (which holds a reference) while the user has a daemon. Each is freed by
 * its last reference: a daemon (after the grace period that frees it) or a
 * slot's task work, both in process context. Probe context only takes
 * references on a quota its daemon, alive under RCU, still holds.
 *
 * Locking: the users table and the daemon counts are under
 * nsaudit_daemons_lock; bytes and pending counts are atomic, charged with
 * an add that is undone past the limit (a charge never waits).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/atomic.h>
#include <linux/err.h>
#include <linux/hash.h>
#include <linux/hashtable.h>
#include <linux/netlink.h>
#include <linux/random.h>
#include <linux/refcount.h>
#include <linux/siphash.h>
#include <linux/slab.h>
#include <linux/uidgid.h>
#include <linux/user_namespace.h>
#include "nsaudit.h"

#define NSAUDIT_USERS_BITS	6

struct nsaudit_quota {
	refcount_t ref;
	struct nsaudit_quota *user;	/* a daemon's: its user's, or NULL */
	bool host;			/* the host's daemon's */
	/* A user's only, under nsaudit_daemons_lock: */
	struct hlist_node node;		/* in nsaudit_users while it has daemons */
	kuid_t uid;			/* the chain's owner */
	const struct user_namespace *top; /* root's chains: the chain's top */
	unsigned int daemons;
	/* Atomic: */
	atomic_long_t bytes;		/* truesize of the records queued */
	atomic_t pending;		/* a daemon's: pending slots for it */
};

static DEFINE_HASHTABLE(nsaudit_users, NSAUDIT_USERS_BITS);
/* Namespace daemons registered (the host's not counted): the lock. */
static unsigned int nsaudit_quota_daemons;
/* What all namespace daemons hold together. */
static atomic_long_t nsaudit_quota_bytes = ATOMIC_LONG_INIT(0);
/* Pending slots held by tasks in namespaces, the host's tasks' not counted. */
static atomic_t nsaudit_quota_pending = ATOMIC_INIT(0);

/**
 * nsaudit_quota_put() - drop a reference to a quota
 * @q: the quota, or NULL
 *
 * A daemon drops its own when it is freed, after nsaudit_quota_close().
 *
 * Context: process, or where the caller knows it is not the last.
 */
void nsaudit_quota_put(struct nsaudit_quota *q)
{
	struct nsaudit_quota *user;

	while (q && refcount_dec_and_test(&q->ref)) {
		user = q->user;
		kfree(q);
		q = user;
	}
}

/* The namespace just below the initial one on @ns's chain. */
static const struct user_namespace *nsaudit_quota_top(const struct user_namespace *ns)
{
	while (ns->parent != &init_user_ns)
		ns = ns->parent;
	return ns;
}

static unsigned long nsaudit_user_hash(kuid_t uid,
				       const struct user_namespace *top)
{
	return hash_ptr(top, 32) ^ __kuid_val(uid);
}

/* The quota of @ns's user, found or made; under the lock. */
static struct nsaudit_quota *nsaudit_user_get(const struct user_namespace *ns)
{
	const struct user_namespace *top = nsaudit_quota_top(ns);
	kuid_t uid = top->owner;
	struct nsaudit_quota *u;
	unsigned long key;

	lockdep_assert_held(&nsaudit_daemons_lock);
	if (!uid_eq(uid, GLOBAL_ROOT_UID))
		top = NULL;
	key = nsaudit_user_hash(uid, top);
	hash_for_each_possible(nsaudit_users, u, node, key)
		if (uid_eq(u->uid, uid) && u->top == top)
			return u;
	u = kzalloc(sizeof(*u), GFP_KERNEL_ACCOUNT);
	if (!u)
		return NULL;
	refcount_set(&u->ref, 1);	/* the table's */
	u->uid = uid;
	u->top = top;
	hash_add(nsaudit_users, &u->node, key);
	return u;
}

/* Drop the table's reference of a user left without a daemon. */
static void nsaudit_user_release(struct nsaudit_quota *u)
{
	lockdep_assert_held(&nsaudit_daemons_lock);
	if (u->daemons)
		return;
	hash_del(&u->node);
	nsaudit_quota_put(u);
}

/**
 * nsaudit_quota_open() - the quota of a daemon about to register
 * @ns: its user namespace
 * @limits: the limits in force
 * @extack: for the reason of a refusal
 *
 * Context: process, under nsaudit_daemons_lock.
 *
 * Return: the quota, to be given to nsaudit_quota_close() when the daemon
 * is removed, or ERR_PTR(-ENOSPC) at the "daemons" or "user_daemons" limit
 * (never for the host's daemon), or ERR_PTR(-ENOMEM).
 */
struct nsaudit_quota *nsaudit_quota_open(const struct user_namespace *ns,
					 const struct nsaudit_limits *limits,
					 struct netlink_ext_ack *extack)
{
	struct nsaudit_quota *q, *u = NULL;

	lockdep_assert_held(&nsaudit_daemons_lock);
	if (ns != &init_user_ns) {
		if (nsaudit_quota_daemons >= limits->daemons) {
			NL_SET_ERR_MSG(extack,
				       "the host's limit of audit daemons is reached");
			return ERR_PTR(-ENOSPC);
		}
		u = nsaudit_user_get(ns);
		if (!u)
			return ERR_PTR(-ENOMEM);
		if (u->daemons >= limits->user_daemons) {
			NL_SET_ERR_MSG(extack,
				       "the limit of audit daemons of this namespace's user is reached");
			nsaudit_user_release(u);
			return ERR_PTR(-ENOSPC);
		}
	}
	q = kzalloc(sizeof(*q), GFP_KERNEL_ACCOUNT);
	if (!q) {
		if (u)
			nsaudit_user_release(u);
		return ERR_PTR(-ENOMEM);
	}
	refcount_set(&q->ref, 1);	/* the daemon's */
	q->host = !u;
	if (u) {
		refcount_inc(&u->ref);
		q->user = u;
		u->daemons++;
		nsaudit_quota_daemons++;
	}
	return q;
}

/**
 * nsaudit_quota_close() - a daemon is removed: its slot is free again
 * @q: its quota
 *
 * What is still charged to @q (queued records, pending slots) is given back
 * by its holders, the daemon's queue when it is freed; the daemon's
 * reference goes then too (nsaudit_quota_put()).
 *
 * Context: process, under nsaudit_daemons_lock.
 */
void nsaudit_quota_close(struct nsaudit_quota *q)
{
	lockdep_assert_held(&nsaudit_daemons_lock);
	if (q->user) {
		q->user->daemons--;
		nsaudit_quota_daemons--;
		nsaudit_user_release(q->user);
	}
}

/* Adds @n to @v unless that takes it past @max; true if added. */
static __always_inline bool nsaudit_charge_long(atomic_long_t *v, long n,
						long max)
{
	if (atomic_long_add_return(n, v) <= max)
		return true;
	atomic_long_sub(n, v);
	return false;
}

static __always_inline bool nsaudit_charge_int(atomic_t *v, int max)
{
	if (atomic_inc_return(v) <= max)
		return true;
	atomic_dec(v);
	return false;
}

/**
 * nsaudit_quota_charge() - charge a record to be queued for a daemon
 * @q: the daemon's quota (its daemon alive)
 * @size: the record's truesize
 * @limits: the limits in force
 *
 * Context: any; no lock, no allocation.
 *
 * Return: true if charged (undo with nsaudit_quota_uncharge()), false if
 * the daemon, its user or all namespace daemons together would go past
 * their memory limit.
 */
bool nsaudit_quota_charge(struct nsaudit_quota *q, unsigned int size,
			  const struct nsaudit_limits *limits)
{
	if (q->host)
		return nsaudit_charge_long(&q->bytes, size,
					   (long)limits->memory << 10);
	if (!nsaudit_charge_long(&q->bytes, size,
				 (long)limits->daemon_memory << 10))
		return false;
	if (!nsaudit_charge_long(&q->user->bytes, size,
				 (long)limits->user_memory << 10))
		goto undo_daemon;
	if (!nsaudit_charge_long(&nsaudit_quota_bytes, size,
				 (long)limits->memory << 10))
		goto undo_user;
	return true;

undo_user:
	atomic_long_sub(size, &q->user->bytes);
undo_daemon:
	atomic_long_sub(size, &q->bytes);
	return false;
}

/**
 * nsaudit_quota_uncharge() - a charged record is sent or dropped
 * @q: the daemon's quota (its daemon alive)
 * @size: the record's truesize, as charged
 *
 * Context: any.
 */
void nsaudit_quota_uncharge(struct nsaudit_quota *q, unsigned int size)
{
	atomic_long_sub(size, &q->bytes);
	if (!q->host) {
		atomic_long_sub(size, &q->user->bytes);
		atomic_long_sub(size, &nsaudit_quota_bytes);
	}
}

/*
 * Pending syscall slots are held by tasks (a task preempted between its
 * syscall's exit probe and its task work holds one), so they are charged
 * to the task's user, whichever daemon the slot is for: a user's tasks
 * whose syscalls only the host's rules name must not take the host's part.
 * The probe cannot allocate, so a user's count lives in a bucket chosen by
 * a keyed hash of the user (random key, made at load): two users share a
 * bucket only by chance, which no user can arrange.
 */
#define NSAUDIT_PENDING_USERS_BITS	10
static atomic_t nsaudit_pending_users[1 << NSAUDIT_PENDING_USERS_BITS];
static siphash_key_t nsaudit_pending_key;

/**
 * nsaudit_quota_init() - make the key of the pending slots' user buckets
 *
 * Context: process (module init).
 */
void nsaudit_quota_init(void)
{
	get_random_bytes(&nsaudit_pending_key, sizeof(nsaudit_pending_key));
}

/* The bucket of @ns's user (@ns below the initial namespace). */
static __always_inline atomic_t *
nsaudit_pending_user(const struct user_namespace *ns)
{
	u64 top = 0;

	while (ns->parent != &init_user_ns)
		ns = ns->parent;
	/* Root's chains are each a user of their own, as in nsaudit_user_get(). */
	if (uid_eq(ns->owner, GLOBAL_ROOT_UID))
		top = (unsigned long)ns;
	return &nsaudit_pending_users[siphash_2u64(__kuid_val(ns->owner), top,
						   &nsaudit_pending_key) &
				      (ARRAY_SIZE(nsaudit_pending_users) - 1)];
}

/**
 * nsaudit_quota_pending_take() - charge a pending syscall slot
 * @q: the quota of the daemon the slot is for (its daemon alive, under RCU)
 * @ns: the user namespace of the task that will hold the slot
 * @c: where the charge is noted, for nsaudit_quota_pending_give()
 *
 * A namespace daemon may have NSAUDIT_PENDING_DAEMON slots, and a task's
 * user NSAUDIT_PENDING_USER; tasks in namespaces together leave
 * NSAUDIT_PENDING_HOST of the pool to the host's tasks.
 *
 * Context: the sys_exit probe (preemptible on 7.x) or a syscall-entry
 * kprobe; atomic operations only, no lock, no per-CPU state.
 *
 * Return: true with a reference on @q taken (both given back by
 * nsaudit_quota_pending_give()), false at a limit.
 */
notrace bool nsaudit_quota_pending_take(struct nsaudit_quota *q,
					const struct user_namespace *ns,
					struct nsaudit_pending_charge *c)
{
	c->quota = q;
	c->user = NULL;
	if (!q->host && !nsaudit_charge_int(&q->pending, NSAUDIT_PENDING_DAEMON))
		return false;
	if (ns != &init_user_ns) {
		c->user = nsaudit_pending_user(ns);
		if (!nsaudit_charge_int(c->user, NSAUDIT_PENDING_USER))
			goto undo_daemon;
		if (!nsaudit_charge_int(&nsaudit_quota_pending,
					NSAUDIT_PENDING_MAX - NSAUDIT_PENDING_HOST))
			goto undo_user;
	}
	refcount_inc(&q->ref);
	return true;

undo_user:
	atomic_dec(c->user);
undo_daemon:
	if (!q->host)
		atomic_dec(&q->pending);
	return false;
}

/**
 * nsaudit_quota_pending_give() - a pending slot is free again
 * @c: what nsaudit_quota_pending_take() charged; the slot's reference on
 *	the daemon's quota is dropped
 *
 * Context: process (the slot's task work), or the probe that took it
 * (where the daemon's own reference keeps the quota).
 */
notrace void nsaudit_quota_pending_give(struct nsaudit_pending_charge *c)
{
	if (!c->quota->host)
		atomic_dec(&c->quota->pending);
	if (c->user) {
		atomic_dec(c->user);
		atomic_dec(&nsaudit_quota_pending);
	}
	nsaudit_quota_put(c->quota);
}
