package ui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/onboard-dev/onboard/internal/providers"
	"github.com/onboard-dev/onboard/internal/steps"
)

// choiceScreen is a compact chooser: one line per option, the highlighted
// option's help below. Single choice: Enter takes the highlighted option.
// Multi: Space toggles, Enter takes the selection.
type choiceScreen struct {
	step     *steps.ChoiceStep
	options  []providers.Option
	selected map[string]bool
	cursor   int
	err      string
	notice   string
}

func newChoiceScreen(st *steps.ChoiceStep, s *steps.Session) *choiceScreen {
	c := &choiceScreen{step: st, options: st.Options(s), selected: map[string]bool{}, notice: st.Notice(s)}
	first := -1
	for _, v := range st.Selected(s) {
		c.selected[v] = true
		for i, o := range c.options {
			if o.Value == v && first < 0 {
				first = i
			}
		}
	}
	if first >= 0 {
		c.cursor = first
	}
	return c
}

func (c *choiceScreen) update(m *Model, msg tea.Msg) tea.Cmd {
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil
	}
	switch {
	case key.Matches(k, keys.Next):
		var values []string
		if c.step.Multi {
			for _, o := range c.options {
				if c.selected[o.Value] {
					values = append(values, o.Value)
				}
			}
		} else if len(c.options) > 0 {
			values = []string{c.options[c.cursor].Value}
		}
		if err := c.step.Apply(m.Session(), values); err != nil {
			c.err = err.Error()
			return nil
		}
		return m.next()
	case key.Matches(k, keys.Back):
		return m.back()
	case key.Matches(k, keys.Up):
		if c.cursor > 0 {
			c.cursor--
		}
	case key.Matches(k, keys.Down):
		if c.cursor < len(c.options)-1 {
			c.cursor++
		}
	case c.step.Multi && key.Matches(k, keys.Toggle):
		v := c.options[c.cursor].Value
		c.selected[v] = !c.selected[v]
		c.err = ""
	}
	return nil
}

func (c *choiceScreen) body(m *Model, width, height int) string {
	th := m.theme
	var b strings.Builder
	used := 0
	if c.step.Intro != "" {
		intro := wrap(c.step.Intro, width-2)
		b.WriteString(intro + "\n\n")
		used += strings.Count(intro, "\n") + 2
	}
	help := ""
	if len(c.options) > 0 && c.options[c.cursor].Help != "" {
		help = wrap(c.options[c.cursor].Help, width-4)
	}
	extra := strings.Count(help, "\n") + 2
	if c.notice != "" {
		extra += 3
	}
	if c.err != "" {
		extra += 2
	}
	// Long lists (countries, products) scroll around the cursor.
	rows := height - used - extra
	if rows < 3 {
		rows = 3
	}
	start, end := 0, len(c.options)
	if end > rows {
		start = c.cursor - rows/2
		if start < 0 {
			start = 0
		}
		if start+rows > end {
			start = end - rows
		}
		end = start + rows
	}
	for i := start; i < end; i++ {
		o := c.options[i]
		label := o.Label
		if label == "" {
			label = o.Value
		}
		mark := "( )"
		if c.step.Multi {
			mark = "[ ]"
			if c.selected[o.Value] {
				mark = "[x]"
			}
		} else if i == c.cursor {
			mark = "(•)"
		}
		if i == c.cursor {
			b.WriteString(th.Cursor.Render("> "+mark+" "+label) + "\n")
		} else {
			b.WriteString("  " + mark + " " + label + "\n")
		}
	}
	if help != "" {
		b.WriteString("\n" + paint(th.Dim, indent(help, "  ")))
	}
	if c.notice != "" {
		b.WriteString("\n\n" + paint(th.Warn, wrap("! "+c.notice, width-2)))
	}
	if c.err != "" {
		b.WriteString("\n\n" + paint(th.Bad, wrap("✗ "+c.err, width-2)))
	}
	return b.String()
}

func indent(s, pre string) string {
	return pre + strings.ReplaceAll(s, "\n", "\n"+pre)
}

func (c *choiceScreen) bindings() []key.Binding {
	if c.step.Multi {
		return withNav(keys.Toggle, keys.Next, keys.Up, keys.Down)
	}
	return withNav(keys.Next, keys.Up, keys.Down)
}
