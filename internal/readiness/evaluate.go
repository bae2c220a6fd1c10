package readiness

import (
	"fmt"
	"sort"
	"strings"

	"github.com/onboard-dev/onboard/internal/providers"
	"github.com/onboard-dev/onboard/internal/secret"
)

// The variables the automatic checks read. They are the names the providers'
// quickstarts use, shared with the provider packages' Fields.
const (
	PlaidEnv              = "PLAID_ENV"
	PlaidSecret           = "PLAID_SECRET"
	StripeSecretKey       = "STRIPE_SECRET_KEY"
	StripePublishableKey  = "STRIPE_PUBLISHABLE_KEY"
	StripeWebhookSecret   = "STRIPE_WEBHOOK_SECRET"
	StripeClientID        = "STRIPE_CLIENT_ID"
	StripeConnectAcctType = "STRIPE_CONNECT_ACCOUNT_TYPE"
)

// Status of an item in the report. The first four are the check statuses;
// the last two belong to items a person confirms.
type Status string

const (
	Pass         Status = "pass"
	Fail         Status = "fail"
	Warn         Status = "warn"
	Skip         Status = "skip"
	Confirmed    Status = "confirmed"
	NotConfirmed Status = "not confirmed"
)

// Use says which providers the .env configures.
type Use struct{ Plaid, Stripe, Connect bool }

func (u Use) covers(s Scope) bool {
	switch s {
	case Plaid:
		return u.Plaid
	case Stripe:
		return u.Stripe || u.Connect
	case Connect:
		return u.Connect
	}
	return true
}

// GitFacts is what the git protection check found about the .env.
type GitFacts struct {
	// Checked is false when git could not be asked (no git binary, say);
	// Note then says why.
	Checked   bool
	Note      string
	InRepo    bool
	Ignored   bool
	Tracked   bool
	InHistory bool
	Commits   int
	Problems  []string // in words, from the protection check
	// FixPending: the wizard's user accepted the .gitignore fix, which the
	// write step applies first, refusing to write the .env unless git then
	// ignores it. FixFile is the .gitignore it goes to.
	FixPending bool
	FixFile    string
}

// Input is everything the automatic items are judged from.
type Input struct {
	Values providers.Values
	Use    Use
	Git    GitFacts
	// Results holds each provider's format and live verification results,
	// keyed by provider id ("plaid", "stripe", "connect").
	Results map[string][]providers.Result
	// Confirmed maps a confirm item's id to the day it was confirmed
	// (YYYY-MM-DD).
	Confirmed map[string]string
}

// Outcome is one item's verdict.
type Outcome struct {
	Item        Item
	Status      Status
	Detail      string // what was found; masked identifiers only
	Todo        string // on a failure or warning: what to do
	ConfirmedOn string // for confirmed items
}

// Failing reports whether this outcome keeps the project from being ready.
func (o Outcome) Failing() bool {
	return o.Item.Required && (o.Status == Fail || o.Status == NotConfirmed)
}

// Ready reports whether no required item fails.
func Ready(outs []Outcome) bool {
	for _, o := range outs {
		if o.Failing() {
			return false
		}
	}
	return true
}

// Evaluate judges every item that applies to the configuration, in catalogue
// order. Items for providers the .env does not configure are left out.
func Evaluate(in Input) []Outcome {
	var outs []Outcome
	for _, it := range Catalog {
		if !in.Use.covers(it.Scope) {
			continue
		}
		var o Outcome
		if it.Kind == Confirm {
			o = confirmOutcome(it, in.Confirmed)
		} else {
			o = autoRules[it.ID](in)
		}
		o.Item = it
		outs = append(outs, o)
	}
	return outs
}

func confirmOutcome(it Item, confirmed map[string]string) Outcome {
	if day, ok := confirmed[it.ID]; ok {
		return Outcome{Status: Confirmed, ConfirmedOn: day}
	}
	return Outcome{Status: NotConfirmed,
		Todo: fmt.Sprintf("Do it at %s, then confirm with --confirm %s (or tick its box in this report).", it.URL, it.ID)}
}

var autoRules = map[string]func(Input) Outcome{
	"stripe-live-keys": stripeLiveKeys,
	"plaid-production": plaidProduction,
	"no-test-keys":     noTestKeys,
	"keys-not-mixed":   keysNotMixed,
	"env-protected":    envProtected,
	"never-committed":  neverCommitted,
	"webhook-secret":   webhookSecret,
	"restricted-key":   restrictedKey,
	"connect-complete": connectComplete,
}

func masked(in Input, key string) string { return key + "=" + secret.Mask(in.Values[key]) }

func isLive(v string) bool {
	return strings.HasPrefix(v, "sk_live_") || strings.HasPrefix(v, "rk_live_") || strings.HasPrefix(v, "pk_live_")
}

func isTest(v string) bool {
	return strings.HasPrefix(v, "sk_test_") || strings.HasPrefix(v, "rk_test_") || strings.HasPrefix(v, "pk_test_")
}

