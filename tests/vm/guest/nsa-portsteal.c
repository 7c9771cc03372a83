// SPDX-License-Identifier: GPL-2.0
/*
 * nsa-portsteal: an unprivileged process takes the netlink port of an
 * audit daemon that has just died, and tries to get what was the
 * daemon's: its queued records, its rights over rules.
 *
 *   nsa-portsteal PORTID SECONDS
 *
 * Resolves the nsaudit family, then tries to bind a generic netlink socket
 * to PORTID in a tight loop (EADDRINUSE while the daemon's socket holds
 * it), printing "waiting" once before the first try. Once bound, for
 * SECONDS it reads everything that arrives and, every 100 ms, sends
 * DELETE_ALL and a LIST_RULES dump from that socket, as the daemon could.
 * Then prints one line:
 *   "bound tries=N records=R lost=L other=O rules_ok=K rules_refused=F"
 * R and L count RECORD and LOST messages of the family, O other messages,
 * K the rule commands answered with success, F those refused. Exit 0, or 1
 * if setup failed or the port was never bound within SECONDS.
 *   nsa-portsteal --forge PORTID
 *
 * Sends one forged nsaudit RECORD message to PORTID, as any process of
 * the network namespace could, and prints "refused ENAME" (a socket
 * connected to the kernel refuses it: ECONNREFUSED) or "sent".
 *
 * Raw netlink and libc only.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "nl-raw.h"

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int forge(__u32 portid)
{
	struct sockaddr_nl to = { .nl_family = AF_NETLINK, .nl_pid = portid };
	int fam = family_id(), fd;
	struct req r;

	fd = socket(AF_NETLINK, SOCK_RAW, NETLINK_GENERIC);
	if (fam < 0 || fd < 0) {
		fprintf(stderr, "nsa-portsteal: no nsaudit family\n");
		return 1;
	}
	memset(&r, 0, sizeof(r));
	r.nlh.nlmsg_len = NLMSG_LENGTH(GENL_HDRLEN);
	r.nlh.nlmsg_type = fam;
	r.g.cmd = NSAUDIT_CMD_RECORD;
	r.g.version = NSAUDIT_GENL_VERSION;
	if (sendto(fd, &r, r.nlh.nlmsg_len, 0, (struct sockaddr *)&to,
		   sizeof(to)) < 0) {
		printf("refused %s\n", errno == ECONNREFUSED ? "ECONNREFUSED" : strerror(errno));
		return 0;
	}
	printf("sent\n");
	return 0;
}

int main(int argc, char **argv)
{
	unsigned long tries = 0, records = 0, lost = 0, other = 0;
	unsigned long rules_ok = 0, rules_refused = 0;
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	double end, next_cmd;
	char buf[65536];
	__u32 seq = 100;
	int fam, fd;

	if (argc == 3 && !strcmp(argv[1], "--forge"))
		return forge(strtoul(argv[2], NULL, 0));
	if (argc != 3) {
		fprintf(stderr, "usage: nsa-portsteal PORTID SECONDS | --forge PORTID\n");
		return 2;
	}
	sa.nl_pid = strtoul(argv[1], NULL, 0);
	end = now() + atof(argv[2]);
	fam = family_id();
	if (fam < 0) {
		fprintf(stderr, "nsa-portsteal: no nsaudit family\n");
		return 1;
	}
	printf("waiting\n");
	fflush(stdout);
	for (;;) {
		fd = socket(AF_NETLINK, SOCK_RAW | SOCK_NONBLOCK, NETLINK_GENERIC);
		if (fd < 0) {
			perror("nsa-portsteal: socket");
			return 1;
		}
		tries++;
		if (!bind(fd, (struct sockaddr *)&sa, sizeof(sa)))
			break;
		close(fd);
		if (errno != EADDRINUSE) {
			perror("nsa-portsteal: bind");
			return 1;
		}
		if (now() > end) {
			printf("never bound tries=%lu\n", tries);
			return 1;
		}
	}
	next_cmd = 0;
	while (now() < end) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		struct nlmsghdr *nlh;
		int len;

		if (now() >= next_cmd) {
			send_req(fd, fam, NSAUDIT_CMD_DELETE_ALL, NLM_F_ACK, seq++, NULL, 0);
			send_req(fd, fam, NSAUDIT_CMD_LIST_RULES, NLM_F_DUMP, seq++, NULL, 0);
			next_cmd = now() + 0.1;
		}
		if (poll(&p, 1, 50) <= 0)
			continue;
		len = recv(fd, buf, sizeof(buf), 0);
		if (len < 0)
			continue;
		for (nlh = (struct nlmsghdr *)buf; NLMSG_OK(nlh, len); nlh = NLMSG_NEXT(nlh, len)) {
			if (nlh->nlmsg_type == NLMSG_ERROR) {
				struct nlmsgerr *e = NLMSG_DATA(nlh);

				if (e->error)
					rules_refused++;
				else
					rules_ok++;
			} else if (nlh->nlmsg_type == NLMSG_DONE) {
				/* A dump's end, with its error (a refusal). */
				if (*(int *)NLMSG_DATA(nlh) < 0)
					rules_refused++;
				else
					rules_ok++;
			} else if (nlh->nlmsg_type == fam) {
				struct genlmsghdr *g = NLMSG_DATA(nlh);

				if (g->cmd == NSAUDIT_CMD_RECORD)
					records++;
				else if (g->cmd == NSAUDIT_CMD_LOST)
					lost++;
				else
					other++;
			} else {
				other++;
			}
		}
	}
	printf("bound tries=%lu records=%lu lost=%lu other=%lu rules_ok=%lu rules_refused=%lu\n",
	       tries, records, lost, other, rules_ok, rules_refused);
	return 0;
}
