package plaid

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/onboard-dev/onboard/internal/providers/apihttp"
)

// Error is Plaid's error object (the spec's PlaidError schema). Its texts are
// the server's and may quote anything it was sent: they reach a person only
// in a result, which providers.Verify redacts.
type Error struct {
	HTTPStatus       int     `json:"-"`
	ErrorType        string  `json:"error_type"`
	ErrorCode        string  `json:"error_code"`
	ErrorMessage     string  `json:"error_message"`
	DisplayMessage   *string `json:"display_message"`
	RequestID        string  `json:"request_id"`
	DocumentationURL string  `json:"documentation_url"`
	SuggestedAction  *string `json:"suggested_action"`
}

func (e *Error) Error() string {
	return fmt.Sprintf("Plaid answered %s (%s): %s", e.ErrorCode, e.ErrorType, e.ErrorMessage)
}

// Hint is what to do about the error, in plain words: the table's words
// for its type and code, else for its type, else Plaid's own suggestion.
func (e *Error) Hint() string {
	if h, ok := HintFor(e.ErrorType, e.ErrorCode); ok {
		return h
	}
	if e.SuggestedAction != nil && *e.SuggestedAction != "" {
		return *e.SuggestedAction
	}
	if e.DocumentationURL != "" {
		return "See " + e.DocumentationURL + " for what this code means."
	}
	return "See https://plaid.com/docs/errors/ for what this code means."
}

// Detail is the error for a result line: the message and the request id
// Plaid support asks for.
func (e *Error) Detail() string {
	d := e.Error()
	if e.RequestID != "" {
		d += " (request_id " + e.RequestID + ")"
	}
	return d
}

// HintKey names a hint: an error_type and one of its codes, or the type
// alone (Code "") for every code of that type the table does not name.
// Plaid's codes belong to one type each; RATE_LIMIT_EXCEEDED, for one, is a
// type whose codes name the call that was limited (INSTITUTIONS_GET_LIMIT).
type HintKey struct{ Type, Code string }

// HintFor looks a hint up by type and code, then by type.
func HintFor(errType, code string) (string, bool) {
	if h, ok := Hints[HintKey{errType, code}]; ok {
		return h, true
	}
	h, ok := Hints[HintKey{errType, ""}]
	return h, ok
}

const (
	keysPage      = "https://dashboard.plaid.com/developers/keys"
	statusPage    = "https://status.plaid.com"
	requestAccess = "https://dashboard.plaid.com/overview/request-products"
	// redirectPage is where Allowed redirect URIs are listed (Developers >
	// API). The spec still links its older address, /team/api.
	redirectPage = "https://dashboard.plaid.com/developers/api"
	// oauthPage lists the US banks that need a registration of their own.
	oauthPage = "https://dashboard.plaid.com/settings/compliance/us-oauth-institutions"
)

