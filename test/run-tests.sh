#!/usr/bin/env bash
# The README's test command: every regression, isolation and TAP suite on a
# throwaway PostgreSQL instance, once per supported major version ("leg"),
# ending with the line "N passed, N failed" over all legs.
#   15: the machine's PostgreSQL (Debian 12), test/lib/leg.sh
#   17: PostgreSQL 17 inside a Debian 13 root built once and cached in
#       .work/debian13-root, test/lib/debian13.sh
# One leg alone: --leg 17 (repeatable) or GREENATTR_LEGS="17"; default: all.
# Exit status is non-zero if anything failed.
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")

ALL_LEGS="15 17"
legs=()
while [ $# -gt 0 ]; do
	case "$1" in
	--leg) [ $# -ge 2 ] || { echo "--leg needs a version" >&2; exit 2; }; legs+=("$2"); shift 2 ;;
	--leg=*) legs+=("${1#--leg=}"); shift ;;
	*) echo "usage: bash test/run-tests.sh [--leg 15|17]..." >&2; exit 2 ;;
	esac
done
[ ${#legs[@]} -gt 0 ] || read -r -a legs <<<"${GREENATTR_LEGS:-$ALL_LEGS}"
for v in "${legs[@]}"; do
	case " $ALL_LEGS " in
	*" $v "*) ;;
	*) echo "unknown leg '$v': the legs are $ALL_LEGS" >&2; exit 2 ;;
	esac
done

total_pass=0
total_fail=0
legs_summary=()

run_leg() {
	local ver=$1; shift
	local rc=0 start p f
	start=$(date +%s)
	"$@" || rc=$?
	local counts="$root/.work/pg$ver/counts"
	if [ -s "$counts" ]; then
		read -r p f <"$counts"
	else
		p=0; f=1
	fi
	[ "$rc" -ne 0 ] && [ "$f" -eq 0 ] && f=1
	total_pass=$((total_pass + p)); total_fail=$((total_fail + f))
	legs_summary+=("pg$ver: $p passed, $f failed ($(($(date +%s) - start)) s)")
}

rm -f "$root"/.work/pg*/counts
for v in "${legs[@]}"; do
	echo "== leg pg$v"
	case "$v" in
	15) run_leg 15 env GREENATTR_PG=15 bash "$here/lib/leg.sh" ;;
	17) run_leg 17 bash "$here/lib/debian13.sh" ;;
	esac
done

echo
for s in "${legs_summary[@]}"; do echo "leg $s"; done
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
