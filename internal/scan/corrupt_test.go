package scan

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// A repository git cannot read (a corrupt object) is reported with git's
// own reason, not as a cancel: the scan stops its gits itself when reading
// fails, and that stop must not hide the cause.
func TestCorruptObjectIsGitsReasonNotACancel(t *testing.T) {
	t.Setenv("HOME", t.TempDir())
	t.Setenv("GIT_CONFIG_GLOBAL", filepath.Join(t.TempDir(), "gitconfig"))
	t.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	dir, _ := filepath.EvalSymlinks(t.TempDir())
	g := func(a ...string) string {
		out, err := exec.Command("git", append([]string{"-C", dir, "-c", "user.name=a", "-c", "user.email=a@example.com"}, a...)...).CombinedOutput()
		if err != nil {
			t.Fatalf("git %v: %v\n%s", a, err, out)
		}
		return string(out)
	}
	g("init", "-q")
	if err := os.WriteFile(filepath.Join(dir, "a.txt"), []byte(strings.Repeat("hello world\n", 1000)), 0o644); err != nil {
		t.Fatal(err)
	}
	g("add", "a.txt")
	g("commit", "-qm", "x")
	id := strings.TrimSpace(g("rev-parse", "HEAD:a.txt"))
	obj := filepath.Join(dir, ".git", "objects", id[:2], id[2:])
	if err := os.Chmod(obj, 0o644); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(obj)
	if err != nil {
		t.Fatal(err)
	}
	b[len(b)/2] ^= 0xff
	if err := os.WriteFile(obj, b[:len(b)-5], 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = Run(context.Background(), Options{Dir: dir, NoWorkTree: true})
	var ge *GitError
	if err == nil || errors.Is(err, context.Canceled) || !errors.As(err, &ge) || !strings.Contains(err.Error(), id) {
		t.Fatalf("got %v, want git's reason naming the object", err)
	}
}
