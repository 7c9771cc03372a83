// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Unit tests: nsauditctl's argument parser (args.c) and its text and JSON
 * rendering (output.c). Neither talks to the module, so all of the CLI's
 * grammar and formats are checked here, without the module loaded.
 */
#define _POSIX_C_SOURCE 200809L	/* open_memstream() */

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libnsaudit.h>

#include "args.h"
#include "output.h"
#include "suites.h"

#define ARGV_MAX	32

/* Parse a NULL-terminated list of arguments (program name added here). */
static int parse(struct cli_args *args, const char *const *list)
{
	char *argv[ARGV_MAX + 1] = { "nsauditctl" };
	int argc = 1;

	while (*list) {
		ck_assert_int_lt(argc, ARGV_MAX);
		argv[argc++] = (char *)*list++;
	}
	argv[argc] = NULL;
	return cli_parse(argc, argv, args);
}

#define ARGS(...)	((const char *const[]){ __VA_ARGS__, NULL })

/* Parse and require success; the error text must then be empty. */
static void parse_ok(struct cli_args *args, const char *const *list)
{
	int rc = parse(args, list);

	ck_assert_msg(rc == 0, "%s: unexpected usage error: %s", list[0],
		      args->err);
	ck_assert_str_eq(args->err, "");
}

/* --- args.c: commands that succeed -------------------------------------- */

START_TEST(test_status)
{
	static const struct {
		const char *argv[4];
		bool json;
	} cases[] = {
		{ { "status" }, false },
		{ { "-s" }, false },
		{ { "--json", "status" }, true },
		{ { "status", "--json" }, true },
		{ { "--json", "-s" }, true },
		{ { "-s", "--json" }, true },
		{ { "--json", "status", "--json" }, true },
	};
	struct cli_args a;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		parse_ok(&a, cases[i].argv);
		ck_assert_int_eq(a.cmd, CLI_CMD_STATUS);
		ck_assert_int_eq(a.json, cases[i].json);
	}
}
END_TEST

START_TEST(test_set_enrich)
{
	static const struct {
		const char *argv[4];
		int enrich;
	} cases[] = {
		{ { "set", "enrich", "on" }, 1 },
		{ { "set", "enrich", "1" }, 1 },
		{ { "set", "enrich", "off" }, 0 },
		{ { "set", "enrich", "0" }, 0 },
		{ { "-e", "1" }, 1 },
		{ { "-e", "0" }, 0 },
	};
	struct cli_args a;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		parse_ok(&a, cases[i].argv);
		ck_assert_int_eq(a.cmd, CLI_CMD_SET);
		ck_assert_uint_eq(a.set.mask, NSAUDIT_SET_ENRICH);
		ck_assert_int_eq(a.set.enrich, cases[i].enrich);
		ck_assert(!a.json);
	}
}
END_TEST

START_TEST(test_set_limits)
{
	struct cli_args a;

	parse_ok(&a, ARGS("set", "queue", "16"));
	ck_assert_uint_eq(a.set.mask, NSAUDIT_SET_QUEUE);
	ck_assert_uint_eq(a.set.limits.queue, NSAUDIT_LIMIT_QUEUE_MIN);

	parse_ok(&a, ARGS("set", "daemons", "0"));
	ck_assert_uint_eq(a.set.mask, NSAUDIT_SET_DAEMONS);
	ck_assert_uint_eq(a.set.limits.daemons, 0);

	parse_ok(&a, ARGS("set", "rules", "65536"));
	ck_assert_uint_eq(a.set.mask, NSAUDIT_SET_RULES);
	ck_assert_uint_eq(a.set.limits.rules, NSAUDIT_LIMIT_RULES_MAX);

	parse_ok(&a, ARGS("set", "backlog", "16"));
	ck_assert_uint_eq(a.set.mask, NSAUDIT_SET_BACKLOG);
	ck_assert_uint_eq(a.set.limits.backlog, NSAUDIT_LIMIT_QUEUE_MIN);
	parse_ok(&a, ARGS("set", "backlog", "1048576"));
	ck_assert_uint_eq(a.set.limits.backlog, NSAUDIT_LIMIT_QUEUE_MAX);

	parse_ok(&a, ARGS("set", "memory", "64"));
	ck_assert_uint_eq(a.set.mask, NSAUDIT_SET_MEMORY);
	ck_assert_uint_eq(a.set.limits.memory, NSAUDIT_LIMIT_MEMORY_MIN);
	parse_ok(&a, ARGS("set", "memory", "16777216"));
	ck_assert_uint_eq(a.set.limits.memory, NSAUDIT_LIMIT_MEMORY_MAX);

	parse_ok(&a, ARGS("set", "contids", "1"));
	ck_assert_uint_eq(a.set.mask, NSAUDIT_SET_CONTIDS);
	ck_assert_uint_eq(a.set.limits.contids, NSAUDIT_LIMIT_CONTIDS_MIN);
	parse_ok(&a, ARGS("set", "contids", "1048576"));
	ck_assert_uint_eq(a.set.limits.contids, NSAUDIT_LIMIT_CONTIDS_MAX);

	/* The 1.5 limits: the daemons and the memory limit's bounds. */
	parse_ok(&a, ARGS("set", "user_daemons", "0"));
	ck_assert_uint_eq(a.set.mask, NSAUDIT_SET_USER_DAEMONS);
	ck_assert_uint_eq(a.set.limits.user_daemons, 0);
	parse_ok(&a, ARGS("set", "user_daemons", "4096"));
	ck_assert_uint_eq(a.set.mask, NSAUDIT_SET_USER_DAEMONS);
	ck_assert_uint_eq(a.set.limits.user_daemons, 4096);

	parse_ok(&a, ARGS("set", "user_memory", "64"));
	ck_assert_uint_eq(a.set.mask, NSAUDIT_SET_USER_MEMORY);
	ck_assert_uint_eq(a.set.limits.user_memory, 64);
	parse_ok(&a, ARGS("set", "user_memory", "16777216"));
	ck_assert_uint_eq(a.set.limits.user_memory, 16777216);

	parse_ok(&a, ARGS("set", "daemon_memory", "64"));
	ck_assert_uint_eq(a.set.mask, NSAUDIT_SET_DAEMON_MEMORY);
	ck_assert_uint_eq(a.set.limits.daemon_memory, 64);
	parse_ok(&a, ARGS("set", "daemon_memory", "16777216"));
	ck_assert_uint_eq(a.set.limits.daemon_memory, 16777216);

	/* Each into its own member, none into another's. */
	parse_ok(&a, ARGS("set", "daemon_memory", "16384", "user_daemons",
			  "16", "user_memory", "32768"));
	ck_assert_uint_eq(a.set.mask, NSAUDIT_SET_USER_DAEMONS |
				      NSAUDIT_SET_USER_MEMORY |
				      NSAUDIT_SET_DAEMON_MEMORY);
	ck_assert_uint_eq(a.set.limits.user_daemons, 16);
	ck_assert_uint_eq(a.set.limits.user_memory, 32768);
	ck_assert_uint_eq(a.set.limits.daemon_memory, 16384);
	ck_assert_uint_eq(a.set.limits.daemons, 0);
	ck_assert_uint_eq(a.set.limits.memory, 0);
	ck_assert_uint_eq(a.set.limits.contids, 0);

	/* Several pairs, any order, one request. */
	parse_ok(&a, ARGS("set", "rules", "7", "memory", "65536", "enrich",
			  "off", "user_memory", "100", "contids", "4096",
			  "share", "none", "daemon_memory", "65", "daemons",
			  "4096", "backlog", "300", "user_daemons", "3",
			  "queue", "1048576"));
	ck_assert_int_eq(a.cmd, CLI_CMD_SET);
	ck_assert_uint_eq(a.set.mask, NSAUDIT_SET_ALL);
	ck_assert_int_eq(a.set.enrich, 0);
	ck_assert_int_eq(a.set.share, NSAUDIT_SHARE_NONE);
	ck_assert_uint_eq(a.set.limits.daemons, NSAUDIT_LIMIT_DAEMONS_MAX);
	ck_assert_uint_eq(a.set.limits.queue, NSAUDIT_LIMIT_QUEUE_MAX);
	ck_assert_uint_eq(a.set.limits.rules, 7);
	ck_assert_uint_eq(a.set.limits.backlog, 300);
	ck_assert_uint_eq(a.set.limits.memory, 65536);
	ck_assert_uint_eq(a.set.limits.contids, 4096);
	ck_assert_uint_eq(a.set.limits.user_daemons, 3);
	ck_assert_uint_eq(a.set.limits.user_memory, 100);
	ck_assert_uint_eq(a.set.limits.daemon_memory, 65);

	/* Leading zeros are still decimal, never octal. */
	parse_ok(&a, ARGS("set", "queue", "0020", "daemons", "010"));
	ck_assert_uint_eq(a.set.limits.queue, 20);
	ck_assert_uint_eq(a.set.limits.daemons, 10);
}
END_TEST

/* share takes its three names, and nothing else (see test_usage_exact). */
START_TEST(test_set_share)
{
	static const struct {
		const char *name;
		int share;
	} cases[] = {
		{ "none", NSAUDIT_SHARE_NONE },
		{ "delegated", NSAUDIT_SHARE_DELEGATED },
		{ "all", NSAUDIT_SHARE_ALL },
	};
	struct cli_args a;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		parse_ok(&a, ARGS("set", "share", cases[i].name));
		ck_assert_int_eq(a.cmd, CLI_CMD_SET);
		ck_assert_uint_eq(a.set.mask, NSAUDIT_SET_SHARE);
		ck_assert_int_eq(a.set.share, cases[i].share);
		ck_assert(!a.json);
	}

	/* With other keys, either side: one request. */
	parse_ok(&a, ARGS("set", "enrich", "on", "share", "all", "queue",
			  "16"));
	ck_assert_uint_eq(a.set.mask, NSAUDIT_SET_ENRICH | NSAUDIT_SET_SHARE |
				      NSAUDIT_SET_QUEUE);
	ck_assert_int_eq(a.set.enrich, 1);
	ck_assert_int_eq(a.set.share, NSAUDIT_SHARE_ALL);
	ck_assert_uint_eq(a.set.limits.queue, 16);
}
END_TEST

