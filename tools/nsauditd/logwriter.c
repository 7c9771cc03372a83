// SPDX-License-Identifier: GPL-2.0
/*
 * The log file, written as auditd writes its own (log_format RAW, log_group
 * root): lines "type=NAME msg=audit(...): fields", the file 0600 in a 0700
 * directory, rotated files 0400 and named LOG.1 (newest) to LOG.(num_logs-1).
 *
 * Unlike auditd, whose stream is line buffered, records collect in a
 * buffer of whole lines that the daemon writes out with write(2) after
 * each batch of records that arrived together (lw_flush()): one write for
 * many records under load, and nothing left in memory once the socket has
 * gone quiet. A write that fails, or stops short, leaves what it did not
 * write in the buffer: the daemon stops reading while the buffer is full,
 * so that the module, not the daemon, loses records and counts them. The
 * flush policies decide only when the data is forced to disk.
 */
#define _GNU_SOURCE	/* sync_file_range() */

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
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

/*
 * One line into @dst, which has @room bytes: its length, or -1 if it does
 * not fit.
 */
static int format_line(char *dst, size_t room, const char *node,
		       unsigned int type, const char *text, size_t len)
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
		n = snprintf(dst, room, "node=%s type=%s msg=", node, name);
	else
		n = snprintf(dst, room, "type=%s msg=", name);
	if (n < 0 || (size_t)n + len + 1 > room)
		return -1;
	/* A line per record, whatever the text holds. */
	for (i = 0; i < len; i++)
		dst[n + i] = text[i] == '\n' ? ' ' : text[i];
	dst[n + len] = '\n';
	return n + (int)len + 1;
}

