// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Unit tests: the rule messages of lib/msg.c. Exact bytes of ADD_RULE,
 * DEL_RULE, the LIST_RULES dump request and DELETE_ALL; the parse of a
 * LIST_RULES message and of the dump's NLMSG_DONE; malformed rules and
 * replies refused. Replies are handed over in heap buffers of their exact
 * size, so that valgrind reports any read beyond the end.
 */
#define _DEFAULT_SOURCE		/* struct addrinfo in libnl's headers */

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <linux/audit.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>

#include <libnsaudit.h>
#include "msg.h"

#include "suites.h"

#define FAMILY		0x1d

/* A rule with an exe string: a fixed part and 7 bytes of buf. */
struct test_rule {
	struct audit_rule_data r;
	char buf[8];
};

static void make_rule(struct test_rule *t)
{
	memset(t, 0, sizeof(*t));
	t->r.flags = AUDIT_FILTER_EXIT;
	t->r.action = AUDIT_ALWAYS;
	t->r.mask[AUDIT_WORD(257)] = AUDIT_BIT(257);
	t->r.field_count = 2;
	t->r.fields[0] = AUDIT_ARCH;
	t->r.fieldflags[0] = AUDIT_EQUAL;
	t->r.values[0] = AUDIT_ARCH_X86_64;
	t->r.fields[1] = AUDIT_EXE;
	t->r.fieldflags[1] = AUDIT_EQUAL;
	t->r.values[1] = 7;
	t->r.buflen = 7;
	memcpy(t->r.buf, "/bin/ls", 7);
}

#define RULE_LEN	(sizeof(struct audit_rule_data) + 7)

/* The request header, genetlink header and, if @rule, its attribute. */
static void check_request(struct nl_msg *msg, uint8_t cmd, uint16_t flags,
			  const struct audit_rule_data *rule, size_t len)
{
	const struct nlmsghdr *nlh = nlmsg_hdr(msg);
	const struct genlmsghdr *g = nlmsg_data(nlh);
	const struct nlattr *nla;
	size_t want = NLMSG_HDRLEN + GENL_HDRLEN;

	if (rule)
		want += NLA_ALIGN(NLA_HDRLEN + len);
	ck_assert_uint_eq(nlh->nlmsg_len, want);
	ck_assert_uint_eq(nlh->nlmsg_type, FAMILY);
	ck_assert_uint_eq(nlh->nlmsg_flags, NLM_F_REQUEST | flags);
	ck_assert_uint_eq(g->cmd, cmd);
	ck_assert_uint_eq(g->version, NSAUDIT_GENL_VERSION);
	ck_assert_uint_eq(g->reserved, 0);
	if (!rule)
		return;
	nla = (const struct nlattr *)((const char *)g + GENL_HDRLEN);
	ck_assert_uint_eq(nla->nla_type, NSAUDIT_A_RULE);
	ck_assert_uint_eq(nla->nla_len, NLA_HDRLEN + len);
	ck_assert_mem_eq(nla_data(nla), rule, len);
	/* The padding after it is zero. */
	ck_assert_mem_eq((const char *)nla_data(nla) + len, "\0\0\0",
			 NLA_ALIGN(len) - len);
}

START_TEST(test_build_rule_bytes)
{
	static const uint8_t cmds[] = {
		NSAUDIT_CMD_ADD_RULE, NSAUDIT_CMD_DEL_RULE,
	};
	struct test_rule t;
	struct nl_msg *msg;
	char why[NSAUDIT__TEXT_SIZE] = "";
	size_t i;

	make_rule(&t);
	for (i = 0; i < 2; i++) {
		ck_assert_int_eq(nsaudit__build_rule(FAMILY, cmds[i], &t.r,
						     RULE_LEN, &msg, why,
						     sizeof(why)), 0);
		ck_assert_str_eq(why, "");
		check_request(msg, cmds[i], NLM_F_ACK, &t.r, RULE_LEN);
		nlmsg_free(msg);
	}
}
END_TEST

