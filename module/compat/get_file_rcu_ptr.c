// SPDX-License-Identifier: GPL-2.0
/* 6.7: get_file_rcu() takes the RCU-protected pointer and rereads it. */
#include <linux/fs.h>
#include <linux/file.h>

struct file *nsaudit_probe(struct file __rcu **f);
struct file *nsaudit_probe(struct file __rcu **f)
{
	return get_file_rcu(f);
}
