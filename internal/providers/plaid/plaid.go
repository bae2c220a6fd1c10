// Package plaid knows Plaid: the .env variables its quickstart uses and
// their format rules, the signup walk-through, and a live check that the
// keys work (a throw-away Sandbox Item, or a read-only call in Production).
// It talks to Plaid through apihttp with plain JSON, and prints nothing.
package plaid

import (
	"github.com/onboard-dev/onboard/internal/providers"
	"github.com/onboard-dev/onboard/internal/providers/apihttp"
)

// Official API hosts, one per environment (the spec's servers).
const (
	SandboxURL     = "https://sandbox.plaid.com"
	ProductionURL  = "https://production.plaid.com"
	productionHost = "production.plaid.com"
)

// Config shapes a Provider. A BaseURL replaces the environment's API URL
// (tests, --demo, --plaid-url); Production credentials are never sent to
// it unless it is Plaid's production host.
type Config = providers.Config

// Provider is Plaid. It holds no mutable state, so one value may verify
// several sets of keys at once.
type Provider struct {
	cfg Config
}

var _ providers.Provider = (*Provider)(nil)

// New returns the Plaid provider.
func New(cfg Config) *Provider {
	if cfg.HTTP == nil {
		cfg.HTTP = apihttp.New()
	}
	return &Provider{cfg: cfg}
}

// Spec says who the provider is.
func (p *Provider) Spec() *providers.Spec { return &spec }

// baseURL is where calls for env go.
func (p *Provider) baseURL(env string) string {
	if p.cfg.BaseURL != "" {
		return p.cfg.BaseURL
	}
	if env == EnvProduction {
		return ProductionURL
	}
	return SandboxURL
}

// Checklist is the signup walk-through for the chosen environment and
// products.
func (p *Provider) Checklist(v providers.Values) []providers.ChecklistItem {
	items := []providers.ChecklistItem{
		{
			Title:  "Create a Plaid account",
			Detail: "Sign up with your work email and confirm it; Sandbox is available as soon as you are in.",
			URL:    "https://dashboard.plaid.com/signup",
		},
		{
			Title:  "Open Developers → Keys",
			Detail: "The dashboard page that lists your client_id and one secret per environment.",
			URL:    keysPage,
		},
		{
			Title:  "Copy your client_id",
			Detail: "One client_id serves every environment.",
			URL:    keysPage,
		},
	}
	if p.env(v) == EnvProduction {
		items = append(items,
			providers.ChecklistItem{
				Title: "Request Production access",
				// Trial plan: US/CA signups since 2026-04-15, auto-approved
				// for most; Limited Production stays only for accounts made
				// before (support.plaid.com article 16110110883479).
				Detail: "Ask for Production and the products you need. New US and Canadian accounts get the free Trial plan, approved at once for most, with up to 10 Production Items; older accounts may have Limited Production instead.",
				URL:    requestAccess,
			},
			providers.ChecklistItem{
				Title:  "Choose a plan",
				Detail: "Trial (free, 10 Production Items), Pay-as-you-go, Growth or Custom: the plan sets what each product costs and lifts the Trial's limit.",
				URL:    "https://plaid.com/docs/account/billing/",
			},
			providers.ChecklistItem{
				Title: "Set your Link use case",
				// Production needs it (plaid/quickstart README); the
				// spec calls it Data Transparency Messaging.
				Detail: "Production Link shows users why you ask for their data: pick your use case in the dashboard (Data Transparency Messaging) before going live.",
				URL:    "https://plaid.com/docs/link/data-transparency-messaging-migration-guide/",
			},
		)
		if contains(providers.SplitList(value(v, p.field(KeyCountryCodes))), "US") {
			items = append(items, providers.ChecklistItem{
				Title: "Register for the major US OAuth banks",
				// plaid/quickstart README: separate registration for the
				// major US OAuth institutions.
				Detail: "The largest US banks log in by OAuth and let an app connect only after a registration of its own, done from the dashboard; it can take weeks, so start early.",
				URL:    oauthPage,
			})
		}
		items = append(items, providers.ChecklistItem{
			Title:  "Copy the Production secret",
			Detail: "Production has its own secret, shown once access is granted; the Sandbox secret does not work there.",
			URL:    keysPage,
		})
	} else {
		items = append(items, providers.ChecklistItem{
			Title:  "Copy the Sandbox secret",
			Detail: "The secret labelled Sandbox: free test data, no real banks, nothing billed.",
			URL:    keysPage,
		})
	}
	if p.env(v) == EnvProduction || providers.Normalize(v[KeyRedirectURI]) != "" {
		items = append(items, providers.ChecklistItem{
			Title:  "Allow your OAuth redirect URI",
			Detail: "Banks that log in by OAuth send users back to PLAID_REDIRECT_URI; add it, exactly as written, under Developers → API → Allowed redirect URIs, or Plaid refuses the Link token.",
			URL:    redirectPage,
		})
	}
	if contains(providers.SplitList(value(v, p.field(KeyProducts))), signalProduct) {
		items = append(items, providers.ChecklistItem{
			Title:  "Set up a Signal ruleset",
			Detail: "Signal scores ACH debits against rules you set in the dashboard; the quickstart reads the ruleset's key from " + KeySignalRulesetKey + ".",
			URL:    "https://plaid.com/docs/signal/",
		})
	}
	return items
}

// env reads PLAID_ENV with the quickstart's default.
func (p *Provider) env(v providers.Values) string {
	if e := providers.Normalize(v[KeyEnv]); e != "" {
		return e
	}
	return p.defaultEnv()
}

// Check names, shared by Checks and Verify.
const (
	CheckKeysFormat     = "keys format"
	CheckInstitution    = "test institution"
	CheckItemCreate     = "sandbox item create"
	CheckTokenExchange  = "token exchange"
	CheckItemRemoved    = "test item removed"
	CheckProductionKeys = "production keys"
	CheckLinkToken      = "link token"
)

// Checks lists the checks Verify will report for these values.
func (p *Provider) Checks(v providers.Values) []string {
	switch p.env(v) {
	case EnvSandbox:
		return []string{CheckKeysFormat, CheckInstitution, CheckItemCreate, CheckTokenExchange, CheckItemRemoved, CheckLinkToken}
	case EnvProduction:
		return []string{CheckKeysFormat, CheckProductionKeys, CheckLinkToken}
	}
	return []string{CheckKeysFormat}
}
