// Package floor is the body of the floor programs `make bench` times next
// to onboard (../minimal and ../floordeps): a bubbletea v1 program that
// renders one static line and quits on q. It imports bubbletea and the
// standard library only, so a program built from it costs what the
// framework costs and nothing more.
package floor

import (
	"flag"
	"fmt"
	"os"

	tea "github.com/charmbracelet/bubbletea"
)

// Line is bench.MinimalLine, written out so the floor imports nothing else.
const Line = "onboard perf floor: one static line (q quits)"

type model struct{}

func (model) Init() tea.Cmd { return nil }

func (m model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if k, ok := msg.(tea.KeyMsg); ok && (k.String() == "q" || k.String() == "ctrl+c") {
		return m, tea.Quit
	}
	return m, nil
}

func (model) View() string { return Line + "\n" }

// Main runs the program and exits; name prefixes an error.
func Main(name string) {
	// -fps 120 matches onboard's frame rate: bubbletea writes the first
	// frame on its renderer's first tick, so the rate alone moves start-up
	// by up to a frame. 0 keeps bubbletea's default (60).
	fps := flag.Int("fps", 0, "frames per second (0: bubbletea's default)")
	flag.Parse()
	if _, err := tea.NewProgram(model{}, tea.WithFPS(*fps)).Run(); err != nil {
		fmt.Fprintln(os.Stderr, name+":", err)
		os.Exit(1)
	}
}
