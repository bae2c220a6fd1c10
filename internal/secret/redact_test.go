package secret_test

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/onboard-dev/onboard/internal/secret"
	"github.com/onboard-dev/onboard/internal/testkit/leakcheck"
)

const (
	stripeKey  = "sk_test_51RedactCanaryStripeSecretQ7xW3vB9nM2"
	plaidKey   = "feedfacecafebeef0123456789abcd"
	webhookKey = "whsec_RedactCanary+Webhook/SigningSecret="
)

// forms are the ways a hostile or careless server may quote a secret.
func forms(s string) map[string]string {
	everyCharJSON := ""
	everyCharURL := ""
	for _, c := range []byte(s) {
		everyCharJSON += fmt.Sprintf(`\u%04x`, c)
		everyCharURL += fmt.Sprintf("%%%02X", c)
	}
	jsonQuoted, _ := json.Marshal(s)
	out := map[string]string{
		"raw":              "Invalid key " + s + " provided",
		"quoted":           fmt.Sprintf("key %q rejected", s),
		"json":             string(jsonQuoted),
		"json every char":  "key " + everyCharJSON,
		"url query":        "https://example.test/x?key=" + url.QueryEscape(s) + "&a=1",
		"url every char":   "/v1/" + everyCharURL,
		"fragment":         "was …" + s[len(s)-16:len(s)-2] + "…",
		"ansi inside":      s[:14] + "\x1b[31m" + s[14:20] + "\x1b[0m\x1b]8;;x\x07" + s[20:],
		"controls inside":  s[:15] + "\x00\x08\r" + s[15:],
		"spaces inside":    s[:13] + " " + s[13:25] + "\n  │ " + s[25:],
		"twice":            s + "," + s,
		"json in url":      url.QueryEscape(string(jsonQuoted)),
		"prefix and piece": "key sk_test_…" + s[len(s)-20:],
	}
	for i, prefix := range []string{"", "u", "us", "use"} {
		for name, enc := range map[string]*base64.Encoding{"std": base64.StdEncoding, "url": base64.URLEncoding} {
			out[fmt.Sprintf("base64 %s at %d", name, i)] = "Authorization: Basic " + enc.EncodeToString([]byte(prefix+s+":"))
			out[fmt.Sprintf("base64 %s padded at %d", name, i)] = enc.EncodeToString([]byte(prefix + s))
		}
	}
	return out
}

func TestRedactorFindsEveryForm(t *testing.T) {
	r := secret.NewRedactor(stripeKey, plaidKey, webhookKey)
	for _, s := range []string{stripeKey, plaidKey, webhookKey} {
		for name, text := range forms(s) {
			got := r.Redact(text)
			leakcheck.AssertNoLeak(t, secret.Mask(s)+" "+name, []byte(got), stripeKey, plaidKey, webhookKey)
			if name == "raw" && got != "Invalid key "+secret.Mask(s)+" provided" {
				t.Errorf("%s: %q, want the masked form in place of the secret", name, got)
			}
		}
	}
}

func TestRedactorLeavesOtherTextAlone(t *testing.T) {
	r := secret.NewRedactor(stripeKey, plaidKey, "", "short")
	for _, text := range []string{
		"",
		"Plaid answered INVALID_API_KEYS (INVALID_INPUT): invalid client_id or secret provided",
		"Stripe said sk_test_****1234 and " + secret.Mask(stripeKey),
		"short words stay; so does a short value: short",
		"sk_test_51RedactCan", // the public prefix and a few characters more
		"ünïcödé ✓ │ \x1b[31mred\x1b[0m",
	} {
		if got := r.Redact(text); got != text {
			t.Errorf("Redact(%q) = %q, want it unchanged", text, got)
		}
	}
	var nilRedactor *secret.Redactor
	if got := nilRedactor.Redact(stripeKey); got != stripeKey {
		t.Error("a nil Redactor must redact nothing")
	}
}

func TestRedactorKeepsTextValid(t *testing.T) {
	// A secret next to multi-byte text: the replacement never splits a
	// character, and the rest of the message survives.
	r := secret.NewRedactor(stripeKey)
	got := r.Redact("é" + stripeKey + "é and more")
	if !strings.HasSuffix(got, "é and more") || !strings.HasPrefix(got, "é") {
		t.Errorf("got %q", got)
	}
}

func BenchmarkRedact(b *testing.B) {
	r := secret.NewRedactor(stripeKey, plaidKey, webhookKey, "0123456789abcdef01234567")
	msg := "Plaid answered INVALID_API_KEYS (INVALID_INPUT): invalid client_id or secret provided (request_id 8hJ2kQ9xLmN4pR7)"
	b.ReportAllocs()
	for b.Loop() {
		_ = r.Redact(msg)
	}
}

func TestRedactorMasksCredentialShapes(t *testing.T) {
	// Tokens the server issued itself, or keys onboard was never given.
	other := "sk_live_51SomeoneElsesKeyNotInTheValuesAb12"
	access := "access-sandbox-8f1e2d3c-4b5a-6978-8695-a4b3c2d1e0f9"
	got := secret.NewRedactor().Redact("keys " + other + " and " + access + "; Stripe's own mask sk_test_****1234 stays")
	leakcheck.AssertNoLeak(t, "shapes", []byte(got), other, access)
	if !strings.Contains(got, secret.Mask(other)) || !strings.Contains(got, "sk_test_****1234") {
		t.Errorf("got %q", got)
	}
}
