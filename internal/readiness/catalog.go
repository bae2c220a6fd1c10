// Package readiness is the production-readiness checklist: what onboard can
// check by itself before a team goes live (keys, git protection, live calls),
// what only a person can confirm (approvals, plans, processes), and the
// Markdown report that records both, including earlier confirmations.
//
// The items come from the providers a project uses (each Spec's Readiness)
// and from this package, for what every project has (the .env's protection,
// no test keys left, a secrets manager).
package readiness

import (
	"github.com/onboard-dev/onboard/internal/providers"
)

// Kind says how an item is settled.
type Kind int

const (
	// Auto items are judged from the .env, the repository and live calls.
	Auto Kind = iota
	// Confirm items can only be confirmed by a person: no API tells them.
	Confirm
)

// Item is one entry of the checklist.
type Item struct {
	providers.ReadinessItem
	Kind Kind
	// Owner is the provider the item belongs to, "" for one every project
	// has.
	Owner providers.ID
	judge func(Input) providers.Verdict
}

// general are the items every project has, whatever its providers.
var general = []Item{
	{Kind: Auto, judge: noTestKeys, ReadinessItem: providers.ReadinessItem{ID: "no-test-keys", Required: true,
		Title: "No test keys left in the production file",
		Why:   "A forgotten test key makes payments or bank links silently fake in production.",
		URL:   "https://docs.stripe.com/keys"}},
	{Kind: Auto, judge: envProtected, ReadinessItem: providers.ReadinessItem{ID: "env-protected", Required: true,
		Title: "The .env is ignored by git and not tracked",
		Why:   "Live keys in a repository reach everyone who can read it, and every clone keeps them.",
		URL:   "https://git-scm.com/docs/gitignore"}},
	{Kind: Auto, judge: neverCommitted, ReadinessItem: providers.ReadinessItem{ID: "never-committed", Required: true,
		Title: "The .env was never committed",
		Why:   "A key that was ever committed stays in the history; treat it as leaked and rotate it.",
		URL:   "https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/removing-sensitive-data-from-a-repository"}},
	{Kind: Auto, judge: noKeyInHistory, ReadinessItem: providers.ReadinessItem{ID: "no-key-in-history", Required: true,
		Title: "No Stripe or Plaid key anywhere in the git history",
		Why:   "A key hard-coded in any file of any commit, deleted since or not, is in every clone; only rotating it makes it harmless.",
		URL:   "https://docs.stripe.com/keys-best-practices"}},
	{Kind: Confirm, ReadinessItem: providers.ReadinessItem{ID: "secrets-manager", Required: true,
		Title: "Keys kept in a secrets manager for deployed environments",
		Why:   "A .env suits one laptop; servers should read keys from a secrets manager that controls and logs access.",
		URL:   "https://cheatsheetseries.owasp.org/cheatsheets/Secrets_Management_Cheat_Sheet.html"}},
}

// Catalog lists the items for these providers in report order: the
// automatic checks first (each provider's, then those every project has),
// then the steps a person confirms, in the same order.
func Catalog(specs []*providers.Spec) []Item {
	var autos, confirms []Item
	add := func(it Item) {
		if it.Kind == Auto {
			autos = append(autos, it)
		} else {
			confirms = append(confirms, it)
		}
	}
	for _, sp := range specs {
		for _, ri := range sp.Readiness {
			it := Item{ReadinessItem: ri, Kind: Confirm, Owner: sp.ID}
			if ri.Judge != nil {
				it.Kind, it.judge = Auto, providerJudge(sp.ID, ri.Judge)
			}
			add(it)
		}
	}
	for _, it := range general {
		add(it)
	}
	return append(autos, confirms...)
}

// providerJudge hands a provider's rule what it may see: the .env, its own
// results, the confirmations and which providers are used.
func providerJudge(id providers.ID, judge func(providers.ReadinessInput) providers.Verdict) func(Input) providers.Verdict {
	return func(in Input) providers.Verdict {
		return judge(providers.ReadinessInput{Values: in.Values, Results: in.Results[id], Confirmed: in.Confirmed, Uses: in.uses})
	}
}

// Lookup returns the item with this id among items.
func Lookup(items []Item, id string) (Item, bool) {
	for _, it := range items {
		if it.ID == id {
			return it, true
		}
	}
	return Item{}, false
}

// ConfirmIDs lists the ids a person can confirm among items, in order.
func ConfirmIDs(items []Item) []string {
	var ids []string
	for _, it := range items {
		if it.Kind == Confirm {
			ids = append(ids, it.ID)
		}
	}
	return ids
}
