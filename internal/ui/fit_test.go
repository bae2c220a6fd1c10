package ui

import (
	"regexp"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/onboard-dev/onboard/internal/providers"
	"github.com/onboard-dev/onboard/internal/providers/plaid"
	"github.com/onboard-dev/onboard/internal/providers/stripe"
	"github.com/onboard-dev/onboard/internal/steps"
)

// TestEveryRealScreenFitsTheTerminal draws every step of the real
// providers' flow (long product and country lists included) at small and
// usual sizes: no frame may be taller than the terminal.
func TestEveryRealScreenFitsTheTerminal(t *testing.T) {
	ps := []providers.Provider{plaid.New(plaid.Config{}), stripe.New(stripe.Config{}), stripe.NewConnect(stripe.Config{})}
	for _, size := range [][2]int{{80, 24}, {60, 16}, {200, 60}} {
		flow := steps.New(steps.Options{Providers: ps, Store: newStore(), Dir: "/project", LookupEnv: func(string) (string, bool) { return "", false }})
		s := flow.Session()
		s.EnvPath, s.Chosen = "/project/.env", []providers.ID{"plaid", "stripe", "connect"}
		for {
			st := flow.Current()
			if st.Kind() != steps.KindTask {
				m := New(flow)
				setSize(m, size[0], size[1])
				m.show()
				f := m.View()
				if n := strings.Count(f, "\n") + 1; n > size[1] {
					t.Errorf("%s at %dx%d: %d lines:\n%s", st.ID(), size[0], size[1], n, f)
				}
			}
			if flow.Next() == nil {
				break
			}
		}
	}
}

// A long list of failures gives way to the verdict and the keys.
func TestTaskVerdictStaysVisibleWhenTheListIsLong(t *testing.T) {
	var names []string
	var results []providers.Result
	for i := 0; i < 12; i++ {
		n := "check " + string(rune('a'+i))
		names = append(names, n)
		results = append(results, providers.Result{Name: n, Status: providers.Fail,
			Detail: strings.Repeat("a long explanation of what went wrong ", 3), Hint: "what to do next about it"})
	}
	task := steps.NewTask(steps.StepID{Part: "long"}, "Long", "Many checks.", func(*steps.Session) *steps.Job {
		return &steps.Job{Checks: names}
	}, nil)
	flow := steps.New(steps.Options{Store: newStore(), Extra: []steps.Step{task}, LookupEnv: func(string) (string, bool) { return "", false }})
	m := New(flow)
	ts := newTaskScreen(m.c, task)
	ts.job = task.Job(flow.Session())
	ts.names = ts.job.Checks
	ts.results = results
	for _, r := range results {
		ts.status[r.Name] = r
	}
	m.scr = ts
	f := m.View()
	if n := strings.Count(f, "\n") + 1; n > 24 {
		t.Fatalf("%d lines at 80x24", n)
	}
	if !strings.Contains(f, "Something failed") || !regexp.MustCompile(`↓ \d+ more`).MatchString(f) || !strings.Contains(f, "pgup/pgdn scroll") {
		t.Fatalf("the verdict, the cut marker or the scroll keys are missing:\n%s", f)
	}
	// The list scrolls; the verdict stays.
	m.Update(tea.KeyMsg{Type: tea.KeyDown})
	m.Update(tea.KeyMsg{Type: tea.KeyPgDown})
	f = m.View()
	if !strings.Contains(f, "↑ 1") || !strings.Contains(f, "Something failed") || !strings.Contains(f, "check h") {
		t.Fatalf("after ↓ and pgdn:\n%s", f)
	}
	for i := 0; i < 20; i++ {
		m.Update(tea.KeyMsg{Type: tea.KeyPgDown})
	}
	if f = m.View(); !strings.Contains(f, "check l") || strings.Contains(f, "↓") || !strings.Contains(f, "Something failed") {
		t.Fatalf("at the end:\n%s", f)
	}
}
