// SPDX-License-Identifier: GPL-2.0
/*
 * nsauditctl argument parsing.
 *
 * Grammar (see nsauditctl(8)):
 *
 *   nsauditctl [--json] COMMAND [ARGS] [--json]
 *   COMMAND: status | set KEY VALUE [KEY VALUE]... | nsid PID|self |
 *            contid set PID ID [--name NAME] | contid get PID|self |
 *            delegate PID | undelegate PID |
 *            monitor [--count N] [--timeout SEC] | help | version
 *   short forms: -s (status), -e 0|1 (set enrich), -h/--help, -V/--version
 *   rules, as auditctl: -a|-A|-d LIST,ACTION [-F F=V]... [-S SC]... [-k K]...,
 *            -D, -l, -R FILE (the rule grammar is tools/rules/build.c's)
 *
 * Numbers are decimal digits only: a sign, a blank, a base prefix or any
 * other character is refused rather than guessed at, because a limit the
 * admin did not mean is worse than an error.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "args.h"

/* Longest piece of an argument quoted back in an error message. */
#define CLI_QUOTE_MAX		40

struct cli_parser {
	int argc;
	char *const *argv;
	int i;			/* next argument */
	bool closed;		/* no more positional arguments (after -e) */
	bool have_pid;
	bool have_id;		/* contid set: the ID was given */
	struct cli_args *args;
};

static const struct cli_cmd_name {
	const char *name;
	enum cli_cmd cmd;
} cli_cmd_names[] = {
	{ "status", CLI_CMD_STATUS },
	{ "set", CLI_CMD_SET },
	{ "nsid", CLI_CMD_NSID },
	{ "contid", CLI_CMD_CONTID },
	{ "delegate", CLI_CMD_DELEGATE },
	{ "undelegate", CLI_CMD_UNDELEGATE },
	{ "monitor", CLI_CMD_MONITOR },
	{ "help", CLI_CMD_HELP },
	{ "version", CLI_CMD_VERSION },
	{ "-a", CLI_CMD_RULE },
	{ "-l", CLI_CMD_LIST },
	{ "-D", CLI_CMD_DELETE_ALL },
	{ "-R", CLI_CMD_LOAD },
};

/*
 * Keys of "set"; enrich takes on/off as well and share takes names only,
 * see cli_set_pair().
 */
static const struct cli_key {
	const char *name;
	unsigned int bit;
	uint32_t min, max;
} cli_keys[] = {
	{ "enrich", NSAUDIT_SET_ENRICH, 0, 1 },
	{ "daemons", NSAUDIT_SET_DAEMONS, 0, NSAUDIT_LIMIT_DAEMONS_MAX },
	{ "queue", NSAUDIT_SET_QUEUE, NSAUDIT_LIMIT_QUEUE_MIN,
	  NSAUDIT_LIMIT_QUEUE_MAX },
	{ "rules", NSAUDIT_SET_RULES, 0, NSAUDIT_LIMIT_RULES_MAX },
	/* A default backlog is a backlog: the queue limit's bounds. */
	{ "backlog", NSAUDIT_SET_BACKLOG, NSAUDIT_LIMIT_QUEUE_MIN,
	  NSAUDIT_LIMIT_QUEUE_MAX },
	{ "memory", NSAUDIT_SET_MEMORY, NSAUDIT_LIMIT_MEMORY_MIN,
	  NSAUDIT_LIMIT_MEMORY_MAX },
	{ "contids", NSAUDIT_SET_CONTIDS, NSAUDIT_LIMIT_CONTIDS_MIN,
	  NSAUDIT_LIMIT_CONTIDS_MAX },
	/* Per user and per daemon: the host-wide limits' bounds. */
	{ "user_daemons", NSAUDIT_SET_USER_DAEMONS, 0,
	  NSAUDIT_LIMIT_DAEMONS_MAX },
	{ "user_memory", NSAUDIT_SET_USER_MEMORY, NSAUDIT_LIMIT_MEMORY_MIN,
	  NSAUDIT_LIMIT_MEMORY_MAX },
	{ "daemon_memory", NSAUDIT_SET_DAEMON_MEMORY, NSAUDIT_LIMIT_MEMORY_MIN,
	  NSAUDIT_LIMIT_MEMORY_MAX },
	{ "share", NSAUDIT_SET_SHARE, NSAUDIT_SHARE_NONE, NSAUDIT_SHARE_ALL },
};

