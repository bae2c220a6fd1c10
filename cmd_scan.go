package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/onboard-dev/onboard/internal/exit"
	"github.com/onboard-dev/onboard/internal/scan"
)

// runScan is `onboard scan`: every commit and the working tree, searched
// for Stripe and Plaid keys. Exit 0: nothing found; 1: a key was found; 2:
// the scan could not run (bad flag, --dir not a directory, not a
// repository, git refused or failed); 130: interrupted.
func runScan(args []string) int {
	return scanMain(args, os.Stdout, os.Stderr, os.Environ())
}

func scanMain(args []string, stdout, stderr io.Writer, environ []string) int {
	fs := flag.NewFlagSet("onboard scan", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var dir string
	var asJSON, asSARIF bool
	fs.StringVar(&dir, "dir", ".", "any folder of the repository to scan; its .env (at the git root) names your own keys")
	fs.BoolVar(&asJSON, "json", false, "print one JSON object (for CI) instead of the report")
	fs.BoolVar(&asSARIF, "sarif", false, "print a SARIF 2.1.0 log (for code-scanning tools) instead of the report")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: onboard scan [--dir DIR] [--json | --sarif]")
		fmt.Fprintln(stderr, "Searches every commit of every branch, tag, remote and stash, and the files git would commit,")
		fmt.Fprintln(stderr, "for Stripe and Plaid keys: your .env's own values exactly, and anything shaped like a key.")
		fs.PrintDefaults()
		fmt.Fprintln(stderr, "exit status: 0 nothing found, 1 a key was found, 2 the scan could not run (usage, not a repository, git failed)")
	}
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return exit.OK
		}
		return exit.Usage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "onboard scan: unexpected argument %q\n", fs.Arg(0))
		fs.Usage()
		return exit.Usage
	}
	if asJSON && asSARIF {
		fmt.Fprintln(stderr, "onboard scan: choose one of --json and --sarif")
		return exit.Usage
	}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		fmt.Fprintf(stderr, "onboard scan: --dir %s is not a directory\n", dir)
		return exit.Usage
	}

	// Ctrl+C or a SIGTERM (a CI runner's cancel) stops the scan and its
	// git processes; a second signal is not caught, so it ends the process
	// at once.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	context.AfterFunc(ctx, stop)
	values, envPath, envErr := scan.ProjectValues(ctx, dir, environ)
	rep, err := scan.Run(ctx, scan.Options{Dir: dir, Values: values})
	switch {
	case ctx.Err() != nil:
		fmt.Fprintln(stderr, "onboard scan: interrupted; nothing was scanned to the end.")
		return exit.Interrupted
	case err != nil:
		fmt.Fprintln(stderr, "onboard scan:", err)
		var gerr *scan.GitError
		if !errors.As(err, &gerr) {
			fmt.Fprintln(stderr, "The scan did not finish, so it proves nothing; fix the cause and run it again.")
		}
		return exit.Usage
	}
	if envErr != nil {
		// The patterns still find keys; say the .env's own were not used.
		rep.Notes = append(rep.Notes, fmt.Sprintf("%s could not be read (%v), so its keys were not looked for by value.", envPath, envErr))
	}
	switch {
	case asJSON:
		err = rep.WriteJSON(stdout)
	case asSARIF:
		err = rep.WriteSARIF(stdout)
	default:
		err = rep.WriteText(stdout)
	}
	if err != nil {
		fmt.Fprintln(stderr, "onboard scan: cannot write the report:", err)
		return exit.Usage
	}
	if !rep.Clean() {
		return exit.Failed
	}
	return exit.OK
}
