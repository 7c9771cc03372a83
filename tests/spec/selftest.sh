#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Prove check-spec.py can fail: run it on temporary copies of the spec and
# of the header, each with one deliberate difference, and require every
# run to exit 1 AND name what was changed (an exit 1 for some other reason
# proves nothing). The real pair must pass. Prints one line per case and
# "selftest: N mutations caught, real pair passes" or fails.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
py=/usr/bin/python3
check="$py $here/check-spec.py"
spec=$top/Documentation/netlink/specs/nsaudit.yaml
hdr=$top/include/uapi/linux/nsaudit.h

tmp=$(mktemp -d /tmp/nsaudit-spec-selftest.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
failures=0
caught=0

# mutate_yaml NAME PYTHON: apply PYTHON to the loaded spec `s`, write NAME.yaml
mutate_yaml() {
	"$py" - "$spec" "$tmp/$1.yaml" "$2" <<'EOF'
import sys, yaml
s = yaml.safe_load(open(sys.argv[1]))
def aset(name):
    return next(a for a in s['attribute-sets'] if a['name'] == name)
def attr(setname, name):
    return next(a for a in aset(setname)['attributes'] if a['name'] == name)
def op(name):
    return next(o for o in s['operations']['list'] if o['name'] == name)
def const(name):
    return next(d for d in s['definitions'] if d['name'] == name)
exec(sys.argv[3])
yaml.safe_dump(s, open(sys.argv[2], 'w'), sort_keys=False)
EOF
}

# mutate_header NAME SED-SCRIPT: a copy of include/uapi with the header edited
mutate_header() {
	mkdir -p "$tmp/$1/linux"
	sed "$2" "$hdr" >"$tmp/$1/linux/nsaudit.h"
	if cmp -s "$hdr" "$tmp/$1/linux/nsaudit.h"; then
		echo "selftest: $1: the sed script changed nothing" >&2
		exit 1
	fi
}

# expect_fail NAME WORD ARGS...: check-spec must exit 1 and print WORD
expect_fail() {
	local name=$1 word=$2 rc=0
	shift 2
	$check "$@" >"$tmp/$name.out" 2>&1 || rc=$?
	if [ "$rc" -eq 1 ] && grep -q -- "MISMATCH.*$word" "$tmp/$name.out"; then
		caught=$((caught + 1))
		echo "selftest: $name: caught: $(grep -m1 -- "MISMATCH.*$word" "$tmp/$name.out" | cut -c1-160)"
	else
		failures=$((failures + 1))
		echo "selftest: $name: NOT caught (exit $rc, wanted 1 naming $word):"
		sed 's/^/    /' "$tmp/$name.out"
	fi
}

# The spec, one thing changed at a time.
mutate_yaml op-value "op('get-nsid')['value'] = 5"
expect_fail op-value NSAUDIT_CMD_GET_NSID --spec "$tmp/op-value.yaml"

mutate_yaml const-value "const('limit-queue-max')['value'] = 1048575"
expect_fail const-value NSAUDIT_LIMIT_QUEUE_MAX --spec "$tmp/const-value.yaml"

mutate_yaml attr-value "attr('limit', 'daemons')['value'] = 2"
expect_fail attr-value 'limit.daemons' --spec "$tmp/attr-value.yaml"

mutate_yaml feature-bit "const('feature')['entries'][1]['value'] = 2"
expect_fail feature-bit NSAUDIT_FEATURE_NSID --spec "$tmp/feature-bit.yaml"

mutate_yaml family-name "s['name'] = 'nsaudix'"
expect_fail family-name NSAUDIT_GENL_NAME --spec "$tmp/family-name.yaml"

mutate_yaml attr-removed "aset('counter')['attributes'].pop()"
expect_fail attr-removed __NSAUDIT_COUNTER_A_MAX --spec "$tmp/attr-removed.yaml"

mutate_yaml attr-added "aset('nsid')['attributes'].append({'name': 'extra', 'type': 'u32'})"
expect_fail attr-added NSAUDIT_NSID_A_EXTRA --spec "$tmp/attr-added.yaml"

mutate_yaml op-removed "s['operations']['list'].pop()"
expect_fail op-removed __NSAUDIT_CMD_MAX --spec "$tmp/op-removed.yaml"

mutate_yaml check-bound "attr('limit', 'queue')['checks']['min'] = 15"
expect_fail check-bound limit-queue-min --spec "$tmp/check-bound.yaml"

mutate_yaml length-bound "attr('nsaudit', 'rule')['checks']['max-len'] = 4096"
expect_fail length-bound rule-max --spec "$tmp/length-bound.yaml"

mutate_yaml dangling-nest "attr('nsaudit', 'limits')['nested-attributes'] = 'limitz'"
expect_fail dangling-nest nested-attributes --spec "$tmp/dangling-nest.yaml"

mutate_yaml op-no-value "del op('set')['value']"
expect_fail op-no-value 'operation set: no explicit value' --spec "$tmp/op-no-value.yaml"

# The header, one thing changed at a time.
mutate_header extra-enum '/^\t__NSAUDIT_NSID_A_MAX,/i\	NSAUDIT_NSID_A_EXTRA,'
expect_fail extra-enum __NSAUDIT_NSID_A_MAX --include "$tmp/extra-enum"

mutate_header extra-cmd '/^\t__NSAUDIT_CMD_MAX,/i\	NSAUDIT_CMD_EXTRA,'
expect_fail extra-cmd __NSAUDIT_CMD_MAX --include "$tmp/extra-cmd"

mutate_header extra-feature '/^#define NSAUDIT_FEATURE_DAEMONS/a\#define NSAUDIT_FEATURE_EXTRA (1ULL << 3)'
expect_fail extra-feature NSAUDIT_FEATURE_EXTRA --include "$tmp/extra-feature"

mutate_header limit-value 's/^\(#define NSAUDIT_LIMIT_RULES_DEFAULT\t\)256$/\1255/'
expect_fail limit-value NSAUDIT_LIMIT_RULES_DEFAULT --include "$tmp/limit-value"

mutate_header renamed-attr 's/NSAUDIT_A_ENRICH,/NSAUDIT_A_ENRICHED,/'
expect_fail renamed-attr NSAUDIT_A_ENRICH --include "$tmp/renamed-attr"

# A u64 constant past INT64_MAX is compared too, not only compiled.
mutate_header contid-unset 's/^\(#define NSAUDIT_CONTID_UNSET\t\t\)((__u64)-1)$/\1((__u64)-2)/'
expect_fail contid-unset NSAUDIT_CONTID_UNSET --include "$tmp/contid-unset"

mutate_header mcgrp-name 's/^\(#define NSAUDIT_MCGRP_CONFIG\t\t\)"config"$/\1"conf"/'
expect_fail mcgrp-name NSAUDIT_MCGRP_CONFIG --include "$tmp/mcgrp-name"

# And the real pair passes.
if $check >"$tmp/real.out" 2>&1; then
	echo "selftest: real pair: $(tail -n 1 "$tmp/real.out")"
else
	failures=$((failures + 1))
	echo "selftest: real pair FAILS:"
	sed 's/^/    /' "$tmp/real.out"
fi

if [ "$failures" -ne 0 ]; then
	echo "selftest: FAILED ($failures case(s) wrong)"
	exit 1
fi
echo "selftest: $caught mutations caught, real pair passes"
