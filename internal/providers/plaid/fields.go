package plaid

import (
	"net/url"
	"regexp"
	"strings"

	"github.com/onboard-dev/onboard/internal/providers"
)

// The variable names and defaults of Plaid's own quickstart (.env.example).
const (
	KeyClientID     = "PLAID_CLIENT_ID"
	KeySecret       = "PLAID_SECRET"
	KeyEnv          = "PLAID_ENV"
	KeyProducts     = "PLAID_PRODUCTS"
	KeyCountryCodes = "PLAID_COUNTRY_CODES"
	KeyRedirectURI  = "PLAID_REDIRECT_URI"

	DefaultEnv          = "sandbox"
	DefaultProducts     = "transactions"
	DefaultCountryCodes = "US,CA"
)

// Environments Plaid serves (the spec's servers).
const (
	EnvSandbox    = "sandbox"
	EnvProduction = "production"
)

// ProductOptions are the products an Item can be created with: the values
// the spec lists for initial_products, each explained in a line.
var ProductOptions = []providers.Option{
	{Value: "transactions", Label: "Transactions", Help: "Up to 24 months of categorised account activity, kept up to date."},
	{Value: "auth", Label: "Auth", Help: "Account and routing numbers, to set up ACH transfers or direct deposit."},
	{Value: "identity", Label: "Identity", Help: "The account holder's name, address, email and phone as the bank has them."},
	{Value: "assets", Label: "Assets", Help: "Point-in-time asset reports, mostly used by lenders for underwriting."},
	{Value: "investments", Label: "Investments", Help: "Holdings and transactions of brokerage and retirement accounts."},
	{Value: "investments_auth", Label: "Investments Move", Help: "Account details and holdings needed to move a brokerage account (ACATS)."},
	{Value: "liabilities", Label: "Liabilities", Help: "Balances, rates and due dates of credit cards, student loans and mortgages."},
	{Value: "transfer", Label: "Transfer", Help: "Move money by ACH or RTP through Plaid, with risk checks included."},
	{Value: "signal", Label: "Signal", Help: "A risk score saying how likely an ACH debit is to bounce."},
	{Value: "statements", Label: "Statements", Help: "PDF copies of the bank statements of the linked accounts."},
	{Value: "income_verification", Label: "Income Verification", Help: "Verified income from bank data, payroll or pay stubs; set up apart from other products."},
	{Value: "payment_initiation", Label: "Payment Initiation", Help: "Pay by bank in the UK and Europe (Sandbox US test banks do not offer it)."},
	{Value: "standing_orders", Label: "Standing Orders", Help: "Recurring payments by standing order in the UK and Europe."},
	{Value: "cra_base_report", Label: "Consumer Report: Base Report", Help: "Plaid Check's FCRA consumer report; needs a Plaid user, not just an Item."},
	{Value: "cra_income_insights", Label: "Consumer Report: Income Insights", Help: "Income figures inside a Plaid Check consumer report; needs a Plaid user."},
	{Value: "cra_partner_insights", Label: "Consumer Report: Partner Insights", Help: "Partner cash-flow scores inside a Plaid Check report; needs a Plaid user."},
	{Value: "cra_lend_score", Label: "Consumer Report: LendScore", Help: "Plaid's cash-flow credit score inside a Plaid Check report; needs a Plaid user."},
	{Value: "cra_monitoring", Label: "Consumer Report: Monitoring", Help: "Ongoing updates of a Plaid Check report; needs a Plaid user."},
}

