// SPDX-License-Identifier: GPL-2.0
/*
 * nsaudit: namespace-aware Linux audit as a loadable module.
 *
 * Load order: unexported functions, nsID layout check, enrichment state,
 * hooks, the netlink family. Unload runs the same steps in reverse and is
 * safe while records flow and requests arrive.
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
	err = nsaudit_hooks_register();
	if (err)
		goto err_enrich;
	err = nsaudit_genl_init();
	if (err)
		goto err_hooks;
	nsaudit_config_set_announce(true);
	pr_info("interface %u.%u loaded, enrichment %s\n",
		NSAUDIT_VERSION_MAJOR, NSAUDIT_VERSION_MINOR,
		nsaudit_hooks_enrich() ? "on" : "off");
	return 0;

err_hooks:
	nsaudit_hooks_unregister();
err_enrich:
	nsaudit_enrich_exit();
	return err;
}

static void __exit nsaudit_exit(void)
{
	nsaudit_config_set_announce(false);
	nsaudit_genl_exit();
	nsaudit_hooks_unregister();
	nsaudit_enrich_exit();
	pr_info("unloaded after enriching %llu records\n",
		nsaudit_enriched_count());
}

module_init(nsaudit_init);
module_exit(nsaudit_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Namespace-aware Linux audit: nsID sets and per-namespace audit daemons");
MODULE_AUTHOR("The nsaudit developers");
