package e2e

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// noTTYLimit: without a terminal onboard must answer (run the accessible
// mode to the end of its input, or say why it cannot run) well within this.
const noTTYLimit = 30 * time.Second

// TestNoTerminalNeverHangs runs onboard with no terminal at all: stdin from
// /dev/null or empty, stdout and stderr to pipes. It must end by itself and
// say something a person can act on — never wait forever for keys that
// cannot come.
func TestNoTerminalNeverHangs(t *testing.T) {
	cases := []struct {
		name  string
		args  []string
		stdin []byte // nil: /dev/null
	}{
		{"stdin /dev/null", nil, nil},
		{"stdin empty pipe", nil, []byte{}},
		{"demo, stdin /dev/null", []string{"--demo"}, nil},
		{"accessible demo, stdin empty", []string{"--accessible", "--demo"}, []byte{}},
		{"accessible demo, garbage answers", []string{"--accessible", "--demo"}, []byte("zzz\n\x1b[A\x00\xff\n99\n\n\n")},
		{"TERM=dumb", []string{"--demo"}, []byte("\n")},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := newRepo(t)
			args := append(append([]string{}, c.args...), "--dir", dir)
			r := runNoTTY(t, dir, c.stdin, c.name == "TERM=dumb", args...)
			if r.timedOut {
				t.Fatalf("onboard %s hung without a terminal (killed after %s)", strings.Join(c.args, " "), noTTYLimit)
			}
			said := strings.TrimSpace(string(r.stdout) + string(r.stderr))
			if said == "" {
				t.Errorf("onboard %s exited %d without a word", strings.Join(c.args, " "), r.code)
			}
			if r.code != 0 && !bytes.ContainsAny(r.stderr, "abcdefghijklmnopqrstuvwxyz") {
				t.Errorf("exit %d with nothing on stderr to say why", r.code)
			}
			if bytes.Contains(r.stderr, []byte("panic:")) || bytes.Contains(r.stderr, []byte("goroutine ")) {
				t.Errorf("onboard panicked:\n%s", maskAll(r.stderr))
			}
			// Whatever it did, a half-answered run writes no .env.
			if c.name != "stdin /dev/null" && c.name != "stdin empty pipe" {
				if _, err := os.Stat(filepath.Join(dir, ".env")); err == nil {
					t.Errorf("a run whose answers ran out wrote a .env")
				}
			}
		})
	}
}

func runNoTTY(t *testing.T, dir string, stdin []byte, dumb bool, args ...string) result {
	t.Helper()
	if stdin == nil {
		f, err := os.Open(os.DevNull)
		if err != nil {
			t.Fatal(err)
		}
		defer func() { _ = f.Close() }()
		return runWith(t, dir, f, dumb, args...)
	}
	return runWith(t, dir, bytes.NewReader(stdin), dumb, args...)
}

func runWith(t *testing.T, dir string, stdin interface{ Read([]byte) (int, error) }, dumb bool, args ...string) result {
	t.Helper()
	cmd := exec.Command(binPath(t), args...)
	cmd.Dir = dir
	cmd.Env = isolatedEnv(t)
	if dumb {
		cmd.Env = append(cmd.Env, "TERM=dumb")
	}
	cmd.Stdin = stdin
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	var r result
	select {
	case err := <-done:
		if ee := (*exec.ExitError)(nil); errors.As(err, &ee) {
			r.code = ee.ExitCode()
		}
	case <-time.After(noTTYLimit):
		_ = cmd.Process.Kill()
		// Timed out, unless it ended by itself just before the kill.
		r.timedOut = <-done != nil
	}
	r.stdout, r.stderr = out.Bytes(), errb.Bytes()
	return r
}

// TestAccessibleDemoLeaksNothing drives the accessible mode through a pipe,
// answering every prompt with its default (an empty line), and scans all it
// printed and left on disk.
func TestAccessibleDemoLeaksNothing(t *testing.T) {
	dir := newRepo(t)
	answers := bytes.Repeat([]byte("\n"), 300)
	r := runNoTTY(t, dir, answers, false, "--accessible", "--demo", "--dir", dir)
	if r.timedOut {
		t.Fatalf("the accessible demo did not end within %s", noTTYLimit)
	}
	if bytes.Contains(r.stderr, []byte("panic:")) {
		t.Fatalf("onboard panicked:\n%s", maskAll(r.stderr))
	}
	if r.code == 0 {
		assertEnvPrivate(t, dir)
	} else if len(bytes.TrimSpace(r.stderr)) == 0 {
		t.Errorf("exit %d without a word on stderr", r.code)
	}
	assertNoLeakAnywhere(t, "accessible demo", r, dir, nil, demoSecrets)
}
