#!/usr/bin/env bash
# run.sh BINARY: the browser tests of the web interface.  Builds a fresh
# demo register in a temporary directory (scripts/demo_data.sh), serves it
# with `BINARY serve` on a free port, runs tests/browser/ui.test.mjs in
# Chromium against it, stops the server and exits with the tests' status.
#
#   ECOREG_ARTIFACTS  where the screenshots go (default: the artifacts
#                     directory beside BINARY: build/artifacts/screenshots
#                     for build/ecoreg)
#   ECOREG_AS_OF      the day the server judges deadlines against (default
#                     2024-06-15, the demo register's day: the demo GBIS
#                     rows are on time then, and GBIS's final notification
#                     date is not yet past)
#   CHROMIUM          the browser (default /usr/bin/chromium)
set -euo pipefail
if [ $# -ne 1 ]; then
    echo "usage: $0 BINARY" >&2
    exit 2
fi
root=$(cd "$(dirname "$0")/../.." && pwd)
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
cd "$root"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ecoreg-browser.XXXXXX")
server=
cleanup() {
    if [ -n "$server" ] && kill -0 "$server" 2>/dev/null; then
        kill -TERM "$server" 2>/dev/null || true
        wait "$server" 2>/dev/null || true
    fi
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

db=$tmp/demo.db
bash scripts/demo_data.sh "$bin" "$db" >/dev/null

"$bin" --db "$db" --as-of "${ECOREG_AS_OF:-2024-06-15}" serve --listen 127.0.0.1:0 \
    --web "$root/src/server/web" \
    >"$tmp/serve.out" 2>"$tmp/serve.err" &
server=$!

# the port, from "ecoreg serve: the register ... at http://127.0.0.1:PORT/ (API: /api/v1)"
port=
for _ in $(seq 100); do
    port=$(sed -n 's|.* at http://127\.0\.0\.1:\([0-9][0-9]*\)/.*|\1|p' "$tmp/serve.err" | head -n 1)
    [ -n "$port" ] && break
    if ! kill -0 "$server" 2>/dev/null; then
        echo "run.sh: the server did not start:" >&2
        cat "$tmp/serve.err" >&2
        exit 1
    fi
    sleep 0.1
done
if [ -z "$port" ]; then
    echo "run.sh: the server did not say its port within 10 seconds:" >&2
    cat "$tmp/serve.err" >&2
    exit 1
fi

export ECOREG_URL=http://127.0.0.1:$port
export ECOREG_KEYS=$db.keys.json
export ECOREG_GBIS_FILE=$root/data/demo/gbis_notifications.csv
export ECOREG_ARTIFACTS=${ECOREG_ARTIFACTS:-$(dirname "$bin")/artifacts/screenshots}
mkdir -p "$ECOREG_ARTIFACTS"
echo "run.sh: $ECOREG_URL, screenshots in $ECOREG_ARTIFACTS" >&2

status=0
node --test "$root/tests/browser/ui.test.mjs" || status=$?

kill -TERM "$server"
if ! wait "$server"; then
    echo "run.sh: the server did not stop cleanly; its log:" >&2
    cat "$tmp/serve.err" >&2
    [ "$status" -ne 0 ] || status=1
fi
server=
exit "$status"
