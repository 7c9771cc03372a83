/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The code a task runs instead of a kernel function once a kprobe has
 * redirected it: audit_log_end() (enrich.c) and cgroup_fork() (contid.c).
 * The probe entered an SRCU read-side section for the task and passes its
 * index in %rsi, the second argument register, which both functions (one
 * argument each) leave free.
 *
 * The section must cover every instruction of module text the task runs,
 * so that the module can be freed once synchronize_srcu() returns: the
 * thunk leaves by a tail jump into __srcu_read_unlock(), which returns
 * straight to the redirected function's caller. No module instruction runs
 * after the unlock, whatever preemption does.
 */
#include <linux/linkage.h>
#include <asm/ibt.h>

/*
 * REDIRECT_THUNK name, body: void name(arg, int srcu_idx) calls
 * body(arg), which returns the srcu_struct whose section the probe
 * entered; the thunk then leaves that section by the tail jump. The
 * probe's return from the breakpoint or ftrace lands here, not an
 * indirect branch, but the probe takes the thunk's address, and objtool
 * (7.x) wants every address-taken function to begin with ENDBR.
 */
.macro REDIRECT_THUNK name:req, body:req
SYM_FUNC_START(\name)
	ENDBR
	pushq	%rsi			/* keep the index; aligns the stack */
	call	\body			/* returns the srcu_struct */
	popq	%rsi
	movq	%rax, %rdi
	jmp	__srcu_read_unlock
SYM_FUNC_END(\name)
.endm

	.text
/* void nsaudit_log_end_thunk(struct audit_buffer *ab, int srcu_idx) */
REDIRECT_THUNK nsaudit_log_end_thunk, nsaudit_log_end_body

/*
 * void nsaudit_cid_fork_thunk(struct task_struct *child, int srcu_idx):
 * runs instead of cgroup_fork() for a fork whose parent carries a
 * container ID (contid.c); the body calls the real cgroup_fork().
 * cgroup_fork() has one argument too: %rsi is free.
 */
REDIRECT_THUNK nsaudit_cid_fork_thunk, nsaudit_cid_fork_body

/*
 * void nsaudit_sysexit_thunk(struct callback_head *work): the task work
 * sysexit.c queues. Its probe entered an SRCU read-side section on
 * nsaudit_sysexit_srcu for it; the body returns the index and the thunk
 * leaves the section by the same tail jump, so that module exit's
 * synchronize_srcu() covers every instruction of it. It is called
 * indirectly (task_work_run()), hence the ENDBR.
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
