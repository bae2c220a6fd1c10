package steps

import (
	"context"
	"fmt"
	"strings"

	"github.com/onboard-dev/onboard/internal/envfile"
	"github.com/onboard-dev/onboard/internal/providers"
	"github.com/onboard-dev/onboard/internal/secret"
)

// ChecklistStep lists things to do in a dashboard, each with its link. When
// Confirm is set, each item is answered done or not done (the
// production-readiness steps); otherwise the list is read and continued.
type ChecklistStep struct {
	base
	Intro   string
	ItemsFn func(s *Session) []providers.ChecklistItem
	Confirm bool
}

// NewChecklist builds a checklist step; extra steps (Options.Extra) use it.
func NewChecklist(id StepID, title, intro string, confirm bool, items func(*Session) []providers.ChecklistItem, skip func(*Session) bool) *ChecklistStep {
	return &ChecklistStep{base: base{id: id, title: title, skip: skip}, Intro: intro, ItemsFn: items, Confirm: confirm}
}

func (*ChecklistStep) Kind() Kind { return KindChecklist }

// Items are the things to do for the answers so far.
func (c *ChecklistStep) Items(s *Session) []providers.ChecklistItem { return c.ItemsFn(s) }

// Answers are the confirmations given before (for going back), one per item.
func (c *ChecklistStep) Answers(s *Session) []bool {
	prev := s.Confirmed[c.id]
	out := make([]bool, len(c.Items(s)))
	copy(out, prev)
	return out
}

// Answer records, for a confirm checklist, which items are done.
func (c *ChecklistStep) Answer(s *Session, done []bool) {
	s.Confirmed[c.id] = append([]bool(nil), done...)
}

// FormStep asks for a provider's text fields.
type FormStep struct {
	base
	Provider providers.ID
	Fields   []providers.Field
	lookup   func(string) (string, bool)
	all      []providers.Provider // every provider, to recognise a secret in any field
}

func (*FormStep) Kind() Kind { return KindForm }

// Initial is the value a field starts with: the session's (from the
// existing .env, the demo, or an earlier pass), else the field's default.
func (f *FormStep) Initial(s *Session, key string) string {
	if v, ok := s.Values[key]; ok && v != "" {
		return v
	}
	for _, fl := range f.Fields {
		if fl.Key == key {
			return fl.Default
		}
	}
	return ""
}

// Check validates one field as typed. pending holds the form's other
// current answers, for cross-field rules.
func (f *FormStep) Check(s *Session, key, value string, pending map[string]string) *providers.ValidationError {
	all := s.Snapshot()
	for k, v := range pending {
		all[k] = providers.Normalize(v)
	}
	for _, fl := range f.Fields {
		if fl.Key == key {
			return f.field(s, fl).Check(value, all)
		}
	}
	return nil
}

// field is fl as this project needs it: required too when the team file
// requires it.
func (f *FormStep) field(s *Session, fl providers.Field) providers.Field {
	if teamRequired(s, fl.Key) {
		fl.Required = true
	}
	return fl
}

// Required reports whether the field must be filled in, for the screen.
func (f *FormStep) Required(s *Session, fl providers.Field) bool { return f.field(s, fl).Required }

// Masked reports whether the value must be shown masked in this field: the
// field is secret, or the value looks like a secret of any provider (a
// Plaid secret pasted into the client_id field).
func (f *FormStep) Masked(key, value string) bool {
	for _, fl := range f.Fields {
		if fl.Key == key && fl.Secret {
			return true
		}
	}
	return providers.LooksSecret(f.all, value)
}

// Notice says when the variable is also exported in the shell: dotenv
// loaders (godotenv.Load among them) never override a variable that is
// already set, so the app would silently run with the shell's value.
func (f *FormStep) Notice(key string) string {
	return shellNotice(f.lookup, key)
}

func shellNotice(lookup func(string) (string, bool), key string) string {
	if lookup == nil {
		return ""
	}
	if _, ok := lookup(key); !ok {
		return ""
	}
	return fmt.Sprintf("%s is also exported in your shell. Dotenv loaders (godotenv.Load too) do not override it, so your app would use the shell's value: unset it or use the same one.", key)
}

