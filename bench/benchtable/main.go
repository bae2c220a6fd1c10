// Command benchtable turns `go test -bench` output on stdin (any -count)
// into rows of the bench table (bench.Row), one per benchmark, with medians.
//
//	-kind time    time and allocations per op, held to -max-ms; with -group,
//	              one row per group: its slowest benchmark
//	-kind verify  BenchmarkVerifyLatency's wall time against the critical
//	              path, held to -max-ratio
//	-kind scaling benchmarks named .../lines=N: one row comparing the time
//	              per line at each size; linear when the largest per-line
//	              cost is at most -max-ratio × the smallest
//
// It exits 1 when a figure misses its target or no benchmark matched, so a
// missing benchmark is noticed instead of leaving a hole in the table.
package main

import (
	"flag"
	"fmt"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/onboard-dev/onboard/bench"
)

func main() {
	kind := flag.String("kind", "time", "time | verify | scaling")
	match := flag.String("match", ".", "only benchmarks whose name matches this regexp")
	label := flag.String("label", "", "measure prefix, e.g. \"View() \"")
	maxMs := flag.Float64("max-ms", 0, "time target per op in ms (0 = none)")
	maxRatio := flag.Float64("max-ratio", 1.10, "verify: largest wall/critical-path ratio")
	trim := flag.String("trim", "", "prefix to cut from benchmark names in the table")
	groupFlag := flag.String("group", "", "time: regexp with a (?P<member>...) group; benchmarks alike but for member share a row, the slowest shown")
	flag.Parse()
	re, err := regexp.Compile(*match)
	if err != nil {
		fmt.Fprintln(os.Stderr, "benchtable: -match:", err)
		os.Exit(2)
	}
	var group *regexp.Regexp
	if *groupFlag != "" {
		if group, err = regexp.Compile(*groupFlag); err != nil || group.SubexpIndex("member") < 0 {
			fmt.Fprintln(os.Stderr, "benchtable: -group wants a regexp with a (?P<member>...) group")
			os.Exit(2)
		}
	}
	results, err := bench.ParseBench(os.Stdin)
	if err != nil {
		fmt.Fprintln(os.Stderr, "benchtable:", err)
		os.Exit(1)
	}
	var kept []bench.BenchResult
	for _, r := range results {
		if re.MatchString(r.Name) {
			kept = append(kept, r)
		}
	}
	if group != nil {
		kept = slowestOfEach(kept, group)
	}
	if *kind == "scaling" {
		row := scalingRow(kept, *label, *maxRatio)
		row.Print(os.Stdout)
		if row.Met == nil || !*row.Met {
			os.Exit(1)
		}
		return
	}
	ok, matched := true, 0
	for _, r := range kept {
		matched++
		r.Name = strings.TrimPrefix(r.Name, *trim)
		var row bench.Row
		switch *kind {
		case "verify":
			row = verifyRow(r, *maxRatio)
		default:
			row = timeRow(r, *label, *maxMs)
		}
		if row.Met != nil && !*row.Met {
			ok = false
		}
		row.Print(os.Stdout)
	}
	if matched == 0 {
		fmt.Fprintf(os.Stderr, "benchtable: no benchmark matches %q\n", *match)
		ok = false
	}
	if !ok {
		os.Exit(1)
	}
}

func timeRow(r bench.BenchResult, label string, maxMs float64) bench.Row {
	ns := r.Median("ns/op")
	row := bench.Row{Measure: label + r.Name, Result: duration(ns)}
	if _, ok := r.Metrics["cpu-ms/op"]; ok {
		row.Result += fmt.Sprintf(" (CPU %.1f ms)", r.Median("cpu-ms/op"))
	}
	if _, ok := r.Metrics["allocs/op"]; ok {
		row.Result += fmt.Sprintf(", %.0f allocs, %s", r.Median("allocs/op"), bytes(r.Median("B/op")))
	}
	if _, ok := r.Metrics["MB/s"]; ok {
		row.Result += fmt.Sprintf(", %.0f MB/s", r.Median("MB/s"))
	}
	row.Result += fmt.Sprintf(" (median of %d)", len(r.Metrics["ns/op"]))
	if maxMs > 0 {
		row.Target = fmt.Sprintf("< %g ms", maxMs)
		row.Met = bench.Holds(ns < maxMs*1e6)
	}
	return row
}

