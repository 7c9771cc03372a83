// SPDX-License-Identifier: GPL-2.0
/*
 * Routing of records to per-namespace daemons.
 *
 * A record caused by a user task goes to the daemon of the task's user
 * namespace and to that of every ancestor namespace that has one. Copies
 * are made in the context of the task that logs the record (the redirected
 * audit_log_end(), see enrich.c): only there are the pids in it sure to
 * name live processes. Each copy is translated into its daemon's view
 * (translate.c), built as a finished netlink message with GFP_NOWAIT (it
 * neither sleeps nor dips into reserves) and queued. A worker per daemon
 * sends its queue to the daemon's socket without blocking; while the
 * socket is full, records stay queued and the worker retries with a
 * backoff, the way kauditd keeps a record it could not send. A record
 * that finds the queue at its backlog, a memory limit reached (the
 * daemon's, its user's or all daemons', quota.c) or no memory is counted
 * as lost and never waited for: no task blocks, and a
 * stopped daemon slows nobody.
 *
 * Locking: a daemon's queue lock (a spinlock taken in the logging task's
 * context, the kind audit_log_end() itself takes next, and never held
 * with another lock of ours) protects its queue and its started flag.
 * The worker is the only sender. Counters are atomic.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/atomic.h>
#include <linux/cred.h>
#include <linux/jump_label.h>
#include <linux/kprobes.h>
#include <linux/pid.h>
#include <linux/pid_namespace.h>
#include <linux/sched.h>
#include <linux/skbuff.h>
#include <linux/uidgid.h>
#include <linux/user_namespace.h>
#include <linux/workqueue.h>
#include <net/genetlink.h>
#include "nsaudit.h"
#include "translate.h"

/* The longest pause between two tries to a full socket. */
#define NSAUDIT_RETRY_MAX	(HZ / 10)

static struct workqueue_struct *nsaudit_route_wq;
/* Since load, over all daemons, gone ones included. */
static atomic64_t nsaudit_route_forwarded = ATOMIC64_INIT(0);
static atomic64_t nsaudit_route_lost = ATOMIC64_INIT(0);

/**
 * nsaudit_route_wanted() - whether a record of current goes to a daemon
 *
 * Context: probe context or the logging task's; no lock, no allocation.
 *
 * Return: true if current's user namespace or an ancestor has a daemon
 * that takes current's records, and current is no audit daemon's task.
 */
bool nsaudit_route_wanted(void)
{
	const struct user_namespace *ns;
	bool wanted = false;

	if (!static_branch_unlikely(&nsaudit_route_key))
		return false;
	rcu_read_lock();
	for (ns = current_user_ns(); ns && !wanted; ns = ns->parent)
		wanted = nsaudit_route_shares(nsaudit_daemon_find(ns));
	rcu_read_unlock();
	/* An audit daemon's own records would feed the daemons back. */
	return wanted && !nsaudit_daemon_task();
}
NOKPROBE_SYMBOL(nsaudit_route_wanted);

static void nsaudit_route_lose(struct nsaudit_daemon *d)
{
	atomic64_inc(&d->lost);
	atomic64_inc(&nsaudit_route_lost);
}

/*
 * An ID of the record, as the initial namespaces see it, in @arg's (a
 * daemon's) view. Called inside nsaudit_route_record()'s RCU section,
 * which the pid lookup needs.
 */
static u32 nsaudit_route_map(enum nsaudit_field_kind kind, u32 id,
			     const void *arg)
{
	const struct nsaudit_daemon *d = arg;
	kuid_t uid = make_kuid(&init_user_ns, id);

	switch (kind) {
	case NSAUDIT_FIELD_PID:
		return pid_nr_ns(find_pid_ns(id, &init_pid_ns), d->pid_ns);
	case NSAUDIT_FIELD_UID:
		return from_kuid_munged(d->user_ns, uid);
	case NSAUDIT_FIELD_GID:
		return from_kgid_munged(d->user_ns, make_kgid(&init_user_ns, id));
	default:
		return from_kuid(d->user_ns, uid);
	}
}

