package steps

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/onboard-dev/onboard/internal/envfile"
	"github.com/onboard-dev/onboard/internal/providers"
)

// GitReport is what the protection check found, worded once for the wizard
// and for `onboard check` alike: the repository, where the keys would go,
// whether git ignores the file, tracks it, or ever committed it.
type GitReport struct {
	State    *GitState
	StateErr error // git could not be asked
	// Target is the file the keys go into (envfile.Inspect); nil, with
	// TargetErr nil too, leaves the location out (check judges the file's
	// permissions itself).
	Target    *envfile.Target
	TargetErr error
	// Headless words it for `onboard check`: what leaves the keys
	// committable fails (there is no next screen to fix it on), and the
	// hints say how to fix it by hand or with the wizard.
	Headless bool
}

// GitResults words the wizard's report of g and target.
func GitResults(g *GitState, target *envfile.Target, targetErr error) []providers.Result {
	return GitReport{State: g, Target: target, TargetErr: targetErr}.Results()
}

func gitResult(name string, st providers.Status, detail, hint string) providers.Result {
	return providers.Result{Provider: providers.Git, Name: name, Status: st, Detail: detail, Hint: hint}
}

// Results are the report's checks, in order.
func (r GitReport) Results() []providers.Result {
	if r.StateErr != nil {
		if r.Headless {
			return []providers.Result{gitResult(CheckRepository, providers.Warn, "Git could not be asked about the file: "+r.StateErr.Error(),
				"Make sure the .env is listed in .gitignore and never committed.")}
		}
		return []providers.Result{gitResult(CheckRepository, providers.Fail, r.StateErr.Error(), "Check that git works here (git status), then retry.")}
	}
	g := r.State
	out := []providers.Result{r.repository()}
	if r.Target != nil || r.TargetErr != nil {
		out = append(out, locationResult(r.Target, r.TargetErr))
	}
	switch {
	case g.GitMissing || !g.InRepo:
		return out
	case g.Outside != nil:
		out = append(out, gitResult(CheckIgnored, providers.Pass, "the .env links to "+g.LinkTarget+", outside this repository", ""), outsideResult(g))
	default:
		out = append(out, r.ignored(), r.tracked(), r.history())
	}
	if r.Headless && strings.TrimSpace(g.Warning) != "" {
		out = append(out, gitResult("note", providers.Warn, g.Warning, "See the detail; onboard could not fully check the protection."))
	}
	return out
}

func (r GitReport) repository() providers.Result {
	g := r.State
	switch {
	case g.GitMissing:
		return gitResult(CheckRepository, providers.Warn, "git is not installed", "Nothing to protect against here, but install git before you version this project.")
	case !g.InRepo && r.Headless:
		return gitResult(CheckRepository, providers.Skip, "The .env is not inside a git repository.", "")
	case !g.InRepo:
		return gitResult(CheckRepository, providers.Warn, "not a git repository", "If you create one later, add .env to .gitignore first.")
	}
	return gitResult(CheckRepository, providers.Pass, g.RepoRoot, "")
}

// exposing is the status of a finding that leaves the keys committable:
// a warning in the wizard, whose next screens fix it, a failure headless.
func (r GitReport) exposing() providers.Status {
	if r.Headless {
		return providers.Fail
	}
	return providers.Warn
}

