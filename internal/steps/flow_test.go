package steps_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/onboard-dev/onboard/internal/providers"
	"github.com/onboard-dev/onboard/internal/steps"
	"github.com/onboard-dev/onboard/internal/steps/stepstest"
)

func newTestFlow(t *testing.T, store *stepstest.Store, mutate func(*steps.Options)) *steps.Flow {
	t.Helper()
	o := steps.Options{
		Providers: []providers.Provider{fakeProvider{"a"}, fakeProvider{"b"}, fakeProvider{"connect"}},
		Store:     store,
		Dir:       "/proj",
		LookupEnv: func(string) (string, bool) { return "", false },
	}
	if mutate != nil {
		mutate(&o)
	}
	return steps.New(o)
}

// runJob runs a job the way a front end does: Run off the session, Finish on it.
func runJob(f *steps.Flow, j *steps.Job) []providers.Result {
	o := j.Run(context.Background(), func(providers.Result) {})
	o.ApplyTo(f.Session())
	return o.Results
}

func load(t *testing.T, f *steps.Flow) {
	t.Helper()
	if l, ok := f.Current().(steps.Loader); ok {
		if j := l.Load(f.Session()); j != nil {
			if res := runJob(f, j); !steps.Passed(res) {
				t.Fatalf("load of %s failed: %+v", f.Current().ID(), res)
			}
		}
	}
}

func mustNext(t *testing.T, f *steps.Flow, want string) {
	t.Helper()
	st := f.Next()
	if st == nil || st.ID().String() != want {
		got := "<end>"
		if st != nil {
			got = st.ID().String()
		}
		t.Fatalf("next step = %s, want %s", got, want)
	}
	load(t, f)
}

func chooseDefault(t *testing.T, f *steps.Flow) {
	t.Helper()
	c := f.Current().(*steps.ChoiceStep)
	if err := c.Apply(f.Session(), c.Selected(f.Session())); err != nil {
		t.Fatalf("%s: %v", c.ID(), err)
	}
}

// answer completes the current step the plain way: a choice keeps its
// default (the welcome goes through the setup even when the file is
// complete: re-verifying has tests of its own), a form gets form's values,
// a task runs.
func answer(t *testing.T, f *steps.Flow, form map[string]string) {
	t.Helper()
	switch s := f.Current().(type) {
	case *steps.ChoiceStep:
		if s.ID() == steps.StepWelcome {
			if err := s.Apply(f.Session(), []string{"setup"}); err != nil {
				t.Fatal(err)
			}
			return
		}
		chooseDefault(t, f)
	case *steps.FormStep:
		s.Submit(f.Session(), form)
	case *steps.TaskStep:
		runJob(f, s.Job(f.Session()))
	}
}

