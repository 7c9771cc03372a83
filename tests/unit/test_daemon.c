// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Unit tests: the per-namespace daemon's messages (lib/msg.c) and its
 * handle (lib/daemon.c), without the module.
 *
 * Messages are written here byte by byte and handed over in heap buffers
 * of their exact size, so that valgrind reports any read beyond the end.
 * The handle's socket path runs against the genetlink controller
 * ("nlctrl"), which every kernel has and which refuses both REGISTER and
 * UNREGISTER: that is enough to see a refusal come back, and an
 * UNREGISTER's answer end the registration.
 */
#define _DEFAULT_SOURCE		/* struct addrinfo in libnl's headers */

#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>

#include <libnsaudit.h>
#include "msg.h"

#include "suites.h"

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

#define FAMILY		0x1d
#define PORT		77
#define SEQ		9

#define NOT_LOADED \
	"nsaudit module not loaded (no \"nsaudit\" generic netlink family)"

/* ---- writing messages -------------------------------------------- */

/* Messages written one after another, as in one datagram. */
struct wr {
	union {
		struct nlmsghdr align;
		unsigned char b[2048];
	} u;
	size_t len;
	size_t msg;	/* where the message being written starts */
};

static void wr_bytes(struct wr *w, const void *p, size_t n)
{
	ck_assert(w->len + n <= sizeof(w->u.b));
	memcpy(w->u.b + w->len, p, n);
	w->len += n;
}

static void wr_pad(struct wr *w)
{
	static const unsigned char zero[NLA_ALIGNTO];

	wr_bytes(w, zero, NLA_ALIGN(w->len) - w->len);
}

/* A netlink header (length set by wr_end()) and a genetlink header. */
static void wr_msg(struct wr *w, uint16_t type, uint32_t seq, uint32_t port,
		   uint8_t cmd)
{
	struct nlmsghdr n = {
		.nlmsg_type = type, .nlmsg_seq = seq, .nlmsg_pid = port,
	};
	struct genlmsghdr g = { .cmd = cmd, .version = 1 };

	wr_pad(w);
	w->msg = w->len;
	wr_bytes(w, &n, sizeof(n));
	wr_bytes(w, &g, sizeof(g));
}

static void wr_end(struct wr *w)
{
	struct nlmsghdr *n = (struct nlmsghdr *)(w->u.b + w->msg);

	n->nlmsg_len = (uint32_t)(w->len - w->msg);
}

static void wr_attr(struct wr *w, uint16_t type, const void *data,
		    uint16_t len)
{
	struct nlattr a = { .nla_len = NLA_HDRLEN + len, .nla_type = type };

	wr_pad(w);
	wr_bytes(w, &a, sizeof(a));
	wr_bytes(w, data, len);
	wr_pad(w);
}

static void wr_u16(struct wr *w, uint16_t type, uint16_t v)
{
	wr_attr(w, type, &v, sizeof(v));
}

static size_t wr_nest(struct wr *w, uint16_t type)
{
	size_t off;

	wr_pad(w);
	off = w->len;
	wr_attr(w, NLA_F_NESTED | type, NULL, 0);
	return off;
}

static void wr_nest_end(struct wr *w, size_t off)
{
	((struct nlattr *)(w->u.b + off))->nla_len = (uint16_t)(w->len - off);
}

/* A heap copy of the message (or datagram) of exactly its length. */
static void *wr_dup(const struct wr *w, size_t *lenp)
{
	void *p = malloc(w->len ? w->len : 1);

	ck_assert_ptr_nonnull(p);
	memcpy(p, w->u.b, w->len);
	*lenp = w->len;
	return p;
}

/* The daemon nest, one member left out (@skip) or of length @len. */
static const struct {
	uint16_t type;
	int len;
	uint64_t val;
	const char *name;
} daemon_members[] = {
	{ NSAUDIT_DAEMON_A_PID, 4, 1234, "NSAUDIT_DAEMON_A_PID" },
	{ NSAUDIT_DAEMON_A_USERNS, 4, 4026532208U, "NSAUDIT_DAEMON_A_USERNS" },
	{ NSAUDIT_DAEMON_A_BACKLOG, 4, 8192, "NSAUDIT_DAEMON_A_BACKLOG" },
	{ NSAUDIT_DAEMON_A_QUEUED, 4, 17, "NSAUDIT_DAEMON_A_QUEUED" },
	{ NSAUDIT_DAEMON_A_ROUTED, 8, 0x100000020ULL,
	  "NSAUDIT_DAEMON_A_ROUTED" },
	{ NSAUDIT_DAEMON_A_DELIVERED, 8, 0x100000000ULL,
	  "NSAUDIT_DAEMON_A_DELIVERED" },
	{ NSAUDIT_DAEMON_A_LOST, 8, 15, "NSAUDIT_DAEMON_A_LOST" },
};

static const struct nsaudit_daemon_info want_info = {
	.registered = 1, .pid = 1234, .userns = 4026532208U, .backlog = 8192,
	.queued = 17, .routed = 0x100000020ULL, .delivered = 0x100000000ULL,
	.lost = 15,
};

#define NONE	SIZE_MAX

static void wr_daemon(struct wr *w, size_t skip, size_t bad, int bad_len)
{
	size_t nest = wr_nest(w, NSAUDIT_A_DAEMON), i;
	/* The kernel's alignment padding, which must be ignored. */
	uint32_t zero = 0;

	wr_attr(w, NSAUDIT_DAEMON_A_PAD, &zero, 0);
	for (i = 0; i < ARRAY_SIZE(daemon_members); i++) {
		uint64_t v64 = daemon_members[i].val;
		uint32_t v32 = (uint32_t)v64;
		int len = i == bad ? bad_len : daemon_members[i].len;
		unsigned char data[16] = { 0 };

		if (i == skip)
			continue;
		if (daemon_members[i].len == 4)
			memcpy(data, &v32, 4);
		else
			memcpy(data, &v64, 8);
		wr_attr(w, daemon_members[i].type, data, (uint16_t)len);
	}
	wr_nest_end(w, nest);
}

