package ui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/onboard-dev/onboard/internal/steps"
)

// taskScreen runs a step's checks with live progress; after a run it
// offers to continue (nothing failed), retry, edit the keys, or skip with a
// warning.
type taskScreen struct {
	checks
	step *steps.TaskStep
}

func newTaskScreen(c *common, st *steps.TaskStep) *taskScreen {
	return &taskScreen{checks: newChecks(c), step: st}
}

// begin starts the step's job for the answers so far.
func (t *taskScreen) begin() tea.Cmd { return t.start(t.step.Job(t.c.session)) }

func (t *taskScreen) update(msg tea.Msg) tea.Cmd {
	if _, cmd := t.checks.update(msg); cmd != nil {
		return cmd
	}
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil
	}
	keys := t.c.keys
	switch {
	case key.Matches(k, keys.Back) && t.step.NoSkip && t.c.session.Written != nil:
		return nil
	case key.Matches(k, keys.Back):
		t.stop()
		return t.c.navigate(navBack)
	case t.running:
		return nil
	case key.Matches(k, keys.Next) && t.passed():
		return t.c.navigate(navNext)
	case key.Matches(k, keys.Next), key.Matches(k, keys.Retry):
		return t.begin()
	case key.Matches(k, keys.Edit) && !t.step.EditID.IsZero():
		return t.c.backTo(t.step.EditID)
	case key.Matches(k, keys.Skip) && t.canSkip():
		t.step.SkipFailed(t.c.session)
		return t.c.navigate(navNext)
	}
	return nil
}

func (t *taskScreen) canSkip() bool {
	return !t.step.NoSkip && !t.running && !t.passed()
}

func (t *taskScreen) body(width, height int) string {
	th := t.c.theme
	intro := ""
	if t.step.Intro != "" {
		intro = wrap(t.step.Intro, width-2) + "\n\n"
	}
	// The list gives way first: the verdict and the keys must stay visible.
	room := height - strings.Count(intro, "\n") - 3
	var b strings.Builder
	b.WriteString(intro + t.list(width, room) + "\n\n")
	switch {
	case t.running:
		b.WriteString(t.spin.View() + " Working… (esc cancels)")
	case t.passed() && t.warned():
		b.WriteString(th.Warn.Render("Checked, with warnings above.") + " Press Enter to continue.")
	case t.passed():
		b.WriteString(th.OK.Render("All checks passed.") + " Press Enter to continue.")
	default:
		msg := "Something failed. Enter or r retries"
		if !t.step.EditID.IsZero() {
			msg += ", e edits the keys"
		}
		if t.canSkip() {
			msg += ", s skips (you will be reminded)"
		}
		b.WriteString(th.Bad.Render(msg + "."))
	}
	return b.String()
}

func (t *taskScreen) bindings() []key.Binding {
	keys := t.c.keys
	switch {
	case t.running:
		return keys.withNav()
	case t.passed():
		return keys.withNav(keys.Next)
	}
	b := []key.Binding{keys.Retry}
	if !t.step.EditID.IsZero() {
		b = append(b, keys.Edit)
	}
	if t.canSkip() {
		b = append(b, keys.Skip)
	}
	return keys.withNav(b...)
}

// loaderScreen runs what a step needs before it can be drawn (reading the
// .env, a diff). On success the step is shown at once; on failure the
// reason stays, with retry and back.
type loaderScreen struct {
	checks
	step steps.Step
	load steps.Loader
}

func newLoaderScreen(c *common, st steps.Step, l steps.Loader) *loaderScreen {
	return &loaderScreen{checks: newChecks(c), step: st, load: l}
}

func (l *loaderScreen) update(msg tea.Msg) tea.Cmd {
	if done, cmd := l.checks.update(msg); done != nil || cmd != nil {
		if done != nil && steps.Passed(done.Results) {
			return l.c.navigate(navShow)
		}
		return cmd
	}
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil
	}
	switch {
	case key.Matches(k, l.c.keys.Back):
		l.stop()
		return l.c.navigate(navBack)
	case l.running:
		return nil
	case key.Matches(k, l.c.keys.Next), key.Matches(k, l.c.keys.Retry):
		if job := l.load.Load(l.c.session); job != nil {
			return l.start(job)
		}
		return l.c.navigate(navShow)
	}
	return nil
}

func (l *loaderScreen) body(width, height int) string {
	var b strings.Builder
	b.WriteString(l.list(width, height-3) + "\n\n")
	if l.running {
		b.WriteString(l.spin.View() + " Working… (esc cancels)")
	} else {
		b.WriteString(l.c.theme.Bad.Render("Something failed. Enter or r retries."))
	}
	return b.String()
}

func (l *loaderScreen) bindings() []key.Binding {
	if l.running {
		return l.c.keys.withNav()
	}
	return l.c.keys.withNav(l.c.keys.Retry)
}
