#!/usr/bin/env bash
# eco4_flow.sh BINARY: ECO4 through the register end to end, as a supplier
# and the administrator would use the commands, with golden output. Seed
# 002 Appendix 1's home (tests/register/test_eco4_register.c, which works
# the numbers out): the project notified, its two measures (with a third of
# a project the register does not hold), both approved, the Completion
# Notification deciding the full project score, the boiler revoked taking
# it away, verify clean throughout.
#
# Golden files (tests/register/golden/eco4_*.jsonl) hold the JSON lines the
# commands print, with each event's time replaced by "TIME" (after checking
# it is a UTC time); the actor is fixed by USER. A changed score, state or
# history line makes the test fail. The scores are also checked one by one
# below against their hand-worked values, so the golden files cannot drift
# from them unnoticed.
set -euo pipefail
bin=$1
here=$(cd "$(dirname "$0")" && pwd)
data=$here/../data
golden=$here/golden
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
db=(--db "$tmp/r.db" --as-of 2024-06-15)
export USER=eco4-flow # every event's actor: cli:eco4-flow
fail() { echo "FAIL: $*"; exit 1; }

# run RC OUT ARGS...: the binary on the register, standard output into
# $tmp/OUT and standard error into $tmp/OUT.err; fails unless it exits RC.
run() {
    local want=$1 out=$2 rc=0
    shift 2
    "$bin" "${db[@]}" "$@" >"$tmp/$out" 2>"$tmp/$out.err" || rc=$?
    [ "$rc" -eq "$want" ] ||
        fail "ecoreg $* exited $rc, not $want: $(cat "$tmp/$out" "$tmp/$out.err")"
}

# golden OUT NAME: $tmp/OUT, times normalised, is golden/NAME.
golden() {
    sed -E 's/"at":"20[0-9]{2}-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]Z"/"at":"TIME"/g' \
        "$tmp/$1" >"$tmp/$1.norm"
    diff -u "$golden/$2" "$tmp/$1.norm" >"$tmp/diff" ||
        fail "$2 differs from the golden output:
$(cat "$tmp/diff")"
}

# has OUT TEXT WHAT: $tmp/OUT contains TEXT (a fixed string).
has() { grep -qF -- "$2" "$tmp/$1" || fail "$3: no '$2' in: $(cat "$tmp/$1")"; }

# last OUT: the last line of $tmp/OUT (the latest event of a history).
last() { tail -n 1 "$tmp/$1" >"$tmp/$1.last"; }

run 0 init init
has init "schema version" "init"
run 0 sup supplier add --code ABC --name "A Big Company"

# The project (80 m2, SAP 25, Leeds), then its measures: the IWI and the
# boiler, and a measure of project ABC0000000002, which the register does
# not hold: rejected (ECO4M0200), the others recorded in the same file.
run 0 n1 notify --scheme eco4 "$data/eco4_appendix1_project.csv"
has n1.err "1 rows: 1 recorded, 0 rejected, 0 exists, 0 conflict" "project summary"
{
    cat "$data/eco4_appendix1_measures.csv"
    echo "ABC-M-0021,ABC0000000021,ABC0000000002,CWI_0.040,New Notification,N/A,20/05/2024,Standard,67+,N/A,N/A,N/A,N/A,Cavity Care Ltd,234567890123,UMR0000021,B23456-2"
} >"$tmp/measures.csv"
run 1 n2 notify --scheme eco4 "$tmp/measures.csv"
has n2.err "3 rows: 2 recorded, 1 rejected, 0 exists, 0 conflict" "measures summary"
# the project again: held with the same content, nothing changes
run 0 n3 notify --scheme eco4 "$data/eco4_appendix1_project.csv"
has n3.err "1 rows: 0 recorded, 0 rejected, 1 exists, 0 conflict" "project again"

# Approvals before the completion decide nothing yet; a rejected measure
# cannot be approved.
run 0 d1 decide approve ABC0000000011 --reason "evidence checked"
run 0 d2 decide approve ABC0000000012 --reason "evidence checked"
run 1 d3 decide approve ABC0000000021 --reason "evidence checked"
has d3.err "ABC0000000021 is rejected: it cannot be approved" "approving a rejected measure"
run 0 p0 project show ABC0000000001
has p0 '"state":"checks_passed"' "approvals before completion"

