package scan

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/onboard-dev/onboard/internal/scan/scantest"
	"github.com/onboard-dev/onboard/internal/secret"
	"github.com/onboard-dev/onboard/internal/testkit/leakcheck"
)

func TestMain(m *testing.M) {
	// Real git, but none of this machine's configuration.
	empty, err := os.CreateTemp("", "scan-gitconfig-")
	if err != nil {
		panic(err)
	}
	empty.Close()
	for k, v := range map[string]string{
		"GIT_CONFIG_GLOBAL": empty.Name(), "GIT_CONFIG_NOSYSTEM": "1",
		"GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.com",
		"GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.com",
	} {
		os.Setenv(k, v)
	}
	code := m.Run()
	os.Remove(empty.Name())
	os.Exit(code)
}

// testRepo is a real git repository in a temp dir.
type testRepo struct {
	t   *testing.T
	dir string
}

func newTestRepo(t *testing.T) *testRepo {
	t.Helper()
	dir, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	r := &testRepo{t: t, dir: dir}
	r.git("init", "-q", "-b", "main")
	return r
}

// git runs git in the repository and returns its output; a failure ends
// the test. Output is never printed (it may hold planted keys).
func (r *testRepo) git(args ...string) string {
	r.t.Helper()
	return r.gitEnv(nil, args...)
}

func (r *testRepo) gitEnv(env []string, args ...string) string {
	r.t.Helper()
	cmd := exec.Command("git", append([]string{"-C", r.dir}, args...)...)
	cmd.Env = append(os.Environ(), env...)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		r.t.Fatalf("git %s: %v (stderr has %d bytes)", args[0], err, errOut.Len())
	}
	return strings.TrimSpace(out.String())
}

func (r *testRepo) write(path, content string) {
	r.t.Helper()
	p := filepath.Join(r.dir, filepath.FromSlash(path))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		r.t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		r.t.Fatal(err)
	}
}

// commit adds everything and commits with the given author date
// (RFC 3339); it returns the commit's full hash.
func (r *testRepo) commit(msg, date string) string {
	r.t.Helper()
	r.git("add", "-A")
	env := []string{"GIT_AUTHOR_DATE=" + date, "GIT_COMMITTER_DATE=" + date}
	r.gitEnv(env, "commit", "-q", "--allow-empty", "-m", msg)
	return r.git("rev-parse", "HEAD")
}

// run scans the repository with the given known values.
func (r *testRepo) run(values ...Value) *Report {
	r.t.Helper()
	rep, err := Run(context.Background(), Options{Dir: r.dir, Values: values})
	if err != nil {
		r.t.Fatalf("Run: %v", err)
	}
	return rep
}

// outputs renders every form of the report, for leak checks.
func outputs(t *testing.T, rep *Report) map[string][]byte {
	t.Helper()
	var text, js, sarif bytes.Buffer
	if err := rep.WriteText(&text); err != nil {
		t.Fatal(err)
	}
	if err := rep.WriteJSON(&js); err != nil {
		t.Fatal(err)
	}
	if err := rep.WriteSARIF(&sarif); err != nil {
		t.Fatal(err)
	}
	return map[string][]byte{"text": text.Bytes(), "json": js.Bytes(), "sarif": sarif.Bytes()}
}

// assertNoLeak fails if any planted key shows in any form of the report.
func assertNoLeak(t *testing.T, rep *Report, keys ...string) {
	t.Helper()
	leakcheck.AssertNone(t, outputs(t, rep), keys)
}

// find returns the findings of one key (by value), failing the test
// with the masked key when there is none.
func find(t *testing.T, rep *Report, key string) []Finding {
	t.Helper()
	var out []Finding
	for _, f := range rep.Findings {
		if f.Fingerprint == Fingerprint(key) {
			out = append(out, f)
		}
	}
	if len(out) == 0 {
		t.Fatalf("%s not found; found %d other findings", secret.Mask(key), len(rep.Findings))
	}
	return out
}

func notFound(t *testing.T, rep *Report, key string) {
	t.Helper()
	for _, f := range rep.Findings {
		if f.Fingerprint == Fingerprint(key) {
			t.Fatalf("%s reported at %s:%d, want it not reported", secret.Mask(key), f.Path, f.Line)
		}
	}
}

// at returns the finding of key at path.
func at(t *testing.T, rep *Report, key, path string) Finding {
	t.Helper()
	for _, f := range find(t, rep, key) {
		if f.Path == path {
			return f
		}
	}
	t.Fatalf("%s not reported at %s", secret.Mask(key), path)
	return Finding{}
}

// Random keys, never real ones and never placeholder-shaped.
var (
	stripeKey = func() string { return scantest.StripeKey("sk_live_") }
	plaidHex  = func(n int) string { return scantest.Hex(n) }
)

func sprintf(format string, rep *Report) string { return fmt.Sprintf(format, *rep) }

func assertNoLeakIn(t *testing.T, outputs map[string][]byte, keys []string) {
	t.Helper()
	leakcheck.AssertNone(t, outputs, keys)
}
