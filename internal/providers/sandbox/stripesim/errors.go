package stripesim

import (
	"fmt"
	"net/http"
)

// apiError is Stripe's error object.
type apiError struct {
	status      int
	Type        string `json:"type"`
	Code        string `json:"code,omitempty"`
	DeclineCode string `json:"decline_code,omitempty"`
	Message     string `json:"message"`
	Param       string `json:"param,omitempty"`
	DocURL      string `json:"doc_url,omitempty"`
	// Charge and PaymentIntent come with a card_error: the failed charge
	// and the PaymentIntent, as an object.
	Charge        string `json:"charge,omitempty"`
	PaymentIntent any    `json:"payment_intent,omitempty"`
}

func docURL(code string) string {
	if code == "" {
		return ""
	}
	b := []byte(code)
	for i, c := range b {
		if c == '_' {
			b[i] = '-'
		}
	}
	return "https://stripe.com/docs/error-codes/" + string(b)
}

func invalidRequest(status int, code, param, msg string) *apiError {
	return &apiError{status: status, Type: "invalid_request_error", Code: code, Message: msg, Param: param, DocURL: docURL(code)}
}

// stripeMask is how Stripe quotes a key back: its prefix, stars, last four.
func stripeMask(key string) string {
	prefix := ""
	for _, p := range []string{"sk_org_test_", "rkcs_test_", "sk_test_", "sk_live_", "pk_test_", "pk_live_", "rk_test_", "rk_live_"} {
		if len(key) > len(p) && key[:len(p)] == p {
			prefix = p
			break
		}
	}
	last := ""
	if rest := key[len(prefix):]; len(rest) > 4 {
		last = rest[len(rest)-4:]
	}
	return prefix + "****" + last
}

func errNoKey() *apiError {
	return invalidRequest(http.StatusUnauthorized, "", "", "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/.")
}

func errInvalidKey(key string) *apiError {
	return invalidRequest(http.StatusUnauthorized, "", "", "Invalid API Key provided: "+stripeMask(key))
}

func errExpiredKey(key string) *apiError {
	return invalidRequest(http.StatusUnauthorized, "api_key_expired", "", "Expired API Key provided: "+stripeMask(key))
}

func errPublishable() *apiError {
	return invalidRequest(http.StatusUnauthorized, "", "", "This API call cannot be made with a publishable API key. Please use a secret API key. You can find a list of your API keys at https://dashboard.stripe.com/account/apikeys.")
}

// errPermission is Stripe's answer to a restricted key without a
// permission: HTTP 403 with a null code, the message naming the permission
// (stripe/stripe-node#2246). There is no more_permissions_required code.
func errPermission(key, accountID, permission string) *apiError {
	return &apiError{status: http.StatusForbidden, Type: "invalid_request_error",
		Message: fmt.Sprintf("The provided key '%s' does not have the required permissions for this endpoint on account '%s'. Having the '%s' permission would allow this request to continue.", stripeMask(key), accountID, permission)}
}

// The organization-key refusals are the simulator's own words: onboard
// never sends an organization key without a Stripe-Context, and reads only
// the status of these answers.
func errOrgNoContext() *apiError {
	return invalidRequest(http.StatusBadRequest, "", "", "Requests made with an organization API key must name the account to act on in the Stripe-Context header.")
}

func errOrgUnknownAccount(key, account string) *apiError {
	return &apiError{status: http.StatusForbidden, Type: "invalid_request_error",
		Message: fmt.Sprintf("The provided key '%s' does not have access to account '%s' (or that account does not exist).", stripeMask(key), account)}
}

func errUnknownParam(name string) *apiError {
	return invalidRequest(http.StatusBadRequest, "parameter_unknown", name, fmt.Sprintf("Received unknown parameter: %s", name))
}

func errMissingParam(name, msg string) *apiError {
	if msg == "" {
		msg = "Missing required param: " + name + "."
	}
	return invalidRequest(http.StatusBadRequest, "parameter_missing", name, msg)
}

func errNoSuch(what, param, id string) *apiError {
	return invalidRequest(http.StatusNotFound, "resource_missing", param, fmt.Sprintf("No such %s: '%s'", what, id))
}

func errUnrecognizedURL(method, path string) *apiError {
	return invalidRequest(http.StatusNotFound, "", "", fmt.Sprintf("Unrecognized request URL (%s: %s). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.", method, path))
}

func errConnectDisabled() *apiError {
	return invalidRequest(http.StatusBadRequest, "", "", "You can only create new accounts if you've signed up for Connect, which you can learn how to do at https://stripe.com/docs/connect.")
}

// errProfileConflict refuses a test account whose loss liability the
// platform profile does not allow: a platform-profile message, not "Connect
// is off" (the wording is the simulator's own; onboard matches on the
// profile's URL).
func errProfileConflict(asked, profile string) *apiError {
	return invalidRequest(http.StatusBadRequest, "", "controller[losses][payments]", fmt.Sprintf("You cannot create a connected account with controller[losses][payments]=%s: your platform profile says %s covers losses for connected accounts. Review it at https://dashboard.stripe.com/settings/connect/platform-profile.", asked, who(profile)))
}

func who(v string) string {
	if v == "application" {
		return "your platform"
	}
	return "Stripe"
}

// errCardDeclined is a declined test card: HTTP 402, a card_error with the
// decline code and the PaymentIntent left waiting for another payment
// method (docs.stripe.com/declines/codes; api_errors in Stripe's spec).
func errCardDeclined(pi map[string]any, charge string) *apiError {
	return &apiError{status: http.StatusPaymentRequired, Type: "card_error", Code: "card_declined", DeclineCode: "generic_decline",
		Message: "Your card was declined.", DocURL: docURL("card_declined"), Charge: charge, PaymentIntent: pi}
}

func errPlatformProfile() *apiError {
	return invalidRequest(http.StatusBadRequest, "", "", "Please review the responsibilities of managing losses for connected accounts at https://dashboard.stripe.com/settings/connect/platform-profile.")
}
