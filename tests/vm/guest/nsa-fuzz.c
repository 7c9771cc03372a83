// SPDX-License-Identifier: GPL-2.0
/*
 * nsa-fuzz: throws random and mutated messages at the nsaudit generic
 * netlink family, so that a VM lane (KASAN, lockdep, UBSAN) can show the
 * module's parsing survives them. Raw netlink and libc only.
 *
 * Usage: nsa-fuzz [--count N] [--seed S]
 *
 * Sends N messages (default 100000), one sendto each, and reads every
 * answer before the next send, so the socket never overflows and nothing
 * ever waits without a bound. The mix:
 *   - most: a valid request (GET_STATUS and GET_NSID mostly, SET now and
 *     then with valid values, REGISTER and UNREGISTER, and the rule
 *     commands with a plausible struct audit_rule_data: fields of every
 *     kind, supported or not, operators, strings, lengths now and then
 *     off), sent as is or after one to four mutations:
 *     random attributes and nests (types 0..40, depth up to 4), another
 *     genl cmd or version, other nlmsg_flags (dump too), trailing bytes,
 *     then bit flips, byte substitutions, truncation and corrupted
 *     nlmsghdr and nlattr lengths;
 *   - some: a valid nlmsghdr for the family and a random payload;
 *   - a few: NLMSG_NOOP/ERROR/DONE/OVERRUN, controller requests (family
 *     and policy dumps of nsaudit), other message types.
 * The PRNG is xorshift64*: a seed replays the same messages. The seed is
 * printed first (stderr) and in the summary.
 *
 * SET may change the module's settings; those read at the start are
 * written back at the end.
 *
 * Prints one line (stdout):
 *   nsa-fuzz: sent N, records R, answers A, ok O, errors E (EINVAL x, ...), seed S
 * answers counts every message that came back, ok the ACKs (and
 * NLMSG_DONEs) that said 0, errors those with an errno; the data replies,
 * the rest, are on a detail line on stderr.
 * Exit: 0 done, 1 a send failed in an unexpected way, setup failed (no
 * nsaudit family, say), or the nsaudit family answered with an errno
 * outside its documented set; 2 usage.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/audit.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "../../../include/uapi/linux/nsaudit.h"

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define MSG_MAX		4096
#define RBUF_MAX	(128 * 1024)
#define ATTRS_MAX	128
#define NEST_DEPTH	4
#define TYPE_MAX	40
#define ERRNO_MAX	4096
#define SEND_RETRIES	100
#define FINAL_WAIT_MS	1000

static const char *prog = "nsa-fuzz";

/* ---- PRNG ---------------------------------------------------------------- */

static uint64_t rng_state;

static uint64_t rnd(void)
{
	uint64_t x = rng_state;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	rng_state = x;
	return x * 0x2545f4914f6cdd1dULL;
}

static uint32_t below(uint32_t n)
{
	return n ? (uint32_t)(rnd() % n) : 0;
}

static int chance(unsigned int percent)
{
	return below(100) < percent;
}

/* Values that sit on edges, for lengths, numbers and bytes alike. */
static uint32_t interesting32(void)
{
	static const uint32_t v[] = {
		0, 1, 2, 3, 4, 7, 8, 15, 16, 0x7f, 0x80, 0xff, 0x100, 0x7fff,
		0x8000, 0xffff, 0x10000, 0x7fffffff, 0x80000000, 0xfffffffe,
		0xffffffff, NSAUDIT_PID_MAX, NSAUDIT_PID_MAX + 1,
		NSAUDIT_LIMIT_QUEUE_MIN - 1, NSAUDIT_LIMIT_QUEUE_MAX + 1,
		NSAUDIT_LIMIT_DAEMONS_MAX + 1, NSAUDIT_LIMIT_RULES_MAX + 1,
	};

	return chance(70) ? v[below(ARRAY_SIZE(v))] : (uint32_t)rnd();
}

/* ---- message building ------------------------------------------------------ */

struct msg {
	unsigned char d[MSG_MAX];
	size_t len;
	size_t attr[ATTRS_MAX];	/* offsets of the attributes, for mutations */
	unsigned int nattr;
};

static struct nlmsghdr *hdr(struct msg *m)
{
	return (struct nlmsghdr *)m->d;
}

static struct genlmsghdr *genl(struct msg *m)
{
	return (struct genlmsghdr *)(m->d + NLMSG_HDRLEN);
}

static void msg_init(struct msg *m, uint16_t type, uint16_t flags)
{
	memset(m->d, 0, NLMSG_HDRLEN + GENL_HDRLEN);
	m->len = NLMSG_HDRLEN;
	m->nattr = 0;
	hdr(m)->nlmsg_type = type;
	hdr(m)->nlmsg_flags = flags;
}

