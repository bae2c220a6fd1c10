package stripe

import (
	"strings"

	"github.com/onboard-dev/onboard/internal/providers"
	"github.com/onboard-dev/onboard/internal/secret"
)

// The provider ids of Stripe and Stripe Connect.
const (
	ID        providers.ID = "stripe"
	ConnectID providers.ID = "connect"
)

// service is the API both talk to: one --stripe-url, one simulator.
var service = providers.Service{Name: "Stripe", URLFlag: "stripe-url"}

// The specs of Stripe and Stripe Connect (see providers.Spec).
var stripeSpec, connectSpec providers.Spec

func init() {
	stripeSpec = providers.Spec{
		ID:      ID,
		Name:    "Stripe",
		Blurb:   "Payments: API keys for charging cards, checked against your account.",
		Service: service,
		New:     func(c providers.Config) providers.Provider { return New(c) },
		Uses:    func(v providers.Values) bool { return v[EnvSecretKey] != "" },
		TestSettings: func(v providers.Values) []string {
			var out []string
			for _, k := range []string{EnvSecretKey, EnvPublishableKey} {
				if isTest(v[k]) {
					out = append(out, k+"="+secret.Mask(v[k]))
				}
			}
			return out
		},
		Prefixes:  append(keyPrefixes(), "pi_"),
		Readiness: stripeReadiness,
		Tips:      testCardTips,
		// Every use case the question lists takes payments.
		ForBuilding: func(b providers.Building) (bool, providers.Values, bool) {
			return true, nil, b != providers.BuildingOther
		},
	}
	connectSpec = providers.Spec{
		ID:       ConnectID,
		Name:     "Stripe Connect",
		Blurb:    "Marketplaces and platforms: pay out to other businesses (needs Stripe).",
		Requires: []providers.ID{ID},
		Service:  service,
		New:      func(c providers.Config) providers.Provider { return NewConnect(c) },
		Uses: func(v providers.Values) bool {
			for _, k := range []string{EnvFeesPayer, EnvLosses, EnvDashboard, EnvRequirementCollection, EnvConnectAccountType, EnvClientID} {
				if v[k] != "" {
					return true
				}
			}
			return false
		},
		Prefixes:    []string{"ca_"},
		Readiness:   connectReadiness,
		ForBuilding: connectFor,
	}
	secret.RegisterPrefixes(stripeSpec.Prefixes...)
	secret.RegisterPrefixes(connectSpec.Prefixes...)
}

// livePublishable: a live publishable key (pk_live_), read as ParseKey
// reads every key.
func livePublishable(v string) bool {
	k := ParseKey(providers.Normalize(v))
	return k.Kind == Publishable && k.Live
}

func isLive(v string) bool {
	k := ParseKey(v)
	return k.Live && (k.Server() || k.Kind == Publishable)
}

func isTest(v string) bool {
	k := ParseKey(v)
	return !k.Live && (k.Server() || k.Kind == Publishable)
}

// testCardTips are Stripe's test cards, for trying the app's own checkout
// with sandbox keys (docs.stripe.com/testing). None for live keys: these
// numbers are refused in live mode.
func testCardTips(v providers.Values) []string {
	if liveValues(v) {
		return nil
	}
	return []string{
		"Stripe test cards for your own checkout (any future expiry date, any CVC, any postal code):",
		"4242 4242 4242 4242 succeeds",
		"4000 0025 0000 3155 asks for authentication (3D Secure)",
		"4000 0000 0000 9995 is declined (insufficient funds)",
		"More cards and test scenarios: https://docs.stripe.com/testing",
	}
}

// frontEndWarning is the guide's "never expose the secret key in frontend
// code": what onboard covers, and what is left to a person.
const frontEndWarning = " onboard will not write a secret key into a variable a front-end framework ships to the browser (NEXT_PUBLIC_…, VITE_… and the like), and `onboard scan` finds keys committed to the repository; neither sees code that hands the key to a browser some other way."

