package ui

import (
	"os"
	"strconv"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// Theme is every style the screens use, built once, nested as huh's theme
// is: a field's look when it has the focus and when it does not, then the
// header, the footer and the marks shared by every screen.
type Theme struct {
	Focused, Blurred FieldStyles
	Header           HeaderStyles
	Help             HelpStyles

	// Key is the action a screen waits for ("Press Enter to write."): the
	// terminal's own foreground, bold, never faint.
	Key lipgloss.Style
	// Dim is text that explains; Scroll marks what is scrolled out of view.
	Dim, Scroll lipgloss.Style
	// OK, Bad and Warn colour the marks ✓ ✗ ! (which carry the meaning on
	// their own).
	OK, Bad, Warn lipgloss.Style
	Accent, Link  lipgloss.Style
	Spinner       lipgloss.Style

	// Plain is set when there is no colour at all: the places that colour
	// alone would tell apart (a focused button) get marks instead.
	Plain bool
}

// FieldStyles is how one field or list looks.
type FieldStyles struct {
	// Indicator is the bar left of a focused field ("┃ "), as huh draws it.
	Indicator lipgloss.Style
	Title     lipgloss.Style
	// Description is a field's help text.
	Description lipgloss.Style
	// Cursor is the row marker of a list (">").
	Cursor lipgloss.Style
	// Option is a row of a list; Selected a chosen one, with its mark.
	Option, Selected, SelectedMark, UnselectedMark lipgloss.Style
	// Text, Placeholder and Caret style a text input.
	Text, Placeholder, Caret lipgloss.Style
	Error, Warn, OK          lipgloss.Style
	// Button is a yes/no answer; FocusedButton the one Enter takes.
	Button, FocusedButton lipgloss.Style
}

// HeaderStyles draw the title line and the parts of the walk under it:
// those done, the current one, those ahead.
type HeaderStyles struct {
	App, Title           lipgloss.Style
	Done, Current, Ahead lipgloss.Style
}

// HelpStyles draw the footer's keys.
type HelpStyles struct {
	Key, Desc, Separator lipgloss.Style
}

// palette is one colour for light and dark backgrounds, at each depth: the
// 16-colour values are the terminal's own palette, so they follow its
// theme; 256 and true colour are onboard's own.
func palette(light, dark string, light256, dark256, ansi string) lipgloss.CompleteAdaptiveColor {
	return lipgloss.CompleteAdaptiveColor{
		Light: lipgloss.CompleteColor{TrueColor: light, ANSI256: light256, ANSI: ansi},
		Dark:  lipgloss.CompleteColor{TrueColor: dark, ANSI256: dark256, ANSI: ansi},
	}
}

// onboard's colours: a blue for focus and progress, a violet for what is
// chosen, and the usual green, red and amber for the marks.
var (
	colAccent   = palette("#0B6BA8", "#6CC4F5", "25", "117", "6")
	colSelected = palette("#6B2FD0", "#C3A6FF", "56", "183", "5")
	colOK       = palette("#16803C", "#7FE0A0", "28", "114", "2")
	colBad      = palette("#B42318", "#FF9B94", "124", "210", "1")
	colWarn     = palette("#8F5A00", "#F5C86A", "130", "221", "3")
	colDim      = palette("#5F6B7A", "#9AA5B4", "243", "247", "")
	colButtonFg = palette("#FFFFFF", "#0A1A2A", "231", "16", "0")
	colButtonBg = palette("#E3E8EF", "#2E3A48", "254", "237", "")
	colButtonTx = palette("#1D2733", "#DCE3EA", "235", "253", "")
)

// NewTheme builds the styles on r: the default renderer in the program,
// one with a fixed profile and background in the tests. Adaptive colours
// are resolved by r at render time, from the background it was told
// (ApplyColorPolicy), so drawing never asks the terminal anything.
func NewTheme(r *lipgloss.Renderer) Theme {
	st := r.NewStyle
	profile := r.ColorProfile()
	plain := profile == termenv.Ascii
	fg := func(c lipgloss.TerminalColor) lipgloss.Style { return st().Foreground(c) }

	// The 16-colour base has no grey of its own that is safe on every
	// palette (bright black is the background in some), so dim text is
	// faint there; richer profiles get a real grey.
	dim := fg(colDim)
	if profile == termenv.ANSI {
		dim = st().Faint(true)
	}
	accent := fg(colAccent)
	bold := st().Bold(true)

	focused := FieldStyles{
		Indicator:      accent.Bold(true),
		Title:          accent.Bold(true),
		Description:    dim,
		Cursor:         accent.Bold(true),
		Option:         st(),
		Selected:       fg(colSelected).Bold(true),
		SelectedMark:   fg(colSelected).Bold(true),
		UnselectedMark: dim,
		Text:           st(),
		Placeholder:    dim,
		Caret:          accent,
		Error:          fg(colBad),
		Warn:           fg(colWarn),
		OK:             fg(colOK),
		Button:         st().Foreground(colButtonTx).Background(colButtonBg).Padding(0, 1),
		FocusedButton:  st().Foreground(colButtonFg).Background(colAccent).Bold(true).Padding(0, 1),
	}
	if profile == termenv.ANSI {
		// No grey background to rest a button on: a resting button is
		// plain text, the focused one sits on the accent.
		focused.Button = st().Padding(0, 1)
	}
	blurred := focused
	blurred.Indicator = st()
	blurred.Title = bold
	blurred.Cursor = st()
	blurred.Caret = st()

	return Theme{
		Focused: focused,
		Blurred: blurred,
		Header: HeaderStyles{
			App:     accent.Bold(true),
			Title:   bold,
			Done:    fg(colOK),
			Current: accent.Bold(true),
			Ahead:   dim,
		},
		Help:    HelpStyles{Key: bold, Desc: dim, Separator: dim},
		Key:     bold,
		Dim:     dim,
		Scroll:  dim,
		OK:      fg(colOK),
		Bad:     fg(colBad),
		Warn:    fg(colWarn),
		Accent:  accent,
		Link:    accent.Underline(true),
		Spinner: accent,
		Plain:   plain,
	}
}

// button draws one answer of a decision. Without colour the focused one
// is bracketed, at the same width, so nothing moves when the focus does.
func (th Theme) button(label string, focused bool) string {
	switch {
	case th.Plain && focused:
		return "[" + label + "]"
	case th.Plain:
		return " " + label + " "
	case focused:
		return th.Focused.FocusedButton.Render(label)
	}
	return th.Focused.Button.Render(label)
}

// colorProfile is the colour policy. NO_COLOR set to anything but the
// empty string turns colour off (no-color.org: presence, whatever the
// value, so "false" and "0" turn it off too); CLICOLOR_FORCE, set and not
// "0", forces colour even where none was detected (at least 16 colours);
// CLICOLOR=0 and TERM=dumb turn it off. Otherwise the terminal's own
// profile (detected) stands.
func colorProfile(getenv func(string) string, detected termenv.Profile) termenv.Profile {
	force := getenv("CLICOLOR_FORCE")
	switch {
	case getenv("NO_COLOR") != "":
		return termenv.Ascii
	case force != "" && force != "0":
		if detected == termenv.Ascii {
			return termenv.ANSI
		}
		return detected
	case getenv("TERM") == "dumb", getenv("CLICOLOR") == "0":
		return termenv.Ascii
	}
	return detected
}

// PlainTerminal reports whether the environment turns colour off, whatever
// the terminal could show (see colorProfile).
func PlainTerminal() bool { return colorProfile(os.Getenv, termenv.TrueColor) == termenv.Ascii }

// ApplyColorPolicy sets lipgloss's default renderer to the colour profile
// the policy gives and to the background it can tell without asking the
// terminal anything new (darkBackground), before the first frame.
func ApplyColorPolicy() {
	r := lipgloss.DefaultRenderer()
	// Detection reads TERM and COLORTERM (and whether stdout is a
	// terminal, unless colour is forced).
	force := os.Getenv("CLICOLOR_FORCE")
	detected := termenv.NewOutput(os.Stdout, termenv.WithTTY(force != "" && force != "0")).ColorProfile()
	r.SetColorProfile(colorProfile(os.Getenv, detected))
	r.SetHasDarkBackground(darkBackground(os.Getenv, r.HasDarkBackground))
}

// darkBackground tells light from dark. COLORFGBG ("15;0": foreground;
// background, set by rxvt, Konsole, iTerm2 and others) is free to read and
// wins. Otherwise asked() gives lipgloss's answer: bubbletea v1 has it ask
// the terminal once at init, before main, and caches it, so asking here
// costs no second round trip (make bench counts the queries: the same two
// as a bare bubbletea program).
func darkBackground(getenv func(string) string, asked func() bool) bool {
	if v := getenv("COLORFGBG"); strings.Contains(v, ";") {
		if bg, err := strconv.Atoi(v[strings.LastIndex(v, ";")+1:]); err == nil && bg >= 0 && bg <= 15 {
			// The 16-colour convention: 0-6 and 8 are dark backgrounds.
			return bg <= 6 || bg == 8
		}
	}
	return asked()
}
