// SPDX-License-Identifier: GPL-2.0
/*
 * nsa-nlreq: sends ONE crafted request to the nsaudit generic netlink
 * family and prints what came back, so that malformed-request tests can be
 * written in shell. Raw netlink and libc only: nothing in between may fix
 * up or refuse what the test means to send.
 *
 * Usage: nsa-nlreq [OPTION...] [ATTR...]
 *
 *   --cmd C              genlmsghdr.cmd: 0..255 or get-status, set,
 *                        get-nsid, config-ntf, add-rule, del-rule,
 *                        list-rules, delete-all (default get-status)
 *   --version V          genlmsghdr.version, 0..255 (default
 *                        NSAUDIT_GENL_VERSION)
 *   --reserved R         genlmsghdr.reserved, 0..65535 (default 0)
 *   --flags LIST         nlmsg_flags: NLM_F_REQUEST plus the names in LIST,
 *                        joined by ',' or '|': ack, dump, root, match,
 *                        atomic, echo, multi, replace, excl, create,
 *                        append. A number is taken as is, without REQUEST.
 *                        Default: ack.
 *   --raw-tail HEX       bytes appended after the attributes, unpadded
 *   --nlmsg-len-delta D  add D (may be negative) to nlmsg_len as sent; the
 *                        bytes sent stay the same
 *   --show               after "ok", print each reply's attributes
 *
 * ATTR is TYPE:KIND=VALUE. TYPE is 0..65535 and may carry NLA_F_* bits
 * (0x8007 is type 7 with NLA_F_NESTED). KIND is one of
 *   u8 u16 u32 u64   a number: decimal, 0x hex, or negative (two's
 *                    complement); it must fit the width
 *   str              VALUE and a NUL
 *   hex              VALUE as raw payload bytes, any count ("3:hex=" is
 *                    an empty payload, "3:hex=01ff" two bytes)
 *   nest             a nest with NLA_F_NESTED: VALUE is "[" and the
 *                    nested ATTRs follow as separate words up to a word
 *                    "]", e.g.  7:nest=[ 1:u32=5 2:u32=7 ]
 *   nestraw          the same without NLA_F_NESTED
 *
 * Prints exactly one line:
 *   ok                                 an ACK with error 0; or, without
 *                                      ack, the reply (or NLMSG_DONE)
 *   error ENAME msg="TEXT" [offset=N] [miss-type=T]
 *                                      ENAME as in errno.h; TEXT the
 *                                      extended ACK message ("" if none,
 *                                      '"', '\' and non-printing bytes as
 *                                      \xNN); offset the byte offset the
 *                                      kernel blames, from the start of
 *                                      the request's nlmsghdr
 * With --show, "ok" is followed for each reply by "reply cmd=C
 * version=V" and one line per attribute: NAME=VALUE, nested ones as
 * NEST.NAME=VALUE, unknown or odd-sized ones as NAME=hex:BYTES.
 *
 * Exit: 0 an answer came (ok or error), 1 setup failed (no nsaudit
 * family, socket errors), 2 usage, 3 no answer within 10 s.
 */
#define _GNU_SOURCE
#include <errno.h>
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

#ifndef NLMSGERR_ATTR_MISS_TYPE
#define NLMSGERR_ATTR_MISS_TYPE	5
#endif

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define BUF_MAX		65536
#define ANSWER_WAIT_MS	10000
#define NEST_DEPTH_MAX	32

struct msg {
	unsigned char data[BUF_MAX];
	size_t len;
};

static const char *prog = "nsa-nlreq";

static void usage(const char *why)
{
	if (why)
		fprintf(stderr, "%s: %s\n", prog, why);
	fprintf(stderr,
		"usage: %s [--cmd N|get-status|set|get-nsid|config-ntf|add-rule|del-rule|\n"
		"       list-rules|delete-all] [--version V]\n"
		"       [--reserved R] [--flags ack,dump,...|N] [--raw-tail HEX]\n"
		"       [--nlmsg-len-delta D] [--show] [ATTR...]\n"
		"ATTR: TYPE:u8|u16|u32|u64|str|hex=VALUE, or TYPE:nest=[ ATTR... ]\n"
		"      (also nestraw: without NLA_F_NESTED)\n", prog);
	exit(2);
}

