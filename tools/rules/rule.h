/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nsaudit rules in auditctl syntax, shared by nsauditctl and nsauditd:
 * one command line into a struct audit_rule_data as auditctl builds it
 * with libaudit (build.c), a rule back into the text auditctl -l prints
 * (text.c), and audit.rules-style files (file.c). No netlink and no
 * output of their own, so all of it is unit tested
 * (tests/unit/test_rules.c).
 *
 * libaudit keeps rule-building state in globals (_audit_elf and the
 * _audit_*added flags); rule_parse() resets them on entry, so calls are
 * independent but must not run in two threads at once.
 */
#ifndef NSAUDIT_TOOLS_RULE_H
#define NSAUDIT_TOOLS_RULE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include <linux/audit.h>

/* Room for one error or note, without location or prefix. */
#define RULE_ERR_MAX		256

/* What one auditctl-style command line asks for. */
enum rule_op {
	RULE_OP_NONE,
	RULE_OP_ADD,		/* -a LIST,ACTION or -A LIST,ACTION */
	RULE_OP_DEL,		/* -d LIST,ACTION */
	RULE_OP_DELETE_ALL,	/* -D */
	RULE_OP_LIST,		/* -l */
	RULE_OP_IGNORED,	/* -b, -e, -f, -r...: the host's settings */
};

/**
 * struct rule_cmd - one parsed command line
 * @op: what to do
 * @rule: RULE_OP_ADD, RULE_OP_DEL: the rule, flags (filter, with
 *        AUDIT_FILTER_PREPEND for -A) and action set; malloc'ed, freed by
 *        rule_cmd_free()
 * @len: sizeof(*@rule) + @rule->buflen
 * @note: RULE_OP_IGNORED: why it does not apply; RULE_OP_ADD: auditctl's
 *        warning for syscalls given without an arch, if it applies; else ""
 */
struct rule_cmd {
	enum rule_op op;
	struct audit_rule_data *rule;
	size_t len;
	char note[RULE_ERR_MAX];
};

/**
 * rule_is_option() - does @arg start an auditctl-style command?
 * @arg: a command-line argument
 *
 * Return: true for the options rule_parse() knows, supported or refused
 * with a reason (-a, -A, -d, -D, -l, -S, -F, -k, -b, -w, -C, ...), also
 * in the attached form "-aalways,exit"; false for anything else.
 */
bool rule_is_option(const char *arg);

/**
 * rule_parse() - parse one auditctl-style command line
 * @argc: number of entries in @argv
 * @argv: the options and their values, from the first option on (no
 *        program name); not modified
 * @cmd: filled in on success; on failure left empty (nothing to free)
 * @err: receives a one-line reason on failure, naming what is refused
 * @size: size of @err
 *
 * As auditctl: -a/-A/-d LIST,ACTION (either order) first, then -F
 * (arch before -S), -S (names or numbers, comma lists, "all"), -k (several
 * keys are joined with AUDIT_KEY_SEPARATOR, -F key=K is a key too); an
 * exit rule without -S gets every syscall. Only what nsaudit supports is
 * accepted: the exit list with pid, ppid, uid, euid, suid, fsuid, gid,
 * egid, sgid, fsgid, auid (loginuid), loginuid_set, sessionid, success,
 * exit, a0-a3, exe, arch, contid and keys; the exclude list with msgtype;
 * each field with the operators the kernel's audit allows it. contid, the
 * audit container ID (NSAUDIT_RULE_FIELD_CONTID, which libaudit does not
 * know), takes = or != and a decimal u64 or -1 (NSAUDIT_CONTID_UNSET).
 *
 * Return: 0, or -1 with @err set.
 */
int rule_parse(int argc, char *const argv[], struct rule_cmd *cmd, char *err,
	       size_t size);

/* Free what rule_parse() allocated; @cmd is empty afterwards. */
void rule_cmd_free(struct rule_cmd *cmd);

