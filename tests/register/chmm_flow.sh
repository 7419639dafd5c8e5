#!/usr/bin/env bash
# chmm_flow.sh BINARY: the certification register end to end, as a
# certification body would use it (docs/certification.md): installers
# through their lifecycle and the public finder, installations certified
# and checked, complaints stepped, the administrator feed made and made
# again, and the Annex A indicators of a hand-worked quarter.
set -euo pipefail
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
on() { local day=$1; shift; "$bin" --db "$tmp/r.db" --as-of "$day" chmm "$@"; }

# Installers (seed 000 Annex A "Scheme onboarding"):
#   I-A applied 2025-03-01, approved 2025-04-10: 40 days, in the quarter
#   I-B applied 2025-04-01, approved 2025-05-01: 30 days, in the quarter
#   I-C applied 2025-04-15, refused 2025-05-15: unsuccessful, not counted
#   I-D approved 2024-02-01, suspended 2025-06-01: not able on 2025-06-30
#   I-E approved 2024-02-01, expelled 2025-06-15: not able on 2025-06-30
on 2025-03-01 installer apply I-A --name "Aire Heat Ltd" --postcode "LS1 4AB" \
    --technologies air_to_water,ground_source
on 2025-04-01 installer apply I-B --name "Bolton Pumps" --postcode "BL1 1AA" \
    --technologies air_to_water
on 2025-04-15 installer apply I-C --name "Calder Heat" --postcode "HX1 1AA" \
    --technologies air_to_water
on 2024-01-01 installer apply I-D --name "Dales Heat" --postcode "LS21 1AA" \
    --technologies ground_source
on 2024-01-01 installer apply I-E --name "Eden Heat" --postcode "CA1 1AA" \
    --technologies air_to_water
on 2025-04-10 installer approve I-A --reason "competence assessed"
on 2025-05-01 installer approve I-B --reason "competence assessed"
on 2025-05-15 installer refuse I-C --reason "no competent person"
on 2024-02-01 installer approve I-D --reason "competence assessed"
on 2024-02-01 installer approve I-E --reason "competence assessed"
on 2025-05-01 installer approve I-A --reason again 2>"$tmp/err" && fail "approve twice"
grep -q "cannot approve installer I-A: it is approved" "$tmp/err" || fail "$(cat "$tmp/err")"

# installations: C-0 before the quarter, C-1..C-8 in it, C-9 after
header=technology_type,commissioning_date,total_capacity_kw,licence_holder,product,hybrid,build
header=$header,installation_id,installer_id,purpose,uprn,postcode,serial_number
row() { echo "air_to_water,2025-03-01,8,Heatco Ltd,HC-8,no,retrofit,$1,$2,space_heating,,LS6 2AB,"; }
{ echo "$header"; row C-0 I-D; } >"$tmp/c0.csv"
{ echo "$header"; row C-1 I-A; row C-2 I-A; row C-3 I-A; row C-4 I-A; } >"$tmp/a.csv"
{ echo "$header"; row C-5 I-B; row C-6 I-B; } >"$tmp/b.csv"
{ echo "$header"; row C-7 I-D; row C-8 I-D; } >"$tmp/d.csv"
{ echo "$header"; row C-9 I-A; } >"$tmp/c9.csv"
{ echo "$header"; row C-X I-C; } >"$tmp/cx.csv"
on 2025-05-20 certify "$tmp/cx.csv" >/dev/null 2>"$tmp/err" && fail "certified through a refused"
grep -q "row 1: installer_id: installer I-C is refused: not a current member" "$tmp/err" ||
    fail "refusal: $(cat "$tmp/err")"
on 2025-03-20 certify "$tmp/c0.csv" >/dev/null 2>&1 || fail "C-0"
on 2025-04-20 certify "$tmp/a.csv" >/dev/null 2>&1 || fail "C-1..4"
on 2025-04-20 certify "$tmp/a.csv" 2>&1 >/dev/null | grep >/dev/null "0 certified, 4 already held" ||
    fail "a file certified again"
on 2025-05-20 certify "$tmp/b.csv" >/dev/null 2>&1 || fail "C-5..6"
on 2025-05-25 certify "$tmp/d.csv" >/dev/null 2>&1 || fail "C-7..8"
on 2025-07-05 certify "$tmp/c9.csv" >/dev/null 2>&1 || fail "C-9"
on 2025-06-01 installer suspend I-D --reason "non-conformity"
on 2025-06-15 installer expel I-E --reason "deposit not protected"
on 2025-06-16 certify "$tmp/d.csv" 2>&1 >/dev/null | grep >/dev/null "0 certified, 2 already held" ||
    fail "held certificates of a suspended installer are left alone"

