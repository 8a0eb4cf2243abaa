#!/usr/bin/env bash
# The README's test command: every regression, isolation and TAP suite on a
# throwaway PostgreSQL instance, ending with the line "N passed, N failed".
# Exit status is non-zero if anything failed.
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")

total_pass=0
total_fail=0
legs_summary=()

run_leg() {
	local ver=$1; shift
	local rc=0
	"$@" || rc=$?
	local counts="$root/.work/pg$ver/counts"
	if [ -s "$counts" ]; then
		read -r p f <"$counts"
	else
		p=0; f=1
	fi
	[ "$rc" -ne 0 ] && [ "$f" -eq 0 ] && f=1
	total_pass=$((total_pass + p)); total_fail=$((total_fail + f))
	legs_summary+=("pg$ver: $p passed, $f failed")
}

rm -f "$root"/.work/pg*/counts
run_leg 15 env GREENATTR_PG=15 bash "$here/lib/leg.sh"

echo
for s in "${legs_summary[@]}"; do echo "leg $s"; done
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