var stripeReadiness = []providers.ReadinessItem{
	{ID: "stripe-live-keys", Required: true, Judge: judgeLiveKeys,
		Title: "Stripe live keys present and working",
		Why:   "Sandbox keys move no real money; the live secret and publishable keys must belong to the same live account." + frontEndWarning,
		URL:   "https://dashboard.stripe.com/apikeys"},
	{ID: "keys-not-mixed", Required: true, Judge: judgeNotMixed,
		Title: "Test and live Stripe keys not mixed",
		Why:   "A live secret with a sandbox's publishable key (or the reverse) fails at checkout in ways that are hard to trace.",
		URL:   "https://dashboard.stripe.com/apikeys"},
	{ID: "stripe-charges-enabled", Required: true, Judge: fromCheck(CheckCharges),
		Title: "Stripe account can take live payments",
		Why:   "Stripe enables live charges only once the account's business details are in and accepted; until then checkout fails in production.",
		URL:   urlActivate},
	{ID: "stripe-payouts-enabled", Required: true, Judge: fromCheck(CheckPayouts),
		Title: "Stripe account can pay out",
		Why:   "A common go-live mistake: payments work but payouts do not, and money piles up in Stripe until the bank account is verified.",
		URL:   urlPayoutSettings},
	{ID: "stripe-requirements", Required: true, Judge: fromCheck(CheckRequirements),
		Title: "Nothing due on the Stripe account",
		Why:   "Information Stripe still needs, once past its deadline, stops payments or payouts; Stripe names each item.",
		URL:   urlActivate},
	{ID: "webhook-secret", Required: true, Judge: judgeWebhookSecret,
		Title: "Webhook signing secret present when webhooks are used",
		Why:   "Without the whsec_ secret your server cannot tell Stripe's events from forged ones.",
		URL:   urlWebhooks},
	{ID: "restricted-key", Judge: judgeRestricted,
		Title: "Restricted key where a full secret is not needed",
		Why:   "A restricted key (rk_live_) limits the damage if it leaks to the permissions your server really uses; Stripe's own guidance prefers one for server code.",
		URL:   "https://dashboard.stripe.com/apikeys"},
	{ID: "stripe-account-activated", Required: true,
		Title: "Stripe account activated",
		Why:   "Until the business details are submitted and accepted, live charges and payouts are blocked.",
		URL:   urlActivate},
	{ID: "stripe-webhook-endpoint", Required: true,
		Title: "Live webhook endpoint registered",
		Why:   "A sandbox's event destinations receive no live events; payment outcomes arrive only at a destination made in the live account (Workbench → Webhooks).",
		URL:   urlWebhooks},
	{ID: "stripe-key-rotation",
		Title: "A plan for rolling the Stripe keys",
		Why:   "A live secret key is shown only once; knowing who rolls which key, and how the new one reaches every server, turns a leak into a short routine instead of an outage.",
		URL:   "https://dashboard.stripe.com/apikeys"},
	{ID: "stripe-dashboard-access",
		Title: "Who has Stripe dashboard access reviewed",
		Why:   "Dashboard members with the right role can reveal or roll live keys and issue refunds; keep the list short and current.",
		URL:   "https://dashboard.stripe.com/settings/team"},
}

var connectReadiness = []providers.ReadinessItem{
	{ID: "connect-complete", Required: true, Judge: judgeConnectComplete,
		Title: "Stripe Connect settings complete",
		Why:   "A platform needs its Connect choice (who pays fees, covers losses, which dashboard, who collects requirements) written where the app reads it, and Connect on in the live account, before it can onboard businesses.",
		URL:   "https://dashboard.stripe.com/settings/connect"},
	{ID: "connect-platform-status", Required: true, Judge: fromCheck(CheckPlatform),
		Title: "Platform account can take payments and pay out",
		Why:   "Connected accounts' money moves through the platform: a platform account with payments or payouts off, or something past due, holds up every business on it.",
		URL:   urlActivate},
}

func masked(v providers.Values, key string) string { return key + "=" + secret.Mask(v[key]) }

