package plaidspec

// ErrorCodes is the reference the hint table and the simulator are held to:
// each Plaid error code onboard names, with the error_type Plaid sends it
// under. The spec has an enum of error types (PlaidErrorType, which the
// tests read from the file) but none of codes; it only mentions some in
// descriptions. So this list is written down from Plaid's error reference
// (plaid.com/docs/errors, as collected in shared/reference/provider-facts.md
// on 2026-11-22 and 2026-12-01); a code the spec mentions says so.
//
// Only codes that list or the spec names are here. In particular there is
// no INSTITUTION_NOT_SUPPORTED, and RATE_LIMIT_EXCEEDED is a type, not a
// code: its codes end in _LIMIT.
var ErrorCodes = map[string]string{
	// Requests Plaid cannot read or does not take.
	"INVALID_FIELD":            "INVALID_REQUEST", // also in the spec's text
	"MISSING_FIELDS":           "INVALID_REQUEST",
	"UNKNOWN_FIELDS":           "INVALID_REQUEST",
	"INVALID_BODY":             "INVALID_REQUEST",
	"INVALID_HEADERS":          "INVALID_REQUEST",
	"INCOMPATIBLE_API_VERSION": "INVALID_REQUEST",
	"INVALID_CONFIGURATION":    "INVALID_REQUEST", // /link/token/create: a combination of settings Link cannot start with
	"NOT_FOUND":                "INVALID_REQUEST", // also in the spec's text
	"SANDBOX_ONLY":             "INVALID_REQUEST",

	// Values Plaid understood and refused.
	"INVALID_API_KEYS":         "INVALID_INPUT",
	"UNAUTHORIZED_ENVIRONMENT": "INVALID_INPUT",
	"INVALID_PRODUCT":          "INVALID_INPUT",
	"INVALID_INSTITUTION":      "INVALID_INPUT",
	"INVALID_PUBLIC_TOKEN":     "INVALID_INPUT",
	"INVALID_ACCESS_TOKEN":     "INVALID_INPUT",

	"PRODUCTS_NOT_SUPPORTED": "ITEM_ERROR", // also in the spec's text

	// Institutions. INSTITUTION_DOWN, INSTITUTION_NOT_RESPONDING and
	// INSTITUTION_NO_LONGER_SUPPORTED are also in the spec's enums of
	// Item-creation errors (CreditBankIncomeErrorType, force_error).
	"INSTITUTION_DOWN":                       "INSTITUTION_ERROR",
	"INSTITUTION_NOT_RESPONDING":             "INSTITUTION_ERROR",
	"INSTITUTION_NOT_AVAILABLE":              "INSTITUTION_ERROR",
	"INSTITUTION_NO_LONGER_SUPPORTED":        "INSTITUTION_ERROR",
	"INSTITUTION_REGISTRATION_REQUIRED":      "INSTITUTION_ERROR",
	"INSTITUTION_NOT_ENABLED_IN_ENVIRONMENT": "INSTITUTION_ERROR",
	"UNAUTHORIZED_INSTITUTION":               "INSTITUTION_ERROR",

	// Rate limits: one code per limited call, and the Trial plan's cap on
	// Production Items (which the facts list gives with the _LIMIT codes).
	"INSTITUTIONS_GET_LIMIT":       "RATE_LIMIT_EXCEEDED",
	"INSTITUTIONS_GET_BY_ID_LIMIT": "RATE_LIMIT_EXCEEDED",
	"TRIAL_CONNECTION_LIMIT":       "RATE_LIMIT_EXCEEDED",

	// Plaid's side.
	"INTERNAL_SERVER_ERROR": "API_ERROR", // also in the spec's CreditBankIncomeErrorType
	"PLANNED_MAINTENANCE":   "API_ERROR",

	"SANDBOX_PRODUCT_NOT_ENABLED": "SANDBOX_ERROR", // also in the spec's text (/sandbox/item/fire_webhook)
}