static bool info_eq(const struct nsaudit_daemon_info *a,
		    const struct nsaudit_daemon_info *b)
{
	return a->registered == b->registered && a->pid == b->pid &&
	       a->userns == b->userns && a->backlog == b->backlog &&
	       a->queued == b->queued && a->routed == b->routed &&
	       a->delivered == b->delivered && a->lost == b->lost;
}

/* A message of @cmd carrying the daemon nest. */
static void *daemon_msg(uint8_t cmd, size_t skip, size_t bad, int bad_len,
			size_t *lenp)
{
	struct wr w = { .len = 0 };

	wr_msg(&w, FAMILY, SEQ, PORT, cmd);
	wr_daemon(&w, skip, bad, bad_len);
	wr_end(&w);
	return wr_dup(&w, lenp);
}

/* Every cut of @nlh: as received (data short) and as sent (length cut). */
typedef int (*parse_fn)(const struct nlmsghdr *nlh, size_t len);

static void check_cuts(const struct nlmsghdr *nlh, size_t len, parse_fn fn)
{
	size_t cut;
	int k;

	for (cut = 0; cut < len; cut++) {
		for (k = 0; k < 2; k++) {
			struct nlmsghdr *bad = malloc(cut ? cut : 1);
			uint32_t l = (uint32_t)cut;

			ck_assert_ptr_nonnull(bad);
			memcpy(bad, nlh, cut);
			if (k == 1) {
				if (cut < sizeof(l)) {
					free(bad);
					continue;
				}
				memcpy(bad, &l, sizeof(l));
			}
			ck_assert_msg(fn(bad, cut) == -EBADMSG,
				      "cut at %zu of %zu (%s)", cut, len,
				      k ? "as sent" : "as received");
			free(bad);
		}
	}
}

/* ---- requests ---------------------------------------------------- */

START_TEST(test_build_register)
{
	static const uint32_t bad[] = {
		1, NSAUDIT_LIMIT_QUEUE_MIN - 1, NSAUDIT_LIMIT_QUEUE_MAX + 1,
		UINT32_MAX,
	};
	/* Little-endian, as this host's kernel reads it; no NLM_F_ACK. */
	const uint32_t plain[] = {
		20, FAMILY | NLM_F_REQUEST << 16, 0, 0,
		NSAUDIT_CMD_REGISTER | NSAUDIT_GENL_VERSION << 8,
	};
	const uint32_t with[] = {
		28, FAMILY | NLM_F_REQUEST << 16, 0, 0,
		NSAUDIT_CMD_REGISTER | NSAUDIT_GENL_VERSION << 8,
		8 | NSAUDIT_A_BACKLOG << 16, NSAUDIT_LIMIT_QUEUE_MIN,
	};
	const uint16_t one = 1;
	struct nl_msg *msg;
	char why[128];
	size_t i;

	ck_assert_int_eq(nsaudit__build_register(FAMILY, 0, NULL, NULL, 0),
			 -EINVAL);
	msg = (struct nl_msg *)&msg;
	ck_assert_int_eq(nsaudit__build_register(NLMSG_MIN_TYPE - 1, 0, &msg,
						 NULL, 0), -EINVAL);
	ck_assert_ptr_null(msg);

	if (*(const uint8_t *)&one == 1) {
		why[0] = '\0';
		ck_assert_int_eq(nsaudit__build_register(FAMILY, 0, &msg, why,
							 sizeof(why)), 0);
		ck_assert_uint_eq(nlmsg_hdr(msg)->nlmsg_len, sizeof(plain));
		ck_assert_mem_eq(nlmsg_hdr(msg), plain, sizeof(plain));
		nlmsg_free(msg);
		ck_assert_int_eq(nsaudit__build_register(FAMILY,
						NSAUDIT_LIMIT_QUEUE_MIN, &msg,
						why, sizeof(why)), 0);
		ck_assert_uint_eq(nlmsg_hdr(msg)->nlmsg_len, sizeof(with));
		ck_assert_mem_eq(nlmsg_hdr(msg), with, sizeof(with));
		nlmsg_free(msg);
		ck_assert_str_eq(why, "");
	}
	ck_assert_int_eq(nsaudit__build_register(FAMILY,
						 NSAUDIT_LIMIT_QUEUE_MAX, &msg,
						 why, sizeof(why)), 0);
	ck_assert_uint_eq(nla_get_u32(genlmsg_attrdata(
				nlmsg_data(nlmsg_hdr(msg)), 0)),
			  NSAUDIT_LIMIT_QUEUE_MAX);
	nlmsg_free(msg);

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		char want[128];

		snprintf(want, sizeof(want),
			 "backlog %u is not in 16..1048576 (or 0 for the host's default)",
			 bad[i]);
		msg = (struct nl_msg *)&msg;
		ck_assert_int_eq(nsaudit__build_register(FAMILY, bad[i], &msg,
							 why, sizeof(why)),
				 -EINVAL);
		ck_assert_ptr_null(msg);
		ck_assert_str_eq(why, want);
		why[0] = '\0';
		ck_assert_int_eq(nsaudit__check_backlog(bad[i], why,
							sizeof(why)), -EINVAL);
		ck_assert_str_eq(why, want);
	}
	ck_assert_int_eq(nsaudit__check_backlog(0, NULL, 0), 0);
	ck_assert_int_eq(nsaudit__check_backlog(NSAUDIT_LIMIT_QUEUE_MIN, NULL,
						0), 0);
}
END_TEST

