package stripe

import (
	"github.com/onboard-dev/onboard/internal/providers"
)

// The .env names. The first three are the ones Stripe's own samples use; the
// Connect ones are onboard's, prefixed so they cannot clash with Stripe's.
const (
	EnvSecretKey          = "STRIPE_SECRET_KEY"
	EnvPublishableKey     = "STRIPE_PUBLISHABLE_KEY"
	EnvWebhookSecret      = "STRIPE_WEBHOOK_SECRET"
	EnvConnectAccountType = "STRIPE_CONNECT_ACCOUNT_TYPE"
	EnvClientID           = "STRIPE_CLIENT_ID"
	EnvPayoutSchedule     = "STRIPE_CONNECT_PAYOUT_SCHEDULE"
)

// shortPrefix is how a message names a kind's shape.
var shortPrefix = map[Kind]string{
	Publishable: "pk_…", Secret: "sk_…", Restricted: "rk_…", WebhookSecret: "whsec_…",
	WebhookEndpoint: "we_…", ClientID: "ca_…", AccountID: "acct_…",
}

// home is the field a kind belongs in, when it belongs in one.
var home = map[Kind]string{
	Publishable: EnvPublishableKey, Secret: EnvSecretKey, Restricted: EnvSecretKey,
	WebhookSecret: EnvWebhookSecret, ClientID: EnvClientID,
}

// fieldRule is what one field expects, for the shared checking logic.
type fieldRule struct {
	accepts  map[Kind]bool
	expected string // "the secret key starts with sk_test_ or sk_live_"
	// special overrides the generic wrong-kind message for the mistakes
	// people actually make in this field.
	special map[Kind]string
}

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
	accepts:  map[Kind]bool{Secret: true, Restricted: true},
	expected: "the secret key starts with sk_test_ or sk_live_",
	special: map[Kind]string{
		Publishable: "This is a publishable key (pk_…); the secret key starts with sk_test_ or sk_live_. It sits on the same Developers → API keys page, hidden until you click Reveal.",
	},
}

var publishableRule = fieldRule{
	accepts:  map[Kind]bool{Publishable: true},
	expected: "the publishable key starts with pk_test_ or pk_live_",
	special: map[Kind]string{
		Secret:     "This is a secret key (sk_…), which belongs in STRIPE_SECRET_KEY and must never reach a browser or app; the publishable key starts with pk_test_ or pk_live_.",
		Restricted: "This is a restricted key (rk_…), a server-side key for STRIPE_SECRET_KEY; the publishable key starts with pk_test_ or pk_live_.",
	},
}

var webhookRule = fieldRule{
	accepts:  map[Kind]bool{WebhookSecret: true},
	expected: "the signing secret starts with whsec_",
	special: map[Kind]string{
		WebhookEndpoint: "This is the webhook endpoint's ID (we_…), not its signing secret; the signing secret starts with whsec_ — reveal it on the endpoint's page under Developers → Webhooks.",
	},
}

var clientIDRule = fieldRule{
	accepts:  map[Kind]bool{ClientID: true},
	expected: "the Connect client ID starts with ca_ and is shown under Settings → Connect → Onboarding options → OAuth",
	special: map[Kind]string{
		AccountID: "This is an account ID (acct_…), not the Connect client ID; the client ID starts with ca_ and is shown under Settings → Connect → Onboarding options → OAuth.",
	},
}

// mixedModes compares the secret key's mode with the publishable key's when
// both are well-formed API keys, since a test key and a live key can never
// belong together.
func mixedModes(all providers.Values) *providers.ValidationError {
	sk := ParseKey(providers.Normalize(all[EnvSecretKey]))
	pk := ParseKey(providers.Normalize(all[EnvPublishableKey]))
	if (sk.Kind != Secret && sk.Kind != Restricted) || pk.Kind != Publishable || sk.Live == pk.Live {
		return nil
	}
	return providers.Invalidf("The secret key is a %s key but the publishable key is a %s key; both must come from the same mode. Set the Dashboard's test-mode toggle once and copy both keys from that one API keys page.", mode(sk.Live), mode(pk.Live))
}

func validateSecret(v string, all providers.Values) *providers.ValidationError {
	info, err := secretRule.check(v)
	if err != nil {
		return err
	}
	if err := mixedModes(all); err != nil {
		return err
	}
	if info.Kind == Restricted {
		return providers.Warnf("This is a restricted key (rk_…). It works, but only for what its permissions allow, so some checks may report a missing permission. The full secret key starts with sk_%s_.", mode(info.Live))
	}
	return nil
}

