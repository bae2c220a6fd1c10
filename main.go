// Command onboard walks a developer from "no keys" to a .env holding Plaid
// and Stripe keys that are proven to work.
//
// main only parses flags and wires packages together; the flow lives in
// internal/steps, the screens in internal/ui.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"

	"golang.org/x/term"

	"github.com/onboard-dev/onboard/internal/check"
	"github.com/onboard-dev/onboard/internal/demo"
	"github.com/onboard-dev/onboard/internal/exit"
	"github.com/onboard-dev/onboard/internal/readiness"
	"github.com/onboard-dev/onboard/internal/registry"
	"github.com/onboard-dev/onboard/internal/steps"
	"github.com/onboard-dev/onboard/internal/ui"
	"github.com/onboard-dev/onboard/internal/ui/lineui"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

func run(args []string, stdin *os.File, stdout, stderr *os.File) int {
	// Subcommands dispatch here, before the wizard's flags.
	if len(args) > 0 && args[0] == "check" {
		return runCheck(args[1:])
	}
	return runWizard(args, stdin, stdout, stderr)
}

type wizardFlags struct {
	dir, envFile                          string
	urls                                  map[string]string
	demo, production, accessible, version bool
}

func parseWizardFlags(args []string, stderr io.Writer) (*wizardFlags, int) {
	var f wizardFlags
	fs := flag.NewFlagSet("onboard", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&f.dir, "dir", "", "project directory; the .env goes to its git root (default: the current directory)")
	fs.StringVar(&f.envFile, "env-file", "", "the .env file to write (overrides --dir)")
	urls := urlFlags(fs)
	fs.BoolVar(&f.demo, "demo", false, "run against local simulators with demo keys, in a fresh temporary directory unless --dir is given")
	fs.BoolVar(&f.production, "production", false, "live keys, plus the production-readiness checklist and report")
	fs.BoolVar(&f.accessible, "accessible", false, "plain line-by-line prompts instead of the full-screen wizard (also: ACCESSIBLE=1)")
	fs.BoolVar(&f.version, "version", false, "print the version and exit")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: onboard [--dir DIR] [--env-file FILE] [--demo] [--production] [--accessible] [--version]")
		fmt.Fprintln(stderr, "       onboard check [flags]   (check an existing .env; onboard check -h)")
		fs.PrintDefaults()
		fmt.Fprintln(stderr, "exit status: 0 done, 1 failed, 2 usage, 130 interrupted")
	}
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return nil, exit.OK
		}
		return nil, exit.Usage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "onboard: unexpected argument %q (did you mean onboard check?)\n", fs.Arg(0))
		return nil, exit.Usage
	}
	f.urls = urls()
	for name, u := range f.urls {
		if err := check.CheckURL(name, u); err != nil {
			fmt.Fprintln(stderr, "onboard:", err)
			return nil, exit.Usage
		}
	}
	if f.dir != "" {
		if st, err := os.Stat(f.dir); err != nil || !st.IsDir() {
			fmt.Fprintf(stderr, "onboard: --dir %s is not a directory\n", f.dir)
			return nil, exit.Usage
		}
	}
	return &f, -1
}

func runWizard(args []string, stdin, stdout, stderr *os.File) int {
	f, code := parseWizardFlags(args, stderr)
	if f == nil {
		return code
	}
	if f.version {
		fmt.Fprintln(stdout, "onboard", version())
		return exit.OK
	}
	opts := steps.Options{
		Store:   steps.NewEnvStore(),
		Dir:     f.dir,
		EnvFile: f.envFile,
		Demo:    f.demo,
		Mode:    steps.Development,
	}
	if f.production {
		opts.Mode = steps.Production
	}
	if f.demo {
		lazy := &demo.Lazy{}
		defer lazy.Close()
		opts.Providers = lazy.Providers()
		opts.Prefill = demo.Values()
		if f.dir == "" && f.envFile == "" {
			// A demo never touches a real project's .env.
			tmp, err := os.MkdirTemp("", "onboard-demo-")
			if err != nil {
				fmt.Fprintln(stderr, "onboard: cannot create the demo directory:", err)
				return exit.Failed
			}
			opts.Dir = tmp
			defer fmt.Fprintln(stdout, "Demo project directory:", tmp)
			// Only our own fresh directory becomes a repository, and only
			// once the first screen is up.
			opts.Setup = func(ctx context.Context) error { return demo.InitRepo(ctx, tmp) }
		}
	} else {
		opts.Providers = registry.Build(registry.All(), f.urls, nil)
	}
	if opts.Dir == "" {
		opts.Dir = "."
	}
	opts.Extra, opts.AfterWrite = readiness.WizardSteps(readiness.WizardOptions{Providers: opts.Providers})
	flow := steps.New(opts)

	if f.accessible || os.Getenv("ACCESSIBLE") != "" || os.Getenv("TERM") == "dumb" ||
		!term.IsTerminal(int(stdin.Fd())) || !term.IsTerminal(int(stdout.Fd())) {
		return runAccessible(flow, stdin, stdout, stderr)
	}
	return ui.Run(flow, ui.RunOptions{Input: stdin, Output: stdout})
}

// runAccessible is the line-by-line mode for screen readers, dumb
// terminals and pipes.
func runAccessible(flow *steps.Flow, stdin *os.File, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	opts := lineui.Options{Errors: stderr}
	if fd := int(stdin.Fd()); term.IsTerminal(fd) {
		// Secrets are read without echo; the terminal's state is put back
		// even when an interrupt ends the run during such a read.
		if st, err := term.GetState(fd); err == nil {
			defer func() { _ = term.Restore(fd, st) }()
		}
		opts.SecretReader = func() (string, error) {
			b, err := term.ReadPassword(fd)
			return string(b), err
		}
	}
	err := lineui.Run(ctx, flow, stdin, stdout, opts)
	var stuck *lineui.StuckError
	switch {
	case err == nil && !flow.Session().Succeeded():
		return exit.Failed // the end was reached without writing (a refusal)
	case err == nil:
		return exit.OK
	case ctx.Err() != nil:
		// Interrupted: the exit status says so whatever was written; the
		// message says exactly what was.
		for _, l := range flow.Session().Interrupted() {
			fmt.Fprintln(stderr, l)
		}
		return exit.Interrupted
	case errors.Is(err, lineui.ErrQuit):
		return exit.Interrupted // quit is an interrupt typed as a word; Run said what was written
	case errors.Is(err, lineui.ErrAborted), errors.As(err, &stuck):
		return exit.Failed // Run said why and what was written
	default:
		fmt.Fprintln(stderr, "onboard:", err)
		return exit.Failed
	}
}

// version is what the Go toolchain recorded in the binary: the module
// version for `go install ...@v1.2.3`, else the commit it was built from
// (with "+dirty" for uncommitted changes), so a bug report can name it
// without a release process stamping anything.
func version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "(unknown)"
	}
	if v := info.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	var rev, dirty string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				dirty = "+dirty"
			}
		}
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if rev == "" {
		return "(devel)"
	}
	return "devel " + rev + dirty
}
