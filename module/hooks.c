// SPDX-License-Identifier: GPL-2.0
/*
 * Every kernel symbol nsaudit attaches to or calls without an export, as
 * tables. A missing symbol fails module load with a message naming it.
 *
 * The probes are registered and unregistered under nsaudit_hooks_lock, which
 * also serialises arming and disarming them and protects the state that
 * decides it: the audit_log_end() probe is armed while enrichment is on or
 * a per-namespace daemon is registered (routing), and costs nothing else.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/kprobes.h>
#include <linux/mutex.h>
#include <linux/mm.h>		/* before the sched events: struct folio */
#include <linux/tracepoint.h>
#include <linux/uaccess.h>
#include <asm/ibt.h>
#include <trace/events/sched.h>
#include <trace/events/task.h>
#include "forward.h"
#include "nsaudit.h"

/*
 * Kernel functions the module calls that are not exported to modules,
 * resolved once at load through kprobes' own symbol lookup (a disabled
 * kprobe is registered, read and unregistered; nothing is patched). Each
 * is stable, documented kernel API that /proc itself relies on; calling it
 * keeps every LSM's say, which reimplementing it would lose.
 */
static bool (*nsaudit_ptrace_may_access_fn)(struct task_struct *task,
					     unsigned int mode);
/* The serial of audit events, so that ours never share one with the kernel's. */
static unsigned int (*nsaudit_audit_serial_fn)(void);
/* What a fork redirected for its container ID calls after all (contid.c). */
static void (*nsaudit_cgroup_fork_fn)(struct task_struct *child);
/* A path from its mount namespace's root (fs/d_path.c). */
static char *(*nsaudit_d_absolute_path_fn)(const struct path *path,
					   char *buf, int buflen);
/* Whether a task is the kernel's audit daemon's (kernel/audit.c). */
static int (*nsaudit_auditd_test_task_fn)(struct task_struct *task);
/* The lock under which a process's new children and threads appear. */
static struct sighand_struct *(*nsaudit_lock_task_sighand_fn)(struct task_struct *task,
							      unsigned long *flags);

/*
 * Each function under the names it has had, tried in order: the same
 * prototype and meaning under each. lock_task_sighand() was an inline
 * wrapper of __lock_task_sighand() until 7.x made it the function itself.
 */
static const struct {
	const char *names[2];
	void **fn;
} nsaudit_functions[] = {
	{ { "ptrace_may_access" }, (void **)&nsaudit_ptrace_may_access_fn },
	{ { "audit_serial" }, (void **)&nsaudit_audit_serial_fn },
	{ { "cgroup_fork" }, (void **)&nsaudit_cgroup_fork_fn },
	{ { "__lock_task_sighand", "lock_task_sighand" },
	  (void **)&nsaudit_lock_task_sighand_fn },
	{ { "auditd_test_task" }, (void **)&nsaudit_auditd_test_task_fn },
	{ { "d_absolute_path" }, (void **)&nsaudit_d_absolute_path_fn },
};

static int nsaudit_resolve(const char *name, void **fn)
{
	struct kprobe kp = {
		.symbol_name = name,
		.flags = KPROBE_FLAG_DISABLED,
	};
	unsigned long addr;
	int err;

	err = register_kprobe(&kp);
	if (err)
		return err;
	addr = (unsigned long)kp.addr;
	unregister_kprobe(&kp);
#ifdef CONFIG_X86_KERNEL_IBT
	/* kprobes places a probe after the ENDBR; an indirect call needs it. */
	if (nsaudit_is_endbr(*(u32 *)(addr - ENDBR_INSN_SIZE)))
		addr -= ENDBR_INSN_SIZE;
#endif
	*fn = (void *)addr;
	return 0;
}

static int nsaudit_find_clones(void);

/*
 * Tracepoints (not exported as symbols: found by name), each registered
 * only while needed. Registering one on the raw syscall exit is what
 * makes every task take the syscall exit work path.
 */
