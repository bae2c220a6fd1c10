package leakcheck

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/onboard-dev/onboard/internal/secret"
)

// Distinctive test secrets: the shapes of real ones, made up.
const (
	stripeKey  = "sk_test_51LeakCanaryQq7Xw3Vb9Nm2Lk5Jh4Gf6Ds8Aa1"
	plaidKey   = "feedfacecafebeef0123456789abcd"
	webhookKey = "whsec_LeakCanary&Webhook<Signing>+Secret/Pp0=Ll9"
	shortKey   = "pk_live_abc123"
)

var all = []string{stripeKey, plaidKey, webhookKey, shortKey}

func TestScanFindsPlantedLeaks(t *testing.T) {
	jsonEscaped, _ := json.Marshal(map[string]string{"k": webhookKey})
	everyCharEscaped := ""
	for _, r := range stripeKey {
		everyCharEscaped += fmt.Sprintf(`\u%04x`, r)
	}
	cases := []struct {
		name, out string
		index     int
		form      string
		full      bool
	}{
		{"full key", "token: " + stripeKey + "\n", 0, "raw", true},
		{"full key on line 3", "a\nb\nxx " + stripeKey, 0, "raw", true},
		{"split by colour", "key \x1b[1m" + stripeKey[:20] + "\x1b[0;32m" + stripeKey[20:] + "\x1b[0m\n", 0, "ansi-stripped", true},
		{"split by cursor moves", "\x1b[2K\x1b[1G" + stripeKey[:10] + "\x1b[38;2;1;2;3m" + stripeKey[10:], 0, "ansi-stripped", true},
		{"json.Marshal escapes & < >", string(jsonEscaped), 2, "json-escaped", true},
		{"every character \\u-escaped", `{"k":"` + everyCharEscaped + `"}`, 0, "json-escaped", true},
		{"json \\/ escape", strings.ReplaceAll(`"`+webhookKey+`"`, "/", `\/`), 2, "json-escaped", true},
		{"query string", "GET /v1/x?key=" + url.QueryEscape(webhookKey) + " HTTP/1.1", 2, "url-encoded", true},
		{"path escape", "/v1/" + url.PathEscape(webhookKey), 2, "url-encoded", true},
		{"every byte percent-encoded", "?k=" + percentAll(plaidKey), 1, "url-encoded", true},
		{"wrapped in a box", "│ sk_test_51LeakCanaryQq7Xw3 │\n│ Vb9Nm2Lk5Jh4Gf6Ds8Aa1    │\n", 0, "wrapped", true},
		{"basic auth header", "Authorization: Basic " + base64.StdEncoding.EncodeToString([]byte(stripeKey+":")), 0, "base64", true},
		{"fragment without prefix", "body=" + stripeKey[10:30] + "…", 0, "raw", false},
		{"middle of a hex secret", "x" + plaidKey[5:19] + "x", 1, "raw", false},
		{"short secret whole", "pk: " + shortKey, 3, "raw", true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			leaks := Scan(map[string][]byte{"out": []byte(c.out)}, all)
			if len(leaks) != 1 {
				t.Fatalf("found %d leaks, want 1: %v", len(leaks), leaks)
			}
			l := leaks[0]
			if l.Index != c.index || l.Form != c.form || l.Full != c.full || l.Output != "out" {
				t.Errorf("leak = %v (index %d, form %s, full %v), want index %d, form %s, full %v", l, l.Index, l.Form, l.Full, c.index, c.form, c.full)
			}
			if c.full && l.Length != len(all[c.index]) {
				t.Errorf("length %d, want %d", l.Length, len(all[c.index]))
			}
		})
	}
}

func percentAll(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		fmt.Fprintf(&b, "%%%02X", s[i])
	}
	return b.String()
}

func TestScanLocatesTheLeak(t *testing.T) {
	out := "first line\nsecond \x1b[31mline\x1b[0m " + stripeKey + " end\n"
	leaks := Scan(map[string][]byte{"stdout": []byte(out)}, all)
	if len(leaks) != 1 {
		t.Fatalf("leaks = %v", leaks)
	}
	l := leaks[0]
	if l.Line != 2 || l.Column != len("second \x1b[31mline\x1b[0m ")+1 {
		t.Errorf("at %d:%d, want 2:%d", l.Line, l.Column, len("second \x1b[31mline\x1b[0m ")+1)
	}
	if got := l.String(); !strings.HasPrefix(got, "stdout:2:") || !strings.Contains(got, secret.Mask(stripeKey)) {
		t.Errorf("String() = %q", got)
	}
}

func TestScanAllowsWhatMaskShows(t *testing.T) {
	var b strings.Builder
	for _, s := range all {
		b.WriteString(secret.Mask(s) + "\n")
		fmt.Fprintf(&b, "%v %q %+v\n", secret.Secret(s), secret.Secret(s), secret.Secret(s))
		j, _ := json.Marshal(secret.Secret(s))
		b.Write(j)
	}
	// The public prefixes, the last four characters, and pieces shorter than
	// MinFragment are not leaks.
	b.WriteString("sk_test_ whsec_ " + stripeKey[len(stripeKey)-4:] + " " + stripeKey[8:8+MinFragment-1] + " " + plaidKey[:MinFragment-1])
	if leaks := Scan(map[string][]byte{"masked": []byte(b.String())}, all); len(leaks) != 0 {
		t.Errorf("masked output reported as leaking: %v", leaks)
	}
}

