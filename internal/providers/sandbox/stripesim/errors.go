package stripesim

import (
	"fmt"
	"net/http"
)

// apiError is Stripe's error object.
type apiError struct {
	status  int
	Type    string `json:"type"`
	Code    string `json:"code,omitempty"`
	Message string `json:"message"`
	Param   string `json:"param,omitempty"`
	DocURL  string `json:"doc_url,omitempty"`
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
	for _, p := range []string{"sk_test_", "sk_live_", "pk_test_", "pk_live_", "rk_test_", "rk_live_"} {
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

func errPermission(key, accountID, permission string) *apiError {
	return &apiError{status: http.StatusForbidden, Type: "invalid_request_error", Code: "more_permissions_required", DocURL: docURL("more_permissions_required"),
		Message: fmt.Sprintf("The provided key '%s' does not have the required permissions for this endpoint on account '%s'. Having the '%s' permission would allow this request to continue.", stripeMask(key), accountID, permission)}
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

func errPlatformProfile() *apiError {
	return invalidRequest(http.StatusBadRequest, "", "", "Please review the responsibilities of managing losses for connected accounts at https://dashboard.stripe.com/settings/connect/platform-profile.")
}
