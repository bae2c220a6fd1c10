package bench

import (
	"strings"
	"testing"
)

func TestParseBenchTakesMediansAcrossRuns(t *testing.T) {
	out := `goos: linux
BenchmarkView/welcome/80x24-2   	  100000	     12000 ns/op	    2048 B/op	      30 allocs/op
BenchmarkView/welcome/80x24-2   	  100000	     10000 ns/op	    2048 B/op	      30 allocs/op
BenchmarkView/welcome/80x24-2   	  100000	     11000 ns/op	    2048 B/op	      31 allocs/op
BenchmarkVerifyLatency-2   	      13	  85254034 ns/op	        80.00 critical-ms	        85.25 wall-ms
--- BENCH: BenchmarkSomething
PASS
ok  	github.com/onboard-dev/onboard/internal/ui	3.1s
`
	rs, err := ParseBench(strings.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 2 || rs[0].Name != "View/welcome/80x24" || rs[1].Name != "VerifyLatency" {
		t.Fatalf("parsed %+v", rs)
	}
	if got := rs[0].Median("ns/op"); got != 11000 {
		t.Fatalf("median ns/op = %v", got)
	}
	if got := rs[0].Median("allocs/op"); got != 30 {
		t.Fatalf("median allocs/op = %v", got)
	}
	if got := rs[1].Median("wall-ms"); got != 85.25 {
		t.Fatalf("custom metric = %v", got)
	}
}