func judgeLiveKeys(in providers.ReadinessInput) providers.Verdict {
	sk, pk := in.Values[EnvSecretKey], in.Values[EnvPublishableKey]
	skInfo := ParseKey(providers.Normalize(sk))
	switch {
	case sk == "":
		return providers.Verdict{Status: providers.Fail, Detail: EnvSecretKey + " is not set.",
			Todo: "Add the live secret key (sk_live_ or rk_live_) from the live account's API keys page (switch to it in the account picker)."}
	case !skInfo.Server() || !skInfo.Live:
		return providers.Verdict{Status: providers.Fail, Detail: "The secret key is not a live key: " + masked(in.Values, EnvSecretKey) + ".",
			Todo: "Switch from the sandbox to your live account in the Dashboard's account picker and copy its secret key (or create a restricted rk_live_ key)."}
	case pk != "" && !livePublishable(pk):
		return providers.Verdict{Status: providers.Fail, Detail: "The publishable key is not a live key: " + masked(in.Values, EnvPublishableKey) + ".",
			Todo: "Copy the live publishable key (pk_live_) of the same account."}
	}
	if v, ok := providers.LiveVerdict(in.Results, "Stripe"); !ok {
		return v
	}
	detail := "Live secret key " + secret.Mask(sk) + " works"
	if pk != "" {
		detail += "; publishable key " + secret.Mask(pk) + " is live"
	}
	return providers.Verdict{Status: providers.Pass, Detail: detail + "."}
}

