// SPDX-License-Identifier: GPL-2.0
/*
 * One auditctl command line into a struct audit_rule_data, built with
 * libaudit the way auditctl builds it, so that a rule means for nsaudit
 * exactly what it would mean for the host's auditctl: same syscall
 * tables, same value encodings (uid names, errno names, message types),
 * same bytes. On top of that, everything nsaudit does not support is
 * refused here, before any request, with a message naming it.
 */
#define _GNU_SOURCE	/* strdup() */

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libaudit.h>
#include <linux/nsaudit.h>

#include "rule.h"

/*
 * libaudit's rule-building state: exported by libaudit.so but declared
 * only in its private header. auditctl resets them before every rule;
 * so do we.
 */
extern unsigned int _audit_elf;
extern int _audit_syscalladded, _audit_permadded, _audit_archadded,
	   _audit_exeadded, _audit_filterfsadded;

/* Longest piece of an argument quoted back in a message. */
#define QUOTE_MAX	40

/* The field names libaudit 3.0.9 lacks; see rule_print(). */
#define LOGINUID_SET_NAME	"loginuid_set"
#define CONTID_NAME		"contid"

struct builder {
	struct audit_rule_data *rule;
	enum rule_op op;
	int filter;		/* AUDIT_FILTER_*, or -1 before -a/-d */
	int action;
	bool prepend;
	bool syscall;		/* -S given */
	bool exe;		/* -F exe given */
	char keys[AUDIT_MAX_KEY_LEN + 1];
	char *note;		/* struct rule_cmd's, RULE_ERR_MAX bytes */
	char *err;
	size_t size;
};

__attribute__((format(printf, 2, 3)))
static int fail(struct builder *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(b->err, b->size, fmt, ap);
	va_end(ap);
	return -1;
}

/* @s shortened, control characters replaced: safe in a one-line message. */
static const char *quote(char buf[QUOTE_MAX + 4], const char *s)
{
	size_t n;

	for (n = 0; s[n] && n < QUOTE_MAX; n++) {
		unsigned char c = (unsigned char)s[n];

		buf[n] = (c < 0x20 || c == 0x7f) ? '?' : (char)c;
	}
	if (s[n]) {
		memcpy(buf + n, "...", 3);
		n += 3;
	}
	buf[n] = '\0';
	return buf;
}

static void reset_libaudit(void)
{
	_audit_elf = 0;
	_audit_syscalladded = 0;
	_audit_permadded = 0;
	_audit_archadded = 0;
	_audit_exeadded = 0;
	_audit_filterfsadded = 0;
}

/* Options with a value, as auditctl's getopt string has them. */
static bool takes_value(char c)
{
	return strchr("aAdSFkbefrRCwWpmq", c) != NULL;
}

bool rule_is_option(const char *arg)
{
	if (!strcmp(arg, "--backlog_wait_time") ||
	    !strcmp(arg, "--loginuid-immutable"))
		return true;
	return arg[0] == '-' && arg[1] && arg[1] != '-' &&
	       strchr("aAdDlSFkbfrRCwWpmqtic", arg[1]) &&
	       (takes_value(arg[1]) || !arg[2]);
}

