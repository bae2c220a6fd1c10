// Package stepstest has an in-memory steps.Store for the tests of the flow
// and of the screens that draw it, as net/http/httptest does for handlers.
package stepstest

import (
	"context"
	"path/filepath"
	"sort"
	"sync"

	"github.com/onboard-dev/onboard/internal/providers"
	"github.com/onboard-dev/onboard/internal/steps"
)

// Store keeps files as maps and answers git questions from its fields. It
// follows internal/envfile where a test can see the difference: the backup
// is named <file>.backup and exists only when there was a file before, and
// the .gitignore fix adds the lines envfile plans for a .env at the root.
// All methods are safe for concurrent use; set the fields before use.
type Store struct {
	// Root is the repository root GitRoot reports; "" means the directory
	// is not in a git repository.
	Root string
	// Git is what CheckGit reports until FixGitignore runs.
	Git steps.GitState
	// FixIneffective makes FixGitignore add its lines while a deeper rule
	// still wins, so git goes on not ignoring the file.
	FixIneffective bool
	// Files are the files there at the start, by path.
	Files map[string]providers.Values

	mu      sync.Mutex
	fixed   bool
	applied int
}

// Fixed reports whether FixGitignore ran.
func (m *Store) Fixed() bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.fixed
}

// Applied is how many times Apply wrote a file.
func (m *Store) Applied() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.applied
}

// GitRoot implements steps.Store.
func (m *Store) GitRoot(context.Context, string) (string, bool, error) {
	return m.Root, m.Root != "", nil
}

// Read implements steps.Store: a copy of the file and its keys, sorted.
func (m *Store) Read(path string) (providers.Values, []string, bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	f, ok := m.Files[path]
	if !ok {
		return nil, nil, false, nil
	}
	out := providers.Values{}
	var keys []string
	for k, v := range f {
		out[k] = v
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return out, keys, true, nil
}

// Diff implements steps.Store.
func (m *Store) Diff(path string, sets []steps.Set) ([]steps.Change, error) {
	cur, _, _, _ := m.Read(path)
	var out []steps.Change
	for _, s := range sets {
		c := steps.Change{Key: s.Key, New: s.Value, Old: cur[s.Key], Secret: s.Secret, Group: s.Group, Change: "added"}
		if old, ok := cur[s.Key]; ok {
			c.Change = "changed"
			if old == s.Value {
				c.Change = "unchanged"
			}
		}
		out = append(out, c)
	}
	return out, nil
}

// Apply implements steps.Store.
func (m *Store) Apply(path string, sets []steps.Set) (*steps.Written, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.Files == nil {
		m.Files = map[string]providers.Values{}
	}
	w := &steps.Written{Path: path}
	f, existed := m.Files[path]
	if existed {
		w.BackupPath = path + ".backup"
	} else {
		f = providers.Values{}
	}
	for _, s := range sets {
		f[s.Key] = s.Value
	}
	m.Files[path] = f
	m.applied++
	return w, nil
}

// WriteExample implements steps.Store; the example file is not kept.
func (m *Store) WriteExample(string, []steps.Set) error { return nil }

// CheckGit implements steps.Store.
func (m *Store) CheckGit(context.Context, string) (*steps.GitState, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	g := m.Git
	if m.fixed && !m.FixIneffective {
		g.Ignored, g.Safe, g.Rule = true, true, ".gitignore:2:.env"
	}
	return &g, nil
}

// PlanGitignoreFix implements steps.Store.
func (m *Store) PlanGitignoreFix(context.Context, string) (string, []string, error) {
	return filepath.Join(m.Root, ".gitignore"),
		[]string{"# Local env files with secrets (added by onboard)", ".env", ".env.*", "!.env.example"}, nil
}

// FixGitignore implements steps.Store.
func (m *Store) FixGitignore(ctx context.Context, envPath string) (*steps.GitState, error) {
	m.mu.Lock()
	m.fixed = true
	m.mu.Unlock()
	return m.CheckGit(ctx, envPath)
}

var _ steps.Store = (*Store)(nil)
