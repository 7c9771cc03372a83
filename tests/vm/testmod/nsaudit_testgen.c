// SPDX-License-Identifier: GPL-2.0
/*
 * nsaudit_testgen: a test-only module that logs one audit record from a
 * chosen context, so the VM scenarios can check which records nsaudit
 * enriches. Write a context name to /sys/module/nsaudit_testgen/parameters/fire:
 *
 *   task      from the writing process (its own event)
 *   kthread   from a kernel thread
 *   softirq   from a timer (softirq context)
 *   hardirq   from a hard irq_work (not on PREEMPT_RT, where hard interrupt
 *             context may not allocate: -EOPNOTSUPP)
 *
 * Each record is AUDIT_KERNEL_OTHER "nsaudit_testgen ctx=NAME seq=N".
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/audit.h>
#include <linux/completion.h>
#include <linux/irq_work.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/string.h>
#include <linux/timer.h>

static atomic_t testgen_seq = ATOMIC_INIT(0);
static DEFINE_MUTEX(testgen_lock);	/* one firing at a time */
static DECLARE_COMPLETION(testgen_done);

static void testgen_log(const char *ctx, gfp_t gfp)
{
	struct audit_buffer *ab;

	ab = audit_log_start(in_task() ? audit_context() : NULL, gfp,
			     AUDIT_KERNEL_OTHER);
	if (!ab)
		return;
	audit_log_format(ab, "nsaudit_testgen ctx=%s seq=%d", ctx,
			 atomic_inc_return(&testgen_seq));
	audit_log_end(ab);
}

static int testgen_kthread(void *unused)
{
	testgen_log("kthread", GFP_KERNEL);
	complete(&testgen_done);
	return 0;
}

static void testgen_timer_fn(struct timer_list *t)
{
	testgen_log("softirq", GFP_ATOMIC);
	complete(&testgen_done);
}

static void testgen_irq_work_fn(struct irq_work *w)
{
	testgen_log("hardirq", GFP_ATOMIC);
	complete(&testgen_done);
}

static struct irq_work testgen_irq_work = IRQ_WORK_INIT_HARD(testgen_irq_work_fn);
static struct timer_list testgen_timer;

static int testgen_fire(const char *val, const struct kernel_param *kp)
{
	struct task_struct *t;
	int err = 0;

	mutex_lock(&testgen_lock);
	reinit_completion(&testgen_done);
	if (sysfs_streq(val, "task")) {
		testgen_log("task", GFP_KERNEL);
		goto out;
	} else if (sysfs_streq(val, "kthread")) {
		t = kthread_run(testgen_kthread, NULL, "nsaudit_testgen");
		if (IS_ERR(t)) {
			err = PTR_ERR(t);
			goto out;
		}
	} else if (sysfs_streq(val, "softirq")) {
		mod_timer(&testgen_timer, jiffies + 1);
	} else if (sysfs_streq(val, "hardirq")) {
		if (IS_ENABLED(CONFIG_PREEMPT_RT)) {
			err = -EOPNOTSUPP;
			goto out;
		}
		irq_work_queue(&testgen_irq_work);
	} else {
		err = -EINVAL;
		goto out;
	}
	wait_for_completion(&testgen_done);
out:
	mutex_unlock(&testgen_lock);
	return err;
}

static const struct kernel_param_ops testgen_fire_ops = {
	.set = testgen_fire,
};
module_param_cb(fire, &testgen_fire_ops, NULL, 0200);

static int __init testgen_init(void)
{
	timer_setup(&testgen_timer, testgen_timer_fn, 0);
	return 0;
}

static void __exit testgen_exit(void)
{
	timer_delete_sync(&testgen_timer);
	irq_work_sync(&testgen_irq_work);
}

module_init(testgen_init);
module_exit(testgen_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("nsaudit test helper: audit records from chosen contexts");
