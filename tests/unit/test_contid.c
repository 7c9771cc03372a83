// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Unit tests: audit container IDs in libnsaudit. The exact bytes of
 * SET_CONTID and GET_CONTID (lib/msg.c), the parse of a GET_CONTID reply
 * with malformed ones refused, and the calls (lib/contid.c) on the
 * request path against the kernel's genetlink controller, which, like a
 * module older than interface 1.3, has neither command. Replies are handed
 * over in heap buffers of their exact size, so that valgrind reports any
 * read beyond the end.
 */
#define _DEFAULT_SOURCE		/* struct addrinfo in libnl's headers */

#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>

#include <libnsaudit.h>
#include "client.h"
#include "msg.h"

#include "suites.h"

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

/* Any id a family can have; not one the controller (0x10) uses. */
#define FAMILY		0x1d
#define PID		NSAUDIT_PID_MAX

/* Host byte order: the module reads these bytes on this very machine. */
static bool little_endian(void)
{
	const uint16_t one = 1;

	return *(const uint8_t *)&one == 1;
}

/* ---- requests ------------------------------------------------------- */

/* The exact bytes of SET_CONTID, for IDs at both ends and in between. */
START_TEST(test_build_set_bytes)
{
	static const struct {
		int pid;
		uint64_t id;
	} cases[] = {
		{ 1, 0 },
		{ 42, 1 },
		{ PID, 0x0102030405060708ULL },
		{ 7, NSAUDIT_CONTID_UNSET - 1 },
		/* Passed on: the module refuses it, with its own words. */
		{ 7, NSAUDIT_CONTID_UNSET },
	};
	size_t i;

	if (!little_endian())
		return;		/* the table below is little-endian */
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		const uint32_t want[] = {
			40,			/* nlmsg_len */
			FAMILY | (NLM_F_REQUEST | NLM_F_ACK) << 16,
			0,			/* seq: libnl's, when sent */
			0,			/* port: likewise */
			NSAUDIT_CMD_SET_CONTID | NSAUDIT_GENL_VERSION << 8,
			8 | NSAUDIT_A_PID << 16, (uint32_t)cases[i].pid,
			/* At offset 28: the u64 itself is 8-byte aligned. */
			12 | NSAUDIT_A_CONTID << 16,
			(uint32_t)cases[i].id,
			(uint32_t)(cases[i].id >> 32),
		};
		struct nl_msg *msg = NULL;
		char why[NSAUDIT__TEXT_SIZE] = "";

		ck_assert_int_eq(nsaudit__build_contid_set(FAMILY,
							   cases[i].pid,
							   cases[i].id, NULL,
							   &msg, why,
							   sizeof(why)),
				 0);
		ck_assert_str_eq(why, "");
		ck_assert_uint_eq(nlmsg_hdr(msg)->nlmsg_len, sizeof(want));
		ck_assert_mem_eq(nlmsg_hdr(msg), want, sizeof(want));
		nlmsg_free(msg);
	}
}
END_TEST

/*
 * A name follows the ID, with its NUL, padded to 4 bytes; the longest
 * one the module takes passes, one byte more and an empty one do not.
 */