func TestWalkSkipsUnchosenProvidersAndConnectPullsInItsRequirement(t *testing.T) {
	store := &stepstest.Store{Root: "/proj", Git: steps.GitState{InRepo: true, Ignored: true, HelpersSafe: true}}
	f := newTestFlow(t, store, nil)
	load(t, f)
	if got := f.Session().EnvPath; got != "/proj/.env" {
		t.Fatalf("EnvPath = %q, want the git root's .env", got)
	}
	mustNext(t, f, "providers")
	c := f.Current().(*steps.ChoiceStep)
	if err := c.Apply(f.Session(), nil); err == nil {
		t.Fatal("choosing nothing was accepted")
	}
	if err := c.Apply(f.Session(), []string{"connect"}); err != nil {
		t.Fatal(err)
	}
	if got := joinIDs(f.Session().Chosen); got != "b,connect" {
		t.Fatalf("Chosen = %s, want b,connect (connect requires b)", got)
	}
	mustNext(t, f, "git-check")
	if res := runJob(f, f.Current().(*steps.TaskStep).Job(f.Session())); !steps.Passed(res) {
		t.Fatalf("git check failed: %+v", res)
	}
	// Safe: no fix offered, provider a skipped entirely.
	mustNext(t, f, "b-checklist")
	mustNext(t, f, "b-b_env")
	chooseDefault(t, f)
	mustNext(t, f, "b-b_id")
	form := f.Current().(*steps.FormStep)
	if errs := form.Submit(f.Session(), map[string]string{"B_ID": " id\n", "B_KEY": "good"}); len(errs) != 0 {
		t.Fatalf("submit: %v", errs)
	}
	if f.Session().Values["B_ID"] != "id" {
		t.Fatal("pasted value was not trimmed")
	}
	mustNext(t, f, "b-verify")
	if res := runJob(f, f.Current().(*steps.TaskStep).Job(f.Session())); !steps.Passed(res) {
		t.Fatalf("verify failed: %+v", res)
	}
	mustNext(t, f, "connect-checklist")
	for _, id := range []string{"connect-connect_env", "connect-connect_id", "connect-verify", "team-file", "review", "write", "done"} {
		answer(t, f, map[string]string{"CONNECT_ID": "x", "CONNECT_KEY": "good"})
		mustNext(t, f, id)
		if id == "write" {
			runJob(f, f.Current().(*steps.TaskStep).Job(f.Session()))
		}
	}
	if f.Next() != nil {
		t.Fatal("there is a step after done")
	}
	if f.CanBack() {
		t.Fatal("Back is possible after the write")
	}
	got, _, _, _ := store.Read("/proj/.env")
	if got["B_KEY"] != "good" || got["CONNECT_ENV"] != "test" || got["A_ID"] != "" {
		t.Fatalf("written file = %v", got)
	}
	if secs := f.Sections(); !secs[len(secs)-1].Current {
		t.Fatalf("at done the last part is not the current one: %+v", secs)
	}
}

func TestBackFromFirstFormReturnsToChecklistAndSkipsTasks(t *testing.T) {
	store := &stepstest.Store{}
	f := newTestFlow(t, store, nil)
	load(t, f)
	if f.CanBack() {
		t.Fatal("Back possible on the first step")
	}
	mustNext(t, f, "providers")
	if err := f.Current().(*steps.ChoiceStep).Apply(f.Session(), []string{"a"}); err != nil {
		t.Fatal(err)
	}
	mustNext(t, f, "git-check")
	runJob(f, f.Current().(*steps.TaskStep).Job(f.Session()))
	mustNext(t, f, "a-checklist")
	mustNext(t, f, "a-a_env")
	if !f.Back() || f.Current().ID().String() != "a-checklist" {
		t.Fatalf("Back from the first input went to %s", f.Current().ID())
	}
	if !f.Back() || f.Current().ID().String() != "providers" {
		t.Fatalf("Back from the checklist went to %s, want providers (the git task is not revisited)", f.Current().ID())
	}
}

func TestFailedVerifyEditsKeysAndSkipIsRemembered(t *testing.T) {
	f := newTestFlow(t, &stepstest.Store{}, nil)
	load(t, f)
	mustNext(t, f, "providers")
	if err := f.Current().(*steps.ChoiceStep).Apply(f.Session(), []string{"a"}); err != nil {
		t.Fatal(err)
	}
	mustNext(t, f, "git-check")
	mustNext(t, f, "a-checklist")
	mustNext(t, f, "a-a_env")
	chooseDefault(t, f)
	mustNext(t, f, "a-a_id")
	form := f.Current().(*steps.FormStep)
	errs := form.Submit(f.Session(), map[string]string{"A_ID": "x", "A_KEY": "pk"})
	if errs["A_KEY"] == nil || !strings.Contains(errs["A_KEY"].Msg, "publishable") {
		t.Fatalf("a key in the wrong field was not named: %v", errs)
	}
	if _, stored := f.Session().Values["A_KEY"]; stored {
		t.Fatal("an invalid answer was stored")
	}
	form.Submit(f.Session(), map[string]string{"A_ID": "x", "A_KEY": "bad"})
	mustNext(t, f, "a-verify")
	task := f.Current().(*steps.TaskStep)
	if res := runJob(f, task.Job(f.Session())); steps.Passed(res) {
		t.Fatal("a bad key passed")
	}
	if !f.BackTo(task.EditID) || f.Current().ID().String() != "a-a_id" {
		t.Fatalf("edit went to %s", f.Current().ID())
	}
	f.Next()
	f.Next()
	task.SkipFailed(f.Session())
	if w := f.Session().Skipped[steps.StepVerify("a")]; !strings.Contains(w, "auth") {
		t.Fatalf("skip warning = %q", w)
	}
	done := stepNamed(f, "done").(*steps.DoneStep)
	f.Session().Written = &steps.Written{Path: "/x/.env"}
	if !strings.Contains(done.Text(f.Session()), "failing checks") {
		t.Fatal("the done screen does not mention the skipped failure")
	}
}

