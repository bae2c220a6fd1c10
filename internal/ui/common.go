package ui

import (
	"context"
	"sync"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/onboard-dev/onboard/internal/steps"
)

// common is what every screen shares, as soft-serve's common.Common: the
// session answers go into, the look, the keys, the size of the body, and
// the context the screens' work runs under (cancelled on quit). A screen
// never reaches the root model: it asks to move with a navigation message.
type common struct {
	session       *steps.Session
	theme         Theme
	keys          KeyMap
	ctx           context.Context
	writing       *sync.WaitGroup // jobs under way that change the disk
	width, height int             // the terminal's
	// pending counts navigation messages asked for and not yet handled:
	// keys that arrive meanwhile belong to the next screen, not this one.
	pending int
}

// navKind is where a screen asks the flow to go.
type navKind int

const (
	navNext   navKind = iota // the next step (past the last: the end)
	navBack                  // the previous step shown
	navBackTo                // a named earlier step (a task's "edit keys")
	navShow                  // the step's data is loaded: draw it
)

// navMsg asks the root to move the flow.
type navMsg struct {
	kind navKind
	to   steps.StepID // for navBackTo
}

// navigate asks the root to move the flow.
func (c *common) navigate(kind navKind) tea.Cmd { return c.request(navMsg{kind: kind}) }

// backTo asks the root to go back to a named earlier step.
func (c *common) backTo(id steps.StepID) tea.Cmd { return c.request(navMsg{kind: navBackTo, to: id}) }

func (c *common) request(msg navMsg) tea.Cmd {
	c.pending++
	return func() tea.Msg { return msg }
}
