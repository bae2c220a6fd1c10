// Package lineui is the accessible line mode: the wizard's steps as plain
// prompts on a reader and a writer, one line at a time, with no cursor
// movement, redraws or escape sequences, for screen readers, CI logs and
// pipes.
package lineui

import (
	"context"
	"errors"
	"io"
	"os"
	"strings"

	"golang.org/x/term"

	"github.com/onboard-dev/onboard/internal/steps"
)

// Options shape a run.
type Options struct {
	// SecretReader reads one secret answer without echo (term.ReadPassword
	// on a terminal's fd). Nil reads a line from the input like any other.
	SecretReader func() (string, error)
	// Errors gets the line that says why a run stopped early and what it
	// left on disk (stderr); nil means the output.
	Errors io.Writer
}

// ui is one run's state.
type ui struct {
	ctx  context.Context
	flow *steps.Flow
	in   *lines
	p    *printer
	errs *printer // why a run stopped
	// terminal: the input is a terminal, which echoes the Enter that ends
	// an answer (except a no-echo secret read); a pipe echoes nothing, so
	// the line is ended here to keep each answer's reply on its own line.
	terminal bool
	// refused counts, by question or step, the refusals in a row.
	refused map[string]int
	// section is the part of the walk last announced.
	section string
}

// Limits of refusals in a row before the run stops. A pipe has nobody to
// read the reason, so a second repeat is enough; at a terminal a person
// may well try again several times.
const (
	pipeLimit     = 3
	terminalLimit = 20
)

// refuse prints why an answer was not taken and counts it against what;
// too many in a row end the run with a StuckError.
func (u *ui) refuse(what, why string) error {
	u.p.line("%s", why)
	u.refused[what]++
	limit := pipeLimit
	if u.terminal {
		limit = terminalLimit
	}
	if n := u.refused[what]; n >= limit {
		return &StuckError{What: what, Why: why, N: n}
	}
	return nil
}

// accepted resets the count of what.
func (u *ui) accepted(what string) { delete(u.refused, what) }

// outcome is what a step's prompts decided.
type outcome int

const (
	goNext outcome = iota
	goBack
	goStay // the flow was moved already (edit keys) or the step is shown again
	goEnd
)

// Run walks the flow to its end. It returns nil once the done step is
// shown, ErrQuit when the person typed quit, ErrAborted when the input
// ended first, a *StuckError when the same answer kept being refused, and
// ctx.Err() when ctx was cancelled. For the first three it has already
// said what was written (Session.Interrupted's words).
func Run(ctx context.Context, flow *steps.Flow, in io.Reader, out io.Writer, opts Options) error {
	u := &ui{ctx: ctx, flow: flow, in: newLines(in, opts.SecretReader), p: &printer{out: out}, terminal: isTerminal(in), refused: map[string]int{}}
	u.errs = u.p
	if opts.Errors != nil {
		u.errs = &printer{out: opts.Errors}
	}
	u.p.line("onboard, line by line. At any question: type back (or b) for the previous step, quit (or q) to stop without writing.")
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		o, err := u.step(flow.Current())
		if err != nil {
			return u.stopped(err)
		}
		switch o {
		case goEnd:
			return nil
		case goBack:
			if !flow.Back() {
				u.p.line("There is no earlier step to go back to.")
			}
		case goNext:
			if flow.Next() == nil {
				return nil
			}
		case goStay:
			// the same step is asked again
		}
	}
}

// announceSection names the part of the walk when it changes, with the
// parts still ahead: a screen reader hears where it is without a step
// count that a later answer would break.
func (u *ui) announceSection() {
	secs := u.flow.Sections()
	for i, sec := range secs {
		if !sec.Current || sec.Name == u.section {
			continue
		}
		u.section = sec.Name
		var ahead []string
		for _, a := range secs[i+1:] {
			ahead = append(ahead, a.Name)
		}
		u.p.line("")
		if len(ahead) == 0 {
			u.p.line("Part: %s.", sec.Name)
		} else {
			u.p.line("Part: %s (then %s).", sec.Name, strings.Join(ahead, ", "))
		}
	}
}

