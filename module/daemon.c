// SPDX-License-Identifier: GPL-2.0
/*
 * The registry of per-namespace audit daemons: at most one per user
 * namespace, each bound to the netlink socket it registered from.
 *
 * Ownership and lifetime: a daemon is created by NSAUDIT_CMD_REGISTER and
 * owned by the registry until NSAUDIT_CMD_UNREGISTER, the close of its
 * socket (NETLINK_URELEASE) or module unload removes it. Removal unhashes
 * it under nsaudit_daemons_lock, waits for an RCU grace period (routing
 * reads the registry under RCU from the context of whichever task logs a
 * record), stops its worker and frees it with its queue. It holds
 * references to its user namespace (the key), PID namespace and process
 * (its view), and network namespace (where its socket lives). Its
 * namespace's rules (rules.c) belong to it and go when it is removed.
 *
 * Locking: nsaudit_daemons_lock (a mutex, process context only) serialises
 * every change to the registry and is taken before nsaudit_hooks_lock.
 * Readers of the user namespace table use RCU; the socket table is read
 * under the mutex only.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cred.h>
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
/* Keyed by socket (netns, portid): under the lock only. */
static DEFINE_HASHTABLE(nsaudit_daemons_by_sock, NSAUDIT_DAEMON_HASH_BITS);
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

static struct nsaudit_daemon *nsaudit_daemon_find_sock(const struct net *net,
						       u32 portid)
{
	struct nsaudit_daemon *d;

	lockdep_assert_held(&nsaudit_daemons_lock);
	hash_for_each_possible(nsaudit_daemons_by_sock, d, sock_node,
			       nsaudit_sock_hash(net, portid))
		if (net_eq(d->net, net) && d->portid == portid)
			return d;
	return NULL;
}

static struct nsaudit_daemon *nsaudit_daemon_alloc(struct net *net, u32 portid,
						   u32 backlog)
{
	struct nsaudit_daemon *d;

	d = kzalloc(sizeof(*d), GFP_KERNEL);
	if (!d)
		return NULL;
	d->user_ns = get_user_ns(current_user_ns());
	d->pid_ns = get_pid_ns(task_active_pid_ns(current));
	d->tgid = get_pid(task_tgid(current));
	d->net = get_net(net);
	d->portid = portid;
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
	put_net(d->net);
	put_pid(d->tgid);
	put_pid_ns(d->pid_ns);
	put_user_ns(d->user_ns);
	kfree(d);
}

static int nsaudit_daemon_insert(struct nsaudit_daemon *d,
				 struct netlink_ext_ack *extack)
{
	struct nsaudit_config cfg;
	int err;

	lockdep_assert_held(&nsaudit_daemons_lock);
	if (nsaudit_daemon_find_sock(d->net, d->portid)) {
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
	if (nsaudit_daemons_count >= cfg.limits.daemons) {
		NL_SET_ERR_MSG(extack,
			       "the host's limit of audit daemons is reached");
		return -ENOSPC;
	}
	if (!nsaudit_daemons_count) {
		err = nsaudit_hooks_set_route(true);
		if (err) {
			NL_SET_ERR_MSG(extack,
				       "the kernel refused to arm the audit_log_end probe");
			return err;
		}
		static_branch_enable(&nsaudit_route_key);
	}
	WRITE_ONCE(nsaudit_daemons_count, nsaudit_daemons_count + 1);
	hash_add_rcu(nsaudit_daemons_by_ns, &d->ns_node,
		     (unsigned long)d->user_ns);
	hash_add(nsaudit_daemons_by_sock, &d->sock_node,
		 nsaudit_sock_hash(d->net, d->portid));
	return 0;
}

static void nsaudit_daemon_remove(struct nsaudit_daemon *d)
{
	lockdep_assert_held(&nsaudit_daemons_lock);
	nsaudit_rules_clear(d);
	hash_del_rcu(&d->ns_node);
	hash_del(&d->sock_node);
	WRITE_ONCE(nsaudit_daemons_count, nsaudit_daemons_count - 1);
	if (!nsaudit_daemons_count) {
		static_branch_disable(&nsaudit_route_key);
		nsaudit_hooks_set_route(false);
	}
}

/**
 * nsaudit_daemon_register() - make the sender the daemon of its user ns
 * @info: the REGISTER request; its sender and socket become the daemon
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
int nsaudit_daemon_register(struct genl_info *info, u32 backlog)
{
	struct nsaudit_daemon *d;
	int err;

	d = nsaudit_daemon_alloc(genl_info_net(info), info->snd_portid,
				 backlog);
	if (!d)
		return -ENOMEM;
	mutex_lock(&nsaudit_daemons_lock);
	err = nsaudit_daemon_insert(d, info->extack);
	if (err)
		goto err_free;
	err = nsaudit_genl_reply_daemon(info, d);
	if (err) {
		GENL_SET_ERR_MSG(info, "cannot send the REGISTER reply");
		nsaudit_daemon_remove(d);
		mutex_unlock(&nsaudit_daemons_lock);
		synchronize_rcu();
		nsaudit_daemon_free(d);
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
 * nsaudit_daemon_unregister() - end the registration of a socket
 * @net: the socket's network namespace
 * @portid: its port
 * @extack: for the reason of a refusal; may be NULL
 *
 * Returns once no task routes to the daemon and its worker has stopped;
 * records still queued are counted as lost.
 *
 * Context: process; sleeps.
 *
 * Return: 0, or -ENOENT if the socket is not a registered daemon.
 */
int nsaudit_daemon_unregister(struct net *net, u32 portid,
			      struct netlink_ext_ack *extack)
{
	struct nsaudit_daemon *d;

