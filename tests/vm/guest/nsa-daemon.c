// SPDX-License-Identifier: GPL-2.0
/*
 * nsa-daemon: the smallest per-namespace audit daemon, for the VM tests.
 * Raw netlink and libc only, independent of libnsaudit, so that the kernel
 * side is tested on its own terms (nsauditd is tested on top of it).
 *
 *   nsa-daemon [--backlog N] [--rcvbuf BYTES] [--drop-caps] [--rule HEX] OUT
 *
 * Registers its socket as the audit daemon of its user namespace and
 * prints one line on stdout:
 *   registered pid=P userns=U backlog=B
 *   error ENAME msg="TEXT"                 (and exits 1)
 * With --rule, it then sends NSAUDIT_CMD_ADD_RULE over its own (the
 * registered) socket, HEX being the NSAUDIT_A_RULE payload (a struct
 * audit_rule_data and its buf), after giving up every capability first if
 * --drop-caps is given, and prints one line:
 *   rule ok
 *   rule error ENAME msg="TEXT"
 * Then appends to OUT, one line each, flushed after every read:
 *   type=T TEXT                            a record
 *   lost routed=R delivered=D lost=L       a loss notice
 * On SIGUSR1 it asks GET_STATUS over its socket (the answer comes after
 * every record already on it) and prints "status pid=P backlog=B
 * queued=Q routed=R delivered=D lost=L records=N" (N: records it has
 * written so far).
 * On SIGTERM it unregisters and reads on until the module confirms; the
 * genetlink controller's announcement that the family is gone ends it too,
 * and so does the controller's ENOENT when, after a second of silence, it
 * asks whether the family is still there (the announcement is lost when
 * it finds the socket full of records).
 * Either way it prints "end reason=unregistered|module-gone records=N
 * notices=M" and exits 0.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/capability.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "../../../include/uapi/linux/nsaudit.h"

#define BUF_MAX		(1 << 20)

static const char *prog = "nsa-daemon";
static volatile sig_atomic_t terminating, asking;
static unsigned char buf[BUF_MAX];
static uint16_t family;

static void on_signal(int sig)
{
	if (sig == SIGUSR1)
		asking = 1;
	else
		terminating = 1;
}

static void die(const char *what)
{
	fprintf(stderr, "%s: %s: %s\n", prog, what, strerror(errno));
	exit(1);
}

/* Appends attribute @type with @len bytes of @data to the message. */
static size_t put_attr(unsigned char *m, size_t off, uint16_t type,
		       const void *data, uint16_t len)
{
	struct nlattr nla = { .nla_len = NLA_HDRLEN + len, .nla_type = type };

	memcpy(m + off, &nla, sizeof(nla));
	memcpy(m + off + NLA_HDRLEN, data, len);
	memset(m + off + NLA_HDRLEN + len, 0, NLA_ALIGN(len) - len);
	return off + NLA_ALIGN(NLA_HDRLEN + len);
}

static void send_req(int fd, uint16_t type, uint8_t cmd, uint8_t version,
		     uint16_t flags, uint32_t seq, const void *attrs, size_t alen)
{
	unsigned char m[256];
	struct nlmsghdr *nh = (struct nlmsghdr *)m;
	struct genlmsghdr *gh = (struct genlmsghdr *)(m + NLMSG_HDRLEN);
	struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };
	size_t len = NLMSG_HDRLEN + GENL_HDRLEN + alen;

	memset(m, 0, NLMSG_HDRLEN + GENL_HDRLEN);
	nh->nlmsg_len = (uint32_t)len;
	nh->nlmsg_type = type;
	nh->nlmsg_flags = NLM_F_REQUEST | flags;
	nh->nlmsg_seq = seq;
	gh->cmd = cmd;
	gh->version = version;
	memcpy(m + NLMSG_HDRLEN + GENL_HDRLEN, attrs, alen);
	if (sendto(fd, m, len, 0, (struct sockaddr *)&kernel, sizeof(kernel)) < 0)
		die("sendto");
}

/* ADD_RULE with @len bytes of @rule, on the daemon's own socket. */
static void send_rule(int fd, const unsigned char *rule, size_t len)
{
	static unsigned char m[NLMSG_HDRLEN + GENL_HDRLEN + NLA_HDRLEN + NSAUDIT_RULE_MAX + 8];
	struct nlmsghdr *nh = (struct nlmsghdr *)m;
	struct genlmsghdr *gh = (struct genlmsghdr *)(m + NLMSG_HDRLEN);
	struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };
	struct nlattr nla = { .nla_len = NLA_HDRLEN + len, .nla_type = NSAUDIT_A_RULE };
	size_t off = NLMSG_HDRLEN + GENL_HDRLEN;

	memset(m, 0, sizeof(m));
	memcpy(m + off, &nla, sizeof(nla));
	memcpy(m + off + NLA_HDRLEN, rule, len);
	off += NLA_ALIGN(NLA_HDRLEN + len);
	nh->nlmsg_len = (uint32_t)off;
	nh->nlmsg_type = family;
	nh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	nh->nlmsg_seq = 6;
	gh->cmd = NSAUDIT_CMD_ADD_RULE;
	gh->version = NSAUDIT_GENL_VERSION;
	if (sendto(fd, m, off, 0, (struct sockaddr *)&kernel, sizeof(kernel)) < 0)
		die("sendto (rule)");
}

