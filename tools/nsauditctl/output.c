// SPDX-License-Identifier: GPL-2.0
/*
 * nsauditctl output: text and JSON.
 *
 * The text of status follows auditctl -s ("key value" lines), the text of
 * nsid is exactly what the module appends to records, so both can be
 * compared with other tools' output by plain string matching.
 */
#include <assert.h>
#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "output.h"

static const char *const out_ns_names[] = NSAUDIT_FIELD_NS_NAMES;

_Static_assert(sizeof(out_ns_names) / sizeof(out_ns_names[0]) ==
	       NSAUDIT_NS_COUNT, "a name for every NSAUDIT_NS_* index");

/* Names of NSAUDIT_FEATURE_* bits; a newer module's bits print as bitN. */
static const struct {
	uint64_t bit;
	const char *name;
} out_features[] = {
	{ NSAUDIT_FEATURE_ENRICH, "enrich" },
	{ NSAUDIT_FEATURE_NSID, "nsid" },
	{ NSAUDIT_FEATURE_DAEMONS, "daemons" },
	{ NSAUDIT_FEATURE_RULES, "rules" },
	{ NSAUDIT_FEATURE_CONTID, "contid" },
};

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

/* The "share" setting by enum nsaudit_share value, as "set share" takes it. */
static const char *const out_share_names[] = {
	[NSAUDIT_SHARE_NONE] = "none",
	[NSAUDIT_SHARE_DELEGATED] = "delegated",
	[NSAUDIT_SHARE_ALL] = "all",
};

/* The library refuses other values; a name for everything all the same. */
static const char *out_share_name(int share)
{
	if (share >= 0 && (size_t)share < ARRAY_SIZE(out_share_names))
		return out_share_names[share];
	return "unknown";
}

/*
 * Whether the module has the per-user and per-daemon limits (1.5): 0 is
 * outside the range of the two memory limits, so only a module older than
 * 1.5 leaves all three 0; user_daemons alone may be 0 in a newer one.
 */
static bool out_user_limits(const struct nsaudit_status *st)
{
	return st->limits.user_daemons || st->limits.user_memory ||
	       st->limits.daemon_memory;
}

static int out_result(FILE *f)
{
	return ferror(f) ? -EIO : 0;
}

/* The name of feature bit @i into @buf (room for "bit63"). */
static const char *out_feature_name(unsigned int i, char buf[8])
{
	size_t k;

	for (k = 0; k < ARRAY_SIZE(out_features); k++)
		if (out_features[k].bit == 1ULL << i)
			return out_features[k].name;
	snprintf(buf, 8, "bit%u", i);
	return buf;
}

/*
 * Length of the valid UTF-8 sequence at @s, or 0: overlong forms,
 * surrogates and code points past U+10FFFF are invalid. Stops at the NUL,
 * which is never a continuation byte.
 */
static size_t out_utf8_len(const unsigned char *s)
{
	uint32_t cp;
	size_t n, i;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		n = 2;
		cp = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		n = 3;
		cp = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		n = 4;
		cp = s[0] & 0x07;
	} else {
		return 0;
	}
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
	    cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return n;
}

int out_json_string(FILE *f, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	fputc('"', f);
	while (*p) {
		size_t n = out_utf8_len(p);

		if (!n) {
			fputs("\\ufffd", f);
			p++;
			continue;
		}
		if (n > 1) {
			fwrite(p, 1, n, f);
			p += n;
			continue;
		}
		switch (*p) {
		case '"':
			fputs("\\\"", f);
			break;
		case '\\':
			fputs("\\\\", f);
			break;
		case '\b':
			fputs("\\b", f);
			break;
		case '\f':
			fputs("\\f", f);
			break;
		case '\n':
			fputs("\\n", f);
			break;
		case '\r':
			fputs("\\r", f);
			break;
		case '\t':
			fputs("\\t", f);
			break;
		default:
			/* DEL too: JSON allows it raw, terminals do not. */
			if (*p < 0x20 || *p == 0x7f)
				fprintf(f, "\\u%04x", *p);
			else
				fputc(*p, f);
		}
		p++;
	}
	fputc('"', f);
	return out_result(f);
}

