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
	"github.com/onboard-dev/onboard/internal/secret"
	"github.com/onboard-dev/onboard/internal/termsafe"
	"io"
	"net/url"
	"os"
	"time"

	"github.com/onboard-dev/onboard/internal/envfile"
	"github.com/onboard-dev/onboard/internal/exit"
	"github.com/onboard-dev/onboard/internal/providers"
	"github.com/onboard-dev/onboard/internal/providers/apihttp"
	"github.com/onboard-dev/onboard/internal/readiness"
	"github.com/onboard-dev/onboard/internal/registry"
)

// Options is one run's command line, already parsed.
type Options struct {
	Dir     string // where to look for the .env (its git root); "" = "."
	EnvFile string // explicit .env path; wins over Dir
	JSON    bool
	// Color adds ANSI colours to the text report. The caller decides (a
	// terminal, and NO_COLOR unset); the JSON output never has colours.
	Color bool
	// URLs replace services' API base URLs (tests, simulators), by the
	// service's flag name ("stripe-url").
	URLs map[string]string
	// Progress, when set (a terminal's stderr), shows one status line that
	// counts up while the providers answer, erased before the report.
	Progress   io.Writer
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
	// Registry is the providers check knows; nil means registry.All().
	Registry []registry.Entry
}

// config is what every provider of the run is built with: the client, and
// Production's mode with --production (without it, no mode: a CI job may
// check a development .env or a live one).
func (o *Options) config() providers.Config {
	c := providers.Config{HTTP: o.HTTP}
	if o.Production {
		c.Mode = providers.Production
	}
	return c
}

// CheckURL says what is wrong with a --NAME-url value ("" is fine).
func CheckURL(flag, val string) error {
	if val == "" {
		return nil
	}
	p, err := url.Parse(val)
	if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
		// Printed through a redactor (check.Run, the command line's
		// fail): a key pasted here is quoted masked.
		return &usageError{fmt.Sprintf("--%s must be an http(s) URL such as https://host:port, not %q", flag, val)}
	}
	return nil
}

// usageError is a mistake in the command line (exit 2).
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

// Normalize fills in the defaults and returns what is wrong with the
// options as a command line would state it (a usage error, exit 2). Run
// calls it too; a front end calls it first to word the error its own way.
func (o *Options) Normalize() error {
	if o.Dir == "" {
		o.Dir = "."
	}
	if fi, err := os.Stat(o.Dir); err != nil || !fi.IsDir() {
		return &usageError{fmt.Sprintf("--dir %s is not a directory", o.Dir)}
	}
	if o.EnvFile != "" {
		if err := envfile.CheckPath(o.EnvFile); err != nil {
			return &usageError{"--env-file " + err.Error()}
		}
	}
	if o.Registry == nil {
		o.Registry = registry.All()
	}
	for _, svc := range registry.Services(o.Registry) {
		if err := CheckURL(svc.URLFlag, o.URLs[svc.URLFlag]); err != nil {
			return err
		}
	}
	if !o.Production && (len(o.Confirm) > 0 || o.ReportPath != "") {
		return &usageError{"--confirm and --report belong to the readiness checklist: add --production"}
	}
	if err := readiness.CheckConfirmIDs(readiness.Catalog(registry.Specs(o.Registry)), o.Confirm); err != nil {
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
// exit.Interrupted.
func Run(ctx context.Context, opts Options, stdout, stderr io.Writer) int {
	// Whatever a repository, a team file or a server put in the text,
	// only check's own colours reach the terminal.
	stdout, stderr = termsafe.Writer{W: stdout}, termsafe.Writer{W: stderr}
	if err := opts.Normalize(); err != nil {
		fmt.Fprintln(stderr, "onboard check:", secret.NewRedactor().Redact(err.Error()))
		return exit.Usage
	}
	rep := collect(ctx, opts)
	rep.interrupted = ctx.Err() != nil
	if opts.JSON {
		if err := writeJSON(stdout, rep); err != nil {
			fmt.Fprintln(stderr, "onboard check:", err)
			return exit.Failed
		}
	} else {
		writeText(stdout, rep, opts.Color)
	}
	switch {
	case rep.interrupted:
		return exit.Interrupted
	case hasFailure(rep.results):
		return exit.Failed
	}
	return exit.OK
}
