package stripe

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/onboard-dev/onboard/internal/providers"
	"github.com/onboard-dev/onboard/internal/providers/sandbox"
	"github.com/onboard-dev/onboard/internal/providers/sandbox/stripesim"
)

func TestConnectSettingsRead(t *testing.T) {
	cases := []struct {
		values providers.Values
		want   Controller
		src    settingsSource
	}{
		{providers.Values{}, legacyStandard, fromDefaults},
		{providers.Values{EnvConnectAccountType: "express"}, legacyExpress, fromLegacy},
		{providers.Values{EnvConnectAccountType: "Custom"}, legacyCustom, fromLegacy},
		{settingsValues(legacyCustom), legacyCustom, fromProperties},
		// One set, the rest default; the old variable is then ignored.
		{providers.Values{EnvFeesPayer: "application", EnvConnectAccountType: "custom"}, Controller{"application", "stripe", "full", "stripe"}, fromProperties},
	}
	for i, c := range cases {
		got, src := connectSettings(c.values)
		if got != c.want || src != c.src {
			t.Errorf("case %d: %+v from %d, want %+v from %d", i, got, src, c.want, c.src)
		}
	}
	if legacyStandard.Legacy() != "standard" || legacyExpress.Legacy() != "express" || legacyCustom.Legacy() != "custom" || (Controller{"application", "stripe", "full", "stripe"}).Legacy() != "" {
		t.Fatal("legacy names")
	}
	// The default is Stripe's safe start: Stripe covers losses, full Dashboard.
	for _, f := range connectSettingFields() {
		if !f.Allowed(f.Default) {
			t.Errorf("%s: default %q is not an option", f.Key, f.Default)
		}
	}
	if defaultConnect != legacyStandard {
		t.Fatal("the default is not Stripe-owned losses with the full Dashboard")
	}
}

func TestSettingsResult(t *testing.T) {
	cases := []struct {
		values       providers.Values
		status       providers.Status
		detail, hint string
	}{
		{providers.Values{}, providers.Pass, "not set, so onboard assumed the safe start: the full Stripe Dashboard", ""},
		{settingsValues(legacyExpress), providers.Pass, "the Express Dashboard, your platform pays Stripe's fees, your platform covers losses, Stripe collects requirements (Express accounts, in Stripe's older names)", ""},
		{settingsValues(Controller{"application", "stripe", "full", "stripe"}), providers.Pass, "no name for", ""},
		{providers.Values{EnvConnectAccountType: "express"}, providers.Warn, "STRIPE_CONNECT_ACCOUNT_TYPE=express read as the Express Dashboard", EnvDashboard},
		{providers.Values{EnvConnectAccountType: "platinum"}, providers.Fail, "not one of standard, express or custom", "Run onboard"},
		{with(settingsValues(legacyStandard), EnvConnectAccountType, "custom"), providers.Warn, "", "ignores it"},
		{with(settingsValues(legacyStandard), EnvRequirementCollection, "application"), providers.Warn, "", "no Stripe dashboard"},
	}
	for _, c := range cases {
		expect(t, settingsResult(c.values), c.status, c.detail, c.hint)
	}
	// A key pasted into the old variable is never shown.
	live := "sk_live_51LiveOnb0ardKeyAbCdEf0123456789AbCdEf"
	if r := settingsResult(providers.Values{EnvConnectAccountType: live}); strings.Contains(r.Detail+r.Hint, live) || strings.Contains(r.Detail, strings.ToLower(live)) {
		t.Fatal("the old variable's value is quoted")
	}
}

