// SPDX-License-Identifier: GPL-2.0
/*
 * Per-namespace audit rules: their parsing, their rulespaces and the
 * exclude filter.
 *
 * A rule arrives as the kernel's own AUDIT_ADD_RULE payload (struct
 * audit_rule_data and its buf, as libaudit builds it from auditctl
 * syntax), is checked as kernel/auditfilter.c checks it, and refused with
 * an extended ACK that names what is not supported here. Values are read
 * in the view of the namespace that owns the rule: uids and gids must be
 * mapped in its user namespace, as the kernel's audit requires them to be
 * in the caller's.
 *
 * Ownership and lifetime: the rules of a user namespace belong to the
 * registration of its daemon (struct nsaudit_daemon.rules) and go with it,
 * so what a namespace can make the module hold is bounded by the "daemons"
 * and "rules" limits. A rulespace is an immutable array of rules, replaced
 * whole on every change under nsaudit_daemons_lock and read under RCU (at
 * syscall exit, see sysexit.c, and when records are routed). A rule may sit
 * in several generations of the array; it is freed after a grace period
 * once the last one holding it is gone.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/audit.h>
#include <linux/cred.h>
#include <linux/kprobes.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <linux/uidgid.h>
#include <linux/user_namespace.h>
#include <net/genetlink.h>
#include "nsaudit.h"

#define nsaudit_rules_deref(d) \
	rcu_dereference_protected((d)->rules, \
				  lockdep_is_held(&nsaudit_daemons_lock))

/* The syscall class bits at the top of the mask (kernel/auditfilter.c). */
#define NSAUDIT_CLASS_WORD	(AUDIT_BITMASK_SIZE - 1)
#define NSAUDIT_CLASS_BITS	GENMASK(31, 32 - AUDIT_SYSCALL_CLASSES)

/* Changes of any rulespace: a dump that sees two values was torn. */
static unsigned int nsaudit_rules_generation;

static const struct {
	u32 flag;
	enum nsaudit_rule_op op;
} nsaudit_rule_ops[] = {
	{ AUDIT_EQUAL, NSAUDIT_OP_EQ },
	{ AUDIT_NOT_EQUAL, NSAUDIT_OP_NE },
	{ AUDIT_LESS_THAN, NSAUDIT_OP_LT },
	{ AUDIT_LESS_THAN_OR_EQUAL, NSAUDIT_OP_LE },
	{ AUDIT_GREATER_THAN, NSAUDIT_OP_GT },
	{ AUDIT_GREATER_THAN_OR_EQUAL, NSAUDIT_OP_GE },
	{ AUDIT_BIT_MASK, NSAUDIT_OP_MASK },
	{ AUDIT_BIT_TEST, NSAUDIT_OP_TEST },
};

/*
 * Extended ACK messages must outlive the request: one static text per
 * field and filter the module refuses, so that the message names it.
 */
#define NSAUDIT_FIELD_NAME(name) "unsupported rule field: " name

static const char *const nsaudit_unsupported_field[] = {
	[AUDIT_PERS] = NSAUDIT_FIELD_NAME("pers"),
	[AUDIT_SUBJ_USER] = NSAUDIT_FIELD_NAME("subj_user"),
	[AUDIT_SUBJ_ROLE] = NSAUDIT_FIELD_NAME("subj_role"),
	[AUDIT_SUBJ_TYPE] = NSAUDIT_FIELD_NAME("subj_type"),
	[AUDIT_SUBJ_SEN] = NSAUDIT_FIELD_NAME("subj_sen"),
	[AUDIT_SUBJ_CLR] = NSAUDIT_FIELD_NAME("subj_clr"),
	[AUDIT_DEVMAJOR] = NSAUDIT_FIELD_NAME("devmajor"),
	[AUDIT_DEVMINOR] = NSAUDIT_FIELD_NAME("devminor"),
	[AUDIT_INODE] = NSAUDIT_FIELD_NAME("inode"),
	[AUDIT_OBJ_USER] = NSAUDIT_FIELD_NAME("obj_user"),
	[AUDIT_OBJ_ROLE] = NSAUDIT_FIELD_NAME("obj_role"),
	[AUDIT_OBJ_TYPE] = NSAUDIT_FIELD_NAME("obj_type"),
	[AUDIT_OBJ_LEV_LOW] = NSAUDIT_FIELD_NAME("obj_lev_low"),
	[AUDIT_OBJ_LEV_HIGH] = NSAUDIT_FIELD_NAME("obj_lev_high"),
	[AUDIT_WATCH] = NSAUDIT_FIELD_NAME("path"),
	[AUDIT_PERM] = NSAUDIT_FIELD_NAME("perm"),
	[AUDIT_DIR] = NSAUDIT_FIELD_NAME("dir"),
	[AUDIT_FILETYPE] = NSAUDIT_FIELD_NAME("filetype"),
	[AUDIT_OBJ_UID] = NSAUDIT_FIELD_NAME("obj_uid"),
	[AUDIT_OBJ_GID] = NSAUDIT_FIELD_NAME("obj_gid"),
	[AUDIT_FIELD_COMPARE] = NSAUDIT_FIELD_NAME("field_compare"),
	[AUDIT_FSTYPE] = NSAUDIT_FIELD_NAME("fstype"),
	[AUDIT_SADDR_FAM] = NSAUDIT_FIELD_NAME("saddr_fam"),
};