START_TEST(test_build_list_delete_all)
{
	struct nl_msg *msg;

	/* A dump: no NLM_F_ACK, NLMSG_DONE ends it. */
	ck_assert_int_eq(nsaudit__build_list_rules(FAMILY, &msg), 0);
	check_request(msg, NSAUDIT_CMD_LIST_RULES, NLM_F_DUMP, NULL, 0);
	nlmsg_free(msg);

	ck_assert_int_eq(nsaudit__build_delete_all(FAMILY, &msg), 0);
	check_request(msg, NSAUDIT_CMD_DELETE_ALL, NLM_F_ACK, NULL, 0);
	nlmsg_free(msg);

	ck_assert_int_eq(nsaudit__build_list_rules(0, &msg), -EINVAL);
	ck_assert_ptr_null(msg);
	ck_assert_int_eq(nsaudit__build_delete_all(0x10000, &msg), -EINVAL);
	ck_assert_ptr_null(msg);
}
END_TEST

/*
 * contid's 8 bytes count as buf bytes, in field order: a rule whose exe
 * string fits only if they are ignored is malformed.
 */
START_TEST(test_build_rule_contid)
{
	struct {
		struct audit_rule_data r;
		char buf[16];
	} t;
	struct nl_msg *msg = NULL;
	char why[NSAUDIT__TEXT_SIZE] = "";
	uint64_t id = NSAUDIT_CONTID_UNSET;
	const size_t len = sizeof(struct audit_rule_data) + 15;

	memset(&t, 0, sizeof(t));
	t.r.flags = AUDIT_FILTER_EXIT;
	t.r.action = AUDIT_ALWAYS;
	t.r.field_count = 2;
	t.r.fields[0] = NSAUDIT_RULE_FIELD_CONTID;
	t.r.fieldflags[0] = AUDIT_NOT_EQUAL;
	t.r.values[0] = 8;
	t.r.fields[1] = AUDIT_EXE;
	t.r.fieldflags[1] = AUDIT_EQUAL;
	t.r.values[1] = 7;
	memcpy(t.r.buf, &id, 8);
	memcpy(t.r.buf + 8, "/bin/ls", 7);
	t.r.buflen = 15;
	ck_assert_int_eq(nsaudit__build_rule(FAMILY, NSAUDIT_CMD_ADD_RULE,
					     &t.r, len, &msg, why,
					     sizeof(why)), 0);
	check_request(msg, NSAUDIT_CMD_ADD_RULE, NLM_F_ACK, &t.r, len);
	nlmsg_free(msg);

	t.r.values[1] = 8;
	msg = (struct nl_msg *)1;
	ck_assert_int_eq(nsaudit__build_rule(FAMILY, NSAUDIT_CMD_ADD_RULE,
					     &t.r, len, &msg, why,
					     sizeof(why)), -EINVAL);
	ck_assert_ptr_null(msg);
	ck_assert_str_eq(why, "string of field 1 (type 112) runs past the rule's buf");
}
END_TEST

