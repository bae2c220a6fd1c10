package stripe

import (
	"context"
	"net/http"
	"sync"
	"testing"

	"github.com/onboard-dev/onboard/internal/providers"
	"github.com/onboard-dev/onboard/internal/providers/sandbox"
	"github.com/onboard-dev/onboard/internal/providers/sandbox/stripesim"
)

func TestVerifyHappyPath(t *testing.T) {
	cfg, _ := startSim(t, sandbox.Options{})
	p := New(cfg)
	var mu sync.Mutex
	seen := map[string][]providers.Status{}
	rs := p.Verify(context.Background(), demoValues(), func(r providers.Result) {
		mu.Lock()
		seen[r.Name] = append(seen[r.Name], r.Status)
		mu.Unlock()
	})
	noLeak(t, rs)
	if len(rs) != len(p.Checks(demoValues())) {
		t.Fatalf("got %d results for %d checks", len(rs), len(p.Checks(demoValues())))
	}
	for i, name := range p.Checks(demoValues()) {
		if rs[i].Name != name || rs[i].Provider != "stripe" {
			t.Fatalf("result %d is %s/%q, want stripe/%q", i, rs[i].Provider, rs[i].Name, name)
		}
	}
	expect(t, rs[0], providers.Pass, sandbox.DemoStripeAccountName, "")
	expect(t, rs[0], providers.Pass, "acct_…Demo", "")
	expect(t, rs[1], providers.Pass, "visible to the secret key", "")
	expect(t, rs[2], providers.Pass, "test keys", "")
	expect(t, rs[3], providers.Pass, "no API to confirm", "")
	for _, name := range []string{CheckSecretKey, CheckSameAccount} {
		if got := seen[name]; len(got) != 2 || got[0] != providers.Running || got[1] != providers.Pass {
			t.Fatalf("%s reported %v, want [running pass]", name, got)
		}
	}
}

func TestVerifyHintedErrors(t *testing.T) {
	unknownSK := "sk_test_51UnknownOnb0ardKeyZq8Xw2Lm7Nb4Vc6Hd9Jf1Gs3Ta0Ye2Ui8Ro5Pw7Qe4Rt6Yu1Io3Pa9Sd5Fg1234"
	unknownPK := "pk_test_51UnknownOnb0ardKeyZq8Xw2Lm7Nb4Vc6Hd9Jf1Gs3Ta0Ye2Ui8Ro5Pw7Qe4Rt6Yu1Io3Pa9Sd5Fg1234"
	cases := []struct {
		name             string
		values           providers.Values
		check            string
		status           providers.Status
		detail, hint     string
		alsoSameAccount  providers.Status
		checkSameAccount bool
	}{
		{name: "unknown secret key", values: with(demoValues(), EnvSecretKey, unknownSK),
			check: CheckSecretKey, status: providers.Fail, detail: "Invalid API Key provided: sk_test_****1234", hint: "mistyped",
			checkSameAccount: true, alsoSameAccount: providers.Skip},
		{name: "rolled secret key", values: with(demoValues(), EnvSecretKey, stripesim.ExpiredKey),
			check: CheckSecretKey, status: providers.Fail, detail: "api_key_expired", hint: "rolled"},
		{name: "unknown publishable key", values: with(demoValues(), EnvPublishableKey, unknownPK),
			check: CheckSameAccount, status: providers.Fail, detail: "Invalid API Key", hint: "publishable key"},
		{name: "keys of two accounts", values: with(demoValues(), EnvPublishableKey, stripesim.OtherAccountPublishableKey),
			check: CheckSameAccount, status: providers.Fail, detail: "different Stripe account", hint: "account picker"},
		{name: "restricted key", values: with(demoValues(), EnvSecretKey, stripesim.RestrictedKey),
			check: CheckSecretKey, status: providers.Pass, detail: "account acct_…Demo"},
		{name: "restricted key cannot read tokens", values: with(demoValues(), EnvSecretKey, stripesim.RestrictedKey),
			check: CheckSameAccount, status: providers.Warn, detail: "restricted key may not read tokens", hint: "restricted key"},
		{name: "test and live mixed", values: with(demoValues(), EnvPublishableKey, "pk_live_51LiveOnb0ardKeyAbCdEf0123456789"),
			check: CheckModes, status: providers.Fail, detail: "test key but the publishable key is a live key", hint: "one API keys page",
			checkSameAccount: true, alsoSameAccount: providers.Skip},
		{name: "publishable key as secret", values: with(demoValues(), EnvSecretKey, sandbox.DemoStripePublishableKey),
			check: CheckSecretKey, status: providers.Fail, detail: "This is a publishable key (pk_…)", hint: "API keys"},
		{name: "bad webhook secret", values: with(demoValues(), EnvWebhookSecret, "we_1AbCdEf"),
			check: CheckWebhook, status: providers.Fail, detail: "endpoint's ID", hint: "Webhooks"},
		{name: "no webhook secret", values: with(demoValues(), EnvWebhookSecret, ""),
			check: CheckWebhook, status: providers.Skip, detail: "optional"},
	}
	cfg, _ := startSim(t, sandbox.Options{})
	p := New(cfg)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rs := verify(t, p, c.values)
			expect(t, byName(t, rs, c.check), c.status, c.detail, c.hint)
			if c.checkSameAccount {
				if got := byName(t, rs, CheckSameAccount).Status; got != c.alsoSameAccount {
					t.Fatalf("%s: %s, want %s", CheckSameAccount, got, c.alsoSameAccount)
				}
			}
		})
	}
}

