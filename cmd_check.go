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
	"github.com/onboard-dev/onboard/internal/demo"
	"github.com/onboard-dev/onboard/internal/exit"
	"github.com/onboard-dev/onboard/internal/providers/sandbox"
	"github.com/onboard-dev/onboard/internal/registry"
)

// urlFlags defines a --NAME-url flag for each service of the registry, on
// the wizard and on check alike, and returns a func that reads them after
// the parse (by flag name).
func urlFlags(fs *flag.FlagSet) func() map[string]string {
	vals := map[string]*string{}
	for _, svc := range registry.Services(registry.All()) {
		vals[svc.URLFlag] = fs.String(svc.URLFlag, "", svc.Name+" API base `URL` (simulators, tests); a live key is never sent anywhere but "+svc.Name+" itself")
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

// checkFlags are check's flags as parsed; opts is filled in by checkMain.
type checkFlags struct {
	opts    check.Options
	confirm string
	demo    bool
	urls    func() map[string]string
}

// checkCommand is `onboard check`'s command line.
func checkCommand() (*command, *checkFlags) {
	var f checkFlags
	cmd := newCommand("onboard check", "0 nothing failed, 1 a check failed, 2 usage error, 130 interrupted",
		"onboard check [--dir DIR] [--env-file FILE] [--json] [--demo]"+urlUsage(),
		"              [--production [--report FILE] [--confirm ID,...]]")
	fs := cmd.fs
	fs.StringVar(&f.opts.Dir, "dir", "", "the project folder is `DIR`; its .env is looked for at the git root (default: the current folder)")
	fs.StringVar(&f.opts.EnvFile, "env-file", "", "check the .env `FILE` (instead of finding it from --dir)")
	fs.BoolVar(&f.opts.JSON, "json", false, "print one JSON object instead of the report")
	fs.BoolVar(&f.demo, "demo", false, "verify against the demo's local simulators (for a folder onboard --demo made)")
	f.urls = urlFlags(fs)
	fs.BoolVar(&f.opts.Production, "production", false, "add the production-readiness checklist and write its report")
	fs.StringVar(&f.opts.ReportPath, "report", "", "write the readiness report to `FILE` (default: onboard-readiness.md next to the .env)")
	fs.StringVar(&f.confirm, "confirm", "", "mark readiness items `ID,...` as done, such as secrets-manager (the report lists the ids)")
	return cmd, &f
}

// checkMain is `onboard check`: it parses the flags and hands over to
// internal/check. Exit 0: nothing failed; 1: a check failed (a missing or
// unreadable .env included); 2: the command line is wrong; 130:
// interrupted. colour: stdout is a terminal that takes colours; live:
// stderr is a terminal, where the progress of the checks is shown.
func checkMain(args []string, stdout, stderr io.Writer, colour, live bool) int {
	cmd, f := checkCommand()
	if done, code := cmd.parse(args, stdout, stderr); done {
		return code
	}
	opts, confirm := f.opts, f.confirm
	for _, id := range strings.Split(confirm, ",") {
		if id = strings.TrimSpace(id); id != "" {
			opts.Confirm = append(opts.Confirm, id)
		}
	}
	opts.Color = colour && !opts.JSON
	opts.URLs = f.urls()
	if live {
		opts.Progress = stderr
	}
	if f.demo {
		if len(opts.URLs) > 0 {
			_, code := cmd.fail(stderr, "--demo runs the simulators itself: leave out the --…-url flags")
			return code
		}
		es := demo.Entries(registry.All())
		sims, err := demo.Start(es, sandbox.Options{})
		if err != nil {
			fmt.Fprintln(stderr, "onboard check:", err)
			return exit.Failed
		}
		defer sims.Close()
		opts.URLs, opts.Registry = sims.URLs, es
	}
	if err := opts.Normalize(); err != nil {
		_, code := cmd.fail(stderr, err.Error())
		return code
	}

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
