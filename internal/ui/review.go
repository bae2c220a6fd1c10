package ui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/onboard-dev/onboard/internal/envfile"
	"github.com/onboard-dev/onboard/internal/steps"
)

// reviewScreen shows what the write will change, secrets masked: every
// file, every variable and every open warning.
type reviewScreen struct {
	c    *common
	plan *steps.Review
}

func newReviewScreen(c *common, plan *steps.Review) *reviewScreen {
	if plan == nil {
		plan = &steps.Review{}
	}
	return &reviewScreen{c: c, plan: plan}
}

func (r *reviewScreen) update(msg tea.Msg) tea.Cmd {
	if k, ok := msg.(tea.KeyMsg); ok {
		switch {
		case key.Matches(k, r.c.keys.Next):
			return r.c.navigate(navNext)
		case key.Matches(k, r.c.keys.Back):
			return r.c.navigate(navBack)
		}
	}
	return nil
}

func (r *reviewScreen) body(width, height int) string {
	th := r.c.theme
	p := r.plan
	var b strings.Builder
	b.WriteString(wrap("About to write "+p.Path+":", width-2) + "\n\n")
	counts := map[envfile.Change]int{}
	keyW := 0
	for _, c := range p.Changes {
		if len(c.Key) > keyW {
			keyW = len(c.Key)
		}
	}
	room := width - keyW - 8
	for _, c := range p.Changes {
		counts[c.Change]++
		k := fmt.Sprintf("%-*s", keyW, c.Key)
		c.Old, c.New = clip(c.Old, room/2), clip(c.New, room)
		if c.Change != envfile.Changed {
			c.Old = clip(c.Old, room)
		}
		switch c.Change {
		case envfile.Added:
			b.WriteString(th.OK.Render("  + "+k) + "  " + c.New + "\n")
		case envfile.Changed:
			b.WriteString(th.Warn.Render("  ~ "+k) + "  " + c.Old + " → " + c.New + "\n")
		case envfile.Removed:
			b.WriteString(th.Bad.Render("  - "+k) + "  " + c.Old + " (removed)\n")
		default:
			b.WriteString(th.Dim.Render("  = "+k+"  "+c.New+" (kept)") + "\n")
		}
	}
	b.WriteString(fmt.Sprintf("\n%d added, %d changed, %d removed, %d kept. Other lines and comments stay as they are.\n",
		counts[envfile.Added], counts[envfile.Changed], counts[envfile.Removed], counts[envfile.Unchanged]))
	if len(p.Files) > 0 {
		b.WriteString("\nFiles that change:\n")
		for _, f := range p.Files {
			b.WriteString(wrap("  • "+f, width-2) + "\n")
		}
	} else {
		b.WriteString("\nNothing on disk changes.\n")
	}
	if len(p.Warnings) > 0 {
		b.WriteString("\n")
		for _, w := range p.Warnings {
			b.WriteString(paint(th.Warn, wrap("  ! "+w, width-2)) + "\n")
		}
	}
	b.WriteString("\n")
	switch {
	case p.Refusal != "":
		b.WriteString(paint(th.Bad, wrap("✗ Not written: "+p.Refusal, width-2)))
	case len(p.Files) == 0:
		b.WriteString(th.Dim.Render("Press Enter to go on (nothing is rewritten)."))
	default:
		b.WriteString(th.Dim.Render("Press Enter to write."))
	}
	return b.String()
}

func (r *reviewScreen) bindings() []key.Binding {
	return r.c.keys.withNav(r.c.keys.Next)
}

// clip shortens a long (non-secret; secrets are already masked) value to
// fit one line.
func clip(v string, n int) string {
	if n < 8 {
		n = 8
	}
	rs := []rune(v)
	if len(rs) <= n {
		return v
	}
	return string(rs[:n-1]) + "…"
}
