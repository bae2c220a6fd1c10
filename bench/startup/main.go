// Command startup times programs from exec to their first complete frame in
// a pseudo-terminal, side by side: the runs are interleaved, so a busy
// moment on the machine hits every program alike. It prints Markdown rows
// (bench.Row) with the median and p90 of each program and the ratios of the
// subject to the floor and to the peer.
//
//	startup -runs 15 -size 80x24 \
//	  -prog 'minimal|minimal bubbletea v1 (floor)|<line>|bin/minimal' \
//	  -prog 'onboard|onboard --demo|Welcome|bin/onboard --demo' \
//	  -prog 'gum|gum input (peer)|Type something|.tools/bin/gum input' \
//	  -subject onboard -floor minimal -peer gum
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/onboard-dev/onboard/bench"
)

type progList []prog

type prog struct {
	bench.Program
	label string
}

func (l *progList) String() string { return fmt.Sprint(len(*l)) }

// Set parses "name|label|marker|command and args".
func (l *progList) Set(v string) error {
	f := strings.SplitN(v, "|", 4)
	if len(f) != 4 || f[0] == "" || f[2] == "" || len(strings.Fields(f[3])) == 0 {
		return fmt.Errorf("want name|label|marker|command, got %q", v)
	}
	*l = append(*l, prog{Program: bench.Program{Name: f[0], Marker: f[2], Argv: strings.Fields(f[3])}, label: f[1]})
	return nil
}

func main() { os.Exit(run()) }