static struct {
	const char *name;
	struct tracepoint *tp;
} nsaudit_tracepoints[] = {
#define NSAUDIT_TP_SYS_EXIT	0
	{ "sys_exit" },
#define NSAUDIT_TP_NEWTASK	1
	{ "task_newtask" },
#define NSAUDIT_TP_EXIT		2
	{ "sched_process_exit" },
#define NSAUDIT_TP_FREE		3
	{ "sched_process_free" },
};

/*
 * Never called: makes the compiler check each probe against its
 * tracepoint's prototype, which tracepoint_probe_register()'s void pointer
 * does not. The compile probes chose the probes' parameters (compat.h); a
 * wrong answer fails the build here instead of a probe reading arguments
 * that are not there.
 */
static void __maybe_unused nsaudit_tracepoint_types(void)
{
	register_trace_task_newtask(nsaudit_cid_newtask, NULL);
	register_trace_sched_process_exit(nsaudit_cid_exit, NULL);
	register_trace_sched_process_free(nsaudit_cid_free, NULL);
}

static bool nsaudit_sys_exit_on;	/* under nsaudit_hooks_lock; READ_ONCE() else */

static void nsaudit_find_tracepoint(struct tracepoint *tp, void *priv)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(nsaudit_tracepoints); i++)
		if (!strcmp(tp->name, nsaudit_tracepoints[i].name))
			nsaudit_tracepoints[i].tp = tp;
}

/**
 * nsaudit_hooks_resolve() - find every unexported function the module calls
 *
 * Context: process (module init), before anything can call them.
 *
 * Return: 0, or a negative errno after naming the missing function.
 */
int nsaudit_hooks_resolve(void)
{
	int i, err;

	for (i = 0; i < ARRAY_SIZE(nsaudit_functions); i++) {
		const char *const *names = nsaudit_functions[i].names;
		int j;

		err = -ENOENT;
		for (j = 0; j < ARRAY_SIZE(nsaudit_functions[i].names) &&
			    names[j] && err; j++)
			err = nsaudit_resolve(names[j], nsaudit_functions[i].fn);
		if (err) {
			pr_err("cannot resolve %s%s%s: %d\n", names[0],
			       names[1] ? " or " : "", names[1] ?: "", err);
			return err;
		}
	}
	err = nsaudit_find_clones();
	if (err)
		return err;
	for_each_kernel_tracepoint(nsaudit_find_tracepoint, NULL);
	for (i = 0; i < ARRAY_SIZE(nsaudit_tracepoints); i++) {
		if (!nsaudit_tracepoints[i].tp) {
			pr_err("cannot find the %s tracepoint\n",
			       nsaudit_tracepoints[i].name);
			return -ENOENT;
		}
	}
	return 0;
}

/**
 * nsaudit_audit_serial() - the kernel's audit_serial()
 *
 * Context: any.
 *
 * Return: the next serial number of an audit event.
 */
u32 nsaudit_audit_serial(void)
{
	return nsaudit_audit_serial_fn();
}

/**
 * nsaudit_ptrace_may_access() - the kernel's ptrace_may_access()
 * @task: the target task
 * @mode: PTRACE_MODE_* flags
 *
 * Context: process; may sleep in LSM hooks.
 *
 * Return: true if current may access @task in @mode.
 */
bool nsaudit_ptrace_may_access(struct task_struct *task, unsigned int mode)
{
	return nsaudit_ptrace_may_access_fn(task, mode);
}

/**
 * nsaudit_d_absolute_path() - the kernel's d_absolute_path()
 * @path: the path
 * @buf: where to write it, from the end
 * @buflen: its size
 *
 * Context: process; what d_path() needs but current's fs root.
 *
 * Return: the start of the path in @buf, or an ERR_PTR().
 */
char *nsaudit_d_absolute_path(const struct path *path, char *buf, int buflen)
{
	return nsaudit_d_absolute_path_fn(path, buf, buflen);
}