// The test account is made with the chosen controller properties, not the
// deprecated type, so the check proves what the person chose.
func TestTestAccountCarriesTheChoice(t *testing.T) {
	var mu sync.Mutex
	var bodies []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		bodies = append(bodies, r.Method+" "+r.URL.Path+" "+string(b))
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"id":"acct_1NewOnb0ardTest","object":"account","deleted":true}`)
	}))
	defer srv.Close()
	c := NewConnect(Config{BaseURL: srv.URL, HTTP: fastHTTP()})
	rs := verify(t, c, with(demoValues(), EnvFeesPayer, "application", EnvLosses, "application", EnvDashboard, "express", EnvRequirementCollection, "stripe"))
	expect(t, byName(t, rs, CheckConnectEnabled), providers.Pass, "created a test express account", "")
	create, _ := url.ParseQuery(strings.SplitN(bodies[0], " ", 3)[2])
	want := map[string]string{
		"controller[fees][payer]": "application", "controller[losses][payments]": "application",
		"controller[stripe_dashboard][type]": "express", "controller[requirement_collection]": "stripe",
		"capabilities[transfers][requested]": "true",
	}
	for k, v := range want {
		if create.Get(k) != v {
			t.Errorf("%s = %q, want %q", k, create.Get(k), v)
		}
	}
	if create.Has("type") || create.Has("country") {
		t.Errorf("the test account was sent with type or country: %v", create)
	}
}

// Stripe answers "Connect is off" and "these settings do not fit your
// platform profile" with the same HTTP 400; each gets its own words and fix.
func TestConnectOffIsNotAProfileConflict(t *testing.T) {
	cases := []struct {
		name         string
		setup        func(*stripesim.Sim)
		values       providers.Values
		detail, hint string
		notDetail    string
	}{
		{name: "Connect off", setup: func(s *stripesim.Sim) { s.SetConnectEnabled(false) }, values: demoValues(),
			detail: "Connect is not turned on for this account", hint: "connect/overview", notDetail: "platform profile"},
		{name: "losses the profile does not allow", setup: func(s *stripesim.Sim) { s.SetPlatformLosses("stripe") },
			values: with(demoValues(), EnvConnectAccountType, "express"),
			detail: "Connect is on, but Stripe refused a test account with these settings (the Express Dashboard", hint: "platform-profile", notDetail: "not turned on"},
		{name: "profile unanswered", setup: func(s *stripesim.Sim) { s.SetPlatformProfileComplete(false) }, values: demoValues(),
			detail: "do not fit your platform profile", hint: "choose the settings your profile names", notDetail: "not turned on"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cfg, sim := startSim(t, sandbox.Options{})
			c.setup(sim)
			r := byName(t, verify(t, NewConnect(cfg), c.values), CheckConnectEnabled)
			expect(t, r, providers.Fail, c.detail, c.hint)
			if strings.Contains(r.Detail, c.notDetail) {
				t.Errorf("the two refusals are confused: %q", r.Detail)
			}
		})
	}
	// The same settings pass once they fit the profile.
	cfg, sim := startSim(t, sandbox.Options{})
	sim.SetPlatformLosses("stripe")
	expect(t, byName(t, verify(t, NewConnect(cfg), demoValues()), CheckConnectEnabled), providers.Pass, "created a test standard account", "")
}

func TestConnectNeedsNoClientID(t *testing.T) {
	cfg, _ := startSim(t, sandbox.Options{})
	for _, ctrl := range []Controller{legacyStandard, legacyExpress, legacyCustom} {
		v := with(demoValues())
		for k, val := range settingsValues(ctrl) {
			v[k] = val
		}
		rs := verify(t, NewConnect(cfg), v)
		expect(t, byName(t, rs, CheckClientID), providers.Skip, "not needed", "")
		expect(t, byName(t, rs, CheckConnectEnabled), providers.Pass, "created a test "+ctrl.Legacy()+" account", "")
	}
}

// An organization key is sent with the Stripe-Context header naming the
// chosen account, and never without one.
func TestOrganizationKey(t *testing.T) {
	cfg, sim := startSim(t, sandbox.Options{})
	v := with(demoValues(), EnvSecretKey, stripesim.OrgKey, EnvContext, sandbox.DemoStripeAccountID)
	rs := verify(t, New(cfg), v)
	for _, r := range rs {
		if r.Status != providers.Pass {
			t.Errorf("%s: %s %s", r.Name, r.Status, r.Detail)
		}
	}
	expect(t, byName(t, rs, CheckSecretKey), providers.Pass, "organization key acting for account", "")
	// The context names the other account: the demo publishable key is not
	// that account's.
	rs = verify(t, New(cfg), with(v, EnvContext, stripesim.OtherAccountID))
	expect(t, byName(t, rs, CheckSameAccount), providers.Fail, "does not belong to the account STRIPE_CONTEXT names", "")

	before := sim.Requests()
	rs = verify(t, New(cfg), with(v, EnvContext, ""))
	expect(t, byName(t, rs, CheckSecretKey), providers.Fail, "STRIPE_CONTEXT is empty", "STRIPE_CONTEXT")
	expect(t, byName(t, verify(t, NewConnect(cfg), with(v, EnvContext, "")), CheckConnectEnabled), providers.Skip, "STRIPE_CONTEXT", "")
	if sim.Requests() != before {
		t.Fatal("an organization key was sent without a Stripe-Context")
	}
	expect(t, byName(t, verify(t, NewConnect(cfg), v), CheckConnectEnabled), providers.Pass, "created a test standard account", "")
}

func TestClaimableSandboxKey(t *testing.T) {
	cfg, _ := startSim(t, sandbox.Options{})
	rs := verify(t, New(cfg), with(demoValues(), EnvSecretKey, stripesim.ClaimableKey))
	expect(t, byName(t, rs, CheckSecretKey), providers.Pass, "claimable sandbox key (it expires 7 days", "")
	expect(t, byName(t, rs, CheckPayment), providers.Pass, "succeeded", "")
}

func TestWebhookSecretWithOddCharactersWarns(t *testing.T) {
	expect(t, webhookResult(providers.Values{EnvWebhookSecret: "whsec_AbC-dEf+0123456789"}), providers.Warn, "other characters", "Workbench → Webhooks")
	expect(t, webhookResult(providers.Values{EnvWebhookSecret: "whsec_"}), providers.Fail, "cut short", "")
	f := stripeFields(providers.AnyMode)[2]
	if f.Key != EnvWebhookSecret || !f.Recognize("whsec_AbC-dEf+0123456789") {
		t.Fatal("a whsec_ with odd characters is not recognised as a secret, so it could be shown")
	}
}

func TestNewKeyKindsAreMasked(t *testing.T) {
	ps := []providers.Provider{New(Config{})}
	for _, v := range []string{stripesim.OrgKey, stripesim.ClaimableKey, "oak_51AbCdEf0123456789", "sk_org_51AbCdEf0123456789"} {
		if !providers.LooksSecret(ps, v) {
			t.Errorf("a %s is not recognised as a secret", ParseKey(v).Kind)
		}
	}
}
