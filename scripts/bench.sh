#!/usr/bin/env bash
# `make bench`: measures how onboard feels and prints one Markdown table.
#   - start-up to the first complete frame in a pseudo-terminal, side by side
#     with the floor of the stack (a one-line bubbletea v1 program), the floor
#     with onboard's packages linked in, and a peer (gum input), runs
#     interleaved in the same run
#   - every screen's View() at 80x24 and 200x60
#   - the Enter presses of four journeys through the demo wizard (first run,
#     a teammate with the team file, a re-run, production), the real binary
#     in a real terminal (tmux)
#   - verification wall time against the critical path, with latency injected
#   - `onboard check` whole-process time and peak memory; binary size
#   - updating a 10,000-line .env
#   - `onboard scan` side by side with gitleaks (its Stripe and Plaid rules)
#     on generated histories of 1k to 50k commits, and the scanning core
# Every figure is a median of several runs. Not part of `make test`.
# Knobs: RUNS (start-up and check runs, default 21), COUNT (go test -count,
# default 5), ONBOARD_MARKER (text of onboard's first frame), SCAN_SIZES
# (commits of the scan repositories, default 1000,5000,20000,50000),
# SCAN_RUNS (runs of each scanner per size up to 20k, default 5).
# Exit status 1 when a measurement failed or a target was missed; the table
# is printed in full either way.
set -uo pipefail
cd "$(dirname "$0")/.."

RUNS="${RUNS:-21}"
COUNT="${COUNT:-5}"
GUM_VERSION=v0.17.0
GITLEAKS_VERSION=v8.30.1
SCAN_SIZES="${SCAN_SIZES:-1000,5000,20000,50000}"
SCAN_RUNS="${SCAN_RUNS:-5}"
# The welcome screen's footer: the last line of its first complete frame
# (the header alone shows while the welcome's data is still loading).
ONBOARD_MARKER="${ONBOARD_MARKER:-enter continue}"
TOOLS="$PWD/.tools/bin"
mkdir -p "$TOOLS"
export PATH="$TOOLS:$PATH"

work="$(mktemp -d)"
log="$work/log"
trap 'rm -rf "$work"' EXIT
# Sections run in pipelines (subshells), so failures are collected in a file.
: >"$log"
fail() { echo "bench: $*" >>"$log"; }

# gum is the peer program; pinned, installed once.
stamp="$TOOLS/.gum-$GUM_VERSION"
if [ ! -x "$TOOLS/gum" ] || [ ! -f "$stamp" ]; then
  echo "bench: installing gum $GUM_VERSION into .tools/bin" >&2
  GOBIN="$TOOLS" go install "github.com/charmbracelet/gum@$GUM_VERSION" && touch "$stamp" \
    || fail "could not install gum"
fi

# gitleaks is the peer of `onboard scan`; pinned, installed once.
stamp="$TOOLS/.gitleaks-$GITLEAKS_VERSION"
if [ ! -x "$TOOLS/gitleaks" ] || [ ! -f "$stamp" ]; then
  echo "bench: installing gitleaks $GITLEAKS_VERSION into .tools/bin" >&2
  GOBIN="$TOOLS" go install "github.com/zricethezav/gitleaks/v8@$GITLEAKS_VERSION" && touch "$stamp" \
    || fail "could not install gitleaks"
fi

# Build everything first: timing `go run` would time the compiler. Every
# program is built as `make build` builds onboard (static, no cgo), so the
# floor and onboard differ only in what they do.
echo "bench: building" >&2
export CGO_ENABLED=0
go build -trimpath -o "$work/onboard" . || fail "build onboard"
for tool in minimal floordeps startup checkrun benchtable scanbench journeys; do
  go build -trimpath -o "$work/$tool" "./bench/$tool" || fail "build $tool"
done
unset CGO_ENABLED # go test -race needs cgo
table() { "$work/benchtable" "$@"; }

# bench PKG REGEXP [go test flags...]: the benchmark output, every run of it
# (-count), for benchtable to take medians of; a failure is noted.
bench() {
  local pkg="$1" re="$2"; shift 2
  local out="$work/bench-$(echo "$pkg$re" | tr -c 'a-zA-Z0-9' _).txt"
  if ! go test -run '^$' -bench "$re" -count "$COUNT" "$@" "$pkg" >"$out" 2>&1; then
    fail "go test -bench '$re' $pkg failed:"; tail -20 "$out" >>"$log"
  fi
  cat "$out"
}