#define CLI_KEY_LIST \
	"enrich, daemons, queue, rules, backlog, memory, contids, " \
	"user_daemons, user_memory, daemon_memory, share"

/*
 * The values of share, indexed by enum nsaudit_share. Names only: the
 * numbers are the UAPI's business, and a bare 1 does not say "delegated".
 */
static const char *const cli_share_names[] = {
	[NSAUDIT_SHARE_NONE] = "none",
	[NSAUDIT_SHARE_DELEGATED] = "delegated",
	[NSAUDIT_SHARE_ALL] = "all",
};

#define CLI_SHARE_LIST		"none, delegated, all"

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

__attribute__((format(printf, 2, 3)))
static int cli_error(struct cli_args *args, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(args->err, sizeof(args->err), fmt, ap);
	va_end(ap);
	return -1;
}

/*
 * An argument as it may appear in the one-line message: shortened, and
 * with control characters replaced so that it cannot break the line.
 */
static const char *cli_quote(char buf[CLI_QUOTE_MAX + 4], const char *s)
{
	size_t n;

	for (n = 0; s[n] && n < CLI_QUOTE_MAX; n++) {
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

enum cli_num cli_parse_number(const char *s, uint64_t min, uint64_t max,
			      uint64_t *val)
{
	bool over = false;
	uint64_t v = 0;
	const char *p;

	if (!*s)
		return CLI_NUM_EMPTY;
	for (p = s; *p; p++)
		if (*p < '0' || *p > '9')
			return CLI_NUM_SYNTAX;
	for (p = s; *p && !over; p++) {
		unsigned int d = (unsigned int)(*p - '0');

		if (v > (UINT64_MAX - d) / 10)
			over = true;
		else
			v = v * 10 + d;
	}
	if (over || v < min || v > max)
		return CLI_NUM_RANGE;
	*val = v;
	return CLI_NUM_OK;
}

/* cli_parse_number() with the message: @what names the value. */
static int cli_number(struct cli_args *args, const char *what, const char *s,
		      uint64_t min, uint64_t max, uint64_t *val)
{
	char q[CLI_QUOTE_MAX + 4];

	switch (cli_parse_number(s, min, max, val)) {
	case CLI_NUM_OK:
		return 0;
	case CLI_NUM_EMPTY:
		return cli_error(args, "empty %s; must be a number from %"
				 PRIu64 " to %" PRIu64, what, min, max);
	case CLI_NUM_SYNTAX:
		return cli_error(args, "%s '%s' is not a decimal number from %"
				 PRIu64 " to %" PRIu64, what, cli_quote(q, s),
				 min, max);
	case CLI_NUM_RANGE:
	default:
		return cli_error(args, "%s '%s' is out of range %" PRIu64
				 " to %" PRIu64, what, cli_quote(q, s), min,
				 max);
	}
}

/*
 * An option is "-X..." or "--...": a lone "-" and a negative number
 * ("-5") are arguments, so that "nsid -5" says what is wrong with the PID.
 */
static bool cli_is_option(const char *s)
{
	return s[0] == '-' && s[1] && (s[1] < '0' || s[1] > '9');
}

static const char *cli_cmd_name(enum cli_cmd cmd)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cli_cmd_names); i++)
		if (cli_cmd_names[i].cmd == cmd)
			return cli_cmd_names[i].name;
	return "?";
}

