// SPDX-License-Identifier: GPL-2.0
/*
 * The module's record rewriting (module/translate.c, built here unchanged
 * with host stand-ins for its kernel headers): which fields are mapped,
 * how, and what is left alone.
 *
 * The test view maps like a container whose PID namespace numbers host
 * pids 1000.. as 1.. and whose user namespace maps host uids and gids
 * 100000..165535 to 0..65535; everything else is not visible there.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "suites.h"
#include "translate.h"

#define OVERFLOW_ID	65534u

static u32 test_map(enum nsaudit_field_kind kind, u32 id, const void *arg)
{
	(void)arg;
	switch (kind) {
	case NSAUDIT_FIELD_PID:
		return id >= 1000 && id < 2000 ? id - 999 : 0;
	case NSAUDIT_FIELD_UID:
	case NSAUDIT_FIELD_GID:
		return id >= 100000 && id < 165536 ? id - 100000 : OVERFLOW_ID;
	case NSAUDIT_FIELD_LOGINUID:
		return id >= 100000 && id < 165536 ? id - 100000 : (u32)-1;
	default:
		ck_abort_msg("keys are never mapped");
		return 0;
	}
}

static const struct nsaudit_view view = { .map = test_map };
static const struct nsaudit_view view_keys = {
	.map = test_map, .reveal_keys = true,
};

/* @in translated in @v must read @want, within the bound. */
static void check_text(const struct nsaudit_view *v, const char *in,
		       const char *want)
{
	size_t len = strlen(in), bound = nsaudit_translate_bound(in, len), n;
	char *out = malloc(bound + 1);

	ck_assert_ptr_nonnull(out);
	memset(out, '#', bound + 1);
	n = nsaudit_translate(out, in, len, v);
	ck_assert_uint_le(n, bound);
	ck_assert_int_eq(out[bound], '#');	/* nothing past the bound */
	out[n] = '\0';
	ck_assert_str_eq(out, want);
	free(out);
}

START_TEST(test_syscall_record)
{
	check_text(&view,
		   "audit(1.002:42): arch=c000003e syscall=257 success=no exit=-2 a0=ffffff9c items=1 ppid=1003 pid=1007 auid=100000 uid=100000 gid=100001 euid=100000 suid=100000 fsuid=100000 egid=100001 sgid=100001 fsgid=100001 tty=(none) ses=4 comm=\"nsa-gen\" exe=\"/bin/x\" subj=unconfined key=\"nsa_route\"",
		   "audit(1.002:42): arch=c000003e syscall=257 success=no exit=-2 a0=ffffff9c items=1 ppid=4 pid=8 auid=0 uid=0 gid=1 euid=0 suid=0 fsuid=0 egid=1 sgid=1 fsgid=1 tty=(none) ses=4 comm=\"nsa-gen\" exe=\"/bin/x\" subj=unconfined key=(null)");
}
END_TEST

/* Not visible: pid 0, overflow IDs, login uid -1, as /proc shows them. */
START_TEST(test_not_visible)
{
	check_text(&view, "ppid=77 pid=1001 uid=0 gid=5 auid=1000 ouid=0 ogid=0",
		   "ppid=0 pid=2 uid=65534 gid=65534 auid=4294967295 ouid=65534 ogid=65534");
}
END_TEST

/* Pid 0 (none) and -1 (unset) mean the same in every view. */
START_TEST(test_unset_values)
{
	check_text(&view, "pid=0 auid=4294967295 oauid=-1 ouid=4294967295 opid=0",
		   "pid=0 auid=4294967295 oauid=-1 ouid=4294967295 opid=0");
	check_text(&view, "opid=1500 oauid=100007 ouid=100007 oses=3",
		   "opid=501 oauid=7 ouid=7 oses=3");
	/*
	 * The sign form follows the value as written: an unmapped login uid
	 * written unsigned reads 4294967295, which means -1 all the same.
	 */
	check_text(&view, "oauid=5", "oauid=4294967295");
}
END_TEST

/* Every field name of the table, and names that only look alike. */
START_TEST(test_field_names)
{
	check_text(&view, "old-auid=100001 auid=100002 fsuid=100003 fsgid=100004",
		   "old-auid=1 auid=2 fsuid=3 fsgid=4");
	check_text(&view, "new-pid=1001 tpid=1001 PID=1001 xuid=100000 uidx=100000",
		   "new-pid=1001 tpid=1001 PID=1001 xuid=100000 uidx=100000");
	/* A field only starts a word. */
	check_text(&view, "a=x,pid=1001 b=\"pid=1001\"", "a=x,pid=1001 b=\"pid=1001\"");
}
END_TEST

/* Values that are not IDs are copied as they are. */
START_TEST(test_not_numbers)
{
	check_text(&view, "pid=abc uid= gid=1x auid=-x uid=99999999999 pid=-2147483649",
		   "pid=abc uid= gid=1x auid=-x uid=99999999999 pid=-2147483649");
}
END_TEST

/* User-space text inside msg='...' is the sender's, left as it is. */
START_TEST(test_quoted_message)
{
	check_text(&view,
		   "audit(1.0:7): pid=1001 uid=100000 auid=100000 ses=1 msg='op=x pid=1002 uid=100001 key=\"k\" res=success' uid=100002",
		   "audit(1.0:7): pid=2 uid=0 auid=0 ses=1 msg='op=x pid=1002 uid=100001 key=\"k\" res=success' uid=2");
}
END_TEST

START_TEST(test_keys)
{
	check_text(&view, "key=\"a\" key=6B310162 key=(null) key=",
		   "key=(null) key=(null) key=(null) key=(null)");
	check_text(&view_keys, "key=\"a\" pid=1001 key=6B310162",
		   "key=\"a\" pid=2 key=6B310162");
}
END_TEST

START_TEST(test_edges)
{
	check_text(&view, "", "");
	check_text(&view, "audit(1.0:1): ", "audit(1.0:1): ");
	check_text(&view, "pid=1001", "pid=2");
	check_text(&view, "  pid=1001  ", "  pid=2  ");
	check_text(&view, "pid", "pid");
	check_text(&view, "pid=", "pid=");
	/* An unclosed quote keeps everything after it as it is. */
	check_text(&view, "msg='pid=1001 pid=1001", "msg='pid=1001 pid=1001");
}
END_TEST

/* The bound holds whatever each field becomes: the widest values. */
START_TEST(test_bound)
{
	static const char in[] = "pid=1 uid=1 gid=1 auid=1 key=1 oauid=1";
	size_t b = nsaudit_translate_bound(in, strlen(in));

	ck_assert_uint_ge(b, strlen("pid=4294967295 uid=4294967295 gid=4294967295 auid=4294967295 key=(null) oauid=-2147483648"));
}
END_TEST

Suite *nsaudit_translate_suite(void)
{
	Suite *s = suite_create("translate");
	TCase *tc = tcase_create("translate");

	tcase_add_test(tc, test_syscall_record);
	tcase_add_test(tc, test_not_visible);
	tcase_add_test(tc, test_unset_values);
	tcase_add_test(tc, test_field_names);
	tcase_add_test(tc, test_not_numbers);
	tcase_add_test(tc, test_quoted_message);
	tcase_add_test(tc, test_keys);
	tcase_add_test(tc, test_edges);
	tcase_add_test(tc, test_bound);
	suite_add_tcase(s, tc);
	return s;
}
