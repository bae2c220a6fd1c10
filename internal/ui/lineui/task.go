package lineui

import (
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/onboard-dev/onboard/internal/providers"
	"github.com/onboard-dev/onboard/internal/steps"
)

// runJob runs a job synchronously, printing each check's status whenever
// it changes, then finishes it on this goroutine.
func (u *ui) runJob(job *steps.Job) []providers.Result {
	return u.runJobQuiet(job, false)
}

// runJobQuiet runs a job; quiet prints nothing unless a check failed (a
// step's loading is only worth reading about when it went wrong).
func (u *ui) runJobQuiet(job *steps.Job, quiet bool) []providers.Result {
	if quiet {
		o := job.Run(u.ctx, func(providers.Result) {})
		if !steps.Passed(o.Results) {
			for _, r := range o.Results {
				u.p.line("%s", resultLine(r))
			}
		}
		o.ApplyTo(u.flow.Session())
		return o.Results
	}
	var mu sync.Mutex
	last := map[string]providers.Status{}
	report := func(r providers.Result) {
		mu.Lock()
		defer mu.Unlock()
		if last[r.Name] == r.Status {
			return
		}
		last[r.Name] = r.Status
		u.p.line("%s", resultLine(r))
	}
	o := job.Run(u.ctx, report)
	for _, r := range o.Results {
		report(r) // a job that reports nothing still gets its verdicts printed
	}
	o.ApplyTo(u.flow.Session())
	return o.Results
}

func resultLine(r providers.Result) string {
	line := "[" + r.Status.Word() + "] " + r.Name
	if r.Detail != "" && r.Status != providers.Running && r.Status != providers.Pending {
		line += ": " + r.Detail
	}
	if r.Hint != "" && (r.Status == providers.Fail || r.Status == providers.Warn) {
		line += " - " + r.Hint
	}
	return line
}

// load runs a step's loader; on failure it offers retry, back and quit.
func (u *ui) load(st steps.Step, job *steps.Job) (outcome, error) {
	for {
		results := u.runJobQuiet(job, true)
		if err := u.ctx.Err(); err != nil {
			return goStay, err
		}
		what := "preparing " + strconv.Quote(st.Title())
		if steps.Passed(results) {
			u.accepted(what)
			return goNext, nil
		}
		if err := u.refuse(what, "Preparing "+strconv.Quote(st.Title())+" failed."); err != nil {
			return goStay, err
		}
		acts := []action{{"retry", "Try again"}}
		if u.flow.CanBack() {
			acts = append(acts, action{"back", "Go back to the previous step"})
		}
		acts = append(acts, action{"quit", "Quit without writing anything"})
		a, err := u.pick(acts)
		if err != nil {
			return answerOutcome(err)
		}
		switch a {
		case "back":
			return goBack, nil
		case "quit":
			return goStay, ErrQuit
		}
		job = st.(steps.Loader).Load(u.flow.Session())
		if job == nil {
			return goNext, nil
		}
	}
}

// task runs the step's checks and offers what the steps API allows next.
func (u *ui) task(st *steps.TaskStep) (outcome, error) {
	s := u.flow.Session()
	if st.Intro != "" {
		u.p.line("%s", st.Intro)
	}
	for {
		results := u.runJob(st.Job(s))
		if err := u.ctx.Err(); err != nil {
			return goStay, err
		}
		what := "the checks of " + strconv.Quote(st.Title())
		if steps.Passed(results) {
			u.accepted(what)
			if hasWarning(results) {
				u.p.line("Passed, with warnings above.")
			} else {
				u.p.line("All checks passed.")
			}
			return u.enterToContinue()
		}
		if note := st.Advisory(s); note != "" {
			u.accepted(what)
			u.p.line("Failed: %s. %s", failedNames(results), note)
			st.SkipFailed(s)
			return u.enterToContinue()
		}
		if err := u.refuse(what, "Some checks failed: "+failedNames(results)+"."); err != nil {
			return goStay, err
		}
		acts := []action{{"retry", "Retry the checks"}}
		if !st.EditID.IsZero() {
			acts = append(acts, action{"edit", "Edit the keys"})
		}
		if !st.NoSkip {
			acts = append(acts, action{"skip", "Skip and go on with failing checks (you will be warned at the end)"})
		}
		a, err := u.pick(acts)
		if err != nil {
			return answerOutcome(err)
		}
		switch a {
		case "edit":
			if u.flow.BackTo(st.EditID) {
				return goStay, nil
			}
			u.p.line("The keys' step was not shown in this run; retrying instead.")
		case "skip":
			st.SkipFailed(s)
			return goNext, nil
		}
	}
}

func failedNames(results []providers.Result) string {
	var names []string
	for _, r := range results {
		if r.Status == providers.Fail {
			names = append(names, r.Name)
		}
	}
	return strings.Join(names, ", ")
}

func hasWarning(results []providers.Result) bool {
	for _, r := range results {
		if r.Status == providers.Warn {
			return true
		}
	}
	return false
}

type action struct{ id, label string }

// pick asks for one of the numbered actions; Enter takes the first.
func (u *ui) pick(acts []action) (string, error) {
	for i, a := range acts {
		u.p.line("  %d. %s", i+1, a.label)
	}
	for {
		ans, err := u.ask("Type a number, or press Enter for the default: "+strings.ToLower(acts[0].label)+".", false)
		if err != nil {
			return "", err
		}
		ans = strings.TrimSpace(ans)
		if ans == "" {
			return acts[0].id, nil
		}
		if n, err := strconv.Atoi(ans); err == nil && n >= 1 && n <= len(acts) {
			u.accepted("the choice of what to do next")
			return acts[n-1].id, nil
		}
		if err := u.refuse("the choice of what to do next", fmt.Sprintf("%s is not one of the numbers 1 to %d.", echo(ans), len(acts))); err != nil {
			return "", err
		}
	}
}

// echo quotes a wrong answer back only when it is short: a long one may
// be a credential pasted at the wrong question.
func echo(s string) string {
	if len([]rune(s)) > 8 {
		return "That answer"
	}
	return strconv.Quote(s)
}
