// Package readiness is the production-readiness checklist: what onboard can
// check by itself before a team goes live (keys, git protection, live calls),
// what only a person can confirm (approvals, plans, processes), and the
// Markdown report that records both, including earlier confirmations.
package readiness

// Kind says how an item is settled.
type Kind int

const (
	// Auto items are judged from the .env, the repository and live calls.
	Auto Kind = iota
	// Confirm items can only be confirmed by a person: no API tells them.
	Confirm
)

// Scope says which configuration an item applies to.
type Scope int

const (
	Always Scope = iota
	Plaid
	Stripe
	Connect
)

// Item is one entry of the checklist.
type Item struct {
	ID       string // stable, for --confirm and the report
	Title    string
	Why      string // one or two sentences, why it matters
	URL      string // where to act (dashboard page or the guide)
	Required bool   // a failing required item keeps the project "not ready"
	Kind     Kind
	Scope    Scope
}

// Catalog lists every item in report order: automatic checks first, then the
// steps a person confirms.
var Catalog = []Item{
	{ID: "stripe-live-keys", Kind: Auto, Scope: Stripe, Required: true,
		Title: "Stripe live keys present and working",
		Why:   "Test-mode keys move no real money; the live secret and publishable keys must belong to the same account.",
		URL:   "https://dashboard.stripe.com/apikeys"},
	{ID: "plaid-production", Kind: Auto, Scope: Plaid, Required: true,
		Title: "Plaid production environment configured and working",
		Why:   "Sandbox secrets only reach simulated banks; real users need the Production secret with PLAID_ENV=production.",
		URL:   "https://dashboard.plaid.com/developers/keys"},
	{ID: "no-test-keys", Kind: Auto, Scope: Always, Required: true,
		Title: "No test keys left in the production file",
		Why:   "A forgotten test key makes payments or bank links silently fake in production.",
		URL:   "https://docs.stripe.com/keys"},
	{ID: "keys-not-mixed", Kind: Auto, Scope: Stripe, Required: true,
		Title: "Test and live Stripe keys not mixed",
		Why:   "A live secret with a test publishable key (or the reverse) fails at checkout in ways that are hard to trace.",
		URL:   "https://dashboard.stripe.com/apikeys"},
	{ID: "env-protected", Kind: Auto, Scope: Always, Required: true,
		Title: "The .env is ignored by git and not tracked",
		Why:   "Live keys in a repository reach everyone who can read it, and every clone keeps them.",
		URL:   "https://git-scm.com/docs/gitignore"},
	{ID: "never-committed", Kind: Auto, Scope: Always, Required: true,
		Title: "The .env was never committed",
		Why:   "A key that was ever committed stays in the history; treat it as leaked and rotate it.",
		URL:   "https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/removing-sensitive-data-from-a-repository"},
	{ID: "webhook-secret", Kind: Auto, Scope: Stripe, Required: true,
		Title: "Webhook signing secret present when webhooks are used",
		Why:   "Without the whsec_ secret your server cannot tell Stripe's events from forged ones.",
		URL:   "https://dashboard.stripe.com/webhooks"},
	{ID: "restricted-key", Kind: Auto, Scope: Stripe, Required: false,
		Title: "Restricted key where a full secret is not needed",
		Why:   "A restricted key (rk_live_) limits the damage if it leaks to the permissions your server really uses.",
		URL:   "https://dashboard.stripe.com/apikeys"},
	{ID: "connect-complete", Kind: Auto, Scope: Connect, Required: true,
		Title: "Stripe Connect settings complete",
		Why:   "A platform needs its account type and, for OAuth onboarding, its live client ID before it can onboard sellers.",
		URL:   "https://dashboard.stripe.com/settings/connect"},

	{ID: "plaid-production-access", Kind: Confirm, Scope: Plaid, Required: true,
		Title: "Production access requested and approved at Plaid",
		Why:   "Plaid reviews your company and use case before real bank data flows; approval can take several days.",
		URL:   "https://dashboard.plaid.com/overview/request-products"},
	{ID: "plaid-billing-plan", Kind: Confirm, Scope: Plaid, Required: true,
		Title: "Plaid billing plan chosen",
		Why:   "Production calls are billed; the plan (pay as you go, growth or custom) sets the price of each one.",
		URL:   "https://plaid.com/docs/account/billing/"},
	{ID: "plaid-institution-coverage", Kind: Confirm, Scope: Plaid, Required: true,
		Title: "Institution coverage checked for the products used",
		Why:   "Not every bank supports every product; Link fails for users whose bank lacks one you require.",
		URL:   "https://dashboard.plaid.com/activity/status"},
	{ID: "plaid-update-mode", Kind: Confirm, Scope: Plaid, Required: true,
		Title: "Items needing a new login are handled (update mode)",
		Why:   "When a user changes their bank password the Item reports ITEM_LOGIN_REQUIRED; your app must send them through Link in update mode.",
		URL:   "https://plaid.com/docs/link/update-mode/"},
	{ID: "stripe-account-activated", Kind: Confirm, Scope: Stripe, Required: true,
		Title: "Stripe account activated",
		Why:   "Until the business details are submitted and accepted, live charges and payouts are blocked.",
		URL:   "https://dashboard.stripe.com/account/onboarding"},
	{ID: "stripe-webhook-endpoint", Kind: Confirm, Scope: Stripe, Required: true,
		Title: "Live webhook endpoint registered",
		Why:   "Test-mode endpoints receive no live events; payment outcomes arrive only at an endpoint registered in live mode.",
		URL:   "https://dashboard.stripe.com/webhooks"},
	{ID: "secrets-manager", Kind: Confirm, Scope: Always, Required: true,
		Title: "Keys kept in a secrets manager for deployed environments",
		Why:   "A .env suits one laptop; servers should read keys from a secrets manager that controls and logs access.",
		URL:   "https://cheatsheetseries.owasp.org/cheatsheets/Secrets_Management_Cheat_Sheet.html"},
	{ID: "stripe-key-rotation", Kind: Confirm, Scope: Stripe, Required: false,
		Title: "A plan for rolling the Stripe keys",
		Why:   "Knowing who rolls which key, and how the new one reaches every server, turns a leak into a short routine instead of an outage.",
		URL:   "https://dashboard.stripe.com/apikeys"},
	{ID: "plaid-secret-rotation", Kind: Confirm, Scope: Plaid, Required: false,
		Title: "A plan for rotating the Plaid secret",
		Why:   "Plaid lets you create a new secret before deleting the old one; rehearse the switch before you need it.",
		URL:   "https://dashboard.plaid.com/developers/keys"},
	{ID: "stripe-dashboard-access", Kind: Confirm, Scope: Stripe, Required: false,
		Title: "Who has Stripe dashboard access reviewed",
		Why:   "Dashboard members with the right role can reveal or roll live keys and issue refunds; keep the list short and current.",
		URL:   "https://dashboard.stripe.com/settings/team"},
	{ID: "plaid-dashboard-access", Kind: Confirm, Scope: Plaid, Required: false,
		Title: "Who has Plaid dashboard access reviewed",
		Why:   "Team members can see the Production secret and end users' Items; remove people who no longer need it.",
		URL:   "https://dashboard.plaid.com/settings/team/members"},
}

// Lookup returns the catalogue item with this id.
func Lookup(id string) (Item, bool) {
	for _, it := range Catalog {
		if it.ID == id {
			return it, true
		}
	}
	return Item{}, false
}

// ConfirmIDs lists the ids a person can confirm, in catalogue order.
func ConfirmIDs() []string {
	var ids []string
	for _, it := range Catalog {
		if it.Kind == Confirm {
			ids = append(ids, it.ID)
		}
	}
	return ids
}
