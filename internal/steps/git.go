package steps

import (
	"context"
	"strings"

	"github.com/onboard-dev/onboard/internal/providers"
)

// gitSteps protect the secrets before any key is asked for: check, and offer
// the fix (applying it is the default). The fix itself is applied by the
// write step, just before the .env, so quitting anywhere before the write
// leaves the disk exactly as it was; see applyGitFix.
func (b builder) gitSteps() []Step {
	check := &TaskStep{
		base:  base{id: "git-check", title: "Protect your secrets"},
		Intro: "Before any key is typed: is the .env kept out of git?",
		JobFn: func(s *Session) *Job {
			path := s.EnvPath
			var state *GitState
			return &Job{
				Checks: []string{"git repository", ".env ignored", "never committed"},
				Run: func(ctx context.Context, report providers.Report) []providers.Result {
					if b.o.Setup != nil {
						if err := b.o.Setup(ctx); err != nil {
							return []providers.Result{{Provider: "git", Name: "git repository", Status: providers.Fail, Detail: err.Error(), Hint: "Check that git works here (git status), then retry."}}
						}
					}
					var err error
					state, err = b.o.Store.CheckGit(ctx, path)
					if err != nil {
						return []providers.Result{{Provider: "git", Name: "git repository", Status: providers.Fail, Detail: err.Error(), Hint: "Check that git works here (git status), then retry."}}
					}
					if state.InRepo && !state.Safe && !state.Ignored {
						state.FixFile, state.FixLines, err = b.o.Store.PlanGitignoreFix(ctx, path)
						if err != nil {
							state.FixFile, state.FixLines = "", nil
						}
					}
					return gitResults(state)
				},
				Finish: func(s *Session, _ []providers.Result) {
					s.Git = state
					if state != nil && state.Warning != "" {
						s.Notes = appendOnce(s.Notes, state.Warning)
					}
				},
			}
		},
	}
	offer := &ChoiceStep{
		base: base{id: "git-fix-choice", title: "Keep the .env out of git", skip: func(s *Session) bool {
			return s.Git == nil || s.Git.FixFile == "" || len(s.Git.FixLines) == 0
		}},
		OptionsFn: func(s *Session) []providers.Option {
			return []providers.Option{
				{Value: "fix", Label: "Add the rule to " + s.Git.FixFile + " (recommended)", Help: "Appends:\n" + strings.Join(s.Git.FixLines, "\n")},
				{Value: "leave", Label: "Leave git as it is", Help: "The .env could then be committed by a plain git add; you will be reminded at the end."},
			}
		},
		// The safe answer is the default, every time.
		SelectedFn: func(*Session) []string { return []string{"fix"} },
		ApplyFn: func(s *Session, values []string) error {
			s.ApplyGitFix = len(values) == 1 && values[0] == "fix"
			if !s.ApplyGitFix {
				s.Notes = appendOnce(s.Notes, "The .env is not ignored by git: add it to .gitignore before your next commit.")
			}
			return nil
		},
	}
	offer.Intro = "The .env is not ignored by git, so a `git add .` would commit your keys. The rule is added just before the .env is written, and git is asked again then; until that step nothing on disk changes."
	return []Step{check, offer}
}

// applyGitFix adds the planned ignore rule and asks git again. It runs in
// the write job, before the .env is written: a secret never lands in a file
// git would commit, and a rule that still does not take effect (a deeper
// negation, say) stops the write with the rule named.
func applyGitFix(ctx context.Context, st Store, path string) (*GitState, providers.Result) {
	r := providers.Result{Provider: "git", Name: "keep .env out of git"}
	state, err := st.FixGitignore(ctx, path)
	switch {
	case err != nil:
		r.Status, r.Detail, r.Hint = providers.Fail, err.Error(), "Fix the rule named above (or add the .env to .gitignore yourself), then retry. Nothing was written."
	case !state.Ignored:
		r.Status, r.Detail, r.Hint = providers.Fail, "git still does not ignore the file", strings.Join(state.Problems, " ")+" Nothing was written."
	default:
		r.Status, r.Detail = providers.Pass, "git check-ignore agrees"
		if state.Rule != "" {
			r.Detail = "rule " + state.Rule
		}
	}
	return state, r
}

func gitResults(g *GitState) []providers.Result {
	repo := providers.Result{Provider: "git", Name: "git repository", Status: providers.Pass, Detail: g.RepoRoot}
	ignored := providers.Result{Provider: "git", Name: ".env ignored", Status: providers.Pass, Detail: g.Rule}
	history := providers.Result{Provider: "git", Name: "never committed", Status: providers.Pass}
	switch {
	case g.GitMissing:
		repo.Status, repo.Detail, repo.Hint = providers.Warn, "git is not installed", "Nothing to protect against here, but install git before you version this project."
		ignored.Status, history.Status = providers.Skip, providers.Skip
		return []providers.Result{repo, ignored, history}
	case !g.InRepo:
		repo.Status, repo.Detail, repo.Hint = providers.Warn, "not a git repository", "If you create one later, add .env to .gitignore first."
		ignored.Status, history.Status = providers.Skip, providers.Skip
		return []providers.Result{repo, ignored, history}
	}
	if !g.Ignored {
		ignored.Status, ignored.Detail, ignored.Hint = providers.Warn, "not ignored", "The next screen offers the fix."
	}
	if g.Tracked || g.InHistory {
		history.Status = providers.Warn
		history.Detail = "the file is tracked or was committed before"
		history.Hint = strings.Join(g.Problems, " ")
		if history.Hint == "" {
			history.Hint = "Run git rm --cached on it and rotate any key that was committed."
		}
	}
	return []providers.Result{repo, ignored, history}
}

func appendOnce(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}
