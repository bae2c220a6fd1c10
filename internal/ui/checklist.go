package ui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

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
	var b strings.Builder
	if c.step.Intro != "" {
		b.WriteString(wrap(c.step.Intro, width-2) + "\n\n")
	}
	for i, it := range c.items {
		mark := fmt.Sprintf("%d.", i+1)
		if c.step.Confirm {
			mark = [...]string{"[ ]", "[✓]", "[✗]"}[c.answers[i]]
		}
		line := "  " + mark + " " + it.Title
		if i == c.cursor {
			line = th.Cursor.Render("> " + mark + " " + it.Title)
		}
		b.WriteString(line + "\n")
	}
	if len(c.items) > 0 {
		it := c.items[c.cursor]
		b.WriteString("\n" + wrap(it.Detail, width-2))
		if it.URL != "" {
			b.WriteString("\n" + th.Accent.Render(it.URL))
		}
	}
	if c.note != "" {
		b.WriteString("\n" + th.Dim.Render(c.note))
	}
	return b.String()
}

func (c *checklistScreen) bindings() []key.Binding {
	keys := c.c.keys
	if c.step.Confirm {
		return keys.withNav(keys.Yes, keys.No, keys.Up, keys.Down, keys.Open, keys.Next)
	}
	return keys.withNav(keys.Next, keys.Up, keys.Down, keys.Open)
}
