// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The connection to the module: one libnl generic netlink socket per
 * handle, requests answered on it, and configuration notifications.
 *
 * Each call builds its own struct nl_cb whose callbacks write into a
 * context on the caller's stack, so nothing is shared between handles or
 * calls. libnl reports NLE_* codes, not errno; the kernel's errno is taken
 * from its NLMSG_ERROR by our own error callback, the socket's from the
 * socket where it matters (ENOBUFS), and only what remains goes through
 * nsaudit__errno_of_nlerr().
 */
#define _DEFAULT_SOURCE	/* SOL_NETLINK; struct addrinfo for libnl */

#include <errno.h>
#include <poll.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <netlink/errno.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/handlers.h>
#include <netlink/msg.h>
#include <netlink/socket.h>

#include "client.h"
#include "msg.h"

/* One request and its answer, or one wait for a notification. */
struct nsaudit_call {
	const struct nsaudit_handle *h;
	bool notification;	/* waiting for CONFIG_NTF, not an answer */
	uint8_t cmd;		/* reply expected (0: only the ACK) */
	int pid;		/* GET_NSID: the process asked for */
	uint32_t seq, port;	/* of the request: the answer carries them */
	bool replied;		/* the reply has been parsed */
	bool done;		/* ACK, error or notification seen */
	int err;		/* first failure, -errno */
	bool kernel_text;	/* text is the module's, from its NLMSG_ERROR */
	nsaudit_each_fn each;	/* a dump: called for each of its messages */
	nsaudit_each_fn reply;	/* parses the reply (else the cmd's own) */
	void *each_arg;		/* for each or reply */
	bool intr;		/* a dump message had NLM_F_DUMP_INTR */
	char text[NSAUDIT__TEXT_SIZE];	/* its explanation */
	union {
		struct nsaudit_status st;
		struct nsaudit_nsid_set set;
	} out;
};

static void nsaudit_vtext(char *buf, size_t size, const char *fmt, va_list ap)
{
	if (buf && size)
		vsnprintf(buf, size, fmt, ap);
}

/* Record the library's own explanation of @err on @h; returns @err. */
int nsaudit__fail(struct nsaudit_handle *h, int err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	nsaudit_vtext(h->errmsg, sizeof(h->errmsg), fmt, ap);
	va_end(ap);
	h->errmsg_kernel = false;
	return err;
}

/**
 * nsaudit__strerror() - strerror() that is thread-safe (XSI strerror_r)
 * @err: an errno value, negative or positive
 * @buf: buffer for the text
 * @size: size of @buf
 *
 * Return: @buf.
 */
const char *nsaudit__strerror(int err, char *buf, size_t size)
{
	int rc;

	if (err < 0)
		err = -err;
	/* An int result: the XSI strerror_r, not GNU's (_GNU_SOURCE). */
	rc = strerror_r(err, buf, size);
	if (rc)
		snprintf(buf, size, "error %d", err);
	return buf;
}

/**
 * nsaudit__nlerr() - a libnl failure as -errno
 * @nlerr: the NLE_* code libnl returned
 * @saved_errno: errno right after the failed libnl call
 *
 * libnl keeps no errno, but right after a failed system call errno still
 * holds it; it is trusted only if it is what libnl turned into @nlerr,
 * which keeps apart what libnl merges (ENOBUFS and ENOMEM, EMFILE and
 * every other unknown error).
 *
 * Return: a negative errno.
 */
int nsaudit__nlerr(int nlerr, int saved_errno)
{
	if (nlerr < 0)
		nlerr = -nlerr;
	if (saved_errno > 0 && nl_syserr2nlerr(saved_errno) == nlerr)
		return -saved_errno;
	return nsaudit__errno_of_nlerr(nlerr);
}

/* Only the kernel's answer to this very request (or, subscribed, its news). */
static int nsaudit_cb_seq(struct nl_msg *msg, void *arg)
{
	const struct nsaudit_call *c = arg;
	const struct nlmsghdr *nlh = nlmsg_hdr(msg);
	const struct sockaddr_nl *src = nlmsg_get_src(msg);

	if (src->nl_pid != 0)
		return NL_SKIP;
	if (c->notification)
		return NL_OK;
	/* Else a late answer to an earlier request that was given up on. */
	if (nlh->nlmsg_seq != c->seq || nlh->nlmsg_pid != c->port)
		return NL_SKIP;
	return NL_OK;
}