START_TEST(test_delegate)
{
	static const struct {
		const char *argv[4];
		enum cli_cmd cmd;
		int pid;
	} cases[] = {
		{ { "delegate", "42" }, CLI_CMD_DELEGATE, 42 },
		{ { "undelegate", "42" }, CLI_CMD_UNDELEGATE, 42 },
		/* Both ends of the range; leading zeros are decimal. */
		{ { "delegate", "1" }, CLI_CMD_DELEGATE, 1 },
		{ { "undelegate", "4194304" }, CLI_CMD_UNDELEGATE,
		  NSAUDIT_PID_MAX },
		{ { "delegate", "010" }, CLI_CMD_DELEGATE, 10 },
	};
	struct cli_args a;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		parse_ok(&a, cases[i].argv);
		ck_assert_int_eq(a.cmd, cases[i].cmd);
		ck_assert_int_eq(a.pid, cases[i].pid);
		ck_assert(!a.json);
	}

	/* Help wins here too. */
	parse_ok(&a, ARGS("delegate", "5", "-h"));
	ck_assert_int_eq(a.cmd, CLI_CMD_HELP);
	parse_ok(&a, ARGS("undelegate", "--help"));
	ck_assert_int_eq(a.cmd, CLI_CMD_HELP);
}
END_TEST

START_TEST(test_nsid)
{
	struct cli_args a;

	parse_ok(&a, ARGS("nsid", "1"));
	ck_assert_int_eq(a.cmd, CLI_CMD_NSID);
	ck_assert_int_eq(a.pid, 1);
	ck_assert(!a.json);

	parse_ok(&a, ARGS("nsid", "4194304"));
	ck_assert_int_eq(a.pid, NSAUDIT_PID_MAX);

	parse_ok(&a, ARGS("nsid", "self"));
	ck_assert_int_eq(a.pid, 0);

	parse_ok(&a, ARGS("--json", "nsid", "42"));
	ck_assert(a.json);
	ck_assert_int_eq(a.pid, 42);
	parse_ok(&a, ARGS("nsid", "--json", "42"));
	ck_assert(a.json);
	ck_assert_int_eq(a.pid, 42);
	parse_ok(&a, ARGS("nsid", "42", "--json"));
	ck_assert(a.json);
	ck_assert_int_eq(a.pid, 42);
}
END_TEST

START_TEST(test_contid)
{
	struct cli_args a;

	parse_ok(&a, ARGS("contid", "set", "42", "7"));
	ck_assert_int_eq(a.cmd, CLI_CMD_CONTID);
	ck_assert_int_eq(a.contid_op, CLI_CONTID_SET);
	ck_assert_int_eq(a.pid, 42);
	ck_assert_uint_eq(a.contid, 7);
	ck_assert(!a.json);

	/* Both ends of each range; leading zeros are decimal. */
	parse_ok(&a, ARGS("contid", "set", "1", "0"));
	ck_assert_int_eq(a.pid, 1);
	ck_assert_uint_eq(a.contid, 0);
	parse_ok(&a, ARGS("contid", "set", "4194304", "18446744073709551614"));
	ck_assert_int_eq(a.pid, NSAUDIT_PID_MAX);
	ck_assert_uint_eq(a.contid, NSAUDIT_CONTID_UNSET - 1);
	parse_ok(&a, ARGS("contid", "set", "010", "0099"));
	ck_assert_int_eq(a.pid, 10);
	ck_assert_uint_eq(a.contid, 99);

	/* The unset value goes to the module, whose refusal explains it. */
	parse_ok(&a, ARGS("contid", "set", "5", "18446744073709551615"));
	ck_assert_uint_eq(a.contid, NSAUDIT_CONTID_UNSET);

	parse_ok(&a, ARGS("contid", "get", "42"));
	ck_assert_int_eq(a.cmd, CLI_CMD_CONTID);
	ck_assert_int_eq(a.contid_op, CLI_CONTID_GET);
	ck_assert_int_eq(a.pid, 42);
	parse_ok(&a, ARGS("contid", "get", "4194304"));
	ck_assert_int_eq(a.pid, NSAUDIT_PID_MAX);
	parse_ok(&a, ARGS("contid", "get", "self"));
	ck_assert_int_eq(a.pid, 0);

	/* A name, as a separate argument or after '=', before or after. */
	ck_assert_ptr_null(a.contid_name);
	parse_ok(&a, ARGS("contid", "set", "42", "7", "--name", "web 1"));
	ck_assert_str_eq(a.contid_name, "web 1");
	ck_assert_uint_eq(a.contid, 7);
	parse_ok(&a, ARGS("contid", "--name=x=y", "set", "42", "7"));
	ck_assert_str_eq(a.contid_name, "x=y");
	ck_assert_int_eq(a.pid, 42);
	parse_ok(&a, ARGS("contid", "set", "42", "7", "--name", "--json"));
	ck_assert_str_eq(a.contid_name, "--json");
	ck_assert(!a.json);

	/* Help wins here too. */
	parse_ok(&a, ARGS("contid", "set", "5", "-h"));
	ck_assert_int_eq(a.cmd, CLI_CMD_HELP);
	parse_ok(&a, ARGS("contid", "--help"));
	ck_assert_int_eq(a.cmd, CLI_CMD_HELP);
}
END_TEST

/* The longest name the module takes, and one byte more. */
START_TEST(test_contid_name_length)
{
	char name[NSAUDIT_CONTID_NAME_MAX + 2];
	struct cli_args a;

	memset(name, 'n', sizeof(name));
	name[NSAUDIT_CONTID_NAME_MAX] = '\0';
	parse_ok(&a, ARGS("contid", "set", "5", "7", "--name", name));
	ck_assert_uint_eq(strlen(a.contid_name), NSAUDIT_CONTID_NAME_MAX);
	name[NSAUDIT_CONTID_NAME_MAX] = 'n';
	name[NSAUDIT_CONTID_NAME_MAX + 1] = '\0';
	ck_assert_int_ne(parse(&a, ARGS("contid", "set", "5", "7", "--name",
					name)), 0);
	ck_assert_str_eq(a.err, "contid set: the name is longer than 255 bytes");
}
END_TEST

START_TEST(test_monitor)
{
	struct cli_args a;

	parse_ok(&a, ARGS("monitor"));
	ck_assert_int_eq(a.cmd, CLI_CMD_MONITOR);
	ck_assert_uint_eq(a.count, 0);
	ck_assert_int_eq(a.timeout, -1);
	ck_assert(!a.json);

	parse_ok(&a, ARGS("monitor", "--count", "3", "--timeout", "10"));
	ck_assert_uint_eq(a.count, 3);
	ck_assert_int_eq(a.timeout, 10);

	parse_ok(&a, ARGS("--json", "monitor", "--timeout=86400",
			  "--count=4294967295"));
	ck_assert(a.json);
	ck_assert_uint_eq(a.count, UINT32_MAX);
	ck_assert_int_eq(a.timeout, CLI_TIMEOUT_MAX);

	parse_ok(&a, ARGS("monitor", "--count", "1", "--json"));
	ck_assert(a.json);
	ck_assert_uint_eq(a.count, 1);
	ck_assert_int_eq(a.timeout, -1);
}
END_TEST

START_TEST(test_help_version)
{
	static const struct {
		const char *argv[4];
		enum cli_cmd cmd;
	} cases[] = {
		{ { "help" }, CLI_CMD_HELP },
		{ { "-h" }, CLI_CMD_HELP },
		{ { "--help" }, CLI_CMD_HELP },
		/* Help wins wherever it is asked for. */
		{ { "--json", "-h" }, CLI_CMD_HELP },
		{ { "status", "--help" }, CLI_CMD_HELP },
		{ { "set", "queue", "20", "-h" }, CLI_CMD_HELP },
		{ { "--help", "bogus", "args" }, CLI_CMD_HELP },
		{ { "version" }, CLI_CMD_VERSION },
		{ { "-V" }, CLI_CMD_VERSION },
		{ { "--version" }, CLI_CMD_VERSION },
	};
	struct cli_args a;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		parse_ok(&a, cases[i].argv);
		ck_assert_int_eq(a.cmd, cases[i].cmd);
		ck_assert(!a.json);
	}
}
END_TEST

/* --- args.c: usage errors ----------------------------------------------- */

/*
 * Each line must fail; its message must contain every one of @want (the
 * offending value, the range, ...) and be a single line.
 */
