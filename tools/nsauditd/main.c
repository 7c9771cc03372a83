// SPDX-License-Identifier: GPL-2.0
/*
 * nsauditd: the audit daemon of one user namespace.
 *
 * Registers with the nsaudit module as the audit daemon of its user
 * namespace and writes what the module sends to a log in auditd's format
 * (logwriter.c), so that ausearch and aureport read it. The settings come
 * from an auditd.conf-style file (conf.c), the namespace's rules from an
 * audit.rules-style file (../rules/file.c). Exit codes: 0 after SIGTERM or
 * SIGINT, 1 on a runtime error (the module went away, or a disk action
 * "halt", included), 2 for a usage or configuration error.
 *
 * The rule for a log that cannot be written (disk full, I/O error, a
 * suspend action): the daemon keeps what it has read and reads no more,
 * so that the module's queue for it fills and the module counts every
 * record it cannot queue as lost; nothing is dropped inside the daemon.
 */
#define _GNU_SOURCE

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include <libaudit.h>
#include <libnsaudit.h>

#include "conf.h"
#include "logwriter.h"
#include "ownrec.h"
#include "notify.h"
#include "pidfile.h"
#include "rule.h"
#include "sig.h"

#define NSAUDITD_VERSION	"0.1.0"

enum { EXIT_OK = 0, EXIT_ERROR = 1, EXIT_USAGE = 2 };

/* Most records taken before the log is written out and signals are seen. */
#define BATCH_MAX		256
/* Idle time after which we make sure the module still knows us. */
#define LIVENESS_MS		5000
/* How long SIGTERM waits for the module to confirm the unregistration. */
#define STOP_MS			5000
/* How often a log that could not be written is tried again. */
#define RETRY_MS		1000
/* Consecutive write errors disk_error_action syslog reports, as auditd. */
#define ERRORS_REPORTED		5

/**
 * struct opts - the command line
 * @foreground: do not fork
 * @config: the configuration file; @config_given: named on the command line
 * @node, @log, @backlog: settings that override the file's (NULL: none)
 * @pid_file: where to write our PID (NULL: nowhere)
 * @alloc: what absolute() allocated
 */
struct opts {
	bool foreground;
	char *config;
	bool config_given;
	const char *node;
	char *log;
	const char *backlog;
	char *pid_file;
	char *alloc[3];
};

/*
 * What the main loop works with. The disk state: @blocked while the log
 * cannot be written (retried every RETRY_MS), @suspended after a suspend
 * action until SIGUSR2; @acted: the action of each situation was taken in
 * this episode (until space returns, writing works again or SIGUSR2);
 * @error_reports: consecutive write errors told (disk_error_action syslog).
 */
struct daemon {
	struct opts *opts;
	struct nsd_conf conf;
	struct logwriter lw;
	struct nsaudit_daemon *d;
	int sfd;
	uint64_t received, eoe, lost_notices, lost_total;
	bool stopping;
	struct timespec stop_at;
	struct own_who stopper;
	struct rule_file rules;
	bool rules_found;
	bool blocked, suspended;
	bool acted[NSD_SIT_COUNT];
	unsigned int error_reports;
	struct pidfile pid_file;
};

static bool use_syslog;

static void vsay(int prio, const char *fmt, va_list ap)
{
	if (use_syslog) {
		vsyslog(prio, fmt, ap);
	} else {
		fputs("nsauditd: ", stderr);
		vfprintf(stderr, fmt, ap);
		fputc('\n', stderr);
	}
}

static void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Messages go to stderr, or to syslog once stderr is gone (daemonized). */
static void say(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsay(LOG_NOTICE, fmt, ap);
	va_end(ap);
}