// Submit validates every field and, when none is invalid, stores the
// normalized answers. It returns the findings by key (warnings included;
// the answers are stored when only warnings remain).
func (f *FormStep) Submit(s *Session, answers map[string]string) map[string]*providers.ValidationError {
	found := map[string]*providers.ValidationError{}
	invalid := false
	for _, fl := range f.Fields {
		if e := f.Check(s, fl.Key, answers[fl.Key], answers); e != nil {
			found[fl.Key] = e
			invalid = invalid || e.Severity == providers.Invalid
		}
	}
	if invalid {
		return found
	}
	for _, fl := range f.Fields {
		v := providers.Normalize(answers[fl.Key])
		if v == "" {
			delete(s.Values, fl.Key)
			continue
		}
		s.Values[fl.Key] = v
	}
	return found
}

// ChoiceStep asks for one option, or several when Multi.
type ChoiceStep struct {
	base
	Intro string
	// IntroFn, when set, words the intro from the answers so far.
	IntroFn   func(s *Session) string
	Multi     bool
	OptionsFn func(s *Session) []providers.Option
	// SelectedFn is what is selected when the step is shown.
	SelectedFn func(s *Session) []string
	// ApplyFn stores the answer; it returns an error a person can read when
	// the answer cannot be taken (nothing chosen, say).
	ApplyFn func(s *Session, values []string) error
	// NoticeFn, when set, says something about the answer (a shell export).
	NoticeFn func(s *Session) string
	// LoadFn, when set, prepares the step (the welcome reads the .env).
	LoadFn func(s *Session) *Job
}

// Load prepares the step (nil when nothing needs loading).
func (c *ChoiceStep) Load(s *Session) *Job {
	if c.LoadFn == nil {
		return nil
	}
	return c.LoadFn(s)
}

func (*ChoiceStep) Kind() Kind { return KindChoice }

// IntroText is the text above the options.
func (c *ChoiceStep) IntroText(s *Session) string {
	if c.IntroFn != nil {
		return c.IntroFn(s)
	}
	return c.Intro
}

// Options are the answers offered.
func (c *ChoiceStep) Options(s *Session) []providers.Option { return c.OptionsFn(s) }

// Selected is the preselected answer; Enter alone accepts it.
func (c *ChoiceStep) Selected(s *Session) []string { return c.SelectedFn(s) }

// Apply stores the answer.
func (c *ChoiceStep) Apply(s *Session, values []string) error { return c.ApplyFn(s, values) }

// Notice is a remark to show under the options ("" when none).
func (c *ChoiceStep) Notice(s *Session) string {
	if c.NoticeFn == nil {
		return ""
	}
	return c.NoticeFn(s)
}

// TaskStep runs named checks. After a run the front end offers: continue
// (when nothing failed), retry, edit (go back to EditID), or skip with a
// warning (SkipFailed).
type TaskStep struct {
	base
	Intro string
	// EditID is the step to go back to for "edit keys" (zero: none).
	EditID StepID
	JobFn  func(s *Session) *Job
	// NoSkip forbids skipping failures (the write itself).
	NoSkip bool
	// WillWrite, for a step after the write, names the file it will write,
	// so the review can list it ("" when it writes nothing).
	WillWrite func(s *Session) string
	// AdvisoryFn, when it returns a note, makes failures advice: the note
	// says what they mean, and Enter goes on (remembered like a skip).
	// The demo's production checks are: a presenter shows what would stop
	// a real go-live and carries on with Enter alone.
	AdvisoryFn func(s *Session) string
}

// Advisory is the note that makes failures advice ("" when they block).
func (t *TaskStep) Advisory(s *Session) string {
	if t.AdvisoryFn == nil {
		return ""
	}
	return t.AdvisoryFn(s)
}

// NewTask builds a task step; extra steps (Options.Extra) use it.
func NewTask(id StepID, title, intro string, job func(*Session) *Job, skip func(*Session) bool) *TaskStep {
	return &TaskStep{base: base{id: id, title: title, skip: skip}, Intro: intro, JobFn: job}
}

func (*TaskStep) Kind() Kind { return KindTask }

