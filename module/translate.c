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
 * The grammar, as the 6.1 kernel writes a record (kernel/audit.c,
 * kernel/auditsc.c):
 *
 *   record = *SP token *( 1*SP token ) *SP
 *   token  = field / word
 *   field  = name "=" value
 *   name   = 1*( any byte but SP and "=" )
 *   value  = *( any byte but SP )
 *   word   = 1*( any byte but SP and "=" )	("audit(1.2:3):", "avc:", "{")
 *
 * A space (0x20) ends every token, and nothing else does: there is no
 * quoting state. That is how the kernel frames values from untrusted
 * sources (comm, exe, cwd, PATH name, keys, execve arguments, proctitle):
 * audit_log_n_untrustedstring() writes a value holding '"', a byte below
 * 0x21 or above 0x7e as hex digits, any other as "value", so what stands
 * between double quotes is 0x21-0x7e without '"': no space, and a "'" or
 * "=" there is inert. Numbers, hex, (null), ? and the like hold no space.
 *
 * One exception: in a record of a user-message type (AUDIT_USER,
 * AUDIT_FIRST_USER_MSG..AUDIT_LAST_USER_MSG but AUDIT_USER_TTY,
 * AUDIT_FIRST_USER_MSG2..AUDIT_LAST_USER_MSG2) audit_receive_msg() ends the
 * record with " msg='%.*s'": the sender's text up to its first NUL (at most
 * AUDIT_MESSAGE_TEXT_MAX bytes), unescaped. It may hold any other byte:
 * spaces, "'", '"', "=", newlines, fields of its own making (key="x" uid=0
 * msg='...'). So in such a record, and only there:
 *
 *   record =/ *SP *( token 1*SP ) "msg='" text "'"
 *   text   = *( any byte )		(to the record's last byte)
 *
 * The first token that begins with msg=' opens the text and the record's
 * last byte, which must be "'", closes it. The text is the sender's and is
 * copied as it is: nothing in it is a field, nothing in it is translated.
 * Before it stand only the kernel's pid=, uid=, auid=, ses= and subj=.
 * (The text may itself close the quote and open another: readers that
 * split it into fields, auditd's among them, take a sender's fields for
 * the kernel's. The copy hands such text on unchanged and adds nothing.)
 *
 * Fields of ours (the table below) have their value rewritten:
 * - key: (null), whatever the value, unless the view reveals keys;
 * - pid-like, uid-like: a decimal u32, or a negative "%d", is mapped into
 *   the view and written unsigned (-1, unset, and pid 0, no process, stay
 *   as they are).
 *
 * Fail safe: nothing that does not read as this grammar gets through as it
 * is. A value of a field of ours that is not a number (the kernel never
 * writes one) is replaced by what no id reads: 0 for a pid, 4294967295
 * (-1) for any other. A record of a user-message type whose last byte is
 * not "'" has no text: every one of its tokens is parsed. A sender's text
 * may thus make a record's own fields read as text only where nothing of
 * ours can follow; a value a kernel writes raw with spaces (an LSM label)
 * may make a word of its own read as a field, which is then translated or
 * hidden, never let through. A pass never writes more than it was given
 * room for.
 */
#include <linux/audit.h>
#include <linux/ctype.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/types.h>
#include "translate.h"

/* Every such field name the 6.1 kernel writes (kernel/, security/, ipc/). */
#define NSAUDIT_FIELD(n, k)	{ n, sizeof(n) - 1, NSAUDIT_FIELD_##k }
static const struct {
	const char *name;
	size_t len;
	enum nsaudit_field_kind kind;
} nsaudit_fields[] = {
	NSAUDIT_FIELD("pid", PID),
	NSAUDIT_FIELD("ppid", PID),
	NSAUDIT_FIELD("opid", PID),
	NSAUDIT_FIELD("uid", UID),
	NSAUDIT_FIELD("euid", UID),
	NSAUDIT_FIELD("suid", UID),
	NSAUDIT_FIELD("fsuid", UID),
	NSAUDIT_FIELD("ouid", UID),
	NSAUDIT_FIELD("gid", GID),
	NSAUDIT_FIELD("egid", GID),
	NSAUDIT_FIELD("sgid", GID),
	NSAUDIT_FIELD("fsgid", GID),
	NSAUDIT_FIELD("ogid", GID),
	NSAUDIT_FIELD("auid", LOGINUID),
	NSAUDIT_FIELD("old-auid", LOGINUID),
	NSAUDIT_FIELD("oauid", LOGINUID),
	NSAUDIT_FIELD("key", KEY),
};

/* Longest value written in place of another: "4294967295", "(null)". */
#define NSAUDIT_VALUE_MAX	10

/* Where a pass writes: @buf (NULL to measure), at most @size bytes. */
struct nsaudit_out {
	char *buf;
	size_t size;
	size_t len;
	bool full;
};

/* Append @n bytes, or measure them; nothing once one did not fit. */
static void nsaudit_put(struct nsaudit_out *o, const char *s, size_t n)
{
	if (o->full)
		return;
	if (o->buf) {
		if (n > o->size - o->len) {
			o->full = true;
			return;
		}
		memcpy(o->buf + o->len, s, n);
	}
	o->len += n;
}

/*
 * Whether the kernel ends records of @type with the sender's msg='...'
 * (AUDIT_USER_TTY carries its text as data=, framed like any other).
 */
static bool nsaudit_type_has_text(u16 type)
{
	if (type == AUDIT_USER_TTY)
		return false;
	return type == AUDIT_USER ||
	       (type >= AUDIT_FIRST_USER_MSG && type <= AUDIT_LAST_USER_MSG) ||
	       (type >= AUDIT_FIRST_USER_MSG2 && type <= AUDIT_LAST_USER_MSG2);
}

/* The kind of the field @s (a whole token), if it is one of ours. */
static int nsaudit_field_kind(const char *s, size_t n, size_t *name_len)
{
	const char *eq = memchr(s, '=', n);
	unsigned int i;
	size_t len;

	if (!eq)
		return -1;
	len = eq - s;
	for (i = 0; i < ARRAY_SIZE(nsaudit_fields); i++) {
		if (nsaudit_fields[i].len == len &&
		    !memcmp(nsaudit_fields[i].name, s, len)) {
			*name_len = len;
			return nsaudit_fields[i].kind;
		}
	}
	return -1;
}

/* A decimal u32, or a negative one as "%d" writes it; nothing else. */
static bool nsaudit_parse_id(const char *s, size_t n, u32 *v)
{
	bool neg = n && s[0] == '-';
	u64 val = 0;
	size_t i = neg;

	if (i == n || n - i > 10)
		return false;
	for (; i < n; i++) {
		if (!isdigit(s[i]))
			return false;
		val = val * 10 + (s[i] - '0');
	}
	if (neg ? val > 0x80000000ULL : val > U32_MAX)
		return false;
	*v = neg ? (u32)-(s64)val : (u32)val;
	return true;
}

/* The value of one field of ours, in the view. */
static void nsaudit_put_value(struct nsaudit_out *o, const char *val,
			     size_t n, enum nsaudit_field_kind kind,
			     const struct nsaudit_view *view)
{
	char num[NSAUDIT_VALUE_MAX + 1];
	u32 v;

	if (!o->buf) {		/* measuring: room for the widest */
		o->len += max_t(size_t, n, NSAUDIT_VALUE_MAX);
		return;
	}
	if (kind == NSAUDIT_FIELD_KEY) {
		if (view->reveal_keys)
			nsaudit_put(o, val, n);
		else
			nsaudit_put(o, "(null)", 6);
		return;
	}
	if (!nsaudit_parse_id(val, n, &v)) {
		/* Not the kernel's: what no id reads. */
		if (kind == NSAUDIT_FIELD_PID)
			nsaudit_put(o, "0", 1);
		else
			nsaudit_put(o, "4294967295", 10);
		return;
	}
	/*
	 * -1 (unset) means the same in every view, and so does pid 0 (no
	 * process); uid 0 is root of the initial user namespace, mapped like
	 * any other.
	 */
	if (v == (u32)-1 || (kind == NSAUDIT_FIELD_PID && v == 0)) {
		nsaudit_put(o, val, n);
		return;
	}
	/*
	 * Unsigned, whatever form the kernel used ("%d" in OBJ_PID): a sign
	 * kept from the host's value would tell a bit of an id the view
	 * cannot see.
	 */
	v = view->map(kind, v, view->arg);
	nsaudit_put(o, num, snprintf(num, sizeof(num), "%u", v));
}

/*
 * One pass over the record (see the grammar above). Measuring (no
 * @o->buf) gives an upper bound of what a writing pass writes, for every
 * view.
 */
static void nsaudit_translate_pass(struct nsaudit_out *o, u16 type,
				   const char *in, size_t len,
				   const struct nsaudit_view *view)
{
	bool text = nsaudit_type_has_text(type) && len && in[len - 1] == '\'';
	size_t i = 0, e, name_len;
	const char *sp;
	int kind;

	while (i < len && !o->full) {
		if (in[i] == ' ') {
			nsaudit_put(o, in + i++, 1);
			continue;
		}
		/* msg=' and its closing quote: the sender's text, as it is. */
		if (text && len - i >= 6 && !memcmp(in + i, "msg='", 5)) {
			nsaudit_put(o, in + i, len - i);
			return;
		}
		sp = memchr(in + i, ' ', len - i);
		e = sp ? (size_t)(sp - in) : len;
		kind = nsaudit_field_kind(in + i, e - i, &name_len);
		if (kind < 0) {
			nsaudit_put(o, in + i, e - i);
		} else {
			nsaudit_put(o, in + i, name_len + 1);
			nsaudit_put_value(o, in + i + name_len + 1,
					  e - i - name_len - 1, kind, view);
		}
		i = e;
	}
}

/**
 * nsaudit_translate_bound() - room a translated copy of a record may need
 * @type: the record's type
 * @text: the record text, as the kernel wrote it
 * @len: its length
 *
 * Context: any.
 *
 * Return: an upper bound of nsaudit_translate()'s result for any view.
 */
size_t nsaudit_translate_bound(u16 type, const char *text, size_t len)
{
	struct nsaudit_out o = { };

	nsaudit_translate_pass(&o, type, text, len, NULL);
	return o.len;
}

/**
 * nsaudit_translate() - a record in a daemon's view
 * @out: where to write (not NUL-terminated)
 * @size: room at @out; nsaudit_translate_bound() is always enough
 * @type: the record's type
 * @text: the record text, as the kernel wrote it
 * @len: its length
 * @view: the daemon's namespaces
 *
 * Never writes past @size: with less room than the bound, the copy stops
 * before the first piece (spaces, a token, a field's name or value) that
 * does not fit; no value is ever cut.
 *
 * Context: any that @view->map allows; nothing of its own: no allocation,
 * no lock.
 *
 * Return: the length written.
 */
size_t nsaudit_translate(char *out, size_t size, u16 type, const char *text,
			 size_t len, const struct nsaudit_view *view)
{
	struct nsaudit_out o = { .buf = out, .size = size };

	nsaudit_translate_pass(&o, type, text, len, view);
	return o.len;
}
