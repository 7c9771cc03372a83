// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * A per-namespace audit daemon's connection: its own socket, registered
 * with NSAUDIT_CMD_REGISTER, then records received on it.
 *
 * The socket is opened like any handle's (client.c: options, family,
 * version check), and then read with plain recvmsg() into one buffer
 * allocated at registration: records may come at tens of thousands per
 * second, so the receive path neither allocates nor goes through libnl's
 * callbacks. A datagram may hold several messages; they are handed out
 * one per call, in order. What each message means is msg.c's
 * nsaudit__daemon_msg(), which the unit tests check without a module.
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
#include <netlink/genl/genl.h>
#include <netlink/msg.h>
#include <netlink/socket.h>

#include "client.h"
#include "msg.h"

/*
 * Receive buffer. An audit record is at most 8970 bytes
 * (MAX_AUDIT_MESSAGE_LENGTH) plus headers, so this holds any datagram of
 * one record and many of several; a larger one is reported (-EBADMSG)
 * and the buffer grown for the next.
 */
#define NSAUDIT_RECV_BUF	(64 * 1024)

/* What the socket's receive buffer is asked to be; rmem_max caps it. */
#define NSAUDIT_RCVBUF		(4 * 1024 * 1024)

struct nsaudit_daemon {
	struct nsaudit_handle *h;	/* socket, family, status request */
	int fd;
	struct nsaudit_daemon_ctx ctx;	/* family, port, UNREGISTER's seq */
	bool ended;			/* END returned: nothing follows */
	char *buf;			/* the last datagram ... */
	size_t size;			/* ... the buffer's size */
	size_t len, off;		/* ... its length, the next message */
	char errmsg[NSAUDIT__TEXT_SIZE];
};