/* One copy as an NSAUDIT_CMD_RECORD message, or NULL without memory. */
static struct sk_buff *nsaudit_route_copy(const struct nsaudit_daemon *d,
					  u16 type, const char *text,
					  size_t len, size_t bound,
					  const char *nsid, int nsid_len,
					  bool own_key)
{
	const struct nsaudit_view view = {
		.map = nsaudit_route_map,
		.arg = d,
		.reveal_keys = d->reveal_keys || own_key,
	};
	size_t room = bound + nsid_len + 1, n;
	struct sk_buff *skb;
	struct nlattr *attr;
	char *out;
	void *hdr;

	skb = genlmsg_new(nla_total_size(sizeof(u16)) + nla_total_size(room),
			  GFP_NOWAIT | __GFP_NOWARN);
	if (!skb)
		return NULL;
	hdr = nsaudit_genl_put(skb, NSAUDIT_CMD_RECORD);
	if (!hdr || nla_put_u16(skb, NSAUDIT_A_RECORD_TYPE, type))
		goto err;
	attr = nla_reserve(skb, NSAUDIT_A_RECORD_TEXT, room);
	if (!attr)
		goto err;
	out = nla_data(attr);
	n = nsaudit_translate(out, bound, type, text, len, &view);
	memcpy(out + n, nsid, nsid_len);
	n += nsid_len;
	out[n++] = '\0';
	/* Give back the room the translation did not need; zero the pad. */
	memset(out + n, 0, nla_total_size(n) - nla_attr_size(n));
	attr->nla_len = nla_attr_size(n);
	nlmsg_trim(skb, (char *)attr + nla_total_size(n));
	genlmsg_end(skb, hdr);
	return skb;

err:
	nlmsg_free(skb);
	return NULL;
}

/*
 * Queue one copy (or count it lost); @skb may be NULL: no memory. Charged
 * to the daemon's quota (quota.c) while queued.
 */
static void nsaudit_route_queue(struct nsaudit_daemon *d, struct sk_buff *skb,
				const struct nsaudit_limits *limits)
{
	bool queued = false, started;

	atomic64_inc(&d->routed);
	if (skb && !nsaudit_quota_charge(d->quota, skb->truesize, limits)) {
		kfree_skb(skb);
		skb = NULL;
	}
	spin_lock(&d->queue.lock);
	if (skb && skb_queue_len(&d->queue) < d->backlog) {
		__skb_queue_tail(&d->queue, skb);
		queued = true;
	}
	started = d->started;
	spin_unlock(&d->queue.lock);
	if (!queued) {
		if (skb) {
			nsaudit_quota_uncharge(d->quota, skb->truesize);
			kfree_skb(skb);
		}
		nsaudit_route_lose(d);
	}
	/* A loss is worth waking the worker too: it tells the daemon. */
	if (started)
		queue_delayed_work(nsaudit_route_wq, &d->work, 0);
}

/**
 * nsaudit_route_record() - copy a record to every daemon that takes it
 * @rec: the record's skb, queued by audit_log_end() (read only)
 * @rec_len: the skb's length before the host's nsID set was appended
 * @type: its type
 * @id: the nsID set to append to the copies, or NULL (auxiliary record)
 *
 * Context: that of the task logging the record; no sleep, no lock but the
 * queue locks, GFP_NOWAIT allocations.
 */
void nsaudit_route_record(const struct sk_buff *rec, unsigned int rec_len,
			  u16 type, const struct nsaudit_nsid *id)
{
	const char *text = nlmsg_data(nlmsg_hdr(rec));
	size_t len = rec_len - NLMSG_HDRLEN, bound = 0;
	char nsid[NSAUDIT_NSID_TEXT_MAX];
	const struct user_namespace *ns;
	struct nsaudit_config cfg;
	struct nsaudit_daemon *d;
	int nsid_len = 0;

	nsaudit_config_read(&cfg);
	if (id)
		nsid_len = nsaudit_nsid_text(nsid, id);
	rcu_read_lock();
	for (ns = current_user_ns(); ns; ns = ns->parent) {
		d = nsaudit_daemon_find(ns);
		if (!nsaudit_route_shares(d) || nsaudit_rules_excluded(d, type))
			continue;
		if (!bound)
			bound = nsaudit_translate_bound(type, text, len);
		nsaudit_route_queue(d, nsaudit_route_copy(d, type, text, len,
							  bound, nsid,
							  nsid_len, false),
				    &cfg.limits);
	}
	rcu_read_unlock();
}

/**
 * nsaudit_route_syscall() - queue a SYSCALL record a daemon's rule made
 * @d: the daemon whose rule matched (under RCU)
 * @text: the record as the kernel would write it, in the initial
 *	namespaces' view, with the key of @d's rule
 * @len: its length
 * @id: the nsID set of the task
 *
 * Translated into @d's view like a routed record, but with its key: the
 * rule is the daemon's own.
 *
 * Context: the task that made the syscall, inside an RCU read-side
 * section; GFP_NOWAIT allocations.
 */
void nsaudit_route_syscall(struct nsaudit_daemon *d, const char *text,
			   size_t len, const struct nsaudit_nsid *id)
{
	char nsid[NSAUDIT_NSID_TEXT_MAX];
	struct nsaudit_config cfg;
	int nsid_len;
	size_t bound;

	if (nsaudit_rules_excluded(d, AUDIT_SYSCALL))
		return;
	nsaudit_config_read(&cfg);
	nsid_len = nsaudit_nsid_text(nsid, id);
	bound = nsaudit_translate_bound(AUDIT_SYSCALL, text, len);
	nsaudit_route_queue(d, nsaudit_route_copy(d, AUDIT_SYSCALL, text, len,
						  bound, nsid, nsid_len, true),
			    &cfg.limits);
}

