// SPDX-License-Identifier: GPL-2.0
/*
 * The registry of per-namespace audit daemons: at most one per user
 * namespace, each bound to the netlink socket it registered from.
 *
 * Identity is the socket object, never its (netns, portid): netlink frees
 * a port when the socket is released, before NETLINK_URELEASE is
 * announced, and any process of that netns may bind it then. So a daemon
 * holds a reference to its struct sock; records go into that very
 * socket's receive queue (nsaudit_daemon_send()), commands are the
 * daemon's only if they come from that socket, and the release notifier
 * ends a registration only once its socket is dead.
 *
 * Ownership and lifetime: a daemon is created by NSAUDIT_CMD_REGISTER and
 * owned by the registry until NSAUDIT_CMD_UNREGISTER, the close of its
 * socket (NETLINK_URELEASE) or module unload removes it. Removal unhashes
 * it under nsaudit_daemons_lock, waits for an RCU grace period (routing
 * reads the registry under RCU from the context of whichever task logs a
 * record), stops its worker and frees it with its queue. It holds
 * references to its user namespace (the key), PID namespace and process
 * (its view), and network namespace (where its socket lives), and its
 * quota (quota.c), whose slot it gives back when removed. Its namespace's
 * rules (rules.c) belong to it and go when it is removed.
 *
 * Locking: nsaudit_daemons_lock (a mutex, process context only) serialises
 * every change to the registry and is taken before nsaudit_hooks_lock.
 * Readers of both tables use RCU: the release notifier, called for every
 * generic netlink socket closed on the system, takes the mutex only for a
 * daemon's own socket.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cred.h>
#include <linux/err.h>
#include <linux/hashtable.h>
#include <linux/kprobes.h>
#include <linux/jump_label.h>
#include <linux/mutex.h>
#include <linux/notifier.h>
#include <linux/pid_namespace.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/user_namespace.h>
#include <net/genetlink.h>
#include <net/netns/hash.h>
#include <net/sock.h>
#include "nsaudit.h"

#define NSAUDIT_DAEMON_HASH_BITS	8

DEFINE_MUTEX(nsaudit_daemons_lock);
/* Keyed by user namespace: written under the lock, read under RCU. */
static DEFINE_HASHTABLE(nsaudit_daemons_by_ns, NSAUDIT_DAEMON_HASH_BITS);
/* Keyed by the socket's (netns, portid): written under the lock, RCU. */
static DEFINE_HASHTABLE(nsaudit_daemons_by_sock, NSAUDIT_DAEMON_HASH_BITS);
/* Keyed by the daemon's process (struct pid): written under the lock, RCU. */
static DEFINE_HASHTABLE(nsaudit_daemons_by_tgid, NSAUDIT_DAEMON_HASH_BITS);
/* Protected by the lock; read with READ_ONCE() to skip foreign sockets. */
static unsigned int nsaudit_daemons_count;

/* On while at least one daemon is registered: routing is looked at. */
DEFINE_STATIC_KEY_FALSE(nsaudit_route_key);

static u32 nsaudit_sock_hash(const struct net *net, u32 portid)
{
	return portid ^ net_hash_mix(net);
}

/**
 * nsaudit_daemon_find() - the daemon of a user namespace
 * @ns: the user namespace
 *
 * Context: inside an RCU read-side section (or under nsaudit_daemons_lock);
 * the result is valid until it ends.
 *
 * Return: the daemon, or NULL.
 */
struct nsaudit_daemon *nsaudit_daemon_find(const struct user_namespace *ns)
{
	struct nsaudit_daemon *d;

	hash_for_each_possible_rcu(nsaudit_daemons_by_ns, d, ns_node,
				   (unsigned long)ns,
				   lockdep_is_held(&nsaudit_daemons_lock))
		if (d->user_ns == ns)
			return d;
	return NULL;
}
NOKPROBE_SYMBOL(nsaudit_daemon_find);