static void nsaudit_call_fail(struct nsaudit_call *c, int err)
{
	if (!c->err)
		c->err = err;
}

static int nsaudit_cb_valid(struct nl_msg *msg, void *arg)
{
	struct nsaudit_call *c = arg;
	const struct nlmsghdr *nlh = nlmsg_hdr(msg);
	/* libnl checked nlmsg_len against the datagram (nlmsg_ok()). */
	size_t len = nlh->nlmsg_len;
	int err;

	if (c->notification) {
		const struct genlmsghdr *gnlh = nlmsg_data(nlh);

		/* Other messages of the group: added by a newer minor. */
		if (nlh->nlmsg_type != c->h->family ||
		    (len >= NLMSG_HDRLEN + GENL_HDRLEN &&
		     gnlh->cmd != NSAUDIT_CMD_CONFIG_NTF))
			return NL_SKIP;
		err = nsaudit__parse_status(nlh, len, c->h->family,
					    NSAUDIT_CMD_CONFIG_NTF, &c->out.st,
					    c->text, sizeof(c->text));
		c->err = err;
		c->done = true;
		return NL_STOP;
	}

	/*
	 * A dump: every message goes to each(). After a failure the rest is
	 * still read, up to NLMSG_DONE, so that nothing of it is left on the
	 * socket for the next request.
	 */
	if (c->each) {
		if (c->err)
			return NL_SKIP;
		err = c->each(nlh, len, c->each_arg, c->text, sizeof(c->text));
		if (err)
			nsaudit_call_fail(c, err);
		return NL_OK;
	}

	/* A reply where only the ACK is due, or a second one: not ours. */
	if (!c->cmd || c->replied)
		return NL_SKIP;
	c->replied = true;
	if (c->reply)
		err = c->reply(nlh, len, c->each_arg, c->text,
			       sizeof(c->text));
	else if (c->cmd == NSAUDIT_CMD_GET_NSID)
		err = nsaudit__parse_nsid(nlh, len, c->h->family, c->pid,
					  &c->out.set, c->text,
					  sizeof(c->text));
	else
		err = nsaudit__parse_status(nlh, len, c->h->family, c->cmd,
					    &c->out.st, c->text,
					    sizeof(c->text));
	if (err)
		nsaudit_call_fail(c, err);
	/* Go on to the ACK, which ends the answer. */
	return NL_OK;
}

static int nsaudit_cb_err(struct sockaddr_nl *nla, struct nlmsgerr *e,
			  void *arg)
{
	struct nsaudit_call *c = arg;
	/* libnl hands over the payload of a complete NLMSG_ERROR message. */
	const struct nlmsghdr *nlh =
		(const struct nlmsghdr *)((const char *)e - NLMSG_HDRLEN);
	int error, err;

	(void)nla;
	if (c->notification)
		return NL_SKIP;
	c->done = true;
	if (c->err)
		return NL_STOP;
	err = nsaudit__parse_error(nlh, nlh->nlmsg_len, &error, c->text,
				   sizeof(c->text));
	c->err = err ? err : error;
	c->kernel_text = !err;
	return NL_STOP;
}

static int nsaudit_cb_ack(struct nl_msg *msg, void *arg)
{
	struct nsaudit_call *c = arg;

	(void)msg;
	if (c->notification)
		return NL_SKIP;
	c->done = true;
	return NL_STOP;
}

/* NLMSG_DONE ends a dump, with the dump's error if it failed part way. */
static int nsaudit_cb_finish(struct nl_msg *msg, void *arg)
{
	struct nsaudit_call *c = arg;
	const struct nlmsghdr *nlh = nlmsg_hdr(msg);
	char text[NSAUDIT__TEXT_SIZE];
	int error;

	if (c->notification)
		return NL_SKIP;
	c->done = true;
	if (nsaudit__parse_done(nlh, nlh->nlmsg_len, &error, text,
				sizeof(text)) || !error || c->err)
		return NL_STOP;
	c->err = error;
	memcpy(c->text, text, sizeof(c->text));
	c->kernel_text = true;
	return NL_STOP;
}

