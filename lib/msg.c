// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * nsaudit generic netlink messages: requests built, replies and error
 * messages parsed. Pure functions on memory; the socket is client.c's.
 *
 * The parsers trust nothing about their input: each takes the bytes of one
 * message and their number, reads nothing outside them, and refuses what
 * the module cannot have sent in this interface version with -EBADMSG.
 * Unknown attributes are ignored, since a newer minor version may add some.
 */
#define _DEFAULT_SOURCE	/* struct addrinfo in libnl's headers */

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <netlink/attr.h>
#include <netlink/errno.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>

#include "msg.h"

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

/* Attribute names for the reasons, as in the UAPI header. */
static const char *const nsaudit_attr_names[NSAUDIT_A_MAX + 1] = {
	[NSAUDIT_A_VERSION_MAJOR]	= "NSAUDIT_A_VERSION_MAJOR",
	[NSAUDIT_A_VERSION_MINOR]	= "NSAUDIT_A_VERSION_MINOR",
	[NSAUDIT_A_FEATURES]		= "NSAUDIT_A_FEATURES",
	[NSAUDIT_A_ENRICH]		= "NSAUDIT_A_ENRICH",
	[NSAUDIT_A_COUNTERS]		= "NSAUDIT_A_COUNTERS",
	[NSAUDIT_A_LIMITS]		= "NSAUDIT_A_LIMITS",
	[NSAUDIT_A_PID]			= "NSAUDIT_A_PID",
	[NSAUDIT_A_NSID]		= "NSAUDIT_A_NSID",
};

/*
 * Exact lengths: libnl checks a minimum by type and the maximum given
 * here, so together they refuse a u32 that is 8 bytes long, and so on.
 */
#define NSAUDIT_U8	{ .type = NLA_U8, .maxlen = sizeof(uint8_t) }
#define NSAUDIT_U32	{ .type = NLA_U32, .maxlen = sizeof(uint32_t) }
#define NSAUDIT_U64	{ .type = NLA_U64, .maxlen = sizeof(uint64_t) }
#define NSAUDIT_NEST	{ .type = NLA_NESTED }

static const struct nla_policy nsaudit_status_policy[NSAUDIT_A_MAX + 1] = {
	[NSAUDIT_A_VERSION_MAJOR]	= NSAUDIT_U32,
	[NSAUDIT_A_VERSION_MINOR]	= NSAUDIT_U32,
	[NSAUDIT_A_FEATURES]		= NSAUDIT_U64,
	[NSAUDIT_A_ENRICH]		= NSAUDIT_U8,
	[NSAUDIT_A_COUNTERS]		= NSAUDIT_NEST,
	[NSAUDIT_A_LIMITS]		= NSAUDIT_NEST,
};

static const struct nla_policy
nsaudit_counter_policy[NSAUDIT_COUNTER_A_MAX + 1] = {
	[NSAUDIT_COUNTER_A_ENRICHED]	= NSAUDIT_U64,
	[NSAUDIT_COUNTER_A_FORWARDED]	= NSAUDIT_U64,
	[NSAUDIT_COUNTER_A_LOST]	= NSAUDIT_U64,
	[NSAUDIT_COUNTER_A_MISSED]	= NSAUDIT_U64,
};

static const char *const
nsaudit_counter_names[NSAUDIT_COUNTER_A_MAX + 1] = {
	[NSAUDIT_COUNTER_A_ENRICHED]	= "NSAUDIT_COUNTER_A_ENRICHED",
	[NSAUDIT_COUNTER_A_FORWARDED]	= "NSAUDIT_COUNTER_A_FORWARDED",
	[NSAUDIT_COUNTER_A_LOST]	= "NSAUDIT_COUNTER_A_LOST",
	[NSAUDIT_COUNTER_A_MISSED]	= "NSAUDIT_COUNTER_A_MISSED",
};

static const struct nla_policy nsaudit_limit_policy[NSAUDIT_LIMIT_A_MAX + 1] = {
	[NSAUDIT_LIMIT_A_DAEMONS]	= NSAUDIT_U32,
	[NSAUDIT_LIMIT_A_QUEUE]		= NSAUDIT_U32,
	[NSAUDIT_LIMIT_A_RULES]		= NSAUDIT_U32,
};

