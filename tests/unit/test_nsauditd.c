// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Unit tests: nsauditd's configuration parser (conf.c), its log lines,
 * rotation and flushing (logwriter.c, in a temporary directory), what the
 * writer does when writes stop short or fail (a write(2) stand-in, and a
 * real 64 KiB tmpfs when run as root), its own records (ownrec.c) and its
 * pid file (pidfile.c). Neither needs the module; the log a writer
 * produced is also read back with the real ausearch and aureport, where
 * they are installed.
 */
#define _GNU_SOURCE	/* open_memstream(), fmemopen(), mkdtemp() */

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <stddef.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <libaudit.h>

#include "conf.h"
#include "logwriter.h"
#include "notify.h"
#include "ownrec.h"
#include "pidfile.h"
#include "suites.h"

#define AUSEARCH	"/usr/sbin/ausearch"
#define AUREPORT	"/usr/sbin/aureport"

/* --- conf.c --------------------------------------------------------------- */

/* Parse @text as the file "t.conf"; the error text lands in @err. */
static int parse_text(struct nsd_conf *c, const char *text, char *err,
		      size_t size)
{
	FILE *f = fmemopen((void *)text, strlen(text), "r");
	int rc;

	ck_assert_ptr_nonnull(f);
	conf_defaults(c);
	err[0] = '\0';
	rc = conf_parse(c, f, "t.conf", err, size);
	fclose(f);
	return rc;
}

START_TEST(test_conf_defaults)
{
	struct nsd_conf c;

	conf_defaults(&c);
	ck_assert_str_eq(c.log_file, "/var/log/nsaudit/audit.log");
	ck_assert_int_eq(c.flush, NSD_FLUSH_INCREMENTAL_ASYNC);
	ck_assert_uint_eq(c.freq, 50);
	ck_assert_uint_eq(c.max_log_file, 8);
	ck_assert_uint_eq(c.num_logs, 5);
	ck_assert_int_eq(c.max_log_file_action, NSD_SIZE_ROTATE);
	ck_assert_int_eq(c.name_format, NSD_NAME_NONE);
	ck_assert_str_eq(c.name, "");
	ck_assert_uint_eq(c.backlog, 0);
	ck_assert(c.write_logs);
	ck_assert_str_eq(c.rules_file, "/etc/nsaudit/nsaudit.rules");
	ck_assert(!c.rules_file_set);
	/* Debian's auditd.conf. */
	ck_assert_uint_eq(c.space_left.value, 75);
	ck_assert(!c.space_left.percent);
	ck_assert_int_eq(c.act[NSD_SIT_SPACE_LEFT].action, NSD_ACT_SYSLOG);
	ck_assert_uint_eq(c.admin_space_left.value, 50);
	ck_assert(!c.admin_space_left.percent);
	ck_assert_int_eq(c.act[NSD_SIT_ADMIN_SPACE_LEFT].action,
			 NSD_ACT_SUSPEND);
	ck_assert_int_eq(c.act[NSD_SIT_DISK_FULL].action, NSD_ACT_SUSPEND);
	ck_assert_int_eq(c.act[NSD_SIT_DISK_ERROR].action, NSD_ACT_SUSPEND);
	ck_assert_str_eq(c.act[NSD_SIT_DISK_FULL].exe, "");
}
END_TEST

/* An executable for exec actions: DIR/NAME with @mode. */
static void make_exe(char *path, size_t size, const char *dir,
		     const char *name, mode_t mode)
{
	int fd;

	snprintf(path, size, "%s/%s", dir, name);
	fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0700);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, "#!/bin/sh\n", 10), 10);
	close(fd);
	ck_assert_int_eq(chmod(path, mode), 0);
}

START_TEST(test_conf_disk_keys)
{
	char dir[] = "/tmp/nsauditd-test-XXXXXX";
	char exe[256], text[2048], err[NSD_ERR_MAX];
	struct nsd_conf c;
	size_t i;
	static const struct {
		const char *line;
		int sit, action;
	} actions[] = {
		{ "space_left_action = ignore\n", NSD_SIT_SPACE_LEFT,
		  NSD_ACT_IGNORE },
		{ "space_left_action = SYSLOG\n", NSD_SIT_SPACE_LEFT,
		  NSD_ACT_SYSLOG },
		{ "space_left_action = rotate\n", NSD_SIT_SPACE_LEFT,
		  NSD_ACT_ROTATE },
		{ "space_left_action = Suspend\n", NSD_SIT_SPACE_LEFT,
		  NSD_ACT_SUSPEND },
		{ "space_left_action = single\n", NSD_SIT_SPACE_LEFT,
		  NSD_ACT_SINGLE },
		{ "space_left_action = halt\n", NSD_SIT_SPACE_LEFT,
		  NSD_ACT_HALT },
		{ "admin_space_left_action = halt\n", NSD_SIT_ADMIN_SPACE_LEFT,
		  NSD_ACT_HALT },
		{ "admin_space_left_action = rotate\n",
		  NSD_SIT_ADMIN_SPACE_LEFT, NSD_ACT_ROTATE },
		{ "disk_full_action = ignore\n", NSD_SIT_DISK_FULL,
		  NSD_ACT_IGNORE },
		{ "disk_full_action = rotate\n", NSD_SIT_DISK_FULL,
		  NSD_ACT_ROTATE },
		{ "disk_full_action = HALT\n", NSD_SIT_DISK_FULL,
		  NSD_ACT_HALT },
		{ "disk_error_action = syslog\n", NSD_SIT_DISK_ERROR,
		  NSD_ACT_SYSLOG },
		{ "disk_error_action = single\n", NSD_SIT_DISK_ERROR,
		  NSD_ACT_SINGLE },
		{ "disk_error_action = halt\n", NSD_SIT_DISK_ERROR,
		  NSD_ACT_HALT },
	};

	ck_assert_ptr_nonnull(mkdtemp(dir));
	make_exe(exe, sizeof(exe), dir, "act.sh", 0750);
	snprintf(text, sizeof(text),
		 "space_left = 100\n"
		 "admin_space_left = 10%%\n"
		 "space_left_action = exec %s\n"
		 "admin_space_left_action =  exec\t%s  \n"
		 "disk_full_action = single\n"
		 "disk_error_action = ignore\n", exe, exe);
	ck_assert_msg(!parse_text(&c, text, err, sizeof(err)), "%s", err);
	ck_assert_uint_eq(c.space_left.value, 100);
	ck_assert(!c.space_left.percent);
	ck_assert_uint_eq(c.admin_space_left.value, 10);
	ck_assert(c.admin_space_left.percent);
	ck_assert_int_eq(c.act[NSD_SIT_SPACE_LEFT].action, NSD_ACT_EXEC);
	ck_assert_str_eq(c.act[NSD_SIT_SPACE_LEFT].exe, exe);
	ck_assert_int_eq(c.act[NSD_SIT_ADMIN_SPACE_LEFT].action, NSD_ACT_EXEC);
	ck_assert_str_eq(c.act[NSD_SIT_ADMIN_SPACE_LEFT].exe, exe);
	ck_assert_int_eq(c.act[NSD_SIT_DISK_FULL].action, NSD_ACT_SINGLE);
	ck_assert_int_eq(c.act[NSD_SIT_DISK_ERROR].action, NSD_ACT_IGNORE);
	/* exec on the other two; a later word replaces the program. */
	snprintf(text, sizeof(text),
		 "disk_full_action = exec %s\ndisk_error_action = exec %s\n"
		 "space_left_action = exec %s\nspace_left_action = syslog\n",
		 exe, exe, exe);
	ck_assert_msg(!parse_text(&c, text, err, sizeof(err)), "%s", err);
	ck_assert_int_eq(c.act[NSD_SIT_DISK_FULL].action, NSD_ACT_EXEC);
	ck_assert_str_eq(c.act[NSD_SIT_DISK_ERROR].exe, exe);
	ck_assert_int_eq(c.act[NSD_SIT_SPACE_LEFT].action, NSD_ACT_SYSLOG);
	ck_assert_str_eq(c.act[NSD_SIT_SPACE_LEFT].exe, "");
	for (i = 0; i < sizeof(actions) / sizeof(actions[0]); i++) {
		ck_assert_msg(!parse_text(&c, actions[i].line, err,
					  sizeof(err)), "%s: %s",
			      actions[i].line, err);
		ck_assert_int_eq(c.act[actions[i].sit].action,
				 actions[i].action);
	}
	/* Bounds; equal thresholds; 0 (never); percent and MiB mixed. */
	ck_assert(!parse_text(&c, "space_left = 99%\nadmin_space_left = 0%\n",
			      err, sizeof(err)));
	ck_assert_uint_eq(c.space_left.value, 99);
	ck_assert(!parse_text(&c, "space_left = 1073741824\nadmin_space_left = 1073741824\n",
			      err, sizeof(err)));
	ck_assert(!parse_text(&c, "space_left = 0\nadmin_space_left = 0\n",
			      err, sizeof(err)));
	ck_assert(!parse_text(&c, "space_left = 1\nadmin_space_left = 50%\n",
			      err, sizeof(err)));
	ck_assert_str_eq(conf_action_name(NSD_ACT_HALT), "halt");
	ck_assert_str_eq(conf_situation_key(NSD_SIT_DISK_ERROR),
			 "disk_error_action");
	ck_assert_int_eq(unlink(exe), 0);
	ck_assert_int_eq(rmdir(dir), 0);
}
END_TEST

