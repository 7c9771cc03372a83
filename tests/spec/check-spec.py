#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Prove Documentation/netlink/specs/nsaudit.yaml and the UAPI header agree.

Usage: check-spec.py [--spec FILE] [--include DIR] [--schema FILE] [--keep]

  --spec FILE     the YAML spec (default: the one in this tree)
  --include DIR   directory holding linux/nsaudit.h (default: include/uapi)
  --schema FILE   also validate the spec against the kernel's
                  Documentation/netlink/genetlink.yaml (needs python3-jsonschema)
  --keep          keep the generated C file and print its path

The header is written by hand and is the reference. Names follow the
kernel's YAML-to-C rules (Documentation/userspace-api/netlink/c-code-gen.rst):
a const is $family-$name, a flags entry $family-$enum-$entry with value
1 << bit, an attribute $prefix$attr with $prefix from name-prefix (default
$family-a- for the set named after the family, else $family-a-$set-), the
set's count and max __$prefixMAX and $prefixMAX, a command
$ops-prefix$op, a group $family-mcgrp-$group.

Checks: the spec's shape (values, references); every name and value the
spec implies, as a _Static_assert compiled by gcc against the header; and
the other direction, that the header holds nothing the spec lacks: each
enum's __*_MAX equals what the spec lists, and every NSAUDIT_* macro of
the header (from gcc -E -dM) is accounted for by the spec.

Exit 0 if all agree, 1 with one "check-spec: MISMATCH ..." line per
difference, 2 if it could not run (bad usage, python3-yaml or gcc missing).
"""

import os
import re
import subprocess
import sys
import tempfile

try:
	import yaml
except ImportError:
	sys.stderr.write('check-spec: python3-yaml is missing: install the Debian '
			 'package python3-yaml (apt-get install python3-yaml) and '
			 'run this with /usr/bin/python3\n')
	sys.exit(2)

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# Header macros that are not part of the netlink interface: the record
# text format, and a helper over the nsid enum. Anything else named
# NSAUDIT_* must come from the spec.
NOT_NETLINK = {
	'_UAPI_LINUX_NSAUDIT_H',
	'NSAUDIT_FIELD_NSDEV',
	'NSAUDIT_FIELD_NS_NAMES',
	'NSAUDIT_NSID_TEXT_MAX',
	'NSAUDIT_NSID_A_NS',
}

ATTR_TYPES = {'unused', 'pad', 'flag', 'binary', 'uint', 'sint', 'u8', 'u16',
	      'u32', 'u64', 's8', 's16', 's32', 's64', 'string', 'nest',
	      'indexed-array', 'nest-type-value'}

LIMITS = {'u8-min': 0, 'u8-max': 0xff, 'u16-min': 0, 'u16-max': 0xffff,
	  'u32-min': 0, 'u32-max': 0xffffffff, 'u64-min': 0,
	  'u64-max': 0xffffffffffffffff, 's8-min': -0x80, 's8-max': 0x7f,
	  's16-min': -0x8000, 's16-max': 0x7fff, 's32-min': -0x80000000,
	  's32-max': 0x7fffffff, 's64-min': -0x8000000000000000,
	  's64-max': 0x7fffffffffffffff}

mismatches = []


def bad(msg):
	mismatches.append(msg)


def c_upper(name):
	return name.upper().replace('-', '_')


def c_lower(name):
	return name.lower().replace('-', '_')


def c_str(s):
	return '"' + s.replace('\\', '\\\\').replace('"', '\\"') + '"'


class Checks:
	"""C source with one assertion per line, so gcc's line numbers name
	the check that failed."""

	def __init__(self):
		self.items = []		# (C line, what it checks, macro it needs)

	def add(self, code, what, macro=None):
		self.items.append((code, what, macro))

	def expect_int(self, cname, value, what, macro=False):
		# Past INT64_MAX a decimal constant has no standard type: hex.
		if isinstance(value, int) and value > 0x7fffffffffffffff:
			value = '%#xULL' % value
		self.add('_Static_assert((%s) == (%s), %s);'
			 % (cname, value, c_str(what)),
			 '%s: expected %s == %s' % (what, cname, value),
			 cname if macro else None)

	def expect_str(self, cname, value, what):
		# gcc folds __builtin_memcmp of two literals to a constant.
		self.add('_Static_assert(sizeof(%s) == sizeof(%s) && '
			 '__builtin_memcmp(%s, %s, sizeof(%s)) == 0, %s);'
			 % (cname, c_str(value), cname, c_str(value), c_str(value),
			    c_str(what)),
			 '%s: expected %s == "%s"' % (what, cname, value), cname)


def attr_values(aset):
	"""Effective values of a set's attributes, as ynl assigns them."""
	out = []
	val = 1
	for attr in aset.get('attributes') or []:
		if 'value' in attr:
			val = attr['value']
		out.append((attr, val))
		val += 1
	return out


