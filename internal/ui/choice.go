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
	scroll
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
	// decision: a single choice between two answers, the first one
	// recommended (the git fix, the consent), drawn as buttons.
	decision bool
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
	case tea.KeySpace:
		// Space selects, as it does outside the filter: a filter for
		// "united" finds both the kingdom and the states.
		if c.step.Multi {
			c.toggle()
		}
	case tea.KeyRunes:
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
	c.decision = !st.Multi && len(c.options) == 2 && strings.HasSuffix(c.options[0].Label, "(recommended)")
	return c
}

func (c *choiceScreen) toggle() {
	if len(c.visible()) == 0 {
		return
	}
	v := c.options[c.cursor].Value
	c.selected[v] = !c.selected[v]
	c.err = ""
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
	case key.Matches(k, keys.Up), c.decision && key.Matches(k, keys.Left):
		c.move(-1)
	case key.Matches(k, keys.Down), c.decision && key.Matches(k, keys.Right):
		c.move(1)
	case c.step.Multi && key.Matches(k, keys.Toggle):
		c.toggle()
	}
	return nil
}

func (c *choiceScreen) body(width, height int) string {
	th := c.c.theme
	var above, pinned, below []string
	if c.intro != "" {
		above = append(lines(wrap(c.intro, width-2)), "")
	}
	if c.filtering || c.filter != "" {
		line := "Filter: " + c.filter
		if c.filtering {
			line += "▏"
		}
		if len(c.visible()) == 0 {
			line += "  (no match)"
		}
		pinned = append(pinned, th.Accent.Render(clipWidth(line, width)))
	}
	var errLines []string
	if c.err != "" {
		errLines = append([]string{""}, lines(paint(th.Bad, wrap("✗ "+c.err, width-2)))...)
	}
	if len(c.options) > 0 && c.options[c.cursor].Help != "" {
		below = append(below, "")
		below = append(below, lines(paint(th.Dim, indent(wrap(c.options[c.cursor].Help, width-4), "  ")))...)
	}
	if c.notice != "" {
		below = append(append(below, ""), lines(paint(th.Warn, wrap("! "+c.notice, width-2)))...)
	}

	if c.decision {
		labels := make([]string, len(c.options))
		for i, o := range c.options {
			labels[i] = o.Label
		}
		pinned = append(pinned, buttons(th, labels, c.cursor, width)...)
		pinned = append(pinned, errLines...)
		return c.fit(th, above, pinned, below, height)
	}

	vis := c.visible()
	pos := 0
	for i, v := range vis {
		if v == c.cursor {
			pos = i
		}
	}
	// The options are the decision: they take the room they need, leaving
	// a few lines of the explanation when the list is long (it pages, with
	// markers, and the text around it scrolls).
	// The cursor's row shows its whole label, wrapped; the others are cut
	// to the line.
	extra := 0
	if len(vis) > 0 {
		extra = len(lines(wrap(c.label(c.cursor), width-8))) - 1
	}
	rows, paged := listRows(len(vis), len(above)+len(below), height-len(pinned)-len(errLines)-extra)
	start, end := listWindow(len(vis), pos, rows)
	top, bottom := "", ""
	if paged && len(vis) > rows {
		top, bottom = listMarkers(th, len(vis), pos, start, end)
	}
	if top != "" {
		pinned = append(pinned, top)
	}
	for _, i := range vis[start:end] {
		pinned = append(pinned, c.row(i, width)...)
	}
	if bottom != "" {
		pinned = append(pinned, bottom)
	}
	pinned = append(pinned, errLines...)
	return c.fit(th, above, pinned, below, height)
}

// row draws one option: the cursor's row marked and whole, a chosen one in
// the selected style with its mark.
func (c *choiceScreen) row(i, width int) []string {
	fs := c.c.theme.Focused
	o := c.options[i]
	label := c.label(i)
	chosen := c.selected[o.Value]
	mark := "[ ]"
	switch {
	case c.step.Multi && chosen:
		mark = "[✓]"
	case !c.step.Multi && i == c.cursor:
		mark, chosen = "(•)", true
	case !c.step.Multi:
		mark = "( )"
	}
	cursor, st, markSt := "  ", fs.Option, fs.UnselectedMark
	if i == c.cursor {
		cursor, st = fs.Cursor.Render("> "), fs.Cursor
	}
	if chosen {
		st, markSt = fs.Selected, fs.SelectedMark
	}
	if i != c.cursor {
		return []string{cursor + markSt.Render(mark) + " " + st.Render(clip(label, width-6))}
	}
	ls := lines(wrap(label, width-8))
	out := []string{cursor + markSt.Render(mark) + " " + st.Render(ls[0])}
	for _, l := range ls[1:] {
		out = append(out, "      "+st.Render(l))
	}
	return out
}

// label is what option i is called on screen.
func (c *choiceScreen) label(i int) string {
	if l := c.options[i].Label; l != "" {
		return l
	}
	return c.options[i].Value
}

func indent(s, pre string) string {
	return pre + strings.ReplaceAll(s, "\n", "\n"+pre)
}

func (c *choiceScreen) bindings() []key.Binding {
	keys := c.c.keys
	if c.filtering {
		b := []key.Binding{
			keys.Move,
			key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "done filtering")),
			key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear filter")),
			keys.Quit,
		}
		if c.step.Multi {
			b = append([]key.Binding{keys.Toggle}, b...)
		}
		return b
	}
	var b []key.Binding
	if c.step.Multi {
		b = append(b, keys.Toggle)
	}
	b = append(b, keys.Next)
	if c.decision {
		b = append(b, keys.Choose)
	} else {
		b = append(b, keys.Move)
	}
	if len(c.options) >= filterAfter {
		b = append(b, keys.Filter)
	}
	return keys.withNav(b...)
}
