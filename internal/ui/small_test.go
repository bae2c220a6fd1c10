package ui

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

// A terminal too small to show a screen asks to be made larger, takes no
// key but Ctrl+C (nothing is done blind), and comes back on resize.
func TestTooSmallTerminalAsksForMoreAndComesBack(t *testing.T) {
	flow := newTestFlow(newStore(), nil)
	m := New(flow)
	m.Update(tea.WindowSizeMsg{Width: 20, Height: 5})
	_ = m.Init() // enters the welcome step (its load runs in the background)
	v := m.View()
	if !strings.Contains(strings.ReplaceAll(v, "\n", " "), "Make the terminal at least 40×10") {
		t.Fatalf("20x5 view:\n%s", v)
	}
	for _, l := range strings.Split(v, "\n") {
		if w := len([]rune(l)); w > 20 {
			t.Errorf("line wider than the terminal (%d): %q", w, l)
		}
	}
	if n := strings.Count(v, "\n") + 1; n > 5 {
		t.Errorf("%d lines in a 5-line terminal", n)
	}
	before := flow.Current().ID()
	m.Update(tea.KeyMsg{Type: tea.KeyEnter})
	if flow.Current().ID() != before {
		t.Fatal("Enter acted while the screen could not be seen")
	}
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	if v := m.View(); strings.Contains(v, "Make the terminal") || !strings.Contains(v, "Welcome") {
		t.Fatalf("after the resize:\n%s", v)
	}
}
