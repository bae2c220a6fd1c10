package steps

import (
	"context"

	"github.com/onboard-dev/onboard/internal/envfile"
	"github.com/onboard-dev/onboard/internal/providers"
	"github.com/onboard-dev/onboard/internal/scan"
	"github.com/onboard-dev/onboard/internal/teamfile"
)

// NewEnvStore is the Store on the real disk and git, through envfile.
func NewEnvStore() Store { return envStore{} }

type envStore struct{}

func (envStore) GitRoot(ctx context.Context, dir string) (string, bool, error) {
	return envfile.GitRoot(ctx, dir)
}

func (envStore) Read(path string) (providers.Values, []string, bool, error) {
	doc, err := envfile.Read(path)
	if err != nil {
		return nil, nil, false, err
	}
	if !doc.Exists() {
		return nil, nil, false, nil
	}
	keys := doc.Keys()
	vals := make(providers.Values, len(keys))
	for _, k := range keys {
		if v, ok := doc.Lookup(k); ok {
			vals[k] = v
		}
	}
	return vals, keys, true, nil
}

func (envStore) Inspect(path, root string) (*envfile.Target, error) {
	return envfile.Inspect(path, root)
}

func (envStore) Diff(path string, sets []Set, removes []string) ([]Change, error) {
	return envfile.Diff(path, sets, removes)
}

func (envStore) Apply(path string, sets []Set, removes []string, pol envfile.Policy) (*Written, error) {
	return envfile.ApplyPolicy(path, sets, removes, pol)
}

func (envStore) WriteExample(path string, sets []Set) error {
	return envfile.WriteExample(path, sets)
}

func (envStore) CheckGit(ctx context.Context, envPath string) (*GitState, error) {
	return envfile.CheckGit(ctx, envPath)
}

func (envStore) FixGitignore(ctx context.Context, envPath string) (*GitState, error) {
	return envfile.FixGitignore(ctx, envPath)
}

func (envStore) Untrack(ctx context.Context, envPath string) error {
	return envfile.Untrack(ctx, envPath)
}

func (envStore) LoaderNotes(path string) ([]string, error) { return envfile.LoaderNotes(path) }

func (envStore) ReadFile(path string) ([]byte, error) { return envfile.ReadProjectFile(path) }

func (envStore) WriteTeam(path string, f *teamfile.File, ps []providers.Provider) error {
	return teamfile.Write(path, f, ps)
}

func (envStore) ScanHistory(ctx context.Context, root string, values []scan.Value) (*scan.Report, error) {
	return scan.Run(ctx, scan.Options{Dir: root, Values: values})
}
