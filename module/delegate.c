// SPDX-License-Identifier: GPL-2.0
/*
 * Delegation: which per-namespace daemons receive copies of the records
 * the host's audit produces (the host's rules', the kernel's own). Those
 * copies tell what the host watches, which auditctl -l keeps behind
 * CAP_AUDIT_CONTROL, so with "share" at its default (delegated) a daemon
 * gets them only if the host delegated its user namespace or an ancestor
 * of it. The initial user namespace's daemon always gets them; every
 * daemon always gets what its own rules select.
 *
 * Objects: one struct nsaudit_delegation per delegated user namespace, in
 * nsaudit_delegations, keyed by the namespace's address. It holds a
 * reference to the namespace, so that no other namespace can take that
 * address while it is delegated. One whose reference is the namespace's
 * last (no task, file or child namespace uses it any more) is dropped at
 * the next delegation command or status request (nsaudit_delegate_sweep()).
 *
 * The answer for each daemon is kept in the daemon (d->shared), set under
 * nsaudit_daemons_lock at registration and at every change of a delegation
 * or of "share", read with READ_ONCE() where records are routed.
 *
 * Locking: nsaudit_daemons_lock protects the table and its count; process
 * context only.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/audit.h>
#include <linux/cred.h>
#include <linux/hashtable.h>
#include <linux/netlink.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/user_namespace.h>
#include "nsaudit.h"

struct nsaudit_delegation {
	struct hlist_node node;
	struct user_namespace *ns;	/* referenced */
};

static DEFINE_HASHTABLE(nsaudit_delegations, 8);
/* Under nsaudit_daemons_lock. */
static unsigned int nsaudit_delegations_now;

static struct nsaudit_delegation *
nsaudit_delegation_find(const struct user_namespace *ns)
{
	struct nsaudit_delegation *dl;

	lockdep_assert_held(&nsaudit_daemons_lock);
	hash_for_each_possible(nsaudit_delegations, dl, node, (unsigned long)ns)
		if (dl->ns == ns)
			return dl;
	return NULL;
}

static void nsaudit_delegation_free(struct nsaudit_delegation *dl)
{
	lockdep_assert_held(&nsaudit_daemons_lock);
	hash_del(&dl->node);
	nsaudit_delegations_now--;
	put_user_ns(dl->ns);
	kfree(dl);
}

/* Drops the delegations of namespaces that nothing but they still use. */
static void nsaudit_delegate_sweep(void)
{
	struct nsaudit_delegation *dl;
	struct hlist_node *tmp;
	int bkt;

	lockdep_assert_held(&nsaudit_daemons_lock);
	hash_for_each_safe(nsaudit_delegations, bkt, tmp, dl, node)
		if (nsaudit_ns_refs(&dl->ns->ns) == 1)
			nsaudit_delegation_free(dl);
}

/**
 * nsaudit_delegation_shares() - whether @ns's daemon gets the host's records
 * @ns: the daemon's user namespace
 * @share: the "share" setting
 *
 * Context: process, under nsaudit_daemons_lock.
 */
bool nsaudit_delegation_shares(const struct user_namespace *ns, u8 share)
{
	lockdep_assert_held(&nsaudit_daemons_lock);
	if (ns == &init_user_ns || share == NSAUDIT_SHARE_ALL)
		return true;
	if (share != NSAUDIT_SHARE_DELEGATED)
		return false;
	for (; ns && ns != &init_user_ns; ns = ns->parent)
		if (nsaudit_delegation_find(ns))
			return true;
	return false;
}

/**
 * nsaudit_delegation_count() - the user namespaces delegated now
 *
 * Those gone meanwhile are dropped first.
 *
 * Context: process; takes nsaudit_daemons_lock.
 */
u64 nsaudit_delegation_count(void)
{
	u64 n;

	mutex_lock(&nsaudit_daemons_lock);
	nsaudit_delegate_sweep();
	n = nsaudit_delegations_now;
	mutex_unlock(&nsaudit_daemons_lock);
	return n;
}

