// Package registry is the one list of the providers onboard knows. Every
// other package learns of a provider from here (or from a Spec it was
// handed): main builds the flags and the providers from it, check detects
// what a .env uses with it, the demo starts its simulators, readiness reads
// the providers' checklist items. Adding a provider is its package plus one
// entry below (and its simulator, for --demo).
package registry

import (
	"github.com/onboard-dev/onboard/internal/providers"
	"github.com/onboard-dev/onboard/internal/providers/plaid"
	"github.com/onboard-dev/onboard/internal/providers/sandbox"
	"github.com/onboard-dev/onboard/internal/providers/sandbox/plaidsim"
	"github.com/onboard-dev/onboard/internal/providers/sandbox/stripesim"
	"github.com/onboard-dev/onboard/internal/providers/stripe"
	"github.com/onboard-dev/onboard/internal/secret"
)

// Entry is one provider: its spec, and how --demo stands in for it.
type Entry struct {
	Spec *providers.Spec
	// Simulate starts a loopback stand-in of the provider's service; the
	// entries of one service share the first one's. An entry without one
	// is left out of --demo, which never reaches a real service.
	Simulate func(sandbox.Options) (*sandbox.Server, error)
	// Demo are the keys the simulator accepts, to pre-fill --demo.
	Demo providers.Values
}

var entries = []Entry{
	{Spec: plaid.Spec(), Simulate: startPlaid, Demo: providers.Values{
		plaid.KeyClientID: sandbox.DemoPlaidClientID,
		plaid.KeySecret:   sandbox.DemoPlaidSecret,
		plaid.KeyEnv:      plaid.EnvSandbox,
	}},
	{Spec: stripe.Spec(), Simulate: startStripe, Demo: providers.Values{
		stripe.EnvSecretKey:      sandbox.DemoStripeSecretKey,
		stripe.EnvPublishableKey: sandbox.DemoStripePublishableKey,
		stripe.EnvWebhookSecret:  sandbox.DemoStripeWebhookSecret,
	}},
	// No client ID: OAuth is not for new platforms, and the demo's answer
	// (a SaaS platform) onboards its accounts with Account Links.
	{Spec: stripe.ConnectSpec(), Simulate: startStripe},
}

func startPlaid(o sandbox.Options) (*sandbox.Server, error) {
	s, _, err := plaidsim.Start(o)
	return s, err
}

func startStripe(o sandbox.Options) (*sandbox.Server, error) {
	s, _, err := stripesim.Start(o)
	return s, err
}

// All is every provider, in the order the wizard walks them.
func All() []Entry { return append([]Entry(nil), entries...) }

// Specs are the specs of es.
func Specs(es []Entry) []*providers.Spec {
	out := make([]*providers.Spec, len(es))
	for i, e := range es {
		out[i] = e.Spec
	}
	return out
}

// Services are the services of es, once each, in order.
func Services(es []Entry) []providers.Service {
	var out []providers.Service
	seen := map[string]bool{}
	for _, e := range es {
		if !seen[e.Spec.Service.URLFlag] {
			seen[e.Spec.Service.URLFlag] = true
			out = append(out, e.Spec.Service)
		}
	}
	return out
}

// Build makes the providers of es with base's mode and client, each
// pointed at the URL given for its service's flag ("" or missing: the
// official API).
func Build(es []Entry, base providers.Config, urls map[string]string) []providers.Provider {
	out := make([]providers.Provider, len(es))
	for i, e := range es {
		// Masks show the provider's credential heads ("sk_test_…4242").
		secret.RegisterPrefixes(e.Spec.Prefixes...)
		c := base
		c.BaseURL = urls[e.Spec.Service.URLFlag]
		out[i] = e.Spec.New(c)
	}
	return out
}

// Demo is every entry's demo keys together.
func Demo(es []Entry) providers.Values {
	out := providers.Values{}
	for _, e := range es {
		for k, v := range e.Demo {
			out[k] = v
		}
	}
	return out
}
