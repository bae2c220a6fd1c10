// Package stripe describes Stripe's keys and checks that they work: the key
// fields and their format rules (publishable, secret, restricted,
// organization and claimable sandbox keys, webhook signing secret, Connect
// client ID, test or live), the signup checklists, and the live
// verification of a Stripe account and of Stripe Connect.
//
// Why hand-written calls rather than stripe-go: onboard makes a handful of
// Stripe calls (read the account; create and read a PII token; two test
// payments and the cancel of the declined one; list, create and delete a
// connected account). Sending them through the same apihttp client as Plaid
// gives every call the same redirect refusal, body cap, retry policy and
// secret masking, and keeps the binary free of a large SDK that would add
// start-up and build cost for a few form-encoded requests.
//
// Every request pins the Stripe-Version header to APIVersion, so the shapes we
// parse do not change when someone moves the account's default API version in
// the Dashboard.
package stripe

// APIVersion is the Stripe API version sent with every request: the
// version of the OpenAPI spec stripe-mock v0.203.0 is built from (its
// info.version). The tests hold every request onboard makes against that
// spec, and the simulator's answers against stripe-mock's, so pinning it
// means onboard sends and parses exactly the shapes that were checked: the
// `controller[...]` properties of a new connected account, the account's
// `requirements`, PaymentIntents confirmed with a test payment method.
//
// The earlier pin, 2024-06-20, was said to be needed to create connected
// accounts with `type`; later versions still accept `type` (the reference
// marks it deprecated in favour of `controller`), so that was never a
// reason, and onboard no longer sends it.
const APIVersion = "2026-08-26.dahlia"

// DefaultBaseURL is Stripe's API host, the only place a live key may go.
const DefaultBaseURL = "https://api.stripe.com"

const officialHost = "api.stripe.com"
