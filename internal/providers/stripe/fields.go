package stripe

import (
	"context"
	"errors"
	"strings"
	"sync"

	"github.com/onboard-dev/onboard/internal/providers"
	"github.com/onboard-dev/onboard/internal/providers/stripe/stripecli"
	"github.com/onboard-dev/onboard/internal/secret"
)

// The .env names. The first three are the ones Stripe's own samples use; the
// others are onboard's, prefixed so they cannot clash with Stripe's.
const (
	EnvSecretKey      = "STRIPE_SECRET_KEY"
	EnvPublishableKey = "STRIPE_PUBLISHABLE_KEY"
	EnvWebhookSecret  = "STRIPE_WEBHOOK_SECRET"
	// EnvContext is the account an organization key acts for, sent as the
	// Stripe-Context header.
	EnvContext = "STRIPE_CONTEXT"
	// The Connect choice, one variable per controller property, holding
	// Stripe's own values (see Controller).
	EnvFeesPayer             = "STRIPE_CONNECT_FEES_PAYER"
	EnvLosses                = "STRIPE_CONNECT_LOSSES_PAYMENTS"
	EnvDashboard             = "STRIPE_CONNECT_DASHBOARD"
	EnvRequirementCollection = "STRIPE_CONNECT_REQUIREMENT_COLLECTION"
	EnvClientID              = "STRIPE_CLIENT_ID"
	EnvPayoutSchedule        = "STRIPE_CONNECT_PAYOUT_SCHEDULE"
	// EnvConnectAccountType is what onboard wrote before the four
	// properties (standard, express or custom). It is still read, as the
	// combination it named, when none of the four is set; onboard no
	// longer asks for it or writes it.
	EnvConnectAccountType = "STRIPE_CONNECT_ACCOUNT_TYPE"
)

// shortPrefix is how a message names a kind's shape.
var shortPrefix = map[Kind]string{
	Publishable: "pk_…", Secret: "sk_…", Restricted: "rk_…", WebhookSecret: "whsec_…",
	WebhookEndpoint: "we_…", ClientID: "ca_…", AccountID: "acct_…",
	OrgSecret: "sk_org_…", ClaimableSandbox: "rkcs_…", CLIOAuth: "oak_…",
}

// home is the field a kind belongs in, when it belongs in one.
var home = map[Kind]string{
	Publishable: EnvPublishableKey, Secret: EnvSecretKey, Restricted: EnvSecretKey,
	OrgSecret: EnvSecretKey, ClaimableSandbox: EnvSecretKey,
	WebhookSecret: EnvWebhookSecret, ClientID: EnvClientID, AccountID: EnvContext,
}

// fieldRule is what one field expects, for the shared checking logic.
type fieldRule struct {
	accepts  map[Kind]bool
	expected string // "the secret key starts with sk_test_ or sk_live_"
	// special overrides the generic wrong-kind message for the mistakes
	// people actually make in this field.
	special map[Kind]string
}

// cliKeyMsg: the CLI's login key is the same mistake in every field.
const cliKeyMsg = "This is the Stripe CLI's own login key (oak_…), which `stripe login` keeps in the CLI's config. It is not meant for an app's .env: copy a secret key (sk_test_…) or restricted key (rk_test_…) from the API keys page of your sandbox instead."

// check names a value pasted into the wrong field for what it is, and says
// what belongs there. It returns the parsed info when the kind is accepted.
func (r fieldRule) check(v string) (KeyInfo, *providers.ValidationError) {
	info, rest, ok := byPrefix(v)
	if !ok {
		if looksLikePlaid(v) {
			return info, providers.Invalidf("This looks like a Plaid client_id or secret (a string of hex digits), not a Stripe value; %s.", r.expected)
		}
		return info, providers.Invalidf("This is not a Stripe value onboard recognises; %s.", r.expected)
	}
	if info.Kind == CLIOAuth && rest != "" {
		return info, providers.Invalidf("%s", cliKeyMsg)
	}
	if !alnum(rest) {
		return info, providers.Invalidf("After its %s prefix a Stripe %s has only letters and digits; this one has other characters or ends at the prefix, so it was probably cut short or pasted with extra text. Copy it again.", shortPrefix[info.Kind], info.Kind)
	}
	if r.accepts[info.Kind] {
		return info, nil
	}
	if msg, ok := r.special[info.Kind]; ok {
		return info, providers.Invalidf("%s", msg)
	}
	where := ""
	if h := home[info.Kind]; h != "" {
		where = ", which belongs in " + h
	}
	return info, providers.Invalidf("This is a %s (%s)%s; %s.", info.Kind, shortPrefix[info.Kind], where, r.expected)
}