/* Hex text into bytes; the count, or -1. */
static long unhex(const char *s, unsigned char *out, size_t size)
{
	size_t n = strlen(s), i;

	if (n % 2 || n / 2 > size)
		return -1;
	for (i = 0; i < n; i += 2) {
		unsigned int b;

		if (sscanf(s + i, "%2x", &b) != 1)
			return -1;
		out[i / 2] = (unsigned char)b;
	}
	return (long)(n / 2);
}

/* Every capability gone: what is left is the registered socket. */
static void drop_caps(void)
{
	struct __user_cap_header_struct hdr = { .version = _LINUX_CAPABILITY_VERSION_3 };
	struct __user_cap_data_struct data[2] = { { 0 } };

	if (syscall(SYS_capset, &hdr, data))
		die("capset");
}

/* Walks the attributes from @start to @end, each copied into @nla. */
#define for_each_attr(p, start, end, nla)				\
	for ((p) = (start);						\
	     (p) + NLA_HDRLEN <= (end) &&				\
	     (memcpy(&(nla), (p), sizeof(nla)), (nla).nla_len >= NLA_HDRLEN) && \
	     (p) + (nla).nla_len <= (end);				\
	     (p) += NLA_ALIGN((nla).nla_len))

static uint64_t get_num(const unsigned char *p, const struct nlattr *nla)
{
	uint64_t v = 0;
	size_t n = nla->nla_len - NLA_HDRLEN;

	memcpy(&v, p + NLA_HDRLEN, n < sizeof(v) ? n : sizeof(v));
	return n == 4 ? (uint32_t)v : n == 2 ? (uint16_t)v : v;
}

struct daemon_info {
	uint64_t v[NSAUDIT_DAEMON_A_MAX + 1];
};

static void parse_daemon(const unsigned char *p, const unsigned char *end,
			 struct daemon_info *di)
{
	const unsigned char *q;
	struct nlattr nla;

	memset(di, 0, sizeof(*di));
	for_each_attr(q, p, end, nla)
		if ((nla.nla_type & NLA_TYPE_MASK) <= NSAUDIT_DAEMON_A_MAX)
			di->v[nla.nla_type & NLA_TYPE_MASK] = get_num(q, &nla);
}

/* The error of an NLMSG_ERROR and its extended ACK message. */
static int parse_error(const struct nlmsghdr *nh, char *msg, size_t size)
{
	const unsigned char *p = (const unsigned char *)nh, *q, *end;
	struct nlmsgerr e;
	struct nlattr nla;

	msg[0] = '\0';
	if (nh->nlmsg_len < NLMSG_LENGTH(sizeof(e)))
		return -EPROTO;
	memcpy(&e, NLMSG_DATA(nh), sizeof(e));
	end = p + nh->nlmsg_len;
	/* NETLINK_CAP_ACK is set: no echoed request. */
	for_each_attr(q, p + NLMSG_HDRLEN + NLMSG_ALIGN(sizeof(e)), end, nla)
		if (nla.nla_type == NLMSGERR_ATTR_MSG)
			snprintf(msg, size, "%.*s", (int)(nla.nla_len - NLA_HDRLEN),
				 (const char *)q + NLA_HDRLEN);
	return e.error;
}

static uint16_t resolve(int fd)
{
	unsigned char a[64];
	size_t alen = put_attr(a, 0, CTRL_ATTR_FAMILY_NAME, NSAUDIT_GENL_NAME,
			       sizeof(NSAUDIT_GENL_NAME));
	ssize_t n;
	char msg[256];

	send_req(fd, GENL_ID_CTRL, CTRL_CMD_GETFAMILY, 2, 0, 1, a, alen);
	n = recv(fd, buf, sizeof(buf), 0);
	if (n < 0)
		die("recv (family)");
	for (struct nlmsghdr *nh = (void *)buf; NLMSG_OK(nh, n); nh = NLMSG_NEXT(nh, n)) {
		const unsigned char *q, *p = (const unsigned char *)nh;
		struct nlattr nla;

		if (nh->nlmsg_type == NLMSG_ERROR) {
			fprintf(stderr, "%s: no nsaudit family: %s\n", prog,
				strerror(-parse_error(nh, msg, sizeof(msg))));
			exit(1);
		}
		for_each_attr(q, p + NLMSG_HDRLEN + GENL_HDRLEN, p + nh->nlmsg_len, nla)
			if (nla.nla_type == CTRL_ATTR_FAMILY_ID)
				return (uint16_t)get_num(q, &nla);
	}
	fprintf(stderr, "%s: no family id\n", prog);
	exit(1);
}

