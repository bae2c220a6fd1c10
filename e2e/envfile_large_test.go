package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/onboard-dev/onboard/internal/envfile"
	"github.com/onboard-dev/onboard/internal/testkit/leakcheck"
)

// TestVeryLargeEnv: a 0.6 MB .env (5,000 variables and one 256 KiB value)
// is updated without losing a variable, stays mode 0600, and `onboard
// check` reads it and ends without leaking the secret it holds. The envfile
// tests cover the other hostile files (directory, unreadable, read-only
// folder, CRLF, BOM, invalid UTF-8, duplicates, crash, two writers).
func TestVeryLargeEnv(t *testing.T) {
	dir := newRepo(t)
	path := filepath.Join(dir, ".env")
	var b strings.Builder
	for i := 0; i < 5000; i++ {
		fmt.Fprintf(&b, "APP_SETTING_%05d=value-%05d-padding-padding-padding-padding-padding-padding-padding\n", i, i)
	}
	b.WriteString("BIG=" + strings.Repeat("x", 256<<10) + "\n")
	b.WriteString("PLAID_SECRET=" + canaryPlaidSK + "\n")
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	before, err := envfile.Read(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := envfile.Apply(path, []envfile.Set{{Key: "STRIPE_SECRET_KEY", Value: canaryTestSK, Secret: true}}, nil); err != nil {
		leakcheck.AssertNoLeak(t, "Apply error", []byte(err.Error()), canaries...)
		t.Fatalf("a large .env could not be updated: %v", err)
	}
	after, err := envfile.Read(path)
	if err != nil {
		t.Fatal(err)
	}
	lost := 0
	for _, k := range before.Keys() {
		want, _ := before.Lookup(k)
		if got, ok := after.Lookup(k); !ok || got != want {
			lost++
		}
	}
	if lost > 0 || len(after.Keys()) != len(before.Keys())+1 {
		t.Errorf("%d of %d variables lost or changed; %d keys after, want %d", lost, len(before.Keys()), len(after.Keys()), len(before.Keys())+1)
	}
	if st, err := os.Stat(path); err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf(".env mode after the update: %v %v", st.Mode().Perm(), err)
	}

	r := runBin(t, dir, nil, noTTYLimit, "check", "--json", "--dir", dir, "--plaid-url", closedURL(t), "--stripe-url", closedURL(t))
	if r.timedOut {
		t.Fatal("onboard check did not end on a large .env")
	}
	if r.code != 0 && r.code != 1 {
		t.Errorf("onboard check exit %d on a large .env: %s", r.code, maskAll(r.stderr))
	}
	assertNoLeakAnywhere(t, "large .env", r, dir, nil, canaries)
}