START_TEST(test_conf_disk_errors)
{
	static const struct {
		const char *text;
		const char *err;
	} cases[] = {
		{ "space_left = x\n",
		  "t.conf:1: space_left: 'x' is not a number of MiB or a percentage" },
		{ "space_left = -1\n",
		  "t.conf:1: space_left: '-1' is not a number of MiB or a percentage" },
		{ "space_left = 10MB\n",
		  "t.conf:1: space_left: '10MB' is not a number of MiB or a percentage" },
		{ "admin_space_left = %\n",
		  "t.conf:1: admin_space_left: '%' is not a number of MiB or a percentage" },
		{ "admin_space_left = 5%%\n",
		  "t.conf:1: admin_space_left: '5%%' is not a number of MiB or a percentage" },
		{ "space_left = 100%\n",
		  "t.conf:1: space_left: 100% is out of range (0% to 99%)" },
		{ "admin_space_left = 1073741825\n",
		  "t.conf:1: admin_space_left: 1073741825 is out of range (0 to 1073741824)" },
		{ "space_left = 1 2\n",
		  "t.conf:1: space_left: '1 2' is not a single value" },
		{ "space_left = 10\nadmin_space_left = 20\n",
		  "t.conf: space_left (10 MiB) is below admin_space_left (20 MiB); set both" },
		{ "space_left = 10\n",
		  "t.conf: space_left (10 MiB) is below admin_space_left (50 MiB); set both" },
		{ "space_left = 5%\nadmin_space_left = 6%\n",
		  "t.conf: space_left (5%) is below admin_space_left (6%); set both" },
		{ "space_left_action = email\n",
		  "t.conf:1: space_left_action: email is not supported (use exec with a script that mails)" },
		{ "admin_space_left_action = stop\n",
		  "t.conf:1: admin_space_left_action: 'stop' is not one of ignore, syslog, rotate, exec, suspend, single, halt" },
		{ "disk_full_action = email\n",
		  "t.conf:1: disk_full_action: email is not an action for a full disk (as in auditd)" },
		{ "disk_error_action = rotate\n",
		  "t.conf:1: disk_error_action: rotate is not an action for a disk error (as in auditd): a failing disk is not freed by removing a log" },
		{ "disk_error_action = keep_logs\n",
		  "t.conf:1: disk_error_action: 'keep_logs' is not one of ignore, syslog, exec, suspend, single, halt" },
		{ "disk_full_action = syslog now\n",
		  "t.conf:1: disk_full_action: 'syslog now' is not a single value" },
		{ "disk_full_action = exec\n",
		  "t.conf:1: disk_full_action: exec needs a program: exec /path/to/program" },
		{ "disk_full_action = exec bin/x\n",
		  "t.conf:1: disk_full_action: exec: 'bin/x' is not an absolute path" },
		{ "disk_full_action = exec /nonexistent/x\n",
		  "t.conf:1: disk_full_action: exec: /nonexistent/x: No such file or directory" },
		{ "disk_error_action = exec /tmp\n",
		  "t.conf:1: disk_error_action: exec: /tmp is not a regular file" },
		{ "space_left_action = exec /bin/sh -c x\n",
		  "t.conf:1: space_left_action: exec takes one program and no arguments" },
		{ "disk_full_action =\n", "t.conf:1: disk_full_action: value missing" },
	};
	char dir[] = "/tmp/nsauditd-test-XXXXXX";
	char exe[256], text[512], want[512];
	char err[NSD_ERR_MAX];
	struct nsd_conf c;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		ck_assert_msg(parse_text(&c, cases[i].text, err,
					 sizeof(err)) == -1,
			      "%s: accepted", cases[i].text);
		ck_assert_str_eq(err, cases[i].err);
		/* One line. */
		ck_assert_ptr_null(strchr(err, '\n'));
	}
	/* Programs anyone but their owner may change, or not executable. */
	ck_assert_ptr_nonnull(mkdtemp(dir));
	make_exe(exe, sizeof(exe), dir, "g.sh", 0770);
	snprintf(text, sizeof(text), "disk_full_action = exec %s\n", exe);
	ck_assert_int_eq(parse_text(&c, text, err, sizeof(err)), -1);
	snprintf(want, sizeof(want),
		 "t.conf:1: disk_full_action: exec: %s is writable by group or others", exe);
	ck_assert_str_eq(err, want);
	ck_assert_int_eq(chmod(exe, 0757), 0);
	ck_assert_int_eq(parse_text(&c, text, err, sizeof(err)), -1);
	ck_assert_str_eq(err, want);
	ck_assert_int_eq(chmod(exe, 0644), 0);
	ck_assert_int_eq(parse_text(&c, text, err, sizeof(err)), -1);
	snprintf(want, sizeof(want),
		 "t.conf:1: disk_full_action: exec: %s is not executable", exe);
	ck_assert_str_eq(err, want);
	ck_assert_int_eq(unlink(exe), 0);
	ck_assert_int_eq(rmdir(dir), 0);
}
END_TEST

START_TEST(test_conf_every_key)
{
	static const char text[] =
		"# a comment\n"
		"\n"
		"   # an indented comment\n"
		"log_file = /srv/log/a.log\n"
		"log_format = raw\n"
		"flush=SYNC\n"
		"freq =  7\t\n"
		"max_log_file= 3\n"
		"num_logs = 9\n"
		"max_log_file_action = KEEP_LOGS\n"
		"name_format = user\n"
		"name = box-1.example:x\n"
		"backlog = 4096\n"
		"write_logs = No\n"
		"rules_file = /srv/a.rules\n";
	struct nsd_conf c;
	char err[NSD_ERR_MAX];

	ck_assert_int_eq(parse_text(&c, text, err, sizeof(err)), 0);
	ck_assert_str_eq(err, "");
	ck_assert_str_eq(c.log_file, "/srv/log/a.log");
	ck_assert_int_eq(c.flush, NSD_FLUSH_SYNC);
	ck_assert_uint_eq(c.freq, 7);
	ck_assert_uint_eq(c.max_log_file, 3);
	ck_assert_uint_eq(c.num_logs, 9);
	ck_assert_int_eq(c.max_log_file_action, NSD_SIZE_KEEP_LOGS);
	ck_assert_int_eq(c.name_format, NSD_NAME_USER);
	ck_assert_str_eq(c.name, "box-1.example:x");
	ck_assert_uint_eq(c.backlog, 4096);
	ck_assert(!c.write_logs);
	ck_assert_str_eq(c.rules_file, "/srv/a.rules");
	ck_assert(c.rules_file_set);
}
END_TEST

START_TEST(test_conf_choices)
{
	static const struct {
		const char *line;
		int flush, action, name_format;
	} cases[] = {
		{ "flush = none\n", NSD_FLUSH_NONE, -1, -1 },
		{ "flush = incremental\n", NSD_FLUSH_INCREMENTAL, -1, -1 },
		{ "flush = incremental_async\n", NSD_FLUSH_INCREMENTAL_ASYNC,
		  -1, -1 },
		{ "flush = data\n", NSD_FLUSH_DATA, -1, -1 },
		{ "max_log_file_action = ignore\n", -1, NSD_SIZE_IGNORE, -1 },
		{ "max_log_file_action = syslog\n", -1, NSD_SIZE_SYSLOG, -1 },
		{ "max_log_file_action = rotate\n", -1, NSD_SIZE_ROTATE, -1 },
		{ "name_format = none\n", -1, -1, NSD_NAME_NONE },
		{ "name_format = hostname\n", -1, -1, NSD_NAME_HOSTNAME },
	};
	struct nsd_conf c;
	char err[NSD_ERR_MAX];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		ck_assert_msg(!parse_text(&c, cases[i].line, err, sizeof(err)),
			      "%s: %s", cases[i].line, err);
		if (cases[i].flush >= 0)
			ck_assert_int_eq(c.flush, cases[i].flush);
		if (cases[i].action >= 0)
			ck_assert_int_eq(c.max_log_file_action,
					 cases[i].action);
		if (cases[i].name_format >= 0)
			ck_assert_int_eq(c.name_format, cases[i].name_format);
	}
	/* Bounds that are allowed; a later line wins. */
	ck_assert(!parse_text(&c, "backlog = 16\nbacklog = 1048576\n"
			      "max_log_file = 0\nnum_logs = 999\n"
			      "freq = 2147483647\n", err, sizeof(err)));
	ck_assert_uint_eq(c.backlog, 1048576);
	ck_assert_uint_eq(c.max_log_file, 0);
	ck_assert_uint_eq(c.num_logs, 999);
	ck_assert_uint_eq(c.freq, 2147483647);
	ck_assert(!parse_text(&c, "backlog = 16\nbacklog = 0\n", err,
			      sizeof(err)));
	ck_assert_uint_eq(c.backlog, 0);
	/* A last line without its newline counts too. */
	ck_assert(!parse_text(&c, "num_logs = 3", err, sizeof(err)));
	ck_assert_uint_eq(c.num_logs, 3);
}
END_TEST