static void alert(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The disk situations, at auditd's priority for them. */
static void alert(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsay(LOG_ALERT, fmt, ap);
	va_end(ap);
}

static void lw_say(void *ctx, const char *msg)
{
	(void)ctx;
	say("%s", msg);
}

static void usage(FILE *f)
{
	fputs("Usage: nsauditd [OPTION]...\n"
	      "The audit daemon of a user namespace: writes the audit records of the\n"
	      "namespace and its descendants, as the nsaudit module sends them, to a\n"
	      "log that ausearch and aureport read.\n"
	      "\n"
	      "  -f, --foreground       do not fork; messages go to stderr\n"
	      "  -c, --config FILE      configuration file (default " NSD_CONF_DEFAULT ")\n"
	      "  -l, --log FILE         the log file (overrides log_file)\n"
	      "  -n, --node NAME        prefix each line with node=NAME (name_format user)\n"
	      "  -b, --backlog N        records the module may queue for us (overrides backlog)\n"
	      "      --pid-file FILE    write the daemon's PID to FILE\n"
	      "  -h, --help             show this help\n"
	      "  -V, --version          show the version\n"
	      "\n"
	      "Signals: HUP rereads the configuration and reopens the log, USR1 rotates\n"
	      "the log, USR2 resumes logging after a disk action and reports counters,\n"
	      "TERM and INT stop the daemon.\n", f);
}

static int usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static int usage_error(const char *fmt, ...)
{
	va_list ap;

	fputs("nsauditd: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\nTry 'nsauditd --help'.\n", stderr);
	return EXIT_USAGE;
}

/* Return -1 to go on, else the exit code. */
static int parse_args(int argc, char **argv, struct opts *o)
{
	enum { OPT_PID_FILE = 256 };
	static const struct option longopts[] = {
		{ "foreground", no_argument, NULL, 'f' },
		{ "config", required_argument, NULL, 'c' },
		{ "log", required_argument, NULL, 'l' },
		{ "node", required_argument, NULL, 'n' },
		{ "backlog", required_argument, NULL, 'b' },
		{ "pid-file", required_argument, NULL, OPT_PID_FILE },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	int c;

	o->config = (char *)NSD_CONF_DEFAULT;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":fc:l:n:b:hV", longopts,
				NULL)) != -1) {
		switch (c) {
		case 'f':
			o->foreground = true;
			break;
		case 'c':
			o->config = optarg;
			o->config_given = true;
			break;
		case 'l':
			o->log = optarg;
			break;
		case 'n':
			o->node = optarg;
			break;
		case 'b':
			o->backlog = optarg;
			break;
		case OPT_PID_FILE:
			o->pid_file = optarg;
			break;
		case 'h':
			usage(stdout);
			return EXIT_OK;
		case 'V':
			printf("nsauditd %s (nsaudit interface %d.%d)\n",
			       NSAUDITD_VERSION, NSAUDIT_VERSION_MAJOR,
			       NSAUDIT_VERSION_MINOR);
			return EXIT_OK;
		case ':':
			return usage_error("%s needs an argument",
					   argv[optind - 1]);
		default:
			return usage_error("unknown option %s",
					   argv[optind - 1]);
		}
	}
	if (optind < argc)
		return usage_error("unexpected argument '%s'", argv[optind]);
	return -1;
}

/* An option as the keyword it overrides; errors name the option. */
static int set_option(struct nsd_conf *c, const char *option,
		      const char *key, const char *value)
{
	char err[NSD_ERR_MAX];
	size_t n = strlen(key);

	if (!value || !conf_set(c, key, value, err, sizeof(err)))
		return 0;
	/* "key: why" becomes "--option: why". */
	if (!strncmp(err, key, n) && !strncmp(err + n, ": ", 2))
		say("%s: %s", option, err + n + 2);
	else
		say("%s: %s", option, err);
	return -1;
}

/* The file's settings, then the command line's. */
static int load_conf(const struct opts *o, struct nsd_conf *c)
{
	char err[NSD_ERR_MAX];

	conf_defaults(c);
	if (conf_load(c, o->config, o->config_given, err, sizeof(err))) {
		say("%s", err);
		return -1;
	}
	if (set_option(c, "--log", "log_file", o->log) ||
	    set_option(c, "--backlog", "backlog", o->backlog) ||
	    set_option(c, "--node", "name", o->node))
		return -1;
	if (o->node)
		c->name_format = NSD_NAME_USER;
	return 0;
}

/* A relative path is taken from where we were started, before chdir /. */
static int absolute(char **path, char **alloc)
{
	char *cwd, *abs;

	if (!*path || **path == '/')
		return 0;
	cwd = getcwd(NULL, 0);
	if (!cwd || asprintf(&abs, "%s/%s", cwd, *path) < 0) {
		free(cwd);
		return -ENOMEM;
	}
	free(cwd);
	*path = *alloc = abs;
	return 0;
}

/* /proc/PID/FIELD as a number (loginuid, sessionid); OWN_UNSET if unknown. */
static uint32_t proc_u32(int pid, const char *field)
{
	char path[64], buf[16];
	unsigned long v;
	ssize_t n;
	int fd;

	if (pid > 0)
		snprintf(path, sizeof(path), "/proc/%d/%s", pid, field);
	else
		snprintf(path, sizeof(path), "/proc/self/%s", field);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return OWN_UNSET;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return OWN_UNSET;
	buf[n] = '\0';
	v = strtoul(buf, NULL, 10);
	return v > UINT32_MAX ? OWN_UNSET : v;
}

static void who_self(struct own_who *w)
{
	w->pid = getpid();
	w->uid = getuid();
	w->auid = proc_u32(0, "loginuid");
	w->ses = proc_u32(0, "sessionid");
}

static void who_sender(struct own_who *w, const struct sig_info *si)
{
	w->pid = si->pid;
	w->uid = si->uid;
	w->auid = si->pid ? proc_u32(si->pid, "loginuid") : OWN_UNSET;
	w->ses = si->pid ? proc_u32(si->pid, "sessionid") : OWN_UNSET;
}

