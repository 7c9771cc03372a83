// SPDX-License-Identifier: GPL-2.0
/*
 * Every kernel symbol nsaudit attaches to, as one table. A missing symbol
 * fails module load with a message naming it.
 *
 * The probes are registered and unregistered under nsaudit_hooks_lock, which
 * also serialises run-time switching (the "enrich" parameter).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/kprobes.h>
#include <linux/mutex.h>
#include "nsaudit.h"

/*
 * A probe that moves regs->ip must say so: with a post handler, kprobes arms
 * it through its IPMODIFY ftrace_ops, and ftrace then refuses a second
 * IP-modifying user of the same function (a livepatch of audit_log_end(),
 * say) instead of letting one silently undo the other. The handler itself
 * never runs when the pre handler redirects.
 */
static void nsaudit_ipmodify_post(struct kprobe *p, struct pt_regs *regs,
				  unsigned long flags)
{
}
NOKPROBE_SYMBOL(nsaudit_ipmodify_post);

struct nsaudit_kprobe_hook {
	struct kprobe kp;
	bool enrich;		/* switched by the "enrich" parameter */
};

static struct nsaudit_kprobe_hook nsaudit_kprobes[] = {
	{
		/* Exported and stable: the end of every audit record. */
		.kp = {
			.symbol_name = "audit_log_end",
			.pre_handler = nsaudit_log_end_pre,
			.post_handler = nsaudit_ipmodify_post,
		},
		.enrich = true,
	},
};

static DEFINE_MUTEX(nsaudit_hooks_lock);
static bool nsaudit_hooks_live;	/* protected by nsaudit_hooks_lock */

/**
 * nsaudit_hooks_register() - attach every hook
 * @enrich: whether the enrichment probes start enabled
 *
 * Context: process; takes nsaudit_hooks_lock.
 *
 * Return: 0, or a negative errno with nothing attached.
 */
int nsaudit_hooks_register(bool enrich)
{
	int i, err = 0;

	mutex_lock(&nsaudit_hooks_lock);
	for (i = 0; i < ARRAY_SIZE(nsaudit_kprobes); i++) {
		struct nsaudit_kprobe_hook *h = &nsaudit_kprobes[i];

		h->kp.flags = (h->enrich && !enrich) ? KPROBE_FLAG_DISABLED : 0;
		err = register_kprobe(&h->kp);
		if (err) {
			pr_err("cannot probe %s: %d\n", h->kp.symbol_name, err);
			goto err_unwind;
		}
	}
	nsaudit_hooks_live = true;
	mutex_unlock(&nsaudit_hooks_lock);
	return 0;

err_unwind:
	while (--i >= 0)
		unregister_kprobe(&nsaudit_kprobes[i].kp);
	mutex_unlock(&nsaudit_hooks_lock);
	return err;
}

/**
 * nsaudit_hooks_unregister() - detach every hook
 *
 * On return no probe handler runs any more; tasks that a handler redirected
 * may still run module code (see nsaudit_enrich_exit()).
 *
 * Context: process; takes nsaudit_hooks_lock; sleeps.
 */
void nsaudit_hooks_unregister(void)
{
	int i;

	mutex_lock(&nsaudit_hooks_lock);
	for (i = ARRAY_SIZE(nsaudit_kprobes) - 1; i >= 0; i--) {
		struct kprobe *kp = &nsaudit_kprobes[i].kp;

		unregister_kprobe(kp);
		if (kp->nmissed)
			pr_info("%s: %lu probe hits missed\n", kp->symbol_name,
				kp->nmissed);
	}
	nsaudit_hooks_live = false;
	mutex_unlock(&nsaudit_hooks_lock);
}

/**
 * nsaudit_hooks_set_enrich() - switch the enrichment probes on or off
 * @enrich: the new state
 *
 * A disabled probe costs nothing: its ftrace site is unpatched.
 *
 * Context: process; takes nsaudit_hooks_lock.
 *
 * Return: 0 or a negative errno from enable_kprobe().
 */
int nsaudit_hooks_set_enrich(bool enrich)
{
	int i, err = 0;

	mutex_lock(&nsaudit_hooks_lock);
	if (!nsaudit_hooks_live)
		goto out;
	for (i = 0; i < ARRAY_SIZE(nsaudit_kprobes) && !err; i++) {
		struct kprobe *kp = &nsaudit_kprobes[i].kp;

		if (!nsaudit_kprobes[i].enrich)
			continue;
		err = enrich ? enable_kprobe(kp) : disable_kprobe(kp);
	}
out:
	mutex_unlock(&nsaudit_hooks_lock);
	return err;
}
