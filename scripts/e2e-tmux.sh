#!/usr/bin/env bash
# End-to-end run of the real binary in a real terminal (tmux):
#   1. Ctrl+C midway leaves the disk exactly as it was, exit status 130;
#   2. pressing only Enter walks the whole demo and writes the .env
#      (demo values, mode 0600, .gitignore rule), exit status 0;
#   3. in production mode, Ctrl+C at the review (checks run, confirmations
#      given) still leaves the disk as it was: no report, no .gitignore;
# and no captured screen ever shows a full demo secret.
# Usage: scripts/e2e-tmux.sh path/to/onboard
set -euo pipefail

BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
ROOT=$(cd "$(dirname "$0")/.." && pwd)
command -v tmux >/dev/null || { echo "e2e: tmux is not installed" >&2; exit 1; }
command -v git >/dev/null || { echo "e2e: git is not installed" >&2; exit 1; }

WORK=$(mktemp -d)
SOCK="onboard-e2e-$$"
PANES="$WORK/panes.log"
tmx() { tmux -L "$SOCK" "$@"; }
cleanup() { tmx kill-server >/dev/null 2>&1 || true; rm -rf "$WORK"; }
trap cleanup EXIT

# The demo secrets, read from the source so the script never drifts.
demo_value() { sed -n "s/^[[:space:]]*$1 *= *\"\(.*\)\"/\1/p" "$ROOT/internal/providers/sandbox/demo.go"; }
PLAID_ID=$(demo_value DemoPlaidClientID)
PLAID_SECRET=$(demo_value DemoPlaidSecret)
STRIPE_SK=$(demo_value DemoStripeSecretKey)
STRIPE_PK=$(demo_value DemoStripePublishableKey)
STRIPE_WH=$(demo_value DemoStripeWebhookSecret)
[ -n "$PLAID_SECRET" ] && [ -n "$STRIPE_SK" ] || { echo "e2e: cannot read the demo keys" >&2; exit 1; }

LAST=""
capture() {
	LAST=$(tmx capture-pane -p -t e2e 2>/dev/null || true)
	printf '%s\n' "$LAST" >>"$PANES"
}
fail() {
	echo "e2e FAILED: $*" >&2
	echo "---- last screen ----" >&2
	printf '%s\n' "$LAST" >&2
	echo "---------------------" >&2
	exit 1
}
# wait_for TEXT [tenths]: poll the pane until it shows TEXT.
wait_for() {
	local i
	for ((i = 0; i < ${2:-100}; i++)); do
		capture
		grep -qF -- "$1" <<<"$LAST" && return 0
		sleep 0.1
	done
	fail "timed out waiting for: $1"
}
# wait_exit FILE: wait until the program has written its exit status.
wait_exit() {
	local i
	for ((i = 0; i < 100; i++)); do
		[ -s "$1" ] && return 0
		capture
		sleep 0.1
	done
	fail "the program did not exit"
}
start() { # start DIR EXITFILE [more flags]
	tmx new-session -d -x 100 -y 30 -s e2e \
		"cd '$1' && env -u ACCESSIBLE -u NO_COLOR '$BIN' --demo --dir '$1' ${3:-}; echo \$? >'$2'; sleep 30"
}
snapshot() { (cd "$1" && find . -print0 | sort -z | xargs -0 -I{} sh -c 'if [ -f "{}" ]; then sha256sum "{}"; else echo "dir {}"; fi'); }
# walk_until TEXT [skip]: press Enter on each new screen until one shows
# TEXT. With skip, a failed task is skipped with s; without, a failed check
# fails the run.
walk_until() {
	local n i prev
	for ((n = 0; n < 60; n++)); do
		capture
		grep -qF -- "$1" <<<"$LAST" && return 0
		if grep -qF "Working" <<<"$LAST"; then
			sleep 0.1
			continue
		fi
		if grep -qF "Something failed" <<<"$LAST"; then
			[ -n "${2:-}" ] || fail "a check failed in the demo"
			tmx send-keys -t e2e s
		else
			tmx send-keys -t e2e Enter
		fi
		prev=$LAST
		for ((i = 0; i < 50; i++)); do
			sleep 0.05
			capture
			[ "$LAST" != "$prev" ] && break
		done
	done
	fail "did not reach: $1"
}
# interrupted DIR BEFORE EXITFILE WHAT: Ctrl+C now must exit 130 and leave
# DIR as its snapshot BEFORE was.
interrupted() {
	tmx send-keys -t e2e C-c
	wait_exit "$3"
	[ "$(cat "$3")" = 130 ] || fail "Ctrl+C exit status $(cat "$3"), want 130"
	local after
	after=$(snapshot "$1")
	[ "$2" = "$after" ] || { diff <(echo "$2") <(echo "$after") >&2 || true; fail "Ctrl+C $4 changed the disk"; }
	tmx kill-server >/dev/null 2>&1 || true
}

