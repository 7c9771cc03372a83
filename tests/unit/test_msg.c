// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Unit tests: nsaudit generic netlink messages (lib/msg.c) and what of
 * the client (lib/client.c) can be checked deterministically without the
 * module.
 *
 * Messages to parse are built here by hand, with libnl or as raw bytes,
 * and handed over in heap buffers of their exact size, so that valgrind
 * reports any read beyond the end.
 */
#define _DEFAULT_SOURCE		/* struct addrinfo in libnl's headers */

#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <netlink/attr.h>
#include <netlink/errno.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>

#include <libnsaudit.h>
#include "msg.h"

#include "suites.h"

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

/* Any id a family can have; not one the controller (0x10) uses. */
#define FAMILY		0x1d

/* This library's interface version, as its messages spell it. */
#define STR(x)			#x
#define VERSION_TEXT(a, b)	STR(a) "." STR(b)
#define NSAUDIT_VERSION_TEXT \
	VERSION_TEXT(NSAUDIT_VERSION_MAJOR, NSAUDIT_VERSION_MINOR)

#define NOT_LOADED \
	"nsaudit module not loaded (no \"nsaudit\" generic netlink family)"

/* ---- building messages by hand ----------------------------------- */

/* One attribute of a hand-built message. */
struct attr {
	int nest;	/* 0: top level; else the type of the nest it is in */
	int type;	/* SKIP: left out */
	int len;	/* payload length; NEST for a nest of its own */
	uint64_t val;	/* payload, in the width of len (1, 2, 4 or 8) */
};

#define NEST	(-1)
#define SKIP	(-1)

static const struct attr status_attrs[] = {
	{ 0, NSAUDIT_A_VERSION_MAJOR, 4, NSAUDIT_VERSION_MAJOR },
	{ 0, NSAUDIT_A_VERSION_MINOR, 4, 7 },
	{ 0, NSAUDIT_A_FEATURES, 8, 0x8000000000000003ULL },
	{ 0, NSAUDIT_A_ENRICH, 1, 1 },
	{ 0, NSAUDIT_A_COUNTERS, NEST, 0 },
	{ NSAUDIT_A_COUNTERS, NSAUDIT_COUNTER_A_ENRICHED, 8,
	  0x0102030405060708ULL },
	{ NSAUDIT_A_COUNTERS, NSAUDIT_COUNTER_A_FORWARDED, 8,
	  0xfffffffffffffffeULL },
	{ NSAUDIT_A_COUNTERS, NSAUDIT_COUNTER_A_LOST, 8, 3 },
	{ NSAUDIT_A_COUNTERS, NSAUDIT_COUNTER_A_MISSED, 8, 0x100000000ULL },
	{ 0, NSAUDIT_A_LIMITS, NEST, 0 },
	{ NSAUDIT_A_LIMITS, NSAUDIT_LIMIT_A_DAEMONS, 4, 64 },
	{ NSAUDIT_A_LIMITS, NSAUDIT_LIMIT_A_QUEUE, 4, 8192 },
	{ NSAUDIT_A_LIMITS, NSAUDIT_LIMIT_A_RULES, 4, 0xfffffff0U },
	/* Interface 1.1 on: mandatory from minor 1 (this is minor 7). */
	{ NSAUDIT_A_LIMITS, NSAUDIT_LIMIT_A_BACKLOG, 4, 4096 },
	{ NSAUDIT_A_LIMITS, NSAUDIT_LIMIT_A_MEMORY, 4, 0xfffffff1U },
	/* Interface 1.3 on: mandatory from minor 3. */
	{ NSAUDIT_A_COUNTERS, NSAUDIT_COUNTER_A_CONTIDS, 8,
	  0xfffffffffffffffdULL },
	{ NSAUDIT_A_LIMITS, NSAUDIT_LIMIT_A_CONTIDS, 4, 0xfffffff2U },
	{ NSAUDIT_A_COUNTERS, NSAUDIT_COUNTER_A_CONTID_TASKS, 8,
	  0xfffffffffffffffcULL },
	/* Interface 1.4 on: mandatory from minor 4. */
	{ 0, NSAUDIT_A_PROBES, 1, 1 },
	{ NSAUDIT_A_COUNTERS, NSAUDIT_COUNTER_A_CONTID_LOST, 8,
	  0xfffffffffffffffbULL },
	{ NSAUDIT_A_COUNTERS, NSAUDIT_COUNTER_A_UNENRICHED, 8,
	  0xfffffffffffffffaULL },
	{ 0, NSAUDIT_A_SHARE, 1, NSAUDIT_SHARE_ALL },
	/* Mandatory in a GET_STATUS reply only; ignored in a CONFIG_NTF. */
	{ 0, NSAUDIT_A_DELEGATED, 1, 1 },
	{ NSAUDIT_A_COUNTERS, NSAUDIT_COUNTER_A_DELEGATIONS, 8,
	  0xfffffffffffffff9ULL },
	/* Interface 1.5 on: mandatory from minor 5. */
	{ NSAUDIT_A_LIMITS, NSAUDIT_LIMIT_A_USER_DAEMONS, 4, 0xfffffff3U },
	{ NSAUDIT_A_LIMITS, NSAUDIT_LIMIT_A_USER_MEMORY, 4, 0xfffffff4U },
	{ NSAUDIT_A_LIMITS, NSAUDIT_LIMIT_A_DAEMON_MEMORY, 4, 0xfffffff5U },
};

/*
 * The indexes of the two 1.1 limits in status_attrs, of the 1.3
 * additions, of the 1.4 ones and of the 1.5 ones.
 */
#define STATUS_BACKLOG	13
#define STATUS_MEMORY	14
#define STATUS_CONTIDS_COUNTER	15
#define STATUS_CONTIDS_LIMIT	16
#define STATUS_CONTID_TASKS	17
#define STATUS_PROBES	18
#define STATUS_CONTID_LOST	19
#define STATUS_UNENRICHED	20
#define STATUS_SHARE	21
#define STATUS_DELEGATED	22
#define STATUS_DELEGATIONS	23
#define STATUS_USER_DAEMONS	24
#define STATUS_USER_MEMORY	25
#define STATUS_DAEMON_MEMORY	26

static const struct nsaudit_status want_status = {
	.version_major = NSAUDIT_VERSION_MAJOR,
	.version_minor = 7,
	.features = 0x8000000000000003ULL,
	.enrich = 1,
	.counters = {
		.enriched = 0x0102030405060708ULL,
		.forwarded = 0xfffffffffffffffeULL,
		.lost = 3,
		.missed = 0x100000000ULL,
		.contids = 0xfffffffffffffffdULL,
		.contid_tasks = 0xfffffffffffffffcULL,
		.contid_lost = 0xfffffffffffffffbULL,
		.unenriched = 0xfffffffffffffffaULL,
		.delegations = 0xfffffffffffffff9ULL,
	},
	.limits = {
		.daemons = 64, .queue = 8192, .rules = 0xfffffff0U,
		.backlog = 4096, .memory = 0xfffffff1U,
		.contids = 0xfffffff2U, .user_daemons = 0xfffffff3U,
		.user_memory = 0xfffffff4U, .daemon_memory = 0xfffffff5U,
	},
	.probes = 1,
	.share = NSAUDIT_SHARE_ALL,
	.delegated = 1,
};

/* What a CONFIG_NTF reads as: its NSAUDIT_A_DELEGATED speaks for nobody. */
static void want_for_cmd(uint8_t cmd, struct nsaudit_status *want)
{
	if (cmd == NSAUDIT_CMD_CONFIG_NTF)
		want->delegated = -1;
}

/* A daemon nest, appended to status_attrs where a test wants one. */
static const struct attr daemon_attrs[] = {
	{ 0, NSAUDIT_A_DAEMON, NEST, 0 },
	{ NSAUDIT_A_DAEMON, NSAUDIT_DAEMON_A_PID, 4, 4194304 },
	{ NSAUDIT_A_DAEMON, NSAUDIT_DAEMON_A_USERNS, 4, 4026532208U },
	{ NSAUDIT_A_DAEMON, NSAUDIT_DAEMON_A_BACKLOG, 4, 16 },
	{ NSAUDIT_A_DAEMON, NSAUDIT_DAEMON_A_QUEUED, 4, 0xffffffffU },
	{ NSAUDIT_A_DAEMON, NSAUDIT_DAEMON_A_ROUTED, 8,
	  0xfffffffffffffff0ULL },
	{ NSAUDIT_A_DAEMON, NSAUDIT_DAEMON_A_DELIVERED, 8,
	  0x0102030405060708ULL },
	{ NSAUDIT_A_DAEMON, NSAUDIT_DAEMON_A_LOST, 8, 1 },
};

static const struct nsaudit_daemon_info want_daemon = {
	.registered = 1,
	.pid = 4194304,
	.userns = 4026532208U,
	.backlog = 16,
	.queued = 0xffffffffU,
	.routed = 0xfffffffffffffff0ULL,
	.delivered = 0x0102030405060708ULL,
	.lost = 1,
};

#define PID	4194304

static const struct attr nsid_attrs[] = {
	{ 0, NSAUDIT_A_PID, 4, PID },
	{ 0, NSAUDIT_A_NSID, NEST, 0 },
	{ NSAUDIT_A_NSID, NSAUDIT_NSID_A_DEV_MAJOR, 4, 0 },
	{ NSAUDIT_A_NSID, NSAUDIT_NSID_A_DEV_MINOR, 4, 4 },
	{ NSAUDIT_A_NSID, NSAUDIT_NSID_A_MNT, 4, 4026531841U },
	{ NSAUDIT_A_NSID, NSAUDIT_NSID_A_UTS, 4, 4026531838U },
	{ NSAUDIT_A_NSID, NSAUDIT_NSID_A_IPC, 4, 4026531839U },
	{ NSAUDIT_A_NSID, NSAUDIT_NSID_A_NET, 4, 4026531840U },
	{ NSAUDIT_A_NSID, NSAUDIT_NSID_A_PID, 4, 4026531836U },
	{ NSAUDIT_A_NSID, NSAUDIT_NSID_A_USER, 4, 4026531837U },
	{ NSAUDIT_A_NSID, NSAUDIT_NSID_A_CGROUP, 4, 4026531835U },
	{ NSAUDIT_A_NSID, NSAUDIT_NSID_A_TIME, 4, 4294967295U },
};

static const struct nsaudit_nsid_set want_set = {
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
		[NSAUDIT_NS_TIME] = 4294967295U,
	},
};

static void put_attr(struct nl_msg *msg, const struct attr *a)
{
	unsigned char data[32] = { 0 };
	uint8_t u8 = (uint8_t)a->val;
	uint16_t u16 = (uint16_t)a->val;
	uint32_t u32 = (uint32_t)a->val;

	ck_assert(a->len >= 0 && (size_t)a->len <= sizeof(data));
	if (a->len == 1)
		memcpy(data, &u8, 1);
	else if (a->len == 2)
		memcpy(data, &u16, 2);
	else if (a->len == 4)
		memcpy(data, &u32, 4);
	else
		memcpy(data, &a->val, a->len < 8 ? (size_t)a->len : 8);
	ck_assert_int_eq(nla_put(msg, a->type, a->len, data), 0);
}

/*
 * The message of @n attributes, as a heap copy of exactly its length.
 * Nests are made by hand: libnl's nla_nest_end() drops empty ones, and
 * the tests need those too.
 */
static struct nlmsghdr *build(int family, uint8_t cmd, const struct attr *a,
			      size_t n, size_t *lenp)
{
	struct nl_msg *msg = nlmsg_alloc();
	struct nlmsghdr *copy;
	size_t i, j;

	ck_assert_ptr_nonnull(msg);
	ck_assert_ptr_nonnull(genlmsg_put(msg, 0, 0, family, 0, 0, cmd, 1));
	for (i = 0; i < n; i++) {
		struct nlattr *nest;

		if (a[i].nest || a[i].type == SKIP)
			continue;
		if (a[i].len != NEST) {
			put_attr(msg, &a[i]);
			continue;
		}
		nest = (struct nlattr *)nlmsg_tail(nlmsg_hdr(msg));
		ck_assert_int_eq(nla_put(msg, NLA_F_NESTED | a[i].type, 0,
					 NULL), 0);
		for (j = 0; j < n; j++) {
			if (a[j].nest == a[i].type && a[j].type != SKIP)
				put_attr(msg, &a[j]);
		}
		nest->nla_len = (uint16_t)((unsigned char *)
					   nlmsg_tail(nlmsg_hdr(msg)) -
					   (unsigned char *)nest);
	}
	*lenp = nlmsg_hdr(msg)->nlmsg_len;
	copy = malloc(*lenp);
	ck_assert_ptr_nonnull(copy);
	memcpy(copy, nlmsg_hdr(msg), *lenp);
	nlmsg_free(msg);
	return copy;
}

/* A heap copy of the first @len bytes of @p (at least one byte allocated). */
static void *dup_exact(const void *p, size_t len)
{
	void *copy = malloc(len ? len : 1);

	ck_assert_ptr_nonnull(copy);
	memcpy(copy, p, len);
	return copy;
}

/* Member by member: the struct has padding. */
static bool daemon_eq(const struct nsaudit_daemon_info *a,
		      const struct nsaudit_daemon_info *b)
{
	return a->registered == b->registered && a->pid == b->pid &&
	       a->userns == b->userns && a->backlog == b->backlog &&
	       a->queued == b->queued && a->routed == b->routed &&
	       a->delivered == b->delivered && a->lost == b->lost;
}

static bool status_eq(const struct nsaudit_status *a,
		      const struct nsaudit_status *b)
{
	return a->version_major == b->version_major &&
	       a->version_minor == b->version_minor &&
	       a->features == b->features && a->enrich == b->enrich &&
	       a->counters.enriched == b->counters.enriched &&
	       a->counters.forwarded == b->counters.forwarded &&
	       a->counters.lost == b->counters.lost &&
	       a->counters.missed == b->counters.missed &&
	       a->counters.contids == b->counters.contids &&
	       a->counters.contid_tasks == b->counters.contid_tasks &&
	       a->counters.contid_lost == b->counters.contid_lost &&
	       a->counters.unenriched == b->counters.unenriched &&
	       a->counters.delegations == b->counters.delegations &&
	       a->limits.daemons == b->limits.daemons &&
	       a->limits.queue == b->limits.queue &&
	       a->limits.rules == b->limits.rules &&
	       a->limits.backlog == b->limits.backlog &&
	       a->limits.memory == b->limits.memory &&
	       a->limits.contids == b->limits.contids &&
	       a->limits.user_daemons == b->limits.user_daemons &&
	       a->limits.user_memory == b->limits.user_memory &&
	       a->limits.daemon_memory == b->limits.daemon_memory &&
	       daemon_eq(&a->daemon, &b->daemon) && a->probes == b->probes &&
	       a->share == b->share && a->delegated == b->delegated;
}

static bool set_eq(const struct nsaudit_nsid_set *a,
		   const struct nsaudit_nsid_set *b)
{
	return a->dev_major == b->dev_major && a->dev_minor == b->dev_minor &&
	       memcmp(a->inum, b->inum, sizeof(a->inum)) == 0;
}

/* Parse status attributes @a; on failure, check that @st was not touched. */
static int parse_status(const struct attr *a, size_t n, uint8_t cmd,
			struct nsaudit_status *st, char *why, size_t size)
{
	struct nsaudit_status before;
	struct nlmsghdr *nlh;
	size_t len;
	int err;

	nlh = build(FAMILY, cmd, a, n, &len);
	memset(st, 0xa5, sizeof(*st));
	before = *st;
	why[0] = '\0';
	err = nsaudit__parse_status(nlh, len, FAMILY, cmd, st, why, size);
	if (err)
		ck_assert_msg(memcmp(st, &before, sizeof(*st)) == 0,
			      "status written on failure %d", err);
	free(nlh);
	return err;
}

static int parse_nsid(const struct attr *a, size_t n, int pid,
		      struct nsaudit_nsid_set *set, char *why, size_t size)
{
	struct nsaudit_nsid_set before;
	struct nlmsghdr *nlh;
	size_t len;
	int err;

	nlh = build(FAMILY, NSAUDIT_CMD_GET_NSID, a, n, &len);
	memset(set, 0xa5, sizeof(*set));
	before = *set;
	why[0] = '\0';
	err = nsaudit__parse_nsid(nlh, len, FAMILY, pid, set, why, size);
	if (err)
		ck_assert_msg(memcmp(set, &before, sizeof(*set)) == 0,
			      "nsID set written on failure %d", err);
	free(nlh);
	return err;
}

/* ---- requests ---------------------------------------------------- */

/* The header every request must start with. */
static void assert_request_header(const struct nlmsghdr *nlh, uint8_t cmd,
				  size_t len)
{
	const struct genlmsghdr *g = nlmsg_data(nlh);

	ck_assert_uint_eq(nlh->nlmsg_len, len);
	ck_assert_uint_eq(nlh->nlmsg_type, FAMILY);
	ck_assert_uint_eq(nlh->nlmsg_flags, NLM_F_REQUEST | NLM_F_ACK);
	/* NL_AUTO_SEQ, NL_AUTO_PORT: filled in by libnl as it sends. */
	ck_assert_uint_eq(nlh->nlmsg_seq, 0);
	ck_assert_uint_eq(nlh->nlmsg_pid, 0);
	ck_assert_uint_eq(g->cmd, cmd);
	ck_assert_uint_eq(g->version, NSAUDIT_GENL_VERSION);
	ck_assert_uint_eq(g->reserved, 0);
}

START_TEST(test_build_status)
{
	struct nl_msg *msg = (struct nl_msg *)&msg;

	ck_assert_int_eq(nsaudit__build_status(FAMILY, &msg), 0);
	ck_assert_ptr_nonnull(msg);
	/* Header only: GET_STATUS carries no attributes. */
	assert_request_header(nlmsg_hdr(msg), NSAUDIT_CMD_GET_STATUS,
			      NLMSG_HDRLEN + GENL_HDRLEN);
	nlmsg_free(msg);
}
END_TEST

