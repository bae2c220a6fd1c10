// Package stripemock starts Stripe's own stripe-mock server for tests.
// stripe-mock is built from Stripe's OpenAPI spec and rejects any route or
// parameter the real API would not accept, so a request shape it takes is a
// request shape Stripe takes. It is stateless and accepts any well-formed
// test key, so it cannot stand in for behaviour that depends on accounts.
package stripemock

import (
	"bufio"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

const listenLine = "Listening for HTTP at address: "

// Start runs stripe-mock on loopback for the length of the test and returns
// its base URL (http://127.0.0.1:PORT). Without the binary the test is
// skipped locally, and fails in CI (env CI set), where `make deps` installs it.
func Start(t testing.TB) string {
	t.Helper()
	bin, err := find()
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("stripe-mock is required in CI: %v (run `make deps`)", err)
		}
		t.Skipf("stripe-mock not installed (%v); `make deps` installs it", err)
	}
	// Both listeners on loopback: -http-addr alone leaves HTTPS on all
	// interfaces.
	// The test's context ends the server with the test, as the cleanup
	// below does.
	cmd := exec.CommandContext(t.Context(), bin, "-http-addr", "127.0.0.1:0", "-https-addr", "127.0.0.1:0")
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatalf("stripe-mock: %v", err)
	}
	cmd.Stderr = cmd.Stdout
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting stripe-mock: %v", err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	})

	// addr receives the address, or "" when stripe-mock exits first.
	addr := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			if a, ok := strings.CutPrefix(sc.Text(), listenLine); ok {
				addr <- strings.TrimSpace(a)
				_, _ = io.Copy(io.Discard, out) // keep the pipe drained until exit
				return
			}
		}
		addr <- ""
	}()
	select {
	case a := <-addr:
		if a == "" {
			t.Fatalf("stripe-mock exited before it reported its address")
		}
		return "http://" + a
	case <-time.After(20 * time.Second):
		t.Fatalf("stripe-mock did not report its address within 20s")
	}
	return ""
}

// find looks for the binary: $STRIPE_MOCK_BIN, then the repository's
// .tools/bin (where scripts/deps.sh puts it), then PATH.
func find() (string, error) {
	if p := os.Getenv("STRIPE_MOCK_BIN"); p != "" {
		if isExec(p) {
			return p, nil
		}
		return "", errors.New("STRIPE_MOCK_BIN=" + p + " is not an executable file")
	}
	if root, ok := repoRoot(); ok {
		if p := filepath.Join(root, ".tools", "bin", "stripe-mock"); isExec(p) {
			return p, nil
		}
	}
	return exec.LookPath("stripe-mock")
}

func repoRoot() (string, bool) {
	dir, err := os.Getwd()
	if err != nil {
		return "", false
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, true
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", false
		}
		dir = parent
	}
}

func isExec(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && !fi.IsDir() && fi.Mode()&0o111 != 0
}