START_TEST(test_build_set_name)
{
	char name[NSAUDIT_CONTID_NAME_MAX + 2];
	char why[NSAUDIT__TEXT_SIZE], want[64];
	struct nl_msg *msg = NULL;
	struct nlattr *a;

	ck_assert_int_eq(nsaudit__build_contid_set(FAMILY, 7, 9, "web-1", &msg,
						   why, sizeof(why)), 0);
	/* header 16 + genl 4 + pid 8 + contid 12 + name 4 + "web-1\0" 6 -> 8 */
	ck_assert_uint_eq(nlmsg_hdr(msg)->nlmsg_len, 52);
	a = nlmsg_find_attr(nlmsg_hdr(msg), GENL_HDRLEN, NSAUDIT_A_CONTID_NAME);
	ck_assert_ptr_nonnull(a);
	ck_assert_int_eq(nla_len(a), 6);
	ck_assert_mem_eq(nla_data(a), "web-1", 6);
	nlmsg_free(msg);

	memset(name, 'n', sizeof(name));
	name[NSAUDIT_CONTID_NAME_MAX] = '\0';
	msg = NULL;
	ck_assert_int_eq(nsaudit__build_contid_set(FAMILY, 7, 9, name, &msg,
						   why, sizeof(why)), 0);
	a = nlmsg_find_attr(nlmsg_hdr(msg), GENL_HDRLEN, NSAUDIT_A_CONTID_NAME);
	ck_assert_ptr_nonnull(a);
	ck_assert_int_eq(nla_len(a), NSAUDIT_CONTID_NAME_MAX + 1);
	nlmsg_free(msg);

	name[NSAUDIT_CONTID_NAME_MAX] = 'n';
	name[NSAUDIT_CONTID_NAME_MAX + 1] = '\0';
	msg = (struct nl_msg *)&msg;
	ck_assert_int_eq(nsaudit__build_contid_set(FAMILY, 7, 9, name, &msg,
						   why, sizeof(why)), -EINVAL);
	ck_assert_ptr_null(msg);
	snprintf(want, sizeof(want), "the container name is longer than %d bytes",
		 NSAUDIT_CONTID_NAME_MAX);
	ck_assert_str_eq(why, want);

	msg = (struct nl_msg *)&msg;
	ck_assert_int_eq(nsaudit__build_contid_set(FAMILY, 7, 9, "", &msg,
						   why, sizeof(why)), -EINVAL);
	ck_assert_ptr_null(msg);
	ck_assert_str_eq(why, "the container name is empty");
}
END_TEST

START_TEST(test_build_get_bytes)
{
	static const int pids[] = { 1, 2, 4096, PID };
	size_t i;

	if (!little_endian())
		return;
	for (i = 0; i < ARRAY_SIZE(pids); i++) {
		const uint32_t want[] = {
			28,
			FAMILY | (NLM_F_REQUEST | NLM_F_ACK) << 16,
			0,
			0,
			NSAUDIT_CMD_GET_CONTID | NSAUDIT_GENL_VERSION << 8,
			8 | NSAUDIT_A_PID << 16, (uint32_t)pids[i],
		};
		struct nl_msg *msg = NULL;
		char why[NSAUDIT__TEXT_SIZE] = "";

		ck_assert_int_eq(nsaudit__build_contid_get(FAMILY, pids[i],
							   &msg, why,
							   sizeof(why)), 0);
		ck_assert_str_eq(why, "");
		ck_assert_uint_eq(nlmsg_hdr(msg)->nlmsg_len, sizeof(want));
		ck_assert_mem_eq(nlmsg_hdr(msg), want, sizeof(want));
		nlmsg_free(msg);
	}
}
END_TEST