/*
 * A minimal JSON writer: it only tracks where commas go. The documents
 * here have a fixed shape, so nesting depth is known at compile time.
 */
#define JW_DEPTH_MAX	4

struct jw {
	FILE *f;
	unsigned int depth;
	bool more[JW_DEPTH_MAX];	/* this level already has a member */
};

/* Separator and, inside an object, the key of the next member. */
static void jw_member(struct jw *w, const char *key)
{
	if (w->depth) {
		if (w->more[w->depth - 1])
			fputc(',', w->f);
		w->more[w->depth - 1] = true;
	}
	if (key) {
		out_json_string(w->f, key);
		fputc(':', w->f);
	}
}

static void jw_open(struct jw *w, const char *key, char c)
{
	jw_member(w, key);
	fputc(c, w->f);
	assert(w->depth < JW_DEPTH_MAX);
	w->more[w->depth++] = false;
}

static void jw_close(struct jw *w, char c)
{
	assert(w->depth > 0);
	w->depth--;
	fputc(c, w->f);
}

static void jw_u64(struct jw *w, const char *key, uint64_t v)
{
	jw_member(w, key);
	fprintf(w->f, "%" PRIu64, v);
}

static void jw_null(struct jw *w, const char *key)
{
	jw_member(w, key);
	fputs("null", w->f);
}

static void jw_bool(struct jw *w, const char *key, bool v)
{
	jw_member(w, key);
	fputs(v ? "true" : "false", w->f);
}

static void jw_string(struct jw *w, const char *key, const char *v)
{
	jw_member(w, key);
	out_json_string(w->f, v);
}

int out_status_text(FILE *f, const struct nsaudit_status *st)
{
	bool any = false;
	unsigned int i;
	char buf[8];

	fprintf(f, "version %" PRIu32 ".%" PRIu32 "\n", st->version_major,
		st->version_minor);
	fputs("features", f);
	for (i = 0; i < 64; i++) {
		if (st->features & 1ULL << i) {
			fprintf(f, " %s", out_feature_name(i, buf));
			any = true;
		}
	}
	fputs(any ? "\n" : " none\n", f);
	fprintf(f, "enrich %d\n", st->enrich);
	/* -1: a module older than 1.4 does not say. */
	if (st->probes >= 0)
		fprintf(f, "probes %s\n", st->probes ? "firing" : "disarmed");
	/* -1 likewise; delegated also from a notification, for nobody. */
	if (st->share >= 0)
		fprintf(f, "share %s\n", out_share_name(st->share));
	if (st->delegated >= 0)
		fprintf(f, "delegated %s\n", st->delegated ? "yes" : "no");
	fprintf(f, "enriched %" PRIu64 "\n", st->counters.enriched);
	/* enriched's complement, next to it; 1.4 on, as contid_lost below. */
	if (st->probes >= 0)
		fprintf(f, "unenriched %" PRIu64 "\n",
			st->counters.unenriched);
	fprintf(f, "forwarded %" PRIu64 "\n", st->counters.forwarded);
	fprintf(f, "lost %" PRIu64 "\n", st->counters.lost);
	fprintf(f, "missed %" PRIu64 "\n", st->counters.missed);
	/*
	 * The limit is 0 only for a module older than 1.3, which has
	 * neither; the counter is named apart from the limit.
	 */
	if (st->limits.contids) {
		fprintf(f, "contids_tracked %" PRIu64 "\n",
			st->counters.contids);
		fprintf(f, "contid_tasks %" PRIu64 "\n",
			st->counters.contid_tasks);
	}
	/* 0 is a count here; a known probes state tells a module of 1.4 on. */
	if (st->probes >= 0)
		fprintf(f, "contid_lost %" PRIu64 "\n",
			st->counters.contid_lost);
	/* Namespaces delegated now; 1.4 on, told by a known share. */
	if (st->share >= 0)
		fprintf(f, "delegations %" PRIu64 "\n",
			st->counters.delegations);
	fprintf(f, "daemons %" PRIu32 "\n", st->limits.daemons);
	fprintf(f, "queue %" PRIu32 "\n", st->limits.queue);
	fprintf(f, "rules %" PRIu32 "\n", st->limits.rules);
	/* 0 is outside their ranges: a module of 1.0 has neither. */
	if (st->limits.backlog)
		fprintf(f, "backlog %" PRIu32 "\n", st->limits.backlog);
	if (st->limits.memory)
		fprintf(f, "memory %" PRIu32 "\n", st->limits.memory);
	if (st->limits.contids)
		fprintf(f, "contids %" PRIu32 "\n", st->limits.contids);
	if (out_user_limits(st))
		fprintf(f, "user_daemons %" PRIu32 "\n",
			st->limits.user_daemons);
	if (st->limits.user_memory)
		fprintf(f, "user_memory %" PRIu32 "\n", st->limits.user_memory);
	if (st->limits.daemon_memory)
		fprintf(f, "daemon_memory %" PRIu32 "\n",
			st->limits.daemon_memory);
	if (!st->daemon.registered) {
		fputs("daemon none\n", f);
		return out_result(f);
	}
	/* Prefixed: the daemon's own backlog and lost are not the module's. */
	fputs("daemon registered\n", f);
	fprintf(f, "daemon_pid %" PRIu32 "\n", st->daemon.pid);
	fprintf(f, "daemon_userns %" PRIu32 "\n", st->daemon.userns);
	fprintf(f, "daemon_backlog %" PRIu32 "\n", st->daemon.backlog);
	fprintf(f, "daemon_queued %" PRIu32 "\n", st->daemon.queued);
	fprintf(f, "daemon_routed %" PRIu64 "\n", st->daemon.routed);
	fprintf(f, "daemon_delivered %" PRIu64 "\n", st->daemon.delivered);
	fprintf(f, "daemon_lost %" PRIu64 "\n", st->daemon.lost);
	return out_result(f);
}

