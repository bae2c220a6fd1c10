package steps_test

import (
	"context"
	"strings"
	"testing"

	"github.com/onboard-dev/onboard/internal/envfile"
	"github.com/onboard-dev/onboard/internal/providers"
	"github.com/onboard-dev/onboard/internal/steps"
	"github.com/onboard-dev/onboard/internal/steps/stepstest"
	"github.com/onboard-dev/onboard/internal/testkit/leakcheck"
)

// trustProvider has a public id, a secret recognised by its shape, and an
// optional secret, so the tests can misplace and empty values.
type trustProvider struct{}

const (
	trustSecret   = "tsk_0123456789abcdefghijklmnop" // what the secret field recognises
	trustOptional = "whk_zyxwvutsrqponmlkjihgfedcba"
)

var trustSpec = providers.Spec{ID: "t", Name: "Trust"}

func (trustProvider) Spec() *providers.Spec                                { return &trustSpec }
func (trustProvider) Checklist(providers.Values) []providers.ChecklistItem { return nil }
func (trustProvider) Fields() []providers.Field {
	return []providers.Field{
		{Key: "T_ID", Label: "id", Required: true},
		{Key: "T_SECRET", Label: "secret", Required: true, Secret: true,
			Recognize: func(v string) bool { return strings.HasPrefix(v, "tsk_") }},
		{Key: "T_HOOK", Label: "hook secret", Secret: true},
	}
}
func (trustProvider) Checks(providers.Values) []string { return []string{"auth"} }
func (trustProvider) Verify(_ context.Context, _ providers.Values, report providers.Report) []providers.Result {
	r := providers.Result{Provider: "t", Name: "auth", Status: providers.Pass}
	report(r)
	return []providers.Result{r}
}

func trustFlow(t *testing.T, store *stepstest.Store) *steps.Flow {
	t.Helper()
	return newTestFlow(t, store, func(o *steps.Options) {
		o.Providers = []providers.Provider{trustProvider{}}
	})
}

// advance moves past a step the test answered itself.
func advance(t *testing.T, f *steps.Flow) {
	t.Helper()
	if f.Next() == nil {
		t.Fatal("no step after " + f.Current().ID().String())
	}
	load(t, f)
}

// walkTo answers every step the plain way (defaults, form, jobs run) until
// the step with this id is current; its job, if a loader, has run.
func walkTo(t *testing.T, f *steps.Flow, id string, form map[string]string) {
	t.Helper()
	load(t, f)
	for f.Current().ID().String() != id {
		answer(t, f, form)
		if f.Next() == nil {
			t.Fatalf("reached the end without %s", id)
		}
		load(t, f)
	}
}

var trustForm = map[string]string{"T_ID": "id-1", "T_SECRET": trustSecret}

// A tracked .env: the default answer stops tracking it and adds the rule,
// both listed in the review and done (in that order) before the .env is
// written.
func TestTrackedEnvIsUntrackedByDefault(t *testing.T) {
	store := &stepstest.Store{Root: "/proj", Git: steps.GitState{InRepo: true, Tracked: true}}
	f := trustFlow(t, store)
	walkTo(t, f, "git-fix-choice", trustForm)
	c := f.Current().(*steps.ChoiceStep)
	if got := c.Selected(f.Session()); len(got) != 1 || got[0] != string(steps.GitUntrack) {
		t.Fatalf("default answer %v, want untrack", got)
	}
	for _, o := range c.Options(f.Session()) {
		if o.Value == string(steps.GitLeave) {
			t.Fatal("a tracked file is offered 'leave git as it is'")
		}
	}
	walkTo(t, f, "review", trustForm)
	r := f.Current().(*steps.ReviewStep).Plan(f.Session())
	if len(r.Files) < 3 || !strings.Contains(r.Files[0], "stop tracking") || !strings.Contains(r.Files[1], ".gitignore") {
		t.Fatalf("review files %q, want untrack, then .gitignore, then the .env", r.Files)
	}
	walkTo(t, f, "write", trustForm)
	res := runJob(f, f.Current().(*steps.TaskStep).Job(f.Session()))
	if !steps.Passed(res) || !store.Untracked() || !store.Fixed() || store.Applied() != 1 {
		t.Fatalf("write: untracked=%v fixed=%v applied=%d %+v", store.Untracked(), store.Fixed(), store.Applied(), res)
	}
	if got := strings.Join(f.Session().Disk.Lines(), "\n"); !strings.Contains(got, "stopped git tracking") || !strings.Contains(got, ".gitignore") || !strings.Contains(got, "wrote /proj/.env") {
		t.Errorf("disk log:\n%s", got)
	}
}

