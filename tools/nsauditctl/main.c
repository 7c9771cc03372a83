// SPDX-License-Identifier: GPL-2.0
/*
 * nsauditctl: administer the nsaudit module.
 *
 * Parsing is in args.c and rendering in output.c, both free of I/O side
 * effects beyond the stream they are given; rules are built and printed
 * by ../rules/. This file talks to the module and decides exit codes:
 * 0 ok, 1 error, 2 usage.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libnsaudit.h>

#include "args.h"
#include "output.h"
#include "rule.h"

#define NSAUDITCTL_VERSION	"0.1.0"

enum { EXIT_OK = 0, EXIT_ERROR = 1, EXIT_USAGE = 2 };

static int cmd_status(const struct cli_args *args);
static int cmd_set(const struct cli_args *args);
static int cmd_nsid(const struct cli_args *args);
static int cmd_contid(const struct cli_args *args);
static int cmd_delegate(const struct cli_args *args);
static int cmd_monitor(const struct cli_args *args);
static int cmd_help(const struct cli_args *args);
static int cmd_version(const struct cli_args *args);
static int cmd_rule(const struct cli_args *args);
static int cmd_list(const struct cli_args *args);
static int cmd_delete_all(const struct cli_args *args);
static int cmd_load(const struct cli_args *args);

/* Indexed by enum cli_cmd; also the order of the help text. */
static const struct {
	const char *name;
	const char *synopsis;
	int (*handler)(const struct cli_args *args);
	const char *description;
} commands[CLI_CMD_COUNT] = {
	[CLI_CMD_STATUS] = { "status", "", cmd_status,
		"show version, features, counters, limits, daemon" },
	[CLI_CMD_SET] = { "set", "KEY VALUE...", cmd_set,
		"change settings, all in one request" },
	[CLI_CMD_NSID] = { "nsid", "PID|self", cmd_nsid,
		"show the nsID set of a process as records carry it" },
	[CLI_CMD_CONTID] = { "contid", "set PID ID [--name NAME] | get PID|self", cmd_contid,
		"give a process an audit container ID, or show it" },
	[CLI_CMD_DELEGATE] = { "delegate", "PID", cmd_delegate,
		"share host records with PID's user namespace" },
	[CLI_CMD_UNDELEGATE] = { "undelegate", "PID", cmd_delegate,
		"end the delegation of PID's user namespace" },
	[CLI_CMD_MONITOR] = { "monitor", "[--count N] [--timeout SEC]",
		cmd_monitor, "print the state after each config change" },
	[CLI_CMD_HELP] = { "help", "", cmd_help, "show this help" },
	[CLI_CMD_VERSION] = { "version", "", cmd_version,
		"show tool, library interface and module versions" },
	/* auditctl's rule options; help lists them apart. */
	[CLI_CMD_RULE] = { "-a", "", cmd_rule, "" },
	[CLI_CMD_LIST] = { "-l", "", cmd_list, "" },
	[CLI_CMD_DELETE_ALL] = { "-D", "", cmd_delete_all, "" },
	[CLI_CMD_LOAD] = { "-R", "", cmd_load, "" },
};

/* How often -l asks again when the rules changed while they were listed. */
#define LIST_TRIES	5

/* Errors are one line; text from elsewhere is made safe by out_line(). */
static struct nsaudit_handle *ctl_open(const char *cmd)
{
	struct nsaudit_handle *h;
	char msg[256];
	int err;

	err = nsaudit_open_err(&h, msg, sizeof(msg));
	if (err < 0) {
		fprintf(stderr, "nsauditctl: %s: ", cmd);
		out_line(stderr, msg[0] ? msg : strerror(-err));
		fputc('\n', stderr);
		return NULL;
	}
	return h;
}

static int ctl_fail(const char *cmd, const struct nsaudit_handle *h, int err)
{
	const char *msg = h ? nsaudit_errmsg(h) : "";

	fprintf(stderr, "nsauditctl: %s: %s", cmd, strerror(-err));
	if (msg[0]) {
		fputs(nsaudit_errmsg_is_kernel(h) ? " (kernel reports: " : " (",
		      stderr);
		out_line(stderr, msg);
		fputc(')', stderr);
	}
	fputc('\n', stderr);
	return EXIT_ERROR;
}

