#!/usr/bin/env bash
# Installs what the test suite talks to: real git, tmux (the end-to-end run of
# the binary in a real terminal) and Stripe's own stripe-mock server, pinned.
# Safe to run again: it only installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

STRIPE_MOCK_VERSION=v0.203.0
TOOLS="$PWD/.tools/bin"
mkdir -p "$TOOLS"

need_apt=()
command -v git  >/dev/null 2>&1 || need_apt+=(git)
command -v tmux >/dev/null 2>&1 || need_apt+=(tmux)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "deps: installing ${need_apt[*]} with apt-get"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

stamp="$TOOLS/.stripe-mock-$STRIPE_MOCK_VERSION"
if [ ! -x "$TOOLS/stripe-mock" ] || [ ! -f "$stamp" ]; then
  echo "deps: installing stripe-mock $STRIPE_MOCK_VERSION"
  GOBIN="$TOOLS" go install "github.com/stripe/stripe-mock@$STRIPE_MOCK_VERSION"
  touch "$stamp"
fi
echo "deps: git $(git --version | awk '{print $3}'), tmux $(tmux -V | awk '{print $2}'), stripe-mock $STRIPE_MOCK_VERSION"
