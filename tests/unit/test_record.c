// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Unit tests: nsaudit_record_nsid() and nsaudit_nsid_format().
 */
#define _GNU_SOURCE		/* MAP_ANONYMOUS */

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <libnsaudit.h>

#include "suites.h"

/* What the module appends (after one space) on a stock Debian 12 host. */
#define REAL_SET \
	"nsdev=0:4 mntns=4026531841 utsns=4026531838 ipcns=4026531839 " \
	"netns=4026531840 pidns=4026531836 userns=4026531837 " \
	"cgroupns=4026531835 timens=4026531834"

#define SYSCALL_HEAD \
	"type=SYSCALL msg=audit(1700000000.123:42): arch=c000003e " \
	"syscall=257 success=no exit=-2 a0=ffffff9c a1=55d0c1c2a2f0 a2=0 " \
	"a3=0 items=1 ppid=812 pid=1234 auid=1000 uid=1000 gid=1000 " \
	"euid=1000 suid=1000 fsuid=1000 egid=1000 sgid=1000 fsgid=1000 " \
	"tty=pts0 ses=3 comm=\"cat\" exe=\"/usr/bin/cat\" " \
	"subj=unconfined key=\"k\""

#define SYSCALL_LINE SYSCALL_HEAD " " REAL_SET

/* A short head and a set with small values, for the table cases. */
#define HEAD \
	"type=SYSCALL msg=audit(1700000000.123:42): syscall=257 pid=1234 " \
	"comm=\"cat\" exe=\"/usr/bin/cat\" key=\"k\""
#define SMALL_SET \
	"nsdev=0:4 mntns=1 utsns=2 ipcns=3 netns=4 pidns=5 userns=6 " \
	"cgroupns=7 timens=8"
/* A well-formed set with other values, as a decoy would carry. */
#define DECOY_SET \
	"nsdev=1:2 mntns=9 utsns=9 ipcns=9 netns=9 pidns=9 userns=9 " \
	"cgroupns=9 timens=9"
#define USER_HEAD \
	"type=USER_CMD msg=audit(1700000000.123:43): pid=1234 uid=0 " \
	"auid=1000 ses=3 subj=unconfined"
/* auditd's ENRICHED separator, octal so no letter can extend it. */
#define SEP "\035"

static const struct nsaudit_nsid_set real_set = {
	.dev_major = 0,
	.dev_minor = 4,
	.inum = {
		[NSAUDIT_NS_MNT] = 4026531841U,
		[NSAUDIT_NS_UTS] = 4026531838U,
		[NSAUDIT_NS_IPC] = 4026531839U,
		[NSAUDIT_NS_NET] = 4026531840U,
		[NSAUDIT_NS_PID] = 4026531836U,
		[NSAUDIT_NS_USER] = 4026531837U,
		[NSAUDIT_NS_CGROUP] = 4026531835U,
		[NSAUDIT_NS_TIME] = 4026531834U,
	},
};

static const struct nsaudit_nsid_set small_set = {
	.dev_major = 0,
	.dev_minor = 4,
	.inum = { 1, 2, 3, 4, 5, 6, 7, 8 },
};

static const struct nsaudit_nsid_set max_set = {
	.dev_major = 4294967295U,
	.dev_minor = 4294967295U,
	.inum = {
		4294967295U, 4294967295U, 4294967295U, 4294967295U,
		4294967295U, 4294967295U, 4294967295U, 4294967295U,
	},
};

static const struct nsaudit_nsid_set zero_set;

static void assert_set_eq(const struct nsaudit_nsid_set *got,
			  const struct nsaudit_nsid_set *want, const char *what)
{
	int i;

	ck_assert_msg(got->dev_major == want->dev_major,
		      "%s: dev_major %u, want %u", what, got->dev_major,
		      want->dev_major);
	ck_assert_msg(got->dev_minor == want->dev_minor,
		      "%s: dev_minor %u, want %u", what, got->dev_minor,
		      want->dev_minor);
	for (i = 0; i < NSAUDIT_NS_COUNT; i++)
		ck_assert_msg(got->inum[i] == want->inum[i],
			      "%s: inum[%d] %u, want %u", what, i,
			      (unsigned int)got->inum[i],
			      (unsigned int)want->inum[i]);
}

