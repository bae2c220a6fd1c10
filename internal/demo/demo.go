// Package demo runs the wizard against the local simulators: it starts each
// service's simulator on loopback when the first check needs it (not before
// the first frame), hands out providers pointed at them and the demo keys to
// pre-fill, and makes a throwaway project directory a git repository so the
// protection step is shown for real. The providers and simulators are the
// registry's; a provider without a simulator is left out, so the demo never
// reaches a real service.
package demo

import (
	"context"
	"errors"
	"fmt"
	"github.com/onboard-dev/onboard/internal/gitsafe"
	"os"
	"os/exec"
	"path/filepath"
	"sync"

	"github.com/onboard-dev/onboard/internal/providers"
	"github.com/onboard-dev/onboard/internal/providers/sandbox"
	"github.com/onboard-dev/onboard/internal/registry"
)

// Entries are the registry's providers that can run in the demo.
func Entries(es []registry.Entry) []registry.Entry {
	var out []registry.Entry
	for _, e := range es {
		if e.Simulate != nil {
			out = append(out, e)
		}
	}
	return out
}

// Values are the demo keys the simulators accept, to pre-fill the forms.
func Values() providers.Values { return registry.Demo(Entries(registry.All())) }

// Sims are running simulators, one per service.
type Sims struct {
	// URLs are the simulators' base URLs, by the service's URL flag.
	URLs    map[string]string
	servers []*sandbox.Server
}

// Start runs the simulator of every service of es on loopback.
func Start(es []registry.Entry, opts sandbox.Options) (*Sims, error) {
	s := &Sims{URLs: map[string]string{}}
	for _, e := range Entries(es) {
		flag := e.Spec.Service.URLFlag
		if _, started := s.URLs[flag]; started {
			continue
		}
		srv, err := e.Simulate(opts)
		if err != nil {
			_ = s.Close()
			return nil, fmt.Errorf("start the %s simulator: %w", e.Spec.Service.Name, err)
		}
		s.servers = append(s.servers, srv)
		s.URLs[flag] = srv.URL
	}
	return s, nil
}

// Close stops the simulators.
func (s *Sims) Close() error {
	var errs []error
	for _, srv := range s.servers {
		errs = append(errs, srv.Close())
	}
	return errors.Join(errs...)
}

// Lazy starts the simulators on first use.
type Lazy struct {
	// Registry is the providers to run; nil means registry.All().
	Registry []registry.Entry
	// Mode is the wizard's (providers.Config.Mode).
	Mode providers.Mode

	once sync.Once
	sims *Sims
	err  error
	mu   sync.Mutex
}

func (l *Lazy) entries() []registry.Entry {
	if l.Registry == nil {
		return Entries(registry.All())
	}
	return Entries(l.Registry)
}

func (l *Lazy) get() (*Sims, error) {
	l.once.Do(func() {
		s, err := Start(l.entries(), sandbox.Options{})
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

// Providers are the demo's providers, pointed at the simulators once a
// verification starts them.
func (l *Lazy) Providers() []providers.Provider {
	es := l.entries()
	out := registry.Build(es, providers.Config{Mode: l.Mode}, nil)
	for i, e := range es {
		out[i] = &lazyProvider{Provider: out[i], l: l, spec: e.Spec}
	}
	return out
}

// lazyProvider answers the pure questions itself and verifies against the
// simulators, starting them on the first Verify.
type lazyProvider struct {
	providers.Provider // for Spec, Checklist, Fields, Checks
	l                  *Lazy
	spec               *providers.Spec
	once               sync.Once
	live               providers.Provider
}

func (p *lazyProvider) Verify(ctx context.Context, v providers.Values, report providers.Report) []providers.Result {
	sims, err := p.l.get()
	if err != nil {
		var out []providers.Result
		for _, name := range p.Checks(v) {
			r := providers.Result{Provider: p.spec.ID, Name: name, Status: providers.Fail, Detail: err.Error(), Hint: "The demo's local simulators could not start; retry, or run onboard without --demo."}
			report(r)
			out = append(out, r)
		}
		return out
	}
	p.once.Do(func() {
		p.live = p.spec.New(providers.Config{Mode: p.l.Mode, BaseURL: sims.URLs[p.spec.Service.URLFlag]})
	})
	return p.live.Verify(ctx, v, report)
}

// InitRepo makes dir a git repository unless it already is one, so the
// demo shows the protection step against real git. No git installed is not
// an error: the step then says so.
func InitRepo(ctx context.Context, dir string) error {
	if _, err := os.Stat(filepath.Join(dir, ".git")); err == nil {
		return nil
	}
	if _, err := exec.LookPath("git"); err != nil {
		return nil
	}
	// Through gitsafe, as every git onboard starts.
	if out, err := gitsafe.Command(ctx, dir, "init", "-q").CombinedOutput(); err != nil {
		return fmt.Errorf("git init %s: %v: %s", dir, err, out)
	}
	return nil
}
