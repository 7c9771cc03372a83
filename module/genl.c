// SPDX-License-Identifier: GPL-2.0
/*
 * The "nsaudit" generic netlink family: the control plane.
 *
 * Every operation is a do with its own strict policy (GET_STATUS has none,
 * so the core refuses any attribute in it). Operations run in the context
 * of the task that sent the request, in parallel (parallel_ops): they share
 * nothing but the settings in config.c, which have their own lock. Every
 * refusal of the module's own carries an extended ACK message.
 *
 * The family exists in every network namespace (netnsok); permission is
 * checked against the credentials of the socket's opener and the sender.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cred.h>
#include <linux/pid.h>
#include <linux/ptrace.h>
#include <linux/sched/task.h>
#include <linux/user_namespace.h>
#include <net/genetlink.h>
#include <net/netlink.h>
#include "nsaudit.h"

/* What this module implements, reported in NSAUDIT_A_FEATURES. */
#define NSAUDIT_FEATURES	(NSAUDIT_FEATURE_ENRICH | NSAUDIT_FEATURE_NSID | \
				 NSAUDIT_FEATURE_DAEMONS | NSAUDIT_FEATURE_RULES | \
				 NSAUDIT_FEATURE_CONTID)

enum nsaudit_genl_mcgrp {
	NSAUDIT_GENL_MCGRP_CONFIG,
};

static const struct genl_multicast_group nsaudit_genl_mcgrps[] = {
	[NSAUDIT_GENL_MCGRP_CONFIG] = { .name = NSAUDIT_MCGRP_CONFIG },
};

/* u32 bounds beyond what NLA_POLICY_RANGE's s16 can hold. */
static struct netlink_range_validation nsaudit_daemons_range = {
	.max = NSAUDIT_LIMIT_DAEMONS_MAX,
};

static struct netlink_range_validation nsaudit_queue_range = {
	.min = NSAUDIT_LIMIT_QUEUE_MIN,
	.max = NSAUDIT_LIMIT_QUEUE_MAX,
};

static struct netlink_range_validation nsaudit_rules_range = {
	.max = NSAUDIT_LIMIT_RULES_MAX,
};

static struct netlink_range_validation nsaudit_memory_range = {
	.min = NSAUDIT_LIMIT_MEMORY_MIN,
	.max = NSAUDIT_LIMIT_MEMORY_MAX,
};

static struct netlink_range_validation nsaudit_contids_range = {
	.min = NSAUDIT_LIMIT_CONTIDS_MIN,
	.max = NSAUDIT_LIMIT_CONTIDS_MAX,
};

static struct netlink_range_validation nsaudit_pid_range = {
	.min = 1,
	.max = NSAUDIT_PID_MAX,
};

static const struct nla_policy nsaudit_limits_policy[NSAUDIT_LIMIT_A_MAX + 1] = {
	[NSAUDIT_LIMIT_A_DAEMONS] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &nsaudit_daemons_range),
	[NSAUDIT_LIMIT_A_QUEUE] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &nsaudit_queue_range),
	[NSAUDIT_LIMIT_A_RULES] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &nsaudit_rules_range),
	[NSAUDIT_LIMIT_A_BACKLOG] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &nsaudit_queue_range),
	[NSAUDIT_LIMIT_A_MEMORY] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &nsaudit_memory_range),
	[NSAUDIT_LIMIT_A_CONTIDS] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &nsaudit_contids_range),
	[NSAUDIT_LIMIT_A_USER_DAEMONS] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &nsaudit_daemons_range),
	[NSAUDIT_LIMIT_A_USER_MEMORY] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &nsaudit_memory_range),
	[NSAUDIT_LIMIT_A_DAEMON_MEMORY] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &nsaudit_memory_range),
};

static const struct nla_policy nsaudit_set_policy[NSAUDIT_A_MAX + 1] = {
	[NSAUDIT_A_ENRICH] = NLA_POLICY_MAX(NLA_U8, 1),
	[NSAUDIT_A_SHARE] = NLA_POLICY_MAX(NLA_U8, NSAUDIT_SHARE_ALL),
	[NSAUDIT_A_LIMITS] = NLA_POLICY_NESTED(nsaudit_limits_policy),
};

static const struct nla_policy nsaudit_get_nsid_policy[NSAUDIT_A_MAX + 1] = {
	[NSAUDIT_A_PID] = NLA_POLICY_FULL_RANGE(NLA_U32, &nsaudit_pid_range),
};

