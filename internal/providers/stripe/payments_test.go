package stripe

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/onboard-dev/onboard/internal/providers"
	"github.com/onboard-dev/onboard/internal/providers/sandbox"
	"github.com/onboard-dev/onboard/internal/providers/sandbox/stripesim"
)

// With test keys, one payment succeeds and one is declined, and the
// declined one is cancelled: nothing is left waiting in the sandbox.
func TestTestPayments(t *testing.T) {
	cfg, sim := startSim(t, sandbox.Options{})
	p := New(cfg)
	if got := p.Checks(demoValues()); !strings.Contains(strings.Join(got, ","), CheckPayment+","+CheckDecline) {
		t.Fatalf("checks for test keys: %v", got)
	}
	rs := verify(t, p, demoValues())
	expect(t, byName(t, rs, CheckPayment), providers.Pass, "a test payment of 1.00 USD with Stripe's test card succeeded (pi_…", "")
	expect(t, byName(t, rs, CheckDecline), providers.Pass, "card_declined, generic_decline", "")
	if got := sim.Payments(); got["succeeded"] != 1 || got["canceled"] != 1 || len(got) != 2 {
		t.Fatalf("payments in the sandbox after the check: %v", got)
	}
}

// No payment is ever made with a live key: the checks are not even listed.
func TestNoPaymentsWithLiveKeys(t *testing.T) {
	live := providers.Values{EnvSecretKey: "sk_live_51LiveOnb0ardKeyAbCdEf0123456789AbCdEf", EnvPublishableKey: "pk_live_51LiveOnb0ardKeyAbCdEf0123456789AbCdEf"}
	got := strings.Join(New(Config{}).Checks(live), ",")
	if strings.Contains(got, CheckPayment) || strings.Contains(got, CheckDecline) || !strings.Contains(got, CheckCharges) {
		t.Fatalf("checks for live keys: %s", got)
	}
}

func TestTestPaymentProblems(t *testing.T) {
	cases := []struct {
		name                   string
		values                 providers.Values
		payment, decline       providers.Status
		detailHas, hintHas     string
		succeeded, uncancelled int
	}{
		{name: "restricted key without the payment permission", values: with(demoValues(), EnvSecretKey, stripesim.RestrictedKey),
			payment: providers.Warn, decline: providers.Warn, detailHas: "may not create payments", hintHas: "rak_payment_intent_write"},
		{name: "a key that may not read the account has no currency to pay in", values: with(demoValues(), EnvSecretKey, stripesim.NoAccountReadKey),
			payment: providers.Skip, decline: providers.Skip, detailHas: "may not read the account"},
		{name: "an unknown key", values: with(demoValues(), EnvSecretKey, "sk_test_51UnknownOnb0ardKeyZq8Xw2Lm7Nb4Vc6Hd9Jf1Gs3Ta0Ye2Ui8Ro5Pw7Qe4Rt6Yu1Io3Pa9Sd5Fg1234"),
			payment: providers.Skip, decline: providers.Skip, detailHas: "secret key was not accepted"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cfg, sim := startSim(t, sandbox.Options{})
			rs := verify(t, New(cfg), c.values)
			expect(t, byName(t, rs, CheckPayment), c.payment, c.detailHas, c.hintHas)
			expect(t, byName(t, rs, CheckDecline), c.decline, c.detailHas, c.hintHas)
			if got := sim.Payments(); len(got) != 0 {
				t.Fatalf("payments made: %v", got)
			}
		})
	}
}

// A restricted key that may not read the account is named with the
// permission Stripe's message names (its code is null).
func TestPermissionNamedFromTheMessage(t *testing.T) {
	cfg, _ := startSim(t, sandbox.Options{})
	rs := verify(t, New(cfg), with(demoValues(), EnvSecretKey, stripesim.NoAccountReadKey))
	expect(t, byName(t, rs, CheckSecretKey), providers.Warn, "may not read the account's details", "without the rak_accounts_kyc_id_numbers_read permission")
	e := &Error{Status: http.StatusForbidden, Type: "invalid_request_error", Message: "The provided key 'rk_test_****1234' does not have the required permissions for this endpoint on account 'acct_1'. Having the 'rak_accounts_kyc_id_numbers_read' permission would allow this request to continue."}
	if e.Permission() != "rak_accounts_kyc_id_numbers_read" || e.Code != "" {
		t.Fatalf("permission %q", e.Permission())
	}
	if (&Error{Status: 400, Message: e.Message}).Permission() != "" {
		t.Fatal("a permission was read from an answer that is not a 403")
	}
}

// A decline whose answer was cut off by a cancel is asked again with the
// same Idempotency-Key: Stripe's stored answer names the payment, which is
// cancelled.
func TestCancelledDeclineIsStillCancelled(t *testing.T) {
	cfg, sim := startSim(t, sandbox.Options{Faults: []sandbox.Fault{{Path: "/v1/payment_intents", Hang: true, Times: 2}}})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	p := New(cfg)
	rs := p.Verify(ctx, demoValues(), func(r providers.Result) {
		if r.Name == CheckSameAccount && r.Status == providers.Pass {
			cancel() // the payments are hanging by now
		}
	})
	noLeak(t, rs)
	for _, name := range []string{CheckPayment, CheckDecline} {
		if r := byName(t, rs, name); r.Status == providers.Pass || r.Status == providers.Fail {
			t.Fatalf("%s after a cancel: %s %s", name, r.Status, r.Detail)
		}
	}
	if got := sim.Payments(); got["requires_payment_method"] != 0 {
		t.Fatalf("an unfinished declined payment was left: %v", got)
	}
}

func TestAmounts(t *testing.T) {
	cases := []struct {
		currency string
		amount   int64
		shown    string
	}{
		{"usd", 100, "1.00 USD"},
		{"eur", 100, "1.00 EUR"},
		{"jpy", 100, "100 JPY"},
		{"huf", 17500, "175.00 HUF"}, // Stripe's minimum is more than one unit
		{"mxn", 1000, "10.00 MXN"},
		{"kwd", 1000, "1.000 KWD"},
		{"xyz", 100, "1.00 XYZ"},
	}
	for _, c := range cases {
		if got := testAmount(c.currency); got != c.amount || formatAmount(got, c.currency) != c.shown {
			t.Errorf("%s: %d shown %q, want %d %q", c.currency, got, formatAmount(got, c.currency), c.amount, c.shown)
		}
	}
}

func TestTestCardTips(t *testing.T) {
	tips := strings.Join(Spec().Tips(demoValues()), "\n")
	for _, want := range []string{"4242 4242 4242 4242 succeeds", "4000 0025 0000 3155 asks for authentication", "4000 0000 0000 9995 is declined", "any future expiry", "any CVC"} {
		if !strings.Contains(tips, want) {
			t.Errorf("tips lack %q", want)
		}
	}
	if got := Spec().Tips(providers.Values{EnvSecretKey: "sk_live_51AbC"}); got != nil {
		t.Errorf("test cards offered with live keys: %v", got)
	}
}
