package ui

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/muesli/termenv"

	"github.com/onboard-dev/onboard/internal/providers"
	"github.com/onboard-dev/onboard/internal/secret"
)

func typed(m *Model, keys ...tea.KeyMsg) {
	for _, k := range keys {
		m.Update(k)
	}
}

func runes(s string) tea.KeyMsg { return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)} }

// drain handles the navigation a screen asked for, as the program would.
func drain(m *Model, cmd tea.Cmd) {
	for cmd != nil {
		msg := cmd()
		if _, ok := msg.(navMsg); !ok {
			return
		}
		_, cmd = m.Update(msg)
	}
}

func press1(m *Model, k tea.KeyMsg) {
	_, cmd := m.Update(k)
	drain(m, cmd)
}

// Going back from a form keeps what was typed, as huh does: new keys typed,
// esc to re-read the checklist, Enter, and the new keys are there (a
// secret masked); nothing is stored until the form is submitted.
func TestGoingBackKeepsWhatWasTyped(t *testing.T) {
	const newSecret = "sk_test_NEWnewNEWnewNEWnewNEWnew4321"
	th := testTheme(termenv.Ascii, true)
	m := themedScreen(t, th, "acme-acme_account", providers.Values{"ACME_ACCOUNT": "old-name", "ACME_SECRET_KEY": fakeSecret}, 80, 24)
	s := m.c.session
	press1(m, tea.KeyMsg{Type: tea.KeyCtrlU})
	typed(m, runes("new-name"))
	press1(m, tea.KeyMsg{Type: tea.KeyTab})
	typed(m, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(newSecret), Paste: true})
	press1(m, tea.KeyMsg{Type: tea.KeyTab}) // leaves the secret: esc now goes back
	press1(m, tea.KeyMsg{Type: tea.KeyEsc})
	if id := m.flow.Current().ID().String(); id == "acme-acme_account" {
		t.Fatal("esc did not go back")
	}
	if s.Values["ACME_ACCOUNT"] != "old-name" || s.Values["ACME_SECRET_KEY"] != fakeSecret {
		t.Fatal("going back stored the answers before Enter")
	}
	press1(m, tea.KeyMsg{Type: tea.KeyEnter})
	for m.flow.Current().ID().String() != "acme-acme_account" {
		t.Fatalf("Enter went to %s", m.flow.Current().ID().String())
	}
	f := m.View()
	if !strings.Contains(f, "new-name") || !strings.Contains(f, secret.Mask(newSecret)) {
		t.Fatalf("the typed answers are not back:\n%s", f)
	}
	if strings.Contains(f, newSecret) {
		t.Fatal("the draft of a secret is shown unmasked")
	}
	press1(m, tea.KeyMsg{Type: tea.KeyEnter})
	if s.Values["ACME_ACCOUNT"] != "new-name" || s.Values["ACME_SECRET_KEY"] != newSecret {
		t.Fatalf("Enter did not store the typed answers: %v", s.Values)
	}
	if len(s.Drafts) != 0 {
		t.Fatal("the draft outlived the submit")
	}
}

// Typing into a pre-filled secret replaces it, and the screen says so
// before the first key; esc puts the saved value back, and only a second
// esc leaves the form.
func TestSecretReplaceSaysSoAndEscRestores(t *testing.T) {
	th := testTheme(termenv.Ascii, true)
	m := themedScreen(t, th, "acme-acme_account", providers.Values{"ACME_ACCOUNT": "acme", "ACME_SECRET_KEY": fakeSecret}, 80, 24)
	press1(m, tea.KeyMsg{Type: tea.KeyTab})
	if f := m.View(); !strings.Contains(f, "Typing replaces the saved value; esc restores it.") {
		t.Fatalf("no word of what typing does:\n%s", f)
	}
	typed(m, runes("x"))
	fs := m.scr.(*formScreen)
	if v := fs.fields[1].in.Value(); v != "x" {
		t.Fatalf("value after a key = %q", v)
	}
	if f := m.View(); !strings.Contains(f, "esc restores it") || !strings.Contains(f, "esc restore") {
		t.Fatalf("while replacing:\n%s", f)
	}
	press1(m, tea.KeyMsg{Type: tea.KeyEsc})
	if v := fs.fields[1].in.Value(); v != fakeSecret || m.flow.Current().ID().String() != "acme-acme_account" {
		t.Fatalf("esc did not restore the saved value (or left the form)")
	}
	if f := m.View(); !strings.Contains(f, secret.Mask(fakeSecret)) {
		t.Fatalf("the restored value is not shown masked:\n%s", f)
	}
	press1(m, tea.KeyMsg{Type: tea.KeyEsc})
	if m.flow.Current().ID().String() == "acme-acme_account" {
		t.Fatal("a second esc did not go back")
	}
}
