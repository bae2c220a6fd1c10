package bench

import (
	"bytes"
	"os/exec"
	"syscall"
	"time"
)

// ProcessRun is one whole run of a command.
type ProcessRun struct {
	Wall     time.Duration
	MaxRSSKB int64         // peak resident memory, from the kernel's rusage
	CPU      time.Duration // user + system time, its waited-for children included
	Stdout   []byte
	Stderr   []byte
	Err      error // non-nil when it could not start or exited non-zero
}

// RunProcess runs argv to completion in dir and measures it from exec to
// exit. The peak memory comes from wait4's rusage, so no /usr/bin/time is
// needed.
func RunProcess(argv []string, dir string, env []string) ProcessRun {
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Dir, cmd.Env = dir, env
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err := cmd.Run()
	r := ProcessRun{Wall: time.Since(start), Stdout: stdout.Bytes(), Stderr: stderr.Bytes(), Err: err}
	if cmd.ProcessState != nil {
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			r.MaxRSSKB = ru.Maxrss // kilobytes on Linux
			r.CPU = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
		}
	}
	return r
}
