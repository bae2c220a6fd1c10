package lineui

import (
	"errors"
	"github.com/onboard-dev/onboard/internal/providers/sandbox"
	"os"
	"strings"
	"testing"

	"github.com/onboard-dev/onboard/internal/demo"
)

// An unattended run (yes ” | onboard --demo --accessible) never loops:
// whatever keeps being refused or keeps failing stops the run with the
// reason, after a few repeats, with an endless supply of empty answers.
func TestUnattendedRunNeverSpins(t *testing.T) {
	cases := map[string]string{
		// The demo's keys replace the file's, but this line would change
		// with them: the review cannot be prepared.
		"a line that refers to a key": "PLAID_SECRET=0123456789abcdef0123456789abcd\nCOPY=${PLAID_SECRET}\n",
		// A line godotenv cannot read: the welcome cannot load the file.
		"an unparseable line": "A=\"unterminated\n",
	}
	for name, env := range cases {
		t.Run(name, func(t *testing.T) {
			p := newProject(t)
			if err := os.WriteFile(p.envPath(), []byte(env), 0o600); err != nil {
				t.Fatal(err)
			}
			out, err := run(t, p.flow(demo.Values()), enters(100000))
			var stuck *StuckError
			if !errors.As(err, &stuck) {
				t.Fatalf("Run returned %v, want a StuckError\n%s", err, tail(out))
			}
			if len(out) > 200_000 {
				t.Errorf("printed %d bytes before stopping", len(out))
			}
			if !strings.Contains(out, "refused 3 times in a row") || !strings.Contains(out, "Nothing was written.") {
				t.Errorf("the stop does not say why and what was written:\n%s", tail(out))
			}
		})
	}
}

// A check that keeps failing, answered with Enter (retry) each time,
// stops the run after a few runs.
func TestFailingCheckRetriedUnattendedStops(t *testing.T) {
	p := newProject(t)
	out, err := run(t, p.flow(nil), strings.Join(stripeUpToCheck(unknownStripeKey), "\n")+enters(100000))
	var stuck *StuckError
	if !errors.As(err, &stuck) || !strings.Contains(stuck.What, "checks of") {
		t.Fatalf("Run returned %v, want a StuckError about the checks\n%s", err, tail(out))
	}
	if n := strings.Count(out, "[failed] secret key works"); n != pipeLimit {
		t.Errorf("the check ran %d times, want %d", n, pipeLimit)
	}
	p.noEnv(t)
}

// A value in the file that the choice does not offer is not the default:
// the field's default is, with a note saying what was dropped and why.
func TestInvalidFileValueIsNotTheDefault(t *testing.T) {
	p := newProject(t)
	if err := os.WriteFile(p.envPath(), []byte("PLAID_COUNTRY_CODES=us\nPLAID_PRODUCTS=transactions,balance\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := run(t, p.flow(demo.Values()), enters(300))
	if err != nil {
		t.Fatalf("Run: %v\n%s", err, tail(out))
	}
	for _, want := range []string{`PLAID_COUNTRY_CODES holds "us"`, `PLAID_PRODUCTS holds "balance"`} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	got := p.env(t)
	if got["PLAID_COUNTRY_CODES"] != "US,CA" || got["PLAID_PRODUCTS"] != "transactions" {
		t.Errorf("written countries %q, products %q", got["PLAID_COUNTRY_CODES"], got["PLAID_PRODUCTS"])
	}
}

// tail is the end of a long output, for failure messages.
func tail(s string) string {
	if len(s) > 3000 {
		return "…" + s[len(s)-3000:]
	}
	return s
}

// One line holding several keys fills every field it names.
func TestOneLineOfKeysFillsTheForm(t *testing.T) {
	p := newProject(t)
	line := "STRIPE_SECRET_KEY=" + sandbox.DemoStripeSecretKey + " STRIPE_PUBLISHABLE_KEY=" + sandbox.DemoStripePublishableKey
	input := strings.Join([]string{"", "", "2", "", "", "", line, "", "", "", "", "", "", ""}, "\n") + "\n" + enters(20)
	out, err := run(t, p.flow(nil), input)
	if err != nil {
		t.Fatalf("Run: %v\n%s", tail(out), err)
	}
	if !strings.Contains(out, "Filled 2 fields from the paste: STRIPE_SECRET_KEY, STRIPE_PUBLISHABLE_KEY.") {
		t.Errorf("the paste is not reported:\n%s", tail(out))
	}
	if env := p.env(t); env["STRIPE_SECRET_KEY"] != sandbox.DemoStripeSecretKey || env["STRIPE_PUBLISHABLE_KEY"] != sandbox.DemoStripePublishableKey {
		t.Error("the pasted keys were not written")
	}
}

// "back" on the first step, answered forever by a pipe (yes b |), stops
// with the reason instead of asking again and again.
func TestBackForeverOnTheFirstStepStops(t *testing.T) {
	p := newProject(t)
	out, err := run(t, p.flow(nil), strings.Repeat("b\n", 10000))
	var stuck *StuckError
	if !errors.As(err, &stuck) || strings.Count(out, "go back to here.\n") > pipeLimit {
		t.Fatalf("Run returned %v after %d refusals, want a StuckError", err, strings.Count(out, "go back to here.\n"))
	}
	p.noEnv(t)
}