static int nsaudit_dfail(struct nsaudit_daemon *d, int err,
			 const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Record the library's explanation of @err on @d; returns @err. */
static int nsaudit_dfail(struct nsaudit_daemon *d, int err,
			 const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(d->errmsg, sizeof(d->errmsg), fmt, ap);
	va_end(ap);
	return err;
}

/* Absolute CLOCK_MONOTONIC deadline @ms from now. */
static void nsaudit_deadline(struct timespec *t, int ms)
{
	clock_gettime(CLOCK_MONOTONIC, t);
	t->tv_sec += ms / 1000;
	t->tv_nsec += (long)(ms % 1000) * 1000000;
	if (t->tv_nsec >= 1000000000) {
		t->tv_sec++;
		t->tv_nsec -= 1000000000;
	}
}

/* Milliseconds left until @t, rounded up; 0 once it has passed. */
static int nsaudit_left(const struct timespec *t)
{
	struct timespec now;
	long long ms;

	clock_gettime(CLOCK_MONOTONIC, &now);
	ms = (long long)(t->tv_sec - now.tv_sec) * 1000 +
	     (t->tv_nsec - now.tv_nsec + 999999) / 1000000;
	if (ms < 0)
		return 0;
	return ms > INT32_MAX ? INT32_MAX : (int)ms;
}

/*
 * Read one datagram from the kernel into d->buf, waiting until @deadline
 * (NULL: for ever). The socket is tried first and polled only if empty,
 * so that a busy daemon makes one system call per datagram. A signal
 * ends the wait with -EINTR if @intr, else the wait goes on.
 */
static int nsaudit_fill(struct nsaudit_daemon *d,
			const struct timespec *deadline, bool intr)
{
	struct pollfd pfd = { .fd = d->fd, .events = POLLIN };
	struct sockaddr_nl src;
	struct iovec iov = { .iov_base = d->buf, .iov_len = d->size };
	struct msghdr mh = {
		.msg_name = &src, .msg_namelen = sizeof(src),
		.msg_iov = &iov, .msg_iovlen = 1,
	};
	ssize_t n;
	char *bigger;
	int r;

	for (;;) {
		mh.msg_namelen = sizeof(src);
		/* MSG_TRUNC: the datagram's real length, to tell it was cut. */
		n = recvmsg(d->fd, &mh, MSG_DONTWAIT | MSG_TRUNC);
		if (n >= 0) {
			/* Only the kernel speaks for the module. */
			if (src.nl_pid != 0)
				continue;
			if ((size_t)n <= d->size) {
				d->len = (size_t)n;
				d->off = 0;
				return 0;
			}
			bigger = realloc(d->buf, (size_t)n);
			if (bigger) {
				d->buf = bigger;
				d->size = (size_t)n;
			}
			return nsaudit_dfail(d, -EBADMSG,
					     "a datagram of %zd bytes did not fit the receive buffer and was dropped",
					     n);
		}
		if (errno == EINTR) {
			if (intr)
				return nsaudit_dfail(d, -EINTR,
						     "interrupted by a signal");
			continue;
		}
		if (errno != EAGAIN && errno != EWOULDBLOCK) {
			char buf[128];

			r = -errno;
			nsaudit__strerror(r, buf, sizeof(buf));
			return nsaudit_dfail(d, r,
					     "receiving from the module: %s",
					     buf);
		}

		if (deadline && !nsaudit_left(deadline))
			return -ETIMEDOUT;
		r = poll(&pfd, 1, deadline ? nsaudit_left(deadline) : -1);
		if (r < 0 && errno == EINTR) {
			if (intr)
				return nsaudit_dfail(d, -EINTR,
						     "interrupted by a signal");
			continue;
		}
		if (r < 0) {
			char buf[128];

			r = -errno;
			return nsaudit_dfail(d, r, "poll: %s",
					     nsaudit__strerror(r, buf,
							       sizeof(buf)));
		}
		if (r == 0)
			return -ETIMEDOUT;
	}
}

/* The next message from the kernel, reading a datagram when needed. */
static int nsaudit_next(struct nsaudit_daemon *d,
			const struct timespec *deadline, bool intr,
			const struct nlmsghdr **nlhp)
{
	int r;

	for (;;) {
		r = nsaudit__next_msg(d->buf, d->len, &d->off, nlhp);
		if (r > 0)
			return 0;
		if (r < 0)
			return nsaudit_dfail(d, r, "malformed datagram");
		r = nsaudit_fill(d, deadline, intr);
		if (r)
			return r;
	}
}

/* Send @msg (consumed); its sequence number into @seq. */
static int nsaudit_dsend(struct nsaudit_daemon *d, struct nl_msg *msg,
			 uint32_t *seq)
{
	char buf[128];
	int err;

	errno = 0;
	err = nl_send_auto(d->h->sk, msg);
	if (err < 0) {
		err = nsaudit__nlerr(err, errno);
		nlmsg_free(msg);
		return nsaudit_dfail(d, err, "sending to the module: %s",
				     nsaudit__strerror(err, buf, sizeof(buf)));
	}
	*seq = nlmsg_hdr(msg)->nlmsg_seq;
	nlmsg_free(msg);
	return 0;
}

/*
 * The socket's options for receiving records. NO_ENOBUFS is essential:
 * the module keeps records queued while the socket is full, and an
 * ENOBUFS would only interrupt the reader. A larger buffer only helps,
 * so its failure is not fatal.
 */
static int nsaudit_daemon_sockopts(struct nsaudit_daemon *d)
{
	const struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };
	int one = 1, rcvbuf = NSAUDIT_RCVBUF;
	char buf[128];
	int err;

	if (setsockopt(d->fd, SOL_NETLINK, NETLINK_NO_ENOBUFS, &one,
		       sizeof(one))) {
		err = -errno;
		return nsaudit_dfail(d, err,
				     "cannot set NETLINK_NO_ENOBUFS: %s",
				     nsaudit__strerror(err, buf, sizeof(buf)));
	}
	(void)setsockopt(d->fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf,
			 sizeof(rcvbuf));
	/*
	 * Connected to the kernel: netlink then refuses (ECONNREFUSED) what
	 * any other socket of this network namespace sends to it, so no
	 * process can slip forged records or notices into the daemon.
	 */
	if (connect(d->fd, (const struct sockaddr *)&kernel, sizeof(kernel))) {
		err = -errno;
		return nsaudit_dfail(d, err,
				     "cannot connect the socket to the kernel: %s",
				     nsaudit__strerror(err, buf, sizeof(buf)));
	}

	/* Before REGISTER, so that no DELFAMILY can slip past. */
	errno = 0;
	err = nl_socket_add_membership(d->h->sk, d->h->ctrl_grp);
	if (err < 0) {
		err = nsaudit__nlerr(err, errno);
		return nsaudit_dfail(d, err,
				     "cannot join the genetlink controller's \"notify\" group: %s",
				     nsaudit__strerror(err, buf, sizeof(buf)));
	}
	/* REGISTER goes without NLM_F_ACK; libnl would add it to every send. */
	nl_socket_disable_auto_ack(d->h->sk);
	return 0;
}

