// Package ui is the bubbletea front end of the wizard: one component per
// kind of step (internal/steps decides the flow; this package only draws
// screens and reads keys). Disk, git and network work runs in tea.Cmds
// with a context cancelled on quit; View only joins cached strings.
package ui

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/onboard-dev/onboard/internal/steps"
)

// screen is one kind of step on screen.
type screen interface {
	// update handles a message for this screen; root handles navigation.
	update(m *Model, msg tea.Msg) tea.Cmd
	// body draws the screen's content for this width and height.
	body(m *Model, width, height int) string
	// bindings are the keys that work now, for the footer.
	bindings() []key.Binding
}

// snapshotMsg asks the running program for its current frame.
type snapshotMsg chan string

// Model is the root of the program.
type Model struct {
	flow   *steps.Flow
	theme  Theme
	help   help.Model
	ctx    context.Context
	cancel context.CancelFunc

	width, height int
	scr           screen
	// writing counts jobs under way that change the disk (Job.Writes).
	writing  sync.WaitGroup
	gen      int // bumps on every screen change; stale job messages are dropped
	quitting bool
	finished bool // the done screen was left with Enter

	// view cache: View is called often and must stay cheap.
	dirty     bool
	cached    string
	header    string
	headerKey string
}

// New builds the root model for a flow.
func New(flow *steps.Flow) *Model {
	ctx, cancel := context.WithCancel(context.Background())
	h := help.New()
	th := NewTheme()
	h.Styles.ShortKey = th.Title
	h.Styles.ShortDesc = th.Dim
	h.Styles.ShortSeparator = th.Dim
	h.Styles.Ellipsis = th.Dim
	m := &Model{flow: flow, theme: th, help: h, ctx: ctx, cancel: cancel, width: 80, height: 24, dirty: true}
	return m
}

// Finished reports whether the user reached the end and left it.
func (m *Model) Finished() bool { return m.finished }

// Session is the collected state.
func (m *Model) Session() *steps.Session { return m.flow.Session() }

// Init enters the first step.
func (m *Model) Init() tea.Cmd { return m.enter() }

// Update routes a message: quit and resize first, then the screen.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	m.dirty = true
	switch msg := msg.(type) {
	case tea.KeyMsg:
		// Ctrl+C before any focused input can swallow it.
		if key.Matches(msg, keys.Quit) {
			m.quitting = true
			m.cancel()
			return m, tea.Interrupt
		}
	case snapshotMsg:
		// Read the frame on the program's goroutine (tests, benchmarks).
		msg <- m.View()
		return m, nil
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.help.Width = msg.Width
		if r, ok := m.scr.(interface{ resize(width int) }); ok {
			r.resize(msg.Width)
		}
		return m, nil
	}
	if m.scr == nil {
		return m, nil
	}
	if _, key := msg.(tea.KeyMsg); key && m.tooSmall() {
		return m, nil // nothing is acted on blind; Ctrl+C still quits
	}
	return m, m.scr.update(m, msg)
}

// The smallest terminal a screen is drawn in. Below it a screen would cut
// its decision and keys away, so the program asks for a larger terminal
// and takes no keys but Ctrl+C until it gets one.
const (
	minWidth  = 40
	minHeight = 10
)

func (m *Model) tooSmall() bool { return m.width < minWidth || m.height < minHeight }

// tooSmallView asks for a larger terminal, in as few lines as fit.
func (m *Model) tooSmallView() string {
	msg := fmt.Sprintf("Make the terminal at least %d×%d (it is %d×%d); onboard goes on when it is. Ctrl+C quits.", minWidth, minHeight, m.width, m.height)
	lines := strings.Split(wrapMin(msg, m.width, 1), "\n")
	for i, l := range lines {
		lines[i] = clipWidth(l, m.width)
	}
	return strings.Join(lines[:min(len(lines), max(m.height, 1))], "\n")
}

// View joins header, body and footer, cut to the terminal's height.
func (m *Model) View() string {
	if m.quitting || m.finished {
		return ""
	}
	if !m.dirty && m.cached != "" {
		return m.cached
	}
	if m.tooSmall() {
		m.cached, m.dirty = m.tooSmallView(), false
		return m.cached
	}
	header := m.headerView()
	footer := m.help.ShortHelpView(m.footerKeys())
	room := m.height - lipgloss.Height(header) - 2
	if room < 3 {
		room = 3
	}
	body := fitHeight(m.scr.body(m, m.width, room), room)
	m.cached = header + "\n" + body + "\n\n" + footer
	m.dirty = false
	return m.cached
}

