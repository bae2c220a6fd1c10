package e2e

import (
	"bytes"
	"errors"
	"io"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// lockedBuffer is a bytes.Buffer safe to read while the process writes.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// Ctrl+C (SIGINT) at the accessible prompt right after the write: the
// .env, its backup and the .gitignore were changed, and the message says
// exactly that instead of "nothing was written"; the exit status is 130.
func TestAccessibleInterruptAfterTheWriteSaysWhatWasWritten(t *testing.T) {
	dir := newRepo(t)
	cmd := exec.Command(binPath(t), "--accessible", "--demo", "--dir", dir)
	cmd.Dir = dir
	cmd.Env = isolatedEnv(t)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	var out, errb lockedBuffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	deadline := time.After(noTTYLimit)
	answered := 0
	for interrupted := false; !interrupted; {
		select {
		case err := <-done:
			t.Fatalf("onboard ended (%v) before the prompt after the write:\n%s", err, maskAll([]byte(out.String())))
		case <-deadline:
			_ = cmd.Process.Kill()
			t.Fatal("the prompt after the write never came")
		case <-time.After(10 * time.Millisecond):
		}
		o := out.String()
		if i := strings.LastIndex(o, "Write the .env"); i >= 0 && strings.HasSuffix(o, "Press Enter to continue. ") {
			_ = cmd.Process.Signal(syscall.SIGINT)
			interrupted = true
			continue
		}
		// Answer each new prompt (a line left open for the answer) once.
		if strings.HasSuffix(o, " ") && len(o) > answered {
			answered = len(o)
			_, _ = io.WriteString(stdin, "\n")
		}
	}
	var code int
	select {
	case err := <-done:
		if ee := (*exec.ExitError)(nil); errors.As(err, &ee) {
			code = ee.ExitCode()
		}
	case <-time.After(5 * time.Second):
		_ = cmd.Process.Kill()
		t.Fatal("onboard did not stop within 5 s of SIGINT")
	}
	stderr := errb.String()
	if code != 130 {
		t.Errorf("exit %d, want 130", code)
	}
	if strings.Contains(stderr, "nothing was written") || !strings.Contains(stderr, "already made") ||
		!strings.Contains(stderr, "wrote "+dir) || !strings.Contains(stderr, ".gitignore") {
		t.Errorf("stderr does not say what was written:\n%s", stderr)
	}
	assertEnvPrivate(t, dir)
}
