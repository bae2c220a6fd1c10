package ui

import (
	"strings"
	"testing"

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
		flow := steps.New(steps.Options{Providers: ps, Store: &memStore{}, Dir: "/project", LookupEnv: func(string) (string, bool) { return "", false }})
		s := flow.Session()
		s.EnvPath, s.Chosen = "/project/.env", []string{"plaid", "stripe", "connect"}
		for {
			st := flow.Current()
			if st.Kind() != steps.KindTask {
				m := New(flow)
				m.width, m.height = size[0], size[1]
				m.help.Width = size[0]
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
