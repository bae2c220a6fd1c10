package plaid

import (
	"strings"
	"testing"

	"github.com/onboard-dev/onboard/internal/providers"
	"github.com/onboard-dev/onboard/internal/providers/sandbox"
)

const (
	goodID     = sandbox.DemoPlaidClientID
	goodSecret = sandbox.DemoPlaidSecret
	// Right-shaped values the simulator does not accept.
	otherID     = "0123456789abcdef01234567"
	otherSecret = "0123456789abcdef0123456789abcd"
)

func fieldByKey(t *testing.T, key string) providers.Field {
	t.Helper()
	for _, f := range New(Config{}).Fields() {
		if f.Key == key {
			return f
		}
	}
	t.Fatalf("no field %s", key)
	return providers.Field{}
}

// TestFormatRules runs every rule through Field.Check, the way the form and
// `onboard check` do, so option handling and the field's own words are
// tested together.
func TestFormatRules(t *testing.T) {
	const (
		ok      = -1
		invalid = int(providers.Invalid)
		warn    = int(providers.Warning)
	)
	cases := []struct {
		key, value string
		other      providers.Values
		want       int
		mention    string // a word the message must hold
	}{
		{KeyClientID, goodID, nil, ok, ""},
		{KeyClientID, `"` + goodID + `"`, nil, ok, ""},
		{KeyClientID, "", nil, invalid, "required"},
		{KeyClientID, strings.ToUpper(goodID), nil, warn, "lowercase"},
		{KeyClientID, goodID[:20], nil, warn, "20 characters"},
		{KeyClientID, "64f0a1b2c3d4e5f60718293z", nil, warn, "other letters"},
		{KeyClientID, "64f0a1b2-c3d4e5f60718293a", nil, warn, "nothing extra"},
		{KeyClientID, "64f0a1b2c3d4 e5f60718293a", nil, invalid, "spaces"},
		{KeyClientID, "sk_test_51abcdefghijklmnop", nil, invalid, "Stripe secret key"},
		{KeyClientID, "pk_live_51abcdefghijklmnop", nil, invalid, "Stripe publishable key"},
		{KeyClientID, "access-sandbox-0b6ae5e4-8a4a-4c3f-9d41-3c3f0e8a1b2c", nil, invalid, "access token"},
		{KeyClientID, "your_client_id_here", nil, invalid, "placeholder"},
		{KeyClientID, goodSecret, providers.Values{KeySecret: otherSecret}, warn, "length of a Plaid secret"},
		{KeyClientID, goodID, providers.Values{KeySecret: goodID}, invalid, "same value"},

		{KeySecret, goodSecret, nil, ok, ""},
		{KeySecret, strings.ToUpper(goodSecret), nil, warn, "lowercase"},
		{KeySecret, goodSecret + "ab", nil, warn, "32 characters"},
		{KeySecret, "access-sandbox-0b6ae5e4-8a4a-4c3f-9d41-3c3f0e8a1b2c", nil, invalid, "access token"},
		{KeySecret, "public-sandbox-0b6ae5e4-8a4a-4c3f-9d41-3c3f0e8a1b2c", nil, invalid, "public token"},
		{KeySecret, "sk_live_51abcdefghijklmnop", nil, invalid, "Stripe secret key"},
		{KeySecret, "de70de70de70de70 de70de70de70de", nil, invalid, "spaces"},
		{KeySecret, goodID, providers.Values{KeyClientID: otherID}, warn, "length of a Plaid client_id"},
		{KeySecret, goodSecret, providers.Values{KeyClientID: goodSecret}, invalid, "same as the client_id"},

		{KeyEnv, "sandbox", nil, ok, ""},
		{KeyEnv, "production", nil, ok, ""},
		{KeyEnv, "development", nil, invalid, "Limited Production"},
		{KeyEnv, "development", nil, invalid, "Trial plan"},
		{KeyEnv, "Sandbox", nil, invalid, "lowercase"},
		{KeyEnv, "staging", nil, invalid, "sandbox or production"},

		{KeyProducts, "transactions", nil, ok, ""},
		{KeyProducts, "auth, transactions,identity", nil, ok, ""},
		{KeyProducts, "auth,crypto", nil, invalid, `"crypto" is not a Plaid product`},
		{KeyProducts, "balance", nil, invalid, "every Item comes with it"},
		// Link takes identity_verification; only the Sandbox shortcut does not.
		{KeyProducts, "identity_verification", nil, ok, ""},
		{KeyProducts, "beacon,auth", nil, ok, ""},
		{KeyProducts, "income", nil, invalid, "Link does not take it"},
		{KeyProducts, "recurring_transactions", nil, invalid, "Link does not take it"},
		{KeyProducts, "cra_income_insights", nil, invalid, "cra_base_report"},
		{KeyProducts, "cra_base_report,cra_income_insights", nil, ok, ""},
		{KeyProducts, "auth,auth,cra_lend_score", nil, invalid, "cra_base_report"},
		{KeyProducts, "payment_initiation", nil, ok, ""},
		{KeyProducts, "payment_initiation,auth", nil, invalid, "on its own"},
		{KeyProducts, "Transactions", nil, invalid, "lowercase"},
		{KeyProducts, "auth,auth", nil, warn, "twice"},
		{KeyProducts, ",", nil, invalid, "at least one"},

		{KeyCountryCodes, "US,CA", nil, ok, ""},
		{KeyCountryCodes, "GB, FR", nil, ok, ""},
		{KeyCountryCodes, "US,UK", nil, invalid, "GB"},
		{KeyCountryCodes, "us", nil, invalid, "capitals"},
		{KeyCountryCodes, "US,XX", nil, invalid, `"XX"`},
		{KeyCountryCodes, "US", providers.Values{KeyProducts: "transfer,auth"}, ok, ""},
		{KeyCountryCodes, "US,CA", providers.Values{KeyProducts: "transfer"}, warn, "with CA listed too, Link will not offer transfer"},
		{KeyCountryCodes, "GB", providers.Values{KeyProducts: "transfer"}, warn, "transfer works with US banks only"},
		{KeyCountryCodes, "GB,FR", providers.Values{KeyProducts: "payment_initiation"}, ok, ""},
		{KeyCountryCodes, "US,GB", providers.Values{KeyProducts: "payment_initiation"}, warn, "UK and European banks"},
		{KeyCountryCodes, "US,CA", providers.Values{KeyProducts: "cra_base_report,cra_income_insights"}, warn, "Consumer Report products work with US banks only"},
		{KeyCountryCodes, "US,CA", providers.Values{KeyProducts: "auth,crypto"}, ok, ""},

		{KeyRedirectURI, "", nil, ok, ""},
		{KeyRedirectURI, "https://example.com/oauth", nil, ok, ""},
		{KeyRedirectURI, "http://localhost:3000/oauth", nil, ok, ""},
		{KeyRedirectURI, "http://localhost:3000/oauth", providers.Values{KeyEnv: "production"}, invalid, "https"},
		{KeyRedirectURI, "http://example.com/oauth", nil, invalid, "https"},
		{KeyRedirectURI, "example.com", nil, invalid, "full URL"},
		{KeyRedirectURI, "https://example.com/oauth?from=plaid", nil, warn, "without a query"},
	}
	for _, c := range cases {
		all := providers.Values{KeyClientID: goodID, KeySecret: goodSecret, KeyEnv: "sandbox"}
		for k, v := range c.other {
			all[k] = v
		}
		all[c.key] = c.value
		got := fieldByKey(t, c.key).Check(c.value, all)
		switch {
		case c.want == ok && got != nil:
			t.Errorf("%s=%s: want no finding, got %q", c.key, maskForLog(c.value), got.Msg)
		case c.want != ok && got == nil:
			t.Errorf("%s=%s: want a finding mentioning %q, got none", c.key, maskForLog(c.value), c.mention)
		case got != nil && (int(got.Severity) != c.want || !strings.Contains(got.Msg, c.mention)):
			t.Errorf("%s=%s: got severity %d %q; want severity %d mentioning %q", c.key, maskForLog(c.value), got.Severity, got.Msg, c.want, c.mention)
		}
		if (c.key == KeyClientID || c.key == KeySecret) && got != nil && len(c.value) > 8 && strings.Contains(got.Msg, strings.TrimSpace(c.value)) {
			t.Errorf("%s: the message quotes the value", c.key)
		}
	}
}