static void genl_init(struct msg *m, uint16_t family, uint8_t cmd, uint16_t flags)
{
	msg_init(m, family, flags);
	genl(m)->cmd = cmd;
	genl(m)->version = NSAUDIT_GENL_VERSION;
	m->len = NLMSG_HDRLEN + GENL_HDRLEN;
}

static int room(const struct msg *m, size_t n)
{
	return m->len + n <= MSG_MAX;
}

/* Opens an attribute; returns its offset, or -1 if it would not fit. */
static long attr_start(struct msg *m, uint16_t type)
{
	struct nlattr nla = { .nla_len = NLA_HDRLEN, .nla_type = type };
	size_t off = m->len;

	if (!room(m, NLA_HDRLEN + 8))
		return -1;
	memcpy(m->d + off, &nla, sizeof(nla));
	m->len += NLA_HDRLEN;
	if (m->nattr < ATTRS_MAX)
		m->attr[m->nattr++] = off;
	return (long)off;
}

static void attr_end(struct msg *m, long off)
{
	uint16_t len = (uint16_t)(m->len - (size_t)off);

	memcpy(m->d + off, &len, sizeof(len));
	while (m->len % NLA_ALIGNTO && room(m, 1))
		m->d[m->len++] = 0;
}

static void put_attr(struct msg *m, uint16_t type, const void *data, size_t n)
{
	long off;

	if (!room(m, NLA_HDRLEN + NLA_ALIGN(n)))
		return;
	off = attr_start(m, type);
	if (off < 0)
		return;
	memcpy(m->d + m->len, data, n);
	m->len += n;
	attr_end(m, off);
}

static void put_u8(struct msg *m, uint16_t type, uint8_t v)
{
	put_attr(m, type, &v, sizeof(v));
}

static void put_u32(struct msg *m, uint16_t type, uint32_t v)
{
	put_attr(m, type, &v, sizeof(v));
}

static void put_u64(struct msg *m, uint16_t type, uint64_t v)
{
	put_attr(m, type, &v, sizeof(v));
}

static void put_random_bytes(struct msg *m, size_t n)
{
	while (n-- && room(m, 1))
		m->d[m->len++] = chance(30) ? (uint8_t)interesting32() : (uint8_t)rnd();
}

/* Random attributes, nests up to NEST_DEPTH deep, types 0..TYPE_MAX. */
static void put_random_attrs(struct msg *m, unsigned int depth, unsigned int n)
{
	static const size_t sizes[] = { 0, 1, 2, 3, 4, 5, 8, 16 };

	while (n--) {
		uint16_t type = (uint16_t)below(TYPE_MAX + 1);
		unsigned char v[64];
		size_t len, i;

		if (chance(10))
			type |= chance(50) ? NLA_F_NESTED : NLA_F_NET_BYTEORDER;
		if (depth < NEST_DEPTH && chance(25)) {
			long off = attr_start(m, type | (chance(80) ? NLA_F_NESTED : 0));

			if (off < 0)
				return;
			put_random_attrs(m, depth + 1, below(4));
			attr_end(m, off);
			continue;
		}
		len = chance(80) ? sizes[below(ARRAY_SIZE(sizes))] :
				   below(sizeof(v) + 1);
		if (len == 4 || len == 8) {
			uint64_t x = chance(60) ? interesting32() : rnd();

			memcpy(v, &x, len);
		} else {
			for (i = 0; i < len; i++)
				v[i] = (uint8_t)rnd();
		}
		put_attr(m, type, v, len);
	}
}

/* ---- the family's own requests ------------------------------------------- */

struct settings {
	int valid;
	uint8_t enrich;
	uint32_t daemons, queue, rules;
};

static struct settings orig;

static uint32_t pick_pid(void)
{
	switch (below(6)) {
	case 0:
		return (uint32_t)getpid();
	case 1:
		return 1;
	case 2:
		return 1 + below(NSAUDIT_PID_MAX);
	case 3:
		return (uint32_t)getppid();
	default:
		return interesting32();
	}
}

static void put_limits(struct msg *m, int valid)
{
	long off = attr_start(m, NSAUDIT_A_LIMITS | NLA_F_NESTED);

	if (off < 0)
		return;
	if (chance(60))
		put_u32(m, NSAUDIT_LIMIT_A_DAEMONS, !valid ? interesting32() :
			chance(80) && orig.valid ? orig.daemons :
			below(NSAUDIT_LIMIT_DAEMONS_MAX + 1));
	if (chance(60))
		put_u32(m, NSAUDIT_LIMIT_A_QUEUE, !valid ? interesting32() :
			chance(80) && orig.valid ? orig.queue :
			NSAUDIT_LIMIT_QUEUE_MIN +
			below(NSAUDIT_LIMIT_QUEUE_MAX - NSAUDIT_LIMIT_QUEUE_MIN + 1));
	if (chance(60))
		put_u32(m, NSAUDIT_LIMIT_A_RULES, !valid ? interesting32() :
			chance(80) && orig.valid ? orig.rules :
			below(NSAUDIT_LIMIT_RULES_MAX + 1));
	attr_end(m, off);
}

