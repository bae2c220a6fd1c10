// Command scanbench measures `onboard scan` side by side with gitleaks on
// generated repositories of several sizes (scantest.Generate: random keys
// planted on main, removed again, in side branches, merges, renamed and
// binary files, plus placeholder decoys), repacked as `git gc` leaves a
// history (-fast-import-packs keeps fast-import's looser packs). For each size it prints rows of
// the bench table (bench.Row): the median wall time and the peak memory of
// each tool's whole process tree, their ratios, and which planted keys
// each one found. It exits 1 when the targets at -target commits are
// missed: at most -max-time × gitleaks' time, -max-rss × its memory, and
// every planted key gitleaks finds found too.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/onboard-dev/onboard/bench"
	"github.com/onboard-dev/onboard/internal/scan"
	"github.com/onboard-dev/onboard/internal/scan/scantest"
)

// GitleaksRules are gitleaks' Stripe and Plaid rules: the comparison is
// with gitleaks doing the same job, not its 200 other rules.
const GitleaksRules = "stripe-access-token,plaid-client-id,plaid-secret-key,plaid-api-token"

func main() {
	onboard := flag.String("onboard", "bin/onboard", "the onboard binary")
	gitleaks := flag.String("gitleaks", ".tools/bin/gitleaks", "the gitleaks binary")
	sizes := flag.String("sizes", "1000,5000,20000,50000", "commits of each generated repository")
	runs := flag.Int("runs", 3, "timed runs of each tool per size (the median counts)")
	largeRuns := flag.Int("large-runs", 1, "timed runs for sizes above -target")
	target := flag.Int("target", 20000, "the size the targets apply to")
	maxTime := flag.Float64("max-time", 0.5, "target: onboard's wall time at most this × gitleaks'")
	maxRSS := flag.Float64("max-rss", 0.5, "target: onboard's peak memory at most this × gitleaks'")
	gen := flag.String("gen", "", "only generate a repository of -sizes' first size into this folder, and keep it")
	fastImportPacks := flag.Bool("fast-import-packs", false, "keep fast-import's own packs instead of repacking as git gc would")
	flag.Parse()
	if *gen != "" {
		n, _ := strconv.Atoi(strings.Split(*sizes, ",")[0])
		if _, err := scantest.Generate(context.Background(), *gen, scantest.Options{Commits: n, Seed: uint64(n), Repack: !*fastImportPacks}); err != nil {
			fmt.Fprintln(os.Stderr, "scanbench:", err)
			os.Exit(1)
		}
		return
	}
	for _, p := range []*string{onboard, gitleaks} {
		if abs, err := filepath.Abs(*p); err == nil {
			*p = abs
		}
	}

	ok := true
	for _, s := range strings.Split(*sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n <= 0 {
			fmt.Fprintf(os.Stderr, "scanbench: bad size %q\n", s)
			os.Exit(2)
		}
		r := *runs
		if n > *target {
			r = *largeRuns
		}
		if !measure(*onboard, *gitleaks, n, r, n == *target, *maxTime, *maxRSS, !*fastImportPacks) {
			ok = false
		}
	}
	if !ok {
		os.Exit(1)
	}
}

// tool is one scanner's figures on one repository.
type tool struct {
	stats scan.Stats // onboard's own account of what it read
	walls []time.Duration
	peak  int64 // largest tree peak of all runs, KiB
	found map[string]bool
	raw   int // findings as the tool counts them
	err   error
}

