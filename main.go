// Command onboard walks a developer from "no keys" to a .env holding Plaid
// and Stripe keys that are proven to work.
//
// main only parses flags and wires packages together; the flow lives in
// internal/steps, the screens in internal/ui.
package main

import (
	"context"
	"errors"
	"fmt"
	"github.com/onboard-dev/onboard/internal/termsafe"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"runtime/debug"
	"strings"
	"syscall"

	"golang.org/x/term"

	"github.com/onboard-dev/onboard/internal/check"
	"github.com/onboard-dev/onboard/internal/demo"
	"github.com/onboard-dev/onboard/internal/envfile"
	"github.com/onboard-dev/onboard/internal/exit"
	"github.com/onboard-dev/onboard/internal/providers"
	"github.com/onboard-dev/onboard/internal/readiness"
	"github.com/onboard-dev/onboard/internal/registry"
	"github.com/onboard-dev/onboard/internal/secret"
	"github.com/onboard-dev/onboard/internal/steps"
	"github.com/onboard-dev/onboard/internal/ui"
	"github.com/onboard-dev/onboard/internal/ui/lineui"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

func run(args []string, stdin *os.File, stdout, stderr *os.File) int {
	// Subcommands dispatch here, before the wizard's flags.
	if len(args) > 0 {
		switch args[0] {
		case "check":
			return checkMain(args[1:], stdout, stderr, isColourTerminal(stdout), term.IsTerminal(int(stderr.Fd())))
		case "scan":
			return scanMain(args[1:], stdout, stderr, os.Environ())
		case "help":
			return helpMain(args[1:], stdout, stderr)
		}
	}
	return runWizard(args, stdin, stdout, stderr)
}

// commandNames lists the subcommands for a message.
const commandNames = "check, scan and help"

// helpMain is `onboard help [COMMAND]`: the same text as --help, on stdout.
func helpMain(args []string, stdout, stderr io.Writer) int {
	name := ""
	if len(args) > 0 {
		name = args[0]
	}
	switch name {
	case "":
		cmd, _ := wizardCommand()
		cmd.usage(stdout)
	case "check":
		cmd, _ := checkCommand()
		cmd.usage(stdout)
	case "scan":
		cmd, _ := scanCommand()
		cmd.usage(stdout)
	default:
		fmt.Fprintf(stderr, "onboard help: there is no command %q; the commands are %s\n", secret.NewRedactor().Redact(name), commandNames)
		fmt.Fprintln(stderr, "Run 'onboard --help' for the wizard's flags.")
		return exit.Usage
	}
	return exit.OK
}

type wizardFlags struct {
	dir, envFile                          string
	urls                                  func() map[string]string
	demo, production, accessible, version bool
}

// wizardCommand is the wizard's command line.
func wizardCommand() (*command, *wizardFlags) {
	var f wizardFlags
	cmd := newCommand("onboard", "0 done, 1 failed (or nothing written), 2 usage, 130 interrupted",
		"onboard [--dir DIR] [--env-file FILE] [--demo] [--production] [--accessible]",
		"onboard check [flags]     check an existing .env without the wizard (CI)",
		"onboard scan [flags]      look for Stripe and Plaid keys in every commit of the repository",
		"onboard help [COMMAND]    this text, or a command's",
		"onboard --version")
	fs := cmd.fs
	fs.StringVar(&f.dir, "dir", "", "the project folder is `DIR`; the .env goes to its git root (default: the current folder)")
	fs.StringVar(&f.envFile, "env-file", "", "write the .env to `FILE` (instead of finding it from --dir)")
	f.urls = urlFlags(fs)
	fs.BoolVar(&f.demo, "demo", false, "run against local simulators with demo keys, in a fresh temporary directory unless --dir is given")
	fs.BoolVar(&f.production, "production", false, "live keys, plus the production-readiness checklist and report")
	fs.BoolVar(&f.accessible, "accessible", false, "plain line-by-line prompts instead of the full-screen wizard (also: ACCESSIBLE=1)")
	fs.BoolVar(&f.version, "version", false, "print the version and exit")
	return cmd, &f
}

// parseWizardFlags returns the flags, or nil and the exit status when the
// help was printed or the command line is wrong. Everything that can be
// refused before the first screen is refused here, so a bad --dir or
// --env-file never opens a screen that can only be left with Ctrl+C.
func parseWizardFlags(args []string, stdout, stderr io.Writer) (*wizardFlags, int) {
	cmd, f := wizardCommand()
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		_, code := cmd.fail(stderr, fmt.Sprintf("there is no command %q; the commands are %s", args[0], commandNames))
		return nil, code
	}
	if done, code := cmd.parse(args, stdout, stderr); done {
		return nil, code
	}
	for name, u := range f.urls() {
		if err := check.CheckURL(name, u); err != nil {
			_, code := cmd.fail(stderr, err.Error())
			return nil, code
		}
	}
	if f.dir != "" {
		if st, err := os.Stat(f.dir); err != nil || !st.IsDir() {
			_, code := cmd.fail(stderr, "--dir "+f.dir+" is not a directory")
			return nil, code
		}
	}
	if f.envFile != "" {
		if err := envfile.CheckPath(f.envFile); err != nil {
			_, code := cmd.fail(stderr, "--env-file "+err.Error())
			return nil, code
		}
	}
	return f, -1
}

func runWizard(args []string, stdin, stdout, stderr *os.File) int {
	f, code := parseWizardFlags(args, stdout, stderr)
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
		lazy := &demo.Lazy{Mode: opts.Mode}
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
		opts.Providers = registry.Build(registry.All(), providers.Config{Mode: opts.Mode}, f.urls())
	}
	if opts.Dir == "" {
		opts.Dir = "."
	}
	opts.CheckCommand = checkCommandLine(f, opts.Dir)
	opts.Extra, opts.AfterWrite = readiness.WizardSteps(readiness.WizardOptions{Providers: opts.Providers})
	opts.ExtraSection = readiness.Section
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
	opts := lineui.Options{Errors: termsafe.Writer{W: stderr, Plain: true}}
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

// checkCommandLine is the `onboard check` the Done screen advises, as the
// person can type it where they are: the demo's folder checked against the
// simulators, the same file, the same mode.
func checkCommandLine(f *wizardFlags, dir string) string {
	parts := []string{selfName(), "check"}
	if f.demo {
		parts = append(parts, "--demo")
	}
	switch {
	case f.envFile != "":
		parts = append(parts, "--env-file", envfile.ShellQuote(f.envFile))
	case dir != "" && dir != ".":
		parts = append(parts, "--dir", envfile.ShellQuote(dir))
	}
	if f.production {
		parts = append(parts, "--production")
	}
	return strings.Join(parts, " ")
}

// selfName is how to run this binary again: "onboard" when that is what
// PATH finds, else the path it was started by (bin/onboard after make).
func selfName() string {
	if onPath, err := exec.LookPath("onboard"); err == nil {
		a, errA := os.Stat(onPath)
		self, errB := os.Executable()
		if errA == nil && errB == nil {
			if b, err := os.Stat(self); err == nil && os.SameFile(a, b) {
				return "onboard"
			}
		}
	}
	return envfile.ShellQuote(os.Args[0])
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