func TestExistingValuesPrefillAndShellExportIsNoticed(t *testing.T) {
	store := &stepstest.Store{Files: map[string]providers.Values{"/proj/.env": {"A_ID": "old-id", "A_KEY": "old-key-0123456789abcdef", "OTHER": "x"}}}
	f := newTestFlow(t, store, func(o *steps.Options) {
		o.LookupEnv = func(k string) (string, bool) { return "shell", k == "A_KEY" }
	})
	load(t, f)
	s := f.Session()
	if !s.EnvExists || s.Values["A_ID"] != "old-id" {
		t.Fatalf("existing values not pre-filled: %v", s.Values)
	}
	if joinIDs(s.Chosen) != "a" {
		t.Fatalf("default choice = %v, want the configured provider a", s.Chosen)
	}
	lines := f.Current().(*steps.ChoiceStep).IntroText(s)
	if strings.Contains(lines, "old-key-0123456789abcdef") {
		t.Fatal("welcome shows an existing secret unmasked")
	}
	if !strings.Contains(lines, "A_KEY") || !strings.Contains(lines, "exported in your shell") {
		t.Fatalf("welcome does not notice the shell export:\n%s", lines)
	}
	form := stepNamed(f, "a-a_id").(*steps.FormStep)
	if form.Initial(s, "A_KEY") != "old-key-0123456789abcdef" {
		t.Fatal("form does not start from the existing value")
	}
	if n := form.Notice("A_KEY"); !strings.Contains(n, "godotenv") {
		t.Fatalf("notice = %q", n)
	}
	if form.Notice("A_ID") != "" {
		t.Fatal("notice for a variable that is not exported")
	}
}

// The welcome counts the file's variables in plain words, and does not
// promise pre-filled values when none are onboard's.
func TestWelcomeDescribesTheExistingFile(t *testing.T) {
	for _, c := range []struct {
		file providers.Values
		want string
	}{
		{providers.Values{"OTHER": "x"}, "holds 1 variable, not one of onboard's; it is kept as it is."},
		{providers.Values{"OTHER": "x", "MORE": "y"}, "holds 2 variables, none of them onboard's; they are kept as they are."},
		{providers.Values{"OTHER": "x", "A_ID": "id"}, "holds 2 variables; those onboard knows are pre-filled:\n  A_ID=id"},
		{providers.Values{}, "holds no variables yet."},
	} {
		f := newTestFlow(t, &stepstest.Store{Files: map[string]providers.Values{"/proj/.env": c.file}}, nil)
		load(t, f)
		lines := f.Current().(*steps.ChoiceStep).IntroText(f.Session())
		if !strings.Contains(lines, c.want) {
			t.Errorf("file %v: welcome says\n%s\nwant it to contain %q", c.file, lines, c.want)
		}
	}
}