START_TEST(test_conf_errors)
{
	static const struct {
		const char *text;
		const char *err;
	} cases[] = {
		{ "foo = 1\n", "t.conf:1: unknown keyword 'foo'" },
		{ "\n# x\naction_mail_acct = root\n",
		  "t.conf:3: unknown keyword 'action_mail_acct'" },
		{ "log_file\n", "t.conf:1: expected 'keyword = value'" },
		{ "= 3\n", "t.conf:1: keyword missing before '='" },
		{ "freq =\n", "t.conf:1: freq: value missing" },
		{ "log file = /x\n", "t.conf:1: unknown keyword 'log file'" },
		{ "log_file = /a b\n",
		  "t.conf:1: log_file: '/a b' is not a single value" },
		{ "log_file = rel/a.log\n",
		  "t.conf:1: log_file: 'rel/a.log' is not an absolute path" },
		{ "rules_file = a.rules\n",
		  "t.conf:1: rules_file: 'a.rules' is not an absolute path" },
		{ "log_format = ENRICHED\n",
		  "t.conf:1: log_format: ENRICHED is not supported: nsauditd writes RAW records" },
		{ "log_format = json\n",
		  "t.conf:1: log_format: 'json' is not one of raw" },
		{ "flush = fast\n",
		  "t.conf:1: flush: 'fast' is not one of none, incremental, incremental_async, data, sync" },
		{ "freq = 0\n",
		  "t.conf:1: freq: 0 is out of range (1 to 2147483647)" },
		{ "freq = -1\n", "t.conf:1: freq: '-1' is not a number" },
		{ "freq = 0x10\n", "t.conf:1: freq: '0x10' is not a number" },
		{ "freq = 99999999999999999999999\n",
		  "t.conf:1: freq: 99999999999999999999999 is out of range (1 to 2147483647)" },
		{ "max_log_file = 4194305\n",
		  "t.conf:1: max_log_file: 4194305 is out of range (0 to 4194304)" },
		{ "num_logs = 1000\n",
		  "t.conf:1: num_logs: 1000 is out of range (0 to 999)" },
		{ "max_log_file_action = suspend\n",
		  "t.conf:1: max_log_file_action: suspend is not supported (use ignore)" },
		{ "max_log_file_action = halt\n",
		  "t.conf:1: max_log_file_action: 'halt' is not one of ignore, syslog, rotate, keep_logs" },
		{ "name_format = fqd\n",
		  "t.conf:1: name_format: fqd is not supported (use hostname or user)" },
		{ "name = a=b\n",
		  "t.conf:1: name: 'a=b' is not a valid node name (1 to 64 printable characters, no '=' or '\"')" },
		{ "name = x2345678901234567890123456789012345678901234567890123456789012345\n",
		  "t.conf:1: name: 'x2345678901234567890123456789012345678901234567890123456789012345' is not a valid node name (1 to 64 printable characters, no '=' or '\"')" },
		{ "backlog = 15\n",
		  "t.conf:1: backlog: 15 is out of range (16 to 1048576)" },
		{ "backlog = 1048577\n",
		  "t.conf:1: backlog: 1048577 is out of range (16 to 1048576)" },
		{ "write_logs = maybe\n",
		  "t.conf:1: write_logs: 'maybe' is not one of yes, no" },
		{ "name_format = user\n", "t.conf: name_format user needs a name" },
	};
	struct nsd_conf c;
	char err[NSD_ERR_MAX];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		ck_assert_msg(parse_text(&c, cases[i].text, err,
					 sizeof(err)) == -1,
			      "%s: accepted", cases[i].text);
		ck_assert_str_eq(err, cases[i].err);
	}
}
END_TEST

START_TEST(test_conf_load)
{
	char dir[] = "/tmp/nsauditd-test-XXXXXX";
	char path[PATH_MAX], err[NSD_ERR_MAX];
	struct nsd_conf c;
	FILE *f;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/missing.conf", dir);

	/* A missing default file means the defaults. */
	conf_defaults(&c);
	ck_assert_int_eq(conf_load(&c, path, false, err, sizeof(err)), 0);
	ck_assert_uint_eq(c.num_logs, 5);
	/* A missing file named on the command line is an error. */
	ck_assert_int_eq(conf_load(&c, path, true, err, sizeof(err)), -1);
	ck_assert(strstr(err, "missing.conf: No such file or directory"));

	snprintf(path, sizeof(path), "%s/n.conf", dir);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs("num_logs = 2\nflush = bad\n", f);
	fclose(f);
	ck_assert_int_eq(conf_load(&c, path, false, err, sizeof(err)), -1);
	ck_assert(strstr(err, "/n.conf:2: flush: 'bad'"));
	ck_assert_int_eq(unlink(path), 0);
	ck_assert_int_eq(rmdir(dir), 0);
}
END_TEST

/* The shipped file says what the defaults are, and parses. */
START_TEST(test_conf_shipped)
{
	struct nsd_conf c, d;
	char err[NSD_ERR_MAX];

	conf_defaults(&c);
	ck_assert_msg(!conf_load(&c, "../../tools/nsauditd/nsauditd.conf", true,
				 err, sizeof(err)), "%s", err);
	conf_defaults(&d);
	/*
	 * rules_file stays commented out: named, even as the default, it
	 * must exist, and a fresh install has no rules file.
	 */
	ck_assert(!c.rules_file_set);
	ck_assert_mem_eq(&c, &d, sizeof(c));
}
END_TEST

/* --- logwriter.c: lines ------------------------------------------------------ */

/* What lw_format() writes for one record, as a string to free. */
static char *format(const char *node, unsigned int type, const char *text)
{
	char *buf = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&buf, &size);
	int n;

	ck_assert_ptr_nonnull(f);
	n = lw_format(f, node, type, text, strlen(text));
	fclose(f);
	ck_assert_int_eq(n, (int)strlen(buf));
	return buf;
}

static void check_line(const char *node, unsigned int type, const char *text,
		       const char *want)
{
	char *line = format(node, type, text);

	ck_assert_str_eq(line, want);
	free(line);
}

START_TEST(test_lines)
{
	check_line(NULL, AUDIT_SYSCALL,
		   "audit(1764300000.123:42): arch=c000003e syscall=257",
		   "type=SYSCALL msg=audit(1764300000.123:42): arch=c000003e syscall=257\n");
	check_line("", AUDIT_CWD, "audit(1.002:3): cwd=\"/\"",
		   "type=CWD msg=audit(1.002:3): cwd=\"/\"\n");
	check_line("box1", AUDIT_PATH, "audit(1.002:3): item=0 name=\"/x\"",
		   "node=box1 type=PATH msg=audit(1.002:3): item=0 name=\"/x\"\n");
	/* auditd's fallback for types libaudit does not name. */
	check_line(NULL, 1999, "audit(1.002:3): a=b",
		   "type=UNKNOWN[1999] msg=audit(1.002:3): a=b\n");
	check_line("n", 65535, "audit(1.002:3): a=b",
		   "node=n type=UNKNOWN[65535] msg=audit(1.002:3): a=b\n");
	/* EOE has no fields: the kernel's trailing space goes. */
	check_line(NULL, AUDIT_EOE, "audit(1.002:3): ",
		   "type=EOE msg=audit(1.002:3):\n");
	/* One line per record whatever it holds. */
	check_line(NULL, AUDIT_USER, "audit(1.002:3): a=1\nb=2\n",
		   "type=USER msg=audit(1.002:3): a=1 b=2\n");
	check_line(NULL, AUDIT_DAEMON_ERR, "",
		   "type=DAEMON_ERR msg=\n");
}
END_TEST

START_TEST(test_own_lines)
{
	struct timespec ts = { .tv_sec = 1764300000, .tv_nsec = 45999999 };
	struct own_who who = { .pid = 77, .uid = 0, .auid = 1000, .ses = 3 };
	char body[OWN_BODY_MAX], *buf = NULL;
	size_t size = 0;
	FILE *f;

	ck_assert_int_gt(own_lost(body, sizeof(body), 12, 40), 0);
	ck_assert_str_eq(body, "op=lost lost=12 total=40 res=failed");
	f = open_memstream(&buf, &size);
	ck_assert_int_gt(lw_format_own(f, "box1", AUDIT_DAEMON_ERR, &ts, 7,
				       body), 0);
	fclose(f);
	ck_assert_str_eq(buf, "node=box1 type=DAEMON_ERR msg=audit(1764300000.045:7): op=lost lost=12 total=40 res=failed\n");
	free(buf);

	ck_assert_int_gt(own_start(body, sizeof(body), "0.1.0",
				   "6.1.0-28-amd64", &who, 4026532289U), 0);
	ck_assert_str_eq(body, "op=start ver=0.1.0 format=raw kernel=6.1.0-28-amd64 auid=1000 pid=77 uid=0 ses=3 userns=4026532289 subj=? res=success");
	ck_assert_int_gt(own_end(body, sizeof(body), &who), 0);
	ck_assert_str_eq(body, "op=terminate auid=1000 pid=77 subj=? res=success");
	ck_assert_int_gt(own_abort(body, sizeof(body), "module-unloaded",
				   &who), 0);
	ck_assert_str_eq(body, "op=module-unloaded auid=1000 pid=77 uid=0 ses=3 subj=? res=failed");
	ck_assert_int_gt(own_rotate(body, sizeof(body), &who), 0);
	ck_assert_str_eq(body, "op=rotate-logs auid=1000 pid=77 subj=? res=success");
	ck_assert_int_gt(own_config(body, sizeof(body), &who, 1), 0);
	ck_assert_str_eq(body, "op=reconfigure state=changed auid=1000 pid=77 subj=? res=success");
	ck_assert_int_gt(own_config(body, sizeof(body), &who, 0), 0);
	ck_assert_str_eq(body, "op=reconfigure state=no-change auid=1000 pid=77 subj=? res=failed");
	/* Too small a buffer is an error, not a cut record. */
	ck_assert_int_eq(own_lost(body, 10, 1, 2), -1);
}
END_TEST

/* --- logwriter.c: files ------------------------------------------------------ */

