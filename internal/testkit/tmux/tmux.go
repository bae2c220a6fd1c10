// Package tmux runs a program in a real terminal and drives it as a person
// would: a tmux server of its own (its own socket, no user configuration),
// one pane of a given size running the program directly, keys, text and
// bracketed pastes sent to it, the screen read back, the terminal resized,
// and the program's exit status read from the pane once it has ended. It is
// the one terminal driver of the end-to-end tests (e2e/) and of the
// journeys measurement (bench/journeys).
//
// Every capture is scanned for the secrets the caller names
// (internal/testkit/leakcheck): a full secret, or a long piece of one, on
// any screen fails the run, and from then on no screen is printed in a
// failure message.
//
// Waits poll the screen; nothing sleeps for a fixed time to let something
// happen. Timeouts are there only to end a run that went wrong.
package tmux

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/onboard-dev/onboard/internal/testkit/leakcheck"
)

// T is what a Term reports to: a *testing.T, or a program's own reporter
// (bench/journeys). Fatalf must not return.
type T interface {
	Helper()
	Errorf(format string, args ...any)
	Fatalf(format string, args ...any)
	Cleanup(func())
}

// Options shape one terminal.
type Options struct {
	Width, Height int
	// Dir is the program's working directory ("" = the caller's).
	Dir string
	// Env is the program's whole environment (nil = the caller's). tmux
	// sets TERM (and TMUX) in the pane; a TERM given here wins.
	Env []string
	// Secrets may never show on screen, whole or in a piece of
	// leakcheck.MinFragment characters or more.
	Secrets []string
	// Public are values shown by design (publishable keys, client ids)
	// that share a piece with a secret; see leakcheck.ScanExcept.
	Public []string
}

// Poll is how often waits look at the screen.
const Poll = 25 * time.Millisecond

// pane names the one pane of a Term's one session.
const pane = "main"

var seq atomic.Int64

// Term is one program running in a tmux pane.
type Term struct {
	t       T
	sock    string
	dir     string // the server's configuration lives here
	env     []string
	secrets []string
	public  []string

	pid     int      // the program's process
	screens [][]byte // every distinct capture, in order
	last    string
	leaked  bool
	killed  bool
}

// Available says why tmux cannot be used here, or nil.
func Available() error {
	if _, err := exec.LookPath("tmux"); err != nil {
		return errors.New("tmux is not installed; run `make deps`")
	}
	return nil
}

// Start runs argv in a w×h terminal. The program is started directly, with
// no shell in between; the pane stays after it ends, so its last screen
// and exit status can be read. The server is ended when t's test ends.
func Start(t T, o Options, argv ...string) *Term {
	t.Helper()
	if err := Available(); err != nil {
		t.Fatalf("%v", err)
	}
	if len(argv) == 0 {
		t.Fatalf("tmux.Start: no command")
	}
	dir, err := os.MkdirTemp("", "onboard-tmux-")
	if err != nil {
		t.Fatalf("tmux: %v", err)
	}
	// remain-on-exit keeps the pane, its last screen and the exit status
	// once the program ends; without a status line the program gets every
	// row of the terminal.
	conf := "set -g remain-on-exit on\nset -g status off\nset -g history-limit 10000\n"
	if err := os.WriteFile(filepath.Join(dir, "tmux.conf"), []byte(conf), 0o600); err != nil {
		t.Fatalf("tmux: %v", err)
	}
	env := o.Env
	if env == nil {
		env = os.Environ()
	}
	tm := &Term{
		t:       t,
		sock:    fmt.Sprintf("onboard-%d-%d", os.Getpid(), seq.Add(1)),
		dir:     dir,
		secrets: o.Secrets,
		public:  o.Public,
	}
	// The server inherits the environment of the client that starts it,
	// and passes it to the pane; TERM is the pane's own.
	var term string
	for _, kv := range env {
		switch {
		case strings.HasPrefix(kv, "TERM="):
			term = kv
		case strings.HasPrefix(kv, "TMUX=") || strings.HasPrefix(kv, "TMUX_PANE="):
		default:
			tm.env = append(tm.env, kv)
		}
	}
	cmd := []string{"-f", filepath.Join(dir, "tmux.conf"), "new-session", "-d", "-s", pane,
		"-x", strconv.Itoa(o.Width), "-y", strconv.Itoa(o.Height)}
	if o.Dir != "" {
		cmd = append(cmd, "-c", o.Dir)
	}
	cmd = append(cmd, "--")
	if term != "" {
		cmd = append(cmd, "env", term)
	}
	cmd = append(cmd, argv...)
	t.Cleanup(tm.Kill)
	if _, err := tm.run(nil, cmd...); err != nil {
		t.Fatalf("tmux new-session: %v", err)
	}
	pid, err := strconv.Atoi(strings.TrimSpace(tm.must(nil, "display-message", "-p", "-t", pane, "#{pane_pid}")))
	if err != nil {
		t.Fatalf("tmux: the program's pid: %v", err)
	}
	tm.pid = pid
	return tm
}

