package readiness

import (
	"strings"
	"testing"

	"github.com/onboard-dev/onboard/internal/envfile"
	"github.com/onboard-dev/onboard/internal/providers"
	"github.com/onboard-dev/onboard/internal/providers/stripe"
)

func outcomeOf(t *testing.T, in Input, id string) Outcome {
	t.Helper()
	for _, o := range Evaluate(in) {
		if o.Item.ID == id {
			return o
		}
	}
	t.Fatalf("item %s not evaluated", id)
	return Outcome{}
}

// stripePass is what a live Stripe verification that found nothing wrong
// reports: the key works, and the account's own status checks pass.
var stripePass = map[providers.ID][]providers.Result{"stripe": {
	{Provider: "stripe", Name: "secret key", Status: providers.Pass},
	{Provider: "stripe", Name: stripe.CheckCharges, Status: providers.Pass, Detail: "Stripe says the account can take live payments"},
	{Provider: "stripe", Name: stripe.CheckPayouts, Status: providers.Pass, Detail: "Stripe says the account can pay out to its bank"},
	{Provider: "stripe", Name: stripe.CheckRequirements, Status: providers.Pass, Detail: "Stripe lists nothing due for the account"},
}}

func TestAutomaticRules(t *testing.T) {
	safeGit := &envfile.Protection{InRepo: true, Ignored: true}
	cases := []struct {
		name   string
		id     string
		in     Input
		status Status
	}{
		{"live keys pass", "stripe-live-keys", Input{Values: providers.Values{StripeSecretKey: liveSecret, StripePublishableKey: livePub}, Specs: uses("stripe"), Results: stripePass}, Pass},
		{"test secret fails", "stripe-live-keys", Input{Values: providers.Values{StripeSecretKey: "sk_test_51abcdefghijklmnopqrstuv"}, Specs: uses("stripe"), Results: stripePass}, Fail},
		{"live keys that Stripe refused fail", "stripe-live-keys", Input{Values: providers.Values{StripeSecretKey: liveSecret}, Specs: uses("stripe"),
			Results: map[providers.ID][]providers.Result{"stripe": {{Name: "secret key", Status: providers.Fail, Hint: "roll it"}}}}, Fail},
		{"live keys never verified fail", "stripe-live-keys", Input{Values: providers.Values{StripeSecretKey: liveSecret}, Specs: uses("stripe"),
			Results: map[providers.ID][]providers.Result{"stripe": {{Name: "secret key", Status: providers.Skip}}}}, Fail},
		{"plaid sandbox fails", "plaid-production", Input{Values: providers.Values{PlaidEnv: "sandbox"}, Specs: uses("plaid")}, Fail},
		{"plaid production verified", "plaid-production", Input{Values: providers.Values{PlaidEnv: "production", PlaidSecret: plaidSecret}, Specs: uses("plaid"),
			Results: map[providers.ID][]providers.Result{"plaid": {{Name: "x", Status: providers.Pass}}}}, Pass},
		{"plaid sandbox is a test setting", "no-test-keys", Input{Values: providers.Values{PlaidEnv: "sandbox"}, Specs: uses("plaid")}, Fail},
		{"all live is clean", "no-test-keys", Input{Values: providers.Values{StripeSecretKey: liveSecret, PlaidEnv: "production"}, Specs: uses("plaid", "stripe")}, Pass},
		{"mixed modes", "keys-not-mixed", Input{Values: providers.Values{StripeSecretKey: liveSecret, StripePublishableKey: testPub}, Specs: uses("stripe")}, Fail},
		{"one mode", "keys-not-mixed", Input{Values: providers.Values{StripeSecretKey: liveSecret, StripePublishableKey: livePub}, Specs: uses("stripe")}, Pass},
		{"ignored and untracked", "env-protected", Input{Git: safeGit}, Pass},
		{"not ignored", "env-protected", Input{Git: &envfile.Protection{InRepo: true}}, Fail},
		{"ignored but tracked", "env-protected", Input{Git: &envfile.Protection{InRepo: true, Ignored: true, Tracked: true}}, Fail},
		{"outside a repository", "env-protected", Input{Git: &envfile.Protection{}}, Pass},
		{"git missing", "env-protected", Input{GitNote: "git is not installed"}, Warn},
		{"in history", "never-committed", Input{Git: &envfile.Protection{InRepo: true, Ignored: true, InHistory: true}}, Fail},
		{"clean history", "never-committed", Input{Git: safeGit}, Pass},
		{"webhook secret set", "webhook-secret", Input{Values: providers.Values{StripeWebhookSecret: whsec}, Specs: uses("stripe")}, Pass},
		{"webhook secret declared empty", "webhook-secret", Input{Values: providers.Values{StripeWebhookSecret: ""}, Specs: uses("stripe")}, Fail},
		{"webhook endpoint confirmed, no secret", "webhook-secret", Input{Values: providers.Values{}, Specs: uses("stripe"), Confirmed: map[string]string{"stripe-webhook-endpoint": "2026-11-23"}}, Fail},
		{"connect needs webhooks", "webhook-secret", Input{Values: providers.Values{}, Specs: uses("stripe", "connect")}, Fail},
		{"no sign of webhooks", "webhook-secret", Input{Values: providers.Values{}, Specs: uses("stripe")}, Warn},
		{"malformed webhook secret", "webhook-secret", Input{Values: providers.Values{StripeWebhookSecret: "sk_live_oops1234567890abcdef"}, Specs: uses("stripe")}, Fail},
		{"restricted key", "restricted-key", Input{Values: providers.Values{StripeSecretKey: "rk_live_51abcdefghijklmnopqrstuv"}, Specs: uses("stripe")}, Pass},
		{"full secret", "restricted-key", Input{Values: providers.Values{StripeSecretKey: liveSecret}, Specs: uses("stripe")}, Warn},
		{"standard without client id", "connect-complete", Input{Values: providers.Values{StripeConnectAcctType: "standard"}, Specs: uses("connect")}, Fail},
		{"express complete", "connect-complete", Input{Values: providers.Values{StripeConnectAcctType: "express"}, Specs: uses("connect"),
			Results: map[providers.ID][]providers.Result{"connect": {{Name: "connect enabled", Status: providers.Pass}}}}, Pass},
		{"connect disabled", "connect-complete", Input{Values: providers.Values{StripeConnectAcctType: "express"}, Specs: uses("connect"),
			Results: map[providers.ID][]providers.Result{"connect": {{Name: "connect enabled", Status: providers.Fail, Detail: "not signed up"}}}}, Fail},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			o := outcomeOf(t, c.in, c.id)
			if o.Status != c.status {
				t.Errorf("%s: status %q (%s), want %q", c.id, o.Status, o.Detail, c.status)
			}
			if (o.Status == Fail || o.Status == Warn) && o.Todo == "" {
				t.Errorf("%s: a %s without a to-do", c.id, o.Status)
			}
			for _, s := range []string{liveSecret, livePub, testPub, whsec, plaidSecret} {
				if strings.Contains(o.Detail+o.Todo, s) {
					t.Errorf("%s: detail or to-do holds a full secret", c.id)
				}
			}
		})
	}
}

