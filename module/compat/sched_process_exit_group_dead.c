// SPDX-License-Identifier: GPL-2.0
/* 6.16: the sched_process_exit tracepoint passes group_dead too. */
/* sched.h's trace header needs struct folio declared first. */
#include <linux/mm.h>
#include <linux/sched.h>
#include <trace/events/sched.h>

static void nsaudit_probe_exit(void *data, struct task_struct *p,
			       bool group_dead)
{
}

int nsaudit_probe(void);
int nsaudit_probe(void)
{
	return register_trace_sched_process_exit(nsaudit_probe_exit, NULL);
}