/* A number of at most @bits bits; negative ones as two's complement. */
static int parse_num(const char *s, unsigned int bits, uint64_t *out)
{
	uint64_t max = bits == 64 ? UINT64_MAX : (1ULL << bits) - 1;
	char *end;

	if (!*s)
		return -1;
	errno = 0;
	if (*s == '-') {
		long long v = strtoll(s, &end, 0);

		if (errno || *end || (bits < 64 && v < -(1LL << (bits - 1))))
			return -1;
		*out = (uint64_t)v & max;
		return 0;
	}
	*out = strtoull(s, &end, 0);
	if (errno || *end || *out > max)
		return -1;
	return 0;
}

static long parse_long(const char *s, long lo, long hi, const char *what)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 0);
	if (errno || !*s || *end || v < lo || v > hi) {
		fprintf(stderr, "%s: bad %s \"%s\" (%ld..%ld)\n", prog, what, s, lo, hi);
		exit(2);
	}
	return v;
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Hex digits in pairs into @m at its end; -1 on bad text or no room. */
static int put_hex(struct msg *m, const char *s)
{
	size_t n = strlen(s);
	size_t i;

	if (n % 2 || m->len + n / 2 > BUF_MAX)
		return -1;
	for (i = 0; i < n; i += 2) {
		int hi = hexval(s[i]), lo = hexval(s[i + 1]);

		if (hi < 0 || lo < 0)
			return -1;
		m->data[m->len++] = (unsigned char)(hi << 4 | lo);
	}
	return 0;
}

static size_t attr_start(struct msg *m, uint16_t type)
{
	size_t off = m->len;
	struct nlattr nla = { .nla_len = NLA_HDRLEN, .nla_type = type };

	if (m->len + NLA_HDRLEN > BUF_MAX)
		usage("message too long");
	memcpy(m->data + m->len, &nla, sizeof(nla));
	m->len += NLA_HDRLEN;
	return off;
}

/* Closes an attribute opened at @off: its length, then padding. */
static void attr_end(struct msg *m, size_t off)
{
	size_t len = m->len - off;
	uint16_t l16 = (uint16_t)len;

	if (len > UINT16_MAX)
		usage("attribute longer than 65535 bytes");
	memcpy(m->data + off, &l16, sizeof(l16));
	while (m->len % NLA_ALIGNTO) {
		if (m->len >= BUF_MAX)
			usage("message too long");
		m->data[m->len++] = 0;
	}
}

static void put_bytes(struct msg *m, const void *p, size_t n)
{
	if (m->len + n > BUF_MAX)
		usage("message too long");
	memcpy(m->data + m->len, p, n);
	m->len += n;
}