// verdict sums up one provider's results: the names of failed checks, and
// whether any check passed at all.
func verdict(rs []providers.Result) (failed []string, passed bool) {
	for _, r := range rs {
		switch r.Status {
		case providers.Fail:
			failed = append(failed, r.Name)
		case providers.Pass:
			passed = true
		}
	}
	return failed, passed
}

func liveVerdict(rs []providers.Result, who string) (Outcome, bool) {
	failed, passed := verdict(rs)
	if len(failed) > 0 {
		var found, todo []string
		for _, r := range rs {
			if r.Status != providers.Fail {
				continue
			}
			found = append(found, strings.TrimSuffix(r.Name+": "+r.Detail, ": "))
			if r.Hint != "" {
				todo = append(todo, r.Hint)
			}
		}
		if len(todo) == 0 {
			todo = append(todo, "Fix the failed "+who+" checks, then run the check again.")
		}
		return Outcome{Status: Fail,
			Detail: who + " checks failed: " + strings.Join(found, "; "),
			Todo:   strings.Join(todo, " ")}, false
	}
	if !passed {
		return Outcome{Status: Fail,
			Detail: "No " + who + " check could confirm the keys work.",
			Todo:   "Run the check with network access to the official " + who + " API."}, false
	}
	return Outcome{}, true
}

func stripeLiveKeys(in Input) Outcome {
	sk, pk := in.Values[StripeSecretKey], in.Values[StripePublishableKey]
	switch {
	case sk == "":
		return Outcome{Status: Fail, Detail: StripeSecretKey + " is not set.",
			Todo: "Add the live secret key (sk_live_ or rk_live_) from the dashboard with Test mode off."}
	case !strings.HasPrefix(sk, "sk_live_") && !strings.HasPrefix(sk, "rk_live_"):
		return Outcome{Status: Fail, Detail: "The secret key is not a live key: " + masked(in, StripeSecretKey) + ".",
			Todo: "Turn Test mode off in the dashboard and copy the live secret key (or create a restricted rk_live_ key)."}
	case pk != "" && !strings.HasPrefix(pk, "pk_live_"):
		return Outcome{Status: Fail, Detail: "The publishable key is not a live key: " + masked(in, StripePublishableKey) + ".",
			Todo: "Copy the live publishable key (pk_live_) of the same account."}
	}
	if o, ok := liveVerdict(in.Results["stripe"], "Stripe"); !ok {
		return o
	}
	detail := "Live secret key " + secret.Mask(sk) + " works"
	if pk != "" {
		detail += "; publishable key " + secret.Mask(pk) + " is live"
	}
	return Outcome{Status: Pass, Detail: detail + "."}
}

func plaidProduction(in Input) Outcome {
	env := strings.TrimSpace(in.Values[PlaidEnv])
	if env != "production" {
		shown := shownSetting(env, "sandbox", "development")
		if env == "" {
			shown = "not set"
		}
		return Outcome{Status: Fail, Detail: PlaidEnv + " is " + shown + ".",
			Todo: "Set " + PlaidEnv + "=production and " + PlaidSecret + " to the Production secret from the Plaid dashboard."}
	}
	if o, ok := liveVerdict(in.Results["plaid"], "Plaid"); !ok {
		return o
	}
	return Outcome{Status: Pass, Detail: "Production secret " + secret.Mask(in.Values[PlaidSecret]) + " accepted by Plaid Production."}
}

