// Package journey walks onboard's wizard in a real terminal the way a person
// in a hurry does: Enter on every screen, each press made only once the
// screen has settled and no job is running ("Working…"), until the program
// ends. It knows the wizard only by what it shows. The end-to-end tests
// (e2e/) assert on the walks; bench/journeys counts their presses.
//
// It also gives a run an environment nothing of the developer's leaks into,
// the demo's secrets to scan every screen for, and the git folders the
// journeys start from.
package journey

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/onboard-dev/onboard/internal/providers/sandbox"
	"github.com/onboard-dev/onboard/internal/testkit/tmux"
)

// Secrets are the secrets the demo pre-fills: none may show on any screen.
var Secrets = []string{sandbox.DemoStripeSecretKey, sandbox.DemoStripeWebhookSecret, sandbox.DemoPlaidSecret}

// Public are the demo's values that are meant to be shown (and shipped to
// browsers); a secret key shares its account's piece with its publishable
// key, so a scan must know them.
var Public = []string{sandbox.DemoStripePublishableKey, sandbox.DemoPlaidClientID, sandbox.DemoStripeClientID, sandbox.DemoStripeAccountID}

// Env is the caller's environment made safe for a run of onboard: no
// provider keys, no git settings and no HOME of the developer's. HOME,
// TMPDIR and git's global configuration are under home (created here), so
// whatever a run leaves there can be scanned too.
func Env(home string) ([]string, error) {
	if err := os.MkdirAll(filepath.Join(home, "tmp"), 0o700); err != nil {
		return nil, err
	}
	gitconfig := filepath.Join(home, "gitconfig")
	if err := os.WriteFile(gitconfig, []byte("[user]\n\tname = Test\n\temail = test@example.invalid\n[init]\n\tdefaultBranch = main\n"), 0o600); err != nil {
		return nil, err
	}
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		switch {
		case strings.HasPrefix(k, "PLAID_"), strings.HasPrefix(k, "STRIPE_"), strings.HasPrefix(k, "GIT_"),
			strings.HasPrefix(k, "XDG_"), strings.HasPrefix(k, "TMUX"),
			k == "HOME", k == "TMPDIR", k == "ACCESSIBLE", k == "NO_COLOR", k == "CLICOLOR_FORCE":
			continue
		}
		env = append(env, kv)
	}
	return append(env, "HOME="+home, "TMPDIR="+filepath.Join(home, "tmp"), "XDG_CONFIG_HOME="+filepath.Join(home, ".config"),
		"GIT_CONFIG_GLOBAL="+gitconfig, "GIT_CONFIG_NOSYSTEM=1"), nil
}

// gitLimit bounds one git command on the tiny repositories of a journey.
const gitLimit = 2 * time.Minute

// Git runs git in dir with env and says what went wrong, output included.
func Git(env []string, dir string, args ...string) error {
	ctx, cancel := context.WithTimeout(context.Background(), gitLimit)
	defer cancel()
	cmd := exec.CommandContext(ctx, "git", append([]string{"-C", dir}, args...)...)
	cmd.Env = env
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return nil
}

// Repo makes dir a new, empty git repository: a project that has nothing
// of onboard's yet.
func Repo(env []string, dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	return Git(env, dir, "init", "-q")
}

// Clone commits what git would commit in src (the .env is ignored, so
// onboard.json, .env.example and the .gitignore rule) and clones it to dst:
// a teammate's fresh clone of the project a first run set up.
func Clone(env []string, src, dst string) error {
	if err := Git(env, src, "add", "-A"); err != nil {
		return err
	}
	if err := Git(env, src, "commit", "-q", "-m", "set up the keys with onboard"); err != nil {
		return err
	}
	return Git(env, filepath.Dir(dst), "clone", "-q", src, dst)
}

// Options shape one walk.
type Options struct {
	// MaxPresses ends a walk that goes round in circles (default 80).
	MaxPresses int
	// Timeout bounds the whole walk (default 3 minutes): only a run that
	// went wrong comes near it.
	Timeout time.Duration
	// Before sees each settled screen before Enter is pressed on it, with
	// the number of screens seen so far. When it returns true it has acted
	// on the screen itself (typed into a field, say), and the walk looks
	// again instead of pressing Enter.
	Before func(round int, screen string) bool
}

// Walk is what one walk did.
type Walk struct {
	// Presses names, by its title, the screen each Enter was pressed on.
	Presses []string
	// Failed names the screens that showed a failed job.
	Failed []string
	Code   int    // the program's exit status
	Last   string // the last screen (with what it printed at the end)
}

// Quiet is how long a screen must stay the same to count as settled: the
// wizard renders at 120 frames a second, and a spinner moves faster than
// this.
const Quiet = 150 * time.Millisecond

// Busy reports whether the screen shows a job still running.
func Busy(screen string) bool { return strings.Contains(screen, "Working…") }

// FailedJob reports whether the screen shows a job that failed.
func FailedJob(screen string) bool { return strings.Contains(screen, "Something failed") }

// Title is a screen's title, its first line without the program's name.
func Title(screen string) string {
	for _, l := range strings.Split(screen, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			return strings.TrimPrefix(l, "onboard · ")
		}
	}
	return "(blank screen)"
}

// Enter presses Enter through the wizard until it ends, and says on which
// screens. Before each press the screen must have settled and no job may
// be running; after it, the screen must change before the next.
func Enter(tm *tmux.Term, t tmux.T, o Options) Walk {
	t.Helper()
	if o.MaxPresses == 0 {
		o.MaxPresses = 80
	}
	if o.Timeout == 0 {
		o.Timeout = 3 * time.Minute
	}
	deadline := time.Now().Add(o.Timeout)
	var w Walk
	fullScreen := false
	for round := 0; ; round++ {
		screen := settle(tm, deadline)
		if code, ended := tm.Exited(); ended {
			w.Code, w.Last = code, tm.History()
			return w
		}
		// Once the wizard has left its full screen, what shows is what it
		// printed at the end: nothing is left to press. (The line prompts
		// of the accessible mode never take the full screen.)
		alt := tm.AltScreen()
		if fullScreen && !alt {
			w.Code = tm.WaitExit(time.Until(deadline))
			w.Last = tm.History()
			return w
		}
		fullScreen = fullScreen || alt
		if FailedJob(screen) && (len(w.Failed) == 0 || w.Failed[len(w.Failed)-1] != Title(screen)) {
			w.Failed = append(w.Failed, Title(screen))
		}
		if o.Before != nil && o.Before(round, screen) {
			continue
		}
		if len(w.Presses) >= o.MaxPresses {
			t.Fatalf("still going after %d presses (%s); last screen:\n%s", len(w.Presses), strings.Join(w.Presses, " → "), tm.Shown())
		}
		w.Presses = append(w.Presses, Title(screen))
		tm.Keys("Enter")
		tm.Until("Enter to change the screen", time.Until(deadline), func(s string) bool { return s != screen })
	}
}

// settle waits until the screen has stayed the same for Quiet and shows no
// running job.
func settle(tm *tmux.Term, deadline time.Time) string {
	var since time.Time
	prev := "\x00"
	return tm.Until("the screen to settle with no job running", time.Until(deadline), func(s string) bool {
		if s != prev {
			prev, since = s, time.Now()
			return false
		}
		return time.Since(since) >= Quiet && !Busy(s)
	})
}