static const struct nla_policy nsaudit_set_contid_policy[NSAUDIT_A_MAX + 1] = {
	[NSAUDIT_A_PID] = NLA_POLICY_FULL_RANGE(NLA_U32, &nsaudit_pid_range),
	[NSAUDIT_A_CONTID] = { .type = NLA_U64 },
	[NSAUDIT_A_CONTID_NAME] = { .type = NLA_NUL_STRING,
				    .len = NSAUDIT_CONTID_NAME_MAX },
};

static const struct nla_policy nsaudit_register_policy[NSAUDIT_A_MAX + 1] = {
	[NSAUDIT_A_BACKLOG] = NLA_POLICY_FULL_RANGE(NLA_U32, &nsaudit_queue_range),
};

/* Its length and contents are checked by nsaudit_rule_parse(). */
static const struct nla_policy nsaudit_rule_policy[NSAUDIT_A_MAX + 1] = {
	[NSAUDIT_A_RULE] = { .type = NLA_BINARY, .len = NSAUDIT_RULE_MAX },
};

static struct genl_family nsaudit_genl_family;

/* The counters of a status, as its reader may see them. */
struct nsaudit_nl_counters {
	u64 enriched, forwarded, lost, missed, ids, tasks, cid_lost;
	u64 unenriched, delegations;
};

/* Who reads a status: whose counters it may show. */
enum nsaudit_nl_view {
	NSAUDIT_VIEW_HOST,	/* a caller in the initial user namespace */
	NSAUDIT_VIEW_NAMESPACE,	/* a caller in another: its own daemon's */
	NSAUDIT_VIEW_NOTIFY,	/* anyone of any namespace: none */
};

/*
 * Host-wide counters tell what the host does (how much it audits, how
 * many containers carry IDs): the initial user namespace's to read. A
 * caller elsewhere gets its own daemon's copies as forwarded and lost, and
 * 0 for the rest; a notification, which goes to every listener, 0 for all.
 */
static void nsaudit_nl_read_counters(struct nsaudit_nl_counters *c,
				     enum nsaudit_nl_view view)
{
	memset(c, 0, sizeof(*c));
	if (view == NSAUDIT_VIEW_NAMESPACE) {
		nsaudit_daemon_counters(&c->forwarded, &c->lost);
		return;
	}
	if (view != NSAUDIT_VIEW_HOST)
		return;
	c->enriched = nsaudit_enriched_count();
	nsaudit_route_counters(&c->forwarded, &c->lost);
	c->missed = nsaudit_hooks_missed();
	nsaudit_contid_counts(&c->ids, &c->tasks, &c->cid_lost);
	c->unenriched = nsaudit_unenriched_count();
	c->delegations = nsaudit_delegation_count();
}

