package bench

import (
	"strings"
	"testing"
)

func TestScreenKeepsTextDropsEscapes(t *testing.T) {
	var s screen
	s.feed([]byte("\x1b[?1049h\x1b[2J\x1b[1;1H\x1b[1;38;5;212mWel"))
	s.feed([]byte("come\x1b[0m\x1b]0;title\x07\x1b(B to onboard\r\n"))
	if !s.contains("Welcome to onboard") {
		t.Fatalf("text = %q, want it to hold the styled marker whole", s.text.String())
	}
	if strings.Contains(s.text.String(), "title") || strings.Contains(s.text.String(), "[") {
		t.Fatalf("escape sequences leaked into the text: %q", s.text.String())
	}
}

func TestScreenAnswersQueriesEvenWhenSplit(t *testing.T) {
	cases := []struct {
		name   string
		chunks []string
		want   string
	}{
		{"background colour, BEL", []string{"\x1b]11;?\x07"}, "\x1b]11;rgb:1c1c/1c1c/1c1c\x1b\\"},
		{"background colour, ST split", []string{"\x1b]11", ";?\x1b", "\\"}, "\x1b]11;rgb:1c1c/1c1c/1c1c\x1b\\"},
		{"device attributes", []string{"\x1b[", "c"}, "\x1b[?62;22c"},
		{"cursor position", []string{"x\x1b[6n"}, "\x1b[1;1R"},
		{"no query", []string{"\x1b[?25l\x1b[2K"}, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var s screen
			var got strings.Builder
			for _, ch := range c.chunks {
				got.Write(s.feed([]byte(ch)))
			}
			if got.String() != c.want {
				t.Fatalf("replies = %q, want %q", got.String(), c.want)
			}
		})
	}
}
