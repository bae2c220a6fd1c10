package scan

import (
	"strings"
	"testing"

	"github.com/onboard-dev/onboard/internal/scan/scantest"
	"github.com/onboard-dev/onboard/internal/secret"
)

// kindsIn runs the detector over text and returns the kinds found, with
// the value each covers.
func kindsIn(text string, values ...Value) map[string]Kind {
	d := newDetector(values)
	out := map[string]Kind{}
	for _, h := range d.find([]byte(text), 0, len(text)) {
		out[text[h.start:h.end]] = h.kind
	}
	return out
}

func TestPatterns(t *testing.T) {
	alnum := "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	sk, rk, skTest := scantest.StripeKey("sk_live_"), scantest.StripeKey("rk_test_"), scantest.StripeKey("sk_test_")
	org := "sk_org_live_" + scantest.Random(60, alnum)
	sandbox := "rkcs_test_" + scantest.Random(60, alnum)
	hook := scantest.WebhookSecret()
	secret30, id24 := scantest.Hex(30), scantest.Hex(24)
	token := scantest.PlaidToken()
	mixed30 := scantest.Random(30, alnum)
	cases := []struct {
		name, text, value string
		want              Kind // "" = must not be found
	}{
		{"stripe live secret", `stripe = Stripe("` + sk + `")`, sk, StripeSecretKey},
		{"stripe test secret, then a comma", `keys = [` + skTest + `, other]`, skTest, StripeSecretKey},
		{"stripe restricted", "STRIPE_SECRET_KEY=" + rk, rk, StripeRestrictedKey},
		{"stripe organization", "key: " + org, org, StripeOrgKey},
		{"stripe claimable sandbox", "key: " + sandbox, sandbox, StripeSandboxKey},
		{"webhook secret", "STRIPE_WEBHOOK_SECRET=" + hook, hook, StripeWebhookSecret},
		{"inside a longer word", "mask" + sk, "mask" + sk, ""},
		{"placeholder xxxx", `"sk_live_xxxxxxxxxxxxxxxxxxxxxxxx"`, "sk_live_xxxxxxxxxxxxxxxxxxxxxxxx", ""},
		{"placeholder 0123456789", `"sk_test_0123456789abcdefghij"`, "sk_test_0123456789abcdefghij", ""},
		{"placeholder AbCdEf", `"sk_test_AbCdEfGhIjKlMnOpQrStUv"`, "sk_test_AbCdEfGhIjKlMnOpQrStUv", ""},
		{"placeholder your key", `"sk_test_YOURSECRETKEYHERE12345"`, "sk_test_YOURSECRETKEYHERE12345", ""},
		{"stripe's documentation key", `"sk_test_4eC39HqLyjWDarjtT1zdp7dc"`, "sk_test_4eC39HqLyjWDarjtT1zdp7dc", ""},
		{"too short", `"sk_live_ab12"`, "sk_live_ab12", ""},
		{"plaid secret, env style", "PLAID_SECRET=" + secret30, secret30, PlaidSecret},
		{"plaid secret, json under a secret key", `{"secret": "` + secret30 + `"}`, secret30, PlaidSecret},
		{"plaid secret, python with spaces", `PLAID_SECRET = "` + secret30 + `"`, secret30, PlaidSecret},
		{"plaid secret, go", `plaidSecret := "` + secret30 + `"`, secret30, PlaidSecret},
		{"plaid key, not hex, gitleaks-style", `plaid_key = "` + mixed30 + `"`, mixed30, PlaidSecret},
		{"30 letters under 'secret' but not hex", `secret: "` + mixed30 + `"`, mixed30, ""},
		{"30 hex with no marker", `checksum = "` + secret30 + `"`, secret30, ""},
		{"30 hex, no assignment", `plaid ` + secret30, secret30, ""},
		{"plaid secret all zeros", `PLAID_SECRET="000000000000000000000000000000"`, "000000000000000000000000000000", ""},
		{"plaid client id", "PLAID_CLIENT_ID=" + id24, id24, PlaidClientID},
		{"plaid client id, yaml under plaid", "plaid:\n  env: sandbox\n  client_id: " + id24 + "\n", id24, PlaidClientID},
		{"a client_id of something else", "github:\n  client_id: " + id24 + "\n", id24, ""},
		{"a MongoDB ObjectId", `{"_id": "` + id24 + `"}`, id24, ""},
		{"plaid access token", `token = "` + token + `"`, token, PlaidAccessToken},
		{"access token of another kind", `t = "access-staging-` + token[len("access-sandbox-"):] + `"`, "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := kindsIn(c.text)
			if c.want == "" {
				for v, k := range got {
					t.Errorf("found %s as %s, want nothing", secret.Mask(v), k)
				}
				return
			}
			if got[c.value] != c.want {
				t.Errorf("want %s found as %s; found %d matches", secret.Mask(c.value), c.want, len(got))
			}
		})
	}
}

