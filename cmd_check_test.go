package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/onboard-dev/onboard/internal/demo"
	"github.com/onboard-dev/onboard/internal/providers/sandbox"
	"github.com/onboard-dev/onboard/internal/providers/sandbox/stripesim"
)

func runCheckArgs(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := checkMain(args, &out, &errb, false, false)
	return code, out.String(), errb.String()
}

func TestCheckFlagErrorsExitTwo(t *testing.T) {
	for _, args := range [][]string{
		{"--no-such-flag"},
		{"extra-argument"},
		{"--plaid-url", "::not a url"},
		{"--stripe-url", "127.0.0.1:12111"}, // no scheme
		{"--confirm", "secrets-manager"},    // needs --production
		{"--production", "--confirm", "launch-rockets"},
	} {
		code, stdout, stderr := runCheckArgs(t, append([]string{"--dir", t.TempDir()}, args...)...)
		if code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
		if stdout != "" || stderr == "" {
			t.Errorf("%v: usage errors belong on stderr (stdout %q)", args, stdout)
		}
	}
}

// check --demo verifies a folder the demo made against the demo's own
// simulators, so the Done screen's advice works there; a terminal's stderr
// shows the progress line, erased before the report.
func TestCheckDemoWithProgress(t *testing.T) {
	t.Setenv("HOME", t.TempDir())
	t.Setenv("GIT_CONFIG_GLOBAL", filepath.Join(t.TempDir(), "gitconfig"))
	t.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	dir := t.TempDir()
	var env strings.Builder
	for k, v := range demo.Values() {
		env.WriteString(k + "=" + v + "\n")
	}
	if err := os.WriteFile(filepath.Join(dir, ".env"), []byte(env.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	code := checkMain([]string{"--dir", dir, "--demo"}, &out, &errb, false, true)
	if code != 0 {
		t.Fatalf("check --demo: exit %d\n%s\n%s", code, out.String(), errb.String())
	}
	if strings.Contains(out.String(), "\r") {
		t.Errorf("the progress line reached stdout:\n%q", out.String())
	}
	prog := errb.String()
	if !strings.Contains(prog, "\rchecking  Plaid") || !strings.HasSuffix(prog, "\r\x1b[K") {
		t.Errorf("stderr progress %q: want a redrawn \"checking\" line, erased at the end", prog)
	}
	for _, v := range demo.Values() {
		if len(v) > 12 && strings.Contains(prog, v) {
			t.Errorf("the progress line shows a value")
		}
	}
	if code, _, stderr := runCheckArgs(t, "--dir", dir, "--demo", "--stripe-url", "http://127.0.0.1:1"); code != 2 || !strings.Contains(stderr, "--demo") {
		t.Errorf("--demo with a URL flag: exit %d %q, want 2", code, stderr)
	}
}

// The command line end to end: flags reach the checker, the env file is the
// one named, the JSON goes to stdout and the exit status follows the checks.
func TestCheckCommandEndToEnd(t *testing.T) {
	t.Setenv("HOME", t.TempDir())
	t.Setenv("GIT_CONFIG_GLOBAL", filepath.Join(t.TempDir(), "gitconfig"))
	t.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	srv, _, err := stripesim.Start(sandbox.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()

	dir := t.TempDir() // not a repository: the file is used where it is
	env := filepath.Join(dir, "prod.env")
	content := "STRIPE_SECRET_KEY=" + sandbox.DemoStripeSecretKey + "\nSTRIPE_PUBLISHABLE_KEY=" + sandbox.DemoStripePublishableKey + "\n"
	if err := os.WriteFile(env, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runCheckArgs(t, "--env-file", env, "--json", "--stripe-url", srv.URL)
	var doc struct {
		OK     bool              `json:"ok"`
		Checks []json.RawMessage `json:"checks"`
	}
	if err := json.Unmarshal([]byte(stdout), &doc); err != nil {
		t.Fatalf("stdout is not JSON: %v\n%s\n%s", err, stdout, stderr)
	}
	if code != 0 || !doc.OK || len(doc.Checks) == 0 {
		t.Errorf("exit %d ok %v, %d checks; stdout:\n%s", code, doc.OK, len(doc.Checks), stdout)
	}

	report := filepath.Join(dir, "ready.md")
	code, _, _ = runCheckArgs(t, "--env-file", env, "--stripe-url", srv.URL, "--production", "--report", report, "--confirm", "secrets-manager, stripe-account-activated")
	if code != 1 {
		t.Errorf("production with test keys: exit %d, want 1", code)
	}
	b, err := os.ReadFile(report)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"- [x] Keys kept in a secrets manager", "- [x] Stripe account activated"} {
		if !strings.Contains(string(b), want) {
			t.Errorf("report lacks %q", want)
		}
	}
}
