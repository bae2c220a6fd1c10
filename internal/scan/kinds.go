package scan

import (
	"github.com/onboard-dev/onboard/internal/providers/plaid"
	"github.com/onboard-dev/onboard/internal/providers/stripe"
)

// Kind is what a found value is.
type Kind string

// The kinds scan recognises. The string values are stable: they are the
// rule ids of the SARIF output and the "kind" of the JSON output.
const (
	StripeSecretKey     Kind = "stripe-secret-key"     // sk_live_ / sk_test_ (and sk_prod_)
	StripeRestrictedKey Kind = "stripe-restricted-key" // rk_live_ / rk_test_ (and rk_prod_)
	StripeOrgKey        Kind = "stripe-organization-key"
	StripeSandboxKey    Kind = "stripe-claimable-sandbox-key" // rkcs_, made by `stripe sandbox create`
	StripeWebhookSecret Kind = "stripe-webhook-secret"        // whsec_
	PlaidSecret         Kind = "plaid-secret"
	PlaidClientID       Kind = "plaid-client-id"
	PlaidAccessToken    Kind = "plaid-access-token"
	// EnvValue is an exact .env or environment value that no pattern
	// recognises (a key of an odd shape, or one with no marker nearby).
	EnvValue Kind = "env-value"
)

// Rotation pages of the providers' dashboards.
const (
	StripeKeysURL  = "https://dashboard.stripe.com/apikeys"
	StripeHooksURL = "https://dashboard.stripe.com/webhooks"
	PlaidKeysURL   = "https://dashboard.plaid.com/developers/keys"
)

// KindInfo describes a kind for people and for code-scanning tools.
type KindInfo struct {
	Title    string // "Stripe secret key"
	Provider string // "Stripe", "Plaid"
	// Rotate is the dashboard page where the key is rolled; "" when the
	// value cannot be rotated (a Plaid client_id).
	Rotate string
	// Secret is false for identifiers that grant nothing alone (a client
	// id): still worth removing, but not an emergency.
	Secret bool
	// Do is what to do about it, in one sentence after "rotate".
	Do string
}

var kinds = map[Kind]KindInfo{
	StripeSecretKey: {Title: "Stripe secret key", Provider: "Stripe", Rotate: StripeKeysURL, Secret: true,
		Do: "Roll it on the API keys page (choose an expiry of now for a live key), then put the new key in the .env only."},
	StripeRestrictedKey: {Title: "Stripe restricted key", Provider: "Stripe", Rotate: StripeKeysURL, Secret: true,
		Do: "Roll it on the API keys page, then put the new key in the .env only."},
	StripeOrgKey: {Title: "Stripe organization key", Provider: "Stripe", Rotate: StripeKeysURL, Secret: true,
		Do: "Roll it in the organization's API keys settings; it reaches every account of the organization."},
	StripeSandboxKey: {Title: "Stripe claimable sandbox key", Provider: "Stripe", Rotate: StripeKeysURL, Secret: true,
		Do: "It expires 7 days after it was made; if the sandbox was claimed, roll the key on its API keys page."},
	StripeWebhookSecret: {Title: "Stripe webhook signing secret", Provider: "Stripe", Rotate: StripeHooksURL, Secret: true,
		Do: "Roll the endpoint's signing secret (Workbench → Webhooks → the endpoint), then update the .env."},
	PlaidSecret: {Title: "Plaid secret", Provider: "Plaid", Rotate: PlaidKeysURL, Secret: true,
		Do: "Rotate the secret of that environment under Developers → Keys, then update the .env."},
	PlaidClientID: {Title: "Plaid client_id", Provider: "Plaid", Secret: false,
		Do: "A client_id cannot be rotated and grants nothing without a secret; check that no Plaid secret was committed next to it."},
	PlaidAccessToken: {Title: "Plaid access token", Provider: "Plaid", Rotate: PlaidKeysURL, Secret: true,
		Do: "Call /item/access_token/invalidate for it (or remove the Item), and keep access tokens in your database, not in code."},
	EnvValue: {Title: "value from your .env", Provider: "", Secret: true,
		Do: "Replace it with a new value from the provider's dashboard, then put it in the .env only."},
}

// Info describes k; an unknown kind gets a generic description.
func (k Kind) Info() KindInfo {
	if i, ok := kinds[k]; ok {
		return i
	}
	return KindInfo{Title: string(k), Secret: true}
}

// envKinds are the variables whose values are looked for exactly, with
// the kind a value of that variable is when no pattern says otherwise.
// The names are the providers' own (see their fields.go).
var envKinds = map[string]Kind{
	plaid.KeySecret:         PlaidSecret,
	plaid.KeyClientID:       PlaidClientID,
	stripe.EnvSecretKey:     StripeSecretKey,
	stripe.EnvWebhookSecret: StripeWebhookSecret,
}

// EnvNames lists the variables whose values Run looks for by default.
func EnvNames() []string {
	return []string{plaid.KeyClientID, plaid.KeySecret, stripe.EnvSecretKey, stripe.EnvWebhookSecret}
}
