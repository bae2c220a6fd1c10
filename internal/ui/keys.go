package ui

import "github.com/charmbracelet/bubbles/key"

// KeyMap is every key the wizard reads, as huh's KeyMap is; each screen
// lists the ones that work on it in the footer.
type KeyMap struct {
	Next, Back, Quit, Up, Down, FieldUp, FieldDown, Toggle, Open, Retry, Edit, Skip, Yes, No, Clear, Filter key.Binding
	// Left and Right move between a decision's buttons; PageUp and PageDown
	// scroll text that does not fit.
	Left, Right, PageUp, PageDown key.Binding
	// Move and Scroll only name keys in the footer (both directions at once).
	Move, Scroll, Choose key.Binding
}

// DefaultKeyMap is the wizard's keys.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Next:      key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "continue")),
		Back:      key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
		Quit:      key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit")),
		Up:        key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:      key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		FieldUp:   key.NewBinding(key.WithKeys("up", "shift+tab"), key.WithHelp("↑/⇧tab", "previous")),
		FieldDown: key.NewBinding(key.WithKeys("down", "tab"), key.WithHelp("↓/tab", "next field")),
		Toggle:    key.NewBinding(key.WithKeys(" "), key.WithHelp("space", "select")),
		Open:      key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "open link")),
		Retry:     key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "retry")),
		Edit:      key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "edit keys")),
		Skip:      key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "skip")),
		Yes:       key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "done")),
		No:        key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "not done")),
		Clear:     key.NewBinding(key.WithKeys("ctrl+u"), key.WithHelp("ctrl+u", "clear")),
		Filter:    key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "filter")),
		Left:      key.NewBinding(key.WithKeys("left", "h", "shift+tab"), key.WithHelp("←", "left")),
		Right:     key.NewBinding(key.WithKeys("right", "l", "tab"), key.WithHelp("→", "right")),
		PageUp:    key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup", "scroll up")),
		PageDown:  key.NewBinding(key.WithKeys("pgdown"), key.WithHelp("pgdn", "scroll down")),
		Move:      key.NewBinding(key.WithKeys("up", "down"), key.WithHelp("↑/↓", "move")),
		Scroll:    key.NewBinding(key.WithKeys("pgup", "pgdown"), key.WithHelp("pgup/pgdn", "scroll")),
		Choose:    key.NewBinding(key.WithKeys("left", "right"), key.WithHelp("←/→", "choose")),
	}
}

// withNav adds the keys every screen has.
func (k KeyMap) withNav(b ...key.Binding) []key.Binding {
	return append(b, k.Back, k.Quit)
}
