package steps

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/onboard-dev/onboard/internal/providers"
	"github.com/onboard-dev/onboard/internal/secret"
)

// providerSteps: checklist, then the fields in order (runs of text fields
// as one form, each field with Options as its own choice, a field's source
// after its form), then the live verification. All are skipped unless the
// provider was chosen.
func (b builder) providerSteps(p providers.Provider) []Step {
	spec := p.Spec()
	skip := func(s *Session) bool { return !s.Chose(spec.ID) }
	out := []Step{&ChecklistStep{
		base: base{id: StepChecklist(spec.ID), title: spec.Name + ": get your keys", skip: skip,
			answered: func(s *Session) bool { return s.Team != nil && b.keysInHand(p, s) }},
		Intro:   "Do these in the " + spec.Name + " dashboard; each step has its link.",
		ItemsFn: func(s *Session) []providers.ChecklistItem { return p.Checklist(s.Values) },
	}}
	inputs, edit := b.inputSteps(p, skip)
	out = append(out, inputs...)
	return append(out, b.verifyStep(p, skip, edit))
}

// keysInHand reports whether every required credential of the provider
// already has a value (the .env, a paste, the demo): a teammate in a
// project the team file describes then has nothing to sign up for, and the
// checklist is passed over (back still reaches it).
func (b builder) keysInHand(p providers.Provider, s *Session) bool {
	for _, f := range p.Fields() {
		if f.Required && !f.IsSetting() && providers.Normalize(s.Values[f.Key]) == "" {
			return false
		}
	}
	return true
}

// inputSteps are the provider's questions, and the step "edit the keys"
// goes back to after a failed check: the first form that holds a secret,
// else the first question.
func (b builder) inputSteps(p providers.Provider, skip func(*Session) bool) (out []Step, edit StepID) {
	spec := p.Spec()
	var firstInput, keysForm StepID
	var run []providers.Field
	flush := func() {
		if len(run) == 0 {
			return
		}
		stepID := StepKeys(spec.ID)
		if !firstInput.IsZero() {
			stepID = StepField(spec.ID, run[0].Key)
		}
		out = append(out, b.formStep(spec, stepID, run, skip))
		for _, f := range run {
			if f.Source != nil {
				out = append(out, b.sourceSteps(spec, f, stepID, skip)...)
			}
		}
		if firstInput.IsZero() {
			firstInput = stepID
		}
		if keysForm.IsZero() && slices.ContainsFunc(run, func(f providers.Field) bool { return f.Secret }) {
			keysForm = stepID
		}
		run = nil
	}
	for _, f := range p.Fields() {
		if len(f.Options) == 0 {
			run = append(run, f)
			continue
		}
		flush()
		c := b.fieldChoice(p, f, skip)
		if firstInput.IsZero() {
			firstInput = c.ID()
		}
		out = append(out, c)
	}
	flush()
	if keysForm.IsZero() {
		return out, firstInput
	}
	return out, keysForm
}

// formStep asks a run of text fields on one screen; it is answered when
// the team file or the answer to what the project is settles every one of
// them (settings only).
func (b builder) formStep(spec *providers.Spec, id StepID, fields []providers.Field, skip func(*Session) bool) *FormStep {
	title := "keys"
	if len(fields) == 1 && !fields[0].Secret {
		title = fieldTitle(spec, fields[0]) // a lone setting, e.g. the OAuth redirect URI
	}
	answered := func(s *Session) bool {
		for _, f := range fields {
			if !f.IsSetting() || !s.Team.Has(f.Key) && !s.Preset[f.Key] {
				return false
			}
		}
		return true
	}
	return &FormStep{base: base{id: id, title: spec.Name + ": " + title, skip: skip, answered: answered},
		Provider: spec.ID, Fields: fields, lookup: b.o.LookupEnv, all: b.o.Providers}
}

// verifyStep calls the provider with the answers to prove they work.
func (b builder) verifyStep(p providers.Provider, skip func(*Session) bool, edit StepID) *TaskStep {
	spec := p.Spec()
	return &TaskStep{
		base:   base{id: StepVerify(spec.ID), title: spec.Name + ": live check", skip: skip},
		Intro:  "Calling " + spec.Name + " with these keys to prove they work.",
		EditID: edit,
		JobFn: func(s *Session) *Job {
			v := s.Snapshot()
			return &Job{
				Checks: p.Checks(v),
				Run: func(ctx context.Context, report providers.Report) Outcome {
					return Results(providers.Verify(ctx, p, v, report))
				},
			}
		},
	}
}

func (b builder) fieldChoice(p providers.Provider, f providers.Field, skip func(*Session) bool) *ChoiceStep {
	intro := f.Help
	return &ChoiceStep{
		base: base{id: StepField(p.Spec().ID, f.Key), title: p.Spec().Name + ": " + fieldTitle(p.Spec(), f), skip: skip,
			answered: func(s *Session) bool { return s.Team.Has(f.Key) || s.Preset[f.Key] }},
		Intro:      intro,
		Multi:      f.Multi,
		OptionsFn:  func(*Session) []providers.Option { return f.Options },
		SelectedFn: func(s *Session) []string { sel, _ := selectedOptions(f, s.Values[f.Key]); return sel },
		ApplyFn: func(s *Session, values []string) error {
			v := strings.Join(values, ",")
			if e := f.Check(v, s.Snapshot()); e != nil && e.Severity == providers.Invalid {
				return e
			}
			if v == "" {
				delete(s.Values, f.Key)
				return nil
			}
			s.Values[f.Key] = v
			return nil
		},
		NoticeFn: func(s *Session) string {
			sel, dropped := selectedOptions(f, s.Values[f.Key])
			// A warning the choice as it stands earns (a sandbox in
			// production mode, a product a country lacks) is said here,
			// not first in the live check.
			warning := ""
			if e := f.Check(strings.Join(sel, ","), s.Snapshot()); e != nil && e.Severity != providers.Invalid {
				warning = e.Msg
			}
			return strings.Join(nonEmpty(dropped, warning, shellNotice(b.o.LookupEnv, f.Key)), " ")
		},
	}
}

