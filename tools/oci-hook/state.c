// SPDX-License-Identifier: GPL-2.0
/*
 * nsaudit-oci-hook: the OCI state (runtime-spec, "State") and the host's
 * policy file, parsed into what the hook acts on. No I/O here: the unit
 * tests feed it text.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <json-c/json.h>

#include "state.h"

/* Deepest nesting of a state: annotations are an object in an object. */
#define HOOK_JSON_DEPTH		16

static int hook_why(char *why, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int hook_why(char *why, size_t size, const char *fmt, ...)
{
	va_list ap;

	if (size) {
		va_start(ap, fmt);
		vsnprintf(why, size, fmt, ap);
		va_end(ap);
	}
	return -EINVAL;
}

/* A decimal u64, digits only. */
static bool hook_u64(const char *s, uint64_t *v)
{
	uint64_t n = 0;

	if (!*s)
		return false;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return false;
		if (n > (UINT64_MAX - (uint64_t)(*s - '0')) / 10)
			return false;
		n = n * 10 + (uint64_t)(*s - '0');
	}
	*v = n;
	return true;
}

/* The string annotation @key, or NULL; a value of another type is refused. */
static int hook_ann(struct json_object *ann, const char *key, const char **v,
		    char *why, size_t size)
{
	struct json_object *o;

	*v = NULL;
	if (!ann || !json_object_object_get_ex(ann, key, &o))
		return 0;
	if (!json_object_is_type(o, json_type_string))
		return hook_why(why, size, "annotation %s is not a string", key);
	*v = json_object_get_string(o);
	return 0;
}

static int hook_ann_bool(struct json_object *ann, const char *key,
			 enum hook_tristate *t, char *why, size_t size)
{
	const char *v;
	int err = hook_ann(ann, key, &v, why, size);

	*t = HOOK_UNSET;
	if (err || !v)
		return err;
	if (!strcmp(v, "true"))
		*t = HOOK_YES;
	else if (!strcmp(v, "false"))
		*t = HOOK_NO;
	else
		return hook_why(why, size, "annotation %s is '%.32s', not true or false",
				key, v);
	return 0;
}

/* Copies @s into @dst (of @size, >= 1) if it fits; says whether it did. */
static bool hook_copy(char *dst, size_t size, const char *s)
{
	size_t n = strlen(s);

	if (!n || n >= size)
		return false;
	memcpy(dst, s, n + 1);
	return true;
}

/*
 * The name an engine annotated: Kubernetes' "namespace/pod/container"
 * (containerd's CRI plugin, then CRI-O's keys), nerdctl's name.
 */
static void hook_engine_name(struct json_object *ann, struct hook_state *st)
{
	static const char *const k8s[][3] = {
		{ "io.kubernetes.cri.sandbox-namespace",
		  "io.kubernetes.cri.sandbox-name",
		  "io.kubernetes.cri.container-name" },
		{ "io.kubernetes.pod.namespace", "io.kubernetes.pod.name",
		  "io.kubernetes.container.name" },
	};
	const char *v[3];
	size_t i, j;
	char why[8];

	for (i = 0; i < sizeof(k8s) / sizeof(k8s[0]); i++) {
		for (j = 0; j < 3; j++)
			if (hook_ann(ann, k8s[i][j], &v[j], why, sizeof(why)) || !v[j])
				break;
		if (j == 3) {
			int n = snprintf(st->name, sizeof(st->name), "%s/%s/%s",
					 v[0], v[1], v[2]);

			if (n > 0 && (size_t)n < sizeof(st->name))
				return;
			st->name[0] = '\0';
		}
	}
	if (!hook_ann(ann, "nerdctl/name", &v[0], why, sizeof(why)) && v[0] &&
	    hook_copy(st->name, sizeof(st->name), v[0]))
		return;
	st->name[0] = '\0';
}

static int hook_state_take(struct json_object *root, struct hook_state *st,
			   char *why, size_t size)
{
	struct json_object *o, *ann = NULL;
	enum hook_tristate req;
	const char *v;
	int64_t pid;
	int err;

	if (!json_object_is_type(root, json_type_object))
		return hook_why(why, size, "the state is not a JSON object");
	/* The ID names the container in messages, whatever else fails. */
	if (json_object_object_get_ex(root, "id", &o) &&
	    json_object_is_type(o, json_type_string))
		hook_copy(st->id, sizeof(st->id), json_object_get_string(o));
	/* "required" next: every later failure needs it. */
	if (json_object_object_get_ex(root, "annotations", &ann) &&
	    !json_object_is_type(ann, json_type_object))
		return hook_why(why, size, "the state's annotations are not an object");
	err = hook_ann_bool(ann, HOOK_ANN_REQUIRED, &req, why, size);
	if (err)
		return err;
	st->required = req == HOOK_YES;

	if (!json_object_object_get_ex(root, "id", &o) ||
	    !json_object_is_type(o, json_type_string))
		return hook_why(why, size, "the state has no container id");
	if (!st->id[0])
		return hook_why(why, size, "the container id is empty or longer than %d bytes",
				HOOK_ID_MAX);
	if (!json_object_object_get_ex(root, "pid", &o) ||
	    !json_object_is_type(o, json_type_int))
		return hook_why(why, size, "the state has no pid (a hook of the createRuntime stage sees one)");
	pid = json_object_get_int64(o);
	if (pid < 1 || pid > NSAUDIT_PID_MAX)
		return hook_why(why, size, "the state's pid %lld is out of range",
				(long long)pid);
	st->pid = (int)pid;

	err = hook_ann(ann, HOOK_ANN_CONTID, &v, why, size);
	if (err)
		return err;
	if (v) {
		if (!hook_u64(v, &st->contid) || st->contid == NSAUDIT_CONTID_UNSET)
			return hook_why(why, size, "annotation %s is '%.32s', not a decimal ID from 0 to 18446744073709551614",
					HOOK_ANN_CONTID, v);
		st->have_contid = true;
	}
	err = hook_ann_bool(ann, HOOK_ANN_DELEGATE, &st->delegate, why, size);
	if (err)
		return err;

	err = hook_ann(ann, HOOK_ANN_NAME, &v, why, size);
	if (err)
		return err;
	if (v) {
		if (!hook_copy(st->name, sizeof(st->name), v))
			return hook_why(why, size, "annotation %s is empty or longer than %d bytes",
					HOOK_ANN_NAME, NSAUDIT_CONTID_NAME_MAX);
		return 0;
	}
	hook_engine_name(ann, st);
	if (!st->name[0])
		snprintf(st->name, sizeof(st->name), "%.12s", st->id);
	return 0;
}

