// SPDX-License-Identifier: GPL-2.0
/* 6.17: the task_newtask tracepoint passes clone_flags as u64. */
#include <linux/sched.h>
#include <trace/events/task.h>

static void nsaudit_probe_newtask(void *data, struct task_struct *p,
				  u64 clone_flags)
{
}

int nsaudit_probe(void);
int nsaudit_probe(void)
{
	return register_trace_task_newtask(nsaudit_probe_newtask, NULL);
}