var secretRule = fieldRule{
	accepts:  map[Kind]bool{Secret: true, Restricted: true, OrgSecret: true, ClaimableSandbox: true},
	expected: "the secret key starts with sk_test_ or sk_live_",
	special: map[Kind]string{
		Publishable: "This is a publishable key (pk_…); the secret key starts with sk_test_ or sk_live_. It sits on the same API keys page, hidden until you click Reveal.",
	},
}

var publishableRule = fieldRule{
	accepts:  map[Kind]bool{Publishable: true},
	expected: "the publishable key starts with pk_test_ or pk_live_",
	special: map[Kind]string{
		Secret:           "This is a secret key (sk_…), which belongs in STRIPE_SECRET_KEY and must never reach a browser or app; the publishable key starts with pk_test_ or pk_live_.",
		Restricted:       "This is a restricted key (rk_…), a server-side key for STRIPE_SECRET_KEY; the publishable key starts with pk_test_ or pk_live_.",
		OrgSecret:        "This is an organization key (sk_org_…), a server-side secret for STRIPE_SECRET_KEY that must never reach a browser; the publishable key starts with pk_test_ or pk_live_.",
		ClaimableSandbox: "This is a claimable sandbox key (rkcs_…), a server-side secret for STRIPE_SECRET_KEY; the publishable key starts with pk_test_ or pk_live_.",
	},
}

var webhookRule = fieldRule{
	accepts:  map[Kind]bool{WebhookSecret: true},
	expected: "the signing secret starts with whsec_",
	special: map[Kind]string{
		WebhookEndpoint: "This is the webhook endpoint's ID (we_…), not its signing secret; the signing secret starts with whsec_ — reveal it on the endpoint's page (Workbench → Webhooks → your event destination).",
	},
}

var clientIDRule = fieldRule{
	accepts:  map[Kind]bool{ClientID: true},
	expected: "the Connect client ID starts with ca_ and is shown under Settings → Connect → Onboarding options → OAuth",
	special: map[Kind]string{
		AccountID: "This is an account ID (acct_…), not the Connect client ID; the client ID starts with ca_ and is shown under Settings → Connect → Onboarding options → OAuth.",
	},
}

var contextRule = fieldRule{
	accepts:  map[Kind]bool{AccountID: true},
	expected: "the account an organization key acts for is an account ID (acct_…)",
}

// mixedModes compares the secret key's mode with the publishable key's when
// both are well-formed API keys, since a test key and a live key can never
// belong together. A key whose prefix does not tell its mode is left out.
func mixedModes(all providers.Values) *providers.ValidationError {
	sk := ParseKey(providers.Normalize(all[EnvSecretKey]))
	pk := ParseKey(providers.Normalize(all[EnvPublishableKey]))
	if !sk.Server() || pk.Kind != Publishable || sk.ModeUnknown || sk.Live == pk.Live {
		return nil
	}
	return providers.Invalidf("The secret key is a %s key but the publishable key is a %s key; both must come from the same mode. A sandbox's keys are test keys and your live account's are live: copy both from one API keys page.", mode(sk.Live), mode(pk.Live))
}

func validateSecret(v string, all providers.Values) *providers.ValidationError {
	info, err := secretRule.check(v)
	if err != nil {
		return err
	}
	if err := mixedModes(all); err != nil {
		return err
	}
	switch info.Kind {
	case Restricted:
		return providers.Warnf("This is a restricted key (rk_…). It works, but only for what its permissions allow, so some checks may report a missing permission. The full secret key starts with sk_%s_.", mode(info.Live))
	case ClaimableSandbox:
		return providers.Warnf("This is a claimable sandbox key (rkcs_…) from `stripe sandbox create`. It stops working 7 days after the sandbox was made: claim the sandbox with the link the CLI printed (that signs you up), then copy a key from the claimed sandbox's API keys page.")
	default: // a secret or organization key: nothing to add
		return nil
	}
}

func validatePublishable(v string, all providers.Values) *providers.ValidationError {
	if _, err := publishableRule.check(v); err != nil {
		return err
	}
	return mixedModes(all)
}

// withMode adds, to a key rule's verdict, the warning a key earns when it
// does not fit the setup: a sandbox key in production moves no real
// money; a live key in a development .env moves real money.
func withMode(rule func(string, providers.Values) *providers.ValidationError, m providers.Mode) func(string, providers.Values) *providers.ValidationError {
	return func(v string, all providers.Values) *providers.ValidationError {
		err := rule(v, all)
		if err != nil && err.Severity == providers.Invalid {
			return err
		}
		if w := modeWarning(ParseKey(v), m); w != nil {
			return w
		}
		return err
	}
}

