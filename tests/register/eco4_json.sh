#!/usr/bin/env bash
# eco4_json.sh BINARY: `ecoreg notify --scheme eco4` of JSON files end to
# end. The example files tests/data/eco4_{projects,measures}.json are
# notified into one register and their CSV twins into another: every
# output line is the same. The CSV files notified into the JSON register
# are then held already ("exists"): the rows read from JSON are the same
# content. A JSON file's template is told by its first row's members; one
# that cannot be told, or a bad row, refuses the file whole.
set -euo pipefail
bin=$1
here=$(cd "$(dirname "$0")" && pwd)
data=$here/../data
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export USER=eco4-json
fail() { echo "FAIL: $*"; exit 1; }

# run DB RC OUT ARGS...: the binary on register DB (in $tmp), standard
# output into $tmp/OUT and standard error into $tmp/OUT.err; fails unless
# it exits RC.
run() {
    local db=$1 want=$2 out=$3 rc=0
    shift 3
    "$bin" --db "$tmp/$db" --as-of 2024-06-20 "$@" >"$tmp/$out" 2>"$tmp/$out.err" || rc=$?
    [ "$rc" -eq "$want" ] ||
        fail "ecoreg $* exited $rc, not $want: $(cat "$tmp/$out" "$tmp/$out.err")"
}

# has OUT TEXT WHAT: $tmp/OUT contains TEXT (a fixed string).
has() { grep -qF -- "$2" "$tmp/$1" || fail "$3: no '$2' in: $(cat "$tmp/$1")"; }

for fmt in json csv; do
    run "$fmt.db" 0 init init
    run "$fmt.db" 0 sup supplier add --code ABC --name "A Big Company"
    # row 3 completes a project the register does not hold: rejected
    run "$fmt.db" 1 "p.$fmt" notify --scheme eco4 "$data/eco4_projects.$fmt"
    has "p.$fmt.err" "3 rows: 2 recorded, 1 rejected, 0 exists, 0 conflict" "$fmt projects"
    # rows 4 and 5 are measures of that project: rejected
    run "$fmt.db" 1 "m.$fmt" notify --scheme eco4 "$data/eco4_measures.$fmt"
    has "m.$fmt.err" "5 rows: 3 recorded, 2 rejected, 0 exists, 0 conflict" "$fmt measures"
done
has m.json '{"row":1,"mrn":"ABC0000000011","status":"recorded","failures":[]}' "JSON measure"
for out in p m; do
    diff -u "$tmp/$out.csv" "$tmp/$out.json" >"$tmp/diff" ||
        fail "JSON and CSV notified differently: $(cat "$tmp/diff")"
done

# The CSV files in the JSON register: the same rows, held already.
run json.db 0 again-p notify --scheme eco4 "$data/eco4_projects.csv"
has again-p.err "3 rows: 0 recorded, 0 rejected, 3 exists, 0 conflict" "CSV projects again"
run json.db 0 again-m notify --scheme eco4 "$data/eco4_measures.csv"
has again-m.err "5 rows: 0 recorded, 0 rejected, 5 exists, 0 conflict" "CSV measures again"
run json.db 0 show measure show ABC0000000012
has show '"state":"recorded"' "a measure notified from JSON"
has show '"Non Condensing Gas Boiler","Condensing Gas Boiler"' "its row"

# A measure file with a null and a column left out (empty cells), and a
# member that is a measure column only: recorded as a measure.
cat >"$tmp/one.json" <<'JSON'
[{"Supplier_Reference": null, "Measure_Reference_Number": "ABC0000000013",
  "Project_Reference_Number": "ABC0000000002", "Measure_Type": "LI_lessequal100",
  "Purpose_of_Notification": "New Notification", "Extension_Reference_Number": "N/A",
  "Date_of_Completed_Installation": "10/06/2024", "Scoring_Methodology": "Standard",
  "Percentage_Of_Property_Treated": "67+", "Pre_Main_Heating_Source": "N/A",
  "Post_Main_Heating_Source": "N/A", "Innovation_Measure_Number": "N/A",
  "Pre_Existing_Insulation": "N/A", "Installer_Name": "Cavity Care (Wales) Ltd",
  "Trustmark_Business_Licence_Number": "234567890123",
  "Trustmark_Unique_Measure_Reference": "UMR0000013"}]
JSON
run json.db 0 one notify --scheme eco4 "$tmp/one.json"
has one '{"row":1,"mrn":"ABC0000000013","status":"recorded","failures":[]}' "one measure"

# Files refused whole (exit 2, nothing recorded), with what the user needs.
refused() { # NAME JSON TEXT: notifying JSON exits 2 saying TEXT
    printf '%s' "$2" >"$tmp/$1.json"
    run json.db 2 "$1" notify --scheme eco4 "$tmp/$1.json"
    has "$1.err" "$3" "$1"
}
refused shared '[{"Supplier_Reference":"x","Project_Reference_Number":"ABC0000000009"}]' \
    "row 1: cannot tell the template: no member is a column only the ECO4 project template has (such as Building_Number) or only the ECO4 measure template has (such as Measure_Reference_Number)"
refused both '[{"Post_Code":"LS1 4AB","Measure_Type":"LI_lessequal100"}]' \
    "row 1: Measure_Type: has columns of the ECO4 project template (Post_Code)"
refused empty '[]' "a file must be a non-empty array of rows"
refused unknown '[{"Measure_Reference_Number":"ABC0000000014"},{"Measure_Typo":"x"}]' \
    "row 2: Measure_Typo: not a column of the ECO4 measure template (names are case-sensitive)"
refused number '[{"Measure_Reference_Number":"ABC0000000015","Percentage_Of_Property_Treated":67}]' \
    "row 1: Percentage_Of_Property_Treated: must be a string (or null)"
refused malformed $'[{"Measure_Reference_Number":"ABC0000000016"},\n{"Measure_Type" "x"}]' \
    "malformed JSON at line 2 column"
run json.db 1 none measure show ABC0000000014
echo "eco4_json: ok"