/* "LIST,ACTION" or "ACTION,LIST", as auditctl takes both. */
static int set_list(struct builder *b, char opt, const char *s)
{
	char q[QUOTE_MAX + 4], word[2][32];
	const char *comma = strchr(s, ',');
	int i, filter = -1, action = -1;
	size_t n;

	if (b->op != RULE_OP_NONE)
		return fail(b, "-%c: only one rule can be added or deleted at a time",
			    opt);
	if (!comma || strchr(comma + 1, ',') ||
	    (size_t)(comma - s) >= sizeof(word[0]) ||
	    strlen(comma + 1) >= sizeof(word[1]))
		goto bad;
	n = (size_t)(comma - s);
	memcpy(word[0], s, n);
	word[0][n] = '\0';
	strcpy(word[1], comma + 1);

	for (i = 0; i < 2; i++) {
		if (!strcmp(word[i], "always") || !strcmp(word[i], "never")) {
			if (action >= 0)
				goto bad;
			action = word[i][0] == 'a' ? AUDIT_ALWAYS : AUDIT_NEVER;
		} else if (!strcmp(word[i], "possible")) {
			return fail(b, "-%c: action 'possible' is deprecated and not supported",
				    opt);
		} else {
			int f = audit_name_to_flag(word[i]);

			if (f < 0 || filter >= 0)
				goto bad;
			filter = f;
		}
	}
	if (filter < 0 || action < 0)
		goto bad;
	if (filter != AUDIT_FILTER_EXIT && filter != AUDIT_FILTER_EXCLUDE)
		return fail(b, "-%c: list '%s' is not supported by nsaudit rules (only exit and exclude)",
			    opt, audit_flag_to_name(filter));
	b->op = opt == 'd' ? RULE_OP_DEL : RULE_OP_ADD;
	b->prepend = opt == 'A';
	b->filter = filter;
	b->action = action;
	return 0;
bad:
	return fail(b, "-%c '%s': expected LIST,ACTION (exit or exclude, always or never)",
		    opt, quote(q, s));
}

static int need_list(struct builder *b, char opt)
{
	if (b->op == RULE_OP_ADD || b->op == RULE_OP_DEL)
		return 0;
	return fail(b, "-%c: give -a, -A or -d first", opt);
}

/* auditctl's warning: without an arch, a 32-bit task's syscall differs. */
static void check_mismatch(struct builder *b, const char *list)
{
	struct audit_rule_data tmp;
	unsigned int elf = _audit_elf;
	char *copy, *name, *save;

	if (elf == AUDIT_ARCH_X86_64)
		_audit_elf = AUDIT_ARCH_I386;
	else if (elf == AUDIT_ARCH_PPC64)
		_audit_elf = AUDIT_ARCH_PPC;
	else if (elf == AUDIT_ARCH_S390X)
		_audit_elf = AUDIT_ARCH_S390;
	copy = strdup(list);
	if (!copy)
		goto out;
	memset(&tmp, 0, sizeof(tmp));
	for (name = strtok_r(copy, ",", &save); name;
	     name = strtok_r(NULL, ",", &save))
		audit_rule_syscallbyname_data(&tmp, name);
	if (memcmp(tmp.mask, b->rule->mask, sizeof(tmp.mask)))
		snprintf(b->note, RULE_ERR_MAX,
			 "WARNING - 32/64 bit syscall mismatch, you should specify an arch");
	free(copy);
out:
	_audit_elf = elf;
}

static int add_syscalls(struct builder *b, const char *list)
{
	char q[QUOTE_MAX + 4];
	char *copy, *name, *save;
	bool any = false, guessed = !_audit_elf;
	int rc = 0;

	if (need_list(b, 'S'))
		return -1;
	if (b->filter == AUDIT_FILTER_EXCLUDE)
		return fail(b, "-S: syscalls cannot be put on the exclude list");
	if (guessed) {
		/* auditctl: the machine's own table, and a warning. */
		_audit_elf = audit_machine_to_elf(audit_detect_machine());
		if (!_audit_elf)
			return fail(b, "-S: cannot detect this machine's architecture");
	}
	copy = strdup(list);
	if (!copy)
		return fail(b, "out of memory");
	for (name = strtok_r(copy, ",", &save); name && !rc;
	     name = strtok_r(NULL, ",", &save)) {
		any = true;
		rc = audit_rule_syscallbyname_data(b->rule, name);
		if (rc == -1)
			fail(b, "-S: syscall '%s' is unknown", quote(q, name));
		else if (rc)
			fail(b, "-S: no syscall table for arch 0x%x", _audit_elf);
	}
	free(copy);
	if (rc)
		return -1;
	if (!any)
		return fail(b, "-S: expected a syscall name or number");
	b->syscall = true;
	_audit_syscalladded = 1;
	if (guessed && b->op == RULE_OP_ADD)
		check_mismatch(b, list);
	return 0;
}

