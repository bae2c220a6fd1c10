package stripecli

import (
	"bytes"
	"regexp"
	"strings"
	"unicode"

	"github.com/charmbracelet/x/ansi"

	"github.com/onboard-dev/onboard/internal/secret"
)

const (
	secretPrefix = "whsec_"
	// minSecretBody is the fewest characters after whsec_ taken as a
	// secret. Stripe's are 32 or more; a shorter whsec_ word in a message
	// (an example, a truncated line) is not one.
	minSecretBody = 16
	// MaxReason is the most characters of what the CLI said that an
	// Error quotes: enough for its error line, too little to flood a
	// screen.
	MaxReason = 240
)

// secretsIn returns the different whsec_ secrets in out, in order: the
// prefix at the start of a word, then letters and digits up to a character
// that cannot continue a token (whitespace, a quote, a bracket). A token
// that may have been cut off by the output cap (truncated) is not taken.
func secretsIn(raw []byte, truncated bool) []string {
	out := []byte(ansi.Strip(string(raw))) // colour codes around the secret
	var found []string
	for i := 0; ; {
		j := bytes.Index(out[i:], []byte(secretPrefix))
		if j < 0 {
			return found
		}
		start := i + j
		end := start + len(secretPrefix)
		for end < len(out) && isAlnum(out[end]) {
			end++
		}
		i = end
		if start > 0 && isWord(out[start-1]) {
			continue // part of a longer word: xwhsec_…, _whsec_…
		}
		if end < len(out) && continuesToken(out[end]) {
			continue // whsec_abc_def, whsec_abc+def: not the shape of a secret
		}
		if end == len(out) && truncated {
			continue
		}
		if end-start-len(secretPrefix) < minSecretBody {
			continue
		}
		s := string(out[start:end])
		if !contains(found, s) {
			found = append(found, s)
		}
	}
}

func isAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}
func isWord(c byte) bool { return isAlnum(c) || c == '_' }

// continuesToken: characters that would make the run of letters and digits
// part of some longer token (base64, a path, an identifier, an escape). A
// full stop, a colon or a bracket ends a sentence or a label instead.
func continuesToken(c byte) bool { return isWord(c) || strings.IndexByte("+/=-@%\\", c) >= 0 }

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// loginPrompt matches what the CLI prints when it turns to `stripe login`
// (the pairing code and the "Press Enter to open the browser" prompt come
// with it).
var loginPrompt = regexp.MustCompile(`(?i)stripe login|pairing code|open the browser`)

func wantsLogin(out []byte) bool { return loginPrompt.Match([]byte(ansi.Strip(string(out)))) }

// urlQuery is a URL's query or fragment: the CLI's login links carry a
// one-time token there.
var urlQuery = regexp.MustCompile(`(?i)(https?://[^\s?#"'<>]+)[?#][^\s"'<>]*`)

// cleanReason makes what the CLI said fit to quote: terminal escapes and
// control characters removed first (so a key they split is whole again),
// then the key and anything shaped like a credential masked, URL queries
// dropped, lines joined, at most MaxReason characters.
func cleanReason(red *secret.Redactor, outputs ...[]byte) string {
	var lines []string
	for _, out := range outputs {
		s := strings.Map(printable, ansi.Strip(strings.ToValidUTF8(string(out), "\uFFFD")))
		s = red.Redact(s)
		s = urlQuery.ReplaceAllString(s, "$1?…")
		for _, l := range strings.Split(s, "\n") {
			if l = strings.Join(strings.Fields(l), " "); l != "" {
				lines = append(lines, l)
			}
		}
	}
	return shorten(strings.Join(lines, " / "), MaxReason)
}

// printable keeps line breaks (a carriage return counts as one) and drops
// control and format characters (bidi overrides, zero-width marks), which
// could make a quoted line show something else than it says.
func printable(r rune) rune {
	switch {
	case r == '\n' || r == '\r':
		return '\n'
	case r == '\t':
		return ' '
	case unicode.IsControl(r) || unicode.Is(unicode.Cf, r):
		return -1
	}
	return r
}

// shorten cuts s to at most n characters, marking the cut.
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return strings.TrimSpace(string(r[:n-1])) + "…"
}