static char tmp[64];
static char notes[4096];

static void capture(void *ctx, const char *msg)
{
	(void)ctx;
	strncat(notes, msg, sizeof(notes) - strlen(notes) - 2);
	strcat(notes, "\n");
}

static void tmp_setup(void)
{
	strcpy(tmp, "/tmp/nsauditd-test-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(tmp));
	notes[0] = '\0';
}

static void remove_tree(const char *path)
{
	struct dirent *de;
	char sub[PATH_MAX];
	struct stat st;
	DIR *d;

	if (lstat(path, &st))
		return;
	if (!S_ISDIR(st.st_mode)) {
		unlink(path);
		return;
	}
	d = opendir(path);
	while (d && (de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		snprintf(sub, sizeof(sub), "%s/%s", path, de->d_name);
		remove_tree(sub);
	}
	if (d)
		closedir(d);
	rmdir(path);
}

static void tmp_teardown(void)
{
	remove_tree(tmp);
}

/* A writer on DIR/sub/audit.log with @max MiB, @num logs and @action. */
static void open_writer(struct logwriter *lw, struct nsd_conf *c,
			unsigned long max, unsigned int num,
			enum nsd_size_action action)
{
	conf_defaults(c);
	snprintf(c->log_file, sizeof(c->log_file), "%s/sub/audit.log", tmp);
	c->max_log_file = max;
	c->num_logs = num;
	c->max_log_file_action = action;
	memset(lw, 0, sizeof(*lw));
	lw->note = capture;
	ck_assert_int_eq(lw_open(lw, c), 0);
}

static off_t file_size(const char *path)
{
	struct stat st;

	return stat(path, &st) ? -1 : st.st_size;
}

static int file_mode(const char *path)
{
	struct stat st;

	return stat(path, &st) ? -1 : (int)(st.st_mode & 07777);
}

/* LOG.N as a string (one at a time). */
static const char *nth(const struct nsd_conf *c, unsigned int n)
{
	static char path[PATH_MAX + 8];

	snprintf(path, sizeof(path), "%s.%u", c->log_file, n);
	return path;
}

static bool exists(const char *base, const char *suffix)
{
	char path[PATH_MAX + 8];

	snprintf(path, sizeof(path), "%s%s", base, suffix);
	return access(path, F_OK) == 0;
}

/* Records of 1049 bytes as lines, numbered in their serial. */
#define LINE	1049

static void write_kib(struct logwriter *lw, unsigned int from, unsigned int n)
{
	char text[1100];
	unsigned int i;
	int len;

	for (i = from; i < from + n; i++) {
		len = snprintf(text, sizeof(text),
			       "audit(1764300000.000:%05u): data=%01000u", i, i);
		ck_assert_int_eq(lw_record(lw, AUDIT_USER, text, len), 0);
	}
	ck_assert_int_eq(lw_flush(lw), 0);
}

/* The serial of the first record in @path. */
static unsigned int first_serial(const char *path)
{
	unsigned int serial = 0;
	FILE *f = fopen(path, "r");

	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(fscanf(f, "type=USER msg=audit(1764300000.000:%u)",
				&serial), 1);
	fclose(f);
	return serial;
}

START_TEST(test_create_modes)
{
	struct logwriter lw;
	struct nsd_conf c;
	char dir[PATH_MAX];

	open_writer(&lw, &c, 8, 5, NSD_SIZE_ROTATE);
	snprintf(dir, sizeof(dir), "%s/sub", tmp);
	ck_assert_int_eq(file_mode(dir), 0700);
	ck_assert_int_eq(file_mode(c.log_file), 0600);
	lw_close(&lw);

	/* An existing file is appended to and made 0600 again. */
	ck_assert_int_eq(chmod(c.log_file, 0644), 0);
	ck_assert_int_eq(lw_open(&lw, &c), 0);
	write_kib(&lw, 1, 1);
	lw_close(&lw);
	ck_assert_int_eq(lw_open(&lw, &c), 0);
	ck_assert_int_eq(file_mode(c.log_file), 0600);
	ck_assert_int_eq(lw.size, file_size(c.log_file));
	write_kib(&lw, 2, 1);
	lw_close(&lw);
	ck_assert_int_eq(first_serial(c.log_file), 1);
	ck_assert_int_eq(file_size(c.log_file), 2 * LINE);

	/* write_logs = no: nothing is created. */
	remove_tree(c.log_file);
	c.write_logs = false;
	ck_assert_int_eq(lw_open(&lw, &c), 0);
	ck_assert_int_eq(lw_record(&lw, AUDIT_USER, "audit(1.0:1): x", 15), 0);
	ck_assert_int_eq(lw_own(&lw, AUDIT_DAEMON_START, "op=start"), 0);
	ck_assert_int_eq(lw_flush(&lw), 0);
	ck_assert_int_eq(lw_rotate(&lw), 0);
	lw_close(&lw);
	ck_assert(!exists(c.log_file, ""));

	/* Something in the way is reported. */
	ck_assert_int_eq(mkdir(c.log_file, 0700), 0);
	c.write_logs = true;
	memset(&lw, 0, sizeof(lw));
	lw.note = capture;
	ck_assert_int_lt(lw_open(&lw, &c), 0);
	ck_assert_msg(strstr(notes, "audit.log: Is a directory"), "%s", notes);
}
END_TEST

START_TEST(test_rotate_by_size)
{
	struct logwriter lw;
	struct nsd_conf c;

	open_writer(&lw, &c, 1, 3, NSD_SIZE_ROTATE);
	/* The 1000th line reaches 1 MiB: rotation right after it. */
	write_kib(&lw, 1, 999);
	ck_assert(!exists(c.log_file, ".1"));
	write_kib(&lw, 1000, 1);
	ck_assert(exists(c.log_file, ".1"));
	ck_assert_int_eq(file_size(c.log_file), 0);
	ck_assert_int_eq(lw.size, 0);
	write_kib(&lw, 1001, 2000);
	write_kib(&lw, 3001, 5);
	lw_close(&lw);
	/* num_logs 3: the log, .1 (newest) and .2; no .3. */
	ck_assert(exists(c.log_file, ".2"));
	ck_assert(!exists(c.log_file, ".3"));
	ck_assert_uint_eq(first_serial(c.log_file), 3001);
	ck_assert_uint_eq(first_serial(nth(&c, 1)), 2001);
	ck_assert_uint_eq(first_serial(nth(&c, 2)), 1001);
	ck_assert_int_eq(file_mode(c.log_file), 0600);
	ck_assert_int_eq(file_mode(nth(&c, 1)), 0400);
}
END_TEST

START_TEST(test_rotate_keep_logs)
{
	struct logwriter lw;
	struct nsd_conf c;

	/* keep_logs does not look at num_logs. */
	open_writer(&lw, &c, 1, 2, NSD_SIZE_KEEP_LOGS);
	write_kib(&lw, 1, 4 * 1000);
	lw_close(&lw);
	ck_assert(exists(c.log_file, ".1"));
	ck_assert(exists(c.log_file, ".2"));
	ck_assert(exists(c.log_file, ".3"));
	ck_assert(exists(c.log_file, ".4"));
	ck_assert(!exists(c.log_file, ".5"));
	ck_assert_uint_eq(first_serial(nth(&c, 4)), 1);
}
END_TEST

START_TEST(test_rotate_ignore_syslog)
{
	struct logwriter lw;
	struct nsd_conf c;

	open_writer(&lw, &c, 1, 3, NSD_SIZE_IGNORE);
	write_kib(&lw, 1, 2100);
	lw_close(&lw);
	ck_assert(!exists(c.log_file, ".1"));
	ck_assert_int_eq(file_size(c.log_file), 2100 * LINE);
	ck_assert_str_eq(notes, "");

	/* syslog: said once per file. */
	open_writer(&lw, &c, 1, 3, NSD_SIZE_SYSLOG);
	write_kib(&lw, 1, 10);
	lw_close(&lw);
	ck_assert(!exists(c.log_file, ".1"));
	ck_assert_msg(strstr(notes, "is larger than max_log_file (1 MiB)") &&
		      strchr(notes, '\n') == notes + strlen(notes) - 1,
		      "%s", notes);

	/* rotate with fewer than 2 logs: as auditd, no rotation. */
	open_writer(&lw, &c, 1, 1, NSD_SIZE_ROTATE);
	write_kib(&lw, 1, 10);
	lw_close(&lw);
	ck_assert(!exists(c.log_file, ".1"));
	/* max_log_file 0: no limit. */
	open_writer(&lw, &c, 0, 3, NSD_SIZE_ROTATE);
	write_kib(&lw, 1, 10);
	lw_close(&lw);
	ck_assert(!exists(c.log_file, ".1"));
}
END_TEST

START_TEST(test_rotate_now)
{
	struct logwriter lw;
	struct nsd_conf c;

	/* SIGUSR1 with rotate: up to num_logs. */
	open_writer(&lw, &c, 8, 3, NSD_SIZE_ROTATE);
	write_kib(&lw, 1, 1);
	ck_assert_int_eq(lw_rotate(&lw), 0);
	write_kib(&lw, 2, 1);
	ck_assert_int_eq(lw_rotate(&lw), 0);
	write_kib(&lw, 3, 1);
	ck_assert_int_eq(lw_rotate(&lw), 0);
	write_kib(&lw, 4, 1);
	lw_close(&lw);
	ck_assert_uint_eq(first_serial(c.log_file), 4);
	ck_assert_uint_eq(first_serial(nth(&c, 2)), 2);
	ck_assert(!exists(c.log_file, ".3"));

	/* With fewer than 2 logs it says why it does not. */
	open_writer(&lw, &c, 8, 1, NSD_SIZE_ROTATE);
	ck_assert_int_eq(lw_rotate(&lw), 0);
	lw_close(&lw);
	ck_assert_msg(strstr(notes, "num_logs < 2"), "%s", notes);

	/* keep_logs: shifts, whatever num_logs. */
	open_writer(&lw, &c, 8, 1, NSD_SIZE_KEEP_LOGS);
	ck_assert_int_eq(lw_rotate(&lw), 0);
	lw_close(&lw);
	ck_assert(exists(c.log_file, ".3"));
	ck_assert(!exists(c.log_file, ".4"));
	ck_assert_uint_eq(first_serial(nth(&c, 3)), 2);
}
END_TEST

START_TEST(test_excess_logs)
{
	struct logwriter lw;
	struct nsd_conf c;
	char path[PATH_MAX + 8];
	int i;

	open_writer(&lw, &c, 8, 5, NSD_SIZE_ROTATE);
	lw_close(&lw);
	for (i = 1; i <= 6; i++) {
		snprintf(path, sizeof(path), "%s.%d", c.log_file, i);
		close(open(path, O_CREAT | O_WRONLY, 0400));
	}
	/* Down to 3 logs: .3 and up go, as auditd removes them. */
	open_writer(&lw, &c, 8, 3, NSD_SIZE_ROTATE);
	lw_close(&lw);
	ck_assert(exists(c.log_file, ".2"));
	ck_assert(!exists(c.log_file, ".3"));
	ck_assert(!exists(c.log_file, ".6"));
	ck_assert_msg(strstr(notes, "audit.log.6 removed: beyond num_logs") ||
		      strstr(notes, "removed"), "%s", notes);
	/* Not with keep_logs. */
	snprintf(path, sizeof(path), "%s.3", c.log_file);
	close(open(path, O_CREAT | O_WRONLY, 0400));
	open_writer(&lw, &c, 8, 3, NSD_SIZE_KEEP_LOGS);
	lw_close(&lw);
	ck_assert(exists(c.log_file, ".3"));
}
END_TEST

START_TEST(test_flush_policy)
{
	static const char rec[] = "audit(1764300000.000:1): a=b";
	struct logwriter lw;
	struct nsd_conf c;
	int fl;

	/* Buffered until the batch ends. */
	open_writer(&lw, &c, 8, 5, NSD_SIZE_ROTATE);
	lw.conf.flush = NSD_FLUSH_NONE;
	ck_assert_int_eq(lw_record(&lw, AUDIT_USER, rec, strlen(rec)), 0);
	ck_assert_int_eq(lw_record(&lw, AUDIT_USER, rec, strlen(rec)), 0);
	ck_assert_int_eq(file_size(c.log_file), 0);
	ck_assert_int_eq(lw_flush(&lw), 0);
	ck_assert_int_eq(file_size(c.log_file), lw.size);
	lw_close(&lw);

	/* incremental and incremental_async: out every freq records. */
	remove_tree(c.log_file);
	c.flush = NSD_FLUSH_INCREMENTAL;
	c.freq = 2;
	ck_assert_int_eq(lw_open(&lw, &c), 0);
	ck_assert_int_eq(lw_record(&lw, AUDIT_USER, rec, strlen(rec)), 0);
	ck_assert_int_eq(file_size(c.log_file), 0);
	ck_assert_int_eq(lw_record(&lw, AUDIT_USER, rec, strlen(rec)), 0);
	ck_assert_int_eq(file_size(c.log_file), lw.size);
	ck_assert_uint_eq(lw.unsynced, 0);
	lw_close(&lw);

	c.flush = NSD_FLUSH_INCREMENTAL_ASYNC;
	c.freq = 3;
	ck_assert_int_eq(lw_open(&lw, &c), 0);
	ck_assert_int_eq(lw_own(&lw, AUDIT_DAEMON_START, "op=start"), 0);
	ck_assert_int_eq(lw_own(&lw, AUDIT_DAEMON_END, "op=terminate"), 0);
	ck_assert_int_lt(file_size(c.log_file), lw.size);
	ck_assert_int_eq(lw_record(&lw, AUDIT_USER, rec, strlen(rec)), 0);
	ck_assert_int_eq(file_size(c.log_file), lw.size);
	ck_assert_uint_eq(lw.serial, 2);
	lw_close(&lw);

	/* data and sync: synchronous writes. */
	c.flush = NSD_FLUSH_DATA;
	ck_assert_int_eq(lw_open(&lw, &c), 0);
	fl = fcntl(lw.fd, F_GETFL);
	ck_assert(fl & O_DSYNC);
	lw_close(&lw);
	c.flush = NSD_FLUSH_SYNC;
	ck_assert_int_eq(lw_open(&lw, &c), 0);
	fl = fcntl(lw.fd, F_GETFL);
	ck_assert((fl & O_SYNC) == O_SYNC);
	ck_assert_str_eq(conf_flush_name(lw.conf.flush), "sync");
	lw_close(&lw);
}
END_TEST

START_TEST(test_reopen)
{
	struct logwriter lw;
	struct nsd_conf c, c2;
	char moved[PATH_MAX + 8];

	open_writer(&lw, &c, 8, 5, NSD_SIZE_ROTATE);
	ck_assert_int_eq(lw_own(&lw, AUDIT_DAEMON_START, "op=start"), 0);
	/* logrotate-style: moved away, then SIGHUP. */
	snprintf(moved, sizeof(moved), "%s.old", c.log_file);
	ck_assert_int_eq(rename(c.log_file, moved), 0);
	c2 = c;
	c2.name_format = NSD_NAME_USER;
	strcpy(c2.name, "box2");
	ck_assert_int_eq(lw_reopen(&lw, &c2), 0);
	ck_assert_int_eq(lw_own(&lw, AUDIT_DAEMON_CONFIG, "op=reconfigure"), 0);
	lw_close(&lw);
	ck_assert_int_gt(file_size(moved), 0);
	ck_assert_int_gt(file_size(c.log_file), 0);
	/* The serials of our own records go on across a reopen. */
	ck_assert_uint_eq(lw.serial, 2);
	ck_assert_str_eq(lw.node, "box2");
}
END_TEST

/* --- logwriter.c: short and failed writes ------------------------------------ */

/*
 * The write(2) stand-in: at most @wr_chunk bytes a call (0: any), and
 * once @wr_budget bytes are written (if not negative) it writes what is
 * left of it and then fails with @wr_errno, as a file system does that
 * fills up.
 */
static size_t wr_chunk;
static long wr_budget;
static int wr_errno;
static unsigned int wr_calls;

static ssize_t test_write(int fd, const void *buf, size_t count)
{
	ssize_t n;

	wr_calls++;
	if (wr_chunk && count > wr_chunk)
		count = wr_chunk;
	if (wr_budget >= 0 && (long)count > wr_budget)
		count = wr_budget;
	if (!count) {
		errno = wr_errno;
		return -1;
	}
	n = write(fd, buf, count);
	if (n > 0 && wr_budget >= 0)
		wr_budget -= n;
	return n;
}

static void wr_reset(void)
{
	wr_chunk = 0;
	wr_budget = -1;
	wr_errno = ENOSPC;
	wr_calls = 0;
}

/* Records of 100 bytes as lines, "audit(1764300000.000:NNNNN): ...". */
#define SHORT_LINE	100

static int put_short(struct logwriter *lw, unsigned int i)
{
	char text[128];
	int len;

	len = snprintf(text, sizeof(text),
		       "audit(1764300000.000:%05u): data=%051u", i, i);
	return lw_record(lw, AUDIT_USER, text, len);
}

/*
 * The file holds exactly the records @from to @to, each once, in order,
 * as whole lines, and nothing else but lines of the daemon's own.
 */
static void check_sequence(const char *path, unsigned int from,
			   unsigned int to)
{
	char line[2048];
	unsigned int serial, next = from;
	FILE *f = fopen(path, "r");

	ck_assert_ptr_nonnull(f);
	while (fgets(line, sizeof(line), f)) {
		ck_assert_msg(line[strlen(line) - 1] == '\n',
			      "a line cut short: %s", line);
		if (!strncmp(line, "type=DAEMON_", 12))
			continue;
		ck_assert_msg(sscanf(line, "type=USER msg=audit(1764300000.000:%u)",
				     &serial) == 1, "not a record: %s", line);
		ck_assert_uint_eq(strlen(line), SHORT_LINE);
		ck_assert_uint_eq(serial, next);
		next++;
	}
	fclose(f);
	ck_assert_uint_eq(next, to + 1);
}

START_TEST(test_short_writes)
{
	struct logwriter lw;
	struct nsd_conf c;
	unsigned int i;

	wr_reset();
	wr_chunk = 7;
	open_writer(&lw, &c, 8, 5, NSD_SIZE_ROTATE);
	lw.conf.flush = NSD_FLUSH_NONE;
	lw.write = test_write;
	for (i = 1; i <= 300; i++)
		ck_assert_int_eq(put_short(&lw, i), 0);
	ck_assert_int_eq(lw_flush(&lw), 0);
	/* 30 000 bytes, 7 a call: every short write went on. */
	ck_assert_uint_ge(wr_calls, 30000 / 7);
	ck_assert_uint_eq(lw_pending(&lw), 0);
	ck_assert_uint_eq(lw.written, 300);
	ck_assert_int_eq(file_size(c.log_file), 300 * SHORT_LINE);
	lw_close(&lw);
	check_sequence(c.log_file, 1, 300);
}
END_TEST

START_TEST(test_write_fails)
{
	static const int errs[] = { ENOSPC, EIO, EDQUOT, EFBIG };
	struct logwriter lw;
	struct nsd_conf c;
	unsigned int i, k, taken;

	for (k = 0; k < sizeof(errs) / sizeof(errs[0]); k++) {
		wr_reset();
		wr_errno = errs[k];
		/* 25 lines and half a line fit, in writes of 64 bytes. */
		wr_budget = 25 * SHORT_LINE + SHORT_LINE / 2;
		wr_chunk = 64;
		open_writer(&lw, &c, 8, 5, NSD_SIZE_ROTATE);
		lw.conf.flush = NSD_FLUSH_NONE;
		lw.write = test_write;
		for (i = 1; i <= 100; i++)
			ck_assert_int_eq(put_short(&lw, i), 0);
		ck_assert_int_eq(lw_flush(&lw), -errs[k]);
		ck_assert_int_eq(lw.error, -errs[k]);
		/* Whole lines only: the half line was cut off again. */
		ck_assert_int_eq(file_size(c.log_file), 25 * SHORT_LINE);
		ck_assert_uint_eq(lw_pending(&lw), 75);
		ck_assert_uint_eq(lw.written, 25);
		check_sequence(c.log_file, 1, 25);
		/* Still failing: nothing lost, nothing doubled. */
		ck_assert_int_eq(lw_flush(&lw), -errs[k]);
		ck_assert_uint_eq(lw_pending(&lw), 75);
		/* Until the buffer is full, records are still taken. */
		for (taken = 100; lw_accepting(&lw); taken++)
			ck_assert_int_eq(put_short(&lw, taken + 1), 0);
		ck_assert_uint_eq(lw_pending(&lw), taken - 25);
		/* The room kept for the daemon's own records. */
		ck_assert_int_eq(lw_own(&lw, AUDIT_DAEMON_ERR, "op=disk-full"), 0);
		ck_assert_uint_eq(lw_pending_own(&lw), 1);
		/* Space again: everything, in order. */
		wr_budget = -1;
		ck_assert_int_eq(lw_flush(&lw), 0);
		ck_assert_int_eq(lw.error, 0);
		ck_assert_uint_eq(lw_pending(&lw), 0);
		ck_assert_uint_eq(lw.written, taken + 1);
		ck_assert_uint_eq(lw.written_own, 1);
		ck_assert_int_eq(file_size(c.log_file), lw.size);
		lw_close(&lw);
		check_sequence(c.log_file, 1, taken);
		remove_tree(c.log_file);
	}
}
END_TEST

START_TEST(test_full_buffer)
{
	struct logwriter lw;
	struct nsd_conf c;
	unsigned int i, n;
	int rc = 0;

	wr_reset();
	wr_budget = 0;
	open_writer(&lw, &c, 8, 5, NSD_SIZE_ROTATE);
	lw.conf.flush = NSD_FLUSH_NONE;
	lw.write = test_write;
	/* A record that does not fit is not taken, and says so. */
	for (i = 1; i <= 1000 && !(rc = put_short(&lw, i)); i++)
		;
	ck_assert_int_eq(rc, -ENOBUFS);
	n = i - 1;
	ck_assert_uint_eq(lw_pending(&lw), n);
	ck_assert_uint_le(n * SHORT_LINE, LW_BUFFER - LW_OWN_RESERVE);
	ck_assert(!lw_accepting(&lw));
	/* The daemon's own still fit, up to LW_OWN_MAX of them. */
	for (i = 0; i < LW_OWN_MAX; i++)
		ck_assert_int_eq(lw_own(&lw, AUDIT_DAEMON_ERR, "op=x"), 0);
	ck_assert_int_eq(lw_own(&lw, AUDIT_DAEMON_ERR, "op=x"), -ENOBUFS);
	ck_assert_uint_eq(lw.serial, LW_OWN_MAX);
	/* Longer than any record of the kernel: never taken. */
	{
		static char big[LW_BUFFER];

		memset(big, 'x', sizeof(big));
		memcpy(big, "audit(1.0:1): ", 14);
		ck_assert_int_eq(lw_record(&lw, AUDIT_USER, big, sizeof(big)),
				 -EMSGSIZE);
	}
	wr_budget = -1;
	ck_assert_int_eq(lw_flush(&lw), 0);
	ck_assert(lw_accepting(&lw));
	lw_close(&lw);
	check_sequence(c.log_file, 1, n);
}
END_TEST

START_TEST(test_hold)
{
	struct logwriter lw;
	struct nsd_conf c;

	wr_reset();
	open_writer(&lw, &c, 8, 5, NSD_SIZE_ROTATE);
	lw.conf.flush = NSD_FLUSH_INCREMENTAL;
	lw.conf.freq = 1;
	lw.hold = true;
	ck_assert_int_eq(put_short(&lw, 1), 0);
	ck_assert_int_eq(lw_flush(&lw), -EAGAIN);
	ck_assert_int_eq(file_size(c.log_file), 0);
	/* Rotation and closing write nothing while held either. */
	ck_assert_int_eq(lw_rotate(&lw), 0);
	ck_assert_int_eq(file_size(nth(&c, 1)), 0);
	lw_close(&lw);
	ck_assert_int_eq(file_size(c.log_file), 0);
	ck_assert_uint_eq(lw_pending(&lw), 1);
	/* Released: the record goes to the file opened next. */
	lw.hold = false;
	ck_assert_int_eq(lw_open(&lw, &c), 0);
	ck_assert_int_eq(lw_flush(&lw), 0);
	lw_close(&lw);
	check_sequence(c.log_file, 1, 1);
}
END_TEST

START_TEST(test_failed_then_rotated)
{
	struct logwriter lw;
	struct nsd_conf c;
	unsigned int i;

	wr_reset();
	wr_budget = 10 * SHORT_LINE + 30;
	open_writer(&lw, &c, 8, 3, NSD_SIZE_ROTATE);
	lw.conf.flush = NSD_FLUSH_NONE;
	lw.write = test_write;
	for (i = 1; i <= 40; i++)
		ck_assert_int_eq(put_short(&lw, i), 0);
	ck_assert_int_eq(lw_flush(&lw), -ENOSPC);
	/* The rotate action: the full log moves away, whole. */
	ck_assert_int_eq(lw_rotate_free(&lw), 0);
	check_sequence(nth(&c, 1), 1, 10);
	wr_budget = -1;
	ck_assert_int_eq(lw_flush(&lw), 0);
	lw_close(&lw);
	check_sequence(c.log_file, 11, 40);
	/* SIGHUP to another file while failing: the waiting lines go there. */
	wr_budget = 5 * SHORT_LINE + 1;
	ck_assert_int_eq(lw_open(&lw, &c), 0);
	for (i = 41; i <= 50; i++)
		ck_assert_int_eq(put_short(&lw, i), 0);
	ck_assert_int_eq(lw_flush(&lw), -ENOSPC);
	snprintf(c.log_file, sizeof(c.log_file), "%s/other/audit.log", tmp);
	ck_assert_int_eq(lw_reopen(&lw, &c), 0);
	wr_budget = -1;
	ck_assert_int_eq(lw_flush(&lw), 0);
	lw_close(&lw);
	check_sequence(c.log_file, 46, 50);
	snprintf(c.log_file, sizeof(c.log_file), "%s/sub/audit.log", tmp);
	check_sequence(c.log_file, 11, 45);
}
END_TEST

static unsigned int occurrences(const char *s, const char *what)
{
	unsigned int n = 0;

	while ((s = strstr(s, what))) {
		n++;
		s++;
	}
	return n;
}

START_TEST(test_open_fails)
{
	struct logwriter lw;
	struct nsd_conf c;
	char sub[128];
	unsigned int i;
	int fd;

	/* Something in the way of the directory: told once, not per retry. */
	wr_reset();
	snprintf(sub, sizeof(sub), "%s/sub", tmp);
	fd = open(sub, O_CREAT | O_WRONLY, 0600);
	ck_assert_int_ge(fd, 0);
	close(fd);
	conf_defaults(&c);
	snprintf(c.log_file, sizeof(c.log_file), "%s/audit.log", sub);
	c.flush = NSD_FLUSH_NONE;
	memset(&lw, 0, sizeof(lw));
	lw.note = capture;
	ck_assert_int_lt(lw_open(&lw, &c), 0);
	for (i = 1; i <= 20; i++) {
		ck_assert_int_eq(put_short(&lw, i), 0);
		ck_assert_int_lt(lw_flush(&lw), 0);
	}
	ck_assert_uint_eq(lw_pending(&lw), 20);
	ck_assert_msg(occurrences(notes, "Not a directory") == 1, "%s", notes);
	/* Out of the way: the records come, all of them. */
	ck_assert_int_eq(unlink(sub), 0);
	ck_assert_int_eq(lw_flush(&lw), 0);
	lw_close(&lw);
	check_sequence(c.log_file, 1, 20);
}
END_TEST

/*
 * A real file system filling up: a 64 KiB tmpfs (root only). The
 * records the writer took are each in the log exactly once once space is
 * back, none lost in between.
 */
START_TEST(test_tmpfs_full)
{
	char fs[128], filler[160], buf[4096];
	struct logwriter lw;
	struct nsd_conf c;
	unsigned int i, taken = 0, failed = 0;
	int fd;

	snprintf(fs, sizeof(fs), "%s/fs", tmp);
	ck_assert_int_eq(mkdir(fs, 0700), 0);
	if (geteuid() || mount("tmpfs", fs, "tmpfs", 0, "size=64k")) {
		fprintf(stderr, "test_tmpfs_full: cannot mount a tmpfs, skipped\n");
		return;
	}
	/* 32 KiB of something else, removed later to make room. */
	snprintf(filler, sizeof(filler), "%s/filler", fs);
	fd = open(filler, O_CREAT | O_WRONLY, 0600);
	memset(buf, 'f', sizeof(buf));
	for (i = 0; i < 8; i++)
		ck_assert_int_eq(write(fd, buf, sizeof(buf)), sizeof(buf));
	close(fd);
	conf_defaults(&c);
	snprintf(c.log_file, sizeof(c.log_file), "%s/log/audit.log", fs);
	c.flush = NSD_FLUSH_NONE;
	memset(&lw, 0, sizeof(lw));
	lw.note = capture;
	ck_assert_int_eq(lw_open(&lw, &c), 0);
	/* 600 lines of 100 bytes: 60 000 bytes, one flush per 10. */
	for (i = 1; i <= 600; i++) {
		if (put_short(&lw, i))
			break;
		taken = i;
		if (i % 10 == 0 && lw_flush(&lw))
			failed++;
	}
	ck_assert_uint_gt(failed, 0);
	ck_assert_uint_eq(taken, 600);
	ck_assert_int_eq(unlink(filler), 0);
	ck_assert_int_eq(lw_flush(&lw), 0);
	lw_close(&lw);
	check_sequence(c.log_file, 1, taken);
	umount2(fs, MNT_DETACH);
}
END_TEST

/* --- pidfile.c ------------------------------------------------------------- */

static void put_file(const char *path, const char *text)
{
	int fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0644);

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
}

static const char *get_file(const char *path)
{
	static char text[256];
	ssize_t n;
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		return NULL;
	n = read(fd, text, sizeof(text) - 1);
	close(fd);
	text[n < 0 ? 0 : n] = '\0';
	return text;
}

/* A pid no process has: a child's, once it is reaped. */
static pid_t dead_pid(void)
{
	pid_t pid = fork();

	ck_assert_int_ge(pid, 0);
	if (!pid)
		_exit(0);
	ck_assert_int_eq(waitpid(pid, NULL, 0), pid);
	return pid;
}

START_TEST(test_pidfile)
{
	char path[PATH_MAX], victim[PATH_MAX], err[PIDFILE_ERR_MAX];
	char want[64], other[PATH_MAX];
	struct pidfile pf;
	struct stat st;

	snprintf(path, sizeof(path), "%s/nsauditd.pid", tmp);
	snprintf(victim, sizeof(victim), "%s/victim", tmp);
	snprintf(want, sizeof(want), "%d\n", (int)getpid());

	/* Made new, 0644, the pid; removed at the end. */
	ck_assert_int_eq(pidfile_create(&pf, path, getpid(), err, sizeof(err)), 0);
	ck_assert_str_eq(get_file(path), want);
	ck_assert_int_eq(file_mode(path), 0644);
	pidfile_remove(&pf, path);
	ck_assert(access(path, F_OK));

	/* A symlink to a file is not followed: the file stays as it was. */
	put_file(victim, "precious\n");
	ck_assert_int_eq(symlink(victim, path), 0);
	ck_assert_int_eq(pidfile_create(&pf, path, getpid(), err, sizeof(err)),
			 -EEXIST);
	ck_assert_msg(strstr(err, "is not a regular file (a symlink?): not touching it"),
		      "%s", err);
	ck_assert_ptr_null(strchr(err, '\n'));
	ck_assert_str_eq(get_file(victim), "precious\n");
	ck_assert_int_eq(lstat(path, &st), 0);
	ck_assert(S_ISLNK(st.st_mode));
	/* Nor one to a file that does not exist yet: it is not made. */
	ck_assert_int_eq(unlink(path), 0);
	ck_assert_int_eq(unlink(victim), 0);
	ck_assert_int_eq(symlink(victim, path), 0);
	ck_assert_int_eq(pidfile_create(&pf, path, getpid(), err, sizeof(err)),
			 -EEXIST);
	ck_assert(access(victim, F_OK));
	ck_assert_int_eq(unlink(path), 0);

	/* A running daemon's: refused. */
	snprintf(other, sizeof(other), "%d\n", (int)getppid());
	put_file(path, other);
	ck_assert_int_eq(pidfile_create(&pf, path, getpid(), err, sizeof(err)),
			 -EEXIST);
	ck_assert_msg(strstr(err, "is running (another nsauditd?)"), "%s", err);
	ck_assert_str_eq(get_file(path), other);
	/* Not a pid: refused, left alone. */
	put_file(path, "hello\n");
	ck_assert_int_eq(pidfile_create(&pf, path, getpid(), err, sizeof(err)),
			 -EEXIST);
	ck_assert_msg(strstr(err, "holds no pid"), "%s", err);
	ck_assert_str_eq(get_file(path), "hello\n");
	/* With a second link: not ours to remove. */
	snprintf(other, sizeof(other), "%d\n", (int)dead_pid());
	put_file(path, other);
	ck_assert_int_eq(link(path, victim), 0);
	ck_assert_int_eq(pidfile_create(&pf, path, getpid(), err, sizeof(err)),
			 -EEXIST);
	ck_assert_msg(strstr(err, "not a pid file of ours"), "%s", err);
	ck_assert_int_eq(unlink(victim), 0);
	/* A stale one (its process is gone): replaced. */
	ck_assert_int_eq(pidfile_create(&pf, path, getpid(), err, sizeof(err)), 0);
	ck_assert_str_eq(get_file(path), want);
	/* Replaced by someone else meanwhile: not removed at the end. */
	put_file(victim, "theirs\n");
	ck_assert_int_eq(rename(victim, path), 0);
	pidfile_remove(&pf, path);
	ck_assert_str_eq(get_file(path), "theirs\n");
	ck_assert_int_eq(unlink(path), 0);
	/* A directory in the way. */
	ck_assert_int_eq(mkdir(path, 0700), 0);
	ck_assert_int_eq(pidfile_create(&pf, path, getpid(), err, sizeof(err)),
			 -EEXIST);
	ck_assert_int_eq(rmdir(path), 0);
}
END_TEST

/* --- what ausearch and aureport make of a log ----------------------------------- */

/* Realistic kernel texts: one event of five records, nsID set included. */
static const struct {
	unsigned int type;
	const char *text;
} event[] = {
	{ AUDIT_SYSCALL, "audit(1764300000.200:4242): arch=c000003e syscall=257 success=yes exit=3 a0=ffffff9c a1=7ffc1a2b3c4d a2=0 a3=0 items=1 ppid=1 pid=42 auid=4294967295 uid=0 gid=0 euid=0 suid=0 fsuid=0 egid=0 sgid=0 fsgid=0 tty=pts0 ses=4294967295 comm=\"cat\" exe=\"/usr/bin/cat\" subj=unconfined key=(null) nsdev=0:4 mntns=4026532290 utsns=4026532291 ipcns=4026532292 netns=4026532295 pidns=4026532293 userns=4026532289 cgroupns=4026532296 timens=4026531834" },
	{ AUDIT_CWD, "audit(1764300000.200:4242): cwd=\"/root\"" },
	{ AUDIT_PATH, "audit(1764300000.200:4242): item=0 name=\"/etc/hostname\" inode=1234 dev=08:01 mode=0100644 ouid=0 ogid=0 rdev=00:00 nametype=NORMAL cap_fp=0 cap_fi=0 cap_fe=0 cap_fver=0 cap_frootid=0" },
	{ AUDIT_PROCTITLE, "audit(1764300000.200:4242): proctitle=636174002F6574632F686F73746E616D65" },
	{ AUDIT_EOE, "audit(1764300000.200:4242): " },
};

/* Run @cmd on the log; return its exit status, its output in @out. */
static int run(const char *cmd, const char *log, char *out, size_t size)
{
	char line[PATH_MAX * 2 + 64], res[PATH_MAX + 8];
	FILE *f;
	size_t n;
	int rc;

	snprintf(res, sizeof(res), "%s.out", log);
	snprintf(line, sizeof(line), "%s -if %s >%s 2>&1", cmd, log, res);
	rc = system(line);
	f = fopen(res, "r");
	ck_assert_ptr_nonnull(f);
	n = fread(out, 1, size - 1, f);
	out[n] = '\0';
	fclose(f);
	unlink(res);
	return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

START_TEST(test_ausearch)
{
	struct own_who who = { .pid = 1, .uid = 0, .auid = OWN_UNSET,
			       .ses = OWN_UNSET };
	char body[OWN_BODY_MAX], out[8192], cmd[64];
	struct logwriter lw;
	struct nsd_conf c;
	size_t i;

	if (access(AUSEARCH, X_OK) || access(AUREPORT, X_OK)) {
		fprintf(stderr, "test_ausearch: no %s or %s, skipped\n",
			AUSEARCH, AUREPORT);
		return;
	}
	open_writer(&lw, &c, 8, 5, NSD_SIZE_ROTATE);
	lw.conf.name_format = NSD_NAME_USER;
	strcpy(lw.node, "box1");
	own_start(body, sizeof(body), "0.1.0", "6.1.0-28-amd64", &who,
		  4026532289U);
	ck_assert_int_eq(lw_own(&lw, AUDIT_DAEMON_START, body), 0);
	for (i = 0; i < sizeof(event) / sizeof(event[0]); i++)
		ck_assert_int_eq(lw_record(&lw, event[i].type, event[i].text,
					   strlen(event[i].text)), 0);
	own_lost(body, sizeof(body), 12, 40);
	ck_assert_int_eq(lw_own(&lw, AUDIT_DAEMON_ERR, body), 0);
	ck_assert_int_eq(lw_record(&lw, 1999, "audit(1764300000.300:4243): x=1",
				   31), 0);
	who.pid = 77;
	own_end(body, sizeof(body), &who);
	ck_assert_int_eq(lw_own(&lw, AUDIT_DAEMON_END, body), 0);
	lw_close(&lw);

	/* The event, found by a field of its SYSCALL record, whole. */
	ck_assert_int_eq(run(AUSEARCH " --raw -p 42", c.log_file, out,
			     sizeof(out)), 0);
	for (i = 0; i < sizeof(event) / sizeof(event[0]); i++) {
		snprintf(cmd, sizeof(cmd), "node=box1 type=%s msg=audit(1764300000.200:4242):",
			 audit_msg_type_to_name(event[i].type));
		ck_assert_msg(strstr(out, cmd), "%s not in:\n%s", cmd, out);
	}
	ck_assert(strstr(out, "timens=4026531834\n"));
	/* Interpreted, by node, by the nsID field values. */
	ck_assert_int_eq(run(AUSEARCH " -i --node box1 -m SYSCALL",
			     c.log_file, out, sizeof(out)), 0);
	ck_assert_msg(strstr(out, "syscall=openat"), "%s", out);
	ck_assert_int_eq(run(AUSEARCH " --raw -m DAEMON_ERR", c.log_file, out,
			     sizeof(out)), 0);
	ck_assert_msg(strstr(out, "op=lost lost=12 total=40 res=failed"), "%s",
		      out);
	ck_assert_int_eq(run(AUSEARCH " --raw -m DAEMON_START,DAEMON_END",
			     c.log_file, out, sizeof(out)), 0);
	ck_assert_msg(strstr(out, "type=DAEMON_START msg=audit(") &&
		      strstr(out, ":1): op=start ver=0.1.0 format=raw") &&
		      strstr(out, ":3): op=terminate auid=4294967295 pid=77"),
		      "%s", out);
	ck_assert_int_eq(run(AUSEARCH " --raw -m UNKNOWN[1999]", c.log_file,
			     out, sizeof(out)), 0);
	ck_assert_msg(strstr(out, "type=UNKNOWN[1999] msg=audit(1764300000.300:4243): x=1"),
		      "%s", out);
	/* Nothing in it that ausearch does not parse: -i reports no error. */
	ck_assert_int_eq(run(AUSEARCH " -i", c.log_file, out, sizeof(out)), 0);
	ck_assert_msg(!strstr(out, "rror"), "%s", out);

	ck_assert_int_eq(run(AUREPORT " --summary", c.log_file, out,
			     sizeof(out)), 0);
	ck_assert_msg(strstr(out, "Number of executables: 1") &&
		      strstr(out, "Number of files: 1"), "%s", out);
	ck_assert_int_eq(run(AUREPORT " -f -i", c.log_file, out, sizeof(out)),
			 0);
	ck_assert_msg(strstr(out, "/etc/hostname"), "%s", out);
}
END_TEST

/* --- notify.c: sd_notify's datagrams ------------------------------------- */

/* A datagram socket bound at @sa (length @len), for notify() to reach. */
static int notify_listener(const struct sockaddr_un *sa, socklen_t len)
{
	int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(bind(fd, (const struct sockaddr *)sa, len), 0);
	return fd;
}

/* The one datagram waiting on @fd is @want, and nothing else waits. */
static void notify_got(int fd, const char *want)
{
	char buf[1024];
	ssize_t n;

	n = recv(fd, buf, sizeof(buf), MSG_DONTWAIT);
	ck_assert_int_eq(n, (ssize_t)strlen(want));
	ck_assert_mem_eq(buf, want, (size_t)n);
	ck_assert_int_eq(recv(fd, buf, sizeof(buf), MSG_DONTWAIT), -1);
	ck_assert_int_eq(errno, EAGAIN);
}

START_TEST(test_notify)
{
	char dir[] = "/tmp/nsa-notify-XXXXXX", name[64], buf[16];
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	char longpath[sizeof(sa.sun_path) + 8];
	int fd;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(sa.sun_path, sizeof(sa.sun_path), "%s/notify", dir);
	fd = notify_listener(&sa, sizeof(sa));

	/* No variable (by hand, in a container): nothing sent, no error. */
	unsetenv("NOTIFY_SOCKET");
	ck_assert_int_eq(notify_init(), 0);
	ck_assert_int_eq(notify("READY=1"), 0);
	ck_assert_int_eq(recv(fd, buf, sizeof(buf), MSG_DONTWAIT), -1);

	/* A path: each report one datagram; the variable gone for children. */
	setenv("NOTIFY_SOCKET", sa.sun_path, 1);
	ck_assert_int_eq(notify_init(), 1);
	ck_assert_ptr_null(getenv("NOTIFY_SOCKET"));
	ck_assert_int_eq(notify("READY=1\nSTATUS=Logging to %s", "/var/log/x"), 0);
	notify_got(fd, "READY=1\nSTATUS=Logging to /var/log/x");
	ck_assert_int_eq(notify("RELOADING=1\nMONOTONIC_USEC=%llu", 12345ULL), 0);
	notify_got(fd, "RELOADING=1\nMONOTONIC_USEC=12345");
	/* Longer than a report may be: refused whole, nothing sent. */
	ck_assert_int_eq(notify("STATUS=%0600d", 1), -EMSGSIZE);
	ck_assert_int_eq(recv(fd, buf, sizeof(buf), MSG_DONTWAIT), -1);
	/* The manager's socket gone: the error, for the daemon to say once. */
	close(fd);
	ck_assert_int_eq(unlink(sa.sun_path), 0);
	ck_assert_int_eq(notify("STOPPING=1"), -ENOENT);
	ck_assert_int_eq(rmdir(dir), 0);

	/* An abstract name, "@name". */
	snprintf(name, sizeof(name), "@nsa-notify-%d", (int)getpid());
	memset(sa.sun_path, 0, sizeof(sa.sun_path));
	memcpy(sa.sun_path + 1, name + 1, strlen(name) - 1);
	fd = notify_listener(&sa, (socklen_t)(offsetof(struct sockaddr_un, sun_path) +
					    strlen(name)));
	setenv("NOTIFY_SOCKET", name, 1);
	ck_assert_int_eq(notify_init(), 1);
	ck_assert_int_eq(notify("STOPPING=1"), 0);
	notify_got(fd, "STOPPING=1");

	/* Values that name no socket: refused, and nothing is sent after. */
	memset(longpath, 'x', sizeof(longpath) - 1);
	longpath[0] = '/';
	longpath[sizeof(longpath) - 1] = '\0';
	{
		const char *bad[] = { "relative/path", "@", "/", "vsock:2:1", longpath };
		size_t i;

		for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
			setenv("NOTIFY_SOCKET", bad[i], 1);
			ck_assert_int_eq(notify_init(), -EINVAL);
			ck_assert_ptr_null(getenv("NOTIFY_SOCKET"));
			ck_assert_int_eq(notify("READY=1"), 0);
		}
	}
	ck_assert_int_eq(recv(fd, buf, sizeof(buf), MSG_DONTWAIT), -1);
	close(fd);
}
END_TEST

Suite *nsaudit_nsauditd_suite(void)
{
	Suite *s = suite_create("nsauditd");
	TCase *tc;

	tc = tcase_create("conf");
	tcase_add_test(tc, test_conf_defaults);
	tcase_add_test(tc, test_conf_every_key);
	tcase_add_test(tc, test_conf_choices);
	tcase_add_test(tc, test_conf_errors);
	tcase_add_test(tc, test_conf_load);
	tcase_add_test(tc, test_conf_disk_keys);
	tcase_add_test(tc, test_conf_disk_errors);
	tcase_add_test(tc, test_conf_shipped);
	suite_add_tcase(s, tc);

	tc = tcase_create("lines");
	tcase_add_test(tc, test_lines);
	tcase_add_test(tc, test_own_lines);
	suite_add_tcase(s, tc);

	tc = tcase_create("files");
	tcase_add_checked_fixture(tc, tmp_setup, tmp_teardown);
	tcase_add_test(tc, test_create_modes);
	tcase_add_test(tc, test_rotate_by_size);
	tcase_add_test(tc, test_rotate_keep_logs);
	tcase_add_test(tc, test_rotate_ignore_syslog);
	tcase_add_test(tc, test_rotate_now);
	tcase_add_test(tc, test_excess_logs);
	tcase_add_test(tc, test_flush_policy);
	tcase_add_test(tc, test_reopen);
	tcase_add_test(tc, test_ausearch);
	tcase_add_test(tc, test_short_writes);
	tcase_add_test(tc, test_write_fails);
	tcase_add_test(tc, test_full_buffer);
	tcase_add_test(tc, test_hold);
	tcase_add_test(tc, test_failed_then_rotated);
	tcase_add_test(tc, test_open_fails);
	tcase_add_test(tc, test_tmpfs_full);
	tcase_add_test(tc, test_pidfile);
	tcase_add_test(tc, test_notify);
	/* Some thousand records, run under valgrind too. */
	tcase_set_timeout(tc, 120);
	suite_add_tcase(s, tc);

	return s;
}