static int parse(const char *text, struct nsaudit_nsid_set *set)
{
	return nsaudit_record_nsid(text, strlen(text), set);
}

START_TEST(test_syscall_line)
{
	struct nsaudit_nsid_set set;

	ck_assert_int_eq(parse(SYSCALL_LINE, &set), 0);
	ck_assert_uint_eq(set.dev_major, 0);
	ck_assert_uint_eq(set.dev_minor, 4);
	ck_assert_uint_eq(set.inum[NSAUDIT_NS_MNT], 4026531841U);
	ck_assert_uint_eq(set.inum[NSAUDIT_NS_UTS], 4026531838U);
	ck_assert_uint_eq(set.inum[NSAUDIT_NS_IPC], 4026531839U);
	ck_assert_uint_eq(set.inum[NSAUDIT_NS_NET], 4026531840U);
	ck_assert_uint_eq(set.inum[NSAUDIT_NS_PID], 4026531836U);
	ck_assert_uint_eq(set.inum[NSAUDIT_NS_USER], 4026531837U);
	ck_assert_uint_eq(set.inum[NSAUDIT_NS_CGROUP], 4026531835U);
	ck_assert_uint_eq(set.inum[NSAUDIT_NS_TIME], 4026531834U);
}
END_TEST

START_TEST(test_kernel_payload)
{
	static const char payload[] =
		"audit(1700000000.123:42): arch=c000003e syscall=257 "
		"success=no exit=-2 pid=1234 comm=\"cat\" key=(null) " REAL_SET;
	struct nsaudit_nsid_set set;

	ck_assert_int_eq(parse(payload, &set), 0);
	assert_set_eq(&set, &real_set, "payload");
}
END_TEST

struct parse_case {
	const char *name;
	const char *text;
	size_t len;		/* 0: strlen(text) */
	int err;
	const struct nsaudit_nsid_set *want;	/* for err == 0 */
};

#define OK(n, t, w)	{ .name = n, .text = t, .err = 0, .want = w }
#define BAD(n, t)	{ .name = n, .text = t, .err = -EINVAL }
#define NONE(n, t)	{ .name = n, .text = t, .err = -ENOENT }
#define WITH_NUL(n, t, e, w) \
	{ .name = n, .text = t, .len = sizeof(t) - 1, .err = e, .want = w }

