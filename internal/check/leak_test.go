package check

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/onboard-dev/onboard/internal/providers/sandbox"
)

// Every path, with distinctive secrets; none may appear in stdout, stderr or
// the readiness report, not even the part between prefix and last four.
func TestNoSecretInAnyOutput(t *testing.T) {
	const (
		liveSK     = "sk_live_51LeakCanaryLiveSecretZq7Xw3Vb9Nm2Lk5"
		livePK     = "pk_live_51LeakCanaryLivePublishJh4Gf6Ds8Aa1Qq"
		wrongSK    = "sk_test_51LeakCanaryWrongSecretTt5Yy6Uu7Ii8Oo9"
		whsec      = "whsec_LeakCanaryWebhookSigningSecretPp0Ll9"
		shellSK    = "sk_test_51LeakCanaryShellExportedRr4Ee3Ww2Qq1"
		plaidSec   = "feedfacecafebeef0123456789abcd"
		plaidID    = "beefbeefbeefbeef01234567"
		misplaced  = "sk_test_51LeakCanaryInThePublishableFieldMm8Nn7"
		plaidWrong = "0badc0de0badc0de0badc0de0badc0"
	)
	secrets := []string{liveSK, livePK, wrongSK, whsec, shellSK, plaidSec, plaidID, misplaced, plaidWrong,
		sandbox.DemoStripeSecretKey, sandbox.DemoStripePublishableKey, sandbox.DemoPlaidSecret, sandbox.DemoStripeWebhookSecret}

	s := startSims(t)
	shell := func(k string) (string, bool) {
		if k == "STRIPE_SECRET_KEY" {
			return shellSK, true
		}
		return "", false
	}
	files := map[string]string{
		"demo": demoEnv(),
		"live": envText("STRIPE_SECRET_KEY", liveSK, "STRIPE_PUBLISHABLE_KEY", livePK, "STRIPE_WEBHOOK_SECRET", whsec,
			"PLAID_CLIENT_ID", plaidID, "PLAID_SECRET", plaidSec, "PLAID_ENV", "production"),
		"wrong keys": envText("STRIPE_SECRET_KEY", wrongSK, "PLAID_CLIENT_ID", plaidID, "PLAID_SECRET", plaidWrong, "PLAID_ENV", "sandbox"),
		"misplaced":  envText("STRIPE_SECRET_KEY", livePK, "STRIPE_PUBLISHABLE_KEY", misplaced, "STRIPE_WEBHOOK_SECRET", liveSK),
		"keys in settings": envText("STRIPE_SECRET_KEY", wrongSK, "STRIPE_PUBLISHABLE_KEY", misplaced,
			"STRIPE_CONNECT_ACCOUNT_TYPE", liveSK, "PLAID_ENV", livePK, "PLAID_CLIENT_ID", plaidID, "PLAID_SECRET", plaidSec,
			"PLAID_PRODUCTS", whsec, "PLAID_COUNTRY_CODES", plaidWrong),
		"mixed": envText("STRIPE_SECRET_KEY", liveSK, "STRIPE_PUBLISHABLE_KEY", sandbox.DemoStripePublishableKey),
	}
	var all strings.Builder
	for name, content := range files {
		dir := newRepo(t)
		writeFile(t, filepath.Join(dir, ".env"), content)
		for _, o := range []Options{
			{JSON: true, URLs: urls(s.plaidURL, s.stripeURL), LookupEnv: shell},
			{Color: true, URLs: urls(s.plaidURL, s.stripeURL), Production: true, Confirm: []string{"secrets-manager"}},
			{JSON: true, URLs: urls(closedPort(t), closedPort(t)), Production: true},
			{JSON: true, Production: true, URLs: urls(s.plaidURL, s.stripeURL), LookupEnv: shell},
		} {
			o.Dir = dir
			r := run(t, o)
			all.WriteString(r.stdout + r.stderr)
			if o.Production {
				b, err := os.ReadFile(filepath.Join(dir, "onboard-readiness.md"))
				if err != nil {
					t.Fatalf("%s: no report: %v", name, err)
				}
				all.Write(b)
			}
		}
	}
	out := all.String()
	for _, sec := range secrets {
		body := sec[len(sec)-16 : len(sec)-4] // a stretch Mask never shows
		if strings.Contains(out, sec) || strings.Contains(out, body) {
			t.Errorf("a secret (%s) appears in the output", maskForTest(sec))
		}
	}
}

func maskForTest(s string) string { return s[:3] + "…" + s[len(s)-2:] }