/* Malformed rules never leave the library. */
START_TEST(test_build_rule_refused)
{
	static const struct {
		size_t len;
		uint32_t buflen, field_count, exe_len;
		const char *why;
	} cases[] = {
		{ sizeof(struct audit_rule_data) - 1, 7, 2, 7,
		  "rule of 1039 bytes is not in 1040..8192" },
		{ NSAUDIT_RULE_MAX + 1, NSAUDIT_RULE_MAX + 1 - 1040, 2, 7,
		  "rule of 8193 bytes is not in 1040..8192" },
		{ RULE_LEN, 6, 2, 6,
		  "rule of 1047 bytes has a buf of 6 bytes, not 7" },
		{ RULE_LEN, 7, AUDIT_MAX_FIELDS + 1, 7,
		  "rule has 65 fields, at most 64" },
		{ RULE_LEN, 7, 2, 8,
		  "string of field 1 (type 112) runs past the rule's buf" },
	};
	static char big[NSAUDIT_RULE_MAX + 8];
	struct audit_rule_data *r = (struct audit_rule_data *)big;
	struct test_rule t;
	struct nl_msg *msg = (struct nl_msg *)1;
	char why[NSAUDIT__TEXT_SIZE];
	size_t i;

	make_rule(&t);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		memset(big, 0, sizeof(big));
		memcpy(big, &t, sizeof(t));
		r->buflen = cases[i].buflen;
		r->field_count = cases[i].field_count;
		r->values[1] = cases[i].exe_len;
		ck_assert_int_eq(nsaudit__build_rule(FAMILY,
						     NSAUDIT_CMD_ADD_RULE, r,
						     cases[i].len, &msg, why,
						     sizeof(why)), -EINVAL);
		ck_assert_ptr_null(msg);
		ck_assert_str_eq(why, cases[i].why);
	}
	ck_assert_int_eq(nsaudit__build_rule(FAMILY, NSAUDIT_CMD_ADD_RULE,
					     NULL, RULE_LEN, &msg, why,
					     sizeof(why)), -EINVAL);
	ck_assert_str_eq(why, "no rule given");
	ck_assert_int_eq(nsaudit__build_rule(FAMILY, NSAUDIT_CMD_LIST_RULES,
					     &t.r, RULE_LEN, &msg, why,
					     sizeof(why)), -EINVAL);
	ck_assert_str_eq(why, "command 11 is not a rule change");
	ck_assert_int_eq(nsaudit__build_rule(0, NSAUDIT_CMD_ADD_RULE, &t.r,
					     RULE_LEN, &msg, why,
					     sizeof(why)), -EINVAL);
}
END_TEST

/* A LIST_RULES message with @rule (@len bytes) and maybe more, exact size. */
static struct nlmsghdr *list_msg(uint8_t cmd, const void *rule, int len,
				 bool extra, size_t *lenp)
{
	struct nl_msg *msg = nlmsg_alloc_size(NSAUDIT_RULE_MAX * 2);
	struct nlmsghdr *copy;
	uint32_t u = 5;

	ck_assert_ptr_nonnull(msg);
	ck_assert_ptr_nonnull(genlmsg_put(msg, 0, 0, FAMILY, 0, NLM_F_MULTI,
					  cmd, 1));
	if (extra)
		ck_assert_int_eq(nla_put(msg, NSAUDIT_A_MAX + 1, 4, &u), 0);
	if (rule)
		ck_assert_int_eq(nla_put(msg, NSAUDIT_A_RULE, len, rule), 0);
	*lenp = nlmsg_hdr(msg)->nlmsg_len;
	copy = malloc(*lenp);
	ck_assert_ptr_nonnull(copy);
	memcpy(copy, nlmsg_hdr(msg), *lenp);
	nlmsg_free(msg);
	return copy;
}

START_TEST(test_parse_rule)
{
	const struct audit_rule_data *r = NULL;
	struct nlmsghdr *nlh;
	struct test_rule t;
	char why[NSAUDIT__TEXT_SIZE] = "";
	size_t len, rlen = 0;

	make_rule(&t);
	/* An attribute of a newer minor is ignored. */
	nlh = list_msg(NSAUDIT_CMD_LIST_RULES, &t.r, RULE_LEN, true, &len);
	ck_assert_int_eq(nsaudit__parse_rule(nlh, len, FAMILY, &r, &rlen, why,
					     sizeof(why)), 0);
	ck_assert_uint_eq(rlen, RULE_LEN);
	ck_assert_mem_eq(r, &t.r, RULE_LEN);
	/* No copy: it points into the message. */
	ck_assert((const char *)r > (const char *)nlh &&
		  (const char *)r + rlen <= (const char *)nlh + len);
	free(nlh);
}
END_TEST

