// SPDX-License-Identifier: GPL-2.0
/*
 * nsauditd configuration file, in the syntax and with the keywords of
 * auditd.conf(5) where nsauditd has the feature. Unlike auditd, an unknown
 * keyword is an error rather than a warning: a setting the daemon does
 * not understand is a setting an administrator believes in but does not
 * get.
 */
#define _GNU_SOURCE	/* getline(), strcasecmp() */

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/types.h>

#include <linux/nsaudit.h>

#include "conf.h"

struct choice {
	const char *name;
	int value;
	const char *refusal;	/* auditd knows it, we do not: why */
};

static const struct choice flush_choices[] = {
	{ "none", NSD_FLUSH_NONE, NULL },
	{ "incremental", NSD_FLUSH_INCREMENTAL, NULL },
	{ "incremental_async", NSD_FLUSH_INCREMENTAL_ASYNC, NULL },
	{ "data", NSD_FLUSH_DATA, NULL },
	{ "sync", NSD_FLUSH_SYNC, NULL },
	{ NULL, 0, NULL }
};

static const struct choice action_choices[] = {
	{ "ignore", NSD_SIZE_IGNORE, NULL },
	{ "syslog", NSD_SIZE_SYSLOG, NULL },
	{ "rotate", NSD_SIZE_ROTATE, NULL },
	{ "keep_logs", NSD_SIZE_KEEP_LOGS, NULL },
	{ "suspend", -1, "suspend is not supported (use ignore)" },
	{ NULL, 0, NULL }
};

static const struct choice name_format_choices[] = {
	{ "none", NSD_NAME_NONE, NULL },
	{ "user", NSD_NAME_USER, NULL },
	{ "hostname", NSD_NAME_HOSTNAME, NULL },
	{ "fqd", -1, "fqd is not supported (use hostname or user)" },
	{ "numeric", -1, "numeric is not supported (use hostname or user)" },
	{ NULL, 0, NULL }
};

static const struct choice log_format_choices[] = {
	{ "raw", 0, NULL },
	{ "enriched", -1,
	  "ENRICHED is not supported: nsauditd writes RAW records" },
	{ NULL, 0, NULL }
};

static const struct choice yes_no_choices[] = {
	{ "yes", 1, NULL },
	{ "no", 0, NULL },
	{ NULL, 0, NULL }
};

static int fail(char *err, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int fail(char *err, size_t size, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, size, fmt, ap);
	va_end(ap);
	return -1;
}

void conf_defaults(struct nsd_conf *c)
{
	memset(c, 0, sizeof(*c));
	strcpy(c->log_file, NSD_LOG_DEFAULT);
	/* auditd's defaults: async flush every 50 records, 8 x 8 MiB. */
	c->flush = NSD_FLUSH_INCREMENTAL_ASYNC;
	c->freq = 50;
	c->max_log_file = 8;
	c->num_logs = 5;
	c->max_log_file_action = NSD_SIZE_ROTATE;
	c->name_format = NSD_NAME_NONE;
	c->backlog = 0;
	c->write_logs = true;
	strcpy(c->rules_file, NSD_RULES_DEFAULT);
}

const char *conf_flush_name(enum nsd_flush f)
{
	const struct choice *ch;

	for (ch = flush_choices; ch->name; ch++)
		if (ch->value == (int)f)
			return ch->name;
	return "?";
}

static int pick(const struct choice *list, const char *key,
		const char *value, int *out, char *err, size_t size)
{
	const struct choice *ch;
	char names[128] = "";

	for (ch = list; ch->name; ch++) {
		if (!strcasecmp(ch->name, value)) {
			if (ch->refusal)
				return fail(err, size, "%s: %s", key,
					    ch->refusal);
			*out = ch->value;
			return 0;
		}
		if (ch->refusal)
			continue;
		if (names[0])
			strncat(names, ", ", sizeof(names) - strlen(names) - 1);
		strncat(names, ch->name, sizeof(names) - strlen(names) - 1);
	}
	return fail(err, size, "%s: '%s' is not one of %s", key, value, names);
}

/* A decimal number from @min to @max, nothing else. */
static int number(const char *key, const char *value, unsigned long min,
		  unsigned long max, unsigned long *out, char *err, size_t size)
{
	unsigned long v;
	char *end;

	if (!isdigit((unsigned char)value[0]))
		return fail(err, size, "%s: '%s' is not a number", key, value);
	errno = 0;
	v = strtoul(value, &end, 10);
	if (*end)
		return fail(err, size, "%s: '%s' is not a number", key, value);
	if (errno == ERANGE || v < min || v > max)
		return fail(err, size, "%s: %s is out of range (%lu to %lu)",
			    key, value, min, max);
	*out = v;
	return 0;
}

bool conf_name_ok(const char *s)
{
	if (!*s || strlen(s) > NSD_NAME_MAX)
		return false;
	/* The name becomes "node=NAME " in front of every line. */
	for (; *s; s++)
		if (!isgraph((unsigned char)*s) || *s == '=' || *s == '"')
			return false;
	return true;
}

