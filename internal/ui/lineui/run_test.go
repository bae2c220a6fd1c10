package lineui

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"regexp"

	"strings"
	"testing"
	"time"

	"github.com/onboard-dev/onboard/internal/demo"
	"github.com/onboard-dev/onboard/internal/providers"
	"github.com/onboard-dev/onboard/internal/providers/sandbox"
	"github.com/onboard-dev/onboard/internal/providers/stripe"
	"github.com/onboard-dev/onboard/internal/secret"
	"github.com/onboard-dev/onboard/internal/steps"
)

func TestDemoEnterEverywhereWritesTheDemoKeys(t *testing.T) {
	p := newProject(t)
	out, err := run(t, p.flow(demo.Values()), enters(200))
	if err != nil {
		t.Fatalf("Run: %v\n%s", err, out)
	}
	got := p.env(t)
	for k, want := range demo.Values() {
		if got[k] != want {
			t.Errorf("%s in .env differs from the demo value", k)
		}
	}
}

func TestInvalidChoiceIsAskedAgainWithTheReason(t *testing.T) {
	p := newProject(t)
	// Welcome and what you build: Enter; services: 9 (no such number),
	// then "1,x", then Enter.
	out, err := run(t, p.flow(demo.Values()), "\n\n9\n1,x\n"+enters(200))
	if err != nil {
		t.Fatalf("Run: %v\n%s", err, out)
	}
	for _, want := range []string{`"9" is not one of the numbers 1 to 3.`, `"x" is not one of the numbers 1 to 3.`} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if got := countStep(out, "Choose services"); got != 1 {
		t.Errorf("the services step was shown %d times, want once (a re-ask repeats the question only)", got)
	}
	if p.env(t)["STRIPE_SECRET_KEY"] == "" {
		t.Error("the run did not write the keys after the re-asked answer")
	}
}

func TestBackReturnsToThePreviousStep(t *testing.T) {
	p := newProject(t)
	// Welcome: Enter; services: back; Welcome again: Enter; then defaults.
	out, err := run(t, p.flow(demo.Values()), "\nback\n"+enters(200))
	if err != nil {
		t.Fatalf("Run: %v\n%s", err, out)
	}
	if got := countStep(out, "Welcome"); got != 2 {
		t.Errorf("Welcome shown %d times, want 2 (once more after back):\n%s", got, out)
	}
	if _, err := os.Stat(p.envPath()); err != nil {
		t.Errorf("the run after going back did not write the .env: %v", err)
	}
}

func TestEndOfInputBeforeTheWriteAbortsAndWritesNothing(t *testing.T) {
	for _, input := range []string{"", "\n\n\n", enters(20), "\n\nq\n"} {
		p := newProject(t)
		out, err := run(t, p.flow(demo.Values()), input)
		want := ErrAborted
		if strings.HasSuffix(input, "q\n") {
			want = ErrQuit // typed quit: ends as an interrupt does
		}
		if !errors.Is(err, want) {
			t.Fatalf("after %d answers Run returned %v, want %v\n%s", strings.Count(input, "\n"), err, want, out)
		}
		if n := strings.Count(out, "Nothing was written."); n != 1 {
			t.Errorf("'Nothing was written.' said %d times, want once:\n%s", n, out)
		}
		if !strings.Contains(out, "Nothing was written.") {
			t.Errorf("the abort is not announced:\n%s", out)
		}
		p.noEnv(t)
		if b, err := os.ReadFile(filepath.Join(p.dir, ".gitignore")); err == nil {
			t.Errorf("an aborted run changed .gitignore: %q", b)
		}
	}
}