/* "set": one KEY VALUE pair at p->i. */
static int cli_set_pair(struct cli_parser *p)
{
	struct cli_args *args = p->args;
	const char *key = p->argv[p->i], *val;
	const struct cli_key *k = NULL;
	char q[CLI_QUOTE_MAX + 4];
	uint64_t v;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cli_keys); i++)
		if (!strcmp(key, cli_keys[i].name))
			k = &cli_keys[i];
	if (!k)
		return cli_error(args, "set: unknown key '%s'; keys are "
				 CLI_KEY_LIST, cli_quote(q, key));
	if (args->set.mask & k->bit)
		return cli_error(args, "set: key '%s' given twice", k->name);
	if (p->i + 1 >= p->argc)
		return cli_error(args, "set: missing value for %s", k->name);
	val = p->argv[p->i + 1];
	p->i += 2;
	args->set.mask |= k->bit;

	if (k->bit == NSAUDIT_SET_ENRICH) {
		if (!strcmp(val, "on") || !strcmp(val, "1"))
			args->set.enrich = 1;
		else if (!strcmp(val, "off") || !strcmp(val, "0"))
			args->set.enrich = 0;
		else
			return cli_error(args, "enrich '%s' is not one of on, "
					 "off, 1, 0", cli_quote(q, val));
		return 0;
	}
	if (k->bit == NSAUDIT_SET_SHARE) {
		for (i = 0; i < ARRAY_SIZE(cli_share_names); i++) {
			if (!strcmp(val, cli_share_names[i])) {
				args->set.share = (int)i;
				return 0;
			}
		}
		return cli_error(args, "share '%s' is not one of "
				 CLI_SHARE_LIST, cli_quote(q, val));
	}
	if (cli_number(args, k->name, val, k->min, k->max, &v))
		return -1;
	switch (k->bit) {
	case NSAUDIT_SET_DAEMONS:
		args->set.limits.daemons = (uint32_t)v;
		break;
	case NSAUDIT_SET_QUEUE:
		args->set.limits.queue = (uint32_t)v;
		break;
	case NSAUDIT_SET_RULES:
		args->set.limits.rules = (uint32_t)v;
		break;
	case NSAUDIT_SET_BACKLOG:
		args->set.limits.backlog = (uint32_t)v;
		break;
	case NSAUDIT_SET_MEMORY:
		args->set.limits.memory = (uint32_t)v;
		break;
	case NSAUDIT_SET_CONTIDS:
		args->set.limits.contids = (uint32_t)v;
		break;
	case NSAUDIT_SET_USER_DAEMONS:
		args->set.limits.user_daemons = (uint32_t)v;
		break;
	case NSAUDIT_SET_USER_MEMORY:
		args->set.limits.user_memory = (uint32_t)v;
		break;
	default:
		args->set.limits.daemon_memory = (uint32_t)v;
		break;
	}
	return 0;
}

/* A PID, or "self" (0, the caller), into args->pid. */
static int cli_pid(struct cli_args *args, const char *s)
{
	uint64_t v;

	if (!strcmp(s, "self")) {
		args->pid = 0;
		return 0;
	}
	if (cli_number(args, "PID", s, 1, NSAUDIT_PID_MAX, &v))
		return -1;
	args->pid = (int)v;
	return 0;
}

/*
 * "contid": set or get at p->i, then the PID, then for set the ID: any
 * u64 in decimal, the unset value too, so that the module's refusal of
 * it is what the user sees.
 */
static int cli_contid_positional(struct cli_parser *p)
{
	struct cli_args *args = p->args;
	const char *s = p->argv[p->i];
	bool set = args->contid_op == CLI_CONTID_SET;
	char q[CLI_QUOTE_MAX + 4];
	uint64_t v;

	p->i++;
	if (args->contid_op == CLI_CONTID_NONE) {
		if (!strcmp(s, "set"))
			args->contid_op = CLI_CONTID_SET;
		else if (!strcmp(s, "get"))
			args->contid_op = CLI_CONTID_GET;
		else
			return cli_error(args, "contid: unknown operation "
					 "'%s'; expected set or get",
					 cli_quote(q, s));
		return 0;
	}
	if (!p->have_pid) {
		p->have_pid = true;
		if (set && !strcmp(s, "self"))
			return cli_error(args, "contid set: 'self' is not "
					 "allowed (a process cannot give "
					 "itself a container ID)");
		return cli_pid(args, s);
	}
	if (set && !p->have_id) {
		p->have_id = true;
		if (cli_number(args, "ID", s, 0, UINT64_MAX, &v))
			return -1;
		args->contid = v;
		return 0;
	}
	return cli_error(args, "contid %s: unexpected argument '%s'",
			 set ? "set" : "get", cli_quote(q, s));
}