/* Fork; the parent waits for the child to report and exits with its code. */
static int daemonize(int *report)
{
	int p[2], status = EXIT_ERROR;
	pid_t pid;
	char c;

	if (pipe2(p, O_CLOEXEC))
		return -errno;
	pid = fork();
	if (pid < 0)
		return -errno;
	if (pid > 0) {
		close(p[1]);
		/* Nothing read: the child died before it could say. */
		if (read(p[0], &c, 1) == 1)
			status = c;
		_exit(status);
	}
	close(p[0]);
	setsid();
	if (chdir("/"))
		return -errno;
	*report = p[1];
	return 0;
}

/* Tell the waiting parent how we did; on success leave the terminal. */
static void report_started(int *report, int status)
{
	char c = status;
	int fd;

	if (*report < 0)
		return;
	if (status == EXIT_OK) {
		fd = open("/dev/null", O_RDWR);
		if (fd >= 0) {
			dup2(fd, STDIN_FILENO);
			dup2(fd, STDOUT_FILENO);
			dup2(fd, STDERR_FILENO);
			if (fd > STDERR_FILENO)
				close(fd);
		}
		openlog("nsauditd", LOG_PID, LOG_DAEMON);
		use_syslog = true;
	}
	if (write(*report, &c, 1) != 1)
		say("cannot report to the parent process");
	close(*report);
	*report = -1;
}

static int write_pid_file(struct daemon *dm, const char *path)
{
	char err[PIDFILE_ERR_MAX];

	if (!pidfile_create(&dm->pid_file, path, getpid(), err, sizeof(err)))
		return 0;
	say("%s", err);
	return -1;
}

/*
 * Register; print why not. The module explains its own refusals (extack),
 * the library the rest; which one wrote @msg follows from the errno.
 */
static int do_register(struct daemon *dm, struct nsaudit_daemon_info *info)
{
	char msg[256];
	int err;

	err = nsaudit_daemon_register(&dm->d, dm->conf.backlog, info, msg,
				      sizeof(msg));
	if (!err)
		return 0;
	switch (err) {
	case -ENOENT:
		say("cannot register: %s",
		    msg[0] ? msg : "the nsaudit module is not loaded");
		break;
	case -EPERM:
	case -EBUSY:
	case -ENOSPC:
	case -ERANGE:
	case -EALREADY:
		say("cannot register: %s%s%s%s", strerror(-err),
		    msg[0] ? " (kernel reports: " : "", msg,
		    msg[0] ? ")" : "");
		break;
	default:
		say("cannot register: %s%s%s%s", strerror(-err),
		    msg[0] ? " (" : "", msg, msg[0] ? ")" : "");
	}
	return err;
}

static void rules_note(void *ctx, const char *msg)
{
	(void)ctx;
	say("%s", msg);
}

/* Parse the rules file before registering: a bad line is a usage error. */
static int read_rules(struct daemon *dm)
{
	char err[RULE_ERR_MAX + PATH_MAX];

	if (!rule_file_load(dm->conf.rules_file, dm->conf.rules_file_set,
			    &dm->rules, &dm->rules_found, rules_note, NULL, err,
			    sizeof(err)))
		return 0;
	say("%s", err);
	return -1;
}

static void rule_fail(const char *where, struct nsaudit_handle *h, int err)
{
	const char *msg = nsaudit_errmsg(h);
	bool kernel = nsaudit_errmsg_is_kernel(h);

	say("%s: %s%s%s%s", where, strerror(-err),
	    msg[0] ? (kernel ? " (kernel reports: " : " (") : "", msg,
	    msg[0] ? ")" : "");
}

/*
 * Replace the namespace's rules with the file's: all deleted, then the
 * file's commands in order. Over a request socket of its own, since the
 * daemon's socket carries records; registering needed CAP_AUDIT_CONTROL
 * in the namespace, which is what changing its rules needs too. A missing
 * default file leaves the rules alone, so that nsauditctl can own them.
 */
static int apply_rules(struct daemon *dm)
{
	const char *file = dm->conf.rules_file;
	char msg[256], where[PATH_MAX + 32];
	struct nsaudit_handle *h;
	struct nsaudit_status st;
	size_t i;
	int err;

	if (!dm->rules_found)
		return 0;
	err = nsaudit_open_err(&h, msg, sizeof(msg));
	if (err) {
		say("%s: cannot load the rules: %s", file,
		    msg[0] ? msg : strerror(-err));
		return -1;
	}
	err = nsaudit_status(h, &st);
	if (err) {
		rule_fail(file, h, err);
		goto out;
	}
	if (!(st.features & NSAUDIT_FEATURE_RULES)) {
		/* An empty file asks for nothing an older module lacks. */
		if (dm->rules.count) {
			say("%s: the nsaudit module has no per-namespace rules (interface %u.%u)",
			    file, st.version_major, st.version_minor);
			err = -EOPNOTSUPP;
		}
		goto out;
	}
	err = nsaudit_rule_delete_all(h);
	if (err) {
		snprintf(where, sizeof(where), "%s: deleting the old rules",
			 file);
		rule_fail(where, h, err);
		goto out;
	}
	err = rule_file_send(h, &dm->rules, &i);
	if (err) {
		snprintf(where, sizeof(where), "%s:%u", file,
			 dm->rules.lines[i].line);
		rule_fail(where, h, err);
	}
out:
	nsaudit_close(h);
	return err ? -1 : 0;
}