// Job is the work to run now, for the answers so far. Its outcome also
// records the results under the step (for the review, readiness and the
// end), and clears an earlier skip of its failures.
func (t *TaskStep) Job(s *Session) *Job {
	j := t.JobFn(s)
	run := j.Run
	j.Run = func(ctx context.Context, report providers.Report) Outcome {
		o := run(ctx, report)
		apply := o.Apply
		o.Apply = func(s *Session) {
			s.Results[t.id] = o.Results
			delete(s.Skipped, t.id)
			if apply != nil {
				apply(s)
			}
		}
		return o
	}
	return j
}

// SkipFailed records that the user went on with failures left, so the end
// of the wizard can say so.
func (t *TaskStep) SkipFailed(s *Session) {
	var names []string
	for _, r := range s.Results[t.id] {
		if r.Status == providers.Fail {
			names = append(names, r.Name)
		}
	}
	s.Skipped[t.id] = fmt.Sprintf("%s: went on with failing checks (%s).", t.title, strings.Join(names, ", "))
}

// ReviewStep shows what the write will change: every file, every variable
// (values masked where secret) and every warning still open.
type ReviewStep struct {
	base
	store   Store
	compose func(s *Session, changes []Change) *Review
	diff    func(s *Session) (path string, sets []Set, removes []string)
}

// Review is what the write is about to do.
type Review struct {
	Path string
	// Changes are the .env's variables, values masked where secret.
	Changes []Change
	// Files are the changes on disk, in the order they are made, in words.
	Files []string
	// Warnings are the things still open: skipped checks, an unprotected
	// file, no backup.
	Warnings []string
	// Refusal, when set, is why the write will not go ahead as things
	// stand (the write step then says it again and writes nothing).
	Refusal string
}

func (*ReviewStep) Kind() Kind { return KindReview }

// Load computes the diff against the file on disk.
func (r *ReviewStep) Load(s *Session) *Job {
	path, sets, removes := r.diff(s)
	return &Job{
		Checks: []string{"compare with " + path},
		Run: func(ctx context.Context, report providers.Report) Outcome {
			changes, err := r.store.Diff(path, sets, removes)
			if err != nil {
				return Results([]providers.Result{{Provider: providers.Env, Name: "compare", Status: providers.Fail, Detail: err.Error()}})
			}
			// The file's own lines stay as they are; say where loaders
			// would read them differently. A failure to tell is no reason
			// to stop the review.
			notes, _ := r.store.LoaderNotes(path)
			return Outcome{
				Results: []providers.Result{{Provider: providers.Env, Name: "compare", Status: providers.Pass}},
				Apply: func(s *Session) {
					// Mask here too, whatever the store did: the review is drawn.
					for i, c := range changes {
						if c.Secret || c.Change == envfile.Removed {
							changes[i].Old = secret.Mask(s.Existing[c.Key])
							changes[i].New = secret.Mask(s.Values[c.Key])
						}
					}
					s.Review = r.compose(s, changes)
					s.Review.Warnings = append(s.Review.Warnings, notes...)
				},
			}
		},
	}
}

// Plan is the review, once loaded.
func (r *ReviewStep) Plan(s *Session) *Review { return s.Review }

// DoneStep is the end.
type DoneStep struct {
	base
	LinesFn func(s *Session) []Line
}

func (*DoneStep) Kind() Kind { return KindDone }

// Lines say where things went and what to do next.
func (d *DoneStep) Lines(s *Session) []Line { return d.LinesFn(s) }

// Text is the lines as plain text, marks included (line mode, the copy
// printed after the full-screen UI ends, tests).
func (d *DoneStep) Text(s *Session) string {
	ls := d.Lines(s)
	out := make([]string, len(ls))
	for i, l := range ls {
		out[i] = l.String()
	}
	return strings.Join(out, "\n")
}

// Tone says how a line reads, so a front end colours it from data, not
// from its words.
type Tone int

const (
	Plain Tone = iota
	Good       // what was done ("Wrote …")
	ToDo       // something still open, marked "!"
)

// Line is one line of text with its tone.
type Line struct {
	Text string
	Tone Tone
}

// String is the line as plain text: a thing to do carries its "!" mark.
func (l Line) String() string {
	if l.Tone == ToDo {
		return "  ! " + l.Text
	}
	return l.Text
}

// PlainLines are texts as Plain lines.
func PlainLines(texts ...string) []Line {
	out := make([]Line, len(texts))
	for i, t := range texts {
		out[i] = Line{Text: t}
	}
	return out
}