/* A key, from -k K or -F key=K: joined to the others, added at the end. */
static int add_key(struct builder *b, const char *key)
{
	char q[QUOTE_MAX + 4];
	size_t have = strlen(b->keys);

	if (!*key)
		return fail(b, "empty key");
	if (strchr(key, AUDIT_KEY_SEPARATOR))
		return fail(b, "key '%s' contains the separator byte 0x%02x",
			    quote(q, key), AUDIT_KEY_SEPARATOR);
	if (have + !!have + strlen(key) > AUDIT_MAX_KEY_LEN)
		return fail(b, "key '%s': the keys of a rule exceed %d bytes together",
			    quote(q, key), AUDIT_MAX_KEY_LEN);
	if (have)
		b->keys[have++] = AUDIT_KEY_SEPARATOR;
	strcpy(b->keys + have, key);
	return 0;
}

/* The operator at the start of @s, as libaudit spells them, and its length. */
static int parse_op(const char *s, size_t *n)
{
	static const struct {
		const char *sym;
		int op;
	} ops[] = {
		/* Two-character ones first: "<=" is not "<" then "=". */
		{ "!=", AUDIT_NOT_EQUAL },
		{ "<=", AUDIT_LESS_THAN_OR_EQUAL },
		{ ">=", AUDIT_GREATER_THAN_OR_EQUAL },
		{ "&=", AUDIT_BIT_TEST },
		{ "=", AUDIT_EQUAL },
		{ "<", AUDIT_LESS_THAN },
		{ ">", AUDIT_GREATER_THAN },
		{ "&", AUDIT_BIT_MASK },
	};
	size_t i;

	for (i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
		*n = strlen(ops[i].sym);
		if (!strncmp(s, ops[i].sym, *n))
			return ops[i].op;
	}
	return -1;
}

/* Which fields nsaudit evaluates on the exit list. */
static bool exit_field(int field)
{
	switch (field) {
	case AUDIT_PID:
	case AUDIT_PPID:
	case AUDIT_UID:
	case AUDIT_EUID:
	case AUDIT_SUID:
	case AUDIT_FSUID:
	case AUDIT_GID:
	case AUDIT_EGID:
	case AUDIT_SGID:
	case AUDIT_FSGID:
	case AUDIT_LOGINUID:
	case AUDIT_LOGINUID_SET:
	case AUDIT_SESSIONID:
	case AUDIT_SUCCESS:
	case AUDIT_EXIT:
	case AUDIT_ARG0:
	case AUDIT_ARG1:
	case AUDIT_ARG2:
	case AUDIT_ARG3:
	case AUDIT_EXE:
	case AUDIT_ARCH:
	case NSAUDIT_RULE_FIELD_CONTID:
		return true;
	}
	return false;
}

/*
 * sessionid and exe, built here as libaudit 3.0.9 builds them (the same
 * bytes), because libaudit first asks the kernel's audit whether it
 * supports them (AUDIT_GET's feature bitmap) and refuses them when it
 * cannot ask. From any user namespace but the initial one it never can:
 * the kernel refuses NETLINK_AUDIT there, so a container's nsauditctl and
 * nsauditd would refuse every sessionid and exe rule ("libaudit error
 * -30"), although whether nsaudit supports them is the module's business,
 * not the host audit's. @value: what follows the operator, not empty.
 */
