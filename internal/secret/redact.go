package secret

import (
	"bytes"
	"encoding/base64"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MinFragment is the length from which a piece of a secret counts as the
// secret: Mask shows a kind prefix and the last four characters, so twelve
// characters of the rest are more than any masked form reveals, and long
// enough not to occur by chance in ordinary text. (internal/testkit/leakcheck
// looks for leaks with the same length.)
const MinFragment = 12

// MinRedacted is the shortest value a Redactor looks for. A shorter one
// cannot be told apart from ordinary words, and no credential is that short.
const MinRedacted = 8

// Redactor masks a fixed set of secrets wherever they appear in a text: the
// secret whole, any piece of it of MinFragment characters or more beyond its
// public prefix, and the forms a secret takes when a server, an encoder or a
// terminal has passed it along: with ANSI escapes or control characters
// inside, JSON-escaped, URL-encoded, split by whitespace or box borders, and
// base64-encoded (standard or URL alphabet, at any alignment, as inside an
// HTTP Basic auth header). Each finding is replaced by the secret's masked
// form. Anything shaped like a whole credential of a known kind is masked
// as well, whoever's it is. It is for text a program did not write itself:
// a server's error message, its hints and ids. A nil Redactor redacts
// nothing.
type Redactor struct {
	pats    []pattern
	windows map[string][]ref // every MinFragment window of each fragment-searched pattern
}

// pattern is something to look for: a secret's characters (from which
// fragments count), or a form of it that only counts whole.
type pattern struct {
	text   string
	mask   string // what replaces a finding
	public int    // bytes of text that are a public prefix (never a fragment start)
	whole  bool   // only a complete match counts
}

type ref struct{ p, off int }

// credentialShape matches anything shaped like a whole credential of a kind
// Mask knows: its prefix and at least MinFragment characters more. A server
// that quotes a token onboard never knew the value of (an access token it
// issued, a key of another account) is masked too. The masked forms Stripe
// writes itself ("sk_test_****1234") and Mask's ("sk_test_…1234") do not
// match.
// It is built from the registered prefixes (RegisterPrefixes), again
// whenever they change; nil while none are registered.
func credentialShape() *regexp.Regexp {
	prefixMu.RLock()
	if shapeOf == len(prefixes) {
		defer prefixMu.RUnlock()
		return shape
	}
	prefixMu.RUnlock()
	prefixMu.Lock()
	defer prefixMu.Unlock()
	if shapeOf != len(prefixes) {
		shape, shapeOf = nil, len(prefixes)
		if len(prefixes) > 0 {
			alts := make([]string, len(prefixes))
			for i, p := range prefixes {
				alts[i] = regexp.QuoteMeta(p)
			}
			shape = regexp.MustCompile(`\b(?:` + strings.Join(alts, "|") + `)[A-Za-z0-9_+/=-]{` + strconv.Itoa(MinFragment) + `,}`)
		}
	}
	return shape
}

// shape is credentialShape's regexp, built for shapeOf prefixes (prefixes
// are only ever added, so their number says whether it is current).
var (
	shape   *regexp.Regexp
	shapeOf int
)

// NewRedactor returns a Redactor for values. Empty values, values shorter
// than MinRedacted and duplicates are ignored.
func NewRedactor(values ...string) *Redactor {
	r := &Redactor{windows: map[string][]ref{}}
	seen := map[string]bool{}
	for _, v := range values {
		if len(v) < MinRedacted || seen[v] {
			continue
		}
		seen[v] = true
		mask := Mask(v)
		public := len(publicPrefix(v))
		if len(v)-public >= MinFragment {
			p := len(r.pats)
			r.pats = append(r.pats, pattern{text: v, mask: mask, public: public})
			for off := public; off+MinFragment <= len(v); off++ {
				w := v[off : off+MinFragment]
				r.windows[w] = append(r.windows[w], ref{p, off})
			}
		} else {
			r.pats = append(r.pats, pattern{text: v, mask: mask, whole: true})
		}
		// In base64, each run of three bytes of the secret encodes to the
		// same four characters wherever it sits, once the run starts on a
		// multiple of three in the encoded whole. So for each of the three
		// alignments the longest such run is looked for, in both
		// alphabets; the one or two characters either side that depend on
		// the neighbouring bytes reveal at most a byte each.
		for j := 0; j < 3; j++ {
			n := (len(v) - j) / 3 * 3
			if n < 9 {
				continue
			}
			for _, enc := range []*base64.Encoding{base64.RawStdEncoding, base64.RawURLEncoding} {
				r.pats = append(r.pats, pattern{text: enc.EncodeToString([]byte(v[j : j+n])), mask: mask, whole: true})
			}
		}
	}
	return r
}

// publicPrefix is the part of s that Mask shows at its start.
func publicPrefix(s string) string {
	if p := knownPrefix(s); len(s) > len(p) {
		return p
	}
	return ""
}

// Redact returns s with every finding replaced by the masked secret.
func (r *Redactor) Redact(s string) string {
	if r == nil || s == "" {
		return s
	}
	// Replacing one finding can, in a contrived text, join the pieces of
	// another; a few passes settle it.
	for range 3 {
		out := r.once(s)
		if out == s {
			break
		}
		s = out
	}
	if re := credentialShape(); re != nil {
		s = re.ReplaceAllStringFunc(s, Mask)
	}
	return s
}

// span is a finding: bytes [start, end) of the text, and its replacement.
type span struct {
	start, end int
	mask       string
}

func (r *Redactor) once(s string) string {
	if len(r.pats) == 0 {
		return s
	}
	text := []byte(s)
	var found []span
	for _, v := range views(text) {
		found = append(found, r.find(v)...)
	}
	if len(found) == 0 {
		return s
	}
	sort.Slice(found, func(i, j int) bool { return found[i].start < found[j].start })
	var b bytes.Buffer
	at := 0
	for i := 0; i < len(found); {
		sp := found[i]
		// Overlapping findings become one.
		for i++; i < len(found) && found[i].start < sp.end; i++ {
			sp.end = max(sp.end, found[i].end)
		}
		// Never cut a character in two.
		for sp.start > 0 && !utf8.RuneStart(text[sp.start]) {
			sp.start--
		}
		for sp.end < len(text) && !utf8.RuneStart(text[sp.end]) {
			sp.end++
		}
		if sp.start < at {
			sp.start = at
		}
		b.Write(text[at:sp.start])
		b.WriteString(sp.mask)
		at = sp.end
	}
	b.Write(text[at:])
	return b.String()
}

// find returns every pattern found in one view, as spans of the original.
func (r *Redactor) find(v view) []span {
	var out []span
	t := v.text
	add := func(p pattern, from, to int) {
		out = append(out, span{start: v.from[from], end: v.to[to-1], mask: p.mask})
	}
	for _, p := range r.pats {
		if !p.whole {
			continue
		}
		for from := 0; ; {
			i := bytes.Index(t[from:], []byte(p.text))
			if i < 0 {
				break
			}
			add(p, from+i, from+i+len(p.text))
			from += i + len(p.text)
		}
	}
	for i := 0; i+MinFragment <= len(t); {
		refs := r.windows[string(t[i:i+MinFragment])]
		if len(refs) == 0 {
			i++
			continue
		}
		// The longest extension of any window found here is the finding.
		bestStart, bestLen, bestP := 0, 0, 0
		for _, rf := range refs {
			sec := r.pats[rf.p].text
			start, off := i, rf.off
			for start > 0 && off > 0 && t[start-1] == sec[off-1] {
				start--
				off--
			}
			n := i - start + MinFragment
			for start+n < len(t) && off+n < len(sec) && t[start+n] == sec[off+n] {
				n++
			}
			if n > bestLen {
				bestStart, bestLen, bestP = start, n, rf.p
			}
		}
		add(r.pats[bestP], bestStart, bestStart+bestLen)
		i = bestStart + bestLen
	}
	return out
}

// view is one reading of a text: its bytes, and for each byte the range of
// the original text it came from.
type view struct {
	text     []byte
	from, to []int // byte i of text came from original[from[i]:to[i]]
}

func (v *view) add(b byte, from, to int) {
	v.text = append(v.text, b)
	v.from = append(v.from, from)
	v.to = append(v.to, to)
}

// views are the readings a secret may hide in: the text as written, with
// escape sequences and control characters removed (what a terminal shows),
// and, from that, JSON-unescaped, URL-decoded, and without whitespace and
// box borders.
func views(text []byte) []view {
	raw := view{text: text, from: make([]int, len(text)), to: make([]int, len(text))}
	for i := range text {
		raw.from[i], raw.to[i] = i, i+1
	}
	plain := stripped(raw)
	return []view{raw, plain, jsonUnescaped(plain), urlDecoded(plain), unwrapped(plain)}
}

// stripped drops ANSI escape sequences (CSI, OSC and two-byte escapes) and
// the other control characters.
func stripped(in view) view {
	out := view{}
	t := in.text
	for i := 0; i < len(t); i++ {
		c := t[i]
		if c == 0x1b && i+1 < len(t) {
			switch t[i+1] {
			case '[': // CSI: parameters and intermediates, then a final byte
				j := i + 2
				for j < len(t) && t[j] >= 0x20 && t[j] <= 0x3f {
					j++
				}
				i = j // the final byte (or the end)
			case ']', 'P', '_', '^': // OSC and other strings: up to BEL or ST
				j := i + 2
				for j < len(t) && t[j] != 0x07 && !(t[j] == 0x1b && j+1 < len(t) && t[j+1] == '\\') {
					j++
				}
				if j < len(t) && t[j] == 0x1b {
					j++
				}
				i = j
			default:
				i++
			}
			continue
		}
		if c < 0x20 && c != '\n' && c != '\t' || c == 0x7f {
			continue
		}
		out.add(c, in.from[i], in.to[i])
	}
	return out
}

// jsonUnescaped decodes JSON string escapes wherever they are.
func jsonUnescaped(in view) view {
	out := view{}
	t := in.text
	for i := 0; i < len(t); i++ {
		if t[i] != '\\' || i+1 >= len(t) {
			out.add(t[i], in.from[i], in.to[i])
			continue
		}
		if c, ok := simpleEscape[t[i+1]]; ok {
			out.add(c, in.from[i], in.to[i+1])
			i++
			continue
		}
		r, n := unicodeEscape(t[i:])
		if n == 0 {
			out.add(t[i], in.from[i], in.to[i])
			continue
		}
		var buf [utf8.UTFMax]byte
		for _, b := range buf[:utf8.EncodeRune(buf[:], r)] {
			out.add(b, in.from[i], in.to[i+n-1])
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

// urlDecoded decodes %XX escapes, leaving anything else as it is.
func urlDecoded(in view) view {
	out := view{}
	t := in.text
	for i := 0; i < len(t); i++ {
		if t[i] == '%' && i+2 < len(t) && isHex(t[i+1]) && isHex(t[i+2]) {
			v, _ := strconv.ParseUint(string(t[i+1:i+3]), 16, 8)
			out.add(byte(v), in.from[i], in.to[i+2])
			i += 2
			continue
		}
		out.add(t[i], in.from[i], in.to[i])
	}
	return out
}

func isHex(b byte) bool {
	return '0' <= b && b <= '9' || 'a' <= b && b <= 'f' || 'A' <= b && b <= 'F'
}

// unwrapped drops whitespace and box-drawing borders, so a secret split over
// lines or by spaces reads as one piece.
func unwrapped(in view) view {
	out := view{}
	t := in.text
	for i := 0; i < len(t); {
		r, n := utf8.DecodeRune(t[i:])
		if !unicode.IsSpace(r) && !(r >= 0x2500 && r <= 0x259F || r == '|') {
			for k := 0; k < n; k++ {
				out.add(t[i+k], in.from[i+k], in.to[i+k])
			}
		}
		i += n
	}
	return out
}