int lw_format(FILE *out, const char *node, unsigned int type,
	      const char *text, size_t len)
{
	size_t room = len + NSD_NAME_MAX + 64;
	char *line = malloc(room);
	int n;

	if (!line)
		return -1;
	n = format_line(line, room, node, type, text, len);
	if (n >= 0 && fwrite(line, 1, n, out) != (size_t)n)
		n = -1;
	free(line);
	return n;
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

/*
 * A failure to (re)open is told once, not at every retry: again only
 * after something worked or the reason changed.
 */
static int open_failed(struct logwriter *lw, int err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int open_failed(struct logwriter *lw, int err, const char *fmt, ...)
{
	char msg[LW_NAME_MAX + 128];
	va_list ap;

	if (lw->error != err) {
		va_start(ap, fmt);
		vsnprintf(msg, sizeof(msg), fmt, ap);
		va_end(ap);
		note(lw, "%s", msg);
	}
	lw->error = err;
	return err;
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
	if (err)
		return open_failed(lw, err, "cannot create the directory of %s: %s",
				   path, strerror(-err));
	fd = open(path, flags, 0600);
	if (fd < 0) {
		err = -errno;
		return open_failed(lw, err, "cannot open %s: %s", path,
				   strerror(-err));
	}
	if (fstat(fd, &st))
		err = -errno;
	else if (!S_ISREG(st.st_mode))
		err = -EINVAL;
	/* An old file may be a rotated one (0400) or wider than it should. */
	else if (fchmod(fd, 0600))
		err = -errno;
	if (err) {
		close(fd);
		return open_failed(lw, err, "cannot use %s: %s", path,
				   err == -EINVAL ? "not a regular file" :
				   strerror(-err));
	}
	lw->fd = fd;
	lw->open = true;
	lw->ondisk = st.st_size;
	lw->size = st.st_size + lw->len;
	lw->torn = 0;
	lw->unsynced = lw->pending;
	lw->size_noted = false;
	lw->error = 0;
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
	lw->open = false;
	lw->fd = -1;
	lw->error = 0;
	memset(lw->node, 0, sizeof(lw->node));
	if (c->name_format == NSD_NAME_USER)
		snprintf(lw->node, sizeof(lw->node), "%s", c->name);
	else if (c->name_format == NSD_NAME_HOSTNAME &&
		 (gethostname(lw->node, sizeof(lw->node) - 1) ||
		  !conf_name_ok(lw->node)))
		snprintf(lw->node, sizeof(lw->node), "?");
	if (!c->write_logs) {
		/* Nothing waits for a log that is not written. */
		if (lw->pending)
			note(lw, "write_logs is off: %u waiting lines not written",
			     lw->pending);
		lw->len = 0;
		lw->pending = 0;
		lw->own_count = 0;
		return 0;
	}
	remove_excess(lw);
	return open_file(lw);
}

/* Force to disk what is written, if the policy says so now. */
static int sync_policy(struct logwriter *lw)
{
	switch (lw->conf.flush) {
	case NSD_FLUSH_INCREMENTAL:
		if (lw->unsynced < lw->conf.freq)
			return 0;
		if (fsync(lw->fd))
			return -errno;
		break;
	case NSD_FLUSH_INCREMENTAL_ASYNC:
		if (lw->unsynced < lw->conf.freq)
			return 0;
		/*
		 * auditd hands the fsync to a thread; starting writeback
		 * without waiting for it does the same without one.
		 */
		if (sync_file_range(lw->fd, 0, 0, SYNC_FILE_RANGE_WRITE))
			return -errno;
		break;
	default:	/* none; data and sync are synchronous writes */
		return 0;
	}
	lw->unsynced = 0;
	return 0;
}

static unsigned int lines_in(const char *p, size_t n)
{
	unsigned int lines = 0;
	const char *end = p + n;

	while ((p = memchr(p, '\n', end - p))) {
		lines++;
		p++;
	}
	return lines;
}

/* The first @n bytes of the buffer, whole lines, are in the file. */
static void consumed(struct logwriter *lw, size_t n)
{
	unsigned int lines = lines_in(lw->buf, n), own = 0, i;

	while (own < lw->own_count && lw->own[own] <= n)
		own++;
	for (i = own; i < lw->own_count; i++)
		lw->own[i - own] = lw->own[i] - n;
	lw->own_count -= own;
	memmove(lw->buf, lw->buf + n, lw->len - n);
	lw->len -= n;
	lw->pending -= lines;
	lw->written += lines;
	lw->written_own += own;
	lw->ondisk += n;
}

/*
 * A line half written is cut off the file again, so that the file holds
 * whole lines only whatever comes next (a retry, a rotation, another
 * file). If even that fails, the next write goes on from where this one
 * stopped instead, which finishes the line.
 */
static void cut_torn(struct logwriter *lw)
{
	if (!lw->torn)
		return;
	if (ftruncate(lw->fd, lw->ondisk))
		return;
	lw->torn = 0;
}

int lw_flush(struct logwriter *lw)
{
	lw_write_fn wr = lw->write ? lw->write : write;
	size_t done;
	ssize_t n;
	int err = 0;

	if (!lw->conf.write_logs || !lw->len)
		return 0;
	if (lw->hold)
		return -EAGAIN;
	if (!lw->open && (err = open_file(lw)))
		return err;
	cut_torn(lw);
	/* Whatever of a torn line is already in the file is not written twice. */
	done = lw->torn;
	while (done < lw->len) {
		n = wr(lw->fd, lw->buf + done, lw->len - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			err = -errno;
			break;
		}
		if (n == 0) {	/* not for a regular file; not forever */
			err = -EIO;
			break;
		}
		done += n;
	}
	if (!err) {
		lw->torn = 0;
		consumed(lw, done);
		err = sync_policy(lw);
		lw->error = err;
		return err;
	}
	/* The whole lines that went are done; a part of the next is torn. */
	{
		const char *nl = done ? memrchr(lw->buf, '\n', done) : NULL;
		size_t whole = nl ? (size_t)(nl - lw->buf) + 1 : 0;

		if (whole < lw->torn)	/* the torn line is not finished */
			whole = 0;
		lw->torn = done - whole;
		consumed(lw, whole);
		cut_torn(lw);
	}
	lw->error = err;
	return err;
}

bool lw_accepting(const struct logwriter *lw)
{
	return LW_BUFFER - lw->len >= LW_LINE_MAX + LW_OWN_RESERVE;
}

unsigned int lw_pending(const struct logwriter *lw)
{
	return lw->pending;
}

unsigned int lw_pending_own(const struct logwriter *lw)
{
	return lw->own_count;
}

int lw_space(const struct logwriter *lw, unsigned long long *free_mib,
	     unsigned long long *total_mib)
{
	struct statfs st;

	if (!lw->open)
		return -ENOENT;
	if (fstatfs(lw->fd, &st))
		return -errno;
	/* ramfs and its like have no size: no space to count. */
	if (!st.f_blocks)
		return -ENOENT;
	*free_mib = (unsigned long long)st.f_bavail * st.f_bsize / MIB;
	*total_mib = (unsigned long long)st.f_blocks * st.f_bsize / MIB;
	return 0;
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

/* A line is in: rotate if the file is to grow too big, sync if due. */
static void taken(struct logwriter *lw, int n)
{
	lw->size += n;
	lw->unsynced++;
	lw->pending++;
	if (lw->conf.max_log_file &&
	    lw->size >= (off_t)lw->conf.max_log_file * MIB) {
		switch (lw->conf.max_log_file_action) {
		case NSD_SIZE_SYSLOG:
			if (!lw->size_noted)
				note(lw, "%s is larger than max_log_file (%lu MiB)",
				     lw->conf.log_file, lw->conf.max_log_file);
			lw->size_noted = true;
			break;
		case NSD_SIZE_ROTATE:
			/* As in auditd: with fewer than 2 logs, nothing rotates. */
			if (lw->conf.num_logs >= 2)
				rotate_to(lw, lw->conf.num_logs);
			return;
		case NSD_SIZE_KEEP_LOGS:
			rotate_keep(lw);
			return;
		default:
			break;
		}
	}
	/* incremental: out and to disk every freq records. */
	if ((lw->conf.flush == NSD_FLUSH_INCREMENTAL ||
	     lw->conf.flush == NSD_FLUSH_INCREMENTAL_ASYNC) &&
	    lw->unsynced >= lw->conf.freq)
		lw_flush(lw);
}

/* Append a line of up to @reserve bytes short of the end of the buffer. */
static int take(struct logwriter *lw, unsigned int type, const char *text,
		size_t len, size_t reserve, bool own)
{
	size_t room = LW_BUFFER - lw->len;
	int n;

	if (!lw->conf.write_logs)
		return 0;
	if (own && lw->own_count == LW_OWN_MAX)
		return -ENOBUFS;
	n = room > reserve ?
		format_line(lw->buf + lw->len, room - reserve, lw->node, type,
			    text, len) : -1;
	if (n < 0) {
		/* Make room if the file takes it, then try again. */
		if (lw->len && !lw_flush(lw))
			return take(lw, type, text, len, reserve, own);
		return len + NSD_NAME_MAX + 64 > LW_BUFFER - reserve ?
			-EMSGSIZE : -ENOBUFS;
	}
	lw->len += n;
	if (own)
		lw->own[lw->own_count++] = lw->len;
	taken(lw, n);
	return 0;
}

int lw_record(struct logwriter *lw, unsigned int type, const char *text,
	      size_t len)
{
	return take(lw, type, text, len, LW_OWN_RESERVE, false);
}

int lw_own(struct logwriter *lw, unsigned int type, const char *body)
{
	char text[OWN_BODY_MAX + 64];
	struct timespec ts;
	int n;

	if (!lw->conf.write_logs)
		return 0;
	clock_gettime(CLOCK_REALTIME, &ts);
	n = snprintf(text, sizeof(text), "audit(%lld.%03ld:%u): %s",
		     (long long)ts.tv_sec, ts.tv_nsec / 1000000,
		     lw->serial + 1, body);
	if (n < 0 || (size_t)n >= sizeof(text))
		return -EMSGSIZE;
	n = take(lw, type, text, n, 0, true);
	if (!n)
		lw->serial++;
	return n;
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

	if (!lw->open)
		return 0;
	/*
	 * What does not go into this file waits for the next: the file
	 * holds whole lines whatever happens.
	 */
	lw_flush(lw);
	cut_torn(lw);
	if (lw->torn)
		note(lw, "%s ends with a part of a line that could not be removed",
		     lw->conf.log_file);
	/* Rotated logs are read-only, as auditd leaves them. */
	fchmod(lw->fd, 0400);
	close(lw->fd);
	lw->open = false;
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
	if (!lw->open)
		return 0;
	if (lw->conf.max_log_file_action == NSD_SIZE_KEEP_LOGS)
		return rotate_keep(lw);
	if (lw->conf.num_logs < 2) {
		note(lw, "log rotation disabled (num_logs < 2), not rotating");
		return 0;
	}
	return rotate_to(lw, lw->conf.num_logs);
}

int lw_rotate_free(struct logwriter *lw)
{
	if (!lw->open)
		return 0;
	if (lw->conf.num_logs < 2) {
		note(lw, "num_logs < 2: no old log to remove, not rotating");
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
	if (!lw->open)
		return;
	lw_flush(lw);
	cut_torn(lw);
	close(lw->fd);
	lw->open = false;
}
