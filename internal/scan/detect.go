package scan

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"

	"github.com/onboard-dev/onboard/internal/secret"
)

// Value is a known secret to look for by exact value: a key from the
// project's .env or from the process environment.
type Value struct {
	Name   string // the variable, e.g. STRIPE_SECRET_KEY
	Source string // where it was read: the .env's path, or "environment"
	Value  secret.Secret
}

// minExact is the shortest value looked for exactly: anything shorter is
// not a key, and would match by chance.
const minExact = 16

// maxToken bounds a key's length. A longer run of key characters is some
// other data (base64 of a file, a hash list), not a key.
const maxToken = 256

// lookBack is how much of the text before a window's start is kept with
// it: the look-back of the Plaid rules (the key of an assignment, and a
// mention of Plaid before a client_id).
const lookBack = plaidContext + 128

// overlap is how far the windows of a large blob overlap: more than the
// longest value, so a value cut by one window's end is whole in the next.
const overlap = maxToken + 64

// hit is one match in a buffer.
type hit struct {
	kind       Kind
	start, end int // byte offsets of the value in the buffer
	env        int // index into detector.values of the equal value, or -1
}

// detector finds keys in buffers. It is not safe for concurrent use (it
// reuses its scratch space); make one per goroutine with clone.
type detector struct {
	values []Value
	// Known values made of word bytes (nearly every key) are found as
	// whole runs with one map look-up; the others with bytes.Index.
	byWord  map[string]int
	lengths [maxToken + 1]bool
	others  []int // indexes into values
	hits    []hit
}

// usable reports whether a known value can be looked for: long enough to
// be a key and not a placeholder left in an example .env.
func usable(v string) bool {
	return len(v) >= minExact && len(v) <= maxToken && !isPlaceholder([]byte(v))
}

func newDetector(values []Value) *detector {
	d := &detector{values: values, byWord: map[string]int{}}
	for i, v := range values {
		raw := v.Value.Reveal()
		if !usable(raw) {
			continue
		}
		word := true
		for j := 0; j < len(raw); j++ {
			if !isWord(raw[j]) {
				word = false
				break
			}
		}
		if word {
			d.byWord[raw] = i
			d.lengths[len(raw)] = true
		} else {
			d.others = append(d.others, i)
		}
	}
	return d
}

func (d *detector) clone() *detector {
	c := *d
	c.hits = nil
	return &c
}

// find returns the matches that start in buf[from:limit]; buf[:from] is
// context before the window, buf[limit:] the overlap with the next one.
// The slice is reused by the next call.
func (d *detector) find(buf []byte, from, limit int) []hit {
	d.hits = d.hits[:0]
	d.runs(buf, from, limit)
	d.exact(buf, from, limit)
	return d.hits
}

// add records a pattern match.
func (d *detector) add(k Kind, start, end int) {
	d.hits = append(d.hits, hit{kind: k, start: start, end: end, env: -1})
}

// exact looks for the known values that are not plain words. Their
// occurrences inside a pattern's match mark that match; the others are
// matches of their own.
func (d *detector) exact(buf []byte, from, limit int) {
	patterns := len(d.hits)
	for _, vi := range d.others {
		n := []byte(d.values[vi].Value.Reveal())
		for off := from; off < limit; {
			i := bytes.Index(buf[off:], n)
			if i < 0 || off+i >= limit {
				break
			}
			start, end := off+i, off+i+len(n)
			off = start + 1
			matched := false
			for hi := 0; hi < patterns; hi++ {
				if h := &d.hits[hi]; h.start == start && h.end == end {
					h.env, matched = vi, true
				}
			}
			if !matched {
				k, ok := envKinds[d.values[vi].Name]
				if !ok {
					k = EnvValue
				}
				d.hits = append(d.hits, hit{kind: k, start: start, end: end, env: vi})
			}
		}
	}
}

// Fingerprint names a value without revealing it: the first 16 hex digits
// of its SHA-256. Keys are long random strings, so the digest cannot be
// turned back into the key; it lets a report, a SARIF consumer or a test
// tell two findings of the same key apart from two different keys.
func Fingerprint(value string) string {
	sum := sha256.Sum256([]byte(value))
	return hex.EncodeToString(sum[:8])
}

func isAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

func isWord(c byte) bool { return isAlnum(c) || c == '_' }

func isLowerHex(c byte) bool { return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' }