// Hints maps Plaid's errors to what a person should do next. Every code
// here is one Plaid documents under that type (plaidspec.ErrorCodes, held
// by a test).
var Hints = map[HintKey]string{
	{"INVALID_INPUT", "INVALID_API_KEYS"}: "Plaid did not accept this client_id and secret together. Copy both again from " + keysPage + ". " +
		"Often the secret belongs to another environment: Sandbox and Production secrets differ, so check that PLAID_ENV matches the secret you copied.",
	{"INVALID_REQUEST", "INVALID_FIELD"}: "Plaid could not read one of the values sent; most often the client_id is malformed (cut short, extra characters). " +
		"Copy the client_id again from " + keysPage + ".",
	{"INVALID_INPUT", "UNAUTHORIZED_ENVIRONMENT"}: "Your Plaid account is not yet allowed to use this environment. Request Production access in the dashboard " +
		"(" + requestAccess + "; new US and Canadian accounts get the free Trial plan), or use PLAID_ENV=sandbox meanwhile.",
	{"INVALID_INPUT", "INVALID_PRODUCT"}: "One of the products in PLAID_PRODUCTS is not a product name Plaid knows, or is not enabled for your account. " +
		"Check the spelling, and request the products your team needs at " + requestAccess + ".",
	{"ITEM_ERROR", "PRODUCTS_NOT_SUPPORTED"}: "The test bank does not offer one of the products you chose. Remove that product from PLAID_PRODUCTS, " +
		"or test it with an institution that supports it.",
	{"INVALID_INPUT", "INVALID_INSTITUTION"}: "Plaid does not know this institution in this environment or for the chosen country codes. " +
		"Sandbox test banks (such as ins_109508) exist only in Sandbox.",
	{"INSTITUTION_ERROR", "INSTITUTION_NOT_ENABLED_IN_ENVIRONMENT"}: "This institution is not available in the environment you are using. " +
		"In Sandbox use a test bank such as ins_109508 (First Platypus Bank).",
	{"INSTITUTION_ERROR", "INSTITUTION_DOWN"}:           "The bank is not answering Plaid right now. Try again later or use another test bank.",
	{"INSTITUTION_ERROR", "INSTITUTION_NOT_RESPONDING"}: "The bank is answering Plaid slowly or not at all just now. Retry in a few minutes; " + statusPage + " lists banks with problems.",
	{"INSTITUTION_ERROR", "INSTITUTION_NOT_AVAILABLE"}:  "Plaid cannot reach this bank for the moment (often planned work on either side). Retry later or use another test bank.",
	{"INSTITUTION_ERROR", "INSTITUTION_NO_LONGER_SUPPORTED"}: "Plaid no longer connects to this bank. Use another one; in Sandbox, First Platypus Bank (ins_109508) " +
		"offers the most products.",
	{"INSTITUTION_ERROR", "INSTITUTION_REGISTRATION_REQUIRED"}: "This bank lets apps connect only after a registration of their own, as the major US banks that log in by OAuth do. " +
		"Register your app for them in the dashboard (" + oauthPage + "); approval can take weeks.",
	{"INSTITUTION_ERROR", "UNAUTHORIZED_INSTITUTION"}: "Your Plaid account is not yet allowed to connect to this bank: it needs the bank's own approval, " +
		"requested from " + oauthPage + ". Meanwhile users of other banks can link.",
	{"INVALID_INPUT", "INVALID_PUBLIC_TOKEN"}: "The public token was already exchanged, has expired (they live 30 minutes), or comes from another environment. " +
		"Create a fresh one; onboard does this for you on the next check.",
	{"INVALID_INPUT", "INVALID_ACCESS_TOKEN"}: "The access token is unknown: the Item was already removed, or the token comes from another environment or another client_id.",
	{"INVALID_REQUEST", "MISSING_FIELDS"}: "Plaid says a required field was missing from the request. If the client_id or secret is empty, fill it in; " +
		"otherwise this is a bug in onboard: please report it with the request_id.",
	{"INVALID_REQUEST", "UNKNOWN_FIELDS"}: "Plaid did not recognise a field onboard sent; your account may be pinned to another API version. " +
		"Please report it with the request_id.",
	{"INVALID_REQUEST", "INVALID_BODY"}: "Plaid could not read the request body. Something between you and Plaid (a proxy) may have changed it; " +
		"otherwise please report it with the request_id.",
	{"INVALID_REQUEST", "INVALID_HEADERS"}: "Plaid could not read the request's headers (the client_id, secret or API version travel there). " +
		"Check the values hold no line breaks or stray characters; a proxy that rewrites headers can also cause this.",
	{"INVALID_REQUEST", "INCOMPATIBLE_API_VERSION"}: "Plaid says this call does not exist in the API version requested. onboard asks for " + APIVersion +
		" in the Plaid-Version header; a proxy that changes it, or a Plaid change, would explain this: please report it with the request_id.",
	{"INVALID_REQUEST", "INVALID_CONFIGURATION"}: "Plaid cannot start Link with this combination of settings. Its message says which; " +
		"check PLAID_PRODUCTS and PLAID_COUNTRY_CODES together, and any Link customization in the dashboard.",
	{"INVALID_REQUEST", "NOT_FOUND"}:    "That API path does not exist at this address. If you set a custom Plaid URL (--plaid-url), check it.",
	{"INVALID_REQUEST", "SANDBOX_ONLY"}: "That call exists only in Sandbox, and it reached another environment. Check PLAID_ENV and any custom Plaid URL (--plaid-url).",
	{"SANDBOX_ERROR", "SANDBOX_PRODUCT_NOT_ENABLED"}: "The Sandbox test Item was made without a product the call needs. Add the product to PLAID_PRODUCTS " +
		"so the Item is created with it.",
	{"RATE_LIMIT_EXCEEDED", ""}: "Too many requests in a short time (the error code names the limited call). Wait a minute and run the check again.",
	{"RATE_LIMIT_EXCEEDED", "TRIAL_CONNECTION_LIMIT"}: "Your Trial plan's 10 Production Items are used up. Remove Items you no longer need (/item/remove), " +
		"or move to a paid plan (Pay-as-you-go, Growth or Custom) at " + requestAccess + ".",
	{"API_ERROR", ""}:                    "Plaid had an internal problem. Wait a moment and retry; " + statusPage + " shows ongoing incidents.",
	{"API_ERROR", "PLANNED_MAINTENANCE"}: "Plaid is down for planned maintenance. " + statusPage + " says until when; retry afterwards.",
}

// describe turns any failure of a call into the detail and hint of a result.
func describe(err error) (detail, hint string) {
	var pe *Error
	var he *apihttp.Error
	var ba *badAnswer
	switch {
	case errors.As(err, &ba):
		return ba.Error(), badAnswerHint
	case errors.As(err, &pe):
		return pe.Detail(), pe.Hint()
	case errors.As(err, &he):
		return he.Error(), he.Hint()
	}
	return err.Error(), "Retry in a moment. If it keeps failing, check the Plaid URL and your network."
}

// badAnswer is a response that is not the JSON Plaid sends: an HTML page
// from a proxy, a cut-off body, something else listening at the URL.
type badAnswer struct {
	host   string
	status int
	what   string
}

func (b *badAnswer) Error() string {
	return fmt.Sprintf("%s answered HTTP %d with %s, not a Plaid answer", b.host, b.status, b.what)
}

// parseError reads an error answer. It returns a *Error when the body is
// Plaid's error object, and a *badAnswer otherwise.
func parseError(host string, status int, body []byte) error {
	var pe Error
	if json.Unmarshal(body, &pe) == nil && pe.ErrorCode != "" {
		pe.HTTPStatus = status
		return &pe
	}
	return &badAnswer{host: host, status: status, what: bodyKind(body)}
}

func bodyKind(body []byte) string {
	t := strings.TrimSpace(string(body))
	switch {
	case t == "":
		return "an empty body"
	case strings.HasPrefix(t, "<"):
		return "an HTML page"
	case strings.HasPrefix(t, "{") || strings.HasPrefix(t, "["):
		return "JSON that could not be read"
	}
	return "text that is not JSON"
}

// badAnswerHint is the hint for any answer that is not Plaid's JSON.
const badAnswerHint = "Something other than Plaid answered, or the answer was cut off. If you set a custom Plaid URL (--plaid-url), check it; " +
	"a proxy or firewall may also be in the way. Retry in a moment; https://status.plaid.com shows ongoing incidents."
