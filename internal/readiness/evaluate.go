package readiness

import (
	"context"
	"fmt"
	"strings"

	"github.com/onboard-dev/onboard/internal/envfile"
	"github.com/onboard-dev/onboard/internal/providers"
	"github.com/onboard-dev/onboard/internal/scan"
	"github.com/onboard-dev/onboard/internal/termsafe"
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

// Input is everything the automatic items are judged from.
type Input struct {
	// Specs are the providers the project uses, in order.
	Specs  []*providers.Spec
	Values providers.Values
	// Git is what the protection check found; nil when git could not be
	// asked, with GitNote saying why.
	Git     *envfile.Protection
	GitNote string
	// FixPending names the .gitignore the wizard's accepted fix goes into:
	// the write step applies it first and stops unless git then ignores
	// the .env, so it counts as protection.
	FixPending string
	// History is what the search of the whole repository found (onboard
	// scan); nil when it did not run, with HistoryNote saying why.
	History     *scan.Report
	HistoryNote string
	// Results holds each provider's format and live verification results.
	Results map[providers.ID][]providers.Result
	// Confirmed maps a confirm item's id to the day it was confirmed
	// (YYYY-MM-DD).
	Confirmed map[string]string
}

func (in Input) uses(id providers.ID) bool {
	for _, sp := range in.Specs {
		if sp.ID == id {
			return true
		}
	}
	return false
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

// Evaluate judges every item of the providers used, and those every
// project has, in catalogue order.
func Evaluate(in Input) []Outcome {
	var outs []Outcome
	for _, it := range Catalog(in.Specs) {
		var o Outcome
		if it.Kind == Confirm {
			o = confirmOutcome(it, in.Confirmed)
		} else {
			v := it.judge(in)
			o = Outcome{Status: Status(v.Status), Detail: v.Detail, Todo: v.Todo}
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

func noTestKeys(in Input) providers.Verdict {
	var found []string
	for _, sp := range in.Specs {
		if sp.TestSettings != nil {
			found = append(found, sp.TestSettings(in.Values)...)
		}
	}
	if len(found) > 0 {
		return providers.Verdict{Status: providers.Fail, Detail: "Test settings found: " + strings.Join(found, ", ") + ".",
			Todo: "Replace each with its live counterpart from the provider's dashboard (live keys, production environments)."}
	}
	return providers.Verdict{Status: providers.Pass, Detail: "No test-mode key or sandbox setting in the file."}
}

func envProtected(in Input) providers.Verdict {
	g := in.Git
	switch {
	case g == nil || g.GitMissing:
		return providers.Verdict{Status: providers.Warn, Detail: "Git protection could not be checked: " + gitNote(in),
			Todo: "Install git and run the check again, or make sure the .env is never added to version control."}
	case !g.InRepo:
		return providers.Verdict{Status: providers.Pass, Detail: "The .env is not inside a git repository."}
	case g.Outside != nil && g.Outside.Safe():
		return providers.Verdict{Status: providers.Pass, Detail: "The .env links to " + g.LinkTarget + ", outside the repository."}
	case g.Ignored && !g.Tracked:
		return providers.Verdict{Status: providers.Pass, Detail: "git ignores the file and does not track it."}
	case in.FixPending != "" && !g.Tracked:
		return providers.Verdict{Status: providers.Pass, Detail: "The ignore rule goes into " + in.FixPending + " as the .env is written; the write stops unless git then ignores the file."}
	}
	detail := strings.Join(g.Problems(), " ")
	if detail == "" {
		detail = "The .env is not protected from git."
	}
	todo := "Add the .env to .gitignore (onboard offers this fix)."
	if g.Tracked {
		todo = "Stop tracking it with `git rm --cached <file>`, add it to .gitignore, and rotate every key it held."
	}
	return providers.Verdict{Status: providers.Fail, Detail: detail, Todo: todo}
}

func neverCommitted(in Input) providers.Verdict {
	g := in.Git
	switch {
	case g == nil || g.GitMissing:
		return providers.Verdict{Status: providers.Warn, Detail: "The history could not be searched: " + gitNote(in),
			Todo: "Install git and run the check again."}
	case !g.InRepo:
		return providers.Verdict{Status: providers.Pass, Detail: "Not inside a git repository."}
	case g.InHistory:
		n := "at least one commit"
		if len(g.Commits) > 0 {
			n = providers.Count(len(g.Commits), "commit", "commits")
		}
		return providers.Verdict{Status: providers.Fail, Detail: "The .env appears in " + n + " of the history.",
			Todo: "Treat every key that file ever held as leaked: roll them in the dashboards, then remove the file from the history."}
	}
	return providers.Verdict{Status: providers.Pass, Detail: "The .env never appears in the history."}
}

// noKeyInHistory judges the search of every commit and of the files git
// would commit: any key found fails (each is in every clone), a shallow
// clone only warns that older commits were not searched.
func noKeyInHistory(in Input) providers.Verdict {
	h := in.History
	switch {
	case h == nil && in.Git != nil && !in.Git.GitMissing && !in.Git.InRepo:
		return providers.Verdict{Status: providers.Pass, Detail: "Not inside a git repository."}
	case h == nil:
		note := in.HistoryNote
		if note == "" {
			note = "the search did not run."
		}
		return providers.Verdict{Status: providers.Warn, Detail: "The history could not be searched: " + note,
			Todo: "Run onboard scan and fix what stops it."}
	}
	var committed []scan.Key
	for _, k := range h.Keys() {
		if k.Committed() {
			committed = append(committed, k)
		}
	}
	if len(committed) > 0 {
		var shown []string
		for _, k := range committed[:min(len(committed), 3)] {
			p := k.Places[0]
			what := k.Masked + " (" + k.Kind.Info().Title + ")"
			if k.EnvVar != "" {
				what = k.EnvVar + " " + what
			}
			shown = append(shown, what+" in "+termsafe.Quote(p.Path)) // the repository's name for it
		}
		detail := providers.Count(len(committed), "key is", "keys are") + " in the history: " + strings.Join(shown, "; ")
		if len(committed) > 3 {
			detail += "; …"
		}
		return providers.Verdict{Status: providers.Fail, Detail: detail + ".",
			Todo: "Rotate each key in its dashboard (onboard scan lists every place and the page to rotate it on), then remove it from the code."}
	}
	if h.Shallow {
		return providers.Verdict{Status: providers.Warn, Detail: "No key in this clone, but it is shallow: older commits were not searched.",
			Todo: "Run onboard scan in a full clone (git fetch --unshallow)."}
	}
	return providers.Verdict{Status: providers.Pass, Detail: fmt.Sprintf("No Stripe or Plaid key in %s or in the files git would commit.", providers.Count(h.Stats.Commits, "commit", "commits"))}
}

// History searches the repository holding dir for keys (onboard scan):
// the values of values that are keys, exactly (read from source), and key
// shapes by pattern. It returns the report, or nil and why the search could
// not run.
func History(ctx context.Context, dir, source string, values providers.Values) (*scan.Report, string) {
	rep, err := scan.Run(ctx, scan.Options{Dir: dir, Values: scan.FromValues(values, source)})
	if err != nil {
		return nil, err.Error()
	}
	return rep, ""
}

func gitNote(in Input) string {
	switch {
	case in.GitNote != "":
		return in.GitNote
	case in.Git != nil && in.Git.GitMissing:
		return "git is not installed."
	}
	return "the git check did not run."
}
