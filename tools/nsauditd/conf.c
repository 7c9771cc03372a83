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
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

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

/*
 * The disk actions of auditd.conf(5). Each situation refuses what auditd
 * refuses for it (rotate on a disk error, email where there is no
 * warning to mail), and email everywhere: nsauditd sends no mail, exec
 * a script that does.
 */
#define EMAIL_REFUSAL	"email is not supported (use exec with a script that mails)"

static const struct choice space_action_choices[] = {
	{ "ignore", NSD_ACT_IGNORE, NULL },
	{ "syslog", NSD_ACT_SYSLOG, NULL },
	{ "rotate", NSD_ACT_ROTATE, NULL },
	{ "exec", NSD_ACT_EXEC, NULL },
	{ "suspend", NSD_ACT_SUSPEND, NULL },
	{ "single", NSD_ACT_SINGLE, NULL },
	{ "halt", NSD_ACT_HALT, NULL },
	{ "email", -1, EMAIL_REFUSAL },
	{ NULL, 0, NULL }
};

static const struct choice disk_full_choices[] = {
	{ "ignore", NSD_ACT_IGNORE, NULL },
	{ "syslog", NSD_ACT_SYSLOG, NULL },
	{ "rotate", NSD_ACT_ROTATE, NULL },
	{ "exec", NSD_ACT_EXEC, NULL },
	{ "suspend", NSD_ACT_SUSPEND, NULL },
	{ "single", NSD_ACT_SINGLE, NULL },
	{ "halt", NSD_ACT_HALT, NULL },
	{ "email", -1, "email is not an action for a full disk (as in auditd)" },
	{ NULL, 0, NULL }
};

static const struct choice disk_error_choices[] = {
	{ "ignore", NSD_ACT_IGNORE, NULL },
	{ "syslog", NSD_ACT_SYSLOG, NULL },
	{ "exec", NSD_ACT_EXEC, NULL },
	{ "suspend", NSD_ACT_SUSPEND, NULL },
	{ "single", NSD_ACT_SINGLE, NULL },
	{ "halt", NSD_ACT_HALT, NULL },
	{ "rotate", -1,
	  "rotate is not an action for a disk error (as in auditd): a failing disk is not freed by removing a log" },
	{ "email", -1, "email is not an action for a disk error (as in auditd)" },
	{ NULL, 0, NULL }
};

static const struct {
	const char *key;
	const struct choice *choices;
} situations[NSD_SIT_COUNT] = {
	[NSD_SIT_SPACE_LEFT] = { "space_left_action", space_action_choices },
	[NSD_SIT_ADMIN_SPACE_LEFT] = { "admin_space_left_action",
				       space_action_choices },
	[NSD_SIT_DISK_FULL] = { "disk_full_action", disk_full_choices },
	[NSD_SIT_DISK_ERROR] = { "disk_error_action", disk_error_choices },
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
	/* Debian's auditd.conf: warn at 75 MiB, suspend at 50 and after. */
	c->space_left.value = 75;
	c->act[NSD_SIT_SPACE_LEFT].action = NSD_ACT_SYSLOG;
	c->admin_space_left.value = 50;
	c->act[NSD_SIT_ADMIN_SPACE_LEFT].action = NSD_ACT_SUSPEND;
	c->act[NSD_SIT_DISK_FULL].action = NSD_ACT_SUSPEND;
	c->act[NSD_SIT_DISK_ERROR].action = NSD_ACT_SUSPEND;
}

const char *conf_flush_name(enum nsd_flush f)
{
	const struct choice *ch;

	for (ch = flush_choices; ch->name; ch++)
		if (ch->value == (int)f)
			return ch->name;
	return "?";
}

const char *conf_action_name(enum nsd_disk_action a)
{
	const struct choice *ch;

	for (ch = space_action_choices; ch->name; ch++)
		if (ch->value == (int)a)
			return ch->name;
	return "?";
}