// Writing into a tracked file takes an explicit answer, and the end says
// what that means.
func TestTrackedEnvWrittenOnlyWhenTheyUnderstand(t *testing.T) {
	store := &stepstest.Store{Root: "/proj", Git: steps.GitState{InRepo: true, Tracked: true}}
	f := trustFlow(t, store)
	walkTo(t, f, "git-fix-choice", trustForm)
	if err := f.Current().(*steps.ChoiceStep).Apply(f.Session(), []string{string(steps.GitWriteTracked)}); err != nil {
		t.Fatal(err)
	}
	advance(t, f)
	walkTo(t, f, "done", trustForm)
	if store.Untracked() || store.Applied() != 1 {
		t.Fatalf("untracked=%v applied=%d", store.Untracked(), store.Applied())
	}
	done := f.Current().(*steps.DoneStep).Text(f.Session())
	if !strings.Contains(done, "git tracks .env") {
		t.Errorf("done does not warn about the tracked file:\n%s", done)
	}
}

// A target that needs consent: the default answer writes nothing and ends
// the flow saying why; "write" passes the consent to the store.
func TestTargetConsent(t *testing.T) {
	concern := &envfile.Target{Path: "/proj/.env", Real: "/shared/team.env", Link: true, Exists: true, Mode: 0o666,
		Concerns: []envfile.Concern{{Kind: envfile.OutsideProject, Text: "/proj/.env is a symlink to /shared/team.env, outside the project"}}}
	t.Run("default stops", func(t *testing.T) {
		store := &stepstest.Store{Root: "/proj", Git: steps.GitState{InRepo: true, Ignored: true, HelpersSafe: true}, Target: concern}
		f := trustFlow(t, store)
		walkTo(t, f, "target-consent", trustForm)
		c := f.Current().(*steps.ChoiceStep)
		if !strings.Contains(c.IntroText(f.Session()), "/shared/team.env") {
			t.Errorf("intro does not show the real target: %q", c.IntroText(f.Session()))
		}
		chooseDefault(t, f)
		if st := f.Next(); st == nil || st.ID().String() != "done" {
			t.Fatalf("after refusing, next is %v, want done", st)
		}
		done := f.Current().(*steps.DoneStep).Text(f.Session())
		if store.Applied() != 0 || !strings.HasPrefix(done, "Nothing was written") {
			t.Fatalf("applied %d; done:\n%s", store.Applied(), done)
		}
	})
	t.Run("write with consent", func(t *testing.T) {
		store := &stepstest.Store{Root: "/proj", Git: steps.GitState{InRepo: true, Ignored: true, HelpersSafe: true}, Target: concern}
		f := trustFlow(t, store)
		walkTo(t, f, "target-consent", trustForm)
		if err := f.Current().(*steps.ChoiceStep).Apply(f.Session(), []string{"write"}); err != nil {
			t.Fatal(err)
		}
		advance(t, f)
		walkTo(t, f, "done", trustForm)
		pols := store.Policies()
		if len(pols) != 1 || pols[0].Consent == nil || pols[0].Consent.Real != "/shared/team.env" || pols[0].Root != "/proj" {
			t.Fatalf("policies %+v, want the consent for /shared/team.env with root /proj", pols)
		}
	})
}

