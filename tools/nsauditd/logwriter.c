// SPDX-License-Identifier: GPL-2.0
/*
 * The log file, written as auditd writes its own (log_format RAW, log_group
 * root): lines "type=NAME msg=audit(...): fields", the file 0600 in a 0700
 * directory, rotated files 0400 and named LOG.1 (newest) to LOG.(num_logs-1).
 *
 * Unlike auditd, whose stream is line buffered, records collect in a large
 * buffer and the daemon writes it out after each batch of records that
 * arrived together (lw_flush()): one write(2) for many records under load,
 * and nothing left in memory once the socket has gone quiet. The flush
 * policies then decide only when the data is forced to disk.
 */
#define _GNU_SOURCE	/* sync_file_range() */

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libaudit.h>

#include "logwriter.h"
#include "ownrec.h"

#define MIB		(1024 * 1024)
/* LOG plus ".NNN" and a NUL. */
#define LW_NAME_MAX	(PATH_MAX + 16)

static void note(struct logwriter *lw, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void note(struct logwriter *lw, const char *fmt, ...)
{
	char msg[LW_NAME_MAX + 128];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (lw->note)
		lw->note(lw->ctx, msg);
	else
		fprintf(stderr, "nsauditd: %s\n", msg);
}

int lw_format(FILE *out, const char *node, unsigned int type,
	      const char *text, size_t len)
{
	const char *name = audit_msg_type_to_name(type);
	char unknown[24];
	size_t i;
	int n;

	if (!name) {
		snprintf(unknown, sizeof(unknown), "UNKNOWN[%u]", type);
		name = unknown;
	}
	/*
	 * The kernel ends a record without fields (EOE) with a space; auditd
	 * drops it (and a final newline, which it makes a space first).
	 */
	if (len && (text[len - 1] == ' ' || text[len - 1] == '\n'))
		len--;
	if (node && node[0])
		n = fprintf(out, "node=%s type=%s msg=", node, name);
	else
		n = fprintf(out, "type=%s msg=", name);
	if (n < 0)
		return -1;
	/* A line per record, whatever the text holds. */
	for (i = 0; i < len; i++)
		if (putc(text[i] == '\n' ? ' ' : text[i], out) == EOF)
			return -1;
	if (putc('\n', out) == EOF)
		return -1;
	return n + (int)len + 1;
}

int lw_format_own(FILE *out, const char *node, unsigned int type,
		  const struct timespec *ts, unsigned int serial,
		  const char *body)
{
	char text[OWN_BODY_MAX + 64];
	int n;

	n = snprintf(text, sizeof(text), "audit(%lld.%03ld:%u): %s",
		     (long long)ts->tv_sec, ts->tv_nsec / 1000000, serial,
		     body);
	if (n < 0 || (size_t)n >= sizeof(text))
		return -1;
	return lw_format(out, node, type, text, n);
}

static void name_of(char *buf, const struct logwriter *lw, unsigned int i)
{
	snprintf(buf, LW_NAME_MAX, "%s.%u", lw->conf.log_file, i);
}

/* Create the directories above the log, as auditd's log directory: 0700. */
static int make_dirs(const char *path)
{
	char dir[PATH_MAX];
	char *p;

	snprintf(dir, sizeof(dir), "%s", path);
	for (p = strchr(dir + 1, '/'); p; p = strchr(p + 1, '/')) {
		*p = '\0';
		if (mkdir(dir, 0700) && errno != EEXIST)
			return -errno;
		*p = '/';
	}
	return 0;
}

/* Failures to (re)open are told a few times, not once per batch. */
static bool tell(struct logwriter *lw)
{
	return lw->errors++ < LW_ERRORS_REPORTED;
}

static int open_file(struct logwriter *lw)
{
	int flags = O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW | O_CLOEXEC;
	const char *path = lw->conf.log_file;
	struct stat st;
	int fd, err;

	if (lw->conf.flush == NSD_FLUSH_DATA)
		flags |= O_DSYNC;
	else if (lw->conf.flush == NSD_FLUSH_SYNC)
		flags |= O_SYNC;

	err = make_dirs(path);
	if (err) {
		if (tell(lw))
			note(lw, "cannot create the directory of %s: %s", path,
			     strerror(-err));
		return err;
	}
	fd = open(path, flags, 0600);
	if (fd < 0) {
		err = -errno;
		if (tell(lw))
			note(lw, "cannot open %s: %s", path, strerror(-err));
		return err;
	}
	if (fstat(fd, &st))
		err = -errno;
	else if (!S_ISREG(st.st_mode))
		err = -EINVAL;
	/* An old file may be a rotated one (0400) or wider than it should. */
	else if (fchmod(fd, 0600))
		err = -errno;
	else if (!(lw->f = fdopen(fd, "a")))
		err = -errno;
	if (err) {
		if (tell(lw))
			note(lw, "cannot use %s: %s", path, err == -EINVAL ?
			     "not a regular file" : strerror(-err));
		close(fd);
		return err;
	}
	setvbuf(lw->f, NULL, _IOFBF, LW_BUFFER);
	lw->size = st.st_size;
	lw->unsynced = 0;
	lw->size_noted = false;
	lw->errors = 0;
	return 0;
}

/* With max_log_file_action rotate, logs beyond num_logs go, as in auditd. */
static void remove_excess(struct logwriter *lw)
{
	char name[LW_NAME_MAX];
	unsigned int i;

	if (lw->conf.max_log_file_action != NSD_SIZE_ROTATE ||
	    lw->conf.num_logs < 2)
		return;
	for (i = lw->conf.num_logs; ; i++) {
		name_of(name, lw, i);
		if (unlink(name))
			break;
		note(lw, "removed %s: beyond num_logs", name);
	}
}

int lw_open(struct logwriter *lw, const struct nsd_conf *c)
{
	lw->conf = *c;
	lw->f = NULL;
	lw->errors = 0;
	memset(lw->node, 0, sizeof(lw->node));
	if (c->name_format == NSD_NAME_USER)
		snprintf(lw->node, sizeof(lw->node), "%s", c->name);
	else if (c->name_format == NSD_NAME_HOSTNAME &&
		 (gethostname(lw->node, sizeof(lw->node) - 1) ||
		  !conf_name_ok(lw->node)))
		snprintf(lw->node, sizeof(lw->node), "?");
	if (!c->write_logs)
		return 0;
	remove_excess(lw);
	return open_file(lw);
}

static void write_failed(struct logwriter *lw, const char *what, int err)
{
	if (lw->errors++ < LW_ERRORS_REPORTED)
		note(lw, "cannot %s %s: %s", what, lw->conf.log_file,
		     strerror(err));
	clearerr(lw->f);
}

/* Force to disk what is written, if the policy says so now. */
static int sync_policy(struct logwriter *lw)
{
	int fd = fileno(lw->f);

	switch (lw->conf.flush) {
	case NSD_FLUSH_INCREMENTAL:
		if (lw->unsynced < lw->conf.freq)
			return 0;
		if (fflush(lw->f) || fsync(fd))
			goto fail;
		break;
	case NSD_FLUSH_INCREMENTAL_ASYNC:
		if (lw->unsynced < lw->conf.freq)
			return 0;
		/*
		 * auditd hands the fsync to a thread; starting writeback
		 * without waiting for it does the same without one.
		 */
		if (fflush(lw->f) ||
		    sync_file_range(fd, 0, 0, SYNC_FILE_RANGE_WRITE))
			goto fail;
		break;
	default:	/* none; data and sync are synchronous writes */
		return 0;
	}
	lw->unsynced = 0;
	return 0;
fail:
	write_failed(lw, "flush", errno);
	return -EIO;
}

static int rotate_to(struct logwriter *lw, unsigned int keep);

static int rotate_keep(struct logwriter *lw)
{
	char name[LW_NAME_MAX];
	unsigned int i;

	/* keep_logs: shift every old log up by one, delete none. */
	for (i = 1; ; i++) {
		name_of(name, lw, i);
		if (access(name, F_OK))
			break;
	}
	return rotate_to(lw, i + 1);
}

/* A line is in: account for it, rotate if the file has grown too big. */
static int written(struct logwriter *lw, int n)
{
	lw->size += n;
	lw->unsynced++;
	if (sync_policy(lw))
		return -EIO;
	if (!lw->conf.max_log_file ||
	    lw->size < (off_t)lw->conf.max_log_file * MIB)
		return 0;
	switch (lw->conf.max_log_file_action) {
	case NSD_SIZE_SYSLOG:
		if (!lw->size_noted)
			note(lw, "%s is larger than max_log_file (%lu MiB)",
			     lw->conf.log_file, lw->conf.max_log_file);
		lw->size_noted = true;
		return 0;
	case NSD_SIZE_ROTATE:
		/* As in auditd: with fewer than 2 logs, nothing rotates. */
		if (lw->conf.num_logs < 2)
			return 0;
		return rotate_to(lw, lw->conf.num_logs);
	case NSD_SIZE_KEEP_LOGS:
		return rotate_keep(lw);
	default:
		return 0;
	}
}

/*
 * Without a file (write_logs off, or it could not be opened again after a
 * rotation) a record is dropped: 0, or -EIO if it should have been
 * written. The next lw_flush() tries to open the file again.
 */
static int no_file(const struct logwriter *lw)
{
	return lw->conf.write_logs ? -EIO : 0;
}

int lw_record(struct logwriter *lw, unsigned int type, const char *text,
	      size_t len)
{
	int n;

	if (!lw->f)
		return no_file(lw);
	n = lw_format(lw->f, lw->node, type, text, len);
	if (n < 0) {
		write_failed(lw, "write", errno);
		return -EIO;
	}
	return written(lw, n);
}

int lw_own(struct logwriter *lw, unsigned int type, const char *body)
{
	struct timespec ts;
	int n;

	if (!lw->f)
		return no_file(lw);
	clock_gettime(CLOCK_REALTIME, &ts);
	n = lw_format_own(lw->f, lw->node, type, &ts, ++lw->serial, body);
	if (n < 0) {
		write_failed(lw, "write", errno);
		return -EIO;
	}
	return written(lw, n);
}

int lw_flush(struct logwriter *lw)
{
	if (!lw->f)
		return lw->conf.write_logs ? open_file(lw) : 0;
	if (fflush(lw->f)) {
		write_failed(lw, "write", errno);
		return -EIO;
	}
	return 0;
}

/*
 * Keep @keep logs: LOG.(keep-2) becomes LOG.(keep-1) and so on down to
 * LOG becoming LOG.1, then a new LOG is opened.
 */
static int rotate_to(struct logwriter *lw, unsigned int keep)
{
	char from[LW_NAME_MAX], to[LW_NAME_MAX];
	unsigned int i;
	int err = 0, ret;

	lw_flush(lw);
	/* Rotated logs are read-only, as auditd leaves them. */
	fchmod(fileno(lw->f), 0400);
	fclose(lw->f);
	lw->f = NULL;
	for (i = keep - 1; i > 1; i--) {
		name_of(from, lw, i - 1);
		name_of(to, lw, i);
		if (rename(from, to) && errno != ENOENT)
			note(lw, "cannot rename %s to %s: %s", from, to,
			     strerror(errno));
	}
	name_of(to, lw, 1);
	if (rename(lw->conf.log_file, to)) {
		err = -errno;
		note(lw, "cannot rename %s to %s: %s", lw->conf.log_file, to,
		     strerror(errno));
	}
	ret = open_file(lw);
	return ret ? ret : err;
}

int lw_rotate(struct logwriter *lw)
{
	if (!lw->f)
		return 0;
	if (lw->conf.max_log_file_action == NSD_SIZE_KEEP_LOGS)
		return rotate_keep(lw);
	if (lw->conf.num_logs < 2) {
		note(lw, "log rotation disabled (num_logs < 2), not rotating");
		return 0;
	}
	return rotate_to(lw, lw->conf.num_logs);
}

int lw_reopen(struct logwriter *lw, const struct nsd_conf *c)
{
	unsigned int serial = lw->serial;
	int err;

	lw_close(lw);
	err = lw_open(lw, c);
	lw->serial = serial;
	return err;
}

void lw_close(struct logwriter *lw)
{
	if (!lw->f)
		return;
	lw_flush(lw);
	fclose(lw->f);
	lw->f = NULL;
}
