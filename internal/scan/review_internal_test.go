package scan

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
)

// The safe.directory advice is a command to paste; git names the folder,
// and whoever made a folder owned by someone else chose its name.
func TestReviewDubiousOwnershipAdviceIsQuoted(t *testing.T) {
	dir := "/tmp/shared/proj $(touch /tmp/PWNED)"
	stderr := "fatal: detected dubious ownership in repository at '" + dir + "'\n"
	err := (&repo{dir: dir}).failure(context.Background(), errors.New("exit status 128"), stderr, []string{"rev-parse"})
	var ge *GitError
	if !errors.As(err, &ge) {
		t.Fatalf("got %v", err)
	}
	if !strings.Contains(ge.Do, "safe.directory '"+dir+"'") {
		t.Errorf("the command to paste runs the folder name's $(...): %s", ge.Do)
	}
}

// A committed path is the repository's: its terminal controls (title,
// clear screen, OSC 52 clipboard writes, cursor moves that overwrite the
// findings above) reach the terminal through onboard scan's text output.
func TestReviewPathControlsDoNotReachTheTerminal(t *testing.T) {
	r := newTestRepo(t)
	r.write("a\x1b]0;PWNED\x07\x1b[2J\x1b[1A\x1b[2Kb.txt", "STRIPE_SECRET_KEY=sk_test_51HqLyjWDarjtT1zdp7dcXyZ93kQ\n")
	r.commit("x", "2024-01-01T00:00:00Z")
	var text bytes.Buffer
	if err := r.run().WriteText(&text); err != nil {
		t.Fatal(err)
	}
	if bytes.IndexByte(text.Bytes(), 0x1b) >= 0 || bytes.IndexByte(text.Bytes(), 0x07) >= 0 {
		t.Errorf("onboard scan printed the path's terminal controls raw: %q", text.String())
	}
}
