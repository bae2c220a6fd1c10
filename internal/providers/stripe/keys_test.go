package stripe

import (
	"strings"
	"testing"

	"github.com/onboard-dev/onboard/internal/providers"
	"github.com/onboard-dev/onboard/internal/providers/sandbox"
)

func TestParseKey(t *testing.T) {
	cases := []struct {
		in   string
		want KeyInfo
	}{
		{"pk_test_51AbC", KeyInfo{Kind: Publishable, Live: false}},
		{"pk_live_51AbC", KeyInfo{Kind: Publishable, Live: true}},
		{"sk_test_51AbC", KeyInfo{Kind: Secret, Live: false}},
		{"sk_live_51AbC", KeyInfo{Kind: Secret, Live: true}},
		{"rk_test_51AbC", KeyInfo{Kind: Restricted, Live: false}},
		{"rk_live_51AbC", KeyInfo{Kind: Restricted, Live: true}},
		{"whsec_AbC123", KeyInfo{Kind: WebhookSecret, Live: false}},
		{"we_1AbC", KeyInfo{Kind: WebhookEndpoint, Live: false}},
		{"ca_AbC123", KeyInfo{Kind: ClientID, Live: false}},
		{"acct_1AbC", KeyInfo{Kind: AccountID, Live: false}},
		{"sk_test_", KeyInfo{}},                                                     // prefix only
		{"sk_test_abc_def", KeyInfo{}},                                              // underscore in the body
		{"sk_test_abc def", KeyInfo{}},                                              // space in the body
		{"sk_prod_abc", KeyInfo{}},                                                  // no such mode
		{"SK_TEST_abc", KeyInfo{}},                                                  // prefixes are lower case
		{"tok_123", KeyInfo{}},                                                      // not a credential we take
		{"", KeyInfo{}},                                                             //
		{"sk_test_" + strings.Repeat("a", 300), KeyInfo{Kind: Secret, Live: false}}, // length is not checked
		{"sk_org_test_51AbC", KeyInfo{Kind: OrgSecret}},
		{"sk_org_live_51AbC", KeyInfo{Kind: OrgSecret, Live: true}},
		{"sk_org_51AbC", KeyInfo{Kind: OrgSecret, Live: true, ModeUnknown: true}}, // no mode: handled as live
		{"rkcs_test_51AbC", KeyInfo{Kind: ClaimableSandbox}},
		{"rkcs_51AbC", KeyInfo{Kind: ClaimableSandbox}},
		{"oak_51AbC", KeyInfo{Kind: CLIOAuth}},
		{"whsec_abc-def", KeyInfo{}}, // recognised as a secret, but not well-formed
	}
	for _, c := range cases {
		if got := ParseKey(c.in); got != c.want {
			t.Errorf("ParseKey(%s) = %+v, want %+v", ParseKey(c.in).Kind, got, c.want)
		}
	}
	for _, demo := range []string{sandbox.DemoStripeSecretKey, sandbox.DemoStripePublishableKey, sandbox.DemoStripeWebhookSecret, sandbox.DemoStripeClientID, sandbox.DemoStripeAccountID} {
		if ParseKey(demo).Kind == Unknown {
			t.Errorf("a demo value of length %d is not recognised", len(demo))
		}
	}
}

