// Package ui is the bubbletea front end of the wizard: one component per
// kind of step (internal/steps decides the flow; this package only draws
// screens and reads keys). Disk, git and network work runs in tea.Cmds
// with a context cancelled on quit; View only joins cached strings.
package ui

import (
	"context"
	"fmt"
	"github.com/onboard-dev/onboard/internal/termsafe"
	"strings"
	"sync"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/onboard-dev/onboard/internal/steps"
)

// screen is one kind of step on screen. It answers into the session and
// asks to move with navigation messages; it never calls the root.
type screen interface {
	update(msg tea.Msg) tea.Cmd
	// body draws the screen's content for this width and height.
	body(width, height int) string
	// bindings are the keys that work now, for the footer.
	bindings() []key.Binding
}

// Model is the root of the program: it owns the flow, routes messages to
// the current screen and moves the flow when a screen asks.
type Model struct {
	flow   *steps.Flow
	c      *common
	cancel context.CancelFunc

	scr      screen
	deferred []tea.Msg // keys that came while a move was on its way
	quitting bool
	finished bool // the done screen was left with Enter

	// view cache: View is called often and must stay cheap.
	dirty     bool
	cached    string
	header    string
	headerKey string
}

// New builds the root model for a flow, drawn with lipgloss's default
// renderer (ApplyColorPolicy sets its colours).
func New(flow *steps.Flow) *Model { return newModel(flow, NewTheme(lipgloss.DefaultRenderer())) }

func newModel(flow *steps.Flow, th Theme) *Model {
	ctx, cancel := context.WithCancel(context.Background())
	c := &common{session: flow.Session(), theme: th, keys: DefaultKeyMap(), ctx: ctx, writing: &sync.WaitGroup{}, width: 80, height: 24}
	return &Model{flow: flow, c: c, cancel: cancel, dirty: true}
}

// Finished reports whether the user reached the end and left it.
func (m *Model) Finished() bool { return m.finished }

// Session is the collected state.
func (m *Model) Session() *steps.Session { return m.flow.Session() }

// Init enters the first step.
func (m *Model) Init() tea.Cmd { return m.enter() }

// Update routes a message: quit, resize and navigation first, then the
// screen.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	m.dirty = true
	switch msg := msg.(type) {
	case tea.KeyMsg:
		// Ctrl+C before any focused input can swallow it.
		if key.Matches(msg, m.c.keys.Quit) {
			m.quitting = true
			m.cancel()
			return m, tea.Interrupt
		}
		if m.tooSmall() {
			return m, nil // nothing is acted on blind
		}
		if m.c.pending > 0 {
			// A screen asked to move and the move is on its way: this key
			// is for the screen that comes next (a quick double Enter
			// answers two screens, as it would if the move were instant).
			m.deferred = append(m.deferred, msg)
			return m, nil
		}
	case tea.WindowSizeMsg:
		m.c.width, m.c.height = msg.Width, msg.Height
		if r, ok := m.scr.(interface{ resize(width int) }); ok {
			r.resize(msg.Width)
		}
		return m, nil
	case navMsg:
		m.c.pending--
		cmd := m.navigate(msg)
		if m.c.pending == 0 && len(m.deferred) > 0 {
			// Batch, not Sequence: the new screen is in place already, and
			// a Sequence would hold the keys until every command of the
			// screen's start returned (a task's listener returns only with
			// the job's first report, so Esc could not cancel a slow one).
			cmd = tea.Batch(cmd, replay(m.deferred))
			m.deferred = nil
		}
		return m, cmd
	}
	if m.scr == nil {
		return m, nil
	}
	if k, ok := msg.(tea.KeyMsg); ok {
		// The page keys scroll whatever screen is shown.
		if sc, ok := m.scr.(scroller); ok && sc.scroller().key(k, m.c.keys, false) {
			return m, nil
		}
	}
	return m, m.scr.update(msg)
}