/**
 * nsaudit_auditd_task() - the kernel's auditd_test_task()
 * @task: the task
 *
 * Context: any; takes the RCU read lock.
 *
 * Return: true if @task belongs to the registered kernel audit daemon.
 */
bool nsaudit_auditd_task(struct task_struct *task)
{
	return nsaudit_auditd_test_task_fn(task);
}
NOKPROBE_SYMBOL(nsaudit_auditd_task);

/**
 * nsaudit_lock_task_sighand() - the kernel's lock_task_sighand()
 * @task: the task
 * @flags: for the saved interrupt state
 *
 * Context: process or atomic; takes @task's siglock with interrupts off.
 *
 * Return: the locked sighand, or NULL if @task has none any more.
 */
struct sighand_struct *nsaudit_lock_task_sighand(struct task_struct *task,
						 unsigned long *flags)
{
	return nsaudit_lock_task_sighand_fn(task, flags);
}

/**
 * nsaudit_cgroup_fork() - the kernel's cgroup_fork()
 * @child: the task copy_process() is making
 *
 * Context: that of copy_process().
 */
void nsaudit_cgroup_fork(struct task_struct *child)
{
	nsaudit_cgroup_fork_fn(child);
}

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

/*
 * Whether kprobes fire at all: the global switches (debugfs
 * kprobes/enabled, the ftrace_enabled sysctl) leave every registered probe
 * looking armed. This function of the module's own carries an always-armed
 * kprobe like the others (on the same ftrace or int3 path), so a call that
 * does not reach the handler tells. The flag's address goes into the asm,
 * so that the compiler must assume the call writes it: else it may prove
 * that nothing it can see does, and fold the read after the call away (it
 * did, on the debug kernel's build).
 */
static bool nsaudit_canary_hit;		/* under nsaudit_hooks_lock */

static noinline void nsaudit_hooks_canary(bool *hit)
{
	asm volatile("" : : "r" (hit) : "memory");
}

static int nsaudit_canary_pre(struct kprobe *p, struct pt_regs *regs)
{
	WRITE_ONCE(nsaudit_canary_hit, true);
	return 0;
}
NOKPROBE_SYMBOL(nsaudit_canary_pre);

/* Who arms a kprobe: the records' users, or container IDs. */
enum nsaudit_kprobe_user {
	NSAUDIT_KPROBE_RECORDS,		/* enrichment or routing */
	NSAUDIT_KPROBE_CONTID,		/* some task carries a container ID */
	NSAUDIT_KPROBE_ALWAYS,		/* armed while the module is loaded */
};

struct nsaudit_kprobe_hook {
	struct kprobe kp;
	enum nsaudit_kprobe_user user;
	/*
	 * Called from its own source file, where the compiler may have made
	 * an out-of-line copy that those callers use (nsaudit_find_clones());
	 * not the system call wrappers, which only the syscall tables reach.
	 */
	bool copies;
};

static struct nsaudit_kprobe_hook nsaudit_kprobes[] = {
	{
		/* Exported and stable: the end of every audit record. */
		.kp = {
			.symbol_name = "audit_log_end",
			.pre_handler = nsaudit_log_end_pre,
			.post_handler = nsaudit_ipmodify_post,
		},
		.user = NSAUDIT_KPROBE_RECORDS,
		.copies = true,
	},
	{
		/*
		 * Called by copy_process() for every new task, before it is
		 * visible, where the parent may sleep: see contid.c.
		 */
		.kp = {
			.symbol_name = "cgroup_fork",
			.pre_handler = nsaudit_cid_fork_pre,
			.post_handler = nsaudit_ipmodify_post,
		},
		.user = NSAUDIT_KPROBE_CONTID,
		.copies = true,
	},
	{
		/*
		 * delete_module(2): pins the module if the audit configuration
		 * is locked (config.c). The system call wrappers are reached
		 * through the system call tables only, so never inlined.
		 */
		.kp = {
			.symbol_name = "__x64_sys_delete_module",
			.pre_handler = nsaudit_unload_pre,
		},
		.user = NSAUDIT_KPROBE_ALWAYS,
	},
	{
		/* See nsaudit_hooks_firing(). */
		.kp = {
			.addr = (kprobe_opcode_t *)nsaudit_hooks_canary,
			.pre_handler = nsaudit_canary_pre,
		},
		.user = NSAUDIT_KPROBE_ALWAYS,
	},
#ifdef CONFIG_IA32_EMULATION
	{
		.kp = {
			.symbol_name = "__ia32_sys_delete_module",
			.pre_handler = nsaudit_unload_pre,
		},
		.user = NSAUDIT_KPROBE_ALWAYS,
	},
#endif
};