# on-site assessment: 25 per thousand of the 8 certified in the quarter,
# rounded up: 1, failed on 06-10 and put right by a third party
on 2025-06-05 assess select --from 2025-04-01 --to 2025-06-30 --seed 7 >"$tmp/sel" 2>/dev/null
[ "$(wc -l <"$tmp/sel")" -eq 1 ] || fail "selection: $(cat "$tmp/sel")"
picked=$(grep -o '"installation_id":"[^"]*"' "$tmp/sel" | cut -d'"' -f4)
# selecting again picks among those not yet selected (1 of the other 7);
# selected but not assessed, it is not counted as assessed
on 2025-06-05 assess select --from 2025-04-01 --to 2025-06-30 --seed 7 2>/dev/null >"$tmp/sel2"
[ "$(wc -l <"$tmp/sel2")" -eq 1 ] || fail "second selection: $(cat "$tmp/sel2")"
grep -q "\"installation_id\":\"$picked\"" "$tmp/sel2" && fail "selected twice"
on 2025-06-10 assess fail "$picked" --reason "flow temperature too high" --designer "Aire Heat Ltd"
on 2025-06-11 assess verify "$picked" --reason early 2>/dev/null && fail "verified unreported"
on 2025-06-11 assess report "$picked" --reason "report sent"
on 2025-06-20 assess hand-over "$picked" --third-party "Heat Fixers" --reason "installer will not"
on 2025-06-25 assess verify "$picked" --reason "works checked"
on 2025-06-26 assess show "$picked" | sed -n 1p | grep >/dev/null '"state":"remedied"' || fail "remedied"

# anyone checks a certificate: the home's postcode is not shown
on 2025-07-06 certificate C-1 >"$tmp/out"
grep -q '"state":"certified"' "$tmp/out" || fail "certificate: $(cat "$tmp/out")"
grep -q '"postcode_district":"LS6"' "$tmp/out" || fail "district: $(cat "$tmp/out")"
grep -q 'LS6 2AB' "$tmp/out" && fail "the home's postcode shown"

# (a pipe's last grep reads all its input: with pipefail, grep -q quitting
# early would fail the writer with SIGPIPE)
# the finder shows current members only; expelled members exported
[ "$(on 2025-07-06 installers 2>/dev/null | grep -c '"id"')" -eq 2 ] || fail "finder"
on 2025-07-06 installers --postcode LS99 --technology ground_source 2>/dev/null |
    grep >/dev/null '"id":"I-A"' || fail "finder by area and technology"
