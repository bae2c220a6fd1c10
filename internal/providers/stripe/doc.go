// Package stripe describes Stripe's keys and checks that they work: the key
// fields and their format rules (publishable, secret, restricted, webhook
// signing secret, Connect client ID, test or live), the signup checklists, and
// the live verification of a Stripe account and of Stripe Connect.
//
// Why hand-written calls rather than stripe-go: onboard makes six Stripe
// calls (read the account, create and read a PII token, list, create and
// delete a connected account). Sending them through the same apihttp client
// as Plaid gives every call the same redirect refusal, body cap, retry policy
// and secret masking, and keeps the binary free of a large SDK that would add
// start-up and build cost for a handful of form-encoded requests.
//
// Every request pins the Stripe-Version header to APIVersion, so the shapes we
// parse do not change when someone moves the account's default API version in
// the Dashboard.
package stripe

// APIVersion is the Stripe API version sent with every request. 2024-06-20 is
// the last release before the named (acacia, basil…) versions: it still
// accepts `type` when creating a connected account and answers the account
// and token fields onboard reads in the shapes this package parses.
const APIVersion = "2024-06-20"

// DefaultBaseURL is Stripe's API host, the only place a live key may go.
const DefaultBaseURL = "https://api.stripe.com"

const officialHost = "api.stripe.com"