/*
 * Out-of-line copies the compiler made of hooked functions (.part.N from
 * partial inlining, .isra.N, .constprop.N): callers in the function's own
 * file may call a copy instead of the function (Debian's 7.x builds call
 * audit_log_end.part.0 from kernel/audit.c), so each copy is probed too,
 * with its function's handler, where nsaudit_code_forwards_arg0()
 * (forward.c) proves that the copy takes the same first argument. Filled at load, before any
 * registration; under nsaudit_hooks_lock like the fixed hooks after that.
 */
#define NSAUDIT_CLONE_SLOTS	4
static struct nsaudit_kprobe_hook nsaudit_clone_hooks[NSAUDIT_CLONE_SLOTS];
static char nsaudit_clone_names[NSAUDIT_CLONE_SLOTS][64];
static unsigned int nsaudit_clone_count;

static int nsaudit_kprobe_count(void)
{
	return ARRAY_SIZE(nsaudit_kprobes) + nsaudit_clone_count;
}

static struct nsaudit_kprobe_hook *nsaudit_kprobe_at(int i)
{
	if (i < ARRAY_SIZE(nsaudit_kprobes))
		return &nsaudit_kprobes[i];
	return &nsaudit_clone_hooks[i - ARRAY_SIZE(nsaudit_kprobes)];
}

/*
 * Finds the copies of each hooked function and gives each proven one a
 * slot; a copy that cannot be proven, or more copies than slots, fail the
 * load: records that reach only the copy would pass unseen. Clones are
 * numbered from 0 without gaps, so the search of a kind stops at the first
 * name missing.
 */
static int nsaudit_find_clones(void)
{
	static const char *const kinds[] = { "part", "isra", "constprop" };
	u8 code[NSAUDIT_CODE_MAX];
	int i, k, n;

	for (i = 0; i < ARRAY_SIZE(nsaudit_kprobes); i++) {
		const struct nsaudit_kprobe_hook *h = &nsaudit_kprobes[i];
		void *fn = NULL, *clone;
		char name[64];

		if (!h->copies)
			continue;
		for (k = 0; k < ARRAY_SIZE(kinds); k++) {
			for (n = 0; n < 10; n++) {
				snprintf(name, sizeof(name), "%s.%s.%d",
					 h->kp.symbol_name, kinds[k], n);
				if (nsaudit_resolve(name, &clone))
					break;
				if (!fn && nsaudit_resolve(h->kp.symbol_name, &fn)) {
					pr_err("cannot resolve %s to read its code\n",
					       h->kp.symbol_name);
					return -ENOENT;
				}
				/* Zeros in the message if the code cannot be read. */
				memset(code, 0, sizeof(code));
				if (copy_from_kernel_nofault(code, fn, sizeof(code)) ||
				    !nsaudit_code_forwards_arg0(code,
								(unsigned long)fn,
								(unsigned long)clone)) {
					pr_err("cannot hook %s, a copy of %s the compiler made: its entry does not provably take %s's first argument (%s starts %*ph)\n",
					       name, h->kp.symbol_name,
					       h->kp.symbol_name,
					       h->kp.symbol_name, 24, code);
					return -EOPNOTSUPP;
				}
				if (nsaudit_clone_count == NSAUDIT_CLONE_SLOTS) {
					pr_err("cannot hook %s: more than %d copies of hooked functions\n",
					       name, NSAUDIT_CLONE_SLOTS);
					return -EOPNOTSUPP;
				}
				strscpy(nsaudit_clone_names[nsaudit_clone_count],
					name, sizeof(nsaudit_clone_names[0]));
				nsaudit_clone_hooks[nsaudit_clone_count] = *h;
				nsaudit_clone_hooks[nsaudit_clone_count].kp.symbol_name =
					nsaudit_clone_names[nsaudit_clone_count];
				nsaudit_clone_count++;
				pr_info("hooking %s too, a copy of %s the compiler made\n",
					name, h->kp.symbol_name);
			}
		}
	}
	return 0;
}