// fieldTitle is a field's label for a screen title, which already names the
// provider: "Plaid: environment", not "Plaid: Plaid environment".
func fieldTitle(spec *providers.Spec, f providers.Field) string {
	return strings.TrimPrefix(f.Label, spec.Name+" ")
}

// selectedOptions is what a choice starts with: the current value's items
// that are among the options, else the field's default (else the first
// option). An item the options lack (PLAID_COUNTRY_CODES=us in the file)
// is left out, and dropped says so and why, so a default that Enter
// accepts is always one the field takes: an unattended run never loops on
// a refused default.
func selectedOptions(f providers.Field, v string) (sel []string, dropped string) {
	items := providers.SplitList(v)
	if !f.Multi && v != "" {
		items = []string{providers.Normalize(v)}
	}
	var bad []string
	for _, it := range items {
		if f.Allowed(it) {
			sel = append(sel, it)
		} else {
			bad = append(bad, providers.Echo(it))
		}
	}
	if len(bad) > 0 {
		dropped = fmt.Sprintf("The .env's %s holds %s, which is not one of the choices here, so it is not selected", f.Key, strings.Join(bad, ", "))
		if e := f.Check(v, nil); e != nil {
			dropped += " (" + strings.TrimSuffix(e.Msg, ".") + ")"
		}
		dropped += "."
	}
	if len(sel) == 0 {
		d := providers.SplitList(f.Default)
		if !f.Multi {
			d = []string{f.Default}
		}
		if f.Default == "" && len(f.Options) > 0 {
			d = []string{f.Options[0].Value}
		}
		sel = d
		if !f.Multi && len(sel) > 1 {
			sel = sel[:1]
		}
	}
	return sel, dropped
}

// nonEmpty drops the empty strings of ss.
func nonEmpty(ss ...string) []string {
	return slices.DeleteFunc(ss, func(s string) bool { return s == "" })
}

// Answers of a source's offer (providers.Source).
const (
	SourceAsk   = "ask"
	SourceLeave = "leave"
)

// sourceSteps offer to fetch a field's value (the Stripe CLI's webhook
// secret) after its form, while the field is empty and the source is
// available: asking is the default; the fetch runs as a task, whose failure
// offers retry, editing the form, or going on without it.
func (b builder) sourceSteps(spec *providers.Spec, f providers.Field, form StepID, skip func(*Session) bool) []Step {
	src := f.Source
	offerID := StepID{Provider: spec.ID, Part: "source-" + f.Key}
	offered := func(s *Session) bool {
		return !skip(s) && providers.Normalize(s.Values[f.Key]) == "" && src.Available(s.Snapshot())
	}
	offer := &ChoiceStep{
		base: base{id: offerID, title: spec.Name + ": " + fieldTitle(spec, f), skip: func(s *Session) bool {
			// Once fetched, the offer stays on the path (back reaches it).
			return !offered(s) && s.Sourced[f.Key] == ""
		}},
		Intro: src.Help,
		OptionsFn: func(*Session) []providers.Option {
			return []providers.Option{
				{Value: SourceAsk, Label: src.Label},
				{Value: SourceLeave, Label: "Leave " + f.Key + " empty for now", Help: "Enter it later by running onboard again."},
			}
		},
		SelectedFn: func(s *Session) []string {
			if s.Sourced[f.Key] == SourceLeave {
				return []string{SourceLeave}
			}
			return []string{SourceAsk}
		},
		ApplyFn: func(s *Session, values []string) error {
			if len(values) != 1 {
				return errors.New("Choose one of the answers.")
			}
			s.Sourced[f.Key] = values[0]
			return nil
		},
	}
	fetch := &TaskStep{
		base: base{id: StepID{Provider: spec.ID, Part: "fetch-" + f.Key}, title: spec.Name + ": " + fieldTitle(spec, f),
			skip: func(s *Session) bool { return skip(s) || s.Sourced[f.Key] != SourceAsk }},
		Intro:  src.Label + "…",
		EditID: form,
		// The field is optional: a source that cannot give it leaves it
		// empty, and Enter goes on (an unattended run is never stopped by
		// it); r retries, e types it in the form.
		AdvisoryFn: func(*Session) string {
			if f.Required {
				return ""
			}
			return f.Key + " stays empty; type it in the form (e) or run onboard again later."
		},
		JobFn: func(s *Session) *Job {
			v := s.Snapshot()
			name := "fetch " + f.Key
			return &Job{
				Checks: []string{name},
				Run: func(ctx context.Context, report providers.Report) Outcome {
					got, err := src.Fetch(ctx, v)
					r := providers.Result{Provider: spec.ID, Name: name, Status: providers.Pass}
					if err == nil {
						e := f.Check(got, v)
						if e != nil && e.Severity == providers.Invalid {
							err = errors.New("what came back is not a value for " + f.Key + ": " + e.Msg)
						}
					}
					if err != nil {
						// The error says what happened and what to do.
						r.Status, r.Detail, r.Hint = providers.Fail, err.Error(), "Or edit the keys, and type the value yourself."
						report(r)
						return Results([]providers.Result{r})
					}
					r.Detail, r.Hint = "saved "+secret.Mask(got)+" as "+f.Key, src.Then
					report(r)
					return Outcome{Results: []providers.Result{r}, Apply: func(s *Session) { s.Values[f.Key] = got }}
				},
			}
		},
	}
	return []Step{offer, fetch}
}
