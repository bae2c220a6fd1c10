// Package leakcheck finds secrets in what a program produced: its screen,
// stdout, stderr, logs and files. It looks for each secret whole and for any
// long fragment of it, in the text as written and in the forms a secret takes
// when it passes through a terminal or an encoder: with ANSI escapes
// removed, JSON-escaped, URL-encoded, wrapped over several lines of a box,
// and base64-encoded (an HTTP Basic auth header). It reports where a leak is
// without ever printing the secret: a Leak names the secret by its masked
// form.
package leakcheck

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"sort"
	"strings"

	"github.com/onboard-dev/onboard/internal/secret"
)

// MinFragment is the length from which a piece of a secret counts as a
// leak. secret.Mask shows a kind prefix and the last four characters, so any
// twelve characters of the rest are more than any masked form reveals, and
// long enough not to occur by chance in ordinary text.
const MinFragment = 12

// Leak is one place where a secret, or a long piece of it, was found.
type Leak struct {
	Output string // the name the output was given
	Line   int    // 1-based line of the output where the leaked text starts
	// EndLine is the line where it ends: later than Line when the secret
	// was wrapped over several lines.
	EndLine int
	Column  int // 1-based byte column on that line, in the form's text
	// Form is how the secret was written: "raw", "ansi-stripped",
	// "json-escaped", "url-encoded", "wrapped" (split over lines or box
	// borders) or "base64".
	Form   string
	Secret string // which secret: its masked form, never the value
	Index  int    // which secret: its position in the list given to Scan
	Length int    // how many of its characters were exposed
	Full   bool   // the whole secret was exposed
}

// String describes the leak without the secret: output:line:col, the masked
// secret, how much of it and in what form.
func (l Leak) String() string {
	what := "the whole secret"
	if !l.Full {
		what = fmt.Sprintf("a %d-character piece of secret", l.Length)
	}
	return fmt.Sprintf("%s:%d:%d: %s #%d (%s), %s", l.Output, l.Line, l.Column, what, l.Index, l.Secret, l.Form)
}

// pattern is something to look for: a secret's own characters (with the
// public prefix that Mask shows, which alone is no leak), or an encoding of
// it that can only be matched whole.
type pattern struct {
	index  int
	secret string // the secret itself
	text   string // what to look for: the secret, or an encoding of it
	public int    // bytes of text that are a public prefix
	whole  bool   // only a complete match counts
	form   string // for an encoding, its name
}

// Scan looks for every secret in every output and returns each leak found,
// sorted by output, line and column. Empty secrets are ignored. A secret
// whose characters after its public prefix number fewer than MinFragment
// is only found whole.
func Scan(outputs map[string][]byte, secrets []string) []Leak {
	return ScanExcept(outputs, secrets, nil)
}

// ScanExcept is Scan for secrets that share pieces with values that are
// public by design: a Stripe secret key and the publishable key of the same
// account share the characters that name the account. A piece found in any
// of public is not a leak of the secret.
func ScanExcept(outputs map[string][]byte, secrets, public []string) []Leak {
	pats := patterns(secrets)
	idx := windowIndex(pats, public)
	names := make([]string, 0, len(outputs))
	for name := range outputs {
		names = append(names, name)
	}
	sort.Strings(names)

	var leaks []Leak
	for _, name := range names {
		leaks = append(leaks, scanOne(name, outputs[name], pats, idx)...)
	}
	return leaks
}

func patterns(secrets []string) []pattern {
	var pats []pattern
	for i, s := range secrets {
		if s == "" {
			continue
		}
		pats = append(pats, pattern{index: i, secret: s, text: s, public: len(publicPrefix(s))})
		// An HTTP Basic auth header carries base64(user ":" password);
		// Stripe puts the secret key in the user part. The encoding's last
		// four characters depend on what follows, so they are left out.
		for _, raw := range []string{s, s + ":"} {
			enc := strings.TrimRight(base64.StdEncoding.EncodeToString([]byte(raw)), "=")
			if len(enc) > 4+MinFragment {
				pats = append(pats, pattern{index: i, secret: s, text: enc[:len(enc)-4], whole: true, form: "base64"})
			}
		}
	}
	return pats
}

