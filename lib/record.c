// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * nsID sets in audit record text: finding, parsing and formatting the
 * fields that the nsaudit module appends to a principal record.
 *
 * The parser trusts nothing about its input: it reads only inside
 * [text, text + len), takes only a field the module can have written, and
 * accepts only the exact format the module writes.
 */
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "libnsaudit.h"

/* Field names come from the UAPI header, shared with the module. */
static const char *const nsaudit_ns_names[] = NSAUDIT_FIELD_NS_NAMES;

_Static_assert(sizeof(nsaudit_ns_names) / sizeof(nsaudit_ns_names[0]) ==
	       NSAUDIT_NS_COUNT,
	       "NSAUDIT_FIELD_NS_NAMES must name every NSAUDIT_NS_* index");

/* The container ID field the module logs right after the nsID set. */
#define NSAUDIT_FIELD_CONTID	"contid"

/*
 * auditd's ENRICHED log format (Debian's default) writes the kernel's text,
 * then this byte, then its own interpretations (AUID="root" ...).
 */
#define NSAUDIT_ENRICHED_SEP	((char)0x1d)

/* A read-only window [p, end) of record text; nothing at or past end is read. */
struct nsaudit_span {
	const char *p;
	const char *end;
};

/*
 * Consume @lit if the span starts with it. On failure the span may be left
 * advanced: every failure rejects the whole set.
 */
static bool nsaudit_span_skip(struct nsaudit_span *s, const char *lit)
{
	size_t n = strlen(lit);

	if ((size_t)(s->end - s->p) < n || memcmp(s->p, lit, n) != 0)
		return false;
	s->p += n;
	return true;
}

/* Consume " NAME=": exactly one space, as the module writes it. */
static bool nsaudit_span_field(struct nsaudit_span *s, const char *name)
{
	return nsaudit_span_skip(s, " ") && nsaudit_span_skip(s, name) &&
	       nsaudit_span_skip(s, "=");
}

/*
 * Consume a decimal number no larger than @max. Hand-rolled rather than
 * strtoul(): that one skips blanks, takes a sign, depends on the locale
 * and needs a NUL-terminated string, none of which fits a bounded record.
 */
static bool nsaudit_span_number(struct nsaudit_span *s, uint64_t max,
				uint64_t *val)
{
	const char *start = s->p;
	uint64_t v = 0;

	while (s->p < s->end && *s->p >= '0' && *s->p <= '9') {
		unsigned int digit = (unsigned int)(*s->p - '0');

		if (v > (max - digit) / 10)
			return false;
		v = v * 10 + digit;
		s->p++;
	}
	if (s->p == start)
		return false;
	*val = v;
	return true;
}

/*
 * Where the kernel's text of the record ends: at @len or the first NUL,
 * before one trailing newline (a line as read from audit.log), and before
 * auditd's enrichment. The last separator is taken because the kernel's
 * part comes first: a stray 0x1d in user-supplied text must not let that
 * text pose as the end of the record.
 */
static const char *nsaudit_record_end(const char *text, size_t len)
{
	const char *end = memchr(text, '\0', len);
	const char *p;

	if (!end)
		end = text + len;
	if (end > text && end[-1] == '\n')
		end--;
	for (p = end; p > text; p--) {
		if (p[-1] == NSAUDIT_ENRICHED_SEP)
			return p - 1;
	}
	return end;
}

enum nsaudit_quote {
	NSAUDIT_Q_NONE,
	NSAUDIT_Q_DOUBLE,		/* exe="..." */
	NSAUDIT_Q_SINGLE,		/* msg='...' of a user-space record */
	NSAUDIT_Q_SINGLE_DOUBLE,	/* acct="..." inside msg='...' */
};

/* One step of the quoting state machine; @p is inside the record. */
static enum nsaudit_quote nsaudit_quote_next(enum nsaudit_quote q,
					     const char *text, const char *p)
{
	switch (q) {
	case NSAUDIT_Q_NONE:
		if (*p == '"')
			return NSAUDIT_Q_DOUBLE;
		/*
		 * Only "='" opens a single-quoted value (msg='...'): an
		 * apostrophe elsewhere is plain text, e.g. inside a value a
		 * user-space program logged unquoted.
		 */
		if (*p == '\'' && p > text && p[-1] == '=')
			return NSAUDIT_Q_SINGLE;
		return q;
	case NSAUDIT_Q_DOUBLE:
		return *p == '"' ? NSAUDIT_Q_NONE : q;
	case NSAUDIT_Q_SINGLE:
		if (*p == '"')
			return NSAUDIT_Q_SINGLE_DOUBLE;
		return *p == '\'' ? NSAUDIT_Q_NONE : q;
	case NSAUDIT_Q_SINGLE_DOUBLE:
		return *p == '"' ? NSAUDIT_Q_SINGLE : q;
	}
	return q;
}

