package stripe

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"testing"

	"github.com/onboard-dev/onboard/internal/providers"
	"github.com/onboard-dev/onboard/internal/providers/sandbox"
	"github.com/onboard-dev/onboard/internal/testkit/stripemock"
)

// stripe-mock accepts any test key of the form sk_test_X with no further
// underscore; this one also passes our own format rules.
const (
	mockSecretKey      = "sk_test_OnboardStripeMock0123456789"
	mockPublishableKey = "pk_test_OnboardStripeMock0123456789"
)

func mockConfig(t *testing.T) Config {
	t.Helper()
	return Config{BaseURL: stripemock.Start(t), HTTP: fastHTTP()}
}

// These tests hold our request shapes against Stripe's published spec: a
// route or parameter stripe-mock rejects is a bug in onboard.
func TestAgainstStripeMock(t *testing.T) {
	cfg := mockConfig(t)
	ctx := context.Background()
	a := newAPI(cfg)
	sk := as(mockSecretKey)

	t.Run("verify: what stripe-mock cannot answer is skipped, never failed", func(t *testing.T) {
		rs := New(cfg).Verify(ctx, providers.Values{EnvSecretKey: mockSecretKey, EnvPublishableKey: mockPublishableKey}, nil)
		for _, r := range rs {
			if r.Status == providers.Fail {
				t.Errorf("%s failed against stripe-mock: %s", r.Name, r.Detail)
			}
		}
		expect(t, byName(t, rs, CheckSecretKey), providers.Pass, "test key for account acct_", "")
		expect(t, byName(t, rs, CheckSecretKey), providers.Pass, "stripe-mock", "")
		for _, name := range []string{CheckSameAccount, CheckPayment, CheckDecline} {
			expect(t, byName(t, rs, name), providers.Skip, "stripe-mock", "")
		}
	})

	t.Run("an organization key is not stripe-mock's to try", func(t *testing.T) {
		rs := New(cfg).Verify(ctx, providers.Values{EnvSecretKey: "sk_org_test_OnboardStripeMock0123456789", EnvContext: "acct_1OnboardMock", EnvPublishableKey: mockPublishableKey}, nil)
		for _, r := range rs {
			if r.Status == providers.Fail {
				t.Errorf("%s failed against stripe-mock: %s", r.Name, r.Detail)
			}
		}
		expect(t, byName(t, rs, CheckSecretKey), providers.Skip, "only sk_test_ keys", "")
	})

	t.Run("token create and read", func(t *testing.T) {
		// The same form the same-account check sends with the publishable
		// key, sent with a secret key because stripe-mock takes no other.
		tok, err := a.createToken(ctx, mockSecretKey)
		if err != nil {
			t.Fatalf("stripe-mock rejected the token request: %v", err)
		}
		got, err := a.getToken(ctx, sk, tok.ID)
		if err != nil || got.Object != "token" || got.Livemode {
			t.Fatalf("token read: %+v, %v", got, err)
		}
		t.Log("stripe-mock is stateless: any token ID reads back, so it cannot show a token from another account (resource_missing); stripesim covers that.")
	})

	t.Run("connect create and delete", func(t *testing.T) {
		combos := []providers.Values{{}, {EnvConnectAccountType: "express"}}
		for _, ctrl := range []Controller{legacyStandard, legacyExpress, legacyCustom, {FeesPayer: "application", Losses: "stripe", Dashboard: "full", Requirements: "stripe"}} {
			combos = append(combos, settingsValues(ctrl))
		}
		for _, v := range combos {
			v[EnvSecretKey] = mockSecretKey
			rs := NewConnect(cfg).Verify(ctx, v, nil)
			ctrl, _ := connectSettings(v)
			// stripe-mock validated the controller properties (a wrong one
			// fails), but it models no accounts: Connect's state is unknown.
			expect(t, byName(t, rs, CheckConnectEnabled), providers.Skip, "accepted the test account's parameters ("+ctrl.Describe()+")", "")
		}
		acc, err := a.deleteAccount(ctx, sk, "acct_1OnboardMock")
		if err != nil || !acc.Deleted {
			t.Fatalf("delete: %+v, %v", acc, err)
		}
		t.Log("stripe-mock accepts account creation for any key, so 'Connect not enabled' and the platform-profile refusals are covered against stripesim.")
	})

	t.Run("test payments and the cancel", func(t *testing.T) {
		for _, pm := range []string{pmSucceeds, pmDeclined} {
			pi, err := a.createPayment(ctx, sk, pm, testAmount("usd"), "usd", "")
			if err != nil || pi.Object != "payment_intent" || pi.mock == "" {
				t.Fatalf("payment with %s: %+v, %v", pm, pi, err)
			}
		}
		if pi, err := a.cancelPayment(ctx, sk, "pi_1OnboardMock"); err != nil || pi.Object != "payment_intent" {
			t.Fatalf("cancel: %+v, %v", pi, err)
		}
		t.Log("stripe-mock runs no payments: success and card_declined are covered against stripesim.")
	})

	t.Run("live status from stripe-mock's account", func(t *testing.T) {
		// stripe-mock's account fixture is a new account: charges and
		// payouts off, requirements due, restricted for past-due ones.
		acc, err := a.getAccount(ctx, sk)
		if err != nil {
			t.Fatal(err)
		}
		rs := liveStatusResults(acc, nil)
		expect(t, rs[0], providers.Warn, "live payments are not enabled", "account/onboarding")
		expect(t, rs[1], providers.Warn, "payouts are not enabled", "settings/payouts")
		expect(t, rs[2], providers.Fail, "business_profile.url", "account/onboarding")
	})

	t.Run("live read-only list", func(t *testing.T) {
		if _, err := a.listAccounts(ctx, sk); err != nil {
			t.Fatalf("stripe-mock rejected the accounts list: %v", err)
		}
	})

	t.Run("simulator shapes match", func(t *testing.T) { simulatorShapesMatch(t, cfg) })

	t.Run("validation is on", func(t *testing.T) {
		// A control: a parameter Stripe does not know is refused, so the
		// acceptances above mean something.
		var out map[string]any
		_, err := a.call(ctx, http.MethodPost, "/v1/accounts", sk, url.Values{"controller[stripe_dashboard][type]": {"full"}, "onboard_bogus": {"1"}}, &out)
		if se := stripeErr(err); se == nil || se.Status != http.StatusBadRequest || se.Mock == "" {
			t.Fatalf("stripe-mock accepted an unknown parameter: %v", err)
		}
		_, err = a.call(ctx, http.MethodPost, "/v1/accounts", sk, url.Values{"controller[stripe_dashboard][type]": {"partial"}}, &out)
		if se := stripeErr(err); se == nil || se.Status != http.StatusBadRequest {
			t.Fatalf("stripe-mock accepted a dashboard type Stripe does not have: %v", err)
		}
		t.Log("stripe-mock answers any well-formed test key; an invalid or rolled real key is covered against stripesim.")
	})
}