static void write_own(struct daemon *dm, unsigned int type,
		      int (*fmt)(char *, size_t, const struct own_who *),
		      const struct own_who *who)
{
	char body[OWN_BODY_MAX];

	if (fmt(body, sizeof(body), who) >= 0)
		lw_own(&dm->lw, type, body);
}

static void write_abort(struct daemon *dm, const char *op)
{
	char body[OWN_BODY_MAX];
	struct own_who self;

	who_self(&self);
	if (own_abort(body, sizeof(body), op, &self) >= 0)
		lw_own(&dm->lw, AUDIT_DAEMON_ABORT, body);
}

/* Records of the module waiting in memory for the log. */
static unsigned int waiting(const struct daemon *dm)
{
	return lw_pending(&dm->lw) - lw_pending_own(&dm->lw);
}

/*
 * The counters: of the records received, those written to the log, the
 * EOE records (auditd keeps them out of the log too) and those waiting in
 * memory account for all; the module's own "lost" for what never came.
 */
static void summary(const struct daemon *dm, const char *when)
{
	say("%sreceived %llu records, lost notices %llu, total lost %llu, logged %llu, eoe %llu, waiting %u%s",
	    when, (unsigned long long)dm->received,
	    (unsigned long long)dm->lost_notices,
	    (unsigned long long)dm->lost_total,
	    (unsigned long long)(dm->lw.written - dm->lw.written_own),
	    (unsigned long long)dm->eoe, waiting(dm),
	    dm->suspended ? " (suspended)" :
	    dm->blocked ? " (the log cannot be written)" : "");
}

static void on_lost(struct daemon *dm, const struct nsaudit_event *ev)
{
	uint64_t total = ev->info.lost;
	uint64_t n = total > dm->lost_total ? total - dm->lost_total : 0;
	char body[OWN_BODY_MAX];

	dm->lost_total = total;
	dm->lost_notices++;
	say("%llu records lost (total %llu)", (unsigned long long)n,
	    (unsigned long long)total);
	if (own_lost(body, sizeof(body), n, total) >= 0 &&
	    lw_own(&dm->lw, AUDIT_DAEMON_ERR, body))
		say("no room for the record op=lost: not logged");
}

/* --- the disk: space_left, admin_space_left, full, failing ------------- */

static const char *const situation_op[NSD_SIT_COUNT] = {
	[NSD_SIT_SPACE_LEFT] = "space-left",
	[NSD_SIT_ADMIN_SPACE_LEFT] = "admin-space-left",
	[NSD_SIT_DISK_FULL] = "disk-full",
	[NSD_SIT_DISK_ERROR] = "disk-error",
};

/*
 * The situation's DAEMON_ERR, in the log once it can be written again
 * (never, if the daemon halts: the message says it then).
 */
static void write_disk_record(struct daemon *dm, enum nsd_disk_situation sit,
			      uint64_t free_mib, int err)
{
	char body[OWN_BODY_MAX];
	struct own_who self;

	who_self(&self);
	if (own_disk(body, sizeof(body), situation_op[sit],
		     conf_action_name(dm->conf.act[sit].action), free_mib, -err,
		     &self) >= 0 &&
	    lw_own(&dm->lw, AUDIT_DAEMON_ERR, body))
		say("no room for the record op=%s: not logged", situation_op[sit]);
}

/*
 * exec: the program, without arguments as in auditd, with
 * NSAUDITD_ACTION (the keyword) and NSAUDITD_LOG in its environment; not
 * waited for: a grandchild, which init reaps.
 */
static void run_exe(struct daemon *dm, enum nsd_disk_situation sit)
{
	const char *exe = dm->conf.act[sit].exe;
	const char *key = conf_situation_key(sit);
	sigset_t none;
	int status;
	pid_t pid;

	pid = fork();
	if (pid < 0) {
		alert("%s: cannot run %s: %s", key, exe, strerror(errno));
		return;
	}
	if (!pid) {
		pid = fork();
		if (pid)
			_exit(pid < 0 ? 1 : 0);
		/* Not the daemon's blocked signals, pipes or sockets. */
		sigemptyset(&none);
		sigprocmask(SIG_SETMASK, &none, NULL);
		signal(SIGPIPE, SIG_DFL);
		signal(SIGXFSZ, SIG_DFL);
		closefrom(STDERR_FILENO + 1);
		setenv("NSAUDITD_ACTION", key, 1);
		setenv("NSAUDITD_LOG", dm->conf.log_file, 1);
		execl(exe, exe, (char *)NULL);
		_exit(127);
	}
	if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) ||
	    WEXITSTATUS(status))
		alert("%s: cannot run %s", key, exe);
	else
		say("%s: started %s", key, exe);
}

