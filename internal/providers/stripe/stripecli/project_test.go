//go:build unix

package stripecli

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// project makes a git work tree with a stripe in bin and in
// node_modules/.bin, and a folder for the person's own programs outside
// it; it moves into the project's src folder.
func project(t *testing.T) (root, own string) {
	t.Helper()
	root, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{".git", "src", "bin", "node_modules/.bin"} {
		if err := os.MkdirAll(filepath.Join(root, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, d := range []string{"bin", "node_modules/.bin"} {
		stripeAt(t, filepath.Join(root, d))
	}
	own = t.TempDir()
	stripeAt(t, own)
	t.Chdir(filepath.Join(root, "src"))
	return root, own
}

func stripeAt(t *testing.T, dir string) string {
	t.Helper()
	p := filepath.Join(dir, "stripe")
	if err := os.WriteFile(p, []byte("#!/bin/sh\nexit 0\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	return p
}

// direnv's PATH_add and npm's node_modules/.bin put the project's folders
// on PATH by absolute paths: a stripe there is the repository's choice,
// passed over for the next one on PATH.
func TestFindPassesOverAStripeInsideTheProject(t *testing.T) {
	root, own := project(t)
	t.Setenv("PATH", strings.Join([]string{filepath.Join(root, "bin"), filepath.Join(root, "node_modules", ".bin"), own}, string(os.PathListSeparator)))
	p, err := Find()
	if err != nil || p != filepath.Join(own, "stripe") {
		t.Errorf("Find() = %q, %v; want the one outside the project, %s", p, err, filepath.Join(own, "stripe"))
	}
}

func TestFindRefusesWhenTheOnlyStripeIsInsideTheProject(t *testing.T) {
	root, _ := project(t)
	inside := filepath.Join(root, "node_modules", ".bin")
	t.Setenv("PATH", inside)
	_, err := Find()
	var e *Error
	if !errors.As(err, &e) || e.Problem != NotFound || e.InProject != filepath.Join(inside, "stripe") {
		t.Fatalf("Find() error %v; want NotFound naming %s", err, filepath.Join(inside, "stripe"))
	}
	if msg := err.Error(); !strings.Contains(msg, filepath.Join(inside, "stripe")) || !strings.Contains(msg, "inside this project") {
		t.Errorf("the refusal does not say which stripe and why: %s", msg)
	}
	if _, err := Available(testKey()); !errors.As(err, &e) || e.InProject == "" {
		t.Errorf("Available = %v; want the same refusal", err)
	}
}

// Outside any repository the project is the current folder.
func TestFindRefusesAStripeUnderTheCurrentFolder(t *testing.T) {
	dir, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(dir, "tools")
	if err := os.MkdirAll(bin, 0o755); err != nil {
		t.Fatal(err)
	}
	stripeAt(t, bin)
	t.Chdir(dir)
	t.Setenv("PATH", bin)
	if p, err := Find(); err == nil {
		t.Errorf("Find() = %q, under the current folder", p)
	}
}

// A link from the person's own folder into the project leads to the
// project's program; a link from the project out is still the project's
// choice.
func TestFindJudgesLinksBothWays(t *testing.T) {
	root, own := project(t)
	linkDir := t.TempDir()
	if err := os.Symlink(filepath.Join(root, "bin", "stripe"), filepath.Join(linkDir, "stripe")); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", linkDir)
	if p, err := Find(); err == nil {
		t.Errorf("Find() = %q, a link into the project", p)
	}
	out := filepath.Join(root, "linked")
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(own, "stripe"), filepath.Join(out, "stripe")); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", out)
	if p, err := Find(); err == nil {
		t.Errorf("Find() = %q, a link the project holds", p)
	}
}

// The home folder (a dotfiles work tree, or simply where onboard was
// started) holds the person's own programs: ~/bin and ~/.local/bin count.
func TestFindTakesAStripeInTheHomeFolder(t *testing.T) {
	home, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv("HOME", home)
	bin := filepath.Join(home, ".local", "bin")
	if err := os.MkdirAll(filepath.Join(home, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(bin, 0o755); err != nil {
		t.Fatal(err)
	}
	want := stripeAt(t, bin)
	t.Chdir(home)
	t.Setenv("PATH", bin)
	if p, err := Find(); err != nil || p != want {
		t.Errorf("Find() = %q, %v; want %s", p, err, want)
	}
}