START_TEST(test_build_bad_family)
{
	static const int bad[] = { -1, 0, NLMSG_MIN_TYPE - 1, 65536 };
	const struct nsaudit_settings s = {
		.mask = NSAUDIT_SET_ENRICH, .enrich = 1,
	};
	struct nl_msg *msg;
	char why[64];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		msg = (struct nl_msg *)&msg;
		ck_assert_int_eq(nsaudit__build_status(bad[i], &msg), -EINVAL);
		ck_assert_ptr_null(msg);
		msg = (struct nl_msg *)&msg;
		ck_assert_int_eq(nsaudit__build_set(bad[i], &s, &msg, why,
						    sizeof(why)), -EINVAL);
		ck_assert_ptr_null(msg);
		msg = (struct nl_msg *)&msg;
		ck_assert_int_eq(nsaudit__build_nsid(bad[i], 1, &msg, why,
						     sizeof(why)), -EINVAL);
		ck_assert_ptr_null(msg);
	}
	/* The largest id a 16-bit nlmsg_type holds is fine. */
	ck_assert_int_eq(nsaudit__build_status(65535, &msg), 0);
	ck_assert_uint_eq(nlmsg_hdr(msg)->nlmsg_type, 65535);
	nlmsg_free(msg);
}
END_TEST

/* The exact bytes of a SET that carries everything. */
START_TEST(test_build_set_bytes)
{
	const struct nsaudit_settings s = {
		.mask = NSAUDIT_SET_ALL,
		.enrich = 1,
		.limits = {
			.daemons = 4096, .queue = 16, .rules = 65536,
			.backlog = 1048576, .memory = 64, .contids = 1,
			/* 0 is a value: sent because the mask names it. */
			.user_daemons = 0, .user_memory = 16777216,
			.daemon_memory = 64,
		},
		.share = NSAUDIT_SHARE_ALL,
	};
	/* Little-endian layout, as the kernel on this host reads it. */
	const uint32_t want[] = {
		112,				/* nlmsg_len */
		FAMILY | (NLM_F_REQUEST | NLM_F_ACK) << 16,
		0,				/* seq */
		0,				/* port */
		NSAUDIT_CMD_SET | NSAUDIT_GENL_VERSION << 8,
		5 | NSAUDIT_A_ENRICH << 16,	/* u8 enrich = 1, padded */
		1,
		5 | NSAUDIT_A_SHARE << 16,	/* u8 share = 2, padded */
		2,
		76 | (NLA_F_NESTED | NSAUDIT_A_LIMITS) << 16,
		8 | NSAUDIT_LIMIT_A_DAEMONS << 16, 4096,
		8 | NSAUDIT_LIMIT_A_QUEUE << 16, 16,
		8 | NSAUDIT_LIMIT_A_RULES << 16, 65536,
		8 | NSAUDIT_LIMIT_A_BACKLOG << 16, 1048576,
		8 | NSAUDIT_LIMIT_A_MEMORY << 16, 64,
		8 | NSAUDIT_LIMIT_A_CONTIDS << 16, 1,
		8 | NSAUDIT_LIMIT_A_USER_DAEMONS << 16, 0,
		8 | NSAUDIT_LIMIT_A_USER_MEMORY << 16, 16777216,
		8 | NSAUDIT_LIMIT_A_DAEMON_MEMORY << 16, 64,
	};
	const uint16_t one = 1;
	struct nl_msg *msg = NULL;
	char why[64] = "";

	if (*(const uint8_t *)&one != 1)
		return;		/* the table above is little-endian */
	ck_assert_int_eq(nsaudit__build_set(FAMILY, &s, &msg, why,
					    sizeof(why)), 0);
	ck_assert_str_eq(why, "");
	ck_assert_uint_eq(nlmsg_hdr(msg)->nlmsg_len, sizeof(want));
	ck_assert_mem_eq(nlmsg_hdr(msg), want, sizeof(want));
	nlmsg_free(msg);
}
END_TEST

/* The exact bytes of a SET of share alone, for each of its values. */
START_TEST(test_build_set_share_bytes)
{
	const uint16_t one = 1;
	int v;

	if (*(const uint8_t *)&one != 1)
		return;		/* the table below is little-endian */
	for (v = NSAUDIT_SHARE_NONE; v <= NSAUDIT_SHARE_ALL; v++) {
		const struct nsaudit_settings s = {
			.mask = NSAUDIT_SET_SHARE, .share = v,
			/* Outside the mask: neither sent nor checked. */
			.enrich = 7, .limits.queue = 0,
		};
		const uint32_t want[] = {
			28,			/* nlmsg_len */
			FAMILY | (NLM_F_REQUEST | NLM_F_ACK) << 16,
			0,			/* seq */
			0,			/* port */
			NSAUDIT_CMD_SET | NSAUDIT_GENL_VERSION << 8,
			5 | NSAUDIT_A_SHARE << 16, (uint32_t)v,
		};
		struct nl_msg *msg = NULL;
		char why[64] = "";

		ck_assert_int_eq(nsaudit__build_set(FAMILY, &s, &msg, why,
						    sizeof(why)), 0);
		ck_assert_str_eq(why, "");
		ck_assert_uint_eq(nlmsg_hdr(msg)->nlmsg_len, sizeof(want));
		ck_assert_mem_eq(nlmsg_hdr(msg), want, sizeof(want));
		nlmsg_free(msg);
	}
}
END_TEST

/* Every mask: exactly the members it names, in one nest for the limits. */
START_TEST(test_build_set_masks)
{
	static const struct {
		unsigned int bit;
		int type;
	} lim[] = {
		{ NSAUDIT_SET_DAEMONS, NSAUDIT_LIMIT_A_DAEMONS },
		{ NSAUDIT_SET_QUEUE, NSAUDIT_LIMIT_A_QUEUE },
		{ NSAUDIT_SET_RULES, NSAUDIT_LIMIT_A_RULES },
		{ NSAUDIT_SET_BACKLOG, NSAUDIT_LIMIT_A_BACKLOG },
		{ NSAUDIT_SET_MEMORY, NSAUDIT_LIMIT_A_MEMORY },
		{ NSAUDIT_SET_CONTIDS, NSAUDIT_LIMIT_A_CONTIDS },
		{ NSAUDIT_SET_USER_DAEMONS, NSAUDIT_LIMIT_A_USER_DAEMONS },
		{ NSAUDIT_SET_USER_MEMORY, NSAUDIT_LIMIT_A_USER_MEMORY },
		{ NSAUDIT_SET_DAEMON_MEMORY, NSAUDIT_LIMIT_A_DAEMON_MEMORY },
	};
	unsigned int mask;

	for (mask = 1; mask <= NSAUDIT_SET_ALL; mask++) {
		struct nsaudit_settings s = {
			.mask = mask,
			.enrich = (int)(mask & 1) ^ 1,
			.limits = {
				.daemons = 7, .queue = 1000, .rules = 9,
				.backlog = 500, .memory = 100000,
				.contids = 12345, .user_daemons = 3,
				.user_memory = 200000, .daemon_memory = 70000,
			},
			.share = (int)(mask % 3),
		};
		const uint32_t val[] = {
			7, 1000, 9, 500, 100000, 12345, 3, 200000, 70000,
		};
		struct nl_msg *msg = NULL;
		struct nlattr *a, *b;
		bool enrich = false, share = false, limits = false;
		char why[64];
		int rem, rem2;
		size_t i;

		ck_assert_int_eq(nsaudit__build_set(FAMILY, &s, &msg, why,
						    sizeof(why)), 0);
		assert_request_header(nlmsg_hdr(msg), NSAUDIT_CMD_SET,
				      nlmsg_hdr(msg)->nlmsg_len);
		struct genlmsghdr *g = nlmsg_data(nlmsg_hdr(msg));

		nla_for_each_attr(a, genlmsg_attrdata(g, 0),
				  genlmsg_attrlen(g, 0), rem) {
			if (a->nla_type == NSAUDIT_A_ENRICH) {
				ck_assert_msg(!enrich, "mask %u: enrich twice",
					      mask);
				enrich = true;
				ck_assert_uint_eq(nla_len(a), 1);
				ck_assert_uint_eq(nla_get_u8(a),
						  (unsigned int)s.enrich);
				continue;
			}
			if (a->nla_type == NSAUDIT_A_SHARE) {
				ck_assert_msg(!share, "mask %u: share twice",
					      mask);
				ck_assert_msg(!limits, "mask %u: share after "
					      "the limits", mask);
				share = true;
				ck_assert_uint_eq(nla_len(a), 1);
				ck_assert_uint_eq(nla_get_u8(a),
						  (unsigned int)s.share);
				continue;
			}
			ck_assert_msg(a->nla_type ==
				      (NLA_F_NESTED | NSAUDIT_A_LIMITS),
				      "mask %u: attribute type 0x%x", mask,
				      a->nla_type);
			ck_assert_msg(!limits, "mask %u: limits twice", mask);
			limits = true;
			i = 0;
			nla_for_each_nested(b, a, rem2) {
				while (i < ARRAY_SIZE(lim) &&
				       !(mask & lim[i].bit))
					i++;
				ck_assert_msg(i < ARRAY_SIZE(lim),
					      "mask %u: extra limit %d", mask,
					      b->nla_type);
				ck_assert_int_eq(b->nla_type, lim[i].type);
				ck_assert_int_eq(nla_len(b), 4);
				ck_assert_uint_eq(nla_get_u32(b), val[i]);
				i++;
			}
			ck_assert_int_eq(rem2, 0);
			while (i < ARRAY_SIZE(lim) && !(mask & lim[i].bit))
				i++;
			ck_assert_msg(i == ARRAY_SIZE(lim),
				      "mask %u: limit %zu missing", mask, i);
		}
		ck_assert_int_eq(rem, 0);
		ck_assert_int_eq(enrich, !!(mask & NSAUDIT_SET_ENRICH));
		ck_assert_int_eq(share, !!(mask & NSAUDIT_SET_SHARE));
		ck_assert_int_eq(limits, !!(mask & ~(NSAUDIT_SET_ENRICH |
						     NSAUDIT_SET_SHARE)));
		nlmsg_free(msg);
	}
}
END_TEST

START_TEST(test_build_nsid)
{
	static const int ok[] = { 1, 2, PID };
	static const int bad[] = { INT_MIN, -1, 0, PID + 1, INT_MAX };
	struct nl_msg *msg;
	char why[64];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(ok); i++) {
		const struct nlattr *a;

		msg = NULL;
		ck_assert_int_eq(nsaudit__build_nsid(FAMILY, ok[i], &msg, why,
						     sizeof(why)), 0);
		assert_request_header(nlmsg_hdr(msg), NSAUDIT_CMD_GET_NSID,
				      NLMSG_HDRLEN + GENL_HDRLEN + 8);
		a = genlmsg_attrdata(nlmsg_data(nlmsg_hdr(msg)), 0);
		ck_assert_uint_eq(a->nla_type, NSAUDIT_A_PID);
		ck_assert_uint_eq(a->nla_len, 8);
		ck_assert_uint_eq(nla_get_u32(a), (uint32_t)ok[i]);
		nlmsg_free(msg);
	}
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		char want[64];

		msg = (struct nl_msg *)&msg;
		why[0] = '\0';
		ck_assert_int_eq(nsaudit__build_nsid(FAMILY, bad[i], &msg, why,
						     sizeof(why)), -EINVAL);
		ck_assert_ptr_null(msg);
		snprintf(want, sizeof(want), "pid %d is not in 1..%d", bad[i],
			 NSAUDIT_PID_MAX);
		ck_assert_str_eq(why, want);
	}
}
END_TEST

/* ---- settings validation ----------------------------------------- */

struct settings_case {
	struct nsaudit_settings s;
	int err;
	const char *why;	/* start of the reason, if err */
};

#define DAEMONS(v)	{ .mask = NSAUDIT_SET_DAEMONS, .limits.daemons = (v) }
#define QUEUE(v)	{ .mask = NSAUDIT_SET_QUEUE, .limits.queue = (v) }
#define RULES(v)	{ .mask = NSAUDIT_SET_RULES, .limits.rules = (v) }
#define ENRICH(v)	{ .mask = NSAUDIT_SET_ENRICH, .enrich = (v) }
#define BACKLOG(v)	{ .mask = NSAUDIT_SET_BACKLOG, .limits.backlog = (v) }
#define MEMORY(v)	{ .mask = NSAUDIT_SET_MEMORY, .limits.memory = (v) }
#define CONTIDS(v)	{ .mask = NSAUDIT_SET_CONTIDS, .limits.contids = (v) }
#define SHARE(v)	{ .mask = NSAUDIT_SET_SHARE, .share = (v) }
#define USER_DAEMONS(v)	{ .mask = NSAUDIT_SET_USER_DAEMONS, \
			  .limits.user_daemons = (v) }
#define USER_MEMORY(v)	{ .mask = NSAUDIT_SET_USER_MEMORY, \
			  .limits.user_memory = (v) }
#define DAEMON_MEMORY(v) { .mask = NSAUDIT_SET_DAEMON_MEMORY, \
			  .limits.daemon_memory = (v) }