func TestPrefillWinsAndDemoChoosesEverything(t *testing.T) {
	store := &stepstest.Store{Files: map[string]providers.Values{"/proj/.env": {"A_ID": "old"}}}
	f := newTestFlow(t, store, func(o *steps.Options) {
		o.Demo = true
		o.Prefill = providers.Values{"A_ID": "demo"}
	})
	load(t, f)
	if f.Session().Values["A_ID"] != "demo" {
		t.Fatal("prefill did not win over the file")
	}
	if got := joinIDs(f.Session().Chosen); got != "a,b,connect" {
		t.Fatalf("demo chose %s", got)
	}
}

func TestGitFixOfferedByDefaultAndApplied(t *testing.T) {
	store := &stepstest.Store{Root: "/proj", Git: steps.GitState{InRepo: true}}
	f := newTestFlow(t, store, nil)
	load(t, f)
	mustNext(t, f, "providers")
	chooseDefault(t, f)
	mustNext(t, f, "git-check")
	res := runJob(f, f.Current().(*steps.TaskStep).Job(f.Session()))
	if r := resultNamed(res, steps.CheckIgnored); r.Status != providers.Warn {
		t.Fatalf("unignored .env reported as %s", r.Status)
	}
	mustNext(t, f, "git-fix-choice")
	c := f.Current().(*steps.ChoiceStep)
	opts := c.Options(f.Session())
	if c.Selected(f.Session())[0] != "fix" || !strings.Contains(opts[0].Label, "/proj/.gitignore") || !strings.Contains(opts[0].Help, ".env") {
		t.Fatalf("fix not offered as the default with its file and lines: %+v", opts)
	}
	chooseDefault(t, f)
	mustNext(t, f, "a-checklist")
	if store.Fixed() {
		t.Fatal("the .gitignore was changed before the write step: quitting now would not leave the disk as it was")
	}
	// The write applies the fix first, then writes.
	w := stepNamed(f, "write").(*steps.TaskStep)
	res = runJob(f, w.Job(f.Session()))
	if !steps.Passed(res) || !store.Fixed() || store.Applied() != 1 || res[0].Name != "keep .env out of git" {
		t.Fatalf("fix not applied before the write: fixed=%v applied=%d %+v", store.Fixed(), store.Applied(), res)
	}
	if f.Session().Written == nil {
		t.Fatal("a passing write was not recorded")
	}
}

// Walking forward, the header's parts of the walk only move forward: the
// current part never goes back to an earlier one, a part passed stays
// listed as done, and once the services are chosen the list stays put,
// even when the write applies the .gitignore fix whose screen was shown.
func TestSectionsMoveForwardOnly(t *testing.T) {
	store := &stepstest.Store{Root: "/proj", Git: steps.GitState{InRepo: true}}
	f := newTestFlow(t, store, nil)
	load(t, f)
	var seen []string
	names := func(secs []steps.Section) (string, int) {
		var out []string
		cur := -1
		for i, s := range secs {
			out = append(out, s.Name)
			if s.Current {
				cur = i
			}
			if s.Done != (cur < 0) {
				t.Fatalf("part %s done=%v, but the current part is %d: %+v", s.Name, s.Done, cur, secs)
			}
		}
		return strings.Join(out, ","), cur
	}
	var lastList string
	lastCur := 0
	for {
		answer(t, f, map[string]string{"A_ID": "x", "A_KEY": "good"})
		list, cur := names(f.Sections())
		seen = append(seen, fmt.Sprintf("%s %s@%d", f.Current().ID(), list, cur))
		if cur < lastCur {
			t.Fatalf("the current part went back: %v", seen)
		}
		if f.Current().ID() != steps.StepProviders && f.Current().ID() != steps.StepWelcome && lastList != "" && list != lastList {
			t.Fatalf("the parts changed after the services were chosen: %v", seen)
		}
		if f.Next() == nil {
			break
		}
		lastList, lastCur = list, cur
	}
	if !store.Fixed() || !strings.HasSuffix(seen[len(seen)-1], "Start,Fake a,Fake b,Save,Done@4") {
		t.Fatalf("fixed=%v: %v", store.Fixed(), seen)
	}
}