static const struct usage_case {
	const char *argv[6];
	const char *want[3];
} usage_cases[] = {
	/* commands and options */
	{ { NULL }, { "no command given" } },
	{ { "bogus" }, { "unknown command 'bogus'" } },
	{ { "STATUS" }, { "unknown command 'STATUS'" } },
	{ { "--bogus" }, { "unknown option '--bogus'" } },
	{ { "-x", "status" }, { "unknown option '-x'" } },
	{ { "--json" }, { "no command given" } },
	{ { "--json=1", "status" }, { "unknown option '--json=1'" } },
	{ { "status", "-x" }, { "status: unknown option '-x'" } },
	{ { "status", "now" }, { "status: unexpected argument 'now'" } },
	{ { "-s", "now" }, { "status: unexpected argument 'now'" } },
	{ { "status", "--count", "1" }, { "unknown option '--count'" } },
	{ { "help", "set" }, { "help: unexpected argument 'set'" } },
	{ { "-V", "x" }, { "version: unexpected argument 'x'" } },
	/* --json only where the output is data */
	{ { "--json", "set", "enrich", "1" }, { "set: option '--json'" } },
	{ { "set", "enrich", "1", "--json" }, { "set: option '--json'" } },
	{ { "-e", "1", "--json" }, { "set: option '--json'" } },
	{ { "--json", "version" }, { "version: option '--json'" } },
	{ { "help", "--json" }, { "help: option '--json'" } },
	/* set */
	{ { "set" }, { "set: expected KEY VALUE", "enrich, daemons" } },
	{ { "set", "--json" }, { "set: expected KEY VALUE" } },
	{ { "set", "bogus", "1" }, { "unknown key 'bogus'",
	  "keys are enrich, daemons, queue, rules, backlog, memory, contids" } },
	{ { "set", "Queue", "20" }, { "unknown key 'Queue'" } },
	{ { "set", "queue" }, { "missing value for queue" } },
	{ { "set", "enrich", "1", "rules" }, { "missing value for rules" } },
	{ { "set", "queue", "20", "queue", "30" },
	  { "key 'queue' given twice" } },
	{ { "set", "enrich", "on", "enrich", "on" },
	  { "key 'enrich' given twice" } },
	{ { "set", "enrich", "yes" }, { "enrich 'yes'", "on, off, 1, 0" } },
	{ { "set", "enrich", "2" }, { "enrich '2'" } },
	{ { "set", "enrich", "" }, { "enrich ''" } },
	{ { "set", "enrich", "ON" }, { "enrich 'ON'" } },
	{ { "-e" }, { "option '-e' needs 0 or 1" } },
	{ { "-e", "2" }, { "-e '2' is not 0 or 1" } },
	{ { "-e", "on" }, { "-e 'on' is not 0 or 1" } },
	{ { "-e", "1", "queue", "20" },
	  { "set: unexpected argument 'queue'" } },
	/* number classes, with the value and the range named */
	{ { "set", "queue", "" }, { "empty queue", "16 to 1048576" } },
	{ { "set", "queue", "+16" },
	  { "queue '+16' is not a decimal number", "16 to 1048576" } },
	{ { "set", "queue", "-16" }, { "queue '-16' is not a decimal" } },
	{ { "set", "queue", " 16" }, { "queue ' 16' is not a decimal" } },
	{ { "set", "queue", "16 " }, { "queue '16 ' is not a decimal" } },
	{ { "set", "queue", "16x" }, { "queue '16x' is not a decimal" } },
	{ { "set", "queue", "0x10" }, { "queue '0x10' is not a decimal" } },
	{ { "set", "queue", "1e3" }, { "queue '1e3' is not a decimal" } },
	{ { "set", "queue", "15" },
	  { "queue '15' is out of range 16 to 1048576" } },
	{ { "set", "queue", "1048577" }, { "queue '1048577' is out of" } },
	{ { "set", "queue", "18446744073709551616" },
	  { "queue '18446744073709551616' is out of range" } },
	{ { "set", "queue", "99999999999999999999999999" },
	  { "out of range 16 to 1048576" } },
	{ { "set", "daemons", "4097" },
	  { "daemons '4097' is out of range 0 to 4096" } },
	{ { "set", "daemons", "-1" }, { "daemons '-1' is not a decimal" } },
	{ { "set", "rules", "65537" },
	  { "rules '65537' is out of range 0 to 65536" } },
	{ { "set", "rules", "4294967296" }, { "rules '4294967296' is out" } },
	{ { "set", "backlog", "15" },
	  { "backlog '15' is out of range 16 to 1048576" } },
	{ { "set", "backlog", "0" }, { "backlog '0' is out of range" } },
	{ { "set", "backlog", "1048577" }, { "backlog '1048577' is out" } },
	{ { "set", "backlog", "-16" }, { "backlog '-16' is not a decimal" } },
	{ { "set", "backlog", "" }, { "empty backlog", "16 to 1048576" } },
	{ { "set", "backlog" }, { "missing value for backlog" } },
	{ { "set", "backlog", "16", "backlog", "16" },
	  { "key 'backlog' given twice" } },
	{ { "set", "memory", "63" },
	  { "memory '63' is out of range 64 to 16777216" } },
	{ { "set", "memory", "16777217" }, { "memory '16777217' is out" } },
	{ { "set", "memory", "64k" },
	  { "memory '64k' is not a decimal number from 64 to 16777216" } },
	{ { "set", "memory", "4294967360" }, { "memory '4294967360' is out" } },
	{ { "set", "memory" }, { "missing value for memory" } },
	{ { "set", "Memory", "64" }, { "unknown key 'Memory'" } },
	{ { "set", "contids", "0" },
	  { "contids '0' is out of range 1 to 1048576" } },
	{ { "set", "contids", "1048577" }, { "contids '1048577' is out" } },
	{ { "set", "contids", "-1" }, { "contids '-1' is not a decimal" } },
	{ { "set", "contids" }, { "missing value for contids" } },
	{ { "set", "user_daemons", "4097" },
	  { "user_daemons '4097' is out of range 0 to 4096" } },
	{ { "set", "user_daemons", "4294967296" },
	  { "user_daemons '4294967296' is out of range 0 to 4096" } },
	{ { "set", "user_daemons", "-1" },
	  { "user_daemons '-1' is not a decimal number from 0 to 4096" } },
	{ { "set", "user_daemons", "0x10" },
	  { "user_daemons '0x10' is not a decimal" } },
	{ { "set", "user_daemons", "" },
	  { "empty user_daemons; must be a number from 0 to 4096" } },
	{ { "set", "user_daemons" },
	  { "set: missing value for user_daemons" } },
	{ { "set", "user_daemons", "1", "user_daemons", "2" },
	  { "key 'user_daemons' given twice" } },
	{ { "set", "user_memory", "63" },
	  { "user_memory '63' is out of range 64 to 16777216" } },
	{ { "set", "user_memory", "0" },
	  { "user_memory '0' is out of range 64 to 16777216" } },
	{ { "set", "user_memory", "16777217" },
	  { "user_memory '16777217' is out of range 64 to 16777216" } },
	{ { "set", "user_memory", "64k" },
	  { "user_memory '64k' is not a decimal number from 64 to "
	    "16777216" } },
	{ { "set", "user_memory", "+64" },
	  { "user_memory '+64' is not a decimal" } },
	{ { "set", "user_memory", "" },
	  { "empty user_memory; must be a number from 64 to 16777216" } },
	{ { "set", "user_memory" }, { "set: missing value for user_memory" } },
	{ { "set", "daemon_memory", "63" },
	  { "daemon_memory '63' is out of range 64 to 16777216" } },
	{ { "set", "daemon_memory", "16777217" },
	  { "daemon_memory '16777217' is out of range 64 to 16777216" } },
	{ { "set", "daemon_memory", "4294967360" },
	  { "daemon_memory '4294967360' is out" } },
	{ { "set", "daemon_memory", "1e3" },
	  { "daemon_memory '1e3' is not a decimal number from 64 to "
	    "16777216" } },
	{ { "set", "daemon_memory", " 64" },
	  { "daemon_memory ' 64' is not a decimal" } },
	{ { "set", "daemon_memory", "" },
	  { "empty daemon_memory; must be a number from 64 to 16777216" } },
	{ { "set", "daemon_memory" },
	  { "set: missing value for daemon_memory" } },
	{ { "set", "queue", "16", "daemon_memory" },
	  { "set: missing value for daemon_memory" } },
	{ { "set", "User_memory", "64" }, { "unknown key 'User_memory'" } },
	{ { "set", "user-memory", "64" }, { "unknown key 'user-memory'" } },
	{ { "set", "user", "64" }, { "unknown key 'user'" } },
	{ { "set", "share", "bogus" },
	  { "share 'bogus' is not one of none, delegated, all" } },
	{ { "set", "share", "1" }, { "share '1' is not one of" } },
	{ { "set", "share", "ALL" }, { "share 'ALL' is not one of" } },
	{ { "set", "share", "" }, { "share '' is not one of" } },
	{ { "set", "share" }, { "missing value for share" } },
	{ { "set", "share", "all", "share", "none" },
	  { "key 'share' given twice" } },
	{ { "set", "Share", "all" }, { "unknown key 'Share'" } },
	/* delegate, undelegate: one PID, no "self" */
	{ { "delegate" }, { "delegate: expected a PID" } },
	{ { "undelegate" }, { "undelegate: expected a PID" } },
	{ { "delegate", "--json" }, { "delegate: expected a PID" } },
	{ { "delegate", "0" }, { "PID '0' is out of range 1 to 4194304" } },
	{ { "undelegate", "4194305" }, { "PID '4194305' is out of range" } },
	{ { "delegate", "-5" }, { "PID '-5' is not a decimal number" } },
	{ { "delegate", "self" }, { "PID 'self' is not a decimal number" } },
	{ { "delegate", "" }, { "empty PID", "1 to 4194304" } },
	{ { "delegate", "5", "6" }, { "delegate: unexpected argument '6'" } },
	{ { "undelegate", "5", "x" },
	  { "undelegate: unexpected argument 'x'" } },
	{ { "delegate", "-x" }, { "delegate: unknown option '-x'" } },
	{ { "delegate", "5", "--json" },
	  { "delegate: option '--json' applies only to" } },
	{ { "--json", "undelegate", "5" }, { "undelegate: option '--json'" } },
	/* contid: the operation, then the PID, then (set) the ID */
	{ { "contid" }, { "contid: expected 'set PID ID' or 'get PID'" } },
	{ { "contid", "--json" }, { "contid: expected 'set PID ID'" } },
	{ { "contid", "bogus" },
	  { "contid: unknown operation 'bogus'; expected set or get" } },
	{ { "contid", "SET", "1", "2" }, { "unknown operation 'SET'" } },
	{ { "contid", "5", "7" }, { "contid: unknown operation '5'" } },
	{ { "contid", "set" }, { "contid set: expected a PID and an ID" } },
	{ { "contid", "set", "5" },
	  { "contid set: expected an ID after the PID" } },
	{ { "contid", "set", "5", "7", "8" },
	  { "contid set: unexpected argument '8'" } },
	{ { "contid", "set", "0", "7" },
	  { "PID '0' is out of range 1 to 4194304" } },
	{ { "contid", "set", "4194305", "7" }, { "PID '4194305' is out" } },
	{ { "contid", "set", "-5", "7" }, { "PID '-5' is not a decimal" } },
	{ { "contid", "set", "self", "7" },
	  { "contid set: 'self' is not allowed" } },
	{ { "contid", "set", "5", "" },
	  { "empty ID", "0 to 18446744073709551615" } },
	{ { "contid", "set", "5", "-1" },
	  { "ID '-1' is not a decimal number from 0 to "
	    "18446744073709551615" } },
	{ { "contid", "set", "5", "+7" }, { "ID '+7' is not a decimal" } },
	{ { "contid", "set", "5", " 7" }, { "ID ' 7' is not a decimal" } },
	{ { "contid", "set", "5", "7 " }, { "ID '7 ' is not a decimal" } },
	{ { "contid", "set", "5", "0x7" }, { "ID '0x7' is not a decimal" } },
	{ { "contid", "set", "5", "7k" }, { "ID '7k' is not a decimal" } },
	{ { "contid", "set", "5", "18446744073709551616" },
	  { "ID '18446744073709551616' is out of range 0 to "
	    "18446744073709551615" } },
	{ { "contid", "set", "5", "99999999999999999999999" },
	  { "ID '99999999999999999999999' is out of range" } },
	{ { "contid", "set", "5", "7", "--json" },
	  { "contid: option '--json' applies only to" } },
	{ { "--json", "contid", "get", "5" }, { "contid: option '--json'" } },
	{ { "contid", "get" }, { "contid get: expected a PID or 'self'" } },
	{ { "contid", "get", "0" }, { "PID '0' is out of range" } },
	{ { "contid", "get", "SELF" }, { "PID 'SELF' is not a decimal" } },
	{ { "contid", "get", "5", "7" },
	  { "contid get: unexpected argument '7'" } },
	{ { "contid", "get", "-x" }, { "contid: unknown option '-x'" } },
	{ { "contid", "get", "5\n" }, { "PID '5?' is not a decimal" } },
	{ { "contid", "set", "5", "7", "--name" },
	  { "option '--name' needs a value" } },
	{ { "contid", "set", "5", "7", "--name=" },
	  { "contid set: the name is empty" } },
	{ { "contid", "set", "5", "7", "--name", "" },
	  { "contid set: the name is empty" } },
	{ { "contid", "--name=a", "set", "--name=b" },
	  { "option '--name' given twice" } },
	{ { "contid", "get", "5", "--name", "a" },
	  { "contid get: option '--name' applies only to contid set" } },
	{ { "contid", "set", "5", "7", "--namex" },
	  { "contid: unknown option '--namex'" } },
	/* nsid */
	{ { "nsid" }, { "nsid: expected a PID or 'self'" } },
	{ { "nsid", "--json" }, { "nsid: expected a PID" } },
	{ { "nsid", "0" }, { "PID '0' is out of range 1 to 4194304" } },
	{ { "nsid", "4194305" }, { "PID '4194305' is out of range" } },
	{ { "nsid", "-5" }, { "PID '-5' is not a decimal number" } },
	{ { "nsid", "abc" }, { "PID 'abc' is not a decimal number" } },
	{ { "nsid", "" }, { "empty PID", "1 to 4194304" } },
	{ { "nsid", "12", "13" }, { "nsid: unexpected argument '13'" } },
	{ { "nsid", "SELF" }, { "PID 'SELF' is not a decimal number" } },
	{ { "nsid", "-x" }, { "nsid: unknown option '-x'" } },
	/* monitor */
	{ { "monitor", "--count" }, { "option '--count' needs a value" } },
	{ { "monitor", "--timeout" }, { "option '--timeout' needs a value" } },
	{ { "monitor", "--count", "0" },
	  { "--count '0' is out of range 1 to 4294967295" } },
	{ { "monitor", "--count=" }, { "empty --count" } },
	{ { "monitor", "--count", "-1" }, { "--count '-1' is not a decimal" } },
	{ { "monitor", "--count", "4294967296" }, { "is out of range" } },
	{ { "monitor", "--timeout", "0" },
	  { "--timeout '0' is out of range 1 to 86400" } },
	{ { "monitor", "--timeout=86401" }, { "--timeout '86401' is out" } },
	{ { "monitor", "--timeout", "1.5" }, { "--timeout '1.5' is not" } },
	{ { "monitor", "--count", "1", "--count", "2" },
	  { "option '--count' given twice" } },
	{ { "monitor", "--timeout=1", "--timeout", "1" },
	  { "option '--timeout' given twice" } },
	{ { "monitor", "--countx", "1" },
	  { "monitor: unknown option '--countx'" } },
	{ { "monitor", "5" }, { "monitor: unexpected argument '5'" } },
	/* what is quoted back never breaks the line */
	{ { "set", "queue", "1\n6" }, { "queue '1?6' is not" } },
	{ { "bogus\033[2J" }, { "unknown command 'bogus?[2J'" } },
	{ { "set", "queue",
	    "123456789012345678901234567890123456789012345678901234567890" },
	  { "'1234567890123456789012345678901234567890...' is out" } },
};

