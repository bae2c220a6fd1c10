package steps_test

import (
	"context"
	"fmt"

	"github.com/onboard-dev/onboard/internal/envfile"
	"github.com/onboard-dev/onboard/internal/providers"
	"github.com/onboard-dev/onboard/internal/scan"
	"github.com/onboard-dev/onboard/internal/steps"
	"github.com/onboard-dev/onboard/internal/teamfile"
)

// A front end's whole loop: load what the step needs, show it by kind,
// give the answer to the step, move on. Jobs run here inline; a real front
// end runs Job.Run off its main loop and calls Job.Finish back on it.
func Example_frontEnd() {
	flow := steps.New(steps.Options{
		Providers: nil, // the real list: plaid.New(...), stripe.New(...), stripe.NewConnect(...)
		Store:     exampleStore{},
		Dir:       "/project",
		LookupEnv: func(string) (string, bool) { return "", false },
	})
	s := flow.Session()
	run := func(j *steps.Job) {
		if j != nil {
			j.Run(context.Background(), func(providers.Result) {}).ApplyTo(s)
		}
	}
	for st := flow.Current(); st != nil; st = flow.Next() {
		if l, ok := st.(steps.Loader); ok {
			run(l.Load(s))
		}
		fmt.Printf("%-9s %s\n", st.Kind(), st.Title())
		switch st := st.(type) {
		case *steps.ChoiceStep:
			_ = st.Apply(s, st.Selected(s)) // Enter on the default
		case *steps.FormStep:
			st.Submit(s, map[string]string{})
		case *steps.TaskStep:
			run(st.Job(s))
		}
	}
	fmt.Println("written:", s.Written.Path)
	// Output:
	// choice    Welcome
	// choice    Choose services
	// task      Protect your secrets
	// choice    Share the setup with your team
	// review    Review
	// task      Write the .env
	// done      Done
	// written: /project/.env
}

// exampleStore: a project that is a git repository with the .env ignored.
type exampleStore struct{}

func (exampleStore) GitRoot(context.Context, string) (string, bool, error) {
	return "/project", true, nil
}
func (exampleStore) Read(string) (providers.Values, []string, bool, error) {
	return nil, nil, false, nil
}
func (exampleStore) Inspect(p, _ string) (*envfile.Target, error) {
	return &envfile.Target{Path: p, Real: p}, nil
}
func (exampleStore) Diff(string, []steps.Set, []string) ([]steps.Change, error) { return nil, nil }
func (exampleStore) Apply(p string, _ []steps.Set, _ []string, _ envfile.Policy) (*steps.Written, error) {
	return &steps.Written{Path: p, Mode: envfile.SecretMode}, nil
}
func (exampleStore) WriteExample(string, []steps.Set) error { return nil }
func (exampleStore) CheckGit(context.Context, string) (*steps.GitState, error) {
	return &steps.GitState{InRepo: true, Ignored: true, HelpersSafe: true}, nil
}
func (exampleStore) FixGitignore(context.Context, string) (*steps.GitState, error) {
	return &steps.GitState{InRepo: true, Ignored: true, HelpersSafe: true}, nil
}
func (exampleStore) Untrack(context.Context, string) error                        { return nil }
func (exampleStore) ReadFile(string) ([]byte, error)                              { return nil, nil }
func (exampleStore) WriteTeam(string, *teamfile.File, []providers.Provider) error { return nil }
func (exampleStore) LoaderNotes(string) ([]string, error)                         { return nil, nil }
func (exampleStore) ScanHistory(context.Context, string, []scan.Value) (*scan.Report, error) {
	return &scan.Report{}, nil
}
