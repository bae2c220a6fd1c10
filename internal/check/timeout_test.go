package check

import (
	"context"
	"github.com/onboard-dev/onboard/internal/exit"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/onboard-dev/onboard/internal/providers"
	"github.com/onboard-dev/onboard/internal/providers/plaid"
	"github.com/onboard-dev/onboard/internal/providers/sandbox"
	"github.com/onboard-dev/onboard/internal/providers/stripe"
)

// A host that accepts and never answers costs one timeout per call, not
// three, and the result says how long it waited and how often it tried.
func TestDeadHostIsTriedOnce(t *testing.T) {
	dead, requests := silentListener(t)
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, ".env"), demoEnv())
	client := fastHTTP()
	client.Timeout = 300 * time.Millisecond
	client.MaxRetries = 2
	r := run(t, Options{Dir: dir, JSON: true, URLs: urls(dead, dead), HTTP: client})
	d := decode(t, r.stdout)
	if r.code != exit.Failed || d.OK {
		t.Fatalf("exit %d ok %v, want a failure", r.code, d.OK)
	}
	wording := regexp.MustCompile(`127\.0\.0\.1:\d+ did not answer within \d+ ms \(1 attempt\)`)
	for _, c := range [][2]string{{"plaid", plaid.CheckInstitution}, {"stripe", stripe.CheckSecretKey}, {"connect", stripe.CheckConnectEnabled}} {
		got := mustFind(t, d, c[0], c[1])
		if got.Status != providers.Fail || !wording.MatchString(got.Detail) {
			t.Errorf("%s/%s: %s %q, want a failure saying the host did not answer within the time, once", c[0], c[1], got.Status, got.Detail)
		}
	}
	// Plaid's lookup, its early test Item and its Link token, Stripe's
	// account read and token, Connect's test account: six calls, one
	// attempt each.
	if n := requests.Load(); n != 6 {
		t.Errorf("%d requests reached the dead host, want 6 (one per call, no retries after a timeout)", n)
	}
}

// An interrupt while a service hangs stops the run: nothing passes, the
// JSON says so, the exit status is 130, and no report is written.
func TestInterruptedRunIsNotAPass(t *testing.T) {
	dead, requests := silentListener(t)
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, ".env"), envText("STRIPE_SECRET_KEY", sandbox.DemoStripeSecretKey, "STRIPE_PUBLISHABLE_KEY", sandbox.DemoStripePublishableKey))
	for _, asJSON := range []bool{true, false} {
		ctx, cancel := context.WithCancel(context.Background())
		go func() {
			for requests.Load() == 0 {
				time.Sleep(5 * time.Millisecond)
			}
			cancel()
		}()
		var out, errb strings.Builder
		code := Run(ctx, Options{Dir: dir, JSON: asJSON, URLs: urls("", dead), Production: true, LookupEnv: noShell, Now: fixedNow, HTTP: fastHTTP()}, &out, &errb)
		cancel()
		if code != exit.Interrupted {
			t.Errorf("json=%v: exit %d, want %d", asJSON, code, exit.Interrupted)
		}
		if asJSON {
			if d := decode(t, out.String()); d.OK || !d.Interrupted {
				t.Errorf("ok %v interrupted %v, want false and true", d.OK, d.Interrupted)
			}
		} else if !strings.Contains(out.String(), "Interrupted before every check finished") || strings.Contains(out.String(), "All checks passed") {
			t.Errorf("the text report does not say it was interrupted:\n%s", out.String())
		}
		if _, err := os.Stat(filepath.Join(dir, "onboard-readiness.md")); err == nil {
			t.Error("an interrupted run wrote the readiness report")
		}
	}
}
