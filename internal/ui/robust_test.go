package ui

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"github.com/onboard-dev/onboard/internal/envfile"
	"github.com/onboard-dev/onboard/internal/providers"
	"github.com/onboard-dev/onboard/internal/providers/plaid"
	"github.com/onboard-dev/onboard/internal/providers/stripe"
	"github.com/onboard-dev/onboard/internal/readiness"
	"github.com/onboard-dev/onboard/internal/steps"
)

// The sizes a new user tries: the usual, a large one, a small one, and the
// minimum.
var sizes = [][2]int{{80, 24}, {120, 40}, {50, 15}, {40, 10}}

// checkFrame holds a frame to the terminal: no more lines than it has, no
// line wider than it is.
func checkFrame(t *testing.T, what string, f string, w, h int) {
	t.Helper()
	ls := strings.Split(f, "\n")
	if len(ls) > h {
		t.Errorf("%s at %dx%d: %d lines:\n%s", what, w, h, len(ls), f)
	}
	for i, l := range ls {
		if lw := ansi.StringWidth(l); lw > w {
			t.Errorf("%s at %dx%d: line %d is %d wide: %q", what, w, h, i+1, lw, l)
		}
	}
}

var marker = regexp.MustCompile(`[↑↓] \d+ more`)

// flat is a frame's words on one line, so a test can look for a sentence
// however it wrapped.
func flat(f string) string { return strings.Join(strings.Fields(f), " ") }

// Every screen of the real flow, at every size: it fits, wraps instead of
// running off the edge, says when something is out of view, and keeps what
// it asks in view: the options (or buttons) and the key line.
func TestEveryRealScreenFitsAndShowsWhatIsHidden(t *testing.T) {
	ps := []providers.Provider{plaid.New(plaid.Config{}), stripe.New(stripe.Config{}), stripe.NewConnect(stripe.Config{})}
	extra, after := readiness.WizardSteps(readiness.WizardOptions{Providers: ps})
	for i := range 2 * len(sizes) {
		w, h := sizes[i/2][0], sizes[i/2][1]
		o := steps.Options{Providers: ps, Store: newStore(), Dir: "/project", LookupEnv: func(string) (string, bool) { return "", false }}
		if i%2 == 1 {
			o.Mode, o.Extra, o.AfterWrite = steps.Production, extra, after
		}
		flow := steps.New(o)
		s := flow.Session()
		s.EnvPath, s.Chosen = "/project/.env", []providers.ID{"plaid", "stripe", "connect"}
		for {
			st := flow.Current()
			if st.Kind() != steps.KindTask {
				m := New(flow)
				setSize(m, w, h)
				m.show()
				f := m.View()
				what := st.ID().String()
				checkFrame(t, what, f, w, h)
				if sc, ok := m.scr.(scroller); ok && sc.scroller().over && !marker.MatchString(f) {
					t.Errorf("%s at %dx%d: cut with no marker:\n%s", what, w, h, f)
				}
				switch scr := m.scr.(type) {
				case *choiceScreen:
					if scr.decision {
						for _, o := range scr.options {
							if !strings.Contains(flat(f), strings.Fields(o.Label)[0]) {
								t.Errorf("%s at %dx%d: the answer %q is hidden:\n%s", what, w, h, o.Label, f)
							}
						}
					} else if !strings.Contains(f, "> ") || !strings.Contains(flat(f), scr.label(scr.cursor)) {
						t.Errorf("%s at %dx%d: the cursor row is hidden or cut:\n%s", what, w, h, f)
					}
				case *checklistScreen:
					if len(scr.items) > 0 && !strings.Contains(flat(f), scr.items[scr.cursor].Title) {
						t.Errorf("%s at %dx%d: the cursor row is hidden or cut:\n%s", what, w, h, f)
					}
				case *textScreen:
					if !strings.Contains(f, "Press Enter to") {
						t.Errorf("%s at %dx%d: the key line is hidden:\n%s", what, w, h, f)
					}
				case *formScreen:
					if !strings.Contains(f, "┃ ") {
						t.Errorf("%s at %dx%d: the focused field is hidden:\n%s", what, w, h, f)
					}
				}
			}
			if flow.Next() == nil {
				break
			}
		}
	}
}

// A failed check's status line wraps at every size: the whole sentence is
// there, no line runs off the edge; the text screens' key line too.
func TestStatusLinesWrap(t *testing.T) {
	wrong := providers.Values{"ACME_ACCOUNT": "acme-demo", "ACME_SECRET_KEY": "sk_test_wrongwrongwrongwrong0000"}
	th := testTheme(termenv.Ascii, true)
	for _, size := range sizes {
		w, h := size[0], size[1]
		m := themedScreen(t, th, "acme-verify", wrong, w, h)
		f := m.View()
		checkFrame(t, "task", f, w, h)
		if !strings.Contains(flat(f), "Enter or r retries, e edits the keys, s skips (you will be reminded).") {
			t.Errorf("at %dx%d the status line is cut:\n%s", w, h, f)
		}
		m = themedScreen(t, th, "welcome", wrong, w, h)
		if f := m.View(); !strings.Contains(f, "Press Enter to continue.") {
			t.Errorf("at %dx%d the key line is cut:\n%s", w, h, f)
		}
	}
}