def check_shape(spec):
	"""Shape rules the schema cannot state; returns the lookup tables."""
	for key in ('name', 'doc', 'attribute-sets', 'operations'):
		if key not in spec:
			bad('spec: top-level key "%s" is missing' % key)
	if spec.get('protocol', 'genetlink') != 'genetlink':
		bad('spec: protocol is "%s", want genetlink' % spec.get('protocol'))

	defs = {}
	for d in spec.get('definitions') or []:
		name = d.get('name')
		if name in defs:
			bad('definition %s: defined twice' % name)
		defs[name] = d
		if d.get('type') == 'const' and 'value' not in d:
			bad('definition %s: a const without a value' % name)
		if d.get('type') not in ('const', 'enum', 'flags'):
			bad('definition %s: type "%s" is not const, enum or flags'
			    % (name, d.get('type')))

	sets = {}
	for s in spec.get('attribute-sets') or []:
		name = s.get('name')
		if name in sets:
			bad('attribute-set %s: defined twice' % name)
		sets[name] = s
		seen = set()
		expect = 1
		for attr, val in attr_values(s):
			an = attr.get('name')
			where = 'attribute %s.%s' % (name, an)
			if an in seen:
				bad('%s: listed twice' % where)
			seen.add(an)
			if val != expect:
				bad('%s: value %d, want %d (values run 1, 2, 3, ... '
				    'without gaps)' % (where, val, expect))
			expect = val + 1
			if attr.get('type') not in ATTR_TYPES:
				bad('%s: unknown type "%s"' % (where, attr.get('type')))
			if attr.get('type') == 'nest' and 'nested-attributes' not in attr:
				bad('%s: a nest without nested-attributes' % where)
			if 'enum' in attr and attr['enum'] not in defs:
				bad('%s: enum "%s" is not defined' % (where, attr['enum']))
		if not seen:
			bad('attribute-set %s: no attributes' % name)
	for s in sets.values():
		for attr in s.get('attributes') or []:
			nested = attr.get('nested-attributes')
			if nested is not None and nested not in sets:
				bad('attribute %s.%s: nested-attributes "%s" names no '
				    'attribute-set' % (s['name'], attr.get('name'), nested))

	groups = {g.get('name') for g in
		  (spec.get('mcast-groups') or {}).get('list') or []}

	ops = {}
	values = {}
	for op in (spec.get('operations') or {}).get('list') or []:
		name = op.get('name')
		where = 'operation %s' % name
		if name in ops:
			bad('%s: listed twice' % where)
		ops[name] = op
		if 'doc' not in op:
			bad('%s: no doc' % where)
		if 'value' not in op:
			bad('%s: no explicit value' % where)
		elif not isinstance(op['value'], int) or op['value'] < 1:
			bad('%s: value %r is not a positive integer' % (where, op['value']))
		elif op['value'] in values:
			bad('%s: value %d also used by %s'
			    % (where, op['value'], values[op['value']]))
		else:
			values[op['value']] = name
		if 'mcgrp' in op and op['mcgrp'] not in groups:
			bad('%s: mcgrp "%s" is not in mcast-groups' % (where, op['mcgrp']))
	for op in ops.values():
		where = 'operation %s' % op.get('name')
		if 'notify' in op:
			target = ops.get(op['notify'])
			if target is None:
				bad('%s: notify "%s" names no operation' % (where, op['notify']))
			elif 'do' not in target and 'dump' not in target:
				bad('%s: notify "%s" has no reply to share' % (where, op['notify']))
			if 'mcgrp' not in op:
				bad('%s: a notification without mcgrp' % where)
			continue
		if 'event' in op:
			continue
		aset = op.get('attribute-set')
		if aset is None:
			bad('%s: no attribute-set' % where)
			continue
		if aset not in sets:
			bad('%s: attribute-set "%s" does not exist' % (where, aset))
			continue
		names = {a.get('name') for a in sets[aset].get('attributes') or []}
		for mode in ('do', 'dump'):
			for part in ('request', 'reply'):
				msg = (op.get(mode) or {}).get(part) or {}
				for an in msg.get('attributes') or []:
					if an not in names:
						bad('%s: %s %s lists "%s", not in attribute-set %s'
						    % (where, mode, part, an, aset))
	return defs, sets, ops, groups