// stopped turns a read's end, a quit or a stall into Run's error, saying
// once what was written.
func (u *ui) stopped(err error) error {
	var stuck *StuckError
	switch {
	case errors.Is(err, io.EOF) || errors.Is(err, ErrAborted):
		if u.flow.Session().Written != nil {
			// The file is written; the input ended on a last "continue".
			u.showDone()
			return nil
		}
		u.sayStopped("The input ended before the end.")
		return ErrAborted
	case errors.Is(err, ErrQuit):
		u.sayStopped("Stopped.")
		return ErrQuit
	case errors.As(err, &stuck):
		u.sayStopped(stuck.Error())
		return err
	}
	return err
}

// sayStopped prints, once, why the run ends and what is on disk.
func (u *ui) sayStopped(why string) {
	u.p.line("")
	lines := u.flow.Session().Interrupted()
	if len(lines) == 1 {
		u.errs.line("%s Nothing was written.", why)
		return
	}
	u.errs.line("%s These changes were already made and are kept:", why)
	for _, l := range lines[1:] {
		u.errs.line("%s", l)
	}
}

// step shows one step: load what it needs, print it, ask its questions.
func (u *ui) step(st steps.Step) (outcome, error) {
	s := u.flow.Session()
	if l, ok := st.(steps.Loader); ok {
		if job := l.Load(s); job != nil {
			if o, err := u.load(st, job); err != nil || o != goNext {
				return o, err
			}
		}
	}
	u.announceSection()
	u.p.line("")
	u.p.line("Step: %s", st.Title())
	switch st := st.(type) {
	case *steps.ChecklistStep:
		return u.checklist(st)
	case *steps.FormStep:
		return u.form(st)
	case *steps.ChoiceStep:
		return u.choice(st)
	case *steps.TaskStep:
		return u.task(st)
	case *steps.ReviewStep:
		return u.review(st)
	case *steps.DoneStep:
		u.p.line("%s", st.Text(s))
		return goEnd, nil
	}
	u.p.line("(This step cannot be shown in line mode; going on.)")
	return goNext, nil
}

// showDone moves on to the done step and prints it.
func (u *ui) showDone() {
	for st := u.flow.Next(); st != nil; st = u.flow.Next() {
		if d, ok := st.(*steps.DoneStep); ok {
			u.p.line("")
			u.p.line("%s", d.Title())
			u.p.line("%s", d.Text(u.flow.Session()))
			return
		}
	}
}

func isTerminal(r io.Reader) bool {
	f, ok := r.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// ask prints the question and reads an answer, handling back and quit. A
// "back" where there is nothing to go back to is asked again, and counts
// as a refusal, so `yes b |` stops instead of asking forever.
func (u *ui) ask(question string, secretInput bool) (string, error) {
	for {
		u.p.text("%s ", question)
		text, err := u.in.read(u.ctx, secretInput)
		if !u.terminal || secretInput && u.in.secret != nil {
			u.p.line("")
		}
		if err != nil {
			return "", err
		}
		switch strings.ToLower(strings.TrimSpace(text)) {
		case "back", "b":
			if u.flow.CanBack() {
				return "", errBack
			}
			if err := u.refuse("going back", "There is no earlier step to go back to here."); err != nil {
				return "", err
			}
			continue
		case "quit", "q":
			return "", ErrQuit
		}
		return text, nil
	}
}

// answerOutcome maps ask's errors to a step outcome.
func answerOutcome(err error) (outcome, error) {
	if errors.Is(err, errBack) {
		return goBack, nil
	}
	return goStay, err
}

func (u *ui) enterToContinue() (outcome, error) {
	if _, err := u.ask("Press Enter to continue.", false); err != nil {
		return answerOutcome(err)
	}
	return goNext, nil
}
