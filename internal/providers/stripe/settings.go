package stripe

import (
	"net/url"
	"strings"

	"github.com/onboard-dev/onboard/internal/providers"
)

// Controller is how connected accounts work on a platform, in the four
// properties Stripe itself now describes them by: the account's
// `controller` on the v1 API (`controller[fees][payer]`,
// `controller[losses][payments]`, `controller[stripe_dashboard][type]`,
// `controller[requirement_collection]`; the `type` parameter is deprecated
// for them, says the POST /v1/accounts reference in the OpenAPI spec
// stripe-mock v0.203.0 serves). Accounts v2 (`/v2/core/accounts`) names the
// same choices `dashboard` and `defaults.responsibilities`. The values are
// Stripe's own enum values, so an app can pass them through unchanged.
type Controller struct {
	FeesPayer    string // account | application
	Losses       string // stripe | application
	Dashboard    string // full | express | none
	Requirements string // stripe | application
}

// The legacy account types are exactly these combinations
// (docs.stripe.com/connect/migrate-to-controller-properties). Standard is
// the default: Stripe's guidance treats Stripe-owned losses with the full
// Dashboard as the safe start for a new platform.
var (
	legacyStandard = Controller{FeesPayer: "account", Losses: "stripe", Dashboard: "full", Requirements: "stripe"}
	legacyExpress  = Controller{FeesPayer: "application", Losses: "application", Dashboard: "express", Requirements: "stripe"}
	legacyCustom   = Controller{FeesPayer: "application", Losses: "application", Dashboard: "none", Requirements: "application"}
	defaultConnect = legacyStandard
)

var legacyTypes = map[string]Controller{"standard": legacyStandard, "express": legacyExpress, "custom": legacyCustom}

// Legacy is the old account type these settings amount to ("standard",
// "express", "custom"), or "" for a combination that had no name.
func (c Controller) Legacy() string {
	for name, l := range legacyTypes {
		if c == l {
			return name
		}
	}
	return ""
}

// Describe says the four properties in words.
func (c Controller) Describe() string {
	dash := map[string]string{"full": "the full Stripe Dashboard", "express": "the Express Dashboard", "none": "no Stripe dashboard"}[c.Dashboard]
	fees := map[string]string{"account": "the connected account pays Stripe's fees", "application": "your platform pays Stripe's fees"}[c.FeesPayer]
	losses := map[string]string{"stripe": "Stripe covers losses", "application": "your platform covers losses"}[c.Losses]
	reqs := map[string]string{"stripe": "Stripe collects requirements", "application": "your platform collects requirements"}[c.Requirements]
	return strings.Join([]string{dash, fees, losses, reqs}, ", ")
}

// form is the `controller[...]` part of POST /v1/accounts.
func (c Controller) form() url.Values {
	return url.Values{
		"controller[fees][payer]":            {c.FeesPayer},
		"controller[losses][payments]":       {c.Losses},
		"controller[stripe_dashboard][type]": {c.Dashboard},
		"controller[requirement_collection]": {c.Requirements},
	}
}

// settingsSource says where connectSettings found the answers.
type settingsSource int

const (
	fromDefaults settingsSource = iota
	fromProperties
	fromLegacy
)

// connectSettings reads the Connect choice from the answers: the four
// variables, each falling back to the default; when none is set, onboard's
// earlier STRIPE_CONNECT_ACCOUNT_TYPE read as the combination it named.
func connectSettings(v providers.Values) (Controller, settingsSource) {
	c := Controller{
		FeesPayer:    providers.Normalize(v[EnvFeesPayer]),
		Losses:       providers.Normalize(v[EnvLosses]),
		Dashboard:    providers.Normalize(v[EnvDashboard]),
		Requirements: providers.Normalize(v[EnvRequirementCollection]),
	}
	if c == (Controller{}) {
		if l, ok := legacyTypes[legacyType(v)]; ok {
			return l, fromLegacy
		}
		return defaultConnect, fromDefaults
	}
	d := defaultConnect
	for _, p := range []struct{ got, def *string }{{&c.FeesPayer, &d.FeesPayer}, {&c.Losses, &d.Losses}, {&c.Dashboard, &d.Dashboard}, {&c.Requirements, &d.Requirements}} {
		if *p.got == "" {
			*p.got = *p.def
		}
	}
	return c, fromProperties
}

