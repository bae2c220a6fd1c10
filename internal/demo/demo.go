// Package demo runs the wizard against the local simulators: it starts the
// Plaid and Stripe simulators on loopback when the first check needs them
// (not before the first frame), hands out providers pointed at them and the
// demo keys to pre-fill, and makes a throwaway project directory a git
// repository so the protection step is shown for real.
package demo

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"

	"github.com/onboard-dev/onboard/internal/providers"
	"github.com/onboard-dev/onboard/internal/providers/plaid"
	"github.com/onboard-dev/onboard/internal/providers/sandbox"
	"github.com/onboard-dev/onboard/internal/providers/sandbox/plaidsim"
	"github.com/onboard-dev/onboard/internal/providers/sandbox/stripesim"
	"github.com/onboard-dev/onboard/internal/providers/stripe"
)

// Values are the demo keys the simulators accept, to pre-fill the forms.
func Values() providers.Values {
	return providers.Values{
		plaid.KeyClientID:        sandbox.DemoPlaidClientID,
		plaid.KeySecret:          sandbox.DemoPlaidSecret,
		plaid.KeyEnv:             plaid.EnvSandbox,
		stripe.EnvSecretKey:      sandbox.DemoStripeSecretKey,
		stripe.EnvPublishableKey: sandbox.DemoStripePublishableKey,
		stripe.EnvWebhookSecret:  sandbox.DemoStripeWebhookSecret,
		stripe.EnvClientID:       sandbox.DemoStripeClientID,
	}
}

// Sims are the running simulators.
type Sims struct {
	PlaidURL, StripeURL string
	plaid, stripe       *sandbox.Server
}

// Start runs both simulators on loopback.
func Start(opts sandbox.Options) (*Sims, error) {
	ps, _, err := plaidsim.Start(opts)
	if err != nil {
		return nil, fmt.Errorf("start the Plaid simulator: %w", err)
	}
	ss, _, err := stripesim.Start(opts)
	if err != nil {
		_ = ps.Close()
		return nil, fmt.Errorf("start the Stripe simulator: %w", err)
	}
	return &Sims{PlaidURL: ps.URL, StripeURL: ss.URL, plaid: ps, stripe: ss}, nil
}

// Close stops both simulators.
func (s *Sims) Close() error {
	return errors.Join(s.plaid.Close(), s.stripe.Close())
}

// Lazy starts the simulators on first use.
type Lazy struct {
	once sync.Once
	sims *Sims
	err  error
	mu   sync.Mutex
}

func (l *Lazy) get() (*Sims, error) {
	l.once.Do(func() {
		s, err := Start(sandbox.Options{})
		l.mu.Lock()
		l.sims, l.err = s, err
		l.mu.Unlock()
	})
	return l.sims, l.err
}

// Close stops the simulators if they were started.
func (l *Lazy) Close() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.sims == nil {
		return nil
	}
	return l.sims.Close()
}

// Providers are Plaid, Stripe and Stripe Connect, pointed at the
// simulators once a verification starts them.
func (l *Lazy) Providers() []providers.Provider {
	return []providers.Provider{
		&lazyProvider{Provider: plaid.New(plaid.Config{}), l: l, build: func(s *Sims) providers.Provider { return plaid.New(plaid.Config{BaseURL: s.PlaidURL}) }},
		&lazyProvider{Provider: stripe.New(stripe.Config{}), l: l, build: func(s *Sims) providers.Provider { return stripe.New(stripe.Config{BaseURL: s.StripeURL}) }},
		&lazyProvider{Provider: stripe.NewConnect(stripe.Config{}), l: l, build: func(s *Sims) providers.Provider { return stripe.NewConnect(stripe.Config{BaseURL: s.StripeURL}) }},
	}
}

// lazyProvider answers the pure questions itself and verifies against the
// simulators, starting them on the first Verify.
type lazyProvider struct {
	providers.Provider // for ID, Name, Checklist, Fields, Checks
	l                  *Lazy
	build              func(*Sims) providers.Provider
	once               sync.Once
	live               providers.Provider
}

func (p *lazyProvider) Verify(ctx context.Context, v providers.Values, report providers.Report) []providers.Result {
	sims, err := p.l.get()
	if err != nil {
		var out []providers.Result
		for _, name := range p.Checks(v) {
			r := providers.Result{Provider: p.ID(), Name: name, Status: providers.Fail, Detail: err.Error(), Hint: "The demo's local simulators could not start; retry, or run onboard without --demo."}
			report(r)
			out = append(out, r)
		}
		return out
	}
	p.once.Do(func() { p.live = p.build(sims) })
	return p.live.Verify(ctx, v, report)
}

// InitRepo makes dir a git repository unless it already is one, so the
// demo shows the protection step against real git. No git installed is not
// an error: the step then says so.
func InitRepo(ctx context.Context, dir string) error {
	if _, err := os.Stat(filepath.Join(dir, ".git")); err == nil {
		return nil
	}
	git, err := exec.LookPath("git")
	if err != nil {
		return nil
	}
	cmd := exec.CommandContext(ctx, git, "init", "-q", dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("git init %s: %v: %s", dir, err, out)
	}
	return nil
}
