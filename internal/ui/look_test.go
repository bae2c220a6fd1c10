package ui

import (
	"context"
	"io"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/muesli/termenv"

	"github.com/onboard-dev/onboard/internal/providers"
	"github.com/onboard-dev/onboard/internal/steps"
	"github.com/onboard-dev/onboard/internal/steps/stepstest"
)

// testTheme is the theme on a renderer of its own, with a fixed profile
// and background: the goldens do not depend on the machine's terminal.
func testTheme(profile termenv.Profile, dark bool) Theme {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(profile)
	r.SetHasDarkBackground(dark)
	return NewTheme(r)
}

var looks = []struct {
	name    string
	profile termenv.Profile
	dark    bool
}{
	{"dark", termenv.TrueColor, true},
	{"light", termenv.TrueColor, false},
	{"ansi16", termenv.ANSI, true},
	{"nocolor", termenv.Ascii, true},
}

// themedScreen is the model on step id of the fake provider's flow, in
// theme th, at w x h, with loaders and tasks run to the end.
func themedScreen(t *testing.T, th Theme, id string, prefill providers.Values, w, h int) *Model {
	t.Helper()
	store := &stepstest.Store{Root: "/project", Git: gitUnignored(),
		Files: map[string]providers.Values{"/project/.env": {"DATABASE_URL": "postgres://localhost/app"}}}
	flow := newTestFlow(store, prefill)
	s := flow.Session()
	s.EnvPath, s.Chosen = "/project/.env", []providers.ID{"acme"}
	m := newModel(flow, th)
	setSize(m, w, h)
	for {
		screenFor(m, flow)
		if flow.Current().ID().String() == id {
			return m
		}
		if ts, ok := flow.Current().(*steps.TaskStep); ok {
			// Its outcome decides what comes next (the git offer).
			ts.Job(s).Run(context.Background(), func(providers.Result) {}).ApplyTo(s)
		}
		if flow.Next() == nil {
			t.Fatalf("no step %s", id)
		}
	}
}

// TestLooks keeps golden frames of the main screens in each look: true
// colour on dark and on light backgrounds, the 16 ANSI colours, and no
// colour at all. Focus, selection, buttons and the key line must tell
// themselves apart in every one (without colour, by their marks).
func TestLooks(t *testing.T) {
	good := providers.Values{"ACME_ACCOUNT": "acme-demo", "ACME_SECRET_KEY": fakeSecret}
	wrong := providers.Values{"ACME_ACCOUNT": "acme-demo", "ACME_SECRET_KEY": "sk_test_wrongwrongwrongwrong0000"}
	for _, look := range looks {
		th := testTheme(look.profile, look.dark)
		shots := []struct {
			name, id string
			prefill  providers.Values
			keys     []tea.KeyMsg
		}{
			{"welcome", "welcome", good, nil},
			{"choice-multi", "providers", good, []tea.KeyMsg{{Type: tea.KeyDown}}},
			{"decision", "git-fix-choice", good, []tea.KeyMsg{{Type: tea.KeyRight}}},
			{"form-error", "acme-acme_account", good, []tea.KeyMsg{{Type: tea.KeyTab}, {Type: tea.KeyRunes, Runes: []rune("pk_test_abcdefghijklmnop1234"), Paste: true}}},
			{"task-fail", "acme-verify", wrong, nil},
			{"review", "review", good, nil},
		}
		for _, shot := range shots {
			t.Run(shot.name+"-"+look.name, func(t *testing.T) {
				m := themedScreen(t, th, shot.id, shot.prefill, 80, 24)
				for _, k := range shot.keys {
					m.Update(k)
				}
				f := m.View()
				if strings.Contains(f, fakeSecret) || strings.Contains(f, "pk_test_abcdefghijklmnop1234") {
					t.Fatal("a secret is on screen")
				}
				if look.profile == termenv.Ascii && strings.Contains(f, "\x1b") {
					t.Fatal("escape codes without colour")
				}
				for i, l := range strings.Split(f, "\n") {
					if w := ansi.StringWidth(l); w > 80 {
						t.Errorf("line %d is %d wide", i+1, w)
					}
				}
				golden.RequireEqual(t, []byte(f))
			})
		}
	}
}

// Without colour, what colour would tell apart has marks: the focused
// button is bracketed (at the same width as the others), the focused field
// has its bar, the cursor row its >, a chosen item its tick.
func TestNoColourKeepsEveryMark(t *testing.T) {
	th := testTheme(termenv.Ascii, true)
	good := providers.Values{"ACME_ACCOUNT": "acme-demo", "ACME_SECRET_KEY": fakeSecret}
	m := themedScreen(t, th, "git-fix-choice", good, 80, 24)
	if f := m.View(); !strings.Contains(f, "[ Add the rule to /project/.gitignore (recommended) ]") || !strings.Contains(f, "  Leave git as it is  ") {
		t.Fatalf("the focused button is not marked:\n%s", f)
	}
	m.Update(tea.KeyMsg{Type: tea.KeyRight})
	if f := m.View(); !strings.Contains(f, "[ Leave git as it is ]") {
		t.Fatalf("→ did not move the focus:\n%s", f)
	}
	m = themedScreen(t, th, "providers", good, 80, 24)
	if f := m.View(); !strings.Contains(f, "> [✓] Acme") {
		t.Fatalf("the cursor row or the tick is missing:\n%s", f)
	}
	m = themedScreen(t, th, "acme-acme_account", good, 80, 24)
	if f := m.View(); !strings.Contains(f, "┃ Account name") || strings.Contains(f, "┃ Secret key") {
		t.Fatalf("the focus bar is not on the focused field alone:\n%s", f)
	}
}

// The key line is in full contrast (bold, never faint), and the header's
// parts of the walk are named when they fit and never wider than the
// terminal: at 120 columns every part by name, at 20 only the current one.
func TestKeyLineAndSections(t *testing.T) {
	th := testTheme(termenv.TrueColor, true)
	if !th.Key.GetBold() || th.Key.GetFaint() {
		t.Fatal("the key line is not bold, or is faint")
	}
	m := themedScreen(t, th, "review", providers.Values{"ACME_ACCOUNT": "a", "ACME_SECRET_KEY": fakeSecret}, 120, 40)
	secs := ansi.Strip(strings.Split(m.View(), "\n")[1])
	if secs != "✓ Start  ✓ Acme  ● Save  ○ Done" {
		t.Fatalf("the parts at 120 columns: %q", secs)
	}
	list := m.flow.Sections()
	for width, want := range map[int]string{32: "✓ Start  ✓ Acme  ● Save  ○ Done", 20: "✓ ✓ ● Save ○", 6: "● Save"} {
		got := ansi.Strip(sectionsView(th.Header, list, width))
		if got != want || ansi.StringWidth(got) > width {
			t.Errorf("at %d columns: %q, want %q", width, got, want)
		}
	}
}

// Colours inside text from outside (a server's message asking for hidden
// text, \x1b[8m) are dropped where the text is laid out, not only at the
// frame: a warning cannot be hidden or recoloured by what it quotes.
func TestOutsideColoursNeverReachTheFrame(t *testing.T) {
	hidden := "\x1b[8m"
	for name, got := range map[string]string{
		"wrap":      wrap("Plaid said: "+hidden+"all fine", 40),
		"clip":      clip(hidden+"value", 20),
		"clipWidth": clipWidth("name "+hidden+"x", 20),
	} {
		if strings.Contains(got, "\x1b") {
			t.Errorf("%s kept an escape sequence: %q", name, got)
		}
	}
}
