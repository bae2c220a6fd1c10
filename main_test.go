package main

import (
	"github.com/onboard-dev/onboard/internal/exit"
	"os"
	"strings"
	"testing"
)

func TestVersionFlag(t *testing.T) {
	out, err := os.CreateTemp(t.TempDir(), "stdout")
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	if code := run([]string{"--version"}, os.Stdin, out, out); code != exit.OK {
		t.Fatalf("--version exit %d, want 0", code)
	}
	b, err := os.ReadFile(out.Name())
	if err != nil {
		t.Fatal(err)
	}
	if got := string(b); !strings.HasPrefix(got, "onboard ") || strings.Count(got, "\n") != 1 {
		t.Fatalf("--version printed %q, want one line starting with \"onboard \"", got)
	}
}
