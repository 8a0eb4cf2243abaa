# test/lib/instance.sh: sourced by the README's commands. Installs what is missing,
# builds greenattr, and runs a throwaway PostgreSQL instance that lives under
# .work/pgNN in the project folder: Unix socket only (listen_addresses = ''), its own
# socket directory and port, so a server already running on the machine is never
# touched and never in the way.
#
# The instance runs from a private copy of the PostgreSQL binaries
# (.work/pgNN/pgroot, a relocated copy of Debian's tree) into which greenattr is
# installed with DESTDIR: the system's extension directory is left alone, and two
# checkouts can test side by side.
#
# Settings (environment): GREENATTR_PG (major version, default 15),
# GREENATTR_PORT (default 54300 + major).

set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
PGVER=${GREENATTR_PG:-15}
SYS_PGCONFIG=/usr/lib/postgresql/$PGVER/bin/pg_config
PGPORT=${GREENATTR_PORT:-$((54300 + PGVER))}
WORK=$ROOT/.work/pg$PGVER
PGROOT=$WORK/pgroot
PGBIN=$PGROOT/usr/lib/postgresql/$PGVER/bin
PGXSDIR=$PGROOT/usr/lib/postgresql/$PGVER/lib/pgxs
SOCK=$WORK/sock
PGDATA_DIR=$WORK/data

say() { printf '== %s\n' "$*"; }

# Debian packages the build, the server and the tests need.  The contrib modules
# ship in postgresql-NN itself (since 10); Debian 13 has no postgresql-contrib
# package any more, so it is not asked for.
ga_install_deps() {
	local want=(postgresql-$PGVER postgresql-server-dev-$PGVER libssl-dev make gcc "$@")
	local missing=() p
	for p in "${want[@]}"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
	done
	if [ ${#missing[@]} -gt 0 ]; then
		say "installing: ${missing[*]}"
		export DEBIAN_FRONTEND=noninteractive
		apt-get update -qq
		apt-get install -y -qq "${missing[@]}" >/dev/null
	fi
}

# Build against the system's PostgreSQL, install into a fresh private copy of it.
ga_build() {
	say "building greenattr against PostgreSQL $PGVER"
	make -C "$ROOT" -s PG_CONFIG="$SYS_PGCONFIG" clean >/dev/null
	make -C "$ROOT" -s PG_CONFIG="$SYS_PGCONFIG"
	ga_stop
	rm -rf "$WORK"
	mkdir -p "$PGROOT/usr/lib/postgresql" "$PGROOT/usr/share/postgresql"
	cp -a "/usr/lib/postgresql/$PGVER" "$PGROOT/usr/lib/postgresql/"
	cp -a "/usr/share/postgresql/$PGVER" "$PGROOT/usr/share/postgresql/"
	make -C "$ROOT" -s PG_CONFIG="$SYS_PGCONFIG" DESTDIR="$PGROOT" install >/dev/null
}

# Run a command as the postgres system user (the server refuses to run as root).
as_pg() { runuser -u postgres -- "$@"; }

ga_psql() { as_pg "$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$SOCK" -p "$PGPORT" -U postgres "$@"; }

ga_stop() {
	if [ -f "$PGDATA_DIR/postmaster.pid" ]; then
		as_pg "$PGBIN/pg_ctl" -D "$PGDATA_DIR" -m fast -w stop >/dev/null 2>&1 || true
	fi
}

# A fresh cluster every time: the instance is throwaway.
ga_start() {
	ga_stop
	rm -rf "$PGDATA_DIR" "$SOCK"
	mkdir -p "$SOCK"
	chown postgres: "$WORK" "$SOCK"
	say "starting a throwaway PostgreSQL $PGVER in $WORK (socket $SOCK, port $PGPORT)"
	as_pg "$PGBIN/initdb" -D "$PGDATA_DIR" -U postgres -A trust -E UTF8 --locale=C --no-sync >/dev/null
	cat >>"$PGDATA_DIR/postgresql.conf" <<CONF
listen_addresses = ''
port = $PGPORT
unix_socket_directories = '$SOCK'
max_prepared_transactions = 10
shared_buffers = 256MB
fsync = off
synchronous_commit = off
full_page_writes = off
CONF
	as_pg "$PGBIN/pg_ctl" -D "$PGDATA_DIR" -l "$WORK/server.log" -w start >/dev/null
}