/* A positional argument at p->i, for the command being parsed. */
static int cli_positional(struct cli_parser *p)
{
	struct cli_args *args = p->args;
	const char *s = p->argv[p->i];
	char q[CLI_QUOTE_MAX + 4];

	if (!p->closed && args->cmd == CLI_CMD_SET)
		return cli_set_pair(p);
	if (args->cmd == CLI_CMD_CONTID)
		return cli_contid_positional(p);
	if (!p->closed && args->cmd == CLI_CMD_NSID && !p->have_pid) {
		p->i++;
		p->have_pid = true;
		return cli_pid(args, s);
	}
	/*
	 * No "self": the caller needs CAP_AUDIT_CONTROL in the initial user
	 * namespace, whose delegation means nothing (the module says EINVAL).
	 */
	if ((args->cmd == CLI_CMD_DELEGATE ||
	     args->cmd == CLI_CMD_UNDELEGATE) && !p->have_pid) {
		uint64_t v;

		p->i++;
		p->have_pid = true;
		if (cli_number(args, "PID", s, 1, NSAUDIT_PID_MAX, &v))
			return -1;
		args->pid = (int)v;
		return 0;
	}
	return cli_error(args, "%s: unexpected argument '%s'",
			 cli_cmd_name(args->cmd), cli_quote(q, s));
}

/*
 * A monitor option with a value, as "--NAME VALUE" or "--NAME=VALUE".
 * Return 1 if p->i is not this option, 0 if parsed, -1 on error.
 */
static int cli_valued_opt(struct cli_parser *p, const char *name,
			  uint64_t min, uint64_t max, bool *seen,
			  uint64_t *val)
{
	struct cli_args *args = p->args;
	const char *s = p->argv[p->i], *v;
	size_t n = strlen(name);

	if (strncmp(s, name, n) || (s[n] && s[n] != '='))
		return 1;
	if (*seen)
		return cli_error(args, "option '%s' given twice", name);
	*seen = true;
	if (s[n] == '=') {
		v = s + n + 1;
		p->i++;
	} else if (p->i + 1 < p->argc) {
		v = p->argv[p->i + 1];
		p->i += 2;
	} else {
		return cli_error(args, "option '%s' needs a value", name);
	}
	return cli_number(args, name, v, min, max, val);
}

/*
 * contid's "--name NAME" or "--name=NAME": checked here as the library
 * would, so that the line is refused before anything is sent.
 */
static int cli_name_opt(struct cli_parser *p)
{
	struct cli_args *args = p->args;
	const char *s = p->argv[p->i];

	if (args->contid_name)
		return cli_error(args, "option '--name' given twice");
	if (s[6] == '=') {
		s += 7;
		p->i++;
	} else if (p->i + 1 < p->argc) {
		s = p->argv[p->i + 1];
		p->i += 2;
	} else {
		return cli_error(args, "option '--name' needs a value");
	}
	if (!*s)
		return cli_error(args, "contid set: the name is empty");
	if (strlen(s) > NSAUDIT_CONTID_NAME_MAX)
		return cli_error(args, "contid set: the name is longer than "
				 "%d bytes", NSAUDIT_CONTID_NAME_MAX);
	args->contid_name = s;
	return 0;
}

/*
 * An option after the command. Return 0 if parsed, 1 if it asks for help,
 * -1 on error.
 */