def resolve_limit(val, consts, where):
	if isinstance(val, int):
		return val
	if val in LIMITS:
		return LIMITS[val]
	if val in consts and isinstance(consts[val], int):
		return consts[val]
	bad('%s: check value "%s" is neither a number, a const nor a type limit'
	    % (where, val))
	return None


def check_checks(spec, defs, sets):
	"""Policy bounds must equal the bound consts: a check of attribute A in
	set S pairs with the const S-A-min/max where one exists (A-min/max for
	the set named after the family)."""
	consts = {n: d.get('value') for n, d in defs.items() if d.get('type') == 'const'}
	for s in sets.values():
		for attr in s.get('attributes') or []:
			checks = attr.get('checks') or {}
			where = 'attribute %s.%s' % (s['name'], attr['name'])
			got = {}
			# A string or binary attribute is bounded by its length.
			keys = {'min': 'min', 'max': 'max'}
			if attr.get('type') in ('binary', 'string'):
				keys = {'min': 'min-len', 'max': 'max-len'}
			for bound in ('min', 'max'):
				if keys[bound] in checks:
					got[bound] = resolve_limit(checks[keys[bound]], consts, where)
			if 'min' in got and 'max' in got and None not in got.values() \
					and got['min'] > got['max']:
				bad('%s: checks min %d > max %d' % (where, got['min'], got['max']))
			for bound in ('min', 'max'):
				if s['name'] == spec['name']:
					cname = '%s-%s' % (attr['name'], bound)
				else:
					cname = '%s-%s-%s' % (s['name'], attr['name'], bound)
				if cname in consts:
					if bound not in got:
						bad('%s: const %s exists but checks has no %s'
						    % (where, cname, bound))
					elif got[bound] is not None and got[bound] != consts[cname]:
						bad('%s: checks %s is %s, const %s is %s'
						    % (where, bound, got[bound], cname, consts[cname]))