// replay hands deferred keys back to the program, in order.
func replay(msgs []tea.Msg) tea.Cmd {
	cmds := make([]tea.Cmd, len(msgs))
	for i, msg := range msgs {
		cmds[i] = func() tea.Msg { return msg }
	}
	if len(cmds) == 1 {
		return cmds[0]
	}
	return tea.Sequence(cmds...)
}

// navigate moves the flow as a screen asked.
func (m *Model) navigate(msg navMsg) tea.Cmd {
	switch msg.kind {
	case navNext:
		if m.flow.Next() == nil {
			m.finished = true
			m.cancel()
			return tea.Quit
		}
	case navBack:
		if !m.flow.Back() {
			return nil
		}
	case navBackTo:
		if !m.flow.BackTo(msg.to) {
			return nil
		}
	case navShow:
		return m.show()
	}
	return m.enter()
}

// The smallest terminal a screen is drawn in. Below it a screen would cut
// its decision and keys away, so the program asks for a larger terminal
// and takes no keys but Ctrl+C until it gets one.
const (
	minWidth  = 40
	minHeight = 10
)

func (m *Model) tooSmall() bool { return m.c.width < minWidth || m.c.height < minHeight }

// tooSmallView asks for a larger terminal, in as few lines as fit.
func (m *Model) tooSmallView() string {
	w, h := m.c.width, m.c.height
	msg := fmt.Sprintf("Make the terminal at least %d×%d (it is %d×%d); onboard goes on when it is. Ctrl+C quits.", minWidth, minHeight, w, h)
	lines := strings.Split(wrapMin(msg, w, 1), "\n")
	for i, l := range lines {
		lines[i] = clipWidth(l, w)
	}
	return strings.Join(lines[:min(len(lines), max(h, 1))], "\n")
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
	if m.c.height >= 16 {
		// Room enough: a blank line sets the header off from the screen.
		header += "\n"
	}
	keys := m.footerKeys()
	// A very short terminal gives the footer one line, others two.
	footLines := 2
	if m.c.height < 13 {
		footLines = 1
	}
	foot := footer(m.c.theme, keys, m.c.width, footLines)
	room := func() int { return max(m.c.height-lipgloss.Height(header)-1-lipgloss.Height(foot), 1) }
	body := m.scr.body(m.c.width, room())
	if sc, ok := m.scr.(scroller); ok && sc.scroller().over {
		// Part of the screen is out of view: say how to scroll it, and lay
		// the screen out again if that took a line of the footer.
		keys = withScroll(keys, m.c.keys)
		if f := footer(m.c.theme, keys, m.c.width, footLines); lipgloss.Height(f) != lipgloss.Height(foot) {
			foot = f
			body = m.scr.body(m.c.width, room())
		} else {
			foot = f
		}
	}
	body = fitHeight(body, room())
	// The one place a frame leaves for the terminal: whatever text from
	// outside it holds (a file name, a server's message, a value), only
	// the colours onboard put there survive as escape sequences.
	m.cached = termsafe.Filter(header + "\n" + body + "\n\n" + foot)
	m.dirty = false
	return m.cached
}

// withScroll names the scroll keys before the keys every screen has.
func withScroll(bs []key.Binding, keys KeyMap) []key.Binding {
	out := make([]key.Binding, 0, len(bs)+1)
	at := len(bs)
	for i, b := range bs {
		if h := b.Help().Key; h == keys.Back.Help().Key || h == keys.Quit.Help().Key {
			at = i
			break
		}
	}
	out = append(out, bs[:at]...)
	out = append(out, keys.Scroll)
	return append(out, bs[at:]...)
}

// footerKeys are the screen's keys, without Back where it cannot move.
func (m *Model) footerKeys() []key.Binding {
	bs := m.scr.bindings()
	if m.flow.CanBack() {
		return bs
	}
	out := make([]key.Binding, 0, len(bs))
	for _, b := range bs {
		if b.Help().Key != m.c.keys.Back.Help().Key {
			out = append(out, b)
		}
	}
	return out
}

