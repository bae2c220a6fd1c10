package steps

import (
	"context"
	"errors"
	"path/filepath"
	"strings"

	"github.com/onboard-dev/onboard/internal/envfile"
	"github.com/onboard-dev/onboard/internal/providers"
	"github.com/onboard-dev/onboard/internal/scan"
)

// Names of the git protection checks.
const (
	CheckRepository = "git repository"
	CheckLocation   = ".env location"
	CheckIgnored    = ".env ignored"
	CheckTracked    = "not tracked"
	CheckHistory    = "never committed"
)

// gitSteps protect the secrets before any key is asked for: check where
// they would go and what git would do with them, offer the fix (applying it
// is the default), and ask for consent where the file itself is a risk
// (refusing is the default). The fix itself is applied by the write step,
// just before the .env, so quitting anywhere before the write leaves the
// disk exactly as it was; see protect.
func (b builder) gitSteps() []Step {
	return []Step{b.gitCheck(), gitOffer(), consentStep()}
}

// gitCheck asks git about the .env's protection and searches the history
// for the keys in play (Setup runs first: the demo's git init).
func (b builder) gitCheck() *TaskStep {
	return &TaskStep{
		base:  base{id: StepGitCheck, title: "Protect your secrets"},
		Intro: "Before any key is typed: is the .env kept out of git, and is it a private file of yours?",
		JobFn: func(s *Session) *Job {
			path, values := s.EnvPath, s.Snapshot()
			return &Job{
				Checks: []string{CheckRepository, CheckLocation, CheckIgnored, CheckTracked, CheckHistory, CheckLeaks},
				Run: func(ctx context.Context, report providers.Report) Outcome {
					return b.checkGit(ctx, path, values)
				},
			}
		},
	}
}

// checkGit is the git check's job: what git says of the file, what the
// file is, and what the history holds.
func (b builder) checkGit(ctx context.Context, path string, values providers.Values) Outcome {
	if b.o.Setup != nil {
		if err := b.o.Setup(ctx); err != nil {
			return Results([]providers.Result{{Provider: providers.Git, Name: CheckRepository, Status: providers.Fail, Detail: err.Error(), Hint: "Check that git works here (git status), then retry."}})
		}
	}
	state, err := b.o.Store.CheckGit(ctx, path)
	if err != nil {
		return Results(GitReport{StateErr: err}.Results())
	}
	root := ""
	if state.InRepo {
		root = state.RepoRoot
	}
	target, err := b.o.Store.Inspect(path, root)
	results := GitResults(state, target, err)
	var leaks []scan.Key
	if root != "" && !state.GitMissing {
		var r providers.Result
		r, leaks = scanHistory(ctx, b.o.Store, root, path, values)
		results = append(results, r)
	}
	return Outcome{
		Results: results,
		Apply: func(s *Session) {
			s.Git, s.Target, s.Consented, s.Leaks = state, target, false, leaks
			if state.Warning != "" {
				s.Notes = appendOnce(s.Notes, state.Warning)
			}
		},
	}
}

// gitOffer offers the protection the check planned; the safe answer is
// the default, every time.
func gitOffer() *ChoiceStep {
	return &ChoiceStep{
		base: base{id: StepGitFix, title: "Keep the .env out of git", skip: func(s *Session) bool {
			return s.Git == nil || (s.Git.Fix == nil && !s.Git.Tracked)
		}},
		OptionsFn:  gitOptions,
		IntroFn:    gitOfferIntro,
		SelectedFn: func(s *Session) []string { return []string{gitOptions(s)[0].Value} },
		ApplyFn: func(s *Session, values []string) error {
			if len(values) != 1 {
				return errors.New("Choose one of the answers.")
			}
			s.GitChoice = GitChoice(values[0])
			return nil
		},
	}
}

// consentStep asks before keys go into a file that is itself a risk (a
// symlink out of the project, someone else's, writable by others);
// refusing is the default.
func consentStep() *ChoiceStep {
	return &ChoiceStep{
		base: base{id: StepConsent, title: "Where the keys would go", skip: func(s *Session) bool {
			return s.Target == nil || !s.Target.NeedsConsent()
		}},
		IntroFn: func(s *Session) string {
			var b strings.Builder
			b.WriteString("The .env needs your OK before any key goes into it:")
			for _, c := range s.Target.Concerns {
				b.WriteString("\n- " + c.Text + ".")
			}
			return b.String()
		},
		OptionsFn: func(s *Session) []providers.Option {
			return []providers.Option{
				{Value: "stop", Label: "Do not write there (recommended)", Help: "Nothing is written. Point onboard at a private file inside the project with --env-file, or fix the file, then run again."},
				{Value: "write", Label: "Write there anyway, and make it private (mode 0600)", Help: "I accept what is listed above. onboard checks again just before writing and stops if the file changed meanwhile."},
			}
		},
		SelectedFn: func(*Session) []string { return []string{"stop"} },
		ApplyFn: func(s *Session, values []string) error {
			if len(values) == 1 && values[0] == "write" {
				s.Consented, s.Halt = true, ""
				return nil
			}
			s.Consented = false
			s.Halt = "you chose not to write the keys into " + s.Target.Real + "."
			return nil
		},
	}
}