// settingsValues writes a Connect choice as the four variables.
func settingsValues(c Controller) providers.Values {
	return providers.Values{EnvFeesPayer: c.FeesPayer, EnvLosses: c.Losses, EnvDashboard: c.Dashboard, EnvRequirementCollection: c.Requirements}
}

// simulatorShapesMatch holds the simulator's answers to carrying only fields
// Stripe's answers (stripe-mock's) have.
func simulatorShapesMatch(t *testing.T, mock Config) {
	simCfg, sim := startSim(t, sandbox.Options{})
	simKey := as(sandbox.DemoStripeSecretKey)
	mockKey := as(mockSecretKey)

	compare := func(name string, simAns, mockAns map[string]any) {
		t.Helper()
		if extra := extraFields("", simAns, mockAns); len(extra) > 0 {
			t.Errorf("%s: stripesim sends fields stripe-mock does not: %s", name, strings.Join(extra, ", "))
		}
	}

	simAcc := raw(t, simCfg, http.MethodGet, "/v1/account", simKey, nil)
	compare("GET /v1/account", simAcc, raw(t, mock, http.MethodGet, "/v1/account", mockKey, nil))

	simTok := raw(t, simCfg, http.MethodPost, "/v1/tokens", as(sandbox.DemoStripePublishableKey), tokenForm())
	compare("POST /v1/tokens", simTok, raw(t, mock, http.MethodPost, "/v1/tokens", mockKey, tokenForm()))
	compare("GET /v1/tokens/{id}",
		raw(t, simCfg, http.MethodGet, "/v1/tokens/"+simTok["id"].(string), simKey, nil),
		raw(t, mock, http.MethodGet, "/v1/tokens/tok_123", mockKey, nil))

	for _, ctrl := range []Controller{legacyStandard, legacyExpress, legacyCustom} {
		simNew := raw(t, simCfg, http.MethodPost, "/v1/accounts", simKey, connectProbeForm(ctrl))
		compare("POST /v1/accounts ("+ctrl.Legacy()+")", simNew, raw(t, mock, http.MethodPost, "/v1/accounts", mockKey, connectProbeForm(ctrl)))
		compare("DELETE /v1/accounts/{id}",
			raw(t, simCfg, http.MethodDelete, "/v1/accounts/"+simNew["id"].(string), simKey, nil),
			raw(t, mock, http.MethodDelete, "/v1/accounts/acct_123", mockKey, nil))
	}
	compare("GET /v1/accounts", raw(t, simCfg, http.MethodGet, "/v1/accounts", simKey, nil), raw(t, mock, http.MethodGet, "/v1/accounts", mockKey, nil))

	form := paymentForm(pmSucceeds, testAmount("usd"), "usd")
	compare("POST /v1/payment_intents", raw(t, simCfg, http.MethodPost, "/v1/payment_intents", simKey, form), raw(t, mock, http.MethodPost, "/v1/payment_intents", mockKey, form))
	// The declined payment is the one onboard cancels: make one in the
	// simulator (its 402 names it), then cancel it in both.
	_, err := newAPI(simCfg).createPayment(context.Background(), simKey, pmDeclined, testAmount("usd"), "usd", "")
	se := stripeErr(err)
	if se == nil || se.Code != "card_declined" || se.PaymentIntent == "" {
		t.Fatalf("the simulator did not decline the test card: %v", err)
	}
	compare("POST /v1/payment_intents/{id}/cancel",
		raw(t, simCfg, http.MethodPost, "/v1/payment_intents/"+se.PaymentIntent+"/cancel", simKey, cancelForm()),
		raw(t, mock, http.MethodPost, "/v1/payment_intents/pi_123/cancel", mockKey, cancelForm()))
	if n := sim.ConnectedAccounts(); n != 0 {
		t.Fatalf("%d connected accounts left in the simulator", n)
	}
}

