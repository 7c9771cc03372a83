// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests: auditctl rule syntax (tools/rules/): argv into struct
 * audit_rule_data, the rule back into auditctl -l's text, the round trip
 * between the two, and audit.rules files.
 *
 * The expected texts are what auditctl 3.0.9 -l printed for the same
 * rules on a 6.1+ kernel (each was added with auditctl and listed back);
 * the comment on each row says which of auditctl's rules shapes it.
 * Built with libaudit 4, the one row where auditctl 4.0.2 differs (exe!=)
 * expects its text; the auditd-trixie lane compares the two auditctls'
 * listings whole.
 */
#define _GNU_SOURCE	/* open_memstream(), fmemopen() */

#include <errno.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <libaudit.h>
#include <linux/nsaudit.h>

#include "rule.h"
#include "suites.h"

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define WORDS_MAX	64

/* Split @line at spaces into @words (a copy in @buf); return the count. */
static int words(const char *line, char *buf, size_t size,
		 char *w[WORDS_MAX])
{
	int n = 0;
	char *p, *save;

	ck_assert_uint_lt(strlen(line), size);
	strcpy(buf, line);
	for (p = strtok_r(buf, " ", &save); p; p = strtok_r(NULL, " ", &save)) {
		ck_assert_int_lt(n, WORDS_MAX);
		w[n++] = p;
	}
	return n;
}

/* Parse @line; on failure the test fails with the parser's reason. */
static void parse_ok(const char *line, struct rule_cmd *cmd)
{
	char buf[1024], err[RULE_ERR_MAX] = "x", *w[WORDS_MAX];
	int n = words(line, buf, sizeof(buf), w);

	ck_assert_msg(rule_parse(n, w, cmd, err, sizeof(err)) == 0,
		      "%s: %s", line, err);
	ck_assert_str_eq(err, "");
}

/* Parse @line, which must fail with exactly @want. */
static void parse_fails(const char *line, const char *want)
{
	char buf[1024], err[RULE_ERR_MAX], *w[WORDS_MAX];
	struct rule_cmd cmd;
	int n = words(line, buf, sizeof(buf), w);

	ck_assert_msg(rule_parse(n, w, &cmd, err, sizeof(err)) == -1,
		      "%s: accepted", line);
	ck_assert_msg(!strcmp(err, want), "%s:\n got  '%s'\n want '%s'", line,
		      err, want);
	ck_assert_int_eq(cmd.op, RULE_OP_NONE);
	ck_assert_ptr_null(cmd.rule);
}

/* rule_print() into a string (free it). */
static char *print(const struct audit_rule_data *r, size_t len, int *rc)
{
	char *text = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&text, &n);

	ck_assert_ptr_nonnull(f);
	*rc = rule_print(f, r, len);
	ck_assert_int_eq(fclose(f), 0);
	return text;
}

/*
 * "-a always,exit -F arch=b64 -S openat -F PAIR" into @c: a rule to add,
 * of two fields, the architecture first. Returns the rule.
 */
static struct audit_rule_data *parse_pair(const char *pair, struct rule_cmd *c)
{
	char line[128];

	snprintf(line, sizeof(line),
		 "-a always,exit -F arch=b64 -S openat -F %s", pair);
	parse_ok(line, c);
	ck_assert_int_eq(c->op, RULE_OP_ADD);
	ck_assert_uint_eq(c->rule->field_count, 2);
	ck_assert_uint_eq(c->rule->fields[0], AUDIT_ARCH);
	ck_assert_uint_eq(c->rule->values[0], AUDIT_ARCH_X86_64);
	return c->rule;
}

/* --- build.c ------------------------------------------------------------ */

/* Every field and operator: the field, operator and value libaudit makes. */
START_TEST(test_build_fields)
{
	static const struct {
		const char *pair;
		uint32_t field, op, value;
	} cases[] = {
		{ "pid=1", AUDIT_PID, AUDIT_EQUAL, 1 },
		{ "ppid!=2", AUDIT_PPID, AUDIT_NOT_EQUAL, 2 },
		{ "uid>=1000", AUDIT_UID, AUDIT_GREATER_THAN_OR_EQUAL, 1000 },
		{ "euid<5", AUDIT_EUID, AUDIT_LESS_THAN, 5 },
		{ "suid>3", AUDIT_SUID, AUDIT_GREATER_THAN, 3 },
		{ "fsuid<=4", AUDIT_FSUID, AUDIT_LESS_THAN_OR_EQUAL, 4 },
		{ "uid=root", AUDIT_UID, AUDIT_EQUAL, 0 },
		{ "gid=0", AUDIT_GID, AUDIT_EQUAL, 0 },
		{ "egid!=0", AUDIT_EGID, AUDIT_NOT_EQUAL, 0 },
		{ "sgid=1", AUDIT_SGID, AUDIT_EQUAL, 1 },
		{ "fsgid=2", AUDIT_FSGID, AUDIT_EQUAL, 2 },
		{ "auid>=1000", AUDIT_LOGINUID, AUDIT_GREATER_THAN_OR_EQUAL,
		  1000 },
		{ "auid!=unset", AUDIT_LOGINUID, AUDIT_NOT_EQUAL, 4294967295U },
		{ "loginuid=5", AUDIT_LOGINUID, AUDIT_EQUAL, 5 },
		{ "loginuid_set=1", AUDIT_LOGINUID_SET, AUDIT_EQUAL, 1 },
		{ "loginuid_set!=0", AUDIT_LOGINUID_SET, AUDIT_NOT_EQUAL, 0 },
		{ "sessionid=3", AUDIT_SESSIONID, AUDIT_EQUAL, 3 },
		{ "success=0", AUDIT_SUCCESS, AUDIT_EQUAL, 0 },
		{ "success!=1", AUDIT_SUCCESS, AUDIT_NOT_EQUAL, 1 },
		{ "exit=-EACCES", AUDIT_EXIT, AUDIT_EQUAL, (uint32_t)-13 },
		{ "exit=-13", AUDIT_EXIT, AUDIT_EQUAL, (uint32_t)-13 },
		{ "exit<-4096", AUDIT_EXIT, AUDIT_LESS_THAN, (uint32_t)-4096 },
		{ "a0=0x10", AUDIT_ARG0, AUDIT_EQUAL, 16 },
		{ "a1&0x3", AUDIT_ARG1, AUDIT_BIT_MASK, 3 },
		{ "a2&=4", AUDIT_ARG2, AUDIT_BIT_TEST, 4 },
		{ "a3>7", AUDIT_ARG3, AUDIT_GREATER_THAN, 7 },
		{ "a0!=-1", AUDIT_ARG0, AUDIT_NOT_EQUAL, 0xffffffffU },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		struct rule_cmd c;
		struct audit_rule_data *r;

		r = parse_pair(cases[i].pair, &c);
		ck_assert_msg(r->fields[1] == cases[i].field &&
			      r->fieldflags[1] == cases[i].op &&
			      r->values[1] == cases[i].value,
			      "%s: field %u op 0x%x value %u", cases[i].pair,
			      r->fields[1], r->fieldflags[1], r->values[1]);
		ck_assert_uint_eq(r->buflen, 0);
		ck_assert_uint_eq(c.len, sizeof(*r));
		ck_assert_uint_eq(r->flags, AUDIT_FILTER_EXIT);
		ck_assert_uint_eq(r->action, AUDIT_ALWAYS);
		rule_cmd_free(&c);
		ck_assert_ptr_null(c.rule);
	}
}
END_TEST

/* exe: a string in buf, its length as the value. */
START_TEST(test_build_exe)
{
	struct rule_cmd c;

	parse_ok("-a never,exit -F arch=b64 -S execve -F exe=/usr/bin/x", &c);
	ck_assert_uint_eq(c.rule->action, AUDIT_NEVER);
	ck_assert_uint_eq(c.rule->fields[1], AUDIT_EXE);
	ck_assert_uint_eq(c.rule->values[1], 10);
	ck_assert_uint_eq(c.rule->buflen, 10);
	ck_assert_mem_eq(c.rule->buf, "/usr/bin/x", 10);
	ck_assert_uint_eq(c.len, sizeof(*c.rule) + 10);
	rule_cmd_free(&c);
}
END_TEST

