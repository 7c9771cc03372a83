// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Delegation: DELEGATE and UNDELEGATE, on the request path of client.c.
 * The messages are msg.c's; this file only puts them on the handle.
 *
 * A module older than interface 1.4 has neither command: generic netlink
 * refuses them with EOPNOTSUPP, passed on as it came, as for the
 * container ID calls.
 */
#define _DEFAULT_SOURCE	/* struct addrinfo in libnl's headers */

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>

#include <netlink/msg.h>

#include "client.h"
#include "msg.h"

/* Both requests are a PID and are answered by the ACK alone. */
static int nsaudit_delegation(struct nsaudit_handle *h, int pid, bool undo)
{
	struct nl_msg *msg;
	int err;

	if (!h)
		return -EINVAL;
	err = nsaudit__check_requests(h);
	if (err)
		return err;
	if (undo)
		err = nsaudit__build_undelegate(h->family, pid, &msg,
						h->errmsg, sizeof(h->errmsg));
	else
		err = nsaudit__build_delegate(h->family, pid, &msg, h->errmsg,
					      sizeof(h->errmsg));
	err = nsaudit__built(h, err);
	if (err)
		return err;
	return nsaudit__request_ack(h, msg);
}

int nsaudit_delegate(struct nsaudit_handle *h, int pid)
{
	return nsaudit_delegation(h, pid, false);
}

int nsaudit_undelegate(struct nsaudit_handle *h, int pid)
{
	return nsaudit_delegation(h, pid, true);
}
