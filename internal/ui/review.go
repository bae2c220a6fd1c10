package ui

import (
	"fmt"
	"github.com/onboard-dev/onboard/internal/termsafe"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/onboard-dev/onboard/internal/envfile"
	"github.com/onboard-dev/onboard/internal/steps"
)

// reviewScreen shows what the write will change, secrets masked: every
// file, every variable and every open warning. The decision (write, or go
// back) is two buttons that stay in view; the rest scrolls.
type reviewScreen struct {
	scroll
	c    *common
	plan *steps.Review
	back bool // the Back button has the focus
}

func newReviewScreen(c *common, plan *steps.Review) *reviewScreen {
	if plan == nil {
		plan = &steps.Review{}
	}
	return &reviewScreen{c: c, plan: plan}
}

func (r *reviewScreen) update(msg tea.Msg) tea.Cmd {
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil
	}
	keys := r.c.keys
	switch {
	case key.Matches(k, keys.Next) && r.back, key.Matches(k, keys.Back):
		return r.c.navigate(navBack)
	case key.Matches(k, keys.Next):
		return r.c.navigate(navNext)
	case key.Matches(k, keys.Left), key.Matches(k, keys.Right):
		r.back = !r.back
	default:
		r.key(k, keys, true)
	}
	return nil
}

func (r *reviewScreen) body(width, height int) string {
	th := r.c.theme
	p := r.plan
	var above []string
	above = append(lines(wrap("About to write "+p.Path+":", width-2)), "")
	counts := map[envfile.Change]int{}
	keyW := 0
	for _, c := range p.Changes {
		keyW = max(keyW, len(c.Key))
	}
	// A long name takes its own line when the values would not fit.
	keyW = min(keyW, max(width/2-6, 8))
	for _, c := range p.Changes {
		counts[c.Change]++
		above = append(above, r.change(c, keyW, width)...)
	}
	above = append(above, "")
	above = append(above, lines(wrap(fmt.Sprintf("%d added, %d changed, %d removed, %d kept. Other lines and comments stay as they are.",
		counts[envfile.Added], counts[envfile.Changed], counts[envfile.Removed], counts[envfile.Unchanged]), width-2))...)
	above = append(above, "")
	if len(p.Files) > 0 {
		above = append(above, "Files that change:")
		for _, f := range p.Files {
			above = append(above, lines(wrap("  • "+f, width-2))...)
		}
	} else {
		above = append(above, "Nothing on disk changes.")
	}
	if len(p.Warnings) > 0 {
		above = append(above, "")
		for _, w := range p.Warnings {
			above = append(above, lines(paint(th.Warn, wrap("  ! "+w, width-2)))...)
		}
	}
	above = append(above, "")

	var pinned []string
	action := "Write"
	switch {
	case p.Refusal != "":
		pinned = append(lines(paint(th.Bad, wrap("✗ Not written: "+p.Refusal, width-2))), "")
		action = "Go on"
	case len(p.Files) == 0:
		pinned = append(lines(paint(th.Key, wrap("Nothing is rewritten.", width-2))), "")
		action = "Go on"
	}
	pinned = append(pinned, buttons(th, []string{action, "Back"}, b2i(r.back), width)...)
	return r.fit(th, above, pinned, nil, height)
}

// change draws one variable of the diff, its value clipped to the line.
func (r *reviewScreen) change(c steps.Change, keyW, width int) []string {
	th := r.c.theme
	var mark, suffix string
	var st lipgloss.Style
	switch c.Change {
	case envfile.Added:
		mark, st = "+", th.OK
	case envfile.Changed:
		mark, st = "~", th.Warn
	case envfile.Removed:
		mark, st, suffix = "-", th.Bad, " (removed)"
	case envfile.Unchanged:
		mark, st, suffix = "=", th.Dim, " (kept)"
	}
	name := termsafe.Plain(c.Key) // a name from the .env: as text
	head := "  " + mark + " " + fmt.Sprintf("%-*s", keyW, name) + "  "
	var out []string
	if len(name) > keyW {
		// The name alone fills the line; its value goes below it.
		out = append(out, st.Render(clipWidth("  "+mark+" "+name, width)))
		head = strings.Repeat(" ", 6)
	}
	room := width - lipgloss.Width(head) - lipgloss.Width(suffix) - 1
	value := clip(c.New, room)
	switch c.Change {
	case envfile.Changed:
		value = clip(c.Old, (room-3)/2) + " → " + clip(c.New, (room-3)/2)
	case envfile.Removed:
		value = clip(c.Old, room)
	case envfile.Added, envfile.Unchanged:
	}
	if c.Change == envfile.Unchanged {
		return append(out, th.Dim.Render(head+value+suffix))
	}
	if head == strings.Repeat(" ", 6) {
		return append(out, head+value+suffix)
	}
	return append(out, st.Render(head)+value+suffix)
}

func (r *reviewScreen) bindings() []key.Binding {
	keys := r.c.keys
	next := key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "write"))
	if r.plan.Refusal != "" || len(r.plan.Files) == 0 {
		next = keys.Next
	}
	if r.back {
		next = key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "back"))
	}
	return keys.withNav(next, keys.Choose)
}

// clip shortens a long (non-secret; secrets are already masked) value to
// fit one line.
func clip(v string, n int) string {
	v = termsafe.Plain(v) // a value, a name: text from outside, as text only
	if n < 8 {
		n = 8
	}
	rs := []rune(v)
	if len(rs) <= n {
		return v
	}
	return string(rs[:n-1]) + "…"
}
