#!/usr/bin/env bash
# The README's main-job command: installs what is missing, builds greenattr,
# starts a throwaway PostgreSQL instance under .work/, loads the extension and
# runs the demo: contrib/demo/demo.sql builds the registry (and stops on any
# double count greenattr accepts), report.sql prints the report, export.sql
# writes the charts' data, check.py recomputes the key figures independently,
# gnuplot draws the charts.  Everything lands in .work/demo/.  Pass --keep to
# leave the instance running afterwards (the command to connect is printed).
source "$(dirname "${BASH_SOURCE[0]}")/lib/instance.sh"

keep=false
[ "${1:-}" = "--keep" ] && keep=true
DEMO=$ROOT/contrib/demo
OUT=$ROOT/.work/demo

ga_install_deps gnuplot-nox python3
ga_build
t0=$(date +%s%N)
ga_start
$keep || trap ga_stop EXIT

rm -rf "$OUT"
mkdir -p "$OUT"
chown postgres: "$OUT"              # export.sql writes its CSV files as the server's user

ga_psql -d postgres -c "CREATE DATABASE greenattr_demo" >/dev/null
ga_psql -d greenattr_demo -c "CREATE EXTENSION greenattr CASCADE" >/dev/null
say "building the demo registry (contrib/demo/demo.sql)"
ga_psql -d greenattr_demo -f "$DEMO/demo.sql"
echo
ga_psql -d greenattr_demo -f "$DEMO/report.sql" >"$OUT/report.txt"
cat "$OUT/report.txt"

ga_psql -d greenattr_demo -v out="$OUT" -f "$DEMO/export.sql"
echo
say "independent check: the key figures recomputed by contrib/demo/check.py from the input data"
python3 "$DEMO/check.py" "$DEMO/data" "$OUT" | tee "$OUT/check.txt"
IFS=, read -r cfe volume < <(tail -n 1 "$OUT/summary.csv")
gnuplot -e "dir='$OUT'; cfe='$cfe'; volume='$volume'" "$DEMO/charts.gp"

echo
ms=$(( ($(date +%s%N) - t0) / 1000000 ))
say "demo done in $((ms / 1000)).$(( ms % 1000 / 100 )) s after the build (from the instance's start to the charts); files:"
for f in report.txt check.txt hourly_match.png residual_mix.png; do echo "  $OUT/$f"; done

if $keep; then
	say "instance left running; connect with:"
	echo "  runuser -u postgres -- $PGBIN/psql -h $SOCK -p $PGPORT greenattr_demo"
	echo "  stop it with: runuser -u postgres -- $PGBIN/pg_ctl -D $PGDATA_DIR stop"
fi