/* Send REGISTER and wait for its reply (or refusal); records follow it. */
static int nsaudit_daemon_do_register(struct nsaudit_daemon *d,
				      uint32_t backlog,
				      struct nsaudit_daemon_info *info)
{
	const struct nlmsghdr *nlh;
	struct nl_msg *msg;
	uint32_t seq;
	int err, error;

	err = nsaudit__build_register(d->ctx.family, backlog, &msg, d->errmsg,
				      sizeof(d->errmsg));
	if (err == -ENOMEM)
		return nsaudit_dfail(d, err, "out of memory");
	if (err)
		return err;
	err = nsaudit_dsend(d, msg, &seq);
	if (err)
		return err;

	for (;;) {
		err = nsaudit_next(d, NULL, false, &nlh);
		if (err)
			return err;
		/* Only the controller's news can come before the answer. */
		if (nsaudit__parse_delfamily(nlh, nlh->nlmsg_len,
					     d->ctx.family))
			return nsaudit_dfail(d, -ENOENT,
					     "the nsaudit module went away");
		if (nlh->nlmsg_seq != seq || nlh->nlmsg_pid != d->ctx.port)
			continue;
		if (nlh->nlmsg_type == NLMSG_ERROR) {
			err = nsaudit__parse_error(nlh, nlh->nlmsg_len, &error,
						   d->errmsg,
						   sizeof(d->errmsg));
			if (err)
				return nsaudit_dfail(d, err,
						     "malformed answer to REGISTER");
			if (!error)
				return nsaudit_dfail(d, -EBADMSG,
						     "the module acknowledged without a reply");
			return error;
		}
		if (nlh->nlmsg_type == d->ctx.family)
			return nsaudit__parse_register(nlh, nlh->nlmsg_len,
						       d->ctx.family, info,
						       d->errmsg,
						       sizeof(d->errmsg));
	}
}

/**
 * nsaudit__daemon_open() - nsaudit_daemon_register() on any family
 * @dp: as for nsaudit_daemon_register()
 * @family: generic netlink family name
 * @status: ask for the status first: check the version and the feature
 * @reg: send REGISTER and wait for its reply
 * @backlog: as for nsaudit_daemon_register()
 * @info: as for nsaudit_daemon_register()
 * @msg: as for nsaudit_daemon_register()
 * @size: as for nsaudit_daemon_register()
 *
 * Lets the unit tests run the registration, and the receive path without
 * one, against a family that every kernel has ("nlctrl"), which refuses
 * both REGISTER and UNREGISTER; the library itself uses only nsaudit's
 * name, and always @status and @reg.
 *
 * Return: as nsaudit_daemon_register().
 */
int nsaudit__daemon_open(struct nsaudit_daemon **dp, const char *family,
			 bool status, bool reg, uint32_t backlog,
			 struct nsaudit_daemon_info *info, char *msg,
			 size_t size)
{
	const struct nsaudit_open_opts o = {
		.family = family,
		.group = NSAUDIT_MCGRP_CONFIG,
		.status = status,
		.ctrl_grp = true,
	};
	struct nsaudit_daemon_info got = { .registered = 0 };
	struct nsaudit_status st;
	struct nsaudit_daemon *d;
	int err;

	if (msg && size)
		msg[0] = '\0';
	if (!dp || (!msg && size)) {
		if (dp)
			*dp = NULL;
		if (msg && size)
			snprintf(msg, size, "invalid arguments");
		return -EINVAL;
	}
	*dp = NULL;

	d = calloc(1, sizeof(*d));
	if (!d) {
		if (size)
			snprintf(msg, size, "out of memory");
		return -ENOMEM;
	}
	/* A bad backlog is refused before anything is opened. */
	err = nsaudit__check_backlog(backlog, d->errmsg, sizeof(d->errmsg));
	if (err)
		goto err_text;

	d->size = NSAUDIT_RECV_BUF;
	d->buf = malloc(d->size);
	if (!d->buf) {
		err = nsaudit_dfail(d, -ENOMEM, "out of memory");
		goto err_text;
	}
	err = nsaudit__open(&d->h, &o, &st, d->errmsg, sizeof(d->errmsg));
	if (err)
		goto err_text;
	if (status && !(st.features & NSAUDIT_FEATURE_DAEMONS)) {
		err = nsaudit_dfail(d, -EPROTO,
				    "the module (interface %u.%u) has no per-namespace daemons",
				    st.version_major, st.version_minor);
		goto err_text;
	}
	d->fd = nl_socket_get_fd(d->h->sk);
	d->ctx.family = d->h->family;
	d->ctx.port = nl_socket_get_local_port(d->h->sk);

	err = nsaudit_daemon_sockopts(d);
	if (err)
		goto err_text;
	if (reg) {
		err = nsaudit_daemon_do_register(d, backlog, &got);
		if (err)
			goto err_text;
	}

	if (info)
		*info = got;
	d->errmsg[0] = '\0';
	*dp = d;
	return 0;

err_text:
	if (size)
		snprintf(msg, size, "%s", d->errmsg);
	nsaudit_daemon_close(d);
	return err;
}