/*
 * Syscalls that namespace rules must see at entry (sysexit.c), through
 * their wrappers, which the syscall tables reach and nothing inlines.
 * Registered with the sys_exit probe. An instance is held only while its
 * call holds a pending slot, so the pool bounds them: none is missed.
 */
static const char *const nsaudit_entry_syms[] = {
	"__x64_sys_execve",
	"__x64_sys_execveat",
	"__x64_sys_rt_sigreturn",
#ifdef CONFIG_IA32_EMULATION
	"__ia32_compat_sys_execve",
	"__ia32_compat_sys_execveat",
	"__ia32_compat_sys_rt_sigreturn",
	"__ia32_compat_sys_sigreturn",
#endif
};

/* exit and exit_group, which never return: sysexit.c takes them at entry. */
static const char *const nsaudit_exit_syms[] = {
	"__x64_sys_exit",
	"__x64_sys_exit_group",
#ifdef CONFIG_IA32_EMULATION
	"__ia32_sys_exit",
	"__ia32_sys_exit_group",
#endif
};

static struct kprobe nsaudit_exit_probes[ARRAY_SIZE(nsaudit_exit_syms)];
static struct kprobe *nsaudit_exit_list[ARRAY_SIZE(nsaudit_exit_syms)];

static struct kretprobe nsaudit_entry_probes[ARRAY_SIZE(nsaudit_entry_syms)];
static struct kretprobe *nsaudit_entry_list[ARRAY_SIZE(nsaudit_entry_syms)];
/* Hits they missed while registered before, under nsaudit_hooks_lock. */
static u64 nsaudit_entry_missed;

/* Hits the registered ones missed. */
static u64 nsaudit_entry_missing(void)
{
	u64 sum = 0;
	int i;

	for (i = 0; i < ARRAY_SIZE(nsaudit_entry_probes); i++)
		sum += READ_ONCE(nsaudit_entry_probes[i].nmissed) +
		       READ_ONCE(nsaudit_entry_probes[i].kp.nmissed);
	for (i = 0; i < ARRAY_SIZE(nsaudit_exit_probes); i++)
		sum += READ_ONCE(nsaudit_exit_probes[i].nmissed);
	return sum;
}

/* Register the exit kprobes, each made afresh; all or none. */
static int nsaudit_exit_register(void)
{
	int i, err;

	for (i = 0; i < ARRAY_SIZE(nsaudit_exit_probes); i++) {
		struct kprobe *kp = &nsaudit_exit_probes[i];

		memset(kp, 0, sizeof(*kp));
		kp->symbol_name = nsaudit_exit_syms[i];
		kp->pre_handler = nsaudit_sysexit_exiting;
		err = register_kprobe(kp);
		if (err) {
			pr_err("cannot probe %s: %d\n", kp->symbol_name, err);
			unregister_kprobes(nsaudit_exit_list, i);
			return err;
		}
		nsaudit_exit_list[i] = kp;
	}
	return 0;
}

