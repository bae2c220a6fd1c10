package ui

import (
	"context"
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/onboard-dev/onboard/internal/providers"
	"github.com/onboard-dev/onboard/internal/steps"
)

// Job messages carry the screen generation they belong to, so a result
// arriving after the user moved on is dropped.
type jobProgress struct {
	gen int
	r   providers.Result
}

type jobDone struct {
	gen     int
	outcome steps.Outcome
}

// taskScreen runs a job and shows each named check's live status. It also
// loads a step's data (loading=true): then success moves straight on.
type taskScreen struct {
	step    *steps.TaskStep // nil when loading
	job     *steps.Job
	names   []string
	status  map[string]providers.Result
	results []providers.Result
	running bool
	loading bool
	spin    spinner.Model
	cancel  context.CancelFunc
	ch      chan tea.Msg
}

func newTaskScreen(m *Model, job *steps.Job, st *steps.TaskStep) *taskScreen {
	sp := spinner.New(spinner.WithSpinner(spinner.Dot))
	sp.Style = m.theme.Accent
	return &taskScreen{step: st, job: job, names: job.Checks, status: map[string]providers.Result{}, spin: sp}
}

// start runs the job in the background; results come back as messages.
func (t *taskScreen) start(m *Model) tea.Cmd {
	m.gen++
	gen := m.gen
	ctx, cancel := context.WithCancel(m.ctx)
	t.cancel, t.running, t.results = cancel, true, nil
	t.status = map[string]providers.Result{}
	ch := make(chan tea.Msg, 16)
	t.ch = ch
	job := t.job
	if job.Writes {
		m.writing.Add(1)
	}
	go func() {
		if job.Writes {
			defer m.writing.Done()
		}
		send := func(msg tea.Msg) {
			select {
			case ch <- msg:
			case <-ctx.Done():
			}
		}
		o := job.Run(ctx, func(r providers.Result) { send(jobProgress{gen: gen, r: r}) })
		send(jobDone{gen: gen, outcome: o})
	}()
	return tea.Batch(t.spin.Tick, t.listen())
}

func (t *taskScreen) listen() tea.Cmd {
	ch := t.ch
	return func() tea.Msg { return <-ch }
}

func (t *taskScreen) stop() {
	if t.cancel != nil {
		t.cancel()
	}
}

func (t *taskScreen) passed() bool { return !t.running && steps.Passed(t.results) }

func (t *taskScreen) update(m *Model, msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case spinner.TickMsg:
		if !t.running {
			return nil
		}
		var cmd tea.Cmd
		t.spin, cmd = t.spin.Update(msg)
		return cmd
	case jobProgress:
		if msg.gen != m.gen {
			return nil
		}
		t.status[msg.r.Name] = msg.r
		return t.listen()
	case jobDone:
		if msg.gen != m.gen {
			return nil
		}
		t.running, t.results = false, msg.outcome.Results
		t.cancel()
		for _, r := range t.results {
			t.status[r.Name] = r
		}
		msg.outcome.ApplyTo(m.Session())
		if t.loading && steps.Passed(t.results) {
			return m.show()
		}
		return nil
	case tea.KeyMsg:
		switch {
		case key.Matches(msg, keys.Back) && t.step != nil && t.step.NoSkip && m.Session().Written != nil:
			return nil
		case key.Matches(msg, keys.Back):
			t.stop()
			return m.back()
		case t.running:
			return nil
		case key.Matches(msg, keys.Next) && t.passed():
			return m.next()
		case key.Matches(msg, keys.Next), key.Matches(msg, keys.Retry):
			return t.retry(m)
		case key.Matches(msg, keys.Edit) && t.step != nil && t.step.EditID != "":
			return m.backTo(t.step.EditID)
		case key.Matches(msg, keys.Skip) && t.canSkip():
			t.step.SkipFailed(m.Session())
			return m.next()
		}
	}
	return nil
}

func (t *taskScreen) warned() bool {
	for _, r := range t.results {
		if r.Status == providers.Warn {
			return true
		}
	}
	return false
}

