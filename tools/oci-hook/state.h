/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nsaudit-oci-hook: what it takes from the OCI state a runtime hands a
 * hook on its standard input, and from the host's policy file.
 */
#ifndef NSAUDIT_OCI_HOOK_STATE_H
#define NSAUDIT_OCI_HOOK_STATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <libnsaudit.h>

/* Most bytes of state read from standard input. */
#define HOOK_STATE_MAX		(1 << 20)
/* Longest container ID kept (runtimes use 64 hex digits). */
#define HOOK_ID_MAX		256
/* Room for a reason. */
#define HOOK_WHY_MAX		256

/* The annotations the hook reads. */
#define HOOK_ANN_CONTID		"io.nsaudit.contid"
#define HOOK_ANN_NAME		"io.nsaudit.name"
#define HOOK_ANN_REQUIRED	"io.nsaudit.required"
#define HOOK_ANN_DELEGATE	"io.nsaudit.delegate"

/* A yes/no annotation: absent, or what it said. */
enum hook_tristate { HOOK_UNSET = -1, HOOK_NO = 0, HOOK_YES = 1 };

/**
 * struct hook_state - one container, as its OCI state describes it
 * @id: the container's ID
 * @pid: its first process, in the runtime's PID namespace
 * @name: the name for the CONTAINER_OP record: io.nsaudit.name, else the
 *        one the engine annotated (hook_state_parse() lists them), else
 *        the first 12 characters of @id, as podman ps and docker ps show
 * @contid: the ID io.nsaudit.contid asks for, if @have_contid
 * @have_contid: io.nsaudit.contid was given
 * @required: io.nsaudit.required: a failure stops the container
 * @delegate: io.nsaudit.delegate
 */
struct hook_state {
	char id[HOOK_ID_MAX + 1];
	int pid;
	char name[NSAUDIT_CONTID_NAME_MAX + 1];
	uint64_t contid;
	bool have_contid;
	bool required;
	enum hook_tristate delegate;
};

/* What the host's policy (/etc/nsaudit/oci-hook.conf) allows. */
enum hook_delegate_policy {
	HOOK_DELEGATE_NEVER,		/* no container is delegated */
	HOOK_DELEGATE_ANNOTATED,	/* those annotated io.nsaudit.delegate=true */
	HOOK_DELEGATE_ALWAYS,		/* every container with a user namespace */
};

/**
 * struct hook_policy - the host's policy
 * @delegate: which containers' user namespaces are delegated
 * @contid_annotation: io.nsaudit.contid is honoured; where whoever writes
 *                     annotations is not the host's admin (a cluster's
 *                     tenants), "no": each container gets the ID derived
 *                     from its own, which no tenant chooses
 */
struct hook_policy {
	enum hook_delegate_policy delegate;
	bool contid_annotation;
};

/**
 * hook_state_parse() - take a container's OCI state
 * @text: the state, JSON as the runtime wrote it (need not end in NUL)
 * @len: its length
 * @st: filled in; on failure it holds what was read before the error
 *      (@st->required in particular, so that the caller knows whether
 *      the failure must stop the container)
 * @why: the reason on failure
 * @size: size of @why
 *
 * Return: 0, or -EINVAL with a reason for text that is no JSON object,
 * lacks "id" or "pid", or has an io.nsaudit.* annotation of a bad value.
 */
int hook_state_parse(const char *text, size_t len, struct hook_state *st,
		     char *why, size_t size);

/**
 * hook_contid_derive() - the ID of a container that asked for none
 * @id: the container's ID
 *
 * Its first 16 characters read as a hexadecimal u64 where they are hex
 * digits (podman, Docker, containerd and CRI-O IDs: the ID printf
 * '%u' 0x${ID:0:16} gives), else the 64-bit FNV-1a hash of the whole ID;
 * never NSAUDIT_CONTID_UNSET (which becomes its hash instead).
 */
uint64_t hook_contid_derive(const char *id);

/**
 * hook_policy_parse() - read the host's policy
 * @text: the file's text, "key = value" lines, '#' comments
 * @len: its length
 * @pol: filled in; starts from the defaults (delegate annotated,
 *       contid_annotation yes)
 * @why: the reason on failure, naming the line
 * @size: size of @why
 *
 * Return: 0, or -EINVAL for an unknown key, a bad value or a malformed
 * line.
 */
int hook_policy_parse(const char *text, size_t len, struct hook_policy *pol,
		      char *why, size_t size);

#endif
