#!/usr/bin/env bash
# run.sh BINARY: the HTTP API tests (api.test.mjs) against a real server on
# loopback: a fresh demo register (scripts/demo_data.sh) in a temporary
# directory, `ecoreg serve` on a free port with small limits, the node
# tests, then SIGTERM: the server must stop cleanly and the register must
# still agree with its journal (`ecoreg verify`).
set -euo pipefail
bin=$(realpath "$1")
root=$(cd "$(dirname "$0")/../.." && pwd)
export ECOREG_DATA=$root/data
tmp=$(mktemp -d)
pid=
cleanup() {
    [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
    rm -rf "$tmp"
}
trap cleanup EXIT

bash "$root/scripts/demo_data.sh" "$bin" "$tmp/reg.db"
max_connections=16
"$bin" --db "$tmp/reg.db" serve --listen 127.0.0.1:0 --max-body 1048576 --max-header 16384 \
    --max-connections "$max_connections" 2>"$tmp/serve.log" &
pid=$!
for _ in $(seq 1 100); do # its first line names the port
    grep -o 'http://127.0.0.1:[0-9]*' "$tmp/serve.log" >"$tmp/url" 2>/dev/null && break
    sleep 0.1
done
url=$(cat "$tmp/url")
[ -n "$url" ] || { cat "$tmp/serve.log"; echo "run.sh: the server did not start" >&2; exit 1; }

status=0
ECOREG_URL=$url ECOREG_KEYS=$tmp/reg.db.keys.json ECOREG_MAX_CONNECTIONS=$max_connections \
    node --test --test-reporter=spec "$root/tests/server/api.test.mjs" || status=$?

kill -TERM "$pid"
serve_status=0
wait "$pid" || serve_status=$?
pid=
grep 'stopped' "$tmp/serve.log" >/dev/null || { echo "run.sh: no clean stop:" >&2; cat "$tmp/serve.log" >&2; status=1; }
[ "$serve_status" -eq 0 ] || { echo "run.sh: serve exited $serve_status on SIGTERM" >&2; status=1; }
"$bin" --db "$tmp/reg.db" verify >"$tmp/verify.out" 2>&1 ||
    { echo "run.sh: verify after the tests:" >&2; cat "$tmp/verify.out" >&2; status=1; }
exit "$status"
