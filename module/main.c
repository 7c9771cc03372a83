// SPDX-License-Identifier: GPL-2.0
/*
 * nsaudit: namespace-aware Linux audit as a loadable module.
 *
 * Load order: unexported functions, nsID layout check, enrichment state,
 * container IDs, hooks, the daemon registry, the netlink family. Unload runs the same
 * steps in reverse and is safe while records flow, requests arrive and
 * daemons are registered.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/sysfs.h>
#include "nsaudit.h"

/* The state lives in hooks.c; a change goes through config.c. */
static int nsaudit_enrich_set(const char *val, const struct kernel_param *kp)
{
	struct nsaudit_config_change chg = { .mask = NSAUDIT_CONFIG_ENRICH };
	bool on;
	int err;

	err = kstrtobool(val, &on);
	if (err)
		return err;
	chg.cfg.enrich = on;
	return nsaudit_config_apply(&chg, NULL);
}

static int nsaudit_enrich_get(char *buf, const struct kernel_param *kp)
{
	return sysfs_emit(buf, "%c\n", nsaudit_hooks_enrich() ? 'Y' : 'N');
}

static const struct kernel_param_ops nsaudit_enrich_ops = {
	.set = nsaudit_enrich_set,
	.get = nsaudit_enrich_get,
};
module_param_cb(enrich, &nsaudit_enrich_ops, NULL, 0644);
MODULE_PARM_DESC(enrich,
		 "Append the nsID set to host audit records (default: Y; switchable at run time)");

/* "share": which daemons get the host's records (delegate.c). */
static int nsaudit_share_set(const char *val, const struct kernel_param *kp)
{
	struct nsaudit_config_change chg = { .mask = NSAUDIT_CONFIG_SHARE };
	static const char *const names[] = {
		[NSAUDIT_SHARE_NONE] = "none",
		[NSAUDIT_SHARE_DELEGATED] = "delegated",
		[NSAUDIT_SHARE_ALL] = "all",
	};
	int i;

	i = sysfs_match_string(names, val);
	if (i < 0)
		return i;
	chg.cfg.share = i;
	return nsaudit_config_apply(&chg, NULL);
}

static int nsaudit_share_get(char *buf, const struct kernel_param *kp)
{
	struct nsaudit_config cfg;

	nsaudit_config_read(&cfg);
	return sysfs_emit(buf, "%s\n", nsaudit_share_name(cfg.share));
}

static const struct kernel_param_ops nsaudit_share_ops = {
	.set = nsaudit_share_set,
	.get = nsaudit_share_get,
};
module_param_cb(share, &nsaudit_share_ops, NULL, 0644);
MODULE_PARM_DESC(share,
		 "Which per-namespace daemons get copies of the host's records: none, delegated (default) or all");

/* The limits live in config.c; a change goes through it, range checked. */
struct nsaudit_limit_param {
	u16 attr;		/* NSAUDIT_LIMIT_A_* */
	u32 min, max;
};

static const struct nsaudit_limit_info *
nsaudit_limit_param_info(const struct nsaudit_limit_param *p)
{
	const struct nsaudit_limit_info *li;

	nsaudit_for_each_limit(li)
		if (li->attr == p->attr)
			break;
	return li;
}

static int nsaudit_limit_param_set(const char *val, const struct kernel_param *kp)
{
	const struct nsaudit_limit_param *p = kp->arg;
	const struct nsaudit_limit_info *li = nsaudit_limit_param_info(p);
	struct nsaudit_config_change chg = { .mask = li->mask };
	u32 v;
	int err;

	err = kstrtou32(val, 0, &v);
	if (err)
		return err;
	if (v < p->min || v > p->max)
		return -ERANGE;
	*nsaudit_limit_ptr(&chg.cfg.limits, li) = v;
	return nsaudit_config_apply(&chg, NULL);
}

static int nsaudit_limit_param_get(char *buf, const struct kernel_param *kp)
{
	const struct nsaudit_limit_param *p = kp->arg;
	struct nsaudit_config cfg;

	nsaudit_config_read(&cfg);
	return sysfs_emit(buf, "%u\n",
			  nsaudit_limit_get(&cfg.limits,
					    nsaudit_limit_param_info(p)));
}

static const struct kernel_param_ops nsaudit_limit_ops = {
	.set = nsaudit_limit_param_set,
	.get = nsaudit_limit_param_get,
};

