// SPDX-License-Identifier: GPL-2.0
/*
 * 6.15: is_endbr() takes a pointer and is out of line, not exported;
 * __is_endbr(u32) is the inline test of an instruction word.
 */
#include <linux/types.h>
#include <asm/ibt.h>

#ifndef CONFIG_X86_KERNEL_IBT
#error "no IBT: the module does not test for ENDBR"
#endif

bool nsaudit_probe(u32 insn);
bool nsaudit_probe(u32 insn)
{
	return __is_endbr(insn);
}
