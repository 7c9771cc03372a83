// SPDX-License-Identifier: GPL-2.0
/*
 * A rules file's commands sent to the module, in order, for nsauditctl -R
 * and nsauditd's rules_file alike.
 */
#include <libnsaudit.h>
#include "rule.h"

int rule_file_send(struct nsaudit_handle *h, const struct rule_file *rf,
		   size_t *failed)
{
	const struct rule_cmd *c;
	size_t i;
	int err;

	for (i = 0; i < rf->count; i++) {
		c = &rf->lines[i].cmd;
		if (c->op == RULE_OP_DELETE_ALL)
			err = nsaudit_rule_delete_all(h);
		else if (c->op == RULE_OP_DEL)
			err = nsaudit_rule_del(h, c->rule, c->len);
		else
			err = nsaudit_rule_add(h, c->rule, c->len);
		if (err < 0) {
			*failed = i;
			return err;
		}
	}
	return 0;
}
