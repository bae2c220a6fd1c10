package steps

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/onboard-dev/onboard/internal/framework"
	"github.com/onboard-dev/onboard/internal/providers"
	"github.com/onboard-dev/onboard/internal/teamfile"
)

// The team file's and the naming's step ids, and the re-run's check.
var (
	StepTeam     = StepID{Part: "team-file"}
	StepNaming   = StepID{Part: "naming"}
	StepReverify = StepID{Part: "reverify"}
)

// teamFrom is the team file the session's choices make: the services, the
// shared settings, which variables a teammate must set (a provider's
// required ones, and an optional one the person filled in, such as the
// webhook secret), the framework and its names.
func (b builder) teamFrom(s *Session) *teamfile.File {
	t := &teamfile.File{Services: append([]providers.ID(nil), s.Chosen...), Settings: map[string]string{}}
	switch {
	case s.Building != "":
		t.Building = string(s.Building)
	case s.Team != nil:
		t.Building = s.Team.Building
	}
	for _, p := range b.o.Providers {
		if !s.Chose(p.Spec().ID) {
			continue
		}
		for _, f := range p.Fields() {
			v := s.Values[f.Key]
			switch {
			case f.IsSetting():
				// An empty setting is recorded too: "the team uses no
				// redirect URI" answers the question for the next person.
				t.Settings[f.Key] = v
			case f.Required || v != "" || teamRequired(s, f.Key):
				t.Variables.Required = append(t.Variables.Required, f.Key)
			default:
				t.Variables.Optional = append(t.Variables.Optional, f.Key)
			}
		}
	}
	if s.Framework != nil {
		t.Framework = s.Framework.ID
	}
	if len(s.Names) > 0 {
		t.Names = map[string]string{}
		for k, v := range s.Names {
			t.Names[k] = v
		}
	}
	return t
}

// The team step's answers.
const (
	shareBoth    = "both"
	shareTeam    = "team"
	shareNothing = "nothing"
	shareKeep    = "keep"
	shareUpdate  = "update"
)

// teamStep offers to share the setup: onboard.json (the choices) and
// .env.example (the variable names), by default when there is no team file
// yet; when there is one and the choices differ, it shows the difference
// and keeps the file as it is unless the person says so.
func (b builder) teamStep() Step {
	changes := func(s *Session) []string { return teamfile.Changes(s.Team, b.teamFrom(s)) }
	return &ChoiceStep{
		base: base{id: StepTeam, title: "Share the setup with your team", skip: func(s *Session) bool {
			return s.Team != nil && len(changes(s)) == 0
		}},
		IntroFn: func(s *Session) string {
			if s.Team == nil {
				return teamfile.Name + " records this project's choices (services, settings, which variables each teammate sets) and no key at all; .env.example lists the variable names with no values. Commit them, and a teammate running onboard is asked only for their own keys."
			}
			return "Your choices differ from the team's " + teamfile.Name + ":\n" + indentLines(changes(s), "  ")
		},
		OptionsFn: func(s *Session) []providers.Option {
			if s.Team == nil {
				where := "At " + s.TeamPath + " and " + examplePath(s.EnvPath) + ", written after the .env; they hold no secret, so they belong in git."
				return []providers.Option{
					{Value: shareBoth, Label: "Save " + teamfile.Name + " and .env.example (recommended)", Help: where},
					{Value: shareTeam, Label: "Save " + teamfile.Name + " only", Help: "The variable names are in it too; some tools read .env.example, though."},
					{Value: shareNothing, Label: "Share nothing", Help: "The next person answers every question again."},
				}
			}
			return []providers.Option{
				{Value: shareKeep, Label: "Keep " + teamfile.Name + " as it is", Help: "Your .env gets your choices; the team's file does not change."},
				{Value: shareUpdate, Label: "Update " + teamfile.Name + " with these choices", Help: "Teammates get them at their next run once you commit it."},
			}
		},
		SelectedFn: func(s *Session) []string {
			if s.Team == nil {
				return []string{shareBoth}
			}
			return []string{shareKeep}
		},
		ApplyFn: func(s *Session, v []string) error {
			if len(v) != 1 {
				return errors.New("Choose one of the answers.")
			}
			s.SaveTeam = v[0] == shareBoth || v[0] == shareTeam || v[0] == shareUpdate
			s.ShareExample = v[0] == shareBoth
			s.ShareNothing = v[0] == shareNothing
			return nil
		},
	}
}

func indentLines(lines []string, pre string) string {
	return pre + strings.Join(lines, "\n"+pre)
}

// publicFields are the chosen providers' values browser code needs.
func (b builder) publicFields(s *Session) []providers.Field {
	var out []providers.Field
	for _, p := range b.o.Providers {
		if !s.Chose(p.Spec().ID) {
			continue
		}
		for _, f := range p.Fields() {
			if f.Public && !f.Secret {
				out = append(out, f)
			}
		}
	}
	return out
}

