package stripe

import (
	"net/http"
	"strings"
	"testing"

	"github.com/onboard-dev/onboard/internal/providers/sandbox"
)

func TestScrubMasksFullKeys(t *testing.T) {
	in := "Authorization was 'Bearer " + sandbox.DemoStripeSecretKey + "' and " + sandbox.DemoStripeWebhookSecret + "; Stripe said sk_test_****1234"
	out := scrub(in)
	if strings.Contains(out, sandbox.DemoStripeSecretKey) || strings.Contains(out, sandbox.DemoStripeWebhookSecret) {
		t.Fatal("scrub left a full key in the message")
	}
	if !strings.Contains(out, "sk_test_…") || !strings.Contains(out, "sk_test_****1234") {
		t.Fatalf("scrub lost the readable parts: %s", out)
	}
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
	leaky := `{"error":{"type":"invalid_request_error","message":"Authorization was 'Bearer ` + sandbox.DemoStripeSecretKey + `'"}}`
	if e := parseError(401, h, []byte(leaky), "x"); strings.Contains(e.Error(), sandbox.DemoStripeSecretKey) {
		t.Fatal("Error() quotes a full key")
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
		{403, "more_permissions_required", "", "", "restricted key"},
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
