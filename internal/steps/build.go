package steps

import (
	"context"
	"errors"
	"os"
	"sort"

	"github.com/onboard-dev/onboard/internal/providers"
)

// Options shape a Flow.
type Options struct {
	// Providers, in the order they are walked through. Each contributes a
	// checklist, its fields (text fields as forms, fields with Options as
	// choices) and a verification task.
	Providers []providers.Provider
	Store     Store
	Dir       string // project directory; the .env goes to its git root
	EnvFile   string // explicit target, overrides Dir
	Mode      Mode
	Demo      bool
	// Prefill answers take precedence over the existing file (the demo keys).
	Prefill providers.Values
	// Extra steps are placed after the providers' steps, before the review,
	// as a part of the walk named ExtraSection ("" = "More checks").
	Extra        []Step
	ExtraSection string
	// AfterWrite steps come after the .env is written, before the end: work
	// that may only touch the disk once the person has confirmed the write.
	AfterWrite []Step
	// Setup runs first in the git protection step's job (the demo's git
	// init): after the first frame, and before git is asked anything that
	// matters. It must be safe to run again (going back re-runs the check).
	Setup func(ctx context.Context) error
	// LookupEnv finds shell-exported variables; nil means os.LookupEnv.
	LookupEnv func(string) (string, bool)
	// CheckCommand is the command that checks this .env again, as the
	// person can type it where they are (the binary's path when onboard is
	// not on PATH, --demo for the demo's folder); "" means "onboard check".
	CheckCommand string
}

// The parts of the walk that are not a provider's (Flow.Sections).
const (
	SectionStart = "Start" // the welcome, the services, git protection
	SectionSave  = "Save"  // naming, sharing, the review, the write
	SectionDone  = "Done"
)

// New builds the flow for these options.
func New(o Options) *Flow {
	if o.LookupEnv == nil {
		o.LookupEnv = os.LookupEnv
	}
	if o.Mode == "" {
		o.Mode = Development
	}
	if o.ExtraSection == "" {
		o.ExtraSection = "More checks"
	}
	if o.CheckCommand == "" {
		o.CheckCommand = "onboard check"
	}
	s := newSession()
	s.Dir, s.EnvFile, s.Mode, s.Demo, s.CheckCommand = o.Dir, o.EnvFile, o.Mode, o.Demo, o.CheckCommand
	b := builder{o: o}
	// A first guess, so the step count in the header does not jump once the
	// welcome step has read the existing file.
	s.Chosen = b.defaultChosen(s)
	f := &Flow{s: s}
	add := func(section string, sts ...Step) {
		f.steps = append(f.steps, sts...)
		for range sts {
			f.sections = append(f.sections, section)
		}
	}
	add(SectionStart, b.welcome(), b.reverifyStep(), b.buildingStep(), b.chooseProviders())
	add(SectionStart, b.gitSteps()...)
	for _, p := range o.Providers {
		add(p.Spec().Name, b.providerSteps(p)...)
	}
	add(o.ExtraSection, o.Extra...)
	add(SectionSave, b.namingStep(), b.teamStep(), b.review(), b.write())
	add(SectionSave, o.AfterWrite...)
	add(SectionDone, b.done())
	return f
}

type builder struct{ o Options }

// changes are what the write does to the variables: every field of the
// chosen providers that has an answer is set, and an optional one the
// person emptied ("-" in line mode, a cleared field) that the file holds is
// removed. A value is treated as secret when its field is, or when it (or
// the value it replaces) looks like any provider's secret.
func (b builder) changes(s *Session) (sets []Set, removes []string) {
	for _, p := range b.o.Providers {
		if !s.Chose(p.Spec().ID) {
			continue
		}
		for _, f := range p.Fields() {
			v := s.Values[f.Key]
			if v == "" {
				if old, ok := s.Existing[f.Key]; ok && old != "" && !f.Required {
					removes = append(removes, f.Key)
				}
				continue
			}
			secret := f.Secret || providers.LooksSecret(b.o.Providers, v) || providers.LooksSecret(b.o.Providers, s.Existing[f.Key])
			key := f.Key
			if n := s.Names[f.Key]; n != "" && f.Public {
				key = n // the framework's public name (NEXT_PUBLIC_…)
			}
			sets = append(sets, Set{Key: key, Value: v, Group: p.Spec().Name, Secret: secret})
		}
	}
	return sets, removes
}

func (b builder) allKeys() []string {
	var keys []string
	for _, p := range b.o.Providers {
		for _, f := range p.Fields() {
			keys = append(keys, f.Key)
		}
	}
	return keys
}

func (b builder) fieldsByKey() map[string]providers.Field {
	out := map[string]providers.Field{}
	for _, p := range b.o.Providers {
		for _, f := range p.Fields() {
			out[f.Key] = f
		}
	}
	return out
}

func (b builder) knownKeys(present []string) []string {
	known := map[string]bool{}
	for _, k := range b.allKeys() {
		known[k] = true
	}
	var out []string
	for _, k := range present {
		if known[k] {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

// defaultChosen: the demo shows everything; otherwise the providers the
// file already has keys for, or all but the optional add-ons.
func (b builder) defaultChosen(s *Session) []providers.ID {
	var all, configured, base []providers.ID
	for _, p := range b.o.Providers {
		spec := p.Spec()
		all = append(all, spec.ID)
		if len(spec.Requires) == 0 {
			base = append(base, spec.ID)
		}
		for _, f := range p.Fields() {
			if f.Required && f.Options == nil && s.Existing[f.Key] != "" {
				configured = append(configured, spec.ID)
				break
			}
		}
	}
	switch {
	case s.Demo:
		return all
	case len(configured) > 0:
		return configured
	}
	return base
}

func (b builder) chooseProviders() Step {
	return &ChoiceStep{
		base: base{id: StepProviders, title: "Choose services",
			answered: func(s *Session) bool { return s.Team != nil && len(s.Team.Services) > 0 }},
		Intro: "Which services should this project have keys for? Pick one or more.",
		Multi: true,
		OptionsFn: func(*Session) []providers.Option {
			var out []providers.Option
			for _, p := range b.o.Providers {
				spec := p.Spec()
				out = append(out, providers.Option{Value: string(spec.ID), Label: spec.Name, Help: spec.Blurb})
			}
			return out
		},
		SelectedFn: func(s *Session) []string {
			out := make([]string, len(s.Chosen))
			for i, id := range s.Chosen {
				out[i] = string(id)
			}
			return out
		},
		ApplyFn: func(s *Session, values []string) error {
			if len(values) == 0 {
				return errors.New("Choose at least one service.")
			}
			want := map[providers.ID]bool{}
			for _, v := range values {
				want[providers.ID(v)] = true
			}
			// Choosing a provider chooses what it requires, and theirs.
			s.Chosen, s.chosenByUser = b.chosenWith(want), true
			return nil
		},
	}
}
