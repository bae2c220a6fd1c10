package stripecli

import (
	"slices"
	"strings"
	"testing"

	"github.com/onboard-dev/onboard/internal/secret"
	"github.com/onboard-dev/onboard/internal/testkit/leakcheck"
)

func TestSecretsIn(t *testing.T) {
	a, b := "whsec_"+random(32), "whsec_"+random(64)
	cases := []struct {
		out       string
		truncated bool
		want      []string
	}{
		{a + "\n", false, []string{a}},
		{a, false, []string{a}},
		{a + "\r\n", false, []string{a}},
		{"Your webhook signing secret is \x1b[1m" + a + "\x1b[0m (^C to quit)", false, []string{a}},
		{"secret: " + a + ".", false, []string{a}},
		{"(" + a + ")", false, []string{a}},
		{"\"" + a + "\"", false, []string{a}},
		{a + "\n" + a + "\n", false, []string{a}},
		{a + " " + b, false, []string{a, b}},
		{"", false, nil},
		{"whsec_", false, nil},
		{"whsec_0123456789abcde", false, nil}, // 15 characters after the prefix
		{"x" + a, false, nil},
		{"_" + a, false, nil},
		{a + "_x", false, nil},
		{a + "+x", false, nil},
		{a + "-x", false, nil},
		{a + "=", false, nil},
		{a + "/x", false, nil},
		{"whsec_••••" + a[10:], false, nil},
		{"line\n" + a, true, nil}, // may have been cut by the output cap
		{a + "\nmore", true, []string{a}},
	}
	for _, c := range cases {
		if got := secretsIn([]byte(c.out), c.truncated); !slices.Equal(got, c.want) {
			t.Errorf("secretsIn(%q, %v) = %q, want %q", c.out, c.truncated, got, c.want)
		}
	}
}

func TestCleanReason(t *testing.T) {
	key := "sk_test_" + random(40)
	red := secret.NewRedactor(key)
	cases := []struct{ in, want string }{
		{"Error: bad\n\n  things   happened\n", "Error: bad / things happened"},
		{"\x1b[31mred\x1b[0m\x07 and \x1b]0;title\x07text", "red and text"},
		{"progress 10%\rprogress 100%\r\n", "progress 10% / progress 100%"},
		{"a\u202eb\u200bc\td", "abc d"},
		{"visit https://dashboard.stripe.com/stripecli/confirm_auth?t=" + random(24) + " now", "visit https://dashboard.stripe.com/stripecli/confirm_auth?… now"},
		{"key " + key, "key " + secret.Mask(key)},
		{"key " + key[:20] + "\x1b[0m" + key[20:], "key " + secret.Mask(key)},
		{"key " + key[:20] + "\u202e" + key[20:], "key " + secret.Mask(key)},
		{"other whsec_" + random(32), ""}, // any credential shape is masked; checked below
		{"\xff\xfe bad bytes", "\uFFFD bad bytes"},
	}
	for _, c := range cases {
		got := cleanReason(red, []byte(c.in))
		if c.want != "" && got != c.want {
			t.Errorf("cleanReason(%q) = %q, want %q", c.in, got, c.want)
		}
		leakcheck.AssertNoLeak(t, "reason", []byte(got), key)
		if strings.Contains(got, "whsec_") && !strings.Contains(got, "whsec_…") {
			t.Errorf("cleanReason(%q) = %q: a whsec_ value is not masked", c.in, got)
		}
	}
	long := cleanReason(red, []byte(strings.Repeat("é", 3*MaxReason)))
	if n := len([]rune(long)); n != MaxReason || !strings.HasSuffix(long, "…") {
		t.Errorf("a long reason is %d characters (%q…), want %d ending in …", n, long[:10], MaxReason)
	}
	if got := cleanReason(red, []byte("from stderr\n"), []byte("from stdout")); got != "from stderr / from stdout" {
		t.Errorf("both outputs: %q", got)
	}
}

func TestChildEnvKeepsOrderAndOnlyWhatTheCLINeeds(t *testing.T) {
	key := "sk_test_" + random(40)
	got := childEnv([]string{"PATH=/bin", "STRIPE_API_KEY=sk_test_other", "HOME=/h", "PLAID_SECRET=x", "=C:=C:\\",
		"Stripe_Config=/x", "TERM=xterm-256color", "NO_PROXY=localhost", "AWS_SESSION_TOKEN=y"}, key)
	want := []string{"PATH=/bin", "HOME=/h", "=C:=C:\\", "NO_PROXY=localhost"}
	if !slices.Equal(got[:len(want)], want) {
		t.Errorf("childEnv kept %q, want %q first", got, want)
	}
	if last := got[len(got)-1]; last != "STRIPE_API_KEY="+key {
		t.Errorf("the key is not the last entry")
	}
	if len(got) != len(want)+3 || got[len(got)-3] != "TERM=dumb" || !strings.HasPrefix(got[len(got)-2], "STRIPE_DEVICE_NAME=") {
		t.Errorf("childEnv added more than TERM=dumb, the device name and the key: %q", got[len(want):len(got)-1])
	}
}