func measure(onboard, gitleaks string, commits, runs int, targeted bool, maxTime, maxRSS float64, repack bool) bool {
	work, err := os.MkdirTemp("", "onboard-scanbench-")
	if err != nil {
		return fail("%d commits: %v", commits, err)
	}
	defer os.RemoveAll(work)
	dir := filepath.Join(work, "repo")
	repo, err := scantest.Generate(context.Background(), dir, scantest.Options{Commits: commits, Seed: uint64(commits), Repack: repack})
	if err != nil {
		return fail("%d commits: generating the repository: %v", commits, err)
	}

	env := cleanEnv()
	report := filepath.Join(work, "gitleaks.json")
	ob := &tool{found: map[string]bool{}}
	gl := &tool{found: map[string]bool{}}
	for i := 0; i < runs; i++ {
		// Interleaved, so a busy moment of the shared machine hits both.
		r := bench.RunProcessTree([]string{onboard, "scan", "--json", "--dir", dir}, work, env, 10*time.Millisecond)
		ob.record(r, exitOneOK(r))
		if i == 0 && ob.err == nil {
			ob.err = ob.parseOnboard(r.Stdout)
		}
		r = bench.RunProcessTree([]string{gitleaks, "git", "--no-banner", "--log-level", "error", "--exit-code", "0",
			"--enable-rule", GitleaksRules, "--report-format", "json", "--report-path", report, dir}, work, env, 10*time.Millisecond)
		gl.record(r, r.Err)
		if i == 0 && gl.err == nil {
			gl.err = gl.parseGitleaks(report)
		}
	}
	if ob.err != nil || gl.err != nil {
		bench.Row{Measure: fmt.Sprintf("scan, %d commits", commits), Result: fmt.Sprintf("error: onboard: %v; gitleaks: %v", ob.err, gl.err), Met: bench.Holds(false)}.Print(os.Stdout)
		return false
	}

	obWall, glWall := bench.Summarize(ob.walls).Median, bench.Summarize(gl.walls).Median
	tRatio := float64(obWall) / float64(glWall)
	mRatio := float64(ob.peak) / float64(gl.peak)
	real := repo.Real()
	var obReal, glReal, glOnly, obExtra, glExtra int
	var missed []string
	planted := map[string]bool{}
	for _, p := range repo.Planted {
		planted[scan.Fingerprint(p.Value)] = true
	}
	for _, p := range real {
		fp := scan.Fingerprint(p.Value)
		if ob.found[fp] {
			obReal++
		}
		if gl.found[fp] {
			glReal++
			if !ob.found[fp] {
				glOnly++
				missed = append(missed, p.Kind+" ("+p.Where+")")
			}
		}
	}
	var decoysGL int
	for fp := range gl.found {
		if !planted[fp] {
			glExtra++
		}
	}
	for fp := range ob.found {
		if !planted[fp] {
			obExtra++
		}
	}
	for _, p := range repo.Planted {
		if p.Placeholder && gl.found[scan.Fingerprint(p.Value)] {
			decoysGL++
		}
	}
	var decoysOB int
	for _, p := range repo.Planted {
		if p.Placeholder && ob.found[scan.Fingerprint(p.Value)] {
			decoysOB++
		}
	}
	decoys := len(repo.Planted) - len(real)

	label := fmt.Sprintf("%s commits", thousands(commits))
	var met *bool
	target := ""
	timeOK, rssOK, foundOK := tRatio <= maxTime, mRatio <= maxRSS, glOnly == 0
	if targeted {
		met = bench.Holds(timeOK && rssOK && foundOK)
		target = fmt.Sprintf("≤ %.2f× time, ≤ %.2f× memory, finds every key gitleaks finds", maxTime, maxRSS)
	}
	bench.Row{Measure: fmt.Sprintf("`onboard scan` vs gitleaks, %s (%s file versions, %.0f MiB)", label, thousands(ob.stats.Blobs), float64(ob.stats.BlobBytes)/(1<<20)),
		Result: fmt.Sprintf("%s vs %s (%.3f×); peak memory %.1f vs %.1f MiB (%.2f×); n=%d",
			dur(obWall), dur(glWall), tRatio, float64(ob.peak)/1024, float64(gl.peak)/1024, mRatio, runs),
		Target: target, Met: met}.Print(os.Stdout)
	found := fmt.Sprintf("onboard %d/%d planted keys, gitleaks %d/%d; gitleaks-only %d", obReal, len(real), glReal, len(real), glOnly)
	if len(missed) > 0 {
		found += " (" + strings.Join(missed, ", ") + ")"
	}
	found += fmt.Sprintf("; placeholders reported (of %d): onboard %d, gitleaks %d; other findings: onboard %d, gitleaks %d; gitleaks raw findings %d",
		decoys, decoysOB, decoysGL, obExtra, glExtra, gl.raw)
	var fmet *bool
	if targeted {
		fmet = bench.Holds(foundOK)
	}
	bench.Row{Measure: "keys found, " + label, Result: found, Met: fmet}.Print(os.Stdout)
	if targeted && !(timeOK && rssOK && foundOK) {
		fmt.Fprintf(os.Stderr, "scanbench: %d commits: a target was missed (time %.3f×, memory %.2f×, gitleaks-only keys %d)\n", commits, tRatio, mRatio, glOnly)
		return false
	}
	return true
}

func (t *tool) record(r bench.TreeRun, err error) {
	if err != nil && t.err == nil {
		t.err = fmt.Errorf("%v: %.300s", err, strings.TrimSpace(string(r.Stderr)))
	}
	t.walls = append(t.walls, r.Wall)
	t.peak = max(t.peak, r.PeakTreeKB)
}

// exitOneOK: `onboard scan` exits 1 when it finds keys, which it must here.
func exitOneOK(r bench.TreeRun) error {
	if r.Err == nil {
		return fmt.Errorf("exit 0: it found nothing")
	}
	if strings.Contains(r.Err.Error(), "exit status 1") {
		return nil
	}
	return r.Err
}

func (t *tool) parseOnboard(out []byte) error {
	var rep struct {
		Findings []scan.Finding `json:"findings"`
		Stats    scan.Stats     `json:"stats"`
	}
	if err := json.Unmarshal(out, &rep); err != nil {
		return fmt.Errorf("onboard's JSON: %v", err)
	}
	t.stats = rep.Stats
	for _, f := range rep.Findings {
		t.found[f.Fingerprint] = true
	}
	t.raw = len(rep.Findings)
	return nil
}

func (t *tool) parseGitleaks(path string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var findings []struct {
		Secret string `json:"Secret"`
	}
	if err := json.Unmarshal(b, &findings); err != nil {
		return fmt.Errorf("gitleaks' report: %v", err)
	}
	for _, f := range findings {
		t.found[scan.Fingerprint(f.Secret)] = true
	}
	t.raw = len(findings)
	return nil
}

// cleanEnv drops PLAID_ and STRIPE_ variables (the scan would look for
// their values) and gitleaks' configuration variables.
func cleanEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "PLAID_") || strings.HasPrefix(kv, "STRIPE_") || strings.HasPrefix(kv, "GITLEAKS_") {
			continue
		}
		env = append(env, kv)
	}
	return env
}

func dur(d time.Duration) string {
	if d < time.Second {
		return fmt.Sprintf("%.0f ms", bench.Ms(d))
	}
	return fmt.Sprintf("%.2f s", d.Seconds())
}

func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

func fail(format string, args ...any) bool {
	fmt.Fprintf(os.Stderr, "scanbench: "+format+"\n", args...)
	return false
}
