// SPDX-License-Identifier: GPL-2.0
/*
 * nsauditctl: administer the nsaudit module.
 *
 * Parsing is in args.c and rendering in output.c, both free of I/O side
 * effects beyond the stream they are given; this file talks to the module
 * and decides exit codes: 0 ok, 1 error, 2 usage.
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

#define NSAUDITCTL_VERSION	"0.1.0"

enum { EXIT_OK = 0, EXIT_ERROR = 1, EXIT_USAGE = 2 };

static int cmd_status(const struct cli_args *args);
static int cmd_set(const struct cli_args *args);
static int cmd_nsid(const struct cli_args *args);
static int cmd_monitor(const struct cli_args *args);
static int cmd_help(const struct cli_args *args);
static int cmd_version(const struct cli_args *args);

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
	[CLI_CMD_MONITOR] = { "monitor", "[--count N] [--timeout SEC]",
		cmd_monitor, "print the state after each config change" },
	[CLI_CMD_HELP] = { "help", "", cmd_help, "show this help" },
	[CLI_CMD_VERSION] = { "version", "", cmd_version,
		"show tool, library interface and module versions" },
};

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

static int cmd_help(const struct cli_args *args)
{
	int i;

	(void)args;
	printf("Usage: nsauditctl [--json] COMMAND [ARGUMENTS]\n\n"
	       "Commands:\n");
	for (i = 0; i < CLI_CMD_COUNT; i++) {
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
	       "rules 0-%d,\n  backlog %d-%d, memory %d-%d (KiB)\n\n",
	       NSAUDIT_LIMIT_DAEMONS_MAX, NSAUDIT_LIMIT_QUEUE_MIN,
	       NSAUDIT_LIMIT_QUEUE_MAX, NSAUDIT_LIMIT_RULES_MAX,
	       NSAUDIT_LIMIT_QUEUE_MIN, NSAUDIT_LIMIT_QUEUE_MAX,
	       NSAUDIT_LIMIT_MEMORY_MIN, NSAUDIT_LIMIT_MEMORY_MAX);
	printf("Options:\n"
	       "  --json                print status, nsid and monitor output "
	       "as JSON\n"
	       "  -s                    same as status\n"
	       "  -e 0|1                same as set enrich 0|1\n"
	       "  -h, --help            same as help\n"
	       "  -V, --version         same as version\n\n"
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

	/* Most output is still buffered here; a handler's error came first. */
	errno = 0;
	if (rc == EXIT_OK && (fflush(stdout) == EOF || ferror(stdout)))
		rc = ctl_write_fail(commands[args.cmd].name);
	return rc;
}
