package lineui

import (
	"bytes"
	"context"
	"github.com/onboard-dev/onboard/internal/registry"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/joho/godotenv"

	"github.com/onboard-dev/onboard/internal/demo"
	"github.com/onboard-dev/onboard/internal/providers"
	"github.com/onboard-dev/onboard/internal/providers/plaid"
	"github.com/onboard-dev/onboard/internal/providers/sandbox"
	"github.com/onboard-dev/onboard/internal/providers/stripe"
	"github.com/onboard-dev/onboard/internal/readiness"
	"github.com/onboard-dev/onboard/internal/steps"
	"github.com/onboard-dev/onboard/internal/testkit/leakcheck"
)

// demoSecrets are the full demo credentials; none may ever be printed.
var demoSecrets = []string{
	sandbox.DemoPlaidSecret,
	sandbox.DemoStripeSecretKey,
	sandbox.DemoStripeWebhookSecret,
}

// project is a temporary git repository with the simulators running.
type project struct {
	dir  string
	sims *demo.Sims
}

func newProject(t *testing.T) *project {
	t.Helper()
	dir := t.TempDir()
	if out, err := exec.Command("git", "init", "-q", dir).CombinedOutput(); err != nil {
		t.Fatalf("git init: %v: %s", err, out)
	}
	sims, err := demo.Start(registry.All(), sandbox.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = sims.Close() })
	return &project{dir: dir, sims: sims}
}

// flow builds the flow as main does for --demo (prefill = demo keys) or
// for a real run (prefill nil), with providers pointed at the simulators
// and the real envfile-backed store.
func (p *project) flow(prefill providers.Values) *steps.Flow {
	provs := []providers.Provider{
		plaid.New(plaid.Config{BaseURL: p.sims.URLs["plaid-url"]}),
		stripe.New(stripe.Config{BaseURL: p.sims.URLs["stripe-url"]}),
		stripe.NewConnect(stripe.Config{BaseURL: p.sims.URLs["stripe-url"]}),
	}
	checks, report := readiness.WizardSteps(readiness.WizardOptions{Providers: provs})
	return steps.New(steps.Options{
		Providers:  provs,
		Store:      steps.NewEnvStore(),
		Dir:        p.dir,
		Demo:       prefill != nil,
		Mode:       steps.Development,
		Prefill:    prefill,
		Extra:      checks,
		AfterWrite: report,
		LookupEnv:  func(string) (string, bool) { return "", false },
	})
}

func (p *project) envPath() string { return filepath.Join(p.dir, ".env") }

// env reads the written .env with godotenv, as an app would.
func (p *project) env(t *testing.T) map[string]string {
	t.Helper()
	m, err := godotenv.Read(p.envPath())
	if err != nil {
		t.Fatalf("read the written .env: %v", err)
	}
	return m
}

func (p *project) noEnv(t *testing.T) {
	t.Helper()
	if _, err := os.Stat(p.envPath()); !os.IsNotExist(err) {
		t.Fatalf(".env exists after an aborted run (stat: %v)", err)
	}
}

// run drives Run with this input and returns what it printed.
func run(t *testing.T, flow *steps.Flow, input string) (string, error) {
	t.Helper()
	var out bytes.Buffer
	err := Run(context.Background(), flow, strings.NewReader(input), &out, Options{})
	text := out.String()
	clean(t, text)
	return text, err
}

// clean fails on any escape byte or unmasked demo secret in the output;
// leakcheck also finds long pieces of a secret and never quotes one.
func clean(t *testing.T, out string) {
	t.Helper()
	if i := strings.IndexByte(out, 0x1b); i >= 0 {
		t.Errorf("output has an ESC byte at offset %d", i)
	}
	// The demo publishable key shares a long piece with the demo secret
	// key; it is public by design and shown in full.
	leakcheck.AssertNoneExcept(t, map[string][]byte{"line mode output": []byte(out)}, demoSecrets, []string{sandbox.DemoStripePublishableKey})
}

// enters is n empty answers.
func enters(n int) string { return strings.Repeat("\n", n) }

// syncBuffer is a bytes.Buffer safe to read while Run writes to it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
