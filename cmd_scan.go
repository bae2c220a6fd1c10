package main

import (
	"context"
	"errors"
	"fmt"
	"github.com/onboard-dev/onboard/internal/termsafe"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/onboard-dev/onboard/internal/exit"
	"github.com/onboard-dev/onboard/internal/scan"
)

// scanFlags are scan's flags as parsed.
type scanFlags struct {
	dir             string
	asJSON, asSARIF bool
}

// scanCommand is `onboard scan`'s command line. Exit 0: nothing found; 1:
// a key was found; 2: the scan could not run (bad flag, --dir not a
// directory, not a repository, git refused or failed); 130: interrupted.
func scanCommand() (*command, *scanFlags) {
	var f scanFlags
	cmd := newCommand("onboard scan", "0 nothing found, 1 a key was found, 2 the scan could not run (usage, not a repository, git failed), 130 interrupted",
		"onboard scan [--dir DIR] [--json | --sarif]",
		"",
		"Searches every commit of every branch, tag, remote and stash, and the files git would commit,",
		"for Stripe and Plaid keys: your .env's own values exactly, and anything shaped like a key.")
	fs := cmd.fs
	fs.StringVar(&f.dir, "dir", ".", "scan the repository holding `DIR`; its .env (at the git root) names your own keys")
	fs.BoolVar(&f.asJSON, "json", false, "print one JSON object (for CI) instead of the report")
	fs.BoolVar(&f.asSARIF, "sarif", false, "print a SARIF 2.1.0 log (for code-scanning tools) instead of the report")
	return cmd, &f
}

func scanMain(args []string, stdout, stderr io.Writer, environ []string) int {
	cmd, f := scanCommand()
	if done, code := cmd.parse(args, stdout, stderr); done {
		return code
	}
	dir, asJSON, asSARIF := f.dir, f.asJSON, f.asSARIF
	// A repository's file names and git's messages reach the terminal
	// only as text (JSON and SARIF escape them already).
	stderr = termsafe.Writer{W: stderr}
	if asJSON && asSARIF {
		_, code := cmd.fail(stderr, "choose one of --json and --sarif")
		return code
	}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		_, code := cmd.fail(stderr, "--dir "+dir+" is not a directory")
		return code
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
		err = rep.WriteText(termsafe.Writer{W: stdout})
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
