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

// Hint is what to do about the error, in plain words.
func (e *Error) Hint() string {
	if h, ok := Hints[e.ErrorCode]; ok {
		return h
	}
	if e.ErrorType == "API_ERROR" {
		return Hints["API_ERROR"]
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

// Hints maps Plaid's common error codes to what a person should do next.
var Hints = map[string]string{
	"INVALID_API_KEYS": "Plaid did not accept this client_id and secret together. Copy both again from https://dashboard.plaid.com/developers/keys. " +
		"Often the secret belongs to another environment: Sandbox and Production secrets differ, so check that PLAID_ENV matches the secret you copied.",
	"INVALID_FIELD": "Plaid could not read one of the values sent; most often the client_id is malformed (cut short, extra characters). " +
		"Copy the client_id again from https://dashboard.plaid.com/developers/keys.",
	"UNAUTHORIZED_ENVIRONMENT": "Your Plaid account is not yet allowed to use this environment. Request Production access in the dashboard " +
		"(https://dashboard.plaid.com/overview/production), or use PLAID_ENV=sandbox meanwhile.",
	"INVALID_PRODUCT": "One of the products in PLAID_PRODUCTS is not a product name Plaid knows, or is not enabled for your account. " +
		"Check the spelling, and the products enabled for your team in the dashboard.",
	"PRODUCTS_NOT_SUPPORTED": "The test bank does not offer one of the products you chose. Remove that product from PLAID_PRODUCTS, " +
		"or test it with an institution that supports it.",
	"INVALID_INSTITUTION": "Plaid does not know this institution in this environment or for the chosen country codes. " +
		"Sandbox test banks (such as ins_109508) exist only in Sandbox.",
	"INSTITUTION_NOT_ENABLED_IN_ENVIRONMENT": "This institution is not available in the environment you are using. " +
		"In Sandbox use a test bank such as ins_109508 (First Platypus Bank).",
	"INSTITUTION_DOWN":          "The bank is not answering Plaid right now. Try again later or use another test bank.",
	"INSTITUTION_NOT_SUPPORTED": "Plaid does not support this bank. Use another test bank such as ins_109508.",
	"INVALID_PUBLIC_TOKEN": "The public token was already exchanged, has expired (they live 30 minutes), or comes from another environment. " +
		"Create a fresh one; onboard does this for you on the next check.",
	"INVALID_ACCESS_TOKEN": "The access token is unknown: the Item was already removed, or the token comes from another environment or another client_id.",
	"MISSING_FIELDS": "Plaid says a required field was missing from the request. If the client_id or secret is empty, fill it in; " +
		"otherwise this is a bug in onboard: please report it with the request_id.",
	"UNKNOWN_FIELDS": "Plaid did not recognise a field onboard sent; your account may be pinned to another API version. " +
		"Please report it with the request_id.",
	"INVALID_BODY": "Plaid could not read the request body. Something between you and Plaid (a proxy) may have changed it; " +
		"otherwise please report it with the request_id.",
	"NOT_FOUND":             "That API path does not exist at this address. If you set a custom Plaid URL (--plaid-url), check it.",
	"RATE_LIMIT_EXCEEDED":   "Too many requests in a short time. Wait a minute and run the check again.",
	"API_ERROR":             "Plaid had an internal problem. Wait a moment and retry; https://status.plaid.com shows ongoing incidents.",
	"INTERNAL_SERVER_ERROR": "Plaid had an internal problem. Wait a moment and retry; https://status.plaid.com shows ongoing incidents.",
	"PLANNED_MAINTENANCE":   "Plaid is down for planned maintenance. https://status.plaid.com says until when; retry afterwards.",
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
