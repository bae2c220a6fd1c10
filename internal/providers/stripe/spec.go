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
		Prefixes: []string{
			"sk_test_", "sk_live_", "pk_test_", "pk_live_", "rk_test_", "rk_live_",
			"whsec_", "we_", "acct_",
		},
		Readiness: stripeReadiness,
	}
	connectSpec = providers.Spec{
		ID:        ConnectID,
		Name:      "Stripe Connect",
		Blurb:     "Marketplaces and platforms: pay out to other businesses (needs Stripe).",
		Requires:  []providers.ID{ID},
		Service:   service,
		New:       func(c providers.Config) providers.Provider { return NewConnect(c) },
		Uses:      func(v providers.Values) bool { return v[EnvConnectAccountType] != "" || v[EnvClientID] != "" },
		Prefixes:  []string{"ca_"},
		Readiness: connectReadiness,
	}
	secret.RegisterPrefixes(stripeSpec.Prefixes...)
	secret.RegisterPrefixes(connectSpec.Prefixes...)
}

func isLive(v string) bool {
	k := ParseKey(v)
	return k.Live && (k.Kind == Secret || k.Kind == Restricted || k.Kind == Publishable)
}

func isTest(v string) bool {
	k := ParseKey(v)
	return !k.Live && (k.Kind == Secret || k.Kind == Restricted || k.Kind == Publishable)
}

var stripeReadiness = []providers.ReadinessItem{
	{ID: "stripe-live-keys", Required: true, Judge: judgeLiveKeys,
		Title: "Stripe live keys present and working",
		Why:   "Test-mode keys move no real money; the live secret and publishable keys must belong to the same account.",
		URL:   "https://dashboard.stripe.com/apikeys"},
	{ID: "keys-not-mixed", Required: true, Judge: judgeNotMixed,
		Title: "Test and live Stripe keys not mixed",
		Why:   "A live secret with a test publishable key (or the reverse) fails at checkout in ways that are hard to trace.",
		URL:   "https://dashboard.stripe.com/apikeys"},
	{ID: "webhook-secret", Required: true, Judge: judgeWebhookSecret,
		Title: "Webhook signing secret present when webhooks are used",
		Why:   "Without the whsec_ secret your server cannot tell Stripe's events from forged ones.",
		URL:   "https://dashboard.stripe.com/webhooks"},
	{ID: "restricted-key", Judge: judgeRestricted,
		Title: "Restricted key where a full secret is not needed",
		Why:   "A restricted key (rk_live_) limits the damage if it leaks to the permissions your server really uses.",
		URL:   "https://dashboard.stripe.com/apikeys"},
	{ID: "stripe-account-activated", Required: true,
		Title: "Stripe account activated",
		Why:   "Until the business details are submitted and accepted, live charges and payouts are blocked.",
		URL:   "https://dashboard.stripe.com/account/onboarding"},
	{ID: "stripe-webhook-endpoint", Required: true,
		Title: "Live webhook endpoint registered",
		Why:   "Test-mode endpoints receive no live events; payment outcomes arrive only at an endpoint registered in live mode.",
		URL:   "https://dashboard.stripe.com/webhooks"},
	{ID: "stripe-key-rotation",
		Title: "A plan for rolling the Stripe keys",
		Why:   "Knowing who rolls which key, and how the new one reaches every server, turns a leak into a short routine instead of an outage.",
		URL:   "https://dashboard.stripe.com/apikeys"},
	{ID: "stripe-dashboard-access",
		Title: "Who has Stripe dashboard access reviewed",
		Why:   "Dashboard members with the right role can reveal or roll live keys and issue refunds; keep the list short and current.",
		URL:   "https://dashboard.stripe.com/settings/team"},
}

var connectReadiness = []providers.ReadinessItem{
	{ID: "connect-complete", Required: true, Judge: judgeConnectComplete,
		Title: "Stripe Connect settings complete",
		Why:   "A platform needs its account type and, for OAuth onboarding, its live client ID before it can onboard sellers.",
		URL:   "https://dashboard.stripe.com/settings/connect"},
}

func masked(v providers.Values, key string) string { return key + "=" + secret.Mask(v[key]) }

func judgeLiveKeys(in providers.ReadinessInput) providers.Verdict {
	sk, pk := in.Values[EnvSecretKey], in.Values[EnvPublishableKey]
	switch {
	case sk == "":
		return providers.Verdict{Status: providers.Fail, Detail: EnvSecretKey + " is not set.",
			Todo: "Add the live secret key (sk_live_ or rk_live_) from the dashboard with Test mode off."}
	case !strings.HasPrefix(sk, "sk_live_") && !strings.HasPrefix(sk, "rk_live_"):
		return providers.Verdict{Status: providers.Fail, Detail: "The secret key is not a live key: " + masked(in.Values, EnvSecretKey) + ".",
			Todo: "Turn Test mode off in the dashboard and copy the live secret key (or create a restricted rk_live_ key)."}
	case pk != "" && !strings.HasPrefix(pk, "pk_live_"):
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
	todo := "Copy the signing secret of your live endpoint (Developers → Webhooks → your endpoint → Signing secret)."
	switch {
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
	switch {
	case strings.HasPrefix(sk, "rk_live_"):
		return providers.Verdict{Status: providers.Pass, Detail: "The server uses a restricted live key " + secret.Mask(sk) + "."}
	case strings.HasPrefix(sk, "sk_live_"):
		return providers.Verdict{Status: providers.Warn, Detail: "The server uses the full live secret key " + secret.Mask(sk) + ".",
			Todo: "If the server needs only some resources, create a restricted key (rk_live_) with just those permissions and use it instead."}
	}
	return providers.Verdict{Status: providers.Skip, Detail: "No live secret key to judge."}
}

func judgeConnectComplete(in providers.ReadinessInput) providers.Verdict {
	var missing []string
	acctType := strings.TrimSpace(in.Values[EnvConnectAccountType])
	if acctType == "" {
		missing = append(missing, EnvConnectAccountType)
	}
	cid := in.Values[EnvClientID]
	if acctType == "standard" && cid == "" {
		missing = append(missing, EnvClientID+" (needed for OAuth onboarding of Standard accounts)")
	}
	if len(missing) > 0 {
		return providers.Verdict{Status: providers.Fail, Detail: "Missing: " + strings.Join(missing, ", ") + ".",
			Todo: "Fill them in from Settings → Connect in the dashboard (live mode)."}
	}
	if v, ok := providers.LiveVerdict(in.Results, "Stripe Connect"); !ok {
		return v
	}
	detail := "Account type " + providers.ShownSetting(acctType, "standard", "express", "custom")
	if cid != "" {
		detail += ", client ID " + secret.Mask(cid)
	}
	return providers.Verdict{Status: providers.Pass, Detail: detail + "; Connect is enabled."}
}

// Spec is Stripe's spec, for the registry.
func Spec() *providers.Spec { return &stripeSpec }

// ConnectSpec is Stripe Connect's spec, for the registry.
func ConnectSpec() *providers.Spec { return &connectSpec }