static const char *const nsaudit_limit_names[NSAUDIT_LIMIT_A_MAX + 1] = {
	[NSAUDIT_LIMIT_A_DAEMONS]	= "NSAUDIT_LIMIT_A_DAEMONS",
	[NSAUDIT_LIMIT_A_QUEUE]		= "NSAUDIT_LIMIT_A_QUEUE",
	[NSAUDIT_LIMIT_A_RULES]		= "NSAUDIT_LIMIT_A_RULES",
};

static const struct nla_policy nsaudit_nsid_reply_policy[NSAUDIT_A_MAX + 1] = {
	[NSAUDIT_A_PID]			= NSAUDIT_U32,
	[NSAUDIT_A_NSID]		= NSAUDIT_NEST,
};

static const struct nla_policy nsaudit_nsid_policy[NSAUDIT_NSID_A_MAX + 1] = {
	[NSAUDIT_NSID_A_DEV_MAJOR]	= NSAUDIT_U32,
	[NSAUDIT_NSID_A_DEV_MINOR]	= NSAUDIT_U32,
	[NSAUDIT_NSID_A_MNT]		= NSAUDIT_U32,
	[NSAUDIT_NSID_A_UTS]		= NSAUDIT_U32,
	[NSAUDIT_NSID_A_IPC]		= NSAUDIT_U32,
	[NSAUDIT_NSID_A_NET]		= NSAUDIT_U32,
	[NSAUDIT_NSID_A_PID]		= NSAUDIT_U32,
	[NSAUDIT_NSID_A_USER]		= NSAUDIT_U32,
	[NSAUDIT_NSID_A_CGROUP]		= NSAUDIT_U32,
	[NSAUDIT_NSID_A_TIME]		= NSAUDIT_U32,
};

static const char *const nsaudit_nsid_names[NSAUDIT_NSID_A_MAX + 1] = {
	[NSAUDIT_NSID_A_DEV_MAJOR]	= "NSAUDIT_NSID_A_DEV_MAJOR",
	[NSAUDIT_NSID_A_DEV_MINOR]	= "NSAUDIT_NSID_A_DEV_MINOR",
	[NSAUDIT_NSID_A_MNT]		= "NSAUDIT_NSID_A_MNT",
	[NSAUDIT_NSID_A_UTS]		= "NSAUDIT_NSID_A_UTS",
	[NSAUDIT_NSID_A_IPC]		= "NSAUDIT_NSID_A_IPC",
	[NSAUDIT_NSID_A_NET]		= "NSAUDIT_NSID_A_NET",
	[NSAUDIT_NSID_A_PID]		= "NSAUDIT_NSID_A_PID",
	[NSAUDIT_NSID_A_USER]		= "NSAUDIT_NSID_A_USER",
	[NSAUDIT_NSID_A_CGROUP]		= "NSAUDIT_NSID_A_CGROUP",
	[NSAUDIT_NSID_A_TIME]		= "NSAUDIT_NSID_A_TIME",
};

_Static_assert(NSAUDIT_NSID_A_NS(NSAUDIT_NS_COUNT - 1) == NSAUDIT_NSID_A_MAX,
	       "one nsid attribute per NSAUDIT_NS_* index, after the device");

static void nsaudit_why(char *why, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void nsaudit_why(char *why, size_t size, const char *fmt, ...)
{
	va_list ap;

	if (!why || !size)
		return;
	va_start(ap, fmt);
	vsnprintf(why, size, fmt, ap);
	va_end(ap);
}

/* A request header for @cmd; NLM_F_ACK so that every request is answered. */
static int nsaudit_build(int family, uint8_t cmd, struct nl_msg **msgp)
{
	struct nl_msg *msg;

	if (!msgp)
		return -EINVAL;
	*msgp = NULL;
	/* nlmsg_type is 16 bits; 0 to 15 are netlink's own types. */
	if (family < NLMSG_MIN_TYPE || family > UINT16_MAX)
		return -EINVAL;

	msg = nlmsg_alloc();
	if (!msg)
		return -ENOMEM;
	if (!genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, family, 0,
			 NLM_F_REQUEST | NLM_F_ACK, cmd,
			 NSAUDIT_GENL_VERSION)) {
		nlmsg_free(msg);
		return -ENOMEM;
	}
	*msgp = msg;
	return 0;
}

