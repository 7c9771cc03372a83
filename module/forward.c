// SPDX-License-Identifier: GPL-2.0
/*
 * Reading a function's first instructions for one fact: that it passes
 * its first argument (%rdi) unchanged to a copy the compiler made of it
 * (a .part.N, .isra.N or .constprop.N clone). See hooks.c.
 */
#include <linux/string.h>
#include <linux/types.h>
#include "forward.h"

#define NSAUDIT_OP_CALL		0xe8	/* call rel32 */
#define NSAUDIT_OP_JMP		0xe9	/* jmp rel32 */
#define NSAUDIT_OP_JMP8		0xeb	/* jmp rel8 */

static const u8 nsaudit_endbr64[] = { 0xf3, 0x0f, 0x1e, 0xfa };
static const u8 nsaudit_nop5[] = { 0x0f, 0x1f, 0x44, 0x00, 0x00 };

/**
 * nsaudit_code_forwards_arg0() - whether code passes %rdi on to @clone
 * @code: the first NSAUDIT_CODE_MAX bytes of the function
 * @fn: the function's address
 * @clone: the copy's address
 *
 * True only for this shape: at most an ENDBR, then the ftrace call site
 * (a call or a 5-byte NOP), then only instructions that leave %rdi alone
 * (a test of it, conditional branches, whose fall-through path is
 * followed, pushes, a frame pointer), up to a direct jump or call to
 * @clone. The copy is then entered with the function's first argument as
 * its own. Any other instruction, call or jump proves nothing: false.
 *
 * Context: any; reads only @code.
 *
 * Return: true if the shape is there.
 */
bool nsaudit_code_forwards_arg0(const u8 code[NSAUDIT_CODE_MAX],
				unsigned long fn, unsigned long clone)
{
	unsigned int pos = 0;
	s32 rel;

	if (!memcmp(code, nsaudit_endbr64, sizeof(nsaudit_endbr64)))
		pos += sizeof(nsaudit_endbr64);
	if (code[pos] != NSAUDIT_OP_CALL &&
	    memcmp(code + pos, nsaudit_nop5, sizeof(nsaudit_nop5)))
		return false;
	pos += 5;
	while (pos + 6 <= NSAUDIT_CODE_MAX) {
		const u8 *c = code + pos;

		if (c[0] == 0x48 && c[1] == 0x85 && c[2] == 0xff) {
			pos += 3;		/* test %rdi,%rdi */
		} else if (c[0] == 0x48 && c[1] == 0x89 && c[2] == 0xe5) {
			pos += 3;		/* mov %rsp,%rbp */
		} else if (c[0] >= 0x70 && c[0] <= 0x7f) {
			pos += 2;		/* jcc rel8 */
		} else if (c[0] == 0x0f && c[1] >= 0x80 && c[1] <= 0x8f) {
			pos += 6;		/* jcc rel32 */
		} else if (c[0] >= 0x50 && c[0] <= 0x57) {
			pos += 1;		/* push */
		} else if (c[0] == 0x41 && c[1] >= 0x50 && c[1] <= 0x57) {
			pos += 2;		/* push %r8-%r15 */
		} else if (c[0] == NSAUDIT_OP_CALL || c[0] == NSAUDIT_OP_JMP) {
			memcpy(&rel, c + 1, sizeof(rel));
			return fn + pos + 5 + (long)rel == clone;
		} else if (c[0] == NSAUDIT_OP_JMP8) {
			return fn + pos + 2 + (long)(s8)c[1] == clone;
		} else {
			return false;
		}
	}
	return false;
}
