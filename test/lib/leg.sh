#!/usr/bin/env bash
# test/lib/leg.sh: one leg of the test suite on one PostgreSQL major version.
# Builds and installs greenattr, starts a throwaway instance, runs every
# pg_regress test (sql/*.sql), every isolation spec (test/isolation/specs/*.spec)
# and every TAP test (test/t/*.pl), prints "leg pgNN: N passed, N failed" and
# writes "N M" to .work/pgNN/counts.  Exit status: 0 only if nothing failed.
#
# A test file whose first lines hold "-- requires: pg16" runs only on 16 and later.
source "$(dirname "${BASH_SOURCE[0]}")/instance.sh"

# The fuzz test (test/t/fuzz_parsers.pl) needs the libFuzzer runtime of the
# newest clang here (Debian 12: clang-14; the Debian 13 root: clang-19, whose
# runtime debian13.sh puts into the root).
fuzz_deps=()
clang_major=$(ls /usr/bin/clang-[0-9]* 2>/dev/null | sed 's#.*clang-##' | sort -n | tail -n 1)
[ -n "$clang_major" ] && fuzz_deps=("libclang-rt-$clang_major-dev")
ga_install_deps libipc-run-perl "${fuzz_deps[@]}"
ga_build
ga_start
trap ga_stop EXIT

pgnum=$("$PGBIN/pg_config" --version | sed -E 's/^PostgreSQL ([0-9]+).*/\1/')
passed=0
failed=0

# Tests whose "-- requires: pgNN" header asks for a newer server are left out.
runnable() {
	local f=$1 need
	need=$(sed -n '1,5s/^-- requires: pg\([0-9]*\).*/\1/p' "$f" | head -n1)
	[ -z "$need" ] || [ "$pgnum" -ge "$need" ]
}

# Count pg_regress results in both output styles (15: "test x ... ok";
# 16+: "ok 1 - x" / "not ok 1 - x").  A runner that fails without reporting
# any test (cannot connect, bad schedule) counts as one failure.
tally() {
	local out=$1 rc=$2 ok bad
	ok=$(grep -cE '^(test |     )?[a-z0-9_ -]*\.\.\. ok|^ok [0-9]+ ' "$out" || true)
	bad=$(grep -cE '\.\.\. FAILED|^not ok [0-9]+ ' "$out" || true)
	if [ "$rc" -ne 0 ] && [ "$bad" -eq 0 ]; then bad=1; fi
	passed=$((passed + ok))
	failed=$((failed + bad))
}

show_diffs() {
	local diffs=$1
	if [ -s "$diffs" ]; then
		say "differences ($diffs), first 200 lines:"
		head -n 200 "$diffs"
	fi
}

mapfile -t regress < <(for f in "$ROOT"/sql/*.sql; do runnable "$f" && basename "$f" .sql; done)
if [ ${#regress[@]} -gt 0 ]; then
	say "pg_regress: ${#regress[@]} tests"
	out=$WORK/regress
	as_pg mkdir -p "$out"
	rc=0
	(cd "$ROOT" && as_pg "$PGXSDIR/src/test/regress/pg_regress" --inputdir="$ROOT" --outputdir="$out" \
		--bindir="$PGBIN" --host="$SOCK" --port="$PGPORT" --dbname=greenattr_regress \
		--load-extension=btree_gist --load-extension=greenattr "${regress[@]}") | tee "$out/stdout" || rc=$?
	tally "$out/stdout" "$rc"
	show_diffs "$out/regression.diffs"
fi

mapfile -t specs < <(for f in "$ROOT"/test/isolation/specs/*.spec; do [ -e "$f" ] && basename "$f" .spec; done)
if [ ${#specs[@]} -gt 0 ]; then
	say "pg_isolation_regress: ${#specs[@]} specs"
	out=$WORK/isolation
	as_pg mkdir -p "$out"
	rc=0
	(cd "$ROOT" && as_pg "$PGXSDIR/src/test/isolation/pg_isolation_regress" --inputdir="$ROOT/test/isolation" \
		--outputdir="$out" --bindir="$PGBIN" --host="$SOCK" --port="$PGPORT" \
		--dbname=greenattr_isolation --load-extension=btree_gist --load-extension=greenattr "${specs[@]}") | tee "$out/stdout" || rc=$?
	tally "$out/stdout" "$rc"
	show_diffs "$out/regression.diffs"
fi

# TAP tests talk to the running instance through PGHOST/PGPORT.
mapfile -t taps < <(ls "$ROOT"/test/t/*.pl 2>/dev/null || true)
if [ ${#taps[@]} -gt 0 ]; then
	say "TAP: ${#taps[@]} files"
	for t in "${taps[@]}"; do
		rc=0
		tapout=$(PGHOST=$SOCK PGPORT=$PGPORT PGUSER=postgres PGBIN=$PGBIN GREENATTR_ROOT=$ROOT \
			perl -I"$PGXSDIR/src/test/perl" "$t" 2>&1) || rc=$?
		echo "$tapout"
		ok=$(grep -cE '^ok [0-9]+' <<<"$tapout" || true)
		bad=$(grep -cE '^not ok [0-9]+' <<<"$tapout" || true)
		if [ "$rc" -ne 0 ] && [ "$bad" -eq 0 ]; then bad=1; fi
		passed=$((passed + ok)); failed=$((failed + bad))
	done
fi

echo "$passed $failed" >"$WORK/counts"
echo "leg pg$pgnum: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
