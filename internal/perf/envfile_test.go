package perf_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/onboard-dev/onboard/internal/envfile"
)

// envLines writes a .env of n lines in the mix a real one has: comments,
// blank lines, plain, quoted and exported values.
func envLines(tb testing.TB, n int) string {
	tb.Helper()
	var b strings.Builder
	for i := 0; i < n; i++ {
		switch i % 4 {
		case 0:
			fmt.Fprintf(&b, "# group %d\n", i)
		case 1:
			fmt.Fprintf(&b, "APP_SETTING_%d=value-%d\n", i, i)
		case 2:
			fmt.Fprintf(&b, "export QUOTED_%d=\"a quoted value %d\"\n", i, i)
		default:
			b.WriteString("\n")
		}
	}
	path := filepath.Join(tb.TempDir(), ".env")
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		tb.Fatal(err)
	}
	return path
}

// BenchmarkEnvApplyScaling updates the same keys in files of growing size:
// the time per update should grow with the file, not faster (a quadratic
// merge would show here long before users noticed it). It reports the CPU
// time per update too: on a shared machine, wall time also measures the
// neighbours.
func BenchmarkEnvApplyScaling(b *testing.B) {
	for _, n := range []int{2500, 10000, 40000} {
		b.Run(fmt.Sprintf("lines=%d", n), func(b *testing.B) {
			path := envLines(b, n)
			b.ReportAllocs()
			b.ResetTimer()
			cpu := cpuTime()
			defer func() { b.ReportMetric(float64(cpuTime()-cpu)/float64(b.N)/1e6, "cpu-ms/op") }()
			for i := 0; i < b.N; i++ {
				sets := []envfile.Set{
					{Key: fmt.Sprintf("APP_SETTING_%d", n/2+1), Value: fmt.Sprint("v", i)},
					{Key: "STRIPE_SECRET_KEY", Value: fmt.Sprint("sk_test_bench", i), Secret: true, Group: "Stripe"},
				}
				if _, err := envfile.Apply(path, sets, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// cpuTime is the process's user and system CPU time so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