/* Everything but the caller's daemon: also what notifications carry. */
static int nsaudit_nl_fill_status(struct sk_buff *skb, enum nsaudit_nl_view view)
{
	const struct nsaudit_limit_info *li;
	struct nsaudit_nl_counters c;
	struct nsaudit_config cfg;
	struct nlattr *nest;

	nsaudit_config_read(&cfg);
	nsaudit_nl_read_counters(&c, view);
	if (nla_put_u32(skb, NSAUDIT_A_VERSION_MAJOR, NSAUDIT_VERSION_MAJOR) ||
	    nla_put_u32(skb, NSAUDIT_A_VERSION_MINOR, NSAUDIT_VERSION_MINOR) ||
	    nla_put_u64_64bit(skb, NSAUDIT_A_FEATURES, NSAUDIT_FEATURES,
			      NSAUDIT_A_PAD) ||
	    nla_put_u8(skb, NSAUDIT_A_ENRICH, cfg.enrich) ||
	    nla_put_u8(skb, NSAUDIT_A_PROBES, nsaudit_hooks_firing()) ||
	    nla_put_u8(skb, NSAUDIT_A_SHARE, cfg.share))
		return -EMSGSIZE;

	nest = nla_nest_start(skb, NSAUDIT_A_COUNTERS);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u64_64bit(skb, NSAUDIT_COUNTER_A_ENRICHED, c.enriched,
			      NSAUDIT_COUNTER_A_PAD) ||
	    nla_put_u64_64bit(skb, NSAUDIT_COUNTER_A_FORWARDED, c.forwarded,
			      NSAUDIT_COUNTER_A_PAD) ||
	    nla_put_u64_64bit(skb, NSAUDIT_COUNTER_A_LOST, c.lost,
			      NSAUDIT_COUNTER_A_PAD) ||
	    nla_put_u64_64bit(skb, NSAUDIT_COUNTER_A_MISSED, c.missed,
			      NSAUDIT_COUNTER_A_PAD) ||
	    nla_put_u64_64bit(skb, NSAUDIT_COUNTER_A_CONTIDS, c.ids,
			      NSAUDIT_COUNTER_A_PAD) ||
	    nla_put_u64_64bit(skb, NSAUDIT_COUNTER_A_CONTID_TASKS, c.tasks,
			      NSAUDIT_COUNTER_A_PAD) ||
	    nla_put_u64_64bit(skb, NSAUDIT_COUNTER_A_CONTID_LOST, c.cid_lost,
			      NSAUDIT_COUNTER_A_PAD) ||
	    nla_put_u64_64bit(skb, NSAUDIT_COUNTER_A_UNENRICHED, c.unenriched,
			      NSAUDIT_COUNTER_A_PAD) ||
	    nla_put_u64_64bit(skb, NSAUDIT_COUNTER_A_DELEGATIONS,
			      c.delegations, NSAUDIT_COUNTER_A_PAD))
		return -EMSGSIZE;
	nla_nest_end(skb, nest);

	nest = nla_nest_start(skb, NSAUDIT_A_LIMITS);
	if (!nest)
		return -EMSGSIZE;
	nsaudit_for_each_limit(li)
		if (nla_put_u32(skb, li->attr, nsaudit_limit_get(&cfg.limits, li)))
			return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

/*
 * A request names the interface major version it was written for; any
 * other than ours is refused. GET_STATUS is answered for every version:
 * it is how a client learns which version this module speaks.
 */
static int nsaudit_nl_pre_doit(const struct NSAUDIT_GENL_PRE_OPS *ops,
			       struct sk_buff *skb, struct genl_info *info)
{
	if (ops->cmd != NSAUDIT_CMD_GET_STATUS &&
	    info->genlhdr->version != NSAUDIT_GENL_VERSION) {
		GENL_SET_ERR_MSG(info,
				 "genlmsghdr.version is not this module's interface major version (see GET_STATUS)");
		return -EINVAL;
	}
	return 0;
}