START_TEST(test_build_unregister)
{
	const uint32_t want[] = {
		20, FAMILY | (NLM_F_REQUEST | NLM_F_ACK) << 16, 0, 0,
		NSAUDIT_CMD_UNREGISTER | NSAUDIT_GENL_VERSION << 8,
	};
	const uint16_t one = 1;
	struct nl_msg *msg = NULL;

	ck_assert_int_eq(nsaudit__build_unregister(FAMILY, &msg), 0);
	ck_assert_uint_eq(nlmsg_hdr(msg)->nlmsg_len, sizeof(want));
	if (*(const uint8_t *)&one == 1)
		ck_assert_mem_eq(nlmsg_hdr(msg), want, sizeof(want));
	nlmsg_free(msg);
	msg = (struct nl_msg *)&msg;
	ck_assert_int_eq(nsaudit__build_unregister(65536, &msg), -EINVAL);
	ck_assert_ptr_null(msg);
	ck_assert_int_eq(nsaudit__build_unregister(FAMILY, NULL), -EINVAL);
}
END_TEST

/* ---- the REGISTER reply and LOST --------------------------------- */

static int parse_register(const struct nlmsghdr *nlh, size_t len)
{
	struct nsaudit_daemon_info info;
	char why[128];

	return nsaudit__parse_register(nlh, len, FAMILY, &info, why,
				       sizeof(why));
}

static int parse_lost(const struct nlmsghdr *nlh, size_t len)
{
	struct nsaudit_event ev;
	char why[128];

	return nsaudit__parse_lost(nlh, len, FAMILY, &ev, why, sizeof(why));
}

START_TEST(test_parse_register)
{
	struct nsaudit_daemon_info info, before;
	struct nlmsghdr *nlh;
	char why[128] = "";
	size_t len, i;
	int k;

	nlh = daemon_msg(NSAUDIT_CMD_REGISTER, NONE, NONE, 0, &len);
	ck_assert_int_eq(nsaudit__parse_register(nlh, len, FAMILY, &info, why,
						 sizeof(why)), 0);
	ck_assert(info_eq(&info, &want_info));
	ck_assert_str_eq(why, "");
	check_cuts(nlh, len, parse_register);

	/* Another family or command is not the reply. */
	ck_assert_int_eq(nsaudit__parse_register(nlh, len, FAMILY + 1, &info,
						 why, sizeof(why)), -EBADMSG);
	free(nlh);
	nlh = daemon_msg(NSAUDIT_CMD_LOST, NONE, NONE, 0, &len);
	ck_assert_int_eq(nsaudit__parse_register(nlh, len, FAMILY, &info, why,
						 sizeof(why)), -EBADMSG);
	ck_assert_str_eq(why, "message of command 8, expected 5");
	free(nlh);

	/* Every member mandatory, each of its exact width. */
	memset(&info, 0xa5, sizeof(info));
	before = info;
	for (i = 0; i < ARRAY_SIZE(daemon_members); i++) {
		char want[128];

		nlh = daemon_msg(NSAUDIT_CMD_REGISTER, i, NONE, 0, &len);
		ck_assert_int_eq(nsaudit__parse_register(nlh, len, FAMILY,
							 &info, why,
							 sizeof(why)),
				 -EBADMSG);
		snprintf(want, sizeof(want), "NSAUDIT_A_DAEMON lacks %s",
			 daemon_members[i].name);
		ck_assert_str_eq(why, want);
		free(nlh);
		for (k = -1; k <= 1; k += 2) {
			int l = daemon_members[i].len == 4 ? 4 + 4 * k
							   : 8 + 4 * k;

			nlh = daemon_msg(NSAUDIT_CMD_REGISTER, NONE, i, l,
					 &len);
			ck_assert_msg(nsaudit__parse_register(nlh, len, FAMILY,
							      &info, why,
							      sizeof(why)) ==
				      -EBADMSG, "member %zu of length %d", i,
				      l);
			free(nlh);
		}
	}
	ck_assert_mem_eq(&info, &before, sizeof(info));

	/* Without the nest. */
	{
		struct wr w = { .len = 0 };

		wr_msg(&w, FAMILY, SEQ, PORT, NSAUDIT_CMD_REGISTER);
		wr_u16(&w, NSAUDIT_A_MAX + 1, 5);
		wr_end(&w);
		nlh = wr_dup(&w, &len);
		ck_assert_int_eq(nsaudit__parse_register(nlh, len, FAMILY,
							 &info, why,
							 sizeof(why)),
				 -EBADMSG);
		ck_assert_str_eq(why, "REGISTER reply lacks NSAUDIT_A_DAEMON");
		free(nlh);
	}
}
END_TEST

