package ui

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/muesli/termenv"

	"github.com/onboard-dev/onboard/internal/providers"
	"github.com/onboard-dev/onboard/internal/steps"
	"github.com/onboard-dev/onboard/internal/steps/stepstest"
)

func TestMain(m *testing.M) {
	// Plain text everywhere, so goldens are the same on every machine.
	lipgloss.SetColorProfile(termenv.Ascii)
	os.Exit(m.Run())
}

// newStore is an in-memory store whose project is a repository at
// /project, so goldens show the same paths everywhere.
func newStore() *stepstest.Store { return &stepstest.Store{Root: "/project"} }

// The fake provider's secret is long so a leak would be obvious.
const fakeSecret = "sk_test_FAKEfakeFAKEfakeFAKEfake9876"

type fakeProvider struct{}

var fakeSpec = providers.Spec{ID: "acme", Name: "Acme"}

func (fakeProvider) Spec() *providers.Spec { return &fakeSpec }
func (fakeProvider) Checklist(providers.Values) []providers.ChecklistItem {
	return []providers.ChecklistItem{
		{Title: "Create an Acme account", Detail: "Sign up with your work email.", URL: "https://dashboard.acme.test/register"},
		{Title: "Copy the secret key", Detail: "Developers → API keys → Reveal.", URL: "https://dashboard.acme.test/apikeys"},
	}
}
func (fakeProvider) Fields() []providers.Field {
	return []providers.Field{
		{Key: "ACME_ENV", Label: "Acme environment", Required: true, Default: "test", Options: []providers.Option{
			{Value: "test", Label: "Test", Help: "Fake money."}, {Value: "live", Label: "Live", Help: "Real money."}}},
		{Key: "ACME_ACCOUNT", Label: "Account name", Required: true, Placeholder: "acme-…"},
		{Key: "ACME_SECRET_KEY", Label: "Secret key", Required: true, Secret: true, Placeholder: "sk_test_…",
			Validate: func(v string, _ providers.Values) *providers.ValidationError {
				if strings.HasPrefix(v, "pk_") {
					return providers.Invalidf("This is a publishable key (pk_); the secret key starts with sk_.")
				}
				if !strings.HasPrefix(v, "sk_test_") {
					return providers.Invalidf("An Acme secret key starts with sk_test_.")
				}
				return nil
			}},
	}
}
func (fakeProvider) Checks(providers.Values) []string {
	return []string{"key accepted", "account readable"}
}
func (fakeProvider) Verify(ctx context.Context, v providers.Values, report providers.Report) []providers.Result {
	a := providers.Result{Provider: "acme", Name: "key accepted", Status: providers.Pass, Detail: "acct_…1234"}
	b := providers.Result{Provider: "acme", Name: "account readable", Status: providers.Pass}
	if v["ACME_SECRET_KEY"] != fakeSecret {
		a = providers.Result{Provider: "acme", Name: "key accepted", Status: providers.Fail, Detail: "401 invalid api key", Hint: "Copy the key again from Developers → API keys."}
		b.Status = providers.Skip
	}
	report(a)
	report(b)
	return []providers.Result{a, b}
}

func newTestFlow(store *stepstest.Store, prefill providers.Values) *steps.Flow {
	return steps.New(steps.Options{
		Providers: []providers.Provider{fakeProvider{}},
		Store:     store,
		Dir:       "/project",
		Prefill:   prefill,
		LookupEnv: func(string) (string, bool) { return "", false },
	})
}

func startModel(t *testing.T, flow *steps.Flow) (*teatest.TestModel, *Model) {
	t.Helper()
	m := New(flow)
	tm := teatest.NewTestModel(t, &snapModel{Model: m}, teatest.WithInitialTermSize(80, 24))
	t.Cleanup(func() { _ = tm.Quit() })
	return tm, m
}

// snapshotMsg asks the running program for its current frame; snapModel
// answers it on the program's goroutine, so tests read frames without a
// hook in the product's model. While a move between screens is on its way
// the answer waits for it, so a test never acts on the screen being left.
type snapshotMsg chan string

type snapModel struct {
	*Model
	waiting []snapshotMsg
}

func (s *snapModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if ch, ok := msg.(snapshotMsg); ok {
		s.waiting = append(s.waiting, ch)
	} else {
		_, cmd := s.Model.Update(msg)
		defer func() { s.answer() }()
		return s, cmd
	}
	s.answer()
	return s, nil
}

func (s *snapModel) answer() {
	if s.c.pending > 0 {
		return
	}
	for _, ch := range s.waiting {
		ch <- s.View()
	}
	s.waiting = nil
}

// setSize sizes a model built outside a program.
func setSize(m *Model, w, h int) {
	m.c.width, m.c.height = w, h

}

// finishedTask is the task screen of ts after its job ran to the end.
func finishedTask(m *Model, ts *steps.TaskStep) *taskScreen {
	t := newTaskScreen(m.c, ts)
	job := ts.Job(m.c.session)
	t.job, t.names = job, job.Checks
	o := job.Run(context.Background(), func(providers.Result) {})
	t.results = o.Results
	for _, r := range o.Results {
		t.status[r.Name] = r
	}
	return t
}

// waitText waits until the screen shows s. Output is consumed as read.
func waitText(t *testing.T, tm *teatest.TestModel, s string) {
	t.Helper()
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte(s)) },
		teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(5*time.Millisecond))
}

func press(tm *teatest.TestModel, keys ...string) {
	for _, k := range keys {
		switch k {
		case "enter":
			tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
		case "esc":
			tm.Send(tea.KeyMsg{Type: tea.KeyEsc})
		case "tab":
			tm.Send(tea.KeyMsg{Type: tea.KeyTab})
		case "space":
			tm.Send(tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{' '}})
		case "ctrl+c":
			tm.Send(tea.KeyMsg{Type: tea.KeyCtrlC})
		default:
			tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)})
		}
	}
}

func paste(tm *teatest.TestModel, s string) {
	tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s), Paste: true})
}

func gitUnignored() steps.GitState {
	return steps.GitState{InRepo: true, RepoRoot: "/project"}
}

func teaSize(w, h int) tea.WindowSizeMsg { return tea.WindowSizeMsg{Width: w, Height: h} }