static const char *const nsaudit_unsupported_filter[] = {
	[AUDIT_FILTER_USER] = "unsupported rule filter: user",
	[AUDIT_FILTER_TASK] = "unsupported rule filter: task",
	[AUDIT_FILTER_ENTRY] = "unsupported rule filter: entry",
	[AUDIT_FILTER_WATCH] = "unsupported rule filter: watch",
	[AUDIT_FILTER_FS] = "unsupported rule filter: filesystem",
	[AUDIT_FILTER_URING_EXIT] = "unsupported rule filter: io_uring",
};

/**
 * nsaudit_rule_free() - free a rule no reader can see
 * @r: the rule, or NULL
 *
 * Context: any.
 */
void nsaudit_rule_free(struct nsaudit_rule *r)
{
	if (!r)
		return;
	kfree(r->key);
	kfree(r->exe);
	kfree(r->data);
	kfree(r);
}

/* NL_SET_ERR_MSG() for a message from a table of static strings. */
static void nsaudit_extack(struct netlink_ext_ack *extack, const char *msg)
{
	if (extack)
		extack->_msg = msg;
}

static void nsaudit_rule_free_rcu(struct rcu_head *head)
{
	nsaudit_rule_free(container_of(head, struct nsaudit_rule, rcu));
}

/* A string field's bytes from the rule's buf; NULL with an extack. */
static char *nsaudit_rule_string(const struct audit_rule_data *data,
				 u32 *used, u32 len, u32 max,
				 struct netlink_ext_ack *extack)
{
	char *s;

	if (!len || len > max) {
		NL_SET_ERR_MSG(extack, "rule string field empty or too long");
		return ERR_PTR(-EINVAL);
	}
	if (len > data->buflen - *used) {
		NL_SET_ERR_MSG(extack, "rule string field beyond the rule's buf");
		return ERR_PTR(-EINVAL);
	}
	s = kmemdup_nul(data->buf + *used, len, GFP_KERNEL);
	if (!s)
		return ERR_PTR(-ENOMEM);
	*used += len;
	return s;
}

/* Whether the field may be compared with @op (audit_field_valid()). */
static bool nsaudit_rule_op_valid(u32 type, enum nsaudit_rule_op op)
{
	switch (type) {
	case AUDIT_ARG0 ... AUDIT_ARG3:
		return true;
	case AUDIT_ARCH:
	case AUDIT_LOGINUID_SET:
	case AUDIT_EXE:
	case AUDIT_FILTERKEY:
	case NSAUDIT_RULE_FIELD_CONTID:
		return op == NSAUDIT_OP_EQ || op == NSAUDIT_OP_NE;
	default:
		return op != NSAUDIT_OP_MASK && op != NSAUDIT_OP_TEST;
	}
}

/* Check and convert one field; 0 or -errno with an extack message. */
static int nsaudit_rule_field(struct nsaudit_rule *r, int i,
			      const struct audit_rule_data *data, u32 *used,
			      struct user_namespace *ns,
			      struct netlink_ext_ack *extack)
{
	struct nsaudit_rule_field *f = &r->fields[i];
	u32 flag = data->fieldflags[i];
	char *s;
	int j;

	f->type = data->fields[i];
	f->val = data->values[i];
	for (j = 0; j < ARRAY_SIZE(nsaudit_rule_ops); j++)
		if (nsaudit_rule_ops[j].flag == flag)
			break;
	if (j == ARRAY_SIZE(nsaudit_rule_ops)) {
		NL_SET_ERR_MSG(extack, "unknown rule operator");
		return -EINVAL;
	}
	f->op = nsaudit_rule_ops[j].op;
	/* The legacy test for a set login uid (auid!=-1), as the kernel's. */
	if (f->type == AUDIT_LOGINUID && f->val == AUDIT_UID_UNSET) {
		f->type = AUDIT_LOGINUID_SET;
		f->val = 0;
	}

