#!/usr/bin/env bash
# One closing line over every Surefire execution of `make test` (the default one and the vector-width
# reruns, each with its own reports directory): "tests: N passed, N failed, N skipped", and the failing
# tests by name above it. Reads target/surefire-reports*/TEST-*.xml; exits 0 (make test keeps mvn's status).
set -uo pipefail
cd "$(dirname "$0")/.."
shopt -s nullglob
files=(target/surefire-reports*/TEST-*.xml)
if [ ${#files[@]} -eq 0 ]; then
  echo "tests: no Surefire reports under target/surefire-reports*"
  exit 0
fi
awk '
  FNR == 1 { exec = FILENAME; sub(/\/TEST-.*/, "", exec); sub(/^target\/surefire-reports-?/, "", exec) }
  /<testsuite[ >]/ {
    if (match($0, / tests="[0-9]+"/)) tests += substr($0, RSTART + 8, RLENGTH - 9)
    if (match($0, / failures="[0-9]+"/)) failures += substr($0, RSTART + 11, RLENGTH - 12)
    if (match($0, / errors="[0-9]+"/)) errors += substr($0, RSTART + 9, RLENGTH - 10)
    if (match($0, / skipped="[0-9]+"/)) skipped += substr($0, RSTART + 10, RLENGTH - 11)
  }
  /<testcase / {
    name = ""; cls = ""
    if (match($0, / name="[^"]*"/)) name = substr($0, RSTART + 7, RLENGTH - 8)
    if (match($0, / classname="[^"]*"/)) cls = substr($0, RSTART + 12, RLENGTH - 13)
  }
  /<(failure|error)[ >]/ { bad[cls "." name (exec == "" ? "" : " [" exec "]")] = 1 }
  END {
    for (b in bad) print "  failed: " b
    failed = failures + errors
    printf "tests: %d passed, %d failed, %d skipped\n", tests - failed - skipped, failed, skipped
  }
' "${files[@]}"
