package tmux

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"time"
)

const wait = 20 * time.Second

func need(t *testing.T) {
	t.Helper()
	if err := Available(); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%v (CI must have it)", err)
		}
		t.Skip(err)
	}
}

// A shell reads a typed line and a bracketed paste, says what it got and
// ends with a status of its own: keys, text, pastes, waits and the exit
// status all go through a real terminal.
func TestTermTypesPastesAndReadsTheExitStatus(t *testing.T) {
	need(t)
	// The shell turns bracketed paste on, as bubbletea does, and shows the
	// paste markers it receives.
	script := `printf '\033[?2004h'; printf 'name? '; read -r name; echo "typed:$name"; ` +
		`stty -icanon -echo; printf 'paste? '; dd bs=1 count=19 2>/dev/null | od -An -c; stty size; exit 3`
	tm := Start(t, Options{Width: 72, Height: 20}, "sh", "-c", script)
	tm.WaitFor("name?", wait)
	tm.Type("ada lovelace")
	tm.Keys("Enter")
	tm.WaitFor("typed:ada lovelace", wait)
	tm.WaitFor("paste?", wait)
	tm.Paste("A=1\nB=2")
	if code := tm.WaitExit(wait); code != 3 {
		t.Fatalf("exit status %d, want 3", code)
	}
	s := tm.Capture()
	words := strings.Join(strings.Fields(s), " ") // od's lines and spacing aside
	// ESC [ 2 0 0 ~ … ESC [ 2 0 1 ~ around the block: a paste, not keys.
	if !strings.Contains(words, `033 [ 2 0 0 ~ A = 1 \n B = 2 033 [ 2 0 1 ~`) {
		t.Errorf("no bracketed paste markers:\n%s", s)
	}
	if !strings.Contains(s, "20 72") {
		t.Errorf("the program did not get a 72x20 terminal:\n%s", s)
	}
}

func TestTermResizes(t *testing.T) {
	need(t)
	tm := Start(t, Options{Width: 80, Height: 24}, "sh", "-c", `read -r x; stty size; read -r x`)
	tm.Resize(41, 11)
	tm.Keys("Enter")
	tm.WaitFor("11 41", wait)
}

func TestTermSettles(t *testing.T) {
	need(t)
	tm := Start(t, Options{Width: 80, Height: 24}, "sh", "-c", `for i in 1 2 3 4 5; do echo tick $i; sleep 0.05; done; echo done; read -r x`)
	if s := tm.Settle(300*time.Millisecond, wait); !strings.Contains(s, "done") {
		t.Fatalf("settled before the output ended:\n%s", s)
	}
}

// reporter records what a Term reports instead of failing the test.
type reporter struct {
	*testing.T
	errors []string
}

func (r *reporter) Errorf(format string, args ...any) {
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}

// A secret on screen is reported by its masked form, and no failure
// message shows a screen afterwards.
func TestTermReportsASecretOnScreen(t *testing.T) {
	need(t)
	const secret = "sk_test_51TmuxDriverCanary0123456789abcdef"
	r := &reporter{T: t}
	tm := Start(r, Options{Width: 80, Height: 24, Secrets: []string{secret}}, "sh", "-c", "echo key="+secret+"; read -r x")
	tm.WaitFor("key=", wait)
	if len(r.errors) == 0 {
		t.Fatal("a secret on screen was not reported")
	}
	for _, e := range r.errors {
		if strings.Contains(e, secret[8:20]) {
			t.Fatalf("the report quotes the secret: %s", e)
		}
	}
	if strings.Contains(tm.Shown(), "key=") {
		t.Fatal("a screen that held a secret is shown for failures")
	}
}

// The program's environment is the one given, with the pane's own TERM
// unless one is given.
func TestTermEnvironment(t *testing.T) {
	need(t)
	env := []string{"PATH=" + os.Getenv("PATH"), "HOME=" + t.TempDir(), "ONLY_THIS=1", "TERM=dumb"}
	tm := Start(t, Options{Width: 80, Height: 24, Env: env}, "sh", "-c", `echo "term=$TERM only=$ONLY_THIS user=${USER:-none}"; read -r x`)
	tm.WaitFor("term=dumb only=1 user=none", wait)
}

func TestTermExitBySignal(t *testing.T) {
	need(t)
	tm := Start(t, Options{Width: 80, Height: 24}, "sh", "-c", "kill -TERM $$")
	if code := tm.WaitExit(wait); code != 128+15 {
		t.Fatalf("exit status %d, want 143", code)
	}
}

func TestTermAltScreen(t *testing.T) {
	need(t)
	tm := Start(t, Options{Width: 80, Height: 24}, "sh", "-c", `printf '\033[?1049hfull screen'; read -r x; printf '\033[?1049lback'; read -r x`)
	tm.WaitFor("full screen", wait)
	if !tm.AltScreen() {
		t.Error("the alternate screen is not seen")
	}
	tm.Keys("Enter")
	tm.WaitFor("back", wait)
	if tm.AltScreen() {
		t.Error("the alternate screen is seen after the program left it")
	}
}