/* The dump was torn (the module's data changed); its messages still count. */
static int nsaudit_cb_intr(struct nl_msg *msg, void *arg)
{
	struct nsaudit_call *c = arg;

	(void)msg;
	c->intr = true;
	return NL_OK;
}

/* This call's callbacks, on a copy of the socket's set. */
static struct nl_cb *nsaudit_call_cb(struct nsaudit_handle *h,
				     struct nsaudit_call *c)
{
	struct nl_cb *orig, *cb;

	orig = nl_socket_get_cb(h->sk);
	if (!orig)
		return NULL;
	cb = nl_cb_clone(orig);
	nl_cb_put(orig);
	if (!cb)
		return NULL;
	if (nl_cb_set(cb, NL_CB_SEQ_CHECK, NL_CB_CUSTOM, nsaudit_cb_seq, c) ||
	    nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, nsaudit_cb_valid, c) ||
	    nl_cb_set(cb, NL_CB_ACK, NL_CB_CUSTOM, nsaudit_cb_ack, c) ||
	    nl_cb_set(cb, NL_CB_FINISH, NL_CB_CUSTOM, nsaudit_cb_finish, c) ||
	    nl_cb_set(cb, NL_CB_DUMP_INTR, NL_CB_CUSTOM, nsaudit_cb_intr, c) ||
	    nl_cb_err(cb, NL_CB_CUSTOM, nsaudit_cb_err, c)) {
		nl_cb_put(cb);
		return NULL;
	}
	return cb;
}

/* Milliseconds from now to @deadline (CLOCK_MONOTONIC), rounded up. */
static int nsaudit_ms_left(const struct timespec *deadline)
{
	struct timespec now;
	long long ms;

	clock_gettime(CLOCK_MONOTONIC, &now);
	ms = (long long)(deadline->tv_sec - now.tv_sec) * 1000 +
	     (deadline->tv_nsec - now.tv_nsec + 999999) / 1000000;
	if (ms < 0)
		return 0;
	return ms > INT32_MAX ? INT32_MAX : (int)ms;
}

/*
 * Wait until the socket has data, up to @deadline (NULL: for ever). A
 * socket error is taken here, with its errno, and thereby cleared: above
 * all ENOBUFS, which the kernel sets when messages were dropped because
 * the receive buffer was full, and which libnl would report as NLE_NOMEM.
 * EINTR is returned if @intr, else the wait goes on.
 */
static int nsaudit_wait(struct nsaudit_handle *h,
			const struct timespec *deadline, bool intr)
{
	struct pollfd pfd = {
		.fd = nl_socket_get_fd(h->sk),
		.events = POLLIN,
	};
	char byte;
	int n;

	for (;;) {
		n = poll(&pfd, 1, deadline ? nsaudit_ms_left(deadline) : -1);
		if (n < 0) {
			if (errno == EINTR && !intr)
				continue;
			return -errno;
		}
		if (n == 0)
			return -ETIMEDOUT;
		if (recv(pfd.fd, &byte, sizeof(byte),
			 MSG_PEEK | MSG_DONTWAIT) >= 0)
			return 0;
		if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
			return -errno;
	}
}

/* Receive until @c is done: its answer is complete, or its news came. */
static int nsaudit_receive(struct nsaudit_handle *h, struct nsaudit_call *c,
			   struct nl_cb *cb, const struct timespec *deadline)
{
	int n, err;

	while (!c->done) {
		err = nsaudit_wait(h, deadline, c->notification);
		if (err)
			return err;
		errno = 0;
		n = nl_recvmsgs_report(h->sk, cb);
		/* Our callbacks stop libnl with a code of its own. */
		if (c->done)
			break;
		if (n < 0)
			return nsaudit__nlerr(n, errno);
	}
	return c->err;
}

/* Text for a failure in receiving, where the module said nothing. */
static void nsaudit_receive_text(struct nsaudit_call *c, int err)
{
	char buf[128];

	snprintf(c->text, sizeof(c->text), "receiving from the module: %s",
		 nsaudit__strerror(err, buf, sizeof(buf)));
}

