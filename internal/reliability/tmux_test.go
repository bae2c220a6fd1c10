package reliability

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// tmuxTerm is the real binary in a real terminal: a tmux server of its own
// (its own socket), one pane, keys sent and screens read as a person would.
type tmuxTerm struct {
	t    *testing.T
	sock string
	// screens holds every capture, for the leak scan at the end.
	screens [][]byte
}

var tmuxSeq atomic.Int64

// needTmux skips without tmux on a developer's machine, and fails in CI,
// where scripts/deps.sh installs it.
func needTmux(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("tmux"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("tmux is not installed in CI; scripts/deps.sh should have installed it")
		}
		t.Skip("tmux is not installed; run `make deps`")
	}
}

// startTmux runs onboard with args in a w×h terminal. env adds variables
// (TERM=dumb, say). The pane prints EXIT:<status> when onboard ends, so
// the test knows it ended and how.
func startTmux(t *testing.T, w, h int, env []string, args ...string) *tmuxTerm {
	t.Helper()
	needTmux(t)
	tt := &tmuxTerm{t: t, sock: fmt.Sprintf("onboard-rel-%d-%d", os.Getpid(), tmuxSeq.Add(1))}
	var cmd strings.Builder
	cmd.WriteString("env")
	for _, kv := range isolatedEnv(t) {
		if !strings.HasPrefix(kv, "TERM=") { // tmux sets its own
			cmd.WriteString(" " + shellQuote(kv))
		}
	}
	for _, kv := range env {
		cmd.WriteString(" " + shellQuote(kv))
	}
	cmd.WriteString(" " + shellQuote(binPath(t)))
	for _, a := range args {
		cmd.WriteString(" " + shellQuote(a))
	}
	cmd.WriteString(`; echo "EXIT:$?"; sleep 60`)
	tt.tmux("-f", os.DevNull, "new-session", "-d", "-s", "main", "-x", fmt.Sprint(w), "-y", fmt.Sprint(h), "sh", "-c", cmd.String())
	t.Cleanup(func() { _ = exec.Command("tmux", "-L", tt.sock, "kill-server").Run() })
	return tt
}

func shellQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

func (tt *tmuxTerm) tmux(args ...string) string {
	tt.t.Helper()
	out, err := exec.Command("tmux", append([]string{"-L", tt.sock}, args...)...).CombinedOutput()
	if err != nil {
		tt.t.Fatalf("tmux %s: %v\n%s", args[0], err, out)
	}
	return string(out)
}

// screen captures the pane, history included, and keeps it for the scan.
func (tt *tmuxTerm) screen() string {
	tt.t.Helper()
	s := tt.tmux("capture-pane", "-p", "-J", "-S", "-", "-t", "main")
	tt.screens = append(tt.screens, []byte(s))
	return s
}

func (tt *tmuxTerm) keys(k ...string) {
	tt.t.Helper()
	tt.tmux(append([]string{"send-keys", "-t", "main"}, k...)...)
}

func (tt *tmuxTerm) typeText(s string) {
	tt.t.Helper()
	tt.tmux("send-keys", "-t", "main", "-l", s)
}

func (tt *tmuxTerm) resize(w, h int) {
	tt.t.Helper()
	tt.tmux("resize-window", "-t", "main", "-x", fmt.Sprint(w), "-y", fmt.Sprint(h))
}

// exitStatus is onboard's exit status once it has ended, or -1.
func exitStatus(screen string) int {
	i := strings.LastIndex(screen, "EXIT:")
	if i < 0 {
		return -1
	}
	var code int
	if _, err := fmt.Sscanf(screen[i:], "EXIT:%d", &code); err != nil {
		return -1
	}
	return code
}

// walkOptions shape one walk through the wizard.
type walkOptions struct {
	limit time.Duration
	// typed maps a field's label to what to type into it when it has focus.
	typed map[string]string
	// every is called before each key press with the press count (resize
	// storms use it).
	every func(n int)
}

// walk presses Enter through the wizard, waiting while checks run, typing
// values into the fields named in o.typed, until onboard exits. It returns
// the exit status and the last screen.
func (tt *tmuxTerm) walk(o walkOptions) (int, string) {
	tt.t.Helper()
	deadline := time.Now().Add(o.limit)
	done := map[string]bool{}
	last := ""
	for n := 0; time.Now().Before(deadline); n++ {
		time.Sleep(150 * time.Millisecond)
		last = tt.screen()
		if code := exitStatus(last); code >= 0 {
			return code, last
		}
		if o.every != nil {
			o.every(n)
		}
		if strings.Contains(last, "Working") {
			continue
		}
		if label, ok := focusedField(last, o.typed); ok && !done[label] {
			done[label] = true
			tt.keys("C-u")
			tt.typeText(o.typed[label])
			tt.keys("Tab")
			continue
		}
		tt.keys("Enter")
	}
	tt.t.Fatalf("onboard did not finish within %s; last screen:\n%s", o.limit, maskAll([]byte(last)))
	return -1, last
}

// focusedField finds the label line of the focused form field (behind the
// focus bar "┃ ") among the labels the walk should type into.
func focusedField(screen string, typed map[string]string) (string, bool) {
	for _, line := range strings.Split(screen, "\n") {
		l := strings.TrimSpace(line)
		if !strings.HasPrefix(l, "┃ ") {
			continue
		}
		l = strings.TrimSuffix(strings.TrimPrefix(l, "┃ "), " (optional)")
		if _, ok := typed[l]; ok {
			return l, true
		}
	}
	return "", false
}

// assertEnvPrivate: the .env and every backup of it are readable by their
// owner only.
func assertEnvPrivate(t *testing.T, dir string) {
	t.Helper()
	st, err := os.Stat(filepath.Join(dir, ".env"))
	if err != nil {
		t.Fatalf("no .env written: %v", err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf(".env mode %v, want 0600", st.Mode().Perm())
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if isEnvOrBackup(e.Name()) {
			if info, err := e.Info(); err == nil && info.Mode().Perm() != 0o600 {
				t.Errorf("%s mode %v, want 0600", e.Name(), info.Mode().Perm())
			}
		}
	}
}