int hook_state_parse(const char *text, size_t len, struct hook_state *st,
		     char *why, size_t size)
{
	struct json_tokener *tok;
	struct json_object *root;
	enum json_tokener_error jerr;
	size_t end;
	int err;

	memset(st, 0, sizeof(*st));
	st->delegate = HOOK_UNSET;
	if (len > HOOK_STATE_MAX)
		return hook_why(why, size, "the state is longer than %d bytes",
				HOOK_STATE_MAX);
	tok = json_tokener_new_ex(HOOK_JSON_DEPTH);
	if (!tok)
		return -ENOMEM;
	root = json_tokener_parse_ex(tok, text, (int)len);
	jerr = json_tokener_get_error(tok);
	end = json_tokener_get_parse_end(tok);
	json_tokener_free(tok);
	if (!root || jerr != json_tokener_success) {
		json_object_put(root);
		return hook_why(why, size, "the state is no JSON: %s",
				jerr == json_tokener_continue ? "it ends early" :
				json_tokener_error_desc(jerr));
	}
	/* Nothing but white space may follow the object. */
	for (; end < len; end++)
		if (!strchr(" \t\r\n", text[end])) {
			json_object_put(root);
			return hook_why(why, size, "text follows the state's JSON object");
		}
	err = hook_state_take(root, st, why, size);
	json_object_put(root);
	return err;
}

uint64_t hook_contid_derive(const char *id)
{
	uint64_t v = 0, h = 14695981039346656037ULL;
	const char *p;
	int i;

	for (i = 0; i < 16; i++) {
		char c = id[i];

		if (c >= '0' && c <= '9')
			v = v << 4 | (uint64_t)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v = v << 4 | (uint64_t)(c - 'a' + 10);
		else
			break;
	}
	if (i == 16 && v != NSAUDIT_CONTID_UNSET)
		return v;
	for (p = id; *p; p++) {
		h ^= (unsigned char)*p;
		h *= 1099511628211ULL;
	}
	return h == NSAUDIT_CONTID_UNSET ? h - 1 : h;
}

/* @s without the blanks around it, in place. */
static char *hook_trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		*--e = '\0';
	return s;
}

static int hook_policy_line(char *line, int lineno, struct hook_policy *pol,
			    char *why, size_t size)
{
	char *eq, *key, *val;

	line = hook_trim(line);
	if (!*line || *line == '#')
		return 0;
	eq = strchr(line, '=');
	if (!eq)
		return hook_why(why, size, "line %d: expected 'key = value'", lineno);
	*eq = '\0';
	key = hook_trim(line);
	val = hook_trim(eq + 1);
	if (!strcmp(key, "delegate")) {
		if (!strcmp(val, "never"))
			pol->delegate = HOOK_DELEGATE_NEVER;
		else if (!strcmp(val, "annotated"))
			pol->delegate = HOOK_DELEGATE_ANNOTATED;
		else if (!strcmp(val, "always"))
			pol->delegate = HOOK_DELEGATE_ALWAYS;
		else
			return hook_why(why, size, "line %d: delegate is '%.32s', not never, annotated or always",
					lineno, val);
	} else if (!strcmp(key, "contid_annotation")) {
		if (!strcmp(val, "yes"))
			pol->contid_annotation = true;
		else if (!strcmp(val, "no"))
			pol->contid_annotation = false;
		else
			return hook_why(why, size, "line %d: contid_annotation is '%.32s', not yes or no",
					lineno, val);
	} else {
		return hook_why(why, size, "line %d: unknown key '%.32s' (delegate, contid_annotation)",
				lineno, key);
	}
	return 0;
}

int hook_policy_parse(const char *text, size_t len, struct hook_policy *pol,
		      char *why, size_t size)
{
	char line[512];
	size_t i = 0, n;
	int lineno = 0, err;

	pol->delegate = HOOK_DELEGATE_ANNOTATED;
	pol->contid_annotation = true;
	while (i < len) {
		const char *nl = memchr(text + i, '\n', len - i);

		n = nl ? (size_t)(nl - (text + i)) : len - i;
		lineno++;
		if (n >= sizeof(line))
			return hook_why(why, size, "line %d: longer than %zu bytes",
					lineno, sizeof(line) - 1);
		memcpy(line, text + i, n);
		line[n] = '\0';
		if (strlen(line) != n)
			return hook_why(why, size, "line %d: a NUL byte", lineno);
		err = hook_policy_line(line, lineno, pol, why, size);
		if (err)
			return err;
		i += n + 1;
	}
	return 0;
}
