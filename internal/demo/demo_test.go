package demo

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/onboard-dev/onboard/internal/providers"
)

// The simulators start on the first verification, on loopback, and the
// demo keys pass every provider's checks against them.
func TestLazyStartsOnFirstVerifyAndDemoKeysPass(t *testing.T) {
	l := &Lazy{}
	t.Cleanup(func() { _ = l.Close() })
	ps := l.Providers()
	v := Values()
	for _, p := range ps {
		_ = p.Fields()
		_ = p.Checklist(v)
	}
	if l.sims != nil {
		t.Fatal("simulators started before any verification")
	}
	v["STRIPE_CONNECT_ACCOUNT_TYPE"] = "express"
	for _, p := range ps {
		for _, r := range p.Verify(context.Background(), v, func(providers.Result) {}) {
			if r.Status == providers.Fail {
				t.Errorf("%s %s failed: %s", p.Spec().ID, r.Name, r.Detail)
			}
		}
	}
	for _, u := range []string{l.sims.URLs["plaid-url"], l.sims.URLs["stripe-url"]} {
		if !strings.HasPrefix(u, "http://127.0.0.1:") {
			t.Errorf("simulator at %s, want loopback", u)
		}
	}
}

func TestInitRepoOnceAndOnlyThere(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := t.TempDir()
	for i := 0; i < 2; i++ {
		if err := InitRepo(context.Background(), dir); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, ".git")); err != nil {
		t.Fatal("no repository created")
	}
}
