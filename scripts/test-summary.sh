#!/usr/bin/env bash
# Runs `dotnet test` on the solution and ends with one plain line
# "N passed, N failed, N skipped" summed over every test assembly.
set -uo pipefail
log=$(mktemp)
dotnet test MedChain.sln --no-restore "$@" 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
awk '
  /(Passed|Failed)! +- +Failed:/ {
    for (i = 1; i <= NF; i++) {
      if ($i == "Failed:")  { f += $(i+1) + 0 }
      if ($i == "Passed:")  { p += $(i+1) + 0 }
      if ($i == "Skipped:") { s += $(i+1) + 0 }
    }
  }
  END { printf "%d passed, %d failed, %d skipped\n", p, f, s }
' "$log"
rm -f "$log"
exit "$rc"
