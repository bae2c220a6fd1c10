package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"

	"github.com/onboard-dev/onboard/internal/scan"
)

// Exit statuses of `onboard scan`.
const (
	scanClean = 0 // nothing found
	scanFound = 1 // a key was found
	scanUsage = 2 // bad flag, --dir not a folder, not a repository, git refused or failed
)

// runScan is `onboard scan`: every commit and the working tree, searched
// for Stripe and Plaid keys.
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
			return scanClean
		}
		return scanUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "onboard scan: unexpected argument %q\n", fs.Arg(0))
		fs.Usage()
		return scanUsage
	}
	if asJSON && asSARIF {
		fmt.Fprintln(stderr, "onboard scan: choose one of --json and --sarif")
		return scanUsage
	}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		fmt.Fprintf(stderr, "onboard scan: --dir %s is not a directory\n", dir)
		return scanUsage
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	values, envPath, envErr := scan.ProjectValues(ctx, dir, environ)
	rep, err := scan.Run(ctx, scan.Options{Dir: dir, Values: values})
	switch {
	case ctx.Err() != nil:
		fmt.Fprintln(stderr, "onboard scan: interrupted; nothing was scanned to the end.")
		return exitInterrupted
	case err != nil:
		fmt.Fprintln(stderr, "onboard scan:", err)
		var gerr *scan.GitError
		if !errors.As(err, &gerr) {
			fmt.Fprintln(stderr, "The scan did not finish, so it proves nothing; fix the cause and run it again.")
		}
		return scanUsage
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
		return scanUsage
	}
	if !rep.Clean() {
		return scanFound
	}
	return scanClean
}