// run measures and prints, and returns the exit status: 1 when a program
// failed or a target was missed. (A function of its own, so the deferred
// clean-up runs before the process exits.)
func run() int {
	var progs progList
	runs := flag.Int("runs", 21, "timed runs per program (after one warm-up run)")
	sizeFlag := flag.String("size", "80x24", "terminal size, COLSxROWS")
	timeout := flag.Duration("timeout", 10*time.Second, "give up on a run after this long")
	subjectList := flag.String("subject", "", "programs whose ratios are checked, comma-separated")
	floor := flag.String("floor", "", "the stack's floor: subject must be within -floor-max of it")
	floorMax := flag.Float64("floor-max", 1.10, "largest subject/floor ratio")
	peer := flag.String("peer", "", "a peer on the same stack: subject must be at most -peer-max of it")
	peerMax := flag.Float64("peer-max", 0.5, "largest subject/peer ratio")
	compare := flag.String("compare", "", "programs the subjects' ratios are shown against, with no target, comma-separated")
	trace := flag.Bool("trace", false, "print every chunk of output with its time to stderr")
	flag.Var(&progs, "prog", "name|label|marker|command (repeat)")
	flag.Parse()

	var size bench.Size
	if _, err := fmt.Sscanf(*sizeFlag, "%dx%d", &size.Cols, &size.Rows); err != nil {
		fmt.Fprintln(os.Stderr, "startup: -size:", err)
		return 2
	}
	if len(progs) == 0 || *runs < 1 {
		flag.Usage()
		return 2
	}

	// An empty directory: no .env, no git repository, nothing the programs
	// could find and start working on.
	dir, err := os.MkdirTemp("", "onboard-startup-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "startup:", err)
		return 1
	}
	defer os.RemoveAll(dir)
	// The warm-up run goes through a git spy that counts git calls; the
	// timed runs call git directly, so the spy's shell costs them nothing.
	gitLog, pathDir := bench.GitSpy(dir)
	env, spyEnv := terminalEnv(""), terminalEnv(pathDir)
	// A killed program cannot clean up its temporary files (onboard --demo
	// makes a project directory): keep them inside dir, removed at the end.
	tmp := filepath.Join(dir, "tmp")
	if err := os.Mkdir(tmp, 0o700); err == nil {
		env, spyEnv = append(env, "TMPDIR="+tmp), append(spyEnv, "TMPDIR="+tmp)
	}

	times := make(map[string][]time.Duration)
	busiest := make(map[string]work)
	queries := make(map[string][]string)
	failed := make(map[string]error)
	for i := -1; i < *runs; i++ { // run -1 warms the page cache, untimed
		for _, p := range progs {
			if failed[p.Name] != nil {
				continue
			}
			p.Dir, p.Env = dir, env
			if i < 0 {
				p.Env = spyEnv
			}
			if *trace {
				fmt.Fprintf(os.Stderr, "%s, run %d:\n", p.Name, i)
				p.Trace = os.Stderr
			}
			_ = os.Remove(gitLog)
			f, err := bench.FirstFrame(p.Program, size, *timeout)
			if err != nil {
				failed[p.Name] = err
				continue
			}
			if i >= 0 {
				times[p.Name] = append(times[p.Name], f.Elapsed)
			}
			w := work{sockets: f.Sockets, children: f.Children}
			if i < 0 {
				w.git = bench.GitCalls(gitLog)
			}
			busiest[p.Name] = busiest[p.Name].max(w)
			if len(f.Queries) > len(queries[p.Name]) {
				queries[p.Name] = f.Queries
			}
		}
	}

	medians := make(map[string]time.Duration)
	for _, p := range progs {
		r := bench.Row{Measure: fmt.Sprintf("Start-up to first frame (%s): %s", size, p.label)}
		if err := failed[p.Name]; err != nil {
			r.Result = "error: " + err.Error()
		} else {
			s := bench.Summarize(times[p.Name])
			medians[p.Name] = s.Median
			r.Result = fmt.Sprintf("median %.1f ms, p90 %.1f ms (n=%d)", bench.Ms(s.Median), bench.Ms(s.P90), s.N)
		}
		r.Print(os.Stdout)
	}
	ok := len(failed) == 0
	labels := map[string]string{}
	for _, p := range progs {
		labels[p.Name] = p.label
	}
	// ratio prints subject's median over other's and reports whether it is
	// at most limit; a limit of 0 shows the ratio with no target.
	ratio := func(subject, other string, limit float64, how string) bool {
		if other == "" {
			return true
		}
		r := bench.Row{Measure: fmt.Sprintf("Start-up ratio: %s / %s", labels[subject], labels[other])}
		if limit > 0 {
			r.Target = fmt.Sprintf("≤ %.2f (%s)", limit, how)
		}
		s, o := medians[subject], medians[other]
		switch {
		case s == 0 || o == 0:
			r.Result = "not measured"
			r.Met = bench.Holds(false)
		case limit > 0:
			q := float64(s) / float64(o)
			r.Result = fmt.Sprintf("%.2f", q)
			r.Met = bench.Holds(q <= limit)
		default:
			r.Result = fmt.Sprintf("%.2f (%+.1f ms)", float64(s)/float64(o), bench.Ms(s-o))
		}
		r.Print(os.Stdout)
		return r.Met == nil || *r.Met
	}
	for _, subject := range strings.Split(*subjectList, ",") {
		if subject == "" {
			continue
		}
		if w, found := busiest[subject]; found && gitLog != "" {
			asked := fmt.Sprintf("waited on %d terminal queries %v", len(queries[subject]), queries[subject])
			if *floor != "" && slices.Equal(queries[subject], queries[*floor]) {
				asked += " as the floor did (bubbletea v1 asks at init)"
			}
			r := bench.Row{
				Measure: fmt.Sprintf("Work before %s's first frame (git: warm-up run; the rest: most in any run)", labels[subject]),
				Result:  fmt.Sprintf("%d git calls, %d sockets open, %d child processes alive; %s", w.git, w.sockets, w.children, asked),
				Target:  "none unless the screen needs it",
				Met:     bench.Holds(w == work{}),
			}
			r.Print(os.Stdout)
			ok = *r.Met && ok
		}
		ok = ratio(subject, *floor, *floorMax, "within 10% of the floor") && ok
		ok = ratio(subject, *peer, *peerMax, "at most half the peer") && ok
		for _, other := range strings.Split(*compare, ",") {
			if other != "" {
				ok = ratio(subject, other, 0, "") && ok
			}
		}
	}
	for name, err := range failed {
		fmt.Fprintf(os.Stderr, "startup: %s: %v\n", name, err)
	}
	if !ok {
		return 1
	}
	return 0
}

// terminalEnv is the caller's environment as a person's terminal would set
// it, the same for every program: a colour xterm, colours allowed, and
// pathDir (the git spy) first on PATH.
func terminalEnv(pathDir string) []string {
	var env []string
	for _, kv := range os.Environ() {
		k, v, _ := strings.Cut(kv, "=")
		switch k {
		case "TERM", "NO_COLOR", "COLORTERM", "TMUX", "STY", "TMPDIR":
			continue
		case "PATH":
			if pathDir != "" {
				kv = "PATH=" + pathDir + string(os.PathListSeparator) + v
			}
		}
		env = append(env, kv)
	}
	return append(env, "TERM=xterm-256color", "COLORTERM=truecolor")
}

// work is what a program had started by its first frame.
type work struct{ git, sockets, children int }

func (w work) max(o work) work {
	return work{max(w.git, o.git), max(w.sockets, o.sockets), max(w.children, o.children)}
}
