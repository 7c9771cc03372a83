// SPDX-License-Identifier: GPL-2.0
/*
 * The module's settings: enrichment on or off and the limits the host
 * administrator sets. Changed by NSAUDIT_CMD_SET and by the "enrich"
 * parameter, always through nsaudit_config_apply(), which makes a change
 * all or nothing, logs it as an AUDIT_CONFIG_CHANGE record and announces it
 * on the "config" multicast group.
 *
 * Locking: nsaudit_config_lock serialises changes (it is taken before
 * nsaudit_daemons_lock and nsaudit_hooks_lock). Readers take no lock: each limit is one u32 read
 * with READ_ONCE(), and a reader that needs one limit needs no other.
 *
 * The kernel's audit configuration locked (auditctl -e 2) freezes these
 * settings with it, until reboot: every change is refused, and the module
 * pins itself, since unloading it would change what the host log holds.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/audit.h>
#include <linux/cred.h>
#include <linux/kprobes.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/netlink.h>
#include <linux/sched.h>
#include <linux/uidgid.h>
#include "nsaudit.h"

static DEFINE_MUTEX(nsaudit_config_lock);

#define NSAUDIT_LIMIT(field, bit, attribute) {				\
	.mask = bit, .attr = attribute, .name = #field,			\
	.offset = offsetof(struct nsaudit_limits, field),		\
}

static_assert(NSAUDIT_LIMITS_COUNT == NSAUDIT_LIMIT_A_MAX);

const struct nsaudit_limit_info nsaudit_limit_info[NSAUDIT_LIMITS_COUNT] = {
	NSAUDIT_LIMIT(daemons, NSAUDIT_CONFIG_DAEMONS, NSAUDIT_LIMIT_A_DAEMONS),
	NSAUDIT_LIMIT(queue, NSAUDIT_CONFIG_QUEUE, NSAUDIT_LIMIT_A_QUEUE),
	NSAUDIT_LIMIT(rules, NSAUDIT_CONFIG_RULES, NSAUDIT_LIMIT_A_RULES),
	NSAUDIT_LIMIT(backlog, NSAUDIT_CONFIG_BACKLOG, NSAUDIT_LIMIT_A_BACKLOG),
	NSAUDIT_LIMIT(memory, NSAUDIT_CONFIG_MEMORY, NSAUDIT_LIMIT_A_MEMORY),
	NSAUDIT_LIMIT(contids, NSAUDIT_CONFIG_CONTIDS, NSAUDIT_LIMIT_A_CONTIDS),
	NSAUDIT_LIMIT(user_daemons, NSAUDIT_CONFIG_USER_DAEMONS,
		      NSAUDIT_LIMIT_A_USER_DAEMONS),
	NSAUDIT_LIMIT(user_memory, NSAUDIT_CONFIG_USER_MEMORY,
		      NSAUDIT_LIMIT_A_USER_MEMORY),
	NSAUDIT_LIMIT(daemon_memory, NSAUDIT_CONFIG_DAEMON_MEMORY,
		      NSAUDIT_LIMIT_A_DAEMON_MEMORY),
};

/* Written under nsaudit_config_lock, read with READ_ONCE(). */
static struct nsaudit_limits nsaudit_limits = {
	.daemons = NSAUDIT_LIMIT_DAEMONS_DEFAULT,
	.queue = NSAUDIT_LIMIT_QUEUE_DEFAULT,
	.rules = NSAUDIT_LIMIT_RULES_DEFAULT,
	.backlog = NSAUDIT_LIMIT_BACKLOG_DEFAULT,
	.memory = NSAUDIT_LIMIT_MEMORY_DEFAULT,
	.contids = NSAUDIT_LIMIT_CONTIDS_DEFAULT,
	.user_daemons = NSAUDIT_LIMIT_USER_DAEMONS_DEFAULT,
	.user_memory = NSAUDIT_LIMIT_USER_MEMORY_DEFAULT,
	.daemon_memory = NSAUDIT_LIMIT_DAEMON_MEMORY_DEFAULT,
};

