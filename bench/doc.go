// Package bench measures how onboard feels: the time from exec to the first
// complete frame in a pseudo-terminal, a command's whole-process time and
// peak memory, and the medians of `go test -bench` output. It drives the
// programs the way a person's terminal would (a real pty, answers to the
// terminal queries a TUI sends), so the figures hold for a real session.
//
// `make bench` (scripts/bench.sh) runs the programs under this directory
// (startup, checkrun, benchtable, scanbench, journeys, and the floor
// programs minimal and floordeps) and prints one Markdown table; nothing
// here runs in `make test` beyond the packages' own unit tests. The shipped
// binary links none of it.
package bench

// MinimalLine is the one line the floor programs (./minimal, ./floordeps,
// both built on ./floor) show; their start-up is timed up to this text.
// floor spells it out itself, so it imports nothing but bubbletea;
// TestTimeToFrameOfTheMinimalProgram fails if the two drift apart.
const MinimalLine = "onboard perf floor: one static line (q quits)"