/* Each malformed reply: -EBADMSG, outputs untouched. */
START_TEST(test_parse_rule_malformed)
{
	const struct audit_rule_data *r = NULL;
	struct nlmsghdr *nlh;
	struct test_rule t;
	char why[NSAUDIT__TEXT_SIZE];
	size_t len, rlen = 0, cut;

	make_rule(&t);

	nlh = list_msg(NSAUDIT_CMD_LIST_RULES, NULL, 0, true, &len);
	ck_assert_int_eq(nsaudit__parse_rule(nlh, len, FAMILY, &r, &rlen, why,
					     sizeof(why)), -EBADMSG);
	ck_assert_str_eq(why, "rule message lacks NSAUDIT_A_RULE");
	free(nlh);

	nlh = list_msg(NSAUDIT_CMD_GET_STATUS, &t.r, RULE_LEN, false, &len);
	ck_assert_int_eq(nsaudit__parse_rule(nlh, len, FAMILY, &r, &rlen, why,
					     sizeof(why)), -EBADMSG);
	ck_assert_str_eq(why, "message of command 1, expected 11");
	free(nlh);

	nlh = list_msg(NSAUDIT_CMD_LIST_RULES, &t.r, RULE_LEN, false, &len);
	ck_assert_int_eq(nsaudit__parse_rule(nlh, len, FAMILY + 1, &r, &rlen,
					     why, sizeof(why)), -EBADMSG);
	/* Every truncation, the header's length kept. */
	for (cut = 0; cut < len; cut++) {
		void *part = malloc(cut ? cut : 1);

		memcpy(part, nlh, cut);
		ck_assert_int_eq(nsaudit__parse_rule(part, cut, FAMILY, &r,
						     &rlen, why, sizeof(why)),
				 -EBADMSG);
		free(part);
	}
	free(nlh);

	/* The rule one byte short of its buf, or with a lying buflen. */
	nlh = list_msg(NSAUDIT_CMD_LIST_RULES, &t.r, RULE_LEN - 1, false,
		       &len);
	ck_assert_int_eq(nsaudit__parse_rule(nlh, len, FAMILY, &r, &rlen, why,
					     sizeof(why)), -EBADMSG);
	ck_assert_str_eq(why, "malformed NSAUDIT_A_RULE: rule of 1046 bytes "
			 "has a buf of 7 bytes, not 6");
	free(nlh);
	t.r.values[1] = 8;
	nlh = list_msg(NSAUDIT_CMD_LIST_RULES, &t.r, RULE_LEN, false, &len);
	ck_assert_int_eq(nsaudit__parse_rule(nlh, len, FAMILY, &r, &rlen, why,
					     sizeof(why)), -EBADMSG);
	free(nlh);
	/* A bare struct smaller than audit_rule_data. */
	nlh = list_msg(NSAUDIT_CMD_LIST_RULES, &t.r, 16, false, &len);
	ck_assert_int_eq(nsaudit__parse_rule(nlh, len, FAMILY, &r, &rlen, why,
					     sizeof(why)), -EBADMSG);
	free(nlh);

	/* Attribute bytes that are not a whole attribute. */
	t.r.values[1] = 7;
	nlh = list_msg(NSAUDIT_CMD_LIST_RULES, &t.r, RULE_LEN, false, &len);
	nlh->nlmsg_len -= 4;	/* the attribute now runs past the message */
	ck_assert_int_eq(nsaudit__parse_rule(nlh, len, FAMILY, &r, &rlen, why,
					     sizeof(why)), -EBADMSG);
	free(nlh);

	ck_assert_ptr_null(r);
	ck_assert_uint_eq(rlen, 0);
}
END_TEST