/* The 8 bytes of a contid field's u64 in host byte order. */
static void id_bytes(uint64_t id, unsigned char out[8])
{
	memcpy(out, &id, 8);
}

/*
 * contid: field 27, the operator, value 8 and the u64's 8 bytes in buf,
 * as upstream's proposed AUDIT_CONTID; -1 is the unset ID.
 */
START_TEST(test_build_contid)
{
	static const struct {
		const char *pair;
		uint32_t op;
		uint64_t id;
	} cases[] = {
		{ "contid=4711", AUDIT_EQUAL, 4711 },
		{ "contid!=4711", AUDIT_NOT_EQUAL, 4711 },
		{ "contid=0", AUDIT_EQUAL, 0 },
		/* Decimal, as nsauditctl contid set reads it: not octal. */
		{ "contid=010", AUDIT_EQUAL, 10 },
		{ "contid!=-1", AUDIT_NOT_EQUAL, NSAUDIT_CONTID_UNSET },
		{ "contid=-1", AUDIT_EQUAL, NSAUDIT_CONTID_UNSET },
		{ "contid=18446744073709551615", AUDIT_EQUAL,
		  NSAUDIT_CONTID_UNSET },
		{ "contid=18446744073709551614", AUDIT_EQUAL,
		  18446744073709551614ULL },
		{ "contid=4294967296", AUDIT_EQUAL, 4294967296ULL },
	};
	unsigned char want[8];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		struct rule_cmd c;
		struct audit_rule_data *r;

		r = parse_pair(cases[i].pair, &c);
		ck_assert_msg(r->fields[1] == 27 &&
			      r->fieldflags[1] == cases[i].op &&
			      r->values[1] == 8,
			      "%s: field %u op 0x%x value %u", cases[i].pair,
			      r->fields[1], r->fieldflags[1], r->values[1]);
		ck_assert_uint_eq(r->buflen, 8);
		ck_assert_uint_eq(c.len, sizeof(*r) + 8);
		id_bytes(cases[i].id, want);
		ck_assert_msg(!memcmp(r->buf, want, 8), "%s: buf differs",
			      cases[i].pair);
		rule_cmd_free(&c);
	}

#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	/* The raw bytes, on this (little-endian) host: 4711 is 0x1267. */
	{
		struct rule_cmd c;

		parse_ok("-a always,exit -S all -F contid=4711", &c);
		ck_assert_mem_eq(c.rule->buf, "\x67\x12\0\0\0\0\0\0", 8);
		rule_cmd_free(&c);
	}
#endif
}
END_TEST

/*
 * contid among the other buf fields: each field's bytes at its place in
 * field order (exe, contid, exe), the keys last whatever their place on
 * the line, as libaudit adds them.
 */
START_TEST(test_build_contid_layout)
{
	unsigned char id[8];
	struct audit_rule_data *r;
	struct rule_cmd c;
	char want[64];

	/* A key before it (-k and -F key=) and after it. */
	parse_ok("-a always,exit -F arch=b64 -S openat -k a -F key=b "
		 "-F contid=5 -k c", &c);
	r = c.rule;
	ck_assert_uint_eq(r->field_count, 3);
	ck_assert_uint_eq(r->fields[1], NSAUDIT_RULE_FIELD_CONTID);
	ck_assert_uint_eq(r->fieldflags[1], AUDIT_EQUAL);
	ck_assert_uint_eq(r->values[1], 8);
	ck_assert_uint_eq(r->fields[2], AUDIT_FILTERKEY);
	ck_assert_uint_eq(r->fieldflags[2], AUDIT_EQUAL);
	ck_assert_uint_eq(r->values[2], 5);
	ck_assert_uint_eq(r->buflen, 13);
	ck_assert_uint_eq(c.len, sizeof(*r) + 13);
	id_bytes(5, id);
	memcpy(want, id, 8);
	memcpy(want + 8, "a\001b\001c", 5);
	ck_assert_mem_eq(r->buf, want, 13);
	rule_cmd_free(&c);

	/* Two: each at its own place. */
	parse_ok("-a always,exit -S all -F contid!=-1 -F uid=0 -F contid!=7 "
		 "-k k", &c);
	r = c.rule;
	ck_assert_uint_eq(r->field_count, 4);
	ck_assert_uint_eq(r->fields[0], NSAUDIT_RULE_FIELD_CONTID);
	ck_assert_uint_eq(r->fieldflags[0], AUDIT_NOT_EQUAL);
	ck_assert_uint_eq(r->fields[1], AUDIT_UID);
	ck_assert_uint_eq(r->fields[2], NSAUDIT_RULE_FIELD_CONTID);
	ck_assert_uint_eq(r->values[2], 8);
	ck_assert_uint_eq(r->buflen, 17);
	memset(want, 0xff, 8);
	id_bytes(7, id);
	memcpy(want + 8, id, 8);
	want[16] = 'k';
	ck_assert_mem_eq(r->buf, want, 17);
	rule_cmd_free(&c);

	/* With exe before and after: the strings and the ID in field order. */
	parse_ok("-a never,exit -F arch=b64 -F exe=/bin/ls -F contid=9 "
		 "-F exe!=/bin/sh -k k", &c);
	r = c.rule;
	ck_assert_uint_eq(r->field_count, 5);
	ck_assert_uint_eq(r->fields[1], AUDIT_EXE);
	ck_assert_uint_eq(r->values[1], 7);
	ck_assert_uint_eq(r->fields[2], NSAUDIT_RULE_FIELD_CONTID);
	ck_assert_uint_eq(r->values[2], 8);
	ck_assert_uint_eq(r->fields[3], AUDIT_EXE);
	ck_assert_uint_eq(r->fieldflags[3], AUDIT_NOT_EQUAL);
	ck_assert_uint_eq(r->values[3], 7);
	ck_assert_uint_eq(r->fields[4], AUDIT_FILTERKEY);
	ck_assert_uint_eq(r->values[4], 1);
	ck_assert_uint_eq(r->buflen, 23);
	ck_assert_uint_eq(c.len, sizeof(*r) + 23);
	id_bytes(9, id);
	memcpy(want, "/bin/ls", 7);
	memcpy(want + 7, id, 8);
	memcpy(want + 15, "/bin/shk", 8);
	ck_assert_mem_eq(r->buf, want, 23);
	rule_cmd_free(&c);

	/* contid first, then exe: a key after the exe is allowed. */
	parse_ok("-a always,exit -F contid=9 -F exe=/bin/ls -k k", &c);
	r = c.rule;
	ck_assert_uint_eq(r->field_count, 3);
	ck_assert_uint_eq(r->buflen, 16);
	memcpy(want, id, 8);
	memcpy(want + 8, "/bin/lsk", 8);
	ck_assert_mem_eq(r->buf, want, 16);
	rule_cmd_free(&c);
}
END_TEST

/*
 * -d with the text of -a: the very same payload (flags and action
 * included), so that the module finds the rule; -A differs in the
 * prepend flag only.
 */
START_TEST(test_build_contid_delete)
{
	static const char *const rest[] = {
		"-F arch=b64 -S openat -F contid=4711 -k k",
		"-F exe=/bin/ls -F contid!=-1 -F exe!=/x -k k",
		"-S all -F contid=18446744073709551615",
	};
	char line[256];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(rest); i++) {
		struct rule_cmd a, d, p;

		snprintf(line, sizeof(line), "-a always,exit %s", rest[i]);
		parse_ok(line, &a);
		snprintf(line, sizeof(line), "-d always,exit %s", rest[i]);
		parse_ok(line, &d);
		snprintf(line, sizeof(line), "-A always,exit %s", rest[i]);
		parse_ok(line, &p);
		ck_assert_int_eq(a.op, RULE_OP_ADD);
		ck_assert_int_eq(d.op, RULE_OP_DEL);
		ck_assert_uint_eq(a.len, d.len);
		ck_assert_msg(!memcmp(a.rule, d.rule, a.len),
			      "%s: -d builds other bytes than -a", rest[i]);
		ck_assert_uint_eq(p.rule->flags,
				  AUDIT_FILTER_EXIT | AUDIT_FILTER_PREPEND);
		p.rule->flags = AUDIT_FILTER_EXIT;
		ck_assert_uint_eq(a.len, p.len);
		ck_assert(!memcmp(a.rule, p.rule, a.len));
		rule_cmd_free(&a);
		rule_cmd_free(&d);
		rule_cmd_free(&p);
	}
}
END_TEST

