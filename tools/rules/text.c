// SPDX-License-Identifier: GPL-2.0
/*
 * A rule as auditctl -l prints it. The text is the one the auditctl of the
 * libaudit this is built with prints for the same rule listed by the
 * kernel, down to its quirks (a0-a3 in upper-case hex, other numbers as
 * signed decimals, msgtype and exit by name where libaudit has one),
 * because admins and scripts compare nsauditctl -l with auditctl -l and
 * feed it back to both. Names come from libaudit's tables, so they are
 * auditctl's.
 */
#define _GNU_SOURCE

#include <errno.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libaudit.h>
#include <linux/nsaudit.h>

#include "rule.h"

/*
 * The one difference between the releases Debian ships: auditctl 4 prints
 * the operator of path, dir and exe; auditctl 3 printed "=" whatever it
 * was, so an exe!= rule listed as exe= (and, fed back, became one). The
 * build names the major version of the libaudit it links (pkg-config
 * --modversion audit), which is the installed auditctl's.
 */
#ifndef NSAUDIT_LIBAUDIT_MAJOR
#error "NSAUDIT_LIBAUDIT_MAJOR: define it to libaudit's major version (pkg-config --modversion audit)"
#endif

/* Fields whose value is a string length in buf (the kernel's list). */
static bool string_field(uint32_t field)
{
	return (field >= AUDIT_SUBJ_USER && field <= AUDIT_OBJ_LEV_HIGH &&
		field != AUDIT_PPID) ||
	       field == AUDIT_WATCH || field == AUDIT_DIR ||
	       field == AUDIT_FILTERKEY || field == AUDIT_EXE;
}

/* Fields with bytes in buf: the strings and contid's u64. */
static bool buf_field(uint32_t field)
{
	return string_field(field) || field == NSAUDIT_RULE_FIELD_CONTID;
}

/*
 * The structure the printer relies on; the library checked it as well,
 * but for contid's length, which has one valid value.
 */
static bool well_formed(const struct audit_rule_data *r, size_t len)
{
	uint64_t used = 0;
	uint32_t i;

	if (!r || len < sizeof(*r) || len - sizeof(*r) != r->buflen ||
	    r->field_count > AUDIT_MAX_FIELDS)
		return false;
	for (i = 0; i < r->field_count; i++) {
		if (r->fields[i] == NSAUDIT_RULE_FIELD_CONTID &&
		    r->values[i] != sizeof(uint64_t))
			return false;
		if (buf_field(r->fields[i]))
			used += r->values[i];
	}
	return used <= r->buflen;
}

/* printf("%s", NULL) of glibc, which auditctl relies on for unknown names. */
static const char *or_null(const char *s)
{
	return s ? s : "(null)";
}

static const char *op_sym(uint32_t flags)
{
	return or_null(audit_operator_to_symbol((int)(flags & AUDIT_OPERATORS)));
}

/* The operator of path, dir and exe, as this libaudit's auditctl prints it. */
static const char *string_op(uint32_t flags)
{
#if NSAUDIT_LIBAUDIT_MAJOR >= 4
	return op_sym(flags);
#else
	(void)flags;
	return "=";
#endif
}

/* " -F arch=b64": the word size of a known machine, else the raw value. */
static void print_arch(FILE *f, uint32_t value, uint32_t flags)
{
	if (audit_elf_to_machine(value) < 0)
		fprintf(f, " -F arch%s0x%X", op_sym(flags), value);
	else
		fprintf(f, " -F arch%s%s", op_sym(flags),
			value & __AUDIT_ARCH_64BIT ? "b64" : "b32");
}

/* " -S all", or the names in number order, by the rule's arch's table. */
static void print_syscalls(FILE *f, const struct audit_rule_data *r,
			   int machine)
{
	bool first = true;
	unsigned int i;

	for (i = 0; i < AUDIT_BITMASK_SIZE - 1; i++)
		if (r->mask[i] != UINT32_MAX)
			break;
	if (i == AUDIT_BITMASK_SIZE - 1) {
		fputs(" -S all", f);
		return;
	}
	for (i = 0; i < AUDIT_BITMASK_SIZE * 32; i++) {
		const char *name;

		if (!(r->mask[AUDIT_WORD(i)] & AUDIT_BIT(i)))
			continue;
		name = machine < 0 ? NULL : audit_syscall_to_name((int)i, machine);
		fputs(first ? " -S " : ",", f);
		if (name)
			fputs(name, f);
		else
			fprintf(f, "%u", i);
		first = false;
	}
}

/* The keys of one FILTERKEY field: each one " -F key=K", empty ones skipped. */
static void print_keys(FILE *f, const char *buf, uint32_t n)
{
	uint32_t start = 0, i;

	n = (uint32_t)strnlen(buf, n);
	for (i = 0; i <= n; i++) {
		if (i < n && buf[i] != AUDIT_KEY_SEPARATOR)
			continue;
		if (i > start)
			fprintf(f, " -F key=%.*s", (int)(i - start), buf + start);
		start = i + 1;
	}
}