func legacyType(v providers.Values) string {
	return strings.ToLower(providers.Normalize(v[EnvConnectAccountType]))
}

// legacyLabel is how a message names the old type the settings amount to.
func legacyLabel(c Controller) string {
	if l := c.Legacy(); l != "" {
		return " (" + strings.ToUpper(l[:1]) + l[1:] + " accounts, in Stripe's older names)"
	}
	return " (a combination the older account types had no name for)"
}

// validateRequirements holds the one rule Stripe states for the
// combination: only a platform that covers losses, pays the fees and gives
// its accounts no Stripe dashboard may collect requirements itself (the
// legacy Custom account; docs.stripe.com/connect/migrate-to-controller-properties).
// It is a warning: the live check creates a test account with the chosen
// settings, and Stripe's own answer there is the proof.
func validateRequirements(v string, all providers.Values) *providers.ValidationError {
	if v != "application" {
		return nil
	}
	c, _ := connectSettings(all)
	if c.Dashboard != "none" || c.Losses != "application" || c.FeesPayer != "application" {
		return providers.Warnf("Stripe lets a platform collect requirements itself only for accounts with no Stripe dashboard whose fees and losses are the platform's; with these settings it will probably refuse the test account.")
	}
	return nil
}

func connectSettingFields() []providers.Field {
	return []providers.Field{
		{
			Key: EnvFeesPayer, Label: "Who pays Stripe's fees", Default: defaultConnect.FeesPayer,
			Help: "Stripe charges processing fees on every payment. Either each connected account pays them, or your platform does and sets its own prices.",
			Options: []providers.Option{
				{Value: "account", Label: "The connected account (as Standard accounts did)", Help: "Stripe takes its fees from each business directly; your platform earns through application fees. The least to run."},
				{Value: "application", Label: "Your platform (as Express and Custom accounts did)", Help: "Stripe bills its fees to your platform, and you decide what connected accounts pay you."},
			},
		},
		{
			Key: EnvLosses, Label: "Who covers losses", Default: defaultConnect.Losses,
			Help: "When refunds, disputes or fraud leave a connected account's balance negative and it cannot pay it back, someone covers the loss. Your Connect platform profile asks the same question: the answers must agree.",
			Options: []providers.Option{
				{Value: "stripe", Label: "Stripe (as Standard accounts did)", Help: "Stripe covers what a business cannot pay back and watches accounts for risk itself. The safe start for a new platform."},
				{Value: "application", Label: "Your platform (as Express and Custom accounts did)", Help: "Your platform covers it, so you watch your accounts' risk yourself; Stripe may hold part of your balance in reserve."},
			},
		},
		{
			Key: EnvDashboard, Label: "Connected accounts' dashboard", Default: defaultConnect.Dashboard,
			Help: "Which Stripe dashboard the businesses on your platform get, if any.",
			Options: []providers.Option{
				{Value: "full", Label: "Full Stripe Dashboard (as Standard accounts had)", Help: "Each business runs its Stripe account itself: payments, payouts, disputes and settings."},
				{Value: "express", Label: "Express Dashboard (as Express accounts had)", Help: "A light dashboard Stripe hosts for payouts and basic details; your platform handles the rest."},
				{Value: "none", Label: "None (as Custom accounts had)", Help: "Businesses never see Stripe: your platform builds every screen they need, for example with Connect embedded components."},
			},
		},
		{
			Key: EnvRequirementCollection, Label: "Who collects requirements", Default: defaultConnect.Requirements,
			Help:     "Who asks businesses for the identity and business details Stripe must verify, and asks again when the rules change.",
			Validate: validateRequirements,
			Options: []providers.Option{
				{Value: "stripe", Label: "Stripe (as Standard and Express accounts did)", Help: "Stripe's hosted or embedded onboarding asks for what is due and follows up by itself."},
				{Value: "application", Label: "Your platform (as Custom accounts did)", Help: "Your platform gathers and updates every detail through the API and answers for it. Only with no Stripe dashboard, and fees and losses on your platform."},
			},
		},
	}
}