/*
 * A rule as libaudit would build it, or nearly: fields drawn from the
 * supported ones and some the module refuses, any operator, string
 * fields with their bytes in buf, and now and then a count or a length
 * that does not add up.
 */
static void put_rule(struct msg *m)
{
	static const uint32_t types[] = {
		AUDIT_PID, AUDIT_UID, AUDIT_EUID, AUDIT_SUID, AUDIT_FSUID,
		AUDIT_GID, AUDIT_EGID, AUDIT_SGID, AUDIT_FSGID, AUDIT_LOGINUID,
		AUDIT_PERS, AUDIT_ARCH, AUDIT_MSGTYPE, AUDIT_PPID,
		AUDIT_LOGINUID_SET, AUDIT_SESSIONID, AUDIT_WATCH, AUDIT_PERM,
		AUDIT_EXIT, AUDIT_SUCCESS, AUDIT_ARG0, AUDIT_ARG1, AUDIT_ARG2,
		AUDIT_ARG3, AUDIT_FILTERKEY, AUDIT_EXE, AUDIT_INODE,
	};
	static const uint32_t ops[] = {
		AUDIT_EQUAL, AUDIT_NOT_EQUAL, AUDIT_LESS_THAN,
		AUDIT_GREATER_THAN, AUDIT_LESS_THAN_OR_EQUAL,
		AUDIT_GREATER_THAN_OR_EQUAL, AUDIT_BIT_MASK, AUDIT_BIT_TEST,
	};
	static unsigned char buf[sizeof(struct audit_rule_data) + 1024];
	struct audit_rule_data *r = (struct audit_rule_data *)buf;
	uint32_t i, n, len;

	memset(buf, 0, sizeof(buf));
	r->flags = chance(85) ? (chance(80) ? AUDIT_FILTER_EXIT :
				 AUDIT_FILTER_EXCLUDE) : below(8);
	if (chance(20))
		r->flags |= AUDIT_FILTER_PREPEND;
	r->action = chance(90) ? (chance(70) ? AUDIT_ALWAYS : AUDIT_NEVER) :
		    (uint32_t)rnd();
	n = chance(95) ? below(6) : (chance(50) ? AUDIT_MAX_FIELDS :
				     AUDIT_MAX_FIELDS + 1);
	r->field_count = n;
	for (i = 0; i < AUDIT_BITMASK_SIZE; i++)
		r->mask[i] = chance(10) ? ~0u : (chance(20) ? (uint32_t)rnd() : 0);
	for (i = 0; i < n && i < AUDIT_MAX_FIELDS; i++) {
		r->fields[i] = chance(95) ? types[below(sizeof(types) /
						       sizeof(types[0]))] : below(120);
		r->fieldflags[i] = chance(95) ? ops[below(8)] : (uint32_t)rnd();
		r->values[i] = chance(70) ? below(70000) : interesting32();
		if (r->fields[i] != AUDIT_FILTERKEY && r->fields[i] != AUDIT_EXE &&
		    r->fields[i] != AUDIT_WATCH)
			continue;
		len = chance(90) ? 1 + below(64) : below(300);
		if (r->buflen + len > 1024)
			len = 0;
		r->values[i] = len;
		memset(r->buf + r->buflen, 'a' + (int)below(26), len);
		if (r->fields[i] != AUDIT_FILTERKEY && len)
			r->buf[r->buflen] = '/';
		r->buflen += len;
	}
	len = (uint32_t)sizeof(*r) + r->buflen;
	if (chance(5))
		len = below(len + 1);
	else if (chance(5))
		r->buflen = (uint32_t)rnd();
	put_attr(m, NSAUDIT_A_RULE, buf, len);
}

