package bench

import (
	"bytes"
	"fmt"
	"strings"
)

// screen reads a program's output the way a terminal would, as far as
// timing the first frame needs: it keeps the printable text (escape
// sequences dropped, so a styled marker still matches) and answers the
// queries a TUI sends at start-up. A real terminal answers them within
// microseconds; leaving them unanswered would measure a library's timeout
// (termenv waits up to 5 s for a background-colour answer), not the program.
type screen struct {
	size    Size
	pending []byte          // an escape sequence cut off at the end of a read
	text    strings.Builder // printable output so far
	replies bytes.Buffer    // answers owed to the program
	queries []string        // the queries answered so far, by name
}

// feed takes the next chunk of output. It returns the answers to send back.
func (s *screen) feed(p []byte) []byte {
	s.replies.Reset()
	buf := p
	if len(s.pending) > 0 {
		buf = append(s.pending, p...)
		s.pending = nil
	}
	for i := 0; i < len(buf); {
		c := buf[i]
		if c != 0x1b {
			if c == '\n' || c == '\r' || c >= 0x20 && c != 0x7f {
				s.text.WriteByte(c)
			}
			i++
			continue
		}
		n, complete := s.escape(buf[i:])
		if !complete {
			s.pending = append([]byte(nil), buf[i:]...)
			break
		}
		i += n
	}
	return s.replies.Bytes()
}

// escape handles the sequence at the start of b (b[0] is ESC). It returns the
// sequence's length, or false when b ends before the sequence does.
func (s *screen) escape(b []byte) (int, bool) {
	if len(b) < 2 {
		return 0, false
	}
	switch b[1] {
	case '[': // CSI: parameters, intermediates, one final byte
		for j := 2; j < len(b); j++ {
			if b[j] >= 0x40 && b[j] <= 0x7e {
				s.csi(string(b[2:j]), b[j])
				return j + 1, true
			}
		}
		return 0, false
	case ']', 'P', '_', '^', 'X': // OSC, DCS, APC, PM, SOS: up to BEL or ST
		for j := 2; j < len(b); j++ {
			if b[j] == 0x07 && b[1] == ']' {
				s.osc(string(b[2:j]))
				return j + 1, true
			}
			if b[j] == 0x1b {
				if j+1 >= len(b) {
					return 0, false
				}
				if b[j+1] == '\\' {
					if b[1] == ']' {
						s.osc(string(b[2:j]))
					}
					return j + 2, true
				}
			}
		}
		return 0, false
	case '(', ')', '*', '+', '#', ' ': // one more byte (charsets and the like)
		if len(b) < 3 {
			return 0, false
		}
		return 3, true
	default: // two-byte sequences: ESC 7, ESC =, ESC M...
		return 2, true
	}
}

func (s *screen) csi(params string, final byte) {
	switch {
	case final == 'c' && (params == "" || params == "0"): // primary device attributes
		s.answer("device attributes", "\x1b[?62;22c")
	case final == 'n' && params == "6": // cursor position report
		s.answer("cursor position", "\x1b[1;1R")
	case final == 'n' && params == "5": // device status
		s.answer("device status", "\x1b[0n")
	}
}

func (s *screen) osc(body string) {
	switch body {
	case "10;?": // foreground colour
		s.answer("foreground colour", "\x1b]10;rgb:c0c0/c0c0/c0c0\x1b\\")
	case "11;?": // background colour
		s.answer("background colour", "\x1b]11;rgb:1c1c/1c1c/1c1c\x1b\\")
	case "12;?": // cursor colour
		s.answer("cursor colour", "\x1b]12;rgb:c0c0/c0c0/c0c0\x1b\\")
	}
}

func (s *screen) answer(query, reply string) {
	s.queries = append(s.queries, query)
	s.replies.WriteString(reply)
}

// contains reports whether the printable output so far holds marker.
func (s *screen) contains(marker string) bool { return strings.Contains(s.text.String(), marker) }

// tail is the last n bytes of printable output, for error messages.
func (s *screen) tail(n int) string {
	t := s.text.String()
	if len(t) > n {
		t = t[len(t)-n:]
	}
	return fmt.Sprintf("%q", t)
}