START_TEST(test_parse_lost)
{
	struct nsaudit_event ev, before;
	struct nlmsghdr *nlh;
	char why[128] = "";
	size_t len;

	nlh = daemon_msg(NSAUDIT_CMD_LOST, NONE, NONE, 0, &len);
	memset(&ev, 0xa5, sizeof(ev));
	ck_assert_int_eq(nsaudit__parse_lost(nlh, len, FAMILY, &ev, why,
					     sizeof(why)), 0);
	ck_assert_int_eq(ev.kind, NSAUDIT_EVENT_LOST);
	ck_assert(info_eq(&ev.info, &want_info));
	ck_assert_ptr_null(ev.text);
	ck_assert_int_eq(ev.error, 0);
	check_cuts(nlh, len, parse_lost);
	free(nlh);

	memset(&ev, 0xa5, sizeof(ev));
	before = ev;
	nlh = daemon_msg(NSAUDIT_CMD_LOST, 6, NONE, 0, &len);
	ck_assert_int_eq(nsaudit__parse_lost(nlh, len, FAMILY, &ev, why,
					     sizeof(why)), -EBADMSG);
	ck_assert_str_eq(why, "NSAUDIT_A_DAEMON lacks NSAUDIT_DAEMON_A_LOST");
	ck_assert_mem_eq(&ev, &before, sizeof(ev));
	free(nlh);

	nlh = daemon_msg(NSAUDIT_CMD_LOST, NONE, 4, 4, &len);
	ck_assert_int_eq(nsaudit__parse_lost(nlh, len, FAMILY, &ev, why,
					     sizeof(why)), -EBADMSG);
	free(nlh);
}
END_TEST

/* ---- RECORD ------------------------------------------------------ */

/* strlen + NUL a multiple of 4: no padding, so every cut is torn. */
#define TEXT	"audit(1.2:3): abc=d"

/* A RECORD: type (if @tlen), then text (if @text) of @xlen bytes. */
static void *record_msg(int tlen, const char *text, int xlen, bool extra,
			size_t *lenp)
{
	struct wr w = { .len = 0 };
	uint32_t type = 1300;

	wr_msg(&w, FAMILY, 0, 0, NSAUDIT_CMD_RECORD);
	if (extra) {
		wr_attr(&w, NSAUDIT_A_PAD, &type, 0);
		wr_u16(&w, NSAUDIT_A_MAX + 1, 5);
		wr_attr(&w, NSAUDIT_A_PID, &type, 4);
	}
	if (tlen >= 0)
		wr_attr(&w, NSAUDIT_A_RECORD_TYPE, &type, (uint16_t)tlen);
	if (text)
		wr_attr(&w, NSAUDIT_A_RECORD_TEXT, text, (uint16_t)xlen);
	wr_end(&w);
	return wr_dup(&w, lenp);
}

static int parse_record(const struct nlmsghdr *nlh, size_t len)
{
	struct nsaudit_event ev;
	char why[128];

	return nsaudit__parse_record(nlh, len, FAMILY, &ev, why, sizeof(why));
}

START_TEST(test_parse_record)
{
	struct nsaudit_event ev;
	struct nlmsghdr *nlh;
	char why[128] = "";
	size_t len;

	ck_assert_uint_eq((sizeof(TEXT)) % 4, 0);
	nlh = record_msg(2, TEXT, sizeof(TEXT), false, &len);
	ck_assert_int_eq(nsaudit__parse_record(nlh, len, FAMILY, &ev, why,
					       sizeof(why)), 0);
	ck_assert_int_eq(ev.kind, NSAUDIT_EVENT_RECORD);
	ck_assert_uint_eq(ev.type, 1300);
	ck_assert_str_eq(ev.text, TEXT);
	ck_assert_uint_eq(ev.len, strlen(TEXT));
	/* No copy: the text is the message's. */
	ck_assert(ev.text > (const char *)nlh &&
		  ev.text < (const char *)nlh + len);
	ck_assert_int_eq(ev.error, 0);
	ck_assert_int_eq(ev.info.registered, 0);
	ck_assert_str_eq(why, "");
	check_cuts(nlh, len, parse_record);
	ck_assert_int_eq(nsaudit__parse_record(nlh, len, FAMILY + 1, &ev, why,
					       sizeof(why)), -EBADMSG);
	free(nlh);

	/* Unknown attributes and padding are skipped. */
	nlh = record_msg(2, TEXT, sizeof(TEXT), true, &len);
	ck_assert_int_eq(nsaudit__parse_record(nlh, len, FAMILY, &ev, why,
					       sizeof(why)), 0);
	ck_assert_str_eq(ev.text, TEXT);
	free(nlh);

	/* Bytes after the NUL are not part of the text. */
	nlh = record_msg(2, "ab\0cd", 6, false, &len);
	ck_assert_int_eq(nsaudit__parse_record(nlh, len, FAMILY, &ev, why,
					       sizeof(why)), 0);
	ck_assert_uint_eq(ev.len, 2);
	ck_assert_str_eq(ev.text, "ab");
	free(nlh);
}
END_TEST