int conf_set(struct nsd_conf *c, const char *key, const char *value,
	     char *err, size_t size)
{
	unsigned long n;
	int v;

	if (!strcmp(key, "log_file")) {
		if (value[0] != '/')
			return fail(err, size,
				    "log_file: '%s' is not an absolute path",
				    value);
		if (strlen(value) >= sizeof(c->log_file))
			return fail(err, size, "log_file: path too long");
		strcpy(c->log_file, value);
	} else if (!strcmp(key, "log_format")) {
		if (pick(log_format_choices, key, value, &v, err, size))
			return -1;
	} else if (!strcmp(key, "flush")) {
		if (pick(flush_choices, key, value, &v, err, size))
			return -1;
		c->flush = v;
	} else if (!strcmp(key, "freq")) {
		if (number(key, value, 1, NSD_FREQ_MAX, &n, err, size))
			return -1;
		c->freq = n;
	} else if (!strcmp(key, "max_log_file")) {
		if (number(key, value, 0, NSD_MAX_LOG_FILE_MAX, &n, err, size))
			return -1;
		c->max_log_file = n;
	} else if (!strcmp(key, "num_logs")) {
		if (number(key, value, 0, NSD_NUM_LOGS_MAX, &n, err, size))
			return -1;
		c->num_logs = n;
	} else if (!strcmp(key, "max_log_file_action")) {
		if (pick(action_choices, key, value, &v, err, size))
			return -1;
		c->max_log_file_action = v;
	} else if (!strcmp(key, "name_format")) {
		if (pick(name_format_choices, key, value, &v, err, size))
			return -1;
		c->name_format = v;
	} else if (!strcmp(key, "name")) {
		if (!conf_name_ok(value))
			return fail(err, size,
				    "name: '%s' is not a valid node name (1 to %d printable characters, no '=' or '\"')",
				    value, NSD_NAME_MAX);
		strcpy(c->name, value);
	} else if (!strcmp(key, "backlog")) {
		/* 0 asks for the host's default. */
		if (strcmp(value, "0") &&
		    number(key, value, NSAUDIT_LIMIT_QUEUE_MIN,
			   NSAUDIT_LIMIT_QUEUE_MAX, &n, err, size))
			return -1;
		c->backlog = strcmp(value, "0") ? n : 0;
	} else if (!strcmp(key, "rules_file")) {
		if (value[0] != '/')
			return fail(err, size,
				    "rules_file: '%s' is not an absolute path",
				    value);
		if (strlen(value) >= sizeof(c->rules_file))
			return fail(err, size, "rules_file: path too long");
		strcpy(c->rules_file, value);
		c->rules_file_set = true;
	} else if (!strcmp(key, "write_logs")) {
		if (pick(yes_no_choices, key, value, &v, err, size))
			return -1;
		c->write_logs = v;
	} else {
		return fail(err, size, "unknown keyword '%s'", key);
	}
	return 0;
}

static char *trim(char *s)
{
	char *end;

	while (isspace((unsigned char)*s))
		s++;
	end = s + strlen(s);
	while (end > s && isspace((unsigned char)end[-1]))
		*--end = '\0';
	return s;
}

/* One line: blank, comment or "key = value" (spaces around '=' optional). */
static int parse_line(struct nsd_conf *c, char *line, char *err, size_t size)
{
	char *key, *value, *eq;

	key = trim(line);
	if (!*key || *key == '#')
		return 0;
	eq = strchr(key, '=');
	if (!eq)
		return fail(err, size, "expected 'keyword = value'");
	*eq = '\0';
	key = trim(key);
	value = trim(eq + 1);
	if (!*key)
		return fail(err, size, "keyword missing before '='");
	if (strpbrk(key, " \t"))
		return fail(err, size, "unknown keyword '%s'", key);
	if (!*value)
		return fail(err, size, "%s: value missing", key);
	if (strpbrk(value, " \t"))
		return fail(err, size, "%s: '%s' is not a single value", key,
			    value);
	return conf_set(c, key, value, err, size);
}

int conf_parse(struct nsd_conf *c, FILE *f, const char *name, char *err,
	       size_t size)
{
	char msg[NSD_ERR_MAX];
	char *line = NULL;
	size_t cap = 0;
	unsigned int lineno = 0;
	ssize_t len;
	int rc = 0;

	errno = 0;
	while ((len = getline(&line, &cap, f)) >= 0) {
		lineno++;
		if ((size_t)len != strlen(line))
			rc = fail(msg, sizeof(msg), "NUL byte in line");
		else
			rc = parse_line(c, line, msg, sizeof(msg));
		if (rc) {
			fail(err, size, "%s:%u: %s", name, lineno, msg);
			break;
		}
	}
	if (!rc && ferror(f))
		rc = fail(err, size, "%s: %s", name, strerror(errno));
	free(line);
	if (rc)
		return rc;
	if (c->name_format == NSD_NAME_USER && !c->name[0])
		return fail(err, size, "%s: name_format user needs a name",
			    name);
	return 0;
}

int conf_load(struct nsd_conf *c, const char *path, bool required,
	      char *err, size_t size)
{
	FILE *f;
	int rc;

	f = fopen(path, "re");
	if (!f) {
		if (errno == ENOENT && !required)
			return 0;
		return fail(err, size, "%s: %s", path, strerror(errno));
	}
	rc = conf_parse(c, f, path, err, size);
	fclose(f);
	return rc;
}
