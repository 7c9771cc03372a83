// SPDX-License-Identifier: GPL-2.0
/*
 * nsaudit-oci-hook: an OCI runtime hook (createRuntime stage) that gives a
 * container's first process its audit container ID, with the container's
 * name for the CONTAINER_OP record, and delegates the container's user
 * namespace where the host's policy says so. See nsaudit-oci-hook(8).
 *
 * The runtime runs it after it made the container's namespaces and before
 * the container's program starts: the first process then has neither
 * threads nor children, as the module requires, and everything it starts
 * inherits the ID.
 *
 * Messages go to standard error, which the runtime logs. A failure stops
 * the container only if it is annotated io.nsaudit.required=true.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "state.h"

#ifndef NSAUDIT_VERSION
#define NSAUDIT_VERSION "0.1.0"
#endif
#define HOOK_CONFIG	"/etc/nsaudit/oci-hook.conf"

enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2 };

static const char *prog = "nsaudit-oci-hook";

/* The container named in every message: the ID as podman ps shows it. */
static char who[32] = "?";

static void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void say(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: container %s: ", prog, who);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* Reads all of @fd, at most @max bytes; the caller frees *@buf. */
static int slurp(int fd, size_t max, char **buf, size_t *len)
{
	size_t cap = 4096, n = 0;
	char *b = malloc(cap + 1), *nb;
	ssize_t r;

	if (!b)
		return -ENOMEM;
	for (;;) {
		if (n == cap) {
			if (cap > max) {
				free(b);
				return -EFBIG;
			}
			cap *= 2;
			nb = realloc(b, cap + 1);
			if (!nb) {
				free(b);
				return -ENOMEM;
			}
			b = nb;
		}
		r = read(fd, b + n, cap - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			r = -errno;
			free(b);
			return (int)r;
		}
		if (!r)
			break;
		n += (size_t)r;
	}
	if (n > max) {
		free(b);
		return -EFBIG;
	}
	b[n] = '\0';
	*buf = b;
	*len = n;
	return 0;
}

/* The host's policy; a missing file means the defaults. */
static int read_policy(const char *path, struct hook_policy *pol)
{
	char why[HOOK_WHY_MAX], *text;
	size_t len;
	int fd, err;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 && errno == ENOENT)
		return hook_policy_parse("", 0, pol, why, sizeof(why));
	if (fd < 0) {
		say("%s: %s", path, strerror(errno));
		return -1;
	}
	err = slurp(fd, 65536, &text, &len);
	close(fd);
	if (err) {
		say("%s: %s", path, strerror(-err));
		return -1;
	}
	err = hook_policy_parse(text, len, pol, why, sizeof(why));
	free(text);
	if (err) {
		say("%s: %s", path, why);
		return -1;
	}
	return 0;
}

/* The module's words after the errno's, where it gave some. */
static void say_nsaudit(struct nsaudit_handle *h, const char *what, int err)
{
	const char *msg = nsaudit_errmsg(h);

	if (msg && *msg)
		say("%s: %s (%s: %s)", what, strerror(-err),
		    nsaudit_errmsg_is_kernel(h) ? "kernel reports" : "libnsaudit",
		    msg);
	else
		say("%s: %s", what, strerror(-err));
}

/* 1 if @pid's user namespace is this process's, 0 if not, -1 on error. */
static int same_userns(int pid)
{
	char path[64];
	struct stat a, b;

	snprintf(path, sizeof(path), "/proc/%d/ns/user", pid);
	if (stat(path, &a) || stat("/proc/self/ns/user", &b)) {
		say("user namespace of pid %d: %s", pid, strerror(errno));
		return -1;
	}
	return a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

static int give_contid(struct nsaudit_handle *h, const struct hook_state *st,
		       uint64_t id)
{
	uint64_t cur;
	int err;

	err = nsaudit_contid_set_name(h, st->pid, id, st->name);
	if (err == -EEXIST && !nsaudit_contid_get(h, st->pid, &cur) &&
	    cur == id)
		return 0;	/* the hook ran twice: nothing to do */
	if (err) {
		say_nsaudit(h, "audit container ID", err);
		return -1;
	}
	return 0;
}

static int delegate(struct nsaudit_handle *h, const struct hook_state *st,
		    const struct hook_policy *pol, const char *config)
{
	int same, err;

	if (pol->delegate == HOOK_DELEGATE_NEVER ||
	    (pol->delegate == HOOK_DELEGATE_ANNOTATED &&
	     st->delegate != HOOK_YES)) {
		if (st->delegate == HOOK_YES)
			say("not delegated: the host's policy (%s) says never",
			    config);
		return 0;
	}
	same = same_userns(st->pid);
	if (same < 0)
		return -1;
	if (same) {
		/* The host's own: its daemon sees everything anyway. */
		if (st->delegate == HOOK_YES)
			say("not delegated: the container has no user namespace of its own");
		return 0;
	}
	err = nsaudit_delegate(h, st->pid);
	if (err && err != -EEXIST) {
		say_nsaudit(h, "delegation", err);
		return -1;
	}
	return 0;
}

static void usage(FILE *f)
{
	fprintf(f,
		"usage: %s [--config FILE]\n"
		"An OCI runtime hook of the createRuntime stage: reads the container's\n"
		"state on standard input, gives its process an audit container ID and\n"
		"delegates its user namespace as %s allows.\n",
		prog, HOOK_CONFIG);
}

int main(int argc, char **argv)
{
	const char *config = HOOK_CONFIG;
	char why[HOOK_WHY_MAX], *text = NULL;
	struct nsaudit_handle *h = NULL;
	struct hook_policy pol;
	struct hook_state st;
	size_t len = 0;
	uint64_t id;
	int i, err, failed = 0;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--config") && i + 1 < argc) {
			config = argv[++i];
		} else if (!strncmp(argv[i], "--config=", 9)) {
			config = argv[i] + 9;
		} else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			usage(stdout);
			return EXIT_OK;
		} else if (!strcmp(argv[i], "-V") || !strcmp(argv[i], "--version")) {
			printf("%s %s\n", prog, NSAUDIT_VERSION);
			return EXIT_OK;
		} else {
			fprintf(stderr, "%s: unknown argument '%.40s'; try '%s --help'\n",
				prog, argv[i], prog);
			return EXIT_USAGE;
		}
	}

	err = slurp(STDIN_FILENO, HOOK_STATE_MAX, &text, &len);
	if (err) {
		say("reading the state: %s", strerror(-err));
		return EXIT_OK;	/* no annotation was seen that asks to stop */
	}
	err = hook_state_parse(text, len, &st, why, sizeof(why));
	free(text);
	if (st.id[0])
		snprintf(who, sizeof(who), "%.12s", st.id);
	if (err) {
		say("%s", why);
		return st.required ? EXIT_FAIL : EXIT_OK;
	}
	if (read_policy(config, &pol))
		return st.required ? EXIT_FAIL : EXIT_OK;

	id = hook_contid_derive(st.id);
	if (st.have_contid) {
		if (pol.contid_annotation)
			id = st.contid;
		else
			say("annotation %s ignored: the host's policy (%s) says contid_annotation = no",
			    HOOK_ANN_CONTID, config);
	}

	err = nsaudit_open(&h);
	if (err) {
		say("cannot talk to the nsaudit module (is it loaded?): %s",
		    strerror(-err));
		return st.required ? EXIT_FAIL : EXIT_OK;
	}
	failed |= give_contid(h, &st, id);
	failed |= delegate(h, &st, &pol, config);
	nsaudit_close(h);
	return failed && st.required ? EXIT_FAIL : EXIT_OK;
}