/* Take the action of @sit. Return -1 to go on, else the exit code (halt). */
static int act(struct daemon *dm, enum nsd_disk_situation sit,
	       uint64_t free_mib, int err)
{
	const struct nsd_action *a = &dm->conf.act[sit];
	const char *key = conf_situation_key(sit);
	const char *log = dm->conf.log_file;
	char what[PATH_MAX + 128];

	dm->acted[sit] = true;
	switch (sit) {
	case NSD_SIT_SPACE_LEFT:
		snprintf(what, sizeof(what),
			 "low on disk space for %s: %llu MiB free (space_left)",
			 log, (unsigned long long)free_mib);
		break;
	case NSD_SIT_ADMIN_SPACE_LEFT:
		snprintf(what, sizeof(what),
			 "very low on disk space for %s: %llu MiB free (admin_space_left)",
			 log, (unsigned long long)free_mib);
		break;
	case NSD_SIT_DISK_FULL:
		snprintf(what, sizeof(what), "no space left for %s: %s", log,
			 strerror(-err));
		break;
	default:
		snprintf(what, sizeof(what), "cannot write %s: %s", log,
			 strerror(-err));
	}
	write_disk_record(dm, sit, free_mib, err);
	/* ignore is silent but on a full disk, where auditd says it too. */
	if (a->action != NSD_ACT_IGNORE || sit == NSD_SIT_DISK_FULL)
		alert("%s; %s %s", what, key, conf_action_name(a->action));
	switch (a->action) {
	case NSD_ACT_ROTATE:
		lw_rotate_free(&dm->lw);
		break;
	case NSD_ACT_EXEC:
		run_exe(dm, sit);
		break;
	case NSD_ACT_SUSPEND:
	case NSD_ACT_SINGLE:
		dm->suspended = true;
		dm->lw.hold = true;
		alert("logging suspended until SIGUSR2: nothing is read or written; the module counts what it cannot queue as lost");
		break;
	case NSD_ACT_HALT:
		alert("halting (%s halt): the daemon stops", key);
		write_abort(dm, situation_op[sit]);
		return EXIT_ERROR;
	default:	/* ignore, syslog */
		break;
	}
	return -1;
}

static unsigned long long threshold(const struct nsd_space *sp,
				    unsigned long long total)
{
	return sp->percent ? total * sp->value / 100 : sp->value;
}

/*
 * After a write: the free space against space_left and admin_space_left,
 * each acted on once as it falls below, again after it has risen above.
 */
static int check_space(struct daemon *dm)
{
	static const enum nsd_disk_situation order[] = {
		NSD_SIT_SPACE_LEFT, NSD_SIT_ADMIN_SPACE_LEFT
	};
	const struct nsd_space *limit[] = {
		&dm->conf.space_left, &dm->conf.admin_space_left
	};
	unsigned long long free_mib, total;
	unsigned int i;
	int rc;

	if (lw_space(&dm->lw, &free_mib, &total))
		return -1;
	for (i = 0; i < 2; i++) {
		if (free_mib >= threshold(limit[i], total)) {
			dm->acted[order[i]] = false;
			continue;
		}
		if (dm->acted[order[i]] || dm->suspended)
			continue;
		rc = act(dm, order[i], free_mib, 0);
		if (rc >= 0)
			return rc;
	}
	return -1;
}

static int write_out(struct daemon *dm);

/* A write worked after failures: say so, in the log too. */
static int writing_again(struct daemon *dm)
{
	char body[OWN_BODY_MAX];
	struct own_who self;

	dm->blocked = false;
	dm->acted[NSD_SIT_DISK_FULL] = false;
	dm->acted[NSD_SIT_DISK_ERROR] = false;
	dm->error_reports = 0;
	say("%s can be written again", dm->conf.log_file);
	who_self(&self);
	if (own_resume(body, sizeof(body), &self) >= 0)
		lw_own(&dm->lw, AUDIT_DAEMON_RESUME, body);
	return write_out(dm);
}

/* What a write's outcome calls for. Return -1 to go on, else exit code. */
static int after_write(struct daemon *dm, int err)
{
	enum nsd_disk_situation sit;
	int rc;

	if (!err) {
		if (dm->blocked)
			return writing_again(dm);
		rc = check_space(dm);
		/* The action's own record goes out now, not with the next batch. */
		if (rc < 0 && lw_pending(&dm->lw) && !dm->suspended)
			return after_write(dm, lw_flush(&dm->lw));
		return rc;
	}
	sit = err == -ENOSPC || err == -EDQUOT ? NSD_SIT_DISK_FULL :
						 NSD_SIT_DISK_ERROR;
	dm->blocked = true;
	if (!dm->acted[sit])
		return act(dm, sit, OWN_NO_FREE, err);
	/* disk_error_action syslog: up to 5 consecutive errors told. */
	if (sit == NSD_SIT_DISK_ERROR &&
	    dm->conf.act[sit].action == NSD_ACT_SYSLOG &&
	    ++dm->error_reports < ERRORS_REPORTED)
		alert("cannot write %s: %s", dm->conf.log_file,
		      strerror(-err));
	return -1;
}

