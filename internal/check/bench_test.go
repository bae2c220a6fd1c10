package check

import (
	"bytes"
	"context"
	"github.com/onboard-dev/onboard/internal/exit"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/onboard-dev/onboard/internal/providers/sandbox"
	"github.com/onboard-dev/onboard/internal/providers/sandbox/plaidsim"
	"github.com/onboard-dev/onboard/internal/providers/sandbox/stripesim"
)

// BenchmarkCheckSlowServices runs a whole check against simulators that add
// 25ms to every answer. Plaid's Sandbox sequence makes several calls and
// Stripe's a few; because the providers verify concurrently, a run costs
// about the slower sequence, not the sum of both.
func BenchmarkCheckSlowServices(b *testing.B) {
	home := b.TempDir()
	b.Setenv("HOME", home)
	b.Setenv("GIT_CONFIG_GLOBAL", filepath.Join(home, "gitconfig"))
	b.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	dir := b.TempDir()
	if err := os.WriteFile(filepath.Join(dir, ".env"), []byte(demoEnv()), 0o600); err != nil {
		b.Fatal(err)
	}
	slow := sandbox.Options{Latency: 25 * time.Millisecond}
	ps, _, err := plaidsim.Start(slow)
	if err != nil {
		b.Fatal(err)
	}
	defer ps.Close()
	ss, _, err := stripesim.Start(slow)
	if err != nil {
		b.Fatal(err)
	}
	defer ss.Close()
	opts := Options{Dir: dir, JSON: true, URLs: urls(ps.URL, ss.URL), LookupEnv: noShell, Now: fixedNow, HTTP: fastHTTP()}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		var out bytes.Buffer
		if code := Run(context.Background(), opts, &out, &out); code != exit.OK {
			b.Fatalf("exit %d:\n%s", code, out.String())
		}
	}
}