/* A PID out of range or a bad family never leaves the library. */
START_TEST(test_build_refused)
{
	static const int bad[] = { INT_MIN, -1, 0, PID + 1, INT_MAX };
	static const int bad_family[] = { -1, 0, NLMSG_MIN_TYPE - 1, 65536 };
	struct nl_msg *msg;
	char why[NSAUDIT__TEXT_SIZE], want[64];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		snprintf(want, sizeof(want), "pid %d is not in 1..%d", bad[i],
			 NSAUDIT_PID_MAX);
		msg = (struct nl_msg *)&msg;
		why[0] = '\0';
		ck_assert_int_eq(nsaudit__build_contid_set(FAMILY, bad[i], 5,
							   NULL, &msg, why,
							   sizeof(why)),
				 -EINVAL);
		ck_assert_ptr_null(msg);
		ck_assert_str_eq(why, want);

		msg = (struct nl_msg *)&msg;
		why[0] = '\0';
		ck_assert_int_eq(nsaudit__build_contid_get(FAMILY, bad[i],
							   &msg, why,
							   sizeof(why)),
				 -EINVAL);
		ck_assert_ptr_null(msg);
		ck_assert_str_eq(why, want);
	}
	for (i = 0; i < ARRAY_SIZE(bad_family); i++) {
		msg = (struct nl_msg *)&msg;
		ck_assert_int_eq(nsaudit__build_contid_set(bad_family[i], 1, 5,
							   NULL, &msg, why,
							   sizeof(why)),
				 -EINVAL);
		ck_assert_ptr_null(msg);
		msg = (struct nl_msg *)&msg;
		ck_assert_int_eq(nsaudit__build_contid_get(bad_family[i], 1,
							   &msg, NULL, 0),
				 -EINVAL);
		ck_assert_ptr_null(msg);
	}
	ck_assert_int_eq(nsaudit__build_contid_set(FAMILY, 1, 5, NULL, NULL,
						   NULL, 0), -EINVAL);
	ck_assert_int_eq(nsaudit__build_contid_get(FAMILY, 1, NULL, NULL, 0),
			 -EINVAL);
}
END_TEST

/* ---- the GET_CONTID reply --------------------------------------------- */

/* One attribute of a reply: @len bytes of @val (a u32 or a u64). */
struct rattr {
	int type;	/* SKIP: left out */
	int len;
	uint64_t val;
};

#define SKIP	(-1)

/* A complete reply, with a pad such as nla_put_u64_64bit() may put. */
static const struct rattr reply_attrs[] = {
	{ NSAUDIT_A_PID, 4, PID },
	{ NSAUDIT_A_PAD, 0, 0 },
	{ NSAUDIT_A_CONTID, 8, 0xfedcba9876543210ULL },
};

#define REPLY_PID	0
#define REPLY_CONTID	2

/* The reply of @cmd with attributes @a, as a heap copy of its length. */
static struct nlmsghdr *reply(int family, uint8_t cmd, const struct rattr *a,
			      size_t n, size_t *lenp)
{
	struct nl_msg *msg = nlmsg_alloc();
	struct nlmsghdr *copy;
	size_t i;

	ck_assert_ptr_nonnull(msg);
	ck_assert_ptr_nonnull(genlmsg_put(msg, 0, 0, family, 0, 0, cmd,
					  NSAUDIT_GENL_VERSION));
	for (i = 0; i < n; i++) {
		uint32_t u32 = (uint32_t)a[i].val;
		unsigned char data[16] = { 0 };

		if (a[i].type == SKIP)
			continue;
		ck_assert((size_t)a[i].len <= sizeof(data));
		if (a[i].len == 4)
			memcpy(data, &u32, 4);
		else
			memcpy(data, &a[i].val,
			       a[i].len < 8 ? (size_t)a[i].len : 8);
		ck_assert_int_eq(nla_put(msg, a[i].type, a[i].len, data), 0);
	}
	*lenp = nlmsg_hdr(msg)->nlmsg_len;
	copy = malloc(*lenp);
	ck_assert_ptr_nonnull(copy);
	memcpy(copy, nlmsg_hdr(msg), *lenp);
	nlmsg_free(msg);
	return copy;
}

/* Parse attributes @a for @pid; on failure, the ID must be untouched. */
static int parse(const struct rattr *a, size_t n, int pid, uint64_t *id,
		 char *why, size_t size)
{
	struct nlmsghdr *nlh;
	size_t len;
	int err;

	nlh = reply(FAMILY, NSAUDIT_CMD_GET_CONTID, a, n, &len);
	*id = 0x5a5a5a5a5a5a5a5aULL;
	why[0] = '\0';
	err = nsaudit__parse_contid(nlh, len, FAMILY, pid, id, why, size);
	if (err)
		ck_assert_uint_eq(*id, 0x5a5a5a5a5a5a5a5aULL);
	free(nlh);
	return err;
}