#define NSAUDIT_LIMIT_PARAM(name, attribute, lo, hi, desc)		\
	static const struct nsaudit_limit_param nsaudit_param_##name = {	\
		.attr = attribute, .min = lo, .max = hi,		\
	};								\
	module_param_cb(name, &nsaudit_limit_ops,			\
			(void *)&nsaudit_param_##name, 0644);		\
	MODULE_PARM_DESC(name, desc)

NSAUDIT_LIMIT_PARAM(daemons, NSAUDIT_LIMIT_A_DAEMONS, 0,
		    NSAUDIT_LIMIT_DAEMONS_MAX,
		    "Most audit daemons of user namespaces other than the initial one at once (default: 64)");
NSAUDIT_LIMIT_PARAM(queue, NSAUDIT_LIMIT_A_QUEUE, NSAUDIT_LIMIT_QUEUE_MIN,
		    NSAUDIT_LIMIT_QUEUE_MAX,
		    "Largest backlog a daemon may ask for (default: 8192)");
NSAUDIT_LIMIT_PARAM(backlog, NSAUDIT_LIMIT_A_BACKLOG, NSAUDIT_LIMIT_QUEUE_MIN,
		    NSAUDIT_LIMIT_QUEUE_MAX,
		    "Backlog of a daemon that asks for none (default: 8192)");
NSAUDIT_LIMIT_PARAM(memory, NSAUDIT_LIMIT_A_MEMORY, NSAUDIT_LIMIT_MEMORY_MIN,
		    NSAUDIT_LIMIT_MEMORY_MAX,
		    "KiB the records queued for namespace daemons may occupy; the host's daemon has as much of its own (default: 65536)");
NSAUDIT_LIMIT_PARAM(rules, NSAUDIT_LIMIT_A_RULES, 0, NSAUDIT_LIMIT_RULES_MAX,
		    "Most rules per user namespace (default: 256)");
NSAUDIT_LIMIT_PARAM(contids, NSAUDIT_LIMIT_A_CONTIDS, NSAUDIT_LIMIT_CONTIDS_MIN,
		    NSAUDIT_LIMIT_CONTIDS_MAX,
		    "Most audit container IDs tracked at once (default: 4096)");
NSAUDIT_LIMIT_PARAM(user_daemons, NSAUDIT_LIMIT_A_USER_DAEMONS, 0,
		    NSAUDIT_LIMIT_DAEMONS_MAX,
		    "Most audit daemons of one user's namespaces at once (default: 16)");
NSAUDIT_LIMIT_PARAM(user_memory, NSAUDIT_LIMIT_A_USER_MEMORY,
		    NSAUDIT_LIMIT_MEMORY_MIN, NSAUDIT_LIMIT_MEMORY_MAX,
		    "KiB the records queued for one user's daemons may occupy (default: 32768)");
NSAUDIT_LIMIT_PARAM(daemon_memory, NSAUDIT_LIMIT_A_DAEMON_MEMORY,
		    NSAUDIT_LIMIT_MEMORY_MIN, NSAUDIT_LIMIT_MEMORY_MAX,
		    "KiB the records queued for one namespace daemon may occupy (default: 16384)");

/*
 * The CONTAINER_OP record type: free in <linux/audit.h> of 6.1 (kernel
 * events use 1300-1339; 1340-1399 is unassigned). Read when a record is
 * logged.
 */
static int nsaudit_op_type_set(const char *val, const struct kernel_param *kp)
{
	unsigned int v;
	int err;

	err = kstrtouint(val, 0, &v);
	if (err)
		return err;
	if (v < NSAUDIT_CONTID_OP_TYPE_MIN || v > NSAUDIT_CONTID_OP_TYPE_MAX)
		return -ERANGE;
	if (nsaudit_config_frozen())
		return -EPERM;
	WRITE_ONCE(nsaudit_contid_op_type, v);
	return 0;
}

static const struct kernel_param_ops nsaudit_op_type_ops = {
	.set = nsaudit_op_type_set,
	.get = param_get_uint,
};
module_param_cb(contid_op_type, &nsaudit_op_type_ops, &nsaudit_contid_op_type,
		0644);
MODULE_PARM_DESC(contid_op_type,
		 "Record type of CONTAINER_OP records, 1340 to 1399 (default: 1390)");

static int __init nsaudit_init(void)
{
	int err;

	err = nsaudit_hooks_resolve();
	if (err)
		return err;
	err = nsaudit_nsid_init();
	if (err)
		return err;
	err = nsaudit_enrich_init();
	if (err)
		return err;
	err = nsaudit_contid_init();
	if (err)
		goto err_enrich;
	err = nsaudit_hooks_register();
	if (err)
		goto err_contid;
	err = nsaudit_sysexit_init();
	if (err)
		goto err_hooks;
	err = nsaudit_daemons_init();
	if (err)
		goto err_sysexit;
	err = nsaudit_genl_init();
	if (err)
		goto err_daemons;
	nsaudit_config_set_announce(true);
	pr_info("interface %u.%u loaded, enrichment %s\n",
		NSAUDIT_VERSION_MAJOR, NSAUDIT_VERSION_MINOR,
		nsaudit_hooks_enrich() ? "on" : "off");
	return 0;

err_daemons:
	nsaudit_daemons_exit();
err_sysexit:
	nsaudit_sysexit_exit();
err_hooks:
	nsaudit_hooks_unregister();
err_contid:
	nsaudit_contid_exit();
err_enrich:
	nsaudit_enrich_exit();
	return err;
}

static void __exit nsaudit_exit(void)
{
	nsaudit_config_set_announce(false);
	nsaudit_genl_exit();
	nsaudit_daemons_exit();
	nsaudit_delegate_exit();
	nsaudit_sysexit_exit();
	nsaudit_hooks_unregister();
	nsaudit_enrich_exit();
	nsaudit_contid_exit();
	pr_info("unloaded after enriching %llu records\n",
		nsaudit_enriched_count());
}

module_init(nsaudit_init);
module_exit(nsaudit_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Namespace-aware Linux audit: nsID sets and per-namespace audit daemons");
MODULE_AUTHOR("The nsaudit developers");
