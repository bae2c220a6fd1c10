package stripe

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/onboard-dev/onboard/internal/providers"
	"github.com/onboard-dev/onboard/internal/providers/sandbox"
	"github.com/onboard-dev/onboard/internal/providers/sandbox/stripesim"
)

// The live status is read from the simulator's account answer (Verify
// sends live keys only to api.stripe.com, so the read is called directly).
func TestLiveStatusFromTheAccount(t *testing.T) {
	cases := []struct {
		name                       string
		status                     stripesim.AccountStatus
		charges, payouts, requires providers.Status
		detail                     string
	}{
		{name: "active", status: stripesim.AccountStatus{ChargesEnabled: true, PayoutsEnabled: true},
			charges: providers.Pass, payouts: providers.Pass, requires: providers.Pass, detail: "nothing due"},
		{name: "due soon", status: stripesim.AccountStatus{ChargesEnabled: true, PayoutsEnabled: true, CurrentlyDue: []string{"external_account"}},
			charges: providers.Pass, payouts: providers.Pass, requires: providers.Warn, detail: "due now: external_account"},
		{name: "past due", status: stripesim.AccountStatus{ChargesEnabled: true, PastDue: []string{"individual.verification.document"}, DisabledReason: "requirements.past_due"},
			charges: providers.Pass, payouts: providers.Warn, requires: providers.Fail, detail: "past due: individual.verification.document"},
		{name: "not activated", status: stripesim.AccountStatus{CurrentlyDue: []string{"business_profile.url", "tos_acceptance.date"}},
			charges: providers.Warn, payouts: providers.Warn, requires: providers.Warn, detail: "business_profile.url, tos_acceptance.date"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cfg, sim := startSim(t, sandbox.Options{})
			sim.SetAccountStatus(c.status)
			acc, err := newAPI(cfg).getAccount(context.Background(), as(sandbox.DemoStripeSecretKey))
			rs := liveStatusResults(acc, err)
			expect(t, byName(t, rs, CheckCharges), c.charges, "", "")
			expect(t, byName(t, rs, CheckPayouts), c.payouts, "", "")
			expect(t, byName(t, rs, CheckRequirements), c.requires, c.detail, "")
			for _, r := range rs {
				if r.Status != providers.Pass && !strings.Contains(r.Hint, "https://dashboard.stripe.com/") {
					t.Errorf("%s: no dashboard link in %q", r.Name, r.Hint)
				}
			}
		})
	}
}

func TestRequirementsAreNamedAndDated(t *testing.T) {
	var acc account
	_ = json.Unmarshal([]byte(`{"requirements":{"currently_due":["a","b","c","d","e","f","g","h"],"past_due":[],"current_deadline":1796083200,"disabled_reason":null}}`), &acc)
	r := requirementsResult(acc)
	expect(t, r, providers.Warn, "due by 2026-12-01: a, b, c, d, e, f and 2 more", "account/onboarding")
}

func TestLiveStatusChecksAreListedForLiveKeys(t *testing.T) {
	live := providers.Values{EnvSecretKey: "sk_live_51LiveOnb0ardKeyAbCdEf0123456789AbCdEf"}
	if got := strings.Join(New(Config{}).Checks(live), ","); !strings.HasSuffix(got, CheckCharges+","+CheckPayouts+","+CheckRequirements) {
		t.Fatalf("live checks: %s", got)
	}
	if got := strings.Join(NewConnect(Config{}).Checks(live), ","); !strings.HasSuffix(got, CheckPlatform) {
		t.Fatalf("live Connect checks: %s", got)
	}
	if got := strings.Join(NewConnect(Config{}).Checks(demoValues()), ","); strings.Contains(got, CheckPlatform) {
		t.Fatalf("test Connect checks read the platform's live status: %s", got)
	}
}

func TestPlatformStatus(t *testing.T) {
	cfg, sim := startSim(t, sandbox.Options{})
	c := NewConnect(cfg)
	sk := as(sandbox.DemoStripeSecretKey)
	expect(t, c.platformStatus(context.Background(), sk), providers.Pass, "can take live payments and pay out", "")
	sim.SetAccountStatus(stripesim.AccountStatus{ChargesEnabled: true, PastDue: []string{"company.tax_id"}})
	expect(t, c.platformStatus(context.Background(), sk), providers.Warn, "past due: company.tax_id", "settings/payouts")
	expect(t, c.platformStatus(context.Background(), as(stripesim.NoAccountReadKey)), providers.Warn, "may not read the platform account", "rak_accounts_kyc_id_numbers_read")
}

// The readiness items read the live checks by name.
func TestReadinessFromLiveChecks(t *testing.T) {
	live := providers.Values{EnvSecretKey: "sk_live_51LiveOnb0ardKeyAbCdEf0123456789AbCdEf"}
	judge := fromCheck(CheckRequirements)
	cases := []struct {
		values  providers.Values
		results []providers.Result
		want    providers.Status
		todo    string
	}{
		{demoValues(), nil, providers.Skip, ""},
		{live, []providers.Result{{Name: CheckRequirements, Status: providers.Pass, Detail: "Stripe lists nothing due"}}, providers.Pass, ""},
		{live, []providers.Result{{Name: CheckRequirements, Status: providers.Fail, Detail: "past due: x", Hint: "Give Stripe what it lists: " + urlActivate}}, providers.Fail, urlActivate},
		{live, []providers.Result{{Name: CheckRequirements, Status: providers.Warn, Detail: "due now: x", Hint: "h"}}, providers.Fail, "h"},
		{live, []providers.Result{{Name: CheckRequirements, Status: providers.Skip, Detail: "not checked"}}, providers.Fail, "Run the check again"},
		{live, nil, providers.Skip, ""}, // stripe-live-keys fails and says why
	}
	for i, c := range cases {
		v := judge(providers.ReadinessInput{Values: c.values, Results: c.results})
		if v.Status != c.want || !strings.Contains(v.Todo, c.todo) {
			t.Errorf("case %d: %+v, want %s with todo %q", i, v, c.want, c.todo)
		}
	}
	ids := map[string]bool{}
	for _, it := range append(Spec().Readiness, ConnectSpec().Readiness...) {
		ids[it.ID] = true
	}
	for _, id := range []string{"stripe-charges-enabled", "stripe-payouts-enabled", "stripe-requirements", "connect-platform-status"} {
		if !ids[id] {
			t.Errorf("no readiness item %s", id)
		}
	}
	var words string
	for _, it := range Spec().Readiness {
		words += it.Why
	}
	if !strings.Contains(words, "onboard scan") || !strings.Contains(words, "NEXT_PUBLIC_") {
		t.Error("the readiness text does not say how onboard keeps the secret key out of front-end code")
	}
}