static int add_sessionid(struct builder *b, int op, const char *value,
			 const char *pair)
{
	struct audit_rule_data *r = b->rule;
	char q[QUOTE_MAX + 4];
	uint32_t v;

	/* libaudit's reading (and its silent 0 for anything else: refused). */
	if (isdigit((unsigned char)value[0]))
		v = (uint32_t)strtoul(value, NULL, 0);
	else if (value[0] == '-' && isdigit((unsigned char)value[1]))
		v = (uint32_t)strtol(value, NULL, 0);
	else if (!strcmp(value, "unset"))
		v = 4294967295U;
	else
		return fail(b, "-F '%s': value is not a number", quote(q, pair));
	if (r->field_count >= AUDIT_MAX_FIELDS)
		return fail(b, "-F: more than %d fields", AUDIT_MAX_FIELDS);
	r->fields[r->field_count] = AUDIT_SESSIONID;
	r->fieldflags[r->field_count] = (uint32_t)op;
	r->values[r->field_count] = v;
	r->field_count++;
	return 0;
}

static int add_exe(struct builder *b, int op, const char *value,
		   const char *pair)
{
	struct audit_rule_data *r = b->rule;
	char q[QUOTE_MAX + 4];
	size_t len = strlen(value);

	if (len > PATH_MAX)
		return fail(b, "-F '%s': value too long", quote(q, pair));
	if (r->field_count >= AUDIT_MAX_FIELDS)
		return fail(b, "-F: more than %d fields", AUDIT_MAX_FIELDS);
	r = realloc(r, sizeof(*r) + r->buflen + len);
	if (!r)
		return fail(b, "out of memory");
	b->rule = r;
	memcpy(r->buf + r->buflen, value, len);
	r->buflen += (uint32_t)len;
	r->fields[r->field_count] = AUDIT_EXE;
	r->fieldflags[r->field_count] = (uint32_t)op;
	r->values[r->field_count] = (uint32_t)len;
	r->field_count++;
	b->exe = true;
	_audit_exeadded = 1;
	return 0;
}

/* libaudit's refusals of a field pair, in our words. */
static int fieldpair_error(struct builder *b, int rc, const char *pair,
			   const char *name)
{
	char q[QUOTE_MAX + 4];

	quote(q, pair);
	switch (rc) {
	case -3:
		return fail(b, "-F arch must come before -S");
	case -4:
	case -5:
	case -6:
		return fail(b, "-F '%s': unknown architecture", q);
	case -8:
		return fail(b, "-F '%s': unknown message type", q);
	case -11:
		return fail(b, "-F '%s': value too long", q);
	case -15:
		return fail(b, "-F '%s': unknown errno name", q);
	case -19:
		return fail(b, "a key needs -S or -F exe before it");
	case -20:
		return fail(b, "-F '%s': missing value", q);
	case -21:
		return fail(b, "-F '%s': value is not a number", q);
	default:
		return fail(b, "-F '%s': invalid %s value (libaudit error %d)",
			    q, name, rc);
	}
}

/* loginuid_set, which libaudit 3.0.9 has no name for: 0 or 1. */
static int add_loginuid_set(struct builder *b, int op, const char *value,
			    const char *pair)
{
	struct audit_rule_data *r = b->rule;
	char q[QUOTE_MAX + 4];

	if (strcmp(value, "0") && strcmp(value, "1"))
		return fail(b, "-F '%s': loginuid_set is 0 or 1",
			    quote(q, pair));
	if (r->field_count >= AUDIT_MAX_FIELDS)
		return fail(b, "-F: more than %d fields", AUDIT_MAX_FIELDS);
	r->fields[r->field_count] = AUDIT_LOGINUID_SET;
	r->fieldflags[r->field_count] = (uint32_t)op;
	r->values[r->field_count] = value[0] == '1';
	r->field_count++;
	return 0;
}

/*
 * contid, the audit container ID (interface 1.3), which libaudit 3.0.9
 * has no name for: built as upstream's proposed AUDIT_CONTID, a byte
 * field (see NSAUDIT_RULE_FIELD_CONTID): value 8, the u64 in host byte
 * order appended to buf, so that a later exe or the keys land after it.
 * N is read as nsauditctl's contid set reads an ID, decimal digits only
 * (a leading zero is not octal), so that the same text means the same ID
 * in both; "-1" is NSAUDIT_CONTID_UNSET, as records and contid get print
 * it: "contid!=-1" is a useful rule ("has an ID").
 */
