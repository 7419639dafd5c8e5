#!/usr/bin/env bash
#
# bench.sh: runs ecoreg's benchmarks and prints their figures (`make bench`,
# which builds first; this script builds nothing).  First the core on one
# core (bench_score: matrix look-ups and er_quote_project), then `ecoreg
# quote` end to end on generated JSON Lines.  What each figure means and
# the targets they are held to: docs/performance.md.
#
# Environment: BUILD (build directory, default build), PROJECTS (how many
# projects the end-to-end run quotes, default 500000), RUNS (how many times
# it is timed, default 3; the median is reported).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

BUILD=${BUILD:-build}
PROJECTS=${PROJECTS:-500000}
RUNS=${RUNS:-3}

# bench/CMakeLists.txt puts the benchmarks in $BUILD/bench/.
bench=""
for candidate in "$BUILD/bench/bench_score" "$BUILD/bench_score"; do
    if [ -x "$candidate" ]; then
        bench=$candidate
        break
    fi
done
ecoreg="$BUILD/ecoreg"
if [ -z "$bench" ] || [ ! -x "$ecoreg" ]; then
    echo "bench: $BUILD/bench/bench_score or $ecoreg is missing; run 'make bench'" >&2
    exit 1
fi

cpu=$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)
build_type=$(awk -F= '/^CMAKE_BUILD_TYPE:/ { print $2 }' "$BUILD/CMakeCache.txt" 2>/dev/null || true)
echo "machine: $(nproc) cores, ${cpu:-unknown CPU}, $(uname -sr)"
echo "build: $BUILD (${build_type:-unknown build type}), $(cc --version | head -n 1)"
echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo

"$bench"
echo

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ecoreg-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
input="$tmp/projects.jsonl"

"$bench" --jsonl "$PROJECTS" "$input"
echo "generated $PROJECTS projects, $(wc -c <"$input") bytes of JSON Lines"

# Seconds since an epoch, to the microsecond (bash 5's EPOCHREALTIME, or date).
clock() {
    if [ -n "${EPOCHREALTIME:-}" ]; then
        echo "${EPOCHREALTIME/,/.}"
    else
        date +%s.%N
    fi
}

rates=()
for ((run = 1; run <= RUNS; run++)); do
    start=$(clock)
    status=0
    "$ecoreg" quote "$input" >/dev/null || status=$?
    end=$(clock)
    if [ "$status" -ne 0 ]; then
        echo "bench: ecoreg quote exited $status (0 expected)" >&2
        if [ "$status" -eq 1 ]; then
            # Exit 1 means some projects had errors: the generator made bad
            # projects.  Count them and show one.
            "$ecoreg" quote "$input" >"$tmp/out.jsonl" || true
            bad=$(grep -c -v '"errors":\[\]}$' "$tmp/out.jsonl" || true)
            echo "bench: $bad of $PROJECTS result lines have errors; the first:" >&2
            grep -m 1 -v '"errors":\[\]}$' "$tmp/out.jsonl" >&2 || true
        fi
        exit 1
    fi
    rate=$(awk -v n="$PROJECTS" -v a="$start" -v b="$end" \
               'BEGIN { printf "%.0f", n / (b - a) }')
    secs=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }')
    echo "run $run: $PROJECTS projects in $secs s ($rate projects/s)"
    rates+=("$rate")
done

median=$(printf '%s\n' "${rates[@]}" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
echo "ecoreg quote end to end: $median projects/s (median of $RUNS runs)"
echo

# The register: GBIS notification files recorded in SQLite (issue 3), and
# the obligation ledger recomputed, alone and read from the store (issue 4).
for b in bench_notify bench_gbis_check bench_ledger bench_progress; do
    if [ -x "$BUILD/bench/$b" ]; then
        "$BUILD/bench/$b"
    fi
done
