// SPDX-License-Identifier: GPL-2.0
/*
 * The service manager's notification protocol, without libsystemd: one
 * datagram of newline-separated "KEY=VALUE" assignments to the AF_UNIX
 * socket $NOTIFY_SOCKET names, a path or, after '@', a name in the
 * abstract namespace (sd_notify(3)). Debian's systemd 252 and 257 both
 * read it; the daemon needs nothing more than READY=1, RELOADING=1 with
 * MONOTONIC_USEC, STOPPING=1 and STATUS=.
 */
#define _GNU_SOURCE

#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "notify.h"

/* The address, ready for sendto(); notify_len 0: nowhere to report. */
static struct sockaddr_un notify_addr;
static socklen_t notify_len;

int notify_init(void)
{
	const char *s = getenv("NOTIFY_SOCKET");
	size_t n;

	notify_len = 0;
	if (!s)
		return 0;
	n = strlen(s);
	unsetenv("NOTIFY_SOCKET");
	if (n < 2 || n >= sizeof(notify_addr.sun_path) ||
	    (s[0] != '/' && s[0] != '@'))
		return -EINVAL;
	memset(&notify_addr, 0, sizeof(notify_addr));
	notify_addr.sun_family = AF_UNIX;
	memcpy(notify_addr.sun_path, s, n);
	/* Abstract: a leading NUL, and the length says where the name ends. */
	if (s[0] == '@')
		notify_addr.sun_path[0] = '\0';
	notify_len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + n +
				 (s[0] == '/'));
	return 1;
}

int notify(const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	int fd, len, err = 0;

	if (!notify_len)
		return 0;
	va_start(ap, fmt);
	len = vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (len < 0 || (size_t)len >= sizeof(msg))
		return -EMSGSIZE;
	fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	if (sendto(fd, msg, (size_t)len, MSG_NOSIGNAL,
		   (struct sockaddr *)&notify_addr, notify_len) < 0)
		err = -errno;
	close(fd);
	return err;
}