/* Parses ATTR words from argv[*i] into @m, up to "]" when @depth > 0. */
static void parse_attrs(struct msg *m, char **argv, int argc, int *i, int depth)
{
	while (*i < argc) {
		char *arg = argv[(*i)++];
		char *kind, *val;
		uint64_t type, num;
		size_t off;

		if (!strcmp(arg, "]")) {
			if (!depth)
				usage("\"]\" without a nest");
			return;
		}
		kind = strchr(arg, ':');
		val = kind ? strchr(kind, '=') : NULL;
		if (!kind || !val) {
			fprintf(stderr, "%s: bad attribute \"%s\"\n", prog, arg);
			usage(NULL);
		}
		*kind++ = '\0';
		*val++ = '\0';
		if (parse_num(arg, 16, &type)) {
			fprintf(stderr, "%s: bad attribute type \"%s\"\n", prog, arg);
			usage(NULL);
		}
		if (!strcmp(kind, "nest") || !strcmp(kind, "nestraw")) {
			if (strcmp(val, "["))
				usage("a nest is TYPE:nest=[ ATTR... ]");
			if (depth >= NEST_DEPTH_MAX)
				usage("nests too deep");
			if (!strcmp(kind, "nest"))
				type |= NLA_F_NESTED;
			off = attr_start(m, (uint16_t)type);
			parse_attrs(m, argv, argc, i, depth + 1);
			attr_end(m, off);
			continue;
		}
		off = attr_start(m, (uint16_t)type);
		if (!strcmp(kind, "str")) {
			put_bytes(m, val, strlen(val) + 1);
		} else if (!strcmp(kind, "hex")) {
			if (put_hex(m, val)) {
				fprintf(stderr, "%s: bad hex \"%s\"\n", prog, val);
				usage(NULL);
			}
		} else {
			unsigned int bits = !strcmp(kind, "u8") ? 8 :
					    !strcmp(kind, "u16") ? 16 :
					    !strcmp(kind, "u32") ? 32 :
					    !strcmp(kind, "u64") ? 64 : 0;
			uint8_t v8;
			uint16_t v16;
			uint32_t v32;

			if (!bits) {
				fprintf(stderr, "%s: unknown kind \"%s\"\n", prog, kind);
				usage(NULL);
			}
			if (parse_num(val, bits, &num)) {
				fprintf(stderr, "%s: \"%s\" is no %s\n", prog, val, kind);
				usage(NULL);
			}
			v8 = (uint8_t)num;
			v16 = (uint16_t)num;
			v32 = (uint32_t)num;
			if (bits == 8)
				put_bytes(m, &v8, 1);
			else if (bits == 16)
				put_bytes(m, &v16, 2);
			else if (bits == 32)
				put_bytes(m, &v32, 4);
			else
				put_bytes(m, &num, 8);
		}
		attr_end(m, off);
	}
	if (depth)
		usage("a nest lacks its \"]\"");
}

static int parse_flags(const char *s)
{
	static const struct {
		const char *name;
		int flag;
	} names[] = {
		{ "request", NLM_F_REQUEST }, { "multi", NLM_F_MULTI },
		{ "ack", NLM_F_ACK }, { "echo", NLM_F_ECHO },
		{ "dump", NLM_F_DUMP }, { "root", NLM_F_ROOT },
		{ "match", NLM_F_MATCH }, { "atomic", NLM_F_ATOMIC },
		{ "replace", NLM_F_REPLACE }, { "excl", NLM_F_EXCL },
		{ "create", NLM_F_CREATE }, { "append", NLM_F_APPEND },
	};
	char buf[256], *tok, *save = NULL;
	int flags = NLM_F_REQUEST;
	size_t k;

	if (s[0] >= '0' && s[0] <= '9')
		return (int)parse_long(s, 0, UINT16_MAX, "--flags");
	if (strlen(s) >= sizeof(buf))
		usage("--flags too long");
	strcpy(buf, s);
	for (tok = strtok_r(buf, ",|", &save); tok; tok = strtok_r(NULL, ",|", &save)) {
		for (k = 0; k < ARRAY_SIZE(names); k++)
			if (!strcmp(tok, names[k].name))
				break;
		if (k == ARRAY_SIZE(names)) {
			fprintf(stderr, "%s: unknown flag \"%s\"\n", prog, tok);
			usage(NULL);
		}
		flags |= names[k].flag;
	}
	return flags;
}

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/*
 * One recv within the deadline. Returns its length, 0 if the deadline
 * passed, exits on a socket error.
 */
static ssize_t recv_until(int fd, void *buf, size_t size, long deadline)
{
	for (;;) {
		struct pollfd pfd = { .fd = fd, .events = POLLIN };
		long left = deadline - now_ms();
		ssize_t n;

		if (left <= 0)
			return 0;
		if (poll(&pfd, 1, (int)left) < 0) {
			if (errno == EINTR)
				continue;
			perror("nsa-nlreq: poll");
			exit(1);
		}
		n = recv(fd, buf, size, MSG_DONTWAIT | MSG_TRUNC);
		if (n < 0 && (errno == EAGAIN || errno == EINTR))
			continue;
		if (n < 0) {
			perror("nsa-nlreq: recv");
			exit(1);
		}
		if ((size_t)n > size) {
			fprintf(stderr, "%s: an answer of %zd bytes did not fit\n", prog, n);
			exit(1);
		}
		return n;
	}
}

