package stripe

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/onboard-dev/onboard/internal/providers"
	"github.com/onboard-dev/onboard/internal/providers/sandbox"
	"github.com/onboard-dev/onboard/internal/secret"
)

type seenRequest struct {
	method, path, query, body string
	header                    http.Header
}

// recordingServer answers like Stripe for the calls Verify makes and keeps
// what it received.
func recordingServer(t *testing.T, account string) (*httptest.Server, func() []seenRequest) {
	var mu sync.Mutex
	var seen []seenRequest
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		seen = append(seen, seenRequest{r.Method, r.URL.Path, r.URL.RawQuery, string(b), r.Header.Clone()})
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		switch {
		case r.URL.Path == "/v1/account":
			_, _ = io.WriteString(w, account)
		case r.URL.Path == "/v1/tokens" || strings.HasPrefix(r.URL.Path, "/v1/tokens/"):
			_, _ = io.WriteString(w, `{"id":"tok_1AbC","object":"token","livemode":false,"type":"pii"}`)
		default:
			w.WriteHeader(404)
			_, _ = io.WriteString(w, `{"error":{"type":"invalid_request_error","message":"Unrecognized request URL"}}`)
		}
	}))
	t.Cleanup(srv.Close)
	return srv, func() []seenRequest {
		mu.Lock()
		defer mu.Unlock()
		return append([]seenRequest(nil), seen...)
	}
}

func TestWireFormat(t *testing.T) {
	srv, seen := recordingServer(t, `{"id":"acct_1AbC","object":"account","email":"a@b.example"}`)
	rs := verify(t, New(Config{BaseURL: srv.URL + "/", HTTP: fastHTTP()}), demoValues())
	expect(t, byName(t, rs, CheckSecretKey), providers.Pass, "a@b.example", "")
	reqs := seen()
	if len(reqs) != 3 {
		t.Fatalf("%d requests, want 3 (account, token create, token read)", len(reqs))
	}
	for _, r := range reqs {
		auth := r.header.Get("Authorization")
		wantKey := sandbox.DemoStripeSecretKey
		if r.method == http.MethodPost {
			wantKey = sandbox.DemoStripePublishableKey
		}
		if auth != "Bearer "+wantKey {
			t.Errorf("%s %s: Authorization is not the expected key as a Bearer token (%s)", r.method, r.path, secret.Mask(strings.TrimPrefix(auth, "Bearer ")))
		}
		if r.header.Get("Stripe-Version") != APIVersion {
			t.Errorf("%s %s: Stripe-Version %q", r.method, r.path, r.header.Get("Stripe-Version"))
		}
		if strings.Contains(r.query+r.body+r.path, sandbox.DemoStripeSecretKey[8:]) || strings.Contains(r.query+r.body+r.path, sandbox.DemoStripePublishableKey[8:]) {
			t.Errorf("%s %s: a key travels outside the Authorization header", r.method, r.path)
		}
		if strings.HasPrefix(r.path, "//") {
			t.Errorf("a trailing slash in the base URL doubled the path: %s", r.path)
		}
		if r.method == http.MethodPost {
			if r.header.Get("Content-Type") != "application/x-www-form-urlencoded" || r.body != "pii%5Bid_number%5D=000000000" {
				t.Errorf("token create sent %q as %q", r.body, r.header.Get("Content-Type"))
			}
			if !strings.HasPrefix(r.header.Get("Idempotency-Key"), "onboard-") {
				t.Errorf("POST without an Idempotency-Key")
			}
		}
	}
}

func TestLiveAccountNotActivatedWarns(t *testing.T) {
	srv, _ := recordingServer(t, `{"id":"acct_1AbC","object":"account","charges_enabled":false,"settings":{"dashboard":{"display_name":"Shop"}}}`)
	p := New(Config{BaseURL: srv.URL, HTTP: fastHTTP()})
	// Called directly: Verify would (rightly) refuse to send a live key here.
	acc, err := p.api.getAccount(context.Background(), as("sk_live_51AbC"))
	expect(t, secretKeyResult(acc, err, KeyInfo{Kind: Secret, Live: true}, as("sk_live_51AbC")), providers.Pass, "live key for account acct_", "")
	// The account's own status is its own check now, read from the same
	// answer (it used to be a warning of the key check).
	expect(t, byName(t, liveStatusResults(acc, err), CheckCharges), providers.Warn, "live payments are not enabled", "account/onboarding")
}

func TestLiveConnectReadsOnly(t *testing.T) {
	cfg, sim := startSim(t, sandbox.Options{})
	c := NewConnect(cfg)
	sk := secret.Secret(sandbox.DemoStripeSecretKey)
	// The live path itself, called directly against the simulator (Verify
	// sends live keys to api.stripe.com only).
	expect(t, c.liveEnabled(context.Background(), as(sk)), providers.Warn, "no live connected accounts yet", "connect/overview")
	if r := byName(t, verify(t, c, demoValues()), CheckConnectEnabled); r.Status != providers.Pass {
		t.Fatal(r.Detail)
	}
	before := sim.CreatedAccounts()
	// One account that stays: the live read finds it without creating any.
	if _, err := c.api.createAccount(context.Background(), as(sk), legacyExpress, ""); err != nil {
		t.Fatal(err)
	}
	expect(t, c.liveEnabled(context.Background(), as(sk)), providers.Pass, "already has connected accounts", "")
	if sim.CreatedAccounts() != before+1 {
		t.Fatal("the live check created an account")
	}
}

// Only a stand-in may call itself stripe-mock: the header is honoured
// from any host but Stripe's own, where it never comes from Stripe.
func TestMockHeaderIgnoredFromStripe(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set(mockHeader, "master")
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"id":"acct_1AbC","object":"account"}`)
	}))
	defer srv.Close()
	a := newAPI(Config{BaseURL: srv.URL, HTTP: fastHTTP()})
	if acc, err := a.getAccount(context.Background(), as(sandbox.DemoStripeSecretKey)); err != nil || acc.mock != "master" {
		t.Fatalf("a stand-in's header was not read: %q %v", acc.mock, err)
	}
	a.host = officialHost // as if the answer came from api.stripe.com
	if acc, err := a.getAccount(context.Background(), as(sandbox.DemoStripeSecretKey)); err != nil || acc.mock != "" {
		t.Fatalf("Stripe's own host was taken for stripe-mock: %q %v", acc.mock, err)
	}
}
