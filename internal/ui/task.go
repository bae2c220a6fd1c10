package ui

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/onboard-dev/onboard/internal/steps"
)

// taskScreen runs a step's checks with live progress; after a run it
// offers to continue (nothing failed), retry, edit the keys, or skip with a
// warning.
type taskScreen struct {
	checks
	scroll
	step *steps.TaskStep
	// shown: the run whose outcome was brought into view
	shown *jobRun
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
	if t.key(k, keys, true) {
		return nil
	}
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
	case key.Matches(k, keys.Next) && t.step.Advisory(t.c.session) != "":
		t.step.SkipFailed(t.c.session)
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
	var above []string
	if t.step.Intro != "" {
		above = append(lines(wrap(t.step.Intro, width-2)), "")
	}
	list, bad := t.list(width)
	if bad >= 0 && t.shown != t.run && !t.running {
		// A finished run: bring the first failure or warning into view,
		// with the line above it for context, when it would be hidden.
		t.shown = t.run
		if at := len(above) + bad; at+6 > height {
			t.want = at - 1
		}
	}
	above = append(append(above, list...), "")
	// The verdict and its keys are pinned: the list scrolls.
	var verdict string
	switch {
	case t.running:
		verdict = t.spin.View() + " " + wrap("Working… (esc cancels)", width-4)
	case t.passed() && t.warned():
		verdict = paint(th.Warn, wrap("Checked, with warnings above.", width-2)) + "\n" + paint(th.Key, wrap("Press Enter to continue.", width-2))
	case t.passed():
		verdict = paint(th.OK, wrap("All checks passed.", width-2)) + "\n" + paint(th.Key, wrap("Press Enter to continue.", width-2))
	case t.step.Advisory(t.c.session) != "":
		verdict = paint(th.Warn, wrap(t.step.Advisory(t.c.session), width-2)) + "\n" + paint(th.Key, wrap("Press Enter to continue; r retries.", width-2))
	default:
		msg := "Enter or r retries"
		if !t.step.EditID.IsZero() {
			msg += ", e edits the keys"
		}
		if t.canSkip() {
			msg += ", s skips (you will be reminded)"
		}
		verdict = paint(th.Bad, wrap("Something failed.", width-2)) + "\n" + paint(th.Key, wrap(msg+".", width-2))
	}
	return t.fit(th, above, lines(verdict), nil, height)
}

func (t *taskScreen) bindings() []key.Binding {
	keys := t.c.keys
	switch {
	case t.running:
		return keys.withNav()
	case t.passed():
		return keys.withNav(keys.Next)
	case t.step.Advisory(t.c.session) != "":
		return keys.withNav(keys.Next, keys.Retry)
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
	scroll
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
	if !ok || l.key(k, l.c.keys, true) {
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
	th := l.c.theme
	list, _ := l.list(width)
	status := l.spin.View() + " " + wrap("Working… (esc cancels)", width-4)
	if !l.running {
		status = paint(th.Bad, wrap("Something failed.", width-2)) + "\n" + paint(th.Key, wrap("Enter or r retries.", width-2))
	}
	return l.fit(th, append(list, ""), lines(status), nil, height)
}

func (l *loaderScreen) bindings() []key.Binding {
	if l.running {
		return l.c.keys.withNav()
	}
	return l.c.keys.withNav(l.c.keys.Retry)
}
