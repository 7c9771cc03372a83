// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * nsaudit generic netlink messages: requests built, replies and error
 * messages parsed, and what a daemon's socket brings. Pure functions on
 * memory; the sockets are client.c's and daemon.c's.
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

#include <linux/audit.h>
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
	[NSAUDIT_A_BACKLOG]		= "NSAUDIT_A_BACKLOG",
	[NSAUDIT_A_DAEMON]		= "NSAUDIT_A_DAEMON",
	[NSAUDIT_A_RECORD_TYPE]		= "NSAUDIT_A_RECORD_TYPE",
	[NSAUDIT_A_RECORD_TEXT]		= "NSAUDIT_A_RECORD_TEXT",
	[NSAUDIT_A_RULE]		= "NSAUDIT_A_RULE",
	[NSAUDIT_A_CONTID]		= "NSAUDIT_A_CONTID",
	[NSAUDIT_A_PROBES]		= "NSAUDIT_A_PROBES",
	[NSAUDIT_A_SHARE]		= "NSAUDIT_A_SHARE",
	[NSAUDIT_A_DELEGATED]		= "NSAUDIT_A_DELEGATED",
};

/* The top-level attributes that 1.4 added: mandatory from that minor on. */
static const char *const nsaudit_attr_names_1_4[NSAUDIT_A_MAX + 1] = {
	[NSAUDIT_A_PROBES]		= "NSAUDIT_A_PROBES",
	[NSAUDIT_A_SHARE]		= "NSAUDIT_A_SHARE",
};

/*
 * Likewise, but in a GET_STATUS reply only: it speaks for the caller's
 * user namespace, and a CONFIG_NTF for nobody's.
 */
static const char *const nsaudit_reply_names_1_4[NSAUDIT_A_MAX + 1] = {
	[NSAUDIT_A_DELEGATED]		= "NSAUDIT_A_DELEGATED",
};

/*
 * Exact lengths: libnl checks a minimum by type and the maximum given
 * here, so together they refuse a u32 that is 8 bytes long, and so on.
 */
#define NSAUDIT_U8	{ .type = NLA_U8, .maxlen = sizeof(uint8_t) }
#define NSAUDIT_U16	{ .type = NLA_U16, .maxlen = sizeof(uint16_t) }
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
	[NSAUDIT_A_DAEMON]		= NSAUDIT_NEST,
	[NSAUDIT_A_PROBES]		= NSAUDIT_U8,
	[NSAUDIT_A_SHARE]		= NSAUDIT_U8,
	[NSAUDIT_A_DELEGATED]		= NSAUDIT_U8,
};

static const struct nla_policy
nsaudit_counter_policy[NSAUDIT_COUNTER_A_MAX + 1] = {
	[NSAUDIT_COUNTER_A_ENRICHED]	= NSAUDIT_U64,
	[NSAUDIT_COUNTER_A_FORWARDED]	= NSAUDIT_U64,
	[NSAUDIT_COUNTER_A_LOST]	= NSAUDIT_U64,
	[NSAUDIT_COUNTER_A_MISSED]	= NSAUDIT_U64,
	[NSAUDIT_COUNTER_A_CONTIDS]	= NSAUDIT_U64,
	[NSAUDIT_COUNTER_A_CONTID_TASKS]	= NSAUDIT_U64,
	[NSAUDIT_COUNTER_A_CONTID_LOST]	= NSAUDIT_U64,
	[NSAUDIT_COUNTER_A_UNENRICHED]	= NSAUDIT_U64,
	[NSAUDIT_COUNTER_A_DELEGATIONS]	= NSAUDIT_U64,
};

/* The counters of interface 1.0, mandatory in every status. */
static const char *const
nsaudit_counter_names[NSAUDIT_COUNTER_A_MAX + 1] = {
	[NSAUDIT_COUNTER_A_ENRICHED]	= "NSAUDIT_COUNTER_A_ENRICHED",
	[NSAUDIT_COUNTER_A_FORWARDED]	= "NSAUDIT_COUNTER_A_FORWARDED",
	[NSAUDIT_COUNTER_A_LOST]	= "NSAUDIT_COUNTER_A_LOST",
	[NSAUDIT_COUNTER_A_MISSED]	= "NSAUDIT_COUNTER_A_MISSED",
};

/* The ones that 1.3 added: mandatory from a module of that minor on. */
static const char *const
nsaudit_counter_names_1_3[NSAUDIT_COUNTER_A_MAX + 1] = {
	[NSAUDIT_COUNTER_A_CONTIDS]	= "NSAUDIT_COUNTER_A_CONTIDS",
	[NSAUDIT_COUNTER_A_CONTID_TASKS] = "NSAUDIT_COUNTER_A_CONTID_TASKS",
};

/* The ones that 1.4 added, likewise. */
static const char *const
nsaudit_counter_names_1_4[NSAUDIT_COUNTER_A_MAX + 1] = {
	[NSAUDIT_COUNTER_A_CONTID_LOST]	= "NSAUDIT_COUNTER_A_CONTID_LOST",
	[NSAUDIT_COUNTER_A_UNENRICHED]	= "NSAUDIT_COUNTER_A_UNENRICHED",
	[NSAUDIT_COUNTER_A_DELEGATIONS]	= "NSAUDIT_COUNTER_A_DELEGATIONS",
};

static const struct nla_policy nsaudit_limit_policy[NSAUDIT_LIMIT_A_MAX + 1] = {
	[NSAUDIT_LIMIT_A_DAEMONS]	= NSAUDIT_U32,
	[NSAUDIT_LIMIT_A_QUEUE]		= NSAUDIT_U32,
	[NSAUDIT_LIMIT_A_RULES]		= NSAUDIT_U32,
	[NSAUDIT_LIMIT_A_BACKLOG]	= NSAUDIT_U32,
	[NSAUDIT_LIMIT_A_MEMORY]	= NSAUDIT_U32,
	[NSAUDIT_LIMIT_A_CONTIDS]	= NSAUDIT_U32,
	[NSAUDIT_LIMIT_A_USER_DAEMONS]	= NSAUDIT_U32,
	[NSAUDIT_LIMIT_A_USER_MEMORY]	= NSAUDIT_U32,
	[NSAUDIT_LIMIT_A_DAEMON_MEMORY]	= NSAUDIT_U32,
};

/* The limits of interface 1.0, mandatory in every status. */
static const char *const nsaudit_limit_names[NSAUDIT_LIMIT_A_MAX + 1] = {
	[NSAUDIT_LIMIT_A_DAEMONS]	= "NSAUDIT_LIMIT_A_DAEMONS",
	[NSAUDIT_LIMIT_A_QUEUE]		= "NSAUDIT_LIMIT_A_QUEUE",
	[NSAUDIT_LIMIT_A_RULES]		= "NSAUDIT_LIMIT_A_RULES",
};

/* Those that 1.1 added: mandatory from a module of that minor on. */
static const char *const nsaudit_limit_names_1_1[NSAUDIT_LIMIT_A_MAX + 1] = {
	[NSAUDIT_LIMIT_A_BACKLOG]	= "NSAUDIT_LIMIT_A_BACKLOG",
	[NSAUDIT_LIMIT_A_MEMORY]	= "NSAUDIT_LIMIT_A_MEMORY",
};