START_TEST(test_usage_error)
{
	const struct usage_case *c = &usage_cases[_i];
	struct cli_args a;
	size_t k;

	ck_assert_msg(parse(&a, c->argv) == -1, "case %d: parsed", _i);
	ck_assert_msg(a.err[0], "case %d: no message", _i);
	ck_assert_msg(!strchr(a.err, '\n'), "case %d: two lines", _i);
	for (k = 0; k < 3 && c->want[k]; k++)
		ck_assert_msg(strstr(a.err, c->want[k]),
			      "case %d: '%s' lacks '%s'", _i, a.err,
			      c->want[k]);
}
END_TEST

/* The new commands' and share's messages, whole. */
START_TEST(test_usage_exact)
{
	static const struct {
		const char *argv[4];
		const char *err;
	} cases[] = {
		{ { "delegate" }, "delegate: expected a PID" },
		{ { "undelegate" }, "undelegate: expected a PID" },
		{ { "delegate", "abc" },
		  "PID 'abc' is not a decimal number from 1 to 4194304" },
		{ { "undelegate", "12x" },
		  "PID '12x' is not a decimal number from 1 to 4194304" },
		{ { "delegate", "self" },
		  "PID 'self' is not a decimal number from 1 to 4194304" },
		{ { "delegate", "0" }, "PID '0' is out of range 1 to 4194304" },
		{ { "delegate", "5", "6" }, "delegate: unexpected argument '6'" },
		{ { "set", "share", "bogus" },
		  "share 'bogus' is not one of none, delegated, all" },
		{ { "set", "share", "2" },
		  "share '2' is not one of none, delegated, all" },
		{ { "set", "share" }, "set: missing value for share" },
		{ { "set", "bogus", "1" },
		  "set: unknown key 'bogus'; keys are enrich, daemons, queue, "
		  "rules, backlog, memory, contids, user_daemons, "
		  "user_memory, daemon_memory, share" },
		{ { "set" },
		  "set: expected KEY VALUE; keys are enrich, daemons, queue, "
		  "rules, backlog, memory, contids, user_daemons, "
		  "user_memory, daemon_memory, share" },
		{ { "set", "user_daemons", "4097" },
		  "user_daemons '4097' is out of range 0 to 4096" },
		{ { "set", "user_daemons", "x" },
		  "user_daemons 'x' is not a decimal number from 0 to 4096" },
		{ { "set", "user_daemons" },
		  "set: missing value for user_daemons" },
		{ { "set", "user_memory", "63" },
		  "user_memory '63' is out of range 64 to 16777216" },
		{ { "set", "user_memory", "-64" },
		  "user_memory '-64' is not a decimal number from 64 to "
		  "16777216" },
		{ { "set", "user_memory" },
		  "set: missing value for user_memory" },
		{ { "set", "daemon_memory", "16777217" },
		  "daemon_memory '16777217' is out of range 64 to 16777216" },
		{ { "set", "daemon_memory", "16M" },
		  "daemon_memory '16M' is not a decimal number from 64 to "
		  "16777216" },
		{ { "set", "daemon_memory" },
		  "set: missing value for daemon_memory" },
	};
	struct cli_args a;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		ck_assert_int_eq(parse(&a, cases[i].argv), -1);
		ck_assert_str_eq(a.err, cases[i].err);
	}
}
END_TEST

/* The number parser on its own: one row per class and boundary. */
START_TEST(test_parse_number)
{
	static const struct {
		const char *s;
		uint64_t min, max;
		enum cli_num want;
		uint64_t val;
	} cases[] = {
		{ "0", 0, 10, CLI_NUM_OK, 0 },
		{ "10", 0, 10, CLI_NUM_OK, 10 },
		{ "000", 0, 10, CLI_NUM_OK, 0 },
		{ "18446744073709551615", 0, UINT64_MAX, CLI_NUM_OK,
		  UINT64_MAX },
		{ "", 0, 10, CLI_NUM_EMPTY, 0 },
		{ "+1", 0, 10, CLI_NUM_SYNTAX, 0 },
		{ "-0", 0, 10, CLI_NUM_SYNTAX, 0 },
		{ " 1", 0, 10, CLI_NUM_SYNTAX, 0 },
		{ "1 ", 0, 10, CLI_NUM_SYNTAX, 0 },
		{ "\t1", 0, 10, CLI_NUM_SYNTAX, 0 },
		{ "1\n", 0, 10, CLI_NUM_SYNTAX, 0 },
		{ "1a", 0, 10, CLI_NUM_SYNTAX, 0 },
		{ "a1", 0, 10, CLI_NUM_SYNTAX, 0 },
		{ "0x1", 0, 10, CLI_NUM_SYNTAX, 0 },
		{ "99999999999999999999999x", 0, 10, CLI_NUM_SYNTAX, 0 },
		{ "11", 0, 10, CLI_NUM_RANGE, 0 },
		{ "4", 5, 10, CLI_NUM_RANGE, 0 },
		{ "18446744073709551616", 0, UINT64_MAX, CLI_NUM_RANGE, 0 },
		{ "184467440737095516150", 0, UINT64_MAX, CLI_NUM_RANGE, 0 },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		uint64_t v = 12345;
		enum cli_num r;

		r = cli_parse_number(cases[i].s, cases[i].min, cases[i].max,
				     &v);
		ck_assert_msg(r == cases[i].want, "'%s': class %d, want %d",
			      cases[i].s, r, cases[i].want);
		if (r == CLI_NUM_OK)
			ck_assert_uint_eq(v, cases[i].val);
		else
			ck_assert_uint_eq(v, 12345);	/* untouched */
	}
}
END_TEST

