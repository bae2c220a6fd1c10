package stripe

import (
	"github.com/onboard-dev/onboard/internal/providers"
)

const (
	urlRegister        = "https://dashboard.stripe.com/register"
	urlTestDashboard   = "https://dashboard.stripe.com/test/dashboard"
	urlDashboard       = "https://dashboard.stripe.com/dashboard"
	urlTestWebhooks    = "https://dashboard.stripe.com/test/webhooks"
	urlWebhooks        = "https://dashboard.stripe.com/webhooks"
	urlAccountTypes    = "https://docs.stripe.com/connect/accounts"
	urlAccountLinks    = "https://docs.stripe.com/api/account_links"
	urlPayoutSchedules = "https://docs.stripe.com/connect/manage-payout-schedule"
)

// liveValues tells whether the answers so far are live keys, which changes
// the dashboard pages the checklist points at.
func liveValues(v providers.Values) bool {
	return ParseKey(providers.Normalize(v[EnvSecretKey])).Live || ParseKey(providers.Normalize(v[EnvPublishableKey])).Live
}

// Checklist walks through getting test keys, or live keys once the answers
// are live.
func (p *Provider) Checklist(v providers.Values) []providers.ChecklistItem {
	if liveValues(v) {
		return []providers.ChecklistItem{
			{Title: "Activate your account for live payments", Detail: "Stripe asks for business and bank details before it issues live keys that can charge cards.", URL: urlActivate},
			{Title: "Turn test mode off", Detail: "Switch the Test mode toggle off at the top of the Dashboard; live keys start with pk_live_ and sk_live_ and move real money.", URL: urlDashboard},
			{Title: "Copy the live publishable key", Detail: "Developers → API keys: the publishable key (pk_live_…) is shown in full.", URL: urlAPIKeys},
			{Title: "Copy the live secret key", Detail: "Stripe may show a live secret key only once, when it is created. If it is hidden, create or roll a key and store it straight away; never put it in front-end code.", URL: urlAPIKeys},
			{Title: "Optional: copy the live webhook signing secret", Detail: "Developers → Webhooks → your live endpoint → Signing secret (whsec_…). Live and test endpoints have different secrets.", URL: urlWebhooks},
		}
	}
	return []providers.ChecklistItem{
		{Title: "Create a Stripe account", Detail: "Sign up with an email address. Test mode works at once; activating live payments can wait.", URL: urlRegister},
		{Title: "Switch to test mode", Detail: "Turn on the Test mode toggle at the top of the Dashboard. Test keys start with pk_test_ and sk_test_ and never move real money.", URL: urlTestDashboard},
		{Title: "Open Developers → API keys", Detail: "Copy the publishable key (pk_test_…). It identifies your account to browsers and apps and is safe to ship.", URL: urlTestAPIKeys},
		{Title: "Reveal and copy the secret key", Detail: "Click Reveal test key next to the secret key (sk_test_…). It acts as your account: keep it on your server and in .env only.", URL: urlTestAPIKeys},
		{Title: "Optional: create a webhook endpoint", Detail: "Developers → Webhooks → Add endpoint, then reveal the endpoint's signing secret (whsec_…). For local work, `stripe listen` prints one as well.", URL: urlTestWebhooks},
	}
}

// Checklist walks through enabling Connect and the pieces the chosen account
// type needs.
func (c *Connect) Checklist(v providers.Values) []providers.ChecklistItem {
	live := liveValues(v)
	overview, settings := "https://dashboard.stripe.com/test/connect/overview", urlConnectSettings
	if live {
		overview = urlConnectOverview
	}
	items := []providers.ChecklistItem{
		{Title: "Enable Connect", Detail: "Open Connect in the Dashboard and click Get started; describe how money moves on your platform.", URL: overview},
		{Title: "Complete the platform profile", Detail: "Say who onboards your users and who covers losses. Stripe refuses to create connected accounts until this is done.", URL: urlPlatformProfile},
		{Title: "Choose the connected account type", Detail: "Standard, Express or Custom: how much of onboarding, dashboard and compliance Stripe handles. The next screen compares them.", URL: urlAccountTypes},
	}
	if accountType(v) == "standard" {
		items = append(items, providers.ChecklistItem{
			Title:  "Turn on OAuth and copy the client ID",
			Detail: "Settings → Connect → Onboarding options → OAuth: enable OAuth, add your redirect URI, copy the client ID (ca_…). Stripe now recommends Account Links (POST /v1/account_links) over OAuth for new platforms; OAuth is for connecting Standard accounts that already exist.",
			URL:    settings,
		})
	} else {
		items = append(items, providers.ChecklistItem{
			Title:  "Plan onboarding with Account Links",
			Detail: "Create the connected account, then POST /v1/account_links with type=account_onboarding and send the user to the returned URL. Stripe recommends this over OAuth for new platforms, and it needs no client ID.",
			URL:    urlAccountLinks,
		})
	}
	items = append(items, providers.ChecklistItem{
		Title:  "Pick a payout schedule",
		Detail: "Daily, weekly, monthly or manual, set per connected account (settings[payouts][schedule][interval]). Instant payouts cost a fee and need an eligible debit card.",
		URL:    urlPayoutSchedules,
	})
	return items
}
