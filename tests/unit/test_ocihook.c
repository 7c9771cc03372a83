// SPDX-License-Identifier: GPL-2.0
/*
 * nsaudit-oci-hook's parsers (tools/oci-hook/state.c): the OCI state a
 * runtime writes, the annotations it carries, the ID derived from a
 * container's own, and the host's policy file.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "state.h"
#include "suites.h"

#define ID64	"3f2a9c0d18b7e6a54c3b2a190817f6e5d4c3b2a1908f7e6d5c4b3a2918070605"

static int parse(const char *text, struct hook_state *st, char *why)
{
	why[0] = '\0';
	return hook_state_parse(text, strlen(text), st, why, HOOK_WHY_MAX);
}

/* A state as podman writes it: no annotation of ours. */
START_TEST(test_state_plain)
{
	static const char text[] =
		"{\"ociVersion\":\"1.0.2-dev\",\"id\":\"" ID64 "\","
		"\"status\":\"created\",\"pid\":4242,"
		"\"bundle\":\"/var/lib/containers/storage/overlay-containers/x/userdata\","
		"\"annotations\":{\"io.container.manager\":\"libpod\"}}\n";
	char why[HOOK_WHY_MAX];
	struct hook_state st;

	ck_assert_int_eq(parse(text, &st, why), 0);
	ck_assert_str_eq(why, "");
	ck_assert_str_eq(st.id, ID64);
	ck_assert_int_eq(st.pid, 4242);
	ck_assert(!st.have_contid);
	ck_assert(!st.required);
	ck_assert_int_eq(st.delegate, HOOK_UNSET);
	/* No name annotated: the ID as podman ps shows it. */
	ck_assert_str_eq(st.name, "3f2a9c0d18b7");
}
END_TEST

START_TEST(test_state_annotated)
{
	static const char text[] =
		"{\"id\":\"abc\",\"pid\":7,\"annotations\":{"
		"\"io.nsaudit.contid\":\"18446744073709551614\","
		"\"io.nsaudit.name\":\"web \\\"1\\\"\","
		"\"io.nsaudit.required\":\"true\","
		"\"io.nsaudit.delegate\":\"false\"}}";
	char why[HOOK_WHY_MAX];
	struct hook_state st;

	ck_assert_int_eq(parse(text, &st, why), 0);
	ck_assert(st.have_contid);
	ck_assert_uint_eq(st.contid, 18446744073709551614ULL);
	ck_assert_str_eq(st.name, "web \"1\"");
	ck_assert(st.required);
	ck_assert_int_eq(st.delegate, HOOK_NO);
}
END_TEST

/* Kubernetes' names, containerd's keys before CRI-O's; nerdctl's. */
START_TEST(test_state_engine_names)
{
	static const struct {
		const char *ann, *name;
	} cases[] = {
		{ "\"io.kubernetes.cri.sandbox-namespace\":\"prod\","
		  "\"io.kubernetes.cri.sandbox-name\":\"api-7d\","
		  "\"io.kubernetes.cri.container-name\":\"app\","
		  "\"io.kubernetes.pod.namespace\":\"x\","
		  "\"io.kubernetes.pod.name\":\"y\","
		  "\"io.kubernetes.container.name\":\"z\"", "prod/api-7d/app" },
		{ "\"io.kubernetes.pod.namespace\":\"x\","
		  "\"io.kubernetes.pod.name\":\"y\","
		  "\"io.kubernetes.container.name\":\"z\"", "x/y/z" },
		/* Incomplete: not a name. */
		{ "\"io.kubernetes.pod.name\":\"y\"", "abcdef012345" },
		{ "\"nerdctl/name\":\"db\"", "db" },
		{ "\"nerdctl/name\":\"db\",\"io.nsaudit.name\":\"mine\"", "mine" },
	};
	char text[1024], why[HOOK_WHY_MAX];
	struct hook_state st;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		snprintf(text, sizeof(text),
			 "{\"id\":\"abcdef0123456789\",\"pid\":9,\"annotations\":{%s}}",
			 cases[i].ann);
		ck_assert_msg(parse(text, &st, why) == 0, "%s: %s", cases[i].ann, why);
		ck_assert_str_eq(st.name, cases[i].name);
	}
}
END_TEST