struct answer {
	int err;		/* positive errno, 0 for ok */
	char msg[1024];		/* extack text */
	long offset;		/* NLMSGERR_ATTR_OFFS, -1 if none */
	long miss_type;		/* NLMSGERR_ATTR_MISS_TYPE, -1 if none */
};

/* Extended ACK attributes from @off to the end of the message @nh. */
static void parse_ext_ack(const struct nlmsghdr *nh, size_t off, struct answer *a)
{
	const unsigned char *p = (const unsigned char *)nh;

	while (off + NLA_HDRLEN <= nh->nlmsg_len) {
		struct nlattr nla;
		size_t plen;

		memcpy(&nla, p + off, sizeof(nla));
		if (nla.nla_len < NLA_HDRLEN || off + nla.nla_len > nh->nlmsg_len)
			break;
		plen = nla.nla_len - NLA_HDRLEN;
		switch (nla.nla_type & NLA_TYPE_MASK) {
		case NLMSGERR_ATTR_MSG:
			if (plen >= sizeof(a->msg))
				plen = sizeof(a->msg) - 1;
			memcpy(a->msg, p + off + NLA_HDRLEN, plen);
			a->msg[plen] = '\0';
			break;
		case NLMSGERR_ATTR_OFFS:
			if (plen >= 4) {
				uint32_t v;

				memcpy(&v, p + off + NLA_HDRLEN, 4);
				a->offset = v;
			}
			break;
		case NLMSGERR_ATTR_MISS_TYPE:
			if (plen >= 4) {
				uint32_t v;

				memcpy(&v, p + off + NLA_HDRLEN, 4);
				a->miss_type = v;
			}
			break;
		}
		off += NLA_ALIGN(nla.nla_len);
	}
}

/* NLMSG_ERROR: the error, then (NLM_F_ACK_TLVS) the extended ACK. */
static void parse_error(const struct nlmsghdr *nh, struct answer *a)
{
	struct nlmsgerr e;
	size_t payload = sizeof(e);

	a->err = EPROTO;
	if (nh->nlmsg_len < NLMSG_LENGTH(sizeof(int)))
		return;
	memset(&e, 0, sizeof(e));
	memcpy(&e, NLMSG_DATA(nh), nh->nlmsg_len < NLMSG_LENGTH(sizeof(e)) ?
	       sizeof(int) : sizeof(e));
	a->err = -e.error;
	if (!(nh->nlmsg_flags & NLM_F_ACK_TLVS) ||
	    nh->nlmsg_len < NLMSG_LENGTH(sizeof(e)))
		return;
	/* Without NETLINK_CAP_ACK the request's payload is echoed first. */
	if (!(nh->nlmsg_flags & NLM_F_CAPPED) && e.msg.nlmsg_len > NLMSG_HDRLEN)
		payload += e.msg.nlmsg_len - NLMSG_HDRLEN;
	parse_ext_ack(nh, NLMSG_HDRLEN + NLMSG_ALIGN(payload), a);
}

/* NLMSG_DONE carries an int error, and may carry an extended ACK. */
static void parse_done(const struct nlmsghdr *nh, struct answer *a)
{
	int err = 0;

	if (nh->nlmsg_len >= NLMSG_LENGTH(sizeof(int)))
		memcpy(&err, NLMSG_DATA(nh), sizeof(int));
	a->err = -err;
	if (nh->nlmsg_flags & NLM_F_ACK_TLVS)
		parse_ext_ack(nh, NLMSG_HDRLEN + NLMSG_ALIGN(sizeof(int)), a);
}

static int open_sock(void)
{
	struct timeval tv = { .tv_sec = ANSWER_WAIT_MS / 1000 };
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	int one = 1;
	int fd;

	fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);
	if (fd < 0) {
		perror("nsa-nlreq: socket(NETLINK_GENERIC)");
		exit(1);
	}
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) ||
	    setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one)) ||
	    setsockopt(fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one)) ||
	    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv))) {
		perror("nsa-nlreq: socket setup");
		exit(1);
	}
	return fd;
}