static const struct parse_case parse_cases[] = {
	/* Accepted: every form the module and auditd write. */
	OK("small set", HEAD " " SMALL_SET, &small_set),
	OK("contid follows", HEAD " " SMALL_SET " contid=5", &small_set),
	OK("largest contid", HEAD " " SMALL_SET " contid=18446744073709551615",
	   &small_set),
	OK("trailing newline", HEAD " " SMALL_SET "\n", &small_set),
	OK("auditd enriched", HEAD " " SMALL_SET SEP
	   "ARCH=x86_64 SYSCALL=openat AUID=\"user\" UID=\"user\"\n",
	   &small_set),
	OK("contid then enriched", HEAD " " SMALL_SET " contid=5" SEP
	   "ARCH=x86_64 SYSCALL=openat\n", &small_set),
	OK("largest values", HEAD " nsdev=4294967295:4294967295 "
	   "mntns=4294967295 utsns=4294967295 ipcns=4294967295 "
	   "netns=4294967295 pidns=4294967295 userns=4294967295 "
	   "cgroupns=4294967295 timens=4294967295", &max_set),
	OK("zeros", HEAD " nsdev=0:0 mntns=0 utsns=0 ipcns=0 netns=0 pidns=0 "
	   "userns=0 cgroupns=0 timens=0", &zero_set),
	OK("decoy in quoted exe", "type=SYSCALL msg=audit(1700000000.123:42): "
	   "syscall=59 exe=\"/a " DECOY_SET "\" key=\"k\" " SMALL_SET,
	   &small_set),
	OK("decoy in user msg", USER_HEAD " msg='cwd=\"/\" cmd=x "
	   DECOY_SET " terminal=pts/0 res=success' " SMALL_SET, &small_set),
	OK("decoy after an early quote close", USER_HEAD " msg='x' "
	   DECOY_SET " contid=1' " SMALL_SET, &small_set),
	OK("apostrophe in quoted acct", USER_HEAD " msg='op=login "
	   "acct=\"o'brien\" exe=\"/bin/login\" " DECOY_SET " res=success' "
	   SMALL_SET, &small_set),
	OK("apostrophe not opening a quote", HEAD " note=it's " SMALL_SET,
	   &small_set),
	OK("last set is the record's", HEAD " " DECOY_SET " " SMALL_SET,
	   &small_set),
	WITH_NUL("NUL ends the record", HEAD " " SMALL_SET "\0 garbage", 0,
		 &small_set),

	/* Malformed, incomplete or out of order. */
	BAD("only nsdev=", HEAD " nsdev="),
	BAD("only nsdev", HEAD " nsdev=0:4"),
	BAD("no timens", HEAD " nsdev=0:4 mntns=1 utsns=2 ipcns=3 netns=4 "
	    "pidns=5 userns=6 cgroupns=7"),
	BAD("cut in a name", HEAD " nsdev=0:4 mntns=1 utsns=2 ipcns=3 "
	    "netns=4 pidns=5 userns=6 cgroupns=7 time"),
	BAD("timens without value", HEAD " nsdev=0:4 mntns=1 utsns=2 ipcns=3 "
	    "netns=4 pidns=5 userns=6 cgroupns=7 timens="),
	BAD("missing utsns", HEAD " nsdev=0:4 mntns=1 ipcns=3 netns=4 "
	    "pidns=5 userns=6 cgroupns=7 timens=8"),
	BAD("utsns before mntns", HEAD " nsdev=0:4 utsns=2 mntns=1 ipcns=3 "
	    "netns=4 pidns=5 userns=6 cgroupns=7 timens=8"),
	BAD("timens before cgroupns", HEAD " nsdev=0:4 mntns=1 utsns=2 "
	    "ipcns=3 netns=4 pidns=5 userns=6 timens=8 cgroupns=7"),
	BAD("repeated field", HEAD " nsdev=0:4 mntns=1 mntns=1 utsns=2 "
	    "ipcns=3 netns=4 pidns=5 userns=6 cgroupns=7 timens=8"),
	BAD("non-numeric", HEAD " nsdev=0:4 mntns=abc utsns=2 ipcns=3 "
	    "netns=4 pidns=5 userns=6 cgroupns=7 timens=8"),
	BAD("hexadecimal", HEAD " nsdev=0:4 mntns=0x10 utsns=2 ipcns=3 "
	    "netns=4 pidns=5 userns=6 cgroupns=7 timens=8"),
	BAD("2^32", HEAD " nsdev=0:4 mntns=4294967296 utsns=2 ipcns=3 "
	    "netns=4 pidns=5 userns=6 cgroupns=7 timens=8"),
	BAD("2^64", HEAD " nsdev=0:4 mntns=18446744073709551616 utsns=2 "
	    "ipcns=3 netns=4 pidns=5 userns=6 cgroupns=7 timens=8"),
	BAD("timens 2^32", HEAD " nsdev=0:4 mntns=1 utsns=2 ipcns=3 netns=4 "
	    "pidns=5 userns=6 cgroupns=7 timens=4294967296"),
	BAD("negative", HEAD " nsdev=0:4 mntns=-1 utsns=2 ipcns=3 netns=4 "
	    "pidns=5 userns=6 cgroupns=7 timens=8"),
	BAD("plus sign", HEAD " nsdev=0:4 mntns=+1 utsns=2 ipcns=3 netns=4 "
	    "pidns=5 userns=6 cgroupns=7 timens=8"),
	BAD("empty value", HEAD " nsdev=0:4 mntns= utsns=2 ipcns=3 netns=4 "
	    "pidns=5 userns=6 cgroupns=7 timens=8"),
	BAD("quoted value", HEAD " nsdev=0:4 mntns=\"1\" utsns=2 ipcns=3 "
	    "netns=4 pidns=5 userns=6 cgroupns=7 timens=8"),
	BAD("upper-case name", HEAD " nsdev=0:4 MNTNS=1 utsns=2 ipcns=3 "
	    "netns=4 pidns=5 userns=6 cgroupns=7 timens=8"),
	BAD("double space", HEAD " nsdev=0:4  mntns=1 utsns=2 ipcns=3 "
	    "netns=4 pidns=5 userns=6 cgroupns=7 timens=8"),
	BAD("tab", HEAD " nsdev=0:4\tmntns=1 utsns=2 ipcns=3 netns=4 "
	    "pidns=5 userns=6 cgroupns=7 timens=8"),
	BAD("nsdev without minor", HEAD " nsdev=0 mntns=1 utsns=2 ipcns=3 "
	    "netns=4 pidns=5 userns=6 cgroupns=7 timens=8"),
	BAD("nsdev empty major", HEAD " nsdev=:4 mntns=1 utsns=2 ipcns=3 "
	    "netns=4 pidns=5 userns=6 cgroupns=7 timens=8"),
	BAD("nsdev empty minor", HEAD " nsdev=0: mntns=1 utsns=2 ipcns=3 "
	    "netns=4 pidns=5 userns=6 cgroupns=7 timens=8"),
	BAD("nsdev major 2^32", HEAD " nsdev=4294967296:4 mntns=1 utsns=2 "
	    "ipcns=3 netns=4 pidns=5 userns=6 cgroupns=7 timens=8"),
	BAD("nsdev minor 2^32", HEAD " nsdev=0:4294967296 mntns=1 utsns=2 "
	    "ipcns=3 netns=4 pidns=5 userns=6 cgroupns=7 timens=8"),
	BAD("nsdev negative", HEAD " nsdev=-1:4 mntns=1 utsns=2 ipcns=3 "
	    "netns=4 pidns=5 userns=6 cgroupns=7 timens=8"),
	BAD("garbage after timens", HEAD " nsdev=0:4 mntns=1 utsns=2 ipcns=3 "
	    "netns=4 pidns=5 userns=6 cgroupns=7 timens=12x"),
	BAD("space after timens", HEAD " " SMALL_SET " "),
	BAD("unknown field after", HEAD " " SMALL_SET " foo=1"),
	BAD("contid without value", HEAD " " SMALL_SET " contid="),
	BAD("contid garbage", HEAD " " SMALL_SET " contid=5x"),
	BAD("contid 2^64", HEAD " " SMALL_SET " contid=18446744073709551616"),
	BAD("contid negative", HEAD " " SMALL_SET " contid=-1"),
	BAD("field after contid", HEAD " " SMALL_SET " contid=5 x=1"),
	BAD("two newlines", HEAD " " SMALL_SET "\n\n"),
	BAD("newline then text", HEAD " " SMALL_SET "\nmore"),
	BAD("forged set closing a user msg early", USER_HEAD " msg='x' "
	    DECOY_SET " contid=1'"),

	/* No nsdev= field. */
	NONE("empty", ""),
	NONE("no set", HEAD),
	NONE("no set, newline", HEAD "\n"),
	NONE("xnsdev", HEAD " x" SMALL_SET),
	NONE("set without leading space", SMALL_SET),
	NONE("nsdevx", HEAD " nsdevx=0:4"),
	NONE("nsdev without =", HEAD " nsdev 0:4"),
	NONE("only in quoted exe", "type=SYSCALL msg=audit(1700000000.123:42): "
	     "syscall=59 exe=\"/a " DECOY_SET "\""),
	NONE("only in user msg", USER_HEAD " msg='cmd=x " DECOY_SET "'"),
	NONE("only in auditd's enrichment", HEAD SEP "X=1 " SMALL_SET "\n"),
	WITH_NUL("only after a NUL", HEAD "\0 " SMALL_SET, -ENOENT, NULL),
};