/**
 * nsaudit_daemon_task() - whether current is an audit daemon's task
 *
 * The kernel's audit daemon, or the process of a registered daemon, by
 * thread group as auditd_test_task() has it. The kernel never audits its
 * daemon's syscalls; nsaudit neither selects an audit daemon's syscalls
 * nor routes the kernel's records of them to a daemon, so that daemons
 * with broad rules do not log each other's logging without end.
 *
 * Context: any (probes included); no lock, no sleep.
 */
bool nsaudit_daemon_task(void)
{
	struct pid *tgid = task_tgid(current);
	struct nsaudit_daemon *d;
	bool found = false;

	if (nsaudit_auditd_task(current))
		return true;
	if (!READ_ONCE(nsaudit_daemons_count))
		return false;
	rcu_read_lock();
	hash_for_each_possible_rcu(nsaudit_daemons_by_tgid, d, tgid_node,
				   (unsigned long)tgid)
		if (d->tgid == tgid) {
			found = true;
			break;
		}
	rcu_read_unlock();
	return found;
}
NOKPROBE_SYMBOL(nsaudit_daemon_task);

/*
 * The daemon registered from the socket that sent @skb, or NULL. Under
 * RCU or the lock. Found by the sender's port, but the socket object
 * itself must match.
 */
static struct nsaudit_daemon *nsaudit_daemon_find_sender(const struct sk_buff *skb)
{
	const struct sock *sk = NETLINK_CB(skb).sk;
	struct nsaudit_daemon *d;

	hash_for_each_possible_rcu(nsaudit_daemons_by_sock, d, sock_node,
				   nsaudit_sock_hash(sock_net(sk),
						     NETLINK_CB(skb).portid),
				   lockdep_is_held(&nsaudit_daemons_lock))
		if (d->sk == sk)
			return d;
	return NULL;
}

/* For the sender of @skb, a request from its own task. */
static struct nsaudit_daemon *nsaudit_daemon_alloc(const struct sk_buff *skb,
						   u32 backlog)
{
	struct sock *sk = NETLINK_CB(skb).sk;
	struct nsaudit_daemon *d;

	d = kzalloc(sizeof(*d), GFP_KERNEL);
	if (!d)
		return NULL;
	d->user_ns = get_user_ns(current_user_ns());
	d->pid_ns = get_pid_ns(task_active_pid_ns(current));
	d->tgid = get_pid(task_tgid(current));
	sock_hold(sk);
	d->sk = sk;
	d->net = get_net(sock_net(sk));
	d->portid = NETLINK_CB(skb).portid;
	d->backlog = backlog;
	d->reveal_keys = d->user_ns == &init_user_ns;
	skb_queue_head_init(&d->queue);
	INIT_DELAYED_WORK(&d->work, nsaudit_route_work);
	return d;
}

/* Called with no reader left: the worker is stopped, the queue emptied. */
static void nsaudit_daemon_free(struct nsaudit_daemon *d)
{
	cancel_delayed_work_sync(&d->work);
	nsaudit_route_purge(d);
	nsaudit_quota_put(d->quota);
	put_net(d->net);
	sock_put(d->sk);
	put_pid(d->tgid);
	put_pid_ns(d->pid_ns);
	put_user_ns(d->user_ns);
	kfree(d);
}

static int nsaudit_daemon_insert(const struct sk_buff *skb,
				 struct nsaudit_daemon *d,
				 struct netlink_ext_ack *extack)
{
	struct nsaudit_quota *quota;
	struct nsaudit_config cfg;
	int err;

