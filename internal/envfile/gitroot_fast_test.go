package envfile

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The fast root finder must give git's own answer whenever it claims to be
// sure, and step aside (sure=false) for the layouts it does not model.
func TestGitRootFastAgreesWithGit(t *testing.T) {
	repo := newRepo(t)
	// isolateGit sets a ceiling, which rightly disables the fast path; lift
	// it so the fast path is exercised, for git and for us alike.
	t.Setenv("GIT_CEILING_DIRECTORIES", "")
	os.Unsetenv("GIT_CEILING_DIRECTORIES")

	sub := filepath.Join(repo, "a", "b")
	nested := filepath.Join(repo, "vendor", "inner")
	plain, _ := filepath.EvalSymlinks(t.TempDir())
	link := filepath.Join(t.TempDir(), "link")
	for _, d := range []string{sub, nested} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	run(t, nested, "git", "init", "-q")
	if err := os.Symlink(sub, link); err != nil {
		t.Fatal(err)
	}
	for _, dir := range []string{repo, sub, nested, plain, link} {
		root, ok, sure := gitRootFast(dir)
		if !sure {
			t.Errorf("%s: fast path unsure about an ordinary layout", dir)
			continue
		}
		want, wantOK := gitTopLevel(dir)
		if ok != wantOK || root != want {
			t.Errorf("%s: fast path says (%q, %v), git says (%q, %v)", dir, root, ok, want, wantOK)
		}
	}

	// Layouts it leaves to git: inside .git, a .git file (worktree), env overrides.
	wt := filepath.Join(t.TempDir(), "wt")
	run(t, repo, "git", "commit", "-q", "--allow-empty", "-m", "init")
	run(t, repo, "git", "worktree", "add", "-q", wt)
	for _, dir := range []string{filepath.Join(repo, ".git"), wt} {
		if _, _, sure := gitRootFast(dir); sure {
			t.Errorf("%s: fast path should defer to git", dir)
		}
	}
	t.Setenv("GIT_DIR", filepath.Join(repo, ".git"))
	if _, _, sure := gitRootFast(sub); sure {
		t.Error("GIT_DIR set: fast path should defer to git")
	}
}

func gitTopLevel(dir string) (string, bool) {
	cmd := exec.Command("git", "rev-parse", "--show-toplevel")
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		return "", false
	}
	return strings.TrimSpace(string(out)), true
}

func BenchmarkGitRoot(b *testing.B) {
	dir, _ := os.Getwd()
	for b.Loop() {
		if _, _, err := GitRoot(b.Context(), dir); err != nil {
			b.Fatal(err)
		}
	}
}