def build_checks(spec, defs, sets, ops, groups):
	"""The C assertions, and the set of header names the spec accounts for."""
	fam = spec['name']
	c = Checks()
	names = set()

	c.expect_str('NSAUDIT_GENL_NAME', fam, 'family name')
	names.add('NSAUDIT_GENL_NAME')

	for d in spec.get('definitions') or []:
		if d.get('header'):
			continue
		if d['type'] == 'const':
			cname = c_upper('%s-%s' % (fam, d['name']))
			names.add(cname)
			what = 'const %s' % d['name']
			if isinstance(d['value'], str):
				c.expect_str(cname, d['value'], what)
			else:
				c.expect_int(cname, d['value'], what, macro=True)
			continue
		flags = d['type'] == 'flags'
		val = d.get('value-start', 0)
		for e in d.get('entries') or []:
			e = {'name': e} if isinstance(e, str) else e
			val = e.get('value', val)
			cname = c_upper('%s-%s-%s' % (fam, d['name'], e['name']))
			names.add(cname)
			# The header may render flags as macros or as an enum.
			c.expect_int(cname, '(1ULL << %d)' % val if flags else val,
				     '%s %s.%s' % (d['type'], d['name'], e['name']))
			val += 1

	for s in sets.values():
		if s.get('subset-of'):
			continue
		pfx = s.get('name-prefix')
		if pfx is None:
			pfx = '%s-a-' % fam if s['name'] == fam else '%s-a-%s-' % (fam, s['name'])
		pfx = c_upper(pfx)
		if s.get('enum-name'):
			c.add('_Static_assert(sizeof(enum %s) > 0, "enum");'
			      % c_lower(s['enum-name']),
			      'attribute-set %s: expected enum %s in the header'
			      % (s['name'], c_lower(s['enum-name'])))
		last = 0
		for attr, val in attr_values(s):
			cname = pfx + c_upper(attr['name'])
			names.add(cname)
			c.expect_int(cname, val, 'attribute %s.%s' % (s['name'], attr['name']))
			last = max(last, val)
		names.update({'__%sMAX' % pfx, '%sMAX' % pfx})
		c.expect_int('__%sMAX' % pfx, last + 1,
			     'attribute-set %s: length of the header enum' % s['name'])
		c.expect_int('%sMAX' % pfx, last, 'attribute-set %s max' % s['name'])

	opsec = spec.get('operations') or {}
	pfx = c_upper(opsec.get('name-prefix', '%s-cmd-' % fam))
	if opsec.get('enum-name'):
		c.add('_Static_assert(sizeof(enum %s) > 0, "enum");'
		      % c_lower(opsec['enum-name']),
		      'operations: expected enum %s in the header'
		      % c_lower(opsec['enum-name']))
	last = 0
	for op in ops.values():
		if not isinstance(op.get('value'), int):
			continue
		cname = pfx + c_upper(op['name'])
		names.add(cname)
		c.expect_int(cname, op['value'], 'operation %s' % op['name'])
		last = max(last, op['value'])
	names.update({'__%sMAX' % pfx, '%sMAX' % pfx})
	c.expect_int('__%sMAX' % pfx, last + 1,
		     'operations: length of the header enum')
	c.expect_int('%sMAX' % pfx, last, 'operations max')

	for g in sorted(groups):
		cname = c_upper('%s-mcgrp-%s' % (fam, g))
		names.add(cname)
		c.expect_str(cname, g, 'mcast-group %s' % g)
	return c, names


def header_macros(include):
	"""NSAUDIT_* macro names the header defines, via gcc -E -dM."""
	r = subprocess.run(['gcc', '-E', '-dM', '-I', include, '-x', 'c', '-'],
			   input='#include <linux/nsaudit.h>\n', capture_output=True,
			   text=True, env=dict(os.environ, LC_ALL='C'))
	if r.returncode != 0:
		sys.stderr.write(r.stderr)
		bad('header: gcc -E of linux/nsaudit.h failed')
		return None
	out = set()
	for line in r.stdout.splitlines():
		m = re.match(r'#define (\w+)', line)
		if m and re.match(r'_*(UAPI_LINUX_)?NSAUDIT', m.group(1)):
			out.add(m.group(1))
	return out