/* A request the module should accept (unless a mutation follows). */
static void gen_valid(struct msg *m, uint16_t family)
{
	uint16_t flags = NLM_F_REQUEST | (chance(90) ? NLM_F_ACK : 0);
	unsigned int r = below(100);

	if (r < 40) {
		genl_init(m, family, NSAUDIT_CMD_GET_STATUS, flags);
	} else if (r < 76) {
		genl_init(m, family, NSAUDIT_CMD_GET_NSID, flags);
		put_u32(m, NSAUDIT_A_PID, pick_pid());
	} else if (r < 88) {
		genl_init(m, family, NSAUDIT_CMD_REGISTER, flags);
		if (chance(50))
			put_u32(m, NSAUDIT_A_BACKLOG, chance(80) ?
				NSAUDIT_LIMIT_QUEUE_MIN + below(1024) : (uint32_t)rnd());
	} else if (r < 90) {
		genl_init(m, family, NSAUDIT_CMD_UNREGISTER, flags);
	} else if (r < 85) {
		genl_init(m, family, NSAUDIT_CMD_SET, flags);
		if (chance(60))
			put_u8(m, NSAUDIT_A_ENRICH, chance(80) && orig.valid ?
			       orig.enrich : (uint8_t)below(2));
		if (chance(60))
			put_limits(m, 1);
	} else if (r < 95) {
		unsigned int c = below(12);

		if (c < 5) {
			genl_init(m, family, NSAUDIT_CMD_ADD_RULE, flags);
			put_rule(m);
		} else if (c < 7) {
			genl_init(m, family, NSAUDIT_CMD_DEL_RULE, flags);
			put_rule(m);
		} else if (c < 9) {
			genl_init(m, family, NSAUDIT_CMD_LIST_RULES,
				  flags | NLM_F_DUMP);
		} else if (c < 10) {
			genl_init(m, family, NSAUDIT_CMD_DELETE_ALL, flags);
		} else if (c < 11) {
			genl_init(m, family, NSAUDIT_CMD_GET_CONTID, flags);
			put_u32(m, NSAUDIT_A_PID, pick_pid());
		} else {
			/* Any process may get an ID: inheritance runs too. */
			genl_init(m, family, NSAUDIT_CMD_SET_CONTID, flags);
			put_u32(m, NSAUDIT_A_PID, pick_pid());
			put_u64(m, NSAUDIT_A_CONTID, chance(10) ?
				NSAUDIT_CONTID_UNSET : below(64));
		}
	} else {
		/* Commands and attributes the module must refuse. */
		genl_init(m, family, chance(50) ? NSAUDIT_CMD_CONFIG_NTF :
			  (chance(50) ? NSAUDIT_CMD_UNSPEC : __NSAUDIT_CMD_MAX), flags);
		put_u32(m, NSAUDIT_A_VERSION_MAJOR, NSAUDIT_VERSION_MAJOR);
		put_u64(m, NSAUDIT_A_FEATURES, rnd());
		if (chance(50))
			put_limits(m, 0);
	}
}

/* Whole-message changes; nlmsg_len is fixed up after these. */
static void mutate_structure(struct msg *m)
{
	switch (below(8)) {
	case 0:		/* random attributes and nests */
		put_random_attrs(m, 0, 1 + below(4));
		break;
	case 1:		/* another command */
		genl(m)->cmd = (uint8_t)rnd();
		break;
	case 2:		/* another version */
		genl(m)->version = (uint8_t)rnd();
		break;
	case 3:		/* other flags, dumps included */
		hdr(m)->nlmsg_flags = chance(50) ?
			(uint16_t)(NLM_F_REQUEST | NLM_F_DUMP | (chance(50) ? NLM_F_ACK : 0)) :
			(uint16_t)rnd();
		break;
	case 4:		/* trailing bytes */
		put_random_bytes(m, 1 + below(64));
		break;
	case 5:		/* an attribute's type */
		if (m->nattr) {
			size_t off = m->attr[below(m->nattr)];
			uint16_t type = (uint16_t)below(TYPE_MAX + 1);

			if (chance(20))
				type |= (uint16_t)(rnd() & (NLA_F_NESTED | NLA_F_NET_BYTEORDER));
			memcpy(m->d + off + 2, &type, sizeof(type));
		}
		break;
	case 6:		/* the limits nest with values out of range */
		put_limits(m, 0);
		break;
	default:	/* reserved, and the header's own pid and seq */
		genl(m)->reserved = (uint16_t)rnd();
		hdr(m)->nlmsg_pid = chance(50) ? 0 : (uint32_t)rnd();
		break;
	}
}

/* Byte-level damage, applied after nlmsg_len was set. */
static void mutate_bytes(struct msg *m)
{
	uint32_t v;
	uint16_t v16;
	size_t pos;

	switch (below(6)) {
	case 0:		/* bit flips */
		for (v = 1 + below(8); v; v--) {
			pos = below((uint32_t)m->len);
			m->d[pos] ^= (uint8_t)(1u << below(8));
		}
		break;
	case 1:		/* byte substitutions */
		for (v = 1 + below(4); v; v--)
			m->d[below((uint32_t)m->len)] = (uint8_t)interesting32();
		break;
	case 2:		/* truncation, with or without nlmsg_len following */
		m->len = 1 + below((uint32_t)m->len);
		if (chance(50) && m->len >= 4) {
			v = (uint32_t)m->len;
			memcpy(m->d, &v, 4);
		}
		break;
	case 3:		/* nlmsghdr length */
		v = chance(50) ? (uint32_t)m->len + (uint32_t)below(17) - 8 : interesting32();
		memcpy(m->d, &v, 4);
		break;
	default:	/* an nlattr length */
		if (!m->nattr)
			break;
		pos = m->attr[below(m->nattr)];
		if (pos + 2 > m->len)
			break;
		v16 = chance(60) ? (uint16_t)interesting32() :
				   (uint16_t)(m->len - pos + below(9) - 4);
		memcpy(m->d + pos, &v16, sizeof(v16));
		break;
	}
}

