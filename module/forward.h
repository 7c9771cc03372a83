/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nsaudit: whether a function's machine code passes its first argument on
 * unchanged to an out-of-line copy of itself (hooks.c hooks such copies).
 * Pure byte work, so that the unit tests build forward.c on the host.
 */
#ifndef _NSAUDIT_FORWARD_H
#define _NSAUDIT_FORWARD_H

#include <linux/types.h>

/* Bytes of a function's start that nsaudit_code_forwards_arg0() reads. */
#define NSAUDIT_CODE_MAX	64

bool nsaudit_code_forwards_arg0(const u8 code[NSAUDIT_CODE_MAX],
				unsigned long fn, unsigned long clone);

#endif /* _NSAUDIT_FORWARD_H */