/* Write out what waits, unless suspended. Return -1 or the exit code. */
static int write_out(struct daemon *dm)
{
	if (dm->suspended)
		return -1;
	return after_write(dm, lw_flush(&dm->lw));
}

/* SIGUSR2: logging resumes, as auditd's does; the actions are armed again. */
static int resume(struct daemon *dm, const struct sig_info *si)
{
	char body[OWN_BODY_MAX];
	struct own_who who;

	if (!dm->suspended && !dm->blocked)
		return -1;
	say("resuming logging to %s", dm->conf.log_file);
	dm->suspended = false;
	dm->lw.hold = false;
	dm->blocked = false;
	memset(dm->acted, 0, sizeof(dm->acted));
	dm->error_reports = 0;
	who_sender(&who, si);
	if (own_resume(body, sizeof(body), &who) >= 0)
		lw_own(&dm->lw, AUDIT_DAEMON_RESUME, body);
	return write_out(dm);
}

/* Whether to read the socket: not while suspended or without room. */
static bool reading(const struct daemon *dm)
{
	return !dm->suspended && lw_accepting(&dm->lw);
}

/* Return -1 to go on, else the exit code. */
static int on_end(struct daemon *dm, const struct nsaudit_event *ev)
{
	if (dm->stopping) {
		if (ev->error == -ESHUTDOWN)
			say("the nsaudit module went away while stopping");
		else if (ev->error)
			say("the module refused to unregister: %s (%s)",
			    strerror(-ev->error),
			    nsaudit_daemon_errmsg(dm->d));
		write_own(dm, AUDIT_DAEMON_END, own_end, &dm->stopper);
		return EXIT_OK;
	}
	if (ev->error == -ESHUTDOWN) {
		say("the nsaudit module went away (unloaded): exiting");
		write_abort(dm, "module-unloaded");
	} else {
		say("the registration ended: %s: exiting",
		    strerror(-ev->error));
		write_abort(dm, "registration-ended");
	}
	return EXIT_ERROR;
}

/* Take what the socket has now, up to a batch. Return -1 or exit code. */
static int drain(struct daemon *dm)
{
	struct nsaudit_event ev;
	int i, err, rc = -1;

	for (i = 0; i < BATCH_MAX && rc < 0 && reading(dm); i++) {
		err = nsaudit_daemon_recv(dm->d, &ev, 0);
		if (err == -ETIMEDOUT)
			break;
		if (err == -EINTR)
			continue;
		if (err == -EBADMSG) {
			say("malformed message from the module skipped");
			continue;
		}
		if (err < 0) {
			say("cannot receive: %s", strerror(-err));
			write_abort(dm, "receive-error");
			rc = EXIT_ERROR;
			break;
		}
		switch (ev.kind) {
		case NSAUDIT_EVENT_RECORD:
			dm->received++;
			/* EOE only ends an event: auditd keeps it out of the log. */
			if (ev.type == AUDIT_EOE)
				dm->eoe++;
			else if (lw_record(&dm->lw, ev.type, ev.text, ev.len))
				/* Only a record longer than the kernel's. */
				say("a record of type %u and %zu bytes cannot be logged",
				    ev.type, ev.len);
			break;
		case NSAUDIT_EVENT_LOST:
			on_lost(dm, &ev);
			break;
		case NSAUDIT_EVENT_END:
			rc = on_end(dm, &ev);
			break;
		}
	}
	err = write_out(dm);
	return rc >= 0 ? rc : err;
}

/*
 * A fresh control handle asks whether the module still has us as the
 * daemon of our namespace: the daemon socket may not hear of an unload
 * (the controller's announcement is dropped if it finds the socket full)
 * or of a registration dropped. Return -1 or exit code.
 */
static int check_alive(struct daemon *dm)
{
	struct nsaudit_handle *h;
	struct nsaudit_status st;
	char msg[256];
	int err;

	err = nsaudit_open_err(&h, msg, sizeof(msg));
	if (!err) {
		err = nsaudit_status(h, &st);
		nsaudit_close(h);
	}
	if (err == -ENOENT || err == -EPROTO) {
		say("the nsaudit module went away (%s; found by the liveness check): exiting",
		    err == -ENOENT ? "unloaded" : "replaced");
		write_abort(dm, "module-unloaded");
		return EXIT_ERROR;
	}
	if (err < 0) {
		say("liveness check failed: %s", strerror(-err));
		return -1;
	}
	if (!st.daemon.registered || st.daemon.pid != (uint32_t)getpid()) {
		say("the module no longer has this process as the namespace's daemon: exiting");
		write_abort(dm, "registration-lost");
		return EXIT_ERROR;
	}
	return -1;
}

/* A report to the service manager that could not be sent is said once. */
static void tell_manager(int err)
{
	static bool told;

	if (err < 0 && !told) {
		told = true;
		say("cannot report to the service manager: %s", strerror(-err));
	}
}

