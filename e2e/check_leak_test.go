package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/onboard-dev/onboard/internal/providers/sandbox"
)

// Distinctive secrets, each of a real shape and each marked LEAKCANARY so a
// leak is unmistakable; none is accepted by the simulators.
const (
	canaryTestSK  = "sk_test_51LEAKCANARYwrongTestSecretQ7xW3vB9nM2"
	canaryTestPK  = "pk_test_51LEAKCANARYwrongTestPublishJ4gF6dS8a"
	canaryLiveSK  = "sk_live_51LEAKCANARYliveSecretZq7Xw3Vb9Nm2Lk5"
	canaryLivePK  = "pk_live_51LEAKCANARYlivePublishableHh4Gg6Ff8D"
	canaryWhsec   = "whsec_LEAKCANARYwebhookSigningSecretPp0Ll9Kk8"
	canaryPlaidID = "1eac0a4a1eac0a4a1eac0a4a"
	canaryPlaidSK = "1eac0a4a5ec4e71eac0a4a5ec4e71e"
	// A Production secret: it must never leave for a host that is not Plaid's.
	canaryPlaidLive = "11feca4a11feca4a11feca4a11feca"
	// Malformed: a space inside, and a secret key cut short.
	canaryBroken = "sk_test_51LEAKCANARY brokenWith SpaceInside0"
)

// canaries are the secrets to look for. Publishable keys and client ids
// are public by design and are not among them (check masks them anyway);
// a secret key pasted where a publishable one belongs is.
var canaries = []string{canaryTestSK, canaryLiveSK, canaryWhsec,
	canaryPlaidSK, canaryPlaidLive, canaryBroken,
	sandbox.DemoStripeSecretKey, sandbox.DemoStripeWebhookSecret, sandbox.DemoPlaidSecret}

func envText(kv ...string) string {
	var b strings.Builder
	for i := 0; i+1 < len(kv); i += 2 {
		b.WriteString(kv[i] + "=" + kv[i+1] + "\n")
	}
	return b.String()
}

var demoKeys = envText(
	"PLAID_CLIENT_ID", sandbox.DemoPlaidClientID, "PLAID_SECRET", sandbox.DemoPlaidSecret,
	"PLAID_ENV", "sandbox", "PLAID_PRODUCTS", "transactions", "PLAID_COUNTRY_CODES", "US,CA",
	"STRIPE_SECRET_KEY", sandbox.DemoStripeSecretKey, "STRIPE_PUBLISHABLE_KEY", sandbox.DemoStripePublishableKey,
	"STRIPE_WEBHOOK_SECRET", sandbox.DemoStripeWebhookSecret,
	"STRIPE_CONNECT_ACCOUNT_TYPE", "standard", "STRIPE_CLIENT_ID", sandbox.DemoStripeClientID)

// TestCheckLeaksNothing runs `onboard check`, the real binary, over every
// kind of .env — good keys, wrong keys, malformed keys, secrets in the
// wrong variables, live keys pointed at a simulator, unreachable hosts — in
// text, JSON and production-report form, and scans all it produced.
func TestCheckLeaksNothing(t *testing.T) {
	files := map[string]string{
		"good keys": demoKeys,
		"wrong keys": envText("PLAID_CLIENT_ID", canaryPlaidID, "PLAID_SECRET", canaryPlaidSK, "PLAID_ENV", "sandbox",
			"STRIPE_SECRET_KEY", canaryTestSK, "STRIPE_PUBLISHABLE_KEY", canaryTestPK, "STRIPE_WEBHOOK_SECRET", canaryWhsec),
		"malformed keys": envText("PLAID_CLIENT_ID", canaryPlaidSK+"zz", "PLAID_SECRET", `"`+canaryBroken+`"`,
			"STRIPE_SECRET_KEY", canaryBroken, "STRIPE_PUBLISHABLE_KEY", canaryTestSK, "STRIPE_WEBHOOK_SECRET", canaryLiveSK),
		"secrets in option fields": envText("PLAID_ENV", canaryPlaidSK, "PLAID_PRODUCTS", canaryTestSK+",auth",
			"PLAID_COUNTRY_CODES", canaryWhsec, "STRIPE_SECRET_KEY", canaryTestSK,
			"STRIPE_CONNECT_ACCOUNT_TYPE", canaryLiveSK, "STRIPE_CONNECT_PAYOUT_SCHEDULE", canaryTestPK),
		"live keys": envText("STRIPE_SECRET_KEY", canaryLiveSK, "STRIPE_PUBLISHABLE_KEY", canaryLivePK,
			"PLAID_CLIENT_ID", canaryPlaidID, "PLAID_SECRET", canaryPlaidLive, "PLAID_ENV", "production"),
	}
	s := startSims(t)
	closed := closedURL(t)
	type mode struct {
		name string
		args []string
	}
	modes := []mode{
		{"text", []string{"--plaid-url", s.plaidURL, "--stripe-url", s.stripeURL}},
		{"json", []string{"--json", "--plaid-url", s.plaidURL, "--stripe-url", s.stripeURL}},
		{"unreachable", []string{"--json", "--plaid-url", closed, "--stripe-url", closed}},
		{"production", []string{"--production", "--report", "readiness.md", "--plaid-url", s.plaidURL, "--stripe-url", s.stripeURL}},
	}
	for name, content := range files {
		for _, m := range modes {
			t.Run(name+"/"+m.name, func(t *testing.T) {
				dir := newRepo(t)
				if err := os.WriteFile(filepath.Join(dir, ".env"), []byte(content), 0o600); err != nil {
					t.Fatal(err)
				}
				r := runBin(t, dir, nil, 60*time.Second, append([]string{"check", "--dir", dir}, m.args...)...)
				if r.timedOut {
					t.Fatalf("onboard check did not finish within 60 s")
				}
				if r.code != 0 && r.code != 1 {
					t.Errorf("exit %d, want 0 or 1; stderr: %s", r.code, maskAll(r.stderr))
				}
				if m.name == "production" {
					if _, err := os.Stat(filepath.Join(dir, "readiness.md")); err != nil {
						t.Errorf("no readiness report: %v", err)
					}
				}
				assertNoLeakAnywhere(t, name+"/"+m.name, r, dir, &s, canaries)
			})
		}
	}
	// A live key is never sent to anything but the provider's own host.
	for _, live := range []string{canaryLiveSK, canaryLivePK, canaryPlaidLive} {
		if n := s.stripe.carrying(live) + s.plaid.carrying(live); n > 0 {
			t.Errorf("a live key reached a simulator in %d requests", n)
		}
	}
}

// maskAll keeps a failure message from printing what it reports on.
func maskAll(b []byte) string {
	out := string(b)
	for _, c := range canaries {
		out = strings.ReplaceAll(out, c, "<secret>")
	}
	return out
}