/**
 * nsaudit_route_drop() - count a record for @d that could not be made
 * @d: the daemon (under RCU)
 *
 * Context: any; no lock, no allocation.
 */
void nsaudit_route_drop(struct nsaudit_daemon *d)
{
	atomic64_inc(&d->routed);
	atomic64_inc(&d->lost);
	atomic64_inc(&nsaudit_route_lost);
}

/* Tell the daemon how many records it lost; the message goes or not. */
static int nsaudit_route_send_lost(struct nsaudit_daemon *d, u64 *told)
{
	struct sk_buff *skb;
	void *hdr;

	skb = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!skb)
		return -ENOMEM;
	hdr = nsaudit_genl_put(skb, NSAUDIT_CMD_LOST);
	*told = atomic64_read(&d->lost);
	if (!hdr || nsaudit_daemon_put(skb, d, d->pid_ns)) {
		nlmsg_free(skb);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return nsaudit_daemon_send(d, skb);
}

/**
 * nsaudit_route_work() - send a daemon's queue to its socket
 * @work: the daemon's work
 *
 * Never blocks on the socket: a full socket (-EAGAIN) leaves the record at
 * the head of the queue and the worker comes back after a pause that
 * doubles up to NSAUDIT_RETRY_MAX while the socket stays full. Each send
 * is of a clone, so that the record itself stays when the send fails.
 *
 * Context: process (the nsaudit workqueue); one instance per daemon.
 */
void nsaudit_route_work(struct work_struct *work)
{
	struct nsaudit_daemon *d = container_of(to_delayed_work(work),
						struct nsaudit_daemon, work);
	struct sk_buff *skb, *clone;
	unsigned int truesize;
	u64 told;
	int err;

	for (;;) {
		if (atomic64_read(&d->lost) != d->lost_told) {
			err = nsaudit_route_send_lost(d, &told);
			if (err == -EAGAIN)
				goto retry;
			d->lost_told = told;
		}
		skb = skb_dequeue(&d->queue);
		if (!skb)
			break;
		truesize = skb->truesize;
		/*
		 * A clone goes out and the record stays ours until it is
		 * delivered. Not an extra reference to the record itself:
		 * the socket would own it, and if the daemon closed the
		 * socket meanwhile, its last reference would find the record
		 * still charged to it (netlink_sock_destruct() warns, seen
		 * on the rt lane).
		 */
		clone = skb_clone(skb, GFP_KERNEL);
		err = clone ? nsaudit_daemon_send(d, clone) : -EAGAIN;
		if (err == -EAGAIN) {
			skb_queue_head(&d->queue, skb);
			goto retry;
		}
		nsaudit_quota_uncharge(d->quota, truesize);
		if (err) {
			nsaudit_route_lose(d);
		} else {
			atomic64_inc(&d->delivered);
			atomic64_inc(&nsaudit_route_forwarded);
		}
		consume_skb(skb);
		cond_resched();
	}
	d->retry = 0;
	return;

retry:
	d->retry = d->retry ? min_t(unsigned long, d->retry * 2,
				    NSAUDIT_RETRY_MAX) : 1;
	queue_delayed_work(nsaudit_route_wq, &d->work, d->retry);
}

/**
 * nsaudit_route_start() - let the worker send what is and will be queued
 * @d: a daemon whose REGISTER reply has been sent
 *
 * Context: process.
 */
void nsaudit_route_start(struct nsaudit_daemon *d)
{
	spin_lock(&d->queue.lock);
	d->started = true;
	spin_unlock(&d->queue.lock);
	queue_delayed_work(nsaudit_route_wq, &d->work, 0);
}

/**
 * nsaudit_route_purge() - drop what is still queued for a daemon
 * @d: a daemon no task routes to any more, its worker stopped
 *
 * Context: process.
 */
void nsaudit_route_purge(struct nsaudit_daemon *d)
{
	struct sk_buff *skb;

	while ((skb = skb_dequeue(&d->queue))) {
		nsaudit_quota_uncharge(d->quota, skb->truesize);
		nsaudit_route_lose(d);
		kfree_skb(skb);
	}
}

/**
 * nsaudit_route_counters() - copies delivered and lost since load
 * @forwarded: delivered to daemons' sockets
 * @lost: lost
 *
 * Context: any; a snapshot.
 */
void nsaudit_route_counters(u64 *forwarded, u64 *lost)
{
	*forwarded = atomic64_read(&nsaudit_route_forwarded);
	*lost = atomic64_read(&nsaudit_route_lost);
}

int nsaudit_route_init(void)
{
	nsaudit_route_wq = alloc_workqueue("nsaudit", WQ_UNBOUND, 0);
	return nsaudit_route_wq ? 0 : -ENOMEM;
}

void nsaudit_route_exit(void)
{
	destroy_workqueue(nsaudit_route_wq);
}