/* (1) a valid request, perhaps mutated */
static void gen_mutated(struct msg *m, uint16_t family)
{
	unsigned int n, i;

	gen_valid(m, family);
	if (chance(25)) {
		hdr(m)->nlmsg_len = (uint32_t)m->len;
		return;
	}
	n = 1 + below(4);
	for (i = 0; i < n; i++)
		if (chance(60))
			mutate_structure(m);
	hdr(m)->nlmsg_len = (uint32_t)m->len;
	for (i = 0; i < n; i++)
		if (chance(50))
			mutate_bytes(m);
}

/* (2) a valid nlmsghdr for the family, then anything */
static void gen_random(struct msg *m, uint16_t family)
{
	msg_init(m, family, NLM_F_REQUEST | (chance(70) ? NLM_F_ACK : 0) |
		 (chance(10) ? NLM_F_DUMP : 0));
	if (chance(50)) {
		/* A plausible genl header keeps the attribute parser in play. */
		genl(m)->cmd = (uint8_t)below(__NSAUDIT_CMD_MAX + 1);
		genl(m)->version = NSAUDIT_GENL_VERSION;
		m->len += GENL_HDRLEN;
	}
	put_random_bytes(m, below(512));
	hdr(m)->nlmsg_len = (uint32_t)m->len;
}

/* (3) other message types, and the controller asked about nsaudit */
static void gen_other(struct msg *m, uint16_t family)
{
	static const uint16_t types[] = {
		NLMSG_NOOP, NLMSG_ERROR, NLMSG_DONE, NLMSG_OVERRUN,
	};
	uint16_t flags = NLM_F_REQUEST | (chance(80) ? NLM_F_ACK : 0);

	switch (below(4)) {
	case 0:
		msg_init(m, types[below(4)], flags);
		put_random_bytes(m, below(64));
		break;
	case 1:		/* the family by name or id, or all of them */
		genl_init(m, GENL_ID_CTRL, CTRL_CMD_GETFAMILY, flags |
			  (chance(30) ? NLM_F_DUMP : 0));
		genl(m)->version = 2;
		if (chance(50))
			put_attr(m, CTRL_ATTR_FAMILY_NAME, NSAUDIT_GENL_NAME,
				 sizeof(NSAUDIT_GENL_NAME));
		else
			put_attr(m, CTRL_ATTR_FAMILY_ID, &family, sizeof(family));
		break;
	case 2: {	/* the module's policies, through the controller */
		uint32_t op = below(__NSAUDIT_CMD_MAX + 2);

		genl_init(m, GENL_ID_CTRL, CTRL_CMD_GETPOLICY, flags | NLM_F_DUMP);
		genl(m)->version = 2;
		put_attr(m, CTRL_ATTR_FAMILY_ID, &family, sizeof(family));
		if (chance(60))
			put_u32(m, CTRL_ATTR_OP, op);
		break;
	}
	default:	/* a type nobody registered, or a neighbour's */
		msg_init(m, chance(50) ? (uint16_t)(family + 1) :
			 (uint16_t)below(0x20), flags);
		put_random_bytes(m, below(64));
		break;
	}
	hdr(m)->nlmsg_len = (uint32_t)m->len;
}

/* ---- socket and answers ---------------------------------------------------- */

struct stats {
	unsigned long sent, answers, ok, errors, replies, done, truncated, overruns;
	unsigned long records;		/* sent to us as a registered daemon */
	unsigned long by_errno[ERRNO_MAX];
	unsigned long unexpected;	/* errors of ours outside ours_ok() */
};

static struct stats st;
static uint16_t fuzz_family;	/* the nsaudit family's id, once resolved */

/*
 * The errors the nsaudit family (the module, or the genetlink core on its
 * behalf) may return: anything else, such as a kernel-internal ENOTSUPP,
 * is a bug that the summary reports and the exit status fails on.
 */
static int ours_ok(int err)
{
	switch (err) {
	case EINVAL: case ERANGE: case EOPNOTSUPP: case EPERM: case EACCES:
	case ESRCH: case ENOMEM:
	/* REGISTER and UNREGISTER */
	case EBUSY: case EALREADY: case ENOSPC: case ENOENT:
	/* the rule commands */
	case ENOTCONN: case EEXIST:
		return 1;
	}
	return 0;
}
static unsigned char rbuf[RBUF_MAX];