/**
 * nsaudit_delegation_current() - whether the caller's daemon gets them
 *
 * Context: process; takes nsaudit_daemons_lock.
 *
 * Return: whether the daemon of the caller's user namespace gets (or
 * would get) the host's records.
 */
bool nsaudit_delegation_current(void)
{
	struct nsaudit_config cfg;
	bool shared;

	nsaudit_config_read(&cfg);
	mutex_lock(&nsaudit_daemons_lock);
	shared = nsaudit_delegation_shares(current_user_ns(), cfg.share);
	mutex_unlock(&nsaudit_daemons_lock);
	return shared;
}

/* A CONFIG_CHANGE record of a (un)delegation, like the module's settings. */
static void nsaudit_delegate_log(bool on, const struct user_namespace *ns,
				 pid_t opid, int err)
{
	struct audit_buffer *ab;

	ab = audit_log_start(audit_context(), GFP_KERNEL, AUDIT_CONFIG_CHANGE);
	if (!ab)
		return;
	audit_log_format(ab, "op=nsaudit-%s userns=%u opid=%d auid=%u ses=%u res=%d",
			 on ? "delegate" : "undelegate", ns->ns.inum, opid,
			 from_kuid(&init_user_ns, audit_get_loginuid(current)),
			 audit_get_sessionid(current), !err);
	nsaudit_log_end(ab);
}

/**
 * nsaudit_delegate() - delegate a user namespace, or end its delegation
 * @ns: the namespace, referenced by the caller; not the initial one
 * @on: delegate (true) or undelegate
 * @opid: the process the request named, for the record
 * @extack: for the reason of a refusal
 *
 * The caller checked CAP_AUDIT_CONTROL in the initial user namespace.
 * Every daemon's share is recomputed before this returns: a record logged
 * afterwards is routed by the new state.
 *
 * Context: process; takes nsaudit_daemons_lock; sleeps.
 *
 * Return: 0, -EEXIST, -ENOENT, -ENOSPC or -ENOMEM, logged either way.
 */
int nsaudit_delegate(struct user_namespace *ns, bool on, pid_t opid,
		     struct netlink_ext_ack *extack)
{
	struct nsaudit_delegation *dl, *fresh = NULL;
	int err = 0;

	if (on) {
		fresh = kzalloc(sizeof(*fresh), GFP_KERNEL_ACCOUNT);
		if (!fresh) {
			NL_SET_ERR_MSG(extack, "no memory for the delegation");
			return -ENOMEM;
		}
	}
	mutex_lock(&nsaudit_daemons_lock);
	nsaudit_delegate_sweep();
	dl = nsaudit_delegation_find(ns);
	if (on && dl) {
		NL_SET_ERR_MSG(extack, "the user namespace is delegated already");
		err = -EEXIST;
	} else if (on && nsaudit_delegations_now >= NSAUDIT_DELEGATIONS_MAX) {
		NL_SET_ERR_MSG(extack, "as many user namespaces delegated as the module allows");
		err = -ENOSPC;
	} else if (on) {
		fresh->ns = get_user_ns(ns);
		hash_add(nsaudit_delegations, &fresh->node, (unsigned long)ns);
		nsaudit_delegations_now++;
		fresh = NULL;
	} else if (!dl) {
		NL_SET_ERR_MSG(extack,
			       "the user namespace is not delegated itself (an ancestor's delegation is ended there)");
		err = -ENOENT;
	} else {
		nsaudit_delegation_free(dl);
	}
	if (!err)
		nsaudit_daemons_reshare();
	mutex_unlock(&nsaudit_daemons_lock);
	kfree(fresh);
	nsaudit_delegate_log(on, ns, opid, err);
	return err;
}

/**
 * nsaudit_delegate_exit() - forget every delegation
 *
 * Context: process (module exit), once no command can arrive.
 */
void nsaudit_delegate_exit(void)
{
	struct nsaudit_delegation *dl;
	struct hlist_node *tmp;
	int bkt;

	mutex_lock(&nsaudit_daemons_lock);
	hash_for_each_safe(nsaudit_delegations, bkt, tmp, dl, node)
		nsaudit_delegation_free(dl);
	mutex_unlock(&nsaudit_daemons_lock);
}
