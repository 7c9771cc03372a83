// SPDX-License-Identifier: GPL-2.0
/*
 * nsID sets: the nsfs device and the inode number of each namespace of a
 * task, the identity that /proc/PID/ns/X shows.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/audit.h>
#include <linux/cgroup.h>
#include <linux/cred.h>
#include <linux/ipc_namespace.h>
#include <linux/kdev_t.h>
#include <linux/kprobes.h>
#include <linux/namei.h>
#include <linux/nsproxy.h>
#include <linux/percpu.h>
#include <linux/pid_namespace.h>
#include <linux/preempt.h>
#include <linux/sched.h>
#include <linux/time_namespace.h>
#include <linux/user_namespace.h>
#include <linux/utsname.h>
#include <net/net_namespace.h>
#include "nsaudit.h"

/* Set once at init, read-only afterwards: all namespaces share one nsfs. */
static dev_t nsaudit_nsfs_dev;

/*
 * The last nsID set each CPU formatted, and its text: the tasks that log
 * records back to back mostly share their namespaces, which rarely change,
 * and the text is a function of the set alone. Owned by its CPU; written
 * and read with preemption off, from task context only.
 */
struct nsaudit_nsid_text {
	struct nsaudit_nsid id;
	int len;		/* 0: nothing formatted yet */
	char text[NSAUDIT_NSID_TEXT_MAX];
};
static DEFINE_PER_CPU(struct nsaudit_nsid_text, nsaudit_nsid_cache);

/*
 * struct mnt_namespace is private to fs/ (fs/mount.h); in 6.1 it begins with
 * its struct ns_common. nsaudit_nsid_init() checks this against nsfs.
 */
static u32 nsaudit_mnt_ns_inum(struct mnt_namespace *mnt_ns)
{
	return mnt_ns ? ((struct ns_common *)mnt_ns)->inum : 0;
}

static void nsaudit_nsid_fill(struct nsaudit_nsid *id, struct nsproxy *nsp,
			      struct pid_namespace *pid_ns,
			      struct user_namespace *user_ns)
{
	id->inum[NSAUDIT_NS_MNT] = nsaudit_mnt_ns_inum(nsp->mnt_ns);
	id->inum[NSAUDIT_NS_UTS] = nsp->uts_ns->ns.inum;
	id->inum[NSAUDIT_NS_IPC] = nsp->ipc_ns->ns.inum;
	id->inum[NSAUDIT_NS_NET] = nsp->net_ns->ns.inum;
	id->inum[NSAUDIT_NS_PID] = pid_ns ? pid_ns->ns.inum : 0;
	id->inum[NSAUDIT_NS_USER] = user_ns->ns.inum;
#ifdef CONFIG_CGROUPS
	id->inum[NSAUDIT_NS_CGROUP] = nsp->cgroup_ns->ns.inum;
#else
	id->inum[NSAUDIT_NS_CGROUP] = 0;
#endif
#ifdef CONFIG_TIME_NS
	id->inum[NSAUDIT_NS_TIME] = nsp->time_ns->ns.inum;
#else
	id->inum[NSAUDIT_NS_TIME] = 0;
#endif
}

/**
 * nsaudit_nsid_current() - the nsID set of the current task
 * @id: filled in on success
 *
 * Context: any context of a user task. Only a task itself changes its own
 * namespace pointers (see linux/nsproxy.h), so reading current's needs no
 * lock and no allocation.
 *
 * Return: false if current has no namespaces any more (exiting).
 */
bool nsaudit_nsid_current(struct nsaudit_nsid *id)
{
	struct nsproxy *nsp = current->nsproxy;

	if (!nsp)
		return false;
	nsaudit_nsid_fill(id, nsp, task_active_pid_ns(current),
			  current_user_ns());
	id->contid = nsaudit_contid_current();
	return true;
}
NOKPROBE_SYMBOL(nsaudit_nsid_current);

/**
 * nsaudit_nsid_task() - the nsID set of any task, as /proc/PID/ns/ shows it
 * @task: the task, with a reference held by the caller
 * @id: filled in on success
 *
 * Another task's nsproxy is stable under its task_lock() (linux/nsproxy.h);
 * its PID namespace and credentials under RCU, as the nsfs get() methods
 * read them.
 *
 * Context: process or softirq; takes task_lock(@task), no allocation.
 *
 * Return: false if @task has no namespaces any more (exiting).
 */
bool nsaudit_nsid_task(struct task_struct *task, struct nsaudit_nsid *id)
{
	struct pid_namespace *pid_ns;
	struct nsproxy *nsp;
	bool ok = false;

	task_lock(task);
	nsp = task->nsproxy;
	if (nsp) {
		rcu_read_lock();
		pid_ns = task_active_pid_ns(task);
		if (pid_ns) {
			nsaudit_nsid_fill(id, nsp, pid_ns,
					  __task_cred(task)->user_ns);
			ok = true;
		}
		rcu_read_unlock();
	}
	task_unlock(task);
	id->contid = nsaudit_contid_task(task);
	return ok;
}

/**
 * nsaudit_nsid_dev() - the nsfs device all namespaces share
 *
 * Context: any, after nsaudit_nsid_init().
 */
dev_t nsaudit_nsid_dev(void)
{
	return nsaudit_nsfs_dev;
}

