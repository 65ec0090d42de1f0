#!/usr/bin/env bash
# Runs `dotnet test` on the solution and ends with one plain line
# "N passed, N failed, N skipped" summed over every test assembly.
# Failed tests are repeated just above that line, so a log's tail says which ones failed and why.
set -uo pipefail
log=$(mktemp)
dotnet test MedChain.sln --no-restore "$@" 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
awk '
  /^  Failed / { shown = 25; print "--- " substr($0, 3) }
  /^  (Passed|Skipped) / { shown = 0 }
  shown > 0 && !/^  Failed / { print; shown-- }
' "$log"
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