	mutex_lock(&nsaudit_daemons_lock);
	d = nsaudit_daemon_find_sock(net, portid);
	if (!d) {
		mutex_unlock(&nsaudit_daemons_lock);
		NL_SET_ERR_MSG(extack, "this socket is not a registered daemon");
		return -ENOENT;
	}
	nsaudit_daemon_remove(d);
	mutex_unlock(&nsaudit_daemons_lock);
	synchronize_rcu();
	nsaudit_daemon_free(d);
	return 0;
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
	if (d && net_eq(d->net, sock_net(skb->sk)) &&
	    d->portid == NETLINK_CB(skb).portid)
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

/**
 * nsaudit_daemon_rules_start() - prepare a LIST_RULES dump
 * @cb: the dump
 *
 * The permission is checked by the first part of the dump, whose error
 * carries the extended ACK (a start callback's does not, in 6.1).
 *
 * Context: process (the requester's).
 *
 * Return: 0.
 */
int nsaudit_daemon_rules_start(struct netlink_callback *cb)
{
	/* The largest rule fits in every part of the dump. */
	cb->min_dump_alloc = NLMSG_ALIGN(NLMSG_HDRLEN + GENL_HDRLEN +
					 nla_total_size(NSAUDIT_RULE_MAX));
	return 0;
}

/**
 * nsaudit_daemon_rules_dump() - the rules of the caller's user namespace
 * @skb: the dump message
 * @cb: the dump; args[0] is the next rule's index, args[1] whether the
 *	permission was checked
 *
 * A change of any rulespace between two parts of the dump marks it
 * NLM_F_DUMP_INTR.
 *
 * Context: process (the requester's, reading its socket).
 *
 * Return: the length of @skb, 0 at the end, or a negative errno.
 */
int nsaudit_daemon_rules_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	const struct nsaudit_ruleset *rs = NULL;
	struct nsaudit_daemon *d;
	void *hdr;
	int err;

	/* args[1]: the permission was checked by an earlier part. */
	if (!cb->args[1]) {
		err = nsaudit_daemon_rules_may(cb->skb, cb->extack);
		if (err)
			return err;
		cb->args[1] = 1;
	}
	rcu_read_lock();
	cb->seq = nsaudit_rules_generation_now();
	d = nsaudit_daemon_find(current_user_ns());
	if (d)
		rs = rcu_dereference(d->rules);
	for (;; cb->args[0]++) {
		hdr = nsaudit_genl_dump_put(skb, cb, NSAUDIT_CMD_LIST_RULES);
		if (!hdr) {
			err = -EMSGSIZE;
			break;
		}
		genl_dump_check_consistent(cb, hdr);
		err = nsaudit_rule_put(skb, rs, cb->args[0]);
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
 * released on the system: the common case (no daemon) costs one read.
 */
static int nsaudit_daemon_netlink_event(struct notifier_block *nb,
					unsigned long event, void *ptr)
{
	struct netlink_notify *n = ptr;

	if (event != NETLINK_URELEASE || n->protocol != NETLINK_GENERIC ||
	    !READ_ONCE(nsaudit_daemons_count))
		return NOTIFY_DONE;
	nsaudit_daemon_unregister(n->net, n->portid, NULL);
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
