package stripe

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/onboard-dev/onboard/internal/providers"
	"github.com/onboard-dev/onboard/internal/providers/sandbox"
	"github.com/onboard-dev/onboard/internal/testkit/leakcheck"
)

// staticProvider reports one fixed result: a stand-in to run a result
// through providers.Verify.
type staticProvider struct{ r providers.Result }

func (s staticProvider) Spec() *providers.Spec                                { return Spec() }
func (s staticProvider) Checklist(providers.Values) []providers.ChecklistItem { return nil }
func (s staticProvider) Fields() []providers.Field                            { return stripeFields(providers.AnyMode) }
func (s staticProvider) Checks(providers.Values) []string                     { return []string{s.r.Name} }
func (s staticProvider) Verify(context.Context, providers.Values, providers.Report) []providers.Result {
	return []providers.Result{s.r}
}

// A server that quotes the keys it was sent, in any field of its error
// object and in any form, has them masked before a person sees them: in
// every result Verify returns or reports.
func TestServerEchoIsRedacted(t *testing.T) {
	sk, pk, wh := sandbox.DemoStripeSecretKey, sandbox.DemoStripePublishableKey, sandbox.DemoStripeWebhookSecret
	b64 := base64.StdEncoding.EncodeToString([]byte(sk + ":"))
	echo := func(s string) string {
		// Every field, each quoting the key another way.
		return fmt.Sprintf(`{"error":{"type":"invalid_request_error","code":"%s","message":"Invalid API Key provided: %s (Basic %s)","param":"%s","doc_url":"https://stripe.com/docs?key=%s","request_id":"req_%s"}}`,
			s, s, b64, jsonEscapeAll(s), url.QueryEscape(s), s[len(s)-20:])
	}
	for _, path := range []string{"/v1/account", "/v1/tokens", "/v1/accounts", "/v1/payment_intents"} {
		for _, status := range []int{400, 401, 403, 500} {
			cfg, _ := startSim(t, sandbox.Options{Faults: []sandbox.Fault{{Path: path, Status: status, Body: echo(sk)}}})
			cfg.HTTP.MaxRetries = 0
			for _, p := range []providers.Provider{New(cfg), NewConnect(cfg)} {
				var reported []providers.Result
				var mu sync.Mutex
				rs := providers.Verify(context.Background(), p, with(demoValues(), EnvConnectAccountType, "express"), func(r providers.Result) {
					mu.Lock()
					reported = append(reported, r)
					mu.Unlock()
				})
				out, _ := json.Marshal(append(rs, reported...))
				leakcheck.AssertNoLeak(t, fmt.Sprintf("%s %s %d", p.Spec().ID, path, status), out, sk, wh)
				leakcheck.AssertNoLeak(t, fmt.Sprintf("%s %s %d (publishable)", p.Spec().ID, path, status), out, pk)
			}
		}
	}
}

// jsonEscapeAll writes every character of s as a \u escape.
func jsonEscapeAll(s string) string {
	var b strings.Builder
	for _, c := range []byte(s) {
		fmt.Fprintf(&b, `\\u%04x`, c)
	}
	return b.String()
}

func TestParseError(t *testing.T) {
	h := http.Header{"Request-Id": {"req_abc"}}
	body := `{"error":{"type":"invalid_request_error","code":"resource_missing","message":"No such token: 'tok_1'","param":"token","doc_url":"https://stripe.com/docs/error-codes/resource-missing"}}`
	e := parseError(404, h, []byte(body), "api.stripe.com")
	if e.Code != "resource_missing" || e.Param != "token" || e.RequestID != "req_abc" || e.Status != 404 {
		t.Fatalf("parsed %+v", *e)
	}
	if got := e.Error(); got != "Stripe answered HTTP 404 (resource_missing): No such token: 'tok_1' [request req_abc]" {
		t.Fatalf("Error() = %q", got)
	}
	// A key the server quoted is kept here for providers.Verify to mask
	// (TestServerEchoIsRedacted), so no result can ever show it.
	leaky := `{"error":{"type":"invalid_request_error","message":"Authorization was 'Bearer ` + sandbox.DemoStripeSecretKey + `'"}}`
	e = parseError(401, h, []byte(leaky), "x")
	rs := providers.Verify(context.Background(), staticProvider{failed(CheckSecretKey, "reading the account", e)}, demoValues(), nil)
	if strings.Contains(rs[0].Detail, sandbox.DemoStripeSecretKey) || !strings.Contains(rs[0].Detail, "Bearer sk_test_…") {
		t.Fatalf("a result quotes a full key, or lost the message: %q", rs[0].Detail)
	}
	html := parseError(502, http.Header{"Content-Type": {"text/html"}}, []byte("<html>bad gateway</html>"), "api.stripe.com")
	if html.Type != "" || !strings.Contains(html.Error(), "web page") || !strings.Contains(html.Hint(), "API URL") {
		t.Fatalf("HTML answer read as %q / %q", html.Error(), html.Hint())
	}
}

func TestHintTable(t *testing.T) {
	cases := []struct {
		status       int
		code, msg    string
		typ, hintHas string
	}{
		{401, "", "Invalid API Key provided: sk_test_****1234", "", "mistyped"},
		{401, "api_key_expired", "Expired API Key provided", "", "rolled"},
		{401, "platform_api_key_expired", "", "", "platform's"},
		// A missing permission has no code; the message names it.
		{403, "", "The provided key 'rk_test_****1234' does not have the required permissions for this endpoint on account 'acct_1'. Having the 'rak_charge_read' permission would allow this request to continue.", "", "without the rak_charge_read permission"},
		{403, "", "The provided key does not have access to account 'acct_2'.", "", "restricted key"},
		{401, "", "This API call cannot be made with a publishable API key.", "", "STRIPE_SECRET_KEY"},
		{404, "resource_missing", "No such token", "", "another account"},
		{429, "rate_limit", "", "", "Wait a minute"},
		{500, "", "", "api_error", "status.stripe.com"},
		{400, "account_invalid", "", "", "not connected"},
		{400, "testmode_charges_only", "", "", "Activate"},
		{400, "livemode_mismatch", "", "", "one mode"},
		{400, "parameter_unknown", "Received unknown parameter: x", "", "bug in onboard"},
		{400, "parameter_missing", "", "", "bug in onboard"},
		{400, "", "You can only create new accounts if you've signed up for Connect", "", "https://dashboard.stripe.com/connect/overview"},
		{400, "", "Please review the responsibilities of managing losses for connected accounts at https://dashboard.stripe.com/settings/connect/platform-profile.", "", "platform-profile"},
		{402, "card_declined", "Your card was declined.", "card_error", ""},
	}
	for _, c := range cases {
		typ := c.typ
		if typ == "" {
			typ = "invalid_request_error"
		}
		e := &Error{Status: c.status, Type: typ, Code: c.code, Message: c.msg}
		if h := e.Hint(); !strings.Contains(h, c.hintHas) {
			t.Errorf("%d %s %q: hint %q lacks %q", c.status, c.code, c.msg, h, c.hintHas)
		}
	}
}