/* The one that 1.3 added, likewise. */
static const char *const nsaudit_limit_names_1_3[NSAUDIT_LIMIT_A_MAX + 1] = {
	[NSAUDIT_LIMIT_A_CONTIDS]	= "NSAUDIT_LIMIT_A_CONTIDS",
};

/* The ones that 1.5 added, likewise. */
static const char *const nsaudit_limit_names_1_5[NSAUDIT_LIMIT_A_MAX + 1] = {
	[NSAUDIT_LIMIT_A_USER_DAEMONS]	= "NSAUDIT_LIMIT_A_USER_DAEMONS",
	[NSAUDIT_LIMIT_A_USER_MEMORY]	= "NSAUDIT_LIMIT_A_USER_MEMORY",
	[NSAUDIT_LIMIT_A_DAEMON_MEMORY]	= "NSAUDIT_LIMIT_A_DAEMON_MEMORY",
};

static const struct nla_policy
nsaudit_daemon_reply_policy[NSAUDIT_A_MAX + 1] = {
	[NSAUDIT_A_DAEMON]		= NSAUDIT_NEST,
};

static const struct nla_policy
nsaudit_daemon_policy[NSAUDIT_DAEMON_A_MAX + 1] = {
	[NSAUDIT_DAEMON_A_PID]		= NSAUDIT_U32,
	[NSAUDIT_DAEMON_A_USERNS]	= NSAUDIT_U32,
	[NSAUDIT_DAEMON_A_BACKLOG]	= NSAUDIT_U32,
	[NSAUDIT_DAEMON_A_QUEUED]	= NSAUDIT_U32,
	[NSAUDIT_DAEMON_A_ROUTED]	= NSAUDIT_U64,
	[NSAUDIT_DAEMON_A_DELIVERED]	= NSAUDIT_U64,
	[NSAUDIT_DAEMON_A_LOST]		= NSAUDIT_U64,
};

static const char *const nsaudit_daemon_names[NSAUDIT_DAEMON_A_MAX + 1] = {
	[NSAUDIT_DAEMON_A_PID]		= "NSAUDIT_DAEMON_A_PID",
	[NSAUDIT_DAEMON_A_USERNS]	= "NSAUDIT_DAEMON_A_USERNS",
	[NSAUDIT_DAEMON_A_BACKLOG]	= "NSAUDIT_DAEMON_A_BACKLOG",
	[NSAUDIT_DAEMON_A_QUEUED]	= "NSAUDIT_DAEMON_A_QUEUED",
	[NSAUDIT_DAEMON_A_ROUTED]	= "NSAUDIT_DAEMON_A_ROUTED",
	[NSAUDIT_DAEMON_A_DELIVERED]	= "NSAUDIT_DAEMON_A_DELIVERED",
	[NSAUDIT_DAEMON_A_LOST]		= "NSAUDIT_DAEMON_A_LOST",
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

/* A request header for @cmd with @flags besides NLM_F_REQUEST. */
static int nsaudit_build_flags(int family, uint8_t cmd, int flags,
			       struct nl_msg **msgp)
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
			 NLM_F_REQUEST | flags, cmd, NSAUDIT_GENL_VERSION)) {
		nlmsg_free(msg);
		return -ENOMEM;
	}
	*msgp = msg;
	return 0;
}