START_TEST(test_parse_complete)
{
	struct rattr a[ARRAY_SIZE(reply_attrs)];
	char why[NSAUDIT__TEXT_SIZE];
	uint64_t id;

	ck_assert_int_eq(parse(reply_attrs, ARRAY_SIZE(reply_attrs), PID, &id,
			       why, sizeof(why)), 0);
	ck_assert_uint_eq(id, 0xfedcba9876543210ULL);
	ck_assert_str_eq(why, "");

	/* No pad (where the u64 happens to be aligned): the same. */
	memcpy(a, reply_attrs, sizeof(a));
	a[1].type = SKIP;
	ck_assert_int_eq(parse(a, ARRAY_SIZE(a), PID, &id, why, sizeof(why)),
			 0);
	ck_assert_uint_eq(id, 0xfedcba9876543210ULL);

	/* No ID: the unset value, as it came. */
	memcpy(a, reply_attrs, sizeof(a));
	a[REPLY_CONTID].val = NSAUDIT_CONTID_UNSET;
	ck_assert_int_eq(parse(a, ARRAY_SIZE(a), PID, &id, why, sizeof(why)),
			 0);
	ck_assert_uint_eq(id, NSAUDIT_CONTID_UNSET);

	/* And 0, a valid ID like any other. */
	a[REPLY_CONTID].val = 0;
	a[REPLY_PID].val = 1;
	ck_assert_int_eq(parse(a, ARRAY_SIZE(a), 1, &id, why, sizeof(why)), 0);
	ck_assert_uint_eq(id, 0);

	/* No reason buffer: still parsed. */
	ck_assert_int_eq(parse(a, ARRAY_SIZE(a), 1, &id, why, 0), 0);
}
END_TEST

START_TEST(test_parse_missing)
{
	static const struct {
		size_t skip;
		const char *why;
	} cases[] = {
		{ REPLY_PID, "container ID reply lacks NSAUDIT_A_PID" },
		{ REPLY_CONTID, "container ID reply lacks NSAUDIT_A_CONTID" },
	};
	struct rattr a[ARRAY_SIZE(reply_attrs)];
	char why[NSAUDIT__TEXT_SIZE];
	uint64_t id;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		memcpy(a, reply_attrs, sizeof(a));
		a[cases[i].skip].type = SKIP;
		ck_assert_int_eq(parse(a, ARRAY_SIZE(a), PID, &id, why,
				       sizeof(why)), -EBADMSG);
		ck_assert_str_eq(why, cases[i].why);
	}
	/* Nothing at all. */
	ck_assert_int_eq(parse(a, 0, PID, &id, why, sizeof(why)), -EBADMSG);
	ck_assert_str_eq(why, "container ID reply lacks NSAUDIT_A_PID");
}
END_TEST

/* Each attribute of another width: a u32 ID, a u64 PID, and so on. */
START_TEST(test_parse_lengths)
{
	static const struct {
		size_t at;
		int len;
	} cases[] = {
		{ REPLY_PID, 0 }, { REPLY_PID, 2 }, { REPLY_PID, 8 },
		{ REPLY_CONTID, 0 }, { REPLY_CONTID, 4 },
		{ REPLY_CONTID, 16 },
	};
	struct rattr a[ARRAY_SIZE(reply_attrs)];
	char why[NSAUDIT__TEXT_SIZE];
	uint64_t id;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		memcpy(a, reply_attrs, sizeof(a));
		a[cases[i].at].len = cases[i].len;
		ck_assert_msg(parse(a, ARRAY_SIZE(a), PID, &id, why,
				    sizeof(why)) == -EBADMSG,
			      "attribute %zu of length %d accepted",
			      cases[i].at, cases[i].len);
		ck_assert_str_eq(why,
				 "malformed attributes in the container ID reply");
	}
}
END_TEST