/* The reply to @info: command @cmd, with what @fill writes from @arg. */
static int nsaudit_nl_reply(struct genl_info *info, u8 cmd,
			    int (*fill)(struct sk_buff *msg, const void *arg),
			    const void *arg)
{
	struct sk_buff *msg;
	void *hdr;

	msg = genlmsg_new(NLMSG_DEFAULT_SIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = genlmsg_put_reply(msg, info, &nsaudit_genl_family, 0, cmd);
	if (!hdr || fill(msg, arg)) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}

static int nsaudit_nl_fill_status_reply(struct sk_buff *msg, const void *arg)
{
	/* The caller's own namespace: not in notifications, sent to all. */
	enum nsaudit_nl_view view = current_user_ns() == &init_user_ns ?
				    NSAUDIT_VIEW_HOST : NSAUDIT_VIEW_NAMESPACE;

	if (nsaudit_nl_fill_status(msg, view) ||
	    nla_put_u8(msg, NSAUDIT_A_DELEGATED, nsaudit_delegation_current()))
		return -EMSGSIZE;
	return nsaudit_daemon_put_status(msg);
}

static int nsaudit_nl_get_status(struct sk_buff *skb, struct genl_info *info)
{
	return nsaudit_nl_reply(info, NSAUDIT_CMD_GET_STATUS,
				nsaudit_nl_fill_status_reply, NULL);
}

static int nsaudit_nl_parse_limits(struct nlattr *attr,
				   struct nsaudit_config_change *chg,
				   struct netlink_ext_ack *extack)
{
	struct nlattr *tb[NSAUDIT_LIMIT_A_MAX + 1];
	const struct nsaudit_limit_info *li;
	int err;

	/* Validated by the policy already; this only splits the nest. */
	err = nla_parse_nested(tb, NSAUDIT_LIMIT_A_MAX, attr,
			       nsaudit_limits_policy, extack);
	if (err)
		return err;
	nsaudit_for_each_limit(li) {
		if (!tb[li->attr])
			continue;
		chg->mask |= li->mask;
		*nsaudit_limit_ptr(&chg->cfg.limits, li) = nla_get_u32(tb[li->attr]);
	}
	if (!(chg->mask & NSAUDIT_CONFIG_LIMITS)) {
		NL_SET_ERR_MSG_ATTR(extack, attr, "NSAUDIT_A_LIMITS is empty");
		return -EINVAL;
	}
	return 0;
}

static int nsaudit_nl_set(struct sk_buff *skb, struct genl_info *info)
{
	struct nsaudit_config_change chg = {};
	int err;

	/* The socket's opener and the sender, in the initial user ns. */
	if (!netlink_capable(skb, CAP_AUDIT_CONTROL)) {
		GENL_SET_ERR_MSG(info,
				 "SET needs CAP_AUDIT_CONTROL in the initial user namespace");
		return -EPERM;
	}
	if (!info->attrs[NSAUDIT_A_ENRICH] && !info->attrs[NSAUDIT_A_SHARE] &&
	    !info->attrs[NSAUDIT_A_LIMITS]) {
		GENL_SET_ERR_MSG(info,
				 "SET needs NSAUDIT_A_ENRICH, NSAUDIT_A_SHARE or NSAUDIT_A_LIMITS");
		return -EINVAL;
	}
	if (info->attrs[NSAUDIT_A_ENRICH]) {
		chg.mask |= NSAUDIT_CONFIG_ENRICH;
		chg.cfg.enrich = nla_get_u8(info->attrs[NSAUDIT_A_ENRICH]);
	}
	if (info->attrs[NSAUDIT_A_SHARE]) {
		chg.mask |= NSAUDIT_CONFIG_SHARE;
		chg.cfg.share = nla_get_u8(info->attrs[NSAUDIT_A_SHARE]);
	}
	if (info->attrs[NSAUDIT_A_LIMITS]) {
		err = nsaudit_nl_parse_limits(info->attrs[NSAUDIT_A_LIMITS],
					      &chg, info->extack);
		if (err)
			return err;
	}
	return nsaudit_config_apply(&chg, info->extack);
}

static const struct nla_policy nsaudit_delegate_policy[NSAUDIT_A_MAX + 1] = {
	[NSAUDIT_A_PID] = NLA_POLICY_FULL_RANGE(NLA_U32, &nsaudit_pid_range),
};

/*
 * DELEGATE and UNDELEGATE: only the host's administrator says which
 * namespaces may learn what the host's audit records (CAP_AUDIT_CONTROL
 * in the initial user namespace, checked before anything is looked at).
 */
static int nsaudit_nl_delegate(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *attr = info->attrs[NSAUDIT_A_PID];
	bool on = info->genlhdr->cmd == NSAUDIT_CMD_DELEGATE;
	struct user_namespace *ns;
	struct task_struct *task;
	struct pid *pid;
	int err;

	if (!netlink_capable(skb, CAP_AUDIT_CONTROL)) {
		GENL_SET_ERR_MSG(info,
				 "delegation needs CAP_AUDIT_CONTROL in the initial user namespace");
		return -EPERM;
	}
	if (!attr) {
		GENL_SET_ERR_MSG(info, "delegation needs NSAUDIT_A_PID");
		NL_SET_ERR_ATTR_MISS(info->extack, NULL, NSAUDIT_A_PID);
		return -EINVAL;
	}
	pid = find_get_pid(nla_get_u32(attr));
	task = get_pid_task(pid, PIDTYPE_PID);
	put_pid(pid);
	if (!task) {
		NL_SET_ERR_MSG_ATTR(info->extack, attr,
				    "no such process in the caller's PID namespace");
		return -ESRCH;
	}
	/* The cred, RCU-freed, holds its namespace until then. */
	rcu_read_lock();
	ns = get_user_ns(__task_cred(task)->user_ns);
	rcu_read_unlock();
	put_task_struct(task);
	if (ns == &init_user_ns) {
		NL_SET_ERR_MSG_ATTR(info->extack, attr,
				    "the process is in the initial user namespace, whose daemon always gets the host's records");
		err = -EINVAL;
	} else {
		err = nsaudit_delegate(ns, on, nla_get_u32(attr), info->extack);
	}
	put_user_ns(ns);
	return err;
}

/*
 * The task of a pid in the sender's active PID namespace, as /proc/PID in
 * a proc mounted there would show it; the same ptrace check as opening
 * /proc/PID/ns/X.
 */
static struct task_struct *nsaudit_nl_get_task(struct nlattr *attr,
					       struct netlink_ext_ack *extack)
{
	struct task_struct *task;
	struct pid *pid;

	pid = find_get_pid(nla_get_u32(attr));
	task = get_pid_task(pid, PIDTYPE_PID);
	put_pid(pid);
	if (!task) {
		NL_SET_ERR_MSG_ATTR(extack, attr,
				    "no such process in the caller's PID namespace");
		return ERR_PTR(-ESRCH);
	}
	if (!nsaudit_ptrace_may_access(task, PTRACE_MODE_READ_FSCREDS)) {
		put_task_struct(task);
		NL_SET_ERR_MSG_ATTR(extack, attr,
				    "no ptrace read access to the process (as for /proc/PID/ns/)");
		return ERR_PTR(-EACCES);
	}
	return task;
}

static int nsaudit_nl_put_nsid(struct sk_buff *skb,
			       const struct nsaudit_nsid *id)
{
	dev_t dev = nsaudit_nsid_dev();
	struct nlattr *nest;
	int i;

	nest = nla_nest_start(skb, NSAUDIT_A_NSID);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u32(skb, NSAUDIT_NSID_A_DEV_MAJOR, MAJOR(dev)) ||
	    nla_put_u32(skb, NSAUDIT_NSID_A_DEV_MINOR, MINOR(dev)))
		return -EMSGSIZE;
	for (i = 0; i < NSAUDIT_NS_COUNT; i++)
		if (nla_put_u32(skb, NSAUDIT_NSID_A_NS(i), id->inum[i]))
			return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

struct nsaudit_nl_nsid_reply {
	u32 pid;
	struct nsaudit_nsid id;
};

static int nsaudit_nl_fill_nsid_reply(struct sk_buff *msg, const void *arg)
{
	const struct nsaudit_nl_nsid_reply *r = arg;

	if (nla_put_u32(msg, NSAUDIT_A_PID, r->pid))
		return -EMSGSIZE;
	return nsaudit_nl_put_nsid(msg, &r->id);
}

static int nsaudit_nl_get_nsid(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *attr = info->attrs[NSAUDIT_A_PID];
	struct nsaudit_nl_nsid_reply r;
	struct task_struct *task;
	bool alive;

	if (!attr) {
		GENL_SET_ERR_MSG(info, "GET_NSID needs NSAUDIT_A_PID");
		NL_SET_ERR_ATTR_MISS(info->extack, NULL, NSAUDIT_A_PID);
		return -EINVAL;
	}
	task = nsaudit_nl_get_task(attr, info->extack);
	if (IS_ERR(task))
		return PTR_ERR(task);
	alive = nsaudit_nsid_task(task, &r.id);
	put_task_struct(task);
	if (!alive) {
		NL_SET_ERR_MSG_ATTR(info->extack, attr, "the process is exiting");
		return -ESRCH;
	}
	r.pid = nla_get_u32(attr);
	return nsaudit_nl_reply(info, NSAUDIT_CMD_GET_NSID,
				nsaudit_nl_fill_nsid_reply, &r);
}

struct nsaudit_nl_contid_reply {
	u32 pid;
	u64 contid;
};

static int nsaudit_nl_fill_contid_reply(struct sk_buff *msg, const void *arg)
{
	const struct nsaudit_nl_contid_reply *r = arg;

	if (nla_put_u32(msg, NSAUDIT_A_PID, r->pid) ||
	    nla_put_u64_64bit(msg, NSAUDIT_A_CONTID, r->contid, NSAUDIT_A_PAD))
		return -EMSGSIZE;
	return 0;
}

static int nsaudit_nl_get_contid(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *attr = info->attrs[NSAUDIT_A_PID];
	struct nsaudit_nl_contid_reply r;
	struct task_struct *task;

	if (!attr) {
		GENL_SET_ERR_MSG(info, "GET_CONTID needs NSAUDIT_A_PID");
		NL_SET_ERR_ATTR_MISS(info->extack, NULL, NSAUDIT_A_PID);
		return -EINVAL;
	}
	task = nsaudit_nl_get_task(attr, info->extack);
	if (IS_ERR(task))
		return PTR_ERR(task);
	r.contid = nsaudit_contid_task(task);
	put_task_struct(task);
	r.pid = nla_get_u32(attr);
	return nsaudit_nl_reply(info, NSAUDIT_CMD_GET_CONTID,
				nsaudit_nl_fill_contid_reply, &r);
}

/*
 * Only the host's orchestrator gives IDs: CAP_AUDIT_CONTROL in the initial
 * user namespace, checked before anything else is looked at; never to its
 * own process or a kernel thread.
 */
static int nsaudit_nl_set_contid(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *pid_attr = info->attrs[NSAUDIT_A_PID];
	struct nlattr *id_attr = info->attrs[NSAUDIT_A_CONTID];
	struct nlattr *name_attr = info->attrs[NSAUDIT_A_CONTID_NAME];
	const char *name = NULL;
	struct task_struct *task;
	struct pid *pid;
	u64 id;
	int err;

	if (!netlink_capable(skb, CAP_AUDIT_CONTROL)) {
		GENL_SET_ERR_MSG(info,
				 "SET_CONTID needs CAP_AUDIT_CONTROL in the initial user namespace");
		return -EPERM;
	}
	if (!pid_attr || !id_attr) {
		GENL_SET_ERR_MSG(info,
				 "SET_CONTID needs NSAUDIT_A_PID and NSAUDIT_A_CONTID");
		NL_SET_ERR_ATTR_MISS(info->extack, NULL,
				     pid_attr ? NSAUDIT_A_CONTID : NSAUDIT_A_PID);
		return -EINVAL;
	}
	id = nla_get_u64(id_attr);
	if (id == NSAUDIT_CONTID_UNSET) {
		NL_SET_ERR_MSG_ATTR(info->extack, id_attr,
				    "the unset value (2^64-1) is no container ID");
		return -EINVAL;
	}
	if (name_attr) {
		/* The policy made sure of the NUL within the bound. */
		name = nla_data(name_attr);
		if (!*name) {
			NL_SET_ERR_MSG_ATTR(info->extack, name_attr,
					    "the container name is empty");
			return -EINVAL;
		}
	}
	pid = find_get_pid(nla_get_u32(pid_attr));
	task = get_pid_task(pid, PIDTYPE_PID);
	put_pid(pid);
	if (!task) {
		NL_SET_ERR_MSG_ATTR(info->extack, pid_attr,
				    "no such process in the caller's PID namespace");
		return -ESRCH;
	}
	if (same_thread_group(task, current)) {
		NL_SET_ERR_MSG_ATTR(info->extack, pid_attr,
				    "a process cannot give itself a container ID");
		err = -EPERM;
	} else if (task->flags & PF_KTHREAD) {
		NL_SET_ERR_MSG_ATTR(info->extack, pid_attr,
				    "a kernel thread takes no container ID");
		err = -EPERM;
	} else {
		err = nsaudit_contid_set(task, id, name, info->extack);
	}
	put_task_struct(task);
	return err;
}

static int nsaudit_nl_fill_daemon_reply(struct sk_buff *msg, const void *arg)
{
	return nsaudit_daemon_put(msg, arg, task_active_pid_ns(current));
}

/**
 * nsaudit_genl_reply_daemon() - answer a REGISTER with the new daemon
 * @info: the request
 * @d: the daemon, under the registry lock
 *
 * Context: process (the REGISTER doit).
 *
 * Return: 0 or a negative errno (the reply could not be built or sent).
 */
int nsaudit_genl_reply_daemon(struct genl_info *info,
			      const struct nsaudit_daemon *d)
{
	return nsaudit_nl_reply(info, NSAUDIT_CMD_REGISTER,
				nsaudit_nl_fill_daemon_reply, d);
}

static int nsaudit_nl_register(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *attr = info->attrs[NSAUDIT_A_BACKLOG];
	struct nsaudit_config cfg;
	u32 backlog;

	/* The socket's opener and the sender, in the sender's user ns. */
	if (!netlink_ns_capable(skb, current_user_ns(), CAP_AUDIT_CONTROL)) {
		GENL_SET_ERR_MSG(info,
				 "REGISTER needs CAP_AUDIT_CONTROL in the caller's user namespace");
		return -EPERM;
	}
	nsaudit_config_read(&cfg);
	/* Asked for: at most the host's queue limit. Default: capped by it. */
	backlog = attr ? nla_get_u32(attr) : min(cfg.limits.backlog,
						 cfg.limits.queue);
	if (backlog > cfg.limits.queue) {
		NL_SET_ERR_MSG_ATTR(info->extack, attr,
				    "backlog above the host's queue limit");
		return -ERANGE;
	}
	return nsaudit_daemon_register(skb, info, backlog);
}

static int nsaudit_nl_unregister(struct sk_buff *skb, struct genl_info *info)
{
	return nsaudit_daemon_unregister(skb, info->extack);
}

/* ADD_RULE and DEL_RULE: the rule, in the caller's view. */
static int nsaudit_nl_rule(struct sk_buff *skb, struct genl_info *info)
{
	u8 cmd = info->genlhdr->cmd;
	struct nsaudit_rule *r;
	struct nlattr *attr;
	bool prepend;
	int err;

	err = nsaudit_daemon_rules_may(skb, info->extack);
	if (err)
		return err;
	attr = info->attrs[NSAUDIT_A_RULE];
	if (!attr) {
		GENL_SET_ERR_MSG(info, "ADD_RULE and DEL_RULE need NSAUDIT_A_RULE");
		NL_SET_ERR_ATTR_MISS(info->extack, NULL, NSAUDIT_A_RULE);
		return -EINVAL;
	}
	r = nsaudit_rule_parse(nla_data(attr), nla_len(attr),
			       current_user_ns(), &prepend, info->extack);
	if (IS_ERR(r)) {
		if (!info->extack->_msg)
			NL_SET_BAD_ATTR(info->extack, attr);
		return PTR_ERR(r);
	}
	err = nsaudit_daemon_rules_change(skb, info, cmd, r, prepend);
	/* A rule added belongs to the rulespace; otherwise it was a probe. */
	if (err || cmd != NSAUDIT_CMD_ADD_RULE)
		nsaudit_rule_free(r);
	return err;
}

static int nsaudit_nl_delete_all(struct sk_buff *skb, struct genl_info *info)
{
	return nsaudit_daemon_rules_change(skb, info, NSAUDIT_CMD_DELETE_ALL,
					   NULL, false);
}

/*
 * Do-only but LIST_RULES: a dump request of any other is refused by the
 * genetlink core (EOPNOTSUPP), and so is a do of LIST_RULES.
 */
static const struct genl_ops nsaudit_genl_ops[] = {
	{
		.cmd = NSAUDIT_CMD_GET_STATUS,
		.doit = nsaudit_nl_get_status,
	},
	{
		.cmd = NSAUDIT_CMD_SET,
		.doit = nsaudit_nl_set,
		.policy = nsaudit_set_policy,
		.maxattr = NSAUDIT_A_MAX,
	},
	{
		.cmd = NSAUDIT_CMD_GET_NSID,
		.doit = nsaudit_nl_get_nsid,
		.policy = nsaudit_get_nsid_policy,
		.maxattr = NSAUDIT_A_MAX,
	},
	{
		.cmd = NSAUDIT_CMD_REGISTER,
		.doit = nsaudit_nl_register,
		.policy = nsaudit_register_policy,
		.maxattr = NSAUDIT_A_MAX,
	},
	{
		/* No policy: the core refuses any attribute. */
		.cmd = NSAUDIT_CMD_UNREGISTER,
		.doit = nsaudit_nl_unregister,
	},
	{
		.cmd = NSAUDIT_CMD_ADD_RULE,
		.doit = nsaudit_nl_rule,
		.policy = nsaudit_rule_policy,
		.maxattr = NSAUDIT_A_MAX,
	},
	{
		.cmd = NSAUDIT_CMD_DEL_RULE,
		.doit = nsaudit_nl_rule,
		.policy = nsaudit_rule_policy,
		.maxattr = NSAUDIT_A_MAX,
	},
	{
		/* No policy: the core refuses any attribute. */
		.cmd = NSAUDIT_CMD_LIST_RULES,
		.start = nsaudit_daemon_rules_start,
		.dumpit = nsaudit_daemon_rules_dump,
		.done = nsaudit_daemon_rules_done,
	},
	{
		.cmd = NSAUDIT_CMD_DELETE_ALL,
		.doit = nsaudit_nl_delete_all,
	},
	{
		.cmd = NSAUDIT_CMD_SET_CONTID,
		.doit = nsaudit_nl_set_contid,
		.policy = nsaudit_set_contid_policy,
		.maxattr = NSAUDIT_A_MAX,
	},
	{
		.cmd = NSAUDIT_CMD_GET_CONTID,
		.doit = nsaudit_nl_get_contid,
		.policy = nsaudit_get_nsid_policy,
		.maxattr = NSAUDIT_A_MAX,
	},
	{
		.cmd = NSAUDIT_CMD_DELEGATE,
		.doit = nsaudit_nl_delegate,
		.policy = nsaudit_delegate_policy,
		.maxattr = NSAUDIT_A_MAX,
	},
	{
		.cmd = NSAUDIT_CMD_UNDELEGATE,
		.doit = nsaudit_nl_delegate,
		.policy = nsaudit_delegate_policy,
		.maxattr = NSAUDIT_A_MAX,
	},
};

static struct genl_family nsaudit_genl_family __ro_after_init = {
	.name = NSAUDIT_GENL_NAME,
	.version = NSAUDIT_GENL_VERSION,
	.netnsok = true,
	.parallel_ops = true,
	.pre_doit = nsaudit_nl_pre_doit,
	.ops = nsaudit_genl_ops,
	.n_ops = ARRAY_SIZE(nsaudit_genl_ops),
	.mcgrps = nsaudit_genl_mcgrps,
	.n_mcgrps = ARRAY_SIZE(nsaudit_genl_mcgrps),
	.module = THIS_MODULE,
};

/**
 * nsaudit_genl_put() - the header of a message the module sends on its own
 * @skb: the message
 * @cmd: NSAUDIT_CMD_*
 *
 * Context: any.
 *
 * Return: the user header, or NULL without room.
 */
void *nsaudit_genl_put(struct sk_buff *skb, u8 cmd)
{
	return genlmsg_put(skb, 0, 0, &nsaudit_genl_family, 0, cmd);
}

/**
 * nsaudit_genl_dump_put() - the header of one message of a dump
 * @skb: the dump's message
 * @cb: the dump
 * @cmd: NSAUDIT_CMD_*
 *
 * Context: process (a dumpit).
 *
 * Return: the user header, or NULL without room.
 */
void *nsaudit_genl_dump_put(struct sk_buff *skb, struct netlink_callback *cb,
			    u8 cmd)
{
	return genlmsg_put(skb, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
			   &nsaudit_genl_family, NLM_F_MULTI, cmd);
}

/**
 * nsaudit_genl_notify_config() - announce the settings on the config group
 *
 * A notification that cannot be built is dropped: listeners can always
 * ask GET_STATUS.
 *
 * Context: process, under nsaudit_config_lock; allocates with GFP_KERNEL.
 */
void nsaudit_genl_notify_config(void)
{
	struct sk_buff *msg;
	void *hdr;

	msg = genlmsg_new(NLMSG_DEFAULT_SIZE, GFP_KERNEL);
	if (!msg)
		return;
	hdr = nsaudit_genl_put(msg, NSAUDIT_CMD_CONFIG_NTF);
	if (!hdr || nsaudit_nl_fill_status(msg, NSAUDIT_VIEW_NOTIFY)) {
		nlmsg_free(msg);
		return;
	}
	genlmsg_end(msg, hdr);
	/* ESRCH (nobody listens) is the common case, not an error. */
	nsaudit_genlmsg_multicast_allns(&nsaudit_genl_family, msg, 0,
					NSAUDIT_GENL_MCGRP_CONFIG);
}

/**
 * nsaudit_genl_init() - register the family
 *
 * Context: process (module init).
 *
 * Return: 0 or a negative errno.
 */
int nsaudit_genl_init(void)
{
	int err;

	err = genl_register_family(&nsaudit_genl_family);
	if (err)
		pr_err("cannot register generic netlink family %s: %d\n",
		       NSAUDIT_GENL_NAME, err);
	return err;
}

/**
 * nsaudit_genl_exit() - unregister the family
 *
 * Returns once no operation runs any more: the core waits for requests in
 * flight.
 *
 * Context: process (module exit); sleeps.
 */
void nsaudit_genl_exit(void)
{
	genl_unregister_family(&nsaudit_genl_family);
}
