package ui

import (
	"testing"

	"github.com/onboard-dev/onboard/internal/providers"
	"github.com/onboard-dev/onboard/internal/providers/plaid"
	"github.com/onboard-dev/onboard/internal/providers/stripe"
	"github.com/onboard-dev/onboard/internal/readiness"
	"github.com/onboard-dev/onboard/internal/steps"
)

// Every kind of step has a screen: the real flow, production steps
// included, holds every kind, and each of its steps is shown without the
// panic show() keeps for a kind it does not know.
func TestEveryKindHasAScreen(t *testing.T) {
	ps := []providers.Provider{plaid.New(plaid.Config{}), stripe.New(stripe.Config{}), stripe.NewConnect(stripe.Config{})}
	extra, after := readiness.WizardSteps(readiness.WizardOptions{Providers: ps})
	flow := steps.New(steps.Options{Providers: ps, Store: newStore(), Dir: "/project", Mode: steps.Production,
		Extra: extra, AfterWrite: after, LookupEnv: func(string) (string, bool) { return "", false }})
	s := flow.Session()
	s.EnvPath, s.Chosen = "/project/.env", []providers.ID{"plaid", "stripe", "connect"}
	seen := map[steps.Kind]bool{}
	for _, st := range flow.Steps() {
		seen[st.Kind()] = true
	}
	for k := steps.KindChecklist; k <= steps.KindDone; k++ {
		if !seen[k] {
			t.Errorf("the real flow has no %s step to show", k)
		}
	}
	for {
		m := New(flow)
		func() {
			defer func() {
				if r := recover(); r != nil {
					t.Errorf("%s (%s): %v", flow.Current().ID(), flow.Current().Kind(), r)
				}
			}()
			m.show()
			m.cancel()
		}()
		if flow.Next() == nil {
			break
		}
	}
}
