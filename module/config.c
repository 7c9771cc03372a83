// SPDX-License-Identifier: GPL-2.0
/*
 * The module's settings: enrichment on or off and the limits the host
 * administrator sets. Changed by NSAUDIT_CMD_SET and by the "enrich"
 * parameter, always through nsaudit_config_apply(), which makes a change
 * all or nothing, logs it as an AUDIT_CONFIG_CHANGE record and announces it
 * on the "config" multicast group.
 *
 * Locking: nsaudit_config_lock serialises changes (it is taken before
 * nsaudit_hooks_lock). Readers take no lock: each limit is one u32 read
 * with READ_ONCE(), and a reader that needs one limit needs no other.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/audit.h>
#include <linux/cred.h>
#include <linux/mutex.h>
#include <linux/netlink.h>
#include <linux/sched.h>
#include <linux/uidgid.h>
#include "nsaudit.h"

static DEFINE_MUTEX(nsaudit_config_lock);

/* Written under nsaudit_config_lock, read with READ_ONCE(). */
static struct nsaudit_limits nsaudit_limits = {
	.daemons = NSAUDIT_LIMIT_DAEMONS_DEFAULT,
	.queue = NSAUDIT_LIMIT_QUEUE_DEFAULT,
	.rules = NSAUDIT_LIMIT_RULES_DEFAULT,
	.backlog = NSAUDIT_LIMIT_BACKLOG_DEFAULT,
	.memory = NSAUDIT_LIMIT_MEMORY_DEFAULT,
	.contids = NSAUDIT_LIMIT_CONTIDS_DEFAULT,
};

/* Protected by nsaudit_config_lock: changes are announced once it is set. */
static bool nsaudit_config_announce;

/**
 * nsaudit_config_read() - a snapshot of the settings
 * @cfg: filled in
 *
 * Context: any.
 */
void nsaudit_config_read(struct nsaudit_config *cfg)
{
	cfg->enrich = nsaudit_hooks_enrich();
	cfg->limits.daemons = READ_ONCE(nsaudit_limits.daemons);
	cfg->limits.queue = READ_ONCE(nsaudit_limits.queue);
	cfg->limits.rules = READ_ONCE(nsaudit_limits.rules);
	cfg->limits.backlog = READ_ONCE(nsaudit_limits.backlog);
	cfg->limits.memory = READ_ONCE(nsaudit_limits.memory);
	cfg->limits.contids = READ_ONCE(nsaudit_limits.contids);
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
	struct audit_buffer *ab;

	ab = audit_log_start(audit_context(), GFP_KERNEL, AUDIT_CONFIG_CHANGE);
	if (!ab)
		return;
	audit_log_format(ab, "op=nsaudit-set");
	if (chg->mask & NSAUDIT_CONFIG_ENRICH)
		nsaudit_config_log_field(ab, "enrich", chg->cfg.enrich,
					 old->enrich);
	if (chg->mask & NSAUDIT_CONFIG_DAEMONS)
		nsaudit_config_log_field(ab, "daemons", chg->cfg.limits.daemons,
					 old->limits.daemons);
	if (chg->mask & NSAUDIT_CONFIG_QUEUE)
		nsaudit_config_log_field(ab, "queue", chg->cfg.limits.queue,
					 old->limits.queue);
	if (chg->mask & NSAUDIT_CONFIG_RULES)
		nsaudit_config_log_field(ab, "rules", chg->cfg.limits.rules,
					 old->limits.rules);
	if (chg->mask & NSAUDIT_CONFIG_BACKLOG)
		nsaudit_config_log_field(ab, "backlog", chg->cfg.limits.backlog,
					 old->limits.backlog);
	if (chg->mask & NSAUDIT_CONFIG_MEMORY)
		nsaudit_config_log_field(ab, "memory", chg->cfg.limits.memory,
					 old->limits.memory);
	if (chg->mask & NSAUDIT_CONFIG_CONTIDS)
		nsaudit_config_log_field(ab, "contids", chg->cfg.limits.contids,
					 old->limits.contids);
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
	struct nsaudit_config old;
	int err = 0;

	mutex_lock(&nsaudit_config_lock);
	nsaudit_config_read(&old);
	if (chg->mask & NSAUDIT_CONFIG_ENRICH) {
		err = nsaudit_hooks_set_enrich(chg->cfg.enrich);
		if (err) {
			NL_SET_ERR_MSG(extack,
				       "the kernel refused to switch the audit_log_end probe");
			goto out;
		}
	}
	if (chg->mask & NSAUDIT_CONFIG_DAEMONS)
		WRITE_ONCE(nsaudit_limits.daemons, chg->cfg.limits.daemons);
	if (chg->mask & NSAUDIT_CONFIG_QUEUE)
		WRITE_ONCE(nsaudit_limits.queue, chg->cfg.limits.queue);
	if (chg->mask & NSAUDIT_CONFIG_RULES)
		WRITE_ONCE(nsaudit_limits.rules, chg->cfg.limits.rules);
	if (chg->mask & NSAUDIT_CONFIG_BACKLOG)
		WRITE_ONCE(nsaudit_limits.backlog, chg->cfg.limits.backlog);
	if (chg->mask & NSAUDIT_CONFIG_MEMORY)
		WRITE_ONCE(nsaudit_limits.memory, chg->cfg.limits.memory);
	if (chg->mask & NSAUDIT_CONFIG_CONTIDS)
		WRITE_ONCE(nsaudit_limits.contids, chg->cfg.limits.contids);
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
	nsaudit_config_announce = on;
	mutex_unlock(&nsaudit_config_lock);
}