/* The reply must be about the process asked for. */
START_TEST(test_parse_other_pid)
{
	struct rattr a[ARRAY_SIZE(reply_attrs)];
	char why[NSAUDIT__TEXT_SIZE];
	uint64_t id;

	ck_assert_int_eq(parse(reply_attrs, ARRAY_SIZE(reply_attrs), PID - 1,
			       &id, why, sizeof(why)), -EBADMSG);
	ck_assert_str_eq(why, "container ID reply is for pid 4194304, not "
			 "4194303");
	memcpy(a, reply_attrs, sizeof(a));
	a[REPLY_PID].val = 0;
	ck_assert_int_eq(parse(a, ARRAY_SIZE(a), 0, &id, why, sizeof(why)),
			 -EBADMSG);
	ck_assert_str_eq(why, "container ID reply is for pid 0, not 0");
}
END_TEST

/* What a newer minor may add, anywhere: ignored. */
START_TEST(test_parse_unknown_ignored)
{
	const struct rattr a[] = {
		{ NSAUDIT_A_MAX + 1, 4, 0xdead },
		{ NSAUDIT_A_PAD, 4, 0 },
		{ NSAUDIT_A_PID, 4, PID },
		{ NSAUDIT_A_MAX + 7, 13, 0 },
		{ NSAUDIT_A_ENRICH, 4, 1 },	/* mistyped, but not ours */
		{ NSAUDIT_A_PAD, 0, 0 },
		{ NSAUDIT_A_CONTID, 8, 77 },
		{ NSAUDIT_A_MAX + 1, 0, 0 },
	};
	char why[NSAUDIT__TEXT_SIZE];
	uint64_t id;

	ck_assert_int_eq(parse(a, ARRAY_SIZE(a), PID, &id, why, sizeof(why)),
			 0);
	ck_assert_uint_eq(id, 77);
}
END_TEST

/* Another family or command, a torn message: not a reply. */
START_TEST(test_parse_wrong_message)
{
	struct nlmsghdr *nlh, *bad;
	char why[NSAUDIT__TEXT_SIZE];
	uint64_t id = 3;
	size_t len, cut;

	nlh = reply(FAMILY, NSAUDIT_CMD_GET_NSID, reply_attrs,
		    ARRAY_SIZE(reply_attrs), &len);
	ck_assert_int_eq(nsaudit__parse_contid(nlh, len, FAMILY, PID, &id,
					       why, sizeof(why)), -EBADMSG);
	ck_assert_str_eq(why, "message of command 3, expected 14");
	free(nlh);

	nlh = reply(FAMILY, NSAUDIT_CMD_GET_CONTID, reply_attrs,
		    ARRAY_SIZE(reply_attrs), &len);
	ck_assert_int_eq(nsaudit__parse_contid(nlh, len, FAMILY + 1, PID, &id,
					       why, sizeof(why)), -EBADMSG);
	ck_assert_int_eq(nsaudit__parse_contid(NULL, 0, FAMILY, PID, &id, why,
					       sizeof(why)), -EBADMSG);
	ck_assert_uint_eq(id, 3);

	/*
	 * Every cut: as received (nlmsg_len beyond the data) and as sent
	 * (nlmsg_len cut too). The ID comes last, so no cut is complete.
	 */
	for (cut = 0; cut < len; cut++) {
		int k;

		for (k = 0; k < 2; k++) {
			uint32_t l = (uint32_t)cut;

			if (k == 1 && cut < sizeof(l))
				continue;
			bad = malloc(cut ? cut : 1);
			ck_assert_ptr_nonnull(bad);
			memcpy(bad, nlh, cut);
			if (k == 1)
				memcpy(bad, &l, sizeof(l));
			ck_assert_msg(nsaudit__parse_contid(bad, cut, FAMILY,
							    PID, &id, why,
							    sizeof(why)) ==
				      -EBADMSG, "cut at %zu of %zu (%s)", cut,
				      len, k ? "as sent" : "as received");
			free(bad);
		}
	}
	ck_assert_uint_eq(id, 3);
	free(nlh);
}
END_TEST

