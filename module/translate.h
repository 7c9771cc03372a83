/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nsaudit: rewriting a record's text into a per-namespace daemon's view.
 * Pure text work: no kernel object, no lock, no allocation; the caller
 * supplies the mapping of IDs. (The unit tests build translate.c on the
 * host, with stand-ins for the five kernel headers it includes.)
 */
#ifndef _NSAUDIT_TRANSLATE_H
#define _NSAUDIT_TRANSLATE_H

#include <linux/types.h>

/* What an ID field holds, and so how it is mapped. */
enum nsaudit_field_kind {
	NSAUDIT_FIELD_PID,	/* 0 where not visible, as /proc shows it */
	NSAUDIT_FIELD_UID,	/* overflow uid where unmapped (stat(2)) */
	NSAUDIT_FIELD_GID,	/* overflow gid where unmapped */
	NSAUDIT_FIELD_LOGINUID,	/* -1 where unmapped (/proc/PID/loginuid) */
	NSAUDIT_FIELD_KEY,	/* a rule key: hidden, never mapped */
};

/**
 * struct nsaudit_view - how to write a record for one daemon
 * @map: the ID @id of kind @kind (as the initial namespaces see it) in the
 *	daemon's view; never called for -1, pid 0 or keys
 * @arg: passed to @map
 * @reveal_keys: keep rule keys instead of writing (null)
 */
struct nsaudit_view {
	u32 (*map)(enum nsaudit_field_kind kind, u32 id, const void *arg);
	const void *arg;
	bool reveal_keys;
};

size_t nsaudit_translate_bound(u16 type, const char *text, size_t len);
size_t nsaudit_translate(char *out, size_t size, u16 type, const char *text,
			 size_t len, const struct nsaudit_view *view);

#endif /* _NSAUDIT_TRANSLATE_H */
