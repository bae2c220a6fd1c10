package ui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/onboard-dev/onboard/internal/providers"
	"github.com/onboard-dev/onboard/internal/steps"
)

// answer marks of a confirm checklist item.
const (
	unanswered = iota
	answeredDone
	answeredNotDone
)

// checklistScreen lists the items by title; the selected one shows its
// detail and link, which o opens.
type checklistScreen struct {
	scroll
	c       *common
	step    *steps.ChecklistStep
	items   []providers.ChecklistItem
	answers []int
	cursor  int
	note    string
}

func newChecklistScreen(cm *common, st *steps.ChecklistStep) *checklistScreen {
	s := cm.session
	c := &checklistScreen{c: cm, step: st, items: st.Items(s)}
	c.answers = make([]int, len(c.items))
	// Earlier answers (or a report's confirmations) tick what is done; the
	// rest start blank, not crossed: a cross is for an item the person
	// marks "not done" here, and reads as a failure otherwise.
	for i, done := range s.Confirmed[st.ID()] {
		if i < len(c.answers) && done {
			c.answers[i] = answeredDone
		}
	}
	return c
}

func (c *checklistScreen) update(msg tea.Msg) tea.Cmd {
	keys := c.c.keys
	switch msg := msg.(type) {
	case openedMsg:
		c.note = msg.note
	case tea.KeyMsg:
		switch {
		case key.Matches(msg, keys.Next):
			if c.step.Confirm {
				done := make([]bool, len(c.answers))
				for i, a := range c.answers {
					done[i] = a == answeredDone
				}
				c.step.Answer(c.c.session, done)
			}
			return c.c.navigate(navNext)
		case key.Matches(msg, keys.Back):
			return c.c.navigate(navBack)
		case key.Matches(msg, keys.Up):
			if c.cursor > 0 {
				c.cursor--
			}
			c.note = ""
		case key.Matches(msg, keys.Down):
			if c.cursor < len(c.items)-1 {
				c.cursor++
			}
			c.note = ""
		case key.Matches(msg, keys.Open):
			if len(c.items) > 0 && c.items[c.cursor].URL != "" {
				return openURL(c.items[c.cursor].URL)
			}
		case c.step.Confirm && key.Matches(msg, keys.Yes):
			c.mark(answeredDone)
		case c.step.Confirm && key.Matches(msg, keys.No):
			c.mark(answeredNotDone)
		case c.step.Confirm && key.Matches(msg, keys.Toggle):
			if c.answers[c.cursor] == answeredDone {
				c.answers[c.cursor] = answeredNotDone
			} else {
				c.answers[c.cursor] = answeredDone
			}
		}
	}
	return nil
}

func (c *checklistScreen) mark(a int) {
	if len(c.answers) == 0 {
		return
	}
	c.answers[c.cursor] = a
	if c.cursor < len(c.items)-1 {
		c.cursor++
	}
}

func (c *checklistScreen) body(width, height int) string {
	th := c.c.theme
	fs := th.Focused
	var above, pinned, below []string
	if c.step.Intro != "" {
		above = append(lines(wrap(c.step.Intro, width-2)), "")
	}
	if len(c.items) > 0 {
		it := c.items[c.cursor]
		below = append(below, "")
		below = append(below, lines(wrap(it.Detail, width-2))...)
		if it.URL != "" {
			below = append(below, lines(paint(th.Link, wrapURL(it.URL, width)))...)
		}
	}
	if c.note != "" {
		below = append(below, lines(paint(th.Dim, wrap(c.note, width-2)))...)
	}
	// The items are what the screen asks about: they stay, paged when
	// there are more than fit; the text around them scrolls.
	// The cursor's row shows its whole title, wrapped; the others are cut
	// to the line (the detail below says the rest).
	var cur []string
	if len(c.items) > 0 {
		cur = lines(wrap(c.items[c.cursor].Title, width-8))
	}
	rows, paged := listRows(len(c.items), len(above)+len(below), height-max(len(cur)-1, 0))
	start, end := listWindow(len(c.items), c.cursor, rows)
	top, bottom := "", ""
	if paged && len(c.items) > rows {
		top, bottom = listMarkers(th, len(c.items), c.cursor, start, end)
	}
	if top != "" {
		pinned = append(pinned, top)
	}
	for i := start; i < end; i++ {
		it := c.items[i]
		mark := fmt.Sprintf("%d.", i+1)
		markStyle := fs.UnselectedMark
		if c.step.Confirm {
			mark = [...]string{"[ ]", "[✓]", "[✗]"}[c.answers[i]]
			markStyle = [...]lipgloss.Style{fs.UnselectedMark, fs.OK, fs.Error}[c.answers[i]]
		}
		title := clip(it.Title, width-len(mark)-4)
		if i == c.cursor {
			pinned = append(pinned, fs.Cursor.Render("> ")+markStyle.Render(mark)+" "+fs.Cursor.Render(cur[0]))
			for _, l := range cur[1:] {
				pinned = append(pinned, strings.Repeat(" ", 3+len([]rune(mark)))+fs.Cursor.Render(l))
			}
		} else {
			pinned = append(pinned, "  "+markStyle.Render(mark)+" "+title)
		}
	}
	if bottom != "" {
		pinned = append(pinned, bottom)
	}
	return c.fit(th, above, pinned, below, height)
}

// wrapURL breaks a link too long for the line at any character: it has no
// spaces to break at, and a link cut off could not be copied.
func wrapURL(u string, width int) string {
	width = max(width-1, 10)
	if lipgloss.Width(u) <= width {
		return u
	}
	var out []string
	r := []rune(u)
	for len(r) > width {
		out = append(out, string(r[:width]))
		r = r[width:]
	}
	return strings.Join(append(out, string(r)), "\n")
}

func (c *checklistScreen) bindings() []key.Binding {
	keys := c.c.keys
	if c.step.Confirm {
		return keys.withNav(keys.Yes, keys.No, keys.Move, keys.Open, keys.Next)
	}
	return keys.withNav(keys.Next, keys.Move, keys.Open)
}