static void send_msg(int fd, const void *buf, size_t len)
{
	struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };

	if (sendto(fd, buf, len, 0, (struct sockaddr *)&kernel, sizeof(kernel)) < 0) {
		perror("nsa-nlreq: sendto");
		exit(1);
	}
}

/* The family's id, from the controller; exits if there is none. */
static uint16_t resolve_family(int fd)
{
	static unsigned char buf[BUF_MAX];
	struct msg m = { .len = NLMSG_HDRLEN + GENL_HDRLEN };
	struct nlmsghdr *nh = (struct nlmsghdr *)m.data;
	struct genlmsghdr *gh = (struct genlmsghdr *)(m.data + NLMSG_HDRLEN);
	long deadline = now_ms() + ANSWER_WAIT_MS;
	int id = -1;
	size_t off;

	memset(m.data, 0, m.len);
	gh->cmd = CTRL_CMD_GETFAMILY;
	gh->version = 2;
	off = attr_start(&m, CTRL_ATTR_FAMILY_NAME);
	put_bytes(&m, NSAUDIT_GENL_NAME, sizeof(NSAUDIT_GENL_NAME));
	attr_end(&m, off);
	nh->nlmsg_len = (uint32_t)m.len;
	nh->nlmsg_type = GENL_ID_CTRL;
	nh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	nh->nlmsg_seq = 1;
	send_msg(fd, m.data, m.len);

	for (;;) {
		ssize_t n = recv_until(fd, buf, sizeof(buf), deadline);
		struct nlmsghdr *r;

		if (n == 0) {
			fprintf(stderr, "%s: the genetlink controller did not answer\n", prog);
			exit(1);
		}
		for (r = (struct nlmsghdr *)buf; NLMSG_OK(r, n); r = NLMSG_NEXT(r, n)) {
			struct answer a = { .offset = -1, .miss_type = -1 };
			size_t p;

			if (r->nlmsg_seq != 1)
				continue;
			if (r->nlmsg_type == NLMSG_ERROR) {
				parse_error(r, &a);
				if (a.err == ENOENT) {
					fprintf(stderr, "%s: family %s not found %s\n", prog,
						NSAUDIT_GENL_NAME, "(is nsaudit.ko loaded?)");
					exit(1);
				}
				if (a.err) {
					fprintf(stderr, "%s: resolving family %s: %s%s%s\n", prog,
						NSAUDIT_GENL_NAME, strerror(a.err),
						a.msg[0] ? ": " : "", a.msg);
					exit(1);
				}
				if (id < 0) {
					fprintf(stderr, "%s: no family id came back\n", prog);
					exit(1);
				}
				return (uint16_t)id;
			}
			if (r->nlmsg_type != GENL_ID_CTRL)
				continue;
			for (p = NLMSG_HDRLEN + GENL_HDRLEN; p + NLA_HDRLEN <= r->nlmsg_len;) {
				struct nlattr nla;

				memcpy(&nla, (unsigned char *)r + p, sizeof(nla));
				if (nla.nla_len < NLA_HDRLEN || p + nla.nla_len > r->nlmsg_len)
					break;
				if ((nla.nla_type & NLA_TYPE_MASK) == CTRL_ATTR_FAMILY_ID &&
				    nla.nla_len >= NLA_HDRLEN + 2) {
					uint16_t v;

					memcpy(&v, (unsigned char *)r + p + NLA_HDRLEN, 2);
					id = v;
				}
				p += NLA_ALIGN(nla.nla_len);
			}
		}
	}
}

/* --show: what the family's attributes are, from the UAPI header. */
enum kind { K_NONE, K_PAD, K_U8, K_U32, K_U64, K_NEST };

struct attr_desc {
	const char *name;
	enum kind kind;
	const struct attr_set *nest;
};

struct attr_set {
	const struct attr_desc *attrs;
	unsigned int count;
};

