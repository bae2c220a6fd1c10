package ui

import (
	"runtime"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

func TestPlainTerminal(t *testing.T) {
	for _, c := range []struct {
		noColor, force, term string
		plain                bool
	}{
		{"", "", "xterm-256color", false},
		{"1", "", "xterm-256color", true},
		{"false", "", "xterm", true}, // any non-empty value counts
		{"0", "", "xterm", true},
		{"1", "1", "xterm", true}, // NO_COLOR wins over CLICOLOR_FORCE
		{"", "", "dumb", true},
		{"", "1", "dumb", false},
	} {
		t.Setenv("NO_COLOR", c.noColor)
		t.Setenv("CLICOLOR_FORCE", c.force)
		t.Setenv("TERM", c.term)
		if got := PlainTerminal(); got != c.plain {
			t.Errorf("NO_COLOR=%q CLICOLOR_FORCE=%q TERM=%q: plain=%v, want %v", c.noColor, c.force, c.term, got, c.plain)
		}
	}
}

func TestColorProfilePolicy(t *testing.T) {
	for _, c := range []struct {
		env      map[string]string
		detected termenv.Profile
		want     termenv.Profile
	}{
		{map[string]string{}, termenv.TrueColor, termenv.TrueColor},
		{map[string]string{"NO_COLOR": "false"}, termenv.TrueColor, termenv.Ascii},
		{map[string]string{"NO_COLOR": "1", "CLICOLOR_FORCE": "1"}, termenv.TrueColor, termenv.Ascii},
		{map[string]string{"CLICOLOR_FORCE": "1"}, termenv.Ascii, termenv.ANSI},      // not a terminal: forced on
		{map[string]string{"CLICOLOR_FORCE": "1"}, termenv.ANSI256, termenv.ANSI256}, // keeps what it has
		{map[string]string{"CLICOLOR_FORCE": "0"}, termenv.Ascii, termenv.Ascii},     // "0" forces nothing
		{map[string]string{"CLICOLOR_FORCE": "0", "TERM": "dumb"}, termenv.ANSI, termenv.Ascii},
		{map[string]string{"CLICOLOR": "0"}, termenv.TrueColor, termenv.Ascii},
		{map[string]string{"TERM": "dumb"}, termenv.ANSI, termenv.Ascii},
	} {
		if got := colorProfile(func(k string) string { return c.env[k] }, c.detected); got != c.want {
			t.Errorf("%v, detected %v: %v, want %v", c.env, c.detected, got, c.want)
		}
	}
}

// ApplyColorPolicy pins lipgloss's renderer: NO_COLOR turns colour off even
// when forced; CLICOLOR_FORCE turns it on where stdout is not a terminal
// (as in this test).
func TestApplyColorPolicy(t *testing.T) {
	r := lipgloss.DefaultRenderer()
	before, dark := r.ColorProfile(), r.HasDarkBackground()
	t.Cleanup(func() { r.SetColorProfile(before); r.SetHasDarkBackground(dark) })
	t.Setenv("NO_COLOR", "")
	t.Setenv("CLICOLOR_FORCE", "1")
	t.Setenv("TERM", "xterm-256color")
	t.Setenv("COLORFGBG", "0;15")
	ApplyColorPolicy()
	if p := r.ColorProfile(); p == termenv.Ascii {
		t.Fatal("CLICOLOR_FORCE did not turn colour on")
	}
	if r.HasDarkBackground() {
		t.Fatal("COLORFGBG=0;15 is a light background")
	}
	t.Setenv("NO_COLOR", "yes")
	ApplyColorPolicy()
	if p := r.ColorProfile(); p != termenv.Ascii {
		t.Fatalf("NO_COLOR left profile %v", p)
	}
}

// The background is read from COLORFGBG without asking the terminal; only
// without it is lipgloss's answer (from bubbletea's query at init) used.
func TestDarkBackground(t *testing.T) {
	asked := 0
	ask := func() bool { asked++; return true }
	for _, c := range []struct {
		colorfgbg string
		dark      bool
	}{{"15;0", true}, {"0;15", false}, {"12;8", true}, {"0;default;7", false}} {
		if got := darkBackground(func(string) string { return c.colorfgbg }, ask); got != c.dark {
			t.Errorf("COLORFGBG=%q: dark=%v", c.colorfgbg, got)
		}
	}
	if asked != 0 {
		t.Fatal("asked lipgloss although COLORFGBG answered")
	}
	for _, v := range []string{"", "default;default"} {
		darkBackground(func(string) string { return v }, ask)
	}
	if asked != 2 {
		t.Fatalf("asked %d times without a usable COLORFGBG, want 2", asked)
	}
}

func TestOpenURLWithoutABrowserSaysSo(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the no-display rule is for X11/Wayland systems")
	}
	t.Setenv("DISPLAY", "")
	t.Setenv("WAYLAND_DISPLAY", "")
	msg := openURL("https://dashboard.stripe.com/test/apikeys")().(openedMsg)
	if !strings.Contains(msg.note, "copy the link") {
		t.Fatalf("note = %q", msg.note)
	}
}