START_TEST(test_parse_record_bad)
{
	static const struct {
		int tlen;
		const char *text;
		int xlen;
		const char *why;
	} cases[] = {
		{ -1, TEXT, sizeof(TEXT),
		  "record lacks NSAUDIT_A_RECORD_TYPE" },
		{ 2, NULL, 0, "record lacks NSAUDIT_A_RECORD_TEXT" },
		{ -1, NULL, 0, "record lacks NSAUDIT_A_RECORD_TYPE" },
		{ 0, TEXT, sizeof(TEXT),
		  "NSAUDIT_A_RECORD_TYPE is 0 bytes long, not 2" },
		{ 1, TEXT, sizeof(TEXT),
		  "NSAUDIT_A_RECORD_TYPE is 1 bytes long, not 2" },
		{ 4, TEXT, sizeof(TEXT),
		  "NSAUDIT_A_RECORD_TYPE is 4 bytes long, not 2" },
		{ 2, TEXT, sizeof(TEXT) - 1,
		  "NSAUDIT_A_RECORD_TEXT is not NUL-terminated" },
		{ 2, "a", 1, "NSAUDIT_A_RECORD_TEXT is not NUL-terminated" },
		{ 2, "", 0, "NSAUDIT_A_RECORD_TEXT is not NUL-terminated" },
		{ 2, "", 1, "NSAUDIT_A_RECORD_TEXT is empty" },
		{ 2, "\0abc", 4, "NSAUDIT_A_RECORD_TEXT is empty" },
	};
	struct nsaudit_event ev, before;
	struct nlmsghdr *nlh;
	char why[128];
	size_t i, len;

	memset(&ev, 0xa5, sizeof(ev));
	before = ev;
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		nlh = record_msg(cases[i].tlen, cases[i].text, cases[i].xlen,
				 false, &len);
		ck_assert_msg(nsaudit__parse_record(nlh, len, FAMILY, &ev, why,
						    sizeof(why)) == -EBADMSG,
			      "case %zu", i);
		ck_assert_str_eq(why, cases[i].why);
		ck_assert_mem_eq(&ev, &before, sizeof(ev));
		free(nlh);
	}

	/* Garbage after the last attribute. */
	{
		struct wr w = { .len = 0 };
		uint32_t junk = 0xffffffffU;

		wr_msg(&w, FAMILY, 0, 0, NSAUDIT_CMD_RECORD);
		wr_u16(&w, NSAUDIT_A_RECORD_TYPE, 1300);
		wr_attr(&w, NSAUDIT_A_RECORD_TEXT, TEXT, sizeof(TEXT));
		wr_bytes(&w, &junk, 3);
		wr_end(&w);
		nlh = wr_dup(&w, &len);
		ck_assert_int_eq(nsaudit__parse_record(nlh, len, FAMILY, &ev,
						       why, sizeof(why)),
				 -EBADMSG);
		ck_assert_str_eq(why, "malformed attributes in a record");
		free(nlh);
	}
}
END_TEST

/* ---- the controller's DELFAMILY ---------------------------------- */

static void *ctrl_msg(uint8_t cmd, uint32_t id, int idlen, size_t *lenp)
{
	struct wr w = { .len = 0 };

	wr_msg(&w, GENL_ID_CTRL, 0, 0, cmd);
	wr_attr(&w, CTRL_ATTR_FAMILY_NAME, "nsaudit", 8);
	wr_attr(&w, CTRL_ATTR_FAMILY_ID, &id, (uint16_t)idlen);
	wr_end(&w);
	return wr_dup(&w, lenp);
}

START_TEST(test_delfamily)
{
	struct nlmsghdr *nlh;
	size_t len;

	nlh = ctrl_msg(CTRL_CMD_DELFAMILY, FAMILY, 2, &len);
	ck_assert_int_eq(nsaudit__parse_delfamily(nlh, len, FAMILY), 1);
	ck_assert_int_eq(nsaudit__parse_delfamily(nlh, len, FAMILY + 1), 0);
	ck_assert_int_eq(nsaudit__parse_delfamily(nlh, len - 1, FAMILY), 0);
	ck_assert_int_eq(nsaudit__parse_delfamily(NULL, 0, FAMILY), 0);
	nlh->nlmsg_type = FAMILY;
	ck_assert_int_eq(nsaudit__parse_delfamily(nlh, len, FAMILY), 0);
	free(nlh);

	nlh = ctrl_msg(CTRL_CMD_NEWFAMILY, FAMILY, 2, &len);
	ck_assert_int_eq(nsaudit__parse_delfamily(nlh, len, FAMILY), 0);
	free(nlh);
	/* A family id is a u16. */
	nlh = ctrl_msg(CTRL_CMD_DELFAMILY, FAMILY, 4, &len);
	ck_assert_int_eq(nsaudit__parse_delfamily(nlh, len, FAMILY), 0);
	free(nlh);
}
END_TEST

/* ---- splitting a datagram ---------------------------------------- */

START_TEST(test_next_msg)
{
	const struct nlmsghdr *nlh;
	struct wr w = { .len = 0 };
	size_t off = 0, len, starts[3];
	unsigned char *buf;
	int i;

	/* 21 bytes (padded to 24), 20, then 17 without padding. */
	wr_msg(&w, FAMILY, 1, 0, 1);
	starts[0] = w.msg;
	wr_bytes(&w, "x", 1);
	wr_end(&w);
	wr_msg(&w, FAMILY, 2, 0, 2);
	starts[1] = w.msg;
	wr_end(&w);
	wr_pad(&w);
	starts[2] = w.len;
	{
		struct nlmsghdr n = { .nlmsg_len = 17, .nlmsg_seq = 3 };

		wr_bytes(&w, &n, sizeof(n));
		wr_bytes(&w, "y", 1);
	}
	buf = wr_dup(&w, &len);
	ck_assert_uint_eq(len, 24 + 20 + 17);

	for (i = 0; i < 3; i++) {
		ck_assert_int_eq(nsaudit__next_msg(buf, len, &off, &nlh), 1);
		ck_assert_ptr_eq(nlh, buf + starts[i]);
		ck_assert_uint_eq(nlh->nlmsg_seq, (unsigned int)i + 1);
	}
	ck_assert_uint_eq(off, len);
	ck_assert_int_eq(nsaudit__next_msg(buf, len, &off, &nlh), 0);
	ck_assert_int_eq(nsaudit__next_msg(buf, len, &off, &nlh), 0);

	/* A torn header, a length beyond the datagram or below a header. */
	off = 0;
	ck_assert_int_eq(nsaudit__next_msg(buf, 10, &off, &nlh), -EBADMSG);
	ck_assert_uint_eq(off, 10);
	off = 0;
	ck_assert_int_eq(nsaudit__next_msg(buf, 20, &off, &nlh), -EBADMSG);
	ck_assert_uint_eq(off, 20);
	((struct nlmsghdr *)buf)->nlmsg_len = 15;
	off = 0;
	ck_assert_int_eq(nsaudit__next_msg(buf, len, &off, &nlh), -EBADMSG);
	ck_assert_uint_eq(off, len);
	off = 0;
	ck_assert_int_eq(nsaudit__next_msg(buf, 0, &off, &nlh), 0);
	free(buf);
}
END_TEST

