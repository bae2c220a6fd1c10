// Package termsafe keeps text that came from outside (a cloned
// repository's file names, a team file's keys, a server's message, a
// .env's values) from driving the terminal it is shown on. An escape
// sequence in such text could retitle the window, clear the screen, move
// the cursor over a warning, or write the clipboard (OSC 52) so that the
// next paste brings someone else's key.
//
// Filter is for a whole frame or report onboard styled itself: it keeps
// the colour and weight sequences (SGR, what lipgloss writes) and drops
// every other control. Plain is for text that must carry none at all.
// Quote shows a name with controls in it escaped, so the person sees what
// is there.
package termsafe

import (
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Filter returns s with every control character and escape sequence
// removed except line feeds, tabs and SGR sequences (ESC [ params m).
// Text without an ESC or another control is returned as it is, without
// copying.
func Filter(s string) string { return clean(s, true) }

// Plain returns s with every escape sequence and control character
// removed, line feeds and tabs kept.
func Plain(s string) string { return clean(s, false) }

// Quote is s as it is when it is plain printable text, else Go-quoted
// ("\x1b]0;…"), so a name a file gives is shown, never obeyed.
func Quote(s string) string {
	for _, r := range s {
		if !printable(r) {
			return strconv.Quote(s)
		}
	}
	return s
}

func printable(r rune) bool {
	return r != utf8.RuneError && (unicode.IsPrint(r) || r == ' ') && !bidi(r)
}

// bidi are the directional overrides and isolates, which make text read
// in another order than it is stored (CVE-2021-42574).
func bidi(r rune) bool {
	return r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069
}

// needsClean reports whether clean would change s: a frame that holds only
// its own colours (keepSGR) is passed through without a copy.
func needsClean(s string, keepSGR bool) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == 0x1b && keepSGR {
			if n := sequenceLen(s[i:]); isSGR(s[i : i+n]) {
				i += n - 1
				continue
			}
			return true
		}
		if c < 0x20 && c != '\n' && c != '\t' || c == 0x7f || c >= 0x80 {
			if c >= 0x80 {
				// Only C1 controls and bidi overrides matter among
				// non-ASCII runes; look at the rune.
				r, _ := utf8.DecodeRuneInString(s[i:])
				if !(r >= 0x80 && r <= 0x9f) && !bidi(r) {
					continue
				}
			}
			return true
		}
	}
	return false
}

func clean(s string, keepSGR bool) string {
	if !needsClean(s, keepSGR) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == 0x1b:
			n := sequenceLen(s[i:])
			if keepSGR && isSGR(s[i:i+n]) {
				b.WriteString(s[i : i+n])
			}
			i += n
			continue
		case c == '\n' || c == '\t':
			b.WriteByte(c)
		case c < 0x20 || c == 0x7f:
			// dropped: BEL, BS, CR and the rest
		case c >= 0x80:
			r, size := utf8.DecodeRuneInString(s[i:])
			if !(r >= 0x80 && r <= 0x9f) && !bidi(r) {
				b.WriteString(s[i : i+size])
			}
			i += size
			continue
		default:
			b.WriteByte(c)
		}
		i++
	}
	return b.String()
}

// isSGR: ESC [ digits and ; m.
func isSGR(seq string) bool {
	if len(seq) < 3 || seq[1] != '[' || seq[len(seq)-1] != 'm' {
		return false
	}
	for i := 2; i < len(seq)-1; i++ {
		if c := seq[i]; (c < '0' || c > '9') && c != ';' && c != ':' {
			return false
		}
	}
	return true
}

// sequenceLen is the length of the escape sequence at the start of s
// (which starts with ESC): CSI up to its final byte, OSC, DCS, SOS, PM and
// APC up to their terminator (BEL or ESC \), or ESC and one byte. An
// unterminated string sequence runs to the end of s.
func sequenceLen(s string) int {
	if len(s) < 2 {
		return len(s)
	}
	switch s[1] {
	case '[':
		for i := 2; i < len(s); i++ {
			if c := s[i]; c >= 0x40 && c <= 0x7e {
				return i + 1
			}
		}
		return len(s)
	case ']', 'P', 'X', '^', '_':
		for i := 2; i < len(s); i++ {
			switch {
			case s[i] == 0x07:
				return i + 1
			case s[i] == 0x1b && i+1 < len(s) && s[i+1] == '\\':
				return i + 2
			}
		}
		return len(s)
	}
	return 2
}

// Writer filters what is written to W (Filter, or Plain when Plain is
// set). Each Write is filtered on its own: a sequence split across two
// writes is dropped piecewise, which only ever removes more.
type Writer struct {
	W     io.Writer
	Plain bool
}

func (w Writer) Write(p []byte) (int, error) {
	s := string(p)
	if w.Plain {
		s = Plain(s)
	} else {
		s = Filter(s)
	}
	if _, err := io.WriteString(w.W, s); err != nil {
		return 0, err
	}
	return len(p), nil
}