static int cli_option(struct cli_parser *p, bool *seen_count,
		      bool *seen_timeout)
{
	struct cli_args *args = p->args;
	const char *s = p->argv[p->i];
	char q[CLI_QUOTE_MAX + 4];
	uint64_t v = 0;
	int r;

	if (!strcmp(s, "--json")) {
		args->json = true;
		p->i++;
		return 0;
	}
	if (!strcmp(s, "-h") || !strcmp(s, "--help"))
		return 1;
	if (args->cmd == CLI_CMD_CONTID &&
	    (!strcmp(s, "--name") || !strncmp(s, "--name=", 7)))
		return cli_name_opt(p);
	if (args->cmd == CLI_CMD_MONITOR) {
		r = cli_valued_opt(p, "--count", 1, CLI_COUNT_MAX, seen_count,
				   &v);
		if (r <= 0) {
			args->count = (uint32_t)v;
			return r;
		}
		r = cli_valued_opt(p, "--timeout", 1, CLI_TIMEOUT_MAX,
				   seen_timeout, &v);
		if (r <= 0) {
			args->timeout = (int)v;
			return r;
		}
	}
	return cli_error(args, "%s: unknown option '%s'",
			 cli_cmd_name(args->cmd), cli_quote(q, s));
}

/* Everything after the command, then what must have been given. */
static int cli_parse_rest(struct cli_parser *p)
{
	struct cli_args *args = p->args;
	bool seen_count = false, seen_timeout = false;
	int r;

	while (p->i < p->argc) {
		if (cli_is_option(p->argv[p->i])) {
			r = cli_option(p, &seen_count, &seen_timeout);
			if (r > 0)
				goto help;
		} else {
			r = cli_positional(p);
		}
		if (r < 0)
			return -1;
	}

	if (args->cmd == CLI_CMD_SET && !args->set.mask)
		return cli_error(args, "set: expected KEY VALUE; keys are "
				 CLI_KEY_LIST);
	if (args->cmd == CLI_CMD_NSID && !p->have_pid)
		return cli_error(args, "nsid: expected a PID or 'self'");
	if ((args->cmd == CLI_CMD_DELEGATE ||
	     args->cmd == CLI_CMD_UNDELEGATE) && !p->have_pid)
		return cli_error(args, "%s: expected a PID",
				 cli_cmd_name(args->cmd));
	if (args->cmd == CLI_CMD_CONTID) {
		if (args->contid_op == CLI_CONTID_NONE)
			return cli_error(args, "contid: expected 'set PID ID' "
					 "or 'get PID'");
		if (args->contid_op == CLI_CONTID_GET && !p->have_pid)
			return cli_error(args, "contid get: expected a PID or "
					 "'self'");
		if (!p->have_pid)
			return cli_error(args, "contid set: expected a PID and "
					 "an ID");
		if (args->contid_op == CLI_CONTID_SET && !p->have_id)
			return cli_error(args, "contid set: expected an ID "
					 "after the PID");
		if (args->contid_op == CLI_CONTID_GET && args->contid_name)
			return cli_error(args, "contid get: option '--name' "
					 "applies only to contid set");
	}
	if (args->json && args->cmd != CLI_CMD_STATUS &&
	    args->cmd != CLI_CMD_NSID && args->cmd != CLI_CMD_MONITOR)
		return cli_error(args, "%s: option '--json' applies only to "
				 "status, nsid and monitor",
				 cli_cmd_name(args->cmd));
	return 0;

help:
	/* Help wins over whatever else the line holds. */
	args->cmd = CLI_CMD_HELP;
	args->json = false;
	return 0;
}

