package bench

import (
	"strings"
	"testing"
)

func TestRunProcessMeasuresAWholeRun(t *testing.T) {
	r := RunProcess([]string{"/bin/sh", "-c", "echo out; echo err >&2"}, t.TempDir(), nil)
	if r.Err != nil {
		t.Fatal(r.Err)
	}
	if strings.TrimSpace(string(r.Stdout)) != "out" || strings.TrimSpace(string(r.Stderr)) != "err" {
		t.Fatalf("stdout %q stderr %q", r.Stdout, r.Stderr)
	}
	if r.Wall <= 0 || r.MaxRSSKB <= 0 {
		t.Fatalf("wall %v, max RSS %d KB: want both measured", r.Wall, r.MaxRSSKB)
	}
	if r := RunProcess([]string{"/bin/sh", "-c", "exit 3"}, "", nil); r.Err == nil {
		t.Fatal("a failing command reported no error")
	}
}

func TestGitSpyCountsCalls(t *testing.T) {
	dir := t.TempDir()
	logPath, pathDir := GitSpy(dir)
	if logPath == "" {
		t.Skip("no git")
	}
	env := []string{"PATH=" + pathDir + ":/usr/bin:/bin"}
	if r := RunProcess([]string{"/bin/sh", "-c", "git --version && git --version"}, dir, env); r.Err != nil {
		t.Fatalf("%v: %s", r.Err, r.Stderr)
	} else if !strings.HasPrefix(string(r.Stdout), "git version") {
		t.Fatalf("the spy did not run the real git: %q", r.Stdout)
	}
	if n := GitCalls(logPath); n != 2 {
		t.Fatalf("GitCalls = %d, want 2", n)
	}
}