// maskForLog keeps test output free of anything key-shaped.
func maskForLog(v string) string {
	if len(v) <= 6 {
		return v
	}
	return v[:4] + "…"
}

func TestDefaultsAndOptionsFollowTheQuickstart(t *testing.T) {
	// The quickstart's products are auth,transactions,signal; signal also
	// wants a ruleset from the dashboard, so it is not a default here.
	want := map[string]string{KeyEnv: "sandbox", KeyProducts: "auth,transactions", KeyCountryCodes: "US,CA"}
	for k, d := range want {
		if f := fieldByKey(t, k); f.Default != d {
			t.Errorf("%s default = %q, want %q", k, f.Default, d)
		}
	}
	if !fieldByKey(t, KeySecret).Secret {
		t.Error("PLAID_SECRET must be marked secret")
	}
	for _, o := range ProductOptions {
		if o.Help == "" || o.Label == "" {
			t.Errorf("product %s lacks a label or help", o.Value)
		}
	}
	if env := fieldByKey(t, KeyEnv); len(env.Options) != 2 {
		t.Errorf("PLAID_ENV options = %v, want sandbox and production only", env.Options)
	}
}

func TestChecklistPerEnvironment(t *testing.T) {
	p := New(Config{})
	titles := func(v providers.Values) string {
		var b strings.Builder
		for _, it := range p.Checklist(v) {
			if !strings.HasPrefix(it.URL, "https://") || it.Detail == "" {
				t.Errorf("item %q lacks an https URL or a detail", it.Title)
			}
			b.WriteString(it.Title + "|")
		}
		return b.String()
	}
	sb := titles(providers.Values{})
	pr := titles(providers.Values{KeyEnv: "production"})
	if !strings.Contains(sb, "Sandbox secret") || strings.Contains(sb, "Production access") {
		t.Errorf("sandbox checklist: %s", sb)
	}
	if !strings.Contains(pr, "Request Production access") || !strings.Contains(pr, "Choose a plan") || !strings.Contains(pr, "Production secret") {
		t.Errorf("production checklist: %s", pr)
	}
	// Production's prerequisites: a Link use case, the US OAuth banks'
	// registration (for US users), an allowed redirect URI.
	for _, want := range []string{"Set your Link use case", "Register for the major US OAuth banks", "Allow your OAuth redirect URI"} {
		if !strings.Contains(pr, want) {
			t.Errorf("production checklist lacks %q: %s", want, pr)
		}
	}
	if gb := titles(providers.Values{KeyEnv: "production", KeyCountryCodes: "GB"}); strings.Contains(gb, "US OAuth") {
		t.Errorf("a project without US banks is asked to register with them: %s", gb)
	}
	for _, it := range p.Checklist(providers.Values{KeyEnv: "production"}) {
		if strings.Contains(it.Detail, "Limited Production") && !strings.Contains(it.Detail, "Trial") {
			t.Errorf("%q offers Limited Production, which new accounts no longer get", it.Title)
		}
	}
	if strings.Contains(sb, "redirect URI") || strings.Contains(sb, "Signal") {
		t.Errorf("the default sandbox checklist asks for what it does not use: %s", sb)
	}
	sig := titles(providers.Values{KeyProducts: "auth,signal", KeyRedirectURI: "http://localhost:3000/oauth"})
	if !strings.Contains(sig, "Signal ruleset") || !strings.Contains(sig, "Allow your OAuth redirect URI") {
		t.Errorf("sandbox checklist with signal and a redirect URI: %s", sig)
	}
}
