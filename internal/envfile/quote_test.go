package envfile

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
)

// Every value must read back exactly through godotenv, or be refused.
func TestQuotingRoundTrip(t *testing.T) {
	cases := []struct {
		name, value string
		form        string // expected rendering style: plain, single, double, raw
	}{
		{"empty", "", "plain"},
		{"leading zeros", "007", "plain"},
		{"key like", "sk_test_abc123", "plain"},
		{"url", "https://example.com/a?b=c&d=e", "single"},
		{"equals", "a=b==", "plain"},
		{"spaces", "two words", "single"},
		{"leading space", " padded ", "single"},
		{"hash", "a#b", "single"},
		{"space hash", "a #b", "single"},
		{"dollar", "$HOME", "single"},
		{"braces", "${PLAID_SECRET}", "single"},
		{"escaped dollar", `\$X`, "single"},
		{"double quotes", `say "hi"`, "single"},
		{"ends with double quote", `x"`, "single"},
		{"starts with double quote", `"x`, "single"},
		{"backslashes", `C:\path\to`, "single"},
		{"ends with backslash", `C:\path\`, "raw"},
		{"single quote", "it's", "double"},
		{"single and dollar", "it's $5", "double"},
		{"newline", "line1\nline2", "double"},
		{"crlf inside", "a\r\nb", "double"},
		{"pem", "-----BEGIN KEY-----\nMIIB\n-----END KEY-----\n", "double"},
		// A backslash rules out double quotes: only godotenv and python-dotenv
		// decode \\ there; every loader reads line breaks in single quotes.
		{"pem with backslash", "-----BEGIN KEY-----\nMIIB\\x\n-----END KEY-----\n", "single"},
		{"quote and newline and dollar", "it's\n$X \"q\" end", "double"},
		{"unicode", "héllo ✓ 日本", "single"},
		{"tab", "a\tb", "single"},
		{"only quote", "'", "double"},
		{"both quotes ending dq", `it's "x"`, "raw"},
		{"backslash n literal", `a\nb`, "single"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := writeEnv(t, "# keep\nOTHER=1\n")
			if _, err := Apply(path, []Set{{Key: "K", Value: c.value}}, nil); err != nil {
				t.Fatalf("Apply: %v", err)
			}
			got := loaded(t, path)
			if got["K"] != c.value || got["OTHER"] != "1" || len(got) != 2 {
				t.Fatalf("read back %s (len %d), want %s (len %d)", m(got["K"]), len(got["K"]), m(c.value), len(c.value))
			}
			r, _ := render("K", c.value, "")
			if form := formOf(r, c.value); form != c.form {
				t.Errorf("rendered as %s, want %s", form, c.form)
			}
		})
	}
}

func formOf(rendered, value string) string {
	switch {
	case rendered == value && isPlain(value):
		return "plain"
	case rendered == value:
		return "raw"
	case strings.HasPrefix(rendered, "'"):
		return "single"
	}
	return "double"
}

func TestQuotingRefusesUnwritable(t *testing.T) {
	cases := map[string]string{
		"quote newline backslash end": "it's\n\\",
		"nul":                         "ab\x00cd-secret-value",
		"invalid utf8":                "ab\xffcd-secret-value",
		"quote dollar backslash end":  "it's $HOME \\",
		"quote newline ends with dq":  "it's\n\"q\"",
	}
	for name, v := range cases {
		t.Run(name, func(t *testing.T) {
			path := writeEnv(t, "A=1\n")
			before := readFile(t, path)
			_, err := Apply(path, []Set{{Key: "K", Value: v, Secret: true}}, nil)
			if !errors.Is(err, ErrUnsafeValue) {
				t.Fatalf("want ErrUnsafeValue, got %v", err)
			}
			if !strings.Contains(err.Error(), "K") {
				t.Errorf("error does not name the key: %v", err)
			}
			noValueIn(t, err, v, "secret-value")
			if readFile(t, path) != before {
				t.Error("file changed although the update was refused")
			}
			if _, err := Diff(path, []Set{{Key: "K", Value: v}}, nil); !errors.Is(err, ErrUnsafeValue) {
				t.Errorf("Diff must refuse too, got %v", err)
			}
		})
	}
}

// In-place updates keep an inline comment, which changes what is safe:
// an empty plain value followed by " # note" would read the comment.
func TestQuotingWithInlineComment(t *testing.T) {
	path := writeEnv(t, "A=old # note\n")
	for _, v := range []string{"", "x y", "a#b", "plain"} {
		if _, err := Apply(path, []Set{{Key: "A", Value: v}}, nil); err != nil {
			t.Fatal(err)
		}
		if got := loaded(t, path)["A"]; got != v {
			t.Fatalf("got %s want %s", m(got), m(v))
		}
		if !strings.Contains(readFile(t, path), " # note") {
			t.Fatal("inline comment lost")
		}
	}
}

func TestInvalidInput(t *testing.T) {
	path := writeEnv(t, "A=1\n")
	cases := map[string]struct {
		sets    []Set
		removes []string
		want    error
	}{
		"bad key":        {[]Set{{Key: "1A", Value: "x"}}, nil, ErrInvalidKey},
		"key with space": {[]Set{{Key: "A B", Value: "x"}}, nil, ErrInvalidKey},
		"dup":            {[]Set{{Key: "A", Value: "x"}, {Key: "A", Value: "y"}}, nil, ErrInvalidInput},
		"set and remove": {[]Set{{Key: "A", Value: "x"}}, []string{"A"}, ErrInvalidInput},
		"bad remove":     {nil, []string{"-"}, ErrInvalidKey},
	}
	for name, c := range cases {
		if _, err := Apply(path, c.sets, c.removes); !errors.Is(err, c.want) {
			t.Errorf("%s: got %v, want %v", name, err, c.want)
		}
	}
	if got := dirNames(t, filepath.Dir(path)); len(got) != 1 {
		t.Errorf("invalid input must be refused before touching the disk; the folder holds %v", got)
	}
}
