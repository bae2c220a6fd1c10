package plaidsim

// institution is one Sandbox test bank. The ids and names are Plaid's
// Sandbox institutions; the product lists are realistic rather than copied:
// the Platypus banks cover most US products, the smaller ones fewer, and no
// US bank offers payment_initiation (a UK/EU product), so a request for an
// unsupported product is reachable the way it is in the real Sandbox.
type institution struct {
	ID        string
	Name      string
	Countries []string
	Products  []string
	OAuth     bool
	// Refuse, when set, is the error code an Item creation at this bank
	// answers with (the "unhealthy" and "unsupported" test banks).
	Refuse string
}

var usBroad = []string{
	"assets", "auth", "balance", "identity", "identity_match", "income_verification",
	"investments", "investments_auth", "liabilities", "recurring_transactions",
	"signal", "statements", "transactions", "transfer",
}

var institutions = []institution{
	{ID: "ins_109508", Name: "First Platypus Bank", Countries: []string{"US"}, Products: usBroad},
	{ID: "ins_109509", Name: "First Gingham Credit Union", Countries: []string{"US"}, Products: []string{"assets", "auth", "balance", "identity", "transactions"}},
	{ID: "ins_109510", Name: "Tattersall Federal Credit Union", Countries: []string{"US"}, Products: []string{"assets", "auth", "balance", "identity", "liabilities", "transactions"}},
	{ID: "ins_109511", Name: "Tartan Bank", Countries: []string{"US"}, Products: []string{"assets", "auth", "balance", "identity", "investments", "liabilities", "transactions"}},
	{ID: "ins_109512", Name: "Houndstooth Bank", Countries: []string{"US"}, Products: []string{"auth", "balance", "identity", "transactions"}},
	{ID: "ins_43", Name: "Tartan-Dominion Bank of Canada", Countries: []string{"CA"}, Products: []string{"assets", "auth", "balance", "identity", "investments", "transactions"}},
	{ID: "ins_127287", Name: "Platypus OAuth Bank", Countries: []string{"US"}, Products: usBroad, OAuth: true},
	{ID: "ins_132363", Name: "Unhealthy Platypus Bank - Degraded", Countries: []string{"US"}, Products: []string{"auth", "balance", "identity", "transactions"}},
	{ID: "ins_132361", Name: "Unhealthy Platypus Bank - Down", Countries: []string{"US"}, Products: []string{"auth", "balance", "identity", "transactions"}, Refuse: "INSTITUTION_DOWN"},
	{ID: "ins_133402", Name: "Unsupported Platypus Bank", Countries: []string{"US"}, Products: []string{"auth", "balance", "transactions"}, Refuse: "INSTITUTION_NO_LONGER_SUPPORTED"},
	// UK test banks, for the UK and European products.
	{ID: "ins_117650", Name: "Royal Bank of Plaid", Countries: []string{"GB"}, Products: []string{"auth", "balance", "identity", "payment_initiation", "standing_orders", "transactions"}},
	{ID: "ins_116834", Name: "Flexible Platypus Open Banking", Countries: []string{"GB"}, Products: []string{"balance", "identity", "payment_initiation", "transactions"}, OAuth: true},
}

func findInstitution(id string) (institution, bool) {
	for _, in := range institutions {
		if in.ID == id {
			return in, true
		}
	}
	return institution{}, false
}

func (in institution) supports(product string) bool { return contains(in.Products, product) }

func (in institution) inCountry(codes []string) bool {
	for _, c := range codes {
		if contains(in.Countries, c) {
			return true
		}
	}
	return false
}

func contains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

// institutionJSON is the spec's Institution object.
func (in institution) json() map[string]any {
	return map[string]any{
		"institution_id": in.ID,
		"name":           in.Name,
		"products":       in.Products,
		"country_codes":  in.Countries,
		"url":            nil,
		"primary_color":  nil,
		"logo":           nil,
		"routing_numbers": []string{
			"011000138",
		},
		"dtc_numbers": []string{},
		"oauth":       in.OAuth,
		"status":      nil,
	}
}

// products is the spec's Products enum: every name Plaid recognises.
var products = []string{
	"assets", "auth", "balance", "balance_plus", "beacon", "identity", "identity_match",
	"investments", "investments_auth", "liabilities", "payment_initiation",
	"identity_verification", "transactions", "credit_details", "income",
	"income_verification", "standing_orders", "transfer", "employment",
	"recurring_transactions", "transactions_refresh", "signal", "statements",
	"processor_payments", "processor_identity", "profile", "cra_base_report",
	"cra_income_insights", "cra_partner_insights", "cra_network_insights",
	"cra_cashflow_insights", "cra_monitoring", "cra_lend_score",
	"cra_plaid_credit_score", "layer", "pay_by_bank", "protect_linked_bank",
	"protect_transactions",
}

// linkProducts are the products /link/token/create takes (the spec's list
// for LinkTokenCreateRequest.products).
var linkProducts = []string{
	"assets", "auth", "beacon", "employment", "identity", "income_verification",
	"identity_verification", "investments", "investments_auth", "liabilities",
	"payment_initiation", "protect_transactions", "standing_orders", "signal",
	"statements", "transactions", "transfer", "cra_base_report", "cra_income_insights",
	"cra_cashflow_insights", "cra_lend_score", "cra_partner_insights",
	"cra_network_insights", "cra_monitoring", "layer", "protect_linked_bank",
}

// linkLanguages are the languages Link is offered in (the spec's
// description of LinkTokenCreateRequest.language).
var linkLanguages = []string{"da", "nl", "en", "et", "fr", "de", "hi", "it", "lv", "lt", "no", "pl", "pt", "ro", "es", "sv", "vi"}

// countryCodes is the spec's CountryCode enum.
var countryCodes = []string{
	"US", "GB", "ES", "NL", "FR", "IE", "CA", "DE", "IT", "PL", "DK", "NO", "SE",
	"EE", "LT", "LV", "PT", "BE", "AT", "FI",
}
