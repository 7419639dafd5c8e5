#!/usr/bin/env bash
# server_quote.sh [BINARY]: requests per second and latency of POST
# /api/v1/quote (seed 002 Appendix 1's home) over loopback, measured with
# wrk against `ecoreg serve` on a fresh demo register; prints wrk's
# figures.  Server and wrk share the machine: THREADS (server workers,
# default 2), WRK_THREADS (default 2), CONNECTIONS (default 64), DURATION
# (default 10).  Targets (issue 6): at least 20,000 requests a second,
# p99 under 10 ms on 2 cores; results in docs/performance.md.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=$(realpath "${1:-$root/build/ecoreg}")
export ECOREG_DATA=$root/data
command -v wrk >/dev/null || { echo "server_quote: wrk is missing (apt-get install wrk)" >&2; exit 1; }
tmp=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$tmp"' EXIT

"$bin" --db "$tmp/reg.db" init >/dev/null
"$bin" --db "$tmp/reg.db" serve --listen 127.0.0.1:0 --threads "${THREADS:-2}" \
    --max-connections 1024 2>"$tmp/log" &
pid=$!
for _ in $(seq 1 100); do
    url=$(grep -o 'http://127.0.0.1:[0-9]*' "$tmp/log" || true)
    [ -n "$url" ] && break
    sleep 0.1
done
body=$(head -1 "$root/data/demo/projects.jsonl" | sed 's/\\/\\\\/g; s/"/\\"/g')
cat >"$tmp/quote.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = "$body"
done = function(summary, latency, requests)
  io.write(string.format("requests/s: %.0f\n", summary.requests / (summary.duration / 1e6)))
  io.write(string.format("errors: %d (status %d)\n",
    summary.errors.status + summary.errors.connect + summary.errors.read +
    summary.errors.write + summary.errors.timeout, summary.errors.status))
  for _, p in pairs({ 50, 90, 99, 99.9 }) do
    io.write(string.format("p%s latency: %.2f ms\n", p, latency:percentile(p) / 1000))
  end
end
LUA
curl -sf -X POST -H 'Content-Type: application/json' \
    --data-binary @<(head -1 "$root/data/demo/projects.jsonl") "$url/api/v1/quote" >/dev/null ||
    { echo "server_quote: the quote route does not answer 200" >&2; exit 1; }
echo "server_quote: POST $url/api/v1/quote, $(nproc) cores," \
    "server ${THREADS:-2} threads, wrk ${WRK_THREADS:-2} threads, ${CONNECTIONS:-64} connections"
wrk -t"${WRK_THREADS:-2}" -c"${CONNECTIONS:-64}" -d"${DURATION:-10}s" \
    --latency -s "$tmp/quote.lua" "$url/api/v1/quote"