/**
 * nsaudit__build_status() - build a GET_STATUS request
 * @family: the nsaudit family's id
 * @msgp: receives the message (NULL on failure); free it with nlmsg_free()
 *
 * Return: 0, -EINVAL for a @family that cannot be a genetlink family id,
 * or -ENOMEM.
 */
int nsaudit__build_status(int family, struct nl_msg **msgp)
{
	return nsaudit_build(family, NSAUDIT_CMD_GET_STATUS, msgp);
}

/**
 * nsaudit__check_settings() - check a SET request against the UAPI bounds
 * @s: the settings
 * @why: receives the reason on failure
 * @size: size of @why
 *
 * Only the members named in @s->mask are checked: the others are not sent.
 *
 * Return: 0, or -EINVAL for a NULL @s, an empty mask, unknown mask bits,
 * an enrich other than 0 or 1, or a limit out of its range.
 */
int nsaudit__check_settings(const struct nsaudit_settings *s, char *why,
			    size_t size)
{
	if (!s) {
		nsaudit_why(why, size, "no settings given");
		return -EINVAL;
	}
	if (!s->mask) {
		nsaudit_why(why, size, "nothing to set: empty settings mask");
		return -EINVAL;
	}
	if (s->mask & ~NSAUDIT_SET_ALL) {
		nsaudit_why(why, size, "unknown bits 0x%x in the settings mask",
			    s->mask & ~NSAUDIT_SET_ALL);
		return -EINVAL;
	}
	if ((s->mask & NSAUDIT_SET_ENRICH) && s->enrich != 0 &&
	    s->enrich != 1) {
		nsaudit_why(why, size, "enrich must be 0 or 1, not %d",
			    s->enrich);
		return -EINVAL;
	}
	if ((s->mask & NSAUDIT_SET_DAEMONS) &&
	    s->limits.daemons > NSAUDIT_LIMIT_DAEMONS_MAX) {
		nsaudit_why(why, size, "daemons limit %u is not in 0..%u",
			    s->limits.daemons, NSAUDIT_LIMIT_DAEMONS_MAX);
		return -EINVAL;
	}
	if ((s->mask & NSAUDIT_SET_QUEUE) &&
	    (s->limits.queue < NSAUDIT_LIMIT_QUEUE_MIN ||
	     s->limits.queue > NSAUDIT_LIMIT_QUEUE_MAX)) {
		nsaudit_why(why, size, "queue limit %u is not in %u..%u",
			    s->limits.queue, NSAUDIT_LIMIT_QUEUE_MIN,
			    NSAUDIT_LIMIT_QUEUE_MAX);
		return -EINVAL;
	}
	if ((s->mask & NSAUDIT_SET_RULES) &&
	    s->limits.rules > NSAUDIT_LIMIT_RULES_MAX) {
		nsaudit_why(why, size, "rules limit %u is not in 0..%u",
			    s->limits.rules, NSAUDIT_LIMIT_RULES_MAX);
		return -EINVAL;
	}
	return 0;
}

/**
 * nsaudit__build_set() - check and build a SET request
 * @family: the nsaudit family's id
 * @s: the settings; only the members in @s->mask are sent, the limits in
 *     one NSAUDIT_A_LIMITS nest (absent if no limit is set)
 * @msgp: receives the message (NULL on failure)
 * @why: receives the reason on failure
 * @size: size of @why
 *
 * Return: 0, -EINVAL (see nsaudit__check_settings()), or -ENOMEM.
 */
int nsaudit__build_set(int family, const struct nsaudit_settings *s,
		       struct nl_msg **msgp, char *why, size_t size)
{
	static const struct {
		unsigned int bit;
		int attr;
	} limits[] = {
		{ NSAUDIT_SET_DAEMONS,	NSAUDIT_LIMIT_A_DAEMONS },
		{ NSAUDIT_SET_QUEUE,	NSAUDIT_LIMIT_A_QUEUE },
		{ NSAUDIT_SET_RULES,	NSAUDIT_LIMIT_A_RULES },
	};
	struct nl_msg *msg;
	struct nlattr *nest;
	size_t i;
	int err;

