package check

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/onboard-dev/onboard/internal/exit"
	"github.com/onboard-dev/onboard/internal/providers"
	"github.com/onboard-dev/onboard/internal/providers/sandbox"
	"github.com/onboard-dev/onboard/internal/testkit/leakcheck"
)

// Without a team file, a .env with only the Stripe secret key is checked:
// the missing publishable key is a warning, the secret key is verified.
func TestOnlyTheSecretKeyIsStillVerified(t *testing.T) {
	s := startSims(t)
	dir := newRepo(t)
	writeFile(t, filepath.Join(dir, ".env"), envText("STRIPE_SECRET_KEY", sandbox.DemoStripeSecretKey))
	r := run(t, Options{Dir: dir, JSON: true, URLs: urls("", s.stripeURL)})
	d := decode(t, r.stdout)
	if got := mustFind(t, d, "stripe", "STRIPE_PUBLISHABLE_KEY"); got.Status != providers.Warn {
		t.Errorf("missing publishable key: %+v, want a warning", got)
	}
	if got := mustFind(t, d, "stripe", "secret key works"); got.Status != providers.Pass {
		t.Errorf("secret key check %+v, want it run and passed", got)
	}
	if r.code != exit.OK {
		t.Errorf("exit %d, want 0; failures %v", r.code, failures(d))
	}
}

// With a team file, what it requires must be there.
func TestTeamFileSaysWhatIsRequired(t *testing.T) {
	s := startSims(t)
	dir := newRepo(t)
	writeFile(t, filepath.Join(dir, ".env"), envText("STRIPE_SECRET_KEY", sandbox.DemoStripeSecretKey))
	writeFile(t, filepath.Join(dir, "onboard.json"), `{"version":1,"services":["stripe"],"variables":{"required":["STRIPE_SECRET_KEY","STRIPE_PUBLISHABLE_KEY","STRIPE_WEBHOOK_SECRET"]}}`)
	r := run(t, Options{Dir: dir, JSON: true, URLs: urls("", s.stripeURL)})
	d := decode(t, r.stdout)
	for _, k := range []string{"STRIPE_PUBLISHABLE_KEY", "STRIPE_WEBHOOK_SECRET"} {
		if got := mustFind(t, d, "stripe", k); got.Status != providers.Fail || !strings.Contains(got.Detail, "onboard.json requires it") {
			t.Errorf("%s: %+v, want a failure naming the team file", k, got)
		}
	}
	if r.code != exit.Failed {
		t.Errorf("exit %d, want 1", r.code)
	}
}

func TestBrokenTeamFileFails(t *testing.T) {
	dir := newRepo(t)
	writeFile(t, filepath.Join(dir, ".env"), envText("STRIPE_SECRET_KEY", sandbox.DemoStripeSecretKey))
	writeFile(t, filepath.Join(dir, "onboard.json"), `{"version":1,"services":["stripe"],"variables":{"required":[]},"colour":"red"}`)
	r := run(t, Options{Dir: dir, JSON: true, URLs: urls("", closedPort(t))})
	got := mustFind(t, decode(t, r.stdout), "env", "onboard.json")
	if got.Status != providers.Fail || !strings.Contains(got.Detail, "colour") || r.code != exit.Failed {
		t.Errorf("%+v, exit %d", got, r.code)
	}
}

// A secret under a name frameworks hand to browser code fails, and a
// framework file that shadows the .env warns.
func TestPublicSecretAndShadowingFile(t *testing.T) {
	s := startSims(t)
	dir := newRepo(t)
	writeFile(t, filepath.Join(dir, "package.json"), `{"dependencies":{"next":"15.0.0"}}`)
	writeFile(t, filepath.Join(dir, ".env"), envText("STRIPE_SECRET_KEY", sandbox.DemoStripeSecretKey, "NEXT_PUBLIC_STRIPE_KEY", sandbox.DemoStripeSecretKey))
	writeFile(t, filepath.Join(dir, ".env.local"), "STRIPE_SECRET_KEY=sk_test_other\n")
	r := run(t, Options{Dir: dir, JSON: true, URLs: urls("", s.stripeURL)})
	d := decode(t, r.stdout)
	if got := mustFind(t, d, "env", "public NEXT_PUBLIC_STRIPE_KEY"); got.Status != providers.Fail {
		t.Errorf("public secret: %+v", got)
	}
	if got := mustFind(t, d, "env", "shadowed STRIPE_SECRET_KEY"); got.Status != providers.Warn || !strings.Contains(got.Detail, ".env.local") {
		t.Errorf("shadow: %+v", got)
	}
	leakcheck.AssertNoneExcept(t, map[string][]byte{"stdout": []byte(r.stdout)}, []string{sandbox.DemoStripeSecretKey}, nil)
}