static bool bit(const struct audit_rule_data *r, unsigned int nr)
{
	return r->mask[AUDIT_WORD(nr)] & AUDIT_BIT(nr);
}

static unsigned int bits(const struct audit_rule_data *r)
{
	unsigned int i, n = 0;

	for (i = 0; i < AUDIT_BITMASK_SIZE * 32; i++)
		n += bit(r, i);
	return n;
}

/* libaudit's rule-building state (exported, declared in no header). */
extern unsigned int _audit_elf;
extern int _audit_syscalladded, _audit_exeadded;

/*
 * sessionid and exe do not depend on the host's audit: in a user namespace
 * of its own (a container), where libaudit cannot ask the kernel's audit
 * for its feature bitmap and refused both ("libaudit error -30", seen on
 * the auditd lane), they parse to the bytes libaudit builds where it can.
 * The child must not inherit a bitmap libaudit already loaded: true in
 * Check's fork mode, where each test starts afresh.
 */
START_TEST(test_build_in_userns)
{
	static const char line[] =
		"-a always,exit -F arch=b64 -S openat -F sessionid=3 "
		"-F sessionid!=unset -F exe=/usr/bin/x -F exe!=/bin/y -k k";
	unsigned char got[NSAUDIT_RULE_MAX];
	struct audit_rule_data *r, *lib;
	struct rule_cmd c;
	size_t len = 0, n;
	int p[2], status;
	ssize_t rd;
	pid_t pid;

	ck_assert_int_eq(pipe(p), 0);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		close(p[0]);
		if (unshare(CLONE_NEWUSER))
			_exit(77);
		parse_ok(line, &c);
		if (write(p[1], &c.len, sizeof(c.len)) != sizeof(c.len) ||
		    write(p[1], c.rule, c.len) != (ssize_t)c.len)
			_exit(1);
		_exit(0);
	}
	close(p[1]);
	rd = read(p[0], &len, sizeof(len));
	for (n = 0; rd == sizeof(len) && n < len && len <= sizeof(got); n += rd) {
		rd = read(p[0], got + n, len - n);
		if (rd <= 0)
			break;
	}
	close(p[0]);
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) != 77,
		      "no user namespace for the test");
	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0,
		      "in a user namespace, '%s' was refused", line);
	ck_assert_uint_eq(n, len);

	r = (struct audit_rule_data *)got;
	ck_assert_uint_eq(r->field_count, 6);
	ck_assert_uint_eq(r->fields[1], AUDIT_SESSIONID);
	ck_assert_uint_eq(r->fieldflags[1], AUDIT_EQUAL);
	ck_assert_uint_eq(r->values[1], 3);
	ck_assert_uint_eq(r->fields[2], AUDIT_SESSIONID);
	ck_assert_uint_eq(r->fieldflags[2], AUDIT_NOT_EQUAL);
	ck_assert_uint_eq(r->values[2], 4294967295U);
	ck_assert_uint_eq(r->fields[3], AUDIT_EXE);
	ck_assert_uint_eq(r->fieldflags[3], AUDIT_EQUAL);
	ck_assert_uint_eq(r->values[3], 10);
	ck_assert_uint_eq(r->fields[4], AUDIT_EXE);
	ck_assert_uint_eq(r->fieldflags[4], AUDIT_NOT_EQUAL);
	ck_assert_uint_eq(r->values[4], 6);
	ck_assert_uint_eq(r->fields[5], AUDIT_FILTERKEY);
	ck_assert_uint_eq(r->buflen, 17);
	ck_assert_mem_eq(r->buf, "/usr/bin/x/bin/yk", 17);

	/* Here, the same bytes. */
	parse_ok(line, &c);
	ck_assert_uint_eq(c.len, len);
	ck_assert_mem_eq(c.rule, got, len);
	rule_cmd_free(&c);

	/* Where libaudit can ask the kernel (root on the host), its bytes. */
	if ((audit_get_features() & (AUDIT_FEATURE_BITMAP_SESSIONID_FILTER |
				     AUDIT_FEATURE_BITMAP_EXECUTABLE_PATH)) ==
	    (AUDIT_FEATURE_BITMAP_SESSIONID_FILTER |
	     AUDIT_FEATURE_BITMAP_EXECUTABLE_PATH)) {
		static const char *const pairs[] = {
			"arch=b64", "sessionid=3", "sessionid!=unset",
			"exe=/usr/bin/x", "exe!=/bin/y",
		};
		char pair[64];
		size_t i;

		/* libaudit's state, as auditctl (and rule_parse()) reset it. */
		_audit_elf = 0;
		_audit_syscalladded = 0;
		_audit_exeadded = 0;
		lib = audit_rule_create_data();
		ck_assert_ptr_nonnull(lib);
		for (i = 0; i < ARRAY_SIZE(pairs); i++) {
			strcpy(pair, pairs[i]);
			ck_assert_int_eq(audit_rule_fieldpair_data(&lib, pair,
					 AUDIT_FILTER_EXIT), 0);
			if (i == 0) {
				ck_assert_int_eq(audit_rule_syscallbyname_data(lib,
						 "openat"), 0);
				_audit_syscalladded = 1;
			}
		}
		strcpy(pair, "key=k");
		ck_assert_int_eq(audit_rule_fieldpair_data(&lib, pair,
				 AUDIT_FILTER_EXIT), 0);
		lib->flags = AUDIT_FILTER_EXIT;
		lib->action = AUDIT_ALWAYS;
		ck_assert_uint_eq(sizeof(*lib) + lib->buflen, len);
		ck_assert_mem_eq(lib, got, len);
		audit_rule_free_data(lib);
	}
}
END_TEST

/* -S lists by name and number, per arch; all; none means all. */
START_TEST(test_build_syscalls)
{
	struct rule_cmd c;
	unsigned int i;

	/* x86_64: read 0, write 1, openat 257. */
	parse_ok("-a always,exit -F arch=b64 -S openat,read -S 1", &c);
	ck_assert(bit(c.rule, 0) && bit(c.rule, 1) && bit(c.rule, 257));
	ck_assert_uint_eq(bits(c.rule), 3);
	ck_assert_str_eq(c.note, "");
	rule_cmd_free(&c);

	/* i386: open is 5, openat 295. */
	parse_ok("-a always,exit -F arch=b32 -S open,openat", &c);
	ck_assert_uint_eq(c.rule->values[0], AUDIT_ARCH_I386);
	ck_assert(bit(c.rule, 5) && bit(c.rule, 295));
	ck_assert_uint_eq(bits(c.rule), 2);
	rule_cmd_free(&c);

	parse_ok("-a always,exit -F arch=b64 -S all", &c);
	for (i = 0; i < AUDIT_BITMASK_SIZE; i++)
		ck_assert_uint_eq(c.rule->mask[i], UINT32_MAX);
	rule_cmd_free(&c);

	/* auditctl adds every syscall to a rule that names none. */
	parse_ok("-a always,exit -F arch=b64 -F pid=5", &c);
	for (i = 0; i < AUDIT_BITMASK_SIZE; i++)
		ck_assert_uint_eq(c.rule->mask[i], UINT32_MAX);
	rule_cmd_free(&c);
}
END_TEST