static int add_contid(struct builder *b, int op, const char *value,
		      const char *pair)
{
	struct audit_rule_data *r = b->rule;
	char q[QUOTE_MAX + 4];
	uint64_t id = 0;
	const char *p;

	quote(q, pair);
	if (!strcmp(value, "-1")) {
		id = NSAUDIT_CONTID_UNSET;
	} else {
		for (p = value; *p; p++)
			if (*p < '0' || *p > '9')
				return fail(b, "-F '%s': contid is a decimal number from 0 to %" PRIu64 ", or -1 for none",
					    q, UINT64_MAX);
		for (p = value; *p; p++) {
			unsigned int d = (unsigned int)(*p - '0');

			if (id > (UINT64_MAX - d) / 10)
				return fail(b, "-F '%s': contid is out of range 0 to %" PRIu64,
					    q, UINT64_MAX);
			id = id * 10 + d;
		}
	}
	if (r->field_count >= AUDIT_MAX_FIELDS)
		return fail(b, "-F: more than %d fields", AUDIT_MAX_FIELDS);
	r = realloc(r, sizeof(*r) + r->buflen + sizeof(id));
	if (!r)
		return fail(b, "out of memory");
	b->rule = r;
	memcpy(r->buf + r->buflen, &id, sizeof(id));
	r->buflen += (uint32_t)sizeof(id);
	r->fields[r->field_count] = NSAUDIT_RULE_FIELD_CONTID;
	r->fieldflags[r->field_count] = (uint32_t)op;
	r->values[r->field_count] = (uint32_t)sizeof(id);
	r->field_count++;
	return 0;
}

static int add_field(struct builder *b, const char *pair)
{
	char q[QUOTE_MAX + 4], name[32];
	size_t n = strcspn(pair, "=!<>&"), oplen;
	int field, op, rc;
	char *copy;

	if (need_list(b, 'F'))
		return -1;
	quote(q, pair);
	if (!strncmp(pair, "key=", 4))
		return add_key(b, pair + 4);
	if (!n)
		return fail(b, "-F '%s': missing field name", q);
	if (n >= sizeof(name))
		return fail(b, "-F '%s': unknown field", q);
	memcpy(name, pair, n);
	name[n] = '\0';
	op = parse_op(pair + n, &oplen);
	if (op < 0)
		return fail(b, "-F '%s': expected an operator (= != < > <= >= & &=)",
			    q);
	if (!strcmp(name, LOGINUID_SET_NAME))
		field = AUDIT_LOGINUID_SET;
	else if (!strcmp(name, CONTID_NAME))
		field = NSAUDIT_RULE_FIELD_CONTID;
	else
		field = audit_name_to_field(name);
	if (field < 0 || field == AUDIT_FILTERKEY)
		return fail(b, "-F '%s': unknown field '%s'", q, name);

	if (b->filter == AUDIT_FILTER_EXCLUDE && field != AUDIT_MSGTYPE)
		return fail(b, "field '%s' is not supported on the exclude list (only msgtype)",
			    name);
	if (b->filter == AUDIT_FILTER_EXIT && field == AUDIT_MSGTYPE)
		return fail(b, "field 'msgtype' is only supported on the exclude list");
	if (b->filter == AUDIT_FILTER_EXIT && !exit_field(field))
		return fail(b, "field '%s' is not supported by nsaudit rules",
			    name);

	/* The kernel's audit_field_valid(), before any request. */
	if (field == NSAUDIT_RULE_FIELD_CONTID &&
	    op != AUDIT_EQUAL && op != AUDIT_NOT_EQUAL)
		return fail(b, "field 'contid' takes only = or != (a container ID is a name, not a quantity)");
	if ((field == AUDIT_ARCH || field == AUDIT_EXE ||
	     field == AUDIT_LOGINUID_SET) &&
	    op != AUDIT_EQUAL && op != AUDIT_NOT_EQUAL)
		return fail(b, "field '%s' takes only = or !=", name);
	if ((op == AUDIT_BIT_MASK || op == AUDIT_BIT_TEST) &&
	    (field < AUDIT_ARG0 || field > AUDIT_ARG3))
		return fail(b, "operator '%.*s' is only supported on a0 to a3",
			    (int)oplen, pair + n);
	if (!pair[n + oplen])
		return fail(b, "-F '%s': missing value", q);

	if (field == AUDIT_LOGINUID_SET)
		return add_loginuid_set(b, op, pair + n + oplen, pair);
	if (field == AUDIT_SESSIONID)
		return add_sessionid(b, op, pair + n + oplen, pair);
	if (field == AUDIT_EXE)
		return add_exe(b, op, pair + n + oplen, pair);
	if (field == NSAUDIT_RULE_FIELD_CONTID)
		return add_contid(b, op, pair + n + oplen, pair);
	if (b->rule->field_count >= AUDIT_MAX_FIELDS)
		return fail(b, "-F: more than %d fields", AUDIT_MAX_FIELDS);

	/* libaudit writes into the pair; @pair is the caller's argv. */
	copy = strdup(pair);
	if (!copy)
		return fail(b, "out of memory");
	rc = audit_rule_fieldpair_data(&b->rule, copy, b->filter);
	free(copy);
	if (rc)
		return fieldpair_error(b, rc, pair, name);
	return 0;
}

