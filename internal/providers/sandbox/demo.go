package sandbox

// The demo credentials the simulators accept. They have the shapes of real
// ones, so every format rule applies to them, and they say "Demo" so nobody
// mistakes them for real keys. Anything else is rejected the way the real
// services reject it.
const (
	// Plaid: a 24-hex client_id and a 30-hex Sandbox secret.
	DemoPlaidClientID = "64f0a1b2c3d4e5f60718293a"
	DemoPlaidSecret   = "de70de70de70de70de70de70de70de"

	// Stripe test mode: one account's secret and publishable keys.
	DemoStripeSecretKey      = "sk_test_51DemoOnb0ardy5wbzKsaDwPOemGlZZ8vRw1gkC6WszOly5wbzKsaDwPOemGlZZ8vRw1gkC6WszOly5wbzKsaDwPOemGlZZ8vRw"
	DemoStripePublishableKey = "pk_test_51DemoOnb0ardxxCqRapnWfxyHjyLM9iFstZNH1xGl7iSxxCqRapnWfxyHjyLM9iFstZNH1xGl7iSxxCqRapnWfxyHjyLM9iFst"
	DemoStripeWebhookSecret  = "whsec_DemoOnb0ardSfVGgK5Xqmun6bN1Bc9B5"
	DemoStripeClientID       = "ca_DemoOnb0ardrbJyBXFBwBWGD8hjEPnTp"
	DemoStripeAccountID      = "acct_51DemoOnb0ardDemo"
	DemoStripeAccountName    = "Onboard Demo Platform"
)
