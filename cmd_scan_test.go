package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/onboard-dev/onboard/internal/scan/scantest"
	"github.com/onboard-dev/onboard/internal/testkit/leakcheck"
)

func runScanArgs(t *testing.T, environ []string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := scanMain(args, &out, &errb, environ)
	return code, out.String(), errb.String()
}

// scanRepo is a repository whose history holds a key that the .env also
// holds, and a key of the environment in an untracked file.
func scanRepo(t *testing.T) (dir, envKey, shellKey string) {
	t.Helper()
	t.Setenv("GIT_CONFIG_GLOBAL", filepath.Join(t.TempDir(), "gitconfig"))
	t.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	dir = t.TempDir()
	envKey, shellKey = scantest.StripeKey("sk_live_"), scantest.Hex(30)
	files := map[string]string{
		".gitignore":     ".env\n",
		".env":           "STRIPE_SECRET_KEY=" + envKey + "\n",
		"src/config.js":  "const key = '" + envKey + "';\n",
		"later/notes.md": "client.secret(\"" + shellKey + "\")\n",
	}
	for name, body := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	for _, args := range [][]string{{"init", "-q"}, {"add", ".gitignore", "src"},
		{"-c", "user.name=T", "-c", "user.email=t@example.com", "commit", "-q", "-m", "key"}} {
		if out, err := exec.Command("git", append([]string{"-C", dir}, args...)...).CombinedOutput(); err != nil {
			t.Fatalf("git %s: %v (%d bytes)", args[0], err, len(out))
		}
	}
	return dir, envKey, shellKey
}