/* The rest of the line is one auditctl rule command: -R, or rule_parse(). */
static int cli_rules(struct cli_parser *p)
{
	struct cli_args *args = p->args;
	const char *s = p->argv[p->i];
	char q[CLI_QUOTE_MAX + 4];

	if (!strcmp(s, "-R")) {
		args->cmd = CLI_CMD_LOAD;
		if (p->i + 1 >= p->argc)
			return cli_error(args, "option '-R' needs a rules file");
		if (p->i + 2 < p->argc)
			return cli_error(args, "-R: unexpected argument '%s'",
					 cli_quote(q, p->argv[p->i + 2]));
		args->file = p->argv[p->i + 1];
		p->i = p->argc;
		return 0;
	}
	if (rule_parse(p->argc - p->i, p->argv + p->i, &args->rule, args->err,
		       sizeof(args->err)))
		return -1;
	p->i = p->argc;
	switch (args->rule.op) {
	case RULE_OP_DELETE_ALL:
		args->cmd = CLI_CMD_DELETE_ALL;
		return 0;
	case RULE_OP_LIST:
		args->cmd = CLI_CMD_LIST;
		return 0;
	case RULE_OP_IGNORED:
		/* Fine in a rules file; typed by hand it would mislead. */
		{
			const char *why = strstr(args->rule.note, " ignored: ");

			cli_error(args, "%s: %s", s,
				  why ? why + 10 : args->rule.note);
		}
		rule_cmd_free(&args->rule);
		return -1;
	default:
		args->cmd = CLI_CMD_RULE;
		return 0;
	}
}

/* The options before the command, auditctl's short forms among them. */
static int cli_global(struct cli_parser *p, bool *have_cmd)
{
	struct cli_args *args = p->args;
	char q[CLI_QUOTE_MAX + 4];

	while (p->i < p->argc && cli_is_option(p->argv[p->i])) {
		const char *s = p->argv[p->i];

		if (!strcmp(s, "--json")) {
			args->json = true;
			p->i++;
			continue;
		}
		*have_cmd = true;
		if (rule_is_option(s) || !strcmp(s, "-b") ||
		    !strcmp(s, "--backlog_wait_time"))
			return cli_rules(p);
		p->i++;
		if (!strcmp(s, "-h") || !strcmp(s, "--help")) {
			args->cmd = CLI_CMD_HELP;
			args->json = false;
			p->i = p->argc;
		} else if (!strcmp(s, "-V") || !strcmp(s, "--version")) {
			args->cmd = CLI_CMD_VERSION;
		} else if (!strcmp(s, "-s")) {
			args->cmd = CLI_CMD_STATUS;
		} else if (!strcmp(s, "-e")) {
			const char *v = p->i < p->argc ? p->argv[p->i++] : NULL;

			args->cmd = CLI_CMD_SET;
			if (!v)
				return cli_error(args,
						 "option '-e' needs 0 or 1");
			if (strcmp(v, "0") && strcmp(v, "1"))
				return cli_error(args, "-e '%s' is not 0 or 1",
						 cli_quote(q, v));
			args->set.mask = NSAUDIT_SET_ENRICH;
			args->set.enrich = v[0] - '0';
			p->closed = true;
		} else {
			return cli_error(args, "unknown option '%s'",
					 cli_quote(q, s));
		}
		return 0;
	}
	return 0;
}

int cli_parse(int argc, char *const argv[], struct cli_args *args)
{
	struct cli_parser p = {
		.argc = argc, .argv = argv, .i = 1, .args = args,
	};
	bool have_cmd = false;
	char q[CLI_QUOTE_MAX + 4];
	size_t i;

	memset(args, 0, sizeof(*args));
	args->timeout = -1;

	if (cli_global(&p, &have_cmd))
		return -1;
	if (!have_cmd) {
		if (p.i >= argc)
			return cli_error(args, "no command given");
		for (i = 0; i < ARRAY_SIZE(cli_cmd_names); i++)
			if (!strcmp(argv[p.i], cli_cmd_names[i].name))
				break;
		if (i == ARRAY_SIZE(cli_cmd_names))
			return cli_error(args, "unknown command '%s'",
					 cli_quote(q, argv[p.i]));
		args->cmd = cli_cmd_names[i].cmd;
		p.i++;
	}
	if (cli_parse_rest(&p)) {
		cli_free(args);
		return -1;
	}
	args->err[0] = '\0';
	return 0;
}

void cli_free(struct cli_args *args)
{
	rule_cmd_free(&args->rule);
}
