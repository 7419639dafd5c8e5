#!/usr/bin/env bash
#
# lint.sh: a small checksrc for ecoreg's C sources.  Reports, as
# file:line: message, every use of an unbounded or unchecked libc call
# (strcpy, sprintf, atoi, strtok and friends), tab indentation, trailing
# whitespace, lines over 100 characters, a src/ .c file that does not open
# with a /* comment on what it is for, and any I/O, clock, environment or
# SQL call in src/core/, which must stay pure.  Calls inside comments and
# string literals are not counted.  Exits 1 if anything is reported.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

dirs=()
for d in src include tests bench fuzz; do
    if [ -d "$d" ]; then
        dirs+=("$d")
    fi
done
files=()
if [ "${#dirs[@]}" -gt 0 ]; then
    mapfile -t files < <(find "${dirs[@]}" -type f \( -name '*.c' -o -name '*.h' \) |
                         LC_ALL=C sort)
fi
if [ "${#files[@]}" -eq 0 ]; then
    echo "lint: 0 files clean"
    exit 0
fi

# Byte semantics everywhere (mawk has no others); line length counts
# characters by ignoring UTF-8 continuation bytes.
# shellcheck disable=SC2016 # the awk program is single-quoted on purpose
prog='
function report(msg) {
    printf "%s:%d: %s\n", FILENAME, FNR, msg
    problems++
    if (!(FILENAME in bad)) {
        bad[FILENAME] = 1
        nbad++
    }
}

# The line with comments blanked and string and character literal contents
# removed, so that only code is matched.  Block comments carry over lines.
function code_of(line,    out, i, n, c, c2, q) {
    if (!in_comment && line !~ /[\/"\047]/)
        return line
    out = ""
    n = length(line)
    for (i = 1; i <= n; i++) {
        c = substr(line, i, 1)
        c2 = substr(line, i, 2)
        if (in_comment) {
            if (c2 == "*/") {
                in_comment = 0
                i++
            }
            continue
        }
        if (c2 == "/*") {
            in_comment = 1
            out = out " "
            i++
        } else if (c2 == "//") {
            break
        } else if (c == "\"" || c == "\047") {
            q = c
            out = out q
            for (i++; i <= n; i++) {
                c = substr(line, i, 1)
                if (c == "\\")
                    i++
                else if (c == q)
                    break
            }
            out = out q
        } else {
            out = out c
        }
    }
    return out
}

function calls(code, names, what, hint,    k, m, list) {
    m = split(names, list, " ")
    for (k = 1; k <= m; k++)
        if (code ~ ("(^|[^A-Za-z0-9_])" list[k] "[ \t]*\\("))
            report(what " " list[k] "()" hint)
}

FNR == 1 {
    in_comment = 0
    core = FILENAME ~ /^src\/core\//
    if (FILENAME ~ /^src\/.*\.c$/ && $0 !~ /^\/\*/)
        report("file must open with a /* comment block on what it is for")
}

{
    line = $0
    if (sub(/\r$/, "", line))
        report("CRLF line ending")
    if (line ~ /^[ \t]*\t/)
        report("tab in indentation (use 4 spaces)")
    if (line ~ /[ \t]$/)
        report("trailing whitespace")
    s = line
    gsub(/[\200-\277]/, "", s)
    if (length(s) > 100)
        report("line is " length(s) " characters (max 100)")

    code = code_of(line)
    calls(code, "strcpy strcat", "unbounded copy",
          "; use snprintf() or memcpy() with a checked length")
    calls(code, "sprintf vsprintf", "unbounded format",
          "; use snprintf() or vsnprintf()")
    calls(code, "atoi atol atoll atof", "unchecked conversion",
          "; use strtol()/strtod() and check errno and the end pointer")
    calls(code, "strtok strtok_r", "banned tokenizer",
          "; it writes into its input and skips empty fields")
    calls(code, "gets", "unbounded read", "; use fgets()")

    if (core) {
        calls(code, "fopen fclose fread fwrite fgets fputs puts printf " \
              "vprintf fprintf vfprintf scanf fscanf perror",
              "I/O call", " in src/core/ (core is pure)")
        calls(code, "getenv", "environment read", " in src/core/ (core is pure)")
        calls(code, "time clock_gettime gettimeofday localtime gmtime",
              "clock read", " in src/core/ (core is pure)")
        if (code ~ /(^|[^A-Za-z0-9_])sqlite3/ ||
            line ~ /^[ \t]*#[ \t]*include[ \t]*[<"](sqlite3|libpq-fe)\.h/)
            report("SQL in src/core/ (core is pure)")
    }
}

END {
    nfiles = ARGC - 1
    if (problems) {
        printf "lint: %d problem%s in %d of %d files\n", problems,
               problems == 1 ? "" : "s", nbad, nfiles
        exit 1
    }
    printf "lint: %d files clean\n", nfiles
}
'

LC_ALL=C exec awk "$prog" "${files[@]}"