/* NLMSG_DONE: the dump's error and its extended ACK text. */
START_TEST(test_parse_done)
{
	struct {
		struct nlmsghdr h;
		int32_t error;
		struct nlattr a;
		char text[12];
	} m;
	char text[NSAUDIT__TEXT_SIZE];
	void *copy;
	int error = 1;

	memset(&m, 0, sizeof(m));
	m.h.nlmsg_type = NLMSG_DONE;
	m.h.nlmsg_flags = NLM_F_MULTI;
	m.h.nlmsg_len = NLMSG_HDRLEN + 4;
	copy = malloc(m.h.nlmsg_len);
	memcpy(copy, &m, m.h.nlmsg_len);
	ck_assert_int_eq(nsaudit__parse_done(copy, m.h.nlmsg_len, &error,
					     text, sizeof(text)), 0);
	ck_assert_int_eq(error, 0);
	free(copy);

	m.error = -EPERM;
	m.h.nlmsg_flags |= NLM_F_ACK_TLVS;
	m.a.nla_type = NLMSGERR_ATTR_MSG;
	m.a.nla_len = NLA_HDRLEN + 12;
	memcpy(m.text, "not yours\n!", 12);
	m.h.nlmsg_len = sizeof(m);
	copy = malloc(sizeof(m));
	memcpy(copy, &m, sizeof(m));
	ck_assert_int_eq(nsaudit__parse_done(copy, sizeof(m), &error, text,
					     sizeof(text)), 0);
	ck_assert_int_eq(error, -EPERM);
	ck_assert_str_eq(text, "not yours?!");
	/* Shorter than it says: refused, error untouched. */
	error = 1;
	ck_assert_int_eq(nsaudit__parse_done(copy, sizeof(m) - 1, &error,
					     text, sizeof(text)), -EBADMSG);
	ck_assert_int_eq(error, 1);
	free(copy);

	/* An old kernel's DONE without the int is a success. */
	m.h.nlmsg_len = NLMSG_HDRLEN;
	m.h.nlmsg_flags = NLM_F_MULTI;
	copy = malloc(NLMSG_HDRLEN);
	memcpy(copy, &m, NLMSG_HDRLEN);
	ck_assert_int_eq(nsaudit__parse_done(copy, NLMSG_HDRLEN, &error,
					     text, sizeof(text)), 0);
	ck_assert_int_eq(error, 0);
	/* Not a DONE. */
	((struct nlmsghdr *)copy)->nlmsg_type = NLMSG_ERROR;
	ck_assert_int_eq(nsaudit__parse_done(copy, NLMSG_HDRLEN, &error,
					     text, sizeof(text)), -EBADMSG);
	free(copy);
}
END_TEST

/* The public calls check their arguments before any socket is touched. */
START_TEST(test_rule_null_arguments)
{
	struct test_rule t;

	make_rule(&t);
	ck_assert_int_eq(nsaudit_rule_add(NULL, &t.r, RULE_LEN), -EINVAL);
	ck_assert_int_eq(nsaudit_rule_del(NULL, &t.r, RULE_LEN), -EINVAL);
	ck_assert_int_eq(nsaudit_rule_delete_all(NULL), -EINVAL);
	ck_assert_int_eq(nsaudit_rule_list(NULL, NULL, NULL), -EINVAL);
}
END_TEST

Suite *nsaudit_rulemsg_suite(void)
{
	Suite *s = suite_create("rulemsg");
	TCase *tc = tcase_create("rules");

	tcase_add_test(tc, test_build_rule_bytes);
	tcase_add_test(tc, test_build_list_delete_all);
	tcase_add_test(tc, test_build_rule_refused);
	tcase_add_test(tc, test_build_rule_contid);
	tcase_add_test(tc, test_parse_rule);
	tcase_add_test(tc, test_parse_rule_malformed);
	tcase_add_test(tc, test_parse_done);
	tcase_add_test(tc, test_rule_null_arguments);
	suite_add_tcase(s, tc);
	return s;
}