// fromCheck judges an item by the live check of that name, which only runs
// with live keys: its pass passes, anything else is what to fix, with the
// check's own hint.
func fromCheck(name string) func(providers.ReadinessInput) providers.Verdict {
	return func(in providers.ReadinessInput) providers.Verdict {
		sk := ParseKey(providers.Normalize(in.Values[EnvSecretKey]))
		if !sk.Server() || !sk.Live {
			return providers.Verdict{Status: providers.Skip, Detail: "Read from the account only with live keys (see stripe-live-keys)."}
		}
		for _, r := range in.Results {
			if r.Name != name {
				continue
			}
			switch r.Status {
			case providers.Pass:
				return providers.Verdict{Status: providers.Pass, Detail: capitalize(r.Detail) + "."}
			case providers.Warn, providers.Fail:
				return providers.Verdict{Status: providers.Fail, Detail: capitalize(r.Detail) + ".", Todo: r.Hint}
			default: // skipped, or never finished: not read
				todo := "Run the check again with a key that may read the account."
				if r.Hint != "" {
					todo = r.Hint
				}
				return providers.Verdict{Status: providers.Fail, Detail: "Not checked: " + r.Detail + ".", Todo: todo}
			}
		}
		// No live check ran: stripe-live-keys, which is required, fails
		// and says why; this item would only repeat it.
		return providers.Verdict{Status: providers.Skip, Detail: "Not read: the live checks did not run (see stripe-live-keys)."}
	}
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func judgeNotMixed(in providers.ReadinessInput) providers.Verdict {
	var test, live []string
	for _, k := range []string{EnvSecretKey, EnvPublishableKey} {
		switch v := in.Values[k]; {
		case isTest(v):
			test = append(test, masked(in.Values, k))
		case isLive(v):
			live = append(live, masked(in.Values, k))
		}
	}
	switch {
	case len(test) > 0 && len(live) > 0:
		return providers.Verdict{Status: providers.Fail,
			Detail: "Live keys (" + strings.Join(live, ", ") + ") sit next to test keys (" + strings.Join(test, ", ") + ").",
			Todo:   "Use keys of one mode only: all live for production."}
	case len(test)+len(live) == 0:
		return providers.Verdict{Status: providers.Skip, Detail: "No Stripe key in the file."}
	}
	return providers.Verdict{Status: providers.Pass, Detail: "All Stripe keys are of one mode."}
}

func judgeWebhookSecret(in providers.ReadinessInput) providers.Verdict {
	v, declared := in.Values[EnvWebhookSecret]
	_, endpointConfirmed := in.Confirmed["stripe-webhook-endpoint"]
	used := declared || endpointConfirmed || in.Uses != nil && in.Uses(ConnectID)
	todo := "Copy the signing secret of your live event destination (Workbench → Webhooks → your destination → Signing secret)."
	odd := validateWebhookSecret(providers.Normalize(v), in.Values)
	switch {
	case strings.HasPrefix(v, "whsec_") && odd != nil:
		return providers.Verdict{Status: providers.Warn, Detail: "Webhook signing secret " + secret.Mask(v) + " has an unusual shape.", Todo: odd.Msg}
	case strings.HasPrefix(v, "whsec_"):
		return providers.Verdict{Status: providers.Pass, Detail: "Webhook signing secret " + secret.Mask(v) + " is set."}
	case v != "":
		return providers.Verdict{Status: providers.Fail, Detail: EnvWebhookSecret + " does not start with whsec_: " + secret.Mask(v) + ".", Todo: todo}
	case used:
		return providers.Verdict{Status: providers.Fail, Detail: "Webhooks are used but " + EnvWebhookSecret + " is empty.", Todo: todo}
	}
	return providers.Verdict{Status: providers.Warn, Detail: "No " + EnvWebhookSecret + " in the file.",
		Todo: "If your server receives Stripe events, add the live endpoint's signing secret; if it does not, ignore this."}
}

func judgeRestricted(in providers.ReadinessInput) providers.Verdict {
	sk := in.Values[EnvSecretKey]
	switch info := ParseKey(providers.Normalize(sk)); {
	case info.Kind == Restricted && info.Live:
		return providers.Verdict{Status: providers.Pass, Detail: "The server uses a restricted live key " + secret.Mask(sk) + "."}
	case info.Kind == Secret && info.Live:
		return providers.Verdict{Status: providers.Warn, Detail: "The server uses the full live secret key " + secret.Mask(sk) + ".",
			Todo: "If the server needs only some resources, create a restricted key (rk_live_) with just those permissions and use it instead."}
	case info.Kind == OrgSecret && info.Live:
		return providers.Verdict{Status: providers.Warn, Detail: "The server uses an organization key " + secret.Mask(sk) + ", which can act for every account of the organization.",
			Todo: "Give this app a restricted key (rk_live_) of its own account, with just the permissions it uses."}
	}
	return providers.Verdict{Status: providers.Skip, Detail: "No live secret key to judge."}
}

func judgeConnectComplete(in providers.ReadinessInput) providers.Verdict {
	ctrl, src := connectSettings(in.Values)
	if src == fromDefaults {
		what := "the Connect settings (" + settingNames() + ")"
		if legacyType(in.Values) != "" {
			what = "valid Connect settings (" + EnvConnectAccountType + " is " + providers.Echo(legacyType(in.Values)) + ")"
		}
		return providers.Verdict{Status: providers.Fail, Detail: "Missing: " + what + ".",
			Todo: "Run onboard to choose them: they are what your app creates connected accounts with."}
	}
	if v, ok := providers.LiveVerdict(in.Results, "Stripe Connect"); !ok {
		return v
	}
	detail := "Connected accounts: " + ctrl.Describe()
	if cid := in.Values[EnvClientID]; cid != "" {
		detail += "; OAuth client ID " + secret.Mask(cid)
	}
	return providers.Verdict{Status: providers.Pass, Detail: detail + "; Connect is enabled."}
}

// Spec is Stripe's spec, for the registry.
func Spec() *providers.Spec { return &stripeSpec }

// ConnectSpec is Stripe Connect's spec, for the registry.
func ConnectSpec() *providers.Spec { return &connectSpec }

// connectFor maps a use case to Connect's settings, as Stripe's own guides
// build each (docs.stripe.com/connect/saas/tasks/dashboard: a SaaS
// platform's accounts are the merchants, with the full Dashboard, their own
// fees and Stripe covering losses; docs.stripe.com/connect/marketplace/tasks/create:
// a marketplace pays the fees and covers the losses of accounts on the
// Express Dashboard). A platform that pays freelancers or service providers
// splits payments as a marketplace does. Stripe collects the requirements
// in all three: its hosted onboarding is the safe start.
func connectFor(b providers.Building) (bool, providers.Values, bool) {
	// The three onboard with Account Links or embedded onboarding, which
	// need no OAuth client ID: the empty value answers that question.
	settings := func(c Controller) providers.Values {
		return providers.Values{EnvFeesPayer: c.FeesPayer, EnvLosses: c.Losses, EnvDashboard: c.Dashboard, EnvRequirementCollection: c.Requirements, EnvClientID: ""}
	}
	switch b {
	case providers.BuildingSingle:
		return false, nil, true
	case providers.BuildingSaaS:
		return true, settings(legacyStandard), true
	case providers.BuildingMarketplace, providers.BuildingFreelance:
		return true, settings(legacyExpress), true
	case providers.BuildingOther:
	}
	return false, nil, false
}