func modeWarning(k KeyInfo, m providers.Mode) *providers.ValidationError {
	if k.Kind != Publishable && !k.Server() || k.ModeUnknown {
		return nil
	}
	switch {
	case m == providers.Production && !k.Live:
		return providers.Warnf("This is a production setup, but this is a sandbox key (test mode): it moves no real money. Switch to your live account in the Dashboard's account picker and copy its key, or run onboard without --production for a development .env.")
	case m == providers.Development && k.Live:
		return providers.Warnf("This .env is for development, but this is a live key: it moves real money, and onboard makes no test payments with it. Use your sandbox's key here; onboard --production sets up the live keys.")
	}
	return nil
}

// validateWebhookSecret: Stripe's signing secrets have been whsec_ and
// letters and digits, but Stripe does not promise that body; one with other
// characters is most likely pasted with something extra, yet not certainly
// wrong, so it is a warning. One that ends at the prefix is cut short.
func validateWebhookSecret(v string, _ providers.Values) *providers.ValidationError {
	if info, rest, ok := byPrefix(v); ok && info.Kind == WebhookSecret && rest != "" && !alnum(rest) {
		return providers.Warnf("After whsec_ a signing secret is normally only letters and digits; this one has other characters. If it was pasted with extra text (quotes, a trailing comma), copy it again from the event destination's page.")
	}
	_, err := webhookRule.check(v)
	return err
}

// validateClientID checks the format only: no account choice needs a
// client ID. Only OAuth uses one, and Stripe does not recommend OAuth to
// new platforms (docs.stripe.com/connect/oauth-standard-accounts).
func validateClientID(v string, _ providers.Values) *providers.ValidationError {
	if v == "" {
		return nil
	}
	_, err := clientIDRule.check(v)
	return err
}

// validateContext: an organization key needs the account it acts for; a
// Stripe-Context may name a chain of accounts ("acct_1/acct_2", a platform
// and one of its connected accounts).
func validateContext(v string, all providers.Values) *providers.ValidationError {
	sk := ParseKey(providers.Normalize(all[EnvSecretKey]))
	if v == "" {
		if sk.Kind == OrgSecret {
			return providers.Invalidf("An organization key (sk_org_…) acts for whichever account the Stripe-Context header names, so onboard needs that account's ID (acct_…): the account or sandbox your app uses. Find it in the Dashboard's account settings with that account in view.")
		}
		return nil
	}
	for _, part := range strings.Split(v, "/") {
		if _, err := contextRule.check(part); err != nil {
			return err
		}
	}
	if sk.Server() && sk.Kind != OrgSecret {
		return providers.Warnf("Only an organization key (sk_org_…) needs STRIPE_CONTEXT; with this secret key onboard does not send it.")
	}
	return nil
}

// stripeFields are the key fields; m words their warnings (AnyMode: none
// about the mode).
func stripeFields(m providers.Mode) []providers.Field {
	return []providers.Field{
		{
			Key: EnvSecretKey, Label: "Secret key", Secret: true, Required: true,
			Help:        "Your sandbox's API keys page → Secret key (click Reveal). Starts with sk_test_ (sk_live_ for the live account); a restricted key (rk_…) works too.",
			Placeholder: "sk_test_…",
			Validate:    withMode(validateSecret, m),
			Recognize: func(v string) bool {
				return recognizedSecret(v, Secret, Restricted, OrgSecret, ClaimableSandbox, CLIOAuth)
			},
		},
		{
			Key: EnvPublishableKey, Label: "Publishable key", Required: true,
			Help:        "The same API keys page → Publishable key. Starts with pk_test_ or pk_live_; safe to ship to browsers.",
			Placeholder: "pk_test_…",
			Validate:    withMode(validatePublishable, m),
			// Browser code needs it, so a framework's public prefix may go
			// before its name (NEXT_PUBLIC_…).
			Public:    true,
			Recognize: func(v string) bool { return ParseKey(v).Kind == Publishable },
		},
		{
			Key: EnvWebhookSecret, Label: "Webhook signing secret", Secret: true,
			Help:        webhookHelp(m),
			Placeholder: "whsec_…",
			Validate:    validateWebhookSecret,
			Recognize:   func(v string) bool { return recognizedSecret(v, WebhookSecret) },
			Source:      webhookSource(m),
		},
		{
			Key: EnvContext, Label: "Account for an organization key",
			Help:        "Only with an organization key (sk_org_…): the account or sandbox it acts for (acct_…), sent as the Stripe-Context header. Leave it empty with any other key.",
			Placeholder: "acct_…",
			Validate:    validateContext,
			CheckEmpty:  true,
		},
	}
}

