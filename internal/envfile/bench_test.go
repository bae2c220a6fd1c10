package envfile

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// bigEnv is a 10,000-line file: comments, blank lines, quoted and plain
// values, exports, inline comments.
func bigEnv() string { return envOfLines(10000) }

func envOfLines(n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		switch i % 5 {
		case 0:
			fmt.Fprintf(&b, "# section %d\n", i)
		case 1:
			fmt.Fprintf(&b, "KEY_%d=value_%d\n", i, i)
		case 2:
			fmt.Fprintf(&b, "export QUOTED_%d='some value %d' # note\n", i, i)
		case 3:
			fmt.Fprintf(&b, "DOUBLE_%d=\"with \\\"escapes\\\" %d\"\n", i, i)
		default:
			b.WriteString("\n")
		}
	}
	return b.String()
}

func reportCPU(b *testing.B, start time.Duration) {
	b.ReportMetric(float64(cpuTime()-start)/float64(b.N)/1e6, "cpu-ms/op")
}

func benchFile(b *testing.B) string { return benchFileOf(b, bigEnv()) }

func benchFileOf(b *testing.B, content string) string {
	path := filepath.Join(b.TempDir(), ".env")
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		b.Fatal(err)
	}
	return path
}

// BenchmarkApply10k updates three keys (one in place, one new, one removed
// and re-added) of a 10,000-line file, fsync and read-back included.
func BenchmarkApply10k(b *testing.B) {
	path := benchFile(b)
	b.ResetTimer()
	defer reportCPU(b, cpuTime())
	for i := 0; i < b.N; i++ {
		v := fmt.Sprintf("v%d", i)
		sets := []Set{{Key: "KEY_5001", Value: v}, {Key: "PLAID_SECRET", Value: "s" + v, Secret: true, Group: "Plaid"}}
		var removes []string
		if i%2 == 0 {
			sets = append(sets, Set{Key: "EXTRA", Value: v})
		} else {
			removes = []string{"EXTRA"}
		}
		if _, err := Apply(path, sets, removes); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDiff10k(b *testing.B) {
	path := benchFile(b)
	sets := []Set{{Key: "KEY_5001", Value: "changed"}, {Key: "NEW_KEY", Value: "x", Group: "G"}, {Key: "KEY_9996", Value: "value_9996"}}
	b.ResetTimer()
	defer reportCPU(b, cpuTime())
	for i := 0; i < b.N; i++ {
		if _, err := Diff(path, sets, []string{"KEY_1"}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDiffScaling shows the cost grows linearly with the file: compare
// ns/op (or cpu-ms/op) per line across the sizes.
func BenchmarkDiffScaling(b *testing.B) {
	for _, n := range []int{1000, 10000, 40000} {
		b.Run(fmt.Sprintf("lines=%d", n), func(b *testing.B) {
			path := benchFileOf(b, envOfLines(n))
			sets := []Set{{Key: "KEY_501", Value: "changed"}, {Key: "NEW_KEY", Value: "x"}}
			b.ResetTimer()
			defer reportCPU(b, cpuTime())
			for i := 0; i < b.N; i++ {
				if _, err := Diff(path, sets, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkApplyScaling updates the same keys in files of growing size:
// the time per update should grow with the file, not faster (a quadratic
// merge would show here long before users noticed it). It reports the CPU
// time per update too: on a shared machine, wall time also measures the
// neighbours. `make bench` holds the growth to linear.
func BenchmarkApplyScaling(b *testing.B) {
	for _, n := range []int{2500, 10000, 40000} {
		b.Run(fmt.Sprintf("lines=%d", n), func(b *testing.B) {
			path := benchFileOf(b, envOfLines(n))
			b.ReportAllocs()
			b.ResetTimer()
			defer reportCPU(b, cpuTime())
			for i := 0; i < b.N; i++ {
				sets := []Set{
					{Key: fmt.Sprintf("KEY_%d", n/2+1), Value: fmt.Sprint("v", i)},
					{Key: "STRIPE_SECRET_KEY", Value: fmt.Sprint("sk_test_bench", i), Secret: true, Group: "Stripe"},
				}
				if _, err := Apply(path, sets, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