static const struct settings_case settings_cases[] = {
	{ DAEMONS(0), 0, NULL },
	{ DAEMONS(NSAUDIT_LIMIT_DAEMONS_MAX), 0, NULL },
	{ DAEMONS(NSAUDIT_LIMIT_DAEMONS_MAX + 1), -EINVAL,
	  "daemons limit 4097 is not in 0..4096" },
	{ DAEMONS(UINT32_MAX), -EINVAL, "daemons limit" },
	{ QUEUE(0), -EINVAL, "queue limit 0 is not in 16..1048576" },
	{ QUEUE(NSAUDIT_LIMIT_QUEUE_MIN - 1), -EINVAL, "queue limit 15 " },
	{ QUEUE(NSAUDIT_LIMIT_QUEUE_MIN), 0, NULL },
	{ QUEUE(NSAUDIT_LIMIT_QUEUE_MAX), 0, NULL },
	{ QUEUE(NSAUDIT_LIMIT_QUEUE_MAX + 1), -EINVAL, "queue limit 1048577 " },
	{ RULES(0), 0, NULL },
	{ RULES(NSAUDIT_LIMIT_RULES_MAX), 0, NULL },
	{ RULES(NSAUDIT_LIMIT_RULES_MAX + 1), -EINVAL,
	  "rules limit 65537 is not in 0..65536" },
	/* The default backlog has the queue limit's bounds. */
	{ BACKLOG(0), -EINVAL, "backlog limit 0 is not in 16..1048576" },
	{ BACKLOG(NSAUDIT_LIMIT_QUEUE_MIN - 1), -EINVAL,
	  "backlog limit 15 is not in 16..1048576" },
	{ BACKLOG(NSAUDIT_LIMIT_QUEUE_MIN), 0, NULL },
	{ BACKLOG(NSAUDIT_LIMIT_BACKLOG_DEFAULT), 0, NULL },
	{ BACKLOG(NSAUDIT_LIMIT_QUEUE_MAX), 0, NULL },
	{ BACKLOG(NSAUDIT_LIMIT_QUEUE_MAX + 1), -EINVAL,
	  "backlog limit 1048577 " },
	{ BACKLOG(UINT32_MAX), -EINVAL, "backlog limit 4294967295 " },
	{ MEMORY(0), -EINVAL, "memory limit 0 KiB is not in 64..16777216" },
	{ MEMORY(NSAUDIT_LIMIT_MEMORY_MIN - 1), -EINVAL,
	  "memory limit 63 KiB is not in 64..16777216" },
	{ MEMORY(NSAUDIT_LIMIT_MEMORY_MIN), 0, NULL },
	{ MEMORY(NSAUDIT_LIMIT_MEMORY_DEFAULT), 0, NULL },
	{ MEMORY(NSAUDIT_LIMIT_MEMORY_MAX), 0, NULL },
	{ MEMORY(NSAUDIT_LIMIT_MEMORY_MAX + 1), -EINVAL,
	  "memory limit 16777217 KiB " },
	{ MEMORY(UINT32_MAX), -EINVAL, "memory limit 4294967295 KiB " },
	{ CONTIDS(0), -EINVAL, "contids limit 0 is not in 1..1048576" },
	{ CONTIDS(NSAUDIT_LIMIT_CONTIDS_MIN), 0, NULL },
	{ CONTIDS(NSAUDIT_LIMIT_CONTIDS_DEFAULT), 0, NULL },
	{ CONTIDS(NSAUDIT_LIMIT_CONTIDS_MAX), 0, NULL },
	{ CONTIDS(NSAUDIT_LIMIT_CONTIDS_MAX + 1), -EINVAL,
	  "contids limit 1048577 is not in 1..1048576" },
	{ CONTIDS(UINT32_MAX), -EINVAL, "contids limit 4294967295 " },
	/* The 1.5 limits: the daemons limit's and the memory limit's bounds. */
	{ USER_DAEMONS(0), 0, NULL },
	{ USER_DAEMONS(NSAUDIT_LIMIT_USER_DAEMONS_DEFAULT), 0, NULL },
	{ USER_DAEMONS(NSAUDIT_LIMIT_DAEMONS_MAX), 0, NULL },
	{ USER_DAEMONS(NSAUDIT_LIMIT_DAEMONS_MAX + 1), -EINVAL,
	  "user_daemons limit 4097 is not in 0..4096" },
	{ USER_DAEMONS(UINT32_MAX), -EINVAL,
	  "user_daemons limit 4294967295 is not in 0..4096" },
	{ USER_MEMORY(0), -EINVAL,
	  "user_memory limit 0 KiB is not in 64..16777216" },
	{ USER_MEMORY(NSAUDIT_LIMIT_MEMORY_MIN - 1), -EINVAL,
	  "user_memory limit 63 KiB is not in 64..16777216" },
	{ USER_MEMORY(NSAUDIT_LIMIT_MEMORY_MIN), 0, NULL },
	{ USER_MEMORY(NSAUDIT_LIMIT_USER_MEMORY_DEFAULT), 0, NULL },
	{ USER_MEMORY(NSAUDIT_LIMIT_MEMORY_MAX), 0, NULL },
	{ USER_MEMORY(NSAUDIT_LIMIT_MEMORY_MAX + 1), -EINVAL,
	  "user_memory limit 16777217 KiB is not in 64..16777216" },
	{ USER_MEMORY(UINT32_MAX), -EINVAL,
	  "user_memory limit 4294967295 KiB " },
	{ DAEMON_MEMORY(0), -EINVAL,
	  "daemon_memory limit 0 KiB is not in 64..16777216" },
	{ DAEMON_MEMORY(NSAUDIT_LIMIT_MEMORY_MIN - 1), -EINVAL,
	  "daemon_memory limit 63 KiB is not in 64..16777216" },
	{ DAEMON_MEMORY(NSAUDIT_LIMIT_MEMORY_MIN), 0, NULL },
	{ DAEMON_MEMORY(NSAUDIT_LIMIT_DAEMON_MEMORY_DEFAULT), 0, NULL },
	{ DAEMON_MEMORY(NSAUDIT_LIMIT_MEMORY_MAX), 0, NULL },
	{ DAEMON_MEMORY(NSAUDIT_LIMIT_MEMORY_MAX + 1), -EINVAL,
	  "daemon_memory limit 16777217 KiB is not in 64..16777216" },
	{ DAEMON_MEMORY(UINT32_MAX), -EINVAL,
	  "daemon_memory limit 4294967295 KiB " },
	{ ENRICH(0), 0, NULL },
	{ ENRICH(1), 0, NULL },
	{ ENRICH(-1), -EINVAL, "enrich must be 0 or 1, not -1" },
	{ ENRICH(2), -EINVAL, "enrich must be 0 or 1, not 2" },
	{ SHARE(NSAUDIT_SHARE_NONE), 0, NULL },
	{ SHARE(NSAUDIT_SHARE_DELEGATED), 0, NULL },
	{ SHARE(NSAUDIT_SHARE_ALL), 0, NULL },
	{ SHARE(3), -EINVAL, "share must be 0, 1 or 2, not 3" },
	{ SHARE(-1), -EINVAL, "share must be 0, 1 or 2, not -1" },
	{ SHARE(INT32_MAX), -EINVAL, "share must be 0, 1 or 2, not 2147483647" },
	{ { .mask = 0 }, -EINVAL, "nothing to set" },
	{ { .mask = NSAUDIT_SET_ALL + 1, .limits.queue = 16 }, -EINVAL,
	  "unknown bits 0x800 in the settings mask" },
	{ { .mask = NSAUDIT_SET_ENRICH | 0x80000000U }, -EINVAL,
	  "unknown bits 0x80000000" },
	/* Members outside the mask are neither sent nor checked. */
	{ { .mask = NSAUDIT_SET_ENRICH, .enrich = 0,
	    .limits = { .daemons = UINT32_MAX, .queue = 0,
			.rules = UINT32_MAX, .backlog = 0,
			.memory = UINT32_MAX, .contids = 0,
			.user_daemons = UINT32_MAX, .user_memory = 0,
			.daemon_memory = UINT32_MAX },
	    .share = -1 }, 0, NULL },
	{ { .mask = NSAUDIT_SET_USER_MEMORY,
	    .limits = { .user_daemons = UINT32_MAX, .user_memory = 64,
			.daemon_memory = 0 } }, 0, NULL },
	{ { .mask = NSAUDIT_SET_QUEUE, .enrich = 7, .limits.queue = 16 },
	  0, NULL },
	/* One bad member spoils the lot. */
	{ { .mask = NSAUDIT_SET_ALL, .enrich = 1,
	    .limits = { .daemons = 1, .queue = 15, .rules = 1 } }, -EINVAL,
	  "queue limit 15 " },
	{ { .mask = NSAUDIT_SET_ALL, .enrich = 1,
	    .limits = { .daemons = 1, .queue = 16, .rules = 1, .backlog = 16,
			.memory = 63 } }, -EINVAL, "memory limit 63 " },
	{ { .mask = NSAUDIT_SET_ALL, .enrich = 1,
	    .limits = { .daemons = 1, .queue = 16, .rules = 1, .backlog = 16,
			.memory = 64, .contids = 0 } }, -EINVAL,
	  "contids limit 0 " },
	{ { .mask = NSAUDIT_SET_ALL, .enrich = 1,
	    .limits = { .daemons = 1, .queue = 16, .rules = 1, .backlog = 16,
			.memory = 64, .contids = 1 }, .share = 3 }, -EINVAL,
	  "share must be 0, 1 or 2, not 3" },
	{ { .mask = NSAUDIT_SET_ALL, .enrich = 1,
	    .limits = { .daemons = 1, .queue = 16, .rules = 1, .backlog = 16,
			.memory = 64, .contids = 1, .user_daemons = 4097,
			.user_memory = 64, .daemon_memory = 64 } }, -EINVAL,
	  "user_daemons limit 4097 " },
	{ { .mask = NSAUDIT_SET_ALL, .enrich = 1,
	    .limits = { .daemons = 1, .queue = 16, .rules = 1, .backlog = 16,
			.memory = 64, .contids = 1, .user_daemons = 0,
			.user_memory = 63, .daemon_memory = 64 } }, -EINVAL,
	  "user_memory limit 63 KiB " },
	{ { .mask = NSAUDIT_SET_ALL, .enrich = 1,
	    .limits = { .daemons = 1, .queue = 16, .rules = 1, .backlog = 16,
			.memory = 64, .contids = 1, .user_daemons = 0,
			.user_memory = 64, .daemon_memory = 0 } }, -EINVAL,
	  "daemon_memory limit 0 KiB " },
	{ { .mask = NSAUDIT_SET_ALL, .enrich = 1,
	    .limits = { .daemons = 1, .queue = 16, .rules = 1, .backlog = 16,
			.memory = 64, .contids = 1, .user_daemons = 0,
			.user_memory = 64, .daemon_memory = 16777216 } },
	  0, NULL },
};

START_TEST(test_settings_bounds)
{
	const struct settings_case *c = &settings_cases[_i];
	struct nl_msg *msg = (struct nl_msg *)&msg;
	char why[128] = "";

	ck_assert_int_eq(nsaudit__check_settings(&c->s, why, sizeof(why)),
			 c->err);
	ck_assert_int_eq(nsaudit__build_set(FAMILY, &c->s, &msg, why,
					    sizeof(why)), c->err);
	if (c->err) {
		ck_assert_ptr_null(msg);
		ck_assert_msg(strncmp(why, c->why, strlen(c->why)) == 0,
			      "case %d: reason \"%s\", want \"%s...\"", _i, why,
			      c->why);
	} else {
		ck_assert_ptr_nonnull(msg);
		ck_assert_str_eq(why, "");
		nlmsg_free(msg);
	}
}
END_TEST

START_TEST(test_settings_null)
{
	struct nl_msg *msg = (struct nl_msg *)&msg;
	char why[64] = "";

	ck_assert_int_eq(nsaudit__check_settings(NULL, why, sizeof(why)),
			 -EINVAL);
	ck_assert_str_eq(why, "no settings given");
	ck_assert_int_eq(nsaudit__build_set(FAMILY, NULL, &msg, NULL, 0),
			 -EINVAL);
	ck_assert_ptr_null(msg);
}
END_TEST

/* ---- version ----------------------------------------------------- */

START_TEST(test_version)
{
	char why[128] = "";

	ck_assert_int_eq(nsaudit__check_version(NSAUDIT_VERSION_MAJOR, 0, why,
						sizeof(why)), 0);
	ck_assert_int_eq(nsaudit__check_version(NSAUDIT_VERSION_MAJOR, 99, why,
						sizeof(why)), 0);
	ck_assert_int_eq(nsaudit__check_version(NSAUDIT_VERSION_MAJOR,
						UINT32_MAX, why, sizeof(why)),
			 0);
	ck_assert_str_eq(why, "");

	ck_assert_int_eq(nsaudit__check_version(2, 0, why, sizeof(why)),
			 -EPROTO);
	ck_assert_str_eq(why,
			 "module speaks nsaudit interface 2.0, this library "
			 NSAUDIT_VERSION_TEXT);
	ck_assert_int_eq(nsaudit__check_version(0, 5, why, sizeof(why)),
			 -EPROTO);
	ck_assert_str_eq(why,
			 "module speaks nsaudit interface 0.5, this library "
			 NSAUDIT_VERSION_TEXT);
	ck_assert_int_eq(nsaudit__check_version(NSAUDIT_VERSION_MAJOR + 1,
						NSAUDIT_VERSION_MINOR, NULL, 0),
			 -EPROTO);
}
END_TEST

/* A status of another major is reported as such, whatever else it holds. */
START_TEST(test_status_other_major)
{
	struct attr a[ARRAY_SIZE(status_attrs)];
	struct nsaudit_status st;
	char why[128];

	memcpy(a, status_attrs, sizeof(a));
	a[0].val = 2;
	a[1].val = 0;
	a[2].len = 4;		/* features of another width */
	a[4].type = SKIP;	/* no counters */
	ck_assert_int_eq(parse_status(a, ARRAY_SIZE(a), NSAUDIT_CMD_GET_STATUS,
				      &st, why, sizeof(why)), -EPROTO);
	ck_assert_str_eq(why,
			 "module speaks nsaudit interface 2.0, this library "
			 NSAUDIT_VERSION_TEXT);

	/* Without a major version there is nothing to go by. */
	memcpy(a, status_attrs, sizeof(a));
	a[0].type = SKIP;
	ck_assert_int_eq(parse_status(a, ARRAY_SIZE(a), NSAUDIT_CMD_GET_STATUS,
				      &st, why, sizeof(why)), -EBADMSG);
	ck_assert_str_eq(why, "status lacks NSAUDIT_A_VERSION_MAJOR");
}
END_TEST

/* ---- status parsing ---------------------------------------------- */

START_TEST(test_status_complete)
{
	static const uint8_t cmds[] = {
		NSAUDIT_CMD_GET_STATUS, NSAUDIT_CMD_CONFIG_NTF,
	};
	struct nsaudit_status st, want;
	char why[128];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cmds); i++) {
		want = want_status;
		want_for_cmd(cmds[i], &want);
		ck_assert_int_eq(parse_status(status_attrs,
					      ARRAY_SIZE(status_attrs),
					      cmds[i], &st, why, sizeof(why)),
				 0);
		ck_assert_msg(status_eq(&st, &want), "cmd %u", cmds[i]);
		ck_assert_str_eq(why, "");
	}
}
END_TEST

/* Each mandatory attribute, top level or nested, left out in turn. */
START_TEST(test_status_missing)
{
	static const char *const want[ARRAY_SIZE(status_attrs)] = {
		"status lacks NSAUDIT_A_VERSION_MAJOR",
		"status lacks NSAUDIT_A_VERSION_MINOR",
		"status lacks NSAUDIT_A_FEATURES",
		"status lacks NSAUDIT_A_ENRICH",
		"status lacks NSAUDIT_A_COUNTERS",
		"NSAUDIT_A_COUNTERS lacks NSAUDIT_COUNTER_A_ENRICHED",
		"NSAUDIT_A_COUNTERS lacks NSAUDIT_COUNTER_A_FORWARDED",
		"NSAUDIT_A_COUNTERS lacks NSAUDIT_COUNTER_A_LOST",
		"NSAUDIT_A_COUNTERS lacks NSAUDIT_COUNTER_A_MISSED",
		"status lacks NSAUDIT_A_LIMITS",
		"NSAUDIT_A_LIMITS lacks NSAUDIT_LIMIT_A_DAEMONS",
		"NSAUDIT_A_LIMITS lacks NSAUDIT_LIMIT_A_QUEUE",
		"NSAUDIT_A_LIMITS lacks NSAUDIT_LIMIT_A_RULES",
		"NSAUDIT_A_LIMITS of interface 1.7 lacks NSAUDIT_LIMIT_A_BACKLOG",
		"NSAUDIT_A_LIMITS of interface 1.7 lacks NSAUDIT_LIMIT_A_MEMORY",
		"NSAUDIT_A_COUNTERS of interface 1.7 lacks NSAUDIT_COUNTER_A_CONTIDS",
		"NSAUDIT_A_LIMITS of interface 1.7 lacks NSAUDIT_LIMIT_A_CONTIDS",
		"NSAUDIT_A_COUNTERS of interface 1.7 lacks NSAUDIT_COUNTER_A_CONTID_TASKS",
		"status of interface 1.7 lacks NSAUDIT_A_PROBES",
		"NSAUDIT_A_COUNTERS of interface 1.7 lacks NSAUDIT_COUNTER_A_CONTID_LOST",
		"NSAUDIT_A_COUNTERS of interface 1.7 lacks NSAUDIT_COUNTER_A_UNENRICHED",
		"status of interface 1.7 lacks NSAUDIT_A_SHARE",
		"status of interface 1.7 lacks NSAUDIT_A_DELEGATED",
		"NSAUDIT_A_COUNTERS of interface 1.7 lacks NSAUDIT_COUNTER_A_DELEGATIONS",
		"NSAUDIT_A_LIMITS of interface 1.7 lacks NSAUDIT_LIMIT_A_USER_DAEMONS",
		"NSAUDIT_A_LIMITS of interface 1.7 lacks NSAUDIT_LIMIT_A_USER_MEMORY",
		"NSAUDIT_A_LIMITS of interface 1.7 lacks NSAUDIT_LIMIT_A_DAEMON_MEMORY",
	};
	struct attr a[ARRAY_SIZE(status_attrs)];
	struct nsaudit_status st;
	char why[128];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(a); i++) {
		memcpy(a, status_attrs, sizeof(a));
		a[i].type = SKIP;
		ck_assert_msg(parse_status(a, ARRAY_SIZE(a),
					   NSAUDIT_CMD_GET_STATUS, &st, why,
					   sizeof(why)) == -EBADMSG,
			      "attribute %zu left out", i);
		ck_assert_str_eq(why, want[i]);
	}
}
END_TEST

/* Each attribute one width too short and too long. */
START_TEST(test_status_lengths)
{
	struct attr a[ARRAY_SIZE(status_attrs)];
	struct nsaudit_status st;
	char why[128];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(a); i++) {
		static const int wrong[][2] = {
			[1] = { 0, 4 }, [4] = { 2, 8 }, [8] = { 4, 16 },
		};
		int k;

		if (status_attrs[i].len == NEST)
			continue;
		for (k = 0; k < 2; k++) {
			memcpy(a, status_attrs, sizeof(a));
			a[i].len = wrong[status_attrs[i].len][k];
			ck_assert_msg(parse_status(a, ARRAY_SIZE(a),
						   NSAUDIT_CMD_GET_STATUS, &st,
						   why, sizeof(why)) ==
				      -EBADMSG,
				      "attribute %zu of length %d accepted",
				      i, a[i].len);
		}
	}
}
END_TEST

START_TEST(test_status_values)
{
	struct attr a[ARRAY_SIZE(status_attrs)];
	struct nsaudit_status st;
	char why[128];

	memcpy(a, status_attrs, sizeof(a));
	a[3].val = 0;
	ck_assert_int_eq(parse_status(a, ARRAY_SIZE(a), NSAUDIT_CMD_GET_STATUS,
				      &st, why, sizeof(why)), 0);
	ck_assert_int_eq(st.enrich, 0);

	a[3].val = 2;
	ck_assert_int_eq(parse_status(a, ARRAY_SIZE(a), NSAUDIT_CMD_GET_STATUS,
				      &st, why, sizeof(why)), -EBADMSG);
	ck_assert_str_eq(why, "NSAUDIT_A_ENRICH is 2, not 0 or 1");
}
END_TEST

/* NSAUDIT_A_PROBES: 0 and 1 taken as they are, anything else refused. */
START_TEST(test_status_probes_values)
{
	static const uint8_t cmds[] = {
		NSAUDIT_CMD_GET_STATUS, NSAUDIT_CMD_CONFIG_NTF,
	};
	struct attr a[ARRAY_SIZE(status_attrs)];
	struct nsaudit_status st, want = want_status;
	char why[128];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cmds); i++) {
		memcpy(a, status_attrs, sizeof(a));
		want = want_status;
		want_for_cmd(cmds[i], &want);
		a[STATUS_PROBES].val = 0;
		want.probes = 0;
		ck_assert_int_eq(parse_status(a, ARRAY_SIZE(a), cmds[i], &st,
					      why, sizeof(why)), 0);
		ck_assert(status_eq(&st, &want));

		a[STATUS_PROBES].val = 1;
		want.probes = 1;
		ck_assert_int_eq(parse_status(a, ARRAY_SIZE(a), cmds[i], &st,
					      why, sizeof(why)), 0);
		ck_assert(status_eq(&st, &want));

		a[STATUS_PROBES].val = 2;
		ck_assert_int_eq(parse_status(a, ARRAY_SIZE(a), cmds[i], &st,
					      why, sizeof(why)), -EBADMSG);
		ck_assert_str_eq(why, "NSAUDIT_A_PROBES is 2, not 0 or 1");

		a[STATUS_PROBES].val = 0xff;
		ck_assert_int_eq(parse_status(a, ARRAY_SIZE(a), cmds[i], &st,
					      why, sizeof(why)), -EBADMSG);
		ck_assert_str_eq(why, "NSAUDIT_A_PROBES is 255, not 0 or 1");
	}
}
END_TEST