/* ---- what each message on the socket means ----------------------- */

/* An NLMSG_ERROR for @seq and @port, with an extended ACK @text. */
static void *error_msg(int error, uint32_t seq, uint32_t port,
		       const char *text, size_t *lenp)
{
	struct wr w = { .len = 0 };
	struct nlmsghdr n = {
		.nlmsg_type = NLMSG_ERROR, .nlmsg_seq = seq,
		.nlmsg_pid = port,
		.nlmsg_flags = NLM_F_CAPPED | (text ? NLM_F_ACK_TLVS : 0),
	};
	struct nlmsghdr req = {
		.nlmsg_len = 20, .nlmsg_type = FAMILY, .nlmsg_seq = seq,
		.nlmsg_pid = port,
	};

	wr_bytes(&w, &n, sizeof(n));
	wr_bytes(&w, &error, sizeof(error));
	wr_bytes(&w, &req, sizeof(req));
	if (text)
		wr_attr(&w, NLMSGERR_ATTR_MSG, text,
			(uint16_t)(strlen(text) + 1));
	wr_end(&w);
	return wr_dup(&w, lenp);
}

static const struct nsaudit_daemon_ctx ctx = {
	.family = FAMILY, .port = PORT, .unregistering = true,
	.unreg_seq = SEQ,
};

/* nsaudit__daemon_msg() of @nlh, which is freed. */
static int classify(struct nlmsghdr *nlh, size_t len,
		    const struct nsaudit_daemon_ctx *c,
		    struct nsaudit_event *ev, char *why)
{
	int r;

	memset(ev, 0xa5, sizeof(*ev));
	why[0] = '\0';
	r = nsaudit__daemon_msg(nlh, len, c, ev, why, 128);
	free(nlh);
	return r;
}

START_TEST(test_daemon_msg_events)
{
	static const uint8_t skipped[] = {
		NSAUDIT_CMD_REGISTER, NSAUDIT_CMD_GET_STATUS,
		NSAUDIT_CMD_CONFIG_NTF, NSAUDIT_CMD_MAX + 1, 255,
	};
	struct nsaudit_event ev;
	struct nlmsghdr *nlh;
	char why[128];
	size_t len, i;

	nlh = record_msg(2, TEXT, sizeof(TEXT), false, &len);
	memset(&ev, 0xa5, sizeof(ev));
	ck_assert_int_eq(nsaudit__daemon_msg(nlh, len, &ctx, &ev, why,
					     sizeof(why)), 1);
	ck_assert_int_eq(ev.kind, NSAUDIT_EVENT_RECORD);
	ck_assert_str_eq(ev.text, TEXT);
	free(nlh);

	nlh = daemon_msg(NSAUDIT_CMD_LOST, NONE, NONE, 0, &len);
	ck_assert_int_eq(classify(nlh, len, &ctx, &ev, why), 1);
	ck_assert_int_eq(ev.kind, NSAUDIT_EVENT_LOST);
	ck_assert(info_eq(&ev.info, &want_info));

	/* Malformed events are reported, not skipped. */
	nlh = record_msg(2, TEXT, 3, false, &len);
	ck_assert_int_eq(classify(nlh, len, &ctx, &ev, why), -EBADMSG);
	ck_assert_str_eq(why, "NSAUDIT_A_RECORD_TEXT is not NUL-terminated");
	nlh = daemon_msg(NSAUDIT_CMD_LOST, 0, NONE, 0, &len);
	ck_assert_int_eq(classify(nlh, len, &ctx, &ev, why), -EBADMSG);
	{
		struct wr w = { .len = 0 };
		struct nlmsghdr n = { .nlmsg_len = 18, .nlmsg_type = FAMILY };

		wr_bytes(&w, &n, sizeof(n));
		wr_bytes(&w, "ab", 2);
		nlh = wr_dup(&w, &len);
		ck_assert_int_eq(classify(nlh, len, &ctx, &ev, why), -EBADMSG);
	}

	/* Other commands of the family (a late reply, a newer minor's). */
	for (i = 0; i < ARRAY_SIZE(skipped); i++) {
		nlh = daemon_msg(skipped[i], NONE, NONE, 0, &len);
		ck_assert_msg(classify(nlh, len, &ctx, &ev, why) == 0,
			      "command %u", skipped[i]);
	}
	/* Other types: netlink's own, another family. */
	nlh = record_msg(2, TEXT, sizeof(TEXT), false, &len);
	nlh->nlmsg_type = FAMILY + 1;
	ck_assert_int_eq(classify(nlh, len, &ctx, &ev, why), 0);
	nlh = record_msg(2, TEXT, sizeof(TEXT), false, &len);
	nlh->nlmsg_type = NLMSG_DONE;
	ck_assert_int_eq(classify(nlh, len, &ctx, &ev, why), 0);
	nlh = record_msg(2, TEXT, sizeof(TEXT), false, &len);
	nlh->nlmsg_type = NLMSG_NOOP;
	ck_assert_int_eq(classify(nlh, len, &ctx, &ev, why), 0);
}
END_TEST

