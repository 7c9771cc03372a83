/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The code a task runs instead of audit_log_end() once the probe has
 * redirected it (see enrich.c). The probe entered an SRCU read-side section
 * for the task and passes its index in %rsi, the second argument register,
 * which audit_log_end() (one argument) leaves free.
 *
 * The section must cover every instruction of module text the task runs,
 * so that the module can be freed once synchronize_srcu() returns: the
 * thunk leaves by a tail jump into __srcu_read_unlock(), which returns
 * straight to audit_log_end()'s caller. No module instruction runs after
 * the unlock, whatever preemption does.
 */
#include <linux/linkage.h>
#include <asm/ibt.h>

	.text
/* void nsaudit_log_end_thunk(struct audit_buffer *ab, int srcu_idx) */
SYM_FUNC_START(nsaudit_log_end_thunk)
	pushq	%rsi			/* keep the index; aligns the stack */
	call	nsaudit_log_end_body	/* returns the srcu_struct */
	popq	%rsi
	movq	%rax, %rdi
	jmp	__srcu_read_unlock
SYM_FUNC_END(nsaudit_log_end_thunk)

/*
 * void nsaudit_sysexit_thunk(struct callback_head *work): the task work
 * sysexit.c queues. Its probe entered an SRCU read-side section on
 * nsaudit_sysexit_srcu for it; the body returns the index and the thunk
 * leaves the section by the same tail jump, so that module exit's
 * synchronize_srcu() covers every instruction of it.
 */
SYM_FUNC_START(nsaudit_sysexit_thunk)
	ENDBR
	pushq	%rbp			/* aligns the stack for the call */
	call	nsaudit_sysexit_work	/* returns the SRCU index */
	popq	%rbp
	movl	%eax, %esi
	leaq	nsaudit_sysexit_srcu(%rip), %rdi
	jmp	__srcu_read_unlock
SYM_FUNC_END(nsaudit_sysexit_thunk)

/*
 * void nsaudit_cid_fork_thunk(struct task_struct *child, int srcu_idx):
 * runs instead of cgroup_fork() for a fork whose parent carries a
 * container ID (contid.c), the same way as nsaudit_log_end_thunk(): the
 * body calls the real cgroup_fork() and returns the srcu_struct to leave.
 */
SYM_FUNC_START(nsaudit_cid_fork_thunk)
	pushq	%rsi			/* keep the index; aligns the stack */
	call	nsaudit_cid_fork_body	/* returns the srcu_struct */
	popq	%rsi
	movq	%rax, %rdi
	jmp	__srcu_read_unlock
SYM_FUNC_END(nsaudit_cid_fork_thunk)