/* NSAUDIT_A_SHARE: 0 to 2; NSAUDIT_A_DELEGATED: 0 or 1, in a reply only. */
START_TEST(test_status_share_values)
{
	static const uint8_t cmds[] = {
		NSAUDIT_CMD_GET_STATUS, NSAUDIT_CMD_CONFIG_NTF,
	};
	struct attr a[ARRAY_SIZE(status_attrs)];
	struct nsaudit_status st, want;
	char why[128];
	size_t i;
	int v;

	for (i = 0; i < ARRAY_SIZE(cmds); i++) {
		memcpy(a, status_attrs, sizeof(a));
		want = want_status;
		want_for_cmd(cmds[i], &want);
		for (v = NSAUDIT_SHARE_NONE; v <= NSAUDIT_SHARE_ALL; v++) {
			a[STATUS_SHARE].val = (uint64_t)v;
			want.share = v;
			ck_assert_int_eq(parse_status(a, ARRAY_SIZE(a), cmds[i],
						      &st, why, sizeof(why)),
					 0);
			ck_assert(status_eq(&st, &want));
		}

		a[STATUS_SHARE].val = 3;
		ck_assert_int_eq(parse_status(a, ARRAY_SIZE(a), cmds[i], &st,
					      why, sizeof(why)), -EBADMSG);
		ck_assert_str_eq(why, "NSAUDIT_A_SHARE is 3, not 0, 1 or 2");
		a[STATUS_SHARE].val = 0xff;
		ck_assert_int_eq(parse_status(a, ARRAY_SIZE(a), cmds[i], &st,
					      why, sizeof(why)), -EBADMSG);
		ck_assert_str_eq(why, "NSAUDIT_A_SHARE is 255, not 0, 1 or 2");
		a[STATUS_SHARE].val = NSAUDIT_SHARE_DELEGATED;
		want.share = NSAUDIT_SHARE_DELEGATED;

		a[STATUS_DELEGATED].val = 0;
		if (cmds[i] == NSAUDIT_CMD_GET_STATUS)
			want.delegated = 0;
		ck_assert_int_eq(parse_status(a, ARRAY_SIZE(a), cmds[i], &st,
					      why, sizeof(why)), 0);
		ck_assert(status_eq(&st, &want));

		/* A notification's is not looked at, whatever it says. */
		a[STATUS_DELEGATED].val = 2;
		if (cmds[i] == NSAUDIT_CMD_CONFIG_NTF) {
			ck_assert_int_eq(parse_status(a, ARRAY_SIZE(a),
						      cmds[i], &st, why,
						      sizeof(why)), 0);
			ck_assert_int_eq(st.delegated, -1);
			continue;
		}
		ck_assert_int_eq(parse_status(a, ARRAY_SIZE(a), cmds[i], &st,
					      why, sizeof(why)), -EBADMSG);
		ck_assert_str_eq(why, "NSAUDIT_A_DELEGATED is 2, not 0 or 1");
	}
}
END_TEST

/* A u64 as two words of a little-endian table. */
#define U64_WORDS(v)	(uint32_t)(v), (uint32_t)((uint64_t)(v) >> 32)

/* Parse the @n words at @w as one message of @cmd, of exactly their length. */
static int parse_status_words(const uint32_t *w, size_t n, uint8_t cmd,
			      struct nsaudit_status *st, char *why,
			      size_t size)
{
	struct nlmsghdr *nlh = dup_exact(w, n * sizeof(*w));
	int err;

	why[0] = '\0';
	err = nsaudit__parse_status(nlh, n * sizeof(*w), FAMILY, cmd, st, why,
				    size);
	free(nlh);
	return err;
}

/*
 * The exact bytes of a 1.4 GET_STATUS reply as the module puts them
 * (x86-64: no NSAUDIT_A_PAD before the u64s), kprobes disarmed, share
 * delegated, the caller's namespace delegated; then each 1.4 addition
 * hidden (renamed to a type this library does not know), for a 1.4
 * module and a 1.3 one; values out of range; and the same bytes as a
 * CONFIG_NTF, whose NSAUDIT_A_DELEGATED is neither needed nor read.
 */
START_TEST(test_status_1_4_bytes)
{
	const uint32_t reply[] = {
		244,				/* nlmsg_len */
		FAMILY,				/* type; no flags */
		0,				/* seq */
		0,				/* port */
		NSAUDIT_CMD_GET_STATUS | NSAUDIT_GENL_VERSION << 8,
		8 | NSAUDIT_A_VERSION_MAJOR << 16, 1,
		8 | NSAUDIT_A_VERSION_MINOR << 16, 4,
		12 | NSAUDIT_A_FEATURES << 16, U64_WORDS(0x1f),
		5 | NSAUDIT_A_ENRICH << 16, 1,	/* u8, padded */
		5 | NSAUDIT_A_PROBES << 16, 0,	/* u8 probes = 0, padded */
		5 | NSAUDIT_A_SHARE << 16, NSAUDIT_SHARE_DELEGATED,
		5 | NSAUDIT_A_DELEGATED << 16, 1,
		112 | (NLA_F_NESTED | NSAUDIT_A_COUNTERS) << 16,
		12 | NSAUDIT_COUNTER_A_ENRICHED << 16, U64_WORDS(1520),
		12 | NSAUDIT_COUNTER_A_FORWARDED << 16, U64_WORDS(310),
		12 | NSAUDIT_COUNTER_A_LOST << 16, U64_WORDS(0),
		12 | NSAUDIT_COUNTER_A_MISSED << 16, U64_WORDS(2),
		12 | NSAUDIT_COUNTER_A_CONTIDS << 16, U64_WORDS(3),
		12 | NSAUDIT_COUNTER_A_CONTID_TASKS << 16, U64_WORDS(57),
		12 | NSAUDIT_COUNTER_A_CONTID_LOST << 16,
		U64_WORDS(0x100000007ULL),
		12 | NSAUDIT_COUNTER_A_UNENRICHED << 16,
		U64_WORDS(0x200000009ULL),
		12 | NSAUDIT_COUNTER_A_DELEGATIONS << 16,
		U64_WORDS(0x30000000bULL),
		52 | (NLA_F_NESTED | NSAUDIT_A_LIMITS) << 16,
		8 | NSAUDIT_LIMIT_A_DAEMONS << 16, 64,
		8 | NSAUDIT_LIMIT_A_QUEUE << 16, 8192,
		8 | NSAUDIT_LIMIT_A_RULES << 16, 256,
		8 | NSAUDIT_LIMIT_A_BACKLOG << 16, 8192,
		8 | NSAUDIT_LIMIT_A_MEMORY << 16, 65536,
		8 | NSAUDIT_LIMIT_A_CONTIDS << 16, 4096,
	};
	const struct nsaudit_status want = {
		.version_major = 1,
		.version_minor = 4,
		.features = 0x1f,
		.enrich = 1,
		.counters = {
			.enriched = 1520, .forwarded = 310, .lost = 0,
			.missed = 2, .contids = 3, .contid_tasks = 57,
			.contid_lost = 0x100000007ULL,
			.unenriched = 0x200000009ULL,
			.delegations = 0x30000000bULL,
		},
		.limits = {
			.daemons = 64, .queue = 8192, .rules = 256,
			.backlog = 8192, .memory = 65536, .contids = 4096,
		},
		.probes = 0,
		.share = NSAUDIT_SHARE_DELEGATED,
		.delegated = 1,
	};
	/* Where the command, the minor version and each 1.4 addition are. */
	const size_t n = ARRAY_SIZE(reply), cmd = 4, minor = 8, probes = 14,
		     share = 16, delegated = 18, lost = 39, unenriched = 42,
		     delegations = 45;
	const struct {
		size_t at;
		uint32_t hidden;
		const char *why;
	} hide[] = {
		{ probes, 5 | (NSAUDIT_A_MAX + 1) << 16,
		  "status of interface 1.4 lacks NSAUDIT_A_PROBES" },
		{ share, 5 | (NSAUDIT_A_MAX + 1) << 16,
		  "status of interface 1.4 lacks NSAUDIT_A_SHARE" },
		{ delegated, 5 | (NSAUDIT_A_MAX + 1) << 16,
		  "status of interface 1.4 lacks NSAUDIT_A_DELEGATED" },
		{ lost, 12 | (NSAUDIT_COUNTER_A_MAX + 1) << 16,
		  "NSAUDIT_A_COUNTERS of interface 1.4 lacks "
		  "NSAUDIT_COUNTER_A_CONTID_LOST" },
		{ unenriched, 12 | (NSAUDIT_COUNTER_A_MAX + 1) << 16,
		  "NSAUDIT_A_COUNTERS of interface 1.4 lacks "
		  "NSAUDIT_COUNTER_A_UNENRICHED" },
		{ delegations, 12 | (NSAUDIT_COUNTER_A_MAX + 1) << 16,
		  "NSAUDIT_A_COUNTERS of interface 1.4 lacks "
		  "NSAUDIT_COUNTER_A_DELEGATIONS" },
	};
	const uint16_t one = 1;
	struct nsaudit_status st, old = want, ntf = want;
	uint32_t w[ARRAY_SIZE(reply)];
	char why[128];
	size_t i;

	if (*(const uint8_t *)&one != 1)
		return;		/* the table above is little-endian */
	ck_assert_uint_eq(reply[0], sizeof(reply));
	ck_assert_uint_eq(reply[minor - 1], 8 | NSAUDIT_A_VERSION_MINOR << 16);
	ck_assert_uint_eq(reply[probes], 5 | NSAUDIT_A_PROBES << 16);
	ck_assert_uint_eq(reply[share], 5 | NSAUDIT_A_SHARE << 16);
	ck_assert_uint_eq(reply[delegated], 5 | NSAUDIT_A_DELEGATED << 16);
	ck_assert_uint_eq(reply[lost],
			  12 | NSAUDIT_COUNTER_A_CONTID_LOST << 16);
	ck_assert_uint_eq(reply[unenriched],
			  12 | NSAUDIT_COUNTER_A_UNENRICHED << 16);
	ck_assert_uint_eq(reply[delegations],
			  12 | NSAUDIT_COUNTER_A_DELEGATIONS << 16);

	ck_assert_int_eq(parse_status_words(reply, n, NSAUDIT_CMD_GET_STATUS,
					    &st, why, sizeof(why)), 0);
	ck_assert(status_eq(&st, &want));
	ck_assert_str_eq(why, "");

	/* 1.4 without each addition in turn. */
	for (i = 0; i < ARRAY_SIZE(hide); i++) {
		memcpy(w, reply, sizeof(w));
		w[hide[i].at] = hide[i].hidden;
		ck_assert_int_eq(parse_status_words(w, n,
						    NSAUDIT_CMD_GET_STATUS,
						    &st, why, sizeof(why)),
				 -EBADMSG);
		ck_assert_str_eq(why, hide[i].why);
	}

	/* The same bytes from a 1.3 module, which has none of them: fine. */
	for (i = 0; i < ARRAY_SIZE(hide); i++)
		w[hide[i].at] = hide[i].hidden;
	w[minor] = 3;
	old.version_minor = 3;
	old.probes = -1;
	old.share = -1;
	old.delegated = -1;
	old.counters.contid_lost = 0;
	old.counters.unenriched = 0;
	old.counters.delegations = 0;
	ck_assert_int_eq(parse_status_words(w, n, NSAUDIT_CMD_GET_STATUS, &st,
					    why, sizeof(why)), 0);
	ck_assert(status_eq(&st, &old));

	/* A probes state other than 0 or 1. */
	memcpy(w, reply, sizeof(w));
	w[probes + 1] = 2;
	ck_assert_int_eq(parse_status_words(w, n, NSAUDIT_CMD_GET_STATUS, &st,
					    why, sizeof(why)), -EBADMSG);
	ck_assert_str_eq(why, "NSAUDIT_A_PROBES is 2, not 0 or 1");

	/* Firing. */
	w[probes + 1] = 1;
	ck_assert_int_eq(parse_status_words(w, n, NSAUDIT_CMD_GET_STATUS, &st,
					    why, sizeof(why)), 0);
	ck_assert_int_eq(st.probes, 1);

	/* A share past the enum, and each value of it. */
	memcpy(w, reply, sizeof(w));
	w[share + 1] = 3;
	ck_assert_int_eq(parse_status_words(w, n, NSAUDIT_CMD_GET_STATUS, &st,
					    why, sizeof(why)), -EBADMSG);
	ck_assert_str_eq(why, "NSAUDIT_A_SHARE is 3, not 0, 1 or 2");
	for (i = NSAUDIT_SHARE_NONE; i <= NSAUDIT_SHARE_ALL; i++) {
		w[share + 1] = (uint32_t)i;
		ck_assert_int_eq(parse_status_words(w, n,
						    NSAUDIT_CMD_GET_STATUS,
						    &st, why, sizeof(why)),
				 0);
		ck_assert_int_eq(st.share, (int)i);
	}

	/* Not delegated; then a value other than 0 or 1. */
	memcpy(w, reply, sizeof(w));
	w[delegated + 1] = 0;
	ck_assert_int_eq(parse_status_words(w, n, NSAUDIT_CMD_GET_STATUS, &st,
					    why, sizeof(why)), 0);
	ck_assert_int_eq(st.delegated, 0);
	w[delegated + 1] = 2;
	ck_assert_int_eq(parse_status_words(w, n, NSAUDIT_CMD_GET_STATUS, &st,
					    why, sizeof(why)), -EBADMSG);
	ck_assert_str_eq(why, "NSAUDIT_A_DELEGATED is 2, not 0 or 1");

	/*
	 * As a CONFIG_NTF: the same, but NSAUDIT_A_DELEGATED is not read
	 * (-1), whatever it holds, and not needed; the rest still is.
	 */
	memcpy(w, reply, sizeof(w));
	w[cmd] = NSAUDIT_CMD_CONFIG_NTF | NSAUDIT_GENL_VERSION << 8;
	ntf.delegated = -1;
	ck_assert_int_eq(parse_status_words(w, n, NSAUDIT_CMD_CONFIG_NTF, &st,
					    why, sizeof(why)), 0);
	ck_assert(status_eq(&st, &ntf));
	w[delegated + 1] = 2;
	ck_assert_int_eq(parse_status_words(w, n, NSAUDIT_CMD_CONFIG_NTF, &st,
					    why, sizeof(why)), 0);
	ck_assert(status_eq(&st, &ntf));
	w[delegated] = 5 | (NSAUDIT_A_MAX + 1) << 16;
	ck_assert_int_eq(parse_status_words(w, n, NSAUDIT_CMD_CONFIG_NTF, &st,
					    why, sizeof(why)), 0);
	ck_assert(status_eq(&st, &ntf));
	w[share] = 5 | (NSAUDIT_A_MAX + 1) << 16;
	ck_assert_int_eq(parse_status_words(w, n, NSAUDIT_CMD_CONFIG_NTF, &st,
					    why, sizeof(why)), -EBADMSG);
	ck_assert_str_eq(why, "status of interface 1.4 lacks NSAUDIT_A_SHARE");
}
END_TEST

/*
 * The exact bytes of a 1.5 GET_STATUS reply, the limits at their load-time
 * defaults: the per-user and per-daemon limits at the end of the limits
 * nest. Then each 1.5 limit hidden, for a 1.5 module and a 1.4 one; a
 * user_daemons of 0; and the same bytes as a CONFIG_NTF, which needs them
 * too.
 */
