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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <linux/audit.h>	/* kshim/: the record types */
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

/* @in (@len bytes), a record of @type, translated in @v must read @want. */
static void check_rec(const struct nsaudit_view *v, unsigned int type,
		      const char *in, size_t len, const char *want,
		      size_t want_len)
{
	size_t bound = nsaudit_translate_bound(type, in, len), n;
	char *out = malloc(bound + 1);

	ck_assert_ptr_nonnull(out);
	memset(out, '#', bound + 1);
	n = nsaudit_translate(out, bound, type, in, len, v);
	ck_assert_uint_le(n, bound);
	ck_assert_int_eq(out[bound], '#');	/* nothing past the bound */
	ck_assert_msg(n == want_len && !memcmp(out, want, n),
		      "type %u\n in: %.*s\nout: %.*s\nwant: %.*s", type,
		      (int)len, in, (int)n, out, (int)want_len, want);
	free(out);
}

static void check_type(const struct nsaudit_view *v, unsigned int type,
		       const char *in, const char *want)
{
	check_rec(v, type, in, strlen(in), want, strlen(want));
}

/* Whether @s (@n bytes) holds the string @what. */
static bool mem_has(const char *s, size_t n, const char *what)
{
	size_t w = strlen(what), i;

	for (i = 0; i + w <= n; i++)
		if (!memcmp(s + i, what, w))
			return true;
	return false;
}

/* A SYSCALL-like record (no sender's text). */
static void check_text(const struct nsaudit_view *v, const char *in,
		       const char *want)
{
	check_type(v, AUDIT_SYSCALL, in, want);
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

/*
 * Values the kernel never writes for these names are not let through: they
 * read as no id (pid 0, any other -1).
 */
START_TEST(test_not_numbers)
{
	check_text(&view, "pid=abc uid= gid=1x auid=-x uid=99999999999 pid=-2147483649",
		   "pid=0 uid=4294967295 gid=4294967295 auid=4294967295 uid=4294967295 pid=0");
	check_text(&view, "ouid=0' ogid=\"0\" oauid=0x0 opid=+1001 pid==1001",
		   "ouid=4294967295 ogid=4294967295 oauid=4294967295 opid=0 pid=0");
	/* Only a name of ours is rewritten, the rest of the token is its value. */
	check_text(&view, "uid=0=0 key=a=b=c", "uid=4294967295 key=(null)");
}
END_TEST

/* User-space text inside msg='...' is the sender's, left as it is. */
START_TEST(test_quoted_message)
{
	check_type(&view, AUDIT_USER_LOGIN,
		   "audit(1.0:7): pid=1001 uid=100000 auid=100000 ses=1 subj=unconfined msg='op=x pid=1002 uid=100001 key=\"k\" res=success'",
		   "audit(1.0:7): pid=2 uid=0 auid=0 ses=1 subj=unconfined msg='op=x pid=1002 uid=100001 key=\"k\" res=success'");
	/* Every user-message range, and AUDIT_USER. */
	check_type(&view, AUDIT_USER, "pid=1001 msg='uid=0'",
		   "pid=2 msg='uid=0'");
	check_type(&view, AUDIT_FIRST_USER_MSG, "pid=1001 msg='uid=0'",
		   "pid=2 msg='uid=0'");
	check_type(&view, AUDIT_LAST_USER_MSG, "pid=1001 msg='uid=0'",
		   "pid=2 msg='uid=0'");
	check_type(&view, AUDIT_FIRST_USER_MSG2, "pid=1001 msg='uid=0'",
		   "pid=2 msg='uid=0'");
	check_type(&view, AUDIT_LAST_USER_MSG2, "pid=1001 msg='uid=0'",
		   "pid=2 msg='uid=0'");
}
END_TEST

/*
 * A hostile sender's text: quotes closed and opened again, fields of its
 * own making, another msg=', newlines; all of it the sender's.
 */
START_TEST(test_hostile_message)
{
	static const char *const texts[] = {
		"",
		"'",
		"''",
		"x' key=\"x\" uid=0 '",
		"' uid=0 auid=0 key=\"x\" msg='",
		"op=login acct=\"a'b\" uid=0 key=x res=success' ouid=0 '",
		"\" uid=0 \"' pid=1 '\"",
		"a\nuid=0\tkey=\"k\"\r\n' msg='uid=0'",
		"=== ' ' ' ===",
		"\xff\xfe uid=0 \x01key=\x7f",
		" uid=0",
		"uid=0 ",
	};
	char in[512], want[512];
	unsigned int i;

	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		snprintf(in, sizeof(in),
			 "audit(1.0:7): pid=1001 uid=0 auid=100000 ses=1 subj=unconfined msg='%s'",
			 texts[i]);
		snprintf(want, sizeof(want),
			 "audit(1.0:7): pid=2 uid=65534 auid=0 ses=1 subj=unconfined msg='%s'",
			 texts[i]);
		check_type(&view, AUDIT_USER_AVC, in, want);
		check_type(&view, AUDIT_USER_CMD, in, want);
	}
}
END_TEST