func raw(t *testing.T, cfg Config, method, path string, c creds, form url.Values) map[string]any {
	t.Helper()
	var out map[string]any
	if _, err := newAPI(cfg).call(context.Background(), method, path, c, form, &out); err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	return out
}

// opaque are objects whose insides are not compared: metadata is whatever
// the caller sent, and stripe-mock's fixture for last_payment_error holds
// only its type, where Stripe sends the whole error object.
var opaque = map[string]bool{"metadata": true, "last_payment_error": true}

// extraFields lists the paths present in got but absent from want, looking
// into nested objects and the first element of lists.
func extraFields(prefix string, got, want map[string]any) []string {
	var extra []string
	for k, gv := range got {
		wv, ok := want[k]
		if !ok {
			extra = append(extra, prefix+k)
			continue
		}
		if opaque[k] {
			continue
		}
		switch g := gv.(type) {
		case map[string]any:
			if w, ok := wv.(map[string]any); ok {
				extra = append(extra, extraFields(prefix+k+".", g, w)...)
			}
		case []any:
			w, ok := wv.([]any)
			if ok && len(g) > 0 && len(w) > 0 {
				gm, gok := g[0].(map[string]any)
				wm, wok := w[0].(map[string]any)
				if gok && wok {
					extra = append(extra, extraFields(prefix+k+"[].", gm, wm)...)
				}
			}
		}
	}
	sort.Strings(extra)
	return extra
}

func TestExtraFields(t *testing.T) {
	var got, want map[string]any
	_ = json.Unmarshal([]byte(`{"a":1,"b":{"c":1,"d":2},"l":[{"x":1,"y":2}]}`), &got)
	_ = json.Unmarshal([]byte(`{"a":null,"b":{"c":null},"l":[{"x":1}]}`), &want)
	if e := extraFields("", got, want); strings.Join(e, ",") != "b.d,l[].y" {
		t.Fatalf("extraFields = %v", e)
	}
}
