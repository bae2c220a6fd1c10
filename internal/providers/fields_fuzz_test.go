package providers_test

import (
	"sort"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/onboard-dev/onboard/internal/providers"
	"github.com/onboard-dev/onboard/internal/providers/plaid"
	"github.com/onboard-dev/onboard/internal/providers/sandbox"
	"github.com/onboard-dev/onboard/internal/providers/stripe"
	"github.com/onboard-dev/onboard/internal/secret"
	"github.com/onboard-dev/onboard/internal/testkit/leakcheck"
)

// allFields is every field the wizard asks for and `onboard check` reads.
func allFields() []providers.Field {
	var fs []providers.Field
	fs = append(fs, plaid.New(plaid.Config{}).Fields()...)
	fs = append(fs, stripe.New(stripe.Config{}).Fields()...)
	fs = append(fs, stripe.NewConnect(stripe.Config{}).Fields()...)
	return fs
}

// echoLimit: a value longer than this must never be repeated by a rule's
// message. Short values (an environment name, a country code) may be quoted
// back to say what is wrong with them; anything as long as a credential may
// be one, pasted into the wrong field, and a message is shown on screen,
// printed by `onboard check` and kept in CI logs.
const echoLimit = 8

// FuzzFieldCheck feeds every field's format rule arbitrary values, with an
// arbitrary value in another field for the cross-field rules. A rule must
// not panic, must not repeat the value (or a long piece of it) in its
// message, and must judge a value the same before and after the
// normalization a paste goes through.
func FuzzFieldCheck(f *testing.F) {
	fields := allFields()
	public := optionValues(fields)
	seeds := []string{
		"", " ", "\"\"", "''", "\"'x'\"", "'\"sandbox\"'",
		"sandbox", "Sandbox", "production", "development", "staging",
		"transactions", "auth, transactions,identity", "balance", "auth,crypto", "identity_verification",
		"US,CA", "UK", "us", "XX",
		"https://example.com/oauth-return", "http://localhost:3000/cb", "http://example.com", "ftp://x",
		"express", "standard", "custom", "daily", "manual",
		sandbox.DemoPlaidClientID, sandbox.DemoPlaidSecret, strings.ToUpper(sandbox.DemoPlaidSecret),
		sandbox.DemoStripeSecretKey, sandbox.DemoStripePublishableKey, sandbox.DemoStripeWebhookSecret,
		sandbox.DemoStripeClientID, sandbox.DemoStripeAccountID,
		"sk_live_51LeakCanaryLiveSecretZq7Xw3Vb9Nm2Lk5", "rk_test_51LeakCanaryRestrictedKey0000",
		"pk_live_51LeakCanary", "whsec_", "we_1LeakCanaryEndpoint", "sk_test_", "sk_test_abc def",
		"access-sandbox-0b6ae5e4-8a4a-4c3f-9d41-3c3f0e8a1b2c", "public-production-LeakCanary",
		"your_client_id_here", "<secret>", "\t\"" + sandbox.DemoPlaidSecret + "\"\r\n",
		"\xff\xfe\xfd", "é", "\x00", strings.Repeat("a", 4096), "sk_test_" + strings.Repeat("Z", 300),
		"%s%v%q%!", "\x1b[31mLeakCanaryAnsi0123\x1b[0m",
	}
	for i, s := range seeds {
		f.Add(uint8(i), s, uint8(i*7), seeds[(i*5)%len(seeds)])
	}
	f.Fuzz(func(t *testing.T, which uint8, value string, otherWhich uint8, other string) {
		field := fields[int(which)%len(fields)]
		otherField := fields[int(otherWhich)%len(fields)]
		all := providers.Values{field.Key: value}
		if otherField.Key != field.Key {
			all[otherField.Key] = other
		}

		got := field.Check(value, all)
		if got != nil && (got.Msg == "" || (got.Severity != providers.Invalid && got.Severity != providers.Warning)) {
			t.Fatalf("%s: a finding with no words or an unknown severity: %+v", field.Key, got)
		}
		if got != nil {
			// The twin run gets values of the same shape but other
			// characters: text in both messages is the rule's own words,
			// text only in the first came from the values.
			twinAll := providers.Values{field.Key: shifted(value)}
			if otherField.Key != field.Key {
				twinAll[otherField.Key] = shifted(other)
			}
			twin := ""
			if e := field.Check(shifted(value), twinAll); e != nil {
				twin = e.Msg
			}
			for _, v := range []string{value, other} {
				assertNotEchoed(t, field.Key, got.Msg, twin, v, public)
			}
		}

		norm := providers.Normalize(value)
		if again := providers.Normalize(norm); again != norm {
			t.Fatalf("Normalize is not idempotent: %q → %q → %q", value, norm, again)
		}
		if again := field.Check(norm, all); !sameVerdict(got, again) {
			t.Fatalf("%s: the rule judges %q and its normalized form %q differently: %v vs %v", field.Key, value, norm, got, again)
		}
	})
}

