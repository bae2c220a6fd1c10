package e2e

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/onboard-dev/onboard/internal/providers/sandbox"
	"github.com/onboard-dev/onboard/internal/testkit/journey"
	"github.com/onboard-dev/onboard/internal/testkit/leakcheck"
	"github.com/onboard-dev/onboard/internal/testkit/tmux"
)

// demoSecrets are the secrets the demo pre-fills; none may show. The
// publishable key and the client ids are not secrets: they are meant to be
// shown (and shipped to browsers), so the form shows them as typed.
var demoSecrets = journey.Secrets

// wait bounds one wait for a screen: far more than any screen takes, so
// only a run that went wrong meets it.
const wait = 30 * time.Second

// needTmux skips without tmux on a developer's machine, and fails in CI,
// where scripts/deps.sh installs it.
func needTmux(t *testing.T) {
	t.Helper()
	if err := tmux.Available(); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%v (scripts/deps.sh installs it in CI)", err)
		}
		t.Skip(err)
	}
}

// wizard runs the real binary with args in a w×h terminal, in dir, every
// screen scanned for secrets (the demo's and any given).
func wizard(t *testing.T, w, h int, dir string, env, secrets []string, args ...string) *tmux.Term {
	t.Helper()
	needTmux(t)
	return tmux.Start(t, tmux.Options{
		Width: w, Height: h, Dir: dir,
		Env:     append(append([]string{}, isolatedEnv(t)...), env...),
		Secrets: append(append([]string{}, demoSecrets...), secrets...),
		Public:  publicValues,
	}, append([]string{binPath(t)}, args...)...)
}

// demo is the demo wizard for the project in dir, at w×h.
func demo(t *testing.T, w, h int, dir string, args ...string) *tmux.Term {
	t.Helper()
	return wizard(t, w, h, dir, nil, nil, append([]string{"--demo", "--dir", dir}, args...)...)
}

// finishWalk checks what a finished walk left: exit 0, a private .env, and
// no secret in any other file or in HOME (the screens were scanned as they
// were captured).
func finishWalk(t *testing.T, tm *tmux.Term, dir string, w journey.Walk, secrets []string) {
	t.Helper()
	if w.Code != 0 {
		t.Fatalf("onboard exited %d after %d presses (%s); last screen:\n%s", w.Code, len(w.Presses), strings.Join(w.Presses, " → "), tm.Shown())
	}
	if strings.Contains(w.Last, "panic:") {
		t.Fatalf("onboard panicked:\n%s", tm.Shown())
	}
	assertEnvPrivate(t, dir)
	outs := map[string][]byte{}
	files, err := leakcheck.ReadTree(dir, isEnvOrBackup)
	if err != nil {
		t.Fatal(err)
	}
	for name, b := range files {
		outs["file "+name] = b
	}
	for name, b := range homeFiles(t) {
		outs[name] = b
	}
	leakcheck.AssertNoneExcept(t, outs, append(append([]string{}, demoSecrets...), secrets...), publicValues)
}

// noFailedJob fails when a walk in development met a failed check: the
// demo's keys pass every one.
func noFailedJob(t *testing.T, w journey.Walk) {
	t.Helper()
	if len(w.Failed) > 0 {
		t.Errorf("a check failed in the demo, on %s", strings.Join(w.Failed, ", "))
	}
}

