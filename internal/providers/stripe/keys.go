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
	// OrgSecret is an organization key (sk_org_…): a secret key of a
	// Stripe organization that acts for whichever of its accounts the
	// Stripe-Context header names (docs.stripe.com/keys/organization-api-keys).
	OrgSecret
	// ClaimableSandbox is a key the Stripe CLI makes with `stripe sandbox
	// create` for a sandbox nobody has claimed yet (rkcs_…); it stops
	// working after 7 days (stripe/stripe-cli pkg/cmd/sandbox.go).
	ClaimableSandbox
	// CLIOAuth is the Stripe CLI's own login key (oak_…), stored in the
	// CLI's config by `stripe login`: it belongs to the CLI, not to an app.
	CLIOAuth
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
	case OrgSecret:
		return "organization key"
	case ClaimableSandbox:
		return "claimable sandbox key"
	case CLIOAuth:
		return "Stripe CLI login key"
	default:
		return "unrecognised value"
	}
}

// KeyInfo is what ParseKey learned. Live is only meaningful for the API
// key kinds, which come in a test and a live flavour.
type KeyInfo struct {
	Kind Kind
	Live bool
	// ModeUnknown: the key's prefix does not say test or live (an
	// organization key written sk_org_… with no mode after it). Such a key
	// is handled as live, the safe side: it only ever goes to Stripe's own
	// host, and it is never called mixed with the other key's mode.
	ModeUnknown bool
}

// Server reports whether the key is one a server calls Stripe's API with:
// what STRIPE_SECRET_KEY may hold.
func (k KeyInfo) Server() bool {
	switch k.Kind {
	case Secret, Restricted, OrgSecret, ClaimableSandbox:
		return true
	default: // publishable keys, signing secrets, IDs, the CLI's login key
		return false
	}
}

type prefixRule struct {
	prefix string
	kind   Kind
	live   bool
	// anyMode: the prefix does not tell the mode (see ModeUnknown).
	anyMode bool
}

// prefixes are checked in order: a prefix that extends another comes
// before it (sk_org_test_ before sk_org_), which TestPrefixOrder holds.
var prefixes = []prefixRule{
	{prefix: "pk_test_", kind: Publishable}, {prefix: "pk_live_", kind: Publishable, live: true},
	{prefix: "sk_test_", kind: Secret}, {prefix: "sk_live_", kind: Secret, live: true},
	{prefix: "rk_test_", kind: Restricted}, {prefix: "rk_live_", kind: Restricted, live: true},
	{prefix: "sk_org_test_", kind: OrgSecret}, {prefix: "sk_org_live_", kind: OrgSecret, live: true},
	{prefix: "sk_org_", kind: OrgSecret, live: true, anyMode: true},
	// Claimable sandboxes are sandboxes: their keys are test keys.
	{prefix: "rkcs_test_", kind: ClaimableSandbox}, {prefix: "rkcs_", kind: ClaimableSandbox},
	{prefix: "oak_", kind: CLIOAuth},
	{prefix: "whsec_", kind: WebhookSecret},
	{prefix: "we_", kind: WebhookEndpoint},
	{prefix: "ca_", kind: ClientID},
	{prefix: "acct_", kind: AccountID},
}

// keyPrefixes are the heads masks show (secret.RegisterPrefixes).
func keyPrefixes() []string {
	out := make([]string, len(prefixes))
	for i, p := range prefixes {
		out[i] = p.prefix
	}
	return out
}

// byPrefix reports the kind a value claims by its prefix and the rest after
// it, without judging the rest.
func byPrefix(s string) (KeyInfo, string, bool) {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p.prefix) {
			return KeyInfo{Kind: p.kind, Live: p.live, ModeUnknown: p.anyMode}, s[len(p.prefix):], true
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

// secretKinds are the kinds that must never be shown in full.
var secretKinds = map[Kind]bool{Secret: true, Restricted: true, OrgSecret: true, ClaimableSandbox: true, CLIOAuth: true, WebhookSecret: true}

// recognizedSecret reports whether v starts like a Stripe secret of one of
// kinds and carries something after the prefix, even in a shape ParseKey
// refuses (a whsec_ with a hyphen): a value that only nearly fits is still
// masked wherever it is shown.
func recognizedSecret(v string, kinds ...Kind) bool {
	info, rest, ok := byPrefix(v)
	if !ok || rest == "" || strings.ContainsAny(rest, " \t\r\n") || !secretKinds[info.Kind] {
		return false
	}
	for _, k := range kinds {
		if info.Kind == k {
			return true
		}
	}
	return false
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
