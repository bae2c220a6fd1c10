// Command journeys counts the key presses of the journeys people take
// through the wizard: the real binary in a real terminal (tmux, 100x30 by
// default) in --demo, pressing only Enter, each press made once the screen
// has settled and no job is running (internal/testkit/journey), so a press
// made while a check runs is never counted. It prints rows of the bench
// table (bench.Row):
//
//   - a first run with no team file;
//   - a teammate's fresh clone of the project that first run set up (the
//     onboard.json, .env.example and .gitignore it wrote, committed), keys
//     pre-filled by the demo;
//   - a re-run on the finished .env, which must leave it byte for byte as it
//     was;
//   - --demo --production, which must complete on Enter alone.
//
// Every screen is scanned for the demo's secrets. When a journey misses
// its target, the screens its presses went to are printed on stderr. It
// exits 1 when a journey fails or misses its target.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/onboard-dev/onboard/bench"
	"github.com/onboard-dev/onboard/internal/testkit/journey"
	"github.com/onboard-dev/onboard/internal/testkit/tmux"
)

func main() {
	bin := flag.String("bin", "bin/onboard", "the onboard binary")
	size := flag.String("size", "100x30", "terminal size, COLSxROWS")
	first := flag.Int("first", 23, "most presses for a first run with no team file")
	teammate := flag.Int("teammate", 12, "most presses for a teammate with the team file")
	rerun := flag.Int("rerun", 3, "most presses for a re-run on a finished .env")
	flag.Parse()
	var w, h int
	if _, err := fmt.Sscanf(*size, "%dx%d", &w, &h); err != nil {
		fmt.Fprintln(os.Stderr, "journeys: -size:", err)
		os.Exit(2)
	}
	abs, err := filepath.Abs(*bin)
	if err != nil {
		fmt.Fprintln(os.Stderr, "journeys:", err)
		os.Exit(2)
	}
	ok, err := run(abs, w, h, *first, *teammate, *rerun)
	if err != nil {
		fmt.Fprintln(os.Stderr, "journeys:", err)
		os.Exit(1)
	}
	if !ok {
		os.Exit(1)
	}
}

// rig is what every journey shares: the binary, the terminal size, an
// isolated HOME and a work folder.
type rig struct {
	bin  string
	w, h int
	env  []string
	work string
}

func run(bin string, w, h, maxFirst, maxTeammate, maxRerun int) (bool, error) {
	work, err := os.MkdirTemp("", "onboard-journeys-")
	if err != nil {
		return false, err
	}
	defer os.RemoveAll(work)
	env, err := journey.Env(filepath.Join(work, "home"))
	if err != nil {
		return false, err
	}
	r := rig{bin: bin, w: w, h: h, env: env, work: work}
	label := func(what string) string {
		return fmt.Sprintf("Journey, Enter only (`--demo`, %dx%d): %s", w, h, what)
	}
	allMet := true
	row := func(what string, res result, target string, met bool) {
		met = met && res.err == nil
		allMet = allMet && met
		result := res.summary()
		if res.err != nil {
			result = "failed: " + res.err.Error()
		}
		bench.Row{Measure: label(what), Result: result, Target: target, Met: bench.Holds(met)}.Print(os.Stdout)
		if !met && len(res.walk.Presses) > 0 {
			fmt.Fprintf(os.Stderr, "journeys: %s: %d presses went to: %s\n", what, len(res.walk.Presses), strings.Join(res.walk.Presses, " → "))
		}
	}

	firstDir := filepath.Join(work, "first")
	f := r.walk(firstDir, func() error { return journey.Repo(env, firstDir) })
	row("first run, no team file", f, fmt.Sprintf("≤ %d presses", maxFirst), f.presses() <= maxFirst)
	if f.err != nil {
		// The other journeys start from what the first run wrote.
		return false, nil
	}

	clone := filepath.Join(work, "clone")
	tm := r.walk(clone, func() error { return journey.Clone(env, firstDir, clone) })
	row("teammate, fresh clone with onboard.json, keys pre-filled by the demo", tm, fmt.Sprintf("≤ %d presses", maxTeammate), tm.presses() <= maxTeammate)

	envPath := filepath.Join(firstDir, ".env")
	before, err := os.ReadFile(envPath)
	if err != nil {
		return false, err
	}
	re := r.walk(firstDir, nil)
	after, err := os.ReadFile(envPath)
	same := err == nil && bytes.Equal(before, after)
	re.note = ".env changed"
	if same {
		re.note = ".env byte-identical"
	}
	row("re-run on a finished .env", re, fmt.Sprintf("≤ %d presses, .env unchanged", maxRerun), re.presses() <= maxRerun && same)

	prodDir := filepath.Join(work, "production")
	p := r.walk(prodDir, func() error { return journey.Repo(env, prodDir) }, "--production")
	row("`--demo --production`", p, "completes", true)
	return allMet, nil
}

// result is one journey walked.
type result struct {
	walk journey.Walk
	note string
	err  error
}

func (r result) presses() int {
	if r.err != nil {
		return 1 << 30
	}
	return len(r.walk.Presses)
}

func (r result) summary() string {
	s := fmt.Sprintf("%d presses, completes (exit 0)", len(r.walk.Presses))
	if r.note != "" {
		s += ", " + r.note
	}
	return s
}

// walk prepares dir, then walks the demo wizard there with Enter alone.
func (r rig) walk(dir string, prepare func() error, args ...string) (res result) {
	t := &reporter{}
	defer func() {
		t.cleanup()
		if p := recover(); p != nil {
			if err, ok := p.(error); !ok || !errors.Is(err, errFatal) {
				panic(p)
			}
		}
		if res.err == nil && len(t.errors) > 0 {
			res.err = errors.New(strings.Join(t.errors, "; "))
		}
	}()
	if prepare != nil {
		if err := prepare(); err != nil {
			return result{err: err}
		}
	}
	term := tmux.Start(t, tmux.Options{Width: r.w, Height: r.h, Dir: dir, Env: r.env, Secrets: journey.Secrets, Public: journey.Public},
		append([]string{r.bin, "--demo", "--dir", dir}, args...)...)
	res.walk = journey.Enter(term, t, journey.Options{})
	switch {
	case res.walk.Code != 0:
		res.err = fmt.Errorf("exit status %d after %d presses", res.walk.Code, len(res.walk.Presses))
	case len(res.walk.Failed) > 0 && len(args) == 0:
		res.err = fmt.Errorf("a check failed on %s", strings.Join(res.walk.Failed, ", "))
	}
	return res
}

// reporter is tmux.T for a program: errors are collected, a fatal one ends
// the journey (by a panic walk recovers), cleanups run at its end.
type reporter struct {
	errors   []string
	cleanups []func()
}

var errFatal = errors.New("journey failed")

func (r *reporter) Helper() {}

func (r *reporter) Errorf(format string, args ...any) {
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}

func (r *reporter) Fatalf(format string, args ...any) {
	r.Errorf(format, args...)
	panic(errFatal)
}

func (r *reporter) Cleanup(f func()) { r.cleanups = append(r.cleanups, f) }

func (r *reporter) cleanup() {
	for i := len(r.cleanups) - 1; i >= 0; i-- {
		r.cleanups[i]()
	}
}