	lockdep_assert_held(&nsaudit_daemons_lock);
	if (nsaudit_daemon_find_sender(skb)) {
		NL_SET_ERR_MSG(extack,
			       "this socket is registered as a daemon already");
		return -EALREADY;
	}
	if (nsaudit_daemon_find(d->user_ns)) {
		NL_SET_ERR_MSG(extack,
			       "this user namespace has an audit daemon already");
		return -EBUSY;
	}
	nsaudit_config_read(&cfg);
	quota = nsaudit_quota_open(d->user_ns, &cfg.limits, extack);
	if (IS_ERR(quota))
		return PTR_ERR(quota);
	if (!nsaudit_daemons_count) {
		err = nsaudit_hooks_set_route(true);
		if (err) {
			NL_SET_ERR_MSG(extack,
				       "the kernel refused to arm the audit_log_end probe");
			nsaudit_quota_close(quota);
			nsaudit_quota_put(quota);
			return err;
		}
		static_branch_enable(&nsaudit_route_key);
	}
	d->quota = quota;
	d->shared = nsaudit_delegation_shares(d->user_ns, cfg.share);
	WRITE_ONCE(nsaudit_daemons_count, nsaudit_daemons_count + 1);
	hash_add_rcu(nsaudit_daemons_by_ns, &d->ns_node,
		     (unsigned long)d->user_ns);
	hash_add_rcu(nsaudit_daemons_by_sock, &d->sock_node,
		     nsaudit_sock_hash(d->net, d->portid));
	hash_add_rcu(nsaudit_daemons_by_tgid, &d->tgid_node,
		     (unsigned long)d->tgid);
	return 0;
}

static void nsaudit_daemon_remove(struct nsaudit_daemon *d)
{
	lockdep_assert_held(&nsaudit_daemons_lock);
	nsaudit_rules_clear(d);
	nsaudit_quota_close(d->quota);
	hash_del_rcu(&d->ns_node);
	hash_del_rcu(&d->sock_node);
	hash_del_rcu(&d->tgid_node);
	WRITE_ONCE(nsaudit_daemons_count, nsaudit_daemons_count - 1);
	if (!nsaudit_daemons_count) {
		static_branch_disable(&nsaudit_route_key);
		nsaudit_hooks_set_route(false);
	}
}

/**
 * nsaudit_daemons_reshare() - set every daemon's share anew
 *
 * After a change of a delegation or of the "share" setting.
 *
 * Context: process, under nsaudit_daemons_lock.
 */
void nsaudit_daemons_reshare(void)
{
	struct nsaudit_config cfg;
	struct nsaudit_daemon *d;
	int bkt;

	lockdep_assert_held(&nsaudit_daemons_lock);
	nsaudit_config_read(&cfg);
	hash_for_each(nsaudit_daemons_by_ns, bkt, d, ns_node)
		WRITE_ONCE(d->shared,
			   nsaudit_delegation_shares(d->user_ns, cfg.share));
}

/* Removes @d (under the lock, which this releases) and frees it. */
static void nsaudit_daemon_remove_free(struct nsaudit_daemon *d)
{
	nsaudit_daemon_remove(d);
	mutex_unlock(&nsaudit_daemons_lock);
	synchronize_rcu();
	nsaudit_daemon_free(d);
}

/**
 * nsaudit_daemon_register() - make the sender the daemon of its user ns
 * @skb: the REGISTER request's message; its sending socket becomes the
 *	daemon's
 * @info: the request; its sender becomes the daemon
 * @backlog: most records to queue for it, already checked against limits
 *
 * The reply goes out before the daemon's worker starts, so that it comes
 * before the first record on the socket. Everything happens under the
 * registry lock: an UNREGISTER or a close racing on the same socket waits.
 *
 * Context: process (a genetlink doit); sleeps.
 *
 * Return: 0, or a negative errno with an extack message.
 */
int nsaudit_daemon_register(const struct sk_buff *skb, struct genl_info *info,
			    u32 backlog)
{
	struct nsaudit_daemon *d;
	int err;

	d = nsaudit_daemon_alloc(skb, backlog);
	if (!d)
		return -ENOMEM;
	mutex_lock(&nsaudit_daemons_lock);
	err = nsaudit_daemon_insert(skb, d, info->extack);
	if (err)
		goto err_free;
	err = nsaudit_genl_reply_daemon(info, d);
	if (err) {
		GENL_SET_ERR_MSG(info, "cannot send the REGISTER reply");
		nsaudit_daemon_remove_free(d);
		return err;
	}
	nsaudit_route_start(d);
	mutex_unlock(&nsaudit_daemons_lock);
	return 0;

err_free:
	mutex_unlock(&nsaudit_daemons_lock);
	nsaudit_daemon_free(d);
	return err;
}