	if (msgp)
		*msgp = NULL;
	err = nsaudit__check_settings(s, why, size);
	if (err)
		return err;
	err = nsaudit_build(family, NSAUDIT_CMD_SET, &msg);
	if (err)
		return err;

	if ((s->mask & NSAUDIT_SET_ENRICH) &&
	    nla_put_u8(msg, NSAUDIT_A_ENRICH, (uint8_t)s->enrich) < 0)
		goto err_msg;

	if (s->mask & (NSAUDIT_SET_ALL & ~NSAUDIT_SET_ENRICH)) {
		const uint32_t value[] = {
			s->limits.daemons, s->limits.queue, s->limits.rules,
		};

		/* libnl marks the nest NLA_F_NESTED, as strict kernels want. */
		nest = nla_nest_start(msg, NSAUDIT_A_LIMITS);
		if (!nest)
			goto err_msg;
		for (i = 0; i < ARRAY_SIZE(limits); i++) {
			if ((s->mask & limits[i].bit) &&
			    nla_put_u32(msg, limits[i].attr, value[i]) < 0)
				goto err_msg;
		}
		if (nla_nest_end(msg, nest) < 0)
			goto err_msg;
	}
	*msgp = msg;
	return 0;

err_msg:
	nlmsg_free(msg);
	return -ENOMEM;
}

/**
 * nsaudit__check_pid() - check a process ID for GET_NSID
 * @pid: the process ID
 * @why: receives the reason on failure
 * @size: size of @why
 *
 * Return: 0, or -EINVAL unless 1 <= @pid <= NSAUDIT_PID_MAX.
 */
int nsaudit__check_pid(int pid, char *why, size_t size)
{
	if (pid < 1 || pid > NSAUDIT_PID_MAX) {
		nsaudit_why(why, size, "pid %d is not in 1..%d", pid,
			    NSAUDIT_PID_MAX);
		return -EINVAL;
	}
	return 0;
}

/**
 * nsaudit__build_nsid() - check and build a GET_NSID request
 * @family: the nsaudit family's id
 * @pid: the process ID, 1 to NSAUDIT_PID_MAX
 * @msgp: receives the message (NULL on failure)
 * @why: receives the reason on failure
 * @size: size of @why
 *
 * Return: 0, -EINVAL, or -ENOMEM.
 */
int nsaudit__build_nsid(int family, int pid, struct nl_msg **msgp,
			char *why, size_t size)
{
	struct nl_msg *msg;
	int err;

	if (msgp)
		*msgp = NULL;
	err = nsaudit__check_pid(pid, why, size);
	if (err)
		return err;
	err = nsaudit_build(family, NSAUDIT_CMD_GET_NSID, &msg);
	if (err)
		return err;
	if (nla_put_u32(msg, NSAUDIT_A_PID, (uint32_t)pid) < 0) {
		nlmsg_free(msg);
		return -ENOMEM;
	}
	*msgp = msg;
	return 0;
}

/**
 * nsaudit__check_version() - may this library talk to that module?
 * @major: the module's interface major version
 * @minor: the module's interface minor version
 * @why: receives the reason on failure
 * @size: size of @why
 *
 * A higher or lower minor only adds or lacks things this library does not
 * depend on (it ignores unknown attributes); a different major is another
 * interface.
 *
 * Return: 0, or -EPROTO if @major is not NSAUDIT_VERSION_MAJOR.
 */
int nsaudit__check_version(uint32_t major, uint32_t minor, char *why,
			   size_t size)
{
	if (major != NSAUDIT_VERSION_MAJOR) {
		nsaudit_why(why, size,
			    "module speaks nsaudit interface %u.%u, this library %u.%u",
			    major, minor, NSAUDIT_VERSION_MAJOR,
			    NSAUDIT_VERSION_MINOR);
		return -EPROTO;
	}
	return 0;
}

/*
 * The attributes of one genetlink message of @family and @cmd. Everything
 * is checked against @len, the bytes there are, before it is read.
 */
