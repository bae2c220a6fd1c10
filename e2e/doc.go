// Package e2e runs the real onboard binary end to end, as a person and a
// CI job would: built once for the suite (TestMain; `make test-e2e` passes
// the one `make build` made), in a real terminal driven through tmux
// (internal/testkit/tmux) at the sizes people use and at one too small,
// with no terminal at all, and as `onboard check` against hostile keys,
// hosts and signals. Every screen, output, file and request URL is scanned
// for secrets. It has no code of its own; `make test-e2e` runs it, and
// scripts/reliability.sh counts it among the fault and leak suites.
package e2e
