// SPDX-License-Identifier: GPL-2.0
/*
 * A record as a per-namespace daemon sees it.
 *
 * The kernel writes pids as the initial PID namespace sees them
 * (task_tgid_nr() and friends) and uids and gids as the initial user
 * namespace sees them (from_kuid(&init_user_ns, ...)). A daemon's copy has
 * those fields rewritten into the daemon's own namespaces, and rule keys
 * hidden.
 *
 * Record text is "name=value" fields separated by single spaces. Values
 * the kernel takes from untrusted sources are quoted only when they hold
 * no space (else they are hex), so a space always ends a field. The one
 * exception is the msg='...' part of records that userspace sends over
 * NETLINK_AUDIT: what stands inside single quotes is the sender's own
 * text and is copied as it is.
 */
#include <linux/ctype.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/types.h>
#include "translate.h"

/* Every such field name the 6.1 kernel writes (kernel/, security/, ipc/). */
static const struct {
	const char *name;
	enum nsaudit_field_kind kind;
} nsaudit_fields[] = {
	{ "pid", NSAUDIT_FIELD_PID },
	{ "ppid", NSAUDIT_FIELD_PID },
	{ "opid", NSAUDIT_FIELD_PID },
	{ "uid", NSAUDIT_FIELD_UID },
	{ "euid", NSAUDIT_FIELD_UID },
	{ "suid", NSAUDIT_FIELD_UID },
	{ "fsuid", NSAUDIT_FIELD_UID },
	{ "ouid", NSAUDIT_FIELD_UID },
	{ "gid", NSAUDIT_FIELD_GID },
	{ "egid", NSAUDIT_FIELD_GID },
	{ "sgid", NSAUDIT_FIELD_GID },
	{ "fsgid", NSAUDIT_FIELD_GID },
	{ "ogid", NSAUDIT_FIELD_GID },
	{ "auid", NSAUDIT_FIELD_LOGINUID },
	{ "old-auid", NSAUDIT_FIELD_LOGINUID },
	{ "oauid", NSAUDIT_FIELD_LOGINUID },
	{ "key", NSAUDIT_FIELD_KEY },
};

/* Longest value written in place of another: "-2147483648", "(null)". */
#define NSAUDIT_VALUE_MAX	11

/* The field named at @s, if it is one of ours; @n gets the name's length. */
static int nsaudit_field_at(const char *s, size_t avail, size_t *n)
{
	size_t len = 0;
	unsigned int i;

	while (len < avail && (islower(s[len]) || s[len] == '-'))
		len++;
	if (!len || len >= avail || s[len] != '=')
		return -1;
	for (i = 0; i < ARRAY_SIZE(nsaudit_fields); i++) {
		if (strlen(nsaudit_fields[i].name) == len &&
		    !memcmp(nsaudit_fields[i].name, s, len)) {
			*n = len;
			return nsaudit_fields[i].kind;
		}
	}
	return -1;
}

/* A decimal u32, or a negative one as "%d" writes it; nothing else. */
static bool nsaudit_parse_id(const char *s, size_t n, u32 *v, bool *neg)
{
	u64 val = 0;
	size_t i = 0;

	*neg = n && s[0] == '-';
	if (*neg)
		i++;
	if (i == n || n - i > 10)
		return false;
	for (; i < n; i++) {
		if (!isdigit(s[i]))
			return false;
		val = val * 10 + (s[i] - '0');
	}
	if (*neg ? val > 0x80000000ULL : val > U32_MAX)
		return false;
	*v = *neg ? (u32)-(s64)val : (u32)val;
	return true;
}

/* Writes the value of one field of ours into @out; returns its length. */
static size_t nsaudit_translate_value(char *out, const char *val, size_t n,
				      enum nsaudit_field_kind kind,
				      const struct nsaudit_view *view)
{
	bool neg;
	u32 v;

	if (kind == NSAUDIT_FIELD_KEY) {
		if (view->reveal_keys)
			goto copy;
		memcpy(out, "(null)", 6);
		return 6;
	}
	/*
	 * -1 (unset) means the same in every view, and so does pid 0 (no
	 * process); uid 0 is root of the initial user namespace, mapped like
	 * any other.
	 */
	if (!nsaudit_parse_id(val, n, &v, &neg) || v == (u32)-1 ||
	    (kind == NSAUDIT_FIELD_PID && v == 0))
		goto copy;
	v = view->map(kind, v, view->arg);
	return neg ? sprintf(out, "%d", (s32)v) : sprintf(out, "%u", v);
copy:
	memcpy(out, val, n);
	return n;
}

/*
 * One pass over the record. Without @out it only measures: the result is
 * then an upper bound of what a pass with @out writes, for every view.
 */
static size_t nsaudit_translate_pass(char *out, const char *in, size_t len,
				     const struct nsaudit_view *view)
{
	bool quoted = false, start = true;
	size_t i = 0, o = 0;

	while (i < len) {
		size_t n, v, e;
		int kind;

		kind = (start && !quoted) ?
		       nsaudit_field_at(in + i, len - i, &n) : -1;
		if (kind >= 0) {
			v = i + n + 1;
			for (e = v; e < len && in[e] != ' '; e++)
				;
			if (out) {
				memcpy(out + o, in + i, n + 1);
				o += n + 1;
				o += nsaudit_translate_value(out + o, in + v,
							     e - v, kind, view);
			} else {
				o += n + 1 + (e - v) + NSAUDIT_VALUE_MAX;
			}
			i = e;
			start = false;
			continue;
		}
		if (out)
			out[o] = in[i];
		o++;
		if (in[i] == '\'')
			quoted = !quoted;
		start = in[i] == ' ';
		i++;
	}
	return o;
}

/**
 * nsaudit_translate_bound() - room a translated copy of a record may need
 * @text: the record text, as the kernel wrote it
 * @len: its length
 *
 * Context: any.
 *
 * Return: an upper bound of nsaudit_translate()'s result for any view.
 */
size_t nsaudit_translate_bound(const char *text, size_t len)
{
	return nsaudit_translate_pass(NULL, text, len, NULL);
}

/**
 * nsaudit_translate() - a record in a daemon's view
 * @out: where to write; nsaudit_translate_bound() bytes (not NUL-terminated)
 * @text: the record text, as the kernel wrote it
 * @len: its length
 * @view: the daemon's namespaces
 *
 * Context: any that @view->map allows; nothing of its own: no allocation,
 * no lock.
 *
 * Return: the length written.
 */
size_t nsaudit_translate(char *out, const char *text, size_t len,
			 const struct nsaudit_view *view)
{
	return nsaudit_translate_pass(out, text, len, view);
}
