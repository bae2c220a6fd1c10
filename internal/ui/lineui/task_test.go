package lineui

import (
	"strings"
	"testing"

	"github.com/onboard-dev/onboard/internal/demo"
	"github.com/onboard-dev/onboard/internal/providers"
	"github.com/onboard-dev/onboard/internal/providers/sandbox"
	"github.com/onboard-dev/onboard/internal/providers/stripe"
	"github.com/onboard-dev/onboard/internal/steps"
)

// unknownStripeKey has the right format but no account behind it, so the
// simulator refuses it the way Stripe refuses a revoked key.
const unknownStripeKey = "sk_test_51NotAKeyOnb0ardAbCdWxYz"

// stripeUpToCheck answers a real (non-demo) run up to Stripe's live check,
// Stripe only, with the secret key given.
func stripeUpToCheck(secretKey string) []string {
	// welcome, what you build, services, protection, the fix, checklist
	return []string{"", "", "2", "", "", "", secretKey, sandbox.DemoStripePublishableKey, "", ""}
}

func TestFailedCheckOffersEditKeys(t *testing.T) {
	p := newProject(t)
	answers := append(stripeUpToCheck(unknownStripeKey),
		"2",                         // edit the keys
		sandbox.DemoStripeSecretKey, // the right secret key this time
		"", "", "",                  // keep the publishable key, no webhook secret, no organization account
		"", "", "", "") // check passed, only the .env, write, written
	out, err := run(t, p.flow(nil), strings.Join(answers, "\n")+"\n")
	if err != nil {
		t.Fatalf("Run: %v\n%s", err, out)
	}
	for _, want := range []string{"[failed] secret key works", "Some checks failed: secret key works.", "1. Retry the checks", "2. Edit the keys", "3. Skip", "All checks passed."} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if p.env(t)["STRIPE_SECRET_KEY"] != sandbox.DemoStripeSecretKey {
		t.Error("the edited secret key was not written")
	}
}

func TestFailedCheckCanBeSkippedWithAWarning(t *testing.T) {
	p := newProject(t)
	flow := p.flow(nil)
	answers := append(stripeUpToCheck(unknownStripeKey),
		"7",            // not an action: asked again
		"3",            // skip with the failure left
		"", "", "", "") // only the .env, write, written
	out, err := run(t, flow, strings.Join(answers, "\n")+"\n")
	if err != nil {
		t.Fatalf("Run: %v\n%s", err, out)
	}
	if !strings.Contains(out, `"7" is not one of the numbers 1 to 3.`) {
		t.Errorf("the wrong action number is not explained:\n%s", out)
	}
	if len(flow.Session().Skipped) != 1 {
		t.Errorf("skipped checks recorded: %d, want 1", len(flow.Session().Skipped))
	}
	if p.env(t)["STRIPE_SECRET_KEY"] != unknownStripeKey {
		t.Error("after skipping, the key typed was not written")
	}
}

func TestConfirmChecklistAsksEachItem(t *testing.T) {
	p := newProject(t)
	items := []providers.ChecklistItem{
		{Title: "Turn on two-factor login", URL: "https://dashboard.stripe.com/settings/user"},
		{Title: "Set the statement descriptor", URL: "https://dashboard.stripe.com/settings/public"},
	}
	confirm := steps.NewChecklist(steps.StepID{Part: "confirm"}, "Before going live", "Say what is done.", true,
		func(*steps.Session) []providers.ChecklistItem { return items }, nil)
	flow := steps.New(steps.Options{
		Providers: []providers.Provider{stripe.New(stripe.Config{BaseURL: p.sims.URLs["stripe-url"]})},
		Store:     steps.NewEnvStore(), Dir: p.dir, Demo: true, Prefill: demo.Values(),
		Extra:     []steps.Step{confirm},
		LookupEnv: func(string) (string, bool) { return "", false },
	})
	// Welcome, what you build, services, protection, .gitignore fix,
	// Stripe's checklist, its four fields and its check; then the two
	// items (with one answer neither y nor n) and the rest by default.
	out, err := run(t, flow, enters(11)+"y\nmaybe\nn\n"+enters(20))
	if err != nil {
		t.Fatalf("Run: %v\n%s", err, out)
	}
	for _, it := range items {
		if !strings.Contains(out, "Link: "+it.URL+"\n") {
			t.Errorf("the link %s is not printed in full on its own line", it.URL)
		}
	}
	if !strings.Contains(out, `"maybe" is neither y nor n.`) {
		t.Errorf("the unclear answer is not explained:\n%s", out)
	}
	got := flow.Session().Confirmed[steps.StepID{Part: "confirm"}]
	if len(got) != 2 || !got[0] || got[1] {
		t.Errorf("answers recorded %v, want [true false]", got)
	}
}