START_TEST(test_status_1_5_bytes)
{
	const uint32_t reply[] = {
		268,				/* nlmsg_len */
		FAMILY,				/* type; no flags */
		0,				/* seq */
		0,				/* port */
		NSAUDIT_CMD_GET_STATUS | NSAUDIT_GENL_VERSION << 8,
		8 | NSAUDIT_A_VERSION_MAJOR << 16, 1,
		8 | NSAUDIT_A_VERSION_MINOR << 16, 5,
		12 | NSAUDIT_A_FEATURES << 16, U64_WORDS(0x1f),
		5 | NSAUDIT_A_ENRICH << 16, 1,	/* u8, padded */
		5 | NSAUDIT_A_PROBES << 16, 1,
		5 | NSAUDIT_A_SHARE << 16, NSAUDIT_SHARE_DELEGATED,
		5 | NSAUDIT_A_DELEGATED << 16, 0,
		112 | (NLA_F_NESTED | NSAUDIT_A_COUNTERS) << 16,
		12 | NSAUDIT_COUNTER_A_ENRICHED << 16, U64_WORDS(1520),
		12 | NSAUDIT_COUNTER_A_FORWARDED << 16, U64_WORDS(310),
		12 | NSAUDIT_COUNTER_A_LOST << 16, U64_WORDS(0),
		12 | NSAUDIT_COUNTER_A_MISSED << 16, U64_WORDS(2),
		12 | NSAUDIT_COUNTER_A_CONTIDS << 16, U64_WORDS(3),
		12 | NSAUDIT_COUNTER_A_CONTID_TASKS << 16, U64_WORDS(57),
		12 | NSAUDIT_COUNTER_A_CONTID_LOST << 16, U64_WORDS(0),
		12 | NSAUDIT_COUNTER_A_UNENRICHED << 16, U64_WORDS(0),
		12 | NSAUDIT_COUNTER_A_DELEGATIONS << 16, U64_WORDS(1),
		76 | (NLA_F_NESTED | NSAUDIT_A_LIMITS) << 16,
		8 | NSAUDIT_LIMIT_A_DAEMONS << 16, 64,
		8 | NSAUDIT_LIMIT_A_QUEUE << 16, 8192,
		8 | NSAUDIT_LIMIT_A_RULES << 16, 256,
		8 | NSAUDIT_LIMIT_A_BACKLOG << 16, 8192,
		8 | NSAUDIT_LIMIT_A_MEMORY << 16, 65536,
		8 | NSAUDIT_LIMIT_A_CONTIDS << 16, 4096,
		8 | NSAUDIT_LIMIT_A_USER_DAEMONS << 16, 16,
		8 | NSAUDIT_LIMIT_A_USER_MEMORY << 16, 32768,
		8 | NSAUDIT_LIMIT_A_DAEMON_MEMORY << 16, 16384,
	};
	const struct nsaudit_status want = {
		.version_major = 1,
		.version_minor = 5,
		.features = 0x1f,
		.enrich = 1,
		.counters = {
			.enriched = 1520, .forwarded = 310, .lost = 0,
			.missed = 2, .contids = 3, .contid_tasks = 57,
			.contid_lost = 0, .unenriched = 0, .delegations = 1,
		},
		.limits = {
			.daemons = 64, .queue = 8192, .rules = 256,
			.backlog = 8192, .memory = 65536, .contids = 4096,
			.user_daemons = 16, .user_memory = 32768,
			.daemon_memory = 16384,
		},
		.probes = 1,
		.share = NSAUDIT_SHARE_DELEGATED,
		.delegated = 0,
	};
	/* Where the command, the minor version and each 1.5 limit are. */
	const size_t n = ARRAY_SIZE(reply), cmd = 4, minor = 8,
		     user_daemons = 61, user_memory = 63, daemon_memory = 65;
	const struct {
		size_t at;
		const char *why;
	} hide[] = {
		{ user_daemons, "NSAUDIT_A_LIMITS of interface 1.5 lacks "
				"NSAUDIT_LIMIT_A_USER_DAEMONS" },
		{ user_memory, "NSAUDIT_A_LIMITS of interface 1.5 lacks "
			       "NSAUDIT_LIMIT_A_USER_MEMORY" },
		{ daemon_memory, "NSAUDIT_A_LIMITS of interface 1.5 lacks "
				 "NSAUDIT_LIMIT_A_DAEMON_MEMORY" },
	};
	/* A type this library does not know, of the same u32 length. */
	const uint32_t hidden = 8 | (NSAUDIT_LIMIT_A_MAX + 1) << 16;
	const uint16_t one = 1;
	struct nsaudit_status st, old = want, ntf = want;
	uint32_t w[ARRAY_SIZE(reply)];
	char why[128];
	size_t i;

	if (*(const uint8_t *)&one != 1)
		return;		/* the table above is little-endian */
	ck_assert_uint_eq(reply[0], sizeof(reply));
	ck_assert_uint_eq(reply[minor - 1], 8 | NSAUDIT_A_VERSION_MINOR << 16);
	ck_assert_uint_eq(reply[user_daemons],
			  8 | NSAUDIT_LIMIT_A_USER_DAEMONS << 16);
	ck_assert_uint_eq(reply[user_memory],
			  8 | NSAUDIT_LIMIT_A_USER_MEMORY << 16);
	ck_assert_uint_eq(reply[daemon_memory],
			  8 | NSAUDIT_LIMIT_A_DAEMON_MEMORY << 16);

	ck_assert_int_eq(parse_status_words(reply, n, NSAUDIT_CMD_GET_STATUS,
					    &st, why, sizeof(why)), 0);
	ck_assert(status_eq(&st, &want));
	ck_assert_str_eq(why, "");

	/* 1.5 without each limit in turn, as a reply and as a notification. */
	for (i = 0; i < ARRAY_SIZE(hide); i++) {
		memcpy(w, reply, sizeof(w));
		w[hide[i].at] = hidden;
		ck_assert_int_eq(parse_status_words(w, n,
						    NSAUDIT_CMD_GET_STATUS,
						    &st, why, sizeof(why)),
				 -EBADMSG);
		ck_assert_str_eq(why, hide[i].why);
		w[cmd] = NSAUDIT_CMD_CONFIG_NTF | NSAUDIT_GENL_VERSION << 8;
		ck_assert_int_eq(parse_status_words(w, n,
						    NSAUDIT_CMD_CONFIG_NTF,
						    &st, why, sizeof(why)),
				 -EBADMSG);
		ck_assert_str_eq(why, hide[i].why);
	}

	/* The same bytes from a 1.4 module, which has none of them: fine. */
	memcpy(w, reply, sizeof(w));
	for (i = 0; i < ARRAY_SIZE(hide); i++)
		w[hide[i].at] = hidden;
	w[minor] = 4;
	old.version_minor = 4;
	old.limits.user_daemons = 0;
	old.limits.user_memory = 0;
	old.limits.daemon_memory = 0;
	ck_assert_int_eq(parse_status_words(w, n, NSAUDIT_CMD_GET_STATUS, &st,
					    why, sizeof(why)), 0);
	ck_assert(status_eq(&st, &old));

	/* No user may register a daemon: 0 is a value, not "absent". */
	memcpy(w, reply, sizeof(w));
	w[user_daemons + 1] = 0;
	ck_assert_int_eq(parse_status_words(w, n, NSAUDIT_CMD_GET_STATUS, &st,
					    why, sizeof(why)), 0);
	ck_assert_uint_eq(st.limits.user_daemons, 0);
	ck_assert_uint_eq(st.limits.user_memory, 32768);
	ck_assert_uint_eq(st.limits.daemon_memory, 16384);

	/* The largest values, each in its own place. */
	w[user_daemons + 1] = 4096;
	w[user_memory + 1] = 16777216;
	w[daemon_memory + 1] = 64;
	ck_assert_int_eq(parse_status_words(w, n, NSAUDIT_CMD_GET_STATUS, &st,
					    why, sizeof(why)), 0);
	ck_assert_uint_eq(st.limits.user_daemons, 4096);
	ck_assert_uint_eq(st.limits.user_memory, 16777216);
	ck_assert_uint_eq(st.limits.daemon_memory, 64);
	ck_assert_uint_eq(st.limits.memory, 65536);

	/* As a CONFIG_NTF: all of them, delegated not read. */
	memcpy(w, reply, sizeof(w));
	w[cmd] = NSAUDIT_CMD_CONFIG_NTF | NSAUDIT_GENL_VERSION << 8;
	ntf.delegated = -1;
	ck_assert_int_eq(parse_status_words(w, n, NSAUDIT_CMD_CONFIG_NTF, &st,
					    why, sizeof(why)), 0);
	ck_assert(status_eq(&st, &ntf));
}
END_TEST

/*
 * What a newer minor version may add, or the kernel's padding, anywhere:
 * ignored. A second extra of each kind goes at the very start.
 */
START_TEST(test_status_unknown_ignored)
{
	const struct attr extra[] = {
		{ 0, NSAUDIT_A_MAX + 1, 4, 0xdead },
		{ 0, NSAUDIT_A_MAX + 20, 13, 0 },
		{ 0, NSAUDIT_A_PAD, 0, 0 },
		{ 0, NSAUDIT_A_PAD, 4, 0 },
		{ 0, NSAUDIT_A_PID, 4, 1 },	/* not a status attribute */
		{ NSAUDIT_A_COUNTERS, NSAUDIT_COUNTER_A_MAX + 1, 8, 5 },
		{ NSAUDIT_A_COUNTERS, NSAUDIT_COUNTER_A_PAD, 0, 0 },
		{ NSAUDIT_A_COUNTERS, NSAUDIT_COUNTER_A_MAX + 9, 1, 5 },
		{ NSAUDIT_A_LIMITS, NSAUDIT_LIMIT_A_MAX + 1, 4, 5 },
		{ NSAUDIT_A_LIMITS, NSAUDIT_LIMIT_A_MAX + 2, 2, 5 },
		{ 0, NSAUDIT_A_MAX + 2, NEST, 0 },
		{ NSAUDIT_A_MAX + 2, 1, 4, 1 },
	};
	struct attr a[ARRAY_SIZE(extra) * 2 + ARRAY_SIZE(status_attrs)];
	struct nsaudit_status st;
	char why[128];
	size_t n;

	memcpy(a, extra, sizeof(extra));
	n = ARRAY_SIZE(extra);
	memcpy(a + n, status_attrs, sizeof(status_attrs));
	n += ARRAY_SIZE(status_attrs);
	memcpy(a + n, extra, sizeof(extra));
	n += ARRAY_SIZE(extra);
	ck_assert_int_eq(parse_status(a, n, NSAUDIT_CMD_GET_STATUS, &st, why,
				      sizeof(why)), 0);
	ck_assert(status_eq(&st, &want_status));
}
END_TEST

/* A message of another family or command is not a status. */
START_TEST(test_status_wrong_message)
{
	struct nsaudit_status st;
	struct nlmsghdr *nlh;
	char why[128];
	size_t len;

	nlh = build(FAMILY, NSAUDIT_CMD_GET_STATUS, status_attrs,
		    ARRAY_SIZE(status_attrs), &len);
	ck_assert_int_eq(nsaudit__parse_status(nlh, len, FAMILY + 1,
					       NSAUDIT_CMD_GET_STATUS, &st,
					       why, sizeof(why)), -EBADMSG);
	ck_assert_int_eq(nsaudit__parse_status(nlh, len, FAMILY,
					       NSAUDIT_CMD_CONFIG_NTF, &st,
					       why, sizeof(why)), -EBADMSG);
	ck_assert_str_eq(why, "message of command 1, expected 4");
	ck_assert_int_eq(nsaudit__parse_status(NULL, 0, FAMILY,
					       NSAUDIT_CMD_GET_STATUS, &st,
					       why, sizeof(why)), -EBADMSG);
	ck_assert_int_eq(nsaudit__parse_status(nlh, len, FAMILY,
					       NSAUDIT_CMD_GET_STATUS, &st,
					       NULL, 0), 0);
	free(nlh);
}
END_TEST

/* Offsets of the nests in the complete status, found by walking it. */
static size_t nest_offset(const struct nlmsghdr *nlh, int type)
{
	const struct nlattr *a;
	int rem;

	nla_for_each_attr(a, genlmsg_attrdata(nlmsg_data(nlh), 0),
			  genlmsg_attrlen(nlmsg_data(nlh), 0), rem) {
		if ((a->nla_type & NLA_TYPE_MASK) == type)
			return (size_t)((const char *)a - (const char *)nlh);
	}
	ck_abort_msg("no attribute %d", type);
	return 0;
}

/* Nests whose contents do not parse, or that are empty. */
START_TEST(test_status_nest_garbage)
{
	static const int nests[] = { NSAUDIT_A_COUNTERS, NSAUDIT_A_LIMITS };
	struct nsaudit_status st;
	char why[128];
	size_t n;

	for (n = 0; n < ARRAY_SIZE(nests); n++) {
		struct nlmsghdr *nlh, *bad;
		struct nlattr *nest, *first;
		size_t len, off;

		nlh = build(FAMILY, NSAUDIT_CMD_GET_STATUS, status_attrs,
			    ARRAY_SIZE(status_attrs), &len);
		off = nest_offset(nlh, nests[n]);

		/* The first inner attribute shorter than its header. */
		bad = dup_exact(nlh, len);
		first = (struct nlattr *)((char *)bad + off + NLA_HDRLEN);
		first->nla_len = 2;
		ck_assert_int_eq(nsaudit__parse_status(bad, len, FAMILY,
						       NSAUDIT_CMD_GET_STATUS,
						       &st, why, sizeof(why)),
				 -EBADMSG);
		free(bad);

		/* ... longer than the nest. */
		bad = dup_exact(nlh, len);
		nest = (struct nlattr *)((char *)bad + off);
		first = (struct nlattr *)((char *)nest + NLA_HDRLEN);
		first->nla_len = nest->nla_len;
		ck_assert_int_eq(nsaudit__parse_status(bad, len, FAMILY,
						       NSAUDIT_CMD_GET_STATUS,
						       &st, why, sizeof(why)),
				 -EBADMSG);
		free(bad);

		/* The nest claiming 3 bytes fewer: a torn last attribute. */
		bad = dup_exact(nlh, len);
		nest = (struct nlattr *)((char *)bad + off);
		nest->nla_len -= 3;
		ck_assert_int_eq(nsaudit__parse_status(bad, len, FAMILY,
						       NSAUDIT_CMD_GET_STATUS,
						       &st, why, sizeof(why)),
				 -EBADMSG);
		free(bad);
		free(nlh);
	}

	/* Empty nests: all their members missing. */
	{
		struct attr a[ARRAY_SIZE(status_attrs)];
		size_t i;

		memcpy(a, status_attrs, sizeof(a));
		for (i = 0; i < ARRAY_SIZE(a); i++) {
			if (a[i].nest)
				a[i].type = SKIP;
		}
		ck_assert_int_eq(parse_status(a, ARRAY_SIZE(a),
					      NSAUDIT_CMD_GET_STATUS, &st, why,
					      sizeof(why)), -EBADMSG);
		ck_assert_str_eq(why,
				 "NSAUDIT_A_COUNTERS lacks NSAUDIT_COUNTER_A_ENRICHED");
	}

	/* Garbage bytes after the last top-level attribute. */
	{
		struct nlmsghdr *nlh, *bad;
		size_t len;

		nlh = build(FAMILY, NSAUDIT_CMD_GET_STATUS, status_attrs,
			    ARRAY_SIZE(status_attrs), &len);
		bad = malloc(len + 3);
		ck_assert_ptr_nonnull(bad);
		memcpy(bad, nlh, len);
		memset((char *)bad + len, 0xff, 3);
		bad->nlmsg_len = len + 3;
		ck_assert_int_eq(nsaudit__parse_status(bad, len + 3, FAMILY,
						       NSAUDIT_CMD_GET_STATUS,
						       &st, why, sizeof(why)),
				 -EBADMSG);
		free(bad);
		free(nlh);
	}
}
END_TEST

/*
 * Every truncation of a complete reply: as received (nlmsg_len larger
 * than the data) and as sent (nlmsg_len cut to match). The last attribute
 * is mandatory, so no cut leaves a valid message, except one as sent that
 * takes off no more than that attribute's padding: the reply then ends at
 * @whole, the end of its payload, and holds everything.
 */
static void check_truncations(const struct nlmsghdr *nlh, size_t len,
			      size_t whole, bool nsid)
{
	struct nsaudit_nsid_set set;
	struct nsaudit_status st;
	size_t cut;

	for (cut = 0; cut < len; cut++) {
		struct nlmsghdr *bad;
		int k;

		for (k = 0; k < 2; k++) {
			char why[128];
			int err;

			bad = dup_exact(nlh, cut);
			if (k == 1) {
				uint32_t l = (uint32_t)cut;

				if (cut < sizeof(l)) {
					free(bad);
					continue;
				}
				memcpy(bad, &l, sizeof(l));
			}
			if (nsid)
				err = nsaudit__parse_nsid(bad, cut, FAMILY,
							  PID, &set, why,
							  sizeof(why));
			else
				err = nsaudit__parse_status(bad, cut, FAMILY,
						NSAUDIT_CMD_GET_STATUS, &st,
						why, sizeof(why));
			ck_assert_msg(err == (k && cut >= whole ? 0 : -EBADMSG),
				      "cut at %zu of %zu (%s): %d", cut, len,
				      k ? "as sent" : "as received", err);
			free(bad);
		}
	}
}

START_TEST(test_status_truncated)
{
	struct nlmsghdr *nlh;
	size_t len;

	nlh = build(FAMILY, NSAUDIT_CMD_GET_STATUS, status_attrs,
		    ARRAY_SIZE(status_attrs), &len);
	/* It ends in NSAUDIT_A_DELEGATED, a u8 and 3 bytes of padding. */
	check_truncations(nlh, len, len - (NLA_ALIGN(1) - 1), false);
	free(nlh);
}
END_TEST

/* ---- status of interface 1.1: new limits, the daemon ------------- */

/* The 1.4 additions in status_attrs, in the order a 1.4 status is checked. */
static const size_t status_1_4[] = {
	STATUS_PROBES, STATUS_SHARE, STATUS_DELEGATED, STATUS_CONTID_LOST,
	STATUS_UNENRICHED, STATUS_DELEGATIONS,
};

/* The 1.5 additions in status_attrs, in the order a 1.5 status is checked. */
static const size_t status_1_5[] = {
	STATUS_USER_DAEMONS, STATUS_USER_MEMORY, STATUS_DAEMON_MEMORY,
};

/* A status before 1.5: no user_daemons, user_memory, daemon_memory (0). */
static void skip_1_5_attrs(struct attr *a, struct nsaudit_status *want)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(status_1_5); i++)
		a[status_1_5[i]].type = SKIP;
	want->limits.user_daemons = 0;
	want->limits.user_memory = 0;
	want->limits.daemon_memory = 0;
}

/*
 * A status before 1.4: no probes state, share or delegated (-1), no
 * contid_lost, unenriched or delegations (0), nor what 1.5 added.
 */
static void skip_1_4_attrs(struct attr *a, struct nsaudit_status *want)
{
	size_t i;

	skip_1_5_attrs(a, want);
	for (i = 0; i < ARRAY_SIZE(status_1_4); i++)
		a[status_1_4[i]].type = SKIP;
	want->probes = -1;
	want->share = -1;
	want->delegated = -1;
	want->counters.contid_lost = 0;
	want->counters.unenriched = 0;
	want->counters.delegations = 0;
}

/* A status before 1.3: no container ID attribute; each reads as 0. */
static void skip_contid_attrs(struct attr *a, struct nsaudit_status *want)
{
	skip_1_4_attrs(a, want);
	a[STATUS_CONTIDS_COUNTER].type = SKIP;
	a[STATUS_CONTIDS_LIMIT].type = SKIP;
	a[STATUS_CONTID_TASKS].type = SKIP;
	want->counters.contids = 0;
	want->counters.contid_tasks = 0;
	want->limits.contids = 0;
}

/* A module of 1.0 has neither new limit: they read as 0; 1.1 needs both. */
START_TEST(test_status_minor_0)
{
	struct attr a[ARRAY_SIZE(status_attrs)];
	struct nsaudit_status st, want = want_status;
	char why[128];

	memcpy(a, status_attrs, sizeof(a));
	a[1].val = 0;
	a[STATUS_BACKLOG].type = SKIP;
	a[STATUS_MEMORY].type = SKIP;
	skip_contid_attrs(a, &want);
	want.version_minor = 0;
	want.limits.backlog = 0;
	want.limits.memory = 0;
	ck_assert_int_eq(parse_status(a, ARRAY_SIZE(a), NSAUDIT_CMD_GET_STATUS,
				      &st, why, sizeof(why)), 0);
	ck_assert(status_eq(&st, &want));
	ck_assert_int_eq(st.daemon.registered, 0);

	/* One without the other is still fine for 1.0 ... */
	a[STATUS_MEMORY].type = NSAUDIT_LIMIT_A_MEMORY;
	want.limits.memory = 0xfffffff1U;
	ck_assert_int_eq(parse_status(a, ARRAY_SIZE(a), NSAUDIT_CMD_GET_STATUS,
				      &st, why, sizeof(why)), 0);
	ck_assert(status_eq(&st, &want));

	/* ... but not for 1.1. */
	a[1].val = 1;
	ck_assert_int_eq(parse_status(a, ARRAY_SIZE(a), NSAUDIT_CMD_GET_STATUS,
				      &st, why, sizeof(why)), -EBADMSG);
	ck_assert_str_eq(why, "NSAUDIT_A_LIMITS of interface 1.1 lacks "
			 "NSAUDIT_LIMIT_A_BACKLOG");
}
END_TEST