/* --- output.c ------------------------------------------------------------ */

struct mem {
	FILE *f;
	char *buf;
	size_t len;
};

static FILE *mem_open(struct mem *m)
{
	m->buf = NULL;
	m->len = 0;
	m->f = open_memstream(&m->buf, &m->len);
	ck_assert_ptr_nonnull(m->f);
	return m->f;
}

/* Close, compare with @want, free. */
static void mem_check(struct mem *m, const char *want)
{
	ck_assert_int_eq(fclose(m->f), 0);
	ck_assert_str_eq(m->buf, want);
	free(m->buf);
}

static const struct nsaudit_status status_value = {
	.version_major = 1,
	.version_minor = 0,
	.features = NSAUDIT_FEATURE_ENRICH | NSAUDIT_FEATURE_NSID,
	.enrich = 1,
	.counters = {
		.enriched = 123456789012ULL,
		.forwarded = 0,
		.lost = 3,
		.missed = UINT64_MAX,
	},
	.limits = { .daemons = 64, .queue = 8192, .rules = 256 },
	.probes = -1,
	.share = -1,
	.delegated = -1,
};

/* A module of 1.1 with the caller's namespace's daemon. */
static const struct nsaudit_status status_1_1 = {
	.version_major = 1,
	.version_minor = 1,
	.features = NSAUDIT_FEATURE_ENRICH | NSAUDIT_FEATURE_NSID |
		    NSAUDIT_FEATURE_DAEMONS,
	.enrich = 1,
	.counters = { .enriched = 5, .forwarded = 310, .lost = 2, .missed = 0 },
	.limits = {
		.daemons = 64, .queue = 8192, .rules = 256, .backlog = 4096,
		.memory = 65536,
	},
	.daemon = {
		.registered = 1, .pid = 412, .userns = 4026532208U,
		.backlog = 16, .queued = 4294967295U,
		.routed = 18446744073709551615ULL, .delivered = 310,
		.lost = 2,
	},
	.probes = -1,
	.share = -1,
	.delegated = -1,
};

/* A module of 1.3: contid feature, the contids counter and limit. */
static const struct nsaudit_status status_1_3 = {
	.version_major = 1,
	.version_minor = 3,
	.features = NSAUDIT_FEATURE_ENRICH | NSAUDIT_FEATURE_NSID |
		    NSAUDIT_FEATURE_DAEMONS | NSAUDIT_FEATURE_RULES |
		    NSAUDIT_FEATURE_CONTID,
	.enrich = 1,
	.counters = {
		.enriched = 5, .forwarded = 0, .lost = 0, .missed = 0,
		.contids = 0,
	},
	.limits = {
		.daemons = 64, .queue = 8192, .rules = 256, .backlog = 8192,
		.memory = 65536, .contids = 4096,
	},
	.probes = -1,
	.share = -1,
	.delegated = -1,
};

/*
 * A module of 1.4 whose kprobes fire: the probes state, the share
 * setting, the caller's delegation, unenriched, contid_lost and
 * delegations.
 */
static const struct nsaudit_status status_1_4 = {
	.version_major = 1,
	.version_minor = 4,
	.features = NSAUDIT_FEATURE_ENRICH | NSAUDIT_FEATURE_NSID |
		    NSAUDIT_FEATURE_DAEMONS | NSAUDIT_FEATURE_RULES |
		    NSAUDIT_FEATURE_CONTID,
	.enrich = 1,
	.counters = {
		.enriched = 5, .forwarded = 0, .lost = 0, .missed = 0,
		.contids = 3, .contid_tasks = 57, .contid_lost = 0,
		.unenriched = 0, .delegations = 0,
	},
	.limits = {
		.daemons = 64, .queue = 8192, .rules = 256, .backlog = 8192,
		.memory = 65536, .contids = 4096,
	},
	.probes = 1,
	.share = NSAUDIT_SHARE_DELEGATED,
	.delegated = 1,
};

/*
 * A module of 1.5: the per-user and per-daemon limits, at their load-time
 * defaults; the rest as status_1_4.
 */
static const struct nsaudit_status status_1_5 = {
	.version_major = 1,
	.version_minor = 5,
	.features = NSAUDIT_FEATURE_ENRICH | NSAUDIT_FEATURE_NSID |
		    NSAUDIT_FEATURE_DAEMONS | NSAUDIT_FEATURE_RULES |
		    NSAUDIT_FEATURE_CONTID,
	.enrich = 1,
	.counters = {
		.enriched = 5, .forwarded = 0, .lost = 0, .missed = 0,
		.contids = 3, .contid_tasks = 57, .contid_lost = 0,
		.unenriched = 0, .delegations = 0,
	},
	.limits = {
		.daemons = 64, .queue = 8192, .rules = 256, .backlog = 8192,
		.memory = 65536, .contids = 4096, .user_daemons = 16,
		.user_memory = 32768, .daemon_memory = 16384,
	},
	.probes = 1,
	.share = NSAUDIT_SHARE_DELEGATED,
	.delegated = 1,
};

START_TEST(test_status_text)
{
	struct mem m;

	ck_assert_int_eq(out_status_text(mem_open(&m), &status_value), 0);
	mem_check(&m,
		  "version 1.0\n"
		  "features enrich nsid\n"
		  "enrich 1\n"
		  "enriched 123456789012\n"
		  "forwarded 0\n"
		  "lost 3\n"
		  "missed 18446744073709551615\n"
		  "daemons 64\n"
		  "queue 8192\n"
		  "rules 256\n"
		  "daemon none\n");
}
END_TEST

/* The new limits after the old; the daemon's lines prefixed. */
START_TEST(test_status_text_1_1)
{
	struct mem m;

	ck_assert_int_eq(out_status_text(mem_open(&m), &status_1_1), 0);
	mem_check(&m,
		  "version 1.1\n"
		  "features enrich nsid daemons\n"
		  "enrich 1\n"
		  "enriched 5\n"
		  "forwarded 310\n"
		  "lost 2\n"
		  "missed 0\n"
		  "daemons 64\n"
		  "queue 8192\n"
		  "rules 256\n"
		  "backlog 4096\n"
		  "memory 65536\n"
		  "daemon registered\n"
		  "daemon_pid 412\n"
		  "daemon_userns 4026532208\n"
		  "daemon_backlog 16\n"
		  "daemon_queued 4294967295\n"
		  "daemon_routed 18446744073709551615\n"
		  "daemon_delivered 310\n"
		  "daemon_lost 2\n");
}
END_TEST

/*
 * 1.3: the counter after the others, named apart from the limit, which
 * comes after the others too; 0 IDs tracked is still shown.
 */
START_TEST(test_status_text_1_3)
{
	struct nsaudit_status st = status_1_3;
	struct mem m;

	ck_assert_int_eq(out_status_text(mem_open(&m), &st), 0);
	mem_check(&m,
		  "version 1.3\n"
		  "features enrich nsid daemons rules contid\n"
		  "enrich 1\n"
		  "enriched 5\n"
		  "forwarded 0\n"
		  "lost 0\n"
		  "missed 0\n"
		  "contids_tracked 0\n"
		  "contid_tasks 0\n"
		  "daemons 64\n"
		  "queue 8192\n"
		  "rules 256\n"
		  "backlog 8192\n"
		  "memory 65536\n"
		  "contids 4096\n"
		  "daemon none\n");

	st.counters.contids = UINT64_MAX;
	st.counters.contid_tasks = 12345;
	st.limits.contids = NSAUDIT_LIMIT_CONTIDS_MAX;
	ck_assert_int_eq(out_status_text(mem_open(&m), &st), 0);
	fflush(m.f);
	ck_assert_ptr_nonnull(strstr(m.buf, "\nmissed 0\n"
					    "contids_tracked 18446744073709551615\n"
					    "contid_tasks 12345\n"
					    "daemons 64\n"));
	ck_assert_ptr_nonnull(strstr(m.buf, "\nmemory 65536\n"
					    "contids 1048576\n"
					    "daemon none\n"));
	ck_assert_int_eq(fclose(m.f), 0);
	free(m.buf);
}
END_TEST

START_TEST(test_status_json_1_3)
{
	static const char want[] =
		"{\"version\":{\"major\":1,\"minor\":3},"
		"\"features\":[\"enrich\",\"nsid\",\"daemons\",\"rules\","
		"\"contid\"],"
		"\"enrich\":true,"
		"\"counters\":{\"enriched\":5,\"forwarded\":0,"
		"\"lost\":0,\"missed\":0,\"contids\":0,\"contid_tasks\":0},"
		"\"limits\":{\"daemons\":64,\"queue\":8192,"
		"\"rules\":256,\"backlog\":8192,\"memory\":65536,"
		"\"contids\":4096}";
	char buf[1024];
	struct mem m;

	ck_assert_int_eq(out_status_json(mem_open(&m), &status_1_3), 0);
	snprintf(buf, sizeof(buf), "%s,\"daemon\":null}\n", want);
	mem_check(&m, buf);
	ck_assert_int_eq(out_config_json(mem_open(&m), &status_1_3), 0);
	snprintf(buf, sizeof(buf), "%s}\n", want);
	mem_check(&m, buf);
	ck_assert_int_eq(out_config_text(mem_open(&m), &status_1_3), 0);
	mem_check(&m, "enrich=1 daemons=64 queue=8192 rules=256 "
		  "backlog=8192 memory=65536 contids=4096\n");
}
END_TEST

