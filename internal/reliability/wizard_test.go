package reliability

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/onboard-dev/onboard/internal/providers/sandbox"
	"github.com/onboard-dev/onboard/internal/testkit/leakcheck"
)

// demoSecrets are the secrets the demo pre-fills; none may show. The
// publishable key and the client ids are not secrets: they are meant to be
// shown (and shipped to browsers), so the form shows them as typed.
var demoSecrets = []string{sandbox.DemoStripeSecretKey, sandbox.DemoStripeWebhookSecret, sandbox.DemoPlaidSecret}

// finishWalk checks what a finished walk left: a private .env, and no
// secret on any screen or in any other file.
func finishWalk(t *testing.T, tt *tmuxTerm, dir string, code int, last string, secrets []string) {
	t.Helper()
	if code != 0 {
		t.Fatalf("onboard exited %d; last screen:\n%s", code, maskAll([]byte(last)))
	}
	if strings.Contains(last, "panic:") {
		t.Fatalf("onboard panicked:\n%s", maskAll([]byte(last)))
	}
	assertEnvPrivate(t, dir)
	outs := map[string][]byte{}
	for i, s := range tt.screens {
		outs["screen "+strconv.Itoa(i)] = s
	}
	files, err := leakcheck.ReadTree(dir, isEnvOrBackup)
	if err != nil {
		t.Fatal(err)
	}
	for name, b := range files {
		outs["file "+name] = b
	}
	for name, b := range homeFiles(t) {
		outs[name] = b
	}
	leakcheck.AssertNoneExcept(t, outs, secrets, publicValues)
}

// TestWizardDemoWalk walks the demo in the real binary at a normal size and
// at 40x10, pressing Enter only, and scans every screen.
func TestWizardDemoWalk(t *testing.T) {
	skipUnlessWired(t, "--help")
	for _, size := range []struct{ w, h int }{{80, 24}, {40, 10}} {
		t.Run(strconv.Itoa(size.w)+"x"+strconv.Itoa(size.h), func(t *testing.T) {
			dir := newRepo(t)
			tt := startTmux(t, size.w, size.h, nil, "--demo", "--dir", dir)
			code, last := tt.walk(walkOptions{limit: 40 * time.Second})
			finishWalk(t, tt, dir, code, last, demoSecrets)
		})
	}
}

// TestWizardResizeStorm resizes the terminal again and again while the
// demo runs, down to 20x5 and up to 200x60, then lets it finish.
func TestWizardResizeStorm(t *testing.T) {
	skipUnlessWired(t, "--help")
	dir := newRepo(t)
	tt := startTmux(t, 80, 24, nil, "--demo", "--dir", dir)
	sizes := [][2]int{{40, 10}, {200, 60}, {20, 5}, {120, 8}, {30, 40}, {80, 24}}
	resizes := 0
	code, last := tt.walk(walkOptions{limit: 40 * time.Second, every: func(n int) {
		if n < 12 { // the storm, then a usable size to finish in
			for _, s := range sizes {
				tt.resize(s[0], s[1])
				resizes++
			}
			tt.resize(80, 24)
		}
	}})
	t.Logf("%d resizes during the walk", resizes)
	finishWalk(t, tt, dir, code, last, demoSecrets)
}

// TestWizardTypedKeys types distinctive keys — not the demo's — into the
// real wizard pointed at recording simulators: the keys go through every
// screen, check and write, and no screen, file or request URL shows them.
func TestWizardTypedKeys(t *testing.T) {
	skipUnlessWired(t, "--help")
	s := startSims(t)
	dir := newRepo(t)
	typed := map[string]string{
		"Plaid client_id":        sandbox.DemoPlaidClientID,
		"Plaid secret":           sandbox.DemoPlaidSecret,
		"Secret key":             sandbox.DemoStripeSecretKey,
		"Publishable key":        sandbox.DemoStripePublishableKey,
		"Webhook signing secret": canaryWhsec,
		"Connect client ID":      sandbox.DemoStripeClientID,
	}
	tt := startTmux(t, 100, 30, nil, "--dir", dir, "--plaid-url", s.plaidURL, "--stripe-url", s.stripeURL)
	code, last := tt.walk(walkOptions{limit: 45 * time.Second, typed: typed})
	finishWalk(t, tt, dir, code, last, append(demoSecrets, canaryWhsec))
	env, err := os.ReadFile(filepath.Join(dir, ".env"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"STRIPE_SECRET_KEY=" + sandbox.DemoStripeSecretKey, "STRIPE_WEBHOOK_SECRET=" + canaryWhsec, "PLAID_SECRET=" + sandbox.DemoPlaidSecret} {
		if !strings.Contains(string(env), want) {
			t.Errorf("a typed key is not in the .env: %s…", want[:strings.Index(want, "=")])
		}
	}
	if len(s.plaid.requests()) == 0 || len(s.stripe.requests()) == 0 {
		t.Errorf("the keys were not verified against the simulators (%d Plaid, %d Stripe requests)", len(s.plaid.requests()), len(s.stripe.requests()))
	}
	leakcheck.AssertNoneExcept(t, map[string][]byte{"plaid URLs": s.plaid.urls(), "stripe URLs": s.stripe.urls()},
		append(demoSecrets, canaryWhsec), publicValues)
}

// TestWizardDumbTerminal runs the wizard with TERM=dumb in a real
// terminal: it must be usable (the accessible mode) or say why not, and
// end.
func TestWizardDumbTerminal(t *testing.T) {
	skipUnlessWired(t, "--help")
	dir := newRepo(t)
	tt := startTmux(t, 80, 24, []string{"TERM=dumb"}, "--demo", "--dir", dir)
	code, last := tt.walk(walkOptions{limit: 40 * time.Second})
	if strings.Contains(last, "\x1b[") {
		t.Error("escape sequences on a dumb terminal")
	}
	if code == 0 {
		finishWalk(t, tt, dir, code, last, demoSecrets)
		return
	}
	if strings.TrimSpace(strings.Split(last, "EXIT:")[0]) == "" {
		t.Errorf("exit %d on a dumb terminal without a word", code)
	}
}