/*
 * A module of 1.2 has no contids counter or limit: they read as 0. From
 * 1.3 on each is mandatory, and a newer minor's status has them too.
 */
START_TEST(test_status_minor_2)
{
	struct attr a[ARRAY_SIZE(status_attrs)];
	struct nsaudit_status st, want = want_status;
	char why[128];

	memcpy(a, status_attrs, sizeof(a));
	a[1].val = 2;
	skip_contid_attrs(a, &want);
	want.version_minor = 2;
	ck_assert_int_eq(parse_status(a, ARRAY_SIZE(a), NSAUDIT_CMD_GET_STATUS,
				      &st, why, sizeof(why)), 0);
	ck_assert(status_eq(&st, &want));

	/* A 1.2 module that has one of them anyway: taken. */
	a[STATUS_CONTIDS_LIMIT].type = NSAUDIT_LIMIT_A_CONTIDS;
	want.limits.contids = 0xfffffff2U;
	ck_assert_int_eq(parse_status(a, ARRAY_SIZE(a), NSAUDIT_CMD_GET_STATUS,
				      &st, why, sizeof(why)), 0);
	ck_assert(status_eq(&st, &want));

	/* 1.3 without the counter, then without the limit. */
	a[1].val = 3;
	ck_assert_int_eq(parse_status(a, ARRAY_SIZE(a), NSAUDIT_CMD_GET_STATUS,
				      &st, why, sizeof(why)), -EBADMSG);
	ck_assert_str_eq(why, "NSAUDIT_A_COUNTERS of interface 1.3 lacks "
			 "NSAUDIT_COUNTER_A_CONTIDS");
	a[STATUS_CONTIDS_COUNTER].type = NSAUDIT_COUNTER_A_CONTIDS;
	ck_assert_int_eq(parse_status(a, ARRAY_SIZE(a), NSAUDIT_CMD_GET_STATUS,
				      &st, why, sizeof(why)), -EBADMSG);
	ck_assert_str_eq(why, "NSAUDIT_A_COUNTERS of interface 1.3 lacks "
			 "NSAUDIT_COUNTER_A_CONTID_TASKS");
	a[STATUS_CONTID_TASKS].type = NSAUDIT_COUNTER_A_CONTID_TASKS;
	a[STATUS_CONTIDS_LIMIT].type = SKIP;
	ck_assert_int_eq(parse_status(a, ARRAY_SIZE(a), NSAUDIT_CMD_GET_STATUS,
				      &st, why, sizeof(why)), -EBADMSG);
	ck_assert_str_eq(why, "NSAUDIT_A_LIMITS of interface 1.3 lacks "
			 "NSAUDIT_LIMIT_A_CONTIDS");

	/* Complete at 1.3. */
	a[STATUS_CONTIDS_LIMIT].type = NSAUDIT_LIMIT_A_CONTIDS;
	want.version_minor = 3;
	want.counters.contids = 0xfffffffffffffffdULL;
	want.counters.contid_tasks = 0xfffffffffffffffcULL;
	ck_assert_int_eq(parse_status(a, ARRAY_SIZE(a), NSAUDIT_CMD_GET_STATUS,
				      &st, why, sizeof(why)), 0);
	ck_assert(status_eq(&st, &want));
}
END_TEST

/*
 * A module of 1.3 does not say whether its probes fire nor what it shares
 * (-1) and has no contid_lost, unenriched or delegations counter (0).
 * From 1.4 on each is mandatory, in a reply and in a notification alike,
 * but for NSAUDIT_A_DELEGATED, which only a reply needs.
 */
START_TEST(test_status_minor_3)
{
	static const uint8_t cmds[] = {
		NSAUDIT_CMD_GET_STATUS, NSAUDIT_CMD_CONFIG_NTF,
	};
	static const char *const lacks[] = {
		"status of interface 1.4 lacks NSAUDIT_A_PROBES",
		"status of interface 1.4 lacks NSAUDIT_A_SHARE",
		"status of interface 1.4 lacks NSAUDIT_A_DELEGATED",
		"NSAUDIT_A_COUNTERS of interface 1.4 lacks "
		"NSAUDIT_COUNTER_A_CONTID_LOST",
		"NSAUDIT_A_COUNTERS of interface 1.4 lacks "
		"NSAUDIT_COUNTER_A_UNENRICHED",
		"NSAUDIT_A_COUNTERS of interface 1.4 lacks "
		"NSAUDIT_COUNTER_A_DELEGATIONS",
	};
	struct attr a[ARRAY_SIZE(status_attrs)];
	struct nsaudit_status st, want;
	char why[128];
	size_t i, k;

	for (i = 0; i < ARRAY_SIZE(cmds); i++) {
		memcpy(a, status_attrs, sizeof(a));
		want = want_status;
		a[1].val = 3;
		skip_1_4_attrs(a, &want);
		want.version_minor = 3;
		ck_assert_int_eq(parse_status(a, ARRAY_SIZE(a), cmds[i], &st,
					      why, sizeof(why)), 0);
		ck_assert(status_eq(&st, &want));
		ck_assert_int_eq(st.probes, -1);
		ck_assert_int_eq(st.share, -1);
		ck_assert_int_eq(st.delegated, -1);
		ck_assert_str_eq(why, "");

		/* A 1.3 module that has one of them anyway: taken. */
		a[STATUS_PROBES].type = NSAUDIT_A_PROBES;
		a[STATUS_PROBES].val = 0;
		want.probes = 0;
		ck_assert_int_eq(parse_status(a, ARRAY_SIZE(a), cmds[i], &st,
					      why, sizeof(why)), 0);
		ck_assert(status_eq(&st, &want));
		a[STATUS_PROBES].type = SKIP;
		want.probes = -1;
		a[STATUS_CONTID_LOST].type = NSAUDIT_COUNTER_A_CONTID_LOST;
		want.counters.contid_lost = 0xfffffffffffffffbULL;
		ck_assert_int_eq(parse_status(a, ARRAY_SIZE(a), cmds[i], &st,
					      why, sizeof(why)), 0);
		ck_assert(status_eq(&st, &want));
		a[STATUS_CONTID_LOST].type = SKIP;
		want.counters.contid_lost = 0;
		a[STATUS_UNENRICHED].type = NSAUDIT_COUNTER_A_UNENRICHED;
		want.counters.unenriched = 0xfffffffffffffffaULL;
		ck_assert_int_eq(parse_status(a, ARRAY_SIZE(a), cmds[i], &st,
					      why, sizeof(why)), 0);
		ck_assert(status_eq(&st, &want));
		a[STATUS_UNENRICHED].type = SKIP;
		want.counters.unenriched = 0;
		a[STATUS_SHARE].type = NSAUDIT_A_SHARE;
		want.share = NSAUDIT_SHARE_ALL;
		ck_assert_int_eq(parse_status(a, ARRAY_SIZE(a), cmds[i], &st,
					      why, sizeof(why)), 0);
		ck_assert(status_eq(&st, &want));
		a[STATUS_SHARE].type = SKIP;
		want.share = -1;
		a[STATUS_DELEGATED].type = NSAUDIT_A_DELEGATED;
		want.delegated = 1;
		want_for_cmd(cmds[i], &want);
		ck_assert_int_eq(parse_status(a, ARRAY_SIZE(a), cmds[i], &st,
					      why, sizeof(why)), 0);
		ck_assert(status_eq(&st, &want));
		a[STATUS_DELEGATED].type = SKIP;
		want.delegated = -1;
		a[STATUS_DELEGATIONS].type = NSAUDIT_COUNTER_A_DELEGATIONS;
		want.counters.delegations = 0xfffffffffffffff9ULL;
		ck_assert_int_eq(parse_status(a, ARRAY_SIZE(a), cmds[i], &st,
					      why, sizeof(why)), 0);
		ck_assert(status_eq(&st, &want));

		/* 1.4 without each of them in turn. */
		a[1].val = 4;
		a[STATUS_PROBES].val = 0;
		for (k = 0; k < ARRAY_SIZE(status_1_4); k++)
			a[status_1_4[k]].type =
				status_attrs[status_1_4[k]].type;
		for (k = 0; k < ARRAY_SIZE(status_1_4); k++) {
			int err;

			a[status_1_4[k]].type = SKIP;
			err = parse_status(a, ARRAY_SIZE(a), cmds[i], &st, why,
					   sizeof(why));
			a[status_1_4[k]].type =
				status_attrs[status_1_4[k]].type;
			/* A notification does without it. */
			if (status_1_4[k] == STATUS_DELEGATED &&
			    cmds[i] == NSAUDIT_CMD_CONFIG_NTF) {
				ck_assert_int_eq(err, 0);
				ck_assert_int_eq(st.delegated, -1);
				continue;
			}
			ck_assert_int_eq(err, -EBADMSG);
			ck_assert_str_eq(why, lacks[k]);
		}

		/* Complete at 1.4 (which has no 1.5 limits, see below). */
		want = want_status;
		want_for_cmd(cmds[i], &want);
		skip_1_5_attrs(a, &want);
		want.version_minor = 4;
		want.probes = 0;
		ck_assert_int_eq(parse_status(a, ARRAY_SIZE(a), cmds[i], &st,
					      why, sizeof(why)), 0);
		ck_assert(status_eq(&st, &want));
	}
}
END_TEST

/*
 * A module of 1.4 has no user_daemons, user_memory or daemon_memory limit:
 * each reads as 0. From 1.5 on each is mandatory, in a reply and in a
 * notification alike.
 */
START_TEST(test_status_minor_4)
{
	static const uint8_t cmds[] = {
		NSAUDIT_CMD_GET_STATUS, NSAUDIT_CMD_CONFIG_NTF,
	};
	static const char *const lacks[] = {
		"NSAUDIT_A_LIMITS of interface 1.5 lacks "
		"NSAUDIT_LIMIT_A_USER_DAEMONS",
		"NSAUDIT_A_LIMITS of interface 1.5 lacks "
		"NSAUDIT_LIMIT_A_USER_MEMORY",
		"NSAUDIT_A_LIMITS of interface 1.5 lacks "
		"NSAUDIT_LIMIT_A_DAEMON_MEMORY",
	};
	struct attr a[ARRAY_SIZE(status_attrs)];
	struct nsaudit_status st, want;
	char why[128];
	size_t i, k;

	for (i = 0; i < ARRAY_SIZE(cmds); i++) {
		memcpy(a, status_attrs, sizeof(a));
		want = want_status;
		want_for_cmd(cmds[i], &want);
		a[1].val = 4;
		skip_1_5_attrs(a, &want);
		want.version_minor = 4;
		ck_assert_int_eq(parse_status(a, ARRAY_SIZE(a), cmds[i], &st,
					      why, sizeof(why)), 0);
		ck_assert(status_eq(&st, &want));
		ck_assert_uint_eq(st.limits.user_daemons, 0);
		ck_assert_uint_eq(st.limits.user_memory, 0);
		ck_assert_uint_eq(st.limits.daemon_memory, 0);
		ck_assert_uint_eq(st.limits.contids, 0xfffffff2U);
		ck_assert_str_eq(why, "");

		/* A 1.4 module that has one of them anyway: taken. */
		a[STATUS_USER_DAEMONS].type = NSAUDIT_LIMIT_A_USER_DAEMONS;
		want.limits.user_daemons = 0xfffffff3U;
		ck_assert_int_eq(parse_status(a, ARRAY_SIZE(a), cmds[i], &st,
					      why, sizeof(why)), 0);
		ck_assert(status_eq(&st, &want));
		a[STATUS_USER_DAEMONS].type = SKIP;
		want.limits.user_daemons = 0;
		a[STATUS_USER_MEMORY].type = NSAUDIT_LIMIT_A_USER_MEMORY;
		want.limits.user_memory = 0xfffffff4U;
		ck_assert_int_eq(parse_status(a, ARRAY_SIZE(a), cmds[i], &st,
					      why, sizeof(why)), 0);
		ck_assert(status_eq(&st, &want));
		a[STATUS_USER_MEMORY].type = SKIP;
		want.limits.user_memory = 0;
		a[STATUS_DAEMON_MEMORY].type = NSAUDIT_LIMIT_A_DAEMON_MEMORY;
		want.limits.daemon_memory = 0xfffffff5U;
		ck_assert_int_eq(parse_status(a, ARRAY_SIZE(a), cmds[i], &st,
					      why, sizeof(why)), 0);
		ck_assert(status_eq(&st, &want));

		/* 1.5 without each of them in turn. */
		a[1].val = 5;
		for (k = 0; k < ARRAY_SIZE(status_1_5); k++)
			a[status_1_5[k]].type =
				status_attrs[status_1_5[k]].type;
		for (k = 0; k < ARRAY_SIZE(status_1_5); k++) {
			a[status_1_5[k]].type = SKIP;
			ck_assert_int_eq(parse_status(a, ARRAY_SIZE(a),
						      cmds[i], &st, why,
						      sizeof(why)), -EBADMSG);
			ck_assert_str_eq(why, lacks[k]);
			a[status_1_5[k]].type =
				status_attrs[status_1_5[k]].type;
		}

		/* Complete at 1.5. */
		want = want_status;
		want_for_cmd(cmds[i], &want);
		want.version_minor = 5;
		ck_assert_int_eq(parse_status(a, ARRAY_SIZE(a), cmds[i], &st,
					      why, sizeof(why)), 0);
		ck_assert(status_eq(&st, &want));
		ck_assert_str_eq(why, "");

		/* user_daemons 0 is a limit of 1.5, read as it is. */
		a[STATUS_USER_DAEMONS].val = 0;
		want.limits.user_daemons = 0;
		ck_assert_int_eq(parse_status(a, ARRAY_SIZE(a), cmds[i], &st,
					      why, sizeof(why)), 0);
		ck_assert(status_eq(&st, &want));
	}
}
END_TEST

/* status_attrs, then daemon_attrs with @skip left out and @len changed. */
static int parse_status_daemon(size_t skip, int len,
			       struct nsaudit_status *st, char *why,
			       size_t size)
{
	struct attr a[ARRAY_SIZE(status_attrs) + ARRAY_SIZE(daemon_attrs)];
	size_t n = ARRAY_SIZE(status_attrs);

	memcpy(a, status_attrs, sizeof(status_attrs));
	memcpy(a + n, daemon_attrs, sizeof(daemon_attrs));
	if (skip < ARRAY_SIZE(daemon_attrs)) {
		if (len)
			a[n + skip].len = len;
		else
			a[n + skip].type = SKIP;
	}
	return parse_status(a, ARRAY_SIZE(a), NSAUDIT_CMD_GET_STATUS, st, why,
			    size);
}

START_TEST(test_status_daemon)
{
	struct nsaudit_status st, want = want_status;
	char why[128];

	want.daemon = want_daemon;
	ck_assert_int_eq(parse_status_daemon(SIZE_MAX, 0, &st, why,
					     sizeof(why)), 0);
	ck_assert(status_eq(&st, &want));
	ck_assert_str_eq(why, "");

	/* Without the nest: no daemon, and nothing else of it. */
	ck_assert_int_eq(parse_status(status_attrs, ARRAY_SIZE(status_attrs),
				      NSAUDIT_CMD_CONFIG_NTF, &st, why,
				      sizeof(why)), 0);
	ck_assert(daemon_eq(&st.daemon,
			    &(struct nsaudit_daemon_info){ .registered = 0 }));
}
END_TEST

/* Present, the nest must be complete, each member of its exact width. */
START_TEST(test_status_daemon_members)
{
	static const char *const want[ARRAY_SIZE(daemon_attrs)] = {
		NULL,
		"NSAUDIT_A_DAEMON lacks NSAUDIT_DAEMON_A_PID",
		"NSAUDIT_A_DAEMON lacks NSAUDIT_DAEMON_A_USERNS",
		"NSAUDIT_A_DAEMON lacks NSAUDIT_DAEMON_A_BACKLOG",
		"NSAUDIT_A_DAEMON lacks NSAUDIT_DAEMON_A_QUEUED",
		"NSAUDIT_A_DAEMON lacks NSAUDIT_DAEMON_A_ROUTED",
		"NSAUDIT_A_DAEMON lacks NSAUDIT_DAEMON_A_DELIVERED",
		"NSAUDIT_A_DAEMON lacks NSAUDIT_DAEMON_A_LOST",
	};
	static const int wrong[][2] = {
		[4] = { 2, 8 }, [8] = { 4, 16 },
	};
	struct nsaudit_status st;
	char why[128];
	size_t i;
	int k;

	for (i = 1; i < ARRAY_SIZE(daemon_attrs); i++) {
		ck_assert_int_eq(parse_status_daemon(i, 0, &st, why,
						     sizeof(why)), -EBADMSG);
		ck_assert_str_eq(why, want[i]);
		for (k = 0; k < 2; k++) {
			int len = wrong[daemon_attrs[i].len][k];

			ck_assert_msg(parse_status_daemon(i, len, &st, why,
							  sizeof(why)) ==
				      -EBADMSG,
				      "daemon member %zu of length %d", i,
				      len);
			ck_assert_str_eq(why,
					 "malformed attributes in NSAUDIT_A_DAEMON");
		}
	}

	/* The nest itself as a u32. */
	ck_assert_int_eq(parse_status_daemon(0, 4, &st, why, sizeof(why)),
			 -EBADMSG);
}
END_TEST

/* ---- nsID reply parsing ------------------------------------------ */

START_TEST(test_nsid_complete)
{
	struct nsaudit_nsid_set set;
	struct attr a[ARRAY_SIZE(nsid_attrs)];
	char why[128];

	ck_assert_int_eq(parse_nsid(nsid_attrs, ARRAY_SIZE(nsid_attrs), PID,
				    &set, why, sizeof(why)), 0);
	ck_assert(set_eq(&set, &want_set));

	memcpy(a, nsid_attrs, sizeof(a));
	a[0].val = 1;
	ck_assert_int_eq(parse_nsid(a, ARRAY_SIZE(a), 1, &set, why,
				    sizeof(why)), 0);
	ck_assert(set_eq(&set, &want_set));
}
END_TEST