/*
 * 1.4: the probes state, share and delegated after enrich, unenriched
 * after enriched, contid_lost after the other container ID counters and
 * delegations after it; a count of 0 is still shown.
 */
START_TEST(test_status_text_1_4)
{
	struct nsaudit_status st = status_1_4;
	struct mem m;

	ck_assert_int_eq(out_status_text(mem_open(&m), &st), 0);
	mem_check(&m,
		  "version 1.4\n"
		  "features enrich nsid daemons rules contid\n"
		  "enrich 1\n"
		  "probes firing\n"
		  "share delegated\n"
		  "delegated yes\n"
		  "enriched 5\n"
		  "unenriched 0\n"
		  "forwarded 0\n"
		  "lost 0\n"
		  "missed 0\n"
		  "contids_tracked 3\n"
		  "contid_tasks 57\n"
		  "contid_lost 0\n"
		  "delegations 0\n"
		  "daemons 64\n"
		  "queue 8192\n"
		  "rules 256\n"
		  "backlog 8192\n"
		  "memory 65536\n"
		  "contids 4096\n"
		  "daemon none\n");

	st.probes = 0;
	st.enrich = 0;
	st.counters.contid_lost = UINT64_MAX;
	st.counters.unenriched = UINT64_MAX - 1;
	st.share = NSAUDIT_SHARE_NONE;
	st.delegated = 0;
	st.counters.delegations = 4096;
	ck_assert_int_eq(out_status_text(mem_open(&m), &st), 0);
	fflush(m.f);
	ck_assert_ptr_nonnull(strstr(m.buf, "\nenrich 0\n"
					    "probes disarmed\n"
					    "share none\n"
					    "delegated no\n"
					    "enriched 5\n"
					    "unenriched 18446744073709551614\n"
					    "forwarded 0\n"));
	ck_assert_ptr_nonnull(strstr(m.buf, "\ncontid_tasks 57\n"
					    "contid_lost 18446744073709551615\n"
					    "delegations 4096\n"
					    "daemons 64\n"));
	ck_assert_int_eq(fclose(m.f), 0);
	free(m.buf);

	/* share all; and no delegated line where there is none to give. */
	st.share = NSAUDIT_SHARE_ALL;
	st.delegated = -1;
	ck_assert_int_eq(out_status_text(mem_open(&m), &st), 0);
	fflush(m.f);
	ck_assert_ptr_nonnull(strstr(m.buf, "\nprobes disarmed\n"
					    "share all\n"
					    "enriched 5\n"));
	ck_assert_ptr_null(strstr(m.buf, "delegated "));
	ck_assert_int_eq(fclose(m.f), 0);
	free(m.buf);

	/* A 1.3 module says nothing of any of them. */
	ck_assert_int_eq(out_status_text(mem_open(&m), &status_1_3), 0);
	fflush(m.f);
	ck_assert_ptr_null(strstr(m.buf, "probes"));
	ck_assert_ptr_null(strstr(m.buf, "unenriched"));
	ck_assert_ptr_null(strstr(m.buf, "contid_lost"));
	ck_assert_ptr_null(strstr(m.buf, "share"));
	ck_assert_ptr_null(strstr(m.buf, "delegat"));
	ck_assert_int_eq(fclose(m.f), 0);
	free(m.buf);
}
END_TEST

START_TEST(test_status_json_1_4)
{
	static const char want[] =
		"{\"version\":{\"major\":1,\"minor\":4},"
		"\"features\":[\"enrich\",\"nsid\",\"daemons\",\"rules\","
		"\"contid\"],"
		"\"enrich\":true,\"probes\":true,\"share\":\"delegated\","
		"\"delegated\":true,"
		"\"counters\":{\"enriched\":5,\"unenriched\":0,"
		"\"forwarded\":0,\"lost\":0,\"missed\":0,\"contids\":3,"
		"\"contid_tasks\":57,\"contid_lost\":0,\"delegations\":0},"
		"\"limits\":{\"daemons\":64,\"queue\":8192,"
		"\"rules\":256,\"backlog\":8192,\"memory\":65536,"
		"\"contids\":4096}";
	struct nsaudit_status st = status_1_4;
	char buf[1024];
	struct mem m;

	ck_assert_int_eq(out_status_json(mem_open(&m), &st), 0);
	snprintf(buf, sizeof(buf), "%s,\"daemon\":null}\n", want);
	mem_check(&m, buf);
	ck_assert_int_eq(out_config_json(mem_open(&m), &st), 0);
	snprintf(buf, sizeof(buf), "%s}\n", want);
	mem_check(&m, buf);
	/* monitor's text line has the settings only, share among them. */
	ck_assert_int_eq(out_config_text(mem_open(&m), &st), 0);
	mem_check(&m, "enrich=1 daemons=64 queue=8192 rules=256 "
		  "backlog=8192 memory=65536 contids=4096 share=delegated\n");

	/* A notification says nothing of the caller's namespace. */
	st.delegated = -1;
	ck_assert_int_eq(out_config_json(mem_open(&m), &st), 0);
	fflush(m.f);
	ck_assert_ptr_nonnull(strstr(m.buf, "\"probes\":true,"
					    "\"share\":\"delegated\","
					    "\"counters\":{"));
	ck_assert_int_eq(fclose(m.f), 0);
	free(m.buf);
	st.delegated = 1;

	st.probes = 0;
	st.counters.contid_lost = 12;
	st.counters.unenriched = UINT64_MAX;
	st.share = NSAUDIT_SHARE_ALL;
	st.delegated = 0;
	st.counters.delegations = UINT64_MAX - 2;
	ck_assert_int_eq(out_status_json(mem_open(&m), &st), 0);
	fflush(m.f);
	ck_assert_ptr_nonnull(strstr(m.buf, "\"enrich\":true,"
					    "\"probes\":false,"
					    "\"share\":\"all\","
					    "\"delegated\":false,"
					    "\"counters\":{\"enriched\":5,"
					    "\"unenriched\":"
					    "18446744073709551615,"
					    "\"forwarded\":0,"));
	ck_assert_ptr_nonnull(strstr(m.buf, "\"contid_tasks\":57,"
					    "\"contid_lost\":12,"
					    "\"delegations\":"
					    "18446744073709551613},"));
	ck_assert_int_eq(fclose(m.f), 0);
	free(m.buf);
}
END_TEST

/*
 * 1.5: user_daemons, user_memory and daemon_memory after the other limits;
 * a user_daemons of 0 (no user may register one) is still shown.
 */
START_TEST(test_status_text_1_5)
{
	struct nsaudit_status st = status_1_5;
	struct mem m;

	ck_assert_int_eq(out_status_text(mem_open(&m), &st), 0);
	mem_check(&m,
		  "version 1.5\n"
		  "features enrich nsid daemons rules contid\n"
		  "enrich 1\n"
		  "probes firing\n"
		  "share delegated\n"
		  "delegated yes\n"
		  "enriched 5\n"
		  "unenriched 0\n"
		  "forwarded 0\n"
		  "lost 0\n"
		  "missed 0\n"
		  "contids_tracked 3\n"
		  "contid_tasks 57\n"
		  "contid_lost 0\n"
		  "delegations 0\n"
		  "daemons 64\n"
		  "queue 8192\n"
		  "rules 256\n"
		  "backlog 8192\n"
		  "memory 65536\n"
		  "contids 4096\n"
		  "user_daemons 16\n"
		  "user_memory 32768\n"
		  "daemon_memory 16384\n"
		  "daemon none\n");

	st.limits.user_daemons = 0;
	st.limits.user_memory = 16777216;
	st.limits.daemon_memory = 64;
	st.daemon = (struct nsaudit_daemon_info){
		.registered = 1, .pid = 412, .userns = 4026532208U,
		.backlog = 16, .queued = 1, .routed = 3, .delivered = 2,
		.lost = 0,
	};
	ck_assert_int_eq(out_status_text(mem_open(&m), &st), 0);
	fflush(m.f);
	ck_assert_ptr_nonnull(strstr(m.buf, "\ncontids 4096\n"
					    "user_daemons 0\n"
					    "user_memory 16777216\n"
					    "daemon_memory 64\n"
					    "daemon registered\n"
					    "daemon_pid 412\n"));
	ck_assert_int_eq(fclose(m.f), 0);
	free(m.buf);

	/* A 1.4 module has none of them: no such line, whatever else. */
	ck_assert_int_eq(out_status_text(mem_open(&m), &status_1_4), 0);
	fflush(m.f);
	ck_assert_ptr_null(strstr(m.buf, "user_"));
	ck_assert_ptr_null(strstr(m.buf, "daemon_memory"));
	ck_assert_ptr_nonnull(strstr(m.buf, "\ncontids 4096\ndaemon none\n"));
	ck_assert_int_eq(fclose(m.f), 0);
	free(m.buf);
}
END_TEST