/*
 * Output that never arrived is an error, not a success. Called right
 * after the failed stdio call, while errno still says why.
 */
static int ctl_write_fail(const char *cmd)
{
	int e = errno;

	fprintf(stderr, "nsauditctl: %s: write error%s%s\n", cmd,
		e ? ": " : "", e ? strerror(e) : "");
	return EXIT_ERROR;
}

/* out_*() failed: -EIO is the stream, anything else a value it refused. */
static int ctl_out_fail(const char *cmd, int err)
{
	if (err == -EIO)
		return ctl_write_fail(cmd);
	fprintf(stderr, "nsauditctl: %s: %s\n", cmd, strerror(-err));
	return EXIT_ERROR;
}

/*
 * Generic netlink answers a command the module lacks with EOPNOTSUPP:
 * say which feature an older module (@older or before) does not have.
 */
static int ctl_feature_fail(const char *cmd, const struct nsaudit_handle *h,
			    int err, const char *feature, const char *older)
{
	if (err != -EOPNOTSUPP)
		return ctl_fail(cmd, h, err);
	fprintf(stderr, "nsauditctl: %s: the nsaudit module has no %s "
		"(interface %s or older)\n", cmd, feature, older);
	return EXIT_ERROR;
}

static int ctl_rule_fail(const char *cmd, const struct nsaudit_handle *h,
			 int err)
{
	return ctl_feature_fail(cmd, h, err, "per-namespace rules", "1.1");
}

static int cmd_status(const struct cli_args *args)
{
	struct nsaudit_handle *h = ctl_open("status");
	struct nsaudit_status st;
	int err, rc = EXIT_OK;

	if (!h)
		return EXIT_ERROR;
	err = nsaudit_status(h, &st);
	if (err < 0) {
		rc = ctl_fail("status", h, err);
	} else {
		errno = 0;
		err = args->json ? out_status_json(stdout, &st) :
				   out_status_text(stdout, &st);
		if (err < 0)
			rc = ctl_out_fail("status", err);
	}
	nsaudit_close(h);
	return rc;
}

static int cmd_set(const struct cli_args *args)
{
	struct nsaudit_handle *h = ctl_open("set");
	int err, rc = EXIT_OK;

	if (!h)
		return EXIT_ERROR;
	err = nsaudit_set(h, &args->set);
	if (err < 0)
		rc = ctl_fail("set", h, err);
	nsaudit_close(h);
	return rc;
}

static int cmd_nsid(const struct cli_args *args)
{
	struct nsaudit_handle *h = ctl_open("nsid");
	/* "self" is this process, as the module sees it: our own PID. */
	int pid = args->pid ? args->pid : (int)getpid();
	struct nsaudit_nsid_set set;
	int err, rc = EXIT_OK;

	if (!h)
		return EXIT_ERROR;
	err = nsaudit_nsid(h, pid, &set);
	if (err < 0) {
		rc = ctl_fail("nsid", h, err);
	} else {
		errno = 0;
		err = args->json ? out_nsid_json(stdout, pid, &set) :
				   out_nsid_text(stdout, &set);
		if (err < 0)
			rc = ctl_out_fail("nsid", err);
	}
	nsaudit_close(h);
	return rc;
}

/* contid set: no output; contid get: the ID, or -1 for none. */
static int cmd_contid(const struct cli_args *args)
{
	bool set = args->contid_op == CLI_CONTID_SET;
	const char *name = set ? "contid set" : "contid get";
	/* "self" (get only) is this process, as for nsid. */
	int pid = args->pid ? args->pid : (int)getpid();
	struct nsaudit_handle *h = ctl_open(name);
	int err, rc = EXIT_OK;
	uint64_t id;

	if (!h)
		return EXIT_ERROR;
	if (set)
		err = nsaudit_contid_set_name(h, pid, args->contid,
					      args->contid_name);
	else
		err = nsaudit_contid_get(h, pid, &id);
	if (err < 0) {
		rc = ctl_feature_fail(name, h, err, "audit container IDs",
				      "1.2");
	} else if (!set) {
		errno = 0;
		err = out_contid_text(stdout, id);
		if (err < 0)
			rc = ctl_out_fail(name, err);
	}
	nsaudit_close(h);
	return rc;
}