static int open_sock(void)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	int one = 1, size = 8 << 20;
	int fd;

	fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);
	if (fd < 0) {
		perror("nsa-fuzz: socket(NETLINK_GENERIC)");
		exit(1);
	}
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) ||
	    setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one))) {
		perror("nsa-fuzz: socket setup");
		exit(1);
	}
	/* Root may go past rmem_max; anyone else gets what it allows. */
	if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &size, sizeof(size)))
		setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof(size));
	return fd;
}

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void count(const struct nlmsghdr *nh)
{
	int err = 0;

	/* A REGISTER made this socket a daemon: records are no answers. */
	if (fuzz_family && nh->nlmsg_type == fuzz_family &&
	    nh->nlmsg_len >= NLMSG_HDRLEN + GENL_HDRLEN) {
		const struct genlmsghdr *gh = NLMSG_DATA(nh);

		if (gh->cmd == NSAUDIT_CMD_RECORD || gh->cmd == NSAUDIT_CMD_LOST) {
			st.records++;
			return;
		}
	}
	st.answers++;
	if (nh->nlmsg_type == NLMSG_ERROR || nh->nlmsg_type == NLMSG_DONE) {
		if (nh->nlmsg_len >= NLMSG_LENGTH(sizeof(int)))
			memcpy(&err, NLMSG_DATA(nh), sizeof(int));
		if (nh->nlmsg_type == NLMSG_DONE)
			st.done++;
		if (!err) {
			st.ok++;
			return;
		}
		st.errors++;
		err = err < 0 ? -err : err;
		st.by_errno[err < ERRNO_MAX ? err : 0]++;
		/* The request's own header comes back in the error. */
		if (nh->nlmsg_type == NLMSG_ERROR &&
		    nh->nlmsg_len >= NLMSG_LENGTH(sizeof(struct nlmsgerr))) {
			struct nlmsgerr e;

			memcpy(&e, NLMSG_DATA(nh), sizeof(e));
			if (fuzz_family && e.msg.nlmsg_type == fuzz_family &&
			    !ours_ok(err) && st.unexpected++ < 10)
				fprintf(stderr, "%s: unexpected errno %d for request seq %u\n",
					prog, err, e.msg.nlmsg_seq);
		}
		return;
	}
	st.replies++;
}

/*
 * Reads everything pending. Requests to the kernel are handled inside
 * sendto(), and each recv() of a dump makes its next part, so
 * MSG_DONTWAIT until EAGAIN gets all of it; @wait_ms bounds one extra
 * wait for stragglers.
 */
static void drain(int fd, int wait_ms)
{
	long deadline = now_ms() + wait_ms;

	for (;;) {
		ssize_t n = recv(fd, rbuf, sizeof(rbuf), MSG_DONTWAIT | MSG_TRUNC);
		struct nlmsghdr *nh;

		if (n < 0) {
			struct pollfd pfd = { .fd = fd, .events = POLLIN };
			long left;

			if (errno == EINTR)
				continue;
			if (errno == ENOBUFS) {	/* the kernel dropped some */
				st.overruns++;
				continue;
			}
			if (errno != EAGAIN) {
				perror("nsa-fuzz: recv");
				exit(1);
			}
			left = deadline - now_ms();
			if (left <= 0 || poll(&pfd, 1, (int)left) <= 0)
				return;
			continue;
		}
		if ((size_t)n > sizeof(rbuf)) {
			st.truncated++;
			n = sizeof(rbuf);
		}
		for (nh = (struct nlmsghdr *)rbuf; NLMSG_OK(nh, n); nh = NLMSG_NEXT(nh, n))
			count(nh);
	}
}

/* Sends @len bytes; on a full socket, drains and retries, a bounded number of times. */
static void send_msg(int fd, const void *buf, size_t len)
{
	struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };
	int tries;

	for (tries = 0; tries < SEND_RETRIES; tries++) {
		if (sendto(fd, buf, len, 0, (struct sockaddr *)&kernel, sizeof(kernel)) >= 0)
			return;
		if (errno == EINTR)
			continue;
		if (errno != ENOBUFS && errno != EAGAIN) {
			fprintf(stderr, "%s: sendto of a %zu-byte message (#%lu): %s\n",
				prog, len, st.sent + 1, strerror(errno));
			exit(1);
		}
		drain(fd, 100);
	}
	fprintf(stderr, "%s: sendto kept failing with %s\n", prog, strerror(errno));
	exit(1);
}

/*
 * One request and its answers, for setup and restore: returns 0 or a
 * negative errno, and copies the first data reply to @reply, if given.
 */
