#!/usr/bin/env python3
"""Print the current definitions of named functions, for an upgrade script.

    python3 contrib/tools/function_defs.py take_block transfer ...
    python3 contrib/tools/function_defs.py --sync src/sql/greenattr--0.1--0.2.sql

reads src/sql/NN_*.sql (the pieces of the install script) and prints, for each
name, every CREATE FUNCTION or CREATE AGGREGATE of that name as CREATE OR
REPLACE, with its COMMENT ON if there is one, in the order of the pieces.  An
upgrade script (src/sql/greenattr--OLD--NEW.sql) takes them as they are, so
the function an updated database runs is the one a fresh install runs;
test/t/upgrade.pl compares the two.  With --sync, every CREATE OR REPLACE of a
function or aggregate in the given upgrade script (and its COMMENT ON) is
rewritten in place to the current definition of the same name and arguments.  Privileges that 99_security_verbs.sql
sets with ALTER FUNCTION or GRANT still have to be stated in the upgrade
script: CREATE OR REPLACE keeps a function's privileges but resets SECURITY
DEFINER and the SET clauses to those written in its definition.
"""
import glob
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def statements(text):
    """Split SQL into statements at semicolons outside quotes and comments."""
    out, start, i, n = [], 0, 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith('--', i):
            i = text.find('\n', i)
            i = n if i < 0 else i
        elif c == "'":
            i += 1
            while i < n and not (text[i] == "'" and not text.startswith("''", i)):
                i += 2 if text.startswith("''", i) else 1
        elif c == '$':
            m = re.match(r'\$[A-Za-z_]*\$', text[i:])
            if m:
                end = text.find(m.group(0), i + len(m.group(0)))
                if end < 0:
                    sys.exit('unterminated dollar quote at offset %d' % i)
                i = end + len(m.group(0)) - 1
        elif c == ';':
            out.append(text[start:i + 1].strip())
            start = i + 1
        i += 1
    return out


def signature(body):
    """'name(args' of a CREATE or COMMENT ON statement: the key of a definition."""
    m = re.match(r'(?:CREATE (?:OR REPLACE )?|COMMENT ON )(FUNCTION|AGGREGATE) @extschema@\.(\w+)\(', body)
    if not m:
        return None
    depth, i = 1, m.end()
    while depth:
        depth += {'(': 1, ')': -1}.get(body[i], 0)
        i += 1
    args = re.sub(r'\s+', ' ', body[m.end():i - 1])
    if body.startswith('COMMENT'):
        return ('comment', m.group(2), args)
    # Argument names and defaults are not part of the key of a COMMENT ON.
    return ('create', m.group(2), args)


def current_definitions():
    defs = {}
    for piece in sorted(glob.glob(os.path.join(ROOT, 'src/sql/[0-9][0-9]_*.sql'))):
        for stmt in statements(open(piece).read()):
            body = re.sub(r'^(\s*--[^\n]*\n)+\s*', '', stmt)
            key = signature(body)
            if key:
                defs[key] = re.sub(r'^CREATE ', 'CREATE OR REPLACE ', body, count=1)
    return defs


def sync(path):
    defs = current_definitions()
    text = open(path).read()
    stale = []
    for stmt in statements(text):
        body = re.sub(r'^(\s*--[^\n]*\n)+\s*', '', stmt)
        if not re.match(r'(CREATE OR REPLACE|COMMENT ON) (FUNCTION|AGGREGATE) ', body):
            continue
        key = signature(body)
        if key not in defs:
            stale.append('%s %s(%s' % key)
        elif defs[key] != body:
            text = text.replace(body, defs[key], 1)
    open(path, 'w').write(text)
    if stale:
        sys.exit('no current definition for: ' + '; '.join(stale))


def main(names):
    wanted = set(names)
    found = set()
    for piece in sorted(glob.glob(os.path.join(ROOT, 'src/sql/[0-9][0-9]_*.sql'))):
        for stmt in statements(open(piece).read()):
            body = re.sub(r'^(\s*--[^\n]*\n)+\s*', '', stmt)
            m = re.match(r'CREATE (?:FUNCTION|AGGREGATE) @extschema@\.(\w+)\(', body)
            c = re.match(r'COMMENT ON (?:FUNCTION|AGGREGATE) @extschema@\.(\w+)\(', body)
            if m and m.group(1) in wanted:
                found.add(m.group(1))
                print('-- from %s' % os.path.relpath(piece, ROOT))
                print(re.sub(r'^CREATE ', 'CREATE OR REPLACE ', body, count=1))
                print()
            elif c and c.group(1) in wanted:
                print(body)
                print()
    missing = wanted - found
    if missing:
        sys.exit('no CREATE FUNCTION or AGGREGATE for: ' + ', '.join(sorted(missing)))


if __name__ == '__main__':
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    if sys.argv[1] == '--sync' and len(sys.argv) == 3:
        sync(sys.argv[2])
    else:
        main(sys.argv[1:])