func TestLiveKeyNeverLeavesForAnotherHost(t *testing.T) {
	cfg, sim := startSim(t, sandbox.Options{})
	live := providers.Values{
		EnvSecretKey:      "sk_live_51LiveOnb0ardKeyAbCdEf0123456789AbCdEf",
		EnvPublishableKey: "pk_live_51LiveOnb0ardKeyAbCdEf0123456789AbCdEf",
	}
	rs := verify(t, New(cfg), live)
	expect(t, byName(t, rs, CheckSecretKey), providers.Fail, "refusing to send a live Stripe key", "Nothing was sent")
	expect(t, byName(t, rs, CheckSameAccount), providers.Skip, "not run", "")
	crs := verify(t, NewConnect(cfg), with(live, EnvConnectAccountType, "express"))
	expect(t, byName(t, crs, CheckConnectEnabled), providers.Fail, "refusing to send a live Stripe key", "Nothing was sent")
	if n := sim.Requests(); n != 0 {
		t.Fatalf("the simulator received %d requests carrying a live key", n)
	}
}

func TestLiveModeSkipsTheTokenWrite(t *testing.T) {
	p := New(Config{})
	res := p.sameAccountResult(context.Background(), newRun("stripe", p.Checks(nil), nil), creds{}, "", KeyInfo{Kind: Secret, Live: true}, KeyInfo{Kind: Publishable, Live: true})
	expect(t, res, providers.Warn, "no writes with live keys", "same account")
}

func TestConnectCreatesAndDeletesATestAccount(t *testing.T) {
	cfg, sim := startSim(t, sandbox.Options{})
	c := NewConnect(cfg)
	for _, typ := range []string{"standard", "express", "custom"} {
		t.Run(typ, func(t *testing.T) {
			v := with(demoValues(), EnvConnectAccountType, typ, EnvClientID, sandbox.DemoStripeClientID)
			rs := verify(t, c, v)
			expect(t, byName(t, rs, CheckConnectEnabled), providers.Pass, "created a test "+typ+" account", "")
			expect(t, byName(t, rs, CheckClientID), providers.Pass, "ca_…", "")
			if n := sim.ConnectedAccounts(); n != 0 {
				t.Fatalf("%d connected accounts left behind", n)
			}
		})
	}
}