static int nsaudit_genl_attrs(const struct nlmsghdr *nlh, size_t len,
			      int family, uint8_t cmd,
			      const struct nlattr **head, int *attrlen,
			      char *why, size_t size)
{
	const struct genlmsghdr *gnlh;

	if (!nlh || len < NLMSG_HDRLEN || nlh->nlmsg_len > len ||
	    nlh->nlmsg_len < NLMSG_HDRLEN + GENL_HDRLEN ||
	    nlh->nlmsg_len > INT_MAX) {
		nsaudit_why(why, size, "truncated message from the module");
		return -EBADMSG;
	}
	if (nlh->nlmsg_type != family) {
		nsaudit_why(why, size,
			    "message of type %u, not of the family (%d)",
			    nlh->nlmsg_type, family);
		return -EBADMSG;
	}
	gnlh = (const struct genlmsghdr *)((const char *)nlh + NLMSG_HDRLEN);
	if (gnlh->cmd != cmd) {
		nsaudit_why(why, size, "message of command %u, expected %u",
			    gnlh->cmd, cmd);
		return -EBADMSG;
	}
	*head = (const struct nlattr *)((const char *)gnlh + GENL_HDRLEN);
	*attrlen = (int)(nlh->nlmsg_len - NLMSG_HDRLEN - GENL_HDRLEN);
	return 0;
}

/*
 * nla_parse() with two additions: bytes left after the last attribute
 * (which libnl only logs) make the stream corrupt, and a NULL @policy
 * checks the structure only.
 */
static int nsaudit_parse_attrs(struct nlattr **tb, int maxtype,
			       const struct nlattr *head, int len,
			       const struct nla_policy *policy)
{
	const struct nlattr *nla;
	int rem;

	nla_for_each_attr(nla, head, len, rem)
		;
	if (rem > 0)
		return -EBADMSG;
	if (nla_parse(tb, maxtype, (struct nlattr *)head, len, policy) < 0)
		return -EBADMSG;
	return 0;
}

/* Split the nest @nla, checked by @policy; every listed type is mandatory. */
static int nsaudit_parse_nest(struct nlattr **tb, int maxtype,
			      const struct nlattr *nla,
			      const struct nla_policy *policy,
			      const char *const *names, const char *nest,
			      char *why, size_t size)
{
	int i;

	if (nsaudit_parse_attrs(tb, maxtype, nla_data(nla), nla_len(nla),
				policy)) {
		nsaudit_why(why, size, "malformed attributes in %s", nest);
		return -EBADMSG;
	}
	for (i = 1; i <= maxtype; i++) {
		if (names[i] && !tb[i]) {
			nsaudit_why(why, size, "%s lacks %s", nest, names[i]);
			return -EBADMSG;
		}
	}
	return 0;
}

/* The first of @types (ending in 0) missing from @tb, or 0. */
static int nsaudit_missing(struct nlattr *const *tb, const int *types)
{
	for (; *types; types++) {
		if (!tb[*types])
			return *types;
	}
	return 0;
}

/**
 * nsaudit__parse_status() - parse a GET_STATUS reply or a CONFIG_NTF
 * @nlh: the message
 * @len: bytes available at @nlh; nothing beyond is read
 * @family: the nsaudit family's id, the expected nlmsg_type
 * @cmd: the expected command (NSAUDIT_CMD_GET_STATUS or _CONFIG_NTF)
 * @st: filled in on success only
 * @why: receives the reason on failure
 * @size: size of @why
 *
 * The interface version is checked first, before the attributes whose
 * layout belongs to it, so that any other major version is reported as
 * such rather than as a malformed message.
 *
 * Return: 0; -EPROTO on an interface major version mismatch; -EBADMSG for
 * a message that is not of @family and @cmd, is truncated or malformed,
 * or lacks a mandatory attribute.
 */