/* The document of status (@daemon) and of monitor (without the daemon). */
static int out_json(FILE *f, const struct nsaudit_status *st, bool daemon)
{
	struct jw w = { .f = f };
	unsigned int i;
	char buf[8];

	jw_open(&w, NULL, '{');
	jw_open(&w, "version", '{');
	jw_u64(&w, "major", st->version_major);
	jw_u64(&w, "minor", st->version_minor);
	jw_close(&w, '}');
	jw_open(&w, "features", '[');
	for (i = 0; i < 64; i++)
		if (st->features & 1ULL << i)
			jw_string(&w, NULL, out_feature_name(i, buf));
	jw_close(&w, ']');
	jw_bool(&w, "enrich", st->enrich);
	if (st->probes >= 0)
		jw_bool(&w, "probes", st->probes);
	if (st->share >= 0)
		jw_string(&w, "share", out_share_name(st->share));
	if (st->delegated >= 0)
		jw_bool(&w, "delegated", st->delegated);
	jw_open(&w, "counters", '{');
	jw_u64(&w, "enriched", st->counters.enriched);
	if (st->probes >= 0)
		jw_u64(&w, "unenriched", st->counters.unenriched);
	jw_u64(&w, "forwarded", st->counters.forwarded);
	jw_u64(&w, "lost", st->counters.lost);
	jw_u64(&w, "missed", st->counters.missed);
	if (st->limits.contids) {
		jw_u64(&w, "contids", st->counters.contids);
		jw_u64(&w, "contid_tasks", st->counters.contid_tasks);
	}
	if (st->probes >= 0)
		jw_u64(&w, "contid_lost", st->counters.contid_lost);
	if (st->share >= 0)
		jw_u64(&w, "delegations", st->counters.delegations);
	jw_close(&w, '}');
	jw_open(&w, "limits", '{');
	jw_u64(&w, "daemons", st->limits.daemons);
	jw_u64(&w, "queue", st->limits.queue);
	jw_u64(&w, "rules", st->limits.rules);
	if (st->limits.backlog)
		jw_u64(&w, "backlog", st->limits.backlog);
	if (st->limits.memory)
		jw_u64(&w, "memory", st->limits.memory);
	if (st->limits.contids)
		jw_u64(&w, "contids", st->limits.contids);
	if (out_user_limits(st))
		jw_u64(&w, "user_daemons", st->limits.user_daemons);
	if (st->limits.user_memory)
		jw_u64(&w, "user_memory", st->limits.user_memory);
	if (st->limits.daemon_memory)
		jw_u64(&w, "daemon_memory", st->limits.daemon_memory);
	jw_close(&w, '}');
	if (daemon && !st->daemon.registered) {
		jw_null(&w, "daemon");
	} else if (daemon) {
		jw_open(&w, "daemon", '{');
		jw_u64(&w, "pid", st->daemon.pid);
		jw_u64(&w, "userns", st->daemon.userns);
		jw_u64(&w, "backlog", st->daemon.backlog);
		jw_u64(&w, "queued", st->daemon.queued);
		jw_u64(&w, "routed", st->daemon.routed);
		jw_u64(&w, "delivered", st->daemon.delivered);
		jw_u64(&w, "lost", st->daemon.lost);
		jw_close(&w, '}');
	}
	jw_close(&w, '}');
	fputc('\n', f);
	return out_result(f);
}