static void print_perm(FILE *f, uint32_t v)
{
	fprintf(f, " -F perm=%s%s%s%s", v & AUDIT_PERM_READ ? "r" : "",
		v & AUDIT_PERM_WRITE ? "w" : "", v & AUDIT_PERM_EXEC ? "x" : "",
		v & AUDIT_PERM_ATTR ? "a" : "");
}

/* exit: "-EACCES" for a negative errno libaudit names, else decimal. */
static void print_exit(FILE *f, const char *name, uint32_t flags,
		       uint32_t value)
{
	int v = (int)value;
	const char *err = v < 0 && v != INT32_MIN ? audit_errno_to_name(-v) :
						     NULL;

	if (err)
		fprintf(f, " -F %s%s-%s", name, op_sym(flags), err);
	else
		fprintf(f, " -F %s%s%d", name, op_sym(flags), v);
}

static void print_field(FILE *f, const struct audit_rule_data *r,
			uint32_t i, size_t *off)
{
	uint32_t field = r->fields[i] & ~AUDIT_OPERATORS;
	uint32_t flags = r->fieldflags[i], value = r->values[i];
	const char *name = audit_field_to_name((int)field);
	const char *str = r->buf + *off;

	if (buf_field(r->fields[i]))
		*off += value;
	if (r->fields[i] == NSAUDIT_RULE_FIELD_CONTID) {
		uint64_t id;

		/* See rule_print(); buf has no alignment: copy. */
		memcpy(&id, str, sizeof(id));
		if (id == NSAUDIT_CONTID_UNSET)
			fprintf(f, " -F contid%s-1", op_sym(flags));
		else
			fprintf(f, " -F contid%s%" PRIu64, op_sym(flags), id);
		return;
	}
	if (!name && field == AUDIT_LOGINUID_SET)
		name = "loginuid_set";	/* see rule_print() */
	if (!name) {
		fprintf(f, " f%u%s%d", r->fields[i], op_sym(flags), (int)value);
		return;
	}
	switch (field) {
	case AUDIT_MSGTYPE:
		if (audit_msg_type_to_name((int)value))
			fprintf(f, " -F %s%s%s", name, op_sym(flags),
				audit_msg_type_to_name((int)value));
		else
			fprintf(f, " -F %s%s%d", name, op_sym(flags),
				(int)value);
		return;
	case AUDIT_WATCH:
		fprintf(f, " -F path%s%.*s", string_op(flags), (int)value, str);
		return;
	case AUDIT_DIR:
		fprintf(f, " -F dir%s%.*s", string_op(flags), (int)value, str);
		return;
	case AUDIT_EXE:
		fprintf(f, " -F exe%s%.*s", string_op(flags), (int)value, str);
		return;
	case AUDIT_FILTERKEY:
		print_keys(f, str, value);
		return;
	case AUDIT_PERM:
		print_perm(f, value);
		return;
	case AUDIT_INODE:
		fprintf(f, " -F %s%s%u", name, op_sym(flags), value);
		return;
	case AUDIT_ARG0:
	case AUDIT_ARG1:
	case AUDIT_ARG2:
	case AUDIT_ARG3:
		fprintf(f, " -F %s%s0x%X", name, op_sym(flags), value);
		return;
	case AUDIT_EXIT:
		print_exit(f, name, flags, value);
		return;
	}
	if (string_field(field))
		fprintf(f, " -F %s%s%.*s", name, op_sym(flags), (int)value, str);
	else
		fprintf(f, " -F %s%s%d", name, op_sym(flags), (int)value);
}

int rule_print(FILE *f, const struct audit_rule_data *r, size_t len)
{
	uint32_t filter, i;
	int machine = -1;
	bool arch = false;
	size_t off = 0;

	if (!well_formed(r, len))
		return -EINVAL;
	/* The kernel lists the filter alone; -A is not a property of a rule. */
	filter = r->flags & ~AUDIT_FILTER_PREPEND;
	fprintf(f, "-a %s,%s", or_null(audit_action_to_name((int)r->action)),
		or_null(audit_flag_to_name((int)filter)));

	for (i = 0; i < r->field_count; i++) {
		if ((r->fields[i] & ~AUDIT_OPERATORS) != AUDIT_ARCH)
			continue;
		print_arch(f, r->values[i], r->fieldflags[i]);
		machine = audit_elf_to_machine(r->values[i]);
		arch = true;
	}
	if (filter != AUDIT_FILTER_USER && filter != AUDIT_FILTER_TASK &&
	    filter != AUDIT_FILTER_EXCLUDE)
		print_syscalls(f, r, arch ? machine : audit_detect_machine());

	for (i = 0; i < r->field_count; i++)
		if ((r->fields[i] & ~AUDIT_OPERATORS) != AUDIT_ARCH)
			print_field(f, r, i, &off);
	fputc('\n', f);
	return ferror(f) ? -EIO : 0;
}