/*
 * Send @msg (consumed) and receive its answer into @c. On failure @h's
 * errmsg is the module's text, or the library's if the module sent none
 * because it did not refuse the request itself.
 */
static int nsaudit_request(struct nsaudit_handle *h, struct nl_msg *msg,
			   struct nsaudit_call *c)
{
	struct nl_cb *cb;
	char buf[128];
	int err;

	c->h = h;
	cb = nsaudit_call_cb(h, c);
	if (!cb) {
		nlmsg_free(msg);
		return nsaudit__fail(h, -ENOMEM, "out of memory");
	}

	errno = 0;
	err = nl_send_auto(h->sk, msg);
	if (err < 0) {
		err = nsaudit__nlerr(err, errno);
		nlmsg_free(msg);
		nl_cb_put(cb);
		return nsaudit__fail(h, err, "sending to the module: %s",
				    nsaudit__strerror(err, buf, sizeof(buf)));
	}
	c->seq = nlmsg_hdr(msg)->nlmsg_seq;
	c->port = nl_socket_get_local_port(h->sk);
	nlmsg_free(msg);

	err = nsaudit_receive(h, c, cb, NULL);
	nl_cb_put(cb);
	if (!err && c->cmd && !c->replied) {
		err = c->err = -EBADMSG;
		snprintf(c->text, sizeof(c->text),
			 "the module acknowledged without a reply");
	}
	if (err && !c->err)
		nsaudit_receive_text(c, err);
	if (err) {
		memcpy(h->errmsg, c->text, sizeof(h->errmsg));
		h->errmsg_kernel = c->kernel_text;
	}
	return err;
}

/**
 * nsaudit__request_ack() - send a request whose only answer is the ACK
 * @h: the handle
 * @msg: the request (consumed), built with NLM_F_ACK
 *
 * Return: 0, or a negative errno with @h's errmsg set.
 */
int nsaudit__request_ack(struct nsaudit_handle *h, struct nl_msg *msg)
{
	struct nsaudit_call c = { .cmd = 0 };

	return nsaudit_request(h, msg, &c);
}

/**
 * nsaudit__request_reply() - send a request answered by one reply and the ACK
 * @h: the handle
 * @msg: the request (consumed), built with NLM_F_ACK
 * @cmd: the command of the reply
 * @parse: called with the reply and a buffer for its reason; returns 0 or
 *         a negative errno (-EBADMSG for a malformed reply)
 * @arg: passed to @parse, which writes its result there
 *
 * Return: 0; what @parse returned; -EBADMSG if the module acknowledged
 * without a reply; or another negative errno (the module's refusal). @h's
 * errmsg is set on failure.
 */
int nsaudit__request_reply(struct nsaudit_handle *h, struct nl_msg *msg,
			   uint8_t cmd, nsaudit_each_fn parse, void *arg)
{
	struct nsaudit_call c = {
		.cmd = cmd, .reply = parse, .each_arg = arg,
	};

	return nsaudit_request(h, msg, &c);
}

/**
 * nsaudit__request_dump() - send a dump request, hand out its messages
 * @h: the handle
 * @msg: the request (consumed), built with NLM_F_DUMP
 * @each: called for every message of the answer but NLMSG_DONE, with a
 *        buffer for its reason; a negative errno stops the calls (the rest
 *        of the dump is read and dropped) and is returned
 * @arg: passed to @each
 *
 * Return: 0; what @each returned; -EAGAIN if the module marked the dump
 * NLM_F_DUMP_INTR (its data changed meanwhile: @each saw an inconsistent
 * set and the caller should ask again); or another negative errno (the
 * module's refusal, or the dump's error in NLMSG_DONE). @h's errmsg is set
 * on failure.
 */
int nsaudit__request_dump(struct nsaudit_handle *h, struct nl_msg *msg,
			  nsaudit_each_fn each, void *arg)
{
	struct nsaudit_call c = { .each = each, .each_arg = arg };
	int err;

	err = nsaudit_request(h, msg, &c);
	if (err || !c.intr)
		return err;
	return nsaudit__fail(h, -EAGAIN,
			     "the module's data changed during the dump; ask again");
}