/**
 * nsaudit_nsid_print() - the text of an nsID set, as records carry it
 * @buf: where to write, NUL-terminated
 * @size: size of @buf; NSAUDIT_NSID_TEXT_MAX always suffices
 * @id: the nsID set
 *
 * The text starts with a space, ready to follow a record's last field;
 * "contid=N" ends it when the task carries a container ID.
 *
 * Context: any.
 *
 * Return: the length written, without the NUL.
 */
int nsaudit_nsid_print(char *buf, size_t size, const struct nsaudit_nsid *id)
{
	int len;

	len = scnprintf(buf, size,
			" nsdev=%u:%u mntns=%u utsns=%u ipcns=%u netns=%u pidns=%u userns=%u cgroupns=%u timens=%u",
			MAJOR(nsaudit_nsfs_dev), MINOR(nsaudit_nsfs_dev),
			id->inum[NSAUDIT_NS_MNT], id->inum[NSAUDIT_NS_UTS],
			id->inum[NSAUDIT_NS_IPC], id->inum[NSAUDIT_NS_NET],
			id->inum[NSAUDIT_NS_PID], id->inum[NSAUDIT_NS_USER],
			id->inum[NSAUDIT_NS_CGROUP],
			id->inum[NSAUDIT_NS_TIME]);
	if (id->contid != NSAUDIT_CONTID_UNSET)
		len += scnprintf(buf + len, size - len, " contid=%llu",
				 id->contid);
	return len;
}
NOKPROBE_SYMBOL(nsaudit_nsid_print);

/**
 * nsaudit_nsid_text_get() - this CPU's text of an nsID set
 * @id: the nsID set
 * @len: set to the text's length, without its NUL
 *
 * The text nsaudit_nsid_print() makes, formatted afresh only when @id is
 * not the set this CPU formatted last. Preemption stays disabled until
 * nsaudit_nsid_text_put(), which the caller must call soon, without
 * sleeping or allocating in between (a PREEMPT_RT allocation may sleep).
 *
 * Context: task (the logging task); takes no lock.
 *
 * Return: the text, NUL-terminated, valid until nsaudit_nsid_text_put().
 */
const char *nsaudit_nsid_text_get(const struct nsaudit_nsid *id, int *len)
{
	struct nsaudit_nsid_text *c;

	preempt_disable();
	c = this_cpu_ptr(&nsaudit_nsid_cache);
	if (!c->len || memcmp(&c->id, id, sizeof(*id))) {
		c->len = nsaudit_nsid_print(c->text, sizeof(c->text), id);
		c->id = *id;
	}
	*len = c->len;
	return c->text;
}
NOKPROBE_SYMBOL(nsaudit_nsid_text_get);

/**
 * nsaudit_nsid_text_put() - done with nsaudit_nsid_text_get()'s text
 *
 * Context: that of the nsaudit_nsid_text_get() it ends.
 */
void nsaudit_nsid_text_put(void)
{
	preempt_enable();
}
NOKPROBE_SYMBOL(nsaudit_nsid_text_put);

/**
 * nsaudit_nsid_text() - a copy of the text of an nsID set
 * @buf: NSAUDIT_NSID_TEXT_MAX bytes, NUL-terminated on return
 * @id: the nsID set
 *
 * Context: task (the logging task); takes no lock.
 *
 * Return: the length written, without the NUL.
 */
int nsaudit_nsid_text(char *buf, const struct nsaudit_nsid *id)
{
	const char *text;
	int len;

	text = nsaudit_nsid_text_get(id, &len);
	memcpy(buf, text, len + 1);
	nsaudit_nsid_text_put();
	return len;
}

/**
 * nsaudit_nsid_init() - find the nsfs device and check the nsID layout
 *
 * nsfs_mnt is not exported, so the device is read from the caller's own
 * /proc/self/ns/ files; every inode there must equal what
 * nsaudit_nsid_current() reads, which proves the private layout assumption
 * above on the running kernel.
 *
 * Context: process (module init), /proc mounted in the caller's mount
 * namespace.
 *
 * Return: 0, or a negative errno after logging what is wrong.
 */
int nsaudit_nsid_init(void)
{
	static const char *const files[NSAUDIT_NS_COUNT] = {
		"mnt", "uts", "ipc", "net", "pid", "user", "cgroup", "time",
	};
	struct nsaudit_nsid id;
	int i;

	if (!nsaudit_nsid_current(&id))
		return -ESRCH;

	for (i = 0; i < NSAUDIT_NS_COUNT; i++) {
		char name[32];
		struct path path;
		struct inode *inode;
		int err;

		snprintf(name, sizeof(name), "/proc/self/ns/%s", files[i]);
		err = kern_path(name, LOOKUP_FOLLOW, &path);
		if (err) {
			pr_err("cannot resolve %s (%d): is /proc mounted?\n",
			       name, err);
			return err;
		}
		inode = d_inode(path.dentry);
		if (i == 0)
			nsaudit_nsfs_dev = inode->i_sb->s_dev;
		if (inode->i_ino != id.inum[i] ||
		    inode->i_sb->s_dev != nsaudit_nsfs_dev) {
			pr_err("%s is %u:%u/%llu but the task says %u: unsupported kernel layout\n",
			       name, MAJOR(inode->i_sb->s_dev),
			       MINOR(inode->i_sb->s_dev),
			       (unsigned long long)inode->i_ino,
			       id.inum[i]);
			path_put(&path);
			return -EOPNOTSUPP;
		}
		path_put(&path);
	}
	return 0;
}