static const struct attr_desc counter_attrs[__NSAUDIT_COUNTER_A_MAX] = {
	[NSAUDIT_COUNTER_A_PAD] = { "pad", K_PAD, NULL },
	[NSAUDIT_COUNTER_A_ENRICHED] = { "enriched", K_U64, NULL },
	[NSAUDIT_COUNTER_A_FORWARDED] = { "forwarded", K_U64, NULL },
	[NSAUDIT_COUNTER_A_LOST] = { "lost", K_U64, NULL },
	[NSAUDIT_COUNTER_A_MISSED] = { "missed", K_U64, NULL },
};

static const struct attr_desc limit_attrs[__NSAUDIT_LIMIT_A_MAX] = {
	[NSAUDIT_LIMIT_A_DAEMONS] = { "daemons", K_U32, NULL },
	[NSAUDIT_LIMIT_A_QUEUE] = { "queue", K_U32, NULL },
	[NSAUDIT_LIMIT_A_RULES] = { "rules", K_U32, NULL },
};

static const struct attr_desc nsid_attrs[__NSAUDIT_NSID_A_MAX] = {
	[NSAUDIT_NSID_A_DEV_MAJOR] = { "dev-major", K_U32, NULL },
	[NSAUDIT_NSID_A_DEV_MINOR] = { "dev-minor", K_U32, NULL },
	[NSAUDIT_NSID_A_MNT] = { "mnt", K_U32, NULL },
	[NSAUDIT_NSID_A_UTS] = { "uts", K_U32, NULL },
	[NSAUDIT_NSID_A_IPC] = { "ipc", K_U32, NULL },
	[NSAUDIT_NSID_A_NET] = { "net", K_U32, NULL },
	[NSAUDIT_NSID_A_PID] = { "pid", K_U32, NULL },
	[NSAUDIT_NSID_A_USER] = { "user", K_U32, NULL },
	[NSAUDIT_NSID_A_CGROUP] = { "cgroup", K_U32, NULL },
	[NSAUDIT_NSID_A_TIME] = { "time", K_U32, NULL },
};

static const struct attr_set counter_set = { counter_attrs, __NSAUDIT_COUNTER_A_MAX };
static const struct attr_set limit_set = { limit_attrs, __NSAUDIT_LIMIT_A_MAX };
static const struct attr_set nsid_set = { nsid_attrs, __NSAUDIT_NSID_A_MAX };

static const struct attr_desc top_attrs[__NSAUDIT_A_MAX] = {
	[NSAUDIT_A_PAD] = { "pad", K_PAD, NULL },
	[NSAUDIT_A_VERSION_MAJOR] = { "version-major", K_U32, NULL },
	[NSAUDIT_A_VERSION_MINOR] = { "version-minor", K_U32, NULL },
	[NSAUDIT_A_FEATURES] = { "features", K_U64, NULL },
	[NSAUDIT_A_ENRICH] = { "enrich", K_U8, NULL },
	[NSAUDIT_A_COUNTERS] = { "counters", K_NEST, &counter_set },
	[NSAUDIT_A_LIMITS] = { "limits", K_NEST, &limit_set },
	[NSAUDIT_A_PID] = { "pid", K_U32, NULL },
	[NSAUDIT_A_NSID] = { "nsid", K_NEST, &nsid_set },
	[NSAUDIT_A_RULE] = { "rule", K_NONE, NULL },	/* printed in hex */
};

static const struct attr_set top_set = { top_attrs, __NSAUDIT_A_MAX };

