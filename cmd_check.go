package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"golang.org/x/term"

	"github.com/onboard-dev/onboard/internal/check"
	"github.com/onboard-dev/onboard/internal/exit"
	"github.com/onboard-dev/onboard/internal/registry"
)

// urlFlags defines a --NAME-url flag for each service of the registry, on
// the wizard and on check alike, and returns a func that reads them after
// the parse (by flag name).
func urlFlags(fs *flag.FlagSet) func() map[string]string {
	vals := map[string]*string{}
	for _, svc := range registry.Services(registry.All()) {
		vals[svc.URLFlag] = fs.String(svc.URLFlag, "", svc.Name+" API base URL (simulators, tests); a live key is never sent anywhere but "+svc.Name+" itself")
	}
	return func() map[string]string {
		out := map[string]string{}
		for name, v := range vals {
			if *v != "" {
				out[name] = *v
			}
		}
		return out
	}
}

// urlUsage is the URL flags for a usage line.
func urlUsage() string {
	var b strings.Builder
	for _, svc := range registry.Services(registry.All()) {
		b.WriteString(" [--" + svc.URLFlag + " URL]")
	}
	return b.String()
}

// runCheck is `onboard check`: it parses the flags and hands over to
// internal/check. Exit 0: nothing failed; 1: a check failed (a missing or
// unreadable .env included); 2: the command line is wrong; 130:
// interrupted.
func runCheck(args []string) int {
	return checkMain(args, os.Stdout, os.Stderr, isColourTerminal(os.Stdout))
}

func checkMain(args []string, stdout, stderr io.Writer, colour bool) int {
	fs := flag.NewFlagSet("onboard check", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var opts check.Options
	var confirm string
	fs.StringVar(&opts.Dir, "dir", ".", "project directory; the .env is looked for at its git root")
	fs.StringVar(&opts.EnvFile, "env-file", "", "the .env to check (overrides --dir)")
	fs.BoolVar(&opts.JSON, "json", false, "print one JSON object instead of the report")
	urls := urlFlags(fs)
	fs.BoolVar(&opts.Production, "production", false, "add the production-readiness checklist and write its report")
	fs.StringVar(&opts.ReportPath, "report", "", "where to write the readiness report (default onboard-readiness.md next to the .env)")
	fs.StringVar(&confirm, "confirm", "", "comma-separated ids of readiness items you have done, e.g. secrets-manager (the report lists them)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: onboard check [--dir DIR] [--env-file FILE] [--json]"+urlUsage())
		fmt.Fprintln(stderr, "                     [--production [--report FILE] [--confirm ID,...]]")
		fs.PrintDefaults()
		fmt.Fprintln(stderr, "exit status: 0 nothing failed, 1 a check failed, 2 usage error, 130 interrupted")
	}
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return exit.OK
		}
		return exit.Usage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "onboard check: unexpected argument %q\n", fs.Arg(0))
		fs.Usage()
		return exit.Usage
	}
	for _, id := range strings.Split(confirm, ",") {
		if id = strings.TrimSpace(id); id != "" {
			opts.Confirm = append(opts.Confirm, id)
		}
	}
	opts.Color = colour && !opts.JSON
	opts.URLs = urls()

	// Ctrl+C or a SIGTERM (a CI runner's cancel) stops the checks: Run
	// prints what it found as not proven and returns ExitInterrupted. A
	// second signal is not caught, so it ends the process at once.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	context.AfterFunc(ctx, stop)
	return check.Run(ctx, opts, stdout, stderr)
}

// isColourTerminal: colours only for a terminal, and never when NO_COLOR is
// set (https://no-color.org).
func isColourTerminal(f *os.File) bool {
	if os.Getenv("NO_COLOR") != "" {
		return false
	}
	return term.IsTerminal(int(f.Fd()))
}
