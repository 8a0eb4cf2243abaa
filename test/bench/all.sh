#!/usr/bin/env bash
# Every workload of issue 9 in one run on one instance, then one table of the figures
# against the goals (figures, not pass/fail: the command never fails on a time).
#
#   bash test/bench/all.sh          # full size: about 85 minutes and 17 GB of disk
#   BENCH_SCALES="10000 100000" BENCH_SECONDS=10 BENCH_GENERATORS=20 BENCH_CONSUMERS=20 \
#       bash test/bench/all.sh      # a small run of the same, a few minutes
#   BENCH_RESIDUAL=0                # skip workload 3 (the generated year)
#
# Workloads 1, 2, 4 and 5 come from registry_bench.sh, 3 (and its part of 5) from
# residual_bench.sh, each run with BENCH_REUSE=1 against the instance started here; their
# settings (BENCH_SCALES, BENCH_SECONDS, BENCH_CLIENTS, BENCH_CALL_ROWS, BENCH_ROW_MAX,
# BENCH_GENERATORS, BENCH_CONSUMERS) pass through.  The whole output is kept in
# .work/pgNN/bench-all.log; the summary is a Markdown table, the README's Performance table.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

ga_install_deps
ga_build
ga_start
trap ga_stop EXIT
LOG=$WORK/bench-all.log
: >"$LOG"

{
	say "machine and build"
	echo "  commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$ROOT" diff --quiet HEAD 2>/dev/null || echo ' (with uncommitted changes)'), $(date -u '+%Y-%m-%d %H:%M UTC')"
	echo "  $(nproc) vCPU ($(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1)), $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo) of memory"
	echo "  $(ga_psql -At -d postgres -c 'SELECT version()')"
	echo "  $(ga_psql -At -d postgres -c "SELECT string_agg(name || ' = ' || current_setting(name), ', ' ORDER BY name)
	        FROM pg_settings WHERE name IN ('shared_buffers', 'work_mem', 'fsync', 'synchronous_commit', 'max_parallel_workers_per_gather')")"
} | tee -a "$LOG"

BENCH_REUSE=1 bash "$HERE/registry_bench.sh" 2>&1 | tee -a "$LOG"
if [ "${BENCH_RESIDUAL:-1}" != 0 ]; then
	BENCH_REUSE=1 bash "$HERE/residual_bench.sh" 2>&1 | tee -a "$LOG"
fi

SUMMARY=$(python3 "$HERE/summary.py" "$LOG" 2>&1) || { echo "$SUMMARY" | tee -a "$LOG" >&2; exit 1; }
{
	say "summary against the goals of issue 9 (from the figures above)"
	echo "$SUMMARY"
} | tee -a "$LOG"