/**
 * nsaudit_daemon_unregister() - end the registration of the sender's socket
 * @skb: the UNREGISTER request's message
 * @extack: for the reason of a refusal
 *
 * Returns once no task routes to the daemon and its worker has stopped;
 * records still queued are counted as lost.
 *
 * Context: process; sleeps.
 *
 * Return: 0, or -ENOENT if the socket is not a registered daemon.
 */
int nsaudit_daemon_unregister(const struct sk_buff *skb,
			      struct netlink_ext_ack *extack)
{
	struct nsaudit_daemon *d;

	mutex_lock(&nsaudit_daemons_lock);
	d = nsaudit_daemon_find_sender(skb);
	if (!d) {
		mutex_unlock(&nsaudit_daemons_lock);
		NL_SET_ERR_MSG(extack, "this socket is not a registered daemon");
		return -ENOENT;
	}
	nsaudit_daemon_remove_free(d);
	return 0;
}

/*
 * The daemon whose socket, now dead, had port @portid in @net, or NULL.
 * Under RCU or the lock.
 */
static struct nsaudit_daemon *nsaudit_daemon_find_released(const struct net *net,
							   u32 portid)
{
	struct nsaudit_daemon *d;

	hash_for_each_possible_rcu(nsaudit_daemons_by_sock, d, sock_node,
				   nsaudit_sock_hash(net, portid),
				   lockdep_is_held(&nsaudit_daemons_lock))
		if (net_eq(d->net, net) && d->portid == portid &&
		    sock_flag(d->sk, SOCK_DEAD))
			return d;
	return NULL;
}

/**
 * nsaudit_daemon_send() - deliver a message to a daemon's own socket
 * @d: the daemon
 * @skb: the message, consumed whatever the result
 *
 * Into the receive queue of the very socket that registered, as
 * netlink_unicast() from the kernel puts it there (sender port 0, the
 * socket's filter applied), never to whichever socket holds its port now:
 * a port outlives nothing (see the top of this file). Never blocks.
 *
 * Context: process (the daemon's worker).
 *
 * Return: 0; -EAGAIN while the socket's receive buffer is full;
 * -ECONNREFUSED once the socket is closed; or its filter's error.
 */
int nsaudit_daemon_send(struct nsaudit_daemon *d, struct sk_buff *skb)
{
	int err;

	if (sock_flag(d->sk, SOCK_DEAD)) {
		kfree_skb(skb);
		return -ECONNREFUSED;
	}
	/*
	 * Full: wait, as the retry does. Checked first, so that a record still
	 * queued here is not counted in the socket's drops (SO_RXQ_OVFL) at
	 * every retry; the check below stays for a race with other senders.
	 */
	if (atomic_read(&d->sk->sk_rmem_alloc) >= READ_ONCE(d->sk->sk_rcvbuf)) {
		kfree_skb(skb);
		return -EAGAIN;
	}
	NETLINK_CB(skb).portid = 0;
	NETLINK_CB(skb).dst_group = 0;
	err = sock_queue_rcv_skb(d->sk, skb);
	if (err) {
		kfree_skb(skb);
		if (err == -ENOMEM || err == -ENOBUFS)
			return -EAGAIN;
	}
	return err;
}

/**
 * nsaudit_daemon_put() - a daemon's state as an NSAUDIT_A_DAEMON nest
 * @skb: the message
 * @d: the daemon, kept alive by the caller (RCU or the registry lock)
 * @pid_ns: the PID namespace whose view of the daemon's pid to report
 *
 * Context: any; no allocation beyond @skb's tailroom.
 *
 * Return: 0 or -EMSGSIZE.
 */
int nsaudit_daemon_put(struct sk_buff *skb, const struct nsaudit_daemon *d,
		       struct pid_namespace *pid_ns)
{
	struct nlattr *nest;