/* Written under nsaudit_config_lock, read with READ_ONCE(). */
static u8 nsaudit_share = NSAUDIT_SHARE_DELEGATED;

/*
 * Written under nsaudit_config_lock, read with READ_ONCE(): changes are
 * announced, and frozen by the audit lock, once it is set.
 */
static bool nsaudit_config_announce;

/* Set once, never cleared (like the lock): the module holds itself. */
static atomic_t nsaudit_config_pinned = ATOMIC_INIT(0);

/**
 * nsaudit_audit_locked() - whether the kernel's audit configuration is locked
 *
 * The first call that finds it locked takes a reference on the module that
 * is never dropped: delete_module() then refuses to unload it.
 *
 * Context: any (a kprobe handler included).
 *
 * Return: true if audit_enabled is AUDIT_LOCKED.
 */
bool nsaudit_audit_locked(void)
{
	if (READ_ONCE(audit_enabled) != AUDIT_LOCKED)
		return false;
	if (!atomic_xchg(&nsaudit_config_pinned, 1)) {
		__module_get(THIS_MODULE);
		pr_info("audit configuration locked: settings frozen and module pinned until reboot\n");
	}
	return true;
}
NOKPROBE_SYMBOL(nsaudit_audit_locked);

/**
 * nsaudit_config_frozen() - whether settings may no longer change
 *
 * Settings given at load time (module parameters, before the family
 * exists) are never frozen: loading the module is the admin's choice.
 *
 * Context: any.
 *
 * Return: true once the module is live and the audit configuration locked.
 */
bool nsaudit_config_frozen(void)
{
	return READ_ONCE(nsaudit_config_announce) && nsaudit_audit_locked();
}

/**
 * nsaudit_unload_pre() - kprobe handler at the entry of delete_module()
 * @p: the kprobe
 * @regs: the caller's registers
 *
 * Runs before delete_module() reads any module's reference count, so a lock
 * made since the module last looked still pins it. The audit lock sends no
 * notification of its own and its CONFIG_CHANGE record is logged before the
 * lock takes effect, hence this hook.
 *
 * Context: process, kprobe handler (preemption disabled).
 *
 * Return: 0 (the call goes on).
 */
int nsaudit_unload_pre(struct kprobe *p, struct pt_regs *regs)
{
	nsaudit_audit_locked();
	return 0;
}
NOKPROBE_SYMBOL(nsaudit_unload_pre);

/**
 * nsaudit_config_read() - a snapshot of the settings
 * @cfg: filled in
 *
 * Context: any.
 */
void nsaudit_config_read(struct nsaudit_config *cfg)
{
	const struct nsaudit_limit_info *li;

	cfg->enrich = nsaudit_hooks_enrich();
	cfg->share = READ_ONCE(nsaudit_share);
	nsaudit_for_each_limit(li)
		*nsaudit_limit_ptr(&cfg->limits, li) =
			READ_ONCE(*nsaudit_limit_ptr(&nsaudit_limits, li));
}

/**
 * nsaudit_share_name() - the name of a "share" setting
 * @share: an enum nsaudit_share value
 *
 * Return: "none", "delegated" or "all".
 */
const char *nsaudit_share_name(u8 share)
{
	switch (share) {
	case NSAUDIT_SHARE_NONE:
		return "none";
	case NSAUDIT_SHARE_ALL:
		return "all";
	default:
		return "delegated";
	}
}

/* One "name=new old-name=old" pair per setting the change names. */
static void nsaudit_config_log_field(struct audit_buffer *ab, const char *name,
				     u32 new, u32 old)
{
	audit_log_format(ab, " %s=%u old-%s=%u", name, new, name, old);
}

/*
 * Like the kernel's own CONFIG_CHANGE records for audit settings: what
 * changed, who changed it, whether it took effect, and (like every record
 * of its own) the nsID set of the task that made the change.
 */
