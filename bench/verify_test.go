package bench_test

import (
	"context"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/onboard-dev/onboard/internal/providers"
	"github.com/onboard-dev/onboard/internal/providers/plaid"
	"github.com/onboard-dev/onboard/internal/providers/sandbox"
	"github.com/onboard-dev/onboard/internal/providers/sandbox/plaidsim"
	"github.com/onboard-dev/onboard/internal/providers/sandbox/stripesim"
	"github.com/onboard-dev/onboard/internal/providers/stripe"
)

// verifyShape is what each provider's verification costs in network round
// trips: every call it makes (calls), the longest run of them the code makes
// one after another (chain), and the longest run that must follow each
// other because each needs the previous answer (needed). With a fixed
// latency L per call, no orchestration can beat L × the largest needed
// chain; running every call in turn costs L × all calls.
// TestVerifyShapeMatchesTheProviders keeps calls true.
var verifyShape = []struct {
	id                   string
	calls, chain, needed int
	explanation          string
}{
	// The institution lookup only picks a test bank for create: Plaid's
	// Sandbox banks are fixed, so it is not a call create must wait for, and
	// the code creates the Item on the usual bank while the lookup runs. The
	// Link token needs nothing the others make and runs beside them.
	{"plaid", 5, 3, 3, "(institution lookup ‖ Item create) → token exchange → Item remove, ‖ Link token"},
	// The test payments are in the account's currency, so they wait for the
	// account read; the declined one is then cancelled.
	{"stripe", 6, 3, 3, "(account read → (test payment ‖ (declined payment → cancel))) ‖ (token create with pk → token read with sk)"},
	{"connect", 2, 2, 2, "connected account create → delete"},
}

// countingHandler counts the requests a simulator answers.
type countingHandler struct {
	h http.Handler
	n atomic.Int64
}

func (c *countingHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	c.n.Add(1)
	c.h.ServeHTTP(w, r)
}

// rig is one simulator per provider (so calls can be counted per provider)
// and the providers pointed at them.
type rig struct {
	providers []providers.Provider
	counters  map[string]*countingHandler
	values    providers.Values
}

func newRig(tb testing.TB, latency time.Duration) *rig {
	tb.Helper()
	r := &rig{counters: map[string]*countingHandler{}}
	serve := func(id string, h http.Handler) string {
		c := &countingHandler{h: h}
		srv, err := sandbox.Serve(c, sandbox.Options{Latency: latency})
		if err != nil {
			tb.Fatal(err)
		}
		tb.Cleanup(func() { srv.Close() })
		r.counters[id] = c
		return srv.URL
	}
	r.providers = []providers.Provider{
		plaid.New(plaid.Config{BaseURL: serve("plaid", plaidsim.New())}),
		stripe.New(stripe.Config{BaseURL: serve("stripe", stripesim.New())}),
		stripe.NewConnect(stripe.Config{BaseURL: serve("connect", stripesim.New())}),
	}
	r.values = providers.Values{
		plaid.KeyClientID:        sandbox.DemoPlaidClientID,
		plaid.KeySecret:          sandbox.DemoPlaidSecret,
		plaid.KeyEnv:             plaid.EnvSandbox,
		stripe.EnvSecretKey:      sandbox.DemoStripeSecretKey,
		stripe.EnvPublishableKey: sandbox.DemoStripePublishableKey,
		stripe.EnvWebhookSecret:  sandbox.DemoStripeWebhookSecret,
		stripe.EnvClientID:       sandbox.DemoStripeClientID,
	}
	return r
}

// verify runs every provider's verification at once, as `onboard check`
// and the wizard's verification screen do, and fails on any check that
// does not pass: a fast failure would be no measurement.
func (r *rig) verify(tb testing.TB, providerList []providers.Provider) {
	var wg sync.WaitGroup
	for _, p := range providerList {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, res := range p.Verify(context.Background(), r.values, nil) {
				if res.Status != providers.Pass {
					tb.Errorf("%s %q: %s (%s)", p.Spec().ID, res.Name, res.Status, res.Detail)
				}
			}
		}()
	}
	wg.Wait()
}

// bounds are, for latency and the providers ids, the critical path (calls
// that must follow each other), the code's own longest chain, and the
// sequential sum.
func bounds(latency time.Duration, ids map[string]bool) (critical, codeChain, sequential time.Duration) {
	needed, chain, calls := 0, 0, 0
	for _, s := range verifyShape {
		if !ids[s.id] {
			continue
		}
		needed = max(needed, s.needed)
		chain = max(chain, s.chain)
		calls += s.calls
	}
	return time.Duration(needed) * latency, time.Duration(chain) * latency, time.Duration(calls) * latency
}

type group struct {
	name string
	list []providers.Provider
}

// BenchmarkVerifyLatency injects a fixed latency into every simulated call
// and runs Plaid, Stripe and Connect verification concurrently ("all"), and
// each provider alone. wall-ms close to critical-ms means verification costs
// what the network costs and no more; sequential-ms is what running every
// call in turn would cost.
func BenchmarkVerifyLatency(b *testing.B) {
	const latency = 20 * time.Millisecond
	r := newRig(b, latency)
	groups := []group{{"all", r.providers}}
	for _, p := range r.providers {
		groups = append(groups, group{string(p.Spec().ID), []providers.Provider{p}})
	}
	for _, g := range groups {
		b.Run(g.name, func(b *testing.B) {
			ids := map[string]bool{}
			for _, p := range g.list {
				ids[string(p.Spec().ID)] = true
			}
			for i := 0; i < b.N; i++ {
				r.verify(b, g.list)
			}
			b.StopTimer()
			wall := b.Elapsed() / time.Duration(b.N)
			critical, codeChain, sequential := bounds(latency, ids)
			b.ReportMetric(float64(latency.Milliseconds()), "latency-ms")
			b.ReportMetric(wall.Seconds()*1000, "wall-ms")
			b.ReportMetric(critical.Seconds()*1000, "critical-ms")
			b.ReportMetric(codeChain.Seconds()*1000, "code-chain-ms")
			b.ReportMetric(sequential.Seconds()*1000, "sequential-ms")
			b.ReportMetric(float64(wall)/float64(critical), "wall/critical")
		})
	}
}

// TestVerifyShapeMatchesTheProviders counts each provider's calls against
// the simulators, so the bounds above follow the code. When a provider
// changes its calls, update verifyShape (and its chain).
func TestVerifyShapeMatchesTheProviders(t *testing.T) {
	r := newRig(t, 0)
	for _, p := range r.providers {
		r.verify(t, []providers.Provider{p})
	}
	for _, s := range verifyShape {
		if got := r.counters[s.id].n.Load(); got != int64(s.calls) {
			t.Errorf("%s made %d calls; verifyShape says %d (%s)", s.id, got, s.calls, s.explanation)
		}
	}
}
