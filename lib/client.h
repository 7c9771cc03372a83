/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libnsaudit internals: the request handle of client.c, shared with
 * daemon.c, which opens its socket the same way (options, family, version
 * check) and then uses it for records. Not installed; nothing here is
 * exported from the shared library.
 */
#ifndef NSAUDIT_LIB_CLIENT_H
#define NSAUDIT_LIB_CLIENT_H

#include <stdbool.h>
#include <stddef.h>

#include <netlink/socket.h>

#include "libnsaudit.h"
#include "msg.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK	270
#endif

struct nsaudit_handle {
	struct nl_sock *sk;
	int family;		/* the nsaudit family's id */
	int config_grp;		/* the "config" group's id, or -errno */
	int ctrl_grp;		/* nlctrl's "notify" group, if asked for */
	bool subscribed;
	bool errmsg_kernel;	/* errmsg is the module's extended ACK text */
	char errmsg[NSAUDIT__TEXT_SIZE];
};

/* What nsaudit__open() does besides opening. */
struct nsaudit_open_opts {
	const char *family;	/* generic netlink family name */
	const char *group;	/* its configuration multicast group */
	bool status;		/* ask for the status, check the version */
	bool ctrl_grp;		/* resolve nlctrl's "notify" group too */
};

int nsaudit__open(struct nsaudit_handle **hp,
		  const struct nsaudit_open_opts *o, struct nsaudit_status *st,
		  char *msg, size_t size);

/* One message of a dump, or a reply; see nsaudit__request_dump(). */
typedef int (*nsaudit_each_fn)(const struct nlmsghdr *nlh, size_t len,
			       void *arg, char *why, size_t size);

int nsaudit__fail(struct nsaudit_handle *h, int err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int nsaudit__check_requests(struct nsaudit_handle *h);
int nsaudit__built(struct nsaudit_handle *h, int err);
int nsaudit__request_ack(struct nsaudit_handle *h, struct nl_msg *msg);
int nsaudit__request_reply(struct nsaudit_handle *h, struct nl_msg *msg,
			   uint8_t cmd, nsaudit_each_fn parse, void *arg);
int nsaudit__request_dump(struct nsaudit_handle *h, struct nl_msg *msg,
			  nsaudit_each_fn each, void *arg);

const char *nsaudit__strerror(int err, char *buf, size_t size);
int nsaudit__nlerr(int nlerr, int saved_errno);

#endif /* NSAUDIT_LIB_CLIENT_H */
