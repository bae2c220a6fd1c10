package plaid

import (
	"strings"
	"testing"

	"github.com/onboard-dev/onboard/internal/providers"
)

// A production setup starts at Production, with its checklist and checks;
// an environment that does not fit the mode is flagged as it is chosen,
// in both directions, and `onboard check` without a mode says nothing.
func TestModeShapesTheEnvironment(t *testing.T) {
	field := func(p *Provider) providers.Field {
		for _, f := range p.Fields() {
			if f.Key == KeyEnv {
				return f
			}
		}
		t.Fatal("no environment field")
		return providers.Field{}
	}
	prod := New(Config{Mode: providers.Production})
	if d := field(prod).Default; d != EnvProduction {
		t.Errorf("production default %q, want production", d)
	}
	if got := prod.Checks(providers.Values{}); !contains(got, CheckProductionKeys) {
		t.Errorf("production checks %v, want the production keys check", got)
	}
	var titles []string
	for _, it := range prod.Checklist(providers.Values{}) {
		titles = append(titles, it.Title)
	}
	if all := strings.Join(titles, "; "); !strings.Contains(all, "Request Production access") || strings.Contains(all, "Sandbox secret") {
		t.Errorf("production checklist: %s", all)
	}
	for _, tc := range []struct {
		mode providers.Mode
		env  string
		want string // "" = no remark
	}{
		{providers.Production, EnvSandbox, "only Plaid's test banks"},
		{providers.Production, EnvProduction, ""},
		{providers.Development, EnvProduction, "This .env is for development"},
		{providers.Development, EnvSandbox, ""},
		{providers.AnyMode, EnvSandbox, ""},
		{providers.AnyMode, EnvProduction, ""},
	} {
		e := field(New(Config{Mode: tc.mode})).Check(tc.env, providers.Values{KeyEnv: tc.env})
		switch {
		case tc.want == "" && e != nil:
			t.Errorf("%q mode, %s: %q, want no remark", tc.mode, tc.env, e.Msg)
		case tc.want != "" && (e == nil || e.Severity != providers.Warning || !strings.Contains(e.Msg, tc.want)):
			t.Errorf("%q mode, %s: %+v, want a warning saying %q", tc.mode, tc.env, e, tc.want)
		}
	}
	if d := field(New(Config{Mode: providers.Development})).Default; d != EnvSandbox {
		t.Errorf("development default %q, want sandbox", d)
	}
}

// A block of bare values sorts into Plaid's fields by shape: the client_id
// by its 24 hex characters, the secret by its 30; neither is taken for the
// other.
func TestRecognizeShapes(t *testing.T) {
	rec := map[string]func(string) bool{}
	for _, f := range New(Config{}).Fields() {
		if f.Recognize != nil {
			rec[f.Key] = f.Recognize
		}
	}
	id, secret := rec[KeyClientID], rec[KeySecret]
	if id == nil || secret == nil {
		t.Fatal("the client_id or the secret has no Recognize")
	}
	if !id(goodID) || secret(goodID) || !secret(goodSecret) || id(goodSecret) {
		t.Errorf("client_id %v/%v, secret %v/%v", id(goodID), id(goodSecret), secret(goodSecret), secret(goodID))
	}
	if id("0123456789ABCDEF01234567") || id("0123456789abcdef0123456") {
		t.Error("an upper-case or short value was taken for a client_id")
	}
}
