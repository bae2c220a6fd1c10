# onboard: the two commands a new user needs are `make demo` and `make test`.
GO        ?= go
BIN       ?= bin/onboard
TOOLS     := $(CURDIR)/.tools/bin
export PATH := $(TOOLS):$(PATH)

.PHONY: build demo run test test-go test-e2e deps lint bench fuzz reliability screenshots clean

# Static (no cgo): nothing in onboard needs libc, the binary runs on any
# Linux of the same architecture, and start-up skips the dynamic loader
# (about 1 ms, measured by make bench). -buildvcs=auto overrides a
# GOFLAGS=-buildvcs=false, so --version names the commit in a clone.
build:
	CGO_ENABLED=0 $(GO) build -trimpath -buildvcs=auto -o $(BIN) .

# The wizard against local simulators: no network, no accounts.
demo: build
	./$(BIN) --demo

run: build
	./$(BIN)

# Everything the tests need (git, tmux, stripe-mock), then every test.
test: deps lint test-go test-e2e

deps:
	@./scripts/deps.sh

# Every package's tests, race detector on; the end-to-end suite runs in
# test-e2e, against the binary `make build` made.
test-go:
	$(GO) test -race -count=1 $$($(GO) list ./... | grep -v '/e2e$$')

# The real binary in a real terminal (tmux) and with no terminal at all:
# e2e/, driven by internal/testkit/tmux.
test-e2e: build
	ONBOARD_BIN=$(abspath $(BIN)) $(GO) test -count=1 ./e2e

# gofmt, go vet, then golangci-lint (.golangci.yml; make deps installs the
# pinned version): exhaustive switches, complexity limits, closed bodies.
lint:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	  if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	@[ -x $(TOOLS)/golangci-lint ] || { echo "lint: golangci-lint is not installed: run make deps"; exit 1; }
	$(TOOLS)/golangci-lint run ./...

bench:
	@./scripts/bench.sh

fuzz:
	$(GO) test ./internal/envfile -run '^$$' -fuzz FuzzUpdate -fuzztime 30s

# The reliability figures: every fuzz target for FUZZTIME (default 60s), then
# the fault, file, leak and terminal suites, as one table.
reliability:
	@./scripts/reliability.sh

# The README's pictures (assets/screens): the real binary's demo in tmux,
# rendered by freeze (installed, pinned, into .tools/bin).
screenshots:
	@./scripts/screenshots.sh

clean:
	rm -rf bin .tools
