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

/* @s (@n bytes) as audit_log_n_untrustedstring() writes it; returns out. */
static char *frame(char *out, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	bool hex = false;
	size_t i, o = 0;

	for (i = 0; i < n; i++)
		if (u[i] == '"' || u[i] < 0x21 || u[i] > 0x7e)
			hex = true;
	if (hex) {
		for (i = 0; i < n; i++) {
			out[o++] = "0123456789ABCDEF"[u[i] >> 4];
			out[o++] = "0123456789ABCDEF"[u[i] & 15];
		}
	} else {
		out[o++] = '"';
		memcpy(out + o, s, n);
		o += n;
		out[o++] = '"';
	}
	out[o] = '\0';
	return out;
}

/*
 * Hostile names, as a container process can make them (prctl(PR_SET_NAME),
 * file names, exe and cwd paths, its own rule keys) or the host's keys
 * hold them: none ends translation or gets a field of its own.
 */
static const char *const hostile[] = {
	"x'", "'", "''", "\"", "x\"y", "=", "x=y", "key=\"x\"", "uid=0",
	"'uid=0", "' key=\"x\" '", "a b", "x' ouid=0 key=\"k\" '", "msg='",
	"msg='x", "\xff\xfe", "\xc3\xa9t\xc3\xa9", "a\x01" "b", "\t", "\n",
	"(null)", "?", "", "'\"'\"", "a'b=c\"d e'f",
};

#define NHOSTILE	(sizeof(hostile) / sizeof(hostile[0]))

START_TEST(test_hostile_names)
{
	char c[128], e[128], d[128], n[128], k[128], in[2048], want[2048];
	const char *h = hostile[_i], *o = "nsa-gen";
	int place;

	/* The hostile name in every place, one at a time and all at once. */
	for (place = 0; place < 6; place++) {
		frame(c, place == 0 || place == 5 ? h : o,
		      strlen(place == 0 || place == 5 ? h : o));
		frame(e, place == 1 || place == 5 ? h : o,
		      strlen(place == 1 || place == 5 ? h : o));
		frame(d, place == 2 || place == 5 ? h : o,
		      strlen(place == 2 || place == 5 ? h : o));
		frame(n, place == 3 || place == 5 ? h : o,
		      strlen(place == 3 || place == 5 ? h : o));
		frame(k, place == 4 || place == 5 ? h : "hostkey",
		      strlen(place == 4 || place == 5 ? h : "hostkey"));

		snprintf(in, sizeof(in),
			 "audit(1.0:42): arch=c000003e syscall=257 success=no exit=-13 a0=ffffff9c a1=55d0 a2=0 a3=0 items=1 ppid=1003 pid=1007 auid=100000 uid=100000 gid=100001 euid=100000 suid=100000 fsuid=100000 egid=100001 sgid=100001 fsgid=100001 tty=(none) ses=4 comm=%s exe=%s subj=unconfined key=%s",
			 c, e, k);
		snprintf(want, sizeof(want),
			 "audit(1.0:42): arch=c000003e syscall=257 success=no exit=-13 a0=ffffff9c a1=55d0 a2=0 a3=0 items=1 ppid=4 pid=8 auid=0 uid=0 gid=1 euid=0 suid=0 fsuid=0 egid=1 sgid=1 fsgid=1 tty=(none) ses=4 comm=%s exe=%s subj=unconfined key=(null)",
			 c, e);
		check_type(&view, AUDIT_SYSCALL, in, want);

		snprintf(in, sizeof(in), "audit(1.0:42): cwd=%s", d);
		check_type(&view, AUDIT_CWD, in, in);

		snprintf(in, sizeof(in),
			 "audit(1.0:42): item=0 name=%s inode=12 dev=fe:01 mode=0100600 ouid=0 ogid=0 rdev=00:00 nametype=NORMAL cap_fp=0 cap_fi=0 cap_fe=0 cap_fver=0 cap_frootid=0",
			 n);
		snprintf(want, sizeof(want),
			 "audit(1.0:42): item=0 name=%s inode=12 dev=fe:01 mode=0100600 ouid=65534 ogid=65534 rdev=00:00 nametype=NORMAL cap_fp=0 cap_fi=0 cap_fe=0 cap_fver=0 cap_frootid=0",
			 n);
		check_type(&view, AUDIT_PATH, in, want);

		/* A signal's target (OBJ_PID): its comm, then a host key. */
		snprintf(in, sizeof(in),
			 "audit(1.0:42): opid=1500 oauid=-1 ouid=0 oses=-1 obj=unconfined ocomm=%s key=%s ouid=0",
			 c, k);
		snprintf(want, sizeof(want),
			 "audit(1.0:42): opid=501 oauid=-1 ouid=65534 oses=-1 obj=unconfined ocomm=%s key=(null) ouid=65534",
			 c);
		check_type(&view, 1318, in, want);

		/* A rule change's key (CONFIG_CHANGE). */
		snprintf(in, sizeof(in),
			 "audit(1.0:42): auid=0 ses=4 subj=unconfined op=add_rule key=%s list=4 res=1 comm=%s",
			 k, c);
		snprintf(want, sizeof(want),
			 "audit(1.0:42): auid=4294967295 ses=4 subj=unconfined op=add_rule key=(null) list=4 res=1 comm=%s",
			 c);
		check_type(&view, 1305, in, want);
	}
}
END_TEST

