package stripe

import (
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
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
	// DeclineCode and PaymentIntent come with a card_error: why the
	// issuer declined, and the PaymentIntent the attempt left behind.
	DeclineCode   string
	PaymentIntent string
	// Mock is stripe-mock's version when stripe-mock answered, else "".
	Mock string
}

// permissionPattern finds the restricted-key permission a 403 names:
// Stripe's code is null there and only the message says which one is
// missing, e.g. rak_accounts_kyc_id_numbers_read (stripe/stripe-node#2246).
var permissionPattern = regexp.MustCompile(`\brak_[a-z0-9_]+\b`)

// Permission is the restricted-key permission a 403 says is missing, or "".
func (e *Error) Permission() string {
	if e.Status != http.StatusForbidden {
		return ""
	}
	return permissionPattern.FindString(e.Message)
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
			Decline   string `json:"decline_code"`
			// payment_intent is the object on a card_error.
			PaymentIntent *struct {
				ID string `json:"id"`
			} `json:"payment_intent"`
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
	out := &Error{Status: status, Type: e.Type, Code: e.Code, Message: e.Message, Param: e.Param, DocURL: e.DocURL, RequestID: reqID, DeclineCode: e.Decline}
	if e.PaymentIntent != nil {
		out.PaymentIntent = e.PaymentIntent.ID
	}
	return out
}

// The dashboard pages hints point at. Each is the page of whichever
// account or sandbox is in view in the Dashboard's account picker
// (docs.stripe.com/keys): sandboxes have no pages of their own under /test/.
const (
	urlAPIKeys         = "https://dashboard.stripe.com/apikeys"
	urlSandboxes       = "https://dashboard.stripe.com/sandboxes"
	urlConnectOverview = "https://dashboard.stripe.com/connect/overview"
	urlConnectSettings = "https://dashboard.stripe.com/settings/connect"
	urlPlatformProfile = "https://dashboard.stripe.com/settings/connect/platform-profile"
	urlStatus          = "https://status.stripe.com"
	urlActivate        = "https://dashboard.stripe.com/account/onboarding"
	urlPayoutSettings  = "https://dashboard.stripe.com/settings/payouts"
)

// Connect's two refusals of a new account are both HTTP 400 with no code;
// only the message tells them apart.
func (e *Error) connectOff() bool {
	return strings.Contains(strings.ToLower(e.Message), "signed up for connect")
}

func (e *Error) platformProfile() bool {
	msg := strings.ToLower(e.Message)
	return strings.Contains(msg, "platform-profile") || strings.Contains(msg, "platform profile") || strings.Contains(msg, "managing losses")
}

// Hint says what to do next, for the codes and messages onboard meets.
func (e *Error) Hint() string {
	msg := strings.ToLower(e.Message)
	switch {
	case e.Type == "":
		return "Check that the Stripe API URL points at Stripe (or at the local simulator), not at another web server."
	case e.Code == "api_key_expired":
		return "This key was rolled (replaced) or has expired. Copy the current one from the API keys page: " + urlAPIKeys
	case e.Code == "platform_api_key_expired":
		return "The platform's key that acts for this connected account has expired. Use the platform's current secret key from " + urlAPIKeys
	case e.Status == http.StatusForbidden && e.Permission() != "":
		return "The key is valid, but it is a restricted key without the " + e.Permission() + " permission this call needs. Give the key that permission (API keys page → the restricted key → Edit) or use a key that has it: " + urlAPIKeys
	case e.Status == http.StatusForbidden:
		return "The key is valid but not allowed to make this call (a restricted key without the permission, or an account the key cannot act for). Check the key's permissions on the API keys page: " + urlAPIKeys
	case strings.Contains(msg, "publishable api key"):
		return "A publishable key (pk_…) was sent where a secret key is needed. Put the secret key (sk_…) in STRIPE_SECRET_KEY."
	case e.connectOff():
		return "Connect is not turned on for this account or sandbox yet. Open " + urlConnectOverview + " with it in view, click Get started, then run the check again."
	case e.platformProfile():
		return "Stripe checks every new connected account against your Connect platform profile (who covers losses, who onboards). Make the two agree: answer the profile at " + urlPlatformProfile + ", or choose the settings it names."
	case e.Status == http.StatusUnauthorized:
		return "Stripe did not accept the key: it may be mistyped, cut short, from another account or sandbox, or rolled in the Dashboard. Copy it again from the API keys page with the right sandbox in view: " + urlAPIKeys
	case e.Code == "account_invalid":
		return "The account ID is wrong, or that account is not connected to your platform. Check the connected accounts list: " + urlConnectOverview
	case e.Code == "testmode_charges_only":
		return "The account is not activated yet, so only sandbox payments work. Activate it in the Dashboard: " + urlActivate
	case e.Code == "livemode_mismatch":
		return "A sandbox object was used with a live key, or the reverse. Use keys of one mode: all from one sandbox, or all from the live account."
	case e.Code == "resource_missing":
		return "Stripe has no such object for this key: it may belong to another account or sandbox, or to live mode."
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