START_TEST(test_status_json_1_5)
{
	static const char want[] =
		"{\"version\":{\"major\":1,\"minor\":5},"
		"\"features\":[\"enrich\",\"nsid\",\"daemons\",\"rules\","
		"\"contid\"],"
		"\"enrich\":true,\"probes\":true,\"share\":\"delegated\","
		"\"delegated\":true,"
		"\"counters\":{\"enriched\":5,\"unenriched\":0,"
		"\"forwarded\":0,\"lost\":0,\"missed\":0,\"contids\":3,"
		"\"contid_tasks\":57,\"contid_lost\":0,\"delegations\":0},"
		"\"limits\":{\"daemons\":64,\"queue\":8192,"
		"\"rules\":256,\"backlog\":8192,\"memory\":65536,"
		"\"contids\":4096,\"user_daemons\":16,"
		"\"user_memory\":32768,\"daemon_memory\":16384}";
	struct nsaudit_status st = status_1_5;
	char buf[1024];
	struct mem m;

	ck_assert_int_eq(out_status_json(mem_open(&m), &st), 0);
	snprintf(buf, sizeof(buf), "%s,\"daemon\":null}\n", want);
	mem_check(&m, buf);
	ck_assert_int_eq(out_config_json(mem_open(&m), &st), 0);
	snprintf(buf, sizeof(buf), "%s}\n", want);
	mem_check(&m, buf);
	/* monitor's line: 1.5's limits after 1.4's share. */
	ck_assert_int_eq(out_config_text(mem_open(&m), &st), 0);
	mem_check(&m, "enrich=1 daemons=64 queue=8192 rules=256 "
		  "backlog=8192 memory=65536 contids=4096 share=delegated "
		  "user_daemons=16 user_memory=32768 daemon_memory=16384\n");

	/* user_daemons 0 is a limit, not an absent one. */
	st.limits.user_daemons = 0;
	st.limits.user_memory = 64;
	st.limits.daemon_memory = 16777216;
	ck_assert_int_eq(out_status_json(mem_open(&m), &st), 0);
	fflush(m.f);
	ck_assert_ptr_nonnull(strstr(m.buf, "\"contids\":4096,"
					    "\"user_daemons\":0,"
					    "\"user_memory\":64,"
					    "\"daemon_memory\":16777216},"
					    "\"daemon\":null}\n"));
	ck_assert_int_eq(fclose(m.f), 0);
	free(m.buf);
	ck_assert_int_eq(out_config_text(mem_open(&m), &st), 0);
	mem_check(&m, "enrich=1 daemons=64 queue=8192 rules=256 "
		  "backlog=8192 memory=65536 contids=4096 share=delegated "
		  "user_daemons=0 user_memory=64 daemon_memory=16777216\n");

	/* A 1.4 module has none of them, in either JSON or the line. */
	ck_assert_int_eq(out_status_json(mem_open(&m), &status_1_4), 0);
	fflush(m.f);
	ck_assert_ptr_null(strstr(m.buf, "user_"));
	ck_assert_ptr_null(strstr(m.buf, "daemon_memory"));
	ck_assert_ptr_nonnull(strstr(m.buf, "\"contids\":4096},"
					    "\"daemon\":null}\n"));
	ck_assert_int_eq(fclose(m.f), 0);
	free(m.buf);
	ck_assert_int_eq(out_config_json(mem_open(&m), &status_1_4), 0);
	fflush(m.f);
	ck_assert_ptr_null(strstr(m.buf, "user_"));
	ck_assert_ptr_null(strstr(m.buf, "daemon_memory"));
	ck_assert_int_eq(fclose(m.f), 0);
	free(m.buf);
	ck_assert_int_eq(out_config_text(mem_open(&m), &status_1_4), 0);
	mem_check(&m, "enrich=1 daemons=64 queue=8192 rules=256 "
		  "backlog=8192 memory=65536 contids=4096 share=delegated\n");
}
END_TEST

/* contid get: decimal, or -1 where the module says "none". */
START_TEST(test_contid_text)
{
	static const struct {
		uint64_t id;
		const char *out;
	} cases[] = {
		{ 0, "0\n" },
		{ 1, "1\n" },
		{ 4294967296ULL, "4294967296\n" },
		{ NSAUDIT_CONTID_UNSET - 1, "18446744073709551614\n" },
		{ NSAUDIT_CONTID_UNSET, "-1\n" },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct mem m;

		ck_assert_int_eq(out_contid_text(mem_open(&m), cases[i].id), 0);
		mem_check(&m, cases[i].out);
	}
}
END_TEST

/* No features, and bits a newer module may have. */
START_TEST(test_status_features)
{
	struct nsaudit_status st = status_value;
	struct mem m;

	st.features = 0;
	st.enrich = 0;
	st.version_minor = 7;
	ck_assert_int_eq(out_status_text(mem_open(&m), &st), 0);
	fflush(m.f);
	ck_assert_ptr_nonnull(strstr(m.buf, "version 1.7\nfeatures none\n"
					    "enrich 0\n"));
	ck_assert_int_eq(fclose(m.f), 0);
	free(m.buf);

	st.features = NSAUDIT_FEATURE_NSID | 1ULL << 5 | 1ULL << 63;
	ck_assert_int_eq(out_status_json(mem_open(&m), &st), 0);
	fflush(m.f);
	ck_assert_ptr_nonnull(strstr(m.buf, "\"features\":[\"nsid\",\"bit5\","
					    "\"bit63\"],\"enrich\":false,"));
	ck_assert_int_eq(fclose(m.f), 0);
	free(m.buf);

	ck_assert_int_eq(out_status_text(mem_open(&m), &st), 0);
	fflush(m.f);
	ck_assert_ptr_nonnull(strstr(m.buf, "\nfeatures nsid bit5 bit63\n"));
	ck_assert_int_eq(fclose(m.f), 0);
	free(m.buf);
}
END_TEST

START_TEST(test_status_json)
{
	struct mem m;

	ck_assert_int_eq(out_status_json(mem_open(&m), &status_value), 0);
	mem_check(&m,
		  "{\"version\":{\"major\":1,\"minor\":0},"
		  "\"features\":[\"enrich\",\"nsid\"],"
		  "\"enrich\":true,"
		  "\"counters\":{\"enriched\":123456789012,\"forwarded\":0,"
		  "\"lost\":3,\"missed\":18446744073709551615},"
		  "\"limits\":{\"daemons\":64,\"queue\":8192,"
		  "\"rules\":256},\"daemon\":null}\n");
}
END_TEST

START_TEST(test_status_json_1_1)
{
	static const char common[] =
		"{\"version\":{\"major\":1,\"minor\":1},"
		"\"features\":[\"enrich\",\"nsid\",\"daemons\"],"
		"\"enrich\":true,"
		"\"counters\":{\"enriched\":5,\"forwarded\":310,"
		"\"lost\":2,\"missed\":0},"
		"\"limits\":{\"daemons\":64,\"queue\":8192,"
		"\"rules\":256,\"backlog\":4096,\"memory\":65536}";
	char want[1024];
	struct mem m;

	ck_assert_int_eq(out_status_json(mem_open(&m), &status_1_1), 0);
	snprintf(want, sizeof(want), "%s,\"daemon\":{\"pid\":412,"
		 "\"userns\":4026532208,\"backlog\":16,"
		 "\"queued\":4294967295,"
		 "\"routed\":18446744073709551615,\"delivered\":310,"
		 "\"lost\":2}}\n", common);
	mem_check(&m, want);

	/* monitor: no daemon, which a notification does not describe. */
	ck_assert_int_eq(out_config_json(mem_open(&m), &status_1_1), 0);
	snprintf(want, sizeof(want), "%s}\n", common);
	mem_check(&m, want);
	ck_assert_int_eq(out_config_json(mem_open(&m), &status_value), 0);
	mem_check(&m,
		  "{\"version\":{\"major\":1,\"minor\":0},"
		  "\"features\":[\"enrich\",\"nsid\"],"
		  "\"enrich\":true,"
		  "\"counters\":{\"enriched\":123456789012,\"forwarded\":0,"
		  "\"lost\":3,\"missed\":18446744073709551615},"
		  "\"limits\":{\"daemons\":64,\"queue\":8192,"
		  "\"rules\":256}}\n");
}
END_TEST

START_TEST(test_config_text)
{
	struct nsaudit_status st = status_value;
	struct mem m;

	ck_assert_int_eq(out_config_text(mem_open(&m), &st), 0);
	mem_check(&m, "enrich=1 daemons=64 queue=8192 rules=256\n");

	st.enrich = 0;
	st.limits.daemons = 0;
	st.limits.queue = NSAUDIT_LIMIT_QUEUE_MAX;
	st.limits.rules = NSAUDIT_LIMIT_RULES_MAX;
	ck_assert_int_eq(out_config_text(mem_open(&m), &st), 0);
	mem_check(&m, "enrich=0 daemons=0 queue=1048576 rules=65536\n");

	/* The 1.1 limits go at the end of the line. */
	ck_assert_int_eq(out_config_text(mem_open(&m), &status_1_1), 0);
	mem_check(&m, "enrich=1 daemons=64 queue=8192 rules=256 "
		  "backlog=4096 memory=65536\n");
}
END_TEST

/* A stock Debian 12 host's initial namespaces. */
static const struct nsaudit_nsid_set nsid_value = {
	.dev_major = 0,
	.dev_minor = 4,
	.inum = { 4026531841U, 4026531838U, 4026531839U, 4026531840U,
		  4026531836U, 4026531837U, 4026531835U, 4026531834U },
};

START_TEST(test_nsid_text)
{
	struct nsaudit_nsid_set big = {
		.dev_major = 4095, .dev_minor = 1048575,
		.inum = { UINT32_MAX, 1, 2, 3, 4, 5, 6, 0 },
	};
	struct mem m;

	ck_assert_int_eq(out_nsid_text(mem_open(&m), &nsid_value), 0);
	mem_check(&m,
		  "nsdev=0:4 mntns=4026531841 utsns=4026531838 "
		  "ipcns=4026531839 netns=4026531840 pidns=4026531836 "
		  "userns=4026531837 cgroupns=4026531835 timens=4026531834\n");

	ck_assert_int_eq(out_nsid_text(mem_open(&m), &big), 0);
	mem_check(&m,
		  "nsdev=4095:1048575 mntns=4294967295 utsns=1 ipcns=2 "
		  "netns=3 pidns=4 userns=5 cgroupns=6 timens=0\n");
}
END_TEST

/* The text is exactly what a record carries: it parses back. */
START_TEST(test_nsid_text_round_trip)
{
	struct nsaudit_nsid_set got;
	struct mem m;
	char *rec;
	size_t n;

	ck_assert_int_eq(out_nsid_text(mem_open(&m), &nsid_value), 0);
	ck_assert_int_eq(fclose(m.f), 0);
	n = strlen("x=1 ") + m.len;
	rec = malloc(n + 1);
	ck_assert_ptr_nonnull(rec);
	snprintf(rec, n + 1, "x=1 %s", m.buf);
	ck_assert_int_eq(nsaudit_record_nsid(rec, n, &got), 0);
	ck_assert_mem_eq(&got, &nsid_value, sizeof(got));
	free(rec);
	free(m.buf);
}
END_TEST

