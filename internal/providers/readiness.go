package providers

import (
	"strings"

	"github.com/onboard-dev/onboard/internal/secret"
)

// ReadinessItem is one entry of the production-readiness checklist: a
// provider contributes its own (its Spec's Readiness), the readiness
// package adds the ones every project has.
type ReadinessItem struct {
	ID       string // stable, for --confirm and the report: "stripe-live-keys"
	Title    string
	Why      string // one or two sentences: why it matters
	URL      string // where to act (a dashboard page, the guide)
	Required bool   // a failing required item keeps the project "not ready"
	// Judge decides an item from the .env and the live checks; nil for an
	// item only a person can confirm (no API tells it).
	Judge func(in ReadinessInput) Verdict
}

// ReadinessInput is what an automatic item is judged from.
type ReadinessInput struct {
	Values Values
	// Results are the provider's own format and live results.
	Results []Result
	// Confirmed maps a confirmed item's id to the day (YYYY-MM-DD).
	Confirmed map[string]string
	// Uses reports whether the project uses a provider.
	Uses func(ID) bool
}

// Verdict is what an automatic item found.
type Verdict struct {
	Status Status // Pass, Fail, Warn or Skip
	Detail string // what was found; masked identifiers only
	Todo   string // on a failure or warning: what to do
}

// LiveVerdict sums up a provider's results for an item that needs its keys
// to work: a failure found (with the checks' own hints as what to do), or
// no check that passed. ok means neither: the keys work.
func LiveVerdict(rs []Result, who string) (v Verdict, ok bool) {
	var found, todo []string
	passed := false
	for _, r := range rs {
		switch r.Status {
		case Fail:
			found = append(found, strings.TrimSuffix(r.Name+": "+r.Detail, ": "))
			if r.Hint != "" {
				todo = append(todo, r.Hint)
			}
		case Pass:
			passed = true
		case Warn, Skip, Pending, Running:
			// Neither a failure nor proof: a warning or a skipped check
			// confirms nothing on its own, and an unfinished one has not
			// answered yet (Verify turns those into Fail or Skip).
		}
	}
	switch {
	case len(found) > 0:
		if len(todo) == 0 {
			todo = append(todo, "Fix the failed "+who+" checks, then run the check again.")
		}
		return Verdict{Status: Fail, Detail: who + " checks failed: " + strings.Join(found, "; "), Todo: strings.Join(todo, " ")}, false
	case !passed:
		return Verdict{Status: Fail, Detail: "No " + who + " check could confirm the keys work.",
			Todo: "Run the check with network access to the official " + who + " API."}, false
	}
	return Verdict{}, true
}

// ShownSetting is a setting a rule quotes by name: in full only when it is
// one of the known values, masked otherwise (it may be a pasted key).
func ShownSetting(v string, known ...string) string {
	for _, k := range known {
		if v == k {
			return v
		}
	}
	return secret.Mask(v)
}
