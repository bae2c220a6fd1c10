package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/onboard-dev/onboard/internal/envfile"
	"github.com/onboard-dev/onboard/internal/exit"
)

// runMain runs the command line as the binary would and returns the exit
// status and what went to stdout and stderr.
func runMain(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	dir := t.TempDir()
	out, err := os.Create(filepath.Join(dir, "stdout"))
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	errf, err := os.Create(filepath.Join(dir, "stderr"))
	if err != nil {
		t.Fatal(err)
	}
	defer errf.Close()
	null, err := os.Open(os.DevNull)
	if err != nil {
		t.Fatal(err)
	}
	defer null.Close()
	code := run(args, null, out, errf)
	o, _ := os.ReadFile(out.Name())
	e, _ := os.ReadFile(errf.Name())
	return code, string(o), string(e)
}

func TestVersionFlag(t *testing.T) {
	code, got, _ := runMain(t, "--version")
	if code != exit.OK {
		t.Fatalf("--version exit %d, want 0", code)
	}
	if !strings.HasPrefix(got, "onboard ") || strings.Count(got, "\n") != 1 {
		t.Fatalf("--version printed %q, want one line starting with \"onboard \"", got)
	}
}

// Help goes to stdout with exit 0, however it is asked for, so
// `onboard --help | less` works.
func TestHelpOnStdout(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--help"}, "--env-file"},
		{[]string{"-h"}, "onboard check [flags]"},
		{[]string{"help"}, "--accessible"},
		{[]string{"help", "check"}, "--confirm"},
		{[]string{"check", "--help"}, "--json"},
		{[]string{"help", "scan"}, "--sarif"},
		{[]string{"scan", "-h"}, "every commit"},
	} {
		code, stdout, stderr := runMain(t, tc.args...)
		if code != exit.OK || !strings.Contains(stdout, tc.want) || stderr != "" {
			t.Errorf("%v: exit %d, stdout has %q: %v, stderr %q", tc.args, code, tc.want, strings.Contains(stdout, tc.want), stderr)
		}
		if !strings.Contains(stdout, "exit status:") {
			t.Errorf("%v: the help does not say what the exit statuses mean", tc.args)
		}
	}
}

// A mistake in the command line is one line saying what is wrong and one
// saying where to read more, on stderr, exit 2: never the whole usage.
func TestBadCommandLineIsOneLineAndAHint(t *testing.T) {
	folder := t.TempDir()
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--no-such-flag"}, "flag provided but not defined: -no-such-flag"},
		{[]string{"chek"}, `no command "chek"`},
		{[]string{"help", "chek"}, `no command "chek"`},
		{[]string{"--dir", "/nonexistent/x"}, "--dir /nonexistent/x is not a directory"},
		{[]string{"--env-file", folder}, "this is a folder, not a file"},
		{[]string{"--env-file", filepath.Join(folder, "missing", ".env")}, "does not exist"},
		{[]string{"--stripe-url", "ftp://x"}, "--stripe-url must be an http(s) URL"},
		{[]string{"check", "--bogus"}, "onboard check: flag provided but not defined"},
		{[]string{"check", "--env-file", folder}, "this is a folder, not a file"},
		{[]string{"check", "extra"}, `unexpected argument "extra"`},
		{[]string{"scan", "--json", "--sarif"}, "choose one of --json and --sarif"},
		{[]string{"scan", "--nope"}, "onboard scan: flag provided but not defined"},
	} {
		code, stdout, stderr := runMain(t, tc.args...)
		lines := strings.Split(strings.TrimSuffix(stderr, "\n"), "\n")
		if code != exit.Usage || stdout != "" || len(lines) != 2 || !strings.Contains(lines[0], tc.want) || !strings.Contains(lines[1], "--help") {
			t.Errorf("%v: exit %d, stdout %q, stderr:\n%s\nwant exit 2, %q and a --help hint", tc.args, code, stdout, stderr, tc.want)
		}
	}
}

// The Done screen advises a check command that works where the person is:
// the demo's folder against the simulators, the binary by the path it was
// started with when PATH does not find it.
func TestCheckCommandLine(t *testing.T) {
	t.Setenv("PATH", t.TempDir()) // no onboard on PATH
	got := checkCommandLine(&wizardFlags{demo: true}, "/tmp/onboard-demo-1 2")
	want := envfile.ShellQuote(os.Args[0]) + " check --demo --dir '/tmp/onboard-demo-1 2'"
	if got != want {
		t.Errorf("demo: %q, want %q", got, want)
	}
	if got := checkCommandLine(&wizardFlags{envFile: "prod.env", production: true}, "."); !strings.HasSuffix(got, " check --env-file prod.env --production") {
		t.Errorf("production: %q", got)
	}
}

// A presenter walks the demo with Enter alone, in production mode too:
// the readiness checks fail on the demo's test keys, say what would stop
// a real go-live, and let the walk go on to the end.
func TestDemoCompletesOnEnterAlone(t *testing.T) {
	t.Setenv("HOME", t.TempDir())
	t.Setenv("GIT_CONFIG_GLOBAL", filepath.Join(t.TempDir(), "gitconfig"))
	t.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	for _, mode := range [][]string{nil, {"--production"}} {
		dir := t.TempDir()
		enters := filepath.Join(t.TempDir(), "enters")
		if err := os.WriteFile(enters, []byte(strings.Repeat("\n", 60)), 0o600); err != nil {
			t.Fatal(err)
		}
		in, err := os.Open(enters)
		if err != nil {
			t.Fatal(err)
		}
		out, err := os.Create(filepath.Join(t.TempDir(), "out"))
		if err != nil {
			t.Fatal(err)
		}
		code := run(append([]string{"--demo", "--dir", dir}, mode...), in, out, out)
		in.Close()
		out.Close()
		b, _ := os.ReadFile(out.Name())
		if code != exit.OK || !strings.Contains(string(b), "Wrote "+filepath.Join(dir, ".env")) {
			t.Fatalf("demo %v: exit %d\n%s", mode, code, b)
		}
		if len(mode) > 0 && !strings.Contains(string(b), "A real go-live would be stopped") {
			t.Errorf("demo --production did not say what would block a go-live:\n%s", b)
		}
	}
}

// A key typed where a flag, its value or a command belonged is quoted back
// masked, whatever the mistake.
func TestUsageErrorsMaskKeys(t *testing.T) {
	key := "sk_live_" + strings.Repeat("Q", 24)
	for _, args := range [][]string{
		{key},
		{"help", key},
		{"--" + key},
		{"check", "--json=" + key},
		{"check", "--dir", key},
		{"check", "extra", key},
		{"check", "--production", "--confirm", key},
		{"scan", key},
	} {
		_, stdout, stderr := runMain(t, args...)
		if strings.Contains(stdout+stderr, key) {
			t.Errorf("%v: the key is quoted in full:\n%s", args, stderr)
		}
	}
}
