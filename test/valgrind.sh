#!/usr/bin/env bash
# The whole regression suite (sql/*.sql) against a PostgreSQL 15 server that
# runs under Valgrind's memcheck, then a summary of what memcheck reported,
# split into reports with a greenattr frame in their stack and the rest.
#   bash test/valgrind.sh            (slow: about 10-20 minutes on 2 cores)
# Not part of test/run-tests.sh.  Uses its own instance under
# .work/valgrind-pg15 (port GREENATTR_PORT, default 54399) so that it never
# disturbs the test command's.  Exit status 0 if no invalid read or write,
# no use of uninitialised memory and no invalid free has a greenattr frame.
#
# Debian's server is not built with USE_VALGRIND, so memcheck sees palloc
# chunks only as parts of larger malloc'd blocks: reads past a palloc'd chunk
# inside its memory-context block go unseen here (the fuzz harness, built with
# AddressSanitizer and malloc-backed palloc, covers the parsers for those).
# Reports without a greenattr frame (the server's own, such as uninitialised
# bytes in the relcache init file it writes) are counted by kind but do not
# fail the run; test/valgrind.supp keeps out the usual ones about padding
# written to WAL, data files and statistics messages.
set -uo pipefail
export GREENATTR_PG=15
export GREENATTR_PORT=${GREENATTR_PORT:-54399}
source "$(dirname "${BASH_SOURCE[0]}")/lib/instance.sh"
set +e
# A separate work folder: the functions of instance.sh follow these variables.
WORK=$ROOT/.work/valgrind-pg$PGVER
PGROOT=$WORK/pgroot
PGBIN=$PGROOT/usr/lib/postgresql/$PGVER/bin
PGXSDIR=$PGROOT/usr/lib/postgresql/$PGVER/lib/pgxs
SOCK=$WORK/sock
PGDATA_DIR=$WORK/data
VGLOG=$WORK/valgrind

command -v valgrind >/dev/null || { say "installing valgrind"; apt-get install -y -qq valgrind >/dev/null; }
ga_install_deps
ga_build || exit 1
rm -rf "$PGDATA_DIR" "$SOCK" "$VGLOG"
mkdir -p "$SOCK" "$VGLOG"
chown -R postgres: "$WORK"
as_pg "$PGBIN/initdb" -D "$PGDATA_DIR" -U postgres -A trust -E UTF8 --locale=C --no-sync >/dev/null
cat >>"$PGDATA_DIR/postgresql.conf" <<CONF
listen_addresses = ''
port = $PGPORT
unix_socket_directories = '$SOCK'
fsync = off
synchronous_commit = off
full_page_writes = off
max_parallel_workers_per_gather = 0
CONF

say "starting PostgreSQL $PGVER under valgrind (logs: $VGLOG)"
as_pg valgrind --tool=memcheck --trace-children=yes --track-origins=yes --read-var-info=no \
	--leak-check=no --num-callers=30 --error-limit=no --gen-suppressions=all \
	--suppressions="$ROOT/test/valgrind.supp" \
	--log-file="$VGLOG/%p.log" \
	"$PGBIN/postgres" -D "$PGDATA_DIR" >"$WORK/server.log" 2>&1 &
vgpid=$!
for _ in $(seq 1 300); do
	as_pg "$PGBIN/pg_isready" -q -h "$SOCK" -p "$PGPORT" && break
	sleep 1
done

mapfile -t regress < <(for f in "$ROOT"/sql/*.sql; do
	need=$(sed -n '1,5s/^-- requires: pg\([0-9]*\).*/\1/p' "$f" | head -n1)
	[ -z "$need" ] || [ "$PGVER" -ge "$need" ] && basename "$f" .sql
done)
say "pg_regress under valgrind: ${#regress[@]} tests"
out=$WORK/regress
as_pg mkdir -p "$out"
start=$(date +%s)
(cd "$ROOT" && as_pg "$PGXSDIR/src/test/regress/pg_regress" --inputdir="$ROOT" --outputdir="$out" \
	--bindir="$PGBIN" --host="$SOCK" --port="$PGPORT" --dbname=greenattr_regress \
	--load-extension=btree_gist --load-extension=greenattr "${regress[@]}") | tee "$out/stdout"
rc=${PIPESTATUS[0]}
say "pg_regress finished in $(( $(date +%s) - start )) s (exit $rc)"

as_pg "$PGBIN/pg_ctl" -D "$PGDATA_DIR" -m fast -w -t 600 stop >/dev/null 2>&1
wait "$vgpid" 2>/dev/null

# Each memcheck report is a block that starts with "==PID== <kind>" and ends at
# a line "==PID== " (empty).  Sort them into greenattr's and the server's.
python3 - "$VGLOG" <<'PY'
import glob, re, sys
kinds = ("Invalid read", "Invalid write", "Invalid free", "Conditional jump", "Use of uninitialised",
         "Syscall param", "Mismatched free", "Source and destination overlap")
ours, theirs = {}, {}
for path in glob.glob(sys.argv[1] + "/*.log"):
    block = []
    for line in open(path, errors="replace"):
        body = re.sub(r"^==\d+== ?", "", line.rstrip("\n"))
        if body == "" and block:
            head = block[0]
            if head.startswith(kinds):
                kind = next(k for k in kinds if head.startswith(k))
                mine = any("greenattr" in l for l in block)
                (ours if mine else theirs).setdefault(kind, []).append("\n".join(block))
            block = []
        elif body and not body.startswith("{") and (block or body.startswith(kinds)):
            block.append(body)
n_ours = sum(len(v) for v in ours.values())
n_theirs = sum(len(v) for v in theirs.values())
print(f"valgrind: {len(glob.glob(sys.argv[1] + '/*.log'))} processes traced")
print(f"valgrind: reports with a greenattr frame: {n_ours}")
for k, v in sorted(ours.items()):
    print(f"  {k}: {len(v)}")
    print("    " + v[0].replace("\n", "\n    "))
print(f"valgrind: reports without a greenattr frame (server): {n_theirs}")
for k, v in sorted(theirs.items()):
    print(f"  {k}: {len(v)}")
sys.exit(1 if n_ours else 0)
PY
vrc=$?
[ "$rc" -eq 0 ] && [ "$vrc" -eq 0 ]