/* ---- the calls, against the genetlink controller ------------------- */

/*
 * A handle on "nlctrl", opened without a GET_STATUS (which it cannot
 * answer); NULL if this process has no generic netlink socket (a
 * sandbox), which only the library's own checks then cover.
 */
static struct nsaudit_handle *nlctrl(void)
{
	struct nsaudit_handle *h = NULL;
	char msg[256] = "";
	int err;

	err = nsaudit__open_family(&h, "nlctrl", "notify", false, msg,
				   sizeof(msg));
	if (err) {
		fprintf(stderr, "test_contid: no nlctrl handle here (%s)\n",
			msg);
		ck_assert_ptr_null(h);
		return NULL;
	}
	return h;
}

START_TEST(test_calls_refused_by_library)
{
	struct nsaudit_handle *h;
	uint64_t id = 9;

	ck_assert_int_eq(nsaudit_contid_set(NULL, 1, 5), -EINVAL);
	ck_assert_int_eq(nsaudit_contid_get(NULL, 1, &id), -EINVAL);
	h = nlctrl();
	if (!h)
		return;

	ck_assert_int_eq(nsaudit_contid_set(h, 0, 5), -EINVAL);
	ck_assert_str_eq(nsaudit_errmsg(h), "pid 0 is not in 1..4194304");
	ck_assert_int_eq(nsaudit_errmsg_is_kernel(h), 0);
	ck_assert_int_eq(nsaudit_contid_set(h, PID + 1, 5), -EINVAL);
	ck_assert_str_eq(nsaudit_errmsg(h),
			 "pid 4194305 is not in 1..4194304");
	ck_assert_int_eq(nsaudit_contid_get(h, -1, &id), -EINVAL);
	ck_assert_str_eq(nsaudit_errmsg(h), "pid -1 is not in 1..4194304");
	ck_assert_int_eq(nsaudit_contid_get(h, 1, NULL), -EINVAL);
	ck_assert_str_eq(nsaudit_errmsg(h), "no container ID buffer given");
	ck_assert_uint_eq(id, 9);

	/* A subscribed handle takes no requests. */
	ck_assert_int_eq(nsaudit_config_subscribe(h), 0);
	ck_assert_int_eq(nsaudit_contid_set(h, 1, 5), -EINVAL);
	ck_assert_str_eq(nsaudit_errmsg(h),
			 "handle receives configuration changes; open another for requests");
	ck_assert_int_eq(nsaudit_contid_get(h, 1, &id), -EINVAL);
	ck_assert_uint_eq(id, 9);
	nsaudit_close(h);
}
END_TEST

/*
 * The controller has no command 13 or 14, as a module of 1.2 has not:
 * generic netlink answers EOPNOTSUPP, which comes back as it is, the
 * kernel's (empty) text with it. Several in a row, alternating: each
 * answer belongs to its own request.
 */
START_TEST(test_calls_old_module)
{
	struct nsaudit_handle *h = nlctrl();
	uint64_t id = 9;
	int i;

	if (!h)
		return;
	for (i = 0; i < 3; i++) {
		ck_assert_int_eq(nsaudit_contid_set(h, 1, i), -EOPNOTSUPP);
		ck_assert_int_eq(nsaudit_errmsg_is_kernel(h), 1);
		ck_assert_int_eq(nsaudit_contid_get(h, 1, &id), -EOPNOTSUPP);
		ck_assert_int_eq(nsaudit_errmsg_is_kernel(h), 1);
		ck_assert_uint_eq(id, 9);
		/* The library's refusal in between leaves nothing behind. */
		ck_assert_int_eq(nsaudit_contid_set(h, 0, i), -EINVAL);
		ck_assert_int_eq(nsaudit_errmsg_is_kernel(h), 0);
	}
	/* The unset value goes out too: the module must say why not. */
	ck_assert_int_eq(nsaudit_contid_set(h, 1, NSAUDIT_CONTID_UNSET),
			 -EOPNOTSUPP);
	nsaudit_close(h);
}
END_TEST

