package stripe

import (
	"github.com/onboard-dev/onboard/internal/providers"
)

const (
	urlRegister        = "https://dashboard.stripe.com/register"
	urlWebhooks        = "https://dashboard.stripe.com/webhooks"
	urlConnectTypes    = "https://docs.stripe.com/connect/migrate-to-controller-properties"
	urlAccountLinks    = "https://docs.stripe.com/api/account_links"
	urlPayoutSchedules = "https://docs.stripe.com/connect/manage-payout-schedule"
)

// liveValues tells whether the answers so far are live keys, which changes
// what the checklist walks through.
func liveValues(v providers.Values) bool {
	return ParseKey(providers.Normalize(v[EnvSecretKey])).Live || ParseKey(providers.Normalize(v[EnvPublishableKey])).Live
}

// Checklist walks through getting a sandbox's keys, or the live account's
// in a production setup (or, outside the wizard's modes, once the answers
// are live). Sandboxes are Stripe's test environment: a new account starts
// in one, and there is no test-mode toggle to switch
// (docs.stripe.com/test-mode).
func (p *Provider) Checklist(v providers.Values) []providers.ChecklistItem {
	m := p.api.cfg.Mode
	if m == providers.Production || m == providers.AnyMode && liveValues(v) {
		return []providers.ChecklistItem{
			{Title: "Activate your account for live payments", Detail: "Switch from your sandbox to the live account in the account picker at the top left. Stripe asks for business and bank details before live payments and payouts work.", URL: urlActivate},
			{Title: "Copy the live publishable key", Detail: "On the live account's API keys page: the publishable key (pk_live_…) is shown in full.", URL: urlAPIKeys},
			{Title: "Copy the live secret key", Detail: "Stripe shows a live secret or restricted key only once, when it is made: if it was not stored, roll it and store the new one at once. Stripe prefers a restricted key (rk_live_…) with just the permissions your server uses. Never put either in front-end code.", URL: urlAPIKeys},
			{Title: "Optional: copy the live webhook signing secret", Detail: "In the live account, Workbench → Webhooks → your event destination → Signing secret (whsec_…). A sandbox's destinations have other secrets.", URL: urlWebhooks},
		}
	}
	items := []providers.ChecklistItem{
		{Title: "Get a Stripe account", Detail: "Sign up with an email address: a new account starts in a sandbox, where every payment is test data, and going live can wait. No account yet and the Stripe CLI at hand? `stripe sandbox create` makes a sandbox with keys straight away; they stop working after 7 days unless you claim the sandbox.", URL: urlRegister},
		{Title: "Pick the sandbox for this app", Detail: "Choose it in the account picker at the top left, or make one on the Sandboxes page. Stripe suggests a sandbox of its own for a new integration rather than the account's built-in test-mode one.", URL: urlSandboxes},
		{Title: "Copy the publishable key", Detail: "On the sandbox's API keys page: the publishable key (pk_test_…). It identifies your account to browsers and apps and is safe to ship.", URL: urlAPIKeys},
		{Title: "Reveal and copy the secret key", Detail: "Same page: click Reveal next to the secret key (sk_test_…), or create a restricted key (rk_test_…) with only the permissions your server needs, which Stripe prefers for server code. It acts as your account: keep it in .env and on your server only.", URL: urlAPIKeys},
		{Title: "Optional: add an event destination for webhooks", Detail: "Workbench → Webhooks → Create an event destination, pick the events, then reveal its signing secret (whsec_…). For local work, `stripe listen --print-secret` prints the secret the CLI signs forwarded events with.", URL: urlWebhooks},
	}
	if ParseKey(providers.Normalize(v[EnvSecretKey])).Kind == OrgSecret {
		items = append(items, providers.ChecklistItem{
			Title:  "Name the account for the organization key",
			Detail: "An organization key (sk_org_…) acts for any account of the organization, chosen per request with the Stripe-Context header. Put the ID (acct_…) of the account or sandbox this app uses in STRIPE_CONTEXT; onboard sends it, and your app must too. `stripe listen` does not take organization keys.",
			URL:    urlAPIKeys,
		})
	}
	return items
}

// Checklist walks through turning Connect on and the choices the next
// screens ask for.
func (c *Connect) Checklist(v providers.Values) []providers.ChecklistItem {
	choose := "The next screens ask four things: who pays Stripe's fees, who covers losses, which dashboard businesses get (full, Express or none) and who collects requirements. Stripe's older account types are three of these combinations: Standard (the account pays, Stripe covers losses, full Dashboard, Stripe collects), Express (your platform pays and covers losses, Express Dashboard, Stripe collects) and Custom (your platform pays, covers losses and collects, no dashboard)."
	if l, ok := legacyTypes[legacyType(v)]; ok {
		_, src := connectSettings(v)
		if src == fromLegacy {
			choose = "Your .env says " + EnvConnectAccountType + "=" + legacyType(v) + ", onboard's older way of writing this. To keep it, choose: " + l.Describe() + ". " + choose
		}
	}
	return []providers.ChecklistItem{
		{Title: "Turn on Connect", Detail: "With your sandbox in view, open Connect and click Get started; say how money moves on your platform.", URL: urlConnectOverview},
		{Title: "Answer the platform profile", Detail: "Who covers losses and who onboards businesses. Stripe refuses test accounts whose settings do not fit the profile, so answer it the way you will choose next.", URL: urlPlatformProfile},
		{Title: "Choose how connected accounts work", Detail: choose, URL: urlConnectTypes},
		{Title: "Onboard businesses with Account Links or embedded onboarding", Detail: "Create the connected account, then send the business to the URL POST /v1/account_links returns (type=account_onboarding), or show Stripe's embedded onboarding component. Account Links and embedded onboarding need no client ID.", URL: urlAccountLinks},
		{Title: "Only for OAuth: turn it on and copy the client ID", Detail: "Only if your platform connects Stripe accounts that already exist, or is an extension other businesses install: Settings → Connect → Onboarding options → OAuth, add a redirect URI, copy the client ID (ca_…). Stripe does not recommend OAuth for new platforms, and Express accounts cannot use it.", URL: urlConnectSettings},
		{Title: "Pick a payout schedule", Detail: "Daily, weekly, monthly or manual, per connected account (settings[payouts][schedule]): delay_days sets how long funds wait, weekly_anchor or monthly_anchor the day. Instant payouts cost a fee and need an eligible debit card or bank account, a country and currency that offer them, and the full services agreement.", URL: urlPayoutSchedules},
	}
}
