package readiness

import (
	"github.com/onboard-dev/onboard/internal/providers"
	"github.com/onboard-dev/onboard/internal/providers/plaid"
	"github.com/onboard-dev/onboard/internal/providers/stripe"
)

// The variables the tests set, named as the providers name them.
const (
	PlaidEnv              = plaid.KeyEnv
	PlaidSecret           = plaid.KeySecret
	StripeSecretKey       = stripe.EnvSecretKey
	StripePublishableKey  = stripe.EnvPublishableKey
	StripeWebhookSecret   = stripe.EnvWebhookSecret
	StripeConnectAcctType = stripe.EnvConnectAccountType
)

// uses are the specs of the named providers, in the registry's order.
func uses(ids ...providers.ID) []*providers.Spec {
	var out []*providers.Spec
	for _, sp := range allSpecs() {
		for _, id := range ids {
			if sp.ID == id {
				out = append(out, sp)
			}
		}
	}
	return out
}

func allSpecs() []*providers.Spec {
	return []*providers.Spec{plaid.Spec(), stripe.Spec(), stripe.ConnectSpec()}
}

// allItems is the whole catalogue.
func allItems() []Item { return Catalog(allSpecs()) }

func lookup(id string) (Item, bool) { return Lookup(allItems(), id) }

// testProviders are the providers as the wizard has them.
func testProviders() []providers.Provider {
	return []providers.Provider{plaid.New(plaid.Config{}), stripe.New(stripe.Config{}), stripe.NewConnect(stripe.Config{})}
}