echo "bench: measuring (about a minute on an idle machine)" >&2
{
  printf '| Measure | Result | Target | Met |\n|---|---|---|---|\n'
  cpu=$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2 | sed 's/^ *//; s/ *$//')
  printf '| Machine | %s cores (%s), %s, %s; load average %s at the start | | |\n' \
    "$(nproc)" "${cpu:-unknown CPU}" "$(go version | awk '{print $3, $4}')" "$(date -u '+%Y-%m-%d %H:%M UTC')" "$(cut -d' ' -f1-3 /proc/loadavg)"

  "$work/startup" -runs "$RUNS" -size 80x24 \
    -prog "minimal|minimal bubbletea v1 program (floor)|onboard perf floor: one static line (q quits)|$work/minimal" \
    -prog "minimal120|the floor at 120 FPS, onboard's frame rate|onboard perf floor: one static line (q quits)|$work/minimal -fps 120" \
    -prog "deps|the floor at 120 FPS with onboard's packages linked, no work (init cost)|onboard perf floor: one static line (q quits)|$work/floordeps -fps 120" \
    -prog "demo|onboard --demo|$ONBOARD_MARKER|$work/onboard --demo" \
    -prog "onboard|onboard (real providers, no .env)|$ONBOARD_MARKER|$work/onboard" \
    -prog "gum|gum input $GUM_VERSION (peer)|Type something|$TOOLS/gum input" \
    -subject demo,onboard -floor minimal -floor-max 1.10 -peer gum -peer-max 0.50 -compare minimal120,deps 2>>"$log" \
    || fail "start-up: a program failed or a target was missed"

  # Every screen of the real flow, in colour; one row per kind and size
  # (the slowest screen of that kind), then a typed character.
  bench ./internal/ui 'ViewRealFlow|Keystroke' -benchtime 2000x >"$work/ui.txt"
  table -match '^ViewRealFlow/' -group '^ViewRealFlow/[^/]+/(?P<member>[^/]+)/' -trim ViewRealFlow/ \
    -label 'View() ' -max-ms 0.5 <"$work/ui.txt" 2>>"$log" || fail "View(): a benchmark is missing or over 0.5 ms"
  table -match '^Keystroke/' -trim Keystroke/ -label 'Keystroke in a form (Update + View) ' -max-ms 0.5 \
    <"$work/ui.txt" 2>>"$log" || fail "keystroke: missing or over 0.5 ms"

  # Enter only through the demo, each press once the screen has settled and
  # no check runs; held to the presses each journey should take.
  "$work/journeys" -bin "$work/onboard" -size 100x30 -first 23 -teammate 12 -rerun 3 2>>"$log" \
    || fail "journeys: a journey failed or took more presses than its target (the screens are listed above)"

  bench ./bench 'VerifyLatency' -benchtime 5x | table -kind verify -max-ratio 1.10 2>>"$log" \
    || fail "verification: over the critical path"

  "$work/checkrun" -bin "$work/onboard" -runs "$RUNS" -rss 2>>"$log" || fail "onboard check failed"
  "$work/checkrun" -bin "$work/onboard" -runs 5 -latency 20ms 2>>"$log" || fail "onboard check with latency failed"

  size=$(stat -c %s "$work/onboard")
  awk -v b="$size" 'BEGIN { printf "| Binary size (`CGO_ENABLED=0 go build -trimpath`) | %.1f MiB | | |\n", b / 1048576 }'

  # The envfile owner's 10,000-line update (wall and CPU time), then the
  # same update at three sizes to show the cost stays linear: CPU per line
  # moves ±15% between runs on a shared machine, while a quadratic update
  # would cost 16 times more per line at 40,000 lines than at 2,500.
  bench ./internal/envfile 'Apply10k' -benchmem -benchtime 20x | table -match '^Apply10k$' -label '.env update, 10,000 lines: ' -max-ms 50 2>>"$log" \
    || fail ".env update: missing or over 50 ms"
  bench ./internal/envfile 'ApplyScaling' -benchmem -benchtime 10x | table -kind scaling -max-ratio 1.5 -label '.env update: ' 2>>"$log" \
    || fail ".env update: not linear"

  # `onboard scan` against gitleaks with only its Stripe and Plaid rules, on
  # generated histories with random keys planted (gitleaks rightly skips
  # placeholder-looking ones); held at 20,000 commits to half the time and
  # half the memory, finding every key gitleaks finds.
  echo "bench: scanning generated histories ($SCAN_SIZES commits; a few minutes)" >&2
  "$work/scanbench" -onboard "$work/onboard" -gitleaks "$TOOLS/gitleaks" -sizes "$SCAN_SIZES" -runs "$SCAN_RUNS" \
    -target 20000 -max-time 0.5 -max-rss 0.5 2>>"$log" || fail "onboard scan: a target was missed (see above)"
  bench ./internal/scan 'Detect$|ScanBlob$' -benchmem -benchtime 200x | table -label 'Scanning core: ' 2>>"$log" \
    || fail "scan benchmarks missing"
}

echo
echo "Reproduce: make bench   (RUNS=$RUNS start-up and check runs, go test -count $COUNT; medians)"
if [ -s "$log" ]; then
  echo >&2
  cat "$log" >&2
  exit 1
fi