// publicPrefix is the part of s that secret.Mask shows at its start.
func publicPrefix(s string) string {
	m := secret.Mask(s)
	for _, cut := range []string{"…", "••••"} {
		if i := strings.Index(m, cut); i >= 0 {
			return m[:i]
		}
	}
	return ""
}

// ref is a window of a pattern: pattern p, starting at byte off.
type ref struct{ p, off int }

// windowIndex maps every MinFragment-long window of each pattern's secret
// part to where it occurs, so one pass over an output finds every fragment.
func windowIndex(pats []pattern, public []string) map[string][]ref {
	shared := map[string]bool{}
	for _, p := range public {
		for off := 0; off+MinFragment <= len(p); off++ {
			shared[p[off:off+MinFragment]] = true
		}
	}
	idx := map[string][]ref{}
	for p, pat := range pats {
		if pat.whole || len(pat.text)-pat.public < MinFragment {
			continue
		}
		for off := pat.public; off+MinFragment <= len(pat.text); off++ {
			w := pat.text[off : off+MinFragment]
			if !shared[w] {
				idx[w] = append(idx[w], ref{p, off})
			}
		}
	}
	return idx
}

func scanOne(name string, out []byte, pats []pattern, idx map[string][]ref) []Leak {
	var found []Leak
	for _, v := range views(out) {
		for _, l := range findIn(v, pats, idx) {
			l.Output = name
			found = append(found, l)
		}
	}
	// The same leak shows in several forms (a raw secret is also in the
	// stripped text); keep the longest finding of each secret and drop the
	// others that start on the lines it covers.
	sort.SliceStable(found, func(i, j int) bool { return found[i].Length > found[j].Length })
	var leaks []Leak
	for _, l := range found {
		covered := false
		for _, k := range leaks {
			if k.Index == l.Index && k.Line <= l.Line && l.Line <= k.EndLine {
				covered = true
				break
			}
		}
		if !covered {
			leaks = append(leaks, l)
		}
	}
	sort.Slice(leaks, func(i, j int) bool {
		a, b := leaks[i], leaks[j]
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Column != b.Column {
			return a.Column < b.Column
		}
		return a.Index < b.Index
	})
	return leaks
}

// findIn finds every pattern in one form of an output.
func findIn(v view, pats []pattern, idx map[string][]ref) []Leak {
	var leaks []Leak
	text := v.text
	leak := func(p pattern, start, n int, form string) Leak {
		at, end := v.at[start], v.at[start+n-1]
		l := Leak{Line: int(at.line), EndLine: int(end.line), Column: int(at.col), Form: form, Secret: secret.Mask(p.secret),
			Index: p.index, Length: n, Full: n == len(p.secret)}
		if p.whole { // an encoding found whole exposes the whole secret
			l.Length, l.Full = len(p.secret), true
		}
		return l
	}
	for _, p := range pats {
		if !p.whole && len(p.text)-p.public >= MinFragment {
			continue // found through the window index below
		}
		form := v.form
		if p.whole {
			if v.form != "raw" {
				continue // encodings are looked for as written
			}
			form = p.form
		}
		for from := 0; ; {
			i := bytes.Index(text[from:], []byte(p.text))
			if i < 0 {
				break
			}
			leaks = append(leaks, leak(p, from+i, len(p.text), form))
			from += i + len(p.text)
		}
	}
	for i := 0; i+MinFragment <= len(text); {
		refs := idx[string(text[i:i+MinFragment])]
		if len(refs) == 0 {
			i++
			continue
		}
		// The longest extension of any window here is the leak.
		bestStart, bestLen, bestP := 0, 0, 0
		for _, r := range refs {
			s := pats[r.p].text
			start, off := i, r.off
			for start > 0 && off > 0 && text[start-1] == s[off-1] {
				start--
				off--
			}
			n := i - start + MinFragment
			for start+n < len(text) && off+n < len(s) && text[start+n] == s[off+n] {
				n++
			}
			if n > bestLen {
				bestStart, bestLen, bestP = start, n, r.p
			}
		}
		leaks = append(leaks, leak(pats[bestP], bestStart, bestLen, v.form))
		i = bestStart + bestLen
	}
	return leaks
}
