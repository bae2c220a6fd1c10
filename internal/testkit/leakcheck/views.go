package leakcheck

import (
	"strconv"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// pos is where a byte of a view came from in the output: its line, and its
// column in that line's text as the view shows it.
type pos struct{ line, col int32 }

// view is one form of an output: its text, and for every byte of it the
// place in the output it came from, so a leak can be located.
type view struct {
	form string
	text []byte
	at   []pos
}

func newView(form string, size int) view {
	return view{form: form, text: make([]byte, 0, size), at: make([]pos, 0, size)}
}

func (v *view) add(b byte, p pos) {
	v.text = append(v.text, b)
	v.at = append(v.at, p)
}

// views are the forms in which a secret may hide in out. Each later form is
// derived from the ANSI-stripped text, which is what a person sees.
func views(out []byte) []view {
	raw := view{form: "raw", text: out, at: make([]pos, len(out))}
	stripped := newView("ansi-stripped", len(out))
	line, start := int32(1), 0
	for i := 0; i <= len(out); i++ {
		if i < len(out) && out[i] != '\n' {
			continue
		}
		for j := start; j < i; j++ {
			raw.at[j] = pos{line, int32(j - start + 1)}
		}
		// Escape sequences never span lines, so stripping line by line
		// keeps every byte's line known.
		plain := ansi.Strip(string(out[start:i]))
		for j := 0; j < len(plain); j++ {
			stripped.add(plain[j], pos{line, int32(j + 1)})
		}
		if i < len(out) {
			raw.at[i] = pos{line, int32(i - start + 1)}
			stripped.add('\n', pos{line, int32(len(plain) + 1)})
		}
		line, start = line+1, i+1
	}
	return []view{raw, stripped, jsonUnescaped(stripped), urlDecoded(stripped), unwrapped(stripped)}
}

// jsonUnescaped decodes JSON string escapes wherever they are (\uXXXX with
// surrogate pairs, \n, \", \/, ...), without needing valid JSON around them.
func jsonUnescaped(in view) view {
	out := newView("json-escaped", len(in.text))
	t := in.text
	for i := 0; i < len(t); i++ {
		if t[i] != '\\' || i+1 >= len(t) {
			out.add(t[i], in.at[i])
			continue
		}
		p := in.at[i]
		if c, ok := simpleEscape[t[i+1]]; ok {
			out.add(c, p)
			i++
			continue
		}
		r, n := unicodeEscape(t[i:])
		if n == 0 {
			out.add(t[i], p)
			continue
		}
		var buf [utf8.UTFMax]byte
		for _, b := range buf[:utf8.EncodeRune(buf[:], r)] {
			out.add(b, p)
		}
		i += n - 1
	}
	return out
}

var simpleEscape = map[byte]byte{'"': '"', '\\': '\\', '/': '/', 'b': '\b', 'f': '\f', 'n': '\n', 'r': '\r', 't': '\t'}

// unicodeEscape reads \uXXXX (and a following low surrogate) at the start of
// t; n is the bytes consumed, 0 when t does not start with one.
func unicodeEscape(t []byte) (r rune, n int) {
	hex4 := func(b []byte) (rune, bool) {
		if len(b) < 6 || b[0] != '\\' || b[1] != 'u' {
			return 0, false
		}
		v, err := strconv.ParseUint(string(b[2:6]), 16, 32)
		return rune(v), err == nil
	}
	hi, ok := hex4(t)
	if !ok {
		return 0, 0
	}
	if hi >= 0xD800 && hi < 0xDC00 {
		if lo, ok := hex4(t[6:]); ok && lo >= 0xDC00 && lo < 0xE000 {
			return (hi-0xD800)<<10 + (lo - 0xDC00) + 0x10000, 12
		}
	}
	return hi, 6
}

// urlDecoded decodes %XX escapes, leaving anything that is not a valid
// escape as it is. A '+' stays a '+': path escaping keeps it, and a secret
// never holds the space that query escaping writes as '+'.
func urlDecoded(in view) view {
	out := newView("url-encoded", len(in.text))
	t := in.text
	for i := 0; i < len(t); i++ {
		if t[i] == '%' && i+2 < len(t) && isHex(t[i+1]) && isHex(t[i+2]) {
			v, _ := strconv.ParseUint(string(t[i+1:i+3]), 16, 8)
			out.add(byte(v), in.at[i])
			i += 2
			continue
		}
		out.add(t[i], in.at[i])
	}
	return out
}

func isHex(b byte) bool {
	return '0' <= b && b <= '9' || 'a' <= b && b <= 'f' || 'A' <= b && b <= 'F'
}

// unwrapped drops whitespace and box-drawing borders, so a secret that a
// narrow screen wrapped over several lines of a box reads as one piece.
func unwrapped(in view) view {
	out := newView("wrapped", len(in.text))
	t := in.text
	for i := 0; i < len(t); {
		r, n := utf8.DecodeRune(t[i:])
		if !unicode.IsSpace(r) && !isBorder(r) {
			out.text = append(out.text, t[i:i+n]...)
			for k := 0; k < n; k++ {
				out.at = append(out.at, in.at[i])
			}
		}
		i += n
	}
	return out
}

// isBorder: box drawing and block elements (U+2500–U+259F), which lipgloss
// borders are drawn with, and the ASCII bar of plain borders.
func isBorder(r rune) bool { return r >= 0x2500 && r <= 0x259F || r == '|' }
