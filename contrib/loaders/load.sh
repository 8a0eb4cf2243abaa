#!/bin/bash
# Load a registry's public CSV export into the greenattr registry.
#
#   bash contrib/loaders/load.sh <verra|gs|acr|car> <issuances|retirements> FILE [psql options...]
#
# Installs the loader objects (schema greenattr_load, contrib/loaders/loaders.sql)
# into the database, copies the file's lines into greenattr_load.line, and
# places every record (greenattr_load.run).  Records that are not placed are
# listed in greenattr_load.report with the reason; a summary is printed.
# GREENATTR_LOAD_PROGRESS=N prints progress every N records (default 1000, 0 = never);
# GREENATTR_LOAD_BATCH=N commits every N records (default 1000).
# Exit status: 0 if no record was rejected (records placed, already loaded or
# skipped), 1 if some were rejected, 2 on a usage error or a file rejected as a whole.
set -euo pipefail

usage() { echo "usage: bash contrib/loaders/load.sh <verra|gs|acr|car> <issuances|retirements> FILE [psql options...]" >&2; exit 2; }
[ $# -ge 3 ] || usage
registry=$1 kind=$2 file=$3
shift 3
case $registry in verra|gs|acr|car) ;; *) usage ;; esac
case $kind in issuances|retirements) ;; *) usage ;; esac
[ -r "$file" ] || { echo "load.sh: cannot read $file" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
psql=${PSQL:-psql}
progress=${GREENATTR_LOAD_PROGRESS:-1000}
batch=${GREENATTR_LOAD_BATCH:-1000}
[[ $progress =~ ^[0-9]+$ ]] || { echo "load.sh: GREENATTR_LOAD_PROGRESS must be a whole number" >&2; exit 2; }
[[ $batch =~ ^[1-9][0-9]*$ ]] || { echo "load.sh: GREENATTR_LOAD_BATCH must be a positive whole number" >&2; exit 2; }

script=$(mktemp) status=$(mktemp)
trap 'rm -f "$script" "$status"' EXIT
cat >"$script" <<SQL
\set ON_ERROR_STOP 1
\set QUIET 1
\i $here/loaders.sql
SET client_min_messages = notice;
-- One load at a time per database: they share the line table.
SELECT pg_advisory_lock(hashtext('greenattr_load')) \g /dev/null
TRUNCATE greenattr_load.line;
\copy greenattr_load.line FROM pstdin WITH (FORMAT csv, DELIMITER E'\x01', QUOTE E'\x02')
CALL greenattr_load.run(:'registry', :'kind', :'file', :progress, :batch) \gset
\pset footer off
\unset QUIET
\echo
SELECT l.id AS load, l.registry, l.kind, l.rows, l.placed, l.already_loaded, l.skipped, l.rejected,
       round(extract(epoch FROM l.finished_at - l.started_at)::numeric, 2) AS seconds
  FROM greenattr_load.load l WHERE l.id = :load_id;
SELECT r.row_no AS "row", r.outcome, r.rule, r.reason
  FROM greenattr_load.report r WHERE r.load_id = :load_id ORDER BY r.row_no LIMIT 50;
SELECT count(*) - 50 AS more FROM greenattr_load.report r WHERE r.load_id = :load_id \gset
SELECT :more > 0 AS has_more \gset
\if :has_more
\echo :more more in greenattr_load.report (load_id = :load_id)
\endif
SELECT count(*) AS not_placed FROM greenattr_load.report r
 WHERE r.load_id = :load_id AND r.outcome = 'rejected' \gset
\o $status
\qecho :not_placed
\o
SQL
# \copy reads pstdin: the file itself.
set +e
"$psql" -X -v registry="$registry" -v kind="$kind" -v file="$file" -v progress="$progress" -v batch="$batch" \
	-f "$script" "$@" <"$file"
rc=$?
set -e
# psql exits 3 when a statement fails under ON_ERROR_STOP (the file was rejected as a whole).
case $rc in 0) ;; 3) exit 2 ;; *) exit 1 ;; esac
[ "$(cat "$status")" = 0 ] || exit 1