func TestScanCommand(t *testing.T) {
	dir, envKey, shellKey := scanRepo(t)
	environ := []string{"PATH=" + os.Getenv("PATH"), "PLAID_SECRET=" + shellKey}
	outs := map[string][]byte{}

	code, stdout, stderr := runScanArgs(t, environ, "--dir", filepath.Join(dir, "src"))
	outs["text"], outs["text stderr"] = []byte(stdout), []byte(stderr)
	if code != 1 {
		t.Errorf("keys found: exit %d, want 1", code)
	}
	for _, want := range []string{"STRIPE_SECRET_KEY from your .env", "src/config.js:1", "https://dashboard.stripe.com/apikeys",
		"PLAID_SECRET from your environment", "later/notes.md:1", "not committed", "Rotate it"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("text report lacks %q", want)
		}
	}

	code, stdout, _ = runScanArgs(t, environ, "--dir", dir, "--json")
	outs["json"] = []byte(stdout)
	var rep struct {
		Clean    bool `json:"clean"`
		Findings []struct {
			Kind, Path, Commit, EnvVar string
		} `json:"findings"`
	}
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil || code != 1 || rep.Clean || len(rep.Findings) != 2 {
		t.Errorf("--json: exit %d, err %v, clean %v, %d findings", code, err, rep.Clean, len(rep.Findings))
	}

	code, stdout, _ = runScanArgs(t, environ, "--dir", dir, "--sarif")
	outs["sarif"] = []byte(stdout)
	var sarif struct {
		Version string `json:"version"`
		Runs    []struct {
			Results []struct {
				RuleID    string `json:"ruleId"`
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI string }    `json:"artifactLocation"`
						Region           struct{ StartLine int } `json:"region"`
					} `json:"physicalLocation"`
				} `json:"locations"`
				PartialFingerprints map[string]string `json:"partialFingerprints"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal([]byte(stdout), &sarif); err != nil || code != 1 || sarif.Version != "2.1.0" || len(sarif.Runs) != 1 || len(sarif.Runs[0].Results) != 2 {
		t.Fatalf("--sarif: exit %d err %v", code, err)
	}
	res := sarif.Runs[0].Results[0]
	if res.RuleID != "stripe-secret-key" || res.Locations[0].PhysicalLocation.ArtifactLocation.URI != "src/config.js" ||
		res.Locations[0].PhysicalLocation.Region.StartLine != 1 || res.PartialFingerprints["onboardKey/v1"] == "" {
		t.Errorf("first SARIF result: %+v", res)
	}
	leakcheck.AssertNone(t, outs, []string{envKey, shellKey})
}

func TestScanExitStatuses(t *testing.T) {
	t.Setenv("GIT_CONFIG_GLOBAL", filepath.Join(t.TempDir(), "gitconfig"))
	t.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	clean := t.TempDir()
	if out, err := exec.Command("git", "-C", clean, "init", "-q").CombinedOutput(); err != nil {
		t.Fatalf("git init: %v %s", err, out)
	}
	notDir := filepath.Join(clean, "file")
	if err := os.WriteFile(notDir, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		args []string
		code int
		says string
	}{
		{[]string{"--dir", clean}, 0, "No Stripe or Plaid key found"},
		{[]string{"--dir", clean, "--json"}, 0, `"clean": true`},
		{[]string{"--no-such-flag"}, 2, "flag provided but not defined"},
		{[]string{"--dir", clean, "extra"}, 2, "unexpected argument"},
		{[]string{"--dir", clean, "--json", "--sarif"}, 2, "choose one"},
		{[]string{"--dir", notDir}, 2, "is not a directory"},
		{[]string{"--dir", t.TempDir()}, 2, "not inside a git repository"},
		{[]string{"-h"}, 0, "exit status: 0 nothing found, 1 a key was found, 2"},
	} {
		code, stdout, stderr := runScanArgs(t, nil, c.args...)
		if code != c.code || !strings.Contains(stdout+stderr, c.says) {
			t.Errorf("%v: exit %d (want %d), output lacks %q", c.args, code, c.code, c.says)
		}
		if c.code == 2 && stdout != "" {
			t.Errorf("%v: errors belong on stderr", c.args)
		}
	}
}

func TestScanDispatch(t *testing.T) {
	// `onboard scan` reaches the scan command, not the wizard.
	code := run([]string{"scan", "--no-such-flag"}, os.Stdin, os.Stdout, devNull(t))
	if code != 2 {
		t.Errorf("onboard scan --no-such-flag: exit %d, want 2", code)
	}
}

func devNull(t *testing.T) *os.File {
	t.Helper()
	f, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// An unreadable .env does not stop the scan: the patterns still run, and
// the report says the .env's own keys were not looked for.
func TestScanUnreadableEnv(t *testing.T) {
	t.Setenv("GIT_CONFIG_GLOBAL", filepath.Join(t.TempDir(), "gitconfig"))
	t.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	dir := t.TempDir()
	if out, err := exec.Command("git", "-C", dir, "init", "-q").CombinedOutput(); err != nil {
		t.Fatalf("git init: %v %s", err, out)
	}
	if err := os.Mkdir(filepath.Join(dir, ".env"), 0o755); err != nil {
		t.Fatal(err)
	}
	code, stdout, _ := runScanArgs(t, nil, "--dir", dir, "--json")
	var rep struct {
		Clean bool     `json:"clean"`
		Notes []string `json:"notes"`
	}
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil || code != 0 || !rep.Clean ||
		!strings.Contains(strings.Join(rep.Notes, " "), "could not be read") {
		t.Fatalf("exit %d, err %v, report %+v", code, err, rep)
	}
}

// TestScanInterrupted: Ctrl+C while git is reading the objects ends the
// scan with status 130, says so, and leaves no git running. A stand-in git
// that hangs on `cat-file --batch` holds the scan at that point, so the
// signal arrives there on every run.
func TestScanInterrupted(t *testing.T) {
	if os.Getenv("SCAN_INTERRUPT_CHILD") != "" {
		os.Exit(scanMain([]string{"--dir", os.Getenv("SCAN_INTERRUPT_CHILD")}, os.Stdout, os.Stderr, nil))
	}
	dir, _, _ := scanRepo(t)
	real, err := exec.LookPath("git")
	if err != nil {
		t.Skip("no git")
	}
	shim := t.TempDir()
	started := filepath.Join(shim, "started")
	script := "#!/bin/sh\ncase \"$*\" in\n*--batch=*) touch " + started + "; exec sleep 600 ;;\nesac\nexec " + real + " \"$@\"\n"
	if err := os.WriteFile(filepath.Join(shim, "git"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestScanInterrupted$")
	cmd.Env = append(os.Environ(), "SCAN_INTERRUPT_CHILD="+dir, "PATH="+shim+string(os.PathListSeparator)+os.Getenv("PATH"))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	for reached := false; !reached; {
		select {
		case err := <-done:
			t.Fatalf("the scan ended before reaching cat-file: %v: %q", err, stderr.String())
		case <-time.After(10 * time.Millisecond):
			_, statErr := os.Stat(started)
			reached = statErr == nil
		}
	}
	if err := cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	err = <-done
	var exitErr *exec.ExitError
	if !errors.As(err, &exitErr) || exitErr.ExitCode() != 130 || !strings.Contains(stderr.String(), "interrupted") {
		t.Fatalf("want exit 130 saying interrupted, got %v: %q", err, stderr.String())
	}
	// The hanging cat-file was killed with the scan.
	out, _ := exec.Command("pgrep", "-f", "sleep 600").Output()
	for _, pid := range strings.Fields(string(out)) {
		if b, err := os.ReadFile("/proc/" + pid + "/environ"); err == nil && strings.Contains(string(b), shim) {
			t.Errorf("git process %s still running after the interrupt", pid)
		}
	}
}
