package plaid

import (
	"strings"

	"github.com/onboard-dev/onboard/internal/providers"
	"github.com/onboard-dev/onboard/internal/secret"
)

// ID is Plaid's provider id.
const ID providers.ID = "plaid"

// spec is Plaid as the rest of onboard knows it (see providers.Spec).
var spec providers.Spec

func init() {
	spec = providers.Spec{
		ID:      ID,
		Name:    "Plaid",
		Blurb:   "Bank data: link accounts, read balances and transactions. Sandbox keys are free.",
		Service: providers.Service{Name: "Plaid", URLFlag: "plaid-url"},
		New:     func(c providers.Config) providers.Provider { return New(c) },
		Uses: func(v providers.Values) bool {
			return v[KeyClientID] != "" || v[KeySecret] != ""
		},
		TestSettings: testSettings,
		Prefixes: []string{
			"access-sandbox-", "access-production-", "access-development-",
			"public-sandbox-", "public-production-", "public-development-",
			"link-sandbox-", "link-production-", "link-development-",
			"processor-sandbox-", "processor-production-",
		},
		Readiness: readinessItems,
	}
	secret.RegisterPrefixes(spec.Prefixes...)
}

// testSettings: a PLAID_ENV other than production reaches simulated banks
// only.
func testSettings(v providers.Values) []string {
	if e := strings.TrimSpace(v[KeyEnv]); e != "" && e != EnvProduction {
		return []string{KeyEnv + "=" + providers.ShownSetting(e, EnvSandbox, "development")}
	}
	return nil
}

var readinessItems = []providers.ReadinessItem{
	{ID: "plaid-production", Required: true, Judge: judgeProduction,
		Title: "Plaid production environment configured and working",
		Why:   "Sandbox secrets only reach simulated banks; real users need the Production secret with PLAID_ENV=production.",
		URL:   "https://dashboard.plaid.com/developers/keys"},
	// Plans and the Trial: support.plaid.com article 16110110883479 and
	// plaid.com/docs/account/billing (provider-facts.md, 2026-12-01).
	{ID: "plaid-production-access", Required: true,
		Title: "Production access requested and approved at Plaid",
		Why:   "Real bank data flows only once Plaid approves Production: new US and Canadian accounts get the free Trial plan, approved at once for most; a paid plan follows a review of your company and use case.",
		URL:   requestAccess},
	{ID: "plaid-billing-plan", Required: true,
		Title: "Plaid billing plan chosen",
		Why:   "The Trial plan stops at 10 Production Items; Pay-as-you-go, Growth or Custom set the price of each product beyond it.",
		URL:   "https://plaid.com/docs/account/billing/"},
	// Production prerequisites the quickstart names (plaid/quickstart README).
	{ID: "plaid-link-use-case", Required: true,
		Title: "Link use case set in the Plaid dashboard",
		Why:   "Production Link tells each user why you ask for their data (Data Transparency Messaging); without a use case set, it cannot say.",
		URL:   "https://plaid.com/docs/link/data-transparency-messaging-migration-guide/"},
	{ID: "plaid-us-oauth-registration", Required: true,
		Title: "Registered with the major US OAuth banks, if you serve US users",
		Why:   "The largest US banks log in by OAuth and let an app connect only after a registration of its own, which can take weeks; until then their customers cannot link.",
		URL:   oauthPage},
	{ID: "plaid-institution-coverage", Required: true,
		Title: "Institution coverage checked for the products used",
		Why:   "Not every bank supports every product; Link fails for users whose bank lacks one you require.",
		URL:   "https://dashboard.plaid.com/activity/status"},
	{ID: "plaid-update-mode", Required: true,
		Title: "Items needing a new login are handled (update mode)",
		Why:   "When a user changes their bank password the Item reports ITEM_LOGIN_REQUIRED; your app must send them through Link in update mode.",
		URL:   "https://plaid.com/docs/link/update-mode/"},
	{ID: "plaid-secret-rotation",
		Title: "A plan for rotating the Plaid secret",
		Why:   "Plaid lets you create a new secret before deleting the old one; rehearse the switch before you need it.",
		URL:   "https://dashboard.plaid.com/developers/keys"},
	{ID: "plaid-dashboard-access",
		Title: "Who has Plaid dashboard access reviewed",
		Why:   "Team members can see the Production secret and end users' Items; remove people who no longer need it.",
		URL:   "https://dashboard.plaid.com/settings/team/members"},
}

func judgeProduction(in providers.ReadinessInput) providers.Verdict {
	env := strings.TrimSpace(in.Values[KeyEnv])
	if env != EnvProduction {
		shown := providers.ShownSetting(env, EnvSandbox, "development")
		if env == "" {
			shown = "not set"
		}
		return providers.Verdict{Status: providers.Fail, Detail: KeyEnv + " is " + shown + ".",
			Todo: "Set " + KeyEnv + "=production and " + KeySecret + " to the Production secret from the Plaid dashboard."}
	}
	if v, ok := providers.LiveVerdict(in.Results, "Plaid"); !ok {
		return v
	}
	detail := "Production secret " + secret.Mask(in.Values[KeySecret]) + " accepted by Plaid Production."
	for _, r := range in.Results {
		if r.Name == CheckLinkToken && (r.Status == providers.Pass || r.Status == providers.Warn) {
			detail += " Plaid made a Link token with your products, countries and redirect URI."
		}
	}
	return providers.Verdict{Status: providers.Pass, Detail: detail}
}

// Spec is Plaid's spec, for the registry.
func Spec() *providers.Spec { return &spec }