/* READY=1, with what the daemon is doing as its status. */
static void tell_ready(const struct daemon *dm)
{
	tell_manager(notify("READY=1\nSTATUS=Logging to %s", dm->conf.log_file));
}

static void reload(struct daemon *dm, const struct sig_info *si)
{
	struct nsd_conf c;
	struct own_who who;
	char body[OWN_BODY_MAX];
	struct timespec now;
	bool ok;

	/* The manager waits for READY=1 again (systemd's reload protocol). */
	clock_gettime(CLOCK_MONOTONIC, &now);
	tell_manager(notify("RELOADING=1\nMONOTONIC_USEC=%llu",
			    (unsigned long long)now.tv_sec * 1000000ULL +
			    (unsigned long long)now.tv_nsec / 1000ULL));
	ok = !load_conf(dm->opts, &c);
	if (!ok) {
		say("configuration not reloaded; the old one stays");
		c = dm->conf;
	} else if (c.backlog != dm->conf.backlog) {
		say("a new backlog takes effect at the next start");
	}
	if (!lw_reopen(&dm->lw, &c))
		dm->conf = c;
	else if (ok && !lw_reopen(&dm->lw, &dm->conf))
		say("kept the old log %s", dm->conf.log_file);
	/* New thresholds and actions apply from the next write on. */
	memset(dm->acted, 0, sizeof(dm->acted));
	dm->error_reports = 0;
	dm->lw.hold = dm->suspended;
	who_sender(&who, si);
	if (own_config(body, sizeof(body), &who, ok) >= 0)
		lw_own(&dm->lw, AUDIT_DAEMON_CONFIG, body);
	tell_ready(dm);
}

/* Ask to unregister; what is on its way still comes, then END. */
static int stop(struct daemon *dm, const struct sig_info *si)
{
	int err;

	who_sender(&dm->stopper, si);
	dm->stopping = true;
	tell_manager(notify("STOPPING=1"));
	clock_gettime(CLOCK_MONOTONIC, &dm->stop_at);
	dm->stop_at.tv_sec += STOP_MS / 1000;
	err = nsaudit_daemon_unregister(dm->d);
	if (err < 0)
		say("cannot unregister: %s", strerror(-err));
	return err;
}

/* Return -1 to go on, else the exit code. */
static int on_signals(struct daemon *dm)
{
	struct sig_info si;
	struct own_who who;
	int err, rc;

	while ((err = sig_next(dm->sfd, &si)) > 0) {
		switch (si.signo) {
		case SIGHUP:
			reload(dm, &si);
			break;
		case SIGUSR1:
			lw_rotate(&dm->lw);
			who_sender(&who, &si);
			write_own(dm, AUDIT_DAEMON_ROTATE, own_rotate, &who);
			break;
		case SIGUSR2:
			rc = resume(dm, &si);
			summary(dm, "");
			if (rc >= 0)
				return rc;
			break;
		default:	/* SIGTERM, SIGINT */
			/*
			 * A second one does not wait any longer, nor does
			 * one whose unregistration could not be sent, nor
			 * a suspended daemon, which reads nothing.
			 */
			if (dm->stopping || dm->suspended || stop(dm, &si)) {
				if (!dm->stopping)
					who_sender(&dm->stopper, &si);
				write_own(dm, AUDIT_DAEMON_END, own_end,
					  &dm->stopper);
				return EXIT_OK;
			}
		}
	}
	if (err < 0)
		say("cannot read signals: %s", strerror(-err));
	return write_out(dm);
}

/* Milliseconds until the stop deadline; 0 if it has passed. */
static int stop_left(const struct daemon *dm)
{
	struct timespec now;
	long long ms;

	clock_gettime(CLOCK_MONOTONIC, &now);
	ms = (dm->stop_at.tv_sec - now.tv_sec) * 1000LL +
	     (dm->stop_at.tv_nsec - now.tv_nsec) / 1000000;
	return ms > 0 ? (int)ms : 0;
}

static int run(struct daemon *dm)
{
	struct pollfd pfd[2];
	int n, rc, timeout;

	pfd[1].fd = dm->sfd;
	pfd[1].events = POLLIN;
	for (;;) {
		/* Not reading: the module queues, then counts what is lost. */
		pfd[0].fd = reading(dm) ? nsaudit_daemon_fd(dm->d) : -1;
		pfd[0].events = POLLIN;
		pfd[0].revents = 0;
		if (dm->stopping)
			timeout = stop_left(dm);
		else if (dm->blocked && !dm->suspended)
			timeout = RETRY_MS;
		else
			timeout = LIVENESS_MS;
		n = poll(pfd, 2, timeout);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			say("poll: %s", strerror(errno));
			write_abort(dm, "poll-error");
			return EXIT_ERROR;
		}
		if (n == 0 && dm->stopping) {
			say("no confirmation of the unregistration within %d s",
			    STOP_MS / 1000);
			write_own(dm, AUDIT_DAEMON_END, own_end, &dm->stopper);
			return EXIT_OK;
		}
		if (n == 0) {
			/* A log that could not be written is tried again. */
			if (dm->blocked) {
				rc = write_out(dm);
				if (rc >= 0)
					return rc;
			}
			rc = check_alive(dm);
			if (rc >= 0)
				return rc;
			continue;
		}
		/* Records first: those before a SIGTERM belong in the log. */
		if (pfd[0].revents) {
			rc = drain(dm);
			if (rc >= 0)
				return rc;
		}
		if (pfd[1].revents) {
			rc = on_signals(dm);
			if (rc >= 0)
				return rc;
		}
	}
}

