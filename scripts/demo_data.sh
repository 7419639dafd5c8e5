#!/usr/bin/env bash
# demo_data.sh BINARY DB: builds the demo register at DB (what `make run`
# serves, and what the server and browser tests start from): two
# suppliers with a licence and GBIS targets, five GBIS notifications (one
# rejected, one approved), an ECO4 project with two measures, a trade, a heat pump installer with five
# certified installations and a complaint; then API keys for each role,
# written once to DB.keys.json ({"administrator": KEY, ...}).  Safe to
# repeat: what is already there is left as it is.
set -euo pipefail
bin=$1
db=$2
root=$(cd "$(dirname "$0")/.." && pwd)
export ECOREG_DATA=$root/data
keys=$db.keys.json
at=(--db "$db" --as-of 2024-06-15)
q() { "$bin" "$@" >/dev/null 2>&1 || true; }

mkdir -p "$(dirname "$db")"
"$bin" --db "$db" init >/dev/null
if ! "$bin" "${at[@]}" measure show ABC0000000001 >/dev/null 2>&1; then # once
    q "${at[@]}" supplier add --code ABC --name "A Big Company"
    q "${at[@]}" supplier licence add --code ABC --reference ABC01234567E
    q "${at[@]}" supplier add --code XYZ --name "Xylo Energy"
    q "${at[@]}" notify --scheme gbis --supplier ABC "$root/data/demo/gbis_notifications.csv"
    q "${at[@]}" decide approve ABC0000000001 --reason "evidence checked"
    q "${at[@]}" notify --scheme eco4 "$root/data/demo/eco4_project.csv"
    q "${at[@]}" notify --scheme eco4 "$root/data/demo/eco4_measures.csv"
    q "${at[@]}" obligation set --scheme gbis --supplier ABC --year 2 --amount 2500 \
        --reason "demo determination"
    q "${at[@]}" obligation set --scheme gbis --supplier XYZ --year 2 --amount 1200 \
        --reason "demo determination"
    id=$("$bin" "${at[@]}" trade request --scheme gbis --from ABC --to XYZ --year 2 \
        --amount 500 --reason "demo trade")
    q "${at[@]}" trade accept "$id" --supplier XYZ --reason "agreed"
    q "${at[@]}" trade approve "$id" --reason "XYZ can bear it"
fi
if ! "$bin" --db "$db" chmm installer show DEMO-INST-1 >/dev/null 2>&1; then # once
    q --db "$db" --as-of 2025-03-03 chmm installer apply DEMO-INST-1 \
        --name "Aire Valley Heat Pumps" --postcode "LS6 2AB" \
        --technologies air_to_water,ground_source
    q --db "$db" --as-of 2025-04-01 chmm installer approve DEMO-INST-1 \
        --reason "competence assessed"
    q --db "$db" --as-of 2025-06-20 chmm certify "$root/data/demo/chmm_installations.csv"
    q --db "$db" --as-of 2025-06-25 chmm complaint receive --installer DEMO-INST-1 \
        --installation DEMO-CERT-2 --summary "radiators cold" --no-heating
fi
if [ ! -s "$keys" ]; then # keys are shown once: keep the demo's beside it
    key() {
        "$bin" --db "$db" key create "$@" 2>/dev/null |
            sed -n 's/.*"key":"\([^"]*\)".*/\1/p'
    }
    {
        printf '{"administrator":"%s",\n' "$(key --role administrator --owner "demo administrator")"
        printf ' "supplier":"%s",\n' "$(key --role supplier --scope ABC --owner "demo ABC compliance")"
        printf ' "supplier_other":"%s",\n' \
            "$(key --role supplier --scope XYZ --owner "demo XYZ compliance")"
        printf ' "certification_body":"%s",\n' \
            "$(key --role certification_body --owner "demo certification body")"
        printf ' "installer":"%s"}\n' \
            "$(key --role installer --scope DEMO-INST-1 --owner "demo installer")"
    } >"$keys.tmp"
    mv "$keys.tmp" "$keys"
fi