/*
 * Find the nsdev= field: the last " nsdev=" that is not inside a quoted
 * value. Quoted values (exe="...", and the msg='...' text a process hands
 * to the kernel in a user-space record) may hold any text a process
 * chooses. The last one is taken because the module appends the set after
 * every other field, so text that a process controls always comes before
 * the real set: a decoy placed earlier cannot replace it. (Unbalanced
 * quotes in such text can at worst hide the set: -ENOENT, never a forgery.)
 */
static const char *nsaudit_find_nsdev(const char *text, const char *end)
{
	static const char key[] = " " NSAUDIT_FIELD_NSDEV "=";
	const size_t keylen = sizeof(key) - 1;
	enum nsaudit_quote q = NSAUDIT_Q_NONE;
	const char *last = NULL;
	const char *p;

	for (p = text; p < end; p++) {
		if (q == NSAUDIT_Q_NONE && *p == ' ' &&
		    (size_t)(end - p) >= keylen && memcmp(p, key, keylen) == 0)
			last = p;
		q = nsaudit_quote_next(q, text, p);
	}
	return last;
}

/*
 * After the set comes the end of the record, or " contid=N" and then the
 * end: the module writes nothing else after the set. Requiring the end
 * (rather than any later text) is what keeps a set forged inside a
 * user-space record's msg='...' from parsing: the kernel always closes
 * that text with a quote.
 */
static bool nsaudit_span_tail(struct nsaudit_span *s)
{
	uint64_t contid;

	if (s->p == s->end)
		return true;
	return nsaudit_span_field(s, NSAUDIT_FIELD_CONTID) &&
	       nsaudit_span_number(s, UINT64_MAX, &contid) && s->p == s->end;
}

/* Parse " nsdev=MAJ:MIN mntns=N ... timens=N" and what must follow it. */
static int nsaudit_parse_set(struct nsaudit_span *s,
			     struct nsaudit_nsid_set *set)
{
	uint64_t major, minor, inum;
	int i;

	if (!nsaudit_span_field(s, NSAUDIT_FIELD_NSDEV) ||
	    !nsaudit_span_number(s, UINT_MAX, &major) ||
	    !nsaudit_span_skip(s, ":") ||
	    !nsaudit_span_number(s, UINT_MAX, &minor))
		return -EINVAL;
	set->dev_major = (unsigned int)major;
	set->dev_minor = (unsigned int)minor;

	for (i = 0; i < NSAUDIT_NS_COUNT; i++) {
		if (!nsaudit_span_field(s, nsaudit_ns_names[i]) ||
		    !nsaudit_span_number(s, UINT32_MAX, &inum))
			return -EINVAL;
		set->inum[i] = (uint32_t)inum;
	}

	return nsaudit_span_tail(s) ? 0 : -EINVAL;
}

int nsaudit_record_nsid(const char *text, size_t len,
			struct nsaudit_nsid_set *set)
{
	struct nsaudit_nsid_set parsed;
	struct nsaudit_span s;
	int err;

	if (!set || (!text && len))
		return -EINVAL;
	if (!len)
		return -ENOENT;

	s.end = nsaudit_record_end(text, len);
	s.p = nsaudit_find_nsdev(text, s.end);
	if (!s.p)
		return -ENOENT;

	/* Parse into a local copy: callers' sets never hold half a result. */
	err = nsaudit_parse_set(&s, &parsed);
	if (err)
		return err;
	*set = parsed;
	return 0;
}

/*
 * Write the set into @text, an NSAUDIT_NSID_TEXT_MAX buffer, with the same
 * conversions as the module's audit_log_format() call. The longest set
 * takes 168 of those 192 bytes; the checks only guard against a future
 * edit of the UAPI limit.
 */
static int nsaudit_nsid_text(const struct nsaudit_nsid_set *set,
			     char text[static NSAUDIT_NSID_TEXT_MAX])
{
	const size_t size = NSAUDIT_NSID_TEXT_MAX;
	size_t len;
	int n, i;

	n = snprintf(text, size, "%s=%u:%u", NSAUDIT_FIELD_NSDEV,
		     set->dev_major, set->dev_minor);
	if (n < 0 || (size_t)n >= size)
		return -EOVERFLOW;
	len = (size_t)n;

	for (i = 0; i < NSAUDIT_NS_COUNT; i++) {
		n = snprintf(text + len, size - len, " %s=%" PRIu32,
			     nsaudit_ns_names[i], set->inum[i]);
		if (n < 0 || (size_t)n >= size - len)
			return -EOVERFLOW;
		len += (size_t)n;
	}
	return (int)len;
}

int nsaudit_nsid_format(const struct nsaudit_nsid_set *set, char *buf,
			size_t size)
{
	char text[NSAUDIT_NSID_TEXT_MAX];
	int len;

	if (!set || (!buf && size))
		return -EINVAL;

	len = nsaudit_nsid_text(set, text);
	if (len >= 0 && (size_t)len >= size)
		len = -ENOSPC;
	/* All or nothing, so a short buffer never holds a cut set. */
	if (len < 0) {
		if (size)
			buf[0] = '\0';
		return len;
	}
	memcpy(buf, text, (size_t)len + 1);
	return len;
}
