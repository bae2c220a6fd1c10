package steps

import (
	"context"

	"github.com/onboard-dev/onboard/internal/envfile"
	"github.com/onboard-dev/onboard/internal/providers"
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

func toEnvSets(sets []Set) []envfile.Set {
	out := make([]envfile.Set, len(sets))
	for i, s := range sets {
		out[i] = envfile.Set{Key: s.Key, Value: s.Value, Group: s.Group, Secret: s.Secret}
	}
	return out
}

func fromEntries(es []envfile.Entry) []Change {
	out := make([]Change, len(es))
	for i, e := range es {
		out[i] = Change{Key: e.Key, Change: string(e.Change), Old: e.Old, New: e.New, Secret: e.Secret, Group: e.Group}
	}
	return out
}

func (envStore) Diff(path string, sets []Set) ([]Change, error) {
	es, err := envfile.Diff(path, toEnvSets(sets), nil)
	if err != nil {
		return nil, err
	}
	return fromEntries(es), nil
}

func (envStore) Apply(path string, sets []Set) (*Written, error) {
	r, err := envfile.Apply(path, toEnvSets(sets), nil)
	if err != nil {
		return nil, err
	}
	return &Written{Path: r.Path, BackupPath: r.BackupPath, Changes: fromEntries(r.Entries)}, nil
}

func (envStore) WriteExample(path string, sets []Set) error {
	return envfile.WriteExample(path, toEnvSets(sets))
}

func fromProtection(p *envfile.Protection) *GitState {
	return &GitState{
		InRepo: p.InRepo, GitMissing: p.GitMissing, Ignored: p.Ignored, Tracked: p.Tracked,
		InHistory: p.InHistory, RepoRoot: p.RepoRoot, Rule: p.Rule, Warning: p.Warning,
		Problems: p.Problems(), Safe: p.Safe(),
	}
}

func (envStore) CheckGit(ctx context.Context, envPath string) (*GitState, error) {
	p, err := envfile.CheckGit(ctx, envPath)
	if err != nil {
		return nil, err
	}
	return fromProtection(p), nil
}

func (envStore) PlanGitignoreFix(ctx context.Context, envPath string) (string, []string, error) {
	return envfile.PlanGitignoreFix(ctx, envPath)
}

func (envStore) FixGitignore(ctx context.Context, envPath string) (*GitState, error) {
	p, err := envfile.FixGitignore(ctx, envPath)
	if err != nil {
		return nil, err
	}
	return fromProtection(p), nil
}
