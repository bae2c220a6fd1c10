// Command minimal is the floor of onboard's stack: a bubbletea v1 program
// that renders one static line and quits on q. `make bench` times its
// start-up next to onboard's, so the comparison shows what onboard itself
// adds to the cost of the framework.
package main

import (
	"flag"
	"fmt"
	"os"

	tea "github.com/charmbracelet/bubbletea"
)

// line is perf.MinimalLine, written out so the floor imports nothing else.
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
		fmt.Fprintln(os.Stderr, "minimal:", err)
		os.Exit(1)
	}
}