START_TEST(test_daemon_msg_end)
{
	struct nsaudit_daemon_ctx other = ctx;
	struct nsaudit_event ev;
	struct nlmsghdr *nlh;
	char why[128];
	size_t len;

	/* The answer to UNREGISTER: its error, or 0 for the ACK. */
	nlh = error_msg(-ENOENT, SEQ, PORT, "not a daemon", &len);
	ck_assert_int_eq(classify(nlh, len, &ctx, &ev, why), 1);
	ck_assert_int_eq(ev.kind, NSAUDIT_EVENT_END);
	ck_assert_int_eq(ev.error, -ENOENT);
	ck_assert_ptr_null(ev.text);
	ck_assert_str_eq(why, "not a daemon");
	nlh = error_msg(0, SEQ, PORT, NULL, &len);
	ck_assert_int_eq(classify(nlh, len, &ctx, &ev, why), 1);
	ck_assert_int_eq(ev.kind, NSAUDIT_EVENT_END);
	ck_assert_int_eq(ev.error, 0);
	ck_assert_str_eq(why, "");

	/*
	 * A resent UNREGISTER (the first answer was dropped): ENOENT says the
	 * first one worked, so it is the ACK; other errors stay errors.
	 */
	other.unreg_resent = true;
	nlh = error_msg(-ENOENT, SEQ, PORT, "not a daemon", &len);
	ck_assert_int_eq(classify(nlh, len, &other, &ev, why), 1);
	ck_assert_int_eq(ev.kind, NSAUDIT_EVENT_END);
	ck_assert_int_eq(ev.error, 0);
	nlh = error_msg(-EPERM, SEQ, PORT, NULL, &len);
	ck_assert_int_eq(classify(nlh, len, &other, &ev, why), 1);
	ck_assert_int_eq(ev.error, -EPERM);
	other.unreg_resent = false;

	/* Not its answer: another request, another port, none pending. */
	nlh = error_msg(-ENOENT, SEQ + 1, PORT, NULL, &len);
	ck_assert_int_eq(classify(nlh, len, &ctx, &ev, why), 0);
	nlh = error_msg(-ENOENT, SEQ, PORT + 1, NULL, &len);
	ck_assert_int_eq(classify(nlh, len, &ctx, &ev, why), 0);
	other.unregistering = false;
	nlh = error_msg(0, SEQ, PORT, NULL, &len);
	ck_assert_int_eq(classify(nlh, len, &other, &ev, why), 0);

	/* Its answer, but torn. */
	nlh = error_msg(0, SEQ, PORT, NULL, &len);
	nlh->nlmsg_len = NLMSG_HDRLEN + 2;
	ck_assert_int_eq(classify(nlh, len, &ctx, &ev, why), -EBADMSG);
	ck_assert_str_eq(why, "malformed answer to UNREGISTER");

	/* The module went away, registered or not; another family did not. */
	nlh = ctrl_msg(CTRL_CMD_DELFAMILY, FAMILY, 2, &len);
	ck_assert_int_eq(classify(nlh, len, &other, &ev, why), 1);
	ck_assert_int_eq(ev.kind, NSAUDIT_EVENT_END);
	ck_assert_int_eq(ev.error, -ESHUTDOWN);
	nlh = ctrl_msg(CTRL_CMD_DELFAMILY, FAMILY + 1, 2, &len);
	ck_assert_int_eq(classify(nlh, len, &ctx, &ev, why), 0);
	nlh = ctrl_msg(CTRL_CMD_NEWFAMILY, FAMILY, 2, &len);
	ck_assert_int_eq(classify(nlh, len, &ctx, &ev, why), 0);

	ck_assert_int_eq(nsaudit__daemon_msg(NULL, 0, &ctx, &ev, why,
					     sizeof(why)), -EBADMSG);
}
END_TEST

/* ---- the handle, against the kernel ------------------------------ */

/* Whether this process may have a generic netlink socket at all. */
static bool have_genetlink(void)
{
	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);

	if (fd < 0) {
		fprintf(stderr, "test_daemon: no generic netlink socket "
			"here (%s)\n", strerror(errno));
		return false;
	}
	close(fd);
	return true;
}

START_TEST(test_daemon_arguments)
{
	struct nsaudit_daemon *d = (struct nsaudit_daemon *)&d;
	struct nsaudit_event ev;
	char msg[128] = "x";

	ck_assert_int_eq(nsaudit_daemon_register(NULL, 0, NULL, msg,
						 sizeof(msg)), -EINVAL);
	ck_assert_str_eq(msg, "invalid arguments");
	ck_assert_int_eq(nsaudit_daemon_register(&d, 0, NULL, NULL, 5),
			 -EINVAL);
	ck_assert_ptr_null(d);

	/* A bad backlog is refused before any socket is opened. */
	d = (struct nsaudit_daemon *)&d;
	ck_assert_int_eq(nsaudit_daemon_register(&d, 15, NULL, msg,
						 sizeof(msg)), -EINVAL);
	ck_assert_ptr_null(d);
	ck_assert_str_eq(msg, "backlog 15 is not in 16..1048576 (or 0 for "
			 "the host's default)");

	ck_assert_int_eq(nsaudit_daemon_fd(NULL), -EINVAL);
	ck_assert_int_eq(nsaudit_daemon_recv(NULL, &ev, 0), -EINVAL);
	ck_assert_int_eq(nsaudit_daemon_unregister(NULL), -EINVAL);
	ck_assert_str_eq(nsaudit_daemon_errmsg(NULL), "");
	nsaudit_daemon_close(NULL);
}
END_TEST

/* On this host the module is not loaded: -ENOENT and the usual text. */
START_TEST(test_daemon_no_module)
{
	struct nsaudit_daemon *d = (struct nsaudit_daemon *)&d;
	struct nsaudit_daemon_info info;
	char msg[256];
	int err;

	if (!have_genetlink())
		return;
	memset(&info, 0xa5, sizeof(info));
	err = nsaudit_daemon_register(&d, 0, &info, msg, sizeof(msg));
	if (err != -ENOENT) {
		fprintf(stderr, "test_daemon_no_module: register: %d (%s); "
			"is the module loaded?\n", err, msg);
		nsaudit_daemon_close(d);
		return;
	}
	ck_assert_ptr_null(d);
	ck_assert_str_eq(msg, NOT_LOADED);
	ck_assert_uint_eq(info.pid, 0xa5a5a5a5U);
}
END_TEST