/**
 * rule_print() - write a rule as auditctl -l prints it, and a newline
 * @f: the stream
 * @r: the rule, as the module lists it
 * @len: its length, buf included
 *
 * The text is auditctl 3.0.9's: "-a ACTION,LIST", the arch fields, the
 * syscalls ("-S all" or names in number order), then the other fields in
 * rule order, uids and the like as signed decimals, a0-a3 in hex, exit as
 * an errno name where one fits, exe as "-F exe=P" whatever its operator
 * (auditctl's quirk: exe!= lists as exe=), each key as "-F key=K". Where auditctl
 * has no name for a field nsaudit supports (loginuid_set: libaudit 3.0.9
 * lacks it and would print " f24=1"; contid, which no libaudit names), it
 * is printed as "-F NAME=V" so that the text parses back: contid's V is
 * the u64 in decimal, or -1 for NSAUDIT_CONTID_UNSET.
 *
 * Return: 0; -EINVAL for a malformed rule (nothing written); -EIO if the
 * stream reports an error.
 */
int rule_print(FILE *f, const struct audit_rule_data *r, size_t len);

/**
 * struct rule_line - one command of a rules file
 * @line: its line number, from 1
 * @cmd: the command (RULE_OP_ADD, RULE_OP_DEL or RULE_OP_DELETE_ALL)
 */
struct rule_line {
	unsigned int line;
	struct rule_cmd cmd;
};

/**
 * struct rule_file - a parsed rules file
 * @lines: its commands, in file order
 * @count: how many
 */
struct rule_file {
	struct rule_line *lines;
	size_t count;
};

/* Called with "NAME:LINE: note" for each ignored option and warning. */
typedef void (*rule_note_fn)(void *ctx, const char *msg);

/**
 * rule_file_parse() - parse an audit.rules-style file
 * @f: the stream
 * @name: what messages call it
 * @rf: filled in on success (free with rule_file_free()); empty on failure
 * @note: receives the notes; may be NULL
 * @ctx: passed to @note
 * @err: receives "NAME:LINE: reason" on failure
 * @size: size of @err
 *
 * One auditctl command a line, as auditctl -R reads it: blank lines and
 * lines whose first word starts with '#' are skipped; words are split at
 * blanks, "\ " is a blank inside a word and "\\" a backslash. -D deletes
 * what came before, -b, -e, -f, -r and --backlog_wait_time are the
 * host's business and ignored with a note; -l and -R are refused.
 *
 * Return: 0, or -1 with @err set (the whole file is refused).
 */
int rule_file_parse(FILE *f, const char *name, struct rule_file *rf,
		    rule_note_fn note, void *ctx, char *err, size_t size);

/**
 * rule_file_load() - rule_file_parse() on the file @path
 * @path: the file
 * @required: whether a missing file is an error
 * @rf: as for rule_file_parse()
 * @found: set to whether the file exists; may be NULL
 * @note: as for rule_file_parse()
 * @ctx: as for rule_file_parse()
 * @err: as for rule_file_parse(); "PATH: reason" if it cannot be read
 * @size: size of @err
 *
 * Return: 0 (an empty @rf for a missing file that is not @required), or -1.
 */
int rule_file_load(const char *path, bool required, struct rule_file *rf,
		   bool *found, rule_note_fn note, void *ctx, char *err,
		   size_t size);

void rule_file_free(struct rule_file *rf);

struct nsaudit_handle;

/**
 * rule_file_send() - send a rules file's commands, in order (send.c)
 * @h: an open libnsaudit handle
 * @rf: the parsed file
 * @failed: set to the index of the command the module refused
 *
 * Stops at the first refusal: what came before it stays done.
 *
 * Return: 0, or the library's negative errno (its message in @h).
 */
int rule_file_send(struct nsaudit_handle *h, const struct rule_file *rf,
		   size_t *failed);

#endif /* NSAUDIT_TOOLS_RULE_H */
