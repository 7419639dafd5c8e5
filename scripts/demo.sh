#!/usr/bin/env bash
# demo.sh BINARY: what `make run` shows until the register's server exists:
# the command line on the shipped Ofgem matrices and demo projects.
set -euo pipefail
bin=${1:-build/ecoreg}
root=$(cd "$(dirname "$0")/.." && pwd)
export ECOREG_DATA=$root/data

say() { printf '\n\033[1m%s\033[0m\n$ %s\n' "$1" "$2"; }

say "One row of Ofgem's ECO4 partial project scores matrix (v6):" \
    "ecoreg matrix lookup --matrix eco4-pps --measure-type IWI_solid_1.7_0.3 --floor-area 80 --sap 25"
"$bin" matrix lookup --matrix eco4-pps --measure-type IWI_solid_1.7_0.3 --floor-area 80 --sap 25

say "Quotes for the demo projects (data/demo/projects.jsonl); DEMO-5 shows an error:" \
    "ecoreg quote data/demo/projects.jsonl"
"$bin" quote "$root/data/demo/projects.jsonl" || echo "(exit status $?: a project had errors)"

say "The same project under seed 002's consultation parameters (40% deflator, no F):" \
    "head -1 data/demo/projects.jsonl | ecoreg quote --scheme eco4 --params seed002_consultation"
head -1 "$root/data/demo/projects.jsonl" | "$bin" quote --scheme eco4 --params seed002_consultation
# The register, var/ecoreg.db: every step below is safe to repeat (a
# supplier already known is reported, a file already notified "exists").
db=(--db "$root/var/ecoreg.db" --as-of 2024-06-15)
say "The register (var/ecoreg.db) starts with a supplier:" \
    "ecoreg supplier add --code ABC --name \"A Big Company\""
"$bin" "${db[@]}" supplier add --code ABC --name "A Big Company" || true
say "The supplier's licence, which each row names as its Supplier_Reference:" \
    "ecoreg supplier licence add --code ABC --reference ABC01234567E"
"$bin" "${db[@]}" supplier licence add --code ABC --reference ABC01234567E || true
say "Five rows: four pass Ofgem's checks, one fails three of them:" \
    "ecoreg --as-of 2024-06-15 notify --scheme gbis --supplier ABC data/demo/gbis_notifications.csv"
"$bin" "${db[@]}" notify --scheme gbis --supplier ABC "$root/data/demo/gbis_notifications.csv" ||
    true
say "An administrator's decision, and the measure's history from the journal:" \
    "ecoreg decide approve ABC0000000001 --reason \"evidence checked\"; ecoreg measure show ..."
"$bin" "${db[@]}" decide approve ABC0000000001 --reason "evidence checked" || true
"$bin" "${db[@]}" measure show ABC0000000001 | cut -c1-160
say "ABC's GBIS target for year 2 (2024-25), then its progress from the obligation ledger:" \
    "ecoreg obligation set --scheme gbis --supplier ABC --year 2 --amount 2500 ...; ecoreg report progress --scheme gbis --format csv"
"$bin" "${db[@]}" obligation set --scheme gbis --supplier ABC --year 2 --amount 2500 \
    --reason "demo determination" || true
say "ABC trades 500.00 of that target to XYZ: ABC requests, XYZ accepts, the administrator approves:" \
    "ecoreg trade request --scheme gbis --from ABC --to XYZ --year 2 --amount 500 ...; ecoreg trade accept|approve GBIS-TRADE-1 ..."
"$bin" "${db[@]}" supplier add --code XYZ --name "Xylo Energy" 2>/dev/null || true
if ! "$bin" "${db[@]}" trade show GBIS-TRADE-1 >/dev/null 2>&1; then # once
    id=$("$bin" "${db[@]}" trade request --scheme gbis --from ABC --to XYZ --year 2 \
        --amount 500 --reason "demo trade")
    "$bin" "${db[@]}" trade accept "$id" --supplier XYZ --reason "agreed"
    "$bin" "${db[@]}" trade approve "$id" --reason "XYZ can bear it"
fi
"$bin" "${db[@]}" trade show GBIS-TRADE-1 | head -1
"$bin" "${db[@]}" report progress --scheme gbis --format csv
"$bin" "${db[@]}" report progress --scheme gbis --format html >"$root/var/progress.html"
echo "(the same as a page with its chart: var/progress.html)"
# Heat pump certification (CHMM): an installer, five installations, a
# complaint, the credits and the Annex A indicators.
say "A certification scheme approves an installer, then certifies its installations:" \
    "ecoreg chmm installer apply|approve DEMO-INST-1 ...; ecoreg chmm certify data/demo/chmm_installations.csv"
if ! "$bin" "${db[@]}" chmm installer show DEMO-INST-1 >/dev/null 2>&1; then # once
    "$bin" --db "$root/var/ecoreg.db" --as-of 2025-03-03 chmm installer apply DEMO-INST-1 \
        --name "Aire Valley Heat Pumps" --postcode "LS6 2AB" \
        --technologies air_to_water,ground_source
    "$bin" --db "$root/var/ecoreg.db" --as-of 2025-04-01 chmm installer approve DEMO-INST-1 \
        --reason "competence assessed"
    "$bin" --db "$root/var/ecoreg.db" --as-of 2025-06-20 chmm certify \
        "$root/data/demo/chmm_installations.csv" >/dev/null
    "$bin" --db "$root/var/ecoreg.db" --as-of 2025-06-25 chmm complaint receive \
        --installer DEMO-INST-1 --installation DEMO-CERT-2 --summary "radiators cold" \
        --no-heating >/dev/null
fi
"$bin" "${db[@]}" chmm installers --postcode LS --technology ground_source
"$bin" "${db[@]}" chmm certificate DEMO-CERT-2
say "Credits to the licence holders (new build and air-to-air earn none; a hybrid half):" \
    "ecoreg chmm credits"
"$bin" "${db[@]}" chmm credits 2>/dev/null | cut -c1-300
say "The Annex A indicators for the quarter, also as a page with charts:" \
    "ecoreg chmm indicators --from 2025-04-01 --to 2025-06-30 --format html"
"$bin" "${db[@]}" chmm indicators --from 2025-04-01 --to 2025-06-30 | cut -c1-300
"$bin" "${db[@]}" chmm indicators --from 2025-04-01 --to 2025-06-30 --format html \
    >"$root/var/indicators.html"
echo "(var/indicators.html)"
say "The journal replayed against the register's state:" "ecoreg verify"
"$bin" "${db[@]}" verify
printf '\nMore: %s --help, %s quote --help, %s notify --help\n' "$bin" "$bin" "$bin"
