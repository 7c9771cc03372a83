/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libnsaudit internals: building and parsing nsaudit generic netlink
 * messages (msg.c). Nothing there touches a socket, so all of it can be
 * tested without the module. Not installed; nothing here is exported
 * from the shared library.
 *
 * Conventions: functions return 0 or a negative errno. Those that take
 * (why, size) write a short one-line reason there on failure (and leave it
 * alone on success); why may be NULL if size is 0. Parsers take the bytes
 * of one message and its length and never read outside them; they write
 * their output only on success.
 */
#ifndef NSAUDIT_LIB_MSG_H
#define NSAUDIT_LIB_MSG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <linux/netlink.h>
#include <netlink/msg.h>

#include "libnsaudit.h"

/* Size of the text buffers: the handle's errmsg and the parsers' reasons. */
#define NSAUDIT__TEXT_SIZE	256

int nsaudit__build_status(int family, struct nl_msg **msgp);
int nsaudit__check_settings(const struct nsaudit_settings *s, char *why,
			    size_t size);
int nsaudit__build_set(int family, const struct nsaudit_settings *s,
		       struct nl_msg **msgp, char *why, size_t size);
int nsaudit__check_pid(int pid, char *why, size_t size);
int nsaudit__build_nsid(int family, int pid, struct nl_msg **msgp,
			char *why, size_t size);

int nsaudit__check_version(uint32_t major, uint32_t minor, char *why,
			   size_t size);
int nsaudit__parse_status(const struct nlmsghdr *nlh, size_t len, int family,
			  uint8_t cmd, struct nsaudit_status *st, char *why,
			  size_t size);
int nsaudit__parse_nsid(const struct nlmsghdr *nlh, size_t len, int family,
			int pid, struct nsaudit_nsid_set *set, char *why,
			size_t size);
int nsaudit__parse_error(const struct nlmsghdr *nlh, size_t len, int *error,
			 char *text, size_t size);

int nsaudit__errno_of_nlerr(int nlerr);

/* Per-namespace daemons: requests, the REGISTER reply, what follows it. */
int nsaudit__check_backlog(uint32_t backlog, char *why, size_t size);
int nsaudit__build_register(int family, uint32_t backlog,
			    struct nl_msg **msgp, char *why, size_t size);
int nsaudit__build_unregister(int family, struct nl_msg **msgp);
int nsaudit__parse_register(const struct nlmsghdr *nlh, size_t len,
			    int family, struct nsaudit_daemon_info *info,
			    char *why, size_t size);
int nsaudit__parse_record(const struct nlmsghdr *nlh, size_t len, int family,
			  struct nsaudit_event *ev, char *why, size_t size);
int nsaudit__parse_lost(const struct nlmsghdr *nlh, size_t len, int family,
			struct nsaudit_event *ev, char *why, size_t size);
int nsaudit__parse_delfamily(const struct nlmsghdr *nlh, size_t len,
			     int family);
int nsaudit__next_msg(const void *buf, size_t len, size_t *off,
		      const struct nlmsghdr **nlhp);

/* What the daemon's socket brought: see nsaudit__daemon_msg(). */
struct nsaudit_daemon_ctx {
	int family;		/* the nsaudit family's id */
	uint32_t port;		/* the socket's port */
	bool unregistering;	/* an UNREGISTER was sent ... */
	uint32_t unreg_seq;	/* ... with this sequence number */
	bool unreg_resent;	/* ... again, its first answer lost */
};

int nsaudit__daemon_msg(const struct nlmsghdr *nlh, size_t len,
			const struct nsaudit_daemon_ctx *ctx,
			struct nsaudit_event *ev, char *why, size_t size);

/* Per-namespace rules: requests, and the messages of a LIST_RULES dump. */
struct audit_rule_data;
int nsaudit__check_rule(const struct audit_rule_data *r, size_t len,
			char *why, size_t size);
int nsaudit__build_rule(int family, uint8_t cmd,
			const struct audit_rule_data *r, size_t len,
			struct nl_msg **msgp, char *why, size_t size);
int nsaudit__build_list_rules(int family, struct nl_msg **msgp);
int nsaudit__build_delete_all(int family, struct nl_msg **msgp);
int nsaudit__parse_rule(const struct nlmsghdr *nlh, size_t len, int family,
			const struct audit_rule_data **rp, size_t *rlen,
			char *why, size_t size);
int nsaudit__parse_done(const struct nlmsghdr *nlh, size_t len, int *error,
			char *text, size_t size);

/* Audit container IDs: SET_CONTID and GET_CONTID, and the latter's reply. */
int nsaudit__build_contid_set(int family, int pid, uint64_t id,
			      const char *name, struct nl_msg **msgp,
			      char *why, size_t size);
int nsaudit__build_contid_get(int family, int pid, struct nl_msg **msgp,
			      char *why, size_t size);
int nsaudit__parse_contid(const struct nlmsghdr *nlh, size_t len, int family,
			  int pid, uint64_t *id, char *why, size_t size);

/* Delegation: DELEGATE and UNDELEGATE, answered by the ACK alone. */
int nsaudit__build_delegate(int family, int pid, struct nl_msg **msgp,
			    char *why, size_t size);
int nsaudit__build_undelegate(int family, int pid, struct nl_msg **msgp,
			      char *why, size_t size);

/* client.c: nsaudit_open_err() with other names, for the unit tests. */
int nsaudit__open_family(struct nsaudit_handle **hp, const char *family,
			 const char *group, bool status, char *msg,
			 size_t size);

/* daemon.c: nsaudit_daemon_register() likewise. */
int nsaudit__daemon_open(struct nsaudit_daemon **dp, const char *family,
			 bool status, bool reg, uint32_t backlog,
			 struct nsaudit_daemon_info *info, char *msg,
			 size_t size);

#endif /* NSAUDIT_LIB_MSG_H */
