package check

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/onboard-dev/onboard/internal/exit"
	"github.com/onboard-dev/onboard/internal/providers"
	"github.com/onboard-dev/onboard/internal/testkit/leakcheck"
	"github.com/onboard-dev/onboard/internal/testkit/stripemock"
)

// Teams point tools at Stripe's stripe-mock in CI. It accepts any
// well-formed sk_test_ key and models no accounts, so what it cannot
// answer (do the keys belong to one account? do payments succeed? is
// Connect on?) is skipped with that reason, and a good pair of keys passes.
func TestCheckAgainstStripeMock(t *testing.T) {
	const (
		sk = "sk_test_OnboardCheckStripeMock0123456789"
		pk = "pk_test_OnboardCheckStripeMock0123456789"
	)
	mock := stripemock.Start(t)
	cases := []struct {
		name string
		env  string
	}{
		{"keys only", envText("STRIPE_SECRET_KEY", sk, "STRIPE_PUBLISHABLE_KEY", pk)},
		{"with Connect", envText("STRIPE_SECRET_KEY", sk, "STRIPE_PUBLISHABLE_KEY", pk,
			"STRIPE_CONNECT_FEES_PAYER", "application", "STRIPE_CONNECT_LOSSES_PAYMENTS", "application",
			"STRIPE_CONNECT_DASHBOARD", "express", "STRIPE_CONNECT_REQUIREMENT_COLLECTION", "stripe")},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := newRepo(t)
			writeFile(t, filepath.Join(dir, ".env"), c.env)
			r := run(t, Options{Dir: dir, JSON: true, URLs: urls("", mock)})
			d := decode(t, r.stdout)
			if r.code != exit.OK || !d.OK {
				t.Fatalf("exit %d, ok %v against stripe-mock; failures: %v", r.code, d.OK, failures(d))
			}
			if got := mustFind(t, d, "stripe", "secret key works"); got.Status != providers.Pass {
				t.Errorf("secret key: %s %s", got.Status, got.Detail)
			}
			for _, name := range []string{"keys from one account", "test payment", "declined test card"} {
				if got := mustFind(t, d, "stripe", name); got.Status != providers.Skip || !strings.Contains(got.Detail, "stripe-mock") {
					t.Errorf("%s: %s %q, want skipped for stripe-mock", name, got.Status, got.Detail)
				}
			}
			if c.name == "with Connect" {
				if got := mustFind(t, d, "connect", "Connect enabled"); got.Status != providers.Skip || !strings.Contains(got.Detail, "stripe-mock") {
					t.Errorf("Connect enabled: %s %q, want skipped for stripe-mock", got.Status, got.Detail)
				}
			}
			text := run(t, Options{Dir: dir, URLs: urls("", mock)})
			if text.code != exit.OK || !strings.Contains(text.stdout, "stripe-mock") {
				t.Errorf("text report: exit %d\n%s", text.code, text.stdout)
			}
			leakcheck.AssertNoLeak(t, "check against stripe-mock", []byte(r.stdout+r.stderr+text.stdout+text.stderr), sk)
		})
	}
}