	if (r->listnr == AUDIT_FILTER_EXCLUDE) {
		if (f->type != AUDIT_MSGTYPE && f->type != AUDIT_FILTERKEY) {
			NL_SET_ERR_MSG(extack,
				       "the exclude filter takes the msgtype field only");
			return -EINVAL;
		}
	} else if (f->type == AUDIT_MSGTYPE) {
		NL_SET_ERR_MSG(extack,
			       "the msgtype field belongs to the exclude filter");
		return -EINVAL;
	}

	switch (f->type) {
	case AUDIT_PID:
	case AUDIT_PPID:
	case AUDIT_SESSIONID:
	case AUDIT_EXIT:
	case AUDIT_ARCH:
	case AUDIT_MSGTYPE:
	case AUDIT_ARG0 ... AUDIT_ARG3:
	case AUDIT_SUCCESS:	/* any non-zero value means success */
		break;
	case AUDIT_LOGINUID_SET:
		if (f->val > 1) {
			NL_SET_ERR_MSG(extack, "loginuid_set must be 0 or 1");
			return -EINVAL;
		}
		break;
	case AUDIT_UID:
	case AUDIT_EUID:
	case AUDIT_SUID:
	case AUDIT_FSUID:
	case AUDIT_LOGINUID:
		if (!uid_valid(make_kuid(ns, f->val))) {
			NL_SET_ERR_MSG(extack,
				       "uid not mapped in the caller's user namespace");
			return -EINVAL;
		}
		break;
	case AUDIT_GID:
	case AUDIT_EGID:
	case AUDIT_SGID:
	case AUDIT_FSGID:
		f->gid = make_kgid(ns, f->val);
		if (!gid_valid(f->gid)) {
			NL_SET_ERR_MSG(extack,
				       "gid not mapped in the caller's user namespace");
			return -EINVAL;
		}
		break;
	case AUDIT_FILTERKEY:
		if (r->key) {
			NL_SET_ERR_MSG(extack, "more than one key field");
			return -EINVAL;
		}
		s = nsaudit_rule_string(data, used, f->val, AUDIT_MAX_KEY_LEN,
					extack);
		if (IS_ERR(s))
			return PTR_ERR(s);
		r->key = s;
		break;
	case AUDIT_EXE:
		if (r->exe) {
			NL_SET_ERR_MSG(extack, "more than one exe field");
			return -EINVAL;
		}
		s = nsaudit_rule_string(data, used, f->val, PATH_MAX, extack);
		if (IS_ERR(s))
			return PTR_ERR(s);
		r->exe = s;
		break;
	case NSAUDIT_RULE_FIELD_CONTID:
		/* The u64 as 8 bytes of buf, as upstream's AUDIT_CONTID. */
		if (f->val != sizeof(f->contid)) {
			NL_SET_ERR_MSG(extack,
				       "a contid field is 8 bytes of the rule's buf");
			return -EINVAL;
		}
		if (f->val > data->buflen - *used) {
			NL_SET_ERR_MSG(extack,
				       "rule contid field beyond the rule's buf");
			return -EINVAL;
		}
		memcpy(&f->contid, data->buf + *used, sizeof(f->contid));
		*used += sizeof(f->contid);
		break;
	default:
		if (f->type < ARRAY_SIZE(nsaudit_unsupported_field) &&
		    nsaudit_unsupported_field[f->type])
			nsaudit_extack(extack,
				       nsaudit_unsupported_field[f->type]);
		else
			NL_SET_ERR_MSG(extack, "unknown rule field");
		return -EINVAL;
	}
	if (!nsaudit_rule_op_valid(f->type, f->op)) {
		NL_SET_ERR_MSG(extack, "operator not valid for this rule field");
		return -EINVAL;
	}
	return 0;
}

/*
 * The rule as listed and compared: the filter without PREPEND, the class
 * bits folded away (only "-S all" sets them, and it has every syscall
 * bit), nothing beyond field_count.
 */
