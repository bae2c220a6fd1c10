package readiness

import (
	"bytes"
	"flag"
	"github.com/onboard-dev/onboard/internal/envfile"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/onboard-dev/onboard/internal/providers"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// Distinctive fake credentials: long enough that Mask hides them, so the
// tests can assert they never appear whole.
const (
	liveSecret  = "sk_live_51GoldenFakeSecretKeyZZ9f3aa01"
	livePub     = "pk_live_51GoldenFakePublishableKeyQ77"
	testPub     = "pk_test_51GoldenFakeTestPublishKeyX12"
	whsec       = "whsec_GoldenFakeSigningSecretW4k"
	plaidSecret = "0123456789abcdef0123456789abcd"
)

func fixedInput() Input {
	return Input{
		Values: providers.Values{
			StripeSecretKey:      liveSecret,
			StripePublishableKey: testPub,
			StripeWebhookSecret:  whsec,
			PlaidEnv:             "production",
			PlaidSecret:          plaidSecret,
		},
		Specs: uses("plaid", "stripe"),
		Git: &envfile.Protection{InRepo: true, RepoRoot: "/project", RelPath: ".env", Ignored: false, Tracked: true, InHistory: true,
			Commits: []string{"1a2b3c4", "5d6e7f8"}},
		Results: map[providers.ID][]providers.Result{
			"stripe": {{Provider: "stripe", Name: "secret key", Status: providers.Pass}},
			"plaid":  {{Provider: "plaid", Name: "production credentials", Status: providers.Fail, Detail: "invalid client_id or secret"}},
		},
		Confirmed: map[string]string{"plaid-production-access": "2026-11-20", "stripe-dashboard-access": "2026-11-21"},
	}
}

func fixedReport() Report {
	return Report{
		Date:    "2026-11-23",
		EnvFile: ".env",
		Keys: []KeyID{
			{Name: PlaidEnv, Shown: "production"},
			{Name: StripeSecretKey, Shown: "sk_live_…a01"},
		},
		Outcomes: Evaluate(fixedInput()),
	}
}

func TestRenderGolden(t *testing.T) {
	got := Render(fixedReport())
	path := filepath.Join("testdata", "report.golden")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("reading golden file (run with -update to create it): %v", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("report differs from %s (run go test -update to accept):\n%s", path, got)
	}
	if !bytes.Equal(got, Render(fixedReport())) {
		t.Error("two renders of the same report differ")
	}
	for _, s := range []string{liveSecret, livePub, testPub, whsec, plaidSecret} {
		if bytes.Contains(got, []byte(s)) {
			t.Errorf("the report holds a full secret (%d chars)", len(s))
		}
	}
}

func TestParseReadsBackConfirmations(t *testing.T) {
	md := Render(fixedReport())
	got := Parse(md, allItems())
	want := map[string]string{"plaid-production-access": "2026-11-20", "stripe-dashboard-access": "2026-11-21"}
	if len(got) != len(want) {
		t.Fatalf("parsed %v, want %v", got, want)
	}
	for id, day := range want {
		if got[id] != day {
			t.Errorf("%s: parsed day %q, want %q", id, got[id], day)
		}
	}
}

func TestParseAcceptsHandTickedBoxes(t *testing.T) {
	md := string(Render(fixedReport()))
	hand := strings.Replace(md, "- [ ] Stripe account activated (`stripe-account-activated`", "- [X] Stripe account activated (`stripe-account-activated`", 1)
	if hand == md {
		t.Fatal("the report has no unticked stripe-account-activated line to tick")
	}
	// Also an id that is not a confirm item, and one that does not exist:
	// neither may be taken as confirmed.
	hand += "\n- [x] sneaky (`no-test-keys`)\n- [x] made up (`launch-rockets`)\n"
	got := Parse([]byte(hand), allItems())
	if day, ok := got["stripe-account-activated"]; !ok || day != "" {
		t.Errorf("hand-ticked box: got (%q, %v), want confirmed without a day", day, ok)
	}
	for _, id := range []string{"no-test-keys", "launch-rockets"} {
		if _, ok := got[id]; ok {
			t.Errorf("%s must not be read as a confirmation", id)
		}
	}
}

func TestRerunKeepsConfirmations(t *testing.T) {
	first := fixedReport()
	md := Render(first)

	// Second run, two days later, confirming one more item.
	in := fixedInput()
	in.Confirmed = MergeConfirmations(Parse(md, allItems()), []string{"secrets-manager", "plaid-production-access"}, "2026-11-25")
	second := Report{Date: "2026-11-25", EnvFile: ".env", Outcomes: Evaluate(in)}
	got := Parse(Render(second), allItems())
	want := map[string]string{
		"plaid-production-access": "2026-11-20", // kept, not re-dated
		"stripe-dashboard-access": "2026-11-21",
		"secrets-manager":         "2026-11-25",
	}
	if len(got) != len(want) {
		t.Fatalf("after re-run: %v, want %v", got, want)
	}
	for id, day := range want {
		if got[id] != day {
			t.Errorf("%s: %q, want %q", id, got[id], day)
		}
	}
}

func TestMergeDatesHandTicks(t *testing.T) {
	got := MergeConfirmations(map[string]string{"secrets-manager": ""}, nil, "2026-11-23")
	if got["secrets-manager"] != "2026-11-23" {
		t.Errorf("hand tick dated %q, want today", got["secrets-manager"])
	}
}

func TestCheckConfirmIDs(t *testing.T) {
	if err := CheckConfirmIDs(allItems(), []string{"secrets-manager", "plaid-update-mode"}); err != nil {
		t.Errorf("known ids refused: %v", err)
	}
	for _, bad := range []string{"no-test-keys", "nope"} {
		if err := CheckConfirmIDs(allItems(), []string{bad}); err == nil {
			t.Errorf("%q accepted as a confirm item", bad)
		}
	}
}