/* Without an arch: the machine's table and auditctl's warning. */
START_TEST(test_build_arch_warning)
{
	struct rule_cmd c;

	parse_ok("-a always,exit -S openat", &c);
	ck_assert_uint_eq(c.rule->field_count, 0);
	ck_assert(bit(c.rule, 257));
	ck_assert_str_eq(c.note, "WARNING - 32/64 bit syscall mismatch, "
			 "you should specify an arch");
	rule_cmd_free(&c);

	/* all is all on both: nothing to warn of; auditctl -d never warns. */
	parse_ok("-a always,exit -S all", &c);
	ck_assert_str_eq(c.note, "");
	rule_cmd_free(&c);
	parse_ok("-d always,exit -S openat", &c);
	ck_assert_int_eq(c.op, RULE_OP_DEL);
	ck_assert_str_eq(c.note, "");
	rule_cmd_free(&c);
}
END_TEST

/* Keys: one FILTERKEY field, last, the keys joined by 0x01. */
START_TEST(test_build_keys)
{
	struct rule_cmd c;
	struct audit_rule_data *r;
	char big[AUDIT_MAX_KEY_LEN + 64];

	parse_ok("-a always,exit -F arch=b64 -S openat -k a -F key=bc -k d",
		 &c);
	r = c.rule;
	ck_assert_uint_eq(r->field_count, 2);
	ck_assert_uint_eq(r->fields[1], AUDIT_FILTERKEY);
	ck_assert_uint_eq(r->fieldflags[1], AUDIT_EQUAL);
	ck_assert_uint_eq(r->values[1], 6);
	ck_assert_mem_eq(r->buf, "a\001bc\001d", 6);
	rule_cmd_free(&c);

	/* exe allows a key as -S does. */
	parse_ok("-a always,exit -F arch=b64 -F exe=/bin/ls -k k", &c);
	ck_assert_uint_eq(c.rule->field_count, 3);
	ck_assert_mem_eq(c.rule->buf, "/bin/lsk", 8);
	rule_cmd_free(&c);

	/* 256 bytes in all, separators included, is the limit. */
	memset(big, 'k', 254);
	big[254] = '\0';
	{
		char line[400];

		snprintf(line, sizeof(line),
			 "-a always,exit -F arch=b64 -S all -k %.254s -k k",
			 big);
		parse_ok(line, &c);
		ck_assert_uint_eq(c.rule->values[1], 256);
		rule_cmd_free(&c);
		snprintf(line, sizeof(line),
			 "-a always,exit -F arch=b64 -S all -k %.254s -k kk",
			 big);
		parse_fails(line, "key 'kk': the keys of a rule exceed 256 bytes together");
	}
}
END_TEST

/* -A, -d and the exclude list. */
START_TEST(test_build_lists)
{
	struct rule_cmd c;
	unsigned int i;

	parse_ok("-A exit,never -F arch=b64 -S openat", &c);
	ck_assert_int_eq(c.op, RULE_OP_ADD);
	ck_assert_uint_eq(c.rule->flags,
			  AUDIT_FILTER_EXIT | AUDIT_FILTER_PREPEND);
	ck_assert_uint_eq(c.rule->action, AUDIT_NEVER);
	rule_cmd_free(&c);

	parse_ok("-d always,exit -F arch=b64 -S openat -k k", &c);
	ck_assert_int_eq(c.op, RULE_OP_DEL);
	ck_assert_uint_eq(c.rule->flags, AUDIT_FILTER_EXIT);
	rule_cmd_free(&c);

	/* The attached form of getopt works too. */
	parse_ok("-aalways,exclude -Fmsgtype=CWD", &c);
	ck_assert_uint_eq(c.rule->flags, AUDIT_FILTER_EXCLUDE);
	ck_assert_uint_eq(c.rule->field_count, 1);
	ck_assert_uint_eq(c.rule->fields[0], AUDIT_MSGTYPE);
	ck_assert_uint_eq(c.rule->values[0], AUDIT_CWD);
	/* auditctl gives the exclude list's rules every syscall as well. */
	for (i = 0; i < AUDIT_BITMASK_SIZE; i++)
		ck_assert_uint_eq(c.rule->mask[i], UINT32_MAX);
	rule_cmd_free(&c);

	parse_ok("-a always,exclude -F msgtype>=1300 -F msgtype<=1399", &c);
	ck_assert_uint_eq(c.rule->values[0], 1300);
	ck_assert_uint_eq(c.rule->fieldflags[1], AUDIT_LESS_THAN_OR_EQUAL);
	rule_cmd_free(&c);
}
END_TEST

/* -D, -l and the host's settings: whole lines. */
START_TEST(test_build_whole_lines)
{
	struct rule_cmd c;

	parse_ok("-D", &c);
	ck_assert_int_eq(c.op, RULE_OP_DELETE_ALL);
	ck_assert_ptr_null(c.rule);
	parse_ok("-l", &c);
	ck_assert_int_eq(c.op, RULE_OP_LIST);
	parse_ok("-b 8192", &c);
	ck_assert_int_eq(c.op, RULE_OP_IGNORED);
	ck_assert_str_eq(c.note, "-b ignored: the backlog is the host's "
			 "(see nsauditctl set backlog)");
	parse_ok("-e 2", &c);
	ck_assert_int_eq(c.op, RULE_OP_IGNORED);
	ck_assert_str_eq(c.note, "-e ignored: nsaudit rules have no enable "
			 "flag or immutable mode");
	parse_ok("--backlog_wait_time 60000", &c);
	ck_assert_int_eq(c.op, RULE_OP_IGNORED);
}
END_TEST

