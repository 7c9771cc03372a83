// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The one Check runner: every suite of the unit tests, one summary line.
 *
 * CK_FORK=no runs the tests in this process (as under valgrind);
 * CK_RUN_SUITE / CK_RUN_CASE select tests, CK_VERBOSITY sets the output.
 */
#include <stdlib.h>

#include "suites.h"

int main(void)
{
	SRunner *sr;
	int failed;

	sr = srunner_create(nsaudit_record_suite());
	srunner_add_suite(sr, nsaudit_nsid_suite());
	srunner_add_suite(sr, nsaudit_msg_suite());
	srunner_add_suite(sr, nsaudit_daemon_suite());
	srunner_add_suite(sr, nsaudit_cli_suite());
	srunner_add_suite(sr, nsaudit_nsauditd_suite());
	srunner_add_suite(sr, nsaudit_translate_suite());
	srunner_add_suite(sr, nsaudit_forward_suite());
	srunner_add_suite(sr, nsaudit_rulemsg_suite());
	srunner_add_suite(sr, nsaudit_rules_suite());
	srunner_add_suite(sr, nsaudit_contid_suite());
	srunner_add_suite(sr, nsaudit_delegate_suite());
	srunner_add_suite(sr, nsaudit_ocihook_suite());

	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);

	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
