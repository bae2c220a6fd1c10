package steps

import (
	"context"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/onboard-dev/onboard/internal/providers"
	"github.com/onboard-dev/onboard/internal/providers/sandbox"
)

// gitRun runs git in dir with a throwaway identity and no user config.
func gitRun(t *testing.T, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false"}, args...)...)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
}

// The git step searches the real history: a key of this setup committed
// three commits ago (and deleted since) is named with its variable, masked,
// with the commit and file; the review warns while the answers still hold
// it and stops once a new key is entered. Keys not in play are counted,
// and a clean history passes.
func TestGitStepFindsLeakedKeysInPlay(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	t.Setenv("HOME", t.TempDir())
	t.Setenv("GIT_CONFIG_GLOBAL", filepath.Join(t.TempDir(), "gitconfig"))
	t.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	root := t.TempDir()
	gitRun(t, root, "init", "-q")
	key := sandbox.DemoStripeSecretKey
	if err := os.MkdirAll(filepath.Join(root, "src"), 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(name, content string) {
		if err := os.WriteFile(filepath.Join(root, name), []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write("src/config.js", "const stripe = require('stripe')('"+key+"');\n")
	gitRun(t, root, "add", ".")
	gitRun(t, root, "commit", "-q", "-m", "config")
	gitRun(t, root, "rm", "-q", "src/config.js")
	gitRun(t, root, "commit", "-q", "-m", "remove the key")

	ctx := context.Background()
	values := providers.Values{"STRIPE_SECRET_KEY": key}
	r, leaks := scanHistory(ctx, NewEnvStore(), root, filepath.Join(root, ".env"), values)
	if r.Status != providers.Warn || len(leaks) != 1 {
		t.Fatalf("%+v, %d keys in play; want a warning for the one key", r, len(leaks))
	}
	for _, want := range []string{"STRIPE_SECRET_KEY (sk_test_…", "src/config.js", "is in commit "} {
		if !strings.Contains(r.Detail, want) {
			t.Errorf("detail %q lacks %q", r.Detail, want)
		}
	}
	if strings.Contains(r.Detail+r.Hint, key) || !strings.Contains(r.Hint, "rotate") {
		t.Errorf("the key is shown in full, or no rotation is advised: %q %q", r.Detail, r.Hint)
	}

	s := newSession()
	s.Values, s.Leaks = maps.Clone(values), leaks
	if w := leakWarnings(s); len(w) != 1 || strings.Contains(w[0], key) {
		t.Errorf("warnings while the key is in the answers: %q", w)
	}
	s.Values["STRIPE_SECRET_KEY"] = "sk_test_" + strings.Repeat("n", 24)
	if w := leakWarnings(s); len(w) != 0 {
		t.Errorf("warnings after a new key was entered: %q", w)
	}

	// Not in play: the same key found by its shape alone.
	if r, leaks := scanHistory(ctx, NewEnvStore(), root, filepath.Join(root, ".env"), nil); r.Status != providers.Warn || len(leaks) != 0 || !strings.Contains(r.Detail, "1 value shaped like") {
		t.Errorf("a key not in play: %+v, %d in play", r, len(leaks))
	}

	clean := t.TempDir()
	gitRun(t, clean, "init", "-q")
	write = func(name, content string) {
		if err := os.WriteFile(filepath.Join(clean, name), []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write("README", "nothing here\n")
	gitRun(t, clean, "add", ".")
	gitRun(t, clean, "commit", "-q", "-m", "first")
	if r, _ := scanHistory(ctx, NewEnvStore(), clean, filepath.Join(clean, ".env"), values); r.Status != providers.Pass || !strings.Contains(r.Detail, "1 commit") {
		t.Errorf("a clean history: %+v", r)
	}
}
