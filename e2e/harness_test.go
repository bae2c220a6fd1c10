package e2e

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/onboard-dev/onboard/internal/providers/sandbox"
	"github.com/onboard-dev/onboard/internal/providers/sandbox/plaidsim"
	"github.com/onboard-dev/onboard/internal/providers/sandbox/stripesim"
	"github.com/onboard-dev/onboard/internal/testkit/journey"
	"github.com/onboard-dev/onboard/internal/testkit/leakcheck"
)

// The onboard binary under test, built once for the whole suite by
// TestMain (as `make build` builds it), or taken from ONBOARD_BIN (`make
// test-e2e` passes the one it built), and the isolated HOME every run of it
// shares.
var (
	builtPath string
	homeDir   string
	runEnv    []string
)

func TestMain(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	work, err := os.MkdirTemp("", "onboard-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		return 1
	}
	defer os.RemoveAll(work)
	homeDir = filepath.Join(work, "home")
	if runEnv, err = journey.Env(homeDir); err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		return 1
	}
	if builtPath = os.Getenv("ONBOARD_BIN"); builtPath != "" {
		// go test runs the suite in e2e/, so a relative path would be
		// read from there, not from where it was typed.
		if !filepath.IsAbs(builtPath) {
			fmt.Fprintf(os.Stderr, "e2e: ONBOARD_BIN must be an absolute path, not %q\n", builtPath)
			return 1
		}
		if _, err := os.Stat(builtPath); err != nil {
			fmt.Fprintln(os.Stderr, "e2e: ONBOARD_BIN:", err)
			return 1
		}
	} else {
		builtPath = filepath.Join(work, "onboard")
		build := exec.Command("go", "build", "-trimpath", "-o", builtPath, "..")
		build.Env = append(os.Environ(), "CGO_ENABLED=0")
		if out, err := build.CombinedOutput(); err != nil {
			fmt.Fprintf(os.Stderr, "e2e: go build failed: %v\n%s", err, out)
			return 1
		}
	}
	return m.Run()
}

// binPath is the binary under test.
func binPath(t *testing.T) string {
	t.Helper()
	return builtPath
}

// isolatedEnv is the environment of every run: the test's, with HOME,
// TMPDIR and git's configuration isolated (journey.Env), so nothing of the
// developer's leaks in and whatever onboard leaves there is scanned.
func isolatedEnv(t *testing.T) []string {
	t.Helper()
	return runEnv
}

// needGit skips without git on a developer's machine, and fails in CI,
// where scripts/deps.sh installs it.
func needGit(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("git is not installed in CI; scripts/deps.sh should have installed it")
		}
		t.Skip("git is not installed; run `make deps`")
	}
}

// newRepo is a git repository whose .gitignore covers .env.
func newRepo(t *testing.T) string {
	t.Helper()
	dir := emptyRepo(t)
	if err := os.WriteFile(filepath.Join(dir, ".gitignore"), []byte(".env\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"add", ".gitignore"}, {"commit", "-q", "-m", "ignore .env"}} {
		if err := journey.Git(runEnv, dir, args...); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// emptyRepo is a new git repository with nothing in it: a project that
// has nothing of onboard's yet.
func emptyRepo(t *testing.T) string {
	t.Helper()
	needGit(t)
	dir := filepath.Join(t.TempDir(), "app")
	if err := journey.Repo(runEnv, dir); err != nil {
		t.Fatal(err)
	}
	return dir
}

// result is what one run of the binary produced.
type result struct {
	code           int
	stdout, stderr []byte
	timedOut       bool
}

// runBin runs the binary with args in dir, stdin from stdin (nil: none),
// and kills it after limit. The environment is the test's with HOME and
// git's configuration isolated, so nothing of the developer's leaks in.
func runBin(t *testing.T, dir string, stdin []byte, limit time.Duration, args ...string) result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	cmd := exec.CommandContext(ctx, binPath(t), args...)
	cmd.Dir = dir
	cmd.Env = isolatedEnv(t)
	if stdin != nil {
		cmd.Stdin = bytes.NewReader(stdin)
	}
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	cmd.WaitDelay = time.Second
	err := cmd.Run()
	r := result{stdout: out.Bytes(), stderr: errb.Bytes(), timedOut: ctx.Err() != nil}
	if ee := (*exec.ExitError)(nil); errors.As(err, &ee) {
		r.code = ee.ExitCode()
	} else if err != nil && !r.timedOut {
		t.Fatalf("running onboard: %v", err)
	}
	return r
}

// recorder wraps a simulator and keeps every request's URL and headers, so
// a test can prove where a secret was (and was not) sent.
type recorder struct {
	next http.Handler
	mu   sync.Mutex
	reqs []recorded
}

type recorded struct {
	url    string
	header http.Header
}

func (r *recorder) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	r.mu.Lock()
	r.reqs = append(r.reqs, recorded{url: req.URL.String(), header: req.Header.Clone()})
	r.mu.Unlock()
	r.next.ServeHTTP(w, req)
}

func (r *recorder) requests() []recorded {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]recorded(nil), r.reqs...)
}