def compile_checks(c, include, keep):
	src = ('/* Generated by tests/spec/check-spec.py: one check a line. */\n'
	       '#include <linux/nsaudit.h>\n')
	base = src.count('\n')
	src += ''.join(code + '\n' for code, _, _ in c.items)
	fd, path = tempfile.mkstemp(prefix='nsaudit-spec-', suffix='.c')
	with os.fdopen(fd, 'w') as f:
		f.write(src)
	r = subprocess.run(['gcc', '-std=c11', '-fsyntax-only', '-fmax-errors=0',
			    '-I', include, path], capture_output=True, text=True,
			   env=dict(os.environ, LC_ALL='C'))
	if keep:
		print('check-spec: C checks kept in %s' % path)
	else:
		os.unlink(path)
	if r.returncode == 0:
		return
	seen = set()
	for line in r.stderr.splitlines():
		m = re.match(r'(.*?):(\d+):\d+: error: (.*)', line)
		if not m:
			continue
		if m.group(1) != path:
			bad('header does not compile: %s' % line)
			continue
		n = int(m.group(2)) - base
		if n in seen:
			continue
		seen.add(n)
		if 1 <= n <= len(c.items):
			bad('%s (gcc: %s)' % (c.items[n - 1][1], m.group(3)))
		else:
			bad('generated C, line %s: %s' % (m.group(2), m.group(3)))
	if not seen:
		sys.stderr.write(r.stderr)
		bad('gcc failed on the generated checks without a usable message')


def validate_schema(spec, schema_path):
	try:
		import jsonschema
	except ImportError:
		sys.stderr.write('check-spec: --schema needs python3-jsonschema '
				 '(apt-get install python3-jsonschema)\n')
		sys.exit(2)
	with open(schema_path) as f:
		schema = yaml.safe_load(f)
	v = jsonschema.Draft7Validator(schema)
	for e in sorted(v.iter_errors(spec), key=lambda e: list(e.path)):
		where = '/'.join(str(p) for p in e.path) or '(top)'
		bad('schema: %s: %s' % (where, e.message))


def main(argv):
	spec_path = os.path.join(TOP, 'Documentation/netlink/specs/nsaudit.yaml')
	include = os.path.join(TOP, 'include/uapi')
	schema = None
	keep = False
	args = list(argv)
	while args:
		a = args.pop(0)
		if a in ('--spec', '--include', '--schema') and args:
			v = args.pop(0)
			if a == '--spec':
				spec_path = v
			elif a == '--include':
				include = v
			else:
				schema = v
		elif a == '--keep':
			keep = True
		else:
			sys.stderr.write(__doc__.split('\n\n')[1] + '\n')
			return 2
	if subprocess.run(['gcc', '--version'], capture_output=True).returncode:
		sys.stderr.write('check-spec: gcc is missing\n')
		return 2
	try:
		with open(spec_path) as f:
			spec = yaml.safe_load(f)
	except (OSError, yaml.YAMLError) as e:
		print('check-spec: MISMATCH spec cannot be read: %s' % e)
		return 1
	if not isinstance(spec, dict):
		print('check-spec: MISMATCH spec is not a YAML mapping')
		return 1

	if schema:
		validate_schema(spec, schema)
	defs, sets, ops, groups = check_shape(spec)
	check_checks(spec, defs, sets)
	c, names = build_checks(spec, defs, sets, ops, groups)

	macros = header_macros(include)
	if macros is not None:
		for m in sorted(macros - names - NOT_NETLINK):
			bad('header macro %s: nothing in the spec renders it' % m)
		# A missing macro would only make gcc say "undeclared"; say it
		# plainly and leave its assertion out. Enumerators have no such
		# shortcut: gcc reports them.
		kept = []
		for item in c.items:
			if item[2] is not None and item[2] not in macros:
				bad('%s: the header does not define %s' % (item[1].split(':')[0], item[2]))
			else:
				kept.append(item)
		c.items = kept
	compile_checks(c, include, keep)

	for m in mismatches:
		print('check-spec: MISMATCH %s' % m)
	if mismatches:
		print('check-spec: %d mismatch(es) between %s and %s/linux/nsaudit.h'
		      % (len(mismatches), spec_path, include))
		return 1
	print('check-spec: spec and header agree (%d C assertions, %d header '
	      'macros accounted for)' % (len(c.items), len(macros or ())))
	return 0


if __name__ == '__main__':
	sys.exit(main(sys.argv[1:]))