[ "$(on 2025-07-06 expelled --format csv)" = "installer_id,name,postcode,expelled_on,reason
I-E,Eden Heat,CA1 1AA,2025-06-15,deposit not protected" ] || fail "expelled export"

# Complaints (seed 000 "Redress"):
#   CMP-1 I-A C-1 received 05-01, resolved put_right_installer 06-01: within 1 month
#   CMP-2 I-B received 05-10, resolved no_non_conformity 06-11: 1 month + 1 day
#   CMP-3 I-D received 06-01, ruled out 06-02: out of scope
#   CMP-4 I-A received 06-20, acknowledged: open
#   CMP-5 I-A received 03-15: before the quarter
c1=$(on 2025-05-01 complaint receive --installer I-A --installation C-1 --summary "cold" \
    --no-heating)
[ "$c1" = CMP-1 ] || fail "complaint ID $c1"
on 2025-05-10 complaint receive --installer I-B --summary "noisy" >/dev/null
on 2025-06-01 complaint receive --installer I-D --summary "price" >/dev/null
on 2025-06-20 complaint receive --installer I-A --summary "leak" --vulnerable >/dev/null
on 2025-03-15 complaint receive --installer I-A --summary "late" >/dev/null
on 2025-05-02 complaint resolve CMP-1 --outcome other --reason early 2>"$tmp/err" &&
    fail "resolved before investigation"
grep -q "cannot resolve a complaint that is received" "$tmp/err" || fail "$(cat "$tmp/err")"
on 2025-05-02 complaint acknowledge CMP-1 --reason seen
on 2025-05-03 complaint investigate CMP-1 --reason visit
on 2025-06-01 complaint resolve CMP-1 --outcome put_right_installer --reason "pump reset"
on 2025-05-11 complaint acknowledge CMP-2 --reason seen
on 2025-05-12 complaint investigate CMP-2 --reason visit
on 2025-06-11 complaint resolve CMP-2 --outcome no_non_conformity --reason "within spec"
on 2025-06-02 complaint rule-out CMP-3 --reason "a pricing dispute"
on 2025-06-21 complaint acknowledge CMP-4 --reason seen
on 2025-06-22 complaints --open | sed -n 1p | grep >/dev/null '"id":"CMP-4"' || fail "priority first"

# The administrator feed: export 1, nothing new, export 1 again the same
mkdir "$tmp/feed"
on 2025-07-06 feed --out "$tmp/feed" >/dev/null 2>&1 || fail "feed"
grep -q '"counts":{"installations":10,"certified":10' "$tmp/feed/chmm-feed-0001.manifest.json" ||
    fail "manifest: $(cat "$tmp/feed/chmm-feed-0001.manifest.json")"
sum=$(grep -o '"sha256":"[0-9a-f]*"' "$tmp/feed/chmm-feed-0001.manifest.json" | sed -n 1p)
[ "$sum" = "\"sha256\":\"$(sha256sum "$tmp/feed/chmm-feed-0001.csv" | cut -d' ' -f1)\"" ] ||
    fail "the manifest's checksum"
on 2025-07-06 feed --out "$tmp/feed" 2>&1 | grep >/dev/null "nothing changed since export 1" ||
    fail "an export without changes"
mkdir "$tmp/again"
on 2025-07-07 feed --out "$tmp/again" --again 1 >/dev/null 2>&1 || fail "feed again"
cmp -s "$tmp/feed/chmm-feed-0001.csv" "$tmp/again/chmm-feed-0001.csv" || fail "not the same"
cmp -s "$tmp/feed/chmm-feed-0001.json" "$tmp/again/chmm-feed-0001.json" || fail "not the same"

# Annex A indicators, 2025-04-01 to 2025-06-30, worked by hand:
#   installations certified in the quarter: C-1..C-8 = 8
#   on-site assessments in the quarter: 1, non-conforming: 100.0%;
#     installations assessed: 1 of 8 = 12.5%
#   installers able to certify on 06-30: I-A, I-B = 2
#   onboarding: I-A 40 days, I-B 30 days: 70 / 2 = 35.0
#   complaints received: CMP-1..4 = 4 of 8 installations = 50.0%
#   in scope: CMP-1, CMP-2, CMP-4 = 3; within 1 month: CMP-1 = 33.3%;
#     within 3 months: CMP-1, CMP-2 = 66.7%
#   outcomes of 4: open (CMP-4), out_of_scope (CMP-3), no_non_conformity
#     (CMP-2), put_right_installer (CMP-1): 25.0% each, others 0.0%
on 2025-07-06 indicators --from 2025-04-01 --to 2025-06-30 >"$tmp/ind.json"
for want in '"installations":8' '"installers":2' \
    '"onboarding_days":{"approved":2,"days":70,"average":35.0}' \
    '"complaint_rate":{"count":4,"of":8,"percent":50.0}' \
    '"nonconformity":{"count":1,"of":1,"percent":100.0}' \
    '"assessed":{"count":1,"of":8,"percent":12.5}' \
    '"resolved_within_1_month":{"count":1,"of":3,"percent":33.3}' \
    '"resolved_within_3_months":{"count":2,"of":3,"percent":66.7}' \
    '"open":{"count":1,"of":4,"percent":25.0}' \
    '"out_of_scope":{"count":1,"of":4,"percent":25.0}' \
    '"no_non_conformity":{"count":1,"of":4,"percent":25.0}' \
    '"put_right_installer":{"count":1,"of":4,"percent":25.0}' \
    '"adr_complainant":{"count":0,"of":4,"percent":0.0}'; do
    grep -qF "$want" "$tmp/ind.json" || fail "indicators: $want not in $(cat "$tmp/ind.json")"
done
on 2025-07-06 indicators --from 2025-04-01 --to 2025-06-30 --format csv |
    grep >/dev/null '^2025-04-01,2025-06-30,complaint_rate,Complaints received,4,8,50.0$' ||
    fail "indicators as CSV"
on 2025-07-06 indicators --from 2025-04-01 --to 2025-06-30 --format html | grep >/dev/null '<svg' ||
    fail "indicators as HTML with charts"
"$bin" --db "$tmp/r.db" verify >/dev/null || fail "verify"
echo "chmm flow: ok"
