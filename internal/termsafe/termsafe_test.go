package termsafe

import (
	"bytes"
	"strings"
	"testing"
)

func TestFilterKeepsColoursAndDropsTheRest(t *testing.T) {
	for _, tc := range []struct{ in, filter, plain string }{
		{"plain text\n\tindented", "plain text\n\tindented", "plain text\n\tindented"},
		{"\x1b[1;32m✓\x1b[0m ok", "\x1b[1;32m✓\x1b[0m ok", "✓ ok"},
		{"a\x1b]0;PWNED\x07b", "ab", "ab"},                                // window title
		{"a\x1b]52;c;c2tfbGl2ZV8=\x1b\\b", "ab", "ab"},                    // clipboard write
		{"x\x1b[2Jy\x1b[3;1Hz", "xyz", "xyz"},                             // clear, cursor move
		{"keep\x1b[38;2;1;2;3mrgb", "keep\x1b[38;2;1;2;3mrgb", "keeprgb"}, // truecolour SGR
		{"bell\a back\b cr\r", "bell back cr", "bell back cr"},
		{"c1\u009b31mred", "c131mred", "c131mred"},       // 8-bit CSI
		{"rtl\u202egnp.exe", "rtlgnp.exe", "rtlgnp.exe"}, // bidi override
		{"unterminated \x1b]0;title", "unterminated ", "unterminated "},
		{"café ünïcode 漢字", "café ünïcode 漢字", "café ünïcode 漢字"},
	} {
		if got := Filter(tc.in); got != tc.filter {
			t.Errorf("Filter(%q) = %q, want %q", tc.in, got, tc.filter)
		}
		if got := Plain(tc.in); got != tc.plain {
			t.Errorf("Plain(%q) = %q, want %q", tc.in, got, tc.plain)
		}
	}
}

func TestQuoteShowsControls(t *testing.T) {
	if got := Quote("src/config.js"); got != "src/config.js" {
		t.Errorf("a plain name was quoted: %s", got)
	}
	if got := Quote("\x1b]0;x\x07"); strings.ContainsAny(got, "\x1b\x07") || !strings.Contains(got, `\x1b`) {
		t.Errorf("Quote kept the controls: %q", got)
	}
}

func TestWriter(t *testing.T) {
	var b bytes.Buffer
	w := Writer{W: &b}
	in := []byte("ok\x1b]0;t\x07 \x1b[31mred\x1b[0m\n")
	if n, err := w.Write(in); err != nil || n != len(in) {
		t.Fatalf("Write = %d, %v", n, err)
	}
	if got := b.String(); got != "ok \x1b[31mred\x1b[0m\n" {
		t.Errorf("wrote %q", got)
	}
}

// No input makes Filter panic, lets an ESC through that does not start a
// colour, or grows the text.
func FuzzFilter(f *testing.F) {
	for _, s := range []string{"", "\x1b", "\x1b[", "\x1b]", "\x1b[31m", "a\x1b]52;c;x\x07", "\u009b", "\xff\xfe"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := Filter(s)
		if len(out) > len(s) {
			t.Fatalf("grew: %q → %q", s, out)
		}
		for i := 0; i < len(out); i++ {
			if out[i] == 0x1b {
				n := sequenceLen(out[i:])
				if !isSGR(out[i : i+n]) {
					t.Fatalf("a non-colour sequence survived: %q → %q", s, out)
				}
				i += n - 1
			}
		}
		if p := Plain(s); strings.ContainsRune(p, 0x1b) {
			t.Fatalf("Plain kept an ESC: %q", p)
		}
	})
}