// gitOptions are the answers to the protection offer, the safe one first.
func gitOptions(s *Session) []providers.Option {
	g := s.Git
	lines := ""
	if g.Fix != nil {
		lines = " and appends to " + g.Fix.File + ":\n" + strings.Join(g.Fix.Lines, "\n")
	}
	if g.Tracked {
		return []providers.Option{
			{Value: string(GitUntrack), Label: "Stop tracking it and ignore it (recommended)",
				Help: "Runs " + envfile.UntrackCommand(g.RelPath) + " (the file stays on disk; commit that change)" + lines + "\nBoth happen just before the .env is written."},
			{Value: string(GitWriteTracked), Label: "Write into the tracked file anyway",
				Help: "I understand: git tracks this file, so the next git commit -a publishes these keys to everyone who can read the repository."},
		}
	}
	leave := "The .env could then be committed by a plain git add; you will be reminded at the end."
	if g.Ignored && !g.RuleLocal {
		leave = "The .env stays ignored, but no backup of it is kept: git would not ignore the backup."
	}
	return []providers.Option{
		{Value: string(GitFix), Label: "Add the rule to " + g.Fix.File + " (recommended)", Help: "Appends:\n" + strings.Join(g.Fix.Lines, "\n")},
		{Value: string(GitLeave), Label: "Leave git as it is", Help: leave},
	}
}

func gitOfferIntro(s *Session) string {
	g := s.Git
	switch {
	case g.Tracked:
		return "git tracks " + g.RelPath + ", so ignore rules do not apply to it and the next commit would publish your keys. onboard will not write keys into it unless you say so."
	case !g.Ignored || g.RuleLocal:
		return "The .env is not ignored by git (for everyone who clones the repository), so a `git add .` would commit your keys. The rule is added just before the .env is written, and git is asked again then; until that step nothing on disk changes."
	}
	return "The .env is ignored, but the backup and temp files onboard writes beside it (" + filepath.Base(envfile.BackupPath(g.Path)) + ", …) are not, and the backup holds your previous keys. The lines are added just before the .env is written."
}

// protect applies the protection the person chose, in the write job, before
// the .env is written: a secret never lands in a file git would commit, and
// a rule that still does not take effect (a deeper negation, say) stops the
// write with the rule named. Each change is logged as it is made.
func (b builder) protect(ctx context.Context, s protectPlan, report providers.Report) (*GitState, []providers.Result, bool) {
	var out []providers.Result
	add := func(r providers.Result) bool {
		report(r)
		out = append(out, r)
		return r.Status != providers.Fail
	}
	if s.untrack {
		r := providers.Result{Provider: providers.Git, Name: "stop tracking .env", Status: providers.Pass, Detail: envfile.UntrackCommand(s.rel) + " (commit that change)"}
		if err := b.o.Store.Untrack(ctx, s.path); err != nil {
			r.Status, r.Detail, r.Hint = providers.Fail, err.Error(), "Run "+envfile.UntrackCommand(s.rel)+" yourself, then retry. Nothing was written."
			add(r)
			return nil, out, false
		}
		s.disk.Add("stopped git tracking " + s.rel + " (git rm --cached; the file is still there; commit that change)")
		if !add(r) {
			return nil, out, false
		}
	}
	if !s.fix {
		return nil, out, true
	}
	r := providers.Result{Provider: providers.Git, Name: "keep .env out of git"}
	state, err := b.o.Store.FixGitignore(ctx, s.path)
	switch {
	case err != nil:
		r.Status, r.Detail, r.Hint = providers.Fail, err.Error(), "Fix the rule named above (or add the .env to .gitignore yourself), then retry. "+s.sofar()
	case !state.Ignored:
		r.Status, r.Detail, r.Hint = providers.Fail, "git still does not ignore the file", strings.Join(state.Problems(), " ")+" "+s.sofar()
	default:
		r.Status, r.Detail = providers.Pass, "git check-ignore agrees"
		if state.Rule != "" {
			r.Detail = "rule " + state.Rule
		}
		s.disk.Add("added " + providers.Count(len(s.lines), "line", "lines") + " to " + s.file)
	}
	return state, out, add(r)
}

// protectPlan is what protect does, copied off the Session for the job.
type protectPlan struct {
	path, rel, file string
	lines           []string
	untrack, fix    bool
	disk            *DiskLog
}

// sofar says what is already changed when a later part of the write fails.
func (p protectPlan) sofar() string {
	if changed := p.disk.Lines(); len(changed) > 0 {
		return "Already done and kept: " + strings.Join(changed, "; ") + ". The .env was not written."
	}
	return "Nothing was written."
}

func appendOnce(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}
