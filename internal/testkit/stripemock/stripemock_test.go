package stripemock

import (
	"net/http"
	"os"
	"runtime"
	"testing"
)

func TestStartServesOnLoopback(t *testing.T) {
	base := Start(t)
	req, _ := http.NewRequest(http.MethodGet, base+"/v1/account", nil)
	req.Header.Set("Authorization", "Bearer sk_test_123")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET /v1/account: HTTP %d", resp.StatusCode)
	}
	if got := base[:len("http://127.0.0.1:")]; got != "http://127.0.0.1:" {
		t.Fatalf("stripe-mock not on loopback: %s", base)
	}
}

func TestMissingBinaryFromEnvIsReported(t *testing.T) {
	t.Setenv("STRIPE_MOCK_BIN", t.TempDir()+"/nope")
	if _, err := find(); err == nil {
		t.Fatal("find accepted a missing STRIPE_MOCK_BIN")
	}
}

func TestEarlyExitIsReported(t *testing.T) {
	// A binary that prints nothing and exits: Start must fail fast rather
	// than wait for an address line that never comes.
	dir := t.TempDir()
	fake := dir + "/stripe-mock"
	if err := os.WriteFile(fake, []byte("#!/bin/sh\nexit 3\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("STRIPE_MOCK_BIN", fake)
	ft := &fatalRecorder{TB: t}
	done := make(chan struct{})
	go func() {
		defer close(done)
		Start(ft)
	}()
	<-done
	if !ft.failed {
		t.Fatal("Start did not fail when stripe-mock exited early")
	}
}

// fatalRecorder turns Fatalf into a recorded failure that ends the
// goroutine, so a test can check that Start gives up.
type fatalRecorder struct {
	testing.TB
	failed bool
}

func (f *fatalRecorder) Fatalf(string, ...any) {
	f.failed = true
	runtime.Goexit()
}
