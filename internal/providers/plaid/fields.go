package plaid

import (
	"fmt"
	"net/url"
	"regexp"
	"slices"
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
	// KeySignalRulesetKey is read by the quickstart when signal is among
	// the products (.env.example, 2026-07); onboard mentions it, it does
	// not ask for it.
	KeySignalRulesetKey = "SIGNAL_RULESET_KEY"

	DefaultEnv = "sandbox"
	// DefaultProducts is the quickstart's list (auth,transactions,signal)
	// without signal, which also wants a ruleset made in the dashboard.
	DefaultProducts     = "auth,transactions"
	DefaultCountryCodes = "US,CA"
)

// Environments Plaid serves (the spec's servers).
const (
	EnvSandbox    = "sandbox"
	EnvProduction = "production"
)

// ProductOptions are the products PLAID_PRODUCTS may hold: the quickstart
// hands it to /link/token/create, so these are the values the spec lists
// for LinkTokenCreateRequest.products, each explained in a line. That list
// is wider than what the Sandbox shortcut takes (sandboxProducts).
var ProductOptions = []providers.Option{
	{Value: "transactions", Label: "Transactions", Help: "Up to 24 months of categorised account activity, kept up to date."},
	{Value: "auth", Label: "Auth", Help: "Account and routing numbers, to set up ACH transfers or direct deposit."},
	{Value: "identity", Label: "Identity", Help: "The account holder's name, address, email and phone as the bank has them."},
	{Value: "assets", Label: "Assets", Help: "Point-in-time asset reports, mostly used by lenders for underwriting."},
	{Value: "investments", Label: "Investments", Help: "Holdings and transactions of brokerage and retirement accounts."},
	{Value: "investments_auth", Label: "Investments Move", Help: "Account details and holdings needed to move a brokerage account (ACATS)."},
	{Value: "liabilities", Label: "Liabilities", Help: "Balances, rates and due dates of credit cards, student loans and mortgages."},
	{Value: "transfer", Label: "Transfer", Help: "Move money by ACH or RTP through Plaid, with risk checks included. US banks only."},
	{Value: "signal", Label: "Signal", Help: "A risk score saying how likely an ACH debit is to bounce. The quickstart also reads SIGNAL_RULESET_KEY, the ruleset you make in the dashboard."},
	{Value: "statements", Label: "Statements", Help: "PDF copies of the bank statements of the linked accounts."},
	{Value: "income_verification", Label: "Income Verification", Help: "Verified income from bank data, payroll or pay stubs; Link needs a Plaid user and income settings for it."},
	{Value: "employment", Label: "Employment", Help: "Employer and job details from payroll or bank data; Link needs employment settings for it."},
	{Value: "identity_verification", Label: "Identity Verification", Help: "Checks a person's ID document and selfie against a template you build in the dashboard."},
	{Value: "beacon", Label: "Beacon", Help: "A fraud watch list shared across Plaid customers, checked for users you register with Beacon."},
	{Value: "protect_linked_bank", Label: "Protect: linked banks", Help: "Plaid Protect fraud scores for the bank accounts users link; needs a Plaid user."},
	{Value: "protect_transactions", Label: "Protect: transactions", Help: "Plaid Protect fraud scores for payments; needs a Plaid user."},
	{Value: "layer", Label: "Layer", Help: "Onboarding from a phone number with data the user already shared with Plaid; started from a dashboard template."},
	{Value: "payment_initiation", Label: "Payment Initiation", Help: "Pay by bank in the UK and Europe. Link takes it only on its own, for a payment you create first."},
	{Value: "standing_orders", Label: "Standing Orders", Help: "Recurring payments by standing order in the UK and Europe."},
	{Value: "cra_base_report", Label: "Consumer Report: Base Report", Help: "Plaid Check's FCRA consumer report (US); needs a Plaid user. Every other Consumer Report product goes with it."},
	{Value: "cra_income_insights", Label: "Consumer Report: Income Insights", Help: "Income figures inside a Plaid Check consumer report; needs cra_base_report."},
	{Value: "cra_partner_insights", Label: "Consumer Report: Partner Insights", Help: "Partner cash-flow scores inside a Plaid Check report; needs cra_base_report."},
	{Value: "cra_cashflow_insights", Label: "Consumer Report: Cash Flow Insights", Help: "Cash-flow attributes inside a Plaid Check report; needs cra_base_report."},
	{Value: "cra_network_insights", Label: "Consumer Report: Network Insights", Help: "What a user's links across Plaid's network say, inside a Plaid Check report; needs cra_base_report."},
	{Value: "cra_lend_score", Label: "Consumer Report: LendScore", Help: "Plaid's cash-flow credit score inside a Plaid Check report; needs cra_base_report."},
	{Value: "cra_monitoring", Label: "Consumer Report: Monitoring", Help: "Ongoing updates of a Plaid Check report; needs cra_base_report."},
}

