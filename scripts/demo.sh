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
printf '\nMore: %s --help, %s quote --help, %s matrix --help\n' "$bin" "$bin" "$bin"
