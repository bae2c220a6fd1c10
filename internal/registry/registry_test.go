package registry_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/onboard-dev/onboard/internal/check"
	"github.com/onboard-dev/onboard/internal/demo"
	"github.com/onboard-dev/onboard/internal/exit"
	"github.com/onboard-dev/onboard/internal/providers"
	"github.com/onboard-dev/onboard/internal/providers/apihttp"
	"github.com/onboard-dev/onboard/internal/providers/sandbox"
	"github.com/onboard-dev/onboard/internal/registry"
	"github.com/onboard-dev/onboard/internal/secret"
	"github.com/onboard-dev/onboard/internal/steps"
	"github.com/onboard-dev/onboard/internal/steps/stepstest"
)

// Acme is a provider no other package knows: its package would be this
// file's acme types, and its registry line the entry below. The tests walk
// the wizard's flow, `onboard check` (production readiness included) and
// the demo with it, to prove a provider needs nothing else.
const acmeKey = "acme_live_0123456789abcdefghijKLMN"

type acme struct{ cfg providers.Config }

var acmeSpec = providers.Spec{
	ID: "acme", Name: "Acme", Blurb: "Rockets: keys for the launch API.",
	Service:  providers.Service{Name: "Acme", URLFlag: "acme-url"},
	New:      func(c providers.Config) providers.Provider { return &acme{cfg: c} },
	Uses:     func(v providers.Values) bool { return v["ACME_KEY"] != "" },
	Prefixes: []string{"acme_live_"},
	TestSettings: func(v providers.Values) []string {
		if strings.HasPrefix(v["ACME_KEY"], "acme_test_") {
			return []string{"ACME_KEY=" + secret.Mask(v["ACME_KEY"])}
		}
		return nil
	},
	Readiness: []providers.ReadinessItem{{ID: "acme-launch-pad", Title: "Launch pad booked", Why: "No pad, no launch.", URL: "https://acme.example/pads", Required: true}},
}

func (a *acme) Spec() *providers.Spec { return &acmeSpec }
func (a *acme) Checklist(providers.Values) []providers.ChecklistItem {
	return []providers.ChecklistItem{{Title: "Sign up", URL: "https://acme.example"}}
}
func (a *acme) Checks(providers.Values) []string { return []string{"key accepted"} }
func (a *acme) Fields() []providers.Field {
	return []providers.Field{{Key: "ACME_KEY", Label: "Acme key", Required: true, Secret: true,
		Recognize: func(v string) bool { return strings.HasPrefix(v, "acme_") }}}
}

// Verify asks the service (its simulator here) whether the key works.
func (a *acme) Verify(ctx context.Context, v providers.Values, report providers.Report) []providers.Result {
	r := providers.Result{Provider: acmeSpec.ID, Name: "key accepted", Status: providers.Fail}
	resp, err := apihttp.New().Do(ctx, apihttp.Request{Method: http.MethodGet, URL: a.cfg.BaseURL + "/whoami",
		Header: http.Header{"Authorization": {"Bearer " + v["ACME_KEY"]}}, Idempotent: true})
	switch {
	case err != nil:
		r.Detail = err.Error()
	case resp.Status == http.StatusOK:
		r.Status, r.Detail = providers.Pass, "key "+secret.Mask(v["ACME_KEY"])+" accepted"
	default:
		r.Detail = "refused"
	}
	report(r)
	return []providers.Result{r}
}

// acmeSim is the simulator: it accepts the one demo key and counts calls.
type acmeSim struct{ calls atomic.Int32 }

func (s *acmeSim) start(o sandbox.Options) (*sandbox.Server, error) {
	return sandbox.Serve(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.calls.Add(1)
		if r.URL.Path != "/whoami" || r.Header.Get("Authorization") != "Bearer "+acmeKey {
			http.Error(w, `{"error":"no"}`, http.StatusUnauthorized)
			return
		}
		_, _ = w.Write([]byte(`{"ok":true}`))
	}), o)
}

func entries(sim *acmeSim) []registry.Entry {
	return []registry.Entry{{Spec: &acmeSpec, Simulate: sim.start, Demo: providers.Values{"ACME_KEY": acmeKey}}}
}

