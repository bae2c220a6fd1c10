package ui

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/onboard-dev/onboard/internal/providers"
	"github.com/onboard-dev/onboard/internal/providers/plaid"
	"github.com/onboard-dev/onboard/internal/steps"
)

func keyMsg(s string) tea.KeyMsg {
	switch s {
	case "enter":
		return tea.KeyMsg{Type: tea.KeyEnter}
	case "esc":
		return tea.KeyMsg{Type: tea.KeyEsc}
	case "space":
		return tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{' '}}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)}
}

// A long list narrows as you type after /, and the selection outside the
// filter is kept.
func TestChoiceFilter(t *testing.T) {
	flow := steps.New(steps.Options{Providers: []providers.Provider{plaid.New(plaid.Config{})}, Store: newStore(), Dir: "/project", LookupEnv: func(string) (string, bool) { return "", false }})
	s := flow.Session()
	s.EnvPath, s.Chosen = "/project/.env", []providers.ID{"plaid"}
	for flow.Current().ID().String() != "plaid-plaid_country_codes" {
		if flow.Next() == nil {
			t.Fatal("no country step")
		}
	}
	m := New(flow)
	m.show()
	for _, k := range []string{"/", "g", "b"} {
		m.Update(keyMsg(k))
	}
	f := m.View()
	golden.RequireEqual(t, []byte(f))
	if strings.Contains(f, "United States") || !strings.Contains(f, "GB") {
		t.Fatalf("the filter did not narrow the list:\n%s", f)
	}
	// Space selects while the filter is open (the footer says so), rather
	// than typing into the filter.
	m.Update(keyMsg("space"))
	f = m.View()
	if !strings.Contains(f, "[✓] United Kingdom (GB)") || !strings.Contains(f, "Filter: gb▏") || !strings.Contains(f, "space select") {
		t.Fatalf("space did not select while filtering:\n%s", f)
	}
	for _, k := range []string{"enter", "esc", "enter"} {
		m.Update(keyMsg(k))
	}
	if got := s.Values[plaid.KeyCountryCodes]; got != "US,GB,CA" {
		t.Fatalf("countries = %q, want US,GB,CA", got)
	}
}