// Signal sends sig to the program (a kill from outside, as a service
// manager or a CI runner's cancel would).
func (tm *Term) Signal(sig os.Signal) {
	tm.t.Helper()
	p, err := os.FindProcess(tm.pid)
	if err == nil {
		err = p.Signal(sig)
	}
	if err != nil {
		tm.t.Fatalf("tmux: signal the program: %v", err)
	}
}

// commandLimit bounds one tmux command: each answers in milliseconds, so
// one that has not is stuck, and the run is ended rather than left hanging.
const commandLimit = 30 * time.Second

// run runs one tmux command against this Term's server.
func (tm *Term) run(stdin []byte, args ...string) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), commandLimit)
	defer cancel()
	c := exec.CommandContext(ctx, "tmux", append([]string{"-L", tm.sock}, args...)...)
	c.Env = tm.env
	if stdin != nil {
		c.Stdin = bytes.NewReader(stdin)
	}
	out, err := c.CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("tmux %s: %v: %s", args[0], err, bytes.TrimSpace(out))
	}
	return string(out), nil
}

func (tm *Term) must(stdin []byte, args ...string) string {
	tm.t.Helper()
	out, err := tm.run(stdin, args...)
	if err != nil {
		tm.t.Fatalf("%v", err)
	}
	return out
}

// Keys sends keys by tmux's names: "Enter", "Tab", "C-c", "Up", "s"…
func (tm *Term) Keys(keys ...string) {
	tm.t.Helper()
	tm.must(nil, append([]string{"send-keys", "-t", pane}, keys...)...)
}

// Type sends text as typed, one key per character.
func (tm *Term) Type(text string) {
	tm.t.Helper()
	tm.must(nil, "send-keys", "-t", pane, "-l", text)
}

// Paste pastes text the way a terminal does when the program asked for
// bracketed paste (bubbletea does): one block between the paste markers,
// which the program reads as a paste, not as typed keys.
func (tm *Term) Paste(text string) {
	tm.t.Helper()
	tm.must([]byte(text), "load-buffer", "-b", "paste", "-")
	tm.must(nil, "paste-buffer", "-p", "-d", "-b", "paste", "-t", pane)
}

// Resize makes the terminal w×h; the program gets SIGWINCH.
func (tm *Term) Resize(w, h int) {
	tm.t.Helper()
	tm.must(nil, "resize-window", "-t", pane, "-x", strconv.Itoa(w), "-y", strconv.Itoa(h))
}

// Capture is the screen as it is now (the visible pane, trailing blank
// lines dropped), scanned for secrets.
func (tm *Term) Capture() string {
	tm.t.Helper()
	return tm.keep(tm.must(nil, "capture-pane", "-p", "-t", pane))
}

// History is everything the pane shows and has scrolled away, wrapped
// lines joined, scanned for secrets. What a program drew on the alternate
// screen is not in it; what it printed after leaving it is.
func (tm *Term) History() string {
	tm.t.Helper()
	return tm.keep(tm.must(nil, "capture-pane", "-p", "-J", "-S", "-", "-t", pane))
}

// keep records a capture and scans it; identical captures in a row are
// kept (and scanned) once.
func (tm *Term) keep(s string) string {
	tm.t.Helper()
	s = strings.TrimRight(s, "\n")
	if len(tm.screens) > 0 && string(tm.screens[len(tm.screens)-1]) == s {
		tm.last = s
		return s
	}
	tm.screens = append(tm.screens, []byte(s))
	tm.last = s
	if len(tm.secrets) > 0 {
		name := "screen " + strconv.Itoa(len(tm.screens))
		for _, l := range leakcheck.ScanExcept(map[string][]byte{name: []byte(s)}, tm.secrets, tm.public) {
			tm.leaked = true
			tm.t.Errorf("secret leaked: %s", l)
		}
	}
	return s
}

// Screens are the distinct captures so far, in order.
func (tm *Term) Screens() [][]byte { return tm.screens }