func (t *taskScreen) canSkip() bool {
	return t.step != nil && !t.step.NoSkip && !t.running && !t.passed()
}

func (t *taskScreen) retry(m *Model) tea.Cmd {
	if t.step != nil {
		t.job = t.step.Job(m.Session())
		t.names = t.job.Checks
	} else if l, ok := m.flow.Current().(steps.Loader); ok {
		t.job = l.Load(m.Session())
	}
	return t.start(m)
}

func (t *taskScreen) body(m *Model, width, height int) string {
	th := m.theme
	var intro, b strings.Builder
	if t.step != nil && t.step.Intro != "" {
		intro.WriteString(wrap(t.step.Intro, width-2) + "\n\n")
	}
	names := t.names
	for _, r := range t.results {
		if _, listed := t.status[r.Name]; listed && !contains(names, r.Name) {
			names = append(names, r.Name)
		}
	}
	for _, n := range names {
		r, ok := t.status[n]
		var head string
		switch {
		case !ok && t.running:
			head = "  " + th.Dim.Render("· "+n+"  pending")
		case !ok:
			head = "  " + th.Dim.Render("· "+n+"  not run")
		case r.Status == providers.Running || r.Status == providers.Pending:
			head = "  " + t.spin.View() + " " + n
		case r.Status == providers.Pass:
			head = "  " + th.OK.Render("✓") + " " + n
		case r.Status == providers.Fail:
			head = "  " + th.Bad.Render("✗ "+n)
		case r.Status == providers.Warn:
			head = "  " + th.Warn.Render("! "+n)
		default:
			head = "  " + th.Dim.Render("- "+n+"  "+string(r.Status))
		}
		b.WriteString(head)
		if ok && r.Detail != "" {
			// The detail goes on the same line when it fits, else below.
			if lipgloss.Width(head)+2+lipgloss.Width(r.Detail) <= width {
				b.WriteString("  " + th.Dim.Render(r.Detail))
			} else {
				b.WriteString("\n" + paint(th.Dim, wrap("      "+r.Detail, width-1)))
			}
		}
		if ok && r.Hint != "" && (r.Status == providers.Fail || r.Status == providers.Warn) {
			b.WriteString("\n" + wrap("      "+r.Hint, width-1))
		}
		b.WriteString("\n")
	}
	// The list gives way first: the verdict and the keys must stay visible.
	list := strings.TrimSuffix(b.String(), "\n")
	room := height - strings.Count(intro.String(), "\n") - 3
	if lines := strings.Count(list, "\n") + 1; lines > room && room > 1 {
		list = fitHeight(list, room-1) + "\n" + th.Dim.Render(fmt.Sprintf("  … %d more lines (a taller terminal shows them)", lines-room+1))
	}
	b.Reset()
	b.WriteString(intro.String() + list + "\n\n")
	switch {
	case t.running:
		b.WriteString(t.spin.View() + " Working… (esc cancels)")
	case t.passed() && t.warned():
		b.WriteString(th.Warn.Render("Checked, with warnings above.") + " Press Enter to continue.")
	case t.passed():
		b.WriteString(th.OK.Render("All checks passed.") + " Press Enter to continue.")
	default:
		msg := "Something failed. Enter or r retries"
		if t.step != nil && t.step.EditID != "" {
			msg += ", e edits the keys"
		}
		if t.canSkip() {
			msg += ", s skips (you will be reminded)"
		}
		b.WriteString(th.Bad.Render(msg + "."))
	}
	return b.String()
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func (t *taskScreen) bindings() []key.Binding {
	switch {
	case t.running:
		return withNav()
	case t.passed():
		return withNav(keys.Next)
	}
	b := []key.Binding{keys.Retry}
	if t.step != nil && t.step.EditID != "" {
		b = append(b, keys.Edit)
	}
	if t.canSkip() {
		b = append(b, keys.Skip)
	}
	return withNav(b...)
}
