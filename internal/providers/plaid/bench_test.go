package plaid

import (
	"context"
	"testing"

	"github.com/onboard-dev/onboard/internal/providers"
	"github.com/onboard-dev/onboard/internal/providers/sandbox"
	"github.com/onboard-dev/onboard/internal/providers/sandbox/plaidsim"
)

// BenchmarkVerifySandbox measures a whole Sandbox verification (lookup,
// create, exchange, remove) against the local simulator: the wizard's
// overhead on top of Plaid's own latency.
func BenchmarkVerifySandbox(b *testing.B) {
	srv, sim, err := startBenchSim()
	if err != nil {
		b.Fatal(err)
	}
	defer srv.Close()
	p := New(Config{BaseURL: srv.URL})
	v := sandboxValues()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, r := range p.Verify(context.Background(), v, nil) {
			if r.Status != providers.Pass {
				b.Fatalf("%s: %s", r.Name, r.Status)
			}
		}
	}
	b.StopTimer()
	if sim.Items() != 0 {
		b.Fatalf("Items() = %d", sim.Items())
	}
}

// BenchmarkFormatCheck measures the rules run on every keystroke.
func BenchmarkFormatCheck(b *testing.B) {
	p := New(Config{})
	v := sandboxValues(KeyProducts, "transactions,auth,identity", KeyCountryCodes, "US,CA,GB")
	fields := p.Fields()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, f := range fields {
			_ = f.Check(v[f.Key], v)
		}
	}
}

func startBenchSim() (*sandbox.Server, *plaidsim.Sim, error) {
	return plaidsim.Start(sandbox.Options{})
}
