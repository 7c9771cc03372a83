/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The suites of the one unit test runner (main.c).
 */
#ifndef NSAUDIT_TEST_SUITES_H
#define NSAUDIT_TEST_SUITES_H

#include <check.h>

Suite *nsaudit_record_suite(void);
Suite *nsaudit_nsid_suite(void);
Suite *nsaudit_msg_suite(void);
Suite *nsaudit_daemon_suite(void);
Suite *nsaudit_cli_suite(void);
Suite *nsaudit_nsauditd_suite(void);
Suite *nsaudit_translate_suite(void);
Suite *nsaudit_rulemsg_suite(void);
Suite *nsaudit_rules_suite(void);
Suite *nsaudit_contid_suite(void);
Suite *nsaudit_delegate_suite(void);
Suite *nsaudit_forward_suite(void);
Suite *nsaudit_ocihook_suite(void);

#endif /* NSAUDIT_TEST_SUITES_H */