START_TEST(test_parse_cases)
{
	const struct parse_case *c = &parse_cases[_i];
	size_t len = c->len ? c->len : strlen(c->text);
	struct nsaudit_nsid_set set;
	int rc;

	/* Failures must leave the caller's set alone. */
	memset(&set, 0xa5, sizeof(set));
	rc = nsaudit_record_nsid(c->text, len, &set);
	ck_assert_msg(rc == c->err, "%s: got %d, want %d", c->name, rc,
		      c->err);
	if (c->err == 0) {
		assert_set_eq(&set, c->want, c->name);
	} else {
		struct nsaudit_nsid_set untouched;

		memset(&untouched, 0xa5, sizeof(untouched));
		ck_assert_msg(memcmp(&set, &untouched, sizeof(set)) == 0,
			      "%s: set written on failure", c->name);
	}
}
END_TEST

START_TEST(test_parse_arguments)
{
	struct nsaudit_nsid_set set;

	ck_assert_int_eq(nsaudit_record_nsid(SYSCALL_LINE,
					     strlen(SYSCALL_LINE), NULL),
			 -EINVAL);
	ck_assert_int_eq(nsaudit_record_nsid(NULL, 5, &set), -EINVAL);
	ck_assert_int_eq(nsaudit_record_nsid(NULL, 0, &set), -ENOENT);
	ck_assert_int_eq(nsaudit_record_nsid(SYSCALL_LINE, 0, &set), -ENOENT);
}
END_TEST

