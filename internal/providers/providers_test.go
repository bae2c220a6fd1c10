package providers

import (
	"strings"
	"testing"
)

func TestEchoNeverQuotesACredential(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"sandbox", `"sandbox"`},
		{"Transactions", `"Transactions"`},
		{"development", `"development"`},
		{"sk_live_LEAKCANARY0123456789abcdefXYZ", "sk_live_…fXYZ"},
		{"0123456789abcdef0123456789abcd", "…abcd"},
		{"abcdefghijklmnopqrstuvwxyzabcdef", "…cdef"}, // long, even without digits
		{"ab12", "••••"},
	} {
		got := Echo(c.in)
		if !strings.Contains(got, c.want) {
			t.Errorf("Echo(%s) = %s, want it to contain %s", Echo(c.in), got, c.want)
		}
	}
}

func TestOptionRefusalMasksAPastedKey(t *testing.T) {
	f := Field{Key: "X", Label: "Mode", Options: []Option{{Value: "a"}, {Value: "b"}}, Multi: true}
	key := "sk_test_LEAKCANARY0123456789abcdef"
	e := f.Check("a,"+key, nil)
	if e == nil || strings.Contains(e.Msg, "LEAKCANARY") {
		t.Fatalf("want a refusal that masks the key, got %v", e)
	}
}

func TestCountAgreesWithTheNumber(t *testing.T) {
	for n, want := range map[int]string{0: "0 variables", 1: "1 variable", 2: "2 variables"} {
		if got := Count(n, "variable", "variables"); got != want {
			t.Errorf("Count(%d) = %q, want %q", n, got, want)
		}
	}
}
