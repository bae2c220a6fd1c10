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
	"github.com/onboard-dev/onboard/internal/secret"
	"github.com/onboard-dev/onboard/internal/stripemock"
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

	t.Run("secret key check", func(t *testing.T) {
		rs := New(cfg).Verify(ctx, providers.Values{EnvSecretKey: mockSecretKey, EnvPublishableKey: mockPublishableKey}, nil)
		expect(t, byName(t, rs, CheckSecretKey), providers.Pass, "test key for account acct_", "")
		t.Log("stripe-mock only accepts secret keys, so the publishable-key half of the same-account check cannot run here; it is covered against stripesim.")
	})

	t.Run("token create and read", func(t *testing.T) {
		// The same form the same-account check sends with the publishable
		// key, sent with a secret key because stripe-mock takes no other.
		tok, err := a.createToken(ctx, mockSecretKey)
		if err != nil {
			t.Fatalf("stripe-mock rejected the token request: %v", err)
		}
		got, err := a.getToken(ctx, mockSecretKey, tok.ID)
		if err != nil || got.Object != "token" || got.Livemode {
			t.Fatalf("token read: %+v, %v", got, err)
		}
		t.Log("stripe-mock is stateless: any token ID reads back, so it cannot show a token from another account (resource_missing); stripesim covers that.")
	})

	t.Run("connect create and delete", func(t *testing.T) {
		for _, typ := range []string{"standard", "express", "custom"} {
			rs := NewConnect(cfg).Verify(ctx, providers.Values{EnvSecretKey: mockSecretKey, EnvConnectAccountType: typ}, nil)
			expect(t, byName(t, rs, CheckConnectEnabled), providers.Pass, "created a test "+typ+" account", "")
		}
		acc, err := a.deleteAccount(ctx, mockSecretKey, "acct_1OnboardMock")
		if err != nil || !acc.Deleted {
			t.Fatalf("delete: %+v, %v", acc, err)
		}
		t.Log("stripe-mock accepts account creation for any key, so 'Connect not enabled' and the platform-profile error are covered against stripesim.")
	})

	t.Run("live read-only list", func(t *testing.T) {
		if _, err := a.listAccounts(ctx, mockSecretKey); err != nil {
			t.Fatalf("stripe-mock rejected the accounts list: %v", err)
		}
	})

	t.Run("simulator shapes match", func(t *testing.T) { simulatorShapesMatch(t, cfg) })

	t.Run("validation is on", func(t *testing.T) {
		// A control: a parameter Stripe does not know is refused, so the
		// acceptances above mean something.
		var out map[string]any
		err := a.call(ctx, http.MethodPost, "/v1/accounts", mockSecretKey, url.Values{"type": {"express"}, "onboard_bogus": {"1"}}, &out)
		if se := stripeErr(err); se == nil || se.Status != http.StatusBadRequest {
			t.Fatalf("stripe-mock accepted an unknown parameter: %v", err)
		}
		t.Log("stripe-mock answers any well-formed test key; an invalid or rolled real key is covered against stripesim.")
	})
}

// simulatorShapesMatch holds the simulator's answers to carrying only fields
// Stripe's answers (stripe-mock's) have.
func simulatorShapesMatch(t *testing.T, mock Config) {
	simCfg, sim := startSim(t, sandbox.Options{})
	simKey := secret.Secret(sandbox.DemoStripeSecretKey)

	compare := func(name string, simAns, mockAns map[string]any) {
		t.Helper()
		if extra := extraFields("", simAns, mockAns); len(extra) > 0 {
			t.Errorf("%s: stripesim sends fields stripe-mock does not: %s", name, strings.Join(extra, ", "))
		}
	}

	simAcc := raw(t, simCfg, http.MethodGet, "/v1/account", simKey, nil)
	compare("GET /v1/account", simAcc, raw(t, mock, http.MethodGet, "/v1/account", mockSecretKey, nil))

	simTok := raw(t, simCfg, http.MethodPost, "/v1/tokens", sandbox.DemoStripePublishableKey, tokenForm())
	compare("POST /v1/tokens", simTok, raw(t, mock, http.MethodPost, "/v1/tokens", mockSecretKey, tokenForm()))
	compare("GET /v1/tokens/{id}",
		raw(t, simCfg, http.MethodGet, "/v1/tokens/"+simTok["id"].(string), simKey, nil),
		raw(t, mock, http.MethodGet, "/v1/tokens/tok_123", mockSecretKey, nil))

	simNew := raw(t, simCfg, http.MethodPost, "/v1/accounts", simKey, connectProbeForm("express"))
	compare("POST /v1/accounts", simNew, raw(t, mock, http.MethodPost, "/v1/accounts", mockSecretKey, connectProbeForm("express")))
	compare("GET /v1/accounts", raw(t, simCfg, http.MethodGet, "/v1/accounts", simKey, nil), raw(t, mock, http.MethodGet, "/v1/accounts", mockSecretKey, nil))
	compare("DELETE /v1/accounts/{id}",
		raw(t, simCfg, http.MethodDelete, "/v1/accounts/"+simNew["id"].(string), simKey, nil),
		raw(t, mock, http.MethodDelete, "/v1/accounts/acct_123", mockSecretKey, nil))
	if n := sim.ConnectedAccounts(); n != 0 {
		t.Fatalf("%d connected accounts left in the simulator", n)
	}
}

func raw(t *testing.T, cfg Config, method, path string, key secret.Secret, form url.Values) map[string]any {
	t.Helper()
	var out map[string]any
	if err := newAPI(cfg).call(context.Background(), method, path, key, form, &out); err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	return out
}

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
