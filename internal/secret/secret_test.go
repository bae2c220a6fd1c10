package secret

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"testing"
)

func TestMask(t *testing.T) {
	cases := []struct{ in, want string }{
		{"", ""},
		{"sk_test_4eC39HqLyjWDarjtT1zdp7dc", "sk_test_…p7dc"},
		{"pk_live_abc", "pk_live_••••"},
		{"0123456789abcdef0123456789abcd", "…abcd"},
		{"short", "••••"},
		{"whsec_aaaaaaaaaaaaaaaaaaaa1234", "whsec_…1234"},
	}
	for _, c := range cases {
		if got := Mask(c.in); got != c.want {
			t.Errorf("Mask(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestEveryFormattingPathMasks(t *testing.T) {
	raw := "sk_test_SUPERSECRETVALUE0000000000009999"
	s := Secret(raw)
	var outs []string
	for _, verb := range []string{"%s", "%v", "%+v", "%#v", "%q", "%x", "%d", "%10s"} {
		outs = append(outs, fmt.Sprintf(verb, s))
	}
	outs = append(outs, fmt.Sprint(s), fmt.Sprint([]Secret{s}), fmt.Sprintf("%v", struct{ K Secret }{s}), fmt.Sprintf("%+v", map[string]Secret{"k": s}))
	j, _ := json.Marshal(map[string]any{"k": s})
	outs = append(outs, string(j))
	var buf bytes.Buffer
	slog.New(slog.NewTextHandler(&buf, nil)).Info("x", "key", s)
	slog.New(slog.NewJSONHandler(&buf, nil)).Info("x", "key", s)
	outs = append(outs, buf.String())
	for _, o := range outs {
		if strings.Contains(o, "SUPERSECRET") {
			t.Fatalf("secret leaked through formatting: %q", o)
		}
	}
	if s.Reveal() != raw {
		t.Fatal("Reveal must return the raw value")
	}
}
