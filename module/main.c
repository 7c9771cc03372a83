// SPDX-License-Identifier: GPL-2.0
/*
 * nsaudit: namespace-aware Linux audit as a loadable module.
 *
 * Load order: nsID layout check, enrichment state, hooks. Unload runs the
 * same steps in reverse and is safe while records flow.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/moduleparam.h>
#include "nsaudit.h"

/*
 * Written through the parameter under the kernel's param lock; the hooks
 * follow it under nsaudit_hooks_lock. Read by init before the hooks exist.
 */
static bool nsaudit_enrich = true;

static int nsaudit_enrich_set(const char *val, const struct kernel_param *kp)
{
	bool on;
	int err;

	err = kstrtobool(val, &on);
	if (err)
		return err;
	err = nsaudit_hooks_set_enrich(on);
	if (err)
		return err;
	WRITE_ONCE(nsaudit_enrich, on);
	return 0;
}

static const struct kernel_param_ops nsaudit_enrich_ops = {
	.set = nsaudit_enrich_set,
	.get = param_get_bool,
};
module_param_cb(enrich, &nsaudit_enrich_ops, &nsaudit_enrich, 0644);
MODULE_PARM_DESC(enrich,
		 "Append the nsID set to host audit records (default: Y; switchable at run time)");

static int __init nsaudit_init(void)
{
	int err;

	err = nsaudit_nsid_init();
	if (err)
		return err;
	err = nsaudit_enrich_init();
	if (err)
		return err;
	err = nsaudit_hooks_register(READ_ONCE(nsaudit_enrich));
	if (err)
		goto err_enrich;
	pr_info("interface %u.%u loaded, enrichment %s\n",
		NSAUDIT_VERSION_MAJOR, NSAUDIT_VERSION_MINOR,
		READ_ONCE(nsaudit_enrich) ? "on" : "off");
	return 0;

err_enrich:
	nsaudit_enrich_exit();
	return err;
}

static void __exit nsaudit_exit(void)
{
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