static void show_attrs(const unsigned char *p, size_t len, const struct attr_set *set,
		       const char *prefix)
{
	size_t off = 0;

	while (off + NLA_HDRLEN <= len) {
		struct nlattr nla;
		const struct attr_desc *d = NULL;
		const unsigned char *v;
		char name[256];
		size_t plen, i;
		uint64_t num = 0;

		memcpy(&nla, p + off, sizeof(nla));
		if (nla.nla_len < NLA_HDRLEN || off + nla.nla_len > len) {
			printf("%sbad-attr=hex:", prefix);
			for (i = off; i < len; i++)
				printf("%02x", p[i]);
			printf("\n");
			return;
		}
		plen = nla.nla_len - NLA_HDRLEN;
		v = p + off + NLA_HDRLEN;
		if (set && (nla.nla_type & NLA_TYPE_MASK) < set->count)
			d = &set->attrs[nla.nla_type & NLA_TYPE_MASK];
		if (d && d->name)
			snprintf(name, sizeof(name), "%s%s", prefix, d->name);
		else
			snprintf(name, sizeof(name), "%sattr%u", prefix,
				 nla.nla_type & NLA_TYPE_MASK);
		if (d && d->kind == K_NEST) {
			char sub[300];

			snprintf(sub, sizeof(sub), "%s.", name);
			show_attrs(v, plen, d->nest, sub);
		} else if (d && ((d->kind == K_U8 && plen == 1) ||
				 (d->kind == K_U32 && plen == 4) ||
				 (d->kind == K_U64 && plen == 8))) {
			uint32_t v32;

			/* Netlink integers are in host order. */
			if (plen == 1) {
				num = *v;
			} else if (plen == 4) {
				memcpy(&v32, v, 4);
				num = v32;
			} else {
				memcpy(&num, v, 8);
			}
			printf("%s=%llu\n", name, (unsigned long long)num);
		} else {
			printf("%s=hex:", name);
			for (i = 0; i < plen; i++)
				printf("%02x", v[i]);
			printf("\n");
		}
		off += NLA_ALIGN(nla.nla_len);
	}
}

static void print_msg_text(const char *s)
{
	putchar('"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\' || c < 0x20 || c >= 0x7f)
			printf("\\x%02x", c);
		else
			putchar(c);
	}
	putchar('"');
}

static int cmd_by_name(const char *s)
{
	if (!strcmp(s, "get-status"))
		return NSAUDIT_CMD_GET_STATUS;
	if (!strcmp(s, "set"))
		return NSAUDIT_CMD_SET;
	if (!strcmp(s, "get-nsid"))
		return NSAUDIT_CMD_GET_NSID;
	if (!strcmp(s, "config-ntf"))
		return NSAUDIT_CMD_CONFIG_NTF;
	if (!strcmp(s, "add-rule"))
		return NSAUDIT_CMD_ADD_RULE;
	if (!strcmp(s, "del-rule"))
		return NSAUDIT_CMD_DEL_RULE;
	if (!strcmp(s, "list-rules"))
		return NSAUDIT_CMD_LIST_RULES;
	if (!strcmp(s, "delete-all"))
		return NSAUDIT_CMD_DELETE_ALL;
	return (int)parse_long(s, 0, 255, "--cmd");
}