/* Several keys, joined by \x01 as the kernel joins them: hex. */
START_TEST(test_joined_keys)
{
	static const char keys[] = "a'b\x01uid=0\x01key=\"x\"";
	char k[256], in[512], want[512];

	frame(k, keys, sizeof(keys) - 1);
	snprintf(in, sizeof(in), "comm=\"x'\" key=%s uid=0", k);
	check_text(&view, in, "comm=\"x'\" key=(null) uid=65534");
	snprintf(want, sizeof(want), "comm=\"x'\" key=%s uid=65534", k);
	check_text(&view_keys, in, want);
}
END_TEST

/* The bound holds whatever each field becomes: the widest values. */
START_TEST(test_bound)
{
	static const char in[] = "pid=1 uid=1 gid=1 auid=1 key=1 oauid=1";
	size_t b = nsaudit_translate_bound(AUDIT_SYSCALL, in, strlen(in));

	ck_assert_uint_ge(b, strlen("pid=4294967295 uid=4294967295 gid=4294967295 auid=4294967295 key=(null) oauid=4294967295"));
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

/*
 * The property test: random records framed the way the kernel frames them
 * (random comm, exe, cwd, name, key and message bytes; random ids, some
 * mapped into the test view, some not). Each record has a twin that
 * differs only in what the container must not learn: other host keys,
 * other unmapped ids. For every record:
 * - the copy stays within the bound, and within less room if given less;
 * - the copy is the same as its twin's, byte for byte: no host key text
 *   and no unmapped host id survives into it, whatever the other bytes;
 * - where the record holds only what the kernel writes, the copy is the
 *   expected one (ids mapped, keys (null), names and texts as they are).
 * NSAUDIT_TRANSLATE_RECORDS sets the count (10^6 by default; the
 * Makefile's valgrind run uses fewer), NSAUDIT_TRANSLATE_SEED the seed.
 */
#define PROP_RECORDS	1000000UL
#define PROP_SEED	0x6e73617564697421ULL	/* "nsaudit!" */
#define PROP_ROOM	16384

static u64 prop_state;

/* splitmix64: the same sequence on every host. */
static u64 prop_next(void)
{
	u64 z = (prop_state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static u32 rnd(u32 n)
{
	return n ? (u32)(prop_next() % n) : 0;
}

/* The record, its twin and the expected copy, built side by side. */
struct prop_rec {
	char rec[PROP_ROOM], twin[PROP_ROOM], want[PROP_ROOM];
	size_t rl, tl, wl;
	bool exact;	/* only what the kernel writes: @want holds */
	bool user;	/* a user message */
};

static void put3(struct prop_rec *p, const char *r, size_t rn, const char *t,
		 size_t tn, const char *w, size_t wn)
{
	if (p->rl + rn >= PROP_ROOM || p->tl + tn >= PROP_ROOM ||
	    p->wl + wn >= PROP_ROOM)
		ck_abort_msg("record too long");
	memcpy(p->rec + p->rl, r, rn);
	p->rl += rn;
	memcpy(p->twin + p->tl, t, tn);
	p->tl += tn;
	memcpy(p->want + p->wl, w, wn);
	p->wl += wn;
}

static void put_same(struct prop_rec *p, const char *s, size_t n)
{
	put3(p, s, n, s, n, s, n);
}

static void put_str(struct prop_rec *p, const char *s)
{
	put_same(p, s, strlen(s));
}

/* Pieces of hostile text: quotes, fields of its own, a message's start. */
static const char *const prop_frags[] = {
	"'", "\"", "=", " ", "  ", "key=\"x\"", "key=", "uid=0", " uid=0 ",
	"ouid=0", "pid=1", "auid=0", "msg='", "' ", " '", "(null)", "\\",
	"\x01", "\xff", "\n", "\t", "a=b", "old-auid=0",
};

/* Random bytes (no NUL) of up to @max, hostile ones often. */
static size_t prop_bytes(char *b, size_t max)
{
	size_t n = rnd(max + 1), i = 0;

	while (i < n) {
		const char *f;
		size_t fl;

		switch (rnd(10)) {
		case 0:
			f = prop_frags[rnd(sizeof(prop_frags) /
					   sizeof(prop_frags[0]))];
			fl = strlen(f);
			if (fl > n - i)
				fl = n - i;
			memcpy(b + i, f, fl);
			i += fl;
			continue;
		case 1:
			b[i++] = "'\"= "[rnd(4)];
			continue;
		case 2:
			b[i++] = (char)(1 + rnd(255));
			continue;
		case 3:
			b[i++] = (char)(0x80 + rnd(128));
			continue;
		default:
			b[i++] = (char)(0x21 + rnd(0x5e));
		}
	}
	return n;
}

/* Field names of ours, by kind. */
static const struct {
	const char *name;
	enum nsaudit_field_kind kind;
} prop_ids[] = {
	{ "pid", NSAUDIT_FIELD_PID }, { "ppid", NSAUDIT_FIELD_PID },
	{ "opid", NSAUDIT_FIELD_PID }, { "uid", NSAUDIT_FIELD_UID },
	{ "euid", NSAUDIT_FIELD_UID }, { "suid", NSAUDIT_FIELD_UID },
	{ "fsuid", NSAUDIT_FIELD_UID }, { "ouid", NSAUDIT_FIELD_UID },
	{ "gid", NSAUDIT_FIELD_GID }, { "egid", NSAUDIT_FIELD_GID },
	{ "sgid", NSAUDIT_FIELD_GID }, { "fsgid", NSAUDIT_FIELD_GID },
	{ "ogid", NSAUDIT_FIELD_GID }, { "auid", NSAUDIT_FIELD_LOGINUID },
	{ "old-auid", NSAUDIT_FIELD_LOGINUID },
	{ "oauid", NSAUDIT_FIELD_LOGINUID },
};

#define PROP_NIDS	(sizeof(prop_ids) / sizeof(prop_ids[0]))

/* What an id of @kind not visible in the test view reads there. */
static u32 prop_hidden(enum nsaudit_field_kind kind)
{
	if (kind == NSAUDIT_FIELD_PID)
		return 0;
	return kind == NSAUDIT_FIELD_LOGINUID ? (u32)-1 : OVERFLOW_ID;
}

/* An id of @kind not visible in the test view (never -1, nor pid 0). */
static u32 prop_unmapped(enum nsaudit_field_kind kind)
{
	u32 v;

	do {
		switch (rnd(4)) {
		case 0:
			v = kind == NSAUDIT_FIELD_PID ? 1 + rnd(999) : 0;
			break;
		case 1:
			v = 1 + rnd(99999);
			break;
		default:
			v = (u32)prop_next();
		}
	} while (v == (u32)-1 || (v == 0 && kind == NSAUDIT_FIELD_PID) ||
		 test_map(kind, v, NULL) != prop_hidden(kind));
	return v;
}

/* @v in decimal, as "%u" or (@neg) "%d" writes it; sprintf() is slow. */
static int prop_print(char *b, u32 v, bool neg)
{
	char d[12];
	int n = 0, o = 0;

	if (neg && (s32)v < 0) {
		b[o++] = '-';
		v = -v;
	}
	do
		d[n++] = '0' + v % 10;
	while (v /= 10);
	while (n)
		b[o++] = d[--n];
	return o;
}

/* " name=id": the id as the kernel writes it, its twin, its view. */
static void prop_id(struct prop_rec *p)
{
	unsigned int f = rnd(PROP_NIDS);
	enum nsaudit_field_kind kind = prop_ids[f].kind;
	char r[16], t[16], w[16];
	bool neg = rnd(4) == 0;
	u32 v, tv;
	int rn, tn, wn;

	switch (rnd(8)) {
	case 0:		/* unset, or no process: the same in every view */
		v = tv = rnd(2) ? (u32)-1 : kind == NSAUDIT_FIELD_PID ? 0 :
			 (u32)-1;
		break;
	case 1:
	case 2:
	case 3:		/* visible in the view */
		v = tv = kind == NSAUDIT_FIELD_PID ? 1000 + rnd(1000) :
			 100000 + rnd(65536);
		break;
	default:	/* a host id: the twin has another */
		v = prop_unmapped(kind);
		tv = prop_unmapped(kind);
	}
	rn = prop_print(r, v, neg);
	tn = prop_print(t, tv, rnd(4) == 0);	/* the form is the host's too */
	if (v == (u32)-1 || (kind == NSAUDIT_FIELD_PID && v == 0)) {
		tn = prop_print(t, tv, neg);
		wn = prop_print(w, v, neg);
	} else {
		wn = prop_print(w, test_map(kind, v, NULL), false);
	}
	put_str(p, " ");
	put_str(p, prop_ids[f].name);
	put_str(p, "=");
	put3(p, r, rn, t, tn, w, wn);
}

/* " key=...": a host key (the twin has another), or none. */
static void prop_key(struct prop_rec *p)
{
	char kb[64], r[160], t[160];

	put_str(p, " key=");
	if (!rnd(5)) {
		put_str(p, "(null)");
		return;
	}
	frame(r, kb, prop_bytes(kb, 40));
	frame(t, kb, prop_bytes(kb, 40));
	put3(p, r, strlen(r), t, strlen(t), "(null)", 6);
}

/* " name=...": a name the process chose, framed. */
static void prop_untrusted(struct prop_rec *p)
{
	static const char *const names[] = {
		" comm=", " exe=", " cwd=", " name=", " ocomm=", " proctitle=",
		" a0=", " a1=", " data=",
	};
	char b[128], f[300];

	put_str(p, names[rnd(sizeof(names) / sizeof(names[0]))]);
	frame(f, b, prop_bytes(b, rnd(8) ? 24 : 120));
	put_str(p, f);
}

/* Fields and words of the kernel's that are not ours. */
static void prop_plain(struct prop_rec *p)
{
	static const char *const plain[] = {
		" arch=c000003e", " syscall=257", " success=no", " exit=-13",
		" tty=(none)", " ses=4", " subj=unconfined", " items=2",
		" inode=1234", " dev=fe:01", " mode=0100600", " rdev=00:00",
		" nametype=NORMAL", " res=1", " op=add_rule", " list=4",
		" oses=-1", " obj=unconfined", " sig=9", " avc:", " denied",
		"  {", " read", " }", " for ", " cap_fp=0", " a2=0", " argc=3",
		" new-pid=5", " xuid=0", " tpid=1", " error_msg='Invalid",
		" argument'",
	};

	put_str(p, plain[rnd(sizeof(plain) / sizeof(plain[0]))]);
}

/* A label written raw by an LSM, hostile: the copy is no longer exact. */
static void prop_raw_label(struct prop_rec *p)
{
	char b[128];

	put_str(p, " subj=");
	put_same(p, b, prop_bytes(b, 100));
	p->exact = false;
}

static const unsigned int prop_user_types[] = {
	AUDIT_USER, AUDIT_FIRST_USER_MSG, AUDIT_USER_AVC, AUDIT_USER_LOGIN,
	AUDIT_USER_CMD, AUDIT_LAST_USER_MSG, AUDIT_FIRST_USER_MSG2, 2300,
	AUDIT_LAST_USER_MSG2,
};

static const unsigned int prop_kernel_types[] = {
	AUDIT_SYSCALL, AUDIT_PATH, AUDIT_CWD, AUDIT_EXECVE, AUDIT_PROCTITLE,
	1318, 1305, 1400, 1700, AUDIT_USER_TTY, 1338,
};

/* One random record; returns its type. */
static unsigned int prop_make(struct prop_rec *p, unsigned long serial)
{
	unsigned int type, i, n;
	char hdr[64];

	p->rl = p->tl = p->wl = 0;
	p->exact = true;
	p->user = false;
	snprintf(hdr, sizeof(hdr), "audit(1700000000.%03u:%lu):",
		 rnd(1000), serial);
	put_str(p, hdr);
	if (rnd(4) == 0) {	/* a user message: header, then the text */
		char text[400];

		type = prop_user_types[rnd(sizeof(prop_user_types) /
					   sizeof(prop_user_types[0]))];
		n = rnd(6);
		for (i = 0; i < n; i++)
			prop_id(p);
		if (rnd(8))
			put_str(p, " subj=unconfined");
		else
			prop_raw_label(p);
		p->user = true;
		put_str(p, " msg='");
		put_same(p, text, prop_bytes(text, rnd(4) ? 80 : 300));
		put_str(p, "'");
		return type;
	}
	type = prop_kernel_types[rnd(sizeof(prop_kernel_types) /
				     sizeof(prop_kernel_types[0]))];
	n = 1 + rnd(24);
	for (i = 0; i < n; i++) {
		switch (rnd(10)) {
		case 0:
		case 1:
		case 2:
			prop_id(p);
			break;
		case 3:
			prop_key(p);
			break;
		case 4:
		case 5:
		case 6:
			prop_untrusted(p);
			break;
		default:
			if (rnd(40))
				prop_plain(p);
			else
				prop_raw_label(p);
		}
	}
	return type;
}

static unsigned long env_ulong(const char *name, unsigned long dflt)
{
	const char *s = getenv(name);

	return s && *s ? strtoul(s, NULL, 0) : dflt;
}

START_TEST(test_property)
{
	static struct prop_rec p;
	static char out[PROP_ROOM * 2], tout[PROP_ROOM * 2];
	unsigned long count = env_ulong("NSAUDIT_TRANSLATE_RECORDS",
					PROP_RECORDS);
	unsigned long long seed = env_ulong("NSAUDIT_TRANSLATE_SEED",
					    PROP_SEED);
	unsigned long i, exact = 0, user = 0, cut = 0;
	struct timespec t0, t1;

	prop_state = seed;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (i = 0; i < count; i++) {
		unsigned int type = prop_make(&p, i);
		size_t b = nsaudit_translate_bound(type, p.rec, p.rl);
		size_t tb = nsaudit_translate_bound(type, p.twin, p.tl);
		size_t n, tn, room;

		/* Plain tests in the loop: a Check assertion costs a write(2). */
		if (b >= sizeof(out) || tb >= sizeof(tout))
			ck_abort_msg("seed %llu record %lu: bound %zu", seed, i,
				     b);
		out[b] = tout[tb] = '#';
		n = nsaudit_translate(out, b, type, p.rec, p.rl, &view);
		tn = nsaudit_translate(tout, tb, type, p.twin, p.tl, &view);
		if (n > b || out[b] != '#' || tn > tb || tout[tb] != '#')
			ck_abort_msg("seed %llu record %lu: past the bound",
				     seed, i);
		if (n != tn || memcmp(out, tout, n))
			ck_abort_msg("seed %llu record %lu (type %u): a host value got through\n"
				     " rec: %.*s\ntwin: %.*s\n out: %.*s\ntout: %.*s",
				     seed, i, type, (int)p.rl, p.rec,
				     (int)p.tl, p.twin, (int)n, out, (int)tn,
				     tout);
		if (p.exact) {
			if (n != p.wl || memcmp(out, p.want, n))
				ck_abort_msg("seed %llu record %lu (type %u)\n rec: %.*s\n out: %.*s\nwant: %.*s",
					     seed, i, type, (int)p.rl, p.rec,
					     (int)n, out, (int)p.wl, p.want);
			exact++;
		}
		user += p.user;
		if (rnd(8) == 0) {	/* less room: a prefix, nothing past */
			room = rnd(b + 1);
			memcpy(tout, out, n);
			out[room] = '#';
			tn = nsaudit_translate(out, room, type, p.rec, p.rl,
					       &view);
			if (tn > room || out[room] != '#' ||
			    memcmp(out, tout, tn))
				ck_abort_msg("seed %llu record %lu: room %zu",
					     seed, i, room);
			cut++;
		}
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("translate property: %lu records (%lu exact, %lu user messages, %lu with less room), seed %llu, %.2f s\n",
	       count, exact, user, cut, seed,
	       (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9);
	fflush(stdout);
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
	tcase_add_loop_test(tc, test_hostile_names, 0, NHOSTILE);
	tcase_add_test(tc, test_joined_keys);
	suite_add_tcase(s, tc);
	tc = tcase_create("property");
	tcase_add_test(tc, test_property);
	tcase_set_timeout(tc, 600);
	suite_add_tcase(s, tc);
	return s;
}