func TestConnectErrors(t *testing.T) {
	cases := []struct {
		name         string
		setup        func(*stripesim.Sim)
		values       providers.Values
		status       providers.Status
		detail, hint string
	}{
		{name: "Connect not enabled", setup: func(s *stripesim.Sim) { s.SetConnectEnabled(false) },
			values: demoValues(), status: providers.Fail, detail: "signed up for Connect", hint: "https://dashboard.stripe.com/connect/overview"},
		{name: "platform profile incomplete", setup: func(s *stripesim.Sim) { s.SetPlatformProfileComplete(false) },
			values: demoValues(), status: providers.Fail, detail: "managing losses", hint: "https://dashboard.stripe.com/settings/connect/platform-profile"},
		{name: "restricted key without Connect permission",
			values: with(demoValues(), EnvSecretKey, stripesim.RestrictedKey), status: providers.Fail, detail: "Having the 'rak_connected_account_write' permission", hint: "without the rak_connected_account_write permission"},
		{name: "no secret key", values: providers.Values{}, status: providers.Skip, detail: "STRIPE_SECRET_KEY"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cfg, sim := startSim(t, sandbox.Options{})
			if c.setup != nil {
				c.setup(sim)
			}
			rs := verify(t, NewConnect(cfg), c.values)
			expect(t, byName(t, rs, CheckConnectEnabled), c.status, c.detail, c.hint)
			if n := sim.ConnectedAccounts(); n != 0 {
				t.Fatalf("%d connected accounts left behind", n)
			}
		})
	}
}

func TestConnectClientIDRule(t *testing.T) {
	cases := []struct {
		typ, id string
		status  providers.Status
		detail  string
	}{
		{"standard", "", providers.Skip, "not needed"}, // no account choice needs a client ID
		{"express", "", providers.Skip, "Account Links"},
		{"custom", "acct_1AbCdEfGh", providers.Fail, "This is an account ID (acct_…)"},
		{"standard", sandbox.DemoStripeClientID, providers.Pass, "ca_…"},
	}
	for _, c := range cases {
		r := clientIDResult(providers.Values{EnvConnectAccountType: c.typ, EnvClientID: c.id})
		expect(t, r, c.status, c.detail, "")
	}
}

// Cancelling while the create is in flight must still leave no account: the
// replay with the same Idempotency-Key learns its ID and deletes it.
func TestCancelledConnectCheckStillDeletesTheAccount(t *testing.T) {
	cfg, sim := startSim(t, sandbox.Options{})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	sim.OnAccountCreated(func(r *http.Request) {
		cancel()
		<-r.Context().Done() // answer only once the client has gone
	})
	rs := NewConnect(cfg).Verify(ctx, demoValues(), nil)
	noLeak(t, rs)
	expect(t, byName(t, rs, CheckConnectEnabled), providers.Skip, "cancelled", "")
	if n := sim.ConnectedAccounts(); n != 0 {
		t.Fatalf("%d connected accounts left behind after cancellation", n)
	}
	if n := sim.CreatedAccounts(); n != 1 {
		t.Fatalf("%d accounts created; the replay must not create a second", n)
	}
}

func TestCancelledAfterCreateStillDeletes(t *testing.T) {
	cfg, sim := startSim(t, sandbox.Options{})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	c := NewConnect(cfg)
	// Cancel as soon as the check reports it is running: the create then
	// fails before it is sent, and the cleanup path must still run clean.
	rs := c.Verify(ctx, demoValues(), func(r providers.Result) {
		if r.Name == CheckConnectEnabled && r.Status == providers.Running {
			cancel()
		}
	})
	expect(t, byName(t, rs, CheckConnectEnabled), providers.Skip, "cancelled", "")
	if n := sim.ConnectedAccounts(); n != 0 {
		t.Fatalf("%d connected accounts left behind", n)
	}
}