	nest = nla_nest_start(skb, NSAUDIT_A_DAEMON);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u32(skb, NSAUDIT_DAEMON_A_PID, pid_nr_ns(d->tgid, pid_ns)) ||
	    nla_put_u32(skb, NSAUDIT_DAEMON_A_USERNS, d->user_ns->ns.inum) ||
	    nla_put_u32(skb, NSAUDIT_DAEMON_A_BACKLOG, d->backlog) ||
	    nla_put_u32(skb, NSAUDIT_DAEMON_A_QUEUED,
			skb_queue_len_lockless(&d->queue)) ||
	    nla_put_u64_64bit(skb, NSAUDIT_DAEMON_A_ROUTED,
			      atomic64_read(&d->routed), NSAUDIT_DAEMON_A_PAD) ||
	    nla_put_u64_64bit(skb, NSAUDIT_DAEMON_A_DELIVERED,
			      atomic64_read(&d->delivered),
			      NSAUDIT_DAEMON_A_PAD) ||
	    nla_put_u64_64bit(skb, NSAUDIT_DAEMON_A_LOST,
			      atomic64_read(&d->lost), NSAUDIT_DAEMON_A_PAD)) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

/**
 * nsaudit_daemon_counters() - the copies of the caller's namespace daemon
 * @delivered: set to those delivered to its socket, 0 without a daemon
 * @lost: set to those lost
 *
 * Context: any; RCU.
 */
void nsaudit_daemon_counters(u64 *delivered, u64 *lost)
{
	struct nsaudit_daemon *d;

	*delivered = 0;
	*lost = 0;
	rcu_read_lock();
	d = nsaudit_daemon_find(current_user_ns());
	if (d) {
		*delivered = atomic64_read(&d->delivered);
		*lost = atomic64_read(&d->lost);
	}
	rcu_read_unlock();
}

/**
 * nsaudit_daemon_put_status() - the caller's namespace daemon, if any
 * @skb: a GET_STATUS reply
 *
 * Context: process (the caller's); pid in the caller's PID namespace.
 *
 * Return: 0 (also when there is no daemon) or -EMSGSIZE.
 */
int nsaudit_daemon_put_status(struct sk_buff *skb)
{
	struct nsaudit_daemon *d;
	int err = 0;

	rcu_read_lock();
	d = nsaudit_daemon_find(current_user_ns());
	if (d)
		err = nsaudit_daemon_put(skb, d, task_active_pid_ns(current));
	rcu_read_unlock();
	return err;
}

/*
 * Whether the sender of a rule command may change or read the rules of
 * its user namespace: it is the namespace's daemon, or it has
 * CAP_AUDIT_CONTROL there (the socket's opener and the sender).
 */
static bool nsaudit_rules_may(const struct sk_buff *skb,
			      const struct nsaudit_daemon *d)
{
	if (d && d->sk == NETLINK_CB(skb).sk)
		return true;
	return netlink_ns_capable(skb, current_user_ns(), CAP_AUDIT_CONTROL);
}

#define NSAUDIT_RULES_EPERM \
	"rules need CAP_AUDIT_CONTROL in the caller's user namespace or its daemon's socket"

/**
 * nsaudit_daemon_rules_change() - ADD_RULE, DEL_RULE or DELETE_ALL
 * @skb: the request's message
 * @info: the request, from a task of the namespace whose rules change
 * @cmd: NSAUDIT_CMD_ADD_RULE, _DEL_RULE or _DELETE_ALL
 * @r: the parsed rule (ADD_RULE: owned by the rulespace on success; the
 *	caller frees it otherwise) or NULL (DELETE_ALL)
 * @prepend: ADD_RULE: first in its filter
 *
 * Context: process (a genetlink doit); sleeps.
 *
 * Return: 0 or a negative errno with an extack message.
 */