/* The host's own settings: meaningless for a namespace's rules. */
static const char *ignored_note(const char *opt)
{
	static const struct {
		const char *opt, *note;
	} notes[] = {
		{ "-b", "-b ignored: the backlog is the host's (see nsauditctl set backlog)" },
		{ "-e", "-e ignored: nsaudit rules have no enable flag or immutable mode" },
		{ "-f", "-f ignored: the failure mode is the host's" },
		{ "-r", "-r ignored: the rate limit is the host's" },
		{ "--backlog_wait_time", "--backlog_wait_time ignored: it is the host's" },
		{ "--loginuid-immutable", "--loginuid-immutable ignored: it is the host's" },
	};
	size_t i;

	for (i = 0; i < sizeof(notes) / sizeof(notes[0]); i++)
		if (!strcmp(opt, notes[i].opt))
			return notes[i].note;
	return NULL;
}

/* Options nsaudit refuses, and why. */
static const char *refusal(char c)
{
	switch (c) {
	case 'w':
	case 'W':
		return "file watches are not supported by nsaudit rules";
	case 'p':
		return "watch permissions are not supported by nsaudit rules";
	case 'C':
		return "field comparisons are not supported by nsaudit rules";
	case 'R':
		return "rules files cannot be nested";
	case 'l':
		return "-l lists the rules; it takes no other options";
	case 'D':
		return "-D deletes all rules; it takes no other options";
	}
	return "not supported by nsaudit rules";
}

/* Whole-line commands: -D, -l and the ignored host settings. */
static int whole_line(struct builder *b, int argc, char *const argv[],
		      struct rule_cmd *cmd)
{
	const char *a = argv[0], *note = NULL;
	char q[QUOTE_MAX + 4];
	int want = 1;

	if (!strcmp(a, "-D")) {
		cmd->op = RULE_OP_DELETE_ALL;
	} else if (!strcmp(a, "-l")) {
		cmd->op = RULE_OP_LIST;
	} else if (a[0] == '-' && a[1] && (a[2] == '\0' || a[1] == '-') &&
		   (note = ignored_note(a))) {
		want = strcmp(a, "--loginuid-immutable") ? 2 : 1;
		if (argc < want)
			return fail(b, "%s: missing value", a);
		cmd->op = RULE_OP_IGNORED;
		snprintf(cmd->note, sizeof(cmd->note), "%s", note);
	} else {
		return 1;
	}
	if (argc > want) {
		cmd->op = RULE_OP_NONE;
		cmd->note[0] = '\0';
		return fail(b, "%s: unexpected '%s' after it", a,
			    quote(q, argv[want]));
	}
	return 0;
}