/* GET_STATUS, whatever the handle's state (nsaudit_open() uses it too). */
static int nsaudit_get_status(struct nsaudit_handle *h,
			      struct nsaudit_status *st)
{
	struct nsaudit_call c = { .cmd = NSAUDIT_CMD_GET_STATUS };
	struct nl_msg *msg;
	int err;

	err = nsaudit__build_status(h->family, &msg);
	err = nsaudit__built(h, err);
	if (err)
		return err;
	err = nsaudit_request(h, msg, &c);
	if (err)
		return err;
	*st = c.out.st;
	return 0;
}

/* Socket, options, family and groups: everything but the first request. */
static int nsaudit_connect(struct nsaudit_handle *h,
			   const struct nsaudit_open_opts *o)
{
	const char *family = o->family, *group = o->group;
	static const int opts[] = { NETLINK_EXT_ACK, NETLINK_CAP_ACK };
	char buf[128];
	size_t i;
	int err, fd, one = 1;

	h->sk = nl_socket_alloc();
	if (!h->sk)
		return nsaudit__fail(h, -ENOMEM, "out of memory");

	errno = 0;
	err = genl_connect(h->sk);
	if (err < 0) {
		err = nsaudit__nlerr(err, errno);
		return nsaudit__fail(h, err,
				    "cannot open a generic netlink socket: %s",
				    nsaudit__strerror(err, buf, sizeof(buf)));
	}

	/*
	 * The module's error texts, and errors that do not echo the whole
	 * request. Kernels older than 4.12 lack EXT_ACK: they only lose the
	 * texts, so ENOPROTOOPT is not fatal.
	 */
	fd = nl_socket_get_fd(h->sk);
	for (i = 0; i < sizeof(opts) / sizeof(opts[0]); i++) {
		if (!setsockopt(fd, SOL_NETLINK, opts[i], &one, sizeof(one)) ||
		    errno == ENOPROTOOPT)
			continue;
		err = -errno;
		nsaudit__strerror(err, buf, sizeof(buf));
		return nsaudit__fail(h, err,
				    "cannot set netlink socket option %d: %s",
				    opts[i], buf);
	}

	/*
	 * All names are resolved here, before any request of ours: libnl's
	 * controller queries check sequence numbers its own way, which our
	 * requests (see nsaudit_cb_seq()) do not keep in step.
	 */
	errno = 0;
	err = genl_ctrl_resolve(h->sk, family);
	if (err < 0) {
		err = nsaudit__nlerr(err, errno);
		if (err == -ENOENT)
			return nsaudit__fail(h, err,
					    "nsaudit module not loaded (no \"%s\" generic netlink family)",
					    family);
		nsaudit__strerror(err, buf, sizeof(buf));
		return nsaudit__fail(h, err,
				    "cannot resolve the \"%s\" generic netlink family: %s",
				    family, buf);
	}
	h->family = err;

	errno = 0;
	err = genl_ctrl_resolve_grp(h->sk, family, group);
	if (err < 0) {
		err = nsaudit__nlerr(err, errno);
		/* Only nsaudit_config_subscribe() needs it: fail there. */
		if (err != -ENOENT) {
			nsaudit__strerror(err, buf, sizeof(buf));
			return nsaudit__fail(h, err,
					    "cannot resolve the \"%s\" multicast group: %s",
					    group, buf);
		}
	}
	h->config_grp = err;

	/* The controller's news: a daemon learns there that the family went. */
	h->ctrl_grp = -ENOENT;
	if (o->ctrl_grp) {
		errno = 0;
		err = genl_ctrl_resolve_grp(h->sk, "nlctrl", "notify");
		if (err < 0) {
			err = nsaudit__nlerr(err, errno);
			nsaudit__strerror(err, buf, sizeof(buf));
			return nsaudit__fail(h, err,
					    "cannot resolve the genetlink controller's \"notify\" group: %s",
					    buf);
		}
		h->ctrl_grp = err;
	}
	return 0;
}

