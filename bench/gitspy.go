package bench

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// GitSpy puts a `git` first on PATH that notes each call in a log and runs
// the real git: a git call that finished before the first frame leaves no
// process behind, but it leaves a line. It returns "" when there is no git.
func GitSpy(dir string) (logPath, pathDir string) {
	real, err := exec.LookPath("git")
	if err != nil {
		return "", ""
	}
	pathDir = filepath.Join(dir, ".spy")
	logPath = filepath.Join(dir, ".git-calls")
	script := fmt.Sprintf("#!/bin/sh\necho call >> '%s'\nexec '%s' \"$@\"\n", logPath, real)
	if os.MkdirAll(pathDir, 0o755) != nil || os.WriteFile(filepath.Join(pathDir, "git"), []byte(script), 0o755) != nil {
		return "", ""
	}
	return logPath, pathDir
}

// GitCalls is how many times the spy was called since logPath was removed.
func GitCalls(logPath string) int {
	b, err := os.ReadFile(logPath)
	if err != nil {
		return 0
	}
	return strings.Count(string(b), "\n")
}
