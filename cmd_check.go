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
)

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
	fs.StringVar(&opts.PlaidURL, "plaid-url", "", "Plaid API base URL (simulators, tests); live keys are refused anywhere but Plaid")
	fs.StringVar(&opts.StripeURL, "stripe-url", "", "Stripe API base URL (simulators, tests); live keys are refused anywhere but Stripe")
	fs.BoolVar(&opts.Production, "production", false, "add the production-readiness checklist and write its report")
	fs.StringVar(&opts.ReportPath, "report", "", "where to write the readiness report (default onboard-readiness.md next to the .env)")
	fs.StringVar(&confirm, "confirm", "", "comma-separated readiness items you have done, e.g. secrets-manager,stripe-account-activated")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: onboard check [--dir DIR] [--env-file FILE] [--json] [--plaid-url URL] [--stripe-url URL]")
		fmt.Fprintln(stderr, "                     [--production [--report FILE] [--confirm ID,...]]")
		fs.PrintDefaults()
		fmt.Fprintln(stderr, "exit status: 0 nothing failed, 1 a check failed, 2 usage error, 130 interrupted")
	}
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return check.ExitOK
		}
		return check.ExitUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "onboard check: unexpected argument %q\n", fs.Arg(0))
		fs.Usage()
		return check.ExitUsage
	}
	for _, id := range strings.Split(confirm, ",") {
		if id = strings.TrimSpace(id); id != "" {
			opts.Confirm = append(opts.Confirm, id)
		}
	}
	opts.Color = colour && !opts.JSON

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
