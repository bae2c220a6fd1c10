// Package steps is the wizard's flow without any screen: the ordered steps,
// their skip rules, going back, and the Session of collected answers. A front
// end (the bubbletea UI, the accessible line mode) asks the Flow for the
// current Step, shows it according to its Kind, hands the answer to the
// step's own method (Submit, Apply, Answer...) and then calls Next or Back.
//
// Work that touches the disk, git or the network is never done by those
// methods: a step that needs it hands out a Job, which the front end runs
// off its main loop (with a context it cancels on quit) and then finishes
// with Job.Finish on its main loop. So the Session is only touched from one
// goroutine.
package steps

import (
	"context"

	"github.com/onboard-dev/onboard/internal/providers"
)

// Kind is the kind of screen a step is.
type Kind int

const (
	KindChecklist Kind = iota // things to do, with links; optionally confirmed one by one
	KindForm                  // text fields
	KindChoice                // one (or several) of a few options, each with help; one option alone is a text and a Continue (the welcome)
	KindTask                  // named checks run with live progress
	KindReview                // what will be written
	KindDone                  // the end: where things went, what next
)

var kindNames = [...]string{"checklist", "form", "choice", "task", "review", "done"}

func (k Kind) String() string { return kindNames[k] }

// Step is one screen of the flow. Concrete steps are *ChecklistStep, *FormStep, *ChoiceStep, *TaskStep, *ReviewStep and
// *DoneStep; switch on Kind() and assert to reach the answer methods.
type Step interface {
	ID() StepID
	Kind() Kind
	Title() string
	// Skip says whether the step is left out for these answers.
	Skip(s *Session) bool
	// Answered says whether the team file answered the step: it is passed
	// over going forward, but going back enters it (Session.Opened).
	Answered(s *Session) bool
}

// Loader is a step whose content needs I/O first (reading the .env, a
// diff). The front end runs Load's Job before drawing the step.
type Loader interface {
	Load(s *Session) *Job
}

// Job is work done off the front end's main loop (bubbletea's command that
// returns a message). Run may be called on any goroutine and must not touch
// the Session; it returns an Outcome, which the front end applies to the
// Session on its main loop. Checks names Run's results in order, so a
// screen can list them as pending before they start.
type Job struct {
	Checks []string
	// Writes marks a job that changes the disk: a front end that is told
	// to quit while it runs waits for it, so what it says about the disk
	// afterwards (Session.Interrupted) is complete.
	Writes bool
	Run    func(ctx context.Context, report providers.Report) Outcome
}

// Outcome is what a job found: its results, and how to record what it
// learned in the Session. Everything Apply needs travels in its closure,
// built by Run: nothing is handed over through variables both sides share.
type Outcome struct {
	Results []providers.Result
	Apply   func(s *Session)
}

// ApplyTo records the outcome in s (on the front end's main loop).
func (o Outcome) ApplyTo(s *Session) {
	if o.Apply != nil {
		o.Apply(s)
	}
}

// Results is an outcome with nothing to record but the results.
func Results(rs []providers.Result) Outcome { return Outcome{Results: rs} }

// base carries what every step has.
type base struct {
	id       StepID
	title    string
	skip     func(*Session) bool
	answered func(*Session) bool
}

func (b base) ID() StepID    { return b.id }
func (b base) Title() string { return b.title }
func (b base) Skip(s *Session) bool {
	return b.skip != nil && b.skip(s)
}
func (b base) Answered(s *Session) bool {
	return b.answered != nil && !s.Opened[b.id] && b.answered(s)
}

// Passed reports whether no result failed.
func Passed(results []providers.Result) bool {
	for _, r := range results {
		if r.Status == providers.Fail {
			return false
		}
	}
	return true
}
