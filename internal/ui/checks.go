package ui

import (
	"context"
	"github.com/onboard-dev/onboard/internal/termsafe"
	"slices"

	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/onboard-dev/onboard/internal/providers"
	"github.com/onboard-dev/onboard/internal/steps"
)

// checks runs one job at a time and shows each named check's live status:
// the part the task screen and the loader share. Job messages carry the
// run they belong to, so an answer arriving after a retry or after the
// person moved on is dropped.
type checks struct {
	c       *common
	job     *steps.Job
	names   []string
	status  map[string]providers.Result
	results []providers.Result
	running bool
	spin    spinner.Model
	run     *jobRun // the run under way or last finished
}

// jobRun identifies one run of a job; its messages point back at it.
type jobRun struct {
	cancel context.CancelFunc
	ch     chan tea.Msg
}

type jobProgress struct {
	run *jobRun
	r   providers.Result
}

type jobDone struct {
	run     *jobRun
	outcome steps.Outcome
}

func newChecks(c *common) checks {
	sp := spinner.New(spinner.WithSpinner(spinner.Dot))
	sp.Style = c.theme.Spinner
	return checks{c: c, status: map[string]providers.Result{}, spin: sp}
}

// start runs job in the background; results come back as messages.
func (k *checks) start(job *steps.Job) tea.Cmd {
	k.stop()
	ctx, cancel := context.WithCancel(k.c.ctx)
	run := &jobRun{cancel: cancel, ch: make(chan tea.Msg, 16)}
	k.job, k.names, k.run = job, job.Checks, run
	k.running, k.results, k.status = true, nil, map[string]providers.Result{}
	if job.Writes {
		k.c.writing.Add(1)
	}
	go func() {
		// Closed at the end, so a listener of a cancelled run (whose last
		// messages were dropped) returns instead of waiting forever.
		defer close(run.ch)
		if job.Writes {
			defer k.c.writing.Done()
		}
		send := func(msg tea.Msg) {
			select {
			case run.ch <- msg:
			case <-ctx.Done():
			}
		}
		o := job.Run(ctx, func(r providers.Result) { send(jobProgress{run: run, r: r}) })
		send(jobDone{run: run, outcome: o})
	}()
	return tea.Batch(k.spin.Tick, listen(run))
}

func listen(run *jobRun) tea.Cmd {
	return func() tea.Msg {
		msg, ok := <-run.ch
		if !ok {
			return nil // the run ended without a word for us (cancelled)
		}
		return msg
	}
}

// stop cancels the run under way, if any.
func (k *checks) stop() {
	if k.run != nil {
		k.run.cancel()
	}
}

// update takes the job's messages; done is the outcome once the run ends
// (already applied to the session), nil otherwise.
func (k *checks) update(msg tea.Msg) (done *steps.Outcome, cmd tea.Cmd) {
	switch msg := msg.(type) {
	case spinner.TickMsg:
		if !k.running {
			return nil, nil
		}
		k.spin, cmd = k.spin.Update(msg)
		return nil, cmd
	case jobProgress:
		if msg.run != k.run {
			return nil, nil
		}
		k.status[msg.r.Name] = msg.r
		return nil, listen(k.run)
	case jobDone:
		if msg.run != k.run {
			return nil, nil
		}
		k.running, k.results = false, msg.outcome.Results
		k.run.cancel()
		for _, r := range k.results {
			k.status[r.Name] = r
		}
		msg.outcome.ApplyTo(k.c.session)
		return &msg.outcome, nil
	}
	return nil, nil
}

func (k *checks) passed() bool { return !k.running && steps.Passed(k.results) }

func (k *checks) warned() bool {
	return slices.ContainsFunc(k.results, func(r providers.Result) bool { return r.Status == providers.Warn })
}

// list draws every check with its status, detail and, for a failure or a
// warning, its hint. firstBad is the line of the first failure or
// warning (-1 when none), for the screen to bring into view.
func (k *checks) list(width int) (out []string, firstBad int) {
	th := k.c.theme
	firstBad = -1
	names := k.names
	for _, r := range k.results {
		if _, listed := k.status[r.Name]; listed && !slices.Contains(names, r.Name) {
			names = append(names, r.Name)
		}
	}
	for _, name := range names {
		r, ok := k.status[name]
		// A check's name and detail may quote a server or a file: as text.
		n, detail := termsafe.Plain(name), termsafe.Plain(r.Detail)
		var head string
		switch {
		case !ok && k.running:
			head = "  " + th.Dim.Render(clipWidth("· "+n+"  pending", width-2))
		case !ok:
			head = "  " + th.Dim.Render(clipWidth("· "+n+"  not run", width-2))
		case r.Status == providers.Running || r.Status == providers.Pending:
			head = "  " + k.spin.View() + " " + n
		case r.Status == providers.Pass:
			head = "  " + th.OK.Render("✓") + " " + n
		case r.Status == providers.Fail:
			head = "  " + th.Bad.Render("✗ "+n)
		case r.Status == providers.Warn:
			head = "  " + th.Warn.Render("! "+n)
		default:
			head = "  " + th.Dim.Render("- "+n+"  "+r.Status.Word())
		}
		if ok && firstBad < 0 && (r.Status == providers.Fail || r.Status == providers.Warn) {
			firstBad = len(out)
		}
		if ok && detail != "" && lipgloss.Width(head)+2+lipgloss.Width(detail) <= width {
			// The detail goes on the same line when it fits, else below.
			out = append(out, head+"  "+th.Dim.Render(detail))
		} else {
			out = append(out, head)
			if ok && detail != "" {
				out = append(out, lines(paint(th.Dim, wrap("      "+detail, width-1)))...)
			}
		}
		if ok && r.Hint != "" && (r.Status == providers.Fail || r.Status == providers.Warn) {
			out = append(out, lines(wrap("      "+r.Hint, width-1))...)
		}
		if ok && r.LeftBehind != "" {
			out = append(out, lines(paint(th.Warn, wrap("      May be left behind: "+r.LeftBehind, width-1)))...)
		}
	}
	return out, firstBad
}
