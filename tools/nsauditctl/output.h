/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nsauditctl output: text and JSON rendering of what the module reports,
 * into any FILE * (unit tests use memory streams).
 *
 * Every JSON document is one object on one line, so a stream of them
 * (monitor --json) is JSON Lines.
 *
 * Each function returns 0, or -EIO if the stream reports an error.
 */
#ifndef NSAUDITCTL_OUTPUT_H
#define NSAUDITCTL_OUTPUT_H

#include <stdio.h>

#include <libnsaudit.h>

/**
 * out_json_string() - write @s as a JSON string, quotes included
 * @f: the stream
 * @s: NUL-terminated bytes; valid UTF-8 is copied, each byte of an
 *     invalid sequence becomes U+FFFD, so the output is always valid JSON
 */
int out_json_string(FILE *f, const char *s);

/*
 * "key value" lines, auditctl -s style; the limits backlog and memory only
 * if the module has them (interface 1.1), the counter contids_tracked and
 * the limit contids likewise (1.3), "probes firing|disarmed", "share
 * none|delegated|all", "delegated yes|no" and the counters unenriched,
 * contid_lost and delegations likewise (1.4; delegated only from a
 * GET_STATUS reply), the limits user_daemons, user_memory and
 * daemon_memory likewise (1.5, after contids), then "daemon none", or
 * "daemon registered" and daemon_pid, _userns, _backlog, _queued, _routed,
 * _delivered and _lost lines.
 */
int out_status_text(FILE *f, const struct nsaudit_status *st);

/*
 * {"version":{"major":1,"minor":1},"features":[...],"enrich":true,...,
 * "limits":{...},"daemon":null or {"pid":N,...}}; "contids" in counters
 * and limits, "probes", "share" and "delegated" (after "enrich"),
 * "unenriched" (after "enriched"), "contid_lost" and "delegations" in
 * counters, and "user_daemons", "user_memory" and "daemon_memory" in
 * limits (after "contids"), only if the module has them.
 */
int out_status_json(FILE *f, const struct nsaudit_status *st);

/*
 * monitor: one line per change, "enrich=1 daemons=N queue=N rules=N",
 * then " backlog=N memory=N", " contids=N", " share=NAME" and
 * " user_daemons=N user_memory=N daemon_memory=N" if the module has them.
 */
int out_config_text(FILE *f, const struct nsaudit_status *st);

/*
 * monitor --json: the status document without "daemon", which a
 * notification does not describe.
 */
int out_config_json(FILE *f, const struct nsaudit_status *st);

/* The record-format text of nsaudit_nsid_format(), one line. */
int out_nsid_text(FILE *f, const struct nsaudit_nsid_set *set);

/* {"pid":N,"nsdev":"MAJ:MIN","mntns":N,...,"timens":N} */
int out_nsid_json(FILE *f, int pid, const struct nsaudit_nsid_set *set);

/*
 * contid get: the ID in decimal, or -1 for NSAUDIT_CONTID_UNSET, as the
 * module's records write it (old-contid=-1); one line.
 */
int out_contid_text(FILE *f, uint64_t id);

/**
 * out_line() - write @s with every control character replaced by '?'
 * @f: the stream
 * @s: text from elsewhere (the module's extack, the library), which must
 *     not break the one-line error format
 *
 * Writes no newline.
 */
int out_line(FILE *f, const char *s);

#endif /* NSAUDITCTL_OUTPUT_H */
