#!/usr/bin/env bash
# `make screenshots`: pictures of the main screens for the README, made from
# the real binary: `onboard --demo` runs in tmux (a real terminal, 80x33,
# true colour, dark background), each screen is captured with its colours,
# and freeze renders the capture to SVG (and, when rsvg-convert is there,
# to PNG). Writes assets/screens/*.svg and *.png.
# The terminal is 80x33 (override with W and H).
#   welcome   the first screen
#   keys      the Stripe keys form, a publishable key in the secret field
#   check     the Plaid live check, passed
#   review    what the write will change
# Needs tmux and git; installs freeze (pinned) into .tools/bin. PNGs need
# rsvg-convert (Debian: librsvg2-bin) and the DejaVu fonts (fonts-dejavu-core).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
FREEZE_VERSION=v0.2.2
TOOLS="$ROOT/.tools/bin"
OUT="${OUT:-$ROOT/assets/screens}"
# 33 rows, so the review shows whole; blank rows at the bottom are trimmed.
W="${W:-80}" H="${H:-33}"
mkdir -p "$TOOLS" "$OUT"
command -v tmux >/dev/null || { echo "screenshots: tmux is not installed" >&2; exit 1; }
command -v git >/dev/null || { echo "screenshots: git is not installed" >&2; exit 1; }

stamp="$TOOLS/.freeze-$FREEZE_VERSION"
if [ ! -x "$TOOLS/freeze" ] || [ ! -f "$stamp" ]; then
	echo "screenshots: installing freeze $FREEZE_VERSION into .tools/bin" >&2
	GOBIN="$TOOLS" go install "github.com/charmbracelet/freeze@$FREEZE_VERSION"
	touch "$stamp"
fi
PNG=1
command -v rsvg-convert >/dev/null || { PNG=; echo "screenshots: no rsvg-convert (apt-get install librsvg2-bin): SVG only" >&2; }

WORK=$(mktemp -d /tmp/onboard.XXXX)
SOCK="onboard-shots-$$"
tmx() { tmux -L "$SOCK" "$@"; }
trap 'tmx kill-server >/dev/null 2>&1 || true; [ -n "${KEEP:-}" ] || rm -rf "$WORK"' EXIT

CGO_ENABLED=0 go build -trimpath -o "$WORK/onboard" .
# The demo writes into a fresh repository; a short path keeps the screens tidy.
PROJ="$WORK/acme-app"
mkdir -p "$PROJ" && git -C "$PROJ" init -q
# tmux passes true colour through when the outer terminal says it has it;
# COLORFGBG tells onboard the background is dark without asking.
tmx -f /dev/null new-session -d -x "$W" -y "$H" -s shots \
	"cd '$PROJ' && env -u NO_COLOR COLORTERM=truecolor COLORFGBG='15;0' TERM=xterm-256color '$WORK/onboard' --demo --dir '$PROJ'; sleep 60"
tmx set-option -g default-terminal xterm-256color >/dev/null

LAST=""
capture() { LAST=$(tmx capture-pane -p -t shots 2>/dev/null || true); }
wait_for() {
	local i
	for ((i = 0; i < 100; i++)); do
		capture
		grep -qF -- "$1" <<<"$LAST" && return 0
		sleep 0.1
	done
	echo "screenshots: timed out waiting for: $1" >&2
	printf '%s\n' "$LAST" >&2
	exit 1
}
keys() { tmx send-keys -t shots "$@"; sleep 0.3; }
# shot NAME: the pane with its colours, rendered by freeze.
shot() {
	sleep 0.3 # let the last frame land
	# tmux ends a colour with SGR 39 or 49 (the default foreground or
	# background), which freeze does not know: it would paint the rest of
	# the screen in that colour. Name the defaults instead. tmux also lets
	# a style run on into the next row, while freeze starts each row
	# afresh, in a default colour of its own: repeat the styles in force
	# (the default foreground named) at the start of each row. Empty
	# rows at the bottom are dropped.
	tmx capture-pane -e -p -t shots |
		sed -e 's/\x1b\[39m/\x1b[38;2;220;227;234m/g' -e 's/\x1b\[49m/\x1b[48;2;23;28;36m/g' |
		awk -v fg=$'\x1b[38;2;220;227;234m' 'NR == 1 { state = fg } {
			l[NR] = state $0
			rest = $0
			while (match(rest, /\x1b\[[0-9;]*m/)) {
				sgr = substr(rest, RSTART, RLENGTH)
				state = (sgr == "\x1b[0m" || sgr == "\x1b[m") ? fg : state sgr
				rest = substr(rest, RSTART + RLENGTH)
			}
			t = $0; gsub(/\x1b\[[0-9;]*m/, "", t); if (t ~ /[^ ]/) last = NR
		}
		END { for (i = 1; i <= last; i++) print l[i] }' >"$WORK/$1.ansi"
	"$TOOLS/freeze" "$WORK/$1.ansi" --language ansi --output "$OUT/$1.svg" \
		--window --padding 20 --margin 0 --border.radius 8 --background "#171C24" \
		--font.family "DejaVu Sans Mono" --font.size 14 --line-height 1.25 \
		--width 0 >/dev/null
	if [ -n "$PNG" ]; then
		rsvg-convert --zoom 1.5 -o "$OUT/$1.png" "$OUT/$1.svg"
	fi
	echo "screenshots: $OUT/$1.svg" >&2
}

wait_for "Press Enter to continue"
shot welcome
# Walk to the Stripe keys form with Enter, the way a presenter would.
for ((n = 0; n < 40; n++)); do
	capture
	grep -qF "Secret key" <<<"$LAST" && break
	if grep -qF "All checks passed" <<<"$LAST" && grep -qF "Plaid: live check" <<<"$LAST"; then
		shot check
	fi
	if grep -qF "Working" <<<"$LAST"; then sleep 0.1; continue; fi
	keys Enter
	sleep 0.2
done
wait_for "Secret key"
# A publishable key pasted into the secret field: the error says which key it is.
keys C-u
tmx send-keys -t shots -l "pk_test_51DemoOnb0ardPublishableKeyInTheWrongField"
wait_for "publishable key"
shot keys
keys C-u
tmx send-keys -t shots -l "$(sed -n 's/^[[:space:]]*DemoStripeSecretKey *= *"\(.*\)"/\1/p' internal/providers/sandbox/demo.go)"
wait_for "looks right"
for ((n = 0; n < 40; n++)); do
	capture
	grep -qF "About to write" <<<"$LAST" && break
	if grep -qF "Working" <<<"$LAST"; then sleep 0.1; continue; fi
	keys Enter
	sleep 0.2
done
wait_for "About to write"
shot review
[ -f "$OUT/check.svg" ] || { echo "screenshots: never saw the Plaid live check pass" >&2; exit 1; }
