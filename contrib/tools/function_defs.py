#!/usr/bin/env python3
"""Print the current definitions of named functions, for an upgrade script.

    python3 contrib/tools/function_defs.py take_block transfer ...

reads src/sql/NN_*.sql (the pieces of the install script) and prints, for each
name, every CREATE FUNCTION or CREATE AGGREGATE of that name as CREATE OR
REPLACE, with its COMMENT ON if there is one, in the order of the pieces.  An
upgrade script (src/sql/greenattr--OLD--NEW.sql) takes them as they are, so
the function an updated database runs is the one a fresh install runs;
test/t/upgrade.pl compares the two.  Privileges that 99_security_verbs.sql
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
    main(sys.argv[1:])
