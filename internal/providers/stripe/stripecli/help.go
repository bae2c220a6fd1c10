package stripecli

// The words the webhook step shows. They live here, next to the code whose
// behaviour they describe, so a change to one is seen with the other.
const (
	// AskLabel is the option that runs the CLI; the default when Available
	// says yes.
	AskLabel = "Ask the Stripe CLI (stripe listen)"

	// AskHelp is shown with AskLabel: what this secret is and is not.
	AskHelp = "onboard runs `stripe listen --print-secret` with your test key and saves the signing secret " +
		"`stripe listen` uses for the events it forwards to your machine. That secret belongs to your " +
		"Stripe account (the sandbox of this key) and works only with `stripe listen`: it is not the " +
		"signing secret of an endpoint in the Dashboard, and events Stripe sends to a deployed endpoint " +
		"will not verify with it."

	// ForwardHint says how to use the secret once it is saved. `stripe
	// listen` signs with the secret of the account it runs as: if the CLI
	// is logged in to another account, the events would not verify.
	ForwardHint = "To receive events locally, run `stripe listen --forward-to localhost:PORT/PATH` " +
		"(your app's port and webhook path) as the same account: logged in to it with `stripe login`, " +
		"or with STRIPE_API_KEY set to this test key."

	// ManualLabel is the option to type or paste a secret.
	ManualLabel = "Enter a signing secret (whsec_…)"

	// ProductionHelp replaces AskHelp in production mode, where the CLI is
	// never offered.
	ProductionHelp = "Production needs the signing secret of your live endpoint: Workbench → Webhooks → " +
		"your event destination → Signing secret. A secret from `stripe listen` only verifies the " +
		"events the CLI forwards to your own machine."

	// InstallHint is shown instead of AskLabel when the CLI is not on PATH.
	InstallHint = "The Stripe CLI can fill this in for local development. Install it " +
		"(https://docs.stripe.com/stripe-cli): `brew install stripe/stripe-cli/stripe` on macOS, " +
		"Stripe's apt or yum repository on Linux, Stripe's Scoop bucket on Windows (`scoop install stripe`), or a release " +
		"binary from https://github.com/stripe/stripe-cli/releases. Once stripe is on your PATH, " +
		"onboard offers it here."
)
