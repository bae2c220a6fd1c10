package ui

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/onboard-dev/onboard/internal/testkit/leakcheck"
)

// A pasted block of keys (bracketed paste) fills every field it names and
// says so, masked, whichever field had the focus.
func TestPastedBlockFillsTheForm(t *testing.T) {
	flow := newTestFlow(newStore(), nil)
	for flow.Current().ID().String() != "acme-acme_account" {
		if flow.Next() == nil {
			t.Fatal("no keys form")
		}
	}
	m := New(flow)
	setSize(m, 80, 24)
	m.show()
	m.Update(tea.KeyMsg{Type: tea.KeyRunes, Paste: true, Runes: []rune("# from Ana\nACME_ACCOUNT=acme-demo\nexport ACME_SECRET_KEY=\"" + fakeSecret + "\"\n")})
	v := m.View()
	if !strings.Contains(v, "Filled 2 fields from the paste") || !strings.Contains(v, "acme-demo") {
		t.Fatalf("after the paste:\n%s", v)
	}
	leakcheck.AssertNoLeak(t, "form after paste", []byte(v), fakeSecret)
	fs := m.scr.(*formScreen)
	if got := fs.answers(); got["ACME_SECRET_KEY"] != fakeSecret || got["ACME_ACCOUNT"] != "acme-demo" {
		t.Error("the form does not hold the pasted values")
	}
}
