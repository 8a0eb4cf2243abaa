#!/usr/bin/env bash
# test/lib/debian13.sh: the PostgreSQL 17 leg of the test suite.  The machines
# run Debian 12, whose PostgreSQL is 15; PostgreSQL 17 comes from Debian 13
# ("trixie"), so this script builds a minimal Debian 13 root once, caches it in
# .work/debian13-root (ignored by git), and runs test/lib/leg.sh inside it with
# GREENATTR_PG=17: greenattr is built there against PostgreSQL 17's headers from
# the same source tree, and the throwaway instance runs there too.
#
# The project folder is bind-mounted inside the root at the same absolute path,
# so every path leg.sh and instance.sh compute (sources, .work/pg17, the socket
# directory) means the same inside and out.  All mounts are made in a private
# mount namespace (unshare): the machine's mount table never sees them, and they
# vanish with the namespace even if this script is killed outright; a trap also
# stops the server and unmounts them in order on every exit.
#
# Usage: bash test/lib/debian13.sh         run the leg (builds the root if needed)
#        bash test/lib/debian13.sh --root  only make sure the root is built
# Settings (environment): GREENATTR_PORT (passed on to the leg),
# GREENATTR_DEBIAN13_MIRROR (a Debian mirror URL for debootstrap; default: its own).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$here/../.." && pwd)
RFS=$ROOT/.work/debian13-root
MARKER=$RFS/.greenattr-root-ok
PGVER=17
PG_CONFIG_IN=/usr/lib/postgresql/$PGVER/bin/pg_config

# Everything the leg needs inside the root, installed by debootstrap itself (no
# apt or network inside the root).  postgresql-server-dev-17 pulls in clang/llvm,
# which PGXS needs for the bitcode of a server built with LLVM JIT; the contrib
# modules are part of postgresql-17 (trixie has no postgresql-contrib package).
PACKAGES=("postgresql-$PGVER" "postgresql-server-dev-$PGVER"
	libssl-dev make gcc libipc-run-perl perl util-linux
	libclang-rt-19-dev)   # libFuzzer for test/t/fuzz_parsers.pl
# The marker records the recipe: a root built from another package list is rebuilt.
RECIPE="debootstrap --variant=minbase trixie ${PACKAGES[*]}"

say() { printf '== %s\n' "$*"; }

# Run a command inside the root, with a clean environment.
in_root() {
	chroot "$RFS" /usr/bin/env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
		HOME=/root LANG=C.UTF-8 "$@"
}

# Sanity of a root: the right PostgreSQL, a compiler, the postgres user.
root_works() {
	local dir=$1
	[ "$(chroot "$dir" "$PG_CONFIG_IN" --version 2>/dev/null | cut -d' ' -f2 | cut -d. -f1)" = "$PGVER" ] &&
		chroot "$dir" gcc --version >/dev/null 2>&1 &&
		chroot "$dir" make --version >/dev/null 2>&1 &&
		chroot "$dir" id postgres >/dev/null 2>&1 &&
		chroot "$dir" runuser --version >/dev/null 2>&1
}

root_ok() {
	[ -f "$MARKER" ] && [ "$(head -n1 "$MARKER")" = "$RECIPE" ] && root_works "$RFS"
}

host_tools() {
	if ! command -v debootstrap >/dev/null || ! command -v unshare >/dev/null; then
		say "installing debootstrap"
		export DEBIAN_FRONTEND=noninteractive
		apt-get update -qq
		apt-get install -y -qq debootstrap debian-archive-keyring util-linux >/dev/null
	fi
}

# Build into a scratch folder and move it into place only once it passed the
# sanity check, so a half-built root (interrupted, failed download) is never used.
build_root() {
	local tmp=$RFS.tmp start end include
	host_tools
	start=$(date +%s)
	# --one-file-system: never follow a mount out of the old root, whatever state it is in.
	rm -rf --one-file-system "$RFS" "$tmp"
	mkdir -p "$ROOT/.work"
	include=$(IFS=,; echo "${PACKAGES[*]}")
	say "building the Debian 13 root in $RFS (about 1.7 GB, a few minutes)"
	# In its own mount namespace too: whatever debootstrap mounts, and fails to
	# unmount if it fails, goes away with it.
	if ! unshare --mount --propagation private \
		debootstrap --variant=minbase --include="$include" trixie "$tmp" \
		${GREENATTR_DEBIAN13_MIRROR:+"$GREENATTR_DEBIAN13_MIRROR"} >"$ROOT/.work/debian13-debootstrap.log" 2>&1; then
		say "debootstrap failed; last lines of .work/debian13-debootstrap.log:"
		tail -n 30 "$ROOT/.work/debian13-debootstrap.log"
		return 1
	fi
	if ! root_works "$tmp"; then
		say "the new Debian 13 root fails its sanity check (pg_config $PGVER, gcc, make, postgres user)"
		return 1
	fi
	# Downloaded packages are not needed once installed.
	rm -f "$tmp"/var/cache/apt/archives/*.deb
	printf '%s\nbuilt %s\n' "$RECIPE" "$(date -u +%FT%TZ)" >"$tmp/.greenattr-root-ok"
	mv "$tmp" "$RFS"
	end=$(date +%s)
	say "Debian 13 root built in $((end - start)) s"
}

ensure_root() {
	if root_ok; then
		say "reusing the Debian 13 root in $RFS"
	else
		[ -e "$RFS" ] && say "the Debian 13 root in $RFS is missing its marker or broken: rebuilding"
		build_root
	fi
}

# ---- inside the private mount namespace -------------------------------------

mounted=()

cleanup() {
	local rc=$? m pgbin=/usr/lib/postgresql/$PGVER/bin data=$ROOT/.work/pg$PGVER/data
	trap - EXIT INT TERM
	# The server daemonizes: stop it before its root and data go away under it.
	if [ -f "$data/postmaster.pid" ]; then
		in_root runuser -u postgres -- "$pgbin/pg_ctl" -D "$data" -m fast -w stop >/dev/null 2>&1 ||
			in_root runuser -u postgres -- "$pgbin/pg_ctl" -D "$data" -m immediate -w stop >/dev/null 2>&1 || true
	fi
	for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do
		m=${mounted[i]}
		umount "$m" 2>/dev/null || umount -l "$m" || say "could not unmount $m"
	done
	exit "$rc"
}

mount_at() {
	local target=${*: -1}
	mount "$@"
	mounted+=("$target")
}

in_namespace() {
	trap cleanup EXIT
	trap 'exit 130' INT
	trap 'exit 143' TERM
	mount_at --bind /dev "$RFS/dev"
	# A private /dev/shm: PostgreSQL's dynamic shared memory lives there.
	mount_at -t tmpfs -o mode=1777,nosuid,nodev shm "$RFS/dev/shm"
	mount_at -t proc proc "$RFS/proc"
	mkdir -p "$RFS$ROOT"
	mount_at --bind "$ROOT" "$RFS$ROOT"
	in_root GREENATTR_PG=$PGVER ${GREENATTR_PORT:+GREENATTR_PORT=$GREENATTR_PORT} \
		bash "$ROOT/test/lib/leg.sh"
}

case "${1:-}" in
--in-namespace)
	in_namespace
	;;
--root)
	ensure_root
	;;
"")
	ensure_root
	exec unshare --mount --propagation private bash "${BASH_SOURCE[0]}" --in-namespace
	;;
*)
	echo "usage: bash test/lib/debian13.sh [--root]" >&2
	exit 2
	;;
esac