// sandboxProducts are the products /sandbox/public_token/create takes in
// initial_products (the spec's list for it): the Sandbox Item test can
// only try these.
var sandboxProducts = []string{
	"assets", "auth", "cra_base_report", "cra_income_insights", "cra_lend_score",
	"cra_partner_insights", "cra_monitoring", "identity", "income_verification",
	"investments_auth", "investments", "liabilities", "payment_initiation",
	"signal", "standing_orders", "statements", "transactions", "transfer",
}

// allProducts is the spec's Products enum: names Plaid knows, including those
// that Link does not take in products.
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

// Product rules the spec and Plaid's guides state for Link.
const (
	// craBase must be among the products whenever a Consumer Report
	// (cra_…) product is (LinkTokenCreateRequest.products: "If launching
	// Link with CRA products, cra_base_reports is required", the spec's
	// spelling of the cra_base_report value).
	craBase = "cra_base_report"
	// paymentInitiation goes to Link on its own: its Link session pays one
	// payment (plaid.com/docs/payment-initiation, via provider-facts.md).
	paymentInitiation = "payment_initiation"
	signalProduct     = "signal"
)

func isCRA(p string) bool { return strings.HasPrefix(p, "cra_") }

// european are the spec's country codes outside North America: Plaid's
// UK and European markets.
var european = []string{"GB", "ES", "NL", "FR", "IE", "DE", "IT", "PL", "DK", "NO", "SE", "EE", "LT", "LV", "PT", "BE", "AT", "FI"}

// regional are the products whose banks are in some countries only.
var regional = map[string][]string{
	"transfer":        {"US"},   // plaid.com/docs/transfer
	paymentInitiation: european, // plaid.com/docs/payment-initiation
	// Standing orders are Payment Initiation's recurring payments, in the
	// same markets (plaid.com/docs/payment-initiation).
	"standing_orders": european,
	// Plaid Check reports are US consumer reports: the spec's permissible
	// purposes (ConsumerReportPermissiblePurpose) cite the FCRA.
	craBase: {"US"},
}

// regionOf is the regional rule for p (a Consumer Report product has its
// base report's) and the name the rule goes by in messages.
func regionOf(p string) (countries []string, name string, ok bool) {
	name = p
	if isCRA(p) {
		p, name = craBase, "Consumer Report products"
	}
	countries, ok = regional[p]
	return countries, name, ok
}

// where words a region for messages.
func where(countries []string) string {
	if slices.Equal(countries, european) {
		return "UK and European banks"
	}
	return strings.Join(countries, ", ") + " banks"
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
			Key: KeyEnv, Label: "Plaid environment", Required: true, Default: p.defaultEnv(),
			Help: "Which Plaid environment these keys are for.",
			Options: []providers.Option{
				{Value: EnvSandbox, Label: "Sandbox", Help: "Free test data and test banks; no real accounts. Start here."},
				{Value: EnvProduction, Label: "Production", Help: "Real banks and real data; needs Production access. New US and Canadian accounts get the free Trial plan (10 Production Items), then a paid plan."},
			},
			Validate: p.validateEnv,
		},
		{
			Key: KeyClientID, Label: "Plaid client_id", Required: true,
			Help:        "Developers → Keys in the Plaid dashboard; the same for every environment.",
			Placeholder: "24 hex characters, e.g. 0123456789abcdef01234567",
			Validate:    validateClientID,
			Recognize:   recognizeClientID,
		},
		{
			Key: KeySecret, Label: "Plaid secret", Required: true, Secret: true,
			Help:        "Developers → Keys: the secret of the environment chosen above (each environment has its own).",
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
			Key: KeyRedirectURI, Label: "Plaid OAuth redirect URI", Setting: true,
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

// defaultEnv is where a setup starts: Sandbox, or Production when the
// wizard runs for production.
func (p *Provider) defaultEnv() string {
	if p.cfg.Mode == providers.Production {
		return EnvProduction
	}
	return DefaultEnv
}

func (p *Provider) validateEnv(v string, _ providers.Values) *providers.ValidationError {
	switch strings.ToLower(v) {
	case EnvSandbox, EnvProduction:
		if v != strings.ToLower(v) {
			return providers.Invalidf("Write the environment in lowercase: %s.", strings.ToLower(v))
		}
		return p.modeWarning(v)
	case "development":
		// Trial plan: US/CA signups since 2026-04-15; Limited Production
		// only for accounts made before (support.plaid.com 16110110883479).
		return providers.Invalidf("Plaid retired the Development environment on 2024-06-20. Use sandbox for test data, or production for real banks: new US and Canadian accounts try it free on the Trial plan (older accounts on Limited Production).")
	}
	return providers.Invalidf("%s is not a Plaid environment; choose sandbox or production.", providers.Echo(v))
}

// modeWarning flags an environment that does not fit the mode: Sandbox
// keys in a production setup reach only test banks; Production keys in a
// development .env reach real people's banks.
func (p *Provider) modeWarning(env string) *providers.ValidationError {
	switch {
	case p.cfg.Mode == providers.Production && env == EnvSandbox:
		return providers.Warnf("This is a production setup, but Sandbox keys reach only Plaid's test banks: real users could not link an account. Choose production, or run onboard without --production for a development .env.")
	case p.cfg.Mode == providers.Development && env == EnvProduction:
		return providers.Warnf("This .env is for development, but Production reaches real banks and real people's data, and counts toward your plan. Use sandbox here; onboard --production sets up the live keys.")
	}
	return nil
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
			return providers.Invalidf("This is a Plaid %s token (%s-…), not the %s. The %s is under Developers → Keys in the dashboard.", kind, kind, want, want)
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
		return providers.Invalidf("The client_id and the secret are the same value; they are two different values under Developers → Keys.")
	}
	if lowerHex.MatchString(v) && len(v) == 30 {
		return providers.Warnf("This has the length of a Plaid secret (30); the client_id usually has 24 characters.")
	}
	return shape(v, "client_id", 24)
}