/* What nsaudit does not support, refused with a line naming it. */
START_TEST(test_build_refusals)
{
	static const struct {
		const char *line, *err;
	} cases[] = {
		{ "-a always,exit -F path=/etc/passwd",
		  "field 'path' is not supported by nsaudit rules" },
		{ "-a always,exit -F perm=wa",
		  "field 'perm' is not supported by nsaudit rules" },
		{ "-a always,exit -F pers=1",
		  "field 'pers' is not supported by nsaudit rules" },
		{ "-a always,exit -F devmajor=8",
		  "field 'devmajor' is not supported by nsaudit rules" },
		{ "-a always,exit -F subj_type=x",
		  "field 'subj_type' is not supported by nsaudit rules" },
		{ "-a always,task",
		  "-a: list 'task' is not supported by nsaudit rules (only exit and exclude)" },
		{ "-a user,always",
		  "-a: list 'user' is not supported by nsaudit rules (only exit and exclude)" },
		{ "-a always,filesystem",
		  "-a: list 'filesystem' is not supported by nsaudit rules (only exit and exclude)" },
		{ "-a always,exclude -F pid=1",
		  "field 'pid' is not supported on the exclude list (only msgtype)" },
		{ "-a always,exit -F msgtype=CWD",
		  "field 'msgtype' is only supported on the exclude list" },
		{ "-a always,exit -F uid&1",
		  "operator '&' is only supported on a0 to a3" },
		{ "-a always,exit -F pid&=1",
		  "operator '&=' is only supported on a0 to a3" },
		{ "-a always,exit -F arch<b64",
		  "field 'arch' takes only = or !=" },
		{ "-a always,exit -F exe>/bin/ls",
		  "field 'exe' takes only = or !=" },
		{ "-a always,exit -F loginuid_set>=1",
		  "field 'loginuid_set' takes only = or !=" },
		{ "-a always,exit -F loginuid_set=2",
		  "-F 'loginuid_set=2': loginuid_set is 0 or 1" },
		/* contid: = and != only, a decimal u64 or -1, nothing else. */
		{ "-a always,exit -F contid>5",
		  "field 'contid' takes only = or != (a container ID is a name, not a quantity)" },
		{ "-a always,exit -F contid<=5",
		  "field 'contid' takes only = or != (a container ID is a name, not a quantity)" },
		{ "-a always,exit -F contid&1",
		  "field 'contid' takes only = or != (a container ID is a name, not a quantity)" },
		{ "-a always,exit -F contid&=1",
		  "field 'contid' takes only = or != (a container ID is a name, not a quantity)" },
		{ "-a always,exit -F contid=+5",
		  "-F 'contid=+5': contid is a decimal number from 0 to 18446744073709551615, or -1 for none" },
		{ "-a always,exit -F contid=-2",
		  "-F 'contid=-2': contid is a decimal number from 0 to 18446744073709551615, or -1 for none" },
		{ "-a always,exit -F contid!=-0",
		  "-F 'contid!=-0': contid is a decimal number from 0 to 18446744073709551615, or -1 for none" },
		{ "-a always,exit -F contid=--1",
		  "-F 'contid=--1': contid is a decimal number from 0 to 18446744073709551615, or -1 for none" },
		{ "-a always,exit -F contid=-1x",
		  "-F 'contid=-1x': contid is a decimal number from 0 to 18446744073709551615, or -1 for none" },
		{ "-a always,exit -F contid=0x10",
		  "-F 'contid=0x10': contid is a decimal number from 0 to 18446744073709551615, or -1 for none" },
		{ "-a always,exit -F contid=abc",
		  "-F 'contid=abc': contid is a decimal number from 0 to 18446744073709551615, or -1 for none" },
		{ "-a always,exit -F contid=4711k",
		  "-F 'contid=4711k': contid is a decimal number from 0 to 18446744073709551615, or -1 for none" },
		{ "-a always,exit -F contid=unset",
		  "-F 'contid=unset': contid is a decimal number from 0 to 18446744073709551615, or -1 for none" },
		{ "-a always,exit -F contid=18446744073709551616",
		  "-F 'contid=18446744073709551616': contid is out of range 0 to 18446744073709551615" },
		{ "-a always,exit -F contid=99999999999999999999",
		  "-F 'contid=99999999999999999999': contid is out of range 0 to 18446744073709551615" },
		{ "-a always,exit -F contid=", "-F 'contid=': missing value" },
		{ "-a always,exit -F contid", "-F 'contid': expected an operator (= != < > <= >= & &=)" },
		{ "-a always,exclude -F contid=1",
		  "field 'contid' is not supported on the exclude list (only msgtype)" },
		{ "-a always,exit -F contids=1", "-F 'contids=1': unknown field 'contids'" },
		{ "-a always,exclude -S openat",
		  "-S: syscalls cannot be put on the exclude list" },
		{ "-w /etc/passwd -p wa",
		  "option '-w': file watches are not supported by nsaudit rules" },
		{ "-a always,exit -C uid!=euid",
		  "option '-C': field comparisons are not supported by nsaudit rules" },
		{ "-a always,exit -F foo=1", "-F 'foo=1': unknown field 'foo'" },
		{ "-a always,exit -F =1", "-F '=1': missing field name" },
		{ "-a always,exit -F uid", "-F 'uid': expected an operator (= != < > <= >= & &=)" },
		{ "-a always,exit -F uid=", "-F 'uid=': missing value" },
		{ "-a always,exit -F pid=abc", "-F 'pid=abc': value is not a number" },
		/* libaudit would make it 0 silently; refused instead. */
		{ "-a always,exit -F sessionid=abc", "-F 'sessionid=abc': value is not a number" },
		{ "-a always,exit -F exit=-EFOO", "-F 'exit=-EFOO': unknown errno name" },
		{ "-a always,exit -F arch=b16", "-F 'arch=b16': unknown architecture" },
		{ "-a always,exclude -F msgtype=NOPE", "-F 'msgtype=NOPE': unknown message type" },
		{ "-a always,exit -S nosuchcall", "-S: syscall 'nosuchcall' is unknown" },
		{ "-a always,exit -S ,", "-S: expected a syscall name or number" },
		{ "-a always,exit -S openat -F arch=b64", "-F arch must come before -S" },
		{ "-a always,exit -F arch=b64 -k k", "-k: a key needs -S or -F exe before it" },
		{ "-a always,exit -F arch=b64 -F key=k", "a key needs -S or -F exe before it" },
		{ "-a always,exit -S all -F key=", "empty key" },
		{ "-a foo", "-a 'foo': expected LIST,ACTION (exit or exclude, always or never)" },
		{ "-a always,never", "-a 'always,never': expected LIST,ACTION (exit or exclude, always or never)" },
		{ "-a exit,exit", "-a 'exit,exit': expected LIST,ACTION (exit or exclude, always or never)" },
		{ "-a possible,exit", "-a: action 'possible' is deprecated and not supported" },
		{ "-a always,exit -d always,exit", "-d: only one rule can be added or deleted at a time" },
		{ "-S openat", "-S: give -a, -A or -d first" },
		{ "-F pid=1", "-F: give -a, -A or -d first" },
		{ "-k key", "-k: give -a, -A or -d first" },
		{ "-a always,exit extra", "unexpected argument 'extra'" },
		{ "-a", "option '-a' needs a value" },
		{ "-a always,exit -s", "unknown option '-s'" },
		{ "-a always,exit -D", "option '-D': -D deletes all rules; it takes no other options" },
		{ "-a always,exit -b 5", "option '-b': not supported by nsaudit rules" },
		{ "-D -k x", "-D: unexpected '-k' after it" },
		{ "-l -i", "-l: unexpected '-i' after it" },
		{ "-b", "-b: missing value" },
		{ "-R /etc/audit/audit.rules", "option '-R': rules files cannot be nested" },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++)
		parse_fails(cases[i].line, cases[i].err);
}
END_TEST

START_TEST(test_is_option)
{
	ck_assert(rule_is_option("-a"));
	ck_assert(rule_is_option("-aalways,exit"));
	ck_assert(rule_is_option("-D"));
	ck_assert(rule_is_option("-l"));
	ck_assert(rule_is_option("-w"));
	ck_assert(rule_is_option("--backlog_wait_time"));
	ck_assert(!rule_is_option("-Dx"));
	ck_assert(!rule_is_option("-s"));
	ck_assert(!rule_is_option("-e"));
	ck_assert(!rule_is_option("--json"));
	ck_assert(!rule_is_option("status"));
	ck_assert(!rule_is_option("-"));
}
END_TEST

/* --- text.c: what auditctl -l prints ------------------------------------ */

static const struct {
	const char *in, *out;
} print_cases[] = {
	/* The doc's example: each -k becomes "-F key=", after the fields. */
	{ "-a always,exit -F arch=b64 -S openat -F success=0 -k key",
	  "-a always,exit -F arch=b64 -S openat -F success=0 -F key=key" },
	/* Several keys: one "-F key=" each, in the order given. */
	{ "-a always,exit -F arch=b32 -S open,openat -k a -k b",
	  "-a always,exit -F arch=b32 -S open,openat -F key=a -F key=b" },
	/* A full mask prints as "all". */
	{ "-a never,exit -F arch=b64 -S all",
	  "-a never,exit -F arch=b64 -S all" },
	/* No -S: auditctl added every syscall, so "all" again. */
	{ "-a always,exit -F arch=b64 -F pid=5",
	  "-a always,exit -F arch=b64 -S all -F pid=5" },
	/* No arch: names by this machine's table, no arch field. */
	{ "-a always,exit -S openat", "-a always,exit -S openat" },
	/* Syscalls in number order, not as given. */
	{ "-a always,exit -F arch=b64 -S openat,read,write -F pid=1 -F ppid!=2 -F uid>=1000 -F euid<5 -F suid>3 -F fsuid<=4",
	  "-a always,exit -F arch=b64 -S read,write,openat -F pid=1 -F ppid!=2 -F uid>=1000 -F euid<5 -F suid>3 -F fsuid<=4" },
	/* A number prints as its name; auid unset as the signed -1. */
	{ "-a always,exit -F arch=b64 -S 2 -F gid=0 -F egid!=0 -F sgid=1 -F fsgid=2 -F auid>=1000 -F auid!=unset -F sessionid=3",
	  "-a always,exit -F arch=b64 -S open -F gid=0 -F egid!=0 -F sgid=1 -F fsgid=2 -F auid>=1000 -F auid!=-1 -F sessionid=3" },
	/* exit by errno name; a0-a3 as upper-case hex, whatever the input. */
	{ "-a always,exit -F arch=b64 -S openat -F exit=-13 -F a0=0x10 -F a1&0x3 -F a2&=4 -F a3=5",
	  "-a always,exit -F arch=b64 -S openat -F exit=-EACCES -F a0=0x10 -F a1&0x3 -F a2&=0x4 -F a3=0x5" },
	/* exe as the string; exit=-EACCES stays as it is. */
	{ "-a always,exit -F arch=b64 -S openat -F exit=-EACCES -F exe=/usr/bin/x -F success=1",
	  "-a always,exit -F arch=b64 -S openat -F exit=-EACCES -F exe=/usr/bin/x -F success=1" },
	/* exe!=: auditctl 4 prints the operator, auditctl 3 printed "=". */
	{ "-a always,exit -F arch=b64 -S execve -F exe!=/usr/bin/x -F exe=/bin/y",
#if NSAUDIT_LIBAUDIT_MAJOR >= 4
	  "-a always,exit -F arch=b64 -S execve -F exe!=/usr/bin/x -F exe=/bin/y" },
#else
	  "-a always,exit -F arch=b64 -S execve -F exe=/usr/bin/x -F exe=/bin/y" },