func TestExactValues(t *testing.T) {
	plaidSecret, clientID, sk := scantest.Hex(30), scantest.Hex(24), scantest.StripeKey("sk_live_")
	values := []Value{
		{Name: "PLAID_SECRET", Source: ".env", Value: secret.Secret(plaidSecret)},
		{Name: "PLAID_CLIENT_ID", Source: ".env", Value: secret.Secret(clientID)},
		{Name: "STRIPE_SECRET_KEY", Source: ".env", Value: secret.Secret(sk)},
		{Name: "PLAID_SECRET", Source: "environment", Value: secret.Secret("short")},
	}
	// Hard-coded with no marker: no pattern can tell these are keys; the
	// exact values can.
	text := `client = plaid.Client("` + clientID + `", "` + plaidSecret + `")` + "\n" + `s = "` + sk + `"`
	d := newDetector(values)
	hits := d.find([]byte(text), 0, len(text))
	got := map[string]hit{}
	for _, h := range hits {
		got[text[h.start:h.end]] = h
	}
	for v, want := range map[string]struct {
		kind Kind
		name string
	}{plaidSecret: {PlaidSecret, "PLAID_SECRET"}, clientID: {PlaidClientID, "PLAID_CLIENT_ID"}, sk: {StripeSecretKey, "STRIPE_SECRET_KEY"}} {
		h, ok := got[v]
		if !ok || h.kind != want.kind || h.env < 0 || values[h.env].Name != want.name {
			t.Errorf("%s: got %+v, want %s from %s", secret.Mask(v), h, want.kind, want.name)
		}
	}
	if len(hits) != 3 {
		t.Errorf("%d hits, want 3", len(hits))
	}
	// A value that is not a plain word (a Plaid access token has '-') is
	// found too, and marks the pattern's match.
	token := scantest.PlaidToken()
	d = newDetector([]Value{{Name: "PLAID_ACCESS_TOKEN", Value: secret.Secret(token)}})
	text = "x = '" + token + "'"
	hits = d.find([]byte(text), 0, len(text))
	if len(hits) != 1 || hits[0].kind != PlaidAccessToken || hits[0].env != 0 {
		t.Errorf("access token as a known value: %+v", hits)
	}
}

func TestPlaceholderFilterKeepsRandomKeys(t *testing.T) {
	// The filter must not drop real keys: thousands of random ones pass.
	alnum := "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	for i := 0; i < 3000; i++ {
		for _, v := range []string{scantest.Hex(30), scantest.Hex(24), scantest.Random(99, alnum), scantest.Random(32, alnum)} {
			if !looksRandom([]byte(v)) {
				t.Fatalf("a random value was taken for a placeholder: %s", secret.Mask(v))
			}
		}
	}
	for _, p := range []string{"000000000000000000000000000000", "abcdefabcdefabcdefabcdef", "1234567890abcdef1234567890ab",
		"xxxxxxxxxxxxxxxxxxxxxxxx", "your_plaid_secret_here", "EXAMPLEKEY000000000000", strings.Repeat("ab12", 8)} {
		if looksRandom([]byte(p)) {
			t.Errorf("%q passed as random", p)
		}
	}
}
