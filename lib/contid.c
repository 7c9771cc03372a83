// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Audit container IDs: set and get, on the request path of client.c.
 * The messages are msg.c's; this file only puts them on the handle.
 *
 * A module older than interface 1.3 has neither command, and generic
 * netlink refuses a command a family lacks with EOPNOTSUPP before the
 * module sees it; that errno is passed on as it came, as for the rule
 * calls, for the caller to explain.
 */
#define _DEFAULT_SOURCE	/* struct addrinfo in libnl's headers */

#include <errno.h>
#include <stddef.h>
#include <stdint.h>

#include <netlink/msg.h>

#include "client.h"
#include "msg.h"

int nsaudit_contid_set(struct nsaudit_handle *h, int pid, uint64_t id)
{
	return nsaudit_contid_set_name(h, pid, id, NULL);
}

int nsaudit_contid_set_name(struct nsaudit_handle *h, int pid, uint64_t id,
			    const char *name)
{
	struct nl_msg *msg;
	int err;

	if (!h)
		return -EINVAL;
	err = nsaudit__check_requests(h);
	if (err)
		return err;
	err = nsaudit__build_contid_set(h->family, pid, id, name, &msg,
					h->errmsg, sizeof(h->errmsg));
	err = nsaudit__built(h, err);
	if (err)
		return err;
	return nsaudit__request_ack(h, msg);
}

/* What nsaudit_contid_get() hands to the reply's parser. */
struct nsaudit_contid_reply {
	int family;
	int pid;
	uint64_t id;
};

static int nsaudit_contid_parse(const struct nlmsghdr *nlh, size_t len,
				void *arg, char *why, size_t size)
{
	struct nsaudit_contid_reply *r = arg;

	return nsaudit__parse_contid(nlh, len, r->family, r->pid, &r->id, why,
				     size);
}

int nsaudit_contid_get(struct nsaudit_handle *h, int pid, uint64_t *id)
{
	struct nsaudit_contid_reply r = { .pid = pid };
	struct nl_msg *msg;
	int err;

	if (!h)
		return -EINVAL;
	if (!id)
		return nsaudit__fail(h, -EINVAL, "no container ID buffer given");
	err = nsaudit__check_requests(h);
	if (err)
		return err;
	err = nsaudit__build_contid_get(h->family, pid, &msg, h->errmsg,
					sizeof(h->errmsg));
	err = nsaudit__built(h, err);
	if (err)
		return err;
	r.family = h->family;
	err = nsaudit__request_reply(h, msg, NSAUDIT_CMD_GET_CONTID,
				     nsaudit_contid_parse, &r);
	if (err)
		return err;
	*id = r.id;
	return 0;
}