int nsaudit__parse_status(const struct nlmsghdr *nlh, size_t len, int family,
			  uint8_t cmd, struct nsaudit_status *st, char *why,
			  size_t size)
{
	static const int version[] = {
		NSAUDIT_A_VERSION_MAJOR, NSAUDIT_A_VERSION_MINOR, 0,
	};
	static const int rest[] = {
		NSAUDIT_A_FEATURES, NSAUDIT_A_ENRICH, NSAUDIT_A_COUNTERS,
		NSAUDIT_A_LIMITS, 0,
	};
	struct nlattr *tb[NSAUDIT_A_MAX + 1];
	struct nlattr *ctb[NSAUDIT_COUNTER_A_MAX + 1];
	struct nlattr *ltb[NSAUDIT_LIMIT_A_MAX + 1];
	const struct nlattr *head;
	struct nsaudit_status out;
	int attrlen, missing, err;
	uint8_t enrich;

	err = nsaudit_genl_attrs(nlh, len, family, cmd, &head, &attrlen,
				 why, size);
	if (err)
		return err;

	/* Structure only, then the version, then the types of this major. */
	if (nsaudit_parse_attrs(tb, NSAUDIT_A_MAX, head, attrlen, NULL)) {
		nsaudit_why(why, size, "malformed attributes in the status");
		return -EBADMSG;
	}
	missing = nsaudit_missing(tb, version);
	if (missing) {
		nsaudit_why(why, size, "status lacks %s",
			    nsaudit_attr_names[missing]);
		return -EBADMSG;
	}
	if (nla_len(tb[NSAUDIT_A_VERSION_MAJOR]) != sizeof(uint32_t) ||
	    nla_len(tb[NSAUDIT_A_VERSION_MINOR]) != sizeof(uint32_t)) {
		nsaudit_why(why, size, "malformed version in the status");
		return -EBADMSG;
	}
	out.version_major = nla_get_u32(tb[NSAUDIT_A_VERSION_MAJOR]);
	out.version_minor = nla_get_u32(tb[NSAUDIT_A_VERSION_MINOR]);
	err = nsaudit__check_version(out.version_major, out.version_minor,
				     why, size);
	if (err)
		return err;

	if (nsaudit_parse_attrs(tb, NSAUDIT_A_MAX, head, attrlen,
				nsaudit_status_policy)) {
		nsaudit_why(why, size, "mistyped attribute in the status");
		return -EBADMSG;
	}
	missing = nsaudit_missing(tb, rest);
	if (missing) {
		nsaudit_why(why, size, "status lacks %s",
			    nsaudit_attr_names[missing]);
		return -EBADMSG;
	}

	out.features = nla_get_u64(tb[NSAUDIT_A_FEATURES]);
	enrich = nla_get_u8(tb[NSAUDIT_A_ENRICH]);
	if (enrich > 1) {
		nsaudit_why(why, size, "NSAUDIT_A_ENRICH is %u, not 0 or 1",
			    enrich);
		return -EBADMSG;
	}
	out.enrich = enrich;

	err = nsaudit_parse_nest(ctb, NSAUDIT_COUNTER_A_MAX,
				 tb[NSAUDIT_A_COUNTERS],
				 nsaudit_counter_policy, nsaudit_counter_names,
				 "NSAUDIT_A_COUNTERS", why, size);
	if (err)
		return err;
	out.counters.enriched = nla_get_u64(ctb[NSAUDIT_COUNTER_A_ENRICHED]);
	out.counters.forwarded = nla_get_u64(ctb[NSAUDIT_COUNTER_A_FORWARDED]);
	out.counters.lost = nla_get_u64(ctb[NSAUDIT_COUNTER_A_LOST]);
	out.counters.missed = nla_get_u64(ctb[NSAUDIT_COUNTER_A_MISSED]);

	err = nsaudit_parse_nest(ltb, NSAUDIT_LIMIT_A_MAX,
				 tb[NSAUDIT_A_LIMITS], nsaudit_limit_policy,
				 nsaudit_limit_names, "NSAUDIT_A_LIMITS",
				 why, size);
	if (err)
		return err;
	out.limits.daemons = nla_get_u32(ltb[NSAUDIT_LIMIT_A_DAEMONS]);
	out.limits.queue = nla_get_u32(ltb[NSAUDIT_LIMIT_A_QUEUE]);
	out.limits.rules = nla_get_u32(ltb[NSAUDIT_LIMIT_A_RULES]);

	*st = out;
	return 0;
}

/**
 * nsaudit__parse_nsid() - parse a GET_NSID reply
 * @nlh: the message
 * @len: bytes available at @nlh; nothing beyond is read
 * @family: the nsaudit family's id, the expected nlmsg_type
 * @pid: the process ID the request named; the reply must name it too
 * @set: filled in on success only
 * @why: receives the reason on failure
 * @size: size of @why
 *
 * Return: 0, or -EBADMSG for a message that is not a GET_NSID reply of
 * @family, is truncated or malformed, lacks any of the ten nsID
 * attributes, or answers for another process.
 */
