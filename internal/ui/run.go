package ui

import (
	"errors"
	"fmt"
	"io"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/onboard-dev/onboard/internal/exit"
	"github.com/onboard-dev/onboard/internal/steps"
	"github.com/onboard-dev/onboard/internal/termsafe"
)

// RunOptions wire the program to a terminal.
type RunOptions struct {
	Input  io.Reader
	Output io.Writer
	// Inline draws in the normal screen instead of the alternate one.
	Inline bool
}

// writeWait bounds how long an interrupted run waits for a write under way.
const writeWait = 5 * time.Second

// Run shows the wizard until the end or Ctrl+C and returns the exit
// status: 0 when the .env was written and the end screen left, 130 on
// Ctrl+C or SIGTERM (after saying exactly what was already written, if anything),
// 1 otherwise. The end screen's lines
// are printed again after the program, since the alternate screen goes.
func Run(flow *steps.Flow, o RunOptions) int {
	ApplyColorPolicy()
	m := New(flow)
	// 120 FPS: bubbletea flushes frames on a ticker, so at its default 60 the
	// first frame (and every answer to a key) can wait up to 16.7 ms for the
	// next tick. Views are cached and cost microseconds, so the faster tick
	// costs nothing measurable (see make bench).
	opts := []tea.ProgramOption{tea.WithInput(o.Input), tea.WithOutput(o.Output), tea.WithFPS(120)}
	if !o.Inline {
		opts = append(opts, tea.WithAltScreen())
	}
	_, err := tea.NewProgram(m, opts...).Run()
	m.cancel()
	// What is printed after the program names paths and values from
	// outside: as text only.
	out := termsafe.Writer{W: o.Output, Plain: true}
	switch {
	case errors.Is(err, tea.ErrInterrupted), err == nil && !m.Finished():
		// Ctrl+C, or a SIGTERM (bubbletea quits on it without an error,
		// and the model quits by itself only at the end). A write under
		// way finishes (it is atomic and quick), so what is said about
		// the disk is complete.
		if !m.waitForWrites(writeWait) {
			fmt.Fprintln(out, "onboard: a write was still running when onboard stopped; check the files below.")
		}
		for _, l := range flow.Session().Interrupted() {
			fmt.Fprintln(out, l)
		}
		return exit.Interrupted
	case err != nil:
		fmt.Fprintln(out, "onboard:", err)
		return exit.Failed
	case !flow.Session().Succeeded():
		return exit.Failed
	}
	if d, ok := flow.Find(steps.StepDone).(*steps.DoneStep); ok {
		fmt.Fprintln(out, d.Text(flow.Session()))
	}
	return exit.OK
}
