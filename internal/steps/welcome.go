package steps

import (
	"context"
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"github.com/onboard-dev/onboard/internal/framework"
	"github.com/onboard-dev/onboard/internal/providers"
	"github.com/onboard-dev/onboard/internal/teamfile"
)

// The welcome's answers.
const (
	welcomeSetup    = "setup"
	welcomeReverify = "reverify"
)

// welcome finds the .env (at the git root), reads it, the team file beside
// it and the app's framework, and says what it found. When the .env holds
// every key the project needs, its default answer is to check them all
// again; otherwise Enter starts the setup.
func (b builder) welcome() Step {
	st := &ChoiceStep{base: base{id: StepWelcome, title: "Welcome"}}
	st.LoadFn = func(s *Session) *Job {
		dir, envFile := s.Dir, s.EnvFile
		return &Job{
			Checks: []string{"find the .env"},
			Run: func(ctx context.Context, _ providers.Report) Outcome {
				return b.find(ctx, dir, envFile)
			},
		}
	}
	st.IntroFn = func(s *Session) string { return strings.Join(b.welcomeLines(s), "\n") }
	st.OptionsFn = func(s *Session) []providers.Option {
		if !b.complete(s) {
			return []providers.Option{{Value: welcomeSetup, Label: "Set up the keys"}}
		}
		return []providers.Option{
			{Value: welcomeReverify, Label: "Check every key again (recommended)", Help: "The live checks and the git protection run; nothing is written unless you change something afterwards."},
			{Value: welcomeSetup, Label: "Go through the setup", Help: "Every step, with what the .env holds already filled in."},
		}
	}
	st.SelectedFn = func(s *Session) []string { return []string{st.OptionsFn(s)[0].Value} }
	st.ApplyFn = func(s *Session, values []string) error {
		s.Reverify = len(values) == 1 && values[0] == welcomeReverify
		return nil
	}
	return st
}

// find locates and reads what the welcome shows: the .env, the team file
// and package.json at the project's root.
func (b builder) find(ctx context.Context, dir, envFile string) Outcome {
	fail := func(err error) Outcome {
		return Results([]providers.Result{{Provider: providers.Env, Name: "find the .env", Status: providers.Fail, Detail: err.Error()}})
	}
	root := dir
	if r, ok, err := b.o.Store.GitRoot(ctx, dir); err == nil && ok {
		root = r
	}
	path := envFile
	if path == "" {
		path = filepath.Join(root, ".env")
	}
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	existing, keys, exists, err := b.o.Store.Read(path)
	if err != nil {
		return fail(err)
	}
	teamPath := teamfile.Path(root)
	raw, err := b.o.Store.ReadFile(teamPath)
	if err != nil {
		return fail(err)
	}
	var team *teamfile.File
	if raw != nil {
		if team, err = teamfile.Parse(raw, teamPath, b.o.Providers); err != nil {
			return fail(err)
		}
	}
	var fw *framework.Framework
	if pkg, _ := b.o.Store.ReadFile(filepath.Join(root, "package.json")); pkg != nil {
		if f, ok := framework.Detect(pkg); ok {
			fw = &f
		}
	}
	if team != nil && team.Framework != "" {
		if f, ok := framework.ByID(team.Framework); ok {
			fw = &f
		}
	}
	shadows := b.shadows(path, fw)
	return Outcome{
		Results: []providers.Result{{Provider: providers.Env, Name: "find the .env", Status: providers.Pass, Detail: path}},
		Apply: func(s *Session) {
			b.found(s, path, existing, keys, exists)
			s.TeamPath, s.Framework, s.Shadows = teamPath, fw, shadows
			if team != nil {
				b.useTeam(s, team)
			}
		},
	}
}

// shadows lists the variables onboard writes that a framework's file of
// higher precedence (.env.local…) also defines: the app would read those
// values, not the .env's.
func (b builder) shadows(envPath string, fw *framework.Framework) []string {
	if fw == nil {
		return nil
	}
	mine := map[string]bool{}
	for _, k := range b.allKeys() {
		mine[k] = true
	}
	var out []string
	for _, name := range fw.Shadows {
		p := filepath.Join(filepath.Dir(envPath), name)
		vals, keys, ok, err := b.o.Store.Read(p)
		if err != nil || !ok {
			continue
		}
		for _, k := range keys {
			if mine[k] && vals[k] != "" {
				out = append(out, fmt.Sprintf("%s defines %s too, and %s reads it before .env: your app would use that value", name, k, fw.Name))
			}
		}
	}
	return out
}

// found records what the welcome step read: the target and what it holds,
// pre-filling the answers (the demo's keys win over the file's).
func (b builder) found(s *Session, path string, existing providers.Values, keys []string, exists bool) {
	s.EnvPath, s.EnvExists, s.ExistingKeys = path, exists, keys
	s.Existing = providers.Values{}
	for k, v := range existing {
		s.Existing[k] = v
		if _, answered := s.Values[k]; !answered {
			s.Values[k] = v
		}
	}
	for k, v := range b.o.Prefill {
		s.Values[k] = v
	}
	if !s.chosenByUser {
		s.Chosen = b.defaultChosen(s) // now that the existing file is known
	}
}

