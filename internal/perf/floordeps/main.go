// Command floordeps is the floor program (../minimal) with every package
// onboard's main imports linked in and initialised, and nothing else done.
// `make bench` times it next to both: the gap from the floor is what the
// dependencies cost at start-up (binary size, package init), the gap to
// onboard is what onboard's own start-up work costs.
package main

import (
	"flag"
	"fmt"
	"os"

	tea "github.com/charmbracelet/bubbletea"

	_ "github.com/onboard-dev/onboard/internal/check"
	_ "github.com/onboard-dev/onboard/internal/demo"
	_ "github.com/onboard-dev/onboard/internal/providers/plaid"
	_ "github.com/onboard-dev/onboard/internal/providers/stripe"
	_ "github.com/onboard-dev/onboard/internal/readiness"
	_ "github.com/onboard-dev/onboard/internal/steps"
	_ "github.com/onboard-dev/onboard/internal/ui"
)

// line is the floor's own line, so the same marker ends the timing.
const line = "onboard perf floor: one static line (q quits)"

type model struct{}

func (model) Init() tea.Cmd { return nil }

func (m model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if k, ok := msg.(tea.KeyMsg); ok && (k.String() == "q" || k.String() == "ctrl+c") {
		return m, tea.Quit
	}
	return m, nil
}

func (model) View() string { return line + "\n" }

func main() {
	// -fps 120 matches onboard's frame rate: bubbletea writes the first
	// frame on its renderer's first tick, so the rate alone moves start-up
	// by up to a frame. 0 keeps bubbletea's default (60).
	fps := flag.Int("fps", 0, "frames per second (0: bubbletea's default)")
	flag.Parse()
	if _, err := tea.NewProgram(model{}, tea.WithFPS(*fps)).Run(); err != nil {
		fmt.Fprintln(os.Stderr, "floordeps:", err)
		os.Exit(1)
	}
}