/* REGISTER goes out and the refusal comes back as its errno. */
START_TEST(test_daemon_refused)
{
	struct nsaudit_daemon *d = (struct nsaudit_daemon *)&d;
	char msg[256] = "x";
	int i;

	if (!have_genetlink())
		return;
	for (i = 0; i < 2; i++) {
		ck_assert_int_eq(nsaudit__daemon_open(&d, "nlctrl", false, true,
						      i ? 16 : 0, NULL, msg,
						      sizeof(msg)),
				 -EOPNOTSUPP);
		ck_assert_ptr_null(d);
		ck_assert(strlen(msg) < sizeof(msg));
	}
}
END_TEST

static void on_alarm(int sig)
{
	(void)sig;
}

static long long ms_since(const struct timespec *t0)
{
	struct timespec t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (t1.tv_sec - t0->tv_sec) * 1000LL +
	       (t1.tv_nsec - t0->tv_nsec) / 1000000;
}

/*
 * The receive path on a real socket: nothing comes, waits end in time or
 * with a signal, and the answer to UNREGISTER (the controller refuses it)
 * ends the registration, after which the handle takes no more calls.
 */
START_TEST(test_daemon_receive)
{
	const struct itimerval in_100ms = { .it_value.tv_usec = 100000 };
	const struct itimerval off = { { 0, 0 }, { 0, 0 } };
	struct sigaction sa = { .sa_handler = on_alarm }, old;
	struct nsaudit_daemon *d = NULL;
	struct nsaudit_event ev, before;
	struct timespec t0;
	char msg[256] = "x";
	int r;

	if (!have_genetlink())
		return;
	ck_assert_int_eq(nsaudit__daemon_open(&d, "nlctrl", false, false, 0,
					      NULL, msg, sizeof(msg)), 0);
	ck_assert_str_eq(msg, "");
	ck_assert_str_eq(nsaudit_daemon_errmsg(d), "");
	ck_assert_int_ge(nsaudit_daemon_fd(d), 0);

	memset(&ev, 0xa5, sizeof(ev));
	before = ev;
	ck_assert_int_eq(nsaudit_daemon_recv(d, NULL, 0), -EINVAL);
	ck_assert_int_eq(nsaudit_daemon_recv(d, &ev, -2), -EINVAL);
	ck_assert_str_eq(nsaudit_daemon_errmsg(d), "invalid arguments");
	ck_assert_int_eq(nsaudit_daemon_recv(d, &ev, 0), -ETIMEDOUT);
	ck_assert_str_eq(nsaudit_daemon_errmsg(d), "nothing within 0 ms");
	clock_gettime(CLOCK_MONOTONIC, &t0);
	ck_assert_int_eq(nsaudit_daemon_recv(d, &ev, 100), -ETIMEDOUT);
	ck_assert_int_ge(ms_since(&t0), 100);

	sigemptyset(&sa.sa_mask);
	ck_assert_int_eq(sigaction(SIGALRM, &sa, &old), 0);
	ck_assert_int_eq(setitimer(ITIMER_REAL, &in_100ms, NULL), 0);
	r = nsaudit_daemon_recv(d, &ev, -1);
	setitimer(ITIMER_REAL, &off, NULL);
	sigaction(SIGALRM, &old, NULL);
	ck_assert_int_eq(r, -EINTR);
	ck_assert_str_eq(nsaudit_daemon_errmsg(d), "interrupted by a signal");
	ck_assert_mem_eq(&ev, &before, sizeof(ev));

	ck_assert_int_eq(nsaudit_daemon_unregister(d), 0);
	ck_assert_int_eq(nsaudit_daemon_unregister(d), -EINVAL);
	ck_assert_int_eq(nsaudit_daemon_recv(d, &ev, 5000), 0);
	ck_assert_int_eq(ev.kind, NSAUDIT_EVENT_END);
	ck_assert_int_eq(ev.error, -EOPNOTSUPP);

	ck_assert_int_eq(nsaudit_daemon_recv(d, &ev, 0), -EINVAL);
	ck_assert_str_eq(nsaudit_daemon_errmsg(d), "the registration is over");
	ck_assert_int_eq(nsaudit_daemon_unregister(d), -EINVAL);
	nsaudit_daemon_close(d);
}
END_TEST

Suite *nsaudit_daemon_suite(void)
{
	Suite *s = suite_create("daemon");
	TCase *tc;

	tc = tcase_create("messages");
	tcase_add_test(tc, test_build_register);
	tcase_add_test(tc, test_build_unregister);
	tcase_add_test(tc, test_parse_register);
	tcase_add_test(tc, test_parse_lost);
	tcase_add_test(tc, test_parse_record);
	tcase_add_test(tc, test_parse_record_bad);
	tcase_add_test(tc, test_delfamily);
	tcase_add_test(tc, test_next_msg);
	tcase_add_test(tc, test_daemon_msg_events);
	tcase_add_test(tc, test_daemon_msg_end);
	suite_add_tcase(s, tc);

	tc = tcase_create("handle");
	tcase_add_test(tc, test_daemon_arguments);
	tcase_add_test(tc, test_daemon_no_module);
	tcase_add_test(tc, test_daemon_refused);
	tcase_add_test(tc, test_daemon_receive);
	suite_add_tcase(s, tc);
	return s;
}
