// Package stepstest has an in-memory steps.Store for the tests of the flow
// and of the screens that draw it, as net/http/httptest does for handlers.
package stepstest

import (
	"context"
	"path/filepath"
	"sort"
	"sync"

	"github.com/onboard-dev/onboard/internal/envfile"
	"github.com/onboard-dev/onboard/internal/providers"
	"github.com/onboard-dev/onboard/internal/scan"
	"github.com/onboard-dev/onboard/internal/steps"
	"github.com/onboard-dev/onboard/internal/teamfile"
)

// Store keeps files as maps and answers git questions from its fields. It
// follows internal/envfile where a test can see the difference: the backup
// is envfile.BackupPath of the file and exists only when there was a file
// before and something changed, a file with nothing to change is not
// rewritten, a removed key leaves the file, and the .gitignore fix adds the
// lines envfile plans for a .env at the root.
// All methods are safe for concurrent use; set the fields before use.
type Store struct {
	// Root is the repository root GitRoot reports; "" means the directory
	// is not in a git repository.
	Root string
	// Git is what CheckGit reports until FixGitignore (or Untrack) runs.
	// When it says the file is in a repository and not ignored, and plans
	// no fix, the fix envfile would plan is filled in.
	Git steps.GitState
	// FixIneffective makes FixGitignore add its lines while a deeper rule
	// still wins, so git goes on not ignoring the file.
	FixIneffective bool
	// Target, when set, is what Inspect reports; otherwise a private file
	// (mode 0600) that exists when Files holds it.
	Target *envfile.Target
	// Files are the files there at the start, by path.
	Files map[string]providers.Values
	// Notes are what LoaderNotes reports.
	Notes []string
	// Raw are the files ReadFile finds (onboard.json, package.json), by
	// path; WriteTeam writes the team file's JSON there.
	Raw map[string][]byte
	// History is what ScanHistory reports (nil: a clean history of one
	// commit), or HistoryErr its error.
	History    *scan.Report
	HistoryErr error

	mu        sync.Mutex
	fixed     bool
	untracked bool
	applied   int
	policies  []envfile.Policy
}

// Fixed reports whether FixGitignore ran.
func (m *Store) Fixed() bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.fixed
}

// Untracked reports whether Untrack ran.
func (m *Store) Untracked() bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.untracked
}

// Applied is how many times Apply wrote a file.
func (m *Store) Applied() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.applied
}

// Policies are the policies Apply was called with, in order.
func (m *Store) Policies() []envfile.Policy {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]envfile.Policy(nil), m.policies...)
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

// Inspect implements steps.Store.
func (m *Store) Inspect(path, _ string) (*envfile.Target, error) {
	if m.Target != nil {
		t := *m.Target
		return &t, nil
	}
	m.mu.Lock()
	_, exists := m.Files[path]
	m.mu.Unlock()
	t := &envfile.Target{Path: path, Real: path, Exists: exists}
	if exists {
		t.Mode = envfile.SecretMode
	}
	return t, nil
}

// Diff implements steps.Store.
func (m *Store) Diff(path string, sets []steps.Set, removes []string) ([]steps.Change, error) {
	cur, _, _, _ := m.Read(path)
	var out []steps.Change
	for _, s := range sets {
		c := steps.Change{Key: s.Key, New: s.Value, Old: cur[s.Key], Secret: s.Secret, Group: s.Group, Change: envfile.Added}
		if old, ok := cur[s.Key]; ok {
			c.Change = envfile.Changed
			if old == s.Value {
				c.Change = envfile.Unchanged
			}
		}
		out = append(out, c)
	}
	for _, k := range removes {
		if old, ok := cur[k]; ok {
			out = append(out, steps.Change{Key: k, Old: old, Change: envfile.Removed, Secret: true})
		}
	}
	return out, nil
}

// Apply implements steps.Store.
func (m *Store) Apply(path string, sets []steps.Set, removes []string, pol envfile.Policy) (*steps.Written, error) {
	entries, _ := m.Diff(path, sets, removes)
	m.mu.Lock()
	defer m.mu.Unlock()
	m.policies = append(m.policies, pol)
	if m.Files == nil {
		m.Files = map[string]providers.Values{}
	}
	f, existed := m.Files[path]
	w := &steps.Written{Path: path, Entries: entries, Existed: existed}
	changed := !existed
	for _, e := range entries {
		changed = changed || e.Change != envfile.Unchanged
	}
	if !changed {
		return w, nil
	}
	if existed {
		w.ModeBefore = envfile.SecretMode
		if !pol.NoBackup {
			w.BackupPath = envfile.BackupPath(path)
		}
	} else {
		f = providers.Values{}
	}
	for _, s := range sets {
		f[s.Key] = s.Value
	}
	for _, k := range removes {
		delete(f, k)
	}
	m.Files[path] = f
	m.applied++
	w.Mode = envfile.SecretMode
	return w, nil
}

// ReadFile implements steps.Store.
func (m *Store) ReadFile(path string) ([]byte, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.Raw[path], nil
}

// WriteTeam implements steps.Store: the file as teamfile writes it.
func (m *Store) WriteTeam(path string, f *teamfile.File, _ []providers.Provider) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.Raw == nil {
		m.Raw = map[string][]byte{}
	}
	m.Raw[path] = f.Marshal()
	return nil
}

// LoaderNotes implements steps.Store: the notes set in Notes, for any file.
func (m *Store) LoaderNotes(string) ([]string, error) { return m.Notes, nil }

// WriteExample implements steps.Store; the example file is not kept.
func (m *Store) WriteExample(string, []steps.Set) error { return nil }

// CheckGit implements steps.Store.
func (m *Store) CheckGit(context.Context, string) (*steps.GitState, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	g := m.Git
	if g.InRepo && g.RepoRoot == "" {
		g.RepoRoot = m.Root
	}
	if g.RelPath == "" {
		g.RelPath = ".env"
	}
	if m.untracked {
		g.Tracked = false
	}
	switch {
	case m.fixed && !m.FixIneffective:
		g.Ignored, g.Rule, g.Fix, g.HelpersSafe = true, ".gitignore:2:.env", nil, true
	case g.InRepo && !g.Ignored && g.Fix == nil && g.FixErr == nil:
		g.Fix = &envfile.GitignoreFix{File: filepath.Join(m.Root, ".gitignore"),
			Lines: []string{"# Local env files with secrets (added by onboard)", ".env", ".env.*", "!.env.example"}}
	case !g.InRepo:
		g.HelpersSafe = true
	}
	return &g, nil
}

// FixGitignore implements steps.Store.
func (m *Store) FixGitignore(ctx context.Context, envPath string) (*steps.GitState, error) {
	m.mu.Lock()
	m.fixed = true
	m.mu.Unlock()
	return m.CheckGit(ctx, envPath)
}

// Untrack implements steps.Store.
func (m *Store) Untrack(context.Context, string) error {
	m.mu.Lock()
	m.untracked = true
	m.mu.Unlock()
	return nil
}

var _ steps.Store = (*Store)(nil)

// ScanHistory reports History or HistoryErr.
func (m *Store) ScanHistory(context.Context, string, []scan.Value) (*scan.Report, error) {
	if m.HistoryErr != nil {
		return nil, m.HistoryErr
	}
	if m.History != nil {
		return m.History, nil
	}
	return &scan.Report{Stats: scan.Stats{Commits: 1}}, nil
}