int main(int argc, char **argv)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	unsigned long records = 0, notices = 0;
	int one = 1, rcvbuf = 0, fd, i;
	unsigned char a[64];
	size_t alen = 0;
	uint32_t backlog;
	static unsigned char rule[NSAUDIT_RULE_MAX + 4096];
	long rule_len = -1;
	bool unregistering = false, status_pending = false, dropping = false;
	const char *reason = NULL;
	FILE *out;

	for (i = 1; i < argc - 1 && argv[i][0] == '-'; i += 2) {
		if (!strcmp(argv[i], "--backlog")) {
			backlog = (uint32_t)strtoul(argv[i + 1], NULL, 0);
			alen = put_attr(a, 0, NSAUDIT_A_BACKLOG, &backlog, 4);
		} else if (!strcmp(argv[i], "--rcvbuf")) {
			rcvbuf = atoi(argv[i + 1]);
		} else if (!strcmp(argv[i], "--rule")) {
			rule_len = unhex(argv[i + 1], rule, sizeof(rule));
			if (rule_len < 0)
				break;
		} else if (!strcmp(argv[i], "--drop-caps")) {
			dropping = true;
			i--;	/* no value */
		} else {
			break;
		}
	}
	if (i != argc - 1) {
		fprintf(stderr, "usage: %s [--backlog N] [--rcvbuf BYTES] [--drop-caps] [--rule HEX] OUT\n",
			prog);
		return 2;
	}
	out = fopen(argv[i], "a");
	if (!out)
		die(argv[i]);
	signal(SIGTERM, on_signal);
	signal(SIGINT, on_signal);
	signal(SIGUSR1, on_signal);

	fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);
	if (fd < 0 || bind(fd, (struct sockaddr *)&sa, sizeof(sa)) ||
	    setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one)) ||
	    setsockopt(fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one)) ||
	    setsockopt(fd, SOL_NETLINK, NETLINK_NO_ENOBUFS, &one, sizeof(one)))
		die("socket");
	if (rcvbuf && setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof(rcvbuf)))
		die("SO_RCVBUF");
	family = resolve(fd);
	/* nlctrl's "notify" group has the controller's own id as its id. */
	i = GENL_ID_CTRL;
	if (setsockopt(fd, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, &i, sizeof(i)))
		die("join nlctrl notify");
	send_req(fd, family, NSAUDIT_CMD_REGISTER, NSAUDIT_GENL_VERSION, 0, 2, a, alen);

	while (!reason) {
		struct pollfd pfd = { .fd = fd, .events = POLLIN };
		ssize_t n;

		if (terminating && !unregistering) {
			send_req(fd, family, NSAUDIT_CMD_UNREGISTER,
				 NSAUDIT_GENL_VERSION, NLM_F_ACK, 3, NULL, 0);
			unregistering = true;
		}
		if (asking) {
			asking = 0;
			send_req(fd, family, NSAUDIT_CMD_GET_STATUS,
				 NSAUDIT_GENL_VERSION, 0, 4, NULL, 0);
			status_pending = true;
		}
		/*
		 * An answer is dropped if it finds the socket full of records:
		 * after a second of silence, ask again. (A second UNREGISTER
		 * answers ENOENT: the first one did its work.)
		 */
		if (poll(&pfd, 1, 1000) == 0) {
			uint16_t id = family;
			unsigned char fa[8];

			send_req(fd, GENL_ID_CTRL, CTRL_CMD_GETFAMILY, 2, 0, 7, fa,
				 put_attr(fa, 0, CTRL_ATTR_FAMILY_ID, &id, 2));
			if (status_pending)
				send_req(fd, family, NSAUDIT_CMD_GET_STATUS,
					 NSAUDIT_GENL_VERSION, 0, 4, NULL, 0);
			if (unregistering)
				send_req(fd, family, NSAUDIT_CMD_UNREGISTER,
					 NSAUDIT_GENL_VERSION, NLM_F_ACK, 5, NULL, 0);
			continue;
		}
		n = recv(fd, buf, sizeof(buf), MSG_DONTWAIT);
		if (n < 0) {
			if (errno == EAGAIN || errno == EINTR)
				continue;
			die("recv");
		}
		for (struct nlmsghdr *nh = (void *)buf; NLMSG_OK(nh, n); nh = NLMSG_NEXT(nh, n)) {
			const unsigned char *q, *p = (const unsigned char *)nh;
			const unsigned char *end = p + nh->nlmsg_len;
			struct genlmsghdr gh;
			struct daemon_info di = { { 0 } };
			struct nlattr nla;
			char msg[256];
			int err;

			if (nh->nlmsg_type == NLMSG_ERROR) {
				err = parse_error(nh, msg, sizeof(msg));
				if (nh->nlmsg_seq == 2) {
					printf("error %s msg=\"%s\"\n", strerrorname_np(-err), msg);
					return 1;
				}
				if (nh->nlmsg_seq == 6) {
					if (err)
						printf("rule error %s msg=\"%s\"\n",
						       strerrorname_np(-err), msg);
					else
						printf("rule ok\n");
					fflush(stdout);
					continue;
				}
				if (nh->nlmsg_seq == 7) {
					if (err == -ENOENT)
						reason = "module-gone";
					continue;
				}
				if (nh->nlmsg_seq == 5 && err == -ENOENT)
					err = 0;
				if (nh->nlmsg_seq == 3 || nh->nlmsg_seq == 5) {
					if (err) {
						fprintf(stderr, "%s: UNREGISTER: %s\n", prog, msg);
						return 1;
					}
					reason = "unregistered";
				}
				continue;
			}
			if (nh->nlmsg_len < NLMSG_HDRLEN + GENL_HDRLEN)
				continue;
			memcpy(&gh, p + NLMSG_HDRLEN, sizeof(gh));
			if (nh->nlmsg_type == GENL_ID_CTRL && gh.cmd == CTRL_CMD_DELFAMILY) {
				for_each_attr(q, p + NLMSG_HDRLEN + GENL_HDRLEN, end, nla)
					if (nla.nla_type == CTRL_ATTR_FAMILY_ID &&
					    get_num(q, &nla) == family)
						reason = "module-gone";
				continue;
			}
			if (nh->nlmsg_type != family)
				continue;
			uint64_t type = 0;
			const char *text = NULL;

			for_each_attr(q, p + NLMSG_HDRLEN + GENL_HDRLEN, end, nla) {
				switch (nla.nla_type & NLA_TYPE_MASK) {
				case NSAUDIT_A_DAEMON:
					parse_daemon(q + NLA_HDRLEN, q + nla.nla_len, &di);
					break;
				case NSAUDIT_A_RECORD_TYPE:
					type = get_num(q, &nla);
					break;
				case NSAUDIT_A_RECORD_TEXT:
					text = (const char *)q + NLA_HDRLEN;
					break;
				}
			}
			switch (gh.cmd) {
			case NSAUDIT_CMD_REGISTER:
				printf("registered pid=%llu userns=%llu backlog=%llu\n",
				       (unsigned long long)di.v[NSAUDIT_DAEMON_A_PID],
				       (unsigned long long)di.v[NSAUDIT_DAEMON_A_USERNS],
				       (unsigned long long)di.v[NSAUDIT_DAEMON_A_BACKLOG]);
				fflush(stdout);
				if (dropping)
					drop_caps();
				if (rule_len >= 0)
					send_rule(fd, rule, (size_t)rule_len);
				break;
			case NSAUDIT_CMD_GET_STATUS:
				status_pending = false;
				fflush(out);
				printf("status pid=%llu backlog=%llu queued=%llu routed=%llu delivered=%llu lost=%llu records=%lu\n",
				       (unsigned long long)di.v[NSAUDIT_DAEMON_A_PID],
				       (unsigned long long)di.v[NSAUDIT_DAEMON_A_BACKLOG],
				       (unsigned long long)di.v[NSAUDIT_DAEMON_A_QUEUED],
				       (unsigned long long)di.v[NSAUDIT_DAEMON_A_ROUTED],
				       (unsigned long long)di.v[NSAUDIT_DAEMON_A_DELIVERED],
				       (unsigned long long)di.v[NSAUDIT_DAEMON_A_LOST],
				       records);
				fflush(stdout);
				break;
			case NSAUDIT_CMD_RECORD:
				if (text)
					fprintf(out, "type=%llu %s\n", (unsigned long long)type, text);
				records++;
				break;
			case NSAUDIT_CMD_LOST:
				fprintf(out, "lost routed=%llu delivered=%llu lost=%llu\n",
					(unsigned long long)di.v[NSAUDIT_DAEMON_A_ROUTED],
					(unsigned long long)di.v[NSAUDIT_DAEMON_A_DELIVERED],
					(unsigned long long)di.v[NSAUDIT_DAEMON_A_LOST]);
				notices++;
				break;
			}
		}
		fflush(out);
	}
	printf("end reason=%s records=%lu notices=%lu\n", reason, records, notices);
	return 0;
}
