//go:build unix

package gitsafe

import (
	"context"
	"errors"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// A cancel asks git to stop (SIGTERM, on which git removes its lock
// files) rather than killing it.
func TestCancelAsksGitToStop(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cmd := Command(ctx, t.TempDir(), "hash-object", "--stdin")
	in, err := cmd.StdinPipe() // git waits on stdin until the cancel
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(100 * time.Millisecond)
	cancel()
	err = cmd.Wait()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || !strings.Contains(ee.String(), "terminated") {
		t.Fatalf("git ended with %v, want the SIGTERM of the cancel", err)
	}
}