func startSim(t *testing.T, sim *acmeSim) string {
	t.Helper()
	srv, err := sim.start(sandbox.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	return srv.URL
}

func TestAnUnknownProviderWalksTheWholeFlow(t *testing.T) {
	sim := &acmeSim{}
	url := startSim(t, sim)
	store := &stepstest.Store{Root: "/proj", Git: steps.GitState{InRepo: true, Ignored: true, HelpersSafe: true}}
	flow := steps.New(steps.Options{
		Providers: registry.Build(entries(sim), providers.Config{}, map[string]string{"acme-url": url}),
		Store:     store, Dir: "/proj", LookupEnv: func(string) (string, bool) { return "", false },
	})
	s := flow.Session()
	var seen []string
	for st := flow.Current(); st != nil; st = flow.Next() {
		seen = append(seen, st.ID().String())
		if l, ok := st.(steps.Loader); ok {
			if j := l.Load(s); j != nil {
				j.Run(context.Background(), func(providers.Result) {}).ApplyTo(s)
			}
		}
		switch st := st.(type) {
		case *steps.ChoiceStep:
			if err := st.Apply(s, st.Selected(s)); err != nil {
				t.Fatalf("%s: %v", st.ID(), err)
			}
		case *steps.FormStep:
			if errs := st.Submit(s, map[string]string{"ACME_KEY": acmeKey}); len(errs) > 0 {
				t.Fatalf("%s: %v", st.ID(), errs)
			}
		case *steps.TaskStep:
			if o := st.Job(s).Run(context.Background(), func(providers.Result) {}); !steps.Passed(o.Results) {
				t.Fatalf("%s failed: %+v", st.ID(), o.Results)
			} else {
				o.ApplyTo(s)
			}
		}
	}
	if !strings.Contains(strings.Join(seen, " "), "acme-checklist acme-keys acme-verify") {
		t.Errorf("steps walked: %v", seen)
	}
	got, _, _, _ := store.Read("/proj/.env")
	if got["ACME_KEY"] != acmeKey || sim.calls.Load() == 0 {
		t.Fatalf("written %v, simulator calls %d", got, sim.calls.Load())
	}
	if secret.Mask(acmeKey) != "acme_live_…KLMN" {
		t.Errorf("the provider's prefixes are not used for masking: %s", secret.Mask(acmeKey))
	}
}

func TestAnUnknownProviderIsChecked(t *testing.T) {
	sim := &acmeSim{}
	url := startSim(t, sim)
	dir := t.TempDir()
	env := filepath.Join(dir, ".env")
	if err := os.WriteFile(env, []byte("ACME_KEY="+acmeKey+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	code := check.Run(context.Background(), check.Options{EnvFile: env, JSON: true, Production: true,
		Registry: entries(sim), URLs: map[string]string{"acme-url": url}, LookupEnv: func(string) (string, bool) { return "", false }}, &out, &errb)
	var doc struct {
		Checks []providers.Result `json:"checks"`
	}
	if err := json.Unmarshal(out.Bytes(), &doc); err != nil {
		t.Fatalf("exit %d, %v: %s %s", code, err, out.String(), errb.String())
	}
	found := map[string]providers.Status{}
	for _, r := range doc.Checks {
		found[string(r.Provider)+"/"+r.Name] = r.Status
	}
	if found["acme/key accepted"] != providers.Pass || found["acme/ACME_KEY"] != providers.Pass {
		t.Errorf("acme results %v", found)
	}
	// Its readiness item is on the checklist, unconfirmed: not ready yet.
	if found["readiness/acme-launch-pad"] != providers.Fail || code != exit.Failed {
		t.Errorf("readiness %v, exit %d", found["readiness/acme-launch-pad"], code)
	}
	if strings.Contains(out.String(), acmeKey) {
		t.Error("the key is in the output")
	}
}

func TestAnUnknownProviderRunsInTheDemo(t *testing.T) {
	sim := &acmeSim{}
	lazy := &demo.Lazy{Registry: entries(sim)}
	t.Cleanup(func() { _ = lazy.Close() })
	ps := lazy.Providers()
	if len(ps) != 1 || registry.Demo(entries(sim))["ACME_KEY"] != acmeKey {
		t.Fatalf("demo providers %v", ps)
	}
	rs := providers.Verify(context.Background(), ps[0], registry.Demo(entries(sim)), nil)
	if !steps.Passed(rs) || sim.calls.Load() == 0 {
		t.Fatalf("demo verification against the simulator: %+v (calls %d)", rs, sim.calls.Load())
	}
}

func TestTheRegistryIsWhole(t *testing.T) {
	seen := map[providers.ID]bool{}
	for _, e := range registry.All() {
		sp := e.Spec
		if sp.ID == "" || sp.Name == "" || sp.Blurb == "" || sp.New == nil || sp.Uses == nil || sp.Service.URLFlag == "" {
			t.Errorf("%q: incomplete spec", sp.ID)
		}
		if seen[sp.ID] {
			t.Errorf("%s is listed twice", sp.ID)
		}
		seen[sp.ID] = true
		for _, r := range sp.Requires {
			if !seen[r] {
				t.Errorf("%s requires %s, which must come before it", sp.ID, r)
			}
		}
		if e.Simulate == nil {
			t.Errorf("%s has no simulator: --demo would leave it out", sp.ID)
		}
		p := sp.New(providers.Config{})
		if p.Spec() != sp {
			t.Errorf("%s: the provider's Spec is not the registry's", sp.ID)
		}
		for _, f := range p.Fields() {
			if f.Required && f.Default == "" && e.Demo[f.Key] == "" {
				t.Errorf("%s: no demo value for the required %s: --demo could not be walked with Enter", sp.ID, f.Key)
			}
		}
	}
}