/*
 * Leaving: write out what waits (not while suspended) and say what could
 * not be, counting what is still in the socket too: the module counted it
 * delivered, so the daemon answers for it.
 */
static void finish(struct daemon *dm)
{
	unsigned long long in_socket = 0, mem;
	struct nsaudit_event ev;
	unsigned int i;
	int err;

	if (!dm->suspended)
		lw_flush(&dm->lw);
	mem = waiting(dm);
	if (dm->d && (mem || dm->blocked || dm->suspended)) {
		for (i = 0; i < 1000000; i++) {
			err = nsaudit_daemon_recv(dm->d, &ev, 0);
			if (err == -EINTR || err == -EBADMSG)
				continue;
			if (err < 0 || ev.kind == NSAUDIT_EVENT_END)
				break;
			if (ev.kind != NSAUDIT_EVENT_RECORD)
				continue;
			dm->received++;
			if (ev.type == AUDIT_EOE)
				dm->eoe++;
			else
				in_socket++;
		}
	}
	if (mem || in_socket)
		alert("%llu records not written to %s: %llu waiting in memory, %llu left in the socket",
		      mem + in_socket, dm->conf.log_file, mem, in_socket);
}

static int write_start(struct daemon *dm,
			const struct nsaudit_daemon_info *info)
{
	char body[OWN_BODY_MAX];
	struct own_who self;
	struct utsname u;

	who_self(&self);
	if (uname(&u))
		strcpy(u.release, "?");
	if (own_start(body, sizeof(body), NSAUDITD_VERSION, u.release, &self,
		      info->userns) >= 0)
		lw_own(&dm->lw, AUDIT_DAEMON_START, body);
	/* The free space is looked at from the start. */
	return write_out(dm);
}

int main(int argc, char **argv)
{
	struct nsaudit_daemon_info info;
	struct opts o = { 0 };
	struct daemon dm = { 0 };
	int rc, report = -1;

	rc = parse_args(argc, argv, &o);
	if (rc >= 0)
		return rc;
	if (notify_init() < 0)
		say("NOTIFY_SOCKET names no AF_UNIX socket; the service manager is not told");
	if (absolute(&o.log, &o.alloc[0]) ||
	    absolute(&o.pid_file, &o.alloc[1]) ||
	    absolute(&o.config, &o.alloc[2])) {
		say("%s", strerror(ENOMEM));
		rc = EXIT_ERROR;
		goto out;
	}
	dm.opts = &o;
	dm.sfd = -1;
	if (load_conf(&o, &dm.conf) || read_rules(&dm)) {
		rc = EXIT_USAGE;
		goto out;
	}
	/* Open the log first: its errors still reach the terminal. */
	dm.lw.note = lw_say;
	if (lw_open(&dm.lw, &dm.conf)) {
		rc = EXIT_ERROR;
		goto out;
	}
	if (!o.foreground) {
		rc = daemonize(&report);
		if (rc < 0) {
			say("cannot daemonize: %s", strerror(-rc));
			rc = EXIT_ERROR;
			goto out_log;
		}
	}
	rc = EXIT_ERROR;
	dm.sfd = sig_open();
	if (dm.sfd < 0) {
		say("cannot set up signals: %s", strerror(-dm.sfd));
		goto out_log;
	}
	if (do_register(&dm, &info))
		goto out_log;
	if (apply_rules(&dm))
		goto out_daemon;
	if (o.pid_file && write_pid_file(&dm, o.pid_file))
		goto out_daemon;
	report_started(&report, EXIT_OK);
	rc = write_start(&dm, &info);
	if (rc < 0) {
		/* Registered, rules loaded, DAEMON_START written. */
		tell_ready(&dm);
		rc = run(&dm);
	}

	finish(&dm);
	summary(&dm, "exiting: ");
	if (o.pid_file)
		pidfile_remove(&dm.pid_file, o.pid_file);
out_daemon:
	nsaudit_daemon_close(dm.d);
out_log:
	lw_close(&dm.lw);
	if (dm.sfd >= 0)
		close(dm.sfd);
	report_started(&report, rc);
out:
	rule_file_free(&dm.rules);
	free(o.alloc[0]);
	free(o.alloc[1]);
	free(o.alloc[2]);
	return rc;
}