int out_status_json(FILE *f, const struct nsaudit_status *st)
{
	return out_json(f, st, true);
}

int out_config_json(FILE *f, const struct nsaudit_status *st)
{
	return out_json(f, st, false);
}

int out_config_text(FILE *f, const struct nsaudit_status *st)
{
	fprintf(f, "enrich=%d daemons=%" PRIu32 " queue=%" PRIu32
		" rules=%" PRIu32, st->enrich, st->limits.daemons,
		st->limits.queue, st->limits.rules);
	if (st->limits.backlog)
		fprintf(f, " backlog=%" PRIu32, st->limits.backlog);
	if (st->limits.memory)
		fprintf(f, " memory=%" PRIu32, st->limits.memory);
	if (st->limits.contids)
		fprintf(f, " contids=%" PRIu32, st->limits.contids);
	if (st->share >= 0)
		fprintf(f, " share=%s", out_share_name(st->share));
	/* 1.5's limits after 1.4's share: each version adds at the end. */
	if (out_user_limits(st))
		fprintf(f, " user_daemons=%" PRIu32, st->limits.user_daemons);
	if (st->limits.user_memory)
		fprintf(f, " user_memory=%" PRIu32, st->limits.user_memory);
	if (st->limits.daemon_memory)
		fprintf(f, " daemon_memory=%" PRIu32, st->limits.daemon_memory);
	fputc('\n', f);
	return out_result(f);
}

int out_nsid_text(FILE *f, const struct nsaudit_nsid_set *set)
{
	char text[NSAUDIT_NSID_TEXT_MAX];
	int len;

	len = nsaudit_nsid_format(set, text, sizeof(text));
	if (len < 0)
		return len;
	fprintf(f, "%s\n", text);
	return out_result(f);
}

int out_nsid_json(FILE *f, int pid, const struct nsaudit_nsid_set *set)
{
	struct jw w = { .f = f };
	char dev[24];
	int i;

	snprintf(dev, sizeof(dev), "%u:%u", set->dev_major, set->dev_minor);
	jw_open(&w, NULL, '{');
	jw_u64(&w, "pid", (uint64_t)pid);
	jw_string(&w, NSAUDIT_FIELD_NSDEV, dev);
	for (i = 0; i < NSAUDIT_NS_COUNT; i++)
		jw_u64(&w, out_ns_names[i], set->inum[i]);
	jw_close(&w, '}');
	fputc('\n', f);
	return out_result(f);
}

int out_contid_text(FILE *f, uint64_t id)
{
	if (id == NSAUDIT_CONTID_UNSET)
		fputs("-1\n", f);
	else
		fprintf(f, "%" PRIu64 "\n", id);
	return out_result(f);
}

int out_line(FILE *f, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		fputc(c < 0x20 || c == 0x7f ? '?' : c, f);
	}
	return out_result(f);
}