/* At the end: the keys, every syscall by default, flags and action. */
static int finish(struct builder *b, struct rule_cmd *cmd)
{
	struct audit_rule_data *r;
	char *pair;
	int rc;

	if (b->op == RULE_OP_NONE)
		return fail(b, "no rule given: expected -a, -A or -d");
	if (b->keys[0]) {
		if (asprintf(&pair, "key=%s", b->keys) < 0)
			return fail(b, "out of memory");
		rc = audit_rule_fieldpair_data(&b->rule, pair, b->filter);
		free(pair);
		if (rc)
			return fieldpair_error(b, rc, "key", "key");
	}
	/* auditctl: a rule on any list but task covers every syscall. */
	if (!b->syscall)
		audit_rule_syscallbyname_data(b->rule, "all");

	r = b->rule;
	r->flags = (uint32_t)b->filter |
		   (b->prepend ? AUDIT_FILTER_PREPEND : 0);
	r->action = (uint32_t)b->action;
	cmd->len = sizeof(*r) + r->buflen;
	if (cmd->len > NSAUDIT_RULE_MAX)
		return fail(b, "rule of %zu bytes exceeds the %d bytes nsaudit takes",
			    cmd->len, NSAUDIT_RULE_MAX);
	cmd->op = b->op;
	cmd->rule = r;
	b->rule = NULL;
	return 0;
}

int rule_parse(int argc, char *const argv[], struct rule_cmd *cmd, char *err,
	       size_t size)
{
	struct builder b = {
		.filter = -1, .action = -1, .err = err, .size = size,
	};
	char q[QUOTE_MAX + 4];
	int i, rc = -1;

	memset(cmd, 0, sizeof(*cmd));
	if (err && size)
		err[0] = '\0';
	if (argc < 1)
		return fail(&b, "no rule given");
	rc = whole_line(&b, argc, argv, cmd);
	if (rc <= 0)
		return rc;

	reset_libaudit();
	b.rule = audit_rule_create_data();
	if (!b.rule)
		return fail(&b, "out of memory");
	b.note = cmd->note;
	for (i = 0; i < argc; i++) {
		const char *a = argv[i], *val;
		char c = a[1];

		if (a[0] != '-' || !c || !rule_is_option(a) ||
		    ignored_note(a) || !strcmp(a, "-D") || !strcmp(a, "-l")) {
			if (a[0] != '-')
				rc = fail(&b, "unexpected argument '%s'",
					  quote(q, a));
			else if (rule_is_option(a))
				rc = fail(&b, "option '%s': %s", quote(q, a),
					  refusal(c));
			else
				rc = fail(&b, "unknown option '%s'",
					  quote(q, a));
			goto out;
		}
		if (a[2]) {
			val = a + 2;
		} else if (i + 1 < argc) {
			val = argv[++i];
		} else {
			rc = fail(&b, "option '-%c' needs a value", c);
			goto out;
		}
		switch (c) {
		case 'a':
		case 'A':
		case 'd':
			rc = set_list(&b, c, val);
			break;
		case 'S':
			rc = add_syscalls(&b, val);
			break;
		case 'F':
			rc = add_field(&b, val);
			break;
		case 'k':
			rc = need_list(&b, 'k');
			if (!rc && !b.syscall && !b.exe)
				rc = fail(&b, "-k: a key needs -S or -F exe before it");
			if (!rc)
				rc = add_key(&b, val);
			break;
		default:
			rc = fail(&b, "option '-%c': %s", c, refusal(c));
		}
		if (rc)
			goto out;
	}
	rc = finish(&b, cmd);
out:
	if (rc) {
		cmd->op = RULE_OP_NONE;
		cmd->note[0] = '\0';
	}
	audit_rule_free_data(b.rule);
	return rc ? -1 : 0;
}

void rule_cmd_free(struct rule_cmd *cmd)
{
	free(cmd->rule);
	memset(cmd, 0, sizeof(*cmd));
}
