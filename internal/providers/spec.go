package providers

import (
	"context"

	"github.com/onboard-dev/onboard/internal/providers/apihttp"
)

// ID names a provider ("plaid", "stripe", "connect"), and also the groups
// of results onboard produces itself (Env, Git, Readiness). It is the
// `provider` value of `onboard check --json`.
type ID string

// The result groups that are not providers.
const (
	Env       ID = "env"       // the .env file itself
	Git       ID = "git"       // its protection from git
	Readiness ID = "readiness" // the production-readiness checklist
)

// Mode says what the keys are for. The wizard always runs in one of the
// two; `onboard check` without --production runs in neither (AnyMode),
// since a CI job may check a development .env or a live one.
type Mode string

const (
	AnyMode     Mode = ""
	Development Mode = "development"
	// Production: live keys are the default, and a test key is flagged
	// as soon as it is typed.
	Production Mode = "production"
)

// Config points a provider at its service.
type Config struct {
	// Mode shapes the fields' defaults and warnings and the checklist:
	// in Production a test or sandbox key is flagged, in Development a
	// live one.
	Mode Mode
	// BaseURL replaces the service's official API URL (a simulator, a
	// proxy, stripe-mock). A provider never sends a live credential
	// anywhere but its official host.
	BaseURL string
	// HTTP is the client to use; nil means apihttp.New().
	HTTP *apihttp.Client
}

// Spec is what the rest of onboard knows of a provider besides its checks:
// who it is, what it needs, how a .env shows it is used, what it adds to
// the production checklist. Each provider package has one; the registry
// lists them, and nothing outside the provider's package spells its name.
type Spec struct {
	ID   ID
	Name string // for people: "Stripe Connect"
	// Blurb is one line on the choose-services screen.
	Blurb string
	// Requires lists the providers whose keys this one's checks use
	// (Connect calls Stripe with the Stripe secret key): choosing it
	// chooses them, and their format failures block its checks.
	Requires []ID
	// Service names the API the provider talks to; providers of one
	// service share its URL flag (--stripe-url) and its simulator.
	Service Service
	// New builds the provider.
	New func(Config) Provider
	// Uses reports whether a .env configures the provider (onboard check
	// verifies only those).
	Uses func(v Values) bool
	// TestSettings names, as "KEY=shown", the values of v that only work
	// for testing (sandbox keys), for the readiness item "no test keys
	// left".
	TestSettings func(v Values) []string
	// Prefixes are the public heads of its credentials ("sk_test_"),
	// shown by secret.Mask so a person can tell one key from another.
	Prefixes []string
	// Readiness are the provider's items of the production checklist.
	Readiness []ReadinessItem
	// Tips are lines the end of the wizard shows in development mode, for
	// these answers (Stripe's test cards, say); nil means none.
	Tips func(v Values) []string
	// ForBuilding says what the answer to "What are you building?" means
	// for this provider: whether the project needs it, and the settings
	// that fit, by variable. decided=false (or a nil func) leaves the
	// person's choice as it is: bank data has nothing to do with it.
	ForBuilding func(b Building) (use bool, settings Values, decided bool)
}

// Building is what the project is, as the wizard's first question asks it
// (the payment guides' table from use case to setup). The values are what
// onboard.json records.
type Building string

const (
	BuildingSingle      Building = "single"      // one business selling its own things
	BuildingSaaS        Building = "saas"        // software businesses take their own payments with
	BuildingMarketplace Building = "marketplace" // buyers pay the platform, which pays sellers
	BuildingFreelance   Building = "freelance"   // clients pay, the platform splits it with providers
	BuildingOther       Building = "other"       // none of these, or the person chooses each setting
)

// Buildings are the answers, in the order the question lists them.
var Buildings = []Building{BuildingSingle, BuildingSaaS, BuildingMarketplace, BuildingFreelance, BuildingOther}

// Service is an API several providers may share.
type Service struct {
	Name    string // "Stripe"
	URLFlag string // "stripe-url"
}

// Provider is what the wizard and `onboard check` need from a provider.
// Implementations hold their base URL and HTTP client.
type Provider interface {
	// Spec says who the provider is; the same value for every instance.
	Spec() *Spec
	// Checklist is the signup walk-through for the given answers (some
	// items depend on the environment or mode chosen).
	Checklist(v Values) []ChecklistItem
	// Fields lists the variables to ask for, in order.
	Fields() []Field
	// Checks names the checks Verify will report for these values, in
	// order, so a screen can list them as pending before they start.
	Checks(v Values) []string
	// Verify runs the live checks. It reports each result as it changes and
	// returns the final list in the order of Checks. It honours ctx.
	// Callers go through the package function Verify, which adds the
	// budget and the redaction every caller needs.
	Verify(ctx context.Context, v Values, report Report) []Result
}

// IDs lists the ids of ps, in order.
func IDs(ps []Provider) []ID {
	out := make([]ID, len(ps))
	for i, p := range ps {
		out[i] = p.Spec().ID
	}
	return out
}