func (m *Model) headerView() string {
	th, width := m.c.theme, m.c.width
	st := m.flow.Current()
	secs := m.flow.Sections()
	k := fmt.Sprintf("%s|%v|%d", st.ID(), secs, width)
	if k == m.headerKey {
		return m.header
	}
	title := clip(st.Title(), max(width-len("onboard · "), 8))
	line1 := th.Header.App.Render("onboard") + th.Header.Title.Render(" · "+title)
	m.header, m.headerKey = line1+"\n"+sectionsView(th.Header, secs, width), k
	return m.header
}

// sectionsView is the walk's parts on one line: "✓ Start  ● Plaid  ○
// Stripe  ○ Save  ○ Done". The marks carry the meaning without colour.
// When the names do not fit, only the current part is named ("✓ ● Plaid ○
// ○ ○"), and at the narrowest only it is shown.
func sectionsView(hs HeaderStyles, secs []steps.Section, width int) string {
	render := func(named bool) string {
		parts := make([]string, len(secs))
		for i, sec := range secs {
			switch {
			case sec.Current:
				parts[i] = hs.Current.Render("● " + sec.Name)
			case sec.Done && named:
				parts[i] = hs.Done.Render("✓ " + sec.Name)
			case sec.Done:
				parts[i] = hs.Done.Render("✓")
			case named:
				parts[i] = hs.Ahead.Render("○ " + sec.Name)
			default:
				parts[i] = hs.Ahead.Render("○")
			}
		}
		sep := "  "
		if !named {
			sep = " "
		}
		return strings.Join(parts, sep)
	}
	for _, named := range []bool{true, false} {
		if line := render(named); lipgloss.Width(line) <= width {
			return line
		}
	}
	for _, sec := range secs {
		if sec.Current {
			return hs.Current.Render(clip("● "+sec.Name, width))
		}
	}
	return ""
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
	m.dirty = true
	st := m.flow.Current()
	if l, ok := st.(steps.Loader); ok {
		if job := l.Load(m.c.session); job != nil {
			ls := newLoaderScreen(m.c, st, l)
			m.scr = ls
			return ls.start(job)
		}
	}
	return m.show()
}

// show builds the screen of the current step (its data is loaded). Every
// kind of step has its screen; a kind without one is a programming error
// the exhaustive linter and TestEveryKindHasAScreen catch.
func (m *Model) show() tea.Cmd {
	m.dirty = true
	s := m.c.session
	st := m.flow.Current()
	switch st.Kind() {
	case steps.KindDone:
		m.scr = newTextScreen(m.c, st.(*steps.DoneStep).Lines(s), true)
	case steps.KindChecklist:
		m.scr = newChecklistScreen(m.c, st.(*steps.ChecklistStep))
	case steps.KindForm:
		fs, cmd := newFormScreen(m.c, st.(*steps.FormStep))
		m.scr = fs
		return cmd
	case steps.KindChoice:
		cs := st.(*steps.ChoiceStep)
		if opts := cs.Options(s); len(opts) == 1 && !cs.Multi {
			// One answer only (the welcome before a first setup): a text,
			// and Enter gives that answer.
			ts := newTextScreen(m.c, steps.PlainLines(strings.Split(cs.IntroText(s), "\n")...), false)
			ts.apply = func() error { return cs.Apply(s, []string{opts[0].Value}) }
			m.scr = ts
		} else {
			m.scr = newChoiceScreen(m.c, cs)
		}
	case steps.KindTask:
		t := newTaskScreen(m.c, st.(*steps.TaskStep))
		m.scr = t
		return t.begin()
	case steps.KindReview:
		m.scr = newReviewScreen(m.c, st.(*steps.ReviewStep).Plan(s))
	default:
		panic(fmt.Sprintf("ui: no screen for a %s step (%s)", st.Kind(), st.ID()))
	}
	return nil
}

// waitForWrites waits up to d for the jobs that change the disk, and
// reports whether they all ended.
func (m *Model) waitForWrites(d time.Duration) bool {
	done := make(chan struct{})
	go func() {
		m.c.writing.Wait()
		close(done)
	}()
	select {
	case <-done:
		return true
	case <-time.After(d):
		return false
	}
}
