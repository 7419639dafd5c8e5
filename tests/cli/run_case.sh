#!/usr/bin/env bash
# run_case.sh BINARY CASE: runs one declarative command-line case.
#
# A case file has header lines `args: ...` (split by the shell, so quote as
# in a shell) and `exit: N`, then optional sections, each to the next
# section or the end:
#   stdin:            fed to the command
#   stdout:           the exact expected standard output
#   contains:         lines that must each appear in standard output
#   stderr-contains:  lines that must each appear in standard error
# Lines starting with '#' before the first section are comments: say there
# where each expected value comes from.
set -euo pipefail
bin=$1 case=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

args="" want_exit=0 section=""
: >"$tmp/stdin"
while IFS= read -r line || [ -n "$line" ]; do
    case "$section:$line" in
    :\#*) continue ;;
    :args:*) args=${line#args:} ; continue ;;
    :exit:*) want_exit=${line#exit:}; want_exit=${want_exit// /}; continue ;;
    *:stdin:|*:stdout:|*:contains:|*:stderr-contains:)
        section=${line%:}; : >"$tmp/$section"; continue ;;
    :*) [ -z "$line" ] && continue
        echo "$case: unexpected line before any section: $line" >&2; exit 2 ;;
    esac
    printf '%s\n' "$line" >>"$tmp/$section"
done <"$case"

set +e
eval "\"\$bin\" $args" <"$tmp/stdin" >"$tmp/out" 2>"$tmp/err"
got_exit=$?
set -e
status=0
if [ "$got_exit" != "$want_exit" ]; then
    echo "exit status $got_exit, want $want_exit" >&2; status=1
fi
if [ -f "$tmp/stdout" ] && ! diff -u "$tmp/stdout" "$tmp/out" >&2; then
    echo "standard output differs (- want, + got)" >&2; status=1
fi
for pair in "contains:out" "stderr-contains:err"; do
    f=$tmp/${pair%%:*} got=$tmp/${pair##*:}
    [ -f "$f" ] || continue
    while IFS= read -r want; do
        [ -z "$want" ] && continue
        grep -qF -- "$want" "$got" || { echo "missing from ${pair%%-*}: $want" >&2; status=1; }
    done <"$f"
done
if [ $status -ne 0 ]; then
    echo "--- stdout:" >&2; cat "$tmp/out" >&2
    echo "--- stderr:" >&2; cat "$tmp/err" >&2
fi
exit $status
