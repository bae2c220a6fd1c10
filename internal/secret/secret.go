// Package secret holds credentials in a type that masks itself on every
// formatting path, so a secret cannot reach a screen, log line, error or
// JSON document by accident. Code that really needs the value calls Reveal,
// which makes every such place easy to find with grep.
package secret

import (
	"fmt"
	"log/slog"
	"slices"
	"sort"
	"strings"
	"sync"
)

// Secret is a credential. Its zero value is the empty secret.
type Secret string

// Reveal returns the raw value. Use it only to put the value on the wire or
// into the .env file.
func (s Secret) Reveal() string { return string(s) }

// IsZero reports whether the secret is empty.
func (s Secret) IsZero() bool { return s == "" }

// String masks: see Mask.
func (s Secret) String() string { return Mask(string(s)) }

// GoString masks too, so %#v is safe.
func (s Secret) GoString() string { return fmt.Sprintf("secret.Secret(%q)", Mask(string(s))) }

// Format makes every verb (%s, %v, %q, %x, %d...) print the masked form.
func (s Secret) Format(f fmt.State, verb rune) {
	switch verb {
	case 'q':
		fmt.Fprintf(f, "%q", Mask(string(s)))
	default:
		_, _ = f.Write([]byte(Mask(string(s))))
	}
}

// MarshalJSON writes the masked form.
func (s Secret) MarshalJSON() ([]byte, error) {
	return []byte(fmt.Sprintf("%q", Mask(string(s)))), nil
}

// MarshalText writes the masked form (used by encoding/xml, slog's text handler, ...).
func (s Secret) MarshalText() ([]byte, error) { return []byte(Mask(string(s))), nil }

// LogValue keeps slog from ever seeing the raw value.
func (s Secret) LogValue() slog.Value { return slog.StringValue(Mask(string(s))) }

// prefixes are the readable, non-secret heads of the credentials onboard
// handles ("sk_test_", "whsec_"), longest first. Each provider registers
// its own (RegisterPrefixes), so this package names none. Keeping them
// visible lets a person tell a test key from a live one.
var (
	prefixMu sync.RWMutex
	prefixes []string
)

// RegisterPrefixes adds credential heads that Mask shows. Safe for
// concurrent use; providers call it when their package is initialised.
func RegisterPrefixes(ps ...string) {
	prefixMu.Lock()
	defer prefixMu.Unlock()
	for _, p := range ps {
		if p != "" && !slices.Contains(prefixes, p) {
			prefixes = append(prefixes, p)
		}
	}
	// Longest first, so "sk_test_" wins over a shorter head it extends.
	sort.SliceStable(prefixes, func(i, j int) bool { return len(prefixes[i]) > len(prefixes[j]) })
}

// knownPrefix is the registered head v starts with, or "".
func knownPrefix(v string) string {
	prefixMu.RLock()
	defer prefixMu.RUnlock()
	for _, p := range prefixes {
		if strings.HasPrefix(v, p) {
			return p
		}
	}
	return ""
}

// Mask shows a credential's kind prefix and its last four characters, and
// nothing about its length: "sk_test_…4242". Values too short to hide
// anything are fully masked.
func Mask(v string) string {
	if v == "" {
		return ""
	}
	prefix := knownPrefix(v)
	rest := v[len(prefix):]
	if len([]rune(rest)) < 12 {
		return prefix + "••••"
	}
	r := []rune(rest)
	return prefix + "…" + string(r[len(r)-4:])
}
