/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nsauditd's log: lines in the format auditd writes (log_format RAW), a
 * buffered file with auditd's flush policies, and rotation by size and
 * count with auditd's file names. Needs only a directory, so it is unit
 * tested in a temporary one (tests/unit/test_nsauditd.c).
 */
#ifndef NSAUDITD_LOGWRITER_H
#define NSAUDITD_LOGWRITER_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>
#include <time.h>

#include "conf.h"

/* Records waiting for write(2): many records per write under load. */
#define LW_BUFFER		(64 * 1024)
/*
 * The longest line: a record is at most 8970 bytes (the kernel's
 * MAX_AUDIT_MESSAGE_LENGTH, which the module keeps), plus "node=NAME
 * type=NAME msg=" and the newline.
 */
#define LW_LINE_MAX		(8970 + NSD_NAME_MAX + 64)
/* Room kept for the daemon's own records while the log cannot be written. */
#define LW_OWN_RESERVE		(8 * 1024)
/* Most own records waiting at once. */
#define LW_OWN_MAX		64

/*
 * Where the writer's messages go ("cannot open ...", "removed ...");
 * the text has no "nsauditd: " prefix and no newline.
 */
typedef void (*lw_note_fn)(void *ctx, const char *msg);

/* How bytes reach the file: write(2), or a test's stand-in. */
typedef ssize_t (*lw_write_fn)(int fd, const void *buf, size_t count);

/**
 * struct logwriter - the open log and the records not yet in it
 * @conf: the settings it was opened with
 * @node: the node= prefix of every line; "" for none
 * @fd: the log file, if @open
 * @open: the file is open (false: not yet, failed, or write_logs is off)
 * @size: bytes in the file plus the lines waiting in @buf
 * @ondisk: bytes in the file
 * @unsynced: records taken since the last flush to disk
 * @serial: serial of the daemon's own records, last one used
 * @size_noted: NSD_SIZE_SYSLOG said it for this file
 * @error: 0, or the negative errno of the last write, open or sync that
 *	failed (the lines stay in @buf)
 * @torn: bytes of an unfinished line at the end of the file that could
 *	not be cut off after a failed write (0 nearly always)
 * @len: bytes waiting in @buf, whole lines only
 * @pending: lines waiting in @buf
 * @own: end offsets in @buf of the daemon's own lines among them
 * @own_count: entries in @own
 * @written: lines written to the file since the writer was set up
 * @written_own: of those, the daemon's own records
 * @note: message sink; NULL: stderr
 * @ctx: passed to @note
 * @write: NULL: write(2)
 * @hold: logging is suspended: lw_flush() writes nothing (-EAGAIN)
 * @buf: the lines not yet written
 *
 * A line is either whole in the file or whole in @buf, never lost: a
 * failed write(2) leaves the lines it did not finish in @buf, and a line
 * it left half written is cut off the file again, so that a retry, a
 * rotation or another file (SIGHUP) gets it whole.
 */
struct logwriter {
	struct nsd_conf conf;
	char node[NSD_NAME_MAX + 1];
	int fd;
	bool open;
	off_t size, ondisk;
	unsigned long unsynced;
	unsigned int serial;
	bool size_noted;
	int error;
	size_t torn;
	size_t len;
	unsigned int pending;
	size_t own[LW_OWN_MAX];
	unsigned int own_count;
	uint64_t written, written_own;
	lw_note_fn note;
	void *ctx;
	lw_write_fn write;
	bool hold;
	char buf[LW_BUFFER];
};

/*
 * One line as auditd writes a record: "[node=NAME ]type=NAME msg=TEXT\n",
 * NAME from libaudit or UNKNOWN[N], newlines in TEXT made spaces and a
 * trailing space dropped. Return the bytes written or -1.
 */
int lw_format(FILE *out, const char *node, unsigned int type,
	      const char *text, size_t len);

/* The daemon's own record: TEXT is "audit(SEC.MSEC:SERIAL): BODY". */
int lw_format_own(FILE *out, const char *node, unsigned int type,
		  const struct timespec *ts, unsigned int serial,
		  const char *body);

/*
 * Open (creating it and its directory) the log @c names. @note, @ctx and
 * @write are to be set in @lw before, or zero; a writer is zeroed before
 * its first lw_open(). Lines still waiting from before (lw_reopen()) go to
 * the new file. Return 0 or a negative errno with the reason passed to
 * the note sink.
 */
int lw_open(struct logwriter *lw, const struct nsd_conf *c);

/*
 * Take a record: 0 if it is in (in the file or waiting in the buffer, to
 * be written by the next lw_flush()), -ENOBUFS if the buffer has no room
 * for it (nothing taken: the caller reads no more until lw_flush() makes
 * room; see lw_accepting()), -EMSGSIZE for a record longer than any the
 * kernel sends. Write errors are not returned here but kept in @error and
 * returned by lw_flush(). With write_logs off a record is dropped, as
 * configured: 0.
 */
int lw_record(struct logwriter *lw, unsigned int type, const char *text,
	      size_t len);

/*
 * Take a record of the daemon itself, stamped now with its own serial:
 * as lw_record(), but it may use the room kept for the daemon's records.
 */
int lw_own(struct logwriter *lw, unsigned int type, const char *body);

/*
 * Write what waits, with write(2) until all is written or it fails; open
 * the file first if it is not open. Return 0, or the negative errno of the
 * failure, the lines not written still waiting; -EAGAIN, nothing written,
 * while @hold is set and lines wait.
 */
int lw_flush(struct logwriter *lw);

/*
 * Whether there is room for one more record of the kernel's, beside the
 * room kept for the daemon's own: while not, the daemon must not read.
 */
bool lw_accepting(const struct logwriter *lw);

/* Lines waiting in the buffer, and of those the daemon's own. */
unsigned int lw_pending(const struct logwriter *lw);
unsigned int lw_pending_own(const struct logwriter *lw);

/*
 * Free space (for an unprivileged writer, as auditd counts it) and size of
 * the log's file system, in MiB. Return 0, or -ENOENT if there is no file
 * or the file system does not tell its size (ramfs), or a negative errno.
 */
int lw_space(const struct logwriter *lw, unsigned long long *free_mib,
	     unsigned long long *total_mib);

/* Rotate now (SIGUSR1), whatever the size. */
int lw_rotate(struct logwriter *lw);

/*
 * Rotate to free space (the rotate disk action): num_logs logs are kept,
 * keep_logs or not, so that the oldest goes. Nothing with num_logs < 2.
 */
int lw_rotate_free(struct logwriter *lw);

/* Close and open again, possibly with new settings (SIGHUP). */
int lw_reopen(struct logwriter *lw, const struct nsd_conf *c);

/* Write what waits if possible and close the file. */
void lw_close(struct logwriter *lw);

#endif /* NSAUDITD_LOGWRITER_H */
