// SPDX-License-Identifier: GPL-2.0
/*
 * Before the 6.1.x stable fix that dropped it (and 6.9 upstream),
 * genlmsg_multicast_allns() took a gfp_t.
 */
#include <net/genetlink.h>

int nsaudit_probe(const struct genl_family *family, struct sk_buff *skb);
int nsaudit_probe(const struct genl_family *family, struct sk_buff *skb)
{
	return genlmsg_multicast_allns(family, skb, 0, 0, GFP_KERNEL);
}