// "-" (or a cleared field) empties an optional value the file holds: it is
// removed, and the review says so.
func TestEmptiedOptionalValueIsRemoved(t *testing.T) {
	store := &stepstest.Store{Root: "/proj", Git: steps.GitState{InRepo: true, Ignored: true, HelpersSafe: true},
		Files: map[string]providers.Values{"/proj/.env": {"T_ID": "id-1", "T_SECRET": trustSecret, "T_HOOK": trustOptional}}}
	f := trustFlow(t, store)
	form := map[string]string{"T_ID": "id-1", "T_SECRET": trustSecret, "T_HOOK": ""}
	walkTo(t, f, "review", form)
	r := f.Current().(*steps.ReviewStep).Plan(f.Session())
	var removed bool
	for _, c := range r.Changes {
		if c.Key == "T_HOOK" && c.Change == envfile.Removed {
			removed = true
		}
	}
	if !removed {
		t.Fatalf("review changes %+v, want T_HOOK removed", r.Changes)
	}
	walkTo(t, f, "done", form)
	got, _, _, _ := store.Read("/proj/.env")
	if _, still := got["T_HOOK"]; still {
		t.Fatal("T_HOOK is still in the file")
	}
}

// A secret sitting in a public variable of the existing file is masked on
// the welcome screen and in the review.
func TestMisplacedSecretIsMasked(t *testing.T) {
	store := &stepstest.Store{Root: "/proj", Git: steps.GitState{InRepo: true, Ignored: true, HelpersSafe: true},
		Files: map[string]providers.Values{"/proj/.env": {"T_ID": trustSecret}}}
	f := trustFlow(t, store)
	load(t, f)
	welcome := f.Current().(*steps.ChoiceStep).IntroText(f.Session())
	leakcheck.AssertNoLeak(t, "welcome", []byte(welcome), trustSecret)
	walkTo(t, f, "review", map[string]string{"T_ID": "id-1", "T_SECRET": "tsk_another0123456789abcdefghij"})
	var out strings.Builder
	for _, c := range f.Current().(*steps.ReviewStep).Plan(f.Session()).Changes {
		out.WriteString(c.Key + " " + c.Old + " " + c.New + "\n")
	}
	leakcheck.AssertNoLeak(t, "review", []byte(out.String()), trustSecret, "tsk_another0123456789abcdefghij")
	if m := stepNamed(f, "t-keys").(*steps.FormStep); !m.Masked("T_ID", trustSecret) || m.Masked("T_ID", "id-1") {
		t.Error("FormStep.Masked does not recognise a secret in the id field (or masks a plain id)")
	}
}

// A .gitignore fix that cannot be made fails the check with the reason;
// going on anyway carries the warning to the review and the end.
func TestUnplannableFixIsCarriedToTheEnd(t *testing.T) {
	store := &stepstest.Store{Root: "/proj", Git: steps.GitState{InRepo: true,
		FixErr: &envfile.GitError{Kind: envfile.ErrFixBlocked, Dir: "/proj", Reason: "/proj/.gitignore is a folder, not a file"}}}
	f := trustFlow(t, store)
	walkTo(t, f, "git-check", trustForm)
	task := f.Current().(*steps.TaskStep)
	res := runJob(f, task.Job(f.Session()))
	if r := resultNamed(res, steps.CheckIgnored); r.Status != providers.Fail || !strings.Contains(r.Detail, "is a folder") {
		t.Fatalf("ignored result %+v, want a failure naming the cause", r)
	}
	if strings.Contains(resultNamed(res, steps.CheckIgnored).Hint, "next screen") {
		t.Error("the hint promises a fix screen that will not come")
	}
	task.SkipFailed(f.Session())
	if st := f.Next(); st.ID().String() == "git-fix-choice" {
		t.Fatal("a fix is offered although none can be made")
	}
	walkTo(t, f, "review", trustForm)
	r := f.Current().(*steps.ReviewStep).Plan(f.Session())
	if !strings.Contains(strings.Join(r.Warnings, "\n"), "Protect your secrets") || !strings.Contains(strings.Join(r.Warnings, "\n"), "not ignored") {
		t.Errorf("review warnings %q do not carry the failed check and the unprotected file", r.Warnings)
	}
	walkTo(t, f, "done", trustForm)
	if done := f.Current().(*steps.DoneStep).Text(f.Session()); !strings.Contains(done, "not ignored") {
		t.Errorf("done:\n%s", done)
	}
}

