package steps

import (
	"context"
	"sort"
	"sync"

	"github.com/onboard-dev/onboard/internal/providers"
)

// memStore keeps files in memory; it behaves like envfile for the flow.
type memStore struct {
	mu      sync.Mutex
	files   map[string]providers.Values
	root    string
	git     GitState
	fixed   bool
	applied int
	// fixIneffective: the rule is added but a deeper rule still wins.
	fixIneffective bool
}

func (m *memStore) GitRoot(ctx context.Context, dir string) (string, bool, error) {
	if m.root == "" {
		return "", false, nil
	}
	return m.root, true, nil
}

func (m *memStore) Read(path string) (providers.Values, []string, bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	f, ok := m.files[path]
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

func (m *memStore) Diff(path string, sets []Set) ([]Change, error) {
	cur, _, _, _ := m.Read(path)
	var out []Change
	for _, s := range sets {
		c := Change{Key: s.Key, New: s.Value, Old: cur[s.Key], Secret: s.Secret, Change: "added"}
		if _, ok := cur[s.Key]; ok {
			c.Change = "changed"
			if cur[s.Key] == s.Value {
				c.Change = "unchanged"
			}
		}
		out = append(out, c)
	}
	return out, nil
}

func (m *memStore) Apply(path string, sets []Set) (*Written, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.files == nil {
		m.files = map[string]providers.Values{}
	}
	f := m.files[path]
	if f == nil {
		f = providers.Values{}
	}
	for _, s := range sets {
		f[s.Key] = s.Value
	}
	m.files[path] = f
	m.applied++
	return &Written{Path: path}, nil
}

func (m *memStore) WriteExample(path string, sets []Set) error { return nil }

func (m *memStore) CheckGit(ctx context.Context, envPath string) (*GitState, error) {
	g := m.git
	if m.fixed && !m.fixIneffective {
		g.Ignored, g.Safe = true, true
	}
	return &g, nil
}

func (m *memStore) PlanGitignoreFix(ctx context.Context, envPath string) (string, []string, error) {
	return m.root + "/.gitignore", []string{".env"}, nil
}

func (m *memStore) FixGitignore(ctx context.Context, envPath string) (*GitState, error) {
	m.fixed = true
	return m.CheckGit(ctx, envPath)
}

// fakeProvider has one option field, two text fields and a check that
// passes only for the key "good".
type fakeProvider struct{ id string }

func (f fakeProvider) ID() string   { return f.id }
func (f fakeProvider) Name() string { return "Fake " + f.id }
func (f fakeProvider) Checklist(providers.Values) []providers.ChecklistItem {
	return []providers.ChecklistItem{{Title: "Sign up", URL: "https://example.com/" + f.id}}
}
func (f fakeProvider) Fields() []providers.Field {
	up := map[string]string{"a": "A", "b": "B", "connect": "CONNECT"}[f.id]
	return []providers.Field{
		{Key: up + "_ENV", Label: "env", Required: true, Default: "test", Options: []providers.Option{{Value: "test"}, {Value: "live"}}},
		{Key: up + "_ID", Label: "id", Required: true},
		{Key: up + "_KEY", Label: "key", Required: true, Secret: true, Validate: func(v string, _ providers.Values) *providers.ValidationError {
			if v == "pk" {
				return providers.Invalidf("this is a publishable key")
			}
			return nil
		}},
	}
}
func (f fakeProvider) Checks(providers.Values) []string { return []string{"auth"} }
func (f fakeProvider) Verify(ctx context.Context, v providers.Values, report providers.Report) []providers.Result {
	up := map[string]string{"a": "A", "b": "B", "connect": "CONNECT"}[f.id]
	r := providers.Result{Provider: f.id, Name: "auth", Status: providers.Pass}
	if v[up+"_KEY"] != "good" {
		r.Status, r.Hint = providers.Fail, "wrong key"
	}
	report(r)
	return []providers.Result{r}
}