int nsaudit_daemon_rules_change(struct sk_buff *skb, struct genl_info *info,
				u8 cmd, struct nsaudit_rule *r, bool prepend)
{
	struct nsaudit_daemon *d;
	int err = 0;

	mutex_lock(&nsaudit_daemons_lock);
	d = nsaudit_daemon_find(current_user_ns());
	if (!nsaudit_rules_may(skb, d)) {
		GENL_SET_ERR_MSG(info, NSAUDIT_RULES_EPERM);
		err = -EPERM;
	} else if (cmd == NSAUDIT_CMD_DELETE_ALL) {
		if (d)
			nsaudit_rules_clear(d);
	} else if (!d) {
		GENL_SET_ERR_MSG(info,
				 "no audit daemon registered in this user namespace");
		err = -ENOTCONN;
	} else if (cmd == NSAUDIT_CMD_ADD_RULE) {
		err = nsaudit_rules_add(d, r, prepend, info->extack);
	} else {
		err = nsaudit_rules_del(d, r, info->extack);
	}
	mutex_unlock(&nsaudit_daemons_lock);
	return err;
}

/**
 * nsaudit_daemon_rules_may() - whether the sender may use rule commands
 * @skb: the request's message
 * @extack: for the reason of a refusal
 *
 * Checked before a rule is even parsed, so that a caller without the
 * right learns nothing from the parser.
 *
 * Context: process (the requester's).
 *
 * Return: 0 or -EPERM with an extack message.
 */
int nsaudit_daemon_rules_may(const struct sk_buff *skb,
			     struct netlink_ext_ack *extack)
{
	bool may;

	rcu_read_lock();
	may = nsaudit_rules_may(skb, nsaudit_daemon_find(current_user_ns()));
	rcu_read_unlock();
	if (!may) {
		NL_SET_ERR_MSG(extack, NSAUDIT_RULES_EPERM);
		return -EPERM;
	}
	return 0;
}

/*
 * A LIST_RULES dump is bound at its start to the namespace and the
 * permission of the requester (cb->skb's sender, in its own sendmsg()):
 * later parts run in whichever task reads the socket, which may be a task
 * of another namespace that was passed the socket, and so use neither
 * current's namespace nor its rights.
 */
enum {
	NSAUDIT_DUMP_NEXT,	/* cb->args[]: the next rule's index */
	NSAUDIT_DUMP_NS,	/* the user namespace, referenced */
	NSAUDIT_DUMP_DENIED,	/* the requester may not read its rules */
};

/**
 * nsaudit_daemon_rules_start() - bind a LIST_RULES dump to its requester
 * @cb: the dump
 *
 * A refusal is reported by the first part, whose error carries the
 * extended ACK (a start callback's does not, in 6.1).
 *
 * Context: process (the requester's sendmsg()).
 *
 * Return: 0.
 */
int nsaudit_daemon_rules_start(struct netlink_callback *cb)
{
	struct user_namespace *ns = current_user_ns();
	bool may;

	/* The largest rule fits in every part of the dump. */
	cb->min_dump_alloc = NLMSG_ALIGN(NLMSG_HDRLEN + GENL_HDRLEN +
					 nla_total_size(NSAUDIT_RULE_MAX));
	rcu_read_lock();
	may = nsaudit_rules_may(cb->skb, nsaudit_daemon_find(ns));
	rcu_read_unlock();
	cb->args[NSAUDIT_DUMP_NS] = (long)get_user_ns(ns);
	cb->args[NSAUDIT_DUMP_DENIED] = !may;
	return 0;
}

/**
 * nsaudit_daemon_rules_done() - release what the dump's start took
 * @cb: the dump
 *
 * Context: process (the end of the dump, or the socket's release).
 *
 * Return: 0.
 */
int nsaudit_daemon_rules_done(struct netlink_callback *cb)
{
	put_user_ns((struct user_namespace *)cb->args[NSAUDIT_DUMP_NS]);
	return 0;
}

/**
 * nsaudit_daemon_rules_dump() - the rules of the requester's user namespace
 * @skb: the dump message
 * @cb: the dump, bound by nsaudit_daemon_rules_start()
 *
 * A change of any rulespace between two parts of the dump marks it
 * NLM_F_DUMP_INTR.
 *
 * Context: process (whichever task reads the socket).
 *
 * Return: the length of @skb, 0 at the end, or a negative errno.
 */
