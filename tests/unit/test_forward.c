// SPDX-License-Identifier: GPL-2.0
/*
 * The module's proof that a function hands its first argument to the copy
 * the compiler made of it (module/forward.c, built here unchanged): the
 * shapes it accepts, and every near miss it must refuse.
 */
#include <check.h>
#include <string.h>

#include "forward.h"
#include "suites.h"

#define FN	0xffffffff814e1cc0ul	/* audit_log_end in Debian's 7.3.4 */
#define PART	0xffffffff814e1b60ul	/* its audit_log_end.part.0 */

/* @n bytes of @bytes, the rest int3 padding, as past a function's end. */
static void code_of(u8 *code, const u8 *bytes, size_t n)
{
	memset(code, 0xcc, NSAUDIT_CODE_MAX);
	memcpy(code, bytes, n);
}

/* Debian 7.3.4's audit_log_end, as objdump shows it in its vmlinux. */
static const u8 debian73[] = {
	0xf3, 0x0f, 0x1e, 0xfa,			/* endbr64 */
	0xe8, 0x27, 0xc8, 0xe4, 0xff,		/* call __fentry__ */
	0x48, 0x85, 0xff,			/* test %rdi,%rdi */
	0x74, 0x05,				/* je +5 */
	0xe9, 0x8d, 0xfe, 0xff, 0xff,		/* jmp audit_log_end.part.0 */
	0xe9, 0xd8, 0xa6, 0xce, 0x00,		/* jmp __x86_return_thunk */
};

START_TEST(test_debian73_proven)
{
	u8 code[NSAUDIT_CODE_MAX];

	code_of(code, debian73, sizeof(debian73));
	ck_assert(nsaudit_code_forwards_arg0(code, FN, PART));
	/* The same code jumping elsewhere proves nothing of PART. */
	ck_assert(!nsaudit_code_forwards_arg0(code, FN, PART + 16));
}
END_TEST

START_TEST(test_ftrace_site_forms)
{
	u8 code[NSAUDIT_CODE_MAX];
	u8 b[sizeof(debian73)];

	/* Patched to a NOP at boot, as when nothing traces the function. */
	memcpy(b, debian73, sizeof(b));
	memcpy(b + 4, (const u8[]){ 0x0f, 0x1f, 0x44, 0x00, 0x00 }, 5);
	code_of(code, b, sizeof(b));
	ck_assert(nsaudit_code_forwards_arg0(code, FN, PART));
	/* No ENDBR (a kernel without IBT): the jump is 4 bytes earlier. */
	code_of(code, debian73 + 4, sizeof(debian73) - 4);
	ck_assert(nsaudit_code_forwards_arg0(code, FN + 4, PART));
	/* No ftrace site at all: not the shape. */
	memcpy(b, debian73, 4);
	memcpy(b + 4, debian73 + 9, sizeof(debian73) - 9);
	code_of(code, b, sizeof(debian73) - 5);
	ck_assert(!nsaudit_code_forwards_arg0(code, FN, PART + 5));
}
END_TEST

START_TEST(test_call_and_pushes)
{
	/* A frame, saved registers, then a call (not a tail jump). */
	static const u8 b[] = {
		0x0f, 0x1f, 0x44, 0x00, 0x00,	/* nop5 */
		0x55,				/* push %rbp */
		0x48, 0x89, 0xe5,		/* mov %rsp,%rbp */
		0x41, 0x54,			/* push %r12 */
		0x53,				/* push %rbx */
		0x48, 0x85, 0xff,		/* test %rdi,%rdi */
		0x0f, 0x84, 0x10, 0, 0, 0,	/* je rel32 */
		0xe8, 0, 0, 0, 0,		/* call .+5 */
	};
	u8 code[NSAUDIT_CODE_MAX];

	code_of(code, b, sizeof(b));
	ck_assert(nsaudit_code_forwards_arg0(code, FN, FN + sizeof(b)));
	/* A short jump to it counts the same. */
	code_of(code, (const u8[]){ 0x0f, 0x1f, 0x44, 0x00, 0x00,
				    0xeb, 0x10 }, 7);
	ck_assert(nsaudit_code_forwards_arg0(code, FN, FN + 7 + 0x10));
	ck_assert(!nsaudit_code_forwards_arg0(code, FN, FN + 7 - 0x10));
}
END_TEST

START_TEST(test_rdi_changed_refused)
{
	static const u8 loads[][3] = {
		{ 0x48, 0x8b, 0x3f },		/* mov (%rdi),%rdi (IPA-SRA) */
		{ 0x48, 0x89, 0xc7 },		/* mov %rax,%rdi */
		{ 0x48, 0x31, 0xff },		/* xor %rdi,%rdi */
		{ 0x48, 0x8d, 0x3d },		/* lea ...(%rip),%rdi */
	};
	u8 code[NSAUDIT_CODE_MAX], b[13];
	size_t i;

	for (i = 0; i < sizeof(loads) / sizeof(loads[0]); i++) {
		memcpy(b, (const u8[]){ 0x0f, 0x1f, 0x44, 0x00, 0x00 }, 5);
		memcpy(b + 5, loads[i], 3);
		memcpy(b + 8, (const u8[]){ 0xe9, 0, 0, 0, 0 }, 5);
		code_of(code, b, sizeof(b));
		ck_assert_msg(!nsaudit_code_forwards_arg0(code, FN, FN + 13),
			      "load %zu taken for a forward", i);
	}
}
END_TEST

START_TEST(test_other_calls_refused)
{
	u8 code[NSAUDIT_CODE_MAX];

	/* A call to something else first: %rdi is not preserved by it. */
	code_of(code, (const u8[]){ 0x0f, 0x1f, 0x44, 0x00, 0x00,
				    0xe8, 0x10, 0, 0, 0,
				    0xe9, 0, 0, 0, 0 }, 15);
	ck_assert(!nsaudit_code_forwards_arg0(code, FN, FN + 15));
	/* An indirect jump: never followed. */
	code_of(code, (const u8[]){ 0x0f, 0x1f, 0x44, 0x00, 0x00,
				    0xff, 0xe0 }, 7);
	ck_assert(!nsaudit_code_forwards_arg0(code, FN, FN + 7));
	/* Padding only after the ftrace site: nothing reaches the copy. */
	code_of(code, (const u8[]){ 0x0f, 0x1f, 0x44, 0x00, 0x00 }, 5);
	ck_assert(!nsaudit_code_forwards_arg0(code, FN, FN + 5));
	/* Harmless instructions to the end of what is read: unproven. */
	memset(code, 0x50, NSAUDIT_CODE_MAX);
	memcpy(code, (const u8[]){ 0x0f, 0x1f, 0x44, 0x00, 0x00 }, 5);
	ck_assert(!nsaudit_code_forwards_arg0(code, FN, FN + NSAUDIT_CODE_MAX));
}
END_TEST

Suite *nsaudit_forward_suite(void)
{
	Suite *s = suite_create("forward");
	TCase *tc = tcase_create("forward");

	tcase_add_test(tc, test_debian73_proven);
	tcase_add_test(tc, test_ftrace_site_forms);
	tcase_add_test(tc, test_call_and_pushes);
	tcase_add_test(tc, test_rdi_changed_refused);
	tcase_add_test(tc, test_other_calls_refused);
	suite_add_tcase(s, tc);
	return s;
}
