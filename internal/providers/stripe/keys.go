package stripe

import (
	"regexp"
	"strings"
)

// Kind is what a Stripe identifier is, told from its prefix.
type Kind int

const (
	Unknown Kind = iota
	Publishable
	Secret
	Restricted
	WebhookSecret
	WebhookEndpoint
	ClientID
	AccountID
)

// String names the kind the way a person reads it in a message.
func (k Kind) String() string {
	switch k {
	case Publishable:
		return "publishable key"
	case Secret:
		return "secret key"
	case Restricted:
		return "restricted key"
	case WebhookSecret:
		return "webhook signing secret"
	case WebhookEndpoint:
		return "webhook endpoint ID"
	case ClientID:
		return "Connect client ID"
	case AccountID:
		return "account ID"
	}
	return "unrecognised value"
}

// KeyInfo is what ParseKey learned. Live is only meaningful for the three
// API key kinds, which come in a test and a live flavour.
type KeyInfo struct {
	Kind Kind
	Live bool
}

type prefixRule struct {
	prefix string
	kind   Kind
	live   bool
}

// prefixes are checked in order; none is a prefix of another.
var prefixes = []prefixRule{
	{"pk_test_", Publishable, false}, {"pk_live_", Publishable, true},
	{"sk_test_", Secret, false}, {"sk_live_", Secret, true},
	{"rk_test_", Restricted, false}, {"rk_live_", Restricted, true},
	{"whsec_", WebhookSecret, false},
	{"we_", WebhookEndpoint, false},
	{"ca_", ClientID, false},
	{"acct_", AccountID, false},
}

// byPrefix reports the kind a value claims by its prefix and the rest after
// it, without judging the rest.
func byPrefix(s string) (KeyInfo, string, bool) {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p.prefix) {
			return KeyInfo{Kind: p.kind, Live: p.live}, s[len(p.prefix):], true
		}
	}
	return KeyInfo{}, "", false
}

// alnum: Stripe documents the prefixes, not the lengths, which have changed
// over the years; the body has always been letters and digits.
func alnum(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
			return false
		}
	}
	return true
}

// ParseKey tells what kind of Stripe identifier s is: a known prefix followed
// by at least one letter or digit and nothing else. Anything else is Unknown.
func ParseKey(s string) KeyInfo {
	info, rest, ok := byPrefix(s)
	if !ok || !alnum(rest) {
		return KeyInfo{}
	}
	return info
}

var plaidHex = regexp.MustCompile(`^[0-9a-f]{24}$|^[0-9a-f]{30}$`)

// looksLikePlaid spots Plaid's client_id (24 hex) and secret (30 hex), the
// values most often pasted into the wrong provider's field.
func looksLikePlaid(s string) bool { return plaidHex.MatchString(s) }

// mode names test or live for messages.
func mode(live bool) string {
	if live {
		return "live"
	}
	return "test"
}
