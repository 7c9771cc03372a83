// SPDX-License-Identifier: GPL-2.0
/*
 * nsa-auditd: the smallest audit daemon that loses nothing, for the VM lanes
 * that run without auditd. It registers as the host audit daemon, enables
 * audit with no rate limit and a deep backlog, and appends every record to
 * FILE in audit.log line format (type=NAME msg=audit(...): ...), one
 * flushed line per record, so scenarios can read the log while it runs.
 *
 * Usage: nsa-auditd FILE | nsa-auditd --drain
 * It writes "ready lost=N" to stdout once registered (the kernel's lost
 * counter then). On SIGTERM it drains what
 * the kernel still has queued, prints "lost=N" (the kernel's lost counter)
 * and exits 0.
 *
 * --drain: the cheapest consumer there is, for make bench's row of the
 * kernel's own cost: each message is read into one buffer and dropped,
 * nothing parsed or written. Prints "records=N lost=N" at the end.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <libaudit.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

static volatile sig_atomic_t stopping;

static void on_term(int sig)
{
	(void)sig;
	stopping = 1;
}

static void write_record(FILE *out, const struct audit_reply *rep)
{
	const char *name = audit_msg_type_to_name(rep->type);
	int len = rep->len;

	/* Kernel records carry the payload length in nlmsg_len. */
	if (len < 0)
		len = 0;
	len = (int)strnlen(rep->message, (size_t)len);
	if (name)
		fprintf(out, "type=%s msg=%.*s\n", name, len, rep->message);
	else
		fprintf(out, "type=UNKNOWN[%d] msg=%.*s\n", rep->type, len,
			rep->message);
	fflush(out);
}

/* Reads every record available within @timeout_ms; returns how many. */
static int pump(int fd, FILE *out, int timeout_ms)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	struct audit_reply rep;
	int n = 0;

	if (poll(&pfd, 1, timeout_ms) <= 0)
		return 0;
	while (audit_get_reply(fd, &rep, GET_REPLY_NONBLOCKING, 0) > 0) {
		/* Everything the kernel logs; not netlink control or replies. */
		if (rep.type > AUDIT_GET && rep.type != AUDIT_SIGNAL_INFO)
			write_record(out, &rep);
		n++;
	}
	return n;
}

static int lost_count(int fd)
{
	struct audit_reply rep;
	int i;

	if (audit_request_status(fd) <= 0)
		return -1;
	for (i = 0; i < 1000; i++) {
		struct pollfd pfd = { .fd = fd, .events = POLLIN };

		if (poll(&pfd, 1, 100) <= 0)
			continue;
		if (audit_get_reply(fd, &rep, GET_REPLY_NONBLOCKING, 0) <= 0)
			continue;
		if (rep.type == AUDIT_GET)
			return (int)rep.status->lost;
	}
	return -1;
}

/*
 * Reads and drops every message. With @quiet_ms, until none came for that
 * long; else until SIGTERM, in recv() calls that block for at most a
 * second (SO_RCVTIMEO), so that a SIGTERM landing between two calls is
 * seen within one. Returns how many were read.
 */
static long drain(int fd, int quiet_ms)
{
	static char buf[MAX_AUDIT_MESSAGE_LENGTH + 64];
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	long n = 0;

	while (quiet_ms || !stopping) {
		if (quiet_ms && poll(&pfd, 1, quiet_ms) <= 0)
			break;
		if (recv(fd, buf, sizeof(buf), quiet_ms ? MSG_DONTWAIT : 0) >= 0)
			n++;
		else if (errno != EINTR && errno != EAGAIN && errno != ENOBUFS)
			break;
	}
	return n;
}

int main(int argc, char **argv)
{
	struct sigaction sa = { .sa_handler = on_term };
	struct timeval second = { .tv_sec = 1 };
	FILE *out = NULL;
	bool only_drain;
	long records;
	int fd;

	if (argc != 2) {
		fprintf(stderr, "usage: nsa-auditd FILE | nsa-auditd --drain\n");
		return 2;
	}
	only_drain = !strcmp(argv[1], "--drain");
	if (!only_drain)
		out = fopen(argv[1], "a");
	if (!only_drain && !out) {
		fprintf(stderr, "nsa-auditd: %s: %s\n", argv[1], strerror(errno));
		return 1;
	}
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);

	fd = audit_open();
	if (fd < 0 || audit_set_pid(fd, getpid(), WAIT_YES) <= 0 ||
	    audit_set_rate_limit(fd, 0) <= 0 ||
	    audit_set_backlog_limit(fd, 65536) <= 0 ||
	    audit_set_enabled(fd, 1) <= 0) {
		fprintf(stderr, "nsa-auditd: cannot become the audit daemon\n");
		return 1;
	}
	/* What was lost before (a system that booted without a daemon). */
	printf("ready lost=%d\n", lost_count(fd));
	fflush(stdout);

	if (only_drain) {
		/* No SA_RESTART: SIGTERM ends a blocking recv() at once. */
		if (setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &second, sizeof(second))) {
			perror("nsa-auditd: SO_RCVTIMEO");
			return 1;
		}
		records = drain(fd, 0);
		records += drain(fd, 500);
		printf("records=%ld lost=%d\n", records, lost_count(fd));
		fflush(stdout);
		audit_set_pid(fd, 0, WAIT_NO);
		audit_close(fd);
		return 0;
	}
	while (!stopping)
		pump(fd, out, 1000);
	/* Drain: the kernel may still hold records of the last syscalls. */
	while (pump(fd, out, 500) > 0)
		;
	printf("lost=%d\n", lost_count(fd));
	fflush(stdout);
	audit_set_pid(fd, 0, WAIT_NO);
	audit_close(fd);
	fclose(out);
	return 0;
}
