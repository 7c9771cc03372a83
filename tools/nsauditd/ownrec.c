// SPDX-License-Identifier: GPL-2.0
/*
 * The daemon's own records. Field names and order follow auditd's records
 * of the same types; "subj=?" stands where auditd puts an LSM context,
 * which a namespace's daemon has no view of.
 */
#define _GNU_SOURCE	/* strerrorname_np() */

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "ownrec.h"

/* snprintf that reports truncation as an error. */
static int put(size_t size, int n)
{
	return n < 0 || (size_t)n >= size ? -1 : n;
}

int own_start(char *buf, size_t size, const char *version,
	      const char *kernel, const struct own_who *self, uint32_t userns)
{
	/* userns= names the namespace this log is the audit trail of. */
	return put(size, snprintf(buf, size,
		"op=start ver=%s format=raw kernel=%.56s auid=%" PRIu32
		" pid=%d uid=%" PRIu32 " ses=%" PRIu32 " userns=%" PRIu32
		" subj=? res=success", version, kernel, self->auid, self->pid,
		self->uid, self->ses, userns));
}

int own_end(char *buf, size_t size, const struct own_who *sender)
{
	return put(size, snprintf(buf, size,
		"op=terminate auid=%" PRIu32 " pid=%d subj=? res=success",
		sender->auid, sender->pid));
}

int own_abort(char *buf, size_t size, const char *op,
	      const struct own_who *self)
{
	return put(size, snprintf(buf, size,
		"op=%s auid=%" PRIu32 " pid=%d uid=%" PRIu32 " ses=%" PRIu32
		" subj=? res=failed", op, self->auid, self->pid, self->uid,
		self->ses));
}

int own_rotate(char *buf, size_t size, const struct own_who *sender)
{
	return put(size, snprintf(buf, size,
		"op=rotate-logs auid=%" PRIu32 " pid=%d subj=? res=success",
		sender->auid, sender->pid));
}

int own_config(char *buf, size_t size, const struct own_who *sender, int ok)
{
	return put(size, snprintf(buf, size,
		"op=reconfigure state=%s auid=%" PRIu32
		" pid=%d subj=? res=%s", ok ? "changed" : "no-change",
		sender->auid, sender->pid, ok ? "success" : "failed"));
}

int own_lost(char *buf, size_t size, uint64_t lost, uint64_t total)
{
	return put(size, snprintf(buf, size,
		"op=lost lost=%" PRIu64 " total=%" PRIu64 " res=failed",
		lost, total));
}

/* EIO rather than 5; the number where the C library has no name for it. */
static const char *errno_name(int err, char *buf, size_t size)
{
#if defined(__GLIBC__) && (__GLIBC__ > 2 || __GLIBC_MINOR__ >= 32)
	const char *name = strerrorname_np(err);

	if (name)
		return name;
#endif
	snprintf(buf, size, "%d", err);
	return buf;
}

int own_disk(char *buf, size_t size, const char *op, const char *action,
	     uint64_t free_mib, int err, const struct own_who *self)
{
	char free_text[32] = "", err_text[48] = "", num[16];

	if (free_mib != OWN_NO_FREE)
		snprintf(free_text, sizeof(free_text), " free_mib=%" PRIu64,
			 free_mib);
	if (err)
		snprintf(err_text, sizeof(err_text), " error=%s",
			 errno_name(err, num, sizeof(num)));
	return put(size, snprintf(buf, size,
		"op=%s action=%s%s%s auid=%" PRIu32 " pid=%d subj=? res=failed",
		op, action, free_text, err_text, self->auid, self->pid));
}

int own_resume(char *buf, size_t size, const struct own_who *who)
{
	return put(size, snprintf(buf, size,
		"op=resume-logging auid=%" PRIu32 " pid=%d subj=? res=success",
		who->auid, who->pid));
}
