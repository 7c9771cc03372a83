// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Unit tests: delegation in libnsaudit. The exact bytes of DELEGATE and
 * UNDELEGATE (lib/msg.c), and the calls (lib/delegate.c) on the request
 * path against the kernel's genetlink controller, which, like a module
 * older than interface 1.4, has neither command.
 */
#define _DEFAULT_SOURCE		/* struct addrinfo in libnl's headers */

#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <netlink/msg.h>

#include <libnsaudit.h>
#include "client.h"
#include "msg.h"

#include "suites.h"

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

/* Any id a family can have; not one the controller (0x10) uses. */
#define FAMILY		0x1d
#define PID		NSAUDIT_PID_MAX

typedef int (*build_fn)(int family, int pid, struct nl_msg **msgp,
			char *why, size_t size);

/* Each builder with the command it must put in the header. */
static const struct {
	build_fn build;
	uint8_t cmd;
} builders[] = {
	{ nsaudit__build_delegate, NSAUDIT_CMD_DELEGATE },
	{ nsaudit__build_undelegate, NSAUDIT_CMD_UNDELEGATE },
};

/* Host byte order: the module reads these bytes on this very machine. */
static bool little_endian(void)
{
	const uint16_t one = 1;

	return *(const uint8_t *)&one == 1;
}

/* ---- requests ------------------------------------------------------- */

/* The exact bytes of DELEGATE and UNDELEGATE: the header and a u32 PID. */
START_TEST(test_build_bytes)
{
	static const int pids[] = { 1, 2, 4096, PID };
	size_t b, i;

	if (!little_endian())
		return;		/* the table below is little-endian */
	for (b = 0; b < ARRAY_SIZE(builders); b++) {
		for (i = 0; i < ARRAY_SIZE(pids); i++) {
			const uint32_t want[] = {
				28,		/* nlmsg_len */
				FAMILY | (NLM_F_REQUEST | NLM_F_ACK) << 16,
				0,		/* seq: libnl's, when sent */
				0,		/* port: likewise */
				builders[b].cmd | NSAUDIT_GENL_VERSION << 8,
				8 | NSAUDIT_A_PID << 16, (uint32_t)pids[i],
			};
			struct nl_msg *msg = NULL;
			char why[NSAUDIT__TEXT_SIZE] = "";

			ck_assert_int_eq(builders[b].build(FAMILY, pids[i],
							   &msg, why,
							   sizeof(why)), 0);
			ck_assert_str_eq(why, "");
			ck_assert_uint_eq(nlmsg_hdr(msg)->nlmsg_len,
					  sizeof(want));
			ck_assert_mem_eq(nlmsg_hdr(msg), want, sizeof(want));
			nlmsg_free(msg);
		}
	}
}
END_TEST

/* The commands' numbers, as the module and older clients know them. */
START_TEST(test_cmd_values)
{
	ck_assert_int_eq(NSAUDIT_CMD_DELEGATE, 15);
	ck_assert_int_eq(NSAUDIT_CMD_UNDELEGATE, 16);
}
END_TEST

/* A PID out of range or a bad family never leaves the library. */
START_TEST(test_build_refused)
{
	static const int bad[] = { INT_MIN, -1, 0, PID + 1, INT_MAX };
	static const int bad_family[] = { -1, 0, NLMSG_MIN_TYPE - 1, 65536 };
	struct nl_msg *msg;
	char why[NSAUDIT__TEXT_SIZE], want[64];
	size_t b, i;

	for (b = 0; b < ARRAY_SIZE(builders); b++) {
		for (i = 0; i < ARRAY_SIZE(bad); i++) {
			snprintf(want, sizeof(want), "pid %d is not in 1..%d",
				 bad[i], NSAUDIT_PID_MAX);
			msg = (struct nl_msg *)&msg;
			why[0] = '\0';
			ck_assert_int_eq(builders[b].build(FAMILY, bad[i],
							   &msg, why,
							   sizeof(why)),
					 -EINVAL);
			ck_assert_ptr_null(msg);
			ck_assert_str_eq(why, want);
		}
		for (i = 0; i < ARRAY_SIZE(bad_family); i++) {
			msg = (struct nl_msg *)&msg;
			ck_assert_int_eq(builders[b].build(bad_family[i], 1,
							   &msg, NULL, 0),
					 -EINVAL);
			ck_assert_ptr_null(msg);
		}
		ck_assert_int_eq(builders[b].build(FAMILY, 1, NULL, NULL, 0),
				 -EINVAL);
	}
}
END_TEST