# The Completion Notification (finishing SAP 55, 20/05/2024) decides the
# project. Hand-worked (test_eco4_register.c, data/ofgem, ECO4 Order
# art. 55: F = 0.1 for 73-97 m2; PPS deflator 0.8):
#   IWI    PPS v6 73-97,Low_F 343.4 x 1.1 x 0.8 = 302.192 -> 302.19
#   boiler PPS v6 73-97,Low_F 593   x 1.1 x 0.8 = 521.84
#   Low_F to Low_D meets the minimum requirement: FPS v2 73-97,Low_F,Low_D
#   922.2 x 1.1 = 1014.42, the project's score (PPS total 824.03).
run 0 n4 notify --scheme eco4 "$data/eco4_appendix1_completion.csv"
has n4.err "1 rows: 1 recorded, 0 rejected, 0 exists, 0 conflict" "completion summary"
run 0 p1 project show ABC0000000001
has p1 '"state":"fps_awarded"' "completed project"
last p1
has p1.last '"kind":"decided","from":"completed","to":"fps_awarded"' "decision"
has p1.last '"minimum_requirement_met":true,"measures_revoked":0,"fps":1014.42' "FPS"
has p1.last '{"mrn":"ABC0000000011","pps":302.19}' "IWI PPS"
has p1.last '{"mrn":"ABC0000000012","pps":521.84}' "boiler PPS"
has p1.last '"pps_total":824.03,"score":1014.42,' "score"
has p1.last '"subject":"ABC0000000001","amount":101442,' "the FPS in the ledger"
golden p1 eco4_project_fps.jsonl
run 0 m1 measure show ABC0000000011
has m1 '"state":"approved"' "approved measure"
golden m1 eco4_measure_approved.jsonl
# the completion again: nothing changes, not even the last event
run 0 n5 notify --scheme eco4 "$data/eco4_appendix1_completion.csv"
has n5.err "1 rows: 0 recorded, 0 rejected, 1 exists, 0 conflict" "completion again"
run 0 p2 project show ABC0000000001
cmp -s "$tmp/p1" "$tmp/p2" || fail "a resubmitted completion changed the project"
run 0 v1 verify
has v1.err "0 differences" "verify after completion"
cat "$tmp/n1" "$tmp/n2" "$tmp/n3" "$tmp/n4" "$tmp/n5" >"$tmp/notify"
golden notify eco4_notify.jsonl

# Revoking the boiler: its finishing rating was assessed with the boiler
# installed, so the minimum requirement is no longer met (seed 002 4.13,
# 4.17); the IWI keeps its PPS, 302.19, the project's score.
run 0 d4 decide revoke ABC0000000012 --reason "no evidence of installation"
run 0 p3 project show ABC0000000001
has p3 '"state":"pps_only"' "after revocation"
last p3
has p3.last '"kind":"redecided","from":"fps_awarded","to":"pps_only"' "redecision"
has p3.last '"minimum_requirement_met":false,"measures_revoked":1,"fps":null' "no FPS"
has p3.last '"pps":[{"mrn":"ABC0000000011","pps":302.19}],"pps_total":302.19,"score":302.19,' \
    "PPS only"
has p3.last '"op":"revoke","scheme":"ECO4","supplier":"ABC","to_supplier":"","subject":"ABC0000000001",' \
    "the FPS withdrawn"
has p3.last '"subject":"ABC0000000001/ABC0000000011","amount":30219,' "the IWI's PPS counts"
golden p3 eco4_project_pps.jsonl
run 0 m2 measure show ABC0000000012
golden m2 eco4_measure_revoked.jsonl
# a revoked measure cannot be revoked again; the project stays as it is
run 1 d5 decide revoke ABC0000000012 --reason "again"
has d5.err "ABC0000000012 is revoked: it cannot be revoked" "second revocation"
run 0 p4 project show ABC0000000001
cmp -s "$tmp/p3" "$tmp/p4" || fail "a refused revocation changed the project"

run 0 l1 measures list --scheme eco4
golden l1 eco4_measures.jsonl
run 0 v2 verify
has v2.err "0 differences" "verify"
[ ! -s "$tmp/v2" ] || fail "verify printed differences: $(cat "$tmp/v2")"
echo "1 passed, 0 failed"
