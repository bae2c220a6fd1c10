package check

import (
	"github.com/onboard-dev/onboard/internal/exit"
	"github.com/onboard-dev/onboard/internal/registry"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/onboard-dev/onboard/internal/providers"
	"github.com/onboard-dev/onboard/internal/providers/sandbox"
	"github.com/onboard-dev/onboard/internal/readiness"
)

// A production run against the simulators with TEST keys in an otherwise
// live-like file: live keys cannot go to a simulator, so the checklist must
// flag the test keys as the reason the project is not ready.
func TestProductionFlagsTestKeys(t *testing.T) {
	dir := newRepo(t)
	writeFile(t, filepath.Join(dir, ".env"), demoEnv())
	s := startSims(t)
	r := run(t, Options{Dir: dir, JSON: true, Production: true, URLs: urls(s.plaidURL, s.stripeURL)})
	d := decode(t, r.stdout)
	if r.code != exit.Failed || d.OK {
		t.Fatalf("exit %d ok %v, want 1 false", r.code, d.OK)
	}
	wantStatus := map[string]providers.Status{
		"no-test-keys":            providers.Fail,
		"stripe-live-keys":        providers.Fail,
		"plaid-production":        providers.Fail,
		"keys-not-mixed":          providers.Pass, // all test: not mixed
		"env-protected":           providers.Pass,
		"never-committed":         providers.Pass,
		"no-key-in-history":       providers.Pass,
		"webhook-secret":          providers.Pass,
		"restricted-key":          providers.Skip,
		"connect-complete":        providers.Pass,
		"plaid-production-access": providers.Fail, // required, not confirmed
		"plaid-secret-rotation":   providers.Warn, // recommended, not confirmed
		"report":                  providers.Pass,
	}
	for id, st := range wantStatus {
		if got := mustFind(t, d, string(providers.Readiness), id); got.Status != st {
			t.Errorf("%s: %s (%s), want %s", id, got.Status, got.Detail, st)
		}
	}
	report, err := os.ReadFile(filepath.Join(dir, readiness.DefaultReportName))
	if err != nil {
		t.Fatalf("no report next to the .env: %v", err)
	}
	for _, want := range []string{"Checked: 2026-11-23", "Environment file: `.env`", "**not ready**", "sk_test_…", "- [ ] Stripe account activated"} {
		if !strings.Contains(string(report), want) {
			t.Errorf("report lacks %q", want)
		}
	}
}

func TestProductionConfirmationsSurviveReruns(t *testing.T) {
	dir := newRepo(t)
	writeFile(t, filepath.Join(dir, ".env"), envText("STRIPE_SECRET_KEY", sandbox.DemoStripeSecretKey, "STRIPE_PUBLISHABLE_KEY", sandbox.DemoStripePublishableKey))
	s := startSims(t)
	report := filepath.Join(t.TempDir(), "ready.md")
	opts := Options{Dir: dir, JSON: true, Production: true, URLs: urls("", s.stripeURL), ReportPath: report,
		Confirm: []string{"secrets-manager", "stripe-account-activated"}}
	run(t, opts)

	// Someone ticks a box by hand between runs.
	b, err := os.ReadFile(report)
	if err != nil {
		t.Fatal(err)
	}
	ticked := strings.Replace(string(b), "- [ ] Live webhook endpoint registered", "- [x] Live webhook endpoint registered", 1)
	if ticked == string(b) {
		t.Fatal("no unticked webhook endpoint line in the report")
	}
	writeFile(t, report, ticked)

	// A later run with no --confirm keeps all three.
	later := opts
	later.Confirm = nil
	later.Now = func() time.Time { return fixedNow().AddDate(0, 0, 3) }
	r := run(t, later)
	d := decode(t, r.stdout)
	for _, id := range []string{"secrets-manager", "stripe-account-activated", "stripe-webhook-endpoint"} {
		if got := mustFind(t, d, string(providers.Readiness), id); got.Status != providers.Pass {
			t.Errorf("%s: %s, want pass (confirmed earlier)", id, got.Status)
		}
	}
	final, _ := os.ReadFile(report)
	confirmed := readiness.Parse(final, readiness.Catalog(registry.Specs(registry.All())))
	if confirmed["secrets-manager"] != "2026-11-23" || confirmed["stripe-webhook-endpoint"] != "2026-11-26" {
		t.Errorf("confirmation days %v: the first run's day is kept, the hand tick is dated when first seen", confirmed)
	}
	if got := mustFind(t, d, string(providers.Readiness), "stripe-webhook-endpoint"); !strings.Contains(got.Detail, "2026-11-26") {
		t.Errorf("detail %q", got.Detail)
	}
}

func TestProductionReportUnwritable(t *testing.T) {
	dir := newRepo(t)
	writeFile(t, filepath.Join(dir, ".env"), envText("STRIPE_SECRET_KEY", sandbox.DemoStripeSecretKey, "STRIPE_PUBLISHABLE_KEY", sandbox.DemoStripePublishableKey))
	s := startSims(t)
	r := run(t, Options{Dir: dir, JSON: true, Production: true, URLs: urls("", s.stripeURL),
		ReportPath: filepath.Join(dir, "no", "such", "dir", "r.md")})
	if got := mustFind(t, decode(t, r.stdout), string(providers.Readiness), "report"); got.Status != providers.Fail || got.Hint == "" {
		t.Errorf("%+v, want a fail with a hint", got)
	}
}

// The readiness checklist searches the whole history: a key committed in
// code and deleted since fails the go-live, named by variable and file,
// masked; the JSON and the report never hold the value.
func TestProductionFindsKeysInTheHistory(t *testing.T) {
	dir := newRepo(t)
	t.Setenv("GIT_AUTHOR_NAME", "Test")
	t.Setenv("GIT_AUTHOR_EMAIL", "test@example.invalid")
	t.Setenv("GIT_COMMITTER_NAME", "Test")
	t.Setenv("GIT_COMMITTER_EMAIL", "test@example.invalid")
	writeFile(t, filepath.Join(dir, "config.js"), "module.exports = { stripeKey: '"+sandbox.DemoStripeSecretKey+"' };\n")
	git(t, dir, "add", "config.js")
	git(t, dir, "commit", "-q", "-m", "config")
	git(t, dir, "rm", "-q", "config.js")
	git(t, dir, "commit", "-q", "-m", "no key in code")
	writeFile(t, filepath.Join(dir, ".env"), demoEnv())
	s := startSims(t)
	r := run(t, Options{Dir: dir, JSON: true, Production: true, URLs: urls(s.plaidURL, s.stripeURL)})
	got := mustFind(t, decode(t, r.stdout), string(providers.Readiness), "no-key-in-history")
	if got.Status != providers.Fail || !strings.Contains(got.Detail, "STRIPE_SECRET_KEY sk_test_…") || !strings.Contains(got.Detail, "config.js") {
		t.Errorf("no-key-in-history: %s %q, want a failure naming the variable and the file", got.Status, got.Detail)
	}
	report, err := os.ReadFile(filepath.Join(dir, readiness.DefaultReportName))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(r.stdout+string(report), sandbox.DemoStripeSecretKey) {
		t.Error("the key appears in full in the JSON or the report")
	}
}