// A key pasted into a setting's variable is quoted masked, never in full.
func TestSettingsHoldingKeysAreMasked(t *testing.T) {
	in := Input{
		Values: providers.Values{PlaidEnv: liveSecret, StripeConnectAcctType: livePub, StripeSecretKey: liveSecret},
		Specs:  uses("plaid", "stripe", "connect"),
		Results: map[providers.ID][]providers.Result{
			"stripe":  {{Name: "x", Status: providers.Pass}},
			"connect": {{Name: "x", Status: providers.Pass}},
		},
	}
	for _, o := range Evaluate(in) {
		if strings.Contains(o.Detail+o.Todo, liveSecret) || strings.Contains(o.Detail+o.Todo, livePub) {
			t.Errorf("%s quotes a key in full", o.Item.ID)
		}
	}
	if got := providers.ShownSetting("sandbox", "sandbox"); got != "sandbox" {
		t.Errorf("a known setting is shown as %q", got)
	}
}

func TestUnusedProvidersAreLeftOut(t *testing.T) {
	for _, o := range Evaluate(Input{Specs: uses("stripe")}) {
		if o.Item.Owner != "" && o.Item.Owner != "stripe" {
			t.Errorf("%s (of %s) evaluated for a Stripe-only file", o.Item.ID, o.Item.Owner)
		}
	}
}

func TestResultsMapping(t *testing.T) {
	in := Input{Specs: uses("stripe"), Values: providers.Values{StripeSecretKey: liveSecret}, Results: stripePass,
		Confirmed: map[string]string{"secrets-manager": "2026-11-23"}}
	byID := map[string]providers.Result{}
	for _, r := range Results(Evaluate(in)) {
		if r.Provider != providers.Readiness {
			t.Errorf("provider %q", r.Provider)
		}
		byID[r.Name] = r
	}
	want := map[string]providers.Status{
		"secrets-manager":          providers.Pass, // confirmed
		"stripe-account-activated": providers.Fail, // required, not confirmed
		"stripe-key-rotation":      providers.Warn, // recommended, not confirmed
		"restricted-key":           providers.Warn,
		"stripe-live-keys":         providers.Pass,
	}
	for id, st := range want {
		if byID[id].Status != st {
			t.Errorf("%s: %q, want %q", id, byID[id].Status, st)
		}
	}
}

func TestEveryItemHasWordsAndLink(t *testing.T) {
	seen := map[string]bool{}
	for _, it := range allItems() {
		if seen[it.ID] {
			t.Errorf("duplicate id %s", it.ID)
		}
		seen[it.ID] = true
		if it.Title == "" || it.Why == "" || !strings.HasPrefix(it.URL, "https://") {
			t.Errorf("%s: title, why and an https link are all needed", it.ID)
		}
		if (it.Kind == Auto) != (it.judge != nil) {
			t.Errorf("%s: automatic items need a rule, confirm items must not have one", it.ID)
		}
	}
}
