#!/bin/sh
# run.sh: builds ecoreg's fuzz targets with clang and runs each one for a
# while on a scratch copy of its seed corpus.
#
#   fuzz/run.sh [SECONDS]      seconds per target, default 30
#
# Environment: BUILD_DIR (default build-fuzz at the top of the tree),
# CC (default clang), FUZZ_ARGS (more libFuzzer flags, e.g. -jobs=4).
# Crash, leak and timeout reproducers are kept in $BUILD_DIR/artifacts/.
# Exits 0 when every target ran clean, 1 when one found a problem, 2 when
# it could not build.
set -eu

seconds=${1:-30}
case $seconds in
    ''|*[!0-9]*) echo "usage: $0 [SECONDS]" >&2; exit 2 ;;
esac

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
build=${BUILD_DIR:-$root/build-fuzz}
cc=${CC:-clang}

if ! command -v "$cc" >/dev/null 2>&1; then
    echo "$0: $cc not found; the fuzz targets need clang with libFuzzer." >&2
    echo "  Debian/Ubuntu: apt-get install clang" >&2
    echo "  (if linking -fsanitize=fuzzer then fails: apt-get install libclang-rt-dev," >&2
    echo "   or libclang-rt-NN-dev for clang NN)" >&2
    exit 2
fi

cmake -S "$here" -B "$build" -DCMAKE_C_COMPILER="$cc" >/dev/null || exit 2
cmake --build "$build" -j "$(nproc 2>/dev/null || echo 2)" || exit 2

scratch=$(mktemp -d "${TMPDIR:-/tmp}/ecoreg-fuzz.XXXXXX")
trap 'rm -rf "$scratch"' EXIT INT TERM
mkdir -p "$build/artifacts"

status=0
for name in matrix_csv quote_json; do
    target=$build/fuzz_$name
    corpus=$scratch/$name
    mkdir -p "$corpus"
    cp "$here/corpus/$name/"* "$corpus/"
    echo "== fuzz_$name for ${seconds}s (corpus copy in $corpus)"
    # shellcheck disable=SC2086 # FUZZ_ARGS is a list of flags
    if ! "$target" "$corpus" -dict="$here/$name.dict" \
            -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
            -print_final_stats=1 \
            -artifact_prefix="$build/artifacts/fuzz_$name-" \
            ${FUZZ_ARGS:-} >"$scratch/$name.log" 2>&1; then
        status=1
        echo "!! fuzz_$name found a problem; last lines of its log:" >&2
        tail -n 60 "$scratch/$name.log" >&2
        cp "$scratch/$name.log" "$build/artifacts/fuzz_$name.log"
        echo "!! full log: $build/artifacts/fuzz_$name.log" >&2
    else
        grep -E '^(#[0-9]+[[:space:]]+DONE|stat::number_of_executed_units|Done )' \
            "$scratch/$name.log" || true
        echo "   corpus grew from $(find "$here/corpus/$name" -type f | wc -l) to" \
             "$(find "$corpus" -type f | wc -l) inputs (not kept)"
    fi
done
exit $status