/* delegate and undelegate: no output. */
static int cmd_delegate(const struct cli_args *args)
{
	bool undo = args->cmd == CLI_CMD_UNDELEGATE;
	const char *name = undo ? "undelegate" : "delegate";
	struct nsaudit_handle *h = ctl_open(name);
	int err, rc = EXIT_OK;

	if (!h)
		return EXIT_ERROR;
	err = undo ? nsaudit_undelegate(h, args->pid) :
		     nsaudit_delegate(h, args->pid);
	if (err < 0)
		rc = ctl_feature_fail(name, h, err, "delegation", "1.3");
	nsaudit_close(h);
	return rc;
}

static int cmd_monitor(const struct cli_args *args)
{
	struct nsaudit_handle *h = ctl_open("monitor");
	int timeout_ms = args->timeout < 0 ? -1 : args->timeout * 1000;
	struct nsaudit_status st;
	int err, rc = EXIT_OK;
	uint32_t seen = 0;

	if (!h)
		return EXIT_ERROR;
	err = nsaudit_config_subscribe(h);
	if (err < 0) {
		rc = ctl_fail("monitor", h, err);
		goto out;
	}
	/* From here on no change is missed: say so, for whoever waits. */
	fputs("nsauditctl: monitor: subscribed, waiting for changes\n", stderr);
	while (!args->count || seen < args->count) {
		err = nsaudit_config_next(h, &st, timeout_ms);
		if (err == -EINTR)
			continue;
		if (err == -ENOBUFS) {
			/* Later changes still come; say that some did not. */
			fputs("nsauditctl: monitor: some changes were lost "
			      "(socket receive buffer overflowed)\n", stderr);
			continue;
		}
		if (err == -ETIMEDOUT) {
			fprintf(stderr, "nsauditctl: monitor: no change "
				"within %d s\n", args->timeout);
			rc = EXIT_ERROR;
			goto out;
		}
		if (err < 0) {
			rc = ctl_fail("monitor", h, err);
			goto out;
		}
		errno = 0;
		err = args->json ? out_config_json(stdout, &st) :
				   out_config_text(stdout, &st);
		/* Whoever reads a pipe or file must see each change now. */
		if (!err && fflush(stdout) == EOF)
			err = -EIO;
		if (err < 0) {
			rc = ctl_out_fail("monitor", err);
			goto out;
		}
		seen++;
	}
out:
	nsaudit_close(h);
	return rc;
}

/* Add or delete one rule; a warning of the parser comes first. */
static int cmd_rule(const struct cli_args *args)
{
	const struct rule_cmd *rc = &args->rule;
	const char *name = rc->op == RULE_OP_DEL ? "-d" : "-a";
	struct nsaudit_handle *h;
	int err, ret = EXIT_OK;

	if (rc->note[0])
		fprintf(stderr, "nsauditctl: %s\n", rc->note);
	h = ctl_open(name);
	if (!h)
		return EXIT_ERROR;
	if (rc->op == RULE_OP_DEL)
		err = nsaudit_rule_del(h, rc->rule, rc->len);
	else
		err = nsaudit_rule_add(h, rc->rule, rc->len);
	if (err < 0)
		ret = ctl_rule_fail(name, h, err);
	nsaudit_close(h);
	return ret;
}

/* The listed rules, copied: printed only once the listing is complete. */
struct rule_list {
	struct audit_rule_data **rules;
	size_t *lens;
	size_t count;
};

static void rule_list_clear(struct rule_list *l)
{
	size_t i;

	for (i = 0; i < l->count; i++)
		free(l->rules[i]);
	free(l->rules);
	free(l->lens);
	memset(l, 0, sizeof(*l));
}

static int rule_list_add(const struct audit_rule_data *r, size_t len,
			 void *arg)
{
	struct rule_list *l = arg;
	struct audit_rule_data **rules;
	size_t *lens;

	rules = realloc(l->rules, (l->count + 1) * sizeof(*rules));
	if (!rules)
		return -ENOMEM;
	l->rules = rules;
	lens = realloc(l->lens, (l->count + 1) * sizeof(*lens));
	if (!lens)
		return -ENOMEM;
	l->lens = lens;
	l->rules[l->count] = malloc(len);
	if (!l->rules[l->count])
		return -ENOMEM;
	memcpy(l->rules[l->count], r, len);
	l->lens[l->count++] = len;
	return 0;
}