/*
 * msg=' opens a sender's text only where the kernel writes one: in a
 * user-message record that ends with the closing quote. Anywhere else it
 * is a token like any other, and what follows is parsed.
 */
START_TEST(test_message_fail_safe)
{
	/* Not a user-message type: the fields after it are the kernel's. */
	check_text(&view, "subj=a msg='b key=\"hostkey\" ouid=0 c='",
		   "subj=a msg='b key=(null) ouid=65534 c='");
	check_type(&view, AUDIT_USER_TTY, "pid=1001 msg='x uid=0 data=78'",
		   "pid=2 msg='x uid=65534 data=78'");
	/* A user message that does not end with its quote: no text. */
	check_type(&view, AUDIT_USER_LOGIN,
		   "pid=1001 msg='op=x uid=0 key=\"k\" res=success' uid=0",
		   "pid=2 msg='op=x uid=65534 key=(null) res=success' uid=65534");
	check_type(&view, AUDIT_USER_LOGIN, "pid=1001 uid=0 msg='",
		   "pid=2 uid=65534 msg='");
	check_type(&view, AUDIT_USER_LOGIN, "pid=1001 msg=' uid=0",
		   "pid=2 msg=' uid=65534");
	/* msg=' only opens text at the start of a token. */
	check_type(&view, AUDIT_USER_LOGIN, "pid=1001 xmsg='a uid=0 b'",
		   "pid=2 xmsg='a uid=65534 b'");
	check_type(&view, AUDIT_USER_LOGIN, "pid=1001 msg=\"a uid=0 b'",
		   "pid=2 msg=\"a uid=65534 b'");
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
	check_text(&view, "pid=", "pid=0");
	/* No quote state: every token after a quote is parsed. */
	check_text(&view, "msg='pid=1001 pid=1001", "msg='pid=1001 pid=2");
	check_text(&view, "' pid=1001 \" pid=1001 ' pid=1001",
		   "' pid=2 \" pid=2 ' pid=2");
}
END_TEST

/* The bound holds whatever each field becomes: the widest values. */
START_TEST(test_bound)
{
	static const char in[] = "pid=1 uid=1 gid=1 auid=1 key=1 oauid=1";
	size_t b = nsaudit_translate_bound(AUDIT_SYSCALL, in, strlen(in));

	ck_assert_uint_ge(b, strlen("pid=4294967295 uid=4294967295 gid=4294967295 auid=4294967295 key=(null) oauid=-2147483648"));
}
END_TEST

/* Less room than the bound: the copy stops, and nothing is written past. */
START_TEST(test_room)
{
	static const char in[] = "pid=1001 comm=\"abc\" key=\"hostkey\"";
	char out[64];
	size_t size, n;

	for (size = 0; size < sizeof(in) + 4; size++) {
		memset(out, '#', sizeof(out));
		n = nsaudit_translate(out, size, AUDIT_SYSCALL, in,
				      strlen(in), &view);
		ck_assert_uint_le(n, size);
		ck_assert_int_eq(out[size], '#');
		ck_assert(!mem_has(out, n, "hostkey"));
	}
	ck_assert_uint_eq(n, strlen("pid=2 comm=\"abc\" key=(null)"));
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
	tcase_add_test(tc, test_hostile_message);
	tcase_add_test(tc, test_message_fail_safe);
	tcase_add_test(tc, test_keys);
	tcase_add_test(tc, test_edges);
	tcase_add_test(tc, test_bound);
	tcase_add_test(tc, test_room);
	suite_add_tcase(s, tc);
	return s;
}