// An existing file others can read is tightened, and the review says so;
// with the helper files unignored and the fix declined, no backup is kept,
// and the review says that too.
func TestReviewSaysModeChangeAndNoBackup(t *testing.T) {
	store := &stepstest.Store{Root: "/proj",
		Git:    steps.GitState{InRepo: true, Ignored: true, Rule: ".gitignore:1:.env", Fix: &envfile.GitignoreFix{File: "/proj/.gitignore", Lines: []string{".env.*", "!.env.example"}}},
		Target: &envfile.Target{Path: "/proj/.env", Real: "/proj/.env", Exists: true, Mode: 0o644},
		Files:  map[string]providers.Values{"/proj/.env": {"OTHER": "1"}}}
	f := trustFlow(t, store)
	walkTo(t, f, "git-fix-choice", trustForm)
	if err := f.Current().(*steps.ChoiceStep).Apply(f.Session(), []string{string(steps.GitLeave)}); err != nil {
		t.Fatal(err)
	}
	advance(t, f)
	walkTo(t, f, "review", trustForm)
	r := f.Current().(*steps.ReviewStep).Plan(f.Session())
	all := strings.Join(append(r.Files, r.Warnings...), "\n")
	if !strings.Contains(all, "mode 0644 → 0600") || !strings.Contains(all, "No backup") || strings.Contains(all, "onboard-backup") {
		t.Errorf("review:\n%s", all)
	}
	walkTo(t, f, "done", trustForm)
	if pols := store.Policies(); len(pols) != 1 || !pols[0].NoBackup {
		t.Errorf("policies %+v, want NoBackup", pols)
	}
}

// Interrupted tells the truth about the disk.
func TestInterruptedSaysWhatWasWritten(t *testing.T) {
	store := &stepstest.Store{Root: "/proj", Git: steps.GitState{InRepo: true}}
	f := trustFlow(t, store)
	if got := f.Session().Interrupted(); len(got) != 1 || !strings.Contains(got[0], "nothing was written") {
		t.Fatalf("before the write: %q", got)
	}
	walkTo(t, f, "done", trustForm)
	got := strings.Join(f.Session().Interrupted(), "\n")
	if !strings.Contains(got, "already made") || !strings.Contains(got, "/proj/.gitignore") || !strings.Contains(got, "wrote /proj/.env") {
		t.Fatalf("after the write: %q", got)
	}
}

// Where loaders would read the file differently is said in the review and
// at the end.
func TestLoaderNotesReachTheReviewAndTheEnd(t *testing.T) {
	note := "node --env-file does not read T_ID (line 3): line 2 above it holds only spaces."
	store := &stepstest.Store{Root: "/proj", Git: steps.GitState{InRepo: true, Ignored: true, HelpersSafe: true}, Notes: []string{note}}
	f := trustFlow(t, store)
	walkTo(t, f, "review", trustForm)
	if r := f.Current().(*steps.ReviewStep).Plan(f.Session()); !strings.Contains(strings.Join(r.Warnings, "\n"), note) {
		t.Errorf("review warnings %q lack the loader note", r.Warnings)
	}
	walkTo(t, f, "done", trustForm)
	if done := f.Current().(*steps.DoneStep).Text(f.Session()); !strings.Contains(done, note) {
		t.Errorf("done lacks the loader note:\n%s", done)
	}
}
