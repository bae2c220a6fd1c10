package readiness

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/onboard-dev/onboard/internal/providers"
	"github.com/onboard-dev/onboard/internal/steps"
)

func productionSession(t *testing.T) *steps.Session {
	dir := t.TempDir()
	return &steps.Session{
		Mode:    steps.Production,
		EnvPath: filepath.Join(dir, ".env"),
		Chosen:  []providers.ID{"stripe"},
		Values:  providers.Values{StripeSecretKey: liveSecret, StripePublishableKey: livePub, StripeWebhookSecret: whsec},
		Git:     &steps.GitState{InRepo: true, Ignored: true, HelpersSafe: true},
		Results: map[steps.StepID][]providers.Result{
			steps.StepVerify("stripe"): {{Provider: "stripe", Name: "secret key", Status: providers.Pass}},
		},
		Skipped:   map[steps.StepID]string{},
		Confirmed: map[steps.StepID][]bool{},
	}
}

func runJob(t *testing.T, st steps.Step, s *steps.Session) []providers.Result {
	t.Helper()
	task, ok := st.(*steps.TaskStep)
	if !ok {
		t.Fatalf("%s is a %s step, want a task", st.ID(), st.Kind())
	}
	j := task.Job(s)
	o := j.Run(context.Background(), func(providers.Result) {})
	o.ApplyTo(s)
	return o.Results
}

func TestWizardStepsOnlyInProduction(t *testing.T) {
	s := productionSession(t)
	s.Mode = steps.Development
	before, after := WizardSteps(WizardOptions{Providers: testProviders()})
	for _, st := range append(before, after...) {
		if !st.Skip(s) {
			t.Errorf("%s shown in development mode", st.ID())
		}
	}
}

func TestWizardStepsWriteReportAndKeepConfirmations(t *testing.T) {
	day := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	s := productionSession(t)
	path := filepath.Join(filepath.Dir(s.EnvPath), DefaultReportName)
	// An earlier report confirmed the secrets manager three days ago.
	earlier := Render(Report{Date: "2026-11-20", EnvFile: ".env", Outcomes: Evaluate(Input{
		Specs: uses("stripe"), Confirmed: map[string]string{"secrets-manager": "2026-11-20"}})})
	if err := os.WriteFile(path, earlier, 0o644); err != nil {
		t.Fatal(err)
	}

	before, after := WizardSteps(WizardOptions{Providers: testProviders(), Now: func() time.Time { return day }})
	checks, confirm, report := before[0], before[1].(*steps.ChecklistStep), after[0]

	rs := runJob(t, checks, s)
	byName := map[string]providers.Status{}
	for _, r := range rs {
		byName[r.Name] = r.Status
	}
	// The screen names items by title (the ids are for check --json).
	live, _ := lookup("stripe-live-keys")
	restricted, _ := lookup("restricted-key")
	if byName[live.Title] != providers.Pass || byName[restricted.Title] != providers.Warn {
		t.Errorf("automatic results %v", byName)
	}
	for _, name := range checks.(*steps.TaskStep).Job(s).Checks {
		if _, ok := byName[name]; !ok {
			t.Errorf("the screen lists %q but no result has that name", name)
		}
	}

	items := confirm.Items(s)
	answers := confirm.Answers(s)
	ticked := map[string]bool{}
	for i, it := range items {
		ticked[it.Title] = answers[i]
	}
	secretsTitle, _ := lookup("secrets-manager")
	activated, _ := lookup("stripe-account-activated")
	if !ticked[secretsTitle.Title] || ticked[activated.Title] {
		t.Fatalf("pre-ticked answers %v: want only the earlier confirmation", ticked)
	}
	for _, it := range items {
		if strings.Contains(it.Title, "Plaid") {
			t.Errorf("a Plaid item for a Stripe-only project: %s", it.Title)
		}
	}

	// The person also confirms the account activation.
	for i, it := range items {
		if it.Title == activated.Title {
			answers[i] = true
		}
	}
	confirm.Answer(s, answers)
	if rs := runJob(t, report, s); !steps.Passed(rs) {
		t.Fatalf("report step failed: %+v", rs)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	got := Parse(b, allItems())
	if got["secrets-manager"] != "2026-11-20" || got["stripe-account-activated"] != "2026-11-23" {
		t.Errorf("confirmations in the report: %v", got)
	}
	for _, sec := range []string{liveSecret, livePub, whsec} {
		if strings.Contains(string(b), sec) {
			t.Error("the report holds a full secret")
		}
	}
	runJob(t, report, s) // a retry replaces the closing note
	notes := 0
	for _, n := range s.Notes {
		if strings.HasPrefix(n, notePrefix) {
			notes++
		}
	}
	if notes != 1 {
		t.Errorf("%d report notes after a re-run, want 1: %v", notes, s.Notes)
	}
}

// The wizard writes its report through the same rule as check: a file at
// the report's place that onboard did not write is left as it is, and the
// step says why and what to do.
func TestWizardReportLeavesAForeignFileAlone(t *testing.T) {
	s := productionSession(t)
	path := filepath.Join(filepath.Dir(s.EnvPath), DefaultReportName)
	mine := []byte("# my own readiness notes\n")
	if err := os.WriteFile(path, mine, 0o600); err != nil {
		t.Fatal(err)
	}
	_, after := WizardSteps(WizardOptions{Providers: testProviders()})
	rs := runJob(t, after[0], s)
	if len(rs) != 1 || rs[0].Status != providers.Fail || !strings.Contains(rs[0].Detail, "not a readiness report") || !strings.Contains(rs[0].Hint, "Move") {
		t.Fatalf("results %+v, want a failure that says the file is not a report and what to do", rs)
	}
	if b, _ := os.ReadFile(path); string(b) != string(mine) {
		t.Fatal("the file was replaced")
	}
}