int nsaudit_daemon_rules_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct user_namespace *ns = (struct user_namespace *)cb->args[NSAUDIT_DUMP_NS];
	const struct nsaudit_ruleset *rs = NULL;
	struct nsaudit_daemon *d;
	void *hdr;
	int err;

	if (cb->args[NSAUDIT_DUMP_DENIED]) {
		NL_SET_ERR_MSG(cb->extack, NSAUDIT_RULES_EPERM);
		return -EPERM;
	}
	rcu_read_lock();
	cb->seq = nsaudit_rules_generation_now();
	d = nsaudit_daemon_find(ns);
	if (d)
		rs = rcu_dereference(d->rules);
	for (;; cb->args[NSAUDIT_DUMP_NEXT]++) {
		hdr = nsaudit_genl_dump_put(skb, cb, NSAUDIT_CMD_LIST_RULES);
		if (!hdr) {
			err = -EMSGSIZE;
			break;
		}
		genl_dump_check_consistent(cb, hdr);
		err = nsaudit_rule_put(skb, rs, cb->args[NSAUDIT_DUMP_NEXT]);
		if (err) {
			genlmsg_cancel(skb, hdr);
			break;
		}
		genlmsg_end(skb, hdr);
	}
	rcu_read_unlock();
	return skb->len ?: min(err, 0);
}

/*
 * A closed socket ends its registration. Called for every netlink socket
 * released on the system, with only its (netns, portid): the port may be
 * bound again by then, so the daemon found by it goes only if its own
 * socket is dead (orphaned by the release before this notice). The common
 * case, no daemon on that port, takes no lock.
 */
static int nsaudit_daemon_netlink_event(struct notifier_block *nb,
					unsigned long event, void *ptr)
{
	struct netlink_notify *n = ptr;
	struct nsaudit_daemon *d;
	bool found;

	if (event != NETLINK_URELEASE || n->protocol != NETLINK_GENERIC ||
	    !READ_ONCE(nsaudit_daemons_count))
		return NOTIFY_DONE;
	rcu_read_lock();
	found = nsaudit_daemon_find_released(n->net, n->portid);
	rcu_read_unlock();
	if (!found)
		return NOTIFY_DONE;
	mutex_lock(&nsaudit_daemons_lock);
	d = nsaudit_daemon_find_released(n->net, n->portid);
	if (d)
		nsaudit_daemon_remove_free(d);
	else
		mutex_unlock(&nsaudit_daemons_lock);
	return NOTIFY_DONE;
}

static struct notifier_block nsaudit_daemon_notifier = {
	.notifier_call = nsaudit_daemon_netlink_event,
};

/**
 * nsaudit_daemons_init() - prepare routing and watch socket releases
 *
 * Context: process (module init).
 *
 * Return: 0 or a negative errno.
 */
int nsaudit_daemons_init(void)
{
	int err;

	err = nsaudit_route_init();
	if (err)
		return err;
	err = netlink_register_notifier(&nsaudit_daemon_notifier);
	if (err)
		nsaudit_route_exit();
	return err;
}

/**
 * nsaudit_daemons_exit() - end every registration
 *
 * Called once the family is gone, so no REGISTER can come; the notifier
 * goes first so that no release races with the teardown. Daemons see the
 * genetlink controller announce the family's removal, then nothing more.
 *
 * Context: process (module exit); sleeps.
 */
void nsaudit_daemons_exit(void)
{
	struct nsaudit_daemon *d;
	struct hlist_node *tmp;
	HLIST_HEAD(gone);
	int bkt;

	netlink_unregister_notifier(&nsaudit_daemon_notifier);
	mutex_lock(&nsaudit_daemons_lock);
	hash_for_each_safe(nsaudit_daemons_by_sock, bkt, tmp, d, sock_node) {
		nsaudit_daemon_remove(d);
		hlist_add_head(&d->sock_node, &gone);
	}
	mutex_unlock(&nsaudit_daemons_lock);
	synchronize_rcu();
	hlist_for_each_entry_safe(d, tmp, &gone, sock_node)
		nsaudit_daemon_free(d);
	nsaudit_route_exit();
}