// snapshot is every file and folder under dir (git's own included), with
// each file's mode and content hash: two snapshots are equal only if
// nothing on disk changed.
func snapshot(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		info, err := d.Info()
		if err != nil {
			return err
		}
		if !d.Type().IsRegular() {
			fmt.Fprintf(&b, "%s %v\n", rel, info.Mode())
			return nil
		}
		content, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		fmt.Fprintf(&b, "%s %v %x\n", rel, info.Mode(), sha256.Sum256(content))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// sameDisk fails when dir is not as its snapshot before was.
func sameDisk(t *testing.T, dir, before, what string) {
	t.Helper()
	if after := snapshot(t, dir); after != before {
		t.Errorf("%s changed the disk:\nbefore:\n%s\nafter:\n%s", what, before, after)
	}
}

// keepRepo is a git repository with a .env of the user's own (KEEP=1) and
// no ignore rule: the one the interrupted runs must leave as it was.
func keepRepo(t *testing.T) string {
	t.Helper()
	dir := emptyRepo(t)
	if err := os.WriteFile(filepath.Join(dir, ".env"), []byte("KEEP=1\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return dir
}

// Ctrl+C in the middle of key entry, after the .gitignore fix was
// accepted, changes nothing on disk (the fix is applied only by the write
// step) and exits 130.
func TestCtrlCMidwayLeavesTheDiskAsItWas(t *testing.T) {
	t.Parallel()
	dir := keepRepo(t)
	before := snapshot(t, dir)
	tm := demo(t, 100, 30, dir)
	interrupted := false
	w := journey.Enter(tm, t, journey.Options{Before: func(_ int, screen string) bool {
		if journey.Title(screen) == "Plaid: keys" && strings.Contains(screen, "looks right") && !interrupted {
			interrupted = true
			tm.Keys("C-c")
			return true
		}
		return false
	}})
	if !interrupted || !slices.Contains(w.Presses, "Keep the .env out of git") {
		t.Fatalf("the walk did not accept the .gitignore fix and reach key entry (%s)", strings.Join(w.Presses, " → "))
	}
	if w.Code != 130 {
		t.Errorf("Ctrl+C exit status %d, want 130", w.Code)
	}
	sameDisk(t, dir, before, "Ctrl+C during key entry")
}

// A SIGTERM (a kill from outside) in the middle of key entry stops the
// wizard like Ctrl+C: exit 130, the disk as it was, and it says so.
func TestSIGTERMMidwayLeavesTheDiskAsItWasAndSaysSo(t *testing.T) {
	t.Parallel()
	dir := keepRepo(t)
	before := snapshot(t, dir)
	tm := demo(t, 100, 30, dir)
	stopped := false
	w := journey.Enter(tm, t, journey.Options{Before: func(_ int, screen string) bool {
		if journey.Title(screen) == "Plaid: keys" && !stopped {
			stopped = true
			tm.Signal(syscall.SIGTERM)
			return true
		}
		return false
	}})
	if !stopped {
		t.Fatalf("the walk did not reach key entry (%s)", strings.Join(w.Presses, " → "))
	}
	if w.Code != 130 {
		t.Errorf("SIGTERM exit status %d, want 130", w.Code)
	}
	if shown := tm.History(); !strings.Contains(shown, "interrupted; nothing was written") {
		t.Errorf("after the SIGTERM the terminal does not say nothing was written:\n%s", shown)
	}
	sameDisk(t, dir, before, "SIGTERM during key entry")
}

// In production mode, Ctrl+C at the review (every check run, every
// confirmation given) still leaves the disk as it was: no report, no
// .gitignore, the user's .env untouched.
func TestProductionCtrlCAtTheReviewLeavesTheDiskAsItWas(t *testing.T) {
	t.Parallel()
	dir := keepRepo(t)
	before := snapshot(t, dir)
	tm := demo(t, 100, 30, dir, "--production")
	interrupted := false
	w := journey.Enter(tm, t, journey.Options{Before: func(_ int, screen string) bool {
		if strings.Contains(screen, "About to write") && !interrupted {
			interrupted = true
			tm.Keys("C-c")
			return true
		}
		return false
	}})
	if !interrupted {
		t.Fatalf("the walk never reached the review (%s)", strings.Join(w.Presses, " → "))
	}
	if w.Code != 130 {
		t.Errorf("Ctrl+C at the review: exit status %d, want 130", w.Code)
	}
	sameDisk(t, dir, before, "Ctrl+C at the production review")
}

// The real binary is usable, Enter after Enter to the end, at the sizes
// people use and at the smallest it supports; in a terminal smaller than
// that it says how big to make it, and goes on when it is resized.
func TestWizardSizes(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {50, 15}, {40, 10}} {
		t.Run(strconv.Itoa(size[0])+"x"+strconv.Itoa(size[1]), func(t *testing.T) {
			t.Parallel()
			dir := emptyRepo(t)
			tm := demo(t, size[0], size[1], dir)
			w := journey.Enter(tm, t, journey.Options{})
			noFailedJob(t, w)
			finishWalk(t, tm, dir, w, nil)
		})
	}
	t.Run("too small", func(t *testing.T) {
		t.Parallel()
		dir := emptyRepo(t)
		tm := demo(t, 30, 8, dir)
		s := tm.WaitFor("(it is 30×8)", wait)
		if !strings.Contains(s, "Make the terminal at least") || !strings.Contains(s, "40×10") {
			t.Errorf("a too-small terminal is not told how big to be:\n%s", tm.Shown())
		}
		// (That keys are ignored meanwhile is the ui tests' to show: here a
		// key and the resize could reach the program in either order.)
		tm.Resize(80, 24)
		tm.WaitFor("Press Enter to continue", wait)
		if journey.Title(tm.Capture()) != "Welcome" {
			t.Fatalf("after the resize the wizard is not at its first screen:\n%s", tm.Shown())
		}
		w := journey.Enter(tm, t, journey.Options{})
		noFailedJob(t, w)
		finishWalk(t, tm, dir, w, nil)
	})
}

// Keys pasted into the keys form as one block (bracketed paste, the way a
// terminal delivers a paste from a password manager) fill every field they
// name, in this form and the forms ahead; the screen says how many and
// which, by name, and never shows a pasted secret. Nothing is written.
func TestPasteFillsTheKeysForm(t *testing.T) {
	t.Parallel()
	dir := keepRepo(t)
	before := snapshot(t, dir)
	pasted := []string{canaryPlaidSK, canaryTestSK, canaryWhsec}
	tm := wizard(t, 100, 30, dir, nil, pasted, "--demo", "--dir", dir)
	journey.Enter(tm, t, journey.Options{Before: func(_ int, screen string) bool {
		if journey.Title(screen) != "Plaid: keys" {
			return false
		}
		tm.Paste("# shared by a teammate\n" + envText(
			"PLAID_CLIENT_ID", canaryPlaidID, "PLAID_SECRET", canaryPlaidSK,
			"STRIPE_SECRET_KEY", canaryTestSK, "STRIPE_PUBLISHABLE_KEY", canaryTestPK,
			"STRIPE_WEBHOOK_SECRET", canaryWhsec))
		s := tm.WaitFor("from the paste", wait)
		note := regexp.MustCompile(`Filled (\d+) fields from the paste: ([A-Z_, ]+)\.`).FindStringSubmatch(strings.Join(strings.Fields(s), " "))
		switch {
		case note == nil:
			t.Errorf("the paste note does not say what was filled:\n%s", tm.Shown())
		case note[1] != "5" || note[2] != "PLAID_CLIENT_ID, PLAID_SECRET, STRIPE_SECRET_KEY, STRIPE_PUBLISHABLE_KEY, STRIPE_WEBHOOK_SECRET":
			t.Errorf("the paste filled %s fields (%s), want all 5 it named", note[1], note[2])
		}
		// The form holds the pasted values: the client id as pasted, the
		// secret masked to its last four.
		if !strings.Contains(s, canaryPlaidID) || !strings.Contains(s, "…"+canaryPlaidSK[len(canaryPlaidSK)-4:]) {
			t.Errorf("the keys form does not show the pasted keys:\n%s", tm.Shown())
		}
		tm.Keys("C-c")
		return true
	}})
	if code := tm.WaitExit(wait); code != 130 {
		t.Errorf("exit status %d after Ctrl+C, want 130", code)
	}
	sameDisk(t, dir, before, "a paste, then Ctrl+C")
}

// The three Enter-only journeys people take: a first run with no team file
// (the .env written, private, ignored by git, with the demo's keys), a
// re-run on that finished .env (Re-verify is the default; the file stays
// byte for byte as it was), and a teammate's fresh clone of the project
// the first run set up (the team file answers the setup questions, so only
// keys are asked for; the team file stays as it is).
func TestJourneys(t *testing.T) {
	t.Parallel()
	first := emptyRepo(t)
	t.Run("first run", func(t *testing.T) {
		tm := demo(t, 100, 30, first)
		w := journey.Enter(tm, t, journey.Options{})
		noFailedJob(t, w)
		finishWalk(t, tm, first, w, nil)
		env, err := os.ReadFile(filepath.Join(first, ".env"))
		if err != nil {
			t.Fatal(err)
		}
		for k, v := range map[string]string{"PLAID_CLIENT_ID": sandbox.DemoPlaidClientID, "PLAID_SECRET": sandbox.DemoPlaidSecret,
			"STRIPE_SECRET_KEY": sandbox.DemoStripeSecretKey, "STRIPE_PUBLISHABLE_KEY": sandbox.DemoStripePublishableKey,
			"STRIPE_WEBHOOK_SECRET": sandbox.DemoStripeWebhookSecret} {
			if !regexp.MustCompile(`(?m)^` + k + `=["']?` + regexp.QuoteMeta(v) + `["']?$`).Match(env) {
				t.Errorf(".env lacks the demo value of %s", k)
			}
		}
		if gi, _ := os.ReadFile(filepath.Join(first, ".gitignore")); !regexp.MustCompile(`(?m)^/?\.env$`).Match(gi) {
			t.Error(".gitignore does not hold the .env rule")
		}
		if err := journey.Git(isolatedEnv(t), first, "check-ignore", "-q", ".env"); err != nil {
			t.Errorf("git does not ignore the .env: %v", err)
		}
		if _, err := os.Stat(filepath.Join(first, "onboard.json")); err != nil {
			t.Errorf("the first run wrote no team file: %v", err)
		}
	})
	if t.Failed() {
		return
	}
	team, err := os.ReadFile(filepath.Join(first, "onboard.json"))
	if err != nil {
		t.Fatal(err)
	}

	t.Run("re-run on a finished .env", func(t *testing.T) {
		env := filepath.Join(first, ".env")
		before, err := os.ReadFile(env)
		if err != nil {
			t.Fatal(err)
		}
		tm := demo(t, 100, 30, first)
		s := tm.WaitFor("Check every key again", wait)
		w := journey.Enter(tm, t, journey.Options{})
		noFailedJob(t, w)
		finishWalk(t, tm, first, w, nil)
		if len(w.Presses) < 2 || w.Presses[1] != "Check every key again" {
			t.Errorf("Enter on the welcome did not re-verify (%s); welcome:\n%s", strings.Join(w.Presses, " → "), s)
		}
		if after, _ := os.ReadFile(env); !bytes.Equal(after, before) {
			t.Error("a re-verify changed the .env")
		}
	})

	t.Run("teammate with the team file", func(t *testing.T) {
		clone := filepath.Join(filepath.Dir(first), "clone")
		if err := journey.Clone(isolatedEnv(t), first, clone); err != nil {
			t.Fatal(err)
		}
		tm := demo(t, 100, 30, clone)
		tm.WaitFor("Using the team setup from onboard.json", wait)
		w := journey.Enter(tm, t, journey.Options{})
		noFailedJob(t, w)
		finishWalk(t, tm, clone, w, nil)
		for _, p := range w.Presses {
			if p == "Choose services" || p == "Plaid: environment" || p == "Share the setup with your team" || strings.Contains(p, "Who pays") {
				t.Errorf("the teammate was asked %q, which the team file answers (%s)", p, strings.Join(w.Presses, " → "))
			}
		}
		if after, _ := os.ReadFile(filepath.Join(clone, "onboard.json")); !bytes.Equal(after, team) {
			t.Error("the teammate's run rewrote onboard.json")
		}
	})
}

// TestWizardResizeStorm resizes the terminal again and again while the
// demo runs, down to 20x5 and up to 200x60, then lets it finish.
func TestWizardResizeStorm(t *testing.T) {
	t.Parallel()
	dir := emptyRepo(t)
	tm := demo(t, 80, 24, dir)
	sizes := [][2]int{{40, 10}, {200, 60}, {20, 5}, {120, 8}, {30, 40}, {80, 24}}
	resizes := 0
	w := journey.Enter(tm, t, journey.Options{Before: func(round int, _ string) bool {
		if round < 12 { // the storm, then a usable size to finish in
			for _, s := range sizes {
				tm.Resize(s[0], s[1])
				resizes++
			}
			tm.Resize(80, 24)
		}
		return false
	}})
	t.Logf("%d resizes during the walk", resizes)
	finishWalk(t, tm, dir, w, nil)
}

// TestWizardTypedKeys types distinctive keys — not the demo's — into the
// real wizard pointed at recording simulators: the keys go through every
// screen, check and write, and no screen, file or request URL shows them.
func TestWizardTypedKeys(t *testing.T) {
	t.Parallel()
	s := startSims(t)
	dir := newRepo(t)
	typed := map[string]string{
		"Plaid client_id":        sandbox.DemoPlaidClientID,
		"Plaid secret":           sandbox.DemoPlaidSecret,
		"Secret key":             sandbox.DemoStripeSecretKey,
		"Publishable key":        sandbox.DemoStripePublishableKey,
		"Webhook signing secret": canaryWhsec,
		"Connect client ID":      sandbox.DemoStripeClientID,
	}
	tm := wizard(t, 100, 30, dir, nil, []string{canaryWhsec}, "--dir", dir, "--plaid-url", s.plaidURL, "--stripe-url", s.stripeURL)
	done := map[string]bool{}
	w := journey.Enter(tm, t, journey.Options{Before: func(_ int, screen string) bool {
		label, ok := focusedField(screen, typed)
		if !ok || done[label] {
			return false
		}
		done[label] = true
		tm.Keys("C-u")
		tm.Type(typed[label])
		tm.Keys("Tab")
		return true
	}})
	noFailedJob(t, w)
	finishWalk(t, tm, dir, w, []string{canaryWhsec})
	env, err := os.ReadFile(filepath.Join(dir, ".env"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"STRIPE_SECRET_KEY=" + sandbox.DemoStripeSecretKey, "STRIPE_WEBHOOK_SECRET=" + canaryWhsec, "PLAID_SECRET=" + sandbox.DemoPlaidSecret} {
		if !strings.Contains(string(env), want) {
			t.Errorf("a typed key is not in the .env: %s…", want[:strings.Index(want, "=")])
		}
	}
	if len(s.plaid.requests()) == 0 || len(s.stripe.requests()) == 0 {
		t.Errorf("the keys were not verified against the simulators (%d Plaid, %d Stripe requests)", len(s.plaid.requests()), len(s.stripe.requests()))
	}
	leakcheck.AssertNoneExcept(t, map[string][]byte{"plaid URLs": s.plaid.urls(), "stripe URLs": s.stripe.urls()},
		append(append([]string{}, demoSecrets...), canaryWhsec), publicValues)
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

// TestWizardDumbTerminal runs the wizard with TERM=dumb in a real
// terminal: it must be usable (the accessible mode) or say why not, and
// end.
func TestWizardDumbTerminal(t *testing.T) {
	t.Parallel()
	dir := emptyRepo(t)
	tm := wizard(t, 80, 24, dir, []string{"TERM=dumb"}, nil, "--demo", "--dir", dir)
	w := journey.Enter(tm, t, journey.Options{})
	if w.Code == 0 {
		finishWalk(t, tm, dir, w, nil)
		return
	}
	if strings.TrimSpace(w.Last) == "" {
		t.Errorf("exit %d on a dumb terminal without a word", w.Code)
	}
}