static int request(int fd, struct msg *m, uint32_t seq, void *reply, size_t *reply_len)
{
	long deadline = now_ms() + 10000;
	int have_reply = 0;

	hdr(m)->nlmsg_len = (uint32_t)m->len;
	hdr(m)->nlmsg_seq = seq;
	send_msg(fd, m->d, m->len);
	for (;;) {
		struct pollfd pfd = { .fd = fd, .events = POLLIN };
		long left = deadline - now_ms();
		struct nlmsghdr *nh;
		ssize_t n;

		if (left <= 0 || poll(&pfd, 1, (int)left) <= 0)
			return -ETIMEDOUT;
		n = recv(fd, rbuf, sizeof(rbuf), MSG_DONTWAIT);
		if (n < 0) {
			if (errno == EAGAIN || errno == EINTR)
				continue;
			return -errno;
		}
		for (nh = (struct nlmsghdr *)rbuf; NLMSG_OK(nh, n); nh = NLMSG_NEXT(nh, n)) {
			int err = 0;

			if (nh->nlmsg_seq != seq)
				continue;
			if (nh->nlmsg_type == NLMSG_ERROR) {
				if (nh->nlmsg_len >= NLMSG_LENGTH(sizeof(int)))
					memcpy(&err, NLMSG_DATA(nh), sizeof(int));
				return err;
			}
			if (reply && !have_reply && nh->nlmsg_len <= *reply_len) {
				memcpy(reply, nh, nh->nlmsg_len);
				*reply_len = nh->nlmsg_len;
				have_reply = 1;
			}
		}
	}
}

/* Finds attribute @type among the attributes at @p; its payload, or NULL. */
static const unsigned char *find_attr(const unsigned char *p, size_t len, uint16_t type,
				      size_t *plen)
{
	size_t off = 0;

	while (off + NLA_HDRLEN <= len) {
		struct nlattr nla;

		memcpy(&nla, p + off, sizeof(nla));
		if (nla.nla_len < NLA_HDRLEN || off + nla.nla_len > len)
			return NULL;
		if ((nla.nla_type & NLA_TYPE_MASK) == type) {
			*plen = nla.nla_len - NLA_HDRLEN;
			return p + off + NLA_HDRLEN;
		}
		off += NLA_ALIGN(nla.nla_len);
	}
	return NULL;
}

static int get_u32(const unsigned char *p, size_t len, uint16_t type, uint32_t *out)
{
	size_t plen;
	const unsigned char *v = find_attr(p, len, type, &plen);

	if (!v || plen != 4)
		return -1;
	memcpy(out, v, 4);
	return 0;
}

static uint16_t resolve_family(int fd)
{
	static unsigned char reply[RBUF_MAX];
	size_t len = sizeof(reply), plen;
	const unsigned char *v;
	struct msg m;
	uint16_t id;
	int err;

	genl_init(&m, GENL_ID_CTRL, CTRL_CMD_GETFAMILY, NLM_F_REQUEST | NLM_F_ACK);
	genl(&m)->version = 2;
	put_attr(&m, CTRL_ATTR_FAMILY_NAME, NSAUDIT_GENL_NAME, sizeof(NSAUDIT_GENL_NAME));
	err = request(fd, &m, 1, reply, &len);
	if (err == -ENOENT) {
		fprintf(stderr, "%s: family %s not found (is nsaudit.ko loaded?)\n",
			prog, NSAUDIT_GENL_NAME);
		exit(1);
	}
	v = err ? NULL : find_attr(reply + NLMSG_HDRLEN + GENL_HDRLEN,
				   len - NLMSG_HDRLEN - GENL_HDRLEN,
				   CTRL_ATTR_FAMILY_ID, &plen);
	if (!v || plen < 2) {
		fprintf(stderr, "%s: resolving family %s: %s\n", prog, NSAUDIT_GENL_NAME,
			err ? strerror(-err) : "no family id in the answer");
		exit(1);
	}
	memcpy(&id, v, 2);
	return id;
}

/* The settings SET may change, so that they can be put back. */
static void read_settings(int fd, uint16_t family)
{
	static unsigned char reply[RBUF_MAX];
	size_t len = sizeof(reply), plen, llen;
	const unsigned char *attrs = reply + NLMSG_HDRLEN + GENL_HDRLEN;
	const unsigned char *v, *lim;
	struct msg m;

	genl_init(&m, family, NSAUDIT_CMD_GET_STATUS, NLM_F_REQUEST | NLM_F_ACK);
	if (request(fd, &m, 2, reply, &len) || len < NLMSG_HDRLEN + GENL_HDRLEN)
		goto fail;
	len -= NLMSG_HDRLEN + GENL_HDRLEN;
	v = find_attr(attrs, len, NSAUDIT_A_ENRICH, &plen);
	lim = find_attr(attrs, len, NSAUDIT_A_LIMITS, &llen);
	if (!v || plen != 1 || !lim ||
	    get_u32(lim, llen, NSAUDIT_LIMIT_A_DAEMONS, &orig.daemons) ||
	    get_u32(lim, llen, NSAUDIT_LIMIT_A_QUEUE, &orig.queue) ||
	    get_u32(lim, llen, NSAUDIT_LIMIT_A_RULES, &orig.rules))
		goto fail;
	orig.enrich = *v;
	orig.valid = 1;
	return;
fail:
	fprintf(stderr, "%s: could not read the settings; they will not be restored\n", prog);
}