// urls is every request URL, one a line, for the leak scan.
func (r *recorder) urls() []byte {
	var b bytes.Buffer
	for _, q := range r.requests() {
		b.WriteString(q.url + "\n")
	}
	return b.Bytes()
}

// carrying counts the requests that carried s anywhere in their headers.
func (r *recorder) carrying(s string) int {
	n := 0
	for _, q := range r.requests() {
		for _, vs := range q.header {
			for _, v := range vs {
				if strings.Contains(v, s) {
					n++
				}
			}
		}
	}
	return n
}

type sims struct {
	plaidURL, stripeURL string
	plaid, stripe       *recorder
}

func startSims(t *testing.T) sims {
	t.Helper()
	p := &recorder{next: plaidsim.New()}
	s := &recorder{next: stripesim.New()}
	ps, err := sandbox.Serve(p, sandbox.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ps.Close() })
	ss, err := sandbox.Serve(s, sandbox.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ss.Close() })
	return sims{plaidURL: ps.URL, stripeURL: ss.URL, plaid: p, stripe: s}
}

// closedURL is a loopback address nothing listens on.
func closedURL(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	_ = ln.Close()
	return "http://" + addr
}

// isEnvOrBackup: a file that holds the secrets (the .env and what onboard
// keeps beside it); .env.example holds none, is committed, and is scanned
// like any other file.
func isEnvOrBackup(rel string) bool {
	base := filepath.Base(rel)
	if base == ".env.example" {
		return false
	}
	return base == ".env" || strings.HasPrefix(base, ".env.") || strings.HasPrefix(base, ".env~")
}

// assertNoLeakAnywhere scans a run's stdout and stderr, every file left in
// dir but the .env and its backups, and the URLs the simulators were asked
// for.
func assertNoLeakAnywhere(t *testing.T, label string, r result, dir string, s *sims, secrets []string) {
	t.Helper()
	outs := map[string][]byte{label + " stdout": r.stdout, label + " stderr": r.stderr}
	files, err := leakcheck.ReadTree(dir, isEnvOrBackup)
	if err != nil {
		t.Fatal(err)
	}
	for name, b := range files {
		outs[label+" file "+name] = b
	}
	for name, b := range homeFiles(t) {
		outs[label+" "+name] = b
	}
	if s != nil {
		outs[label+" plaid request URLs"] = s.plaid.urls()
		outs[label+" stripe request URLs"] = s.stripe.urls()
	}
	leakcheck.AssertNoneExcept(t, outs, secrets, publicValues)
}

// publicValues are shown by design (publishable keys, client ids); a
// secret key shares its account's piece with its publishable key.
var publicValues = []string{canaryTestPK, canaryLivePK, canaryPlaidID,
	sandbox.DemoStripePublishableKey, sandbox.DemoPlaidClientID, sandbox.DemoStripeClientID, sandbox.DemoStripeAccountID}

// homeFiles is everything onboard runs have left in the isolated HOME and
// TMPDIR: logs, caches, temp files. None may hold a secret.
func homeFiles(t *testing.T) map[string][]byte {
	t.Helper()
	if homeDir == "" {
		return nil
	}
	files, err := leakcheck.ReadTree(homeDir, isEnvOrBackup)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for name, b := range files {
		out["$HOME/"+name] = b
	}
	return out
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
