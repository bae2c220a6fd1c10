// Command checkrun times whole runs of `onboard check --json` against the
// local simulators, which it starts in its own process (optionally with a
// fixed latency per call), on a throw-away project: a git repository whose
// .env holds the demo credentials and is ignored by git. It prints rows of
// the bench table (bench.Row): the median and p90 wall time and, with -rss,
// the peak resident memory. It exits 1 when a run fails.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/onboard-dev/onboard/bench"
	"github.com/onboard-dev/onboard/internal/providers"
	"github.com/onboard-dev/onboard/internal/providers/plaid"
	"github.com/onboard-dev/onboard/internal/providers/sandbox"
	"github.com/onboard-dev/onboard/internal/providers/sandbox/plaidsim"
	"github.com/onboard-dev/onboard/internal/providers/sandbox/stripesim"
	"github.com/onboard-dev/onboard/internal/providers/stripe"
)

func main() {
	bin := flag.String("bin", "bin/onboard", "the onboard binary")
	runs := flag.Int("runs", 10, "timed runs (after one warm-up run)")
	latency := flag.Duration("latency", 0, "latency added to every simulated call")
	rss := flag.Bool("rss", false, "also print the peak resident memory")
	flag.Parse()
	if err := run(*bin, *runs, *latency, *rss); err != nil {
		fmt.Fprintln(os.Stderr, "checkrun:", err)
		os.Exit(1)
	}
}

func run(bin string, runs int, latency time.Duration, rss bool) error {
	bin, err := filepath.Abs(bin)
	if err != nil {
		return err
	}
	opts := sandbox.Options{Latency: latency}
	plaidSrv, _, err := plaidsim.Start(opts)
	if err != nil {
		return err
	}
	defer plaidSrv.Close()
	stripeSrv, _, err := stripesim.Start(opts)
	if err != nil {
		return err
	}
	defer stripeSrv.Close()
	dir, err := project()
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)

	// The warm-up run goes through a git spy that counts git calls; the
	// timed runs call git directly.
	gitLog, pathDir := bench.GitSpy(dir)
	argv := []string{bin, "check", "--json", "--plaid-url", plaidSrv.URL, "--stripe-url", stripeSrv.URL, "--dir", dir}
	env := cleanEnv("")
	spyEnv := cleanEnv(pathDir)
	measure := "`onboard check --json` against the simulators, whole process"
	if latency > 0 {
		measure += fmt.Sprintf(", %s per simulated call", latency)
	}
	var walls, cpus []time.Duration
	var peakKB int64
	for i := -1; i < runs; i++ { // run -1 warms the page cache, untimed
		runEnv := env
		if i < 0 {
			runEnv = spyEnv
		}
		r := bench.RunProcess(argv, dir, runEnv)
		if r.Err != nil {
			bench.Row{Measure: measure, Result: "error: " + describeFailure(r), Met: bench.Holds(false)}.Print(os.Stdout)
			return fmt.Errorf("%v", r.Err)
		}
		if i >= 0 {
			walls = append(walls, r.Wall)
			cpus = append(cpus, r.CPU)
			peakKB = max(peakKB, r.MaxRSSKB)
		}
	}
	s := bench.Summarize(walls)
	result := fmt.Sprintf("median %.1f ms, p90 %.1f ms (n=%d); CPU %.1f ms", bench.Ms(s.Median), bench.Ms(s.P90), s.N, bench.Ms(bench.Summarize(cpus).Median))
	if gitLog != "" {
		result += fmt.Sprintf("; %d git processes per run", bench.GitCalls(gitLog))
	}
	bench.Row{Measure: measure, Result: result}.Print(os.Stdout)
	if rss {
		bench.Row{Measure: "`onboard check` peak memory (max RSS)", Result: fmt.Sprintf("%.1f MiB (largest of %d runs)", float64(peakKB)/1024, s.N)}.Print(os.Stdout)
	}
	return nil
}

// project makes a git repository with the demo credentials in an ignored
// .env: a project the check should pass in full.
func project() (string, error) {
	dir, err := os.MkdirTemp("", "onboard-checkrun-")
	if err != nil {
		return "", err
	}
	env := []string{
		plaid.KeyClientID + "=" + sandbox.DemoPlaidClientID,
		plaid.KeySecret + "=" + sandbox.DemoPlaidSecret,
		plaid.KeyEnv + "=" + plaid.EnvSandbox,
		plaid.KeyProducts + "=" + plaid.DefaultProducts,
		plaid.KeyCountryCodes + "=" + plaid.DefaultCountryCodes,
		stripe.EnvSecretKey + "=" + sandbox.DemoStripeSecretKey,
		stripe.EnvPublishableKey + "=" + sandbox.DemoStripePublishableKey,
		stripe.EnvWebhookSecret + "=" + sandbox.DemoStripeWebhookSecret,
		stripe.EnvClientID + "=" + sandbox.DemoStripeClientID,
	}
	files := map[string]string{".env": strings.Join(env, "\n") + "\n", ".gitignore": ".env\n"}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o600); err != nil {
			return dir, err
		}
	}
	if out, err := exec.Command("git", "-C", dir, "init", "-q").CombinedOutput(); err != nil {
		return dir, fmt.Errorf("git init: %v: %s", err, out)
	}
	return dir, nil
}

// cleanEnv drops exported PLAID_ and STRIPE_ variables, which the check
// would rightly report as shadowing the .env, and puts pathDir (the git
// spy) first on PATH when given.
func cleanEnv(pathDir string) []string {
	var env []string
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "PLAID_") || strings.HasPrefix(kv, "STRIPE_") {
			continue
		}
		if v, ok := strings.CutPrefix(kv, "PATH="); ok && pathDir != "" {
			kv = "PATH=" + pathDir + string(os.PathListSeparator) + v
		}
		env = append(env, kv)
	}
	return env
}

// describeFailure names the checks that did not pass. The check's own
// output masks every key, so its details are safe to print.
func describeFailure(r bench.ProcessRun) string {
	var report struct {
		Checks []providers.Result `json:"checks"`
	}
	if json.Unmarshal(r.Stdout, &report) != nil {
		return fmt.Sprintf("%v: %.300s", r.Err, strings.TrimSpace(string(r.Stderr)))
	}
	var bad []string
	for _, c := range report.Checks {
		if c.Status == providers.Fail {
			bad = append(bad, fmt.Sprintf("%s %s: %s", c.Provider, c.Name, c.Detail))
		}
	}
	return fmt.Sprintf("%v: %s", r.Err, strings.Join(bad, "; "))
}