// A secret key and the publishable key of one account share the piece that
// names the account; showing the publishable key is not a leak of it.
func TestScanExceptPublicValues(t *testing.T) {
	publishable := "pk_test_51LeakCanaryQq7Xw3PublicPart0000"
	out := map[string][]byte{"screen": []byte("pk: " + publishable)}
	if leaks := Scan(out, all); len(leaks) != 1 {
		t.Fatalf("Scan found %d leaks in the shared piece, want 1", len(leaks))
	}
	if leaks := ScanExcept(out, all, []string{publishable}); len(leaks) != 0 {
		t.Errorf("ScanExcept reports the public value: %v", leaks)
	}
	out["screen"] = append(out["screen"], []byte(" sk: "+stripeKey)...)
	if leaks := ScanExcept(out, all, []string{publishable}); len(leaks) != 1 || !leaks[0].Full {
		t.Errorf("ScanExcept missed the secret itself: %v", leaks)
	}
}

func TestScanReportsEveryOutputAndPlace(t *testing.T) {
	outs := map[string][]byte{
		"stderr": []byte(stripeKey + "\n\n" + plaidKey),
		"clean":  []byte("nothing here"),
		"file":   []byte("X=" + webhookKey),
	}
	leaks := Scan(outs, all)
	var got []string
	for _, l := range leaks {
		got = append(got, fmt.Sprintf("%s:%d:#%d", l.Output, l.Line, l.Index))
	}
	want := "file:1:#2 stderr:1:#0 stderr:3:#1"
	if strings.Join(got, " ") != want {
		t.Errorf("leaks at %v, want %s", got, want)
	}
}

// The report of a leak must not itself leak: every message Scan produces,
// scanned again, is clean.
func TestReportsNeverContainTheSecret(t *testing.T) {
	out := strings.Join(all, "\n") + "\n" + url.QueryEscape(webhookKey)
	var report strings.Builder
	for _, l := range Scan(map[string][]byte{"out": []byte(out)}, all) {
		report.WriteString(l.String() + "\n")
	}
	if report.Len() == 0 {
		t.Fatal("no leak found in an output made of secrets")
	}
	if leaks := Scan(map[string][]byte{"report": []byte(report.String())}, all); len(leaks) != 0 {
		t.Errorf("the leak report leaks: %v", leaks)
	}
}

// fakeT records what AssertNoLeak says instead of failing the real test.
type fakeT struct {
	testing.TB
	errors, fatals []string
}

func (f *fakeT) Helper() {}
func (f *fakeT) Errorf(format string, a ...any) {
	f.errors = append(f.errors, fmt.Sprintf(format, a...))
}
func (f *fakeT) Fatalf(format string, a ...any) {
	f.fatals = append(f.fatals, fmt.Sprintf(format, a...))
}

func TestAssertNoLeakFailsOnALeak(t *testing.T) {
	ft := &fakeT{TB: t}
	AssertNoLeak(ft, "screen", []byte("here: \x1b[7m"+stripeKey+"\x1b[0m"), all...)
	if len(ft.errors) != 1 {
		t.Fatalf("AssertNoLeak reported %d errors, want 1: %q", len(ft.errors), ft.errors)
	}
	if strings.Contains(ft.errors[0], stripeKey[8:20]) || !strings.Contains(ft.errors[0], "screen:1:") {
		t.Errorf("failure message %q must name the place and not hold the secret", secret.Mask(ft.errors[0]))
	}

	clean := &fakeT{TB: t}
	AssertNoLeak(clean, "screen", []byte("key "+secret.Mask(stripeKey)), all...)
	if len(clean.errors)+len(clean.fatals) != 0 {
		t.Errorf("clean output failed: %q %q", clean.errors, clean.fatals)
	}
}

func TestAssertNoLeakRefusesTooShortSecrets(t *testing.T) {
	ft := &fakeT{TB: t}
	AssertNoLeak(ft, "out", []byte("anything"), "abc")
	if len(ft.fatals) != 1 {
		t.Errorf("a 3-character secret was accepted: %q", ft.fatals)
	}
}

func TestReadTree(t *testing.T) {
	dir := t.TempDir()
	write := func(rel, body string) {
		p := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write(".env", "SECRET")
	write("sub/report.md", "r")
	write(".git/config", "g")
	files, err := ReadTree(dir, func(rel string) bool { return rel == ".env" })
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 1 || string(files[filepath.Join("sub", "report.md")]) != "r" {
		t.Errorf("ReadTree = %v", keys(files))
	}
}

func keys(m map[string][]byte) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func BenchmarkScan(b *testing.B) {
	screen := []byte(strings.Repeat("│ a line of a wizard screen with \x1b[1mstyle\x1b[0m and sk_test_…4242 │\n", 2000))
	outs := map[string][]byte{"screen": screen}
	b.SetBytes(int64(len(screen)))
	for b.Loop() {
		if len(Scan(outs, all)) != 0 {
			b.Fatal("leak in clean screen")
		}
	}
}