/*
 * Memory that ends at a PROT_NONE page: text copied to its very end makes
 * any read past the given length fault, with or without valgrind.
 */
struct guarded {
	char *map;
	size_t page;
};

static void guarded_init(struct guarded *g)
{
	g->page = (size_t)sysconf(_SC_PAGESIZE);
	g->map = mmap(NULL, 2 * g->page, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ck_assert_ptr_ne(g->map, MAP_FAILED);
	ck_assert_int_eq(mprotect(g->map + g->page, g->page, PROT_NONE), 0);
}

static const char *guarded_copy(struct guarded *g, const char *text,
				size_t n)
{
	char *p = g->map + g->page - n;

	ck_assert_uint_le(n, g->page);
	memcpy(p, text, n);
	return p;
}

static void guarded_fini(struct guarded *g)
{
	ck_assert_int_eq(munmap(g->map, 2 * g->page), 0);
}

/* The result the parser must give for the first @n bytes of @full. */
static int cut_expect(const char *full, size_t n, uint32_t *timens)
{
	const char *nsdev = strstr(full, " nsdev=");
	const char *digits = strstr(full, " timens=") + strlen(" timens=");
	size_t k = (size_t)(nsdev - full);
	size_t t = (size_t)(digits - full);
	size_t c = t + strspn(digits, "0123456789");
	char value[16] = "";

	if (n < k + strlen(" nsdev="))
		return -ENOENT;
	if (n == strlen(full))
		n = c;		/* whole record: timens complete, contid ok */
	else if (n <= t || n > c)
		return -EINVAL;
	memcpy(value, digits, n - t);
	*timens = (uint32_t)strtoul(value, NULL, 10);
	return 0;
}

START_TEST(test_parse_respects_len)
{
	static const char full[] = SYSCALL_LINE " contid=5";
	struct guarded g;
	size_t n;

	guarded_init(&g);
	for (n = 0; n <= strlen(full); n++) {
		struct nsaudit_nsid_set set, want = real_set;
		uint32_t timens = 0;
		int expect = cut_expect(full, n, &timens);
		int rc = nsaudit_record_nsid(guarded_copy(&g, full, n), n, &set);

		ck_assert_msg(rc == expect, "len %zu: got %d, want %d", n, rc,
			      expect);
		if (rc == 0) {
			want.inum[NSAUDIT_NS_TIME] = timens;
			assert_set_eq(&set, &want, "cut record");
		}
	}
	guarded_fini(&g);
}
END_TEST

START_TEST(test_format_real)
{
	char buf[NSAUDIT_NSID_TEXT_MAX];

	ck_assert_int_eq(nsaudit_nsid_format(&real_set, buf, sizeof(buf)),
			 (int)strlen(REAL_SET));
	ck_assert_str_eq(buf, REAL_SET);
}
END_TEST

START_TEST(test_format_longest)
{
	static const char want[] =
		"nsdev=4294967295:4294967295 mntns=4294967295 "
		"utsns=4294967295 ipcns=4294967295 netns=4294967295 "
		"pidns=4294967295 userns=4294967295 cgroupns=4294967295 "
		"timens=4294967295";
	char buf[NSAUDIT_NSID_TEXT_MAX];
	int len = nsaudit_nsid_format(&max_set, buf, sizeof(buf));

	ck_assert_int_eq(len, (int)strlen(want));
	ck_assert_str_eq(buf, want);
	/* The module's limit covers the leading space and the NUL. */
	ck_assert_int_le(1 + len + 1, NSAUDIT_NSID_TEXT_MAX);
}
END_TEST

/* Deterministic "random" sets, so a failure reproduces. */
static void lcg_set(uint64_t *state, struct nsaudit_nsid_set *set)
{
	int i;

	for (i = -2; i < NSAUDIT_NS_COUNT; i++) {
		uint32_t v;

		*state = *state * 6364136223846793005ULL + 1442695040888963407ULL;
		v = (uint32_t)(*state >> 32);
		if (i == -2)
			set->dev_major = v;
		else if (i == -1)
			set->dev_minor = v;
		else
			set->inum[i] = v;
	}
}

START_TEST(test_format_round_trip)
{
	const struct nsaudit_nsid_set *fixed[] = {
		&real_set, &small_set, &max_set, &zero_set,
	};
	uint64_t state = 42;
	int i;

	for (i = 0; i < 100; i++) {
		struct nsaudit_nsid_set in, out;
		char text[NSAUDIT_NSID_TEXT_MAX];
		char record[64 + NSAUDIT_NSID_TEXT_MAX];
		int len;

		if (i < 4)
			in = *fixed[i];
		else
			lcg_set(&state, &in);

		len = nsaudit_nsid_format(&in, text, sizeof(text));
		ck_assert_int_gt(len, 0);
		ck_assert_uint_eq(strlen(text), (size_t)len);
		snprintf(record, sizeof(record),
			 "audit(1700000000.123:42): pid=1 %s", text);
		memset(&out, 0, sizeof(out));
		ck_assert_int_eq(parse(record, &out), 0);
		assert_set_eq(&out, &in, "round trip");
	}
}
END_TEST

START_TEST(test_format_nospace)
{
	const struct nsaudit_nsid_set *sets[] = {
		&real_set, &max_set, &zero_set,
	};
	size_t s, size;

	for (s = 0; s < sizeof(sets) / sizeof(sets[0]); s++) {
		char full[NSAUDIT_NSID_TEXT_MAX];
		char buf[NSAUDIT_NSID_TEXT_MAX + 16];
		int len = nsaudit_nsid_format(sets[s], full, sizeof(full));

		ck_assert_int_gt(len, 0);
		ck_assert_int_eq(nsaudit_nsid_format(sets[s], NULL, 0),
				 -ENOSPC);
		for (size = 0; size <= (size_t)len + 1; size++) {
			int rc, want = size > (size_t)len ? len : -ENOSPC;
			size_t j;

			memset(buf, 'Z', sizeof(buf));
			rc = nsaudit_nsid_format(sets[s], buf, size);
			ck_assert_msg(rc == want, "size %zu: got %d, want %d",
				      size, rc, want);
			if (rc == -ENOSPC && size)
				ck_assert_msg(buf[0] == '\0',
					      "size %zu: buf not empty", size);
			if (rc >= 0)
				ck_assert_str_eq(buf, full);
			for (j = size; j < sizeof(buf); j++)
				ck_assert_msg(buf[j] == 'Z',
					      "size %zu: byte %zu written",
					      size, j);
		}
	}
}
END_TEST

START_TEST(test_format_arguments)
{
	char buf[NSAUDIT_NSID_TEXT_MAX];

	ck_assert_int_eq(nsaudit_nsid_format(NULL, buf, sizeof(buf)),
			 -EINVAL);
	ck_assert_int_eq(nsaudit_nsid_format(&real_set, NULL, 10), -EINVAL);
}
END_TEST

Suite *nsaudit_record_suite(void)
{
	Suite *s = suite_create("record");
	TCase *tc;

	tc = tcase_create("parse");
	tcase_add_test(tc, test_syscall_line);
	tcase_add_test(tc, test_kernel_payload);
	tcase_add_loop_test(tc, test_parse_cases, 0,
			    sizeof(parse_cases) / sizeof(parse_cases[0]));
	tcase_add_test(tc, test_parse_arguments);
	tcase_add_test(tc, test_parse_respects_len);
	suite_add_tcase(s, tc);

	tc = tcase_create("format");
	tcase_add_test(tc, test_format_real);
	tcase_add_test(tc, test_format_longest);
	tcase_add_test(tc, test_format_round_trip);
	tcase_add_test(tc, test_format_nospace);
	tcase_add_test(tc, test_format_arguments);
	suite_add_tcase(s, tc);

	return s;
}