/* A request header for @cmd; NLM_F_ACK so that every request is answered. */
static int nsaudit_build(int family, uint8_t cmd, struct nl_msg **msgp)
{
	return nsaudit_build_flags(family, cmd, NLM_F_ACK, msgp);
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
 * an enrich other than 0 or 1, a share that is not an enum nsaudit_share
 * value, or a limit out of its range.
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
	if ((s->mask & NSAUDIT_SET_SHARE) &&
	    (s->share < NSAUDIT_SHARE_NONE || s->share > NSAUDIT_SHARE_ALL)) {
		nsaudit_why(why, size, "share must be 0, 1 or 2, not %d",
			    s->share);
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
	/* A default backlog is a backlog: the queue limit's bounds. */
	if ((s->mask & NSAUDIT_SET_BACKLOG) &&
	    (s->limits.backlog < NSAUDIT_LIMIT_QUEUE_MIN ||
	     s->limits.backlog > NSAUDIT_LIMIT_QUEUE_MAX)) {
		nsaudit_why(why, size, "backlog limit %u is not in %u..%u",
			    s->limits.backlog, NSAUDIT_LIMIT_QUEUE_MIN,
			    NSAUDIT_LIMIT_QUEUE_MAX);
		return -EINVAL;
	}
	if ((s->mask & NSAUDIT_SET_MEMORY) &&
	    (s->limits.memory < NSAUDIT_LIMIT_MEMORY_MIN ||
	     s->limits.memory > NSAUDIT_LIMIT_MEMORY_MAX)) {
		nsaudit_why(why, size, "memory limit %u KiB is not in %u..%u",
			    s->limits.memory, NSAUDIT_LIMIT_MEMORY_MIN,
			    NSAUDIT_LIMIT_MEMORY_MAX);
		return -EINVAL;
	}
	if ((s->mask & NSAUDIT_SET_CONTIDS) &&
	    (s->limits.contids < NSAUDIT_LIMIT_CONTIDS_MIN ||
	     s->limits.contids > NSAUDIT_LIMIT_CONTIDS_MAX)) {
		nsaudit_why(why, size, "contids limit %u is not in %u..%u",
			    s->limits.contids, NSAUDIT_LIMIT_CONTIDS_MIN,
			    NSAUDIT_LIMIT_CONTIDS_MAX);
		return -EINVAL;
	}
	if ((s->mask & NSAUDIT_SET_USER_DAEMONS) &&
	    s->limits.user_daemons > NSAUDIT_LIMIT_DAEMONS_MAX) {
		nsaudit_why(why, size, "user_daemons limit %u is not in 0..%u",
			    s->limits.user_daemons, NSAUDIT_LIMIT_DAEMONS_MAX);
		return -EINVAL;
	}
	if ((s->mask & NSAUDIT_SET_USER_MEMORY) &&
	    (s->limits.user_memory < NSAUDIT_LIMIT_MEMORY_MIN ||
	     s->limits.user_memory > NSAUDIT_LIMIT_MEMORY_MAX)) {
		nsaudit_why(why, size,
			    "user_memory limit %u KiB is not in %u..%u",
			    s->limits.user_memory, NSAUDIT_LIMIT_MEMORY_MIN,
			    NSAUDIT_LIMIT_MEMORY_MAX);
		return -EINVAL;
	}
	if ((s->mask & NSAUDIT_SET_DAEMON_MEMORY) &&
	    (s->limits.daemon_memory < NSAUDIT_LIMIT_MEMORY_MIN ||
	     s->limits.daemon_memory > NSAUDIT_LIMIT_MEMORY_MAX)) {
		nsaudit_why(why, size,
			    "daemon_memory limit %u KiB is not in %u..%u",
			    s->limits.daemon_memory, NSAUDIT_LIMIT_MEMORY_MIN,
			    NSAUDIT_LIMIT_MEMORY_MAX);
		return -EINVAL;
	}
	return 0;
}

/**
 * nsaudit__build_set() - check and build a SET request
 * @family: the nsaudit family's id
 * @s: the settings; only the members in @s->mask are sent: enrich, then
 *     share, then the limits in one NSAUDIT_A_LIMITS nest (absent if no
 *     limit is set)
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
		{ NSAUDIT_SET_BACKLOG,	NSAUDIT_LIMIT_A_BACKLOG },
		{ NSAUDIT_SET_MEMORY,	NSAUDIT_LIMIT_A_MEMORY },
		{ NSAUDIT_SET_CONTIDS,	NSAUDIT_LIMIT_A_CONTIDS },
		{ NSAUDIT_SET_USER_DAEMONS, NSAUDIT_LIMIT_A_USER_DAEMONS },
		{ NSAUDIT_SET_USER_MEMORY, NSAUDIT_LIMIT_A_USER_MEMORY },
		{ NSAUDIT_SET_DAEMON_MEMORY, NSAUDIT_LIMIT_A_DAEMON_MEMORY },
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
	if ((s->mask & NSAUDIT_SET_SHARE) &&
	    nla_put_u8(msg, NSAUDIT_A_SHARE, (uint8_t)s->share) < 0)
		goto err_msg;

	/* Everything but the top-level settings goes in the nest. */
	if (s->mask & (NSAUDIT_SET_ALL & ~(NSAUDIT_SET_ENRICH |
					   NSAUDIT_SET_SHARE))) {
		const uint32_t value[ARRAY_SIZE(limits)] = {
			s->limits.daemons, s->limits.queue, s->limits.rules,
			s->limits.backlog, s->limits.memory,
			s->limits.contids, s->limits.user_daemons,
			s->limits.user_memory, s->limits.daemon_memory,
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

/* The daemon nest @nla, every member mandatory; registered on success. */
static int nsaudit_parse_daemon(const struct nlattr *nla,
				struct nsaudit_daemon_info *info, char *why,
				size_t size)
{
	struct nlattr *tb[NSAUDIT_DAEMON_A_MAX + 1];
	int err;

	err = nsaudit_parse_nest(tb, NSAUDIT_DAEMON_A_MAX, nla,
				 nsaudit_daemon_policy, nsaudit_daemon_names,
				 "NSAUDIT_A_DAEMON", why, size);
	if (err)
		return err;
	info->registered = 1;
	info->pid = nla_get_u32(tb[NSAUDIT_DAEMON_A_PID]);
	info->userns = nla_get_u32(tb[NSAUDIT_DAEMON_A_USERNS]);
	info->backlog = nla_get_u32(tb[NSAUDIT_DAEMON_A_BACKLOG]);
	info->queued = nla_get_u32(tb[NSAUDIT_DAEMON_A_QUEUED]);
	info->routed = nla_get_u64(tb[NSAUDIT_DAEMON_A_ROUTED]);
	info->delivered = nla_get_u64(tb[NSAUDIT_DAEMON_A_DELIVERED]);
	info->lost = nla_get_u64(tb[NSAUDIT_DAEMON_A_LOST]);
	return 0;
}

/*
 * Members of the nest @tb that minor version @since added: mandatory in
 * the status @st of a module of that minor or later.
 */
static int nsaudit_need_since(struct nlattr *const *tb, int maxtype,
			      const char *const *names, uint32_t since,
			      const struct nsaudit_status *st,
			      const char *nest, char *why, size_t size)
{
	int i;

	if (st->version_minor < since)
		return 0;
	for (i = 1; i <= maxtype; i++) {
		if (names[i] && !tb[i]) {
			nsaudit_why(why, size, "%s of interface %u.%u lacks %s",
				    nest, st->version_major,
				    st->version_minor, names[i]);
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
 * The backlog and memory limits are mandatory from minor version 1 on and
 * read as 0 from a module of 1.0, which has neither; likewise the contids
 * counter and limit from minor version 3 on, the contid_lost, unenriched
 * and delegations counters from 4 on, and the user_daemons, user_memory
 * and daemon_memory limits from 5 on. NSAUDIT_A_PROBES and
 * NSAUDIT_A_SHARE are mandatory from minor version 4 on and read as -1
 * ("unknown") from an older module; so is NSAUDIT_A_DELEGATED, but in a
 * GET_STATUS reply only: it is about the caller's user namespace, so a
 * CONFIG_NTF's is ignored and reads as -1. NSAUDIT_A_DAEMON is optional
 * (@st->daemon.registered is 0 without it); where it is present, all of
 * its members are mandatory.
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
	uint8_t enrich, probes, share, delegated;

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

	err = nsaudit_need_since(tb, NSAUDIT_A_MAX, nsaudit_attr_names_1_4, 4,
				 &out, "status", why, size);
	if (err)
		return err;
	out.probes = -1;
	if (tb[NSAUDIT_A_PROBES]) {
		probes = nla_get_u8(tb[NSAUDIT_A_PROBES]);
		if (probes > 1) {
			nsaudit_why(why, size,
				    "NSAUDIT_A_PROBES is %u, not 0 or 1",
				    probes);
			return -EBADMSG;
		}
		out.probes = probes;
	}
	out.share = -1;
	if (tb[NSAUDIT_A_SHARE]) {
		share = nla_get_u8(tb[NSAUDIT_A_SHARE]);
		if (share > NSAUDIT_SHARE_ALL) {
			nsaudit_why(why, size,
				    "NSAUDIT_A_SHARE is %u, not 0, 1 or 2",
				    share);
			return -EBADMSG;
		}
		out.share = share;
	}
	/* A CONFIG_NTF goes to every subscriber: "the caller" is nobody. */
	out.delegated = -1;
	if (cmd == NSAUDIT_CMD_GET_STATUS) {
		err = nsaudit_need_since(tb, NSAUDIT_A_MAX,
					 nsaudit_reply_names_1_4, 4, &out,
					 "status", why, size);
		if (err)
			return err;
		if (tb[NSAUDIT_A_DELEGATED]) {
			delegated = nla_get_u8(tb[NSAUDIT_A_DELEGATED]);
			if (delegated > 1) {
				nsaudit_why(why, size,
					    "NSAUDIT_A_DELEGATED is %u, not 0 or 1",
					    delegated);
				return -EBADMSG;
			}
			out.delegated = delegated;
		}
	}

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
	err = nsaudit_need_since(ctb, NSAUDIT_COUNTER_A_MAX,
				 nsaudit_counter_names_1_3, 3, &out,
				 "NSAUDIT_A_COUNTERS", why, size);
	if (!err)
		err = nsaudit_need_since(ctb, NSAUDIT_COUNTER_A_MAX,
					 nsaudit_counter_names_1_4, 4, &out,
					 "NSAUDIT_A_COUNTERS", why, size);
	if (err)
		return err;
	out.counters.contids = ctb[NSAUDIT_COUNTER_A_CONTIDS] ?
		nla_get_u64(ctb[NSAUDIT_COUNTER_A_CONTIDS]) : 0;
	out.counters.contid_tasks = ctb[NSAUDIT_COUNTER_A_CONTID_TASKS] ?
		nla_get_u64(ctb[NSAUDIT_COUNTER_A_CONTID_TASKS]) : 0;
	out.counters.contid_lost = ctb[NSAUDIT_COUNTER_A_CONTID_LOST] ?
		nla_get_u64(ctb[NSAUDIT_COUNTER_A_CONTID_LOST]) : 0;
	out.counters.unenriched = ctb[NSAUDIT_COUNTER_A_UNENRICHED] ?
		nla_get_u64(ctb[NSAUDIT_COUNTER_A_UNENRICHED]) : 0;
	out.counters.delegations = ctb[NSAUDIT_COUNTER_A_DELEGATIONS] ?
		nla_get_u64(ctb[NSAUDIT_COUNTER_A_DELEGATIONS]) : 0;

	err = nsaudit_parse_nest(ltb, NSAUDIT_LIMIT_A_MAX,
				 tb[NSAUDIT_A_LIMITS], nsaudit_limit_policy,
				 nsaudit_limit_names, "NSAUDIT_A_LIMITS",
				 why, size);
	if (err)
		return err;
	out.limits.daemons = nla_get_u32(ltb[NSAUDIT_LIMIT_A_DAEMONS]);
	out.limits.queue = nla_get_u32(ltb[NSAUDIT_LIMIT_A_QUEUE]);
	out.limits.rules = nla_get_u32(ltb[NSAUDIT_LIMIT_A_RULES]);
	err = nsaudit_need_since(ltb, NSAUDIT_LIMIT_A_MAX,
				 nsaudit_limit_names_1_1, 1, &out,
				 "NSAUDIT_A_LIMITS", why, size);
	if (!err)
		err = nsaudit_need_since(ltb, NSAUDIT_LIMIT_A_MAX,
					 nsaudit_limit_names_1_3, 3, &out,
					 "NSAUDIT_A_LIMITS", why, size);
	if (!err)
		err = nsaudit_need_since(ltb, NSAUDIT_LIMIT_A_MAX,
					 nsaudit_limit_names_1_5, 5, &out,
					 "NSAUDIT_A_LIMITS", why, size);
	if (err)
		return err;
	out.limits.backlog = ltb[NSAUDIT_LIMIT_A_BACKLOG] ?
		nla_get_u32(ltb[NSAUDIT_LIMIT_A_BACKLOG]) : 0;
	out.limits.memory = ltb[NSAUDIT_LIMIT_A_MEMORY] ?
		nla_get_u32(ltb[NSAUDIT_LIMIT_A_MEMORY]) : 0;
	out.limits.contids = ltb[NSAUDIT_LIMIT_A_CONTIDS] ?
		nla_get_u32(ltb[NSAUDIT_LIMIT_A_CONTIDS]) : 0;
	out.limits.user_daemons = ltb[NSAUDIT_LIMIT_A_USER_DAEMONS] ?
		nla_get_u32(ltb[NSAUDIT_LIMIT_A_USER_DAEMONS]) : 0;
	out.limits.user_memory = ltb[NSAUDIT_LIMIT_A_USER_MEMORY] ?
		nla_get_u32(ltb[NSAUDIT_LIMIT_A_USER_MEMORY]) : 0;
	out.limits.daemon_memory = ltb[NSAUDIT_LIMIT_A_DAEMON_MEMORY] ?
		nla_get_u32(ltb[NSAUDIT_LIMIT_A_DAEMON_MEMORY]) : 0;

	memset(&out.daemon, 0, sizeof(out.daemon));
	if (tb[NSAUDIT_A_DAEMON]) {
		err = nsaudit_parse_daemon(tb[NSAUDIT_A_DAEMON], &out.daemon,
					   why, size);
		if (err)
			return err;
	}

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

/* ---- per-namespace daemons ------------------------------------------ */

/**
 * nsaudit__check_backlog() - check a daemon's backlog for REGISTER
 * @backlog: NSAUDIT_LIMIT_QUEUE_MIN to _MAX, or 0 for the host's default
 * @why: receives the reason on failure
 * @size: size of @why
 *
 * Return: 0, or -EINVAL for a @backlog out of the UAPI bounds.
 */
int nsaudit__check_backlog(uint32_t backlog, char *why, size_t size)
{
	if (backlog && (backlog < NSAUDIT_LIMIT_QUEUE_MIN ||
			backlog > NSAUDIT_LIMIT_QUEUE_MAX)) {
		nsaudit_why(why, size,
			    "backlog %u is not in %u..%u (or 0 for the host's default)",
			    backlog, NSAUDIT_LIMIT_QUEUE_MIN,
			    NSAUDIT_LIMIT_QUEUE_MAX);
		return -EINVAL;
	}
	return 0;
}

/**
 * nsaudit__build_register() - check and build a REGISTER request
 * @family: the nsaudit family's id
 * @backlog: NSAUDIT_A_BACKLOG, NSAUDIT_LIMIT_QUEUE_MIN to _MAX; 0 sends
 *           none, so that the module applies the host's "backlog" limit
 * @msgp: receives the message (NULL on failure)
 * @why: receives the reason on failure
 * @size: size of @why
 *
 * Without NLM_F_ACK, as the UAPI header asks: the module's reply is the
 * answer, and records follow it with nothing in between.
 *
 * Return: 0, -EINVAL, or -ENOMEM.
 */
int nsaudit__build_register(int family, uint32_t backlog,
			    struct nl_msg **msgp, char *why, size_t size)
{
	struct nl_msg *msg;
	int err;

	if (!msgp)
		return -EINVAL;
	*msgp = NULL;
	err = nsaudit__check_backlog(backlog, why, size);
	if (err)
		return err;
	err = nsaudit_build_flags(family, NSAUDIT_CMD_REGISTER, 0, &msg);
	if (err)
		return err;
	if (backlog && nla_put_u32(msg, NSAUDIT_A_BACKLOG, backlog) < 0) {
		nlmsg_free(msg);
		return -ENOMEM;
	}
	*msgp = msg;
	return 0;
}

/**
 * nsaudit__build_unregister() - build an UNREGISTER request
 * @family: the nsaudit family's id
 * @msgp: receives the message (NULL on failure)
 *
 * Return: 0, -EINVAL for a bad @family, or -ENOMEM.
 */
int nsaudit__build_unregister(int family, struct nl_msg **msgp)
{
	return nsaudit_build(family, NSAUDIT_CMD_UNREGISTER, msgp);
}

/* A message of @cmd whose one mandatory attribute is NSAUDIT_A_DAEMON. */
static int nsaudit_parse_daemon_msg(const struct nlmsghdr *nlh, size_t len,
				    int family, uint8_t cmd, const char *what,
				    struct nsaudit_daemon_info *info,
				    char *why, size_t size)
{
	struct nlattr *tb[NSAUDIT_A_MAX + 1];
	const struct nlattr *head;
	int attrlen, err;

	err = nsaudit_genl_attrs(nlh, len, family, cmd, &head, &attrlen,
				 why, size);
	if (err)
		return err;
	if (nsaudit_parse_attrs(tb, NSAUDIT_A_MAX, head, attrlen,
				nsaudit_daemon_reply_policy)) {
		nsaudit_why(why, size, "malformed attributes in the %s", what);
		return -EBADMSG;
	}
	if (!tb[NSAUDIT_A_DAEMON]) {
		nsaudit_why(why, size, "%s lacks NSAUDIT_A_DAEMON", what);
		return -EBADMSG;
	}
	return nsaudit_parse_daemon(tb[NSAUDIT_A_DAEMON], info, why, size);
}

/**
 * nsaudit__parse_register() - parse the REGISTER reply
 * @nlh: the message
 * @len: bytes available at @nlh; nothing beyond is read
 * @family: the nsaudit family's id, the expected nlmsg_type
 * @info: filled in on success only (registered is 1)
 * @why: receives the reason on failure
 * @size: size of @why
 *
 * Return: 0, or -EBADMSG for a message that is not a REGISTER reply of
 * @family, is truncated or malformed, or lacks NSAUDIT_A_DAEMON or any
 * of its members.
 */
int nsaudit__parse_register(const struct nlmsghdr *nlh, size_t len,
			    int family, struct nsaudit_daemon_info *info,
			    char *why, size_t size)
{
	struct nsaudit_daemon_info out;
	int err;

	err = nsaudit_parse_daemon_msg(nlh, len, family, NSAUDIT_CMD_REGISTER,
				       "REGISTER reply", &out, why, size);
	if (err)
		return err;
	*info = out;
	return 0;
}

/**
 * nsaudit__parse_lost() - parse a LOST message into an event
 * @nlh: the message
 * @len: bytes available at @nlh; nothing beyond is read
 * @family: the nsaudit family's id, the expected nlmsg_type
 * @ev: filled in on success only: NSAUDIT_EVENT_LOST and the counters
 * @why: receives the reason on failure
 * @size: size of @why
 *
 * Return: 0, or -EBADMSG as nsaudit__parse_register().
 */
int nsaudit__parse_lost(const struct nlmsghdr *nlh, size_t len, int family,
			struct nsaudit_event *ev, char *why, size_t size)
{
	struct nsaudit_daemon_info info;
	int err;

	err = nsaudit_parse_daemon_msg(nlh, len, family, NSAUDIT_CMD_LOST,
				       "LOST message", &info, why, size);
	if (err)
		return err;
	*ev = (struct nsaudit_event){
		.kind = NSAUDIT_EVENT_LOST, .info = info,
	};
	return 0;
}

/**
 * nsaudit__parse_record() - parse a RECORD message into an event
 * @nlh: the message
 * @len: bytes available at @nlh; nothing beyond is read
 * @family: the nsaudit family's id, the expected nlmsg_type
 * @ev: filled in on success only: NSAUDIT_EVENT_RECORD, the type, and the
 *      text, which points into @nlh (no copy)
 * @why: receives the reason on failure
 * @size: size of @why
 *
 * The hot path of a daemon, so one pass over the attributes and no
 * policy table: NSAUDIT_A_RECORD_TYPE must be exactly a u16, and
 * NSAUDIT_A_RECORD_TEXT a non-empty string with its NUL inside the
 * attribute (bytes after the NUL are not part of it). Unknown attributes
 * are ignored; of a repeated one, the last counts, as with nla_parse().
 *
 * Return: 0, or -EBADMSG for a message that is not a RECORD of @family,
 * is truncated or malformed, lacks either attribute, or whose text is
 * empty or not NUL-terminated.
 */
int nsaudit__parse_record(const struct nlmsghdr *nlh, size_t len, int family,
			  struct nsaudit_event *ev, char *why, size_t size)
{
	const struct nlattr *head, *nla, *type = NULL, *text = NULL;
	int attrlen, rem, err;
	size_t n;

	err = nsaudit_genl_attrs(nlh, len, family, NSAUDIT_CMD_RECORD, &head,
				 &attrlen, why, size);
	if (err)
		return err;
	nla_for_each_attr(nla, head, attrlen, rem) {
		if (nla_type(nla) == NSAUDIT_A_RECORD_TYPE)
			type = nla;
		else if (nla_type(nla) == NSAUDIT_A_RECORD_TEXT)
			text = nla;
	}
	if (rem > 0) {
		nsaudit_why(why, size, "malformed attributes in a record");
		return -EBADMSG;
	}
	if (!type || !text) {
		nsaudit_why(why, size, "record lacks %s",
			    type ? "NSAUDIT_A_RECORD_TEXT" :
				   "NSAUDIT_A_RECORD_TYPE");
		return -EBADMSG;
	}
	if (nla_len(type) != sizeof(uint16_t)) {
		nsaudit_why(why, size,
			    "NSAUDIT_A_RECORD_TYPE is %d bytes long, not 2",
			    nla_len(type));
		return -EBADMSG;
	}
	n = strnlen(nla_data(text), (size_t)nla_len(text));
	if (n == (size_t)nla_len(text)) {
		nsaudit_why(why, size,
			    "NSAUDIT_A_RECORD_TEXT is not NUL-terminated");
		return -EBADMSG;
	}
	if (!n) {
		nsaudit_why(why, size, "NSAUDIT_A_RECORD_TEXT is empty");
		return -EBADMSG;
	}
	*ev = (struct nsaudit_event){
		.kind = NSAUDIT_EVENT_RECORD,
		.type = nla_get_u16(type),
		.text = nla_data(text),
		.len = n,
	};
	return 0;
}

/**
 * nsaudit__parse_delfamily() - is this the controller saying @family went?
 * @nlh: the message
 * @len: bytes available at @nlh; nothing beyond is read
 * @family: the family id to look for
 *
 * Return: 1 for a CTRL_CMD_DELFAMILY of the genetlink controller that
 * names @family in CTRL_ATTR_FAMILY_ID; 0 for anything else, a malformed
 * message included (it is not ours to judge).
 */
int nsaudit__parse_delfamily(const struct nlmsghdr *nlh, size_t len,
			     int family)
{
	const struct genlmsghdr *gnlh;
	const struct nlattr *nla;
	int rem;

	if (!nlh || len < NLMSG_HDRLEN || nlh->nlmsg_len > len ||
	    nlh->nlmsg_len < NLMSG_HDRLEN + GENL_HDRLEN ||
	    nlh->nlmsg_len > INT_MAX || nlh->nlmsg_type != GENL_ID_CTRL)
		return 0;
	gnlh = (const struct genlmsghdr *)((const char *)nlh + NLMSG_HDRLEN);
	if (gnlh->cmd != CTRL_CMD_DELFAMILY)
		return 0;
	nla_for_each_attr(nla, (const struct nlattr *)
			  ((const char *)gnlh + GENL_HDRLEN),
			  (int)(nlh->nlmsg_len - NLMSG_HDRLEN - GENL_HDRLEN),
			  rem) {
		if (nla_type(nla) == CTRL_ATTR_FAMILY_ID &&
		    nla_len(nla) == sizeof(uint16_t))
			return nla_get_u16(nla) == family;
	}
	return 0;
}

/**
 * nsaudit__next_msg() - the next netlink message of a datagram
 * @buf: the datagram, aligned to 4 bytes
 * @len: its length
 * @off: offset of the next message; advanced past it (to @len when the
 *       rest is malformed, so that it is dropped)
 * @nlhp: receives the message; its nlmsg_len bytes are inside @buf
 *
 * Return: 1 with a message; 0 at the end of @buf; -EBADMSG if the rest
 * of @buf is not a message (a torn header or a length beyond @len).
 */
int nsaudit__next_msg(const void *buf, size_t len, size_t *off,
		      const struct nlmsghdr **nlhp)
{
	const struct nlmsghdr *nlh;
	size_t rem, step;

	if (*off >= len) {
		*off = len;
		return 0;
	}
	rem = len - *off;
	nlh = (const struct nlmsghdr *)((const char *)buf + *off);
	if (rem < NLMSG_HDRLEN || nlh->nlmsg_len < NLMSG_HDRLEN ||
	    nlh->nlmsg_len > rem) {
		*off = len;
		return -EBADMSG;
	}
	step = NLMSG_ALIGN(nlh->nlmsg_len);
	*off += step < rem ? step : rem;
	*nlhp = nlh;
	return 1;
}

/**
 * nsaudit__daemon_msg() - what one message on a daemon's socket means
 * @nlh: the message, from the kernel
 * @len: bytes available at @nlh; nothing beyond is read
 * @ctx: the daemon's family, port and pending UNREGISTER
 * @ev: filled in when 1 is returned
 * @why: receives the reason on failure, and on an END with an error the
 *       module's extended ACK text ("" if none)
 * @size: size of @why
 *
 * RECORD and LOST messages of the family are events. The answer to the
 * UNREGISTER request (matched by sequence number and port) ends the
 * registration with its error, 0 for the ACK; ENOENT (not registered)
 * counts as the ACK when the request was sent again because the first
 * answer was lost (@ctx->unreg_resent): the first one did its work. The controller's
 * CTRL_CMD_DELFAMILY for the family ends it with -ESHUTDOWN: the module
 * is gone. Anything else is skipped: other commands a newer minor may
 * send, stray answers, the controller's other news.
 *
 * Return: 1 with @ev filled in; 0 to skip the message; -EBADMSG for a
 * malformed RECORD, LOST or UNREGISTER answer.
 */
int nsaudit__daemon_msg(const struct nlmsghdr *nlh, size_t len,
			const struct nsaudit_daemon_ctx *ctx,
			struct nsaudit_event *ev, char *why, size_t size)
{
	const struct genlmsghdr *gnlh;
	int err, error;

	if (!nlh || len < NLMSG_HDRLEN || nlh->nlmsg_len > len) {
		nsaudit_why(why, size, "truncated message from the module");
		return -EBADMSG;
	}
	if (nlh->nlmsg_type == ctx->family) {
		if (nlh->nlmsg_len < NLMSG_HDRLEN + GENL_HDRLEN) {
			nsaudit_why(why, size,
				    "truncated message from the module");
			return -EBADMSG;
		}
		gnlh = (const struct genlmsghdr *)((const char *)nlh +
						   NLMSG_HDRLEN);
		if (gnlh->cmd == NSAUDIT_CMD_RECORD)
			err = nsaudit__parse_record(nlh, len, ctx->family, ev,
						    why, size);
		else if (gnlh->cmd == NSAUDIT_CMD_LOST)
			err = nsaudit__parse_lost(nlh, len, ctx->family, ev,
						  why, size);
		else
			return 0;
		return err ? err : 1;
	}
	if (nlh->nlmsg_type == NLMSG_ERROR) {
		if (!ctx->unregistering || nlh->nlmsg_seq != ctx->unreg_seq ||
		    nlh->nlmsg_pid != ctx->port)
			return 0;
		if (nsaudit__parse_error(nlh, len, &error, why, size)) {
			nsaudit_why(why, size,
				    "malformed answer to UNREGISTER");
			return -EBADMSG;
		}
		if (error == -ENOENT && ctx->unreg_resent)
			error = 0;
		*ev = (struct nsaudit_event){
			.kind = NSAUDIT_EVENT_END, .error = error,
		};
		return 1;
	}
	if (nsaudit__parse_delfamily(nlh, len, ctx->family)) {
		nsaudit_why(why, size, "the nsaudit module went away");
		*ev = (struct nsaudit_event){
			.kind = NSAUDIT_EVENT_END, .error = -ESHUTDOWN,
		};
		return 1;
	}
	return 0;
}

/* ---- per-namespace rules -------------------------------------------- */

/*
 * Fields whose value is the length of their bytes in buf, in field order:
 * the list the kernel's audit_data_to_entry() takes strings for, and
 * NSAUDIT_RULE_FIELD_CONTID (interface 1.3), whose 8 bytes are the ID.
 */
static bool nsaudit_rule_field_is_string(uint32_t field)
{
	switch (field) {
	case NSAUDIT_RULE_FIELD_CONTID:
	case AUDIT_SUBJ_USER:
	case AUDIT_SUBJ_ROLE:
	case AUDIT_SUBJ_TYPE:
	case AUDIT_SUBJ_SEN:
	case AUDIT_SUBJ_CLR:
	case AUDIT_OBJ_USER:
	case AUDIT_OBJ_ROLE:
	case AUDIT_OBJ_TYPE:
	case AUDIT_OBJ_LEV_LOW:
	case AUDIT_OBJ_LEV_HIGH:
	case AUDIT_WATCH:
	case AUDIT_DIR:
	case AUDIT_FILTERKEY:
	case AUDIT_EXE:
		return true;
	}
	return false;
}

/**
 * nsaudit__check_rule() - is this a well-formed NSAUDIT_A_RULE?
 * @r: the rule
 * @len: its length in bytes, buf included
 * @why: receives the reason on failure
 * @size: size of @why
 *
 * Structure only, as the kernel checks it before it looks at the meaning:
 * the length is the fixed part plus buflen and at most NSAUDIT_RULE_MAX,
 * field_count is at most AUDIT_MAX_FIELDS, and the strings of the string
 * fields (and contid's bytes) lie inside buf. Which filters, fields and
 * operators the module supports is its own business (EINVAL with an
 * extended ACK).
 *
 * Return: 0, or -EINVAL.
 */
int nsaudit__check_rule(const struct audit_rule_data *r, size_t len,
			char *why, size_t size)
{
	uint64_t used = 0;
	uint32_t i;

	if (!r) {
		nsaudit_why(why, size, "no rule given");
		return -EINVAL;
	}
	if (len < sizeof(*r) || len > NSAUDIT_RULE_MAX) {
		nsaudit_why(why, size, "rule of %zu bytes is not in %zu..%d",
			    len, sizeof(*r), NSAUDIT_RULE_MAX);
		return -EINVAL;
	}
	if (len - sizeof(*r) != r->buflen) {
		nsaudit_why(why, size,
			    "rule of %zu bytes has a buf of %u bytes, not %zu",
			    len, r->buflen, len - sizeof(*r));
		return -EINVAL;
	}
	if (r->field_count > AUDIT_MAX_FIELDS) {
		nsaudit_why(why, size, "rule has %u fields, at most %d",
			    r->field_count, AUDIT_MAX_FIELDS);
		return -EINVAL;
	}
	for (i = 0; i < r->field_count; i++) {
		if (!nsaudit_rule_field_is_string(r->fields[i]))
			continue;
		used += r->values[i];
		if (used > r->buflen) {
			nsaudit_why(why, size,
				    "string of field %u (type %u) runs past the rule's buf",
				    i, r->fields[i]);
			return -EINVAL;
		}
	}
	return 0;
}

/**
 * nsaudit__build_rule() - check and build an ADD_RULE or DEL_RULE request
 * @family: the nsaudit family's id
 * @cmd: NSAUDIT_CMD_ADD_RULE or NSAUDIT_CMD_DEL_RULE
 * @r: the rule, sent as it is in NSAUDIT_A_RULE
 * @len: its length, buf included
 * @msgp: receives the message (NULL on failure)
 * @why: receives the reason on failure
 * @size: size of @why
 *
 * Return: 0, -EINVAL (see nsaudit__check_rule(), or another @cmd), or
 * -ENOMEM.
 */
int nsaudit__build_rule(int family, uint8_t cmd,
			const struct audit_rule_data *r, size_t len,
			struct nl_msg **msgp, char *why, size_t size)
{
	struct nl_msg *msg;
	int err;

	if (!msgp)
		return -EINVAL;
	*msgp = NULL;
	if (cmd != NSAUDIT_CMD_ADD_RULE && cmd != NSAUDIT_CMD_DEL_RULE) {
		nsaudit_why(why, size, "command %u is not a rule change", cmd);
		return -EINVAL;
	}
	err = nsaudit__check_rule(r, len, why, size);
	if (err)
		return err;
	err = nsaudit_build(family, cmd, &msg);
	if (err)
		return err;
	if (nla_put(msg, NSAUDIT_A_RULE, (int)len, r) < 0) {
		nlmsg_free(msg);
		return -ENOMEM;
	}
	*msgp = msg;
	return 0;
}

/**
 * nsaudit__build_list_rules() - build a LIST_RULES dump request
 * @family: the nsaudit family's id
 * @msgp: receives the message (NULL on failure)
 *
 * NLM_F_DUMP without NLM_F_ACK: NLMSG_DONE ends the answer, and carries
 * the error of a dump that failed part way.
 *
 * Return: 0, -EINVAL for a bad @family, or -ENOMEM.
 */
int nsaudit__build_list_rules(int family, struct nl_msg **msgp)
{
	return nsaudit_build_flags(family, NSAUDIT_CMD_LIST_RULES, NLM_F_DUMP,
				   msgp);
}

/**
 * nsaudit__build_delete_all() - build a DELETE_ALL request
 * @family: the nsaudit family's id
 * @msgp: receives the message (NULL on failure)
 *
 * Return: 0, -EINVAL for a bad @family, or -ENOMEM.
 */
int nsaudit__build_delete_all(int family, struct nl_msg **msgp)
{
	return nsaudit_build(family, NSAUDIT_CMD_DELETE_ALL, msgp);
}

/**
 * nsaudit__parse_rule() - parse one message of a LIST_RULES dump
 * @nlh: the message
 * @len: bytes available at @nlh; nothing beyond is read
 * @family: the nsaudit family's id, the expected nlmsg_type
 * @rp: receives the rule on success, pointing into @nlh (no copy; the
 *      attribute payload is 4-byte aligned, as struct audit_rule_data is)
 * @rlen: receives its length on success
 * @why: receives the reason on failure
 * @size: size of @why
 *
 * Unknown attributes are ignored; of a repeated NSAUDIT_A_RULE the last
 * counts, as with nla_parse().
 *
 * Return: 0, or -EBADMSG for a message that is not a LIST_RULES message of
 * @family, is truncated or malformed, lacks NSAUDIT_A_RULE, or whose rule
 * is not well-formed (see nsaudit__check_rule()).
 */
int nsaudit__parse_rule(const struct nlmsghdr *nlh, size_t len, int family,
			const struct audit_rule_data **rp, size_t *rlen,
			char *why, size_t size)
{
	const struct nlattr *head, *nla, *rule = NULL;
	char reason[NSAUDIT__TEXT_SIZE];
	int attrlen, rem, err;

	err = nsaudit_genl_attrs(nlh, len, family, NSAUDIT_CMD_LIST_RULES,
				 &head, &attrlen, why, size);
	if (err)
		return err;
	nla_for_each_attr(nla, head, attrlen, rem) {
		if (nla_type(nla) == NSAUDIT_A_RULE)
			rule = nla;
	}
	if (rem > 0) {
		nsaudit_why(why, size, "malformed attributes in a rule");
		return -EBADMSG;
	}
	if (!rule) {
		nsaudit_why(why, size, "rule message lacks NSAUDIT_A_RULE");
		return -EBADMSG;
	}
	if (nsaudit__check_rule(nla_data(rule), (size_t)nla_len(rule), reason,
				sizeof(reason))) {
		nsaudit_why(why, size, "malformed NSAUDIT_A_RULE: %s", reason);
		return -EBADMSG;
	}
	*rp = nla_data(rule);
	*rlen = (size_t)nla_len(rule);
	return 0;
}

/**
 * nsaudit__parse_done() - the error and extended ACK text of an NLMSG_DONE
 * @nlh: the message
 * @len: bytes available at @nlh; nothing beyond is read
 * @error: receives the dump's error as a negative errno (0: complete)
 * @text: receives the NLMSGERR_ATTR_MSG text, "" if there is none
 * @size: size of @text
 *
 * Layout (net/netlink/af_netlink.c, netlink_dump_done()): an int, the
 * dump's return value; then, if NLM_F_ACK_TLVS is set, attributes. An
 * NLMSG_DONE without the int (old kernels, other families) is a success.
 *
 * Return: 0, or -EBADMSG (with @error untouched) if @nlh is not a
 * complete NLMSG_DONE message.
 */
int nsaudit__parse_done(const struct nlmsghdr *nlh, size_t len, int *error,
			char *text, size_t size)
{
	const struct nlattr *msg;
	const char *p;
	size_t msglen, off, n, i;
	int32_t e;

	if (text && size)
		text[0] = '\0';
	if (!nlh || !error || len < NLMSG_HDRLEN)
		return -EBADMSG;
	msglen = nlh->nlmsg_len;
	if (nlh->nlmsg_type != NLMSG_DONE || msglen > len ||
	    msglen < NLMSG_HDRLEN || msglen > INT_MAX)
		return -EBADMSG;
	if (msglen < NLMSG_HDRLEN + sizeof(e)) {
		*error = 0;
		return 0;
	}
	memcpy(&e, (const char *)nlh + NLMSG_HDRLEN, sizeof(e));
	*error = e <= 0 ? e : -e;

	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS) || !text || !size)
		return 0;
	off = NLMSG_HDRLEN + NLMSG_ALIGN(sizeof(e));
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

/* ---- audit container IDs --------------------------------------------- */

static const struct nla_policy
nsaudit_contid_reply_policy[NSAUDIT_A_MAX + 1] = {
	[NSAUDIT_A_PID]			= NSAUDIT_U32,
	[NSAUDIT_A_CONTID]		= NSAUDIT_U64,
};

/*
 * A request for @pid: SET_CONTID (with @id), or GET_CONTID, DELEGATE and
 * UNDELEGATE (@id NULL).
 */
static int nsaudit_build_pid(int family, uint8_t cmd, int pid,
			     const uint64_t *id, struct nl_msg **msgp,
			     char *why, size_t size)
{
	struct nl_msg *msg;
	int err;

	if (!msgp)
		return -EINVAL;
	*msgp = NULL;
	err = nsaudit__check_pid(pid, why, size);
	if (err)
		return err;
	err = nsaudit_build(family, cmd, &msg);
	if (err)
		return err;
	if (nla_put_u32(msg, NSAUDIT_A_PID, (uint32_t)pid) < 0 ||
	    (id && nla_put_u64(msg, NSAUDIT_A_CONTID, *id) < 0)) {
		nlmsg_free(msg);
		return -ENOMEM;
	}
	*msgp = msg;
	return 0;
}

/**
 * nsaudit__build_contid_set() - check and build a SET_CONTID request
 * @family: the nsaudit family's id
 * @pid: the process ID, 1 to NSAUDIT_PID_MAX
 * @id: the container ID, sent as it is: NSAUDIT_CONTID_UNSET too, which
 *      the module refuses with its own explanation
 * @msgp: receives the message (NULL on failure)
 * @why: receives the reason on failure
 * @size: size of @why
 *
 * @name: the container's name for the CONTAINER_OP record, or NULL for
 *        none: 1 to NSAUDIT_CONTID_NAME_MAX bytes, sent with its NUL
 *
 * NSAUDIT_A_PID comes first: after it the u64 NSAUDIT_A_CONTID lies
 * 8-byte aligned without an NSAUDIT_A_PAD.
 *
 * Return: 0, -EINVAL for a @pid out of range, a bad @family, or an empty
 * or too long @name, or -ENOMEM.
 */
int nsaudit__build_contid_set(int family, int pid, uint64_t id,
			      const char *name, struct nl_msg **msgp,
			      char *why, size_t size)
{
	int err;

	if (msgp)
		*msgp = NULL;
	if (name && !*name) {
		nsaudit_why(why, size, "the container name is empty");
		return -EINVAL;
	}
	if (name && strnlen(name, NSAUDIT_CONTID_NAME_MAX + 1) >
		    NSAUDIT_CONTID_NAME_MAX) {
		nsaudit_why(why, size,
			    "the container name is longer than %d bytes",
			    NSAUDIT_CONTID_NAME_MAX);
		return -EINVAL;
	}
	err = nsaudit_build_pid(family, NSAUDIT_CMD_SET_CONTID, pid, &id,
				msgp, why, size);
	if (err || !name)
		return err;
	if (nla_put_string(*msgp, NSAUDIT_A_CONTID_NAME, name) < 0) {
		nlmsg_free(*msgp);
		*msgp = NULL;
		return -ENOMEM;
	}
	return 0;
}

/**
 * nsaudit__build_contid_get() - check and build a GET_CONTID request
 * @family: the nsaudit family's id
 * @pid: the process ID, 1 to NSAUDIT_PID_MAX
 * @msgp: receives the message (NULL on failure)
 * @why: receives the reason on failure
 * @size: size of @why
 *
 * Return: 0, -EINVAL for a @pid out of range or a bad @family, or
 * -ENOMEM.
 */
int nsaudit__build_contid_get(int family, int pid, struct nl_msg **msgp,
			      char *why, size_t size)
{
	return nsaudit_build_pid(family, NSAUDIT_CMD_GET_CONTID, pid, NULL,
				 msgp, why, size);
}

/**
 * nsaudit__parse_contid() - parse a GET_CONTID reply
 * @nlh: the message
 * @len: bytes available at @nlh; nothing beyond is read
 * @family: the nsaudit family's id, the expected nlmsg_type
 * @pid: the process ID the request named; the reply must name it too
 * @id: filled in on success only: the ID, NSAUDIT_CONTID_UNSET for none
 * @why: receives the reason on failure
 * @size: size of @why
 *
 * NSAUDIT_A_PAD before the ID (nla_put_u64_64bit()) and unknown
 * attributes are ignored.
 *
 * Return: 0, or -EBADMSG for a message that is not a GET_CONTID reply of
 * @family, is truncated or malformed, lacks NSAUDIT_A_PID or
 * NSAUDIT_A_CONTID, has either of another width, or answers for another
 * process.
 */
int nsaudit__parse_contid(const struct nlmsghdr *nlh, size_t len, int family,
			  int pid, uint64_t *id, char *why, size_t size)
{
	static const int want[] = { NSAUDIT_A_PID, NSAUDIT_A_CONTID, 0 };
	struct nlattr *tb[NSAUDIT_A_MAX + 1];
	const struct nlattr *head;
	int attrlen, missing, err;
	uint32_t got;

	err = nsaudit_genl_attrs(nlh, len, family, NSAUDIT_CMD_GET_CONTID,
				 &head, &attrlen, why, size);
	if (err)
		return err;
	if (nsaudit_parse_attrs(tb, NSAUDIT_A_MAX, head, attrlen,
				nsaudit_contid_reply_policy)) {
		nsaudit_why(why, size,
			    "malformed attributes in the container ID reply");
		return -EBADMSG;
	}
	missing = nsaudit_missing(tb, want);
	if (missing) {
		nsaudit_why(why, size, "container ID reply lacks %s",
			    nsaudit_attr_names[missing]);
		return -EBADMSG;
	}
	got = nla_get_u32(tb[NSAUDIT_A_PID]);
	if (pid < 1 || got != (uint32_t)pid) {
		nsaudit_why(why, size,
			    "container ID reply is for pid %u, not %d", got,
			    pid);
		return -EBADMSG;
	}
	*id = nla_get_u64(tb[NSAUDIT_A_CONTID]);
	return 0;
}

/* ---- delegation --------------------------------------------------------- */

/**
 * nsaudit__build_delegate() - check and build a DELEGATE request
 * @family: the nsaudit family's id
 * @pid: the process ID, 1 to NSAUDIT_PID_MAX
 * @msgp: receives the message (NULL on failure)
 * @why: receives the reason on failure
 * @size: size of @why
 *
 * Return: 0, -EINVAL for a @pid out of range or a bad @family, or
 * -ENOMEM.
 */
int nsaudit__build_delegate(int family, int pid, struct nl_msg **msgp,
			    char *why, size_t size)
{
	return nsaudit_build_pid(family, NSAUDIT_CMD_DELEGATE, pid, NULL,
				 msgp, why, size);
}

/**
 * nsaudit__build_undelegate() - check and build an UNDELEGATE request
 * @family: the nsaudit family's id
 * @pid: the process ID, 1 to NSAUDIT_PID_MAX
 * @msgp: receives the message (NULL on failure)
 * @why: receives the reason on failure
 * @size: size of @why
 *
 * Return: as nsaudit__build_delegate().
 */
int nsaudit__build_undelegate(int family, int pid, struct nl_msg **msgp,
			      char *why, size_t size)
{
	return nsaudit_build_pid(family, NSAUDIT_CMD_UNDELEGATE, pid, NULL,
				 msgp, why, size);
}