// Each field names a value pasted into it by what it is and says what
// belongs there.
func TestWrongFieldMessages(t *testing.T) {
	const (
		sk    = "sk_test_51AbCdEf0123456789"
		skL   = "sk_live_51AbCdEf0123456789"
		pk    = "pk_test_51AbCdEf0123456789"
		pkL   = "pk_live_51AbCdEf0123456789"
		rk    = "rk_test_51AbCdEf0123456789"
		whsec = "whsec_AbCdEf0123456789"
		we    = "we_1AbCdEf0123456789"
		ca    = "ca_AbCdEf0123456789"
		acct  = "acct_1AbCdEf0123456789"
		plaid = "64f0a1b2c3d4e5f60718293a"
		org   = "sk_org_test_51AbCdEf0123456789"
		rkcs  = "rkcs_test_51AbCdEf0123456789"
		oak   = "oak_51AbCdEf0123456789"
	)
	fields := map[string]providers.Field{}
	for _, f := range append(stripeFields(providers.AnyMode), connectFields()...) {
		fields[f.Key] = f
	}
	cases := []struct {
		field, value string
		others       providers.Values
		sev          providers.Severity // checked only when want != ""
		want         string             // "" = accepted
	}{
		{EnvSecretKey, sk, nil, 0, ""},
		{EnvSecretKey, skL, nil, 0, ""},
		{EnvSecretKey, "  " + sk + "\n", nil, 0, ""},
		{EnvSecretKey, `"` + sk + `"`, nil, 0, ""},
		{EnvSecretKey, pk, nil, providers.Invalid, "This is a publishable key (pk_…); the secret key starts with sk_test_ or sk_live_"},
		{EnvSecretKey, rk, nil, providers.Warning, "restricted key (rk_…)"},
		{EnvSecretKey, whsec, nil, providers.Invalid, "webhook signing secret (whsec_…), which belongs in STRIPE_WEBHOOK_SECRET"},
		{EnvSecretKey, ca, nil, providers.Invalid, "Connect client ID (ca_…), which belongs in STRIPE_CLIENT_ID"},
		{EnvSecretKey, plaid, nil, providers.Invalid, "looks like a Plaid client_id or secret"},
		{EnvSecretKey, "de70de70de70de70de70de70de70de", nil, providers.Invalid, "looks like a Plaid"},
		{EnvSecretKey, "sk_test_abc-def", nil, providers.Invalid, "only letters and digits"},
		{EnvSecretKey, "hello", nil, providers.Invalid, "not a Stripe value"},
		{EnvSecretKey, "", nil, providers.Invalid, "required"},
		{EnvSecretKey, sk, providers.Values{EnvPublishableKey: pkL}, providers.Invalid, "secret key is a test key but the publishable key is a live key"},
		{EnvSecretKey, rk, providers.Values{EnvPublishableKey: pkL}, providers.Invalid, "same mode"},
		// The newer key kinds each get their own words.
		{EnvSecretKey, org, providers.Values{EnvContext: "acct_1AbC"}, 0, ""},
		{EnvSecretKey, "sk_org_51AbCdEf0123456789", providers.Values{EnvPublishableKey: pk}, 0, ""}, // its mode is not in the prefix: not "mixed"
		{EnvSecretKey, rkcs, nil, providers.Warning, "stops working 7 days"},
		{EnvSecretKey, oak, nil, providers.Invalid, "Stripe CLI's own login key (oak_…)"},
		{EnvPublishableKey, oak, nil, providers.Invalid, "not meant for an app's .env"},
		{EnvPublishableKey, org, nil, providers.Invalid, "organization key (sk_org_…)"},
		{EnvContext, "", providers.Values{EnvSecretKey: org}, providers.Invalid, "acts for whichever account the Stripe-Context header names"},
		{EnvContext, "", providers.Values{EnvSecretKey: sk}, 0, ""},
		{EnvContext, "acct_1AbC", providers.Values{EnvSecretKey: org}, 0, ""},
		{EnvContext, "acct_1AbC/acct_2DeF", providers.Values{EnvSecretKey: org}, 0, ""},
		{EnvContext, "acct_1AbC", providers.Values{EnvSecretKey: sk}, providers.Warning, "Only an organization key"},
		{EnvContext, ca, providers.Values{EnvSecretKey: org}, providers.Invalid, "account ID (acct_…)"},

		{EnvPublishableKey, pk, providers.Values{EnvSecretKey: sk}, 0, ""},
		{EnvPublishableKey, sk, nil, providers.Invalid, "This is a secret key (sk_…), which belongs in STRIPE_SECRET_KEY"},
		{EnvPublishableKey, rk, nil, providers.Invalid, "restricted key (rk_…)"},
		{EnvPublishableKey, pkL, providers.Values{EnvSecretKey: sk}, providers.Invalid, "secret key is a test key but the publishable key is a live key"},
		{EnvPublishableKey, pk, providers.Values{EnvSecretKey: skL}, providers.Invalid, "secret key is a live key but the publishable key is a test key"},
		{EnvPublishableKey, plaid, nil, providers.Invalid, "Plaid"},

		{EnvWebhookSecret, "", nil, 0, ""},
		{EnvWebhookSecret, whsec, nil, 0, ""},
		{EnvWebhookSecret, we, nil, providers.Invalid, "webhook endpoint's ID (we_…), not its signing secret; the signing secret starts with whsec_ — reveal it on the endpoint's page"},
		{EnvWebhookSecret, sk, nil, providers.Invalid, "secret key (sk_…), which belongs in STRIPE_SECRET_KEY; the signing secret starts with whsec_"},
		{EnvWebhookSecret, "whsec_", nil, providers.Invalid, "cut short"},
		// Stripe does not promise the body's alphabet: odd characters warn.
		{EnvWebhookSecret, "whsec_AbC-dEf+0123456789", nil, providers.Warning, "other characters"},

		{EnvClientID, ca, nil, 0, ""},
		{EnvClientID, acct, nil, providers.Invalid, "This is an account ID (acct_…), not the Connect client ID; the client ID starts with ca_"},
		{EnvClientID, pk, nil, providers.Invalid, "publishable key (pk_…), which belongs in STRIPE_PUBLISHABLE_KEY; the Connect client ID starts with ca_"},
		// No account choice needs a client ID any more: only OAuth does.
		{EnvClientID, "", providers.Values{EnvConnectAccountType: "standard"}, 0, ""},
		{EnvClientID, "", providers.Values{EnvDashboard: "full"}, 0, ""},
		{EnvClientID, "", providers.Values{EnvConnectAccountType: "express"}, 0, ""},

		{EnvDashboard, "express", nil, 0, ""},
		{EnvDashboard, "platinum", nil, providers.Invalid, "not a known value"},
		{EnvFeesPayer, "application", nil, 0, ""},
		{EnvLosses, "stripe", nil, 0, ""},
		{EnvRequirementCollection, "stripe", nil, 0, ""},
		{EnvRequirementCollection, "application", settingsValues(legacyCustom), 0, ""},
		{EnvRequirementCollection, "application", providers.Values{EnvDashboard: "full"}, providers.Warning, "only for accounts with no Stripe dashboard"},
		{EnvPayoutSchedule, "manual", nil, 0, ""},
		{EnvPayoutSchedule, "hourly", nil, providers.Invalid, "not a known value"},
	}
	for _, c := range cases {
		f, ok := fields[c.field]
		if !ok {
			t.Fatalf("no field %s", c.field)
		}
		all := providers.Values{c.field: c.value}
		for k, v := range c.others {
			all[k] = v
		}
		err := f.Check(c.value, all)
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%s rejected a %s: %s", c.field, ParseKey(providers.Normalize(c.value)).Kind, err.Msg)
		case c.want != "" && err == nil:
			t.Errorf("%s accepted a value that should give %q", c.field, c.want)
		case c.want != "" && (!strings.Contains(err.Msg, c.want) || err.Severity != c.sev):
			t.Errorf("%s: got %q (severity %d), want %q (severity %d)", c.field, err.Msg, err.Severity, c.want, c.sev)
		}
		if err != nil && len(f.Options) == 0 && len(providers.Normalize(c.value)) >= 12 && strings.Contains(err.Msg, providers.Normalize(c.value)) {
			t.Errorf("%s: the message quotes the value", c.field)
		}
	}
}

