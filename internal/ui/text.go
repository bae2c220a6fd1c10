package ui

import (
	"github.com/onboard-dev/onboard/internal/steps"
	"github.com/onboard-dev/onboard/internal/termsafe"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
)

// wrap breaks plain text (no escape codes) into lines of at most width
// cells at spaces, keeping existing line breaks and leading indentation.
func wrap(s string, width int) string {
	return wrapMin(s, width, 10)
}

// wrapMin is wrap with a floor of its own (the too-small message wraps to
// a handful of columns).
func wrapMin(s string, width, floor int) string {
	// The text laid out here comes from outside too (a server's message, a
	// file's name): none of its own escape sequences reach the screen, not
	// even colours that would hide a warning.
	s = termsafe.Plain(s)
	if width < floor {
		width = floor
	}
	var out []string
	for _, para := range strings.Split(s, "\n") {
		if lipgloss.Width(para) <= width {
			out = append(out, para)
			continue
		}
		indent := para[:len(para)-len(strings.TrimLeft(para, " "))]
		first := indent
		// A list item's continuation lines hang under its text.
		for _, mark := range []string{"• ", "- ", "! ", "✗ ", "✓ "} {
			if strings.HasPrefix(para[len(indent):], mark) {
				indent += strings.Repeat(" ", lipgloss.Width(mark))
				break
			}
		}
		line := first
		for _, w := range strings.Fields(para) {
			switch {
			case strings.TrimSpace(line) == "":
				line += w
			case lipgloss.Width(line)+1+lipgloss.Width(w) <= width:
				line += " " + w
			default:
				out = append(out, line)
				line = indent + w
			}
		}
		out = append(out, line)
	}
	return strings.Join(out, "\n")
}

// textScreen shows lines: the welcome and the end. The key line stays;
// the text above it scrolls when it does not fit.
type textScreen struct {
	scroll
	c     *common
	lines []steps.Line
	final bool
	// apply, when set, gives the step its answer on Enter (a choice with
	// one answer shown as text).
	apply func() error
	cache []string // the text, wrapped at width
	width int
}

func newTextScreen(c *common, lines []steps.Line, final bool) *textScreen {
	return &textScreen{c: c, lines: lines, final: final}
}

func (t *textScreen) update(msg tea.Msg) tea.Cmd {
	if k, ok := msg.(tea.KeyMsg); ok {
		switch {
		case key.Matches(k, t.c.keys.Next):
			if t.apply != nil {
				if err := t.apply(); err != nil {
					return nil
				}
			}
			return t.c.navigate(navNext)
		case key.Matches(k, t.c.keys.Back) && !t.final:
			return t.c.navigate(navBack)
		default:
			t.key(k, t.c.keys, true)
		}
	}
	return nil
}

func (t *textScreen) body(width, height int) string {
	th := t.c.theme
	if t.cache == nil || t.width != width {
		var b strings.Builder
		for i, l := range t.lines {
			if i > 0 {
				b.WriteByte('\n')
			}
			switch l.Tone {
			case steps.ToDo:
				b.WriteString(paint(th.Warn, wrap(l.String(), width-2)))
			case steps.Good:
				b.WriteString(th.OK.Render("✓ ") + wrap(l.Text, width-4))
			case steps.Plain:
				b.WriteString(wrap(l.Text, width-2))
			}
		}
		b.WriteString("\n")
		t.cache, t.width = lines(b.String()), width
	}
	action := "Press Enter to continue."
	if t.final {
		action = "Press Enter to finish."
	}
	return t.fit(th, t.cache, lines(paint(th.Key, wrap(action, width-2))), nil, height)
}

func (t *textScreen) bindings() []key.Binding {
	if t.final {
		// The footer says what the text says: "Press Enter to finish".
		finish := key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "finish"))
		return []key.Binding{finish, t.c.keys.Quit}
	}
	return t.c.keys.withNav(t.c.keys.Next)
}

// paint styles each line on its own, so a multi-line text is not padded
// to its widest line.
func paint(st lipgloss.Style, s string) string {
	if !strings.Contains(s, "\n") {
		return st.Render(s)
	}
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = st.Render(l)
	}
	return strings.Join(lines, "\n")
}

// clipWidth cuts plain text to n cells.
func clipWidth(s string, n int) string {
	s = termsafe.Plain(s)
	if lipgloss.Width(s) <= n {
		return s
	}
	r := []rune(s)
	for len(r) > 0 && lipgloss.Width(string(r)) > n {
		r = r[:len(r)-1]
	}
	return string(r)
}
