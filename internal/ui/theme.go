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
// carry the meaning on their own, so NO_COLOR loses nothing.
func NewTheme() Theme {
	return Theme{
		Title:    lipgloss.NewStyle().Bold(true),
		Accent:   lipgloss.NewStyle().Foreground(lipgloss.AdaptiveColor{Light: "25", Dark: "75"}),
		Dim:      lipgloss.NewStyle().Foreground(lipgloss.AdaptiveColor{Light: "243", Dark: "246"}),
		OK:       lipgloss.NewStyle().Foreground(lipgloss.AdaptiveColor{Light: "28", Dark: "42"}),
		Bad:      lipgloss.NewStyle().Foreground(lipgloss.AdaptiveColor{Light: "160", Dark: "203"}),
		Warn:     lipgloss.NewStyle().Foreground(lipgloss.AdaptiveColor{Light: "130", Dark: "214"}),
		Cursor:   lipgloss.NewStyle().Bold(true).Foreground(lipgloss.AdaptiveColor{Light: "25", Dark: "75"}),
		Bar:      lipgloss.NewStyle().Foreground(lipgloss.AdaptiveColor{Light: "25", Dark: "75"}),
		BarEmpty: lipgloss.NewStyle().Foreground(lipgloss.AdaptiveColor{Light: "252", Dark: "238"}),
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
