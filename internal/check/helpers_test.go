package check

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/onboard-dev/onboard/internal/providers"
	"github.com/onboard-dev/onboard/internal/providers/apihttp"
	"github.com/onboard-dev/onboard/internal/providers/sandbox"
	"github.com/onboard-dev/onboard/internal/providers/sandbox/plaidsim"
	"github.com/onboard-dev/onboard/internal/providers/sandbox/stripesim"
)

// isolateGit points git at an empty home and global config, so the
// developer's own excludes or hooks cannot change what the tests see.
func isolateGit(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed; run `make deps`")
	}
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(home, ".config"))
	t.Setenv("GIT_CONFIG_GLOBAL", filepath.Join(home, "gitconfig"))
	t.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	t.Setenv("GIT_AUTHOR_NAME", "Test")
	t.Setenv("GIT_AUTHOR_EMAIL", "test@example.invalid")
	t.Setenv("GIT_COMMITTER_NAME", "Test")
	t.Setenv("GIT_COMMITTER_EMAIL", "test@example.invalid")
}

func git(t *testing.T, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

// newRepo is a git repository whose .gitignore covers .env and the files onboard
// keeps beside it, as the wizard's fix leaves it, with one commit.
func newRepo(t *testing.T) string {
	t.Helper()
	isolateGit(t)
	dir := t.TempDir()
	git(t, dir, "init", "-q")
	writeFile(t, filepath.Join(dir, ".gitignore"), ".env\n.env.*\n!.env.example\n")
	git(t, dir, "add", ".gitignore")
	git(t, dir, "commit", "-q", "-m", "ignore .env")
	return dir
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}

func envText(kv ...string) string {
	var b strings.Builder
	for i := 0; i+1 < len(kv); i += 2 {
		b.WriteString(kv[i] + "=" + kv[i+1] + "\n")
	}
	return b.String()
}

// Simulators on loopback.
type sims struct {
	plaidURL, stripeURL string
	plaid               *plaidsim.Sim
	stripeRequests      func() int
}

func startSims(t *testing.T) sims {
	t.Helper()
	ps, p, err := plaidsim.Start(sandbox.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ps.Close() })
	ss, s, err := stripesim.Start(sandbox.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ss.Close() })
	return sims{plaidURL: ps.URL, stripeURL: ss.URL, plaid: p, stripeRequests: s.Requests}
}

// countingServer answers every request with 500 and counts them: a stand-in
// for "a host that must never be contacted".
func countingServer(t *testing.T) (string, *atomic.Int64) {
	t.Helper()
	var n atomic.Int64
	srv, err := sandbox.Serve(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		http.Error(w, "{}", http.StatusInternalServerError)
	}), sandbox.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	return srv.URL, &n
}

// silentListener accepts connections on loopback, reads each request and
// never answers, until the test ends: a host that is up but dead. It counts
// the requests that reached it.
func silentListener(t *testing.T) (url string, requests *atomic.Int64) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var n atomic.Int64
	var mu sync.Mutex
	var open []net.Conn
	closed := false
	var conns sync.WaitGroup
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			if closed {
				mu.Unlock()
				_ = c.Close()
				return
			}
			open = append(open, c)
			conns.Add(1)
			mu.Unlock()
			go func() {
				defer conns.Done()
				br := bufio.NewReader(c)
				for {
					if _, err := http.ReadRequest(br); err != nil {
						return // the client gave up, or the test ended
					}
					n.Add(1)
				}
			}()
		}
	}()
	t.Cleanup(func() {
		_ = ln.Close()
		mu.Lock()
		closed = true
		for _, c := range open {
			_ = c.Close()
		}
		mu.Unlock()
		conns.Wait()
	})
	return "http://" + ln.Addr().String(), &n
}

// closedPort is a loopback address nothing listens on.
func closedPort(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	_ = ln.Close()
	return "http://" + addr
}

// fastHTTP keeps failing tests quick: short per-attempt timeout, no backoff.
func fastHTTP() *apihttp.Client {
	c := apihttp.New()
	c.Timeout = 5 * time.Second
	c.Backoff = func(int) time.Duration { return time.Millisecond }
	return c
}

func noShell(string) (string, bool) { return "", false }

var fixedNow = func() time.Time { return time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC) }

type runResult struct {
	code           int
	stdout, stderr string
}

func run(t *testing.T, opts Options) runResult {
	t.Helper()
	if opts.LookupEnv == nil {
		opts.LookupEnv = noShell
	}
	if opts.Now == nil {
		opts.Now = fixedNow
	}
	if opts.HTTP == nil {
		opts.HTTP = fastHTTP()
	}
	var out, errb bytes.Buffer
	code := Run(context.Background(), opts, &out, &errb)
	return runResult{code: code, stdout: out.String(), stderr: errb.String()}
}

type jsonDoc struct {
	OK          bool               `json:"ok"`
	Interrupted bool               `json:"interrupted"`
	Checks      []providers.Result `json:"checks"`
}

func decode(t *testing.T, s string) jsonDoc {
	t.Helper()
	var d jsonDoc
	dec := json.NewDecoder(strings.NewReader(s))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&d); err != nil {
		t.Fatalf("stdout is not the JSON document: %v\n%s", err, s)
	}
	return d
}

func find(d jsonDoc, provider, name string) (providers.Result, bool) {
	for _, r := range d.Checks {
		if string(r.Provider) == provider && r.Name == name {
			return r, true
		}
	}
	return providers.Result{}, false
}

func mustFind(t *testing.T, d jsonDoc, provider, name string) providers.Result {
	t.Helper()
	r, ok := find(d, provider, name)
	if !ok {
		t.Fatalf("no %s/%s result in %+v", provider, name, d.Checks)
	}
	return r
}

func failures(d jsonDoc) []string {
	var f []string
	for _, r := range d.Checks {
		if r.Status == providers.Fail {
			f = append(f, string(r.Provider)+"/"+r.Name+": "+r.Detail)
		}
	}
	return f
}

// urls are the URL overrides for the Plaid and Stripe services ("" none).
func urls(plaidURL, stripeURL string) map[string]string {
	out := map[string]string{}
	if plaidURL != "" {
		out["plaid-url"] = plaidURL
	}
	if stripeURL != "" {
		out["stripe-url"] = stripeURL
	}
	return out
}
