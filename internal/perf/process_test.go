package perf

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
