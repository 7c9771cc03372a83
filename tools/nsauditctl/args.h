/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nsauditctl argument parsing: argv in, a described command or a one-line
 * usage error out. No I/O and no library calls, so all of it is unit
 * tested (tests/unit/test_nsauditctl.c).
 */
#ifndef NSAUDITCTL_ARGS_H
#define NSAUDITCTL_ARGS_H

#include <stdbool.h>
#include <stdint.h>

#include <libnsaudit.h>

#include "rule.h"

/* What to do; also the index of main.c's command table. */
enum cli_cmd {
	CLI_CMD_STATUS,
	CLI_CMD_SET,
	CLI_CMD_NSID,
	CLI_CMD_CONTID,		/* contid set|get: args.contid_op says which */
	CLI_CMD_DELEGATE,	/* delegate PID */
	CLI_CMD_UNDELEGATE,	/* undelegate PID */
	CLI_CMD_MONITOR,
	CLI_CMD_HELP,
	CLI_CMD_VERSION,
	CLI_CMD_RULE,		/* -a, -A, -d: args.rule.op says which */
	CLI_CMD_LIST,		/* -l */
	CLI_CMD_DELETE_ALL,	/* -D */
	CLI_CMD_LOAD,		/* -R FILE */
	CLI_CMD_COUNT,
};

/* What "contid" does. */
enum cli_contid_op {
	CLI_CONTID_NONE,
	CLI_CONTID_SET,		/* contid set PID ID */
	CLI_CONTID_GET,		/* contid get PID|self */
};

/* Bounds of the tool's own numbers (the module's come from the UAPI). */
#define CLI_COUNT_MAX		UINT32_MAX
#define CLI_TIMEOUT_MAX		86400		/* seconds: one day */

/* Room for one usage error line, without prefix and hint. */
#define CLI_ERR_MAX		RULE_ERR_MAX

/**
 * struct cli_args - a parsed command line
 * @cmd: the command
 * @json: --json was given (only for status, nsid and monitor)
 * @set: CLI_CMD_SET: the settings to send, @set.mask says which
 * @pid: CLI_CMD_NSID, CLI_CMD_CONTID, CLI_CMD_DELEGATE and
 *       CLI_CMD_UNDELEGATE: 1 to NSAUDIT_PID_MAX, or 0 for "self" (nsid
 *       and contid get only)
 * @contid_op: CLI_CMD_CONTID: set or get
 * @contid: CLI_CONTID_SET: the ID, any u64 (NSAUDIT_CONTID_UNSET too,
 *          which the module refuses with its own explanation)
 * @contid_name: CLI_CONTID_SET: the container's name (--name), or NULL
 * @count: CLI_CMD_MONITOR: exit after this many changes; 0: never
 * @timeout: CLI_CMD_MONITOR: seconds to wait for each change; -1: for ever
 * @rule: CLI_CMD_RULE: the rule to add or delete (free with cli_free())
 * @file: CLI_CMD_LOAD: the rules file
 * @err: the usage error when cli_parse() fails, else ""
 */
struct cli_args {
	enum cli_cmd cmd;
	bool json;
	struct nsaudit_settings set;
	int pid;
	enum cli_contid_op contid_op;
	uint64_t contid;
	const char *contid_name;
	uint32_t count;
	int timeout;
	struct rule_cmd rule;
	const char *file;
	char err[CLI_ERR_MAX];
};

/* Result of cli_parse_number(), one per class of bad number. */
enum cli_num {
	CLI_NUM_OK,
	CLI_NUM_EMPTY,		/* "" */
	CLI_NUM_SYNTAX,		/* not only digits: sign, blank, junk */
	CLI_NUM_RANGE,		/* outside [min, max], overflow included */
};

/**
 * cli_parse_number() - parse a decimal number within bounds
 * @s: the text; digits only, no sign, no blanks, no base prefix
 * @min: smallest value accepted
 * @max: largest value accepted
 * @val: receives the value on CLI_NUM_OK only
 *
 * Return: the class of the result.
 */
enum cli_num cli_parse_number(const char *s, uint64_t min, uint64_t max,
			      uint64_t *val);

/**
 * cli_parse() - parse a whole command line
 * @argc: number of entries in @argv
 * @argv: the arguments; @argv[0] is the program name and is ignored
 * @args: filled in; on failure only @args->err is meaningful
 *
 * auditctl's rule options (-a, -A, -d, -D, -l, -S, -F, -k, ...) make the
 * whole line one rule command (rule_parse()); -R FILE loads a rules file.
 *
 * Return: 0 on success, -1 on a usage error (@args->err says what is wrong,
 * one line, quoting the offending argument).
 */
int cli_parse(int argc, char *const argv[], struct cli_args *args);

/* Free what cli_parse() allocated (a rule); @args is empty afterwards. */
void cli_free(struct cli_args *args);

#endif /* NSAUDITCTL_ARGS_H */
