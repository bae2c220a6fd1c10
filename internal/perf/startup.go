package perf

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"syscall"
	"time"
)

// Program is one command to time in a terminal.
type Program struct {
	Name   string
	Argv   []string // built binaries: timing `go run` would time the compiler
	Marker string   // text the program's first complete frame contains
	Dir    string   // working directory ("" = the caller's)
	Env    []string // nil = the caller's environment
}

// TimeToFrame starts p in a fresh pseudo-terminal of the given size and
// returns the time from just before exec until its output holds p.Marker:
// what a person waits between Enter and a usable screen. The program, and
// anything it started, is killed afterwards.
func TimeToFrame(p Program, size Size, timeout time.Duration) (time.Duration, error) {
	if len(p.Argv) == 0 {
		return 0, errors.New("no command")
	}
	cmd := exec.Command(p.Argv[0], p.Argv[1:]...)
	cmd.Dir, cmd.Env = p.Dir, p.Env
	start := time.Now()
	master, err := startInPTY(cmd, size)
	if err != nil {
		return 0, fmt.Errorf("%s: %w", p.Name, err)
	}
	defer master.Close()
	defer func() {
		// The program runs in its own session: kill the whole group, so a
		// child it started cannot outlive the measurement.
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		_ = cmd.Wait()
	}()

	deadline := start.Add(timeout)
	if err := master.SetReadDeadline(deadline); err != nil {
		return 0, err
	}
	var scr screen
	scr.size = size
	buf := make([]byte, 32<<10)
	for {
		n, err := master.Read(buf)
		if n > 0 {
			if reply := scr.feed(buf[:n]); len(reply) > 0 {
				if _, werr := master.Write(reply); werr != nil {
					return 0, fmt.Errorf("%s: answer the terminal query: %w", p.Name, werr)
				}
			}
			if scr.contains(p.Marker) {
				return time.Since(start), nil
			}
		}
		switch {
		case errors.Is(err, os.ErrDeadlineExceeded):
			return 0, fmt.Errorf("%s: no %q on screen within %s; last output %s", p.Name, p.Marker, timeout, scr.tail(300))
		case err != nil:
			// EIO: every copy of the slave is closed, the program is gone.
			return 0, fmt.Errorf("%s: exited before showing %q; last output %s", p.Name, p.Marker, scr.tail(300))
		}
	}
}