/* What the reply parser of nsaudit__request_reply() saw. */
struct seen {
	int calls;
	uint8_t cmd;
	int ret;
};

static int see_reply(const struct nlmsghdr *nlh, size_t len, void *arg,
		     char *why, size_t size)
{
	struct seen *s = arg;
	const struct genlmsghdr *g = nlmsg_data(nlh);

	ck_assert_uint_ge(len, NLMSG_HDRLEN + GENL_HDRLEN);
	s->calls++;
	s->cmd = g->cmd;
	if (s->ret)
		snprintf(why, size, "not what was expected");
	return s->ret;
}

/* CTRL_CMD_GETFAMILY of "nlctrl": answered by one reply, then the ACK. */
static struct nl_msg *getfamily(void)
{
	struct nl_msg *msg = nlmsg_alloc();

	ck_assert_ptr_nonnull(msg);
	ck_assert_ptr_nonnull(genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ,
					  GENL_ID_CTRL, 0,
					  NLM_F_REQUEST | NLM_F_ACK,
					  CTRL_CMD_GETFAMILY, 1));
	ck_assert_int_eq(nla_put_string(msg, CTRL_ATTR_FAMILY_NAME, "nlctrl"),
			 0);
	return msg;
}

/* The request path GET_CONTID takes: one reply parsed, then the ACK. */
START_TEST(test_request_reply)
{
	struct nsaudit_handle *h = nlctrl();
	struct seen s = { 0 };
	int i;

	if (!h)
		return;
	for (i = 0; i < 2; i++) {
		s.calls = 0;
		ck_assert_int_eq(nsaudit__request_reply(h, getfamily(),
							CTRL_CMD_NEWFAMILY,
							see_reply, &s), 0);
		ck_assert_int_eq(s.calls, 1);
		ck_assert_uint_eq(s.cmd, CTRL_CMD_NEWFAMILY);
	}

	/* A reply its parser refuses: that errno, with the parser's text. */
	s.calls = 0;
	s.ret = -EBADMSG;
	ck_assert_int_eq(nsaudit__request_reply(h, getfamily(),
						CTRL_CMD_NEWFAMILY, see_reply,
						&s), -EBADMSG);
	ck_assert_int_eq(s.calls, 1);
	ck_assert_str_eq(nsaudit_errmsg(h), "not what was expected");
	ck_assert_int_eq(nsaudit_errmsg_is_kernel(h), 0);

	/* Nothing of it is left on the socket for the next request. */
	s.calls = 0;
	s.ret = 0;
	ck_assert_int_eq(nsaudit__request_reply(h, getfamily(),
						CTRL_CMD_NEWFAMILY, see_reply,
						&s), 0);
	ck_assert_int_eq(s.calls, 1);
	nsaudit_close(h);
}
END_TEST

Suite *nsaudit_contid_suite(void)
{
	Suite *s = suite_create("contid");
	TCase *tc;

	tc = tcase_create("build");
	tcase_add_test(tc, test_build_set_bytes);
	tcase_add_test(tc, test_build_set_name);
	tcase_add_test(tc, test_build_get_bytes);
	tcase_add_test(tc, test_build_refused);
	suite_add_tcase(s, tc);

	tc = tcase_create("parse");
	tcase_add_test(tc, test_parse_complete);
	tcase_add_test(tc, test_parse_missing);
	tcase_add_test(tc, test_parse_lengths);
	tcase_add_test(tc, test_parse_other_pid);
	tcase_add_test(tc, test_parse_unknown_ignored);
	tcase_add_test(tc, test_parse_wrong_message);
	suite_add_tcase(s, tc);

	tc = tcase_create("calls");
	tcase_add_test(tc, test_calls_refused_by_library);
	tcase_add_test(tc, test_calls_old_module);
	tcase_add_test(tc, test_request_reply);
	suite_add_tcase(s, tc);
	return s;
}
