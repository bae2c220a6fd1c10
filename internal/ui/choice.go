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
	c        *common
	step     *steps.ChoiceStep
	options  []providers.Option
	selected map[string]bool
	cursor   int // index into options
	err      string
	notice   string
	intro    string
	// filter narrows a long list (countries, products): / starts typing it.
	filter    string
	filtering bool
}

// filterAfter is the list length from which / filtering is offered.
const filterAfter = 8

// visible are the indexes of the options matching the filter.
func (c *choiceScreen) visible() []int {
	out := make([]int, 0, len(c.options))
	f := strings.ToLower(c.filter)
	for i, o := range c.options {
		if f == "" || strings.Contains(strings.ToLower(o.Label+" "+o.Value), f) {
			out = append(out, i)
		}
	}
	return out
}

// move goes d steps through the visible options.
func (c *choiceScreen) move(d int) {
	vis := c.visible()
	if len(vis) == 0 {
		return
	}
	pos := 0
	for i, v := range vis {
		if v == c.cursor {
			pos = i
		}
	}
	pos = min(max(pos+d, 0), len(vis)-1)
	c.cursor = vis[pos]
}

func (c *choiceScreen) refilter() {
	if vis := c.visible(); len(vis) > 0 {
		c.cursor = vis[0]
	}
}

func (c *choiceScreen) filterKey(k tea.KeyMsg) {
	switch k.Type {
	case tea.KeyEsc:
		c.filter, c.filtering = "", false
	case tea.KeyEnter:
		c.filtering = false
	case tea.KeyBackspace:
		if r := []rune(c.filter); len(r) > 0 {
			c.filter = string(r[:len(r)-1])
			c.refilter()
		}
	case tea.KeyUp:
		c.move(-1)
	case tea.KeyDown:
		c.move(1)
	case tea.KeyRunes, tea.KeySpace:
		c.filter += string(k.Runes)
		c.refilter()
	}
}

func newChoiceScreen(cm *common, st *steps.ChoiceStep) *choiceScreen {
	s := cm.session
	c := &choiceScreen{c: cm, step: st, options: st.Options(s), selected: map[string]bool{}, notice: st.Notice(s), intro: st.IntroText(s)}
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

func (c *choiceScreen) update(msg tea.Msg) tea.Cmd {
	keys := c.c.keys
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil
	}
	if c.filtering {
		c.filterKey(k)
		return nil
	}
	switch {
	case len(c.options) >= filterAfter && key.Matches(k, keys.Filter):
		c.filtering = true
		return nil
	case c.filter != "" && key.Matches(k, keys.Back):
		c.filter = ""
		return nil
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
		if err := c.step.Apply(c.c.session, values); err != nil {
			c.err = err.Error()
			return nil
		}
		return c.c.navigate(navNext)
	case key.Matches(k, keys.Back):
		return c.c.navigate(navBack)
	case key.Matches(k, keys.Up):
		c.move(-1)
	case key.Matches(k, keys.Down):
		c.move(1)
	case c.step.Multi && key.Matches(k, keys.Toggle):
		v := c.options[c.cursor].Value
		c.selected[v] = !c.selected[v]
		c.err = ""
	}
	return nil
}

func (c *choiceScreen) body(width, height int) string {
	th := c.c.theme
	var b strings.Builder
	used := 0
	if c.intro != "" {
		intro := wrap(c.intro, width-2)
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
	if c.filtering || c.filter != "" {
		extra++
	}
	rows := height - used - extra
	if rows < 3 {
		rows = 3
	}
	vis := c.visible()
	pos := 0
	for i, v := range vis {
		if v == c.cursor {
			pos = i
		}
	}
	start, end := 0, len(vis)
	if end > rows {
		start = min(max(pos-rows/2, 0), end-rows)
		end = start + rows
	}
	if c.filtering || c.filter != "" {
		line := "Filter: " + c.filter
		if c.filtering {
			line += "▏"
		}
		if len(vis) == 0 {
			line += "  (no match)"
		}
		b.WriteString(th.Accent.Render(line) + "\n")
	}
	for _, i := range vis[start:end] {
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
	keys := c.c.keys
	if c.filtering {
		return []key.Binding{
			key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "done filtering")),
			key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear filter")),
			keys.Quit,
		}
	}
	if len(c.options) >= filterAfter {
		if c.step.Multi {
			return keys.withNav(keys.Toggle, keys.Next, keys.Down, keys.Filter)
		}
		return keys.withNav(keys.Next, keys.Down, keys.Filter)
	}
	if c.step.Multi {
		return keys.withNav(keys.Toggle, keys.Next, keys.Up, keys.Down)
	}
	return keys.withNav(keys.Next, keys.Up, keys.Down)
}