func TestWrongFormatKeyIsRefusedThenTheRightOneAccepted(t *testing.T) {
	p := newProject(t)
	input := strings.Join([]string{
		"",                        // welcome
		"",                        // what you build: one business
		"2",                       // services: Stripe only
		"",                        // protect your secrets (a warning: not ignored yet)
		"",                        // add the .gitignore rule
		"",                        // Stripe checklist
		"pk_test_" + "wrongfield", // a publishable key in the secret key field
		sandbox.DemoStripeSecretKey,
		"not a key",
		sandbox.DemoStripePublishableKey,
		"", // no webhook secret
		"", // live check passed
		"", // only the .env
		"", // review: write
		"", // write passed
	}, "\n") + "\n"
	out, err := run(t, p.flow(nil), input)
	if err != nil {
		t.Fatalf("Run: %v\n%s", err, out)
	}
	if got := strings.Count(out, "Not accepted:"); got != 2 {
		t.Errorf("%d answers refused, want 2 (the secret key, then the publishable key):\n%s", got, out)
	}
	env := p.env(t)
	if env["STRIPE_SECRET_KEY"] != sandbox.DemoStripeSecretKey {
		t.Errorf("STRIPE_SECRET_KEY written as %s", secret.Mask(env["STRIPE_SECRET_KEY"]))
	}
	if env["STRIPE_PUBLISHABLE_KEY"] != sandbox.DemoStripePublishableKey {
		t.Errorf("STRIPE_PUBLISHABLE_KEY written as %q", env["STRIPE_PUBLISHABLE_KEY"])
	}
	if _, ok := env["PLAID_SECRET"]; ok {
		t.Error("Plaid was not chosen but its secret was written")
	}
}

func TestSecretsAreReadThroughTheSecretReader(t *testing.T) {
	p := newProject(t)
	var asked int
	opts := Options{SecretReader: func() (string, error) {
		asked++
		return "", nil // Enter: keep the demo value
	}}
	var out bytes.Buffer
	err := Run(context.Background(), p.flow(demo.Values()), strings.NewReader(enters(200)), &out, opts)
	clean(t, out.String())
	if err != nil {
		t.Fatalf("Run: %v\n%s", err, out.String())
	}
	// PLAID_SECRET, STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET.
	if asked != 3 {
		t.Errorf("SecretReader was asked %d times, want 3 (one per secret field)", asked)
	}
}

func TestCancelledContextStopsAWaitingPrompt(t *testing.T) {
	p := newProject(t)
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	defer pw.Close()
	var out syncBuffer
	done := make(chan error, 1)
	go func() { done <- Run(ctx, p.flow(demo.Values()), pr, &out, Options{}) }()
	// Wait for the first question, then cancel while it waits for input.
	for !strings.Contains(out.String(), "Press Enter to continue.") {
		time.Sleep(time.Millisecond)
	}
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Fatalf("Run returned %v, want context.Canceled", err)
	}
	p.noEnv(t)
}

func TestEndOfInputAfterTheWriteStillShowsTheEnd(t *testing.T) {
	p := newProject(t)
	// Every answer up to the write's own "continue", which never comes.
	full, err := run(t, p.flow(demo.Values()), enters(200))
	if err != nil {
		t.Fatal(err)
	}
	questions := strings.Count(full, "Press Enter") + strings.Count(full, "Type ")
	p2 := newProject(t)
	out, err := run(t, p2.flow(demo.Values()), enters(questions-1))
	if err != nil {
		t.Fatalf("Run returned %v after the file was written, want nil\n%s", err, out)
	}
	if countStep(out, "Done") > 0 {
		t.Fatalf("the input reached the end screen; this test needs it to end one answer earlier")
	}
	if !strings.Contains(out, "Load it in your app:") {
		t.Errorf("the end's lines are missing:\n%s", out)
	}
	if p2.env(t)["PLAID_SECRET"] != sandbox.DemoPlaidSecret {
		t.Error("PLAID_SECRET not written")
	}
}

func TestShellExportedVariableIsNoted(t *testing.T) {
	p := newProject(t)
	shell := steps.New(steps.Options{
		Providers: []providers.Provider{stripe.New(stripe.Config{BaseURL: p.sims.URLs["stripe-url"]})},
		Store:     steps.NewEnvStore(), Dir: p.dir, Demo: true, Prefill: demo.Values(),
		LookupEnv: func(k string) (string, bool) { return "", k == "STRIPE_SECRET_KEY" },
	})
	out, err := run(t, shell, enters(40))
	if err != nil {
		t.Fatalf("Run: %v\n%s", err, out)
	}
	if got := strings.Count(out, "Note: STRIPE_SECRET_KEY is also exported in your shell."); got != 1 {
		t.Errorf("the shell export is noted %d times, want once:\n%s", got, out)
	}
}

// countStep is how many times the step with this title was shown.
func countStep(out, title string) int {
	return len(regexp.MustCompile(`(?m)^Step: `+regexp.QuoteMeta(title)+`$`).FindAllString(out, -1))
}