int main(int argc, char **argv)
{
	static struct msg m;
	static unsigned char buf[BUF_MAX];
	static unsigned char replies[4 * BUF_MAX];
	size_t replies_len = 0;
	struct nlmsghdr *nh = (struct nlmsghdr *)m.data;
	struct genlmsghdr *gh = (struct genlmsghdr *)(m.data + NLMSG_HDRLEN);
	const char *raw_tail = NULL;
	int cmd = NSAUDIT_CMD_GET_STATUS, version = NSAUDIT_GENL_VERSION;
	int reserved = 0, flags = NLM_F_REQUEST | NLM_F_ACK, show = 0;
	long delta = 0, deadline;
	struct answer a = { .offset = -1, .miss_type = -1 };
	int done = 0, i = 1, fd;
	uint16_t family;
	size_t sent_len;

	while (i < argc && !strncmp(argv[i], "--", 2)) {
		const char *opt = argv[i++];

		if (!strcmp(opt, "--show")) {
			show = 1;
			continue;
		}
		if (!strcmp(opt, "--help"))
			usage(NULL);
		if (strcmp(opt, "--cmd") && strcmp(opt, "--version") &&
		    strcmp(opt, "--reserved") && strcmp(opt, "--flags") &&
		    strcmp(opt, "--raw-tail") && strcmp(opt, "--nlmsg-len-delta")) {
			fprintf(stderr, "%s: unknown option %s\n", prog, opt);
			usage(NULL);
		}
		if (i >= argc)
			usage("an option lacks its value");
		if (!strcmp(opt, "--cmd"))
			cmd = cmd_by_name(argv[i]);
		else if (!strcmp(opt, "--version"))
			version = (int)parse_long(argv[i], 0, 255, "--version");
		else if (!strcmp(opt, "--reserved"))
			reserved = (int)parse_long(argv[i], 0, UINT16_MAX, "--reserved");
		else if (!strcmp(opt, "--flags"))
			flags = parse_flags(argv[i]);
		else if (!strcmp(opt, "--raw-tail"))
			raw_tail = argv[i];
		else
			delta = parse_long(argv[i], -(long)UINT32_MAX, UINT32_MAX,
					   "--nlmsg-len-delta");
		i++;
	}

	m.len = NLMSG_HDRLEN + GENL_HDRLEN;
	parse_attrs(&m, argv, argc, &i, 0);
	if (raw_tail && put_hex(&m, raw_tail))
		usage("bad --raw-tail hex");

	fd = open_sock();
	family = resolve_family(fd);

	gh->cmd = (uint8_t)cmd;
	gh->version = (uint8_t)version;
	gh->reserved = (uint16_t)reserved;
	sent_len = m.len;
	nh->nlmsg_len = (uint32_t)((long)m.len + delta);
	nh->nlmsg_type = family;
	nh->nlmsg_flags = (uint16_t)flags;
	nh->nlmsg_seq = 2;
	send_msg(fd, m.data, sent_len);

	deadline = now_ms() + ANSWER_WAIT_MS;
	while (!done) {
		ssize_t n = recv_until(fd, buf, sizeof(buf), deadline);
		struct nlmsghdr *r;

		if (n == 0) {
			fprintf(stderr, "%s: no answer within %d s\n", prog,
				ANSWER_WAIT_MS / 1000);
			return 3;
		}
		for (r = (struct nlmsghdr *)buf; !done && NLMSG_OK(r, n);
		     r = NLMSG_NEXT(r, n)) {
			if (r->nlmsg_seq != 2)
				continue;
			if (r->nlmsg_type == NLMSG_ERROR) {
				parse_error(r, &a);
				done = 1;
			} else if (r->nlmsg_type == NLMSG_DONE) {
				parse_done(r, &a);
				done = 1;
			} else {
				if (replies_len + r->nlmsg_len <= sizeof(replies)) {
					memcpy(replies + replies_len, r, r->nlmsg_len);
					replies_len += NLMSG_ALIGN(r->nlmsg_len);
				}
				/* Without an ack, a single reply ends a do. */
				if (!(flags & NLM_F_ACK) && !(r->nlmsg_flags & NLM_F_MULTI))
					done = 1;
			}
		}
	}
	close(fd);

	if (a.err) {
		const char *name = strerrorname_np(a.err);

		if (name)
			printf("error %s msg=", name);
		else
			printf("error E%d msg=", a.err);
		print_msg_text(a.msg);
		if (a.offset >= 0)
			printf(" offset=%ld", a.offset);
		if (a.miss_type >= 0)
			printf(" miss-type=%ld", a.miss_type);
		printf("\n");
		return 0;
	}
	printf("ok\n");
	if (show) {
		size_t off = 0;

		while (off + NLMSG_HDRLEN <= replies_len) {
			struct nlmsghdr *r = (struct nlmsghdr *)(replies + off);
			struct genlmsghdr g = { 0 };

			if (r->nlmsg_len >= NLMSG_HDRLEN + GENL_HDRLEN) {
				memcpy(&g, replies + off + NLMSG_HDRLEN, sizeof(g));
				printf("reply cmd=%u version=%u\n", g.cmd, g.version);
				show_attrs(replies + off + NLMSG_HDRLEN + GENL_HDRLEN,
					   r->nlmsg_len - NLMSG_HDRLEN - GENL_HDRLEN,
					   &top_set, "");
			} else {
				printf("reply type=%u len=%u\n", r->nlmsg_type, r->nlmsg_len);
			}
			off += NLMSG_ALIGN(r->nlmsg_len);
		}
	}
	return 0;
}