#endif
	/* Numbers are signed decimals: 4294967295 is -1; a0 is 32 bits. */
	{ "-a always,exit -F arch=b64 -S openat -F auid=4294967295 -F a0!=-1 -F a1=18446744073709551615",
	  "-a always,exit -F arch=b64 -S openat -F auid=-1 -F a0!=0xFFFFFFFF -F a1=0xFFFFFFFF" },
	/* exit without an errno name (0, beyond 4095) stays decimal. */
	{ "-a always,exit -F arch=b64 -S openat -F exit>=0 -F exit<-4096 -F pid>=0 -F sessionid!=4294967295",
	  "-a always,exit -F arch=b64 -S openat -F exit>=0 -F exit<-4096 -F pid>=0 -F sessionid!=-1" },
	/* A positive exit is a return value, not an errno: decimal. */
	{ "-a always,exit -F arch=b64 -S read -F exit=13",
	  "-a always,exit -F arch=b64 -S read -F exit=13" },
	/* Names of users and errnos become numbers and names as stored. */
	{ "-a always,exit -F arch=b64 -S openat -F uid=root -F gid=root -F exit=-EPERM",
	  "-a always,exit -F arch=b64 -S openat -F uid=0 -F gid=0 -F exit=-EPERM" },
	/* The exclude list prints no syscalls; msgtype by name if it has one. */
	{ "-a always,exclude -F msgtype=CWD", "-a always,exclude -F msgtype=CWD" },
	{ "-a never,exclude -F msgtype>=1300 -F msgtype<=1399",
	  "-a never,exclude -F msgtype>=SYSCALL -F msgtype<=1399" },
	/* ACTION,LIST and LIST,ACTION are the same rule. */
	{ "-a exit,always -F arch=b32 -S all -k x",
	  "-a always,exit -F arch=b32 -S all -F key=x" },
	/* The key is always the last field. */
	{ "-a always,exit -F arch=b64 -S openat -F key=k1 -F pid=1",
	  "-a always,exit -F arch=b64 -S openat -F pid=1 -F key=k1" },
	/* loginuid_set: libaudit has no name; printed so that it parses. */
	{ "-a always,exit -F arch=b64 -S openat -F loginuid_set=0",
	  "-a always,exit -F arch=b64 -S openat -F loginuid_set=0" },
	/* arch!= keeps its operator. */
	{ "-a always,exit -F arch!=b32 -S all",
	  "-a always,exit -F arch!=b32 -S all" },
	/*
	 * contid: no auditctl knows it (libaudit would print " f27=8");
	 * "-F contid=N" at its place, so that it parses back. The key last.
	 */
	{ "-a always,exit -F arch=b64 -S openat -F contid=4711 -k k",
	  "-a always,exit -F arch=b64 -S openat -F contid=4711 -F key=k" },
	{ "-a always,exit -F arch=b64 -S openat -k k -F contid!=4711",
	  "-a always,exit -F arch=b64 -S openat -F contid!=4711 -F key=k" },
	/* The unset ID as -1, however it was written. */
	{ "-a always,exit -F arch=b64 -S all -F contid!=-1",
	  "-a always,exit -F arch=b64 -S all -F contid!=-1" },
	{ "-a never,exit -F arch=b64 -S all -F contid=18446744073709551615 -F contid!=0 -F contid=18446744073709551614",
	  "-a never,exit -F arch=b64 -S all -F contid=-1 -F contid!=0 -F contid=18446744073709551614" },
	/* Among strings (7 and 10 bytes: the ID lies unaligned in buf). */
	{ "-a never,exit -F arch=b64 -S execve -F exe=/bin/ls -F contid=007 -F uid=0 -F exe=/usr/bin/x -F key=k1 -k k2",
	  "-a never,exit -F arch=b64 -S execve -F exe=/bin/ls -F contid=7 -F uid=0 -F exe=/usr/bin/x -F key=k1 -F key=k2" },
	{ "-a always,exit -F contid=1 -F exe=/bin/ls -k k",
	  "-a always,exit -S all -F contid=1 -F exe=/bin/ls -F key=k" },
};

START_TEST(test_print_table)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(print_cases); i++) {
		struct rule_cmd c;
		char *text, want[512];
		int rc;

		parse_ok(print_cases[i].in, &c);
		text = print(c.rule, c.len, &rc);
		ck_assert_int_eq(rc, 0);
		snprintf(want, sizeof(want), "%s\n", print_cases[i].out);
		ck_assert_msg(!strcmp(text, want), "%s:\n got  %s want %s",
			      print_cases[i].in, text, want);
		free(text);
		rule_cmd_free(&c);
	}
}
END_TEST

/* Rules the parser does not make, as a module could list them. */
START_TEST(test_print_by_hand)
{
	struct {
		struct audit_rule_data r;
		char buf[16];
	} m;
	struct audit_rule_data *r = &m.r;
	char *text;
	int rc;

	memset(&m, 0, sizeof(m));
	r->flags = AUDIT_FILTER_EXIT | AUDIT_FILTER_PREPEND;
	r->action = AUDIT_ALWAYS;
	r->mask[0] = 1;		/* read */
	r->field_count = 4;
	/* An elf libaudit does not know: the raw value, numbers for -S. */
	r->fields[0] = AUDIT_ARCH;
	r->fieldflags[0] = AUDIT_EQUAL;
	r->values[0] = 0x1234;
	/* A field without a name: auditctl's " fN=V", no -F. */
	r->fields[1] = 99;
	r->fieldflags[1] = AUDIT_NOT_EQUAL;
	r->values[1] = 7;
	/* Empty keys between separators are skipped, as strtok does. */
	r->fields[2] = AUDIT_FILTERKEY;
	r->fieldflags[2] = AUDIT_EQUAL;
	r->values[2] = 6;
	/* msgtype without a name: decimal. */
	r->fields[3] = AUDIT_MSGTYPE;
	r->fieldflags[3] = AUDIT_EQUAL;
	r->values[3] = 1399;
	memcpy(r->buf, "\001a\001\001b\001", 6);
	r->buflen = 6;

	text = print(r, sizeof(*r) + 6, &rc);
	ck_assert_int_eq(rc, 0);
	/* PREPEND is not a list: "-a always,exit", as the kernel lists it. */
	ck_assert_str_eq(text, "-a always,exit -F arch=0x1234 -S 0 f99!=7 "
			 "-F key=a -F key=b -F msgtype=1399\n");
	free(text);

	/* Malformed: nothing printed. */
	text = print(r, sizeof(*r) + 5, &rc);
	ck_assert_int_eq(rc, -EINVAL);
	ck_assert_str_eq(text, "");
	free(text);
	r->values[2] = 7;
	text = print(r, sizeof(*r) + 6, &rc);
	ck_assert_int_eq(rc, -EINVAL);
	free(text);
	r->values[2] = 6;
	r->field_count = AUDIT_MAX_FIELDS + 1;
	text = print(r, sizeof(*r) + 6, &rc);
	ck_assert_int_eq(rc, -EINVAL);
	free(text);
	text = print(r, sizeof(*r) - 1, &rc);
	ck_assert_int_eq(rc, -EINVAL);
	free(text);
}
END_TEST

