package ui

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/onboard-dev/onboard/internal/providers"
	"github.com/onboard-dev/onboard/internal/steps"
)

// A confirm checklist ticks what earlier answers (or a report) confirmed
// and leaves the rest blank: a cross only for what is marked "not done"
// here, since a column of crosses reads as failures.
func TestConfirmChecklistMarks(t *testing.T) {
	confirm := steps.NewChecklist(steps.StepID{Part: "confirm"}, "Confirm", "", true, func(*steps.Session) []providers.ChecklistItem {
		return []providers.ChecklistItem{{Title: "First"}, {Title: "Second"}, {Title: "Third"}}
	}, nil)
	flow := steps.New(steps.Options{Store: newStore(), Extra: []steps.Step{confirm}, LookupEnv: func(string) (string, bool) { return "", false }})
	for flow.Current().ID().String() != "confirm" {
		flow.Next()
	}
	confirm.Answer(flow.Session(), []bool{false, true, false})
	m := New(flow)
	m.show()
	view := m.View()
	for _, want := range []string{"> [ ] First", "[✓] Second", "[ ] Third"} {
		if !strings.Contains(view, want) {
			t.Fatalf("want %q in\n%s", want, view)
		}
	}
	m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("n")})
	if view := m.View(); !strings.Contains(view, "[✗] First") || !strings.Contains(view, "> [✓] Second") {
		t.Fatalf("after n on the first item:\n%s", view)
	}
}
