#!/usr/bin/env bash
# The README's main-job command: installs what is missing, builds greenattr,
# starts a throwaway PostgreSQL instance under .work/, loads the extension and
# runs the demo (contrib/demo/demo.sql).  Pass --keep to leave the instance
# running afterwards for a look around (the command to connect is printed).
source "$(dirname "${BASH_SOURCE[0]}")/lib/instance.sh"

keep=false
[ "${1:-}" = "--keep" ] && keep=true

ga_install_deps
ga_build
ga_start
$keep || trap ga_stop EXIT

ga_psql -d postgres -c "CREATE DATABASE greenattr_demo" >/dev/null
ga_psql -d greenattr_demo -c "CREATE EXTENSION greenattr CASCADE" >/dev/null
ga_psql -d greenattr_demo -f "$ROOT/contrib/demo/demo.sql"

if $keep; then
	say "instance left running; connect with:"
	echo "  runuser -u postgres -- $PGBIN/psql -h $SOCK -p $PGPORT greenattr_demo"
	echo "  stop it with: runuser -u postgres -- $PGBIN/pg_ctl -D $PGDATA_DIR stop"
fi