/*
 * exe!=: auditctl 3.0.9 -l prints "-F exe=P" whatever the operator (seen
 * on the auditd lane: the kernel lists op != and auditctl prints "=");
 * nsauditctl -l prints the same bytes. Not in print_cases: the text does
 * not parse back to the same rule, as auditctl's does not.
 */
START_TEST(test_print_exe_not_equal)
{
	struct rule_cmd c;
	char *text;
	int rc;

	parse_ok("-a always,exit -F arch=b64 -S swapon,swapoff -F exe!=/nsaudit/bin/nsa-gen -F key=rt19", &c);
	ck_assert_uint_eq(c.rule->fields[1], AUDIT_EXE);
	ck_assert_uint_eq(c.rule->fieldflags[1], AUDIT_NOT_EQUAL);
	text = print(c.rule, c.len, &rc);
	ck_assert_int_eq(rc, 0);
	ck_assert_str_eq(text, "-a always,exit -F arch=b64 -S swapon,swapoff -F exe=/nsaudit/bin/nsa-gen -F key=rt19\n");
	free(text);
	rule_cmd_free(&c);
}
END_TEST

/*
 * contid as a module could list it: with an operator the parser refuses
 * (printed as it is), and malformed ones (a value other than 8, bytes
 * past buf): nothing printed.
 */
START_TEST(test_print_contid_by_hand)
{
	struct {
		struct audit_rule_data r;
		char buf[16];
	} m;
	struct audit_rule_data *r = &m.r;
	uint64_t id = 4711;
	char *text;
	int rc;

	memset(&m, 0, sizeof(m));
	r->flags = AUDIT_FILTER_EXIT;
	r->action = AUDIT_NEVER;
	r->mask[0] = 1;		/* read */
	r->field_count = 3;
	r->fields[0] = AUDIT_EXE;
	r->fieldflags[0] = AUDIT_EQUAL;
	r->values[0] = 3;
	r->fields[1] = NSAUDIT_RULE_FIELD_CONTID;
	r->fieldflags[1] = AUDIT_GREATER_THAN;
	r->values[1] = 8;
	r->fields[2] = AUDIT_FILTERKEY;
	r->fieldflags[2] = AUDIT_EQUAL;
	r->values[2] = 1;
	memcpy(r->buf, "/ls", 3);
	memcpy(r->buf + 3, &id, 8);	/* unaligned, as after an odd string */
	r->buf[11] = 'k';
	r->buflen = 12;

	text = print(r, sizeof(*r) + 12, &rc);
	ck_assert_int_eq(rc, 0);
	ck_assert_str_eq(text, "-a never,exit -S read -F exe=/ls -F contid>4711 "
			 "-F key=k\n");
	free(text);

	/* contid's length is 8 and nothing else. */
	r->values[1] = 4;
	r->values[2] = 5;
	text = print(r, sizeof(*r) + 12, &rc);
	ck_assert_int_eq(rc, -EINVAL);
	ck_assert_str_eq(text, "");
	free(text);

	/* Its bytes past buf. */
	r->values[1] = 8;
	r->values[2] = 1;
	r->buflen = 10;
	r->field_count = 2;
	text = print(r, sizeof(*r) + 10, &rc);
	ck_assert_int_eq(rc, -EINVAL);
	ck_assert_str_eq(text, "");
	free(text);
}
END_TEST

/*
 * argv -> rule -> text -> argv -> the very same bytes; but for exe!= with
 * auditctl 3's text, which lists it as exe= and so makes another rule.
 */
START_TEST(test_round_trip)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(print_cases); i++) {
		bool lossy = NSAUDIT_LIBAUDIT_MAJOR < 4 &&
			     strstr(print_cases[i].in, "exe!=");
		struct rule_cmd a, b;
		char *text;
		int rc;

		parse_ok(print_cases[i].in, &a);
		text = print(a.rule, a.len, &rc);
		ck_assert_int_eq(rc, 0);
		text[strlen(text) - 1] = '\0';
		parse_ok(text, &b);
		ck_assert_msg((a.len == b.len &&
			       !memcmp(a.rule, b.rule, a.len)) ==
			      !lossy,
			      "%s: '%s' parses to %s bytes",
			      print_cases[i].in, text,
			      lossy ? "the same" : "other");
		free(text);
		rule_cmd_free(&a);
		rule_cmd_free(&b);
	}
}
END_TEST

/*
 * What nsauditctl -l prints, fed back with -d (as auditctl users do to
 * delete a listed rule): the payload of the -a that added it, byte for
 * byte, or the module would not find the rule.
 */
START_TEST(test_round_trip_delete)
{
	static const char *const lines[] = {
		"-a always,exit -F arch=b64 -S openat -F contid=4711 -k k",
		"-a never,exit -F arch=b64 -S all -F contid!=-1",
		"-a always,exit -F arch=b64 -S execve -F exe=/bin/ls -F contid=18446744073709551615 -F uid=0 -k a -k b",
		"-A always,exit -F contid=1 -F exe=/bin/ls -k k",
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(lines); i++) {
		struct rule_cmd a, d;
		char *text;
		int rc;

		parse_ok(lines[i], &a);
		text = print(a.rule, a.len, &rc);
		ck_assert_int_eq(rc, 0);
		text[strlen(text) - 1] = '\0';
		ck_assert_msg(!strncmp(text, "-a ", 3), "%s", text);
		text[1] = 'd';
		parse_ok(text, &d);
		ck_assert_int_eq(d.op, RULE_OP_DEL);
		/* -A's prepend flag is not part of the rule the kernel lists. */
		a.rule->flags &= ~AUDIT_FILTER_PREPEND;
		ck_assert_msg(a.len == d.len &&
			      !memcmp(a.rule, d.rule, a.len),
			      "%s: '%s' deletes other bytes", lines[i], text);
		free(text);
		rule_cmd_free(&a);
		rule_cmd_free(&d);
	}
}
END_TEST

/* --- file.c --------------------------------------------------------------- */

struct notes {
	char text[8][RULE_ERR_MAX + 64];
	int n;
};

static void take_note(void *ctx, const char *msg)
{
	struct notes *n = ctx;

	ck_assert_int_lt(n->n, 8);
	snprintf(n->text[n->n++], sizeof(n->text[0]), "%s", msg);
}

static int parse_file(const char *content, struct rule_file *rf,
		      struct notes *notes, char *err, size_t size)
{
	FILE *f = fmemopen((void *)content, strlen(content), "r");
	int rc;

	ck_assert_ptr_nonnull(f);
	rc = rule_file_parse(f, "t.rules", rf, take_note, notes, err, size);
	fclose(f);
	return rc;
}

START_TEST(test_file_parse)
{
	static const char content[] =
		"## audit.rules as augenrules writes it\n"
		"-D\n"
		"\n"
		"   \t\n"
		"-b 8192\n"
		"# a comment\n"
		"  # an indented one\n"
		"-a always,exit -F arch=b64 -S openat -F success=0 -k key\n"
		"-a always,exit -S openat\n"
		"-a always,exit -F arch=b64 -S execve -F exe=/opt/my\\ app\\\\x\n"
		"-d always,exit -F arch=b64 -S openat -F success=0 -k key\n"
		"-e 2";	/* no newline at the end */
	struct notes notes = { .n = 0 };
	struct rule_file rf;
	char err[RULE_ERR_MAX + 64] = "";

	ck_assert_int_eq(parse_file(content, &rf, &notes, err, sizeof(err)), 0);
	ck_assert_str_eq(err, "");
	ck_assert_uint_eq(rf.count, 5);
	ck_assert_uint_eq(rf.lines[0].line, 2);
	ck_assert_int_eq(rf.lines[0].cmd.op, RULE_OP_DELETE_ALL);
	ck_assert_uint_eq(rf.lines[1].line, 8);
	ck_assert_int_eq(rf.lines[1].cmd.op, RULE_OP_ADD);
	ck_assert_uint_eq(rf.lines[2].line, 9);
	ck_assert_uint_eq(rf.lines[3].line, 10);
	/* "\ " is a blank inside a word, "\\" a backslash. */
	ck_assert_uint_eq(rf.lines[3].cmd.rule->buflen, 13);
	ck_assert_mem_eq(rf.lines[3].cmd.rule->buf, "/opt/my app\\x", 13);
	ck_assert_uint_eq(rf.lines[4].line, 11);
	ck_assert_int_eq(rf.lines[4].cmd.op, RULE_OP_DEL);

	ck_assert_int_eq(notes.n, 3);
	ck_assert_str_eq(notes.text[0], "t.rules:5: -b ignored: the backlog "
			 "is the host's (see nsauditctl set backlog)");
	ck_assert_str_eq(notes.text[1], "t.rules:9: WARNING - 32/64 bit "
			 "syscall mismatch, you should specify an arch");
	ck_assert_str_eq(notes.text[2], "t.rules:12: -e ignored: nsaudit "
			 "rules have no enable flag or immutable mode");
	rule_file_free(&rf);
	ck_assert_ptr_null(rf.lines);
	ck_assert_uint_eq(rf.count, 0);

	/* Nothing but comments: an empty, valid file. */
	ck_assert_int_eq(parse_file("# none\n\n", &rf, &notes, err,
				    sizeof(err)), 0);
	ck_assert_uint_eq(rf.count, 0);
	rule_file_free(&rf);
}
END_TEST