// The review at 50x15: the buttons stay, the changes scroll with a marker,
// and a kept value's " (kept)" stays inside the line.
func TestReviewScrollsAndKeepsItsButtons(t *testing.T) {
	plan := &steps.Review{Path: "/project/.env", Files: []string{"/project/.env: 2 added, 1 kept", "/project/.gitignore: add the rule .env"}}
	for i := 0; i < 8; i++ {
		plan.Changes = append(plan.Changes, steps.Change{Key: fmt.Sprintf("A_RATHER_LONG_VARIABLE_NAME_%d", i), Change: envfile.Unchanged,
			New: "postgres://user@db.internal.example.com:5432/app_production"})
	}
	plan.Changes = append(plan.Changes, steps.Change{Key: "STRIPE_SECRET_KEY", Change: envfile.Added, New: "sk_test_…9876"})
	m := New(newTestFlow(newStore(), nil))
	setSize(m, 50, 15)
	m.scr = newReviewScreen(m.c, plan)
	f := m.View()
	checkFrame(t, "review", f, 50, 15)
	if !strings.Contains(f, "[ Write ]") || !strings.Contains(f, "↓ ") || !strings.Contains(f, "(kept)") {
		t.Fatalf("the buttons, the marker or (kept) is missing:\n%s", f)
	}
	for i := 0; i < 10; i++ {
		m.Update(tea.KeyMsg{Type: tea.KeyPgDown})
	}
	f = m.View()
	checkFrame(t, "review", f, 50, 15)
	if !strings.Contains(f, ".gitignore: add the rule .env") || !strings.Contains(f, "↑ ") || !strings.Contains(f, "[ Write ]") {
		t.Fatalf("scrolled to the end:\n%s", f)
	}
	// ←/→ move to Back; Enter there goes back rather than writing.
	m.Update(tea.KeyMsg{Type: tea.KeyRight})
	if f := m.View(); !strings.Contains(f, "[ Back ]") || !strings.Contains(f, "enter back") {
		t.Fatalf("the Back button has not the focus:\n%s", f)
	}
	if _, cmd := m.Update(tea.KeyMsg{Type: tea.KeyEnter}); cmd == nil {
		t.Fatal("Enter on Back did nothing")
	}
}

// The .gitignore offer at 50x15 and 40x10: both answers, with
// "(recommended)", stay; what the fix appends scrolls into view.
func TestGitOfferKeepsItsAnswersWhenSmall(t *testing.T) {
	th := testTheme(termenv.Ascii, true)
	good := providers.Values{"ACME_ACCOUNT": "acme-demo", "ACME_SECRET_KEY": fakeSecret}
	for _, size := range [][2]int{{50, 15}, {40, 10}} {
		w, h := size[0], size[1]
		m := themedScreen(t, th, "git-fix-choice", good, w, h)
		f := m.View()
		checkFrame(t, "git offer", f, w, h)
		if !strings.Contains(flat(f), "(recommended)") || !strings.Contains(f, "Leave git as it is") || !marker.MatchString(f) {
			t.Fatalf("at %dx%d:\n%s", w, h, f)
		}
		for i := 0; i < 40 && !strings.Contains(m.View(), "!.env.example"); i++ {
			m.Update(tea.KeyMsg{Type: tea.KeyPgDown})
		}
		if f := m.View(); !strings.Contains(f, "!.env.example") || !strings.Contains(f, "Leave git as it is") {
			t.Fatalf("at %dx%d the lines it adds never came into view:\n%s", w, h, f)
		}
	}
}

// A long list says where the cursor is and how much is hidden each way;
// the footer names both directions.
func TestListsShowPositionAndHidden(t *testing.T) {
	flow := steps.New(steps.Options{Providers: []providers.Provider{plaid.New(plaid.Config{})}, Store: newStore(), Dir: "/project", LookupEnv: func(string) (string, bool) { return "", false }})
	s := flow.Session()
	s.EnvPath, s.Chosen = "/project/.env", []providers.ID{"plaid"}
	for flow.Current().ID().String() != "plaid-plaid_products" {
		if flow.Next() == nil {
			t.Fatal("no products step")
		}
	}
	n := len(flow.Current().(*steps.ChoiceStep).Options(s))
	m := New(flow)
	m.show()
	f := m.View()
	if !regexp.MustCompile(fmt.Sprintf(`↓ \d+ more · \d+ of %d`, n)).MatchString(f) || !strings.Contains(f, "↑/↓ move") {
		t.Fatalf("no position, hidden count or both directions:\n%s", f)
	}
	for i := 0; i < n; i++ {
		m.Update(tea.KeyMsg{Type: tea.KeyDown})
	}
	f = m.View()
	if !regexp.MustCompile(`↑ \d+ more`).MatchString(f) || !strings.Contains(f, fmt.Sprintf("%d of %d", n, n)) {
		t.Fatalf("at the end of the list:\n%s", f)
	}
}