func (r GitReport) ignored() providers.Result {
	g := r.State
	out := gitResult(CheckIgnored, providers.Pass, g.Rule, "")
	exposed := !g.Ignored || g.RuleLocal
	fixHint := "The next screen offers the fix."
	if r.Headless {
		fixHint = "Run onboard to add it, or add the line /" + g.RelPath + " to " + filepath.Join(g.RepoRoot, ".gitignore") + " yourself."
	}
	switch {
	case g.FixErr != nil && exposed:
		out.Status, out.Detail = providers.Fail, "not ignored, and the fix cannot be made: "+g.FixErr.Error()
		out.Hint = "Do what it says, then retry; or skip (s), and add the rule yourself before your next commit."
		if r.Headless {
			out.Hint = "Do what it says, then run the check again."
		}
	case g.FixErr != nil:
		out.Status, out.Detail = providers.Warn, "ignored ("+g.Rule+"), but the backup onboard writes beside it would not be, and the fix cannot be made: "+g.FixErr.Error()
		out.Hint = "No backup of the .env will be kept."
	case exposed && g.Tracked && !r.Headless:
		out.Status, out.Detail, out.Hint = providers.Warn, "not ignored", "The next screens offer to stop tracking it and add the rule."
	case exposed && !r.Headless:
		out.Status, out.Detail, out.Hint = providers.Warn, "not ignored", fixHint
	case exposed:
		out.Status, out.Detail, out.Hint = providers.Fail, "No .gitignore rule covers the .env, so `git add .` would commit your keys.", fixHint
	case g.Fix != nil && r.Headless:
		out.Status, out.Detail = providers.Warn, "ignored ("+g.Rule+"), but the backup onboard writes beside it would not be"
		out.Hint = "Add " + strings.Join(g.Fix.Lines, ", ") + " to " + g.Fix.File + " (onboard offers this)."
	case g.Fix != nil:
		out.Status, out.Detail = providers.Warn, "ignored ("+g.Rule+"), but the backup onboard writes beside it would not be"
		out.Hint = "The next screen offers the lines that ignore it."
	}
	return out
}

func (r GitReport) tracked() providers.Result {
	g := r.State
	out := gitResult(CheckTracked, providers.Pass, "", "")
	if g.Tracked {
		out.Status, out.Detail = r.exposing(), "git tracks the file: the next commit would publish what is written into it"
		out.Hint = "The next screen offers to stop tracking it (git rm --cached); onboard writes no key into a tracked file unless you say so."
		if r.Headless {
			out.Hint = "Run `" + envfile.UntrackCommand(g.RelPath) + "`, commit, and roll the keys it held in each dashboard."
		}
	}
	return out
}

func (r GitReport) history() providers.Result {
	g := r.State
	out := gitResult(CheckHistory, providers.Pass, "", "")
	if g.InHistory {
		out.Status, out.Detail = r.exposing(), "the file was committed before"
		for _, p := range g.Problems() {
			if strings.Contains(p, "was committed before") {
				out.Hint = p
			}
		}
	}
	return out
}

func locationResult(t *envfile.Target, err error) providers.Result {
	r := providers.Result{Provider: providers.Git, Name: CheckLocation, Status: providers.Pass}
	switch {
	case err != nil:
		r.Status, r.Detail, r.Hint = providers.Fail, err.Error(), "Fix the file or folder named above, or choose another file with --env-file, then retry."
		return r
	case t == nil:
		r.Status = providers.Skip
		return r
	case t.NeedsConsent():
		var texts []string
		for _, c := range t.Concerns {
			texts = append(texts, c.Text)
		}
		r.Status, r.Detail, r.Hint = providers.Warn, strings.Join(texts, "; "), "The next screen asks whether to write there; the answer is no unless you say yes."
		return r
	case !t.Exists:
		r.Detail = "new file, created with mode 0600"
	case t.Tightens():
		r.Status, r.Detail, r.Hint = providers.Warn, fmt.Sprintf("others can read it (mode %04o)", t.Mode), "onboard makes it private (mode 0600) when it writes the keys."
	default:
		r.Detail = "a private file (mode 0600)"
	}
	if t.Link {
		r.Detail = "a symlink to " + t.Real + "; " + r.Detail
	}
	return r
}

func outsideResult(g *GitState) providers.Result {
	r := providers.Result{Provider: providers.Git, Name: CheckTracked, Status: providers.Pass, Detail: "the keys go outside this repository"}
	if !g.Outside.Safe() {
		r.Status, r.Detail = providers.Warn, strings.Join(g.Outside.Problems(), " ")
		if g.FixErr != nil {
			r.Hint = g.FixErr.Error()
		}
	}
	return r
}