/**
 * nsaudit__open_family() - nsaudit_open_err() on any family and group
 * @hp: as for nsaudit_open_err()
 * @family: generic netlink family name
 * @group: name of the family's configuration multicast group
 * @status: ask for the status (and check the version) before returning
 * @msg: as for nsaudit_open_err()
 * @size: as for nsaudit_open_err()
 *
 * Lets the unit tests run the request path against a family that every
 * kernel has ("nlctrl"); the library itself uses only nsaudit's names,
 * and always @status.
 *
 * Return: as nsaudit_open_err().
 */
int nsaudit__open_family(struct nsaudit_handle **hp, const char *family,
			 const char *group, bool status, char *msg, size_t size)
{
	const struct nsaudit_open_opts o = {
		.family = family, .group = group, .status = status,
	};
	struct nsaudit_status st;

	return nsaudit__open(hp, &o, &st, msg, size);
}

/**
 * nsaudit__open() - open a handle, the way every handle is opened
 * @hp: as for nsaudit_open_err()
 * @o: family and group names, and what to do besides
 * @st: receives the status if @o->status; else left alone
 * @msg: as for nsaudit_open_err()
 * @size: as for nsaudit_open_err()
 *
 * Return: as nsaudit_open_err().
 */
int nsaudit__open(struct nsaudit_handle **hp,
		  const struct nsaudit_open_opts *o, struct nsaudit_status *st,
		  char *msg, size_t size)
{
	struct nsaudit_handle *h;
	int err;

	if (msg && size)
		msg[0] = '\0';
	if (!hp || (!msg && size)) {
		if (hp)
			*hp = NULL;
		if (msg && size)
			snprintf(msg, size, "invalid arguments");
		return -EINVAL;
	}
	*hp = NULL;

	h = calloc(1, sizeof(*h));
	if (!h) {
		if (size)
			snprintf(msg, size, "out of memory");
		return -ENOMEM;
	}
	err = nsaudit_connect(h, o);
	if (!err && o->status)
		err = nsaudit_get_status(h, st);
	if (err) {
		if (size)
			snprintf(msg, size, "%s", h->errmsg);
		nsaudit_close(h);
		return err;
	}
	h->errmsg[0] = '\0';
	*hp = h;
	return 0;
}

int nsaudit_open_err(struct nsaudit_handle **hp, char *msg, size_t size)
{
	const struct nsaudit_open_opts o = {
		.family = NSAUDIT_GENL_NAME,
		.group = NSAUDIT_MCGRP_CONFIG,
		.status = true,
	};
	struct nsaudit_status st;

	return nsaudit__open(hp, &o, &st, msg, size);
}

int nsaudit_open(struct nsaudit_handle **hp)
{
	return nsaudit_open_err(hp, NULL, 0);
}

void nsaudit_close(struct nsaudit_handle *h)
{
	if (!h)
		return;
	if (h->sk)
		nl_socket_free(h->sk);
	free(h);
}

const char *nsaudit_errmsg(const struct nsaudit_handle *h)
{
	return h ? h->errmsg : "";
}

int nsaudit_errmsg_is_kernel(const struct nsaudit_handle *h)
{
	return h && h->errmsg_kernel;
}

/* Requests would take the notifications' place in the queue. */
int nsaudit__check_requests(struct nsaudit_handle *h)
{
	if (h->subscribed)
		return nsaudit__fail(h, -EINVAL,
				    "handle receives configuration changes; open another for requests");
	return 0;
}

/*
 * A request builder's result: a refusal keeps the builder's own message
 * (in h->errmsg, not the module's); ENOMEM gets one.
 */
int nsaudit__built(struct nsaudit_handle *h, int err)
{
	if (err == -ENOMEM)
		return nsaudit__fail(h, err, "out of memory");
	if (err)
		h->errmsg_kernel = false;
	return err;
}

int nsaudit_status(struct nsaudit_handle *h, struct nsaudit_status *st)
{
	int err;

	if (!h)
		return -EINVAL;
	if (!st)
		return nsaudit__fail(h, -EINVAL, "no status buffer given");
	err = nsaudit__check_requests(h);
	if (err)
		return err;
	return nsaudit_get_status(h, st);
}