/* Register every entry kretprobe, each made afresh; all or none. */
static int nsaudit_entry_register(void)
{
	int i, err;

	for (i = 0; i < ARRAY_SIZE(nsaudit_entry_probes); i++) {
		struct kretprobe *rp = &nsaudit_entry_probes[i];

		memset(rp, 0, sizeof(*rp));
		rp->kp.symbol_name = nsaudit_entry_syms[i];
		rp->entry_handler = nsaudit_sysentry_enter;
		rp->handler = nsaudit_sysentry_return;
		rp->data_size = sizeof(void *);
		rp->maxactive = NSAUDIT_PENDING_MAX;
		err = register_kretprobe(rp);
		if (err) {
			pr_err("cannot probe %s: %d\n", rp->kp.symbol_name, err);
			unregister_kretprobes(nsaudit_entry_list, i);
			return err;
		}
		nsaudit_entry_list[i] = rp;
	}
	return 0;
}

static DEFINE_MUTEX(nsaudit_hooks_lock);
/* Protected by nsaudit_hooks_lock; nsaudit_enrich_on also read locklessly. */
static bool nsaudit_hooks_live;
static bool nsaudit_enrich_on = true;
static bool nsaudit_route_on;
static bool nsaudit_contid_on;

static bool nsaudit_hooks_armed(enum nsaudit_kprobe_user user)
{
	if (user == NSAUDIT_KPROBE_ALWAYS)
		return true;
	if (user == NSAUDIT_KPROBE_CONTID)
		return nsaudit_contid_on;
	return nsaudit_enrich_on || nsaudit_route_on;
}

/* The container ID tracepoints, registered or not; all or nothing. */
static int nsaudit_hooks_contid_tracepoints(bool on)
{
	struct tracepoint *newtask = nsaudit_tracepoints[NSAUDIT_TP_NEWTASK].tp;
	struct tracepoint *exit = nsaudit_tracepoints[NSAUDIT_TP_EXIT].tp;
	struct tracepoint *free = nsaudit_tracepoints[NSAUDIT_TP_FREE].tp;
	int err;

	lockdep_assert_held(&nsaudit_hooks_lock);
	if (!on) {
		tracepoint_probe_unregister(exit, nsaudit_cid_exit, NULL);
		tracepoint_probe_unregister(newtask, nsaudit_cid_newtask, NULL);
		tracepoint_probe_unregister(free, nsaudit_cid_free, NULL);
		return 0;
	}
	err = tracepoint_probe_register(free, nsaudit_cid_free, NULL);
	if (err)
		return err;
	err = tracepoint_probe_register(newtask, nsaudit_cid_newtask, NULL);
	if (err)
		goto err_free;
	err = tracepoint_probe_register(exit, nsaudit_cid_exit, NULL);
	if (err)
		goto err_newtask;
	return 0;

err_newtask:
	tracepoint_probe_unregister(newtask, nsaudit_cid_newtask, NULL);
err_free:
	tracepoint_probe_unregister(free, nsaudit_cid_free, NULL);
	return err;
}

/**
 * nsaudit_hooks_register() - attach every hook
 *
 * The switched probes start armed if enrichment is on (the "enrich"
 * parameter at load); no daemon can be registered yet.
 *
 * Context: process; takes nsaudit_hooks_lock.
 *
 * Return: 0, or a negative errno with nothing attached.
 */