static int nsaudit_rule_keep(struct nsaudit_rule *r,
			     const struct audit_rule_data *in, u32 len)
{
	struct audit_rule_data *data;
	u32 n = in->field_count;

	data = kmemdup(in, len, GFP_KERNEL);
	if (!data)
		return -ENOMEM;
	data->flags = r->listnr;
	data->mask[NSAUDIT_CLASS_WORD] &= ~NSAUDIT_CLASS_BITS;
	memset(&data->fields[n], 0, (AUDIT_MAX_FIELDS - n) * sizeof(u32));
	memset(&data->values[n], 0, (AUDIT_MAX_FIELDS - n) * sizeof(u32));
	memset(&data->fieldflags[n], 0, (AUDIT_MAX_FIELDS - n) * sizeof(u32));
	memcpy(r->mask, data->mask, sizeof(r->mask));
	r->data = data;
	r->len = len;
	return 0;
}

/**
 * nsaudit_rule_parse() - a rule from its NSAUDIT_A_RULE payload
 * @buf: struct audit_rule_data and its buf
 * @len: their length
 * @ns: the user namespace whose view the values are in
 * @prepend: set to whether the rule goes first
 * @extack: for the reason of a refusal
 *
 * Context: process; allocates with GFP_KERNEL.
 *
 * Return: the rule, or an ERR_PTR (-EINVAL with an extack message).
 */
struct nsaudit_rule *nsaudit_rule_parse(const void *buf, u32 len,
					struct user_namespace *ns,
					bool *prepend,
					struct netlink_ext_ack *extack)
{
	const struct audit_rule_data *data = buf;
	struct nsaudit_rule *r;
	u32 listnr, used = 0;
	int i, err;

	if (len < sizeof(*data) || len - sizeof(*data) != data->buflen) {
		NL_SET_ERR_MSG(extack,
			       "rule length is not sizeof(struct audit_rule_data) + buflen");
		return ERR_PTR(-EINVAL);
	}
	listnr = data->flags & ~AUDIT_FILTER_PREPEND;
	if (listnr != AUDIT_FILTER_EXIT && listnr != AUDIT_FILTER_EXCLUDE) {
		if (listnr < ARRAY_SIZE(nsaudit_unsupported_filter) &&
		    nsaudit_unsupported_filter[listnr])
			nsaudit_extack(extack, nsaudit_unsupported_filter[listnr]);
		else
			NL_SET_ERR_MSG(extack, "unknown rule filter");
		return ERR_PTR(-EINVAL);
	}
	if (data->action != AUDIT_NEVER && data->action != AUDIT_ALWAYS) {
		NL_SET_ERR_MSG(extack, "rule action is neither never nor always");
		return ERR_PTR(-EINVAL);
	}
	if (data->field_count > AUDIT_MAX_FIELDS) {
		NL_SET_ERR_MSG(extack, "more than 64 rule fields");
		return ERR_PTR(-EINVAL);
	}

	r = kzalloc(struct_size(r, fields, data->field_count), GFP_KERNEL);
	if (!r)
		return ERR_PTR(-ENOMEM);
	r->listnr = listnr;
	r->action = data->action;
	r->field_count = data->field_count;
	for (i = 0; i < data->field_count; i++) {
		err = nsaudit_rule_field(r, i, data, &used, ns, extack);
		if (err)
			goto err;
	}
	if (used != data->buflen) {
		NL_SET_ERR_MSG(extack, "rule buf longer than its string fields");
		err = -EINVAL;
		goto err;
	}
	err = nsaudit_rule_keep(r, data, len);
	if (err)
		goto err;
	*prepend = data->flags & AUDIT_FILTER_PREPEND;
	return r;

err:
	nsaudit_rule_free(r);
	return ERR_PTR(err);
}

/* The same rule, as the kernel's audit_compare_rule() would say. */
static bool nsaudit_rule_same(const struct nsaudit_rule *a,
			      const struct nsaudit_rule *b)
{
	return a->len == b->len && !memcmp(a->data, b->data, a->len);
}

/* A new rulespace: @rs without rule @skip (-1: none), @r added if set. */
static struct nsaudit_ruleset *
nsaudit_ruleset_make(const struct nsaudit_ruleset *rs, int skip,
		     struct nsaudit_rule *r, bool prepend)
{
	u32 count = rs ? rs->count : 0, n = 0, i, at = U32_MAX;
	struct nsaudit_ruleset *new;