/* -l: every rule as auditctl -l prints it, or "No rules" as it does. */
static int cmd_list(const struct cli_args *args)
{
	struct nsaudit_handle *h = ctl_open("-l");
	struct rule_list l = { 0 };
	int err, tries, rc = EXIT_OK;
	size_t i;

	(void)args;
	if (!h)
		return EXIT_ERROR;
	/* A torn listing is dropped whole: a rule must not show twice. */
	for (tries = 0; tries < LIST_TRIES; tries++) {
		rule_list_clear(&l);
		err = nsaudit_rule_list(h, rule_list_add, &l);
		if (err != -EAGAIN)
			break;
	}
	if (err < 0) {
		rc = ctl_rule_fail("-l", h, err);
		goto out;
	}
	errno = 0;
	if (!l.count)
		fputs("No rules\n", stdout);
	for (i = 0; i < l.count; i++) {
		err = rule_print(stdout, l.rules[i], l.lens[i]);
		if (err == -EINVAL) {
			fprintf(stderr, "nsauditctl: -l: the module listed a malformed rule\n");
			rc = EXIT_ERROR;
			break;
		}
		if (err < 0) {
			rc = ctl_write_fail("-l");
			break;
		}
	}
out:
	rule_list_clear(&l);
	nsaudit_close(h);
	return rc;
}

static int cmd_delete_all(const struct cli_args *args)
{
	struct nsaudit_handle *h = ctl_open("-D");
	int err, rc = EXIT_OK;

	(void)args;
	if (!h)
		return EXIT_ERROR;
	err = nsaudit_rule_delete_all(h);
	if (err < 0)
		rc = ctl_rule_fail("-D", h, err);
	nsaudit_close(h);
	return rc;
}

static void note_stderr(void *ctx, const char *msg)
{
	(void)ctx;
	fprintf(stderr, "nsauditctl: %s\n", msg);
}

/*
 * -R FILE: the whole file is parsed first, so a bad line changes nothing;
 * then its commands go out in order, and the first refusal stops them,
 * as with auditctl -R.
 */
static int cmd_load(const struct cli_args *args)
{
	struct nsaudit_handle *h;
	struct rule_file rf;
	char err_text[RULE_ERR_MAX + 64], where[64];
	size_t i;
	int err = 0, rc = EXIT_OK;

	if (rule_file_load(args->file, true, &rf, NULL, note_stderr, NULL,
			   err_text, sizeof(err_text))) {
		fprintf(stderr, "nsauditctl: %s\n", err_text);
		return EXIT_USAGE;
	}
	h = ctl_open("-R");
	if (!h) {
		rule_file_free(&rf);
		return EXIT_ERROR;
	}
	err = rule_file_send(h, &rf, &i);
	if (err < 0) {
		snprintf(where, sizeof(where), "%s:%u", args->file,
			 rf.lines[i].line);
		rc = ctl_rule_fail(where, h, err);
	}
	rule_file_free(&rf);
	nsaudit_close(h);
	return rc;
}

