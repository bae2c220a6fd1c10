#!/usr/bin/env bash
# Installs what the test suite talks to: real git, tmux (the end-to-end run of
# the binary in a real terminal), Stripe's own stripe-mock server, pinned, and
# the dotenv loaders the .env is held to (internal/envfile/loadertest): the
# npm dotenv package, pinned, into .tools/node_modules, Node for it and for
# node --env-file, and Debian's python3-dotenv.
# Safe to run again: it only installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

STRIPE_MOCK_VERSION=v0.203.0
GOLANGCI_LINT_VERSION=v2.15.0
DOTENV_NPM_VERSION=17.4.2
NODE_MIN=20.6 # the first Node with --env-file
TOOLS="$PWD/.tools/bin"
mkdir -p "$TOOLS"

need_apt=()
command -v git  >/dev/null 2>&1 || need_apt+=(git)
command -v tmux >/dev/null 2>&1 || need_apt+=(tmux)
command -v node >/dev/null 2>&1 || need_apt+=(nodejs)
command -v npm  >/dev/null 2>&1 || need_apt+=(npm)
# python-dotenv for the loader harness: Debian's, for its own /usr/bin/python3
# (PyPI is not reachable), so every machine has the same version. The
# harness also uses the python3 on PATH when that one has python-dotenv.
/usr/bin/python3 -c 'import dotenv' >/dev/null 2>&1 || need_apt+=(python3 python3-dotenv)
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
# The linter make lint runs (.golangci.yml), pinned; built once (about two
# minutes), then kept in .tools/bin.
stamp="$TOOLS/.golangci-lint-$GOLANGCI_LINT_VERSION"
if [ ! -x "$TOOLS/golangci-lint" ] || [ ! -f "$stamp" ]; then
  echo "deps: installing golangci-lint $GOLANGCI_LINT_VERSION (a one-time build)"
  GOBIN="$TOOLS" go install "github.com/golangci/golangci-lint/v2/cmd/golangci-lint@$GOLANGCI_LINT_VERSION"
  touch "$stamp"
fi
node_ver=$(node --version 2>/dev/null || echo none)
if [ ! -f .tools/node_modules/dotenv/package.json ] ||
   ! grep -q "\"version\": \"$DOTENV_NPM_VERSION\"" .tools/node_modules/dotenv/package.json; then
  echo "deps: installing the npm package dotenv@$DOTENV_NPM_VERSION into .tools"
  npm install --prefix .tools --no-save --no-audit --no-fund --loglevel=error "dotenv@$DOTENV_NPM_VERSION" >/dev/null
fi
# node --env-file needs Node >= $NODE_MIN; Debian's own nodejs is 18. Say so
# plainly: the loader tests skip it locally and fail in CI without it.
if ! node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=6)?0:1)' 2>/dev/null; then
  echo "deps: WARNING: node --env-file needs Node >= $NODE_MIN, this is Node $node_ver." >&2
  echo "deps:          Install a newer Node (e.g. from nodesource); the loader tests need it in CI." >&2
fi
py_ver=none
if v=$(/usr/bin/python3 -c 'import importlib.metadata as m; print(m.version("python-dotenv"))' 2>/dev/null); then py_ver=$v; fi
echo "deps: git $(git --version | awk '{print $3}'), tmux $(tmux -V | awk '{print $2}'), stripe-mock $STRIPE_MOCK_VERSION, golangci-lint $GOLANGCI_LINT_VERSION," \
  "node $node_ver, dotenv (npm) $DOTENV_NPM_VERSION, python-dotenv $py_ver"
