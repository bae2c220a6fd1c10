package readiness

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/onboard-dev/onboard/internal/providers"
)

func TestWriteReportReplacesAtomically(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, DefaultReportName)
	if err := os.WriteFile(path, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	r := fixedReport()
	if err := WriteReport(path, r); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, Render(r)) {
		t.Error("the file is not the rendered report")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("temp files left behind: %d entries", len(entries))
	}
	if err := WriteReport(filepath.Join(dir, "missing", "r.md"), r); err == nil {
		t.Error("writing into a missing directory succeeded")
	}
}

func TestReadyNeedsEveryRequiredItem(t *testing.T) {
	in := Input{
		Values:    providers.Values{StripeSecretKey: "rk_live_51abcdefghijklmnopqrstuvwxyz", StripePublishableKey: livePub, StripeWebhookSecret: whsec},
		Use:       Use{Stripe: true},
		Git:       GitFacts{Checked: true, InRepo: true, Ignored: true},
		Results:   stripePass,
		Confirmed: map[string]string{},
	}
	var required []string
	for _, it := range Catalog {
		if it.Kind == Confirm && it.Required && in.Use.covers(it.Scope) {
			required = append(required, it.ID)
		}
	}
	for i := range required {
		if Ready(Evaluate(in)) {
			t.Fatalf("ready with %v still unconfirmed", required[i:])
		}
		in.Confirmed[required[i]] = "2026-11-23"
	}
	if outs := Evaluate(in); !Ready(outs) {
		for _, o := range outs {
			if o.Failing() {
				t.Errorf("still failing: %s (%s)", o.Item.ID, o.Detail)
			}
		}
	}
}
