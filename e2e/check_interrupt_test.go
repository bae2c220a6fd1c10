package e2e

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// hangingHost accepts connections on loopback, reads the requests and never
// answers: a service that is up but stuck. It counts the requests.
func hangingHost(t *testing.T) (string, *atomic.Int64) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var n atomic.Int64
	var mu sync.Mutex
	var conns []net.Conn
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			conns = append(conns, c)
			mu.Unlock()
			go func() {
				br := bufio.NewReader(c)
				for {
					if _, err := http.ReadRequest(br); err != nil {
						return
					}
					n.Add(1)
				}
			}()
		}
	}()
	t.Cleanup(func() {
		_ = ln.Close()
		mu.Lock()
		defer mu.Unlock()
		for _, c := range conns {
			_ = c.Close()
		}
	})
	return "http://" + ln.Addr().String(), &n
}

// TestCheckInterrupted sends the real binary a real SIGINT (and SIGTERM)
// while every service hangs: it must stop, exit 130, and say the run was
// interrupted; its JSON must not claim success.
func TestCheckInterrupted(t *testing.T) {
	for _, c := range []struct {
		name             string
		sig              os.Signal
		json, production bool
	}{
		{"SIGINT json", os.Interrupt, true, false},
		{"SIGINT text", os.Interrupt, false, false},
		{"SIGINT production", os.Interrupt, false, true},
		{"SIGTERM json", syscall.SIGTERM, true, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			dead, requests := hangingHost(t)
			dir := newRepo(t)
			if err := os.WriteFile(filepath.Join(dir, ".env"), []byte(demoKeys), 0o600); err != nil {
				t.Fatal(err)
			}
			args := []string{"check", "--dir", dir, "--plaid-url", dead, "--stripe-url", dead}
			if c.json {
				args = append(args, "--json")
			}
			if c.production {
				args = append(args, "--production")
			}
			cmd := exec.Command(binPath(t), args...)
			cmd.Dir = dir
			cmd.Env = isolatedEnv(t)
			var out, errb bytes.Buffer
			cmd.Stdout, cmd.Stderr = &out, &errb
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			exited := make(chan error, 1)
			go func() { exited <- cmd.Wait() }()
			// Interrupt once every provider's first call is in flight.
			for requests.Load() < 3 {
				select {
				case err := <-exited:
					t.Fatalf("onboard check ended before it was interrupted: %v\n%s", err, maskAll(out.Bytes()))
				case <-time.After(10 * time.Millisecond):
				}
			}
			sent := time.Now()
			if err := cmd.Process.Signal(c.sig); err != nil {
				t.Fatal(err)
			}
			var err error
			select {
			case err = <-exited:
			case <-time.After(30 * time.Second):
				_ = cmd.Process.Kill()
				t.Fatal("onboard check did not stop within 30 s of the signal")
			}
			t.Logf("stopped %s after the signal", time.Since(sent).Round(time.Millisecond))
			r := result{stdout: out.Bytes(), stderr: errb.Bytes()}
			if ee := (*exec.ExitError)(nil); errors.As(err, &ee) {
				r.code = ee.ExitCode()
			}
			if r.code != 130 {
				t.Errorf("exit %d, want 130; stderr: %s", r.code, maskAll(r.stderr))
			}
			if c.json {
				var doc struct {
					OK          bool `json:"ok"`
					Interrupted bool `json:"interrupted"`
				}
				if err := json.Unmarshal(r.stdout, &doc); err != nil {
					t.Fatalf("stdout is not the JSON document: %v", err)
				}
				if doc.OK || !doc.Interrupted {
					t.Errorf("ok %v, interrupted %v; want false, true", doc.OK, doc.Interrupted)
				}
			} else if !bytes.Contains(r.stdout, []byte("Interrupted before every check finished")) || bytes.Contains(r.stdout, []byte("All checks passed")) {
				t.Errorf("the report does not say the run was interrupted:\n%s", maskAll(r.stdout))
			}
			if _, err := os.Stat(filepath.Join(dir, "onboard-readiness.md")); err == nil {
				t.Error("an interrupted run wrote the readiness report")
			}
			assertNoLeakAnywhere(t, c.name, r, dir, nil, canaries)
		})
	}
}