int nsaudit__parse_nsid(const struct nlmsghdr *nlh, size_t len, int family,
			int pid, struct nsaudit_nsid_set *set, char *why,
			size_t size)
{
	static const int want[] = { NSAUDIT_A_PID, NSAUDIT_A_NSID, 0 };
	struct nlattr *tb[NSAUDIT_A_MAX + 1];
	struct nlattr *ntb[NSAUDIT_NSID_A_MAX + 1];
	const struct nlattr *head;
	struct nsaudit_nsid_set out;
	int attrlen, missing, err, i;
	uint32_t got;

	err = nsaudit_genl_attrs(nlh, len, family, NSAUDIT_CMD_GET_NSID,
				 &head, &attrlen, why, size);
	if (err)
		return err;
	if (nsaudit_parse_attrs(tb, NSAUDIT_A_MAX, head, attrlen,
				nsaudit_nsid_reply_policy)) {
		nsaudit_why(why, size,
			    "malformed attributes in the nsID reply");
		return -EBADMSG;
	}
	missing = nsaudit_missing(tb, want);
	if (missing) {
		nsaudit_why(why, size, "nsID reply lacks %s",
			    nsaudit_attr_names[missing]);
		return -EBADMSG;
	}
	got = nla_get_u32(tb[NSAUDIT_A_PID]);
	if (pid < 1 || got != (uint32_t)pid) {
		nsaudit_why(why, size, "nsID reply is for pid %u, not %d",
			    got, pid);
		return -EBADMSG;
	}

	err = nsaudit_parse_nest(ntb, NSAUDIT_NSID_A_MAX, tb[NSAUDIT_A_NSID],
				 nsaudit_nsid_policy, nsaudit_nsid_names,
				 "NSAUDIT_A_NSID", why, size);
	if (err)
		return err;
	out.dev_major = nla_get_u32(ntb[NSAUDIT_NSID_A_DEV_MAJOR]);
	out.dev_minor = nla_get_u32(ntb[NSAUDIT_NSID_A_DEV_MINOR]);
	for (i = 0; i < NSAUDIT_NS_COUNT; i++)
		out.inum[i] = nla_get_u32(ntb[NSAUDIT_NSID_A_NS(i)]);

	*set = out;
	return 0;
}

/**
 * nsaudit__parse_error() - the error and extended ACK text of an NLMSG_ERROR
 * @nlh: the message
 * @len: bytes available at @nlh; nothing beyond is read
 * @error: receives the error as a negative errno (0 for a plain ACK)
 * @text: receives the NLMSGERR_ATTR_MSG text, "" if there is none or the
 *        attribute part is malformed; control characters become '?'
 * @size: size of @text
 *
 * Layout (include/uapi/linux/netlink.h): struct nlmsgerr, whose echoed
 * request is only its header if NLM_F_CAPPED is set (NETLINK_CAP_ACK) and
 * the whole request otherwise; then, if NLM_F_ACK_TLVS is set, attributes
 * at the next NLMSG_ALIGNTO boundary.
 *
 * Return: 0, or -EBADMSG (with @error untouched) if @nlh is not a complete
 * NLMSG_ERROR message.
 */