	new = kzalloc(struct_size(new, rule, count + 1), GFP_KERNEL);
	if (!new)
		return NULL;
	/* Exit rules first, then exclude rules: the order they are listed. */
	if (r) {
		if (r->listnr == AUDIT_FILTER_EXIT)
			at = prepend ? 0 : (rs ? rs->exit_count : 0);
		else
			at = prepend ? (rs ? rs->exit_count : 0) : count;
	}
	for (i = 0; i <= count; i++) {
		if (i == at)
			new->rule[n++] = r;
		if (i < count && i != skip)
			new->rule[n++] = rs->rule[i];
	}
	new->count = n;
	for (i = 0; i < n; i++) {
		if (new->rule[i]->listnr != AUDIT_FILTER_EXIT)
			continue;
		new->exit_count++;
		bitmap_or((unsigned long *)new->mask,
			  (unsigned long *)new->mask,
			  (unsigned long *)new->rule[i]->mask,
			  AUDIT_BITMASK_SIZE * 32);
	}
	return new;
}

/*
 * Publish @new as @d's rules. The first namespace with an exit rule arms
 * the syscall exit probe, which may fail; taking rules away cannot. The
 * old set goes after a grace period, or to @keep, if given, for the
 * caller to free its rules first.
 */
static int nsaudit_ruleset_swap_keep(struct nsaudit_daemon *d,
				     struct nsaudit_ruleset *new,
				     struct nsaudit_ruleset **keep)
{
	struct nsaudit_ruleset *old = nsaudit_rules_deref(d);
	bool had = old && old->exit_count, has = new && new->exit_count;
	int err;

	if (has && !had) {
		err = nsaudit_sysexit_arm(d->user_ns, true);
		if (err)
			return err;
	}
	rcu_assign_pointer(d->rules, new);
	WRITE_ONCE(nsaudit_rules_generation, nsaudit_rules_generation + 1);
	if (had && !has)
		nsaudit_sysexit_arm(d->user_ns, false);
	if (keep)
		*keep = old;
	else if (old)
		kfree_rcu(old, rcu);
	return 0;
}

static int nsaudit_ruleset_swap(struct nsaudit_daemon *d,
				struct nsaudit_ruleset *new)
{
	return nsaudit_ruleset_swap_keep(d, new, NULL);
}

static int nsaudit_rules_find(const struct nsaudit_ruleset *rs,
			      const struct nsaudit_rule *r)
{
	u32 i;

	for (i = 0; rs && i < rs->count; i++)
		if (nsaudit_rule_same(rs->rule[i], r))
			return i;
	return -1;
}

/**
 * nsaudit_rules_add() - add a rule to a daemon's rulespace
 * @d: the daemon, under nsaudit_daemons_lock
 * @r: the rule; owned by the rulespace on success
 * @prepend: first instead of last in its filter
 * @extack: for the reason of a refusal
 *
 * Context: process, under nsaudit_daemons_lock.
 *
 * Return: 0, -EEXIST, -ENOSPC, -ENOMEM or the tracepoint's error.
 */
int nsaudit_rules_add(struct nsaudit_daemon *d, struct nsaudit_rule *r,
		      bool prepend, struct netlink_ext_ack *extack)
{
	struct nsaudit_ruleset *rs = nsaudit_rules_deref(d);
	struct nsaudit_ruleset *new;
	struct nsaudit_config cfg;
	int err;

	if (nsaudit_rules_find(rs, r) >= 0) {
		NL_SET_ERR_MSG(extack, "the same rule exists already");
		return -EEXIST;
	}
	nsaudit_config_read(&cfg);
	if ((rs ? rs->count : 0) >= cfg.limits.rules) {
		NL_SET_ERR_MSG(extack,
			       "the host's limit of rules per namespace is reached");
		return -ENOSPC;
	}
	new = nsaudit_ruleset_make(rs, -1, r, prepend);
	if (!new)
		return -ENOMEM;
	err = nsaudit_ruleset_swap(d, new);
	if (err) {
		NL_SET_ERR_MSG(extack,
			       "the kernel refused the sys_exit tracepoint probe");
		kfree(new);
	}
	return err;
}

/**
 * nsaudit_rules_del() - delete the rule equal to @r
 * @d: the daemon, under nsaudit_daemons_lock
 * @r: the rule to find (the caller frees it)
 * @extack: for the reason of a refusal
 *
 * Context: process, under nsaudit_daemons_lock.
 *
 * Return: 0, -ENOENT or -ENOMEM.
 */
int nsaudit_rules_del(struct nsaudit_daemon *d, const struct nsaudit_rule *r,
		      struct netlink_ext_ack *extack)
{
	struct nsaudit_ruleset *rs = nsaudit_rules_deref(d);
	struct nsaudit_ruleset *new = NULL;
	struct nsaudit_rule *gone;
	int i;

