package envfile

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// A .env whose name is pathspec magic ("*.env") stands only for itself:
// git tracking another file that matches it does not make it tracked.
func TestOddNamesAreLiteralPathspecs(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	t.Setenv("HOME", t.TempDir())
	t.Setenv("GIT_CONFIG_GLOBAL", filepath.Join(t.TempDir(), "gitconfig"))
	t.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	dir := t.TempDir()
	run := func(args ...string) {
		cmd := exec.Command("git", append([]string{"-C", dir, "-c", "user.name=t", "-c", "user.email=t@example.com"}, args...)...)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	run("init", "-q")
	if err := os.WriteFile(filepath.Join(dir, "app.env"), []byte("A=1\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	run("add", "app.env")
	run("commit", "-q", "-m", "tracked sibling")
	odd := filepath.Join(dir, "*.env")
	p, err := CheckGit(context.Background(), odd)
	if err != nil {
		t.Fatal(err)
	}
	if p.Tracked || p.InHistory {
		t.Errorf("%s reported as tracked %v / in history %v because app.env matches it as a pattern", odd, p.Tracked, p.InHistory)
	}
}

func TestUntrackCommand(t *testing.T) {
	for rel, want := range map[string]string{
		".env":           "git rm --cached .env",
		"config/my .env": "git rm --cached 'config/my .env'",
		"*.env":          "git rm --cached ':(literal)*.env'",
		"-x.env":         "git rm --cached -- -x.env",
	} {
		if got := UntrackCommand(rel); got != want {
			t.Errorf("UntrackCommand(%q) = %q, want %q", rel, got, want)
		}
	}
}