const char *conf_situation_key(enum nsd_disk_situation s)
{
	return s < NSD_SIT_COUNT ? situations[s].key : "?";
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

/* space_left, admin_space_left: MiB, or "N%" of the file system's size. */
static int space(const char *key, const char *value, struct nsd_space *out,
		 char *err, size_t size)
{
	size_t len = strlen(value);
	char num[32];

	if (len && value[len - 1] == '%') {
		if (len - 1 >= sizeof(num) || len == 1)
			return fail(err, size, "%s: '%s' is not a number of MiB or a percentage",
				    key, value);
		memcpy(num, value, len - 1);
		num[len - 1] = '\0';
		if (!isdigit((unsigned char)num[0]) ||
		    strspn(num, "0123456789") != len - 1)
			return fail(err, size, "%s: '%s' is not a number of MiB or a percentage",
				    key, value);
		if (number(key, num, 0, NSD_SPACE_PERCENT_MAX, &out->value,
			   err, size))
			return fail(err, size, "%s: %s is out of range (0%% to %d%%)",
				    key, value, NSD_SPACE_PERCENT_MAX);
		out->percent = true;
		return 0;
	}
	if (!isdigit((unsigned char)value[0]) ||
	    strspn(value, "0123456789") != len)
		return fail(err, size, "%s: '%s' is not a number of MiB or a percentage",
			    key, value);
	if (number(key, value, 0, NSD_SPACE_MAX, &out->value, err, size))
		return -1;
	out->percent = false;
	return 0;
}

/*
 * The program of an exec action, checked as auditd does (an absolute
 * path to a regular file that only its owner may change), with the owner
 * root or, for a daemon run by another user, that user: it runs with the
 * daemon's privileges.
 */
static int check_exe(const char *key, const char *path, char *err,
		     size_t size)
{
	struct stat st;

	if (path[0] != '/')
		return fail(err, size, "%s: exec: '%s' is not an absolute path",
			    key, path);
	if (strlen(path) >= PATH_MAX)
		return fail(err, size, "%s: exec: path too long", key);
	if (stat(path, &st))
		return fail(err, size, "%s: exec: %s: %s", key, path,
			    strerror(errno));
	if (!S_ISREG(st.st_mode))
		return fail(err, size, "%s: exec: %s is not a regular file",
			    key, path);
	if (st.st_uid != 0 && st.st_uid != geteuid())
		return fail(err, size, "%s: exec: %s is owned by uid %u, neither root nor the daemon's user",
			    key, path, (unsigned int)st.st_uid);
	if (st.st_mode & (S_IWGRP | S_IWOTH))
		return fail(err, size, "%s: exec: %s is writable by group or others",
			    key, path);
	if (access(path, X_OK))
		return fail(err, size, "%s: exec: %s is not executable", key,
			    path);
	return 0;
}

/* "WORD" or "exec /path", for the situation @sit. */
static int action(struct nsd_conf *c, enum nsd_disk_situation sit,
		  const char *value, char *err, size_t size)
{
	const char *key = situations[sit].key;
	char word[16];
	const char *rest;
	size_t n;
	int v;

	n = strcspn(value, " \t");
	rest = value + n + strspn(value + n, " \t");
	if (n >= sizeof(word))
		n = sizeof(word) - 1;
	memcpy(word, value, n);
	word[n] = '\0';
	if (pick(situations[sit].choices, key, word, &v, err, size))
		return -1;
	if (v != NSD_ACT_EXEC) {
		if (*rest)
			return fail(err, size, "%s: '%s' is not a single value",
				    key, value);
		c->act[sit].action = v;
		c->act[sit].exe[0] = '\0';
		return 0;
	}
	if (!*rest)
		return fail(err, size, "%s: exec needs a program: exec /path/to/program",
			    key);
	if (strpbrk(rest, " \t"))
		return fail(err, size, "%s: exec takes one program and no arguments",
			    key);
	if (check_exe(key, rest, err, size))
		return -1;
	c->act[sit].action = NSD_ACT_EXEC;
	strcpy(c->act[sit].exe, rest);
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
	} else if (!strcmp(key, "space_left")) {
		if (space(key, value, &c->space_left, err, size))
			return -1;
	} else if (!strcmp(key, "admin_space_left")) {
		if (space(key, value, &c->admin_space_left, err, size))
			return -1;
	} else if (!strcmp(key, "space_left_action")) {
		return action(c, NSD_SIT_SPACE_LEFT, value, err, size);
	} else if (!strcmp(key, "admin_space_left_action")) {
		return action(c, NSD_SIT_ADMIN_SPACE_LEFT, value, err, size);
	} else if (!strcmp(key, "disk_full_action")) {
		return action(c, NSD_SIT_DISK_FULL, value, err, size);
	} else if (!strcmp(key, "disk_error_action")) {
		return action(c, NSD_SIT_DISK_ERROR, value, err, size);
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
	/* Only an action has a second word: "exec /path". */
	if (strpbrk(value, " \t") &&
	    !(strlen(key) > 7 && !strcmp(key + strlen(key) - 7, "_action")))
		return fail(err, size, "%s: '%s' is not a single value", key,
			    value);
	return conf_set(c, key, value, err, size);
}

int conf_check(const struct nsd_conf *c, const char *name, char *err,
	       size_t size)
{
	const struct nsd_space *s = &c->space_left, *a = &c->admin_space_left;

	/*
	 * As auditd: the second warning comes after the first. Thresholds
	 * of different units depend on the file system: not compared.
	 */
	if (s->percent == a->percent && s->value < a->value)
		return fail(err, size,
			    "%s: space_left (%lu%s) is below admin_space_left (%lu%s); set both",
			    name, s->value, s->percent ? "%" : " MiB",
			    a->value, a->percent ? "%" : " MiB");
	return 0;
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
	return conf_check(c, name, err, size);
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