// useTeam applies the team file: its services are chosen, its settings
// answer their questions (the team's value wins over the .env's, and the
// welcome says where they differed), its names are used.
func (b builder) useTeam(s *Session, t *teamfile.File) {
	s.Team = t
	if t.Building != "" && s.Building == "" {
		s.Building = providers.Building(t.Building)
		defer b.presetBuilding(s, s.Building, false) // after the team's settings
	}
	if len(t.Services) > 0 {
		s.Chosen, s.chosenByUser = nil, true
		for _, p := range b.o.Providers {
			for _, id := range t.Services {
				if p.Spec().ID == id {
					s.Chosen = append(s.Chosen, id)
				}
			}
		}
	}
	for k, v := range t.Settings {
		s.Values[k] = v
	}
	for k, v := range t.Names {
		s.Names[k] = v
		if _, ok := s.Values[k]; !ok && s.Existing[v] != "" {
			s.Values[k] = s.Existing[v] // the .env holds it under the app's name
		}
	}
}

// teamRequired reports whether the team file requires the variable.
func teamRequired(s *Session, key string) bool {
	return s.Team != nil && containsString(s.Team.Variables.Required, key)
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// complete reports whether the .env already holds, for every chosen
// provider, each variable it needs (the team's required ones too) in a
// form its rule accepts: then there is nothing to ask, only to check.
func (b builder) complete(s *Session) bool {
	if !s.EnvExists || len(s.Chosen) == 0 || s.Demo && len(b.o.Prefill) > 0 && !s.prefillMatches(b.o.Prefill) {
		return false
	}
	for _, p := range b.o.Providers {
		if !s.Chose(p.Spec().ID) {
			continue
		}
		for _, f := range p.Fields() {
			v := s.Existing[f.Key]
			if n := s.Names[f.Key]; n != "" {
				v = s.Existing[n]
			}
			if f.IsSetting() && f.Default != "" && v == "" {
				continue // a setting with a default needs no answer
			}
			if (f.Required || teamRequired(s, f.Key)) && v == "" {
				return false
			}
			if e := f.Check(v, s.Existing); v != "" && e != nil && e.Severity == providers.Invalid {
				return false
			}
		}
	}
	return true
}

// prefillMatches: the demo's keys are what the file already holds, so a
// re-run of the demo in its folder is a re-run, not a new setup.
func (s *Session) prefillMatches(p providers.Values) bool {
	for k, v := range p {
		if s.Existing[k] != v {
			return false
		}
	}
	return true
}

func (b builder) welcomeLines(s *Session) []string {
	lines := []string{
		"This wizard gets you from no keys to a .env whose keys are proven to work.",
		"",
		"Target file: " + s.EnvPath,
	}
	if s.EnvPath == "" {
		lines[2] = "Target file: (not found yet)"
	}
	switch {
	case !s.EnvExists:
		lines = append(lines, "It does not exist yet; it will be created with mode 0600.")
	case len(s.ExistingKeys) == 0:
		lines = append(lines, "It exists and holds no variables yet.")
	default:
		held := "It exists and holds " + providers.Count(len(s.ExistingKeys), "variable", "variables")
		known := b.knownKeys(s.ExistingKeys)
		switch {
		case len(known) == 0 && len(s.ExistingKeys) == 1:
			lines = append(lines, held+", not one of onboard's; it is kept as it is.")
		case len(known) == 0:
			lines = append(lines, held+", none of them onboard's; they are kept as they are.")
		default:
			lines = append(lines, held+"; those onboard knows are pre-filled:")
			fields := b.fieldsByKey()
			for _, k := range known {
				lines = append(lines, "  "+k+"="+providers.Shown(b.o.Providers, fields[k], s.Existing[k]))
			}
		}
	}
	if t := s.Team; t != nil {
		lines = append(lines, "", "Using the team setup from "+teamfile.Name+":")
		lines = append(lines, "  services: "+strings.Join(b.names(t.Services), ", "))
		for _, k := range sortedKeys(t.Settings) {
			line := "  " + k + "=" + t.Settings[k]
			if old := s.Existing[k]; old != "" && old != t.Settings[k] {
				line += " (your .env had " + providers.Shown(b.o.Providers, providers.Field{Key: k}, old) + ")"
			}
			lines = append(lines, line)
		}
		lines = append(lines, "You are asked only for your own keys; go back from any step to change a team choice.")
	}
	if s.Framework != nil {
		lines = append(lines, "", "This looks like a "+s.Framework.Name+" app.")
	}
	mode := "Mode: " + string(s.Mode)
	if s.Mode == Production {
		mode += " (live keys, plus a production-readiness checklist)"
	} else {
		mode += " (test and sandbox keys)"
	}
	if s.Demo {
		mode += "; demo: local simulators, nothing leaves this machine"
	}
	lines = append(lines, "", mode)
	var exported []string
	for _, k := range b.allKeys() {
		if _, ok := b.o.LookupEnv(k); ok {
			exported = append(exported, k)
		}
	}
	if len(exported) > 0 {
		lines = append(lines, "", "Already exported in your shell: "+strings.Join(exported, ", ")+".",
			"Dotenv loaders (godotenv.Load too) do not override those, so your app would use the shell's values.")
	}
	for _, sh := range s.Shadows {
		lines = append(lines, "! "+sh+".")
	}
	if b.complete(s) {
		lines = append(lines, "", "The .env already holds every key this project needs.")
	}
	return lines
}

// names are the providers' names for ids.
func (b builder) names(ids []providers.ID) []string {
	var out []string
	for _, id := range ids {
		for _, p := range b.o.Providers {
			if p.Spec().ID == id {
				out = append(out, p.Spec().Name)
			}
		}
	}
	return out
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
