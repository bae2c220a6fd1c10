#!/usr/bin/env bash
# The reliability and security figures: runs every fuzz target for a set
# time, then the fault, file and leak suites, and prints one table.
#   scripts/reliability.sh            # 60 s per fuzz target
#   FUZZTIME=10s scripts/reliability.sh
# Exit status: non-zero when a fuzz target or a test failed.
set -uo pipefail
cd "$(dirname "$0")/.."

FUZZTIME=${FUZZTIME:-60s}
LOG=$(mktemp -d)
status=0
# The logs stay when something failed, so the failure can be read whole.
trap '[ "$status" = 0 ] && rm -rf "$LOG"' EXIT

# Every fuzz target in the module: "package-dir name" pairs.
targets=$(grep -rl --include='*_test.go' '^func Fuzz' . | while read -r f; do
  sed -n 's/^func \(Fuzz[A-Za-z0-9_]*\)(.*/\1/p' "$f" | while read -r name; do
    echo "$(dirname "$f") $name"
  done
done | sort -u)

printf '%-48s %12s %12s %10s\n' "fuzz target ($FUZZTIME each)" "inputs" "new corpus" "failures" > "$LOG/fuzz.txt"
total_execs=0
while read -r dir name; do
  [ -n "$dir" ] || continue
  out="$LOG/fuzz-$name.log"
  if go test "$dir" -run '^$' -fuzz "^$name\$" -fuzztime "$FUZZTIME" >"$out" 2>&1; then fails=0; else fails=1; status=1; fi
  line=$(grep -E 'execs: [0-9]+' "$out" | tail -1)
  execs=$(sed -n 's/.*execs: \([0-9]*\).*/\1/p' <<<"$line")
  new=$(sed -n 's/.*new interesting: \([0-9]*\).*/\1/p' <<<"$line")
  total_execs=$((total_execs + ${execs:-0}))
  printf '%-48s %12s %12s %10s\n' "${dir#./}.$name" "${execs:-?}" "${new:-?}" "$fails" >> "$LOG/fuzz.txt"
  [ "$fails" = 0 ] || { echo "== $name failed:"; grep -v '^fuzz: elapsed' "$out" | head -20; }
done <<<"$targets"

# The suites: faults on every provider call (apihttp, plaid, stripe), the
# .env under crashes and concurrency (envfile), and the leak and terminal
# suite (leakcheck, and e2e: the real binary in hostile terminals and with
# hostile inputs), race detector on.
pkgs="./internal/providers/apihttp ./internal/providers/plaid ./internal/providers/stripe ./internal/envfile ./internal/testkit/leakcheck ./e2e ./internal/check"
go test -race -count=1 -v $pkgs > "$LOG/suite.log" 2>&1 || status=1

count() { grep -cE "$1" "$LOG/suite.log" || true; }
passed=$(count '^\s*--- PASS')
failed=$(count '^\s*--- FAIL')
skipped=$(count '^\s*--- SKIP')
faults=$(grep -E '^\s*--- PASS' "$LOG/suite.log" | grep -ciE 'fault|timeout|refus|dns|tls|reset|retry|5xx|429|malformed|html|oversize|redirect|unreachable|hang|truncat|crash|kill|concurren|lock|resize|dumb|notty|noterminal' || true)
leaks=$(count 'secret leaked:')
panics=$(count '^panic:')
lost=$(grep -E '^\s*--- FAIL' "$LOG/suite.log" | grep -ciE 'crash|kill|lost|concurren|lock|atomic' || true)

echo
cat "$LOG/fuzz.txt"
echo
printf '%-40s %s\n' "figure" "value"
printf '%-40s %s\n' "fuzz inputs tried" "$total_execs"
printf '%-40s %s\n' "tests and subtests passed" "$passed"
printf '%-40s %s\n' "tests failed" "$failed"
printf '%-40s %s\n' "tests skipped" "$skipped"
printf '%-40s %s\n' "fault / hostile-condition tests passed" "$faults"
printf '%-40s %s\n' "lost keys (failed crash/lock tests)" "$lost"
printf '%-40s %s\n' "leaked secrets" "$leaks"
printf '%-40s %s\n' "panics" "$panics"
if [ "$status" != 0 ]; then
  echo
  echo "failures:"
  grep -E '^\s*--- FAIL|secret leaked:|^panic:' "$LOG/suite.log" | head -40
  echo "full logs: $LOG"
fi
exit $status
