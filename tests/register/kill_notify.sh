#!/usr/bin/env bash
# kill_notify.sh BINARY: a notify killed with SIGKILL part-way leaves the
# register as it was (issue 3): `verify` is clean and either none or all of
# the file's rows are recorded, never some.  Kills at increasing delays so
# that some land inside the transaction; fails if none did.
set -euo pipefail
bin=$1
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
rows=10000
awk -v n=$rows -f "$here/gbis_rows.awk" >"$tmp/file.csv"

fresh() {
    rm -f "$tmp"/r.db*
    "$bin" --db "$tmp/r.db" supplier add --code ABC --name "A Big Company" >/dev/null
    "$bin" --db "$tmp/r.db" supplier licence add --code ABC --reference ABC01234567E >/dev/null
}

fresh
inside=0
for delay in 0.05 0.1 0.15 0.2 0.25 0.3 0.4 0.5 0.7 1.0; do
    "$bin" --db "$tmp/r.db" --as-of 2024-06-15 notify --scheme gbis "$tmp/file.csv" \
        >/dev/null 2>&1 &
    pid=$!
    sleep "$delay"
    if kill -9 "$pid" 2>/dev/null; then killed=1; else killed=0; fi
    wait "$pid" 2>/dev/null || true
    "$bin" --db "$tmp/r.db" verify >/dev/null 2>"$tmp/verify.err" ||
        { echo "verify after a kill at ${delay}s:"; cat "$tmp/verify.err"; exit 1; }
    held=$("$bin" --db "$tmp/r.db" measures list | wc -l)
    if [ "$held" -ne 0 ] && [ "$held" -ne "$rows" ]; then
        echo "kill at ${delay}s left $held of $rows rows recorded"
        exit 1
    fi
    echo "kill at ${delay}s: process killed=$killed, rows held=$held"
    if [ "$killed" -eq 1 ] && [ "$held" -eq 0 ]; then
        inside=$((inside + 1))
    fi
    [ "$held" -eq "$rows" ] && fresh
done
if [ "$inside" -eq 0 ]; then
    echo "no kill landed while notify was running: the test proved nothing"
    exit 1
fi
echo "$inside kills inside a notify; the register stayed whole each time"
echo "1 passed, 0 failed"