	i = nsaudit_rules_find(rs, r);
	if (i < 0) {
		NL_SET_ERR_MSG(extack, "no such rule");
		return -ENOENT;
	}
	gone = rs->rule[i];
	if (rs->count > 1) {
		new = nsaudit_ruleset_make(rs, i, NULL, false);
		if (!new)
			return -ENOMEM;
	}
	nsaudit_ruleset_swap(d, new);
	call_rcu(&gone->rcu, nsaudit_rule_free_rcu);
	return 0;
}

/**
 * nsaudit_rules_clear() - delete every rule of a daemon
 * @d: the daemon, under nsaudit_daemons_lock
 *
 * Also how a daemon's rules go with its registration: the rules are freed
 * after a grace period (module exit waits for it with rcu_barrier()).
 *
 * Context: process, under nsaudit_daemons_lock.
 */
void nsaudit_rules_clear(struct nsaudit_daemon *d)
{
	struct nsaudit_ruleset *rs;
	u32 i;

	/*
	 * Unpublished first: a grace period that starts before then would
	 * not wait for a reader that finds the rules after it (KASAN saw a
	 * task work read a rule freed so, on a module unload).
	 */
	nsaudit_ruleset_swap_keep(d, NULL, &rs);
	if (!rs)
		return;
	for (i = 0; i < rs->count; i++)
		call_rcu(&rs->rule[i]->rcu, nsaudit_rule_free_rcu);
	kfree_rcu(rs, rcu);
}

/**
 * nsaudit_rule_put() - one rule of a rulespace as an NSAUDIT_A_RULE
 * @skb: a LIST_RULES message
 * @rs: the rulespace (under RCU)
 * @i: the rule's index
 *
 * Context: any; no allocation beyond @skb's tailroom.
 *
 * Return: 0, 1 if there is no rule @i, or -EMSGSIZE.
 */
int nsaudit_rule_put(struct sk_buff *skb, const struct nsaudit_ruleset *rs,
		     u32 i)
{
	if (!rs || i >= rs->count)
		return 1;
	return nla_put(skb, NSAUDIT_A_RULE, rs->rule[i]->len,
		       rs->rule[i]->data);
}

/* audit_comparator(), for the module's own operator numbers. */
bool nsaudit_rule_compare(u32 left, enum nsaudit_rule_op op, u32 right)
{
	switch (op) {
	case NSAUDIT_OP_EQ:
		return left == right;
	case NSAUDIT_OP_NE:
		return left != right;
	case NSAUDIT_OP_LT:
		return left < right;
	case NSAUDIT_OP_LE:
		return left <= right;
	case NSAUDIT_OP_GT:
		return left > right;
	case NSAUDIT_OP_GE:
		return left >= right;
	case NSAUDIT_OP_MASK:
		return left & right;
	case NSAUDIT_OP_TEST:
		return (left & right) == right;
	}
	return false;
}

/**
 * nsaudit_rules_excluded() - whether @d's exclude filter drops a record
 * @d: the daemon (under RCU)
 * @type: the record's type
 *
 * As the kernel's exclude filter: the first rule whose fields all match
 * drops the record, whatever its action.
 *
 * Context: any, inside an RCU read-side section; no lock, no allocation.
 *
 * Return: true to drop the record.
 */
bool nsaudit_rules_excluded(const struct nsaudit_daemon *d, u16 type)
{
	const struct nsaudit_ruleset *rs = rcu_dereference(d->rules);
	const struct nsaudit_rule *r;
	u32 i, j;

	for (i = rs ? rs->exit_count : 0; rs && i < rs->count; i++) {
		r = rs->rule[i];
		for (j = 0; j < r->field_count; j++)
			if (r->fields[j].type == AUDIT_MSGTYPE &&
			    !nsaudit_rule_compare(type, r->fields[j].op,
						  r->fields[j].val))
				break;
		if (j == r->field_count)
			return true;
	}
	return false;
}

/**
 * nsaudit_rules_generation_now() - the current generation of all rulespaces
 *
 * Context: under nsaudit_daemons_lock or RCU (a torn read only makes a
 * dump say it was torn).
 *
 * Return: a number that changes with every change of any rulespace.
 */
unsigned int nsaudit_rules_generation_now(void)
{
	return READ_ONCE(nsaudit_rules_generation);
}
