package ui

import (
	"runtime"
	"strings"
	"testing"
)

func TestPlainTerminal(t *testing.T) {
	for _, c := range []struct {
		noColor, term string
		plain         bool
	}{
		{"", "xterm-256color", false},
		{"1", "xterm-256color", true},
		{"false", "xterm", true}, // any non-empty value counts
		{"", "dumb", true},
	} {
		t.Setenv("NO_COLOR", c.noColor)
		t.Setenv("TERM", c.term)
		if got := PlainTerminal(); got != c.plain {
			t.Errorf("NO_COLOR=%q TERM=%q: plain=%v, want %v", c.noColor, c.term, got, c.plain)
		}
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
