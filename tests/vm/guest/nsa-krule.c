// SPDX-License-Identifier: GPL-2.0
/*
 * nsa-krule: adds or deletes one rule of the kernel's own audit (what
 * auditctl -a/-d does), through libaudit, for the lanes whose root has no
 * auditctl (the packages lane's Debian root).
 *
 * Usage: nsa-krule add|del [arch=ARCH] [-S SYSCALL]... [FIELD=VALUE]...
 * (arch first, as auditctl wants it before -S)
 * The rule is "always,exit" on the exit list; FIELD=VALUE as auditctl's
 * -F (arch=b64, success=0, key=K, ...). Exit 0 on success, 1 with the
 * kernel's errno otherwise, 2 for a bad command line.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <libaudit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* libaudit's state of the rule being built, which auditctl keeps up. */
extern int _audit_syscalladded;

int main(int argc, char **argv)
{
	struct audit_rule_data *r;
	int fd, i, rc, add;
	char pair[4096];

	if (argc < 2 || (strcmp(argv[1], "add") && strcmp(argv[1], "del"))) {
		fprintf(stderr, "usage: nsa-krule add|del [-S SYSCALL]... [FIELD=VALUE]...\n");
		return 2;
	}
	add = !strcmp(argv[1], "add");
	r = calloc(1, sizeof(*r));
	if (!r)
		return 1;
	for (i = 2; i < argc; i++) {
		if (!strcmp(argv[i], "-S") && i + 1 < argc) {
			rc = audit_rule_syscallbyname_data(r, argv[++i]);
			if (rc < 0) {
				fprintf(stderr, "nsa-krule: syscall %s: %d\n", argv[i], rc);
				return 2;
			}
			_audit_syscalladded = 1;	/* a key may follow */
			continue;
		}
		/* It cuts the pair at '=' in place. */
		snprintf(pair, sizeof(pair), "%s", argv[i]);
		rc = audit_rule_fieldpair_data(&r, pair, AUDIT_FILTER_EXIT);
		if (rc < 0) {
			/* libaudit's own error number (auditctl's table). */
			fprintf(stderr, "nsa-krule: field %s: %d\n", argv[i], rc);
			return 2;
		}
	}
	fd = audit_open();
	if (fd < 0) {
		perror("nsa-krule: audit_open");
		return 1;
	}
	if (add)
		rc = audit_add_rule_data(fd, r, AUDIT_FILTER_EXIT, AUDIT_ALWAYS);
	else
		rc = audit_delete_rule_data(fd, r, AUDIT_FILTER_EXIT, AUDIT_ALWAYS);
	audit_close(fd);
	free(r);
	if (rc <= 0) {
		fprintf(stderr, "nsa-krule: %s: %s\n", argv[1], strerror(-rc));
		return 1;
	}
	return 0;
}