// allProducts is the spec's Products enum: names Plaid knows, including those
// that cannot be requested when an Item is created.
var allProducts = []string{
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

// CountryCodes is the spec's CountryCode enum.
var CountryCodes = []string{
	"US", "GB", "ES", "NL", "FR", "IE", "CA", "DE", "IT", "PL", "DK", "NO", "SE",
	"EE", "LT", "LV", "PT", "BE", "AT", "FI",
}

// countryNames name the codes on screen, so "DE" can be found by typing
// "germ" in the filter; the .env gets the code.
var countryNames = map[string]string{
	"US": "United States", "GB": "United Kingdom", "ES": "Spain", "NL": "Netherlands",
	"FR": "France", "IE": "Ireland", "CA": "Canada", "DE": "Germany", "IT": "Italy",
	"PL": "Poland", "DK": "Denmark", "NO": "Norway", "SE": "Sweden", "EE": "Estonia",
	"LT": "Lithuania", "LV": "Latvia", "PT": "Portugal", "BE": "Belgium", "AT": "Austria",
	"FI": "Finland",
}

func countryOptions() []providers.Option {
	out := make([]providers.Option, len(CountryCodes))
	for i, c := range CountryCodes {
		label := c
		if name := countryNames[c]; name != "" {
			label = name + " (" + c + ")"
		}
		out[i] = providers.Option{Value: c, Label: label}
	}
	return out
}

// Fields lists the Plaid variables in the order they are asked.
func (p *Provider) Fields() []providers.Field {
	return []providers.Field{
		{
			Key: KeyEnv, Label: "Plaid environment", Required: true, Default: DefaultEnv,
			Help: "Which Plaid environment these keys are for.",
			Options: []providers.Option{
				{Value: EnvSandbox, Label: "Sandbox", Help: "Free test data and test banks; no real accounts. Start here."},
				{Value: EnvProduction, Label: "Production", Help: "Real banks and real data, billed; needs Production (or Limited Production) access."},
			},
			Validate: validateEnv,
		},
		{
			Key: KeyClientID, Label: "Plaid client_id", Required: true,
			Help:        "Developers > Keys in the Plaid dashboard; the same for every environment.",
			Placeholder: "24 hex characters, e.g. 0123456789abcdef01234567",
			Validate:    validateClientID,
		},
		{
			Key: KeySecret, Label: "Plaid secret", Required: true, Secret: true,
			Help:        "Developers > Keys: the secret of the environment chosen above (each environment has its own).",
			Placeholder: "30 hex characters",
			Validate:    validateSecret,
			Recognize:   recognizeSecret,
		},
		{
			Key: KeyProducts, Label: "Plaid products", Required: true, Default: DefaultProducts, Multi: true,
			Help:     "The products your app will request when a user links a bank.",
			Options:  ProductOptions,
			Validate: validateProducts,
		},
		{
			Key: KeyCountryCodes, Label: "Plaid country codes", Required: true, Default: DefaultCountryCodes, Multi: true,
			Help:     "Countries whose banks Link should offer.",
			Options:  countryOptions(),
			Validate: validateCountries,
		},
		{
			Key: KeyRedirectURI, Label: "Plaid OAuth redirect URI",
			Help:        "Only for banks that log in by OAuth; it must also be listed under Allowed redirect URIs in the dashboard.",
			Placeholder: "https://example.com/oauth-return",
			Validate:    validateRedirectURI,
		},
	}
}

var (
	lowerHex = regexp.MustCompile(`^[0-9a-f]+$`)
	anyHex   = regexp.MustCompile(`^[0-9a-fA-F]+$`)
	alnum    = regexp.MustCompile(`^[0-9A-Za-z]+$`)
)

func validateEnv(v string, _ providers.Values) *providers.ValidationError {
	switch strings.ToLower(v) {
	case EnvSandbox, EnvProduction:
		if v != strings.ToLower(v) {
			return providers.Invalidf("Write the environment in lowercase: %s.", strings.ToLower(v))
		}
		return nil
	case "development":
		return providers.Invalidf("Plaid retired the Development environment on 2024-06-20. Use sandbox for test data, or production: free testing with real banks now happens there as Limited Production.")
	}
	return providers.Invalidf("%s is not a Plaid environment; choose sandbox or production.", providers.Echo(v))
}

// pastedElsewhere recognises values that are clearly some other credential.
func pastedElsewhere(v, want string) *providers.ValidationError {
	switch {
	case strings.HasPrefix(v, "sk_"), strings.HasPrefix(v, "rk_"):
		return providers.Invalidf("This is a Stripe secret key (sk_/rk_), not the Plaid %s.", want)
	case strings.HasPrefix(v, "pk_"):
		return providers.Invalidf("This is a Stripe publishable key (pk_), not the Plaid %s.", want)
	case strings.HasPrefix(v, "whsec_"):
		return providers.Invalidf("This is a Stripe webhook secret (whsec_), not the Plaid %s.", want)
	}
	for _, kind := range []string{"access", "public", "link", "processor"} {
		if strings.HasPrefix(v, kind+"-") {
			return providers.Invalidf("This is a Plaid %s token (%s-…), not the %s. The %s is under Developers > Keys in the dashboard.", kind, kind, want, want)
		}
	}
	if strings.ContainsAny(v, " \t\r\n") {
		return providers.Invalidf("The %s has spaces inside; copy it again in one piece.", want)
	}
	if strings.HasPrefix(strings.ToLower(v), "your") || strings.ContainsAny(v, "<>") {
		return providers.Invalidf("This looks like a placeholder from an example; paste your own %s from the dashboard.", want)
	}
	return nil
}

// shape checks the observed (undocumented) format: n lowercase hex
// characters. A near miss is a warning, since Plaid may change it.
func shape(v, want string, n int) *providers.ValidationError {
	switch {
	case !alnum.MatchString(v):
		return providers.Warnf("The %s usually holds only the letters a-f and digits; check that nothing extra was copied.", want)
	case !anyHex.MatchString(v):
		return providers.Warnf("The %s usually holds only the letters a-f and digits; this one has other letters. Check you copied the right value.", want)
	case !lowerHex.MatchString(v):
		return providers.Warnf("The %s is usually shown in lowercase; check it was copied unchanged.", want)
	case len(v) != n:
		return providers.Warnf("The %s has %d characters; Plaid's usually have %d. Check it was copied whole.", want, len(v), n)
	}
	return nil
}

func validateClientID(v string, all providers.Values) *providers.ValidationError {
	if e := pastedElsewhere(v, "client_id"); e != nil {
		return e
	}
	if s := providers.Normalize(all[KeySecret]); s != "" && s == v {
		return providers.Invalidf("The client_id and the secret are the same value; they are two different values under Developers > Keys.")
	}
	if lowerHex.MatchString(v) && len(v) == 30 {
		return providers.Warnf("This has the length of a Plaid secret (30); the client_id usually has 24 characters.")
	}
	return shape(v, "client_id", 24)
}

// recognizeSecret: a Plaid secret (30 lowercase hex, as observed) or a
// Plaid token that works as a credential (access-…, processor-…), wherever
// it was pasted.
func recognizeSecret(v string) bool {
	if lowerHex.MatchString(v) && len(v) == 30 {
		return true
	}
	for _, kind := range []string{"access-", "processor-", "public-"} {
		if strings.HasPrefix(v, kind) && len(v) > len(kind)+20 {
			return true
		}
	}
	return false
}

func validateSecret(v string, all providers.Values) *providers.ValidationError {
	if e := pastedElsewhere(v, "secret"); e != nil {
		return e
	}
	if id := providers.Normalize(all[KeyClientID]); id != "" && id == v {
		return providers.Invalidf("The secret is the same as the client_id; copy the secret of your environment from Developers > Keys.")
	}
	if lowerHex.MatchString(v) && len(v) == 24 {
		return providers.Warnf("This has the length of a Plaid client_id (24); secrets usually have 30 characters.")
	}
	return shape(v, "secret", 30)
}

func isInitialProduct(p string) bool {
	for _, o := range ProductOptions {
		if o.Value == p {
			return true
		}
	}
	return false
}

func productList() string {
	vals := make([]string, len(ProductOptions))
	for i, o := range ProductOptions {
		vals[i] = o.Value
	}
	return strings.Join(vals, ", ")
}

func validateProducts(v string, _ providers.Values) *providers.ValidationError {
	items := providers.SplitList(v)
	if len(items) == 0 {
		return providers.Invalidf("Choose at least one Plaid product.")
	}
	seen := map[string]bool{}
	for _, p := range items {
		switch {
		case p == "balance":
			return providers.Invalidf("balance needs no listing: every Item comes with it. Remove it from PLAID_PRODUCTS.")
		case isInitialProduct(strings.ToLower(p)) && p != strings.ToLower(p):
			return providers.Invalidf("Write product names in lowercase: %s.", strings.ToLower(p))
		case contains(allProducts, p) && !isInitialProduct(p):
			return providers.Invalidf("%s is a Plaid product but cannot be requested when a bank is linked. Products that can: %s.", p, productList())
		case !isInitialProduct(p):
			return providers.Invalidf("%s is not a Plaid product. Products that can be requested: %s.", providers.Echo(p), productList())
		case seen[p]:
			return providers.Warnf("%s is listed twice.", p)
		}
		seen[p] = true
	}
	return nil
}

func validateCountries(v string, _ providers.Values) *providers.ValidationError {
	items := providers.SplitList(v)
	if len(items) == 0 {
		return providers.Invalidf("Choose at least one country code.")
	}
	for _, c := range items {
		switch {
		case contains(CountryCodes, c):
			continue
		case strings.EqualFold(c, "UK"):
			return providers.Invalidf("Plaid uses GB, not UK, for the United Kingdom.")
		case contains(CountryCodes, strings.ToUpper(c)):
			return providers.Invalidf("Write country codes in capitals: %s.", strings.ToUpper(c))
		}
		return providers.Invalidf("%s is not a country Plaid serves. Valid codes: %s.", providers.Echo(c), strings.Join(CountryCodes, ", "))
	}
	return nil
}

func validateRedirectURI(v string, all providers.Values) *providers.ValidationError {
	u, err := url.Parse(v)
	if err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
		return providers.Invalidf("The redirect URI must be a full URL such as https://example.com/oauth-return.")
	}
	if u.Scheme == "http" {
		if h := u.Hostname(); h == "localhost" || h == "127.0.0.1" {
			if all[KeyEnv] == EnvProduction {
				return providers.Invalidf("Production needs an https redirect URI; http://localhost works in Sandbox only.")
			}
			return nil
		}
		return providers.Invalidf("Plaid accepts only https redirect URIs (http is allowed for localhost in Sandbox).")
	}
	return nil
}

func contains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}