// namingStep offers the framework's public names for the values browser
// code needs (NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY); the default is yes.
func (b builder) namingStep() Step {
	return &ChoiceStep{
		base: base{id: StepNaming, title: "Names your framework reads", skip: func(s *Session) bool {
			return s.Framework == nil || s.Framework.PublicPrefix == "" || len(b.publicFields(s)) == 0
		}, answered: func(s *Session) bool { return s.Team != nil && s.Team.Framework != "" }},
		IntroFn: func(s *Session) string {
			fw := s.Framework
			return fmt.Sprintf("%s hands a variable to browser code only when its name starts with %s (%s). Secret keys never get that prefix.", fw.Name, fw.PublicPrefix, fw.Docs)
		},
		OptionsFn: func(s *Session) []providers.Option {
			var names []string
			for _, f := range b.publicFields(s) {
				names = append(names, s.Framework.PublicPrefix+f.Key)
			}
			return []providers.Option{
				{Value: "public", Label: "Use " + strings.Join(names, ", ") + " (recommended)", Help: "Written under those names, so the browser code can read them."},
				{Value: "plain", Label: "Keep the plain names", Help: "Your server passes the values to the browser itself."},
			}
		},
		SelectedFn: func(s *Session) []string {
			if s.Team != nil && s.Team.Framework != "" && len(s.Team.Names) == 0 {
				return []string{"plain"}
			}
			return []string{"public"}
		},
		ApplyFn: func(s *Session, v []string) error {
			s.Names = map[string]string{}
			if len(v) == 1 && v[0] == "public" {
				for _, f := range b.publicFields(s) {
					s.Names[f.Key] = s.Framework.PublicPrefix + f.Key
				}
			}
			return nil
		},
	}
}

// publicSecret says why a variable may not be written, when its name
// would hand a secret to browser code; "" when it may.
func publicSecret(set Set) string {
	if set.Secret && framework.IsPublicName(set.Key) {
		return set.Key + " would hand a secret to browser code (frameworks expose every variable named so); onboard writes secrets under server-only names only"
	}
	return ""
}

// reverifyStep checks everything again on a re-run: the git protection and
// every chosen provider's live checks, all at once; nothing is written.
func (b builder) reverifyStep() Step {
	return &TaskStep{
		base:  base{id: StepReverify, title: "Check every key again", skip: func(s *Session) bool { return !s.Reverify }},
		Intro: "The .env holds every key; checking them all against the services and git, side by side.",
		JobFn: func(s *Session) *Job {
			v := s.Snapshot()
			path := s.EnvPath
			var ps []providers.Provider
			checks := []string{CheckRepository, CheckLocation, CheckIgnored, CheckTracked, CheckHistory}
			for _, p := range b.o.Providers {
				if s.Chose(p.Spec().ID) {
					ps = append(ps, p)
					for _, c := range p.Checks(v) {
						checks = append(checks, p.Spec().Name+": "+c)
					}
				}
			}
			return &Job{
				Checks: checks,
				Run: func(ctx context.Context, report providers.Report) Outcome {
					return b.runReverify(ctx, path, ps, v, report)
				},
			}
		},
	}
}

func (b builder) runReverify(ctx context.Context, path string, ps []providers.Provider, v providers.Values, report providers.Report) Outcome {
	var mu sync.Mutex
	named := func(p providers.Provider, r providers.Result) providers.Result {
		r.Name = p.Spec().Name + ": " + r.Name
		return r
	}
	byProvider := make([][]providers.Result, len(ps))
	var wg sync.WaitGroup
	for i, p := range ps {
		wg.Go(func() {
			rs := providers.Verify(ctx, p, v, func(r providers.Result) {
				mu.Lock()
				defer mu.Unlock()
				report(named(p, r))
			})
			for j := range rs {
				rs[j] = named(p, rs[j])
			}
			byProvider[i] = rs
		})
	}
	var gitResults []providers.Result
	state, err := b.o.Store.CheckGit(ctx, path)
	if err != nil {
		gitResults = GitReport{StateErr: err}.Results()
	} else {
		root := ""
		if state.InRepo {
			root = state.RepoRoot
		}
		target, terr := b.o.Store.Inspect(path, root)
		gitResults = GitResults(state, target, terr)
	}
	for _, r := range gitResults {
		mu.Lock()
		report(r)
		mu.Unlock()
	}
	wg.Wait()
	out := gitResults
	for _, rs := range byProvider {
		out = append(out, rs...)
	}
	return Outcome{Results: out, Apply: func(s *Session) {
		if err == nil {
			s.Git = state
		}
	}}
}

// reverifyLines are the end of a re-run: what was checked, and that
// nothing changed.
func reverifyLines(s *Session) []string {
	rs := s.Results[StepReverify]
	var failed []string
	for _, r := range rs {
		if r.Status == providers.Fail {
			failed = append(failed, r.Name)
		}
	}
	sort.Strings(failed)
	if len(failed) == 0 {
		return []string{fmt.Sprintf("Checked %s again: %s passed, nothing was changed.", s.EnvPath, providers.Count(len(rs), "check", "checks"))}
	}
	return []string{
		fmt.Sprintf("Checked %s again: %s failed (%s). Nothing was changed.", s.EnvPath, providers.Count(len(failed), "check", "checks"), strings.Join(failed, "; ")),
		"Run onboard again and choose \"Go through the setup\" to fix them.",
	}
}
