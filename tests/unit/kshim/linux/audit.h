/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Host stand-in (see types.h): the record types translate.c names, as
 * include/uapi/linux/audit.h defines them.
 */
#ifndef NSAUDIT_KSHIM_AUDIT_H
#define NSAUDIT_KSHIM_AUDIT_H

#define AUDIT_USER		1005
#define AUDIT_FIRST_USER_MSG	1100
#define AUDIT_USER_AVC		1107
#define AUDIT_USER_LOGIN	1112
#define AUDIT_USER_CMD		1123
#define AUDIT_USER_TTY		1124
#define AUDIT_LAST_USER_MSG	1199
#define AUDIT_DAEMON_START	1200
#define AUDIT_SYSCALL		1300
#define AUDIT_PATH		1302
#define AUDIT_CWD		1307
#define AUDIT_EXECVE		1309
#define AUDIT_PROCTITLE		1327
#define AUDIT_FIRST_USER_MSG2	2100
#define AUDIT_LAST_USER_MSG2	2999

#endif