static void restore_settings(int fd, uint16_t family)
{
	struct msg m;
	long off;
	int err;

	if (!orig.valid)
		return;
	drain(fd, 0);
	genl_init(&m, family, NSAUDIT_CMD_SET, NLM_F_REQUEST | NLM_F_ACK);
	put_u8(&m, NSAUDIT_A_ENRICH, orig.enrich);
	off = attr_start(&m, NSAUDIT_A_LIMITS | NLA_F_NESTED);
	put_u32(&m, NSAUDIT_LIMIT_A_DAEMONS, orig.daemons);
	put_u32(&m, NSAUDIT_LIMIT_A_QUEUE, orig.queue);
	put_u32(&m, NSAUDIT_LIMIT_A_RULES, orig.rules);
	attr_end(&m, off);
	err = request(fd, &m, 3, NULL, NULL);
	if (err)
		fprintf(stderr, "%s: restoring the settings: %s\n", prog, strerror(-err));
}

static void print_summary(uint64_t seed)
{
	unsigned long left[ERRNO_MAX];
	const char *sep = "";
	int e, best;

	memcpy(left, st.by_errno, sizeof(left));
	printf("nsa-fuzz: sent %lu, records %lu, answers %lu, ok %lu, errors %lu (",
	       st.sent, st.records, st.answers, st.ok, st.errors);
	/* Most frequent first. */
	for (;;) {
		best = -1;
		for (e = 0; e < ERRNO_MAX; e++)
			if (left[e] && (best < 0 || left[e] > left[best]))
				best = e;
		if (best < 0)
			break;
		if (best && strerrorname_np(best))
			printf("%s%s %lu", sep, strerrorname_np(best), left[best]);
		else
			printf("%sE%d %lu", sep, best, left[best]);
		left[best] = 0;
		sep = ", ";
	}
	printf("), seed %llu\n", (unsigned long long)seed);
	fprintf(stderr, "%s: detail: replies %lu, done %lu, truncated %lu, overruns %lu\n",
		prog, st.replies, st.done, st.truncated, st.overruns);
}

static void usage(void)
{
	fprintf(stderr, "usage: %s [--count N] [--seed S]\n", prog);
	exit(2);
}

int main(int argc, char **argv)
{
	static struct msg m;
	unsigned long count_max = 100000, i;
	uint64_t seed = (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 32);
	uint16_t family;
	int a, fd, one = 1, zero = 0;
	char *end;

	for (a = 1; a < argc; a++) {
		if (a + 1 >= argc)
			usage();
		errno = 0;
		if (!strcmp(argv[a], "--count"))
			count_max = strtoul(argv[++a], &end, 0);
		else if (!strcmp(argv[a], "--seed"))
			seed = strtoull(argv[++a], &end, 0);
		else
			usage();
		if (errno || !*argv[a] || *end || argv[a][0] == '-')
			usage();
	}
	/* xorshift never leaves 0. */
	rng_state = seed ? seed : 0x9e3779b97f4a7c15ULL;
	fprintf(stderr, "%s: seed %llu, count %lu\n", prog, (unsigned long long)seed,
		count_max);

	fd = open_sock();
	family = resolve_family(fd);
	read_settings(fd, family);
	fuzz_family = family;

	for (i = 0; i < count_max; i++) {
		unsigned int r = below(100);

		/* Both kinds of error message, with and without the request echoed. */
		if (i % 4096 == 0)
			setsockopt(fd, SOL_NETLINK, NETLINK_CAP_ACK,
				   (i / 4096) % 2 ? &one : &zero, sizeof(int));
		if (r < 75)
			gen_mutated(&m, family);
		else if (r < 95)
			gen_random(&m, family);
		else
			gen_other(&m, family);
		hdr(&m)->nlmsg_seq = (uint32_t)(i + 16);
		send_msg(fd, m.d, m.len);
		st.sent++;
		drain(fd, 0);
	}
	/* Stop being a daemon, if a REGISTER made this socket one. */
	genl_init(&m, family, NSAUDIT_CMD_UNREGISTER, NLM_F_REQUEST);
	send_msg(fd, m.d, m.len);
	drain(fd, FINAL_WAIT_MS);
	restore_settings(fd, family);
	close(fd);
	print_summary(seed);
	if (st.unexpected) {
		fprintf(stderr, "%s: %lu errors of the nsaudit family outside its errno set\n",
			prog, st.unexpected);
		return 1;
	}
	return 0;
}