// Shown is the last screen captured, for a failure message, or a note
// saying it is withheld because a capture held a secret.
func (tm *Term) Shown() string {
	if tm.leaked {
		return "(screen withheld: a capture held a secret)"
	}
	return tm.last
}

// Exited reports the program's exit status once it has ended; a program
// killed by a signal ends with 128 + the signal's number, as a shell says.
//
// tmux marks the pane dead when it reaps the program, which it sometimes
// does seconds late; a program that has ended and is not yet reaped (a
// zombie) has its status in /proc already, so that is read first.
func (tm *Term) Exited() (code int, ended bool) {
	tm.t.Helper()
	if status, ok := zombieStatus(tm.pid); ok {
		return decodeWait(status), true
	}
	out := strings.TrimSpace(tm.must(nil, "display-message", "-p", "-t", pane, "#{pane_dead}:#{pane_dead_status}:#{pane_dead_signal}"))
	f := strings.Split(out, ":")
	if len(f) != 3 || f[0] != "1" {
		return 0, false
	}
	status, signal := f[1], f[2]
	if status == "" && signal == "" {
		// The pane has closed but the program is not reaped yet: its
		// status comes with the next look.
		return 0, false
	}
	if status == "" {
		n, err := strconv.Atoi(signal)
		if err != nil {
			tm.t.Fatalf("tmux: exit signal %q", signal)
		}
		return 128 + n, true
	}
	code, err := strconv.Atoi(status)
	if err != nil {
		tm.t.Fatalf("tmux: exit status %q", out)
	}
	return code, true
}

// zombieStatus is the wait status of pid if it has ended and its parent
// has not reaped it yet (Linux: the state and exit_code fields of
// /proc/PID/stat, read after the command name, which may hold anything).
func zombieStatus(pid int) (int, bool) {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return 0, false
	}
	i := bytes.LastIndexByte(b, ')')
	if i < 0 {
		return 0, false
	}
	f := strings.Fields(string(b[i+1:]))
	// f[0] is field 3 (state); exit_code is field 52.
	if len(f) < 50 || f[0] != "Z" {
		return 0, false
	}
	status, err := strconv.Atoi(f[49])
	return status, err == nil
}

// decodeWait turns a wait status into an exit code.
func decodeWait(status int) int {
	if sig := status & 0x7f; sig != 0 {
		return 128 + sig
	}
	return (status >> 8) & 0xff
}

// AltScreen reports whether the program has the terminal's alternate
// screen on, as a full-screen program does while it runs.
func (tm *Term) AltScreen() bool {
	tm.t.Helper()
	return strings.TrimSpace(tm.must(nil, "display-message", "-p", "-t", pane, "#{alternate_on}")) == "1"
}

// Until polls the screen until ok holds for it, and returns that screen.
// what names the wait in the failure.
func (tm *Term) Until(what string, timeout time.Duration, ok func(screen string) bool) string {
	tm.t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		s := tm.Capture()
		if ok(s) {
			return s
		}
		if time.Now().After(deadline) {
			tm.t.Fatalf("timed out after %s waiting for %s; last screen:\n%s", timeout, what, tm.Shown())
		}
		time.Sleep(Poll)
	}
}

// WaitFor waits until the screen shows text, and returns the screen.
func (tm *Term) WaitFor(text string, timeout time.Duration) string {
	tm.t.Helper()
	return tm.Until(strconv.Quote(text), timeout, func(s string) bool { return strings.Contains(s, text) })
}

// Settle waits until the screen has not changed for quiet, and returns it.
func (tm *Term) Settle(quiet, timeout time.Duration) string {
	tm.t.Helper()
	var since time.Time
	prev := "\x00"
	return tm.Until("the screen to settle", timeout, func(s string) bool {
		if s != prev {
			prev, since = s, time.Now()
			return false
		}
		return time.Since(since) >= quiet
	})
}

// WaitExit waits until the program has ended and returns its exit status.
func (tm *Term) WaitExit(timeout time.Duration) int {
	tm.t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		if code, ended := tm.Exited(); ended {
			tm.History()
			return code
		}
		if time.Now().After(deadline) {
			tm.Capture()
			tm.t.Fatalf("the program did not end within %s; last screen:\n%s", timeout, tm.Shown())
		}
		time.Sleep(Poll)
	}
}

// Kill ends the tmux server and the program with it. It is safe to call
// more than once; Start arranges it for the end of the test.
func (tm *Term) Kill() {
	if tm.killed {
		return
	}
	tm.killed = true
	_, _ = tm.run(nil, "kill-server")
	_ = os.RemoveAll(tm.dir)
}
