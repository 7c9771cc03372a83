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
#include <stdio.h>
#include <sys/types.h>
#include <time.h>

#include "conf.h"

/* Buffer of the log stream: many records per write(2) under load. */
#define LW_BUFFER		(64 * 1024)
/* Write errors reported per opened file, as auditd's disk_error_action. */
#define LW_ERRORS_REPORTED	5

/*
 * Where the writer's messages go ("cannot write ...", "rotating ...");
 * the text has no "nsauditd: " prefix and no newline.
 */
typedef void (*lw_note_fn)(void *ctx, const char *msg);

/**
 * struct logwriter - the open log
 * @conf: the settings it was opened with
 * @node: the node= prefix of every line; "" for none
 * @f: the log stream (NULL: not open, or write_logs is off)
 * @size: bytes in the current file, buffered ones included
 * @unsynced: records written since the last flush to disk
 * @serial: serial of the daemon's own records, last one used
 * @size_noted: NSD_SIZE_SYSLOG said it for this file
 * @errors: write errors on this file so far
 * @note: message sink; NULL: stderr
 * @ctx: passed to @note
 */
struct logwriter {
	struct nsd_conf conf;
	char node[NSD_NAME_MAX + 1];
	FILE *f;
	off_t size;
	unsigned long unsynced;
	unsigned int serial;
	bool size_noted;
	unsigned int errors;
	lw_note_fn note;
	void *ctx;
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
 * Open (creating it and its directory) the log @c names. @note and @ctx
 * are to be set in @lw before, or zero. Return 0 or a negative errno with
 * the reason passed to the note sink.
 */
int lw_open(struct logwriter *lw, const struct nsd_conf *c);

/* Append a record; may rotate. Return 0 or a negative errno. */
int lw_record(struct logwriter *lw, unsigned int type, const char *text,
	      size_t len);

/* Append a record of the daemon itself, stamped now with its own serial. */
int lw_own(struct logwriter *lw, unsigned int type, const char *body);

/*
 * End of a batch: write out what is buffered, so that nothing waits in
 * memory while the daemon is idle.
 */
int lw_flush(struct logwriter *lw);

/* Rotate now (SIGUSR1), whatever the size. */
int lw_rotate(struct logwriter *lw);

/* Close and open again, possibly with new settings (SIGHUP). */
int lw_reopen(struct logwriter *lw, const struct nsd_conf *c);

void lw_close(struct logwriter *lw);

#endif /* NSAUDITD_LOGWRITER_H */
