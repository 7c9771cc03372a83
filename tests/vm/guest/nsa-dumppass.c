// SPDX-License-Identifier: GPL-2.0
/*
 * nsa-dumppass: a LIST_RULES dump started in one user namespace and read
 * in another, its socket passed between them with SCM_RIGHTS.
 *
 *   nsa-dumppass recv PATH
 *       binds a Unix datagram socket at PATH, drops every capability,
 *       prints "ready", takes one descriptor from it and reads the dump
 *       on it to its end: one line "rule TEXT" per rule message, TEXT the
 *       printable runs of 4 or more bytes of its payload (keys among
 *       them), then "done parts=N rules=M" or "error ERRNO".
 *   nsa-dumppass send PATH
 *       opens a generic netlink socket, sends the nsaudit LIST_RULES dump
 *       request (its first part is made at once, in this namespace),
 *       passes the socket to PATH without reading it, prints "passed".
 *
 * Raw netlink and libc only.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <ctype.h>
#include <linux/capability.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/un.h>

#include "nl-raw.h"

static int unix_sock(const char *path, int do_bind)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	int fd = socket(AF_UNIX, SOCK_DGRAM, 0);

	if (fd < 0)
		return -1;
	snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", path);
	if (do_bind ? bind(fd, (struct sockaddr *)&sa, sizeof(sa)) :
		      connect(fd, (struct sockaddr *)&sa, sizeof(sa)))
		return -1;
	return fd;
}

static int drop_caps(void)
{
	struct __user_cap_header_struct h = { .version = _LINUX_CAPABILITY_VERSION_3 };
	struct __user_cap_data_struct d[2] = { 0 };

	return syscall(SYS_capset, &h, d);
}

/* Prints the printable runs of 4 bytes or more in @p. */
static void print_runs(const unsigned char *p, int len)
{
	int i, start = -1;

	fputs("rule", stdout);
	for (i = 0; i <= len; i++) {
		if (i < len && isprint(p[i]) && p[i] != ' ') {
			if (start < 0)
				start = i;
			continue;
		}
		if (start >= 0 && i - start >= 4)
			printf(" %.*s", i - start, p + start);
		start = -1;
	}
	putchar('\n');
}

static int do_recv(const char *path)
{
	char cbuf[CMSG_SPACE(sizeof(int))], buf[65536], one;
	struct iovec iov = { .iov_base = &one, .iov_len = 1 };
	struct msghdr mh = {
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = cbuf, .msg_controllen = sizeof(cbuf),
	};
	int us, fd, parts = 0, rules = 0;
	struct cmsghdr *c;

	us = unix_sock(path, 1);
	/* Any user may pass a socket to it: the sender is another user. */
	if (us < 0 || chmod(path, 0666) || drop_caps()) {
		perror("nsa-dumppass: recv setup");
		return 1;
	}
	printf("ready\n");
	fflush(stdout);
	if (recvmsg(us, &mh, 0) < 0 || !(c = CMSG_FIRSTHDR(&mh)) ||
	    c->cmsg_type != SCM_RIGHTS) {
		perror("nsa-dumppass: no descriptor");
		return 1;
	}
	memcpy(&fd, CMSG_DATA(c), sizeof(fd));
	for (;;) {
		struct nlmsghdr *nlh;
		int len = recv(fd, buf, sizeof(buf), 0);

		if (len < 0) {
			printf("error %d\n", errno);
			return 1;
		}
		parts++;
		for (nlh = (struct nlmsghdr *)buf; NLMSG_OK(nlh, len); nlh = NLMSG_NEXT(nlh, len)) {
			if (nlh->nlmsg_type == NLMSG_DONE) {
				printf("done parts=%d rules=%d\n", parts, rules);
				return 0;
			}
			if (nlh->nlmsg_type == NLMSG_ERROR) {
				printf("error %d\n", -((struct nlmsgerr *)NLMSG_DATA(nlh))->error);
				return 1;
			}
			rules++;
			print_runs((unsigned char *)NLMSG_DATA(nlh) + GENL_HDRLEN,
				   nlh->nlmsg_len - NLMSG_LENGTH(GENL_HDRLEN));
		}
		fflush(stdout);
	}
}

static int do_send(const char *path)
{
	char cbuf[CMSG_SPACE(sizeof(int))] = { 0 }, one = 'x';
	struct iovec iov = { .iov_base = &one, .iov_len = 1 };
	struct msghdr mh = {
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = cbuf, .msg_controllen = sizeof(cbuf),
	};
	struct cmsghdr *c = CMSG_FIRSTHDR(&mh);
	int fam = family_id(), fd, us;

	fd = socket(AF_NETLINK, SOCK_RAW, NETLINK_GENERIC);
	us = unix_sock(path, 0);
	if (fam < 0 || fd < 0 || us < 0 ||
	    send_req(fd, fam, NSAUDIT_CMD_LIST_RULES, NLM_F_DUMP, 1, NULL, 0)) {
		perror("nsa-dumppass: send setup");
		return 1;
	}
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(c), &fd, sizeof(fd));
	if (sendmsg(us, &mh, 0) < 0) {
		perror("nsa-dumppass: sendmsg");
		return 1;
	}
	printf("passed\n");
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "recv"))
		return do_recv(argv[2]);
	if (argc == 3 && !strcmp(argv[1], "send"))
		return do_send(argv[2]);
	fprintf(stderr, "usage: nsa-dumppass recv|send PATH\n");
	return 2;
}
