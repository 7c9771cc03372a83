// SPDX-License-Identifier: GPL-2.0
/* 6.2: a family's pre_doit takes the split op it runs (genl_split_ops). */
#include <net/genetlink.h>

static int nsaudit_probe_pre(const struct genl_split_ops *ops,
			     struct sk_buff *skb, struct genl_info *info)
{
	return 0;
}

struct genl_family nsaudit_probe_family = { .pre_doit = nsaudit_probe_pre };