int nsaudit_set(struct nsaudit_handle *h, const struct nsaudit_settings *s)
{
	struct nsaudit_call c = { .cmd = 0 };
	struct nl_msg *msg;
	int err;

	if (!h)
		return -EINVAL;
	err = nsaudit__check_requests(h);
	if (err)
		return err;
	err = nsaudit__build_set(h->family, s, &msg, h->errmsg,
				 sizeof(h->errmsg));
	err = nsaudit__built(h, err);
	if (err)
		return err;
	return nsaudit_request(h, msg, &c);
}

int nsaudit_nsid(struct nsaudit_handle *h, int pid,
		 struct nsaudit_nsid_set *set)
{
	struct nsaudit_call c = { .cmd = NSAUDIT_CMD_GET_NSID, .pid = pid };
	struct nl_msg *msg;
	int err;

	if (!h)
		return -EINVAL;
	if (!set)
		return nsaudit__fail(h, -EINVAL, "no nsID set buffer given");
	err = nsaudit__check_requests(h);
	if (err)
		return err;
	err = nsaudit__build_nsid(h->family, pid, &msg, h->errmsg,
				  sizeof(h->errmsg));
	err = nsaudit__built(h, err);
	if (err)
		return err;
	err = nsaudit_request(h, msg, &c);
	if (err)
		return err;
	*set = c.out.set;
	return 0;
}

int nsaudit_config_subscribe(struct nsaudit_handle *h)
{
	char buf[128];
	int err;

	if (!h)
		return -EINVAL;
	if (h->subscribed)
		return 0;
	if (h->config_grp < 0)
		return nsaudit__fail(h, h->config_grp,
				    "the module has no \"%s\" multicast group",
				    NSAUDIT_MCGRP_CONFIG);
	errno = 0;
	err = nl_socket_add_membership(h->sk, h->config_grp);
	if (err < 0) {
		err = nsaudit__nlerr(err, errno);
		return nsaudit__fail(h, err, "cannot join the \"%s\" group: %s",
				    NSAUDIT_MCGRP_CONFIG,
				    nsaudit__strerror(err, buf, sizeof(buf)));
	}
	/* Notifications carry sequence number 0; ours accept them anyway. */
	nl_socket_disable_seq_check(h->sk);
	h->subscribed = true;
	return 0;
}

int nsaudit_config_next(struct nsaudit_handle *h, struct nsaudit_status *st,
			int timeout_ms)
{
	struct nsaudit_call c = {
		.notification = true,
		.cmd = NSAUDIT_CMD_CONFIG_NTF,
	};
	struct timespec deadline;
	struct nl_cb *cb;
	int err;

	if (!h)
		return -EINVAL;
	if (!st || timeout_ms < -1)
		return nsaudit__fail(h, -EINVAL, "invalid arguments");
	if (!h->subscribed)
		return nsaudit__fail(h, -EINVAL,
				    "handle is not subscribed to configuration changes");
	if (timeout_ms >= 0) {
		clock_gettime(CLOCK_MONOTONIC, &deadline);
		deadline.tv_sec += timeout_ms / 1000;
		deadline.tv_nsec += (long)(timeout_ms % 1000) * 1000000;
		if (deadline.tv_nsec >= 1000000000) {
			deadline.tv_sec++;
			deadline.tv_nsec -= 1000000000;
		}
	}

	c.h = h;
	cb = nsaudit_call_cb(h, &c);
	if (!cb)
		return nsaudit__fail(h, -ENOMEM, "out of memory");
	err = nsaudit_receive(h, &c, cb, timeout_ms >= 0 ? &deadline : NULL);
	nl_cb_put(cb);

	switch (err) {
	case 0:
		*st = c.out.st;
		return 0;
	case -ETIMEDOUT:
		return nsaudit__fail(h, err,
				    "no configuration change within %d ms",
				    timeout_ms);
	case -ENOBUFS:
		return nsaudit__fail(h, err,
				    "configuration changes were lost: the socket's receive buffer overflowed");
	case -EINTR:
		return nsaudit__fail(h, err, "interrupted by a signal");
	}
	if (!c.err)
		nsaudit_receive_text(&c, err);
	memcpy(h->errmsg, c.text, sizeof(h->errmsg));
	h->errmsg_kernel = c.kernel_text;
	return err;
}
