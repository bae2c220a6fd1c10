package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/onboard-dev/onboard/internal/exit"
	"github.com/onboard-dev/onboard/internal/secret"
)

// command is one of onboard's commands as the command line sees it: its
// name, the synopsis lines above the flags, and its flags. Every command
// parses through it, so they all follow the same conventions: --help and
// `onboard help CMD` print to stdout and exit 0 (`onboard --help | less`
// works), a bad flag is one line and a hint on stderr, exit 2.
type command struct {
	name     string   // "onboard", "onboard check"
	synopsis []string // usage lines, without the "usage: " prefix
	status   string   // what the exit statuses mean for this command
	fs       *flag.FlagSet
}

func newCommand(name, status string, synopsis ...string) *command {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	// The flag package would print the error and the whole usage; parse
	// prints one line instead.
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return &command{name: name, synopsis: synopsis, status: status, fs: fs}
}

// usage writes the full help: synopsis, flags, exit statuses.
func (c *command) usage(w io.Writer) {
	for i, s := range c.synopsis {
		prefix := "usage: "
		if i > 0 {
			prefix = strings.Repeat(" ", len(prefix))
		}
		fmt.Fprintln(w, prefix+s)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "flags:")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	c.fs.VisitAll(func(f *flag.Flag) {
		// A `NAME` in backquotes in the text names the value (the flag
		// package's convention); a bool takes none.
		name, text := flag.UnquoteUsage(f)
		arg := "--" + f.Name
		if name != "" {
			arg += " " + strings.ToUpper(name)
		}
		fmt.Fprintf(tw, "  %s\t%s\n", arg, text)
	})
	_ = tw.Flush()
	if c.status != "" {
		fmt.Fprintln(w)
		fmt.Fprintln(w, "exit status: "+c.status)
	}
}

// parse reads args. It returns done=false when the command should run;
// otherwise the help was printed or the command line was wrong, and code
// is the exit status. A positional argument is an error unless the
// command takes them (args > 0 allowed is the caller's check of fs.Args).
func (c *command) parse(args []string, stdout, stderr io.Writer) (done bool, code int) {
	err := c.fs.Parse(args)
	switch {
	case errors.Is(err, flag.ErrHelp):
		c.usage(stdout)
		return true, exit.OK
	case err != nil:
		return c.fail(stderr, err.Error())
	case c.fs.NArg() > 0:
		return c.fail(stderr, fmt.Sprintf("unexpected argument %q", c.fs.Arg(0)))
	}
	return false, exit.OK
}

// fail prints a command-line mistake as one line plus where to read more,
// and returns the usage exit status.
func (c *command) fail(stderr io.Writer, msg string) (bool, int) {
	// A key pasted where a flag or its value belonged is quoted back
	// masked: usage errors land in shell history and CI logs.
	fmt.Fprintf(stderr, "%s: %s\n", c.name, secret.NewRedactor().Redact(msg))
	fmt.Fprintf(stderr, "Run '%s --help' for the flags.\n", c.name)
	return true, exit.Usage
}