func connectFields() []providers.Field {
	return append(connectSettingFields(),
		providers.Field{
			// The platform's own, the same for the whole team: a setting.
			Key: EnvClientID, Label: "Connect client ID", Setting: true,
			Help:        "Optional, only for OAuth: connecting Stripe accounts that already exist, or an extension other businesses install. Settings → Connect → Onboarding options → OAuth; starts with ca_. Account Links and embedded onboarding need no client ID: leave it empty.",
			Placeholder: "ca_…",
			Validate:    validateClientID,
			Recognize:   func(v string) bool { return ParseKey(v).Kind == ClientID },
		},
		providers.Field{
			Key: EnvPayoutSchedule, Label: "Payout schedule", Default: "daily",
			Help: "How often connected accounts are paid out to their bank (settings[payouts][schedule][interval] when you create or update an account). With the full Stripe Dashboard the business can change it there.",
			// The schedule's parameters: transfer_schedule_specs in the
			// OpenAPI spec stripe-mock v0.203.0 serves. Instant payouts:
			// docs.stripe.com/connect/instant-payouts.
			Options: []providers.Option{
				{Value: "daily", Label: "Daily", Help: "Every business day, once funds are available. delay_days sets how many days after a payment that is (\"minimum\": the shortest your country allows). Suits most platforms."},
				{Value: "weekly", Label: "Weekly", Help: "Once a week on the weekday you set (weekly_anchor), or on several weekdays (weekly_payout_days). Suits businesses that reconcile weekly."},
				{Value: "monthly", Label: "Monthly", Help: "Once a month on the day you set (monthly_anchor, 1 to 31), or on several days (monthly_payout_days). Suits businesses with monthly books."},
				{Value: "manual", Label: "Manual", Help: "Funds stay in the Stripe balance until your platform asks for a payout (POST /v1/payouts). Instant payouts are separate and cost a fee: they need an eligible debit card or instant-capable bank account, a country and currency that offer them, the full services agreement, and stay within a limit Stripe sets for your platform."},
			},
		},
	)
}

// webhookHelp is where the signing secret comes from: the endpoint's page;
// in development also the Stripe CLI, which onboard asks when it is
// installed (or says how to install it); in production only the live
// endpoint's own secret works.
func webhookHelp(m providers.Mode) string {
	const page = "Optional. Workbench → Webhooks → your event destination → Signing secret. Starts with whsec_."
	switch m {
	case providers.Production:
		return page + " " + stripecli.ProductionHelp
	case providers.AnyMode:
		return page // onboard check shows no help: no need to look for the CLI
	case providers.Development:
	}
	var missing *stripecli.Error
	switch err := cliMissing(); {
	case errors.As(err, &missing) && missing.InProject != "":
		return page + " " + err.Error() // why the stripe on PATH is passed over
	case err != nil:
		return page + " " + stripecli.InstallHint
	}
	return page + " Leave it empty and onboard offers to ask the Stripe CLI next."
}

// findCLI is the Stripe CLI to run, looked for once per run: Fields is
// called on every check of a value and the source's Available on every
// redraw of the header, and PATH does not change under a running wizard.
var findCLI = sync.OnceValues(stripecli.Find)

// cliMissing says why there is no Stripe CLI to run (nil: there is one).
func cliMissing() error { _, err := findCLI(); return err }

// webhookSource asks `stripe listen --print-secret` for the local
// forwarding secret: offered in development only, with a test secret key
// the CLI may be given, and a CLI on PATH.
func webhookSource(m providers.Mode) *providers.Source {
	if m == providers.Production {
		return nil
	}
	key := func(v providers.Values) secret.Secret { return secret.Secret(providers.Normalize(v[EnvSecretKey])) }
	return &providers.Source{
		Label: stripecli.AskLabel,
		Help:  stripecli.AskHelp,
		Available: func(v providers.Values) bool {
			return stripecli.CheckKey(key(v)) == nil && cliMissing() == nil
		},
		Fetch: func(ctx context.Context, v providers.Values) (string, error) {
			bin, err := findCLI()
			if err != nil {
				return "", err
			}
			s, err := stripecli.PrintSecret(ctx, bin, key(v)) // checks the key again
			return s.Reveal(), err
		},
		Then: stripecli.ForwardHint,
	}
}