// assertNotEchoed fails when msg repeats v, or a long piece of it, for any v
// that could be a credential: longer than echoLimit, with letters and
// digits. What twin (the message for a same-shaped other value) repeats
// too is the rule's own text, and the option values a message lists as
// choices are public: neither counts. A failure shows only the value's
// length, never the value, so a fuzz log cannot leak what it was given.
func assertNotEchoed(t *testing.T, key, msg, twin, v string, public []string) {
	t.Helper()
	for _, p := range public {
		msg = strings.ReplaceAll(msg, p, "\x00")
	}
	for _, cand := range []string{v, providers.Normalize(v)} {
		if utf8.RuneCountInString(cand) <= echoLimit || !strings.ContainsAny(cand, "0123456789") ||
			!strings.ContainsFunc(cand, unicode.IsLetter) {
			continue
		}
		if strings.Contains(msg, cand) && !strings.Contains(twin, cand) {
			t.Fatalf("%s: the message repeats the %d-character value it was given", key, len(cand))
		}
		scan := func(m string) []leakcheck.Leak {
			return leakcheck.Scan(map[string][]byte{"message": []byte(m)}, []string{cand})
		}
		if leaks := scan(msg); len(leaks) > 0 && len(scan(twin)) == 0 {
			l := leaks[0]
			t.Fatalf("%s: the message repeats a piece of the value it was given: %d of %d characters (%s)", key, l.Length, len(cand), l.Form)
		}
	}
}

// shifted is v with every letter and digit after its public prefix (sk_test_,
// whsec_, ...) replaced by another of the same class — hex digits by hex
// digits, other letters by other letters, case kept — so a rule sees a value
// of the same shape that shares no long piece with v.
func shifted(v string) string {
	m := secret.Mask(v)
	cut := len(m)
	for _, sep := range []string{"…", "••••"} {
		if i := strings.Index(m, sep); i >= 0 && i < cut {
			cut = i
		}
	}
	if !strings.HasPrefix(v, m[:cut]) {
		cut = 0
	}
	rot := func(r, lo, hi rune) rune { return lo + (r-lo+1)%(hi-lo+1) }
	b := []rune(v[cut:])
	for i, r := range b {
		switch {
		case r >= '0' && r <= '9':
			b[i] = rot(r, '0', '9')
		case r >= 'a' && r <= 'f':
			b[i] = rot(r, 'a', 'f')
		case r >= 'g' && r <= 'z':
			b[i] = rot(r, 'g', 'z')
		case r >= 'A' && r <= 'F':
			b[i] = rot(r, 'A', 'F')
		case r >= 'G' && r <= 'Z':
			b[i] = rot(r, 'G', 'Z')
		}
	}
	return v[:cut] + string(b)
}

// optionValues are the values every field offers as choices, longest
// first so a longer one is taken out before a shorter one inside it.
func optionValues(fields []providers.Field) []string {
	var vals []string
	for _, f := range fields {
		for _, o := range f.Options {
			vals = append(vals, o.Value)
		}
	}
	sort.Slice(vals, func(i, j int) bool { return len(vals[i]) > len(vals[j]) })
	return vals
}

func sameVerdict(a, b *providers.ValidationError) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.Severity == b.Severity && a.Msg == b.Msg
}