START_TEST(test_file_errors)
{
	static const struct {
		const char *content, *err;
	} cases[] = {
		{ "-a always,exit -S all\n-a always,exit -F path=/x\n",
		  "t.rules:2: field 'path' is not supported by nsaudit rules" },
		{ "\n\n-w /etc/shadow -p wa -k shadow\n",
		  "t.rules:3: option '-w': file watches are not supported by nsaudit rules" },
		{ "-l\n", "t.rules:1: -l does not belong in a rules file" },
		{ "-R other.rules\n", "t.rules:1: -R: rules files cannot be nested" },
		{ "-a always,exit -S all # trailing comment\n",
		  "t.rules:1: unexpected argument '#'" },
		{ "-D\n-a always,task\n",
		  "t.rules:2: -a: list 'task' is not supported by nsaudit rules (only exit and exclude)" },
		{ "status\n", "t.rules:1: unexpected argument 'status'" },
	};
	struct notes notes = { .n = 0 };
	struct rule_file rf;
	char err[RULE_ERR_MAX + 64];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		ck_assert_int_eq(parse_file(cases[i].content, &rf, &notes, err,
					    sizeof(err)), -1);
		ck_assert_str_eq(err, cases[i].err);
		ck_assert_uint_eq(rf.count, 0);
		ck_assert_ptr_null(rf.lines);
	}

	/* A NUL byte in a line. */
	{
		static const char nul[] = "-D\n-a always,\0exit\n";
		FILE *f = fmemopen((void *)nul, sizeof(nul) - 1, "r");

		ck_assert_ptr_nonnull(f);
		ck_assert_int_eq(rule_file_parse(f, "t.rules", &rf, NULL, NULL,
						 err, sizeof(err)), -1);
		fclose(f);
		ck_assert_str_eq(err, "t.rules:2: NUL byte in line");
	}
}
END_TEST

/* contid lines in a rules file (nsauditd's rules_file, -R). */
START_TEST(test_file_contid)
{
	static const char content[] =
		"-D\n"
		"-a never,exit -F arch=b64 -S all -F contid=-1\n"
		"-a always,exit -F arch=b64 -S openat -F contid!=-1 -k in-container\n"
		"-d always,exit -F arch=b64 -S openat -F contid!=-1 -k in-container\n";
	struct notes notes = { .n = 0 };
	struct rule_file rf;
	char err[RULE_ERR_MAX + 64] = "";
	unsigned char unset[8];

	memset(unset, 0xff, sizeof(unset));
	ck_assert_int_eq(parse_file(content, &rf, &notes, err, sizeof(err)), 0);
	ck_assert_str_eq(err, "");
	ck_assert_int_eq(notes.n, 0);
	ck_assert_uint_eq(rf.count, 4);
	ck_assert_uint_eq(rf.lines[1].cmd.rule->fields[1],
			  NSAUDIT_RULE_FIELD_CONTID);
	ck_assert_uint_eq(rf.lines[1].cmd.rule->fieldflags[1], AUDIT_EQUAL);
	ck_assert_mem_eq(rf.lines[1].cmd.rule->buf, unset, 8);
	ck_assert_uint_eq(rf.lines[2].cmd.rule->fieldflags[1],
			  AUDIT_NOT_EQUAL);
	ck_assert_uint_eq(rf.lines[2].cmd.rule->buflen, 8 + 12);
	ck_assert_mem_eq(rf.lines[2].cmd.rule->buf + 8, "in-container", 12);
	ck_assert_int_eq(rf.lines[3].cmd.op, RULE_OP_DEL);
	ck_assert_uint_eq(rf.lines[2].cmd.len, rf.lines[3].cmd.len);
	ck_assert_mem_eq(rf.lines[2].cmd.rule, rf.lines[3].cmd.rule,
			 rf.lines[2].cmd.len);
	rule_file_free(&rf);

	/* A bad one refuses the whole file, with its line. */
	ck_assert_int_eq(parse_file("-D\n-a always,exit -S all -F contid>1\n",
				    &rf, &notes, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "t.rules:2: field 'contid' takes only = or != "
			 "(a container ID is a name, not a quantity)");
	ck_assert_uint_eq(rf.count, 0);
	/* "\ " makes a blank part of the value: not a number either. */
	ck_assert_int_eq(parse_file("-a always,exit -S all -F contid=1\\ 2\n",
				    &rf, &notes, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "t.rules:1: -F 'contid=1 2': contid is a decimal "
			 "number from 0 to 18446744073709551615, or -1 for none");
}
END_TEST

START_TEST(test_file_load)
{
	struct rule_file rf;
	char err[RULE_ERR_MAX + 64] = "";
	bool found = true;

	/* A missing file is fine unless it is required. */
	ck_assert_int_eq(rule_file_load("/nonexistent/nsaudit.rules", false,
					 &rf, &found, NULL, NULL, err,
					 sizeof(err)), 0);
	ck_assert(!found);
	ck_assert_uint_eq(rf.count, 0);
	ck_assert_str_eq(err, "");
	ck_assert_int_eq(rule_file_load("/nonexistent/nsaudit.rules", true,
					&rf, &found, NULL, NULL, err,
					sizeof(err)), -1);
	ck_assert_str_eq(err, "/nonexistent/nsaudit.rules: No such file or directory");
}
END_TEST

Suite *nsaudit_rules_suite(void)
{
	Suite *s = suite_create("rules");
	TCase *tc = tcase_create("build");

	tcase_add_test(tc, test_build_fields);
	tcase_add_test(tc, test_build_exe);
	tcase_add_test(tc, test_build_contid);
	tcase_add_test(tc, test_build_contid_layout);
	tcase_add_test(tc, test_build_contid_delete);
	tcase_add_test(tc, test_build_in_userns);
	tcase_add_test(tc, test_build_syscalls);
	tcase_add_test(tc, test_build_arch_warning);
	tcase_add_test(tc, test_build_keys);
	tcase_add_test(tc, test_build_lists);
	tcase_add_test(tc, test_build_whole_lines);
	tcase_add_test(tc, test_build_refusals);
	tcase_add_test(tc, test_is_option);
	suite_add_tcase(s, tc);

	tc = tcase_create("print");
	tcase_add_test(tc, test_print_table);
	tcase_add_test(tc, test_print_by_hand);
	tcase_add_test(tc, test_print_exe_not_equal);
	tcase_add_test(tc, test_print_contid_by_hand);
	tcase_add_test(tc, test_round_trip);
	tcase_add_test(tc, test_round_trip_delete);
	suite_add_tcase(s, tc);

	tc = tcase_create("file");
	tcase_add_test(tc, test_file_parse);
	tcase_add_test(tc, test_file_errors);
	tcase_add_test(tc, test_file_contid);
	tcase_add_test(tc, test_file_load);
	suite_add_tcase(s, tc);
	return s;
}