func TestFieldsDescribeEverything(t *testing.T) {
	for _, f := range append(stripeFields(providers.AnyMode), connectFields()...) {
		if f.Label == "" || f.Help == "" {
			t.Errorf("%s lacks a label or help", f.Key)
		}
		for _, o := range f.Options {
			if o.Help == "" || o.Label == "" {
				t.Errorf("%s option %s lacks help", f.Key, o.Value)
			}
		}
	}
	secretFields := map[string]bool{EnvSecretKey: true, EnvWebhookSecret: true}
	for _, f := range stripeFields(providers.AnyMode) {
		if f.Secret != secretFields[f.Key] {
			t.Errorf("%s: Secret=%v", f.Key, f.Secret)
		}
	}
	var payout providers.Field
	for _, f := range connectFields() {
		if f.Key == EnvPayoutSchedule {
			payout = f
		}
	}
	manual := payout.Options[3]
	if manual.Value != "manual" || !strings.Contains(manual.Help, "debit card") || !strings.Contains(manual.Help, "fee") {
		t.Errorf("the payout help must say instant payouts need a debit card and cost a fee")
	}
}

// A key that does not fit the setup is flagged as it is typed: a sandbox
// key in production, a live key in a development .env.
func TestKeysFitTheMode(t *testing.T) {
	const (
		sk  = "sk_test_51AbCdEf0123456789"
		skL = "sk_live_51AbCdEf0123456789"
		pkL = "pk_live_51AbCdEf0123456789"
	)
	cases := []struct {
		mode  providers.Mode
		field string
		value string
		want  string // "" = no finding
	}{
		{providers.Production, EnvSecretKey, sk, "production setup"},
		{providers.Production, EnvSecretKey, skL, ""},
		{providers.Development, EnvSecretKey, skL, "for development"},
		{providers.Development, EnvPublishableKey, pkL, "for development"},
		{providers.Development, EnvSecretKey, sk, ""},
		{providers.AnyMode, EnvSecretKey, skL, ""},
		{providers.AnyMode, EnvSecretKey, sk, ""},
	}
	for _, c := range cases {
		for _, f := range New(Config{Mode: c.mode}).Fields() {
			if f.Key != c.field {
				continue
			}
			e := f.Check(c.value, providers.Values{c.field: c.value})
			switch {
			case c.want == "" && e != nil:
				t.Errorf("%s %s: %q", c.mode, c.field, e.Msg)
			case c.want != "" && (e == nil || e.Severity != providers.Warning || !strings.Contains(e.Msg, c.want)):
				t.Errorf("%s %s: %v, want a warning with %q", c.mode, c.field, e, c.want)
			}
		}
	}
	// The checklist follows the mode; outside the wizard's modes, the keys.
	if got := New(Config{Mode: providers.Production}).Checklist(providers.Values{}); !strings.Contains(got[0].Title, "live") {
		t.Errorf("production checklist starts with %q", got[0].Title)
	}
	if got := New(Config{Mode: providers.Development}).Checklist(providers.Values{EnvSecretKey: skL}); strings.Contains(got[0].Title, "live") {
		t.Errorf("development checklist starts with %q", got[0].Title)
	}
}

// The publishable key is the one a framework may hand to browser code,
// and a pasted block of keys is sorted into the fields by their shapes.
func TestFieldsForFrameworksAndPaste(t *testing.T) {
	for _, f := range New(Config{}).Fields() {
		if f.Public != (f.Key == EnvPublishableKey) || f.Public && f.Secret {
			t.Errorf("%s: Public=%v Secret=%v", f.Key, f.Public, f.Secret)
		}
	}
	want := map[string]string{
		EnvSecretKey: sandbox.DemoStripeSecretKey, EnvPublishableKey: sandbox.DemoStripePublishableKey,
		EnvWebhookSecret: sandbox.DemoStripeWebhookSecret, EnvClientID: sandbox.DemoStripeClientID,
	}
	for _, f := range append(New(Config{}).Fields(), NewConnect(Config{}).Fields()...) {
		for key, v := range want {
			if f.Recognize != nil && f.Recognize(v) != (f.Key == key) {
				t.Errorf("%s recognises the demo %s: %v", f.Key, key, f.Recognize(v))
			}
		}
	}
}
