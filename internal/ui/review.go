package ui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/onboard-dev/onboard/internal/steps"
)

// reviewScreen shows what the write will change, secrets masked.
type reviewScreen struct {
	changes []steps.Change
	path    string
}

func newReviewScreen(changes []steps.Change, path string) *reviewScreen {
	return &reviewScreen{changes: changes, path: path}
}

func (r *reviewScreen) update(m *Model, msg tea.Msg) tea.Cmd {
	if k, ok := msg.(tea.KeyMsg); ok {
		switch {
		case key.Matches(k, keys.Next):
			return m.next()
		case key.Matches(k, keys.Back):
			return m.back()
		}
	}
	return nil
}

func (r *reviewScreen) body(m *Model, width, height int) string {
	th := m.theme
	var b strings.Builder
	b.WriteString(wrap("About to write "+r.path+":", width-2) + "\n\n")
	counts := map[string]int{}
	keyW := 0
	for _, c := range r.changes {
		if len(c.Key) > keyW {
			keyW = len(c.Key)
		}
	}
	room := width - keyW - 8
	for _, c := range r.changes {
		counts[c.Change]++
		k := fmt.Sprintf("%-*s", keyW, c.Key)
		c.Old, c.New = clip(c.Old, room/2), clip(c.New, room)
		if c.Change != "changed" {
			c.Old = clip(c.Old, room)
		}
		switch c.Change {
		case "added":
			b.WriteString(th.OK.Render("  + "+k) + "  " + c.New + "\n")
		case "changed":
			b.WriteString(th.Warn.Render("  ~ "+k) + "  " + c.Old + " → " + c.New + "\n")
		case "removed":
			b.WriteString(th.Bad.Render("  - "+k) + "  " + c.Old + "\n")
		default:
			b.WriteString(th.Dim.Render("  = "+k+"  "+c.New+" (kept)") + "\n")
		}
	}
	b.WriteString(fmt.Sprintf("\n%d added, %d changed, %d kept. Other lines and comments stay as they are.\n", counts["added"], counts["changed"], counts["unchanged"]))
	b.WriteString(th.Dim.Render("Press Enter to write (a backup of an existing file is kept)."))
	return b.String()
}

func (r *reviewScreen) bindings() []key.Binding {
	return withNav(keys.Next)
}

// clip shortens a long (non-secret; secrets are already masked) value to
// fit one line.
func clip(v string, n int) string {
	if n < 8 {
		n = 8
	}
	r := []rune(v)
	if len(r) <= n {
		return v
	}
	return string(r[:n-1]) + "…"
}
