package ui

import (
	"os"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// Theme is every style the screens use, built once.
type Theme struct {
	Title, Accent, Dim, OK, Bad, Warn, Cursor, Bar, BarEmpty, Box lipgloss.Style
}

// NewTheme builds the styles. Colours only add to marks (✓ ✗ !, >) that
// carry the meaning on their own, so NO_COLOR loses nothing. They are the 16
// ANSI colours, which follow the user's own terminal palette: adaptive
// colours would make lipgloss ask the terminal for its background, a round
// trip before the first frame that a slow or silent terminal turns into a
// delay.
func NewTheme() Theme {
	accent := lipgloss.Color("6")
	return Theme{
		Title:    lipgloss.NewStyle().Bold(true),
		Accent:   lipgloss.NewStyle().Foreground(accent),
		Dim:      lipgloss.NewStyle().Faint(true),
		OK:       lipgloss.NewStyle().Foreground(lipgloss.Color("2")),
		Bad:      lipgloss.NewStyle().Foreground(lipgloss.Color("1")),
		Warn:     lipgloss.NewStyle().Foreground(lipgloss.Color("3")),
		Cursor:   lipgloss.NewStyle().Bold(true).Foreground(accent),
		Bar:      lipgloss.NewStyle().Foreground(accent),
		BarEmpty: lipgloss.NewStyle().Faint(true),
		Box:      lipgloss.NewStyle().PaddingLeft(2),
	}
}

// PlainTerminal reports whether colour must be off: NO_COLOR set to
// anything, or TERM=dumb.
func PlainTerminal() bool {
	return os.Getenv("NO_COLOR") != "" || os.Getenv("TERM") == "dumb"
}

// ApplyColorPolicy pins lipgloss to plain text when colour must be off.
func ApplyColorPolicy() {
	if PlainTerminal() {
		lipgloss.SetColorProfile(termenv.Ascii)
	}
}
