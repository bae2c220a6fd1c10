// Package check is `onboard check`: it reads a .env, checks every present
// key's format, verifies the configured providers live (concurrently), checks
// that git protects the file, and prints a report for people or one JSON
// object for scripts. With Production it adds the readiness checklist and
// writes the Markdown readiness report. It is the headless twin of the wizard
// and is testable without a process: Run takes writers and returns the exit
// status.
package check

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"time"

	"github.com/onboard-dev/onboard/internal/providers/apihttp"
	"github.com/onboard-dev/onboard/internal/readiness"
)

// Exit statuses.
const (
	ExitOK     = 0 // nothing failed (warnings allowed)
	ExitFailed = 1 // at least one check failed, including a missing or unreadable .env
	ExitUsage  = 2 // the command line itself is wrong: bad flag, bad URL, unknown item id, a --report that is not a report
	// ExitInterrupted: the run was cancelled (SIGINT, SIGTERM) before every
	// check finished, so nothing is proven; 128 + SIGINT, as shells report.
	ExitInterrupted = 130
)

// Options is one run's command line, already parsed.
type Options struct {
	Dir     string // where to look for the .env (its git root); "" = "."
	EnvFile string // explicit .env path; wins over Dir
	JSON    bool
	// Color adds ANSI colours to the text report. The caller decides (a
	// terminal, and NO_COLOR unset); the JSON output never has colours.
	Color      bool
	PlaidURL   string // overrides of the API base URLs (tests, simulators)
	StripeURL  string
	Production bool
	ReportPath string   // readiness report; "" = onboard-readiness.md next to the .env
	Confirm    []string // readiness items the person confirms now

	// LookupEnv reads the shell environment, to spot variables that shadow
	// the .env; nil means os.LookupEnv.
	LookupEnv func(string) (string, bool)
	// Now dates the report; nil means time.Now.
	Now func() time.Time
	// HTTP is the client the providers use; nil means apihttp.New().
	HTTP *apihttp.Client
}

// usageError is a mistake in the command line (exit 2).
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func (o *Options) normalize() error {
	if o.Dir == "" {
		o.Dir = "."
	}
	if fi, err := os.Stat(o.Dir); err != nil || !fi.IsDir() {
		return &usageError{fmt.Sprintf("--dir %s is not a directory", o.Dir)}
	}
	for _, u := range []struct{ flag, val string }{{"--plaid-url", o.PlaidURL}, {"--stripe-url", o.StripeURL}} {
		if u.val == "" {
			continue
		}
		p, err := url.Parse(u.val)
		if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
			return &usageError{fmt.Sprintf("%s must be an http(s) URL such as https://host:port, not %q", u.flag, u.val)}
		}
	}
	if !o.Production && (len(o.Confirm) > 0 || o.ReportPath != "") {
		return &usageError{"--confirm and --report belong to the readiness checklist: add --production"}
	}
	if err := readiness.CheckConfirmIDs(o.Confirm); err != nil {
		return &usageError{err.Error()}
	}
	// Refused before any work: a --report naming the .env, the .gitignore
	// or any file onboard did not write would be replaced by the report.
	if o.ReportPath != "" {
		var nr *readiness.NotReportError
		if err := readiness.CheckReportPath(o.ReportPath); errors.As(err, &nr) {
			return &usageError{"--report " + err.Error() + ". " + nr.Do()}
		}
	}
	if o.LookupEnv == nil {
		o.LookupEnv = os.LookupEnv
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.HTTP == nil {
		o.HTTP = apihttp.New()
	}
	return nil
}

// Run performs the check and writes the report to stdout (problems with the
// command line go to stderr). It returns the exit status. When ctx is
// cancelled (the command's SIGINT or SIGTERM), the checks stop, what was
// found so far is printed as not proven, and the status is
// ExitInterrupted.
func Run(ctx context.Context, opts Options, stdout, stderr io.Writer) int {
	if err := opts.normalize(); err != nil {
		fmt.Fprintln(stderr, "onboard check:", err)
		return ExitUsage
	}
	rep := collect(ctx, opts)
	rep.interrupted = ctx.Err() != nil
	if opts.JSON {
		if err := writeJSON(stdout, rep); err != nil {
			fmt.Fprintln(stderr, "onboard check:", err)
			return ExitFailed
		}
	} else {
		writeText(stdout, rep, opts.Color)
	}
	switch {
	case rep.interrupted:
		return ExitInterrupted
	case hasFailure(rep.results):
		return ExitFailed
	}
	return ExitOK
}