# ---- 1. Ctrl+C midway changes nothing ----
P1="$WORK/p1"
mkdir -p "$P1" && git -C "$P1" init -q && printf 'KEEP=1\n' >"$P1/.env"
before=$(snapshot "$P1")
start "$P1" "$WORK/exit1"
wait_for "Press Enter to continue"
tmx send-keys -t e2e Enter
wait_for "Which services"
tmx send-keys -t e2e Enter
wait_for "The next screen offers the fix"
tmx send-keys -t e2e Enter
wait_for "Keep the .env out of git"
# Accept the .gitignore fix, then quit in the middle of key entry: the fix
# is only applied by the write step, so nothing may have changed yet.
tmx send-keys -t e2e Enter
wait_for "get your keys"
tmx send-keys -t e2e Enter
wait_for "Plaid environment"
tmx send-keys -t e2e Enter
wait_for "looks right"
interrupted "$P1" "$before" "$WORK/exit1" "during key entry"
echo "e2e: Ctrl+C left the disk untouched, exit 130"

# ---- 2. Enter all the way ----
P2="$WORK/p2"
mkdir -p "$P2" && git -C "$P2" init -q
start "$P2" "$WORK/exit2"
wait_for "Press Enter to continue"
walk_until "Press Enter to finish"
tmx send-keys -t e2e Enter
wait_exit "$WORK/exit2"
[ "$(cat "$WORK/exit2")" = 0 ] || fail "exit status $(cat "$WORK/exit2"), want 0"

ENV="$P2/.env"
[ -f "$ENV" ] || fail "no .env written"
[ "$(stat -c %a "$ENV" 2>/dev/null || stat -f %Lp "$ENV")" = 600 ] || fail ".env mode is not 0600"
has() { grep -Eq "^$1=[\"']?$2[\"']?\$" "$ENV" || fail ".env lacks the demo value of $1"; }
has PLAID_CLIENT_ID "$PLAID_ID"
has PLAID_SECRET "$PLAID_SECRET"
has STRIPE_SECRET_KEY "$STRIPE_SK"
has STRIPE_PUBLISHABLE_KEY "$STRIPE_PK"
has STRIPE_WEBHOOK_SECRET "$STRIPE_WH"
grep -Eq '^/?\.env$' "$P2/.gitignore" 2>/dev/null || fail ".gitignore does not hold the .env rule"
git -C "$P2" check-ignore -q .env || fail "git does not ignore the .env"
echo "e2e: demo walked with Enter only; .env written (0600, ignored by git)"

# ---- 3. production: Ctrl+C at the review changes nothing ----
tmx kill-server >/dev/null 2>&1 || true
P3="$WORK/p3"
mkdir -p "$P3" && git -C "$P3" init -q && printf 'KEEP=1\n' >"$P3/.env"
before=$(snapshot "$P3")
start "$P3" "$WORK/exit3" --production
wait_for "Press Enter to continue"
# Demo keys are test keys, so the readiness checks fail: skip them.
walk_until "About to write" skip
interrupted "$P3" "$before" "$WORK/exit3" "at the production review"
echo "e2e: production Ctrl+C at the review left the disk untouched (no report), exit 130"

# ---- no full secret on any screen ----
for s in "$PLAID_SECRET" "$STRIPE_SK" "$STRIPE_WH"; do
	if grep -qF -- "$s" "$PANES"; then
		LAST="(not printed: it holds a secret)"
		fail "a full demo secret appeared on screen (${s:0:8}…)"
	fi
done
echo "e2e: $(grep -c '' "$PANES") captured lines scanned, no full secret shown"