func validatePublishable(v string, all providers.Values) *providers.ValidationError {
	if _, err := publishableRule.check(v); err != nil {
		return err
	}
	return mixedModes(all)
}

func validateWebhookSecret(v string, _ providers.Values) *providers.ValidationError {
	_, err := webhookRule.check(v)
	return err
}

// validateClientID holds the cross-field rule: Standard accounts connect
// through OAuth, which needs the client ID; Express and Custom accounts are
// onboarded with Account Links and do not.
func validateClientID(v string, all providers.Values) *providers.ValidationError {
	if v == "" {
		if accountType(all) == "standard" {
			return providers.Invalidf("Standard accounts connect through OAuth, which needs the Connect client ID (ca_…); find it under Settings → Connect → Onboarding options → OAuth.")
		}
		return nil
	}
	_, err := clientIDRule.check(v)
	return err
}

func accountType(all providers.Values) string {
	if t := providers.Normalize(all[EnvConnectAccountType]); t != "" {
		return t
	}
	return defaultAccountType
}

const defaultAccountType = "express"

func stripeFields() []providers.Field {
	return []providers.Field{
		{
			Key: EnvSecretKey, Label: "Secret key", Secret: true, Required: true,
			Help:        "Developers → API keys → Secret key (click Reveal). Starts with sk_test_ or sk_live_.",
			Placeholder: "sk_test_…",
			Validate:    validateSecret,
			Recognize:   func(v string) bool { k := ParseKey(v).Kind; return k == Secret || k == Restricted },
		},
		{
			Key: EnvPublishableKey, Label: "Publishable key", Required: true,
			Help:        "Developers → API keys → Publishable key. Starts with pk_test_ or pk_live_; safe to ship to browsers.",
			Placeholder: "pk_test_…",
			Validate:    validatePublishable,
		},
		{
			Key: EnvWebhookSecret, Label: "Webhook signing secret", Secret: true,
			Help:        "Optional. Developers → Webhooks → your endpoint → Signing secret. Starts with whsec_.",
			Placeholder: "whsec_…",
			Validate:    validateWebhookSecret,
			Recognize:   func(v string) bool { return ParseKey(v).Kind == WebhookSecret },
		},
	}
}

func connectFields() []providers.Field {
	return []providers.Field{
		{
			Key: EnvConnectAccountType, Label: "Connected account type", Required: true,
			Default: defaultAccountType,
			Help:    "How much of onboarding, the dashboard and compliance Stripe handles for the businesses on your platform.",
			Options: []providers.Option{
				{Value: "standard", Label: "Standard", Help: "Your users get a full Stripe account of their own and deal with Stripe directly; you do the least work. Suits platforms whose users already run their business on Stripe."},
				{Value: "express", Label: "Express", Help: "Stripe hosts onboarding and gives each user a light dashboard, while you control payouts and the experience. Suits marketplaces and SaaS platforms that want a quick start."},
				{Value: "custom", Label: "Custom", Help: "Your users never see Stripe: you build onboarding and the dashboard and take on identity checks and support. Suits large platforms that need full control."},
			},
		},
		{
			Key: EnvClientID, Label: "Connect client ID",
			Help:        "Settings → Connect → Onboarding options → OAuth. Starts with ca_. Needed for Standard accounts (OAuth); optional otherwise.",
			Placeholder: "ca_…",
			Validate:    validateClientID,
			CheckEmpty:  true,
		},
		{
			Key: EnvPayoutSchedule, Label: "Payout schedule", Default: "daily",
			Help: "How often connected accounts are paid out to their bank.",
			Options: []providers.Option{
				{Value: "daily", Label: "Daily", Help: "Automatic payouts every business day, after the usual settlement delay. Suits most platforms."},
				{Value: "weekly", Label: "Weekly", Help: "Automatic payouts once a week on a chosen weekday. Suits businesses that reconcile weekly."},
				{Value: "monthly", Label: "Monthly", Help: "Automatic payouts once a month on a chosen day. Suits subscription businesses with monthly books."},
				{Value: "manual", Label: "Manual", Help: "Funds stay in the Stripe balance until your platform requests a payout through the API. Instant payouts are a separate paid option: they cost a fee and need an eligible debit card (or instant-capable bank account) on file."},
			},
		},
	}
}