int nsaudit_hooks_register(void)
{
	int i, err = 0;

	mutex_lock(&nsaudit_hooks_lock);
	for (i = 0; i < nsaudit_kprobe_count(); i++) {
		struct nsaudit_kprobe_hook *h = nsaudit_kprobe_at(i);

		h->kp.flags = nsaudit_hooks_armed(h->user) ?
			      0 : KPROBE_FLAG_DISABLED;
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
		unregister_kprobe(&nsaudit_kprobe_at(i)->kp);
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
	if (nsaudit_contid_on)
		nsaudit_hooks_contid_tracepoints(false);
	for (i = nsaudit_kprobe_count() - 1; i >= 0; i--) {
		struct kprobe *kp = &nsaudit_kprobe_at(i)->kp;

		unregister_kprobe(kp);
		if (kp->nmissed)
			pr_info("%s: %lu probe hits missed\n", kp->symbol_name,
				kp->nmissed);
	}
	nsaudit_hooks_live = false;
	mutex_unlock(&nsaudit_hooks_lock);
}

static int nsaudit_hooks_switch(struct kprobe *kp, bool on)
{
	return on ? enable_kprobe(kp) : disable_kprobe(kp);
}

/*
 * Set one user's state and arm or disarm that user's kprobes to match; all
 * or nothing. A disabled probe costs nothing: its ftrace site is unpatched.
 * Before nsaudit_hooks_register() (module parameters are set before init)
 * and after nsaudit_hooks_unregister() only the state is recorded.
 */
static int nsaudit_hooks_update(enum nsaudit_kprobe_user user, bool *state,
				bool on)
{
	bool was = nsaudit_hooks_armed(user), old = *state;
	int i, err = 0;

	lockdep_assert_held(&nsaudit_hooks_lock);
	WRITE_ONCE(*state, on);
	if (!nsaudit_hooks_live || nsaudit_hooks_armed(user) == was)
		return 0;
	for (i = 0; i < nsaudit_kprobe_count(); i++) {
		if (nsaudit_kprobe_at(i)->user != user)
			continue;
		err = nsaudit_hooks_switch(&nsaudit_kprobe_at(i)->kp, !was);
		if (err)
			goto err_unwind;
	}
	return 0;

err_unwind:
	while (--i >= 0)
		if (nsaudit_kprobe_at(i)->user == user)
			nsaudit_hooks_switch(&nsaudit_kprobe_at(i)->kp, was);
	WRITE_ONCE(*state, old);
	return err;
}

/**
 * nsaudit_hooks_set_enrich() - switch enrichment on or off
 * @enrich: the new state
 *
 * Context: process; takes nsaudit_hooks_lock.
 *
 * Return: 0, or a negative errno from enable_kprobe() with the state
 * unchanged.
 */
int nsaudit_hooks_set_enrich(bool enrich)
{
	int err;

	mutex_lock(&nsaudit_hooks_lock);
	err = nsaudit_hooks_update(NSAUDIT_KPROBE_RECORDS, &nsaudit_enrich_on,
				   enrich);
	mutex_unlock(&nsaudit_hooks_lock);
	return err;
}

/**
 * nsaudit_hooks_set_route() - switch routing to daemons on or off
 * @route: true while at least one daemon is registered
 *
 * Context: process; takes nsaudit_hooks_lock (under nsaudit_daemons_lock).
 *
 * Return: 0, or a negative errno from enable_kprobe() with the state
 * unchanged.
 */
int nsaudit_hooks_set_route(bool route)
{
	int err;

	mutex_lock(&nsaudit_hooks_lock);
	err = nsaudit_hooks_update(NSAUDIT_KPROBE_RECORDS, &nsaudit_route_on,
				   route);
	mutex_unlock(&nsaudit_hooks_lock);
	return err;
}

/**
 * nsaudit_hooks_set_sysexit() - register or unregister the sys_exit probe
 * @probe: the probe (sysexit.c)
 * @on: register it
 *
 * With it, the kretprobes on the syscalls taken at entry. Unregistering
 * them waits for their handlers; the caller waits for tracepoint probes
 * still running before the module goes (nsaudit_sysexit_exit()).
 *
 * Context: process; sleeps.
 *
 * Return: 0 or the kprobes' or tracepoint core's error, nothing changed.
 */
int nsaudit_hooks_set_sysexit(void *probe, bool on)
{
	struct tracepoint *tp = nsaudit_tracepoints[NSAUDIT_TP_SYS_EXIT].tp;
	int err = 0;

	mutex_lock(&nsaudit_hooks_lock);
	if (on == nsaudit_sys_exit_on)
		goto out;
	if (!on) {
		err = tracepoint_probe_unregister(tp, probe, NULL);
		if (err)
			pr_err("cannot unregister the sys_exit probe: %d\n", err);
		unregister_kprobes(nsaudit_exit_list,
				   ARRAY_SIZE(nsaudit_exit_list));
		unregister_kretprobes(nsaudit_entry_list,
				      ARRAY_SIZE(nsaudit_entry_list));
		WRITE_ONCE(nsaudit_entry_missed,
			   nsaudit_entry_missed + nsaudit_entry_missing());
		nsaudit_sys_exit_on = false;
		goto out;
	}
	err = nsaudit_entry_register();
	if (err)
		goto out;
	err = nsaudit_exit_register();
	if (err)
		goto err_entry;
	err = tracepoint_probe_register(tp, probe, NULL);
	if (err) {
		pr_err("cannot register the sys_exit probe: %d\n", err);
		unregister_kprobes(nsaudit_exit_list,
				   ARRAY_SIZE(nsaudit_exit_list));
		goto err_entry;
	}
	nsaudit_sys_exit_on = true;
	goto out;
err_entry:
	unregister_kretprobes(nsaudit_entry_list, ARRAY_SIZE(nsaudit_entry_list));
out:
	mutex_unlock(&nsaudit_hooks_lock);
	return err;
}

/**
 * nsaudit_hooks_set_contid() - arm or disarm the container ID hooks
 * @on: true while some task carries a container ID
 *
 * The tracepoints go first and come last, so that a fork the kprobes
 * see is always also seen at its end.
 *
 * Context: process; takes nsaudit_hooks_lock (under nsaudit_cid_lock).
 *
 * Return: 0, or a negative errno with nothing changed.
 */
int nsaudit_hooks_set_contid(bool on)
{
	int err = 0;

	mutex_lock(&nsaudit_hooks_lock);
	if (!nsaudit_hooks_live || on == nsaudit_contid_on)
		goto out;
	if (on) {
		err = nsaudit_hooks_contid_tracepoints(true);
		if (err)
			goto out;
		err = nsaudit_hooks_update(NSAUDIT_KPROBE_CONTID,
					   &nsaudit_contid_on, true);
		if (err)
			nsaudit_hooks_contid_tracepoints(false);
	} else {
		nsaudit_hooks_update(NSAUDIT_KPROBE_CONTID, &nsaudit_contid_on,
				     false);
		nsaudit_hooks_contid_tracepoints(false);
	}
out:
	if (err)
		pr_err("cannot arm the container ID hooks: %d\n", err);
	mutex_unlock(&nsaudit_hooks_lock);
	return err;
}

/**
 * nsaudit_hooks_enrich() - whether enrichment is on
 *
 * Context: any; a snapshot.
 */
bool nsaudit_hooks_enrich(void)
{
	return READ_ONCE(nsaudit_enrich_on);
}

/**
 * nsaudit_hooks_firing() - whether the module's kprobes fire now
 *
 * Context: process; takes nsaudit_hooks_lock.
 *
 * Return: true if a call of a probed function reaches its handler.
 */
bool nsaudit_hooks_firing(void)
{
	bool hit;

	mutex_lock(&nsaudit_hooks_lock);
	WRITE_ONCE(nsaudit_canary_hit, false);
	if (nsaudit_hooks_live)
		nsaudit_hooks_canary(&nsaudit_canary_hit);
	hit = READ_ONCE(nsaudit_canary_hit);
	mutex_unlock(&nsaudit_hooks_lock);
	return hit;
}

/**
 * nsaudit_hooks_missed() - probe hits the kernel skipped since load
 *
 * Context: any; a snapshot.
 */
u64 nsaudit_hooks_missed(void)
{
	u64 sum = 0;
	int i;

	for (i = 0; i < nsaudit_kprobe_count(); i++)
		sum += READ_ONCE(nsaudit_kprobe_at(i)->kp.nmissed);
	sum += READ_ONCE(nsaudit_entry_missed);
	if (READ_ONCE(nsaudit_sys_exit_on))
		sum += nsaudit_entry_missing();
	return sum;
}