static int cmd_help(const struct cli_args *args)
{
	int i;

	(void)args;
	printf("Usage: nsauditctl [--json] COMMAND [ARGUMENTS]\n"
	       "       nsauditctl RULE-OPTIONS\n\n"
	       "Commands:\n");
	for (i = 0; i < CLI_CMD_COUNT; i++) {
		if (commands[i].name[0] == '-')
			continue;
		char syn[64];
		int n;

		n = snprintf(syn, sizeof(syn), "%s%s%s", commands[i].name,
			     commands[i].synopsis[0] ? " " : "",
			     commands[i].synopsis);
		/* A long synopsis gets a line of its own. */
		if (n > 20)
			printf("  %s\n  %-20s  %s\n", syn, "",
			       commands[i].description);
		else
			printf("  %-20s  %s\n", syn, commands[i].description);
	}
	printf("\nKeys of set: enrich on|off|1|0, daemons 0-%d, queue %d-%d, "
	       "rules 0-%d,\n  backlog %d-%d, memory %d-%d (KiB), "
	       "contids %d-%d,\n  user_daemons 0-%d, user_memory %d-%d (KiB),\n"
	       "  daemon_memory %d-%d (KiB), share none|delegated|all\n\n",
	       NSAUDIT_LIMIT_DAEMONS_MAX, NSAUDIT_LIMIT_QUEUE_MIN,
	       NSAUDIT_LIMIT_QUEUE_MAX, NSAUDIT_LIMIT_RULES_MAX,
	       NSAUDIT_LIMIT_QUEUE_MIN, NSAUDIT_LIMIT_QUEUE_MAX,
	       NSAUDIT_LIMIT_MEMORY_MIN, NSAUDIT_LIMIT_MEMORY_MAX,
	       NSAUDIT_LIMIT_CONTIDS_MIN, NSAUDIT_LIMIT_CONTIDS_MAX,
	       NSAUDIT_LIMIT_DAEMONS_MAX, NSAUDIT_LIMIT_MEMORY_MIN,
	       NSAUDIT_LIMIT_MEMORY_MAX, NSAUDIT_LIMIT_MEMORY_MIN,
	       NSAUDIT_LIMIT_MEMORY_MAX);
	printf("Options:\n"
	       "  --json                print status, nsid and monitor output "
	       "as JSON\n"
	       "  -s                    same as status\n"
	       "  -e 0|1                same as set enrich 0|1\n"
	       "  -h, --help            same as help\n"
	       "  -V, --version         same as version\n\n"
	       "Rules of the caller's user namespace, in auditctl syntax:\n"
	       "  -a LIST,ACTION        append a rule (-A: put it first); LIST exit or\n"
	       "                        exclude, ACTION always or never\n"
	       "  -d LIST,ACTION        delete the rule given with it\n"
	       "  -F FIELD OP VALUE     a field: pid ppid uid euid suid fsuid gid egid\n"
	       "                        sgid fsgid auid loginuid_set sessionid success\n"
	       "                        exit a0-a3 exe arch key (exclude: msgtype)\n"
	       "  -S SYSCALL[,...]      syscalls by name or number, or all\n"
	       "  -k KEY                a key (several may be given)\n"
	       "  -D                    delete every rule\n"
	       "  -l                    list the rules as auditctl -l does\n"
	       "  -R FILE               load a rules file (audit.rules format)\n\n"
	       "See nsauditctl(8).\n");
	return EXIT_OK;
}

static int cmd_version(const struct cli_args *args)
{
	struct nsaudit_handle *h;
	struct nsaudit_status st;
	char msg[256];
	int err;

	(void)args;
	printf("nsauditctl %s\n", NSAUDITCTL_VERSION);
	printf("library interface %d.%d\n", NSAUDIT_VERSION_MAJOR,
	       NSAUDIT_VERSION_MINOR);

	/* Without the module this is still a successful answer. */
	err = nsaudit_open_err(&h, msg, sizeof(msg));
	if (!err) {
		err = nsaudit_status(h, &st);
		if (!err)
			printf("module interface %u.%u\n",
			       (unsigned int)st.version_major,
			       (unsigned int)st.version_minor);
		else
			snprintf(msg, sizeof(msg), "%s", strerror(-err));
		nsaudit_close(h);
	}
	if (err) {
		fputs("module interface unknown: ", stdout);
		out_line(stdout, msg[0] ? msg : strerror(-err));
		fputc('\n', stdout);
	}
	return EXIT_OK;
}

int main(int argc, char *argv[])
{
	struct cli_args args;
	int rc;

	if (cli_parse(argc, argv, &args)) {
		fprintf(stderr, "nsauditctl: %s; try 'nsauditctl help'\n",
			args.err);
		return EXIT_USAGE;
	}

	rc = commands[args.cmd].handler(&args);
	cli_free(&args);

	/* Most output is still buffered here; a handler's error came first. */
	errno = 0;
	if (rc == EXIT_OK && (fflush(stdout) == EOF || ferror(stdout)))
		rc = ctl_write_fail(commands[args.cmd].name);
	return rc;
}