START_TEST(test_nsid_missing)
{
	struct attr a[ARRAY_SIZE(nsid_attrs)];
	struct nsaudit_nsid_set set;
	char why[128];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(a); i++) {
		memcpy(a, nsid_attrs, sizeof(a));
		a[i].type = SKIP;
		ck_assert_msg(parse_nsid(a, ARRAY_SIZE(a), PID, &set, why,
					 sizeof(why)) == -EBADMSG,
			      "attribute %zu left out", i);
		ck_assert_msg(strstr(why, "lacks") != NULL, "%zu: %s", i, why);
	}
	memcpy(a, nsid_attrs, sizeof(a));
	a[ARRAY_SIZE(a) - 1].type = SKIP;
	parse_nsid(a, ARRAY_SIZE(a), PID, &set, why, sizeof(why));
	ck_assert_str_eq(why, "NSAUDIT_A_NSID lacks NSAUDIT_NSID_A_TIME");
}
END_TEST

START_TEST(test_nsid_other_pid)
{
	struct nsaudit_nsid_set set;
	char why[128];

	ck_assert_int_eq(parse_nsid(nsid_attrs, ARRAY_SIZE(nsid_attrs),
				    PID - 1, &set, why, sizeof(why)),
			 -EBADMSG);
	ck_assert_str_eq(why, "nsID reply is for pid 4194304, not 4194303");
	ck_assert_int_eq(parse_nsid(nsid_attrs, ARRAY_SIZE(nsid_attrs), 0,
				    &set, why, sizeof(why)), -EBADMSG);
}
END_TEST

START_TEST(test_nsid_lengths)
{
	struct attr a[ARRAY_SIZE(nsid_attrs)];
	struct nsaudit_nsid_set set;
	char why[128];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(a); i++) {
		static const int wrong[] = { 0, 2, 8 };
		size_t k;

		if (nsid_attrs[i].len == NEST)
			continue;
		for (k = 0; k < ARRAY_SIZE(wrong); k++) {
			memcpy(a, nsid_attrs, sizeof(a));
			a[i].len = wrong[k];
			ck_assert_msg(parse_nsid(a, ARRAY_SIZE(a), PID, &set,
						 why, sizeof(why)) == -EBADMSG,
				      "attribute %zu of length %d accepted", i,
				      wrong[k]);
		}
	}
}
END_TEST

START_TEST(test_nsid_unknown_ignored)
{
	const struct attr extra[] = {
		{ 0, NSAUDIT_A_MAX + 1, 8, 1 },
		{ 0, NSAUDIT_A_PAD, 4, 0 },
		{ 0, NSAUDIT_A_ENRICH, 1, 1 },
		{ NSAUDIT_A_NSID, NSAUDIT_NSID_A_MAX + 1, 4, 9 },
		{ NSAUDIT_A_NSID, NSAUDIT_NSID_A_MAX + 2, 3, 9 },
	};
	struct attr a[ARRAY_SIZE(extra) + ARRAY_SIZE(nsid_attrs)];
	struct nsaudit_nsid_set set;
	char why[128];

	memcpy(a, extra, sizeof(extra));
	memcpy(a + ARRAY_SIZE(extra), nsid_attrs, sizeof(nsid_attrs));
	ck_assert_int_eq(parse_nsid(a, ARRAY_SIZE(a), PID, &set, why,
				    sizeof(why)), 0);
	ck_assert(set_eq(&set, &want_set));
}
END_TEST

START_TEST(test_nsid_wrong_message)
{
	struct nsaudit_nsid_set set;
	struct nlmsghdr *nlh;
	char why[128];
	size_t len;

	nlh = build(FAMILY, NSAUDIT_CMD_GET_STATUS, nsid_attrs,
		    ARRAY_SIZE(nsid_attrs), &len);
	ck_assert_int_eq(nsaudit__parse_nsid(nlh, len, FAMILY, PID, &set, why,
					     sizeof(why)), -EBADMSG);
	free(nlh);
	nlh = build(FAMILY + 1, NSAUDIT_CMD_GET_NSID, nsid_attrs,
		    ARRAY_SIZE(nsid_attrs), &len);
	ck_assert_int_eq(nsaudit__parse_nsid(nlh, len, FAMILY, PID, &set, why,
					     sizeof(why)), -EBADMSG);
	free(nlh);
}
END_TEST

START_TEST(test_nsid_truncated)
{
	struct nlmsghdr *nlh;
	size_t len;

	nlh = build(FAMILY, NSAUDIT_CMD_GET_NSID, nsid_attrs,
		    ARRAY_SIZE(nsid_attrs), &len);
	check_truncations(nlh, len, len, true);
	free(nlh);
}
END_TEST

/* ---- extended ACK ------------------------------------------------ */

struct bytes {
	unsigned char b[512];
	size_t len;
};

static void put_bytes(struct bytes *b, const void *p, size_t n)
{
	ck_assert(b->len + n <= sizeof(b->b));
	memcpy(b->b + b->len, p, n);
	b->len += n;
}

static void put_pad(struct bytes *b)
{
	static const unsigned char zero[NLA_ALIGNTO];

	put_bytes(b, zero, NLA_ALIGN(b->len) - b->len);
}

/* One raw attribute, padded; @len is the payload's length. */
static void put_tlv(struct bytes *b, uint16_t type, const void *data,
		    uint16_t len)
{
	struct nlattr nla = { .nla_len = NLA_HDRLEN + len, .nla_type = type };

	put_bytes(b, &nla, sizeof(nla));
	put_bytes(b, data, len);
	put_pad(b);
}

/*
 * An NLMSG_ERROR with @flags answering a request of @req_len bytes: the
 * request's payload follows unless @capped, and carries an attribute that
 * looks like NLMSGERR_ATTR_MSG ("WRONG"), so that a parser that does not
 * skip it finds the wrong text. Then the attributes in @tlvs.
 */
static struct nlmsghdr *error_msg(int error, uint16_t flags, uint32_t req_len,
				  bool capped, const struct bytes *tlvs,
				  size_t *lenp)
{
	struct bytes m = { .len = 0 };
	struct nlmsghdr hdr = { .nlmsg_type = NLMSG_ERROR,
				.nlmsg_flags = flags, .nlmsg_seq = 5 };
	struct nlmsghdr req = { .nlmsg_len = req_len, .nlmsg_type = FAMILY,
				.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK,
				.nlmsg_seq = 5 };
	struct nlmsghdr *nlh;

	put_bytes(&m, &hdr, sizeof(hdr));
	put_bytes(&m, &error, sizeof(error));
	put_bytes(&m, &req, sizeof(req));
	if (!capped) {
		struct bytes payload = { .len = 0 };
		struct genlmsghdr g = { .cmd = NSAUDIT_CMD_SET, .version = 1 };

		put_bytes(&payload, &g, sizeof(g));
		put_tlv(&payload, NLMSGERR_ATTR_MSG, "WRONG", 6);
		ck_assert(req_len >= NLMSG_HDRLEN &&
			  req_len - NLMSG_HDRLEN <= payload.len);
		put_bytes(&m, payload.b, req_len - NLMSG_HDRLEN);
		put_pad(&m);
	}
	if (tlvs)
		put_bytes(&m, tlvs->b, tlvs->len);
	((struct nlmsghdr *)m.b)->nlmsg_len = m.len;
	nlh = dup_exact(m.b, m.len);
	*lenp = m.len;
	return nlh;
}

static int parse_error(const struct nlmsghdr *nlh, size_t len, int *error,
		       char *text, size_t size)
{
	*error = 12345;
	memset(text, 'x', size);
	return nsaudit__parse_error(nlh, len, error, text, size);
}

/* A 19-character text: its attribute (4 + 20 bytes) needs no padding. */
#define TEXT	"queue limit too low"

START_TEST(test_extack_capped)
{
	struct bytes tlvs = { .len = 0 };
	const uint32_t offs = 20;
	struct nlmsghdr *nlh;
	char text[128];
	size_t len;
	int error;

	/* Another attribute first: the text is found wherever it is. */
	put_tlv(&tlvs, NLMSGERR_ATTR_OFFS, &offs, sizeof(offs));
	put_tlv(&tlvs, NLMSGERR_ATTR_MSG, TEXT, sizeof(TEXT));
	nlh = error_msg(-EINVAL, NLM_F_CAPPED | NLM_F_ACK_TLVS, 60, true,
			&tlvs, &len);
	ck_assert_int_eq(parse_error(nlh, len, &error, text, sizeof(text)), 0);
	ck_assert_int_eq(error, -EINVAL);
	ck_assert_str_eq(text, TEXT);

	/* A buffer too small: cut, still terminated. */
	ck_assert_int_eq(parse_error(nlh, len, &error, text, 6), 0);
	ck_assert_str_eq(text, "queue");
	ck_assert_int_eq(parse_error(nlh, len, &error, text, 1), 0);
	ck_assert_str_eq(text, "");
	/* No buffer: the error alone. */
	error = 0;
	ck_assert_int_eq(nsaudit__parse_error(nlh, len, &error, NULL, 0), 0);
	ck_assert_int_eq(error, -EINVAL);
	free(nlh);
}
END_TEST

START_TEST(test_extack_uncapped)
{
	/* Echoed requests whose lengths need padding (21, 22) and not (24). */
	static const uint32_t req_len[] = { 16, 20, 21, 22, 24, 32 };
	size_t i;

	for (i = 0; i < ARRAY_SIZE(req_len); i++) {
		struct bytes tlvs = { .len = 0 };
		struct nlmsghdr *nlh;
		char text[128];
		size_t len;
		int error;

		put_tlv(&tlvs, NLMSGERR_ATTR_MSG, TEXT, sizeof(TEXT));
		nlh = error_msg(-EPERM, NLM_F_ACK_TLVS, req_len[i], false,
				&tlvs, &len);
		ck_assert_int_eq(parse_error(nlh, len, &error, text,
					     sizeof(text)), 0);
		ck_assert_int_eq(error, -EPERM);
		ck_assert_msg(strcmp(text, TEXT) == 0,
			      "request of %u bytes: \"%s\"", req_len[i], text);
		free(nlh);
	}
}
END_TEST

START_TEST(test_extack_no_tlvs)
{
	struct bytes tlvs = { .len = 0 };
	struct nlmsghdr *nlh;
	char text[128];
	size_t len;
	int error;

	/* Attributes present, but without NLM_F_ACK_TLVS they are not TLVs. */
	put_tlv(&tlvs, NLMSGERR_ATTR_MSG, TEXT, sizeof(TEXT));
	nlh = error_msg(-ESRCH, NLM_F_CAPPED, 20, true, &tlvs, &len);
	ck_assert_int_eq(parse_error(nlh, len, &error, text, sizeof(text)), 0);
	ck_assert_int_eq(error, -ESRCH);
	ck_assert_str_eq(text, "");
	free(nlh);

	/* Uncapped, no TLVs: the echoed "WRONG" is not the text either. */
	nlh = error_msg(-EACCES, 0, 32, false, NULL, &len);
	ck_assert_int_eq(parse_error(nlh, len, &error, text, sizeof(text)), 0);
	ck_assert_int_eq(error, -EACCES);
	ck_assert_str_eq(text, "");
	free(nlh);

	/* TLVs announced, none there. */
	nlh = error_msg(-EBUSY, NLM_F_CAPPED | NLM_F_ACK_TLVS, 20, true, NULL,
			&len);
	ck_assert_int_eq(parse_error(nlh, len, &error, text, sizeof(text)), 0);
	ck_assert_int_eq(error, -EBUSY);
	ck_assert_str_eq(text, "");
	free(nlh);
}
END_TEST

START_TEST(test_extack_text_forms)
{
	static const struct {
		const char *data;
		uint16_t len;
		const char *want;
	} cases[] = {
		/* Bounded by nla_len, not by a NUL. */
		{ "no NUL", 6, "no NUL" },
		{ "two\0parts", 9, "two" },
		{ "a\nb\tc\x7f" "d", 8, "a?b?c?d" },	/* stays one line */
		{ "", 0, "" },		/* an empty attribute */
		{ "\xc3\xa9t\xc3\xa9", 6, "\xc3\xa9t\xc3\xa9" },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		struct bytes tlvs = { .len = 0 };
		struct nlmsghdr *nlh;
		char text[128];
		size_t len;
		int error;

		put_tlv(&tlvs, NLMSGERR_ATTR_MSG, cases[i].data, cases[i].len);
		nlh = error_msg(5, NLM_F_CAPPED | NLM_F_ACK_TLVS, 20, true,
				&tlvs, &len);
		ck_assert_int_eq(parse_error(nlh, len, &error, text,
					     sizeof(text)), 0);
		/* A positive error is taken as the errno it names. */
		ck_assert_int_eq(error, -5);
		ck_assert_msg(strcmp(text, cases[i].want) == 0, "case %zu: %s",
			      i, text);
		free(nlh);
	}
}
END_TEST

/* An ACK (error 0) may carry a warning text too. */
START_TEST(test_extack_ack)
{
	struct bytes tlvs = { .len = 0 };
	struct nlmsghdr *nlh;
	char text[128];
	size_t len;
	int error;

	put_tlv(&tlvs, NLMSGERR_ATTR_MSG, TEXT, sizeof(TEXT));
	nlh = error_msg(0, NLM_F_CAPPED | NLM_F_ACK_TLVS, 20, true, &tlvs,
			&len);
	ck_assert_int_eq(parse_error(nlh, len, &error, text, sizeof(text)), 0);
	ck_assert_int_eq(error, 0);
	ck_assert_str_eq(text, TEXT);
	free(nlh);
}
END_TEST

START_TEST(test_extack_malformed)
{
	struct bytes tlvs = { .len = 0 };
	struct nlmsghdr *nlh, *bad;
	struct nlmsgerr *e;
	struct nlattr *nla;
	char text[128];
	size_t len;
	int error;

	put_tlv(&tlvs, NLMSGERR_ATTR_MSG, TEXT, sizeof(TEXT));

	/* The echoed request claims more than there is: no text. */
	nlh = error_msg(-EINVAL, NLM_F_ACK_TLVS, 32, false, &tlvs, &len);
	bad = dup_exact(nlh, len);
	e = nlmsg_data(bad);
	e->msg.nlmsg_len = 0xffffffff;
	ck_assert_int_eq(parse_error(bad, len, &error, text, sizeof(text)), 0);
	ck_assert_int_eq(error, -EINVAL);
	ck_assert_str_eq(text, "");
	/* Past the end by as much as the error header. */
	e->msg.nlmsg_len = (uint32_t)len;
	ck_assert_int_eq(parse_error(bad, len, &error, text, sizeof(text)), 0);
	ck_assert_str_eq(text, "");
	e->msg.nlmsg_len = 8;			/* shorter than a header */
	ck_assert_int_eq(parse_error(bad, len, &error, text, sizeof(text)), 0);
	ck_assert_str_eq(text, "");
	free(bad);
	free(nlh);

	nlh = error_msg(-EINVAL, NLM_F_CAPPED | NLM_F_ACK_TLVS, 20, true,
			&tlvs, &len);

	/* The text attribute longer than the message. */
	bad = dup_exact(nlh, len);
	nla = (struct nlattr *)((char *)bad + NLMSG_HDRLEN +
				sizeof(struct nlmsgerr));
	nla->nla_len = 200;
	ck_assert_int_eq(parse_error(bad, len, &error, text, sizeof(text)), 0);
	ck_assert_str_eq(text, "");
	nla->nla_len = 3;			/* shorter than its header */
	ck_assert_int_eq(parse_error(bad, len, &error, text, sizeof(text)), 0);
	ck_assert_str_eq(text, "");
	free(bad);

	/* Not a complete NLMSG_ERROR: nothing is taken from it. */
	bad = dup_exact(nlh, len);
	bad->nlmsg_len = len + 4;
	ck_assert_int_eq(parse_error(bad, len, &error, text, sizeof(text)),
			 -EBADMSG);
	ck_assert_int_eq(error, 12345);
	ck_assert_str_eq(text, "");
	bad->nlmsg_len = NLMSG_HDRLEN + sizeof(struct nlmsgerr) - 1;
	ck_assert_int_eq(parse_error(bad, len, &error, text, sizeof(text)),
			 -EBADMSG);
	bad->nlmsg_len = len;
	bad->nlmsg_type = NLMSG_DONE;
	ck_assert_int_eq(parse_error(bad, len, &error, text, sizeof(text)),
			 -EBADMSG);
	ck_assert_int_eq(nsaudit__parse_error(NULL, len, &error, text,
					      sizeof(text)), -EBADMSG);
	ck_assert_int_eq(nsaudit__parse_error(nlh, len, NULL, text,
					      sizeof(text)), -EBADMSG);
	free(bad);
	free(nlh);
}
END_TEST

/* Every truncation, received and as sent: never a read out of bounds. */
START_TEST(test_extack_truncated)
{
	static const bool capped[] = { true, false };
	size_t c;

	for (c = 0; c < ARRAY_SIZE(capped); c++) {
		struct bytes tlvs = { .len = 0 };
		struct nlmsghdr *nlh;
		size_t len, cut;

		put_tlv(&tlvs, NLMSGERR_ATTR_MSG, TEXT, sizeof(TEXT));
		nlh = error_msg(-EINVAL, NLM_F_ACK_TLVS |
				(capped[c] ? NLM_F_CAPPED : 0), 28, capped[c],
				&tlvs, &len);
		for (cut = 0; cut < len; cut++) {
			struct nlmsghdr *bad = dup_exact(nlh, cut);
			uint32_t l = (uint32_t)cut;
			char text[128];
			int error;

			ck_assert_int_eq(parse_error(bad, cut, &error, text,
						     sizeof(text)), -EBADMSG);
			if (cut >= NLMSG_HDRLEN + sizeof(struct nlmsgerr)) {
				memcpy(bad, &l, sizeof(l));
				ck_assert_int_eq(parse_error(bad, cut, &error,
							     text,
							     sizeof(text)), 0);
				ck_assert_int_eq(error, -EINVAL);
				/* The text is last and ends aligned. */
				ck_assert_msg(text[0] == '\0',
					      "cut at %zu: \"%s\"", cut, text);
			}
			free(bad);
		}
		free(nlh);
	}
}
END_TEST