// footerKeys are the screen's keys, without Back where it cannot move.
func (m *Model) footerKeys() []key.Binding {
	bs := m.scr.bindings()
	if m.flow.CanBack() {
		return bs
	}
	out := make([]key.Binding, 0, len(bs))
	for _, b := range bs {
		if b.Help().Key != keys.Back.Help().Key {
			out = append(out, b)
		}
	}
	return out
}

func (m *Model) headerView() string {
	st := m.flow.Current()
	n, total := m.flow.Position()
	k := fmt.Sprintf("%s|%d|%d|%d", st.ID(), n, total, m.width)
	if k == m.headerKey {
		return m.header
	}
	right := fmt.Sprintf("step %d of %d", n, total)
	left := "onboard · " + st.Title()
	if m.width-lipgloss.Width(right)-1 < lipgloss.Width(left) {
		// Narrow terminal: the title gives way, the progress stays.
		left = clip(left, max(m.width-lipgloss.Width(right)-1, 8))
	}
	gap := max(m.width-lipgloss.Width(left)-lipgloss.Width(right), 1)
	barW := m.width
	if barW > 60 {
		barW = 60
	}
	filled := 0
	if total > 0 {
		filled = barW * n / total
	}
	line1 := m.theme.Title.Render(left) + strings.Repeat(" ", gap) + m.theme.Dim.Render(right)
	line2 := m.theme.Bar.Render(strings.Repeat("━", filled)) + m.theme.BarEmpty.Render(strings.Repeat("─", barW-filled))
	m.header, m.headerKey = line1+"\n"+line2, k
	return m.header
}

// fitHeight keeps the first n lines, so an inline frame never loses its top.
func fitHeight(s string, n int) string {
	lines := strings.Split(s, "\n")
	if len(lines) <= n {
		return s
	}
	return strings.Join(lines[:n], "\n")
}

// enter builds the screen of the current step, loading it first if needed.
func (m *Model) enter() tea.Cmd {
	m.gen++
	m.dirty = true
	st := m.flow.Current()
	if l, ok := st.(steps.Loader); ok {
		if job := l.Load(m.flow.Session()); job != nil {
			t := newTaskScreen(m, job, nil)
			t.loading = true
			m.scr = t
			return t.start(m)
		}
	}
	return m.show()
}

// show builds the screen of the current step (its data is loaded).
func (m *Model) show() tea.Cmd {
	m.dirty = true
	s := m.flow.Session()
	switch st := m.flow.Current().(type) {
	case *steps.InfoStep:
		m.scr = newTextScreen(st.Lines(s), false)
	case *steps.DoneStep:
		m.scr = newTextScreen(st.Lines(s), true)
	case *steps.ChecklistStep:
		m.scr = newChecklistScreen(st, s)
	case *steps.FormStep:
		fs, cmd := newFormScreen(m, st, s)
		fs.resize(m.width)
		m.scr = fs
		return cmd
	case *steps.ChoiceStep:
		m.scr = newChoiceScreen(st, s)
	case *steps.TaskStep:
		t := newTaskScreen(m, st.Job(s), st)
		m.scr = t
		return t.start(m)
	case *steps.ReviewStep:
		m.scr = newReviewScreen(st.Plan(s))
	}
	return nil
}

// next moves the flow forward; past the last step the program ends.
func (m *Model) next() tea.Cmd {
	if m.flow.Next() == nil {
		m.finished = true
		m.cancel()
		return tea.Quit
	}
	return m.enter()
}

// back moves the flow back when it can.
func (m *Model) back() tea.Cmd {
	if !m.flow.Back() {
		return nil
	}
	return m.enter()
}

// backTo goes back to a named step (a task's "edit keys").
func (m *Model) backTo(id string) tea.Cmd {
	if !m.flow.BackTo(id) {
		return nil
	}
	return m.enter()
}

// waitForWrites waits up to d for the jobs that change the disk, and
// reports whether they all ended.
func (m *Model) waitForWrites(d time.Duration) bool {
	done := make(chan struct{})
	go func() {
		m.writing.Wait()
		close(done)
	}()
	select {
	case <-done:
		return true
	case <-time.After(d):
		return false
	}
}
