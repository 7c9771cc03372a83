// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Per-namespace rules: add, delete, list and delete all, on the request
 * path of client.c. The rules are struct audit_rule_data as libaudit
 * builds them; this file neither builds nor interprets them, it only
 * checks their structure (msg.c) and carries them.
 */
#define _DEFAULT_SOURCE	/* struct addrinfo in libnl's headers */

#include <errno.h>
#include <stddef.h>
#include <stdio.h>

#include <linux/audit.h>
#include <netlink/msg.h>

#include "client.h"
#include "msg.h"

/* ADD_RULE or DEL_RULE: the same request but for the command. */
static int nsaudit_rule_change(struct nsaudit_handle *h, uint8_t cmd,
			       const struct audit_rule_data *r, size_t len)
{
	struct nl_msg *msg;
	int err;

	if (!h)
		return -EINVAL;
	err = nsaudit__check_requests(h);
	if (err)
		return err;
	err = nsaudit__build_rule(h->family, cmd, r, len, &msg, h->errmsg,
				  sizeof(h->errmsg));
	err = nsaudit__built(h, err);
	if (err)
		return err;
	return nsaudit__request_ack(h, msg);
}

int nsaudit_rule_add(struct nsaudit_handle *h,
		     const struct audit_rule_data *r, size_t len)
{
	return nsaudit_rule_change(h, NSAUDIT_CMD_ADD_RULE, r, len);
}

int nsaudit_rule_del(struct nsaudit_handle *h,
		     const struct audit_rule_data *r, size_t len)
{
	return nsaudit_rule_change(h, NSAUDIT_CMD_DEL_RULE, r, len);
}

int nsaudit_rule_delete_all(struct nsaudit_handle *h)
{
	struct nl_msg *msg;
	int err;

	if (!h)
		return -EINVAL;
	err = nsaudit__check_requests(h);
	if (err)
		return err;
	err = nsaudit__build_delete_all(h->family, &msg);
	err = nsaudit__built(h, err);
	if (err)
		return err;
	return nsaudit__request_ack(h, msg);
}

/* What nsaudit_rule_list() hands to each message of the dump. */
struct nsaudit_rule_walk {
	int family;
	int (*cb)(const struct audit_rule_data *r, size_t len, void *arg);
	void *arg;
};

static int nsaudit_rule_each(const struct nlmsghdr *nlh, size_t len,
			     void *arg, char *why, size_t size)
{
	const struct nsaudit_rule_walk *w = arg;
	const struct audit_rule_data *r;
	size_t rlen;
	int err;

	err = nsaudit__parse_rule(nlh, len, w->family, &r, &rlen, why, size);
	if (err)
		return err;
	err = w->cb(r, rlen, w->arg);
	if (err < 0) {
		snprintf(why, size, "the caller stopped the listing");
		return err;
	}
	return 0;
}

int nsaudit_rule_list(struct nsaudit_handle *h,
		      int (*cb)(const struct audit_rule_data *r, size_t len,
				void *arg),
		      void *arg)
{
	struct nsaudit_rule_walk w = { .cb = cb, .arg = arg };
	struct nl_msg *msg;
	int err;

	if (!h)
		return -EINVAL;
	if (!cb)
		return nsaudit__fail(h, -EINVAL, "no callback given");
	err = nsaudit__check_requests(h);
	if (err)
		return err;
	w.family = h->family;
	err = nsaudit__build_list_rules(h->family, &msg);
	err = nsaudit__built(h, err);
	if (err)
		return err;
	return nsaudit__request_dump(h, msg, nsaudit_rule_each, &w);
}
