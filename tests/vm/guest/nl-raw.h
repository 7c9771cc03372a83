/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nl-raw.h: raw generic netlink requests for the guest programs that must
 * not go through libnl (what they send is the test). Static functions:
 * included by one program each.
 */
#ifndef NSA_NL_RAW_H
#define NSA_NL_RAW_H

#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "../../../include/uapi/linux/nsaudit.h"

struct req {
	struct nlmsghdr nlh;
	struct genlmsghdr g;
	char attrs[64];
};

/* One request of @type (a family id, or GENL_ID_CTRL) to the kernel. */
static int send_req(int fd, __u16 type, __u8 cmd, __u16 flags, __u32 seq,
		    const void *attr, size_t alen)
{
	struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };
	struct req r;

	memset(&r, 0, sizeof(r));
	r.nlh.nlmsg_len = NLMSG_LENGTH(GENL_HDRLEN + alen);
	r.nlh.nlmsg_type = type;
	r.nlh.nlmsg_flags = NLM_F_REQUEST | flags;
	r.nlh.nlmsg_seq = seq;
	r.g.cmd = cmd;
	r.g.version = type == GENL_ID_CTRL ? 1 : NSAUDIT_GENL_VERSION;
	memcpy(r.attrs, attr, alen);
	return sendto(fd, &r, r.nlh.nlmsg_len, 0, (struct sockaddr *)&kernel,
		      sizeof(kernel)) < 0 ? -1 : 0;
}

/* The nsaudit family's id, or -1. */
static int family_id(void)
{
	char buf[8192], attr[32];
	struct nlattr *na = (struct nlattr *)attr;
	struct nlmsghdr *nlh;
	int fd, len, id = -1;

	fd = socket(AF_NETLINK, SOCK_RAW, NETLINK_GENERIC);
	if (fd < 0)
		return -1;
	na->nla_type = CTRL_ATTR_FAMILY_NAME;
	na->nla_len = NLA_HDRLEN + sizeof(NSAUDIT_GENL_NAME);
	memcpy(attr + NLA_HDRLEN, NSAUDIT_GENL_NAME, sizeof(NSAUDIT_GENL_NAME));
	if (send_req(fd, GENL_ID_CTRL, CTRL_CMD_GETFAMILY, 0, 1, attr,
		     NLA_ALIGN(na->nla_len)))
		goto out;
	len = recv(fd, buf, sizeof(buf), 0);
	for (nlh = (struct nlmsghdr *)buf; NLMSG_OK(nlh, len); nlh = NLMSG_NEXT(nlh, len)) {
		int alen = nlh->nlmsg_len - NLMSG_LENGTH(GENL_HDRLEN);
		char *p = (char *)NLMSG_DATA(nlh) + GENL_HDRLEN;

		if (nlh->nlmsg_type == NLMSG_ERROR)
			break;
		while (alen >= NLA_HDRLEN) {
			na = (struct nlattr *)p;
			if (na->nla_len < NLA_HDRLEN || na->nla_len > alen)
				break;
			if (na->nla_type == CTRL_ATTR_FAMILY_ID)
				id = *(__u16 *)(p + NLA_HDRLEN);
			alen -= NLA_ALIGN(na->nla_len);
			p += NLA_ALIGN(na->nla_len);
		}
	}
out:
	close(fd);
	return id;
}

#endif /* NSA_NL_RAW_H */
