package stripe

import (
	"context"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/onboard-dev/onboard/internal/providers"
	"github.com/onboard-dev/onboard/internal/providers/sandbox"
)

func TestAuthorizeURL(t *testing.T) {
	u, err := url.Parse(AuthorizeURL(sandbox.DemoStripeClientID, "https://example.com/cb", "st8"))
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	if u.Scheme+"://"+u.Host+u.Path != "https://connect.stripe.com/oauth/authorize" ||
		q.Get("response_type") != "code" || q.Get("client_id") != sandbox.DemoStripeClientID ||
		q.Get("scope") != "read_write" || q.Get("redirect_uri") != "https://example.com/cb" || q.Get("state") != "st8" {
		t.Fatalf("standard OAuth URL: %s", u.Redacted())
	}
	bare, _ := url.Parse(AuthorizeURL(sandbox.DemoStripeClientID, "", ""))
	if bare.Query().Has("redirect_uri") || bare.Query().Has("state") {
		t.Fatalf("OAuth URL without redirect and state: %s", bare.Redacted())
	}
}

func TestChecklists(t *testing.T) {
	allURLs := func(items []providers.ChecklistItem) string {
		var b strings.Builder
		for _, it := range items {
			if it.Title == "" || it.Detail == "" || !strings.HasPrefix(it.URL, "https://") {
				t.Errorf("incomplete checklist item %+v", it)
			}
			b.WriteString(it.URL + " " + it.Detail + "\n")
		}
		return b.String()
	}
	p, c := New(Config{}), NewConnect(Config{})
	test := allURLs(p.Checklist(providers.Values{}))
	// Sandboxes are the test environment: their pages are the account
	// pages of whichever sandbox is in view, not /test/ pages.
	for _, want := range []string{"dashboard.stripe.com/register", "dashboard.stripe.com/sandboxes", "dashboard.stripe.com/apikeys", "stripe sandbox create", "Workbench → Webhooks → Create an event destination", "Reveal"} {
		if !strings.Contains(test, want) {
			t.Errorf("test checklist lacks %s", want)
		}
	}
	if strings.Contains(test, "/test/") || strings.Contains(strings.ToLower(test), "toggle") {
		t.Errorf("test checklist still points at test mode")
	}
	live := allURLs(p.Checklist(providers.Values{EnvSecretKey: "sk_live_51AbC"}))
	if strings.Contains(live, "/test/") || !strings.Contains(live, "dashboard.stripe.com/apikeys") {
		t.Errorf("live checklist points at test pages")
	}
	std := allURLs(c.Checklist(providers.Values{EnvConnectAccountType: "standard"}))
	for _, want := range []string{"connect/overview", "settings/connect/platform-profile", "dashboard.stripe.com/settings/connect", "Account Links", "debit card"} {
		if !strings.Contains(std, want) {
			t.Errorf("standard Connect checklist lacks %s", want)
		}
	}
	if exp := allURLs(c.Checklist(providers.Values{EnvConnectAccountType: "express"})); !strings.Contains(exp, "account_links") || !strings.Contains(exp, "To keep it, choose: the Express Dashboard") {
		t.Errorf("express Connect checklist lacks Account Links, or does not carry over the old setting")
	}
	org := allURLs(p.Checklist(providers.Values{EnvSecretKey: "sk_org_test_51AbC"}))
	if !strings.Contains(org, "Stripe-Context") || !strings.Contains(org, EnvContext) {
		t.Errorf("the checklist does not say what an organization key needs")
	}
}

func TestProviderIdentity(t *testing.T) {
	var p, c providers.Provider = New(Config{}), NewConnect(Config{})
	if p.Spec().ID != "stripe" || p.Spec().Name != "Stripe" || c.Spec().ID != "connect" || c.Spec().Name != "Stripe Connect" || c.Spec().Requires[0] != ID {
		t.Fatal("provider IDs or names changed")
	}
	if got := newAPI(Config{}).cfg.BaseURL; got != DefaultBaseURL {
		t.Fatalf("default base URL %s", got)
	}
}

// Several verifications at once (the wizard runs Plaid's beside Stripe's)
// share nothing mutable: -race proves it.
func TestConcurrentVerifies(t *testing.T) {
	cfg, sim := startSim(t, sandbox.Options{})
	p, c := New(cfg), NewConnect(cfg)
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(2)
		go func() {
			defer wg.Done()
			for _, r := range p.Verify(context.Background(), demoValues(), func(providers.Result) {}) {
				if r.Status != providers.Pass {
					t.Errorf("%s: %s %s", r.Name, r.Status, r.Detail)
				}
			}
		}()
		go func() {
			defer wg.Done()
			for _, r := range c.Verify(context.Background(), demoValues(), nil) {
				if r.Name == CheckConnectEnabled && r.Status != providers.Pass {
					t.Errorf("%s: %s %s", r.Name, r.Status, r.Detail)
				}
			}
		}()
	}
	wg.Wait()
	if n := sim.ConnectedAccounts(); n != 0 {
		t.Fatalf("%d connected accounts left behind", n)
	}
}