/* Each refusal, with its reason; "required" is known wherever it can be. */
START_TEST(test_state_refused)
{
	static const struct {
		const char *text, *why;
		bool required;
	} cases[] = {
		{ "", "the state is no JSON: it ends early", false },
		{ "{\"id\":\"a\",\"pid\":1", "the state is no JSON: it ends early", false },
		{ "[1]", "the state is not a JSON object", false },
		{ "{\"id\":\"a\",\"pid\":1} x", "text follows the state's JSON object", false },
		{ "{\"pid\":1}", "the state has no container id", false },
		{ "{\"id\":7,\"pid\":1}", "the state has no container id", false },
		{ "{\"id\":\"\",\"pid\":1}", "the container id is empty", false },
		{ "{\"id\":\"a\"}", "the state has no pid", false },
		{ "{\"id\":\"a\",\"pid\":\"1\"}", "the state has no pid", false },
		{ "{\"id\":\"a\",\"pid\":0}", "the state's pid 0 is out of range", false },
		{ "{\"id\":\"a\",\"pid\":4194305}", "the state's pid 4194305 is out", false },
		{ "{\"id\":\"a\",\"pid\":1,\"annotations\":[]}",
		  "the state's annotations are not an object", false },
		{ "{\"id\":\"a\",\"pid\":1,\"annotations\":{\"io.nsaudit.required\":\"yes\"}}",
		  "annotation io.nsaudit.required is 'yes', not true or false", false },
		{ "{\"id\":\"a\",\"annotations\":{\"io.nsaudit.required\":\"true\"}}",
		  "the state has no pid", true },
		{ "{\"id\":\"a\",\"pid\":1,\"annotations\":{\"io.nsaudit.required\":\"true\","
		  "\"io.nsaudit.contid\":\"-1\"}}",
		  "annotation io.nsaudit.contid is '-1', not a decimal ID", true },
		{ "{\"id\":\"a\",\"pid\":1,\"annotations\":{"
		  "\"io.nsaudit.contid\":\"18446744073709551615\"}}",
		  "annotation io.nsaudit.contid is '18446744073709551615', not", false },
		{ "{\"id\":\"a\",\"pid\":1,\"annotations\":{"
		  "\"io.nsaudit.contid\":\"18446744073709551616\"}}",
		  "annotation io.nsaudit.contid is '18446744073709551616', not", false },
		{ "{\"id\":\"a\",\"pid\":1,\"annotations\":{\"io.nsaudit.contid\":\"0x10\"}}",
		  "annotation io.nsaudit.contid is '0x10'", false },
		{ "{\"id\":\"a\",\"pid\":1,\"annotations\":{\"io.nsaudit.contid\":5}}",
		  "annotation io.nsaudit.contid is not a string", false },
		{ "{\"id\":\"a\",\"pid\":1,\"annotations\":{\"io.nsaudit.delegate\":\"1\"}}",
		  "annotation io.nsaudit.delegate is '1', not true or false", false },
		{ "{\"id\":\"a\",\"pid\":1,\"annotations\":{\"io.nsaudit.name\":\"\"}}",
		  "annotation io.nsaudit.name is empty or longer than 255 bytes", false },
	};
	char why[HOOK_WHY_MAX];
	struct hook_state st;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		ck_assert_msg(parse(cases[i].text, &st, why) == -EINVAL,
			      "accepted: %s", cases[i].text);
		ck_assert_msg(!strncmp(why, cases[i].why, strlen(cases[i].why)),
			      "%s: %s", cases[i].text, why);
		ck_assert_msg(st.required == cases[i].required, "%s: required",
			      cases[i].text);
	}
}
END_TEST

/* Bounds: the longest name and ID kept, one byte more refused. */
START_TEST(test_state_lengths)
{
	char text[2048], name[NSAUDIT_CONTID_NAME_MAX + 2], id[HOOK_ID_MAX + 2];
	char why[HOOK_WHY_MAX];
	struct hook_state st;

	memset(name, 'n', sizeof(name));
	name[NSAUDIT_CONTID_NAME_MAX] = '\0';
	memset(id, 'i', sizeof(id));
	id[HOOK_ID_MAX] = '\0';
	snprintf(text, sizeof(text),
		 "{\"id\":\"%s\",\"pid\":1,\"annotations\":{\"io.nsaudit.name\":\"%s\"}}",
		 id, name);
	ck_assert_int_eq(parse(text, &st, why), 0);
	ck_assert_str_eq(st.name, name);
	ck_assert_str_eq(st.id, id);
	name[NSAUDIT_CONTID_NAME_MAX] = 'n';
	name[NSAUDIT_CONTID_NAME_MAX + 1] = '\0';
	snprintf(text, sizeof(text),
		 "{\"id\":\"a\",\"pid\":1,\"annotations\":{\"io.nsaudit.name\":\"%s\"}}",
		 name);
	ck_assert_int_eq(parse(text, &st, why), -EINVAL);
	id[HOOK_ID_MAX] = 'i';
	id[HOOK_ID_MAX + 1] = '\0';
	snprintf(text, sizeof(text), "{\"id\":\"%s\",\"pid\":1}", id);
	ck_assert_int_eq(parse(text, &st, why), -EINVAL);
	ck_assert_str_eq(why, "the container id is empty or longer than 256 bytes");
	/* Deeper than any state: refused, not recursed into. */
	memset(text, '[', 100);
	strcpy(text + 100, "]");
	ck_assert_int_eq(parse(text, &st, why), -EINVAL);
	ck_assert_int_eq(hook_state_parse("{}", HOOK_STATE_MAX + 1, &st, why,
					  sizeof(why)), -EINVAL);
}
END_TEST

