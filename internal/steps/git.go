package steps

import (
	"context"
	"strings"

	"github.com/onboard-dev/onboard/internal/providers"
)

// gitSteps protect the secrets before any key is asked for: check, offer the
// fix (applying it is the default), apply it.
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
	offer.Intro = "The .env is not ignored by git, so a `git add .` would commit your keys."
	fix := &TaskStep{
		base:  base{id: "git-fix", title: "Add the ignore rule", skip: func(s *Session) bool { return !s.ApplyGitFix || s.Git == nil }},
		Intro: "Adding the rule, then checking with git itself that the .env is ignored.",
		JobFn: func(s *Session) *Job {
			path := s.EnvPath
			var state *GitState
			return &Job{
				Checks: []string{".env ignored"},
				Run: func(ctx context.Context, _ providers.Report) []providers.Result {
					var err error
					state, err = b.o.Store.FixGitignore(ctx, path)
					if err != nil {
						return []providers.Result{{Provider: "git", Name: ".env ignored", Status: providers.Fail, Detail: err.Error(), Hint: "Add the line to .gitignore yourself, or skip and do it before committing."}}
					}
					if !state.Ignored {
						return []providers.Result{{Provider: "git", Name: ".env ignored", Status: providers.Fail, Detail: "git still does not ignore the file", Hint: strings.Join(state.Problems, " ")}}
					}
					detail := "git check-ignore agrees"
					if state.Rule != "" {
						detail = "rule " + state.Rule
					}
					return []providers.Result{{Provider: "git", Name: ".env ignored", Status: providers.Pass, Detail: detail}}
				},
				Finish: func(s *Session, results []providers.Result) {
					if state != nil {
						s.Git = state
					}
				},
			}
		},
	}
	return []Step{check, offer, fix}
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
