package plaidsim

import "net/http"

// plaidError is Plaid's error object as the spec's PlaidError schema shapes
// it. DisplayMessage and SuggestedAction are pointers so they serialize as
// null, which is what Plaid sends when nothing is meant for an end user.
type plaidError struct {
	ErrorType        string   `json:"error_type"`
	ErrorCode        string   `json:"error_code"`
	ErrorCodeReason  *string  `json:"error_code_reason"`
	ErrorMessage     string   `json:"error_message"`
	DisplayMessage   *string  `json:"display_message"`
	RequestID        string   `json:"request_id"`
	Causes           []string `json:"causes"`
	Status           *int     `json:"status"`
	DocumentationURL string   `json:"documentation_url"`
	SuggestedAction  *string  `json:"suggested_action"`
	httpStatus       int
}

// canned is what the simulator knows about one error code: its type, HTTP
// status and Plaid's developer-facing message.
type canned struct {
	errType string
	status  int
	message string
}

// codes holds every error code the simulator can produce, on its own or on
// request through FailNext. Each is a code Plaid documents under that type
// (a test holds them to plaidspec.ErrorCodes); statuses and messages follow
// Plaid's error reference, in the simulator's own words where it has none.
var codes = map[string]canned{
	"INVALID_API_KEYS":                       {"INVALID_INPUT", 400, "invalid client_id or secret provided"},
	"UNAUTHORIZED_ENVIRONMENT":               {"INVALID_INPUT", 400, "you are not authorized to create items for this environment. Please contact support to gain access"},
	"INVALID_PRODUCT":                        {"INVALID_INPUT", 400, "invalid product names"},
	"INVALID_INSTITUTION":                    {"INVALID_INPUT", 400, "invalid institution_id provided"},
	"INVALID_PUBLIC_TOKEN":                   {"INVALID_INPUT", 400, "provided public token is expired. Public tokens expire 30 minutes after creation at which point they can no longer be exchanged"},
	"INVALID_ACCESS_TOKEN":                   {"INVALID_INPUT", 400, "provided access token is in an invalid format. expected format: access-<environment>-<identifier>"},
	"INVALID_FIELD":                          {"INVALID_REQUEST", 400, "client_id must be a properly formatted, non-empty string"},
	"MISSING_FIELDS":                         {"INVALID_REQUEST", 400, "the following required fields are missing"},
	"UNKNOWN_FIELDS":                         {"INVALID_REQUEST", 400, "the following fields are not recognized by this endpoint"},
	"INVALID_BODY":                           {"INVALID_REQUEST", 400, "body could not be parsed as JSON"},
	"INVALID_HEADERS":                        {"INVALID_REQUEST", 400, "the request is missing required headers, or they are malformed"},
	"INCOMPATIBLE_API_VERSION":               {"INVALID_REQUEST", 400, "the request uses an API version this endpoint does not support"},
	"INVALID_CONFIGURATION":                  {"INVALID_REQUEST", 400, "Link cannot be started with this combination of settings"},
	"SANDBOX_ONLY":                           {"INVALID_REQUEST", 400, "this endpoint is only available in the Sandbox environment"},
	"NOT_FOUND":                              {"INVALID_REQUEST", 404, "not found"},
	"PRODUCTS_NOT_SUPPORTED":                 {"ITEM_ERROR", 400, "the requested products are not supported by this item"},
	"INSTITUTION_NOT_ENABLED_IN_ENVIRONMENT": {"INSTITUTION_ERROR", 400, "this institution is not enabled in this environment"},
	"INSTITUTION_DOWN":                       {"INSTITUTION_ERROR", 400, "this institution is not currently responding to this request. please try again soon"},
	"INSTITUTION_NOT_RESPONDING":             {"INSTITUTION_ERROR", 400, "this institution is not currently responding to this request. please try again soon"},
	"INSTITUTION_NOT_AVAILABLE":              {"INSTITUTION_ERROR", 400, "this institution is not currently available"},
	"INSTITUTION_NO_LONGER_SUPPORTED":        {"INSTITUTION_ERROR", 400, "this institution is no longer supported"},
	"INSTITUTION_REGISTRATION_REQUIRED":      {"INSTITUTION_ERROR", 400, "this institution requires a separate registration before connections can be made"},
	"UNAUTHORIZED_INSTITUTION":               {"INSTITUTION_ERROR", 400, "you are not authorized to connect to this institution"},
	"INSTITUTIONS_GET_LIMIT":                 {"RATE_LIMIT_EXCEEDED", 429, "rate limit exceeded for /institutions/get. please try again later"},
	"INSTITUTIONS_GET_BY_ID_LIMIT":           {"RATE_LIMIT_EXCEEDED", 429, "rate limit exceeded for /institutions/get_by_id. please try again later"},
	"TRIAL_CONNECTION_LIMIT":                 {"RATE_LIMIT_EXCEEDED", 429, "the Trial plan's limit of Production Items has been reached"},
	"INTERNAL_SERVER_ERROR":                  {"API_ERROR", 500, "an unexpected error occurred"},
	"PLANNED_MAINTENANCE":                    {"API_ERROR", 503, "the Plaid API is temporarily unavailable due to planned maintenance. visit https://status.plaid.com/ for more information"},
	"SANDBOX_PRODUCT_NOT_ENABLED":            {"SANDBOX_ERROR", 400, "the requested product is not enabled for this Sandbox Item"},
}

// Codes lists the error codes FailNext accepts.
func Codes() []string {
	out := make([]string, 0, len(codes))
	for c := range codes {
		out = append(out, c)
	}
	return out
}

// docAnchors are the sections of Plaid's error reference per error type.
var docAnchors = map[string]string{
	"INVALID_INPUT":       "invalid-input-errors",
	"INVALID_REQUEST":     "invalid-request-errors",
	"ITEM_ERROR":          "item-errors",
	"INSTITUTION_ERROR":   "institution-errors",
	"RATE_LIMIT_EXCEEDED": "rate-limit-exceeded-errors",
	"API_ERROR":           "api-errors",
	"SANDBOX_ERROR":       "sandbox-errors",
}

// newError builds the error object for code; detail, when set, replaces the
// canned message (e.g. to name the missing fields).
func newError(code, detail string) *plaidError {
	c, ok := codes[code]
	if !ok {
		c = codes["INTERNAL_SERVER_ERROR"]
		code = "INTERNAL_SERVER_ERROR"
	}
	msg := c.message
	if detail != "" {
		msg = detail
	}
	e := &plaidError{
		ErrorType:        c.errType,
		ErrorCode:        code,
		ErrorMessage:     msg,
		Causes:           []string{},
		DocumentationURL: "https://plaid.com/docs/errors/#" + docAnchors[c.errType],
		httpStatus:       c.status,
	}
	if c.errType == "API_ERROR" || c.errType == "INSTITUTION_ERROR" {
		// Plaid fills display_message only where an end user could act or
		// should be told to wait.
		m := "There was a problem connecting to this bank. Please try again later."
		e.DisplayMessage = &m
	}
	if e.httpStatus == 0 {
		e.httpStatus = http.StatusBadRequest
	}
	return e
}
