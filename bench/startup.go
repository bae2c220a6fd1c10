package bench

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
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
	// Trace, when set, gets one line per chunk of output: its time since
	// exec and its text, to see what a slow start-up waits for.
	Trace io.Writer
}

// Frame is what a program had done by its first complete frame.
type Frame struct {
	Elapsed  time.Duration // from just before exec to the marker on screen
	Sockets  int           // sockets it held open then (listeners, connections)
	Children int           // child processes alive then
	// Queries are the terminal queries it sent and waited for before the
	// frame (background colour...): each costs a round trip to the
	// terminal, which over ssh is a network round trip.
	Queries []string
}

// TimeToFrame starts p in a fresh pseudo-terminal of the given size and
// returns the time from just before exec until its output holds p.Marker:
// what a person waits between Enter and a usable screen. The program, and
// anything it started, is killed afterwards.
func TimeToFrame(p Program, size Size, timeout time.Duration) (time.Duration, error) {
	f, err := FirstFrame(p, size, timeout)
	return f.Elapsed, err
}

// FirstFrame is TimeToFrame, and it also looks at what the program holds
// at that moment: a socket or a child process then is work done before the
// person saw anything.
func FirstFrame(p Program, size Size, timeout time.Duration) (Frame, error) {
	if len(p.Argv) == 0 {
		return Frame{}, errors.New("no command")
	}
	cmd := exec.Command(p.Argv[0], p.Argv[1:]...)
	cmd.Dir, cmd.Env = p.Dir, p.Env
	master, slave, err := openPTY(size)
	if err != nil {
		return Frame{}, fmt.Errorf("%s: %w", p.Name, err)
	}
	defer master.Close()
	start := time.Now()
	if err := startInPTY(cmd, slave); err != nil {
		return Frame{}, fmt.Errorf("%s: %w", p.Name, err)
	}
	defer func() {
		// The program runs in its own session: kill the whole group, so a
		// child it started cannot outlive the measurement.
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		_ = cmd.Wait()
	}()

	deadline := start.Add(timeout)
	if err := master.SetReadDeadline(deadline); err != nil {
		return Frame{}, err
	}
	var scr screen
	scr.size = size
	buf := make([]byte, 32<<10)
	for {
		n, err := master.Read(buf)
		if n > 0 {
			before := scr.text.Len()
			reply := scr.feed(buf[:n])
			if p.Trace != nil {
				text := scr.text.String()[before:]
				fmt.Fprintf(p.Trace, "%8.1f ms  %5d bytes  %q\n", Ms(time.Since(start)), n, text[:min(len(text), 100)])
			}
			if len(reply) > 0 {
				if _, werr := master.Write(reply); werr != nil {
					return Frame{}, fmt.Errorf("%s: answer the terminal query: %w", p.Name, werr)
				}
			}
			if scr.contains(p.Marker) {
				f := Frame{Elapsed: time.Since(start)}
				f.Sockets, f.Children = sockets(cmd.Process.Pid), children(cmd.Process.Pid)
				f.Queries = scr.queries
				return f, nil
			}
		}
		switch {
		case errors.Is(err, os.ErrDeadlineExceeded):
			return Frame{}, fmt.Errorf("%s: no %q on screen within %s; last output %s", p.Name, p.Marker, timeout, scr.tail(300))
		case err != nil:
			// EIO: every copy of the slave is closed, the program is gone.
			return Frame{}, fmt.Errorf("%s: exited before showing %q; last output %s", p.Name, p.Marker, scr.tail(300))
		}
	}
}

// sockets counts the sockets among pid's open files.
func sockets(pid int) int {
	dir := fmt.Sprintf("/proc/%d/fd", pid)
	entries, _ := os.ReadDir(dir)
	n := 0
	for _, e := range entries {
		if target, err := os.Readlink(dir + "/" + e.Name()); err == nil && strings.HasPrefix(target, "socket:") {
			n++
		}
	}
	return n
}

// children counts pid's living child processes, over all its threads.
func children(pid int) int {
	tasks, _ := os.ReadDir(fmt.Sprintf("/proc/%d/task", pid))
	n := 0
	for _, t := range tasks {
		b, err := os.ReadFile(fmt.Sprintf("/proc/%d/task/%s/children", pid, t.Name()))
		if err == nil {
			n += len(strings.Fields(string(b)))
		}
	}
	return n
}
