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

// Checklist is the signup walk-through for the chosen environment.
func (p *Provider) Checklist(v providers.Values) []providers.ChecklistItem {
	items := []providers.ChecklistItem{
		{
			Title:  "Create a Plaid account",
			Detail: "Sign up with your work email and confirm it; Sandbox is available as soon as you are in.",
			URL:    "https://dashboard.plaid.com/signup",
		},
		{
			Title:  "Open Developers > Keys",
			Detail: "The dashboard page that lists your client_id and one secret per environment.",
			URL:    "https://dashboard.plaid.com/developers/keys",
		},
		{
			Title:  "Copy your client_id",
			Detail: "One client_id serves every environment.",
			URL:    "https://dashboard.plaid.com/developers/keys",
		},
	}
	if env(v) == EnvProduction {
		return append(items,
			providers.ChecklistItem{
				Title:  "Request Production access",
				Detail: "On the dashboard overview choose Migrate to Production, fill in the company profile and the application; Limited Production lets you try real banks for free while the review (a few days) runs.",
				URL:    "https://dashboard.plaid.com/overview",
			},
			providers.ChecklistItem{
				Title:  "Choose a plan",
				Detail: "Pay as you go or a custom contract; the plan decides which products you are billed for.",
				URL:    "https://plaid.com/pricing/",
			},
			providers.ChecklistItem{
				Title:  "Copy the Production secret",
				Detail: "Production has its own secret, shown once access is granted; the Sandbox secret does not work there.",
				URL:    "https://dashboard.plaid.com/developers/keys",
			},
		)
	}
	return append(items, providers.ChecklistItem{
		Title:  "Copy the Sandbox secret",
		Detail: "The secret labelled Sandbox: free test data, no real banks, nothing billed.",
		URL:    "https://dashboard.plaid.com/developers/keys",
	})
}

// env reads PLAID_ENV with the quickstart's default.
func env(v providers.Values) string {
	if e := providers.Normalize(v[KeyEnv]); e != "" {
		return e
	}
	return DefaultEnv
}

// Check names, shared by Checks and Verify.
const (
	CheckKeysFormat     = "keys format"
	CheckInstitution    = "test institution"
	CheckItemCreate     = "sandbox item create"
	CheckTokenExchange  = "token exchange"
	CheckItemRemoved    = "test item removed"
	CheckProductionKeys = "production keys"
)

// Checks lists the checks Verify will report for these values.
func (p *Provider) Checks(v providers.Values) []string {
	switch env(v) {
	case EnvSandbox:
		return []string{CheckKeysFormat, CheckInstitution, CheckItemCreate, CheckTokenExchange, CheckItemRemoved}
	case EnvProduction:
		return []string{CheckKeysFormat, CheckProductionKeys}
	}
	return []string{CheckKeysFormat}
}
