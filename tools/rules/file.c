// SPDX-License-Identifier: GPL-2.0
/*
 * audit.rules-style files: one auditctl command a line, as auditctl -R
 * and augenrules read them, so that a container's existing audit.rules
 * works unchanged. The whole file is parsed before anything is sent, so a
 * bad line refuses the file with its line number and leaves the module's
 * rules as they were.
 */
#define _GNU_SOURCE	/* getline() */

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "rule.h"

/* Most words on one line; a rule has at most AUDIT_MAX_FIELDS fields. */
#define WORDS_MAX	(2 * AUDIT_MAX_FIELDS + 16)

__attribute__((format(printf, 3, 4)))
static int fail(char *err, size_t size, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, size, fmt, ap);
	va_end(ap);
	return -1;
}

/*
 * Split @line in place at blanks; "\ " is a blank inside a word and "\\"
 * a backslash, as in auditctl. Return the number of words, or -1 if there
 * are more than @max.
 */
static int split(char *line, char **words, int max)
{
	char *in = line, *out;
	int n = 0;

	for (;;) {
		while (*in == ' ' || *in == '\t' || *in == '\n' || *in == '\r')
			in++;
		if (!*in)
			return n;
		if (n == max)
			return -1;
		words[n++] = out = in;
		while (*in && *in != ' ' && *in != '\t' && *in != '\n' &&
		       *in != '\r') {
			if (in[0] == '\\' && (in[1] == ' ' || in[1] == '\\'))
				in++;
			*out++ = *in++;
		}
		if (*in)
			in++;
		*out = '\0';
	}
}

/* One line: 0 with @cmd filled (RULE_OP_NONE for nothing), or -1. */
static int parse_line(char *line, struct rule_cmd *cmd, char *err,
		      size_t size)
{
	char *words[WORDS_MAX];
	int n;

	memset(cmd, 0, sizeof(*cmd));
	n = split(line, words, WORDS_MAX);
	if (n < 0)
		return fail(err, size, "more than %d words", WORDS_MAX);
	if (!n || words[0][0] == '#')
		return 0;
	if (!strcmp(words[0], "-R"))
		return fail(err, size, "-R: rules files cannot be nested");
	if (rule_parse(n, words, cmd, err, size))
		return -1;
	if (cmd->op == RULE_OP_LIST) {
		rule_cmd_free(cmd);
		return fail(err, size, "-l does not belong in a rules file");
	}
	return 0;
}

static int append(struct rule_file *rf, unsigned int line,
		  struct rule_cmd *cmd)
{
	struct rule_line *l;

	l = realloc(rf->lines, (rf->count + 1) * sizeof(*l));
	if (!l)
		return -ENOMEM;
	rf->lines = l;
	l[rf->count].line = line;
	l[rf->count].cmd = *cmd;
	rf->count++;
	memset(cmd, 0, sizeof(*cmd));
	return 0;
}

int rule_file_parse(FILE *f, const char *name, struct rule_file *rf,
		    rule_note_fn note, void *ctx, char *err, size_t size)
{
	char msg[RULE_ERR_MAX], text[RULE_ERR_MAX + 64];
	struct rule_cmd cmd;
	unsigned int lineno = 0;
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	int rc = 0;

	memset(rf, 0, sizeof(*rf));
	errno = 0;
	while ((len = getline(&line, &cap, f)) >= 0) {
		lineno++;
		if ((size_t)len != strlen(line))
			rc = fail(msg, sizeof(msg), "NUL byte in line");
		else
			rc = parse_line(line, &cmd, msg, sizeof(msg));
		if (rc) {
			fail(err, size, "%s:%u: %s", name, lineno, msg);
			break;
		}
		if (cmd.note[0] && note) {
			snprintf(text, sizeof(text), "%s:%u: %s", name, lineno,
				 cmd.note);
			note(ctx, text);
		}
		if (cmd.op == RULE_OP_NONE || cmd.op == RULE_OP_IGNORED)
			continue;
		if (append(rf, lineno, &cmd)) {
			rule_cmd_free(&cmd);
			rc = fail(err, size, "%s:%u: out of memory", name,
				  lineno);
			break;
		}
		errno = 0;
	}
	if (!rc && ferror(f))
		rc = fail(err, size, "%s: %s", name, strerror(errno));
	free(line);
	if (rc)
		rule_file_free(rf);
	return rc;
}

int rule_file_load(const char *path, bool required, struct rule_file *rf,
		   bool *found, rule_note_fn note, void *ctx, char *err,
		   size_t size)
{
	FILE *f;
	int rc;

	memset(rf, 0, sizeof(*rf));
	if (found)
		*found = false;
	f = fopen(path, "re");
	if (!f) {
		if (errno == ENOENT && !required)
			return 0;
		return fail(err, size, "%s: %s", path, strerror(errno));
	}
	if (found)
		*found = true;
	rc = rule_file_parse(f, path, rf, note, ctx, err, size);
	fclose(f);
	return rc;
}

void rule_file_free(struct rule_file *rf)
{
	size_t i;

	for (i = 0; i < rf->count; i++)
		rule_cmd_free(&rf->lines[i].cmd);
	free(rf->lines);
	memset(rf, 0, sizeof(*rf));
}