// recognizeClientID: a Plaid client_id's shape (24 lowercase hex), for a
// pasted block that does not name it.
func recognizeClientID(v string) bool { return lowerHex.MatchString(v) && len(v) == 24 }

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
		return providers.Invalidf("The secret is the same as the client_id; copy the secret of your environment from Developers → Keys.")
	}
	if lowerHex.MatchString(v) && len(v) == 24 {
		return providers.Warnf("This has the length of a Plaid client_id (24); secrets usually have 30 characters.")
	}
	return shape(v, "secret", 30)
}

func isLinkProduct(p string) bool {
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
	var twice *providers.ValidationError
	cra := false
	for _, p := range items {
		switch {
		case p == "balance":
			// LinkTokenCreateRequest.products: balance is not a valid value.
			return providers.Invalidf("balance needs no listing: every Item comes with it. Remove it from PLAID_PRODUCTS.")
		case isLinkProduct(strings.ToLower(p)) && p != strings.ToLower(p):
			return providers.Invalidf("Write product names in lowercase: %s.", strings.ToLower(p))
		case contains(allProducts, p) && !isLinkProduct(p):
			return providers.Invalidf("%s is a Plaid product but Link does not take it in its product list. Products Link takes: %s.", p, productList())
		case !isLinkProduct(p):
			return providers.Invalidf("%s is not a Plaid product. Products Link takes: %s.", providers.Echo(p), productList())
		case seen[p] && twice == nil:
			twice = providers.Warnf("%s is listed twice.", p)
		}
		seen[p] = true
		cra = cra || isCRA(p)
	}
	switch {
	case cra && !seen[craBase]:
		return providers.Invalidf("Consumer Report products go with %s: Link refuses them without it. Add %s to PLAID_PRODUCTS.", craBase, craBase)
	case seen[paymentInitiation] && len(seen) > 1:
		return providers.Invalidf("%s goes to Link on its own (one payment per Link session); list no other product with it, or drop it.", paymentInitiation)
	}
	return twice
}

func validateCountries(v string, all providers.Values) *providers.ValidationError {
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
	if w := regionalMismatch(chosenProducts(all), items); w != "" {
		return providers.Warnf("%s", w)
	}
	return nil
}

// chosenProducts are the products of the answers (the default when none
// are set), keeping only names Link takes: a misspelt one has its own
// message on its own field.
func chosenProducts(all providers.Values) []string {
	v := providers.Normalize(all[KeyProducts])
	if v == "" {
		v = DefaultProducts
	}
	var out []string
	for _, p := range providers.SplitList(v) {
		if isLinkProduct(p) && !contains(out, p) {
			out = append(out, p)
		}
	}
	return out
}

// regionalMismatch says which chosen products cannot work with the chosen
// countries. A product whose banks are in some countries only works for
// none of the others, and a Link started for several countries offers only
// the products enabled in all of them (LinkTokenCreateRequest.country_codes),
// so a listed country outside the product's region takes it away for all.
func regionalMismatch(products, countries []string) string {
	var out []string
	done := map[string]bool{}
	for _, p := range products {
		only, name, ok := regionOf(p)
		if !ok || done[name] {
			continue
		}
		done[name] = true
		works, their := "works", "its"
		if name != p {
			works, their = "work", "their"
		}
		var outside []string
		for _, c := range countries {
			if !contains(only, c) {
				outside = append(outside, c)
			}
		}
		switch {
		case len(outside) == len(countries):
			out = append(out, fmt.Sprintf("%s %s with %s only, and PLAID_COUNTRY_CODES lists none of %s countries: list them, or drop %s.", name, works, where(only), their, name))
		case len(outside) > 0:
			keep := "Set PLAID_COUNTRY_CODES to " + strings.Join(only, ",")
			if len(only) > 1 {
				keep = "Keep only " + strings.TrimSuffix(where(only), " banks") + " countries"
			}
			out = append(out, fmt.Sprintf("%s %s with %s only, and Link started for several countries offers only what all of them have: with %s listed too, Link will not offer %s. %s for %s, or drop %s.",
				name, works, where(only), strings.Join(outside, ","), name, keep, name, name))
		}
	}
	return strings.Join(out, " ")
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
	if u.RawQuery != "" {
		// LinkTokenCreateRequestRedirectUri: "should not contain any
		// query parameters". Plaid decides; the link token check asks it.
		return providers.Warnf("Plaid expects a redirect URI without a query (the part after ?); the OAuth return adds its own parameters.")
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