int nsaudit__parse_error(const struct nlmsghdr *nlh, size_t len, int *error,
			 char *text, size_t size)
{
	const struct nlmsgerr *e;
	const struct nlattr *msg;
	const char *p;
	size_t msglen, off, n, i;

	if (text && size)
		text[0] = '\0';
	if (!nlh || !error || len < NLMSG_HDRLEN)
		return -EBADMSG;
	msglen = nlh->nlmsg_len;
	if (nlh->nlmsg_type != NLMSG_ERROR || msglen > len ||
	    msglen < NLMSG_HDRLEN + sizeof(*e) || msglen > INT_MAX)
		return -EBADMSG;

	e = (const struct nlmsgerr *)((const char *)nlh + NLMSG_HDRLEN);
	/* The kernel sends -errno; take a positive one as meant the same. */
	*error = e->error <= 0 ? e->error : -e->error;

	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS) || !text || !size)
		return 0;
	off = sizeof(*e);
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED)) {
		if (e->msg.nlmsg_len < NLMSG_HDRLEN ||
		    e->msg.nlmsg_len - NLMSG_HDRLEN > msglen)
			return 0;
		off += e->msg.nlmsg_len - NLMSG_HDRLEN;
	}
	off = NLMSG_HDRLEN + NLMSG_ALIGN(off);
	if (off > msglen)
		return 0;

	msg = nla_find((const struct nlattr *)((const char *)nlh + off),
		       (int)(msglen - off), NLMSGERR_ATTR_MSG);
	if (!msg)
		return 0;
	p = nla_data(msg);
	n = strnlen(p, (size_t)nla_len(msg));
	if (n > size - 1)
		n = size - 1;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)p[i];

		text[i] = c < 0x20 || c == 0x7f ? '?' : (char)c;
	}
	text[n] = '\0';
	return 0;
}

/**
 * nsaudit__errno_of_nlerr() - a libnl error code as a negative errno
 * @nlerr: NLE_* code, negative (as libnl returns it) or positive
 *
 * libnl turns errno into NLE_* codes (nl_syserr2nlerr()) and has no way
 * back. This is that way back, for the errors where no better errno is
 * at hand; it is lossy where libnl's mapping is (ESRCH and ENOENT are
 * both NLE_OBJ_NOTFOUND, ENOBUFS and ENOMEM both NLE_NOMEM).
 *
 * Return: 0 for NLE_SUCCESS, else a negative errno; -EIO for a code
 * without a closer errno.
 */
int nsaudit__errno_of_nlerr(int nlerr)
{
	static const int map[NLE_MAX + 1] = {
		[NLE_SUCCESS]		= 0,
		[NLE_FAILURE]		= EIO,
		[NLE_INTR]		= EINTR,
		[NLE_BAD_SOCK]		= EBADF,
		[NLE_AGAIN]		= EAGAIN,
		[NLE_NOMEM]		= ENOMEM,
		[NLE_EXIST]		= EEXIST,
		[NLE_INVAL]		= EINVAL,
		[NLE_RANGE]		= ERANGE,
		[NLE_MSGSIZE]		= EMSGSIZE,
		[NLE_OPNOTSUPP]		= EOPNOTSUPP,
		[NLE_AF_NOSUPPORT]	= EAFNOSUPPORT,
		[NLE_OBJ_NOTFOUND]	= ENOENT,
		[NLE_NOATTR]		= EBADMSG,
		[NLE_MISSING_ATTR]	= EBADMSG,
		[NLE_AF_MISMATCH]	= EAFNOSUPPORT,
		[NLE_SEQ_MISMATCH]	= EBADMSG,
		[NLE_MSG_OVERFLOW]	= ENOBUFS,
		[NLE_MSG_TRUNC]		= EBADMSG,
		[NLE_NOADDR]		= EADDRNOTAVAIL,
		[NLE_SRCRT_NOSUPPORT]	= EOPNOTSUPP,
		[NLE_MSG_TOOSHORT]	= EBADMSG,
		[NLE_MSGTYPE_NOSUPPORT]	= EBADMSG,
		[NLE_OBJ_MISMATCH]	= EINVAL,
		[NLE_NOCACHE]		= EINVAL,
		[NLE_BUSY]		= EBUSY,
		[NLE_PROTO_MISMATCH]	= EPROTONOSUPPORT,
		[NLE_NOACCESS]		= EACCES,
		[NLE_PERM]		= EPERM,
		[NLE_PKTLOC_FILE]	= ENOENT,
		[NLE_PARSE_ERR]		= EBADMSG,
		[NLE_NODEV]		= ENODEV,
		[NLE_IMMUTABLE]		= EPERM,
		[NLE_DUMP_INTR]		= EAGAIN,
		[NLE_ATTRSIZE]		= EMSGSIZE,
	};

	if (nlerr == INT_MIN)
		return -EIO;
	if (nlerr < 0)
		nlerr = -nlerr;
	if (nlerr > NLE_MAX)
		return -EIO;
	return -map[nlerr];
}
