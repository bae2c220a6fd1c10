package stripe

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/onboard-dev/onboard/internal/providers"
	"github.com/onboard-dev/onboard/internal/providers/sandbox"
)

func TestFaults(t *testing.T) {
	var elsewhere atomic.Int32
	other := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { elsewhere.Add(1) }))
	// Cleanup runs after the parallel subtests have finished.
	t.Cleanup(func() {
		other.Close()
		if n := elsewhere.Load(); n != 0 {
			t.Errorf("the redirect target received %d requests", n)
		}
	})

	cases := []struct {
		name         string
		fault        sandbox.Fault
		status       providers.Status
		detail, hint string
	}{
		{name: "hang", fault: sandbox.Fault{Path: "/v1/account", Hang: true},
			status: providers.Fail, detail: "did not answer within", hint: "network"},
		{name: "5xx on a read is retried", fault: sandbox.Fault{Path: "/v1/account", Times: 2, Status: 500, Body: `{"error":{"type":"api_error","message":"An unknown error occurred"}}`},
			status: providers.Pass, detail: sandbox.DemoStripeAccountName},
		{name: "5xx that persists", fault: sandbox.Fault{Path: "/v1/account", Status: 503, Body: `{"error":{"type":"api_error","message":"An unknown error occurred"}}`},
			status: providers.Fail, detail: "HTTP 503", hint: "status.stripe.com"},
		{name: "429 with Retry-After", fault: sandbox.Fault{Path: "/v1/account", Times: 1, Status: 429, RetryAfter: 1, Body: `{"error":{"type":"invalid_request_error","code":"rate_limit","message":"Too many requests"}}`},
			status: providers.Pass, detail: sandbox.DemoStripeAccountName},
		{name: "429 for too long", fault: sandbox.Fault{Path: "/v1/account", Status: 429, RetryAfter: 60, Body: `{"error":{"type":"invalid_request_error","code":"rate_limit","message":"Too many requests"}}`},
			status: providers.Fail, detail: "rate_limit", hint: "Wait a minute"},
		{name: "malformed JSON", fault: sandbox.Fault{Path: "/v1/account", Malformed: true},
			status: providers.Fail, detail: "not valid JSON", hint: "API URL"},
		{name: "HTML page", fault: sandbox.Fault{Path: "/v1/account", HTML: true},
			status: providers.Fail, detail: "a web page instead of a Stripe API answer", hint: "API URL"},
		{name: "truncated", fault: sandbox.Fault{Path: "/v1/account", Truncate: true},
			status: providers.Fail, detail: "broke before the answer was complete", hint: "Retry"},
		{name: "truncated once, then whole", fault: sandbox.Fault{Path: "/v1/account", Truncate: true, Times: 1},
			status: providers.Pass, detail: sandbox.DemoStripeAccountName},
		{name: "oversize", fault: sandbox.Fault{Path: "/v1/account", Oversize: 2 << 20},
			status: providers.Fail, detail: "larger than", hint: "not at another web server"},
		{name: "redirect to another host", fault: sandbox.Fault{Path: "/v1/account", RedirectTo: other.URL + "/v1/account"},
			status: providers.Fail, detail: "redirect", hint: "never follows a redirect"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			cfg, _ := startSim(t, sandbox.Options{Faults: []sandbox.Fault{c.fault}})
			cfg.HTTP.Timeout = 300 * time.Millisecond
			cfg.HTTP.MaxRetries = 2
			rs := verify(t, New(cfg), demoValues())
			expect(t, byName(t, rs, CheckSecretKey), c.status, c.detail, c.hint)
			// The same-account check does not touch /v1/account and must
			// be unaffected by its fault.
			expect(t, byName(t, rs, CheckSameAccount), providers.Pass, "", "")
		})
	}
}

// A fault on the token create (a POST) is retried only because the request
// carries an Idempotency-Key, and the retry must not make a second token
// visible as a different one: the check still passes.
func TestTokenCreateRetriedSafely(t *testing.T) {
	cfg, _ := startSim(t, sandbox.Options{Faults: []sandbox.Fault{{Path: "/v1/tokens", Truncate: true, Times: 1}}})
	rs := verify(t, New(cfg), demoValues())
	expect(t, byName(t, rs, CheckSameAccount), providers.Pass, "visible", "")
}

func TestCancelledVerifyReportsCancelled(t *testing.T) {
	cfg, _ := startSim(t, sandbox.Options{Faults: []sandbox.Fault{{Hang: true}}})
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(50*time.Millisecond, cancel)
	rs := New(cfg).Verify(ctx, demoValues(), nil)
	expect(t, byName(t, rs, CheckSecretKey), providers.Skip, "cancelled", "")
	expect(t, byName(t, rs, CheckSameAccount), providers.Skip, "cancelled", "")
}

// A connected-account create whose answer is cut off is retried with the
// same Idempotency-Key: Stripe (and the simulator) replay the first answer,
// so exactly one account is made and it is deleted.
func TestAccountCreateRetriedWithoutDuplicates(t *testing.T) {
	for _, f := range []sandbox.Fault{
		{Path: "/v1/accounts", Truncate: true, Times: 1},
		{Path: "/v1/accounts", Status: 500, Body: `{"error":{"type":"api_error","message":"An unknown error occurred"}}`, Times: 1},
	} {
		cfg, sim := startSim(t, sandbox.Options{Faults: []sandbox.Fault{f}})
		rs := verify(t, NewConnect(cfg), demoValues())
		expect(t, byName(t, rs, CheckConnectEnabled), providers.Pass, "deleted it again", "")
		if sim.ConnectedAccounts() != 0 || sim.CreatedAccounts() != 1 {
			t.Fatalf("%d accounts left, %d created", sim.ConnectedAccounts(), sim.CreatedAccounts())
		}
	}
}