/* ---- libnl error codes ------------------------------------------- */

START_TEST(test_nlerr_map)
{
	/* The errnos libnl maps one to one: they must come back unchanged. */
	static const int one_to_one[] = {
		EINTR, EAGAIN, ENOMEM, EEXIST, EINVAL, ERANGE, EOPNOTSUPP,
		EAFNOSUPPORT, ENOENT, EADDRNOTAVAIL, EBUSY, EPROTONOSUPPORT,
		EACCES, EPERM, ENODEV, EBADF,
	};
	size_t i;
	int nle;

	for (i = 0; i < ARRAY_SIZE(one_to_one); i++) {
		int e = one_to_one[i];

		ck_assert_msg(nsaudit__errno_of_nlerr(-nl_syserr2nlerr(e)) ==
			      -e, "errno %d", e);
	}
	ck_assert_int_eq(nsaudit__errno_of_nlerr(0), 0);
	ck_assert_int_eq(nsaudit__errno_of_nlerr(NLE_OBJ_NOTFOUND), -ENOENT);
	ck_assert_int_eq(nsaudit__errno_of_nlerr(-NLE_OBJ_NOTFOUND), -ENOENT);
	ck_assert_int_eq(nsaudit__errno_of_nlerr(-NLE_MSG_OVERFLOW), -ENOBUFS);
	ck_assert_int_eq(nsaudit__errno_of_nlerr(-NLE_SEQ_MISMATCH), -EBADMSG);
	ck_assert_int_eq(nsaudit__errno_of_nlerr(-NLE_MSG_TRUNC), -EBADMSG);
	ck_assert_int_eq(nsaudit__errno_of_nlerr(-NLE_DUMP_INTR), -EAGAIN);
	ck_assert_int_eq(nsaudit__errno_of_nlerr(-NLE_FAILURE), -EIO);
	ck_assert_int_eq(nsaudit__errno_of_nlerr(-(NLE_MAX + 1)), -EIO);
	ck_assert_int_eq(nsaudit__errno_of_nlerr(INT_MIN), -EIO);
	ck_assert_int_eq(nsaudit__errno_of_nlerr(INT_MAX), -EIO);
	/* Every code is some errno: no failure can pass for success. */
	for (nle = 1; nle <= NLE_MAX; nle++)
		ck_assert_msg(nsaudit__errno_of_nlerr(-nle) < 0, "NLE %d", nle);
}
END_TEST

/* ---- the client, without the module ------------------------------ */

/*
 * Independently of the library: ask the genetlink controller for @name.
 * 0 if the family exists, -ENOENT if not, -errno if this process cannot
 * have a generic netlink socket at all.
 */
static int probe_family(const char *name)
{
	struct {
		struct nlmsghdr n;
		struct genlmsghdr g;
		struct nlattr a;
		char name[GENL_NAMSIZ];
	} req;
	union {
		struct nlmsghdr n;
		unsigned char b[16384];
	} ans;
	struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };
	size_t nlen = strlen(name) + 1;
	ssize_t n;
	int fd, err;

	fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);
	if (fd < 0)
		return -errno;
	memset(&req, 0, sizeof(req));
	ck_assert(nlen <= sizeof(req.name));
	memcpy(req.name, name, nlen);
	req.a.nla_type = CTRL_ATTR_FAMILY_NAME;
	req.a.nla_len = NLA_HDRLEN + nlen;
	req.n.nlmsg_len = NLMSG_HDRLEN + GENL_HDRLEN + NLA_ALIGN(req.a.nla_len);
	req.n.nlmsg_type = GENL_ID_CTRL;
	req.n.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	req.n.nlmsg_seq = 1;
	req.g.cmd = CTRL_CMD_GETFAMILY;
	req.g.version = 1;

	ck_assert_int_eq(sendto(fd, &req, req.n.nlmsg_len, 0,
				(struct sockaddr *)&kernel, sizeof(kernel)),
			 req.n.nlmsg_len);
	n = recv(fd, &ans, sizeof(ans), 0);
	ck_assert_msg(n >= (ssize_t)NLMSG_HDRLEN, "recv: %s", strerror(errno));
	if (ans.n.nlmsg_type == NLMSG_ERROR)
		err = ((struct nlmsgerr *)NLMSG_DATA(&ans.n))->error;
	else
		err = 0;
	close(fd);
	return err;
}

/*
 * No nsaudit family on this host: -ENOENT and the library's text. Should
 * genetlink itself be unavailable here (a sandbox), the socket's errno is
 * the only other answer accepted; and should the module be loaded, the
 * open must simply work.
 */
START_TEST(test_open_no_module)
{
	struct nsaudit_handle *h = (struct nsaudit_handle *)&h;
	int probe = probe_family(NSAUDIT_GENL_NAME);
	char msg[256];
	int err;

	err = nsaudit_open_err(&h, msg, sizeof(msg));
	if (probe == -ENOENT) {
		ck_assert_int_eq(err, -ENOENT);
		ck_assert_str_eq(msg, NOT_LOADED);
		ck_assert_ptr_null(h);
	} else if (probe < 0) {
		fprintf(stderr, "test_open_no_module: no generic netlink "
			"socket here (%s); only that errno is accepted\n",
			strerror(-probe));
		ck_assert_int_eq(err, probe);
		ck_assert_msg(strstr(msg, "cannot open a generic netlink "
				     "socket: ") == msg, "%s", msg);
		ck_assert_ptr_null(h);
	} else {
		fprintf(stderr,
			"test_open_no_module: the nsaudit module is loaded here\n");
		ck_assert_msg(err == 0 || err == -EPROTO, "%d %s", err, msg);
		nsaudit_close(h);
	}

	/* nsaudit_open() answers the same. */
	h = (struct nsaudit_handle *)&h;
	ck_assert_int_eq(nsaudit_open(&h), err);
	if (err)
		ck_assert_ptr_null(h);
	nsaudit_close(h);

	/* A text buffer of one byte holds the empty string. */
	msg[0] = 'x';
	if (err)
		ck_assert_int_eq(nsaudit_open_err(&h, msg, 1), err);
	ck_assert(err == 0 || msg[0] == '\0');
}
END_TEST

/*
 * The request path against a real kernel: the controller ("nlctrl") has
 * no command 1 (GET_STATUS here), so the kernel answers the first request
 * with an error ACK, which must come back as its errno.
 */
START_TEST(test_open_request_path)
{
	struct nsaudit_handle *h = (struct nsaudit_handle *)&h;
	int probe = probe_family("nlctrl");
	char msg[256];
	int err;

	err = nsaudit__open_family(&h, "nlctrl", "notify", true, msg,
				   sizeof(msg));
	ck_assert_ptr_null(h);
	if (probe < 0) {
		fprintf(stderr, "test_open_request_path: no generic netlink "
			"socket here (%s)\n", strerror(-probe));
		ck_assert_int_eq(err, probe);
		return;
	}
	ck_assert_int_eq(probe, 0);
	ck_assert_msg(err == -EOPNOTSUPP, "%d (%s)", err, msg);
	ck_assert(strlen(msg) < sizeof(msg));
}
END_TEST

/*
 * A handle on the controller family, opened without the GET_STATUS that
 * it cannot answer: the request path, subscription and waiting against a
 * real kernel. NULL (and a note) if this process has no genetlink socket.
 */
static struct nsaudit_handle *nlctrl_handle(const char *group)
{
	struct nsaudit_handle *h = NULL;
	int probe = probe_family("nlctrl");
	char msg[256] = "x";
	int err;

	err = nsaudit__open_family(&h, "nlctrl", group, false, msg,
				   sizeof(msg));
	if (probe < 0) {
		fprintf(stderr, "nlctrl_handle: no generic netlink socket "
			"here (%s)\n", strerror(-probe));
		ck_assert_int_eq(err, probe);
		ck_assert_ptr_null(h);
		return NULL;
	}
	ck_assert_msg(err == 0, "%d (%s)", err, msg);
	ck_assert_str_eq(msg, "");
	ck_assert_str_eq(nsaudit_errmsg(h), "");
	return h;
}

START_TEST(test_client_requests)
{
	struct nsaudit_settings s = {
		.mask = NSAUDIT_SET_QUEUE, .limits.queue = 15,
	};
	struct nsaudit_nsid_set set;
	struct nsaudit_status st;
	struct nsaudit_handle *h = nlctrl_handle("notify");
	int i;

	if (!h)
		return;

	/* Refused by the library: its own text. */
	ck_assert_int_eq(nsaudit_set(h, &s), -EINVAL);
	ck_assert_str_eq(nsaudit_errmsg(h),
			 "queue limit 15 is not in 16..1048576");
	ck_assert_int_eq(nsaudit_errmsg_is_kernel(h), 0);
	ck_assert_int_eq(nsaudit_errmsg_is_kernel(NULL), 0);
	ck_assert_int_eq(nsaudit_set(h, NULL), -EINVAL);
	ck_assert_str_eq(nsaudit_errmsg(h), "no settings given");
	ck_assert_int_eq(nsaudit_nsid(h, 0, &set), -EINVAL);
	ck_assert_str_eq(nsaudit_errmsg(h), "pid 0 is not in 1..4194304");
	ck_assert_int_eq(nsaudit_nsid(h, 1, NULL), -EINVAL);
	ck_assert_int_eq(nsaudit_status(h, NULL), -EINVAL);
	ck_assert_int_eq(nsaudit_config_next(h, &st, 0), -EINVAL);
	ck_assert_str_eq(nsaudit_errmsg(h),
			 "handle is not subscribed to configuration changes");

	/*
	 * Refused by the kernel: the controller has no command 1 or 2
	 * (GET_STATUS, SET). The errno comes from its ACK, and the text is
	 * its own, no longer the library's. Several in a row: each answer
	 * must be matched to its own request.
	 */
	for (i = 0; i < 3; i++) {
		memset(&st, 0xa5, sizeof(st));
		ck_assert_int_eq(nsaudit_status(h, &st), -EOPNOTSUPP);
		ck_assert_msg(strstr(nsaudit_errmsg(h), "subscribed") == NULL,
			      "%s", nsaudit_errmsg(h));
		ck_assert_int_eq(nsaudit_errmsg_is_kernel(h), 1);
		ck_assert_uint_eq(st.version_major, 0xa5a5a5a5U);

		s.limits.queue = 15;
		ck_assert_int_eq(nsaudit_set(h, &s), -EINVAL);
		ck_assert_int_eq(nsaudit_errmsg_is_kernel(h), 0);
		s.limits.queue = 16;
		ck_assert_int_eq(nsaudit_set(h, &s), -EOPNOTSUPP);
		ck_assert_msg(strstr(nsaudit_errmsg(h), "queue") == NULL,
			      "%s", nsaudit_errmsg(h));
	}
	nsaudit_close(h);
}
END_TEST

static void on_alarm(int sig)
{
	(void)sig;
}

START_TEST(test_client_subscribe)
{
	const struct itimerval in_100ms = { .it_value.tv_usec = 100000 };
	const struct itimerval off = { { 0, 0 }, { 0, 0 } };
	struct sigaction sa = { .sa_handler = on_alarm }, old;
	struct nsaudit_status st, before;
	struct timespec t0, t1;
	struct nsaudit_handle *h = nlctrl_handle("notify");
	long long ms;

	if (!h)
		return;
	ck_assert_int_eq(nsaudit_config_subscribe(h), 0);
	ck_assert_int_eq(nsaudit_config_subscribe(h), 0);

	/* Requests would take the notifications' place: refused. */
	ck_assert_int_eq(nsaudit_status(h, &st), -EINVAL);
	ck_assert_str_eq(nsaudit_errmsg(h),
			 "handle receives configuration changes; open another for requests");
	ck_assert_int_eq(nsaudit_config_next(h, &st, -2), -EINVAL);

	/* Nothing comes (the controller's own news is not CONFIG_NTF). */
	memset(&st, 0xa5, sizeof(st));
	before = st;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	ck_assert_int_eq(nsaudit_config_next(h, &st, 100), -ETIMEDOUT);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	ms = (t1.tv_sec - t0.tv_sec) * 1000LL +
	     (t1.tv_nsec - t0.tv_nsec) / 1000000;
	ck_assert_msg(ms >= 100, "timed out after %lld ms", ms);
	ck_assert_str_eq(nsaudit_errmsg(h),
			 "no configuration change within 100 ms");
	ck_assert_int_eq(nsaudit_config_next(h, &st, 0), -ETIMEDOUT);
	ck_assert_mem_eq(&st, &before, sizeof(st));

	/* Waiting for ever ends with a signal, so a daemon can act on it. */
	sigemptyset(&sa.sa_mask);
	ck_assert_int_eq(sigaction(SIGALRM, &sa, &old), 0);
	ck_assert_int_eq(setitimer(ITIMER_REAL, &in_100ms, NULL), 0);
	ck_assert_int_eq(nsaudit_config_next(h, &st, -1), -EINTR);
	setitimer(ITIMER_REAL, &off, NULL);
	sigaction(SIGALRM, &old, NULL);
	ck_assert_str_eq(nsaudit_errmsg(h), "interrupted by a signal");
	ck_assert_mem_eq(&st, &before, sizeof(st));
	nsaudit_close(h);
}
END_TEST

/* A family without the group opens; subscribing then fails. */
START_TEST(test_client_no_group)
{
	struct nsaudit_handle *h = nlctrl_handle("no-such-group");

	if (!h)
		return;
	ck_assert_int_eq(nsaudit_config_subscribe(h), -ENOENT);
	ck_assert_str_eq(nsaudit_errmsg(h),
			 "the module has no \"config\" multicast group");
	nsaudit_close(h);
}
END_TEST

START_TEST(test_null_arguments)
{
	struct nsaudit_settings s = { .mask = NSAUDIT_SET_ENRICH };
	struct nsaudit_nsid_set set;
	struct nsaudit_status st;
	struct nsaudit_handle *h = (struct nsaudit_handle *)&h;
	char msg[64] = "x";

	ck_assert_int_eq(nsaudit_open(NULL), -EINVAL);
	ck_assert_int_eq(nsaudit_open_err(NULL, msg, sizeof(msg)), -EINVAL);
	ck_assert_str_eq(msg, "invalid arguments");
	ck_assert_int_eq(nsaudit_open_err(&h, NULL, 5), -EINVAL);
	ck_assert_ptr_null(h);
	ck_assert_str_eq(nsaudit_errmsg(NULL), "");
	nsaudit_close(NULL);
	ck_assert_int_eq(nsaudit_status(NULL, &st), -EINVAL);
	ck_assert_int_eq(nsaudit_set(NULL, &s), -EINVAL);
	ck_assert_int_eq(nsaudit_nsid(NULL, 1, &set), -EINVAL);
	ck_assert_int_eq(nsaudit_config_subscribe(NULL), -EINVAL);
	ck_assert_int_eq(nsaudit_config_next(NULL, &st, 0), -EINVAL);
}
END_TEST

Suite *nsaudit_msg_suite(void)
{
	Suite *s = suite_create("msg");
	TCase *tc;

	tc = tcase_create("build");
	tcase_add_test(tc, test_build_status);
	tcase_add_test(tc, test_build_bad_family);
	tcase_add_test(tc, test_build_set_bytes);
	tcase_add_test(tc, test_build_set_share_bytes);
	tcase_add_test(tc, test_build_set_masks);
	tcase_add_test(tc, test_build_nsid);
	tcase_add_loop_test(tc, test_settings_bounds, 0,
			    (int)ARRAY_SIZE(settings_cases));
	tcase_add_test(tc, test_settings_null);
	suite_add_tcase(s, tc);

	tc = tcase_create("status");
	tcase_add_test(tc, test_version);
	tcase_add_test(tc, test_status_other_major);
	tcase_add_test(tc, test_status_complete);
	tcase_add_test(tc, test_status_missing);
	tcase_add_test(tc, test_status_lengths);
	tcase_add_test(tc, test_status_values);
	tcase_add_test(tc, test_status_probes_values);
	tcase_add_test(tc, test_status_share_values);
	tcase_add_test(tc, test_status_1_4_bytes);
	tcase_add_test(tc, test_status_1_5_bytes);
	tcase_add_test(tc, test_status_unknown_ignored);
	tcase_add_test(tc, test_status_wrong_message);
	tcase_add_test(tc, test_status_nest_garbage);
	tcase_add_test(tc, test_status_truncated);
	tcase_add_test(tc, test_status_minor_0);
	tcase_add_test(tc, test_status_minor_2);
	tcase_add_test(tc, test_status_minor_3);
	tcase_add_test(tc, test_status_minor_4);
	tcase_add_test(tc, test_status_daemon);
	tcase_add_test(tc, test_status_daemon_members);
	suite_add_tcase(s, tc);

	tc = tcase_create("nsid");
	tcase_add_test(tc, test_nsid_complete);
	tcase_add_test(tc, test_nsid_missing);
	tcase_add_test(tc, test_nsid_other_pid);
	tcase_add_test(tc, test_nsid_lengths);
	tcase_add_test(tc, test_nsid_unknown_ignored);
	tcase_add_test(tc, test_nsid_wrong_message);
	tcase_add_test(tc, test_nsid_truncated);
	suite_add_tcase(s, tc);

	tc = tcase_create("extack");
	tcase_add_test(tc, test_extack_capped);
	tcase_add_test(tc, test_extack_uncapped);
	tcase_add_test(tc, test_extack_no_tlvs);
	tcase_add_test(tc, test_extack_text_forms);
	tcase_add_test(tc, test_extack_ack);
	tcase_add_test(tc, test_extack_malformed);
	tcase_add_test(tc, test_extack_truncated);
	tcase_add_test(tc, test_nlerr_map);
	suite_add_tcase(s, tc);

	tc = tcase_create("client");
	tcase_add_test(tc, test_open_no_module);
	tcase_add_test(tc, test_open_request_path);
	tcase_add_test(tc, test_client_requests);
	tcase_add_test(tc, test_client_subscribe);
	tcase_add_test(tc, test_client_no_group);
	tcase_add_test(tc, test_null_arguments);
	suite_add_tcase(s, tc);

	return s;
}
