package check

import (
	"context"
	"path/filepath"
	"strings"

	"github.com/onboard-dev/onboard/internal/envfile"
	"github.com/onboard-dev/onboard/internal/providers"
	"github.com/onboard-dev/onboard/internal/readiness"
)

// gitCheck asks git whether the .env is ignored, tracked, or in the history,
// adds the findings as "git" results and returns them for the readiness
// checklist.
func gitCheck(ctx context.Context, envPath string, out *outcome) readiness.GitFacts {
	p, err := envfile.CheckGit(ctx, envPath)
	if err != nil {
		out.add(providers.Result{Provider: groupGit, Name: "protection", Status: providers.Warn,
			Detail: "Git could not be asked about the file: " + err.Error(),
			Hint:   "Make sure the .env is listed in .gitignore and never committed."})
		return readiness.GitFacts{Note: err.Error()}
	}
	facts := readiness.GitFacts{Checked: !p.GitMissing, InRepo: p.InRepo, Ignored: p.Ignored, Tracked: p.Tracked,
		InHistory: p.InHistory, Commits: len(p.Commits), Problems: p.Problems()}
	switch {
	case p.GitMissing:
		facts.Note = "git is not installed."
		out.add(providers.Result{Provider: groupGit, Name: "protection", Status: providers.Warn,
			Detail: "git is not installed, so onboard cannot tell whether the .env is ignored.",
			Hint:   "Install git, or make sure the .env never ends up in version control."})
		return facts
	case !p.InRepo:
		out.add(providers.Result{Provider: groupGit, Name: "protection", Status: providers.Skip,
			Detail: "The .env is not inside a git repository."})
		return facts
	}

	ignored := providers.Result{Provider: groupGit, Name: "ignored", Status: providers.Pass, Detail: "Ignored by git"}
	if p.Rule != "" {
		ignored.Detail += " (rule " + p.Rule + ")"
	}
	if !p.Ignored {
		ignored = providers.Result{Provider: groupGit, Name: "ignored", Status: providers.Fail,
			Detail: "No .gitignore rule covers the .env, so `git add .` would commit your keys.",
			Hint:   "Add the line /" + p.RelPath + " to " + filepath.Join(p.RepoRoot, ".gitignore") + " (running onboard offers this fix)."}
	}
	tracked := providers.Result{Provider: groupGit, Name: "not tracked", Status: providers.Pass, Detail: "Not tracked by git."}
	if p.Tracked {
		tracked = providers.Result{Provider: groupGit, Name: "not tracked", Status: providers.Fail,
			Detail: "The .env is tracked: it is part of the repository, so ignoring it has no effect.",
			Hint:   "Run `git rm --cached` on it, commit, and roll the keys it held in each dashboard."}
	}
	history := providers.Result{Provider: groupGit, Name: "history", Status: providers.Pass, Detail: "Never committed."}
	if p.InHistory {
		n := "the history"
		if len(p.Commits) > 0 {
			n = "commits " + strings.Join(p.Commits, ", ")
			if len(p.Commits) == 1 {
				n = "commit " + p.Commits[0]
			}
		}
		history = providers.Result{Provider: groupGit, Name: "history", Status: providers.Fail,
			Detail: "The .env appears in " + n + "; anyone with a clone can read the keys it held then.",
			Hint:   "Roll those keys in the Plaid and Stripe dashboards; rewriting history alone does not help once it was pushed."}
	}
	out.add(ignored, tracked, history)
	if w := strings.TrimSpace(p.Warning); w != "" {
		out.add(providers.Result{Provider: groupGit, Name: "note", Status: providers.Warn, Detail: w,
			Hint: "See the detail; onboard could not fully check the protection."})
	}
	return facts
}