func sortedKeys(v providers.Values) []string {
	keys := make([]string, 0, len(v))
	for k := range v {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func noTestKeys(in Input) Outcome {
	var found []string
	for _, k := range sortedKeys(in.Values) {
		if isTest(in.Values[k]) {
			found = append(found, masked(in, k))
		}
	}
	if env := strings.TrimSpace(in.Values[PlaidEnv]); in.Use.Plaid && env != "production" && env != "" {
		found = append(found, PlaidEnv+"="+shownSetting(env, "sandbox", "development"))
	}
	if len(found) > 0 {
		return Outcome{Status: Fail, Detail: "Test settings found: " + strings.Join(found, ", ") + ".",
			Todo: "Replace each with its live counterpart from the dashboard (Stripe: Test mode off; Plaid: the Production secret and PLAID_ENV=production)."}
	}
	return Outcome{Status: Pass, Detail: "No test-mode key or sandbox setting in the file."}
}

func keysNotMixed(in Input) Outcome {
	var test, live []string
	for _, k := range sortedKeys(in.Values) {
		switch v := in.Values[k]; {
		case isTest(v):
			test = append(test, masked(in, k))
		case isLive(v):
			live = append(live, masked(in, k))
		}
	}
	switch {
	case len(test) > 0 && len(live) > 0:
		return Outcome{Status: Fail,
			Detail: "Live keys (" + strings.Join(live, ", ") + ") sit next to test keys (" + strings.Join(test, ", ") + ").",
			Todo:   "Use keys of one mode only: all live for production."}
	case len(test)+len(live) == 0:
		return Outcome{Status: Skip, Detail: "No Stripe key in the file."}
	}
	return Outcome{Status: Pass, Detail: "All Stripe keys are of one mode."}
}

func envProtected(in Input) Outcome {
	g := in.Git
	switch {
	case !g.Checked:
		return Outcome{Status: Warn, Detail: "Git protection could not be checked: " + g.Note,
			Todo: "Install git and run the check again, or make sure the .env is never added to version control."}
	case !g.InRepo:
		return Outcome{Status: Pass, Detail: "The .env is not inside a git repository."}
	case g.Ignored && !g.Tracked:
		return Outcome{Status: Pass, Detail: "git ignores the file and does not track it."}
	case g.FixPending && !g.Tracked:
		return Outcome{Status: Pass, Detail: "The ignore rule goes into " + g.FixFile + " as the .env is written; the write stops unless git then ignores the file."}
	}
	detail := strings.Join(g.Problems, " ")
	if detail == "" {
		detail = "The .env is not protected from git."
	}
	todo := "Add the .env to .gitignore (onboard offers this fix)."
	if g.Tracked {
		todo = "Stop tracking it with `git rm --cached <file>`, add it to .gitignore, and rotate every key it held."
	}
	return Outcome{Status: Fail, Detail: detail, Todo: todo}
}

func neverCommitted(in Input) Outcome {
	g := in.Git
	switch {
	case !g.Checked:
		return Outcome{Status: Warn, Detail: "The history could not be searched: " + g.Note,
			Todo: "Install git and run the check again."}
	case !g.InRepo:
		return Outcome{Status: Pass, Detail: "Not inside a git repository."}
	case g.InHistory:
		n := "at least one commit"
		if g.Commits > 0 {
			n = providers.Count(g.Commits, "commit", "commits")
		}
		return Outcome{Status: Fail, Detail: "The .env appears in " + n + " of the history.",
			Todo: "Treat every key that file ever held as leaked: roll them in the dashboards, then remove the file from the history."}
	}
	return Outcome{Status: Pass, Detail: "The .env never appears in the history."}
}

func webhookSecret(in Input) Outcome {
	v, declared := in.Values[StripeWebhookSecret]
	_, endpointConfirmed := in.Confirmed["stripe-webhook-endpoint"]
	used := declared || in.Use.Connect || endpointConfirmed
	switch {
	case strings.HasPrefix(v, "whsec_"):
		return Outcome{Status: Pass, Detail: "Webhook signing secret " + secret.Mask(v) + " is set."}
	case v != "":
		return Outcome{Status: Fail, Detail: StripeWebhookSecret + " does not start with whsec_: " + secret.Mask(v) + ".",
			Todo: "Copy the signing secret of your live endpoint (Developers → Webhooks → your endpoint → Signing secret)."}
	case used:
		return Outcome{Status: Fail, Detail: "Webhooks are used but " + StripeWebhookSecret + " is empty.",
			Todo: "Copy the signing secret of your live endpoint (Developers → Webhooks → your endpoint → Signing secret)."}
	}
	return Outcome{Status: Warn, Detail: "No " + StripeWebhookSecret + " in the file.",
		Todo: "If your server receives Stripe events, add the live endpoint's signing secret; if it does not, ignore this."}
}

func restrictedKey(in Input) Outcome {
	sk := in.Values[StripeSecretKey]
	switch {
	case strings.HasPrefix(sk, "rk_live_"):
		return Outcome{Status: Pass, Detail: "The server uses a restricted live key " + secret.Mask(sk) + "."}
	case strings.HasPrefix(sk, "sk_live_"):
		return Outcome{Status: Warn, Detail: "The server uses the full live secret key " + secret.Mask(sk) + ".",
			Todo: "If the server needs only some resources, create a restricted key (rk_live_) with just those permissions and use it instead."}
	}
	return Outcome{Status: Skip, Detail: "No live secret key to judge."}
}

func connectComplete(in Input) Outcome {
	var missing []string
	acctType := strings.TrimSpace(in.Values[StripeConnectAcctType])
	if acctType == "" {
		missing = append(missing, StripeConnectAcctType)
	}
	cid := in.Values[StripeClientID]
	if acctType == "standard" && cid == "" {
		missing = append(missing, StripeClientID+" (needed for OAuth onboarding of Standard accounts)")
	}
	if len(missing) > 0 {
		return Outcome{Status: Fail, Detail: "Missing: " + strings.Join(missing, ", ") + ".",
			Todo: "Fill them in from Settings → Connect in the dashboard (live mode)."}
	}
	if o, ok := liveVerdict(in.Results["connect"], "Stripe Connect"); !ok {
		return o
	}
	detail := "Account type " + shownSetting(acctType, "standard", "express", "custom")
	if cid != "" {
		detail += ", client ID " + secret.Mask(cid)
	}
	return Outcome{Status: Pass, Detail: detail + "; Connect is enabled."}
}