func TestGitFixThatDoesNotTakeEffectStopsTheWrite(t *testing.T) {
	store := &stepstest.Store{Root: "/proj", Git: steps.GitState{InRepo: true}, FixIneffective: true}
	f := newTestFlow(t, store, nil)
	load(t, f)
	mustNext(t, f, "providers")
	chooseDefault(t, f)
	mustNext(t, f, "git-check")
	runJob(f, f.Current().(*steps.TaskStep).Job(f.Session()))
	mustNext(t, f, "git-fix-choice")
	chooseDefault(t, f)
	res := runJob(f, stepNamed(f, "write").(*steps.TaskStep).Job(f.Session()))
	if steps.Passed(res) || store.Applied() != 0 || f.Session().Written != nil {
		t.Fatalf("the .env was written although git still does not ignore it: applied=%d %+v", store.Applied(), res)
	}
	if !strings.Contains(res[0].Hint, "Nothing was written") {
		t.Fatalf("hint does not say the file was left alone: %q", res[0].Hint)
	}
}

func TestNotARepoWarnsAndContinues(t *testing.T) {
	f := newTestFlow(t, &stepstest.Store{Git: steps.GitState{}}, nil)
	load(t, f)
	mustNext(t, f, "providers")
	chooseDefault(t, f)
	mustNext(t, f, "git-check")
	res := runJob(f, f.Current().(*steps.TaskStep).Job(f.Session()))
	if !steps.Passed(res) || res[0].Status != providers.Warn {
		t.Fatalf("not a repo: %+v", res)
	}
	mustNext(t, f, "a-checklist")
}

func TestExtraStepsComeBeforeReviewAndConfirmChecklistRecords(t *testing.T) {
	extra := steps.NewChecklist(steps.StepID{Part: "prod"}, "Production", "", true, func(*steps.Session) []providers.ChecklistItem {
		return []providers.ChecklistItem{{Title: "one"}, {Title: "two"}}
	}, func(s *steps.Session) bool { return s.Mode != steps.Production })
	after := steps.NewTask(steps.StepID{Part: "report"}, "Report", "", func(*steps.Session) *steps.Job { return &steps.Job{} }, nil)
	f := newTestFlow(t, &stepstest.Store{}, func(o *steps.Options) {
		o.Extra, o.AfterWrite = []steps.Step{extra}, []steps.Step{after}
		o.Mode = steps.Production
	})
	var ids []string
	for _, st := range f.Steps() {
		ids = append(ids, st.ID().String())
	}
	joined := strings.Join(ids, " ")
	if !strings.Contains(joined, "connect-verify prod naming team-file review write report done") {
		t.Fatalf("extra or after-write step misplaced: %s", joined)
	}
	s := f.Session()
	extra.Answer(s, []bool{true, false})
	if a := extra.Answers(s); !a[0] || a[1] {
		t.Fatalf("answers = %v", a)
	}
	if extra.Skip(s) {
		t.Fatal("production step skipped in production mode")
	}
}

// The header's parts must not change when the welcome step finishes
// loading a project with no .env yet.
func TestSectionsAreStableAcrossTheWelcomeLoad(t *testing.T) {
	f := newTestFlow(t, &stepstest.Store{}, nil)
	before := fmt.Sprint(f.Sections())
	load(t, f)
	if after := fmt.Sprint(f.Sections()); after != before {
		t.Fatalf("the parts went from %s to %s when the welcome loaded", before, after)
	}
}

func resultNamed(rs []providers.Result, name string) providers.Result {
	for _, r := range rs {
		if r.Name == name {
			return r
		}
	}
	return providers.Result{Name: name, Status: "missing"}
}

// stepNamed is the flow's step whose id reads name ("plaid-verify").
func stepNamed(f *steps.Flow, name string) steps.Step {
	for _, st := range f.Steps() {
		if st.ID().String() == name {
			return st
		}
	}
	return nil
}

func joinIDs(ids []providers.ID) string {
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = string(id)
	}
	return strings.Join(s, ",")
}
