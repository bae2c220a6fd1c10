package bench

import (
	"bufio"
	"io"
	"regexp"
	"strconv"
	"strings"
)

// BenchResult is every run of one benchmark in `go test -bench` output:
// unit → one value per run (ns/op, B/op, allocs/op and custom metrics).
type BenchResult struct {
	Name    string // without the "Benchmark" prefix and the -GOMAXPROCS suffix
	Metrics map[string][]float64
}

// Median is the median of unit over the runs (0 when absent).
func (r BenchResult) Median(unit string) float64 { return Median(r.Metrics[unit]) }

var procsSuffix = regexp.MustCompile(`-\d+$`)

// ParseBench reads `go test -bench` output (several -count runs allowed)
// and returns the benchmarks in the order they first appear.
func ParseBench(r io.Reader) ([]BenchResult, error) {
	var out []BenchResult
	index := map[string]int{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		// Benchmark<Name>-P  <iterations>  <value> <unit>  <value> <unit>...
		if len(f) < 4 || !strings.HasPrefix(f[0], "Benchmark") || len(f)%2 != 0 {
			continue
		}
		if _, err := strconv.Atoi(f[1]); err != nil {
			continue
		}
		name := procsSuffix.ReplaceAllString(strings.TrimPrefix(f[0], "Benchmark"), "")
		i, ok := index[name]
		if !ok {
			i = len(out)
			index[name] = i
			out = append(out, BenchResult{Name: name, Metrics: map[string][]float64{}})
		}
		for j := 2; j+1 < len(f); j += 2 {
			v, err := strconv.ParseFloat(f[j], 64)
			if err != nil {
				continue
			}
			out[i].Metrics[f[j+1]] = append(out[i].Metrics[f[j+1]], v)
		}
	}
	return out, sc.Err()
}