int nsaudit_daemon_register(struct nsaudit_daemon **dp, uint32_t backlog,
			    struct nsaudit_daemon_info *info, char *msg,
			    size_t size)
{
	return nsaudit__daemon_open(dp, NSAUDIT_GENL_NAME, true, true, backlog,
				    info, msg, size);
}

int nsaudit_daemon_fd(const struct nsaudit_daemon *d)
{
	return d ? d->fd : -EINVAL;
}

/*
 * The kernel handles UNREGISTER within the send, but its ACK is dropped
 * if the socket is full of records at that moment. So while unregistering,
 * a wait never lasts more than this; when it runs out with nothing come,
 * the request is sent again, and its ENOENT then means the first worked.
 */
#define NSAUDIT_UNREG_RESEND_MS	1000

static int nsaudit_daemon_send_unregister(struct nsaudit_daemon *d)
{
	struct nl_msg *msg;
	uint32_t seq;
	int err;

	err = nsaudit__build_unregister(d->ctx.family, &msg);
	if (err)
		return nsaudit_dfail(d, err, "out of memory");
	err = nsaudit_dsend(d, msg, &seq);
	if (err)
		return err;
	d->ctx.unreg_seq = seq;
	return 0;
}

/* The next message, resending UNREGISTER while its answer is overdue. */
static int nsaudit_daemon_next(struct nsaudit_daemon *d,
			       const struct timespec *deadline,
			       const struct nlmsghdr **nlhp)
{
	struct timespec resend;
	bool sooner;
	int r;

	for (;;) {
		if (!d->ctx.unregistering)
			return nsaudit_next(d, deadline, true, nlhp);
		nsaudit_deadline(&resend, NSAUDIT_UNREG_RESEND_MS);
		sooner = !deadline ||
			 nsaudit_left(&resend) < nsaudit_left(deadline);
		r = nsaudit_next(d, sooner ? &resend : deadline, true, nlhp);
		if (r != -ETIMEDOUT || !sooner)
			return r;
		r = nsaudit_daemon_send_unregister(d);
		if (r)
			return r;
		d->ctx.unreg_resent = true;
	}
}

int nsaudit_daemon_recv(struct nsaudit_daemon *d, struct nsaudit_event *ev,
			int timeout_ms)
{
	const struct nlmsghdr *nlh;
	struct timespec deadline;
	int r;

	if (!d)
		return -EINVAL;
	if (!ev || timeout_ms < -1)
		return nsaudit_dfail(d, -EINVAL, "invalid arguments");
	if (d->ended)
		return nsaudit_dfail(d, -EINVAL, "the registration is over");
	if (timeout_ms >= 0)
		nsaudit_deadline(&deadline, timeout_ms);

	for (;;) {
		r = nsaudit_daemon_next(d, timeout_ms >= 0 ? &deadline : NULL,
					&nlh);
		if (r == -ETIMEDOUT)
			return nsaudit_dfail(d, r, "nothing within %d ms",
					     timeout_ms);
		if (r)
			return r;
		r = nsaudit__daemon_msg(nlh, nlh->nlmsg_len, &d->ctx, ev,
					d->errmsg, sizeof(d->errmsg));
		if (r < 0)
			return r;
		if (r > 0)
			break;
	}
	if (ev->kind == NSAUDIT_EVENT_END)
		d->ended = true;
	return 0;
}

int nsaudit_daemon_unregister(struct nsaudit_daemon *d)
{
	int err;

	if (!d)
		return -EINVAL;
	if (d->ctx.unregistering || d->ended)
		return nsaudit_dfail(d, -EINVAL,
				     "the registration is already ending");
	err = nsaudit_daemon_send_unregister(d);
	if (err)
		return err;
	d->ctx.unregistering = true;
	return 0;
}

void nsaudit_daemon_close(struct nsaudit_daemon *d)
{
	if (!d)
		return;
	nsaudit_close(d->h);
	free(d->buf);
	free(d);
}

const char *nsaudit_daemon_errmsg(const struct nsaudit_daemon *d)
{
	return d ? d->errmsg : "";
}
