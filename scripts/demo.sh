#!/usr/bin/env bash
# demo.sh BINARY: what `make run` does: builds the demo register
# var/ecoreg.db (scripts/demo_data.sh: the Ofgem matrices, suppliers,
# notifications, installations, complaints), prints its API keys, and
# serves it at http://127.0.0.1:8080 until Ctrl-C.
set -euo pipefail
bin=${1:-build/ecoreg}
root=$(cd "$(dirname "$0")/.." && pwd)
export ECOREG_DATA=$root/data
db=$root/var/ecoreg.db

bash "$root/scripts/demo_data.sh" "$bin" "$db"
printf '\nThe demo register: %s\n' "$db"
printf 'Its API keys (Authorization: Bearer KEY; the web pages ask for one);\n'
printf 'supplier is ABC, supplier_other XYZ, installer DEMO-INST-1:\n'
sed 's/^[{ ]*"\([a-z_]*\)":"\([^"]*\)"[,}]*$/  \1: \2/' "$db.keys.json"
cat <<'TEXT'

Try:
  curl -s http://127.0.0.1:8080/api/v1/installers?postcode=LS
  curl -s -H "Authorization: Bearer SUPPLIER_KEY" http://127.0.0.1:8080/api/v1/measures
  the web interface: http://127.0.0.1:8080/  (API description: /api/v1/openapi.json)
  deadlines are judged as of 2024-06-15, the demo data's day

TEXT
# The demo's notifications are of 2024: the server judges deadlines as of
# the demo's day, so that a file uploaded from the web page is on time.
exec "$bin" --db "$db" --as-of 2024-06-15 serve --listen 127.0.0.1:8080
