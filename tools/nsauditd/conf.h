/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nsauditd configuration: an auditd.conf-style file ("key = value", '#'
 * comments) parsed into struct nsd_conf. No side effects beyond reading
 * the file, so all of it is unit tested (tests/unit/test_nsauditd.c).
 */
#ifndef NSAUDITD_CONF_H
#define NSAUDITD_CONF_H

#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#define NSD_CONF_DEFAULT	"/etc/nsaudit/nsauditd.conf"
#define NSD_LOG_DEFAULT		"/var/log/nsaudit/audit.log"
#define NSD_RULES_DEFAULT	"/etc/nsaudit/nsaudit.rules"

/* Bounds as auditd has them, where it has them. */
#define NSD_NUM_LOGS_MAX	999
#define NSD_FREQ_MAX		INT_MAX
/* MiB; keeps the size in bytes far from overflowing an off_t. */
#define NSD_MAX_LOG_FILE_MAX	(1UL << 22)
#define NSD_NAME_MAX		64	/* HOST_NAME_MAX */
/* MiB of space_left and admin_space_left: 1 PiB. */
#define NSD_SPACE_MAX		(1UL << 30)
/* Their percent form: of the file system's size. */
#define NSD_SPACE_PERCENT_MAX	99

/* Room for one error line, location included, prefix not. */
#define NSD_ERR_MAX		320

/* When written records are forced to disk (auditd.conf "flush"). */
enum nsd_flush {
	NSD_FLUSH_NONE,
	NSD_FLUSH_INCREMENTAL,
	NSD_FLUSH_INCREMENTAL_ASYNC,
	NSD_FLUSH_DATA,
	NSD_FLUSH_SYNC,
};

/* What to do once the log reaches max_log_file. */
enum nsd_size_action {
	NSD_SIZE_IGNORE,
	NSD_SIZE_SYSLOG,
	NSD_SIZE_ROTATE,
	NSD_SIZE_KEEP_LOGS,
};

/*
 * What to do when the log's file system runs low on space, is full or
 * fails (auditd.conf's space_left_action, admin_space_left_action,
 * disk_full_action, disk_error_action). See nsauditd.conf(5).
 */
enum nsd_disk_action {
	NSD_ACT_IGNORE,
	NSD_ACT_SYSLOG,
	NSD_ACT_ROTATE,
	NSD_ACT_EXEC,
	NSD_ACT_SUSPEND,
	NSD_ACT_SINGLE,		/* as suspend: no runlevel to change */
	NSD_ACT_HALT,		/* the daemon stops */
};

/* The four situations that have an action. */
enum nsd_disk_situation {
	NSD_SIT_SPACE_LEFT,
	NSD_SIT_ADMIN_SPACE_LEFT,
	NSD_SIT_DISK_FULL,
	NSD_SIT_DISK_ERROR,
	NSD_SIT_COUNT,
};

/**
 * struct nsd_space - a space_left or admin_space_left threshold
 * @value: MiB, or percent of the file system's size if @percent
 * @percent: "N%" was given
 */
struct nsd_space {
	unsigned long value;
	bool percent;
};

/**
 * struct nsd_action - what one situation does
 * @action: enum nsd_disk_action
 * @exe: the program of NSD_ACT_EXEC (absolute path), else ""
 */
struct nsd_action {
	enum nsd_disk_action action;
	char exe[PATH_MAX];
};

/* Which node= prefix the lines get. */
enum nsd_name_format {
	NSD_NAME_NONE,
	NSD_NAME_USER,
	NSD_NAME_HOSTNAME,
};

/**
 * struct nsd_conf - the daemon's settings
 * @log_file: absolute path of the log
 * @flush: enum nsd_flush
 * @freq: records between two flushes to disk (incremental flushes)
 * @max_log_file: MiB at which @max_log_file_action happens; 0: no limit
 * @num_logs: logs kept by rotation, the current one included
 * @max_log_file_action: enum nsd_size_action
 * @name_format: enum nsd_name_format
 * @name: the node name for NSD_NAME_USER
 * @backlog: records the module may queue for us; 0: the host's default
 * @write_logs: false: records are received and counted, not written
 * @rules_file: absolute path of the rules loaded at start
 * @rules_file_set: @rules_file was configured, so it must exist
 * @space_left: free space below which @act[NSD_SIT_SPACE_LEFT] happens
 * @admin_space_left: likewise for @act[NSD_SIT_ADMIN_SPACE_LEFT]
 * @act: the action of each enum nsd_disk_situation
 */
struct nsd_conf {
	char log_file[PATH_MAX];
	enum nsd_flush flush;
	unsigned int freq;
	unsigned long max_log_file;
	unsigned int num_logs;
	enum nsd_size_action max_log_file_action;
	enum nsd_name_format name_format;
	char name[NSD_NAME_MAX + 1];
	uint32_t backlog;
	bool write_logs;
	char rules_file[PATH_MAX];
	bool rules_file_set;
	struct nsd_space space_left, admin_space_left;
	struct nsd_action act[NSD_SIT_COUNT];
};

void conf_defaults(struct nsd_conf *c);

/*
 * Apply one setting. Return 0, or -1 with a message (without location) in
 * @err.
 */
int conf_set(struct nsd_conf *c, const char *key, const char *value,
	     char *err, size_t size);

/*
 * Parse a whole file from @f, @name being what messages call it
 * ("NAME:LINE: ..."). Settings before an error stay applied; the caller
 * throws @c away then. Return 0 or -1.
 */
int conf_parse(struct nsd_conf *c, FILE *f, const char *name, char *err,
	       size_t size);

/*
 * What no single line can be wrong about (space_left below
 * admin_space_left); conf_parse() checks it. @name as in conf_parse().
 */
int conf_check(const struct nsd_conf *c, const char *name, char *err,
	       size_t size);

/*
 * conf_parse() on the file @path. A missing file is an error only if
 * @required; otherwise @c keeps what it has and 0 is returned.
 */
int conf_load(struct nsd_conf *c, const char *path, bool required,
	      char *err, size_t size);

/* Whether @s is usable as a node name: printable, no space, '=' or '"'. */
bool conf_name_ok(const char *s);

/* Names of the enum values, for messages and tests. */
const char *conf_flush_name(enum nsd_flush f);
const char *conf_action_name(enum nsd_disk_action a);
/* The keyword of a situation's action ("disk_full_action"). */
const char *conf_situation_key(enum nsd_disk_situation s);

#endif /* NSAUDITD_CONF_H */