START_TEST(test_contid_derive)
{
	ck_assert_uint_eq(hook_contid_derive(ID64), 0x3f2a9c0d18b7e6a5ULL);
	ck_assert_uint_eq(hook_contid_derive("0000000000000000"), 0);
	/* Not 16 hex digits: FNV-1a of the whole ID. */
	ck_assert_uint_eq(hook_contid_derive(""), 14695981039346656037ULL);
	ck_assert_uint_eq(hook_contid_derive("a"), 0xaf63dc4c8601ec8cULL);
	ck_assert_uint_eq(hook_contid_derive("my-lxc-box"),
			  hook_contid_derive("my-lxc-box"));
	ck_assert_uint_ne(hook_contid_derive("3F2A9C0D18B7E6A5"), 0x3f2a9c0d18b7e6a5ULL);
	/* The unset value is never derived. */
	ck_assert_uint_ne(hook_contid_derive("ffffffffffffffff"), NSAUDIT_CONTID_UNSET);
}
END_TEST

START_TEST(test_policy)
{
	static const char text[] =
		"# comment\n\n  delegate = always  \r\n"
		"contid_annotation=no\n";
	char why[HOOK_WHY_MAX];
	struct hook_policy pol;

	ck_assert_int_eq(hook_policy_parse("", 0, &pol, why, sizeof(why)), 0);
	ck_assert_int_eq(pol.delegate, HOOK_DELEGATE_ANNOTATED);
	ck_assert(pol.contid_annotation);
	ck_assert_int_eq(hook_policy_parse(text, strlen(text), &pol, why,
					   sizeof(why)), 0);
	ck_assert_int_eq(pol.delegate, HOOK_DELEGATE_ALWAYS);
	ck_assert(!pol.contid_annotation);
	ck_assert_int_eq(hook_policy_parse("delegate = never", 16, &pol, why,
					   sizeof(why)), 0);
	ck_assert_int_eq(pol.delegate, HOOK_DELEGATE_NEVER);
}
END_TEST

START_TEST(test_policy_refused)
{
	static const struct {
		const char *text, *why;
	} cases[] = {
		{ "delegate", "line 1: expected 'key = value'" },
		{ "\ndelegate = sometimes", "line 2: delegate is 'sometimes', not never, annotated or always" },
		{ "contid_annotation = true", "line 1: contid_annotation is 'true', not yes or no" },
		{ "share = all", "line 1: unknown key 'share' (delegate, contid_annotation)" },
	};
	char why[HOOK_WHY_MAX], big[600];
	struct hook_policy pol;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		ck_assert_int_eq(hook_policy_parse(cases[i].text, strlen(cases[i].text),
						   &pol, why, sizeof(why)), -EINVAL);
		ck_assert_str_eq(why, cases[i].why);
	}
	memset(big, '#', sizeof(big));
	ck_assert_int_eq(hook_policy_parse(big, sizeof(big), &pol, why,
					   sizeof(why)), -EINVAL);
	ck_assert_str_eq(why, "line 1: longer than 511 bytes");
	ck_assert_int_eq(hook_policy_parse("delegate = never\0x", 18, &pol, why,
					   sizeof(why)), -EINVAL);
	ck_assert_str_eq(why, "line 1: a NUL byte");
}
END_TEST

Suite *nsaudit_ocihook_suite(void)
{
	Suite *s = suite_create("oci-hook");
	TCase *tc = tcase_create("parse");

	tcase_add_test(tc, test_state_plain);
	tcase_add_test(tc, test_state_annotated);
	tcase_add_test(tc, test_state_engine_names);
	tcase_add_test(tc, test_state_refused);
	tcase_add_test(tc, test_state_lengths);
	tcase_add_test(tc, test_contid_derive);
	tcase_add_test(tc, test_policy);
	tcase_add_test(tc, test_policy_refused);
	suite_add_tcase(s, tc);
	return s;
}