static void nsaudit_config_log(const struct nsaudit_config_change *chg,
			       const struct nsaudit_config *old, int err)
{
	const struct nsaudit_limit_info *li;
	struct audit_buffer *ab;

	ab = audit_log_start(audit_context(), GFP_KERNEL, AUDIT_CONFIG_CHANGE);
	if (!ab)
		return;
	audit_log_format(ab, "op=nsaudit-set");
	if (chg->mask & NSAUDIT_CONFIG_ENRICH)
		nsaudit_config_log_field(ab, "enrich", chg->cfg.enrich,
					 old->enrich);
	if (chg->mask & NSAUDIT_CONFIG_SHARE)
		audit_log_format(ab, " share=%s old-share=%s",
				 nsaudit_share_name(chg->cfg.share),
				 nsaudit_share_name(old->share));
	nsaudit_for_each_limit(li)
		if (chg->mask & li->mask)
			nsaudit_config_log_field(ab, li->name,
				nsaudit_limit_get(&chg->cfg.limits, li),
				nsaudit_limit_get(&old->limits, li));
	audit_log_format(ab, " auid=%u ses=%u res=%d",
			 from_kuid(&init_user_ns, audit_get_loginuid(current)),
			 audit_get_sessionid(current), !err);
	nsaudit_log_end(ab);
}

/**
 * nsaudit_config_apply() - change settings, all or nothing
 * @chg: the settings to change (@chg->mask) and their new values, already
 *       validated against the UAPI bounds
 * @extack: for the reason of a refusal; may be NULL
 *
 * The caller has checked permission. Enrichment is switched first, since
 * it is the only step that can fail; the limits then cannot.
 *
 * Context: process; sleeps; takes nsaudit_config_lock.
 *
 * Return: 0, or a negative errno with nothing changed.
 */
int nsaudit_config_apply(const struct nsaudit_config_change *chg,
			 struct netlink_ext_ack *extack)
{
	const struct nsaudit_limit_info *li;
	struct nsaudit_config old;
	int err = 0;

	mutex_lock(&nsaudit_config_lock);
	nsaudit_config_read(&old);
	if (nsaudit_config_announce && nsaudit_audit_locked()) {
		NL_SET_ERR_MSG(extack,
			       "the audit configuration is locked (audit_enabled=2) until reboot");
		err = -EPERM;
		goto out;
	}
	if (chg->mask & NSAUDIT_CONFIG_ENRICH) {
		err = nsaudit_hooks_set_enrich(chg->cfg.enrich);
		if (err) {
			NL_SET_ERR_MSG(extack,
				       "the kernel refused to switch the audit_log_end probe");
			goto out;
		}
	}
	nsaudit_for_each_limit(li)
		if (chg->mask & li->mask)
			WRITE_ONCE(*nsaudit_limit_ptr(&nsaudit_limits, li),
				   nsaudit_limit_get(&chg->cfg.limits, li));
	if (chg->mask & NSAUDIT_CONFIG_SHARE) {
		WRITE_ONCE(nsaudit_share, chg->cfg.share);
		/* Before the reply: records logged afterwards go by it. */
		mutex_lock(&nsaudit_daemons_lock);
		nsaudit_daemons_reshare();
		mutex_unlock(&nsaudit_daemons_lock);
	}
out:
	/*
	 * Still under the lock: records and notifications come out in the
	 * order the changes were made, each with the state it produced.
	 */
	if (nsaudit_config_announce) {
		nsaudit_config_log(chg, &old, err);
		if (!err)
			nsaudit_genl_notify_config();
	}
	mutex_unlock(&nsaudit_config_lock);
	return err;
}

/**
 * nsaudit_config_set_announce() - start or stop logging and announcing
 * @on: true once the family is registered, false before it goes away
 *
 * Changes made through module parameters at load time, before the family
 * exists, are neither logged nor announced.
 *
 * Context: process; takes nsaudit_config_lock.
 */
void nsaudit_config_set_announce(bool on)
{
	mutex_lock(&nsaudit_config_lock);
	WRITE_ONCE(nsaudit_config_announce, on);
	mutex_unlock(&nsaudit_config_lock);
	/* A lock set before the module was loaded pins it at once. */
	if (on)
		nsaudit_audit_locked();
}