START_TEST(test_nsid_json)
{
	struct mem m;

	ck_assert_int_eq(out_nsid_json(mem_open(&m), 1, &nsid_value), 0);
	mem_check(&m,
		  "{\"pid\":1,\"nsdev\":\"0:4\",\"mntns\":4026531841,"
		  "\"utsns\":4026531838,\"ipcns\":4026531839,"
		  "\"netns\":4026531840,\"pidns\":4026531836,"
		  "\"userns\":4026531837,\"cgroupns\":4026531835,"
		  "\"timens\":4026531834}\n");
}
END_TEST

START_TEST(test_json_string)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		{ "", "\"\"" },
		{ "plain 0:4", "\"plain 0:4\"" },
		{ "q\"b\\s/", "\"q\\\"b\\\\s/\"" },
		{ "\b\f\n\r\t", "\"\\b\\f\\n\\r\\t\"" },
		{ "\x01\x1f\x7f", "\"\\u0001\\u001f\\u007f\"" },
		{ "\033[2J", "\"\\u001b[2J\"" },
		/* valid UTF-8 is kept: 2, 3 and 4 byte forms */
		{ "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x90\xa7",
		  "\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x90\xa7\"" },
		{ "\xef\xbf\xbf\xf4\x8f\xbf\xbf",
		  "\"\xef\xbf\xbf\xf4\x8f\xbf\xbf\"" },
		/* invalid bytes become U+FFFD, one each */
		{ "a\xff" "b", "\"a\\ufffdb\"" },
		{ "\x80", "\"\\ufffd\"" },
		{ "\xc0\xaf", "\"\\ufffd\\ufffd\"" },		/* overlong */
		{ "\xe0\x80\xaf", "\"\\ufffd\\ufffd\\ufffd\"" },
		/* a surrogate */
		{ "\xed\xa0\x80", "\"\\ufffd\\ufffd\\ufffd\"" },
		{ "\xf4\x90\x80\x80",				/* > U+10FFFF */
		  "\"\\ufffd\\ufffd\\ufffd\\ufffd\"" },
		{ "\xe2\x82", "\"\\ufffd\\ufffd\"" },		/* cut short */
		{ "\xc3", "\"\\ufffd\"" },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct mem m;

		ck_assert_int_eq(out_json_string(mem_open(&m), cases[i].in), 0);
		mem_check(&m, cases[i].out);
	}
}
END_TEST

START_TEST(test_out_line)
{
	struct mem m;

	ck_assert_int_eq(out_line(mem_open(&m),
				  "a\nb\rc\033d\x7f" "e \xc3\xa9"), 0);
	mem_check(&m, "a?b?c?d?e \xc3\xa9");
}
END_TEST

/* A stream that fails is reported, not taken for success. */
START_TEST(test_write_error)
{
	FILE *f = fopen("/dev/full", "w");

	ck_assert_ptr_nonnull(f);
	setvbuf(f, NULL, _IONBF, 0);
	ck_assert_int_eq(out_status_text(f, &status_value), -EIO);
	clearerr(f);
	ck_assert_int_eq(out_status_json(f, &status_value), -EIO);
	clearerr(f);
	ck_assert_int_eq(out_status_text(f, &status_1_1), -EIO);
	clearerr(f);
	ck_assert_int_eq(out_status_json(f, &status_1_1), -EIO);
	clearerr(f);
	ck_assert_int_eq(out_config_json(f, &status_1_1), -EIO);
	clearerr(f);
	ck_assert_int_eq(out_config_text(f, &status_1_1), -EIO);
	clearerr(f);
	ck_assert_int_eq(out_nsid_text(f, &nsid_value), -EIO);
	clearerr(f);
	ck_assert_int_eq(out_nsid_json(f, 1, &nsid_value), -EIO);
	clearerr(f);
	ck_assert_int_eq(out_status_text(f, &status_1_3), -EIO);
	clearerr(f);
	ck_assert_int_eq(out_contid_text(f, 5), -EIO);
	clearerr(f);
	ck_assert_int_eq(out_contid_text(f, NSAUDIT_CONTID_UNSET), -EIO);
	fclose(f);
}
END_TEST

/* --- args.c: auditctl's rule options ----------------------------------- */

START_TEST(test_rule_commands)
{
	struct cli_args a;

	parse_ok(&a, ARGS("-a", "always,exit", "-F", "arch=b64", "-S",
			  "openat", "-k", "k"));
	ck_assert_int_eq(a.cmd, CLI_CMD_RULE);
	ck_assert_int_eq(a.rule.op, RULE_OP_ADD);
	ck_assert_uint_eq(a.rule.rule->field_count, 2);
	cli_free(&a);
	ck_assert_ptr_null(a.rule.rule);

	/* contid, which libaudit does not know, through the same path. */
	parse_ok(&a, ARGS("-a", "always,exit", "-S", "all", "-F",
			  "contid!=-1"));
	ck_assert_int_eq(a.cmd, CLI_CMD_RULE);
	ck_assert_uint_eq(a.rule.rule->fields[0], NSAUDIT_RULE_FIELD_CONTID);
	ck_assert_uint_eq(a.rule.rule->buflen, 8);
	cli_free(&a);

	parse_ok(&a, ARGS("-d", "always,exit", "-S", "all"));
	ck_assert_int_eq(a.cmd, CLI_CMD_RULE);
	ck_assert_int_eq(a.rule.op, RULE_OP_DEL);
	cli_free(&a);

	parse_ok(&a, ARGS("-l"));
	ck_assert_int_eq(a.cmd, CLI_CMD_LIST);
	cli_free(&a);
	parse_ok(&a, ARGS("-D"));
	ck_assert_int_eq(a.cmd, CLI_CMD_DELETE_ALL);
	cli_free(&a);
	parse_ok(&a, ARGS("-R", "/etc/nsaudit/nsaudit.rules"));
	ck_assert_int_eq(a.cmd, CLI_CMD_LOAD);
	ck_assert_str_eq(a.file, "/etc/nsaudit/nsaudit.rules");
	cli_free(&a);
}
END_TEST

START_TEST(test_rule_command_errors)
{
	static const struct {
		const char *argv[6];
		const char *err;
	} cases[] = {
		{ { "-a", "always,exit", "-F", "path=/x" },
		  "field 'path' is not supported by nsaudit rules" },
		{ { "-a", "always,task" },
		  "-a: list 'task' is not supported by nsaudit rules (only exit and exclude)" },
		{ { "-w", "/etc" },
		  "option '-w': file watches are not supported by nsaudit rules" },
		/* A host setting typed by hand is refused, not ignored. */
		{ { "-b", "8192" },
		  "-b: the backlog is the host's (see nsauditctl set backlog)" },
		{ { "-R" }, "option '-R' needs a rules file" },
		{ { "-R", "a", "b" }, "-R: unexpected argument 'b'" },
		{ { "--json", "-l" },
		  "-l: option '--json' applies only to status, nsid and monitor" },
		{ { "-l", "-k", "x" }, "-l: unexpected '-k' after it" },
		{ { "-a", "always,exit", "-F", "contid>=5" },
		  "field 'contid' takes only = or != (a container ID is a name, not a quantity)" },
		{ { "-a", "always,exit", "-F", "contid=-5" },
		  "-F 'contid=-5': contid is a decimal number from 0 to 18446744073709551615, or -1 for none" },
	};
	struct cli_args a;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		ck_assert_int_eq(parse(&a, cases[i].argv), -1);
		ck_assert_str_eq(a.err, cases[i].err);
		ck_assert_ptr_null(a.rule.rule);
	}
}
END_TEST

Suite *nsaudit_cli_suite(void)
{
	Suite *s = suite_create("nsauditctl");
	TCase *tc;

	tc = tcase_create("args");
	tcase_add_test(tc, test_status);
	tcase_add_test(tc, test_rule_commands);
	tcase_add_test(tc, test_rule_command_errors);
	tcase_add_test(tc, test_set_enrich);
	tcase_add_test(tc, test_set_limits);
	tcase_add_test(tc, test_set_share);
	tcase_add_test(tc, test_delegate);
	tcase_add_test(tc, test_nsid);
	tcase_add_test(tc, test_contid);
	tcase_add_test(tc, test_contid_name_length);
	tcase_add_test(tc, test_monitor);
	tcase_add_test(tc, test_help_version);
	tcase_add_loop_test(tc, test_usage_error, 0,
			    sizeof(usage_cases) / sizeof(usage_cases[0]));
	tcase_add_test(tc, test_usage_exact);
	tcase_add_test(tc, test_parse_number);
	suite_add_tcase(s, tc);

	tc = tcase_create("output");
	tcase_add_test(tc, test_status_text);
	tcase_add_test(tc, test_status_text_1_1);
	tcase_add_test(tc, test_status_text_1_3);
	tcase_add_test(tc, test_status_json_1_3);
	tcase_add_test(tc, test_status_text_1_4);
	tcase_add_test(tc, test_status_json_1_4);
	tcase_add_test(tc, test_status_text_1_5);
	tcase_add_test(tc, test_status_json_1_5);
	tcase_add_test(tc, test_contid_text);
	tcase_add_test(tc, test_status_features);
	tcase_add_test(tc, test_status_json);
	tcase_add_test(tc, test_status_json_1_1);
	tcase_add_test(tc, test_config_text);
	tcase_add_test(tc, test_nsid_text);
	tcase_add_test(tc, test_nsid_text_round_trip);
	tcase_add_test(tc, test_nsid_json);
	tcase_add_test(tc, test_json_string);
	tcase_add_test(tc, test_out_line);
	tcase_add_test(tc, test_write_error);
	suite_add_tcase(s, tc);

	return s;
}
