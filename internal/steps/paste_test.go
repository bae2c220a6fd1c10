package steps_test

import (
	"context"
	"strings"
	"testing"

	"github.com/onboard-dev/onboard/internal/providers"
	"github.com/onboard-dev/onboard/internal/steps"
	"github.com/onboard-dev/onboard/internal/steps/stepstest"
	"github.com/onboard-dev/onboard/internal/testkit/leakcheck"
)

// pasteProvider has a public id and a secret, each recognisable by shape.
type pasteProvider struct{ id, up string }

func (p pasteProvider) Spec() *providers.Spec {
	return &providers.Spec{ID: providers.ID(p.id), Name: p.up}
}
func (pasteProvider) Checklist(providers.Values) []providers.ChecklistItem { return nil }
func (pasteProvider) Checks(providers.Values) []string                     { return nil }
func (pasteProvider) Verify(context.Context, providers.Values, providers.Report) []providers.Result {
	return nil
}
func (p pasteProvider) Fields() []providers.Field {
	return []providers.Field{
		{Key: p.up + "_PUB", Label: "public", Required: true, Public: true,
			Recognize: func(v string) bool { return strings.HasPrefix(v, strings.ToLower(p.up)+"pub_") }},
		{Key: p.up + "_SECRET", Label: "secret", Required: true, Secret: true,
			Recognize: func(v string) bool { return strings.HasPrefix(v, strings.ToLower(p.up)+"sec_") }},
	}
}

func pasteFlow(t *testing.T) (*steps.Flow, *steps.FormStep) {
	f := newTestFlow(t, &stepstest.Store{Root: "/proj", Git: steps.GitState{InRepo: true, Ignored: true, HelpersSafe: true}}, func(o *steps.Options) {
		o.Providers = []providers.Provider{pasteProvider{"x", "X"}, pasteProvider{"y", "Y"}}
	})
	walkTo(t, f, "x-keys", nil)
	return f, f.Current().(*steps.FormStep)
}

const (
	xSecret = "xsec_0123456789abcdefghijklmn"
	ySecret = "ysec_zyxwvutsrqponmlkjihgfedc"
)

func TestPasteFillsEveryFieldItRecognises(t *testing.T) {
	cases := map[string]string{
		"dotenv":       "# shared by Ana\nX_PUB=xpub_1234\nX_SECRET=\"" + xSecret + "\"\nY_SECRET='" + ySecret + "'\n",
		"exports":      "export X_PUB=xpub_1234\nexport X_SECRET=" + xSecret + "\nexport Y_SECRET=" + ySecret,
		"json":         "{\n  \"X_PUB\": \"xpub_1234\",\n  \"X_SECRET\": \"" + xSecret + "\",\n  \"Y_SECRET\": \"" + ySecret + "\"\n}",
		"one line":     "X_PUB=xpub_1234 X_SECRET=" + xSecret + " Y_SECRET=" + ySecret,
		"bare values":  "xpub_1234\n" + xSecret + "\n" + ySecret + "\n",
		"yaml colons":  "X_PUB: xpub_1234\nX_SECRET: " + xSecret + "\nY_SECRET: " + ySecret,
		"note, commas": "keys: " + xSecret + ", " + ySecret + ", xpub_1234",
	}
	for name, text := range cases {
		t.Run(name, func(t *testing.T) {
			f, form := pasteFlow(t)
			if !form.PasteHolds(text) {
				t.Fatal("not seen as a block of keys")
			}
			r := form.Paste(f.Session(), text)
			v := f.Session().Values
			if v["X_PUB"] != "xpub_1234" || v["X_SECRET"] != xSecret || v["Y_SECRET"] != ySecret {
				t.Errorf("values X_PUB %q, secrets set %v %v; result %+v", v["X_PUB"], v["X_SECRET"] == xSecret, v["Y_SECRET"] == ySecret, r)
			}
			leakcheck.AssertNoLeak(t, "paste message", []byte(r.Paste()), xSecret, ySecret)
			if !strings.Contains(r.Paste(), "Filled 3 fields") {
				t.Errorf("message %q", r.Paste())
			}
		})
	}
}

// A secret never goes into a public field, and what fits nowhere is left
// alone and not echoed.
func TestPasteNeverPutsASecretInAPublicField(t *testing.T) {
	f, form := pasteFlow(t)
	r := form.Paste(f.Session(), "X_PUB="+xSecret+"\nsomething-else-entirely-0123456789\n")
	if f.Session().Values["X_PUB"] != "" {
		t.Fatal("a secret went into the public field")
	}
	if len(r.Refused) != 1 || r.Refused[0] != "X_PUB" || r.Unplaced != 1 {
		t.Errorf("result %+v", r)
	}
	leakcheck.AssertNoLeak(t, "paste message", []byte(r.Paste()), xSecret, "something-else-entirely-0123456789")
	if form.PasteHolds(xSecret) || form.PasteHolds("not a key") {
		t.Error("a single bare value counts as a block")
	}
}
