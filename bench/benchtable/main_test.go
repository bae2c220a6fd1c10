package main

import (
	"regexp"
	"strings"
	"testing"

	"github.com/onboard-dev/onboard/bench"
)

func parse(t *testing.T, out string) []bench.BenchResult {
	t.Helper()
	rs, err := bench.ParseBench(strings.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	return rs
}

func TestSlowestOfEachKeepsTheSlowestScreenPerKindAndSize(t *testing.T) {
	rs := parse(t, `
BenchmarkViewRealFlow/form/plaid-key/80x24-2   1000  30000 ns/op  100 B/op  3 allocs/op
BenchmarkViewRealFlow/form/stripe-keys/80x24-2 1000  90000 ns/op  100 B/op  3 allocs/op
BenchmarkViewRealFlow/form/plaid-key/200x60-2  1000  50000 ns/op  100 B/op  3 allocs/op
BenchmarkViewRealFlow/info/welcome/80x24-2     1000  10000 ns/op  100 B/op  3 allocs/op
`)
	got := slowestOfEach(rs, regexp.MustCompile(`^ViewRealFlow/[^/]+/(?P<member>[^/]+)/`))
	var names []string
	for _, r := range got {
		names = append(names, r.Name)
	}
	want := []string{
		"ViewRealFlow/form/80x24 (slowest of 2: stripe-keys)",
		"ViewRealFlow/form/200x60 (slowest of 1: plaid-key)",
		"ViewRealFlow/info/80x24 (slowest of 1: welcome)",
	}
	if strings.Join(names, "\n") != strings.Join(want, "\n") {
		t.Fatalf("got\n%s\nwant\n%s", strings.Join(names, "\n"), strings.Join(want, "\n"))
	}
}

func TestScalingRowTellsLinearFromQuadratic(t *testing.T) {
	linear := parse(t, `
BenchmarkEnvApplyScaling/lines=1000-2   10  1000000 ns/op  800000 B/op
BenchmarkEnvApplyScaling/lines=4000-2   10  4100000 ns/op  3200000 B/op
`)
	if row := scalingRow(linear, "", 1.25); row.Met == nil || !*row.Met {
		t.Fatalf("linear growth judged not linear: %+v", row)
	}
	quadratic := parse(t, `
BenchmarkEnvApplyScaling/lines=1000-2   10  1000000 ns/op  800000 B/op
BenchmarkEnvApplyScaling/lines=4000-2   10 16000000 ns/op  3200000 B/op
`)
	if row := scalingRow(quadratic, "", 1.25); row.Met == nil || *row.Met {
		t.Fatalf("quadratic growth judged linear: %+v", row)
	}
}

func TestVerifyRowHoldsWallToTheCriticalPath(t *testing.T) {
	rs := parse(t, `
BenchmarkVerifyLatency/all-2  5  85000000 ns/op  20 latency-ms  85 wall-ms  60 critical-ms  80 code-chain-ms  180 sequential-ms
BenchmarkVerifyLatency/stripe-2  5  42000000 ns/op  20 latency-ms  42 wall-ms  40 critical-ms  40 code-chain-ms  60 sequential-ms
`)
	if row := verifyRow(rs[0], 1.10); *row.Met || !strings.Contains(row.Measure, "at once") {
		t.Fatalf("85 ms against a 60 ms critical path passed: %+v", row)
	}
	if row := verifyRow(rs[1], 1.10); !*row.Met || !strings.Contains(row.Measure, "stripe alone") {
		t.Fatalf("42 ms against 40 ms failed: %+v", row)
	}
}