/* ---- the calls, against the genetlink controller ------------------- */

/*
 * A handle on "nlctrl", opened without a GET_STATUS (which it cannot
 * answer); NULL if this process has no generic netlink socket (a
 * sandbox), which only the library's own checks then cover.
 */
static struct nsaudit_handle *nlctrl(void)
{
	struct nsaudit_handle *h = NULL;
	char msg[256] = "";
	int err;

	err = nsaudit__open_family(&h, "nlctrl", "notify", false, msg,
				   sizeof(msg));
	if (err) {
		fprintf(stderr, "test_delegate: no nlctrl handle here (%s)\n",
			msg);
		ck_assert_ptr_null(h);
		return NULL;
	}
	return h;
}

START_TEST(test_calls_refused_by_library)
{
	struct nsaudit_handle *h;

	ck_assert_int_eq(nsaudit_delegate(NULL, 1), -EINVAL);
	ck_assert_int_eq(nsaudit_undelegate(NULL, 1), -EINVAL);
	h = nlctrl();
	if (!h)
		return;

	ck_assert_int_eq(nsaudit_delegate(h, 0), -EINVAL);
	ck_assert_str_eq(nsaudit_errmsg(h), "pid 0 is not in 1..4194304");
	ck_assert_int_eq(nsaudit_errmsg_is_kernel(h), 0);
	ck_assert_int_eq(nsaudit_undelegate(h, PID + 1), -EINVAL);
	ck_assert_str_eq(nsaudit_errmsg(h),
			 "pid 4194305 is not in 1..4194304");
	ck_assert_int_eq(nsaudit_errmsg_is_kernel(h), 0);

	/* A subscribed handle takes no requests. */
	ck_assert_int_eq(nsaudit_config_subscribe(h), 0);
	ck_assert_int_eq(nsaudit_delegate(h, 1), -EINVAL);
	ck_assert_str_eq(nsaudit_errmsg(h),
			 "handle receives configuration changes; open another for requests");
	ck_assert_int_eq(nsaudit_undelegate(h, 1), -EINVAL);
	nsaudit_close(h);
}
END_TEST

/*
 * The controller has no command 15 or 16, as a module of 1.3 has not:
 * generic netlink answers EOPNOTSUPP, which comes back as it is, the
 * kernel's (empty) text with it. Several in a row, alternating: each
 * answer belongs to its own request.
 */
START_TEST(test_calls_old_module)
{
	struct nsaudit_handle *h = nlctrl();
	int i;

	if (!h)
		return;
	for (i = 0; i < 3; i++) {
		ck_assert_int_eq(nsaudit_delegate(h, 1 + i), -EOPNOTSUPP);
		ck_assert_int_eq(nsaudit_errmsg_is_kernel(h), 1);
		ck_assert_int_eq(nsaudit_undelegate(h, 1 + i), -EOPNOTSUPP);
		ck_assert_int_eq(nsaudit_errmsg_is_kernel(h), 1);
		/* The library's refusal in between leaves nothing behind. */
		ck_assert_int_eq(nsaudit_delegate(h, -i), -EINVAL);
		ck_assert_int_eq(nsaudit_errmsg_is_kernel(h), 0);
	}
	nsaudit_close(h);
}
END_TEST

Suite *nsaudit_delegate_suite(void)
{
	Suite *s = suite_create("delegate");
	TCase *tc;

	tc = tcase_create("build");
	tcase_add_test(tc, test_build_bytes);
	tcase_add_test(tc, test_cmd_values);
	tcase_add_test(tc, test_build_refused);
	suite_add_tcase(s, tc);

	tc = tcase_create("calls");
	tcase_add_test(tc, test_calls_refused_by_library);
	tcase_add_test(tc, test_calls_old_module);
	suite_add_tcase(s, tc);
	return s;
}
