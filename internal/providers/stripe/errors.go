package stripe

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
)

// Error is Stripe's error object, or a description of an answer that was not
// one (Type "" then). Its text is the server's: it reaches a person only in
// a result, which providers.Verify redacts.
type Error struct {
	Status    int    // HTTP status
	Type      string // invalid_request_error, api_error, card_error, idempotency_error…
	Code      string // api_key_expired, resource_missing, … (often empty)
	Message   string // Stripe's words, as sent: providers.Verify masks any secret quoted in them
	Param     string
	DocURL    string
	RequestID string
}

func (e *Error) Error() string {
	var b strings.Builder
	if e.Type == "" {
		b.WriteString(e.Message)
	} else {
		fmt.Fprintf(&b, "Stripe answered HTTP %d", e.Status)
		if e.Code != "" {
			fmt.Fprintf(&b, " (%s)", e.Code)
		}
		if e.Message != "" {
			b.WriteString(": " + e.Message)
		}
	}
	if e.RequestID != "" {
		fmt.Fprintf(&b, " [request %s]", e.RequestID)
	}
	return b.String()
}

// parseError reads a non-2xx answer. Anything that is not Stripe's error
// object is described in words (an HTML page from a proxy, say).
func parseError(status int, header http.Header, body []byte, host string) *Error {
	var env struct {
		Error *struct {
			Type      string `json:"type"`
			Code      string `json:"code"`
			Message   string `json:"message"`
			Param     string `json:"param"`
			DocURL    string `json:"doc_url"`
			RequestID string `json:"request_id"`
		} `json:"error"`
	}
	reqID := header.Get("Request-Id")
	if err := json.Unmarshal(body, &env); err != nil || env.Error == nil {
		what := "an answer that is not Stripe's error format"
		if strings.Contains(strings.ToLower(header.Get("Content-Type")), "html") || strings.HasPrefix(strings.TrimSpace(string(body)), "<") {
			what = "a web page instead of a Stripe API answer (a proxy, a load balancer, or a wrong API URL?)"
		}
		return &Error{Status: status, Message: fmt.Sprintf("%s answered HTTP %d with %s", host, status, what), RequestID: reqID}
	}
	e := env.Error
	if e.RequestID != "" {
		reqID = e.RequestID
	}
	if e.Type == "" {
		e.Type = "invalid_request_error"
	}
	return &Error{Status: status, Type: e.Type, Code: e.Code, Message: e.Message, Param: e.Param, DocURL: e.DocURL, RequestID: reqID}
}

// The dashboard pages hints point at.
const (
	urlAPIKeys         = "https://dashboard.stripe.com/apikeys"
	urlTestAPIKeys     = "https://dashboard.stripe.com/test/apikeys"
	urlConnectOverview = "https://dashboard.stripe.com/connect/overview"
	urlConnectSettings = "https://dashboard.stripe.com/settings/connect"
	urlPlatformProfile = "https://dashboard.stripe.com/settings/connect/platform-profile"
	urlStatus          = "https://status.stripe.com"
	urlActivate        = "https://dashboard.stripe.com/account/onboarding"
)

// Hint says what to do next, for the codes and messages onboard meets.
func (e *Error) Hint() string {
	msg := strings.ToLower(e.Message)
	switch {
	case e.Type == "":
		return "Check that the Stripe API URL points at Stripe (or at the local simulator), not at another web server."
	case e.Code == "api_key_expired":
		return "This key was rolled (replaced) or has expired. Copy the current one from Developers → API keys: " + urlAPIKeys
	case e.Code == "platform_api_key_expired":
		return "The platform's key that acts for this connected account has expired. Use the platform's current secret key from " + urlAPIKeys
	case e.Code == "more_permissions_required" || e.Status == http.StatusForbidden:
		return "The key is valid but it is a restricted key without the permission this call needs. Grant that permission on the key (Developers → API keys → edit the restricted key) or use the standard secret key: " + urlAPIKeys
	case strings.Contains(msg, "publishable api key"):
		return "A publishable key (pk_…) was sent where a secret key is needed. Put the secret key (sk_…) in STRIPE_SECRET_KEY."
	case strings.Contains(msg, "signed up for connect"):
		return "Connect is not enabled on this Stripe account yet. Open " + urlConnectOverview + " and click Get started, then run the check again."
	case strings.Contains(msg, "platform-profile") || strings.Contains(msg, "platform profile") || strings.Contains(msg, "managing losses"):
		return "Finish the Connect platform profile (who is responsible for losses and onboarding): " + urlPlatformProfile
	case e.Status == http.StatusUnauthorized:
		return "Stripe did not accept the key: it may be mistyped, cut short, from another account, or rolled in the Dashboard. Copy it again from Developers → API keys (" + urlTestAPIKeys + " for test mode)."
	case e.Code == "account_invalid":
		return "The account ID is wrong, or that account is not connected to your platform. Check the connected accounts list: " + urlConnectOverview
	case e.Code == "testmode_charges_only":
		return "The account is not activated yet, so only test-mode payments work. Activate it in the Dashboard: " + urlActivate
	case e.Code == "livemode_mismatch":
		return "A test-mode object was used with a live key, or the reverse. Use keys from one mode."
	case e.Code == "resource_missing":
		return "Stripe has no such object for this key: it may belong to another account or to the other mode (test or live)."
	case e.Code == "rate_limit" || e.Status == http.StatusTooManyRequests:
		return "Stripe is limiting requests from this account right now. Wait a minute and run the check again."
	case e.Code == "parameter_missing" || e.Code == "parameter_unknown" || e.Code == "parameter_invalid_empty" || e.Code == "parameter_invalid_integer":
		return "Stripe rejected the shape of onboard's request, which is a bug in onboard. Please report it with the request id."
	case e.Code == "idempotency_key_in_use" || e.Type == "idempotency_error":
		return "A retried request overlapped the first attempt. Run the check again."
	case e.Type == "api_error" || e.Status >= 500:
		return "Stripe had a problem on its side. Retry in a moment; if it persists, check " + urlStatus
	}
	if e.DocURL != "" {
		return "See " + e.DocURL
	}
	return ""
}