func verifyRow(r bench.BenchResult, maxRatio float64) bench.Row {
	wall, critical := r.Median("wall-ms"), r.Median("critical-ms")
	what := "Plaid + Stripe + Connect at once"
	if _, group, ok := strings.Cut(r.Name, "/"); ok && group != "all" {
		what = group + " alone"
	}
	row := bench.Row{
		Measure: fmt.Sprintf("Verification wall time, %s, %.0f ms per simulated call", what, r.Median("latency-ms")),
		Result: fmt.Sprintf("%.1f ms; critical path %.0f ms (the code's longest chain %.0f ms); one after another %.0f ms",
			wall, critical, r.Median("code-chain-ms"), r.Median("sequential-ms")),
		Target: fmt.Sprintf("≤ %.2f × critical path", maxRatio),
	}
	if critical > 0 {
		row.Result += fmt.Sprintf("; ratio %.2f", wall/critical)
		row.Met = bench.Holds(wall <= maxRatio*critical)
	} else {
		row.Met = bench.Holds(false)
	}
	return row
}

func duration(ns float64) string {
	switch {
	case ns < 1e3:
		return fmt.Sprintf("%.0f ns", ns)
	case ns < 1e6:
		return fmt.Sprintf("%.1f µs", ns/1e3)
	default:
		return fmt.Sprintf("%.2f ms", ns/1e6)
	}
}

func bytes(b float64) string {
	if b < 1024 {
		return fmt.Sprintf("%.0f B", b)
	}
	return fmt.Sprintf("%.1f KiB", b/1024)
}

// slowestOfEach keeps, of the benchmarks whose names differ only in the
// group's member part, the one with the largest median ns/op, renamed
// "key (slowest of N: member)". Names the regexp does not match stay.
func slowestOfEach(rs []bench.BenchResult, group *regexp.Regexp) []bench.BenchResult {
	mi := group.SubexpIndex("member")
	type entry struct {
		r      bench.BenchResult
		member string
		n      int
	}
	var order []string
	best := map[string]*entry{}
	var out []bench.BenchResult
	for _, r := range rs {
		loc := group.FindStringSubmatchIndex(r.Name)
		if loc == nil {
			out = append(out, r)
			continue
		}
		member := r.Name[loc[2*mi]:loc[2*mi+1]]
		key := strings.TrimSuffix(r.Name[:loc[2*mi]], "/") + "/" + strings.TrimPrefix(r.Name[loc[2*mi+1]:], "/")
		e, seen := best[key]
		if !seen {
			order = append(order, key)
			best[key] = &entry{r: r, member: member, n: 1}
			continue
		}
		e.n++
		if r.Median("ns/op") > e.r.Median("ns/op") {
			e.r, e.member = r, member
		}
	}
	for _, key := range order {
		e := best[key]
		r := e.r
		r.Name = fmt.Sprintf("%s (slowest of %d: %s)", strings.TrimSuffix(key, "/"), e.n, e.member)
		out = append(out, r)
	}
	return out
}

var linesParam = regexp.MustCompile(`lines=(\d+)`)

// scalingRow checks that cost grows no faster than the file: the time and
// the memory per line at the largest size must be at most maxRatio × those
// at the smallest. (The fixed cost of an update, fsync and all, makes small
// files dearer per line, so a linear update passes with room; a quadratic
// one fails by far.)
func scalingRow(rs []bench.BenchResult, label string, maxRatio float64) bench.Row {
	type point struct {
		lines           int
		nsPer, bytesPer float64
	}
	var pts []point
	clock := "µs"
	for _, r := range rs {
		m := linesParam.FindStringSubmatch(r.Name)
		if m == nil {
			continue
		}
		n, _ := strconv.Atoi(m[1])
		if n > 0 {
			ns := r.Median("ns/op")
			if _, ok := r.Metrics["cpu-ms/op"]; ok {
				ns = r.Median("cpu-ms/op") * 1e6 // steadier than wall time on a busy machine
				clock = "µs CPU"
			}
			pts = append(pts, point{n, ns / float64(n), r.Median("B/op") / float64(n)})
		}
	}
	row := bench.Row{Measure: label + "cost per line as the file grows", Target: fmt.Sprintf("linear: per line at the largest ≤ %.2f × at the smallest", maxRatio)}
	if len(pts) < 2 {
		row.Result = "not measured: fewer than two sizes"
		row.Met = bench.Holds(false)
		return row
	}
	sort.Slice(pts, func(i, j int) bool { return pts[i].lines < pts[j].lines })
	var parts []string
	for _, p := range pts {
		parts = append(parts, fmt.Sprintf("%d lines: %.2f %s, %.0f B", p.lines, p.nsPer/1e3, clock, p.bytesPer))
	}
	first, last := pts[0], pts[len(pts)-1]
	row.Result = strings.Join(parts, "; ") + " per line"
	row.Met = bench.Holds(last.nsPer <= maxRatio*first.nsPer && last.bytesPer <= maxRatio*first.bytesPer)
	return row
}
