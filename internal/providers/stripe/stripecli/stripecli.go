package stripecli

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/onboard-dev/onboard/internal/secret"
)

// DefaultTimeout is how long PrintSecret waits for the CLI when CLI.Timeout
// is zero. The CLI makes one request to Stripe and exits: a few seconds on
// a slow network, so twenty means something is wrong (a proxy that never
// answers, a CLI waiting for a login).
const DefaultTimeout = 20 * time.Second

const (
	// waitDelay bounds how long Wait goes on after the CLI exited or was
	// killed while something it started outside its group still holds
	// its output open.
	waitDelay = time.Second
	// maxOutput is what is kept of the CLI's output: the secret is one
	// line, and an error a few; the rest is drained and dropped so the CLI
	// never blocks.
	maxOutput = 64 << 10
)

// CLI is a Stripe CLI executable.
type CLI struct {
	// Path is the executable, as Find returns it.
	Path string
	// Timeout bounds one PrintSecret; zero means DefaultTimeout. A shorter
	// deadline on the caller's context wins.
	Timeout time.Duration
}

// Find looks for the Stripe CLI (stripe) in the folders PATH lists, in
// order, as exec.LookPath does and with no shell, but takes none that a
// checked-out repository could have planted: not through a relative entry
// of PATH ("." or "bin", found from the current directory: exec.ErrDot),
// and not inside the project, which PATH names by an absolute path as
// readily (direnv's PATH_add bin, $PWD/node_modules/.bin). The project is
// the current directory and the git work tree holding it (see
// projectDirs). When the only stripe is inside it, the *Error (NotFound)
// names it and says why it is not run.
func Find() (string, error) {
	wd, _ := os.Getwd()
	project := projectDirs(wd)
	passed := ""
	for _, dir := range filepath.SplitList(os.Getenv("PATH")) {
		if !filepath.IsAbs(dir) {
			continue
		}
		p, err := exec.LookPath(filepath.Join(dir, "stripe"))
		if err != nil {
			continue
		}
		if insideAny(p, project) {
			if passed == "" {
				passed = p
			}
			continue
		}
		return p, nil
	}
	return "", &Error{Problem: NotFound, InProject: passed}
}

// Available reports whether the webhook step should offer to ask the CLI
// for this key: the key is a test key CheckKey accepts, and Find found the
// CLI. Otherwise the *Error says why not (KeyRefused: the reason; NotFound:
// how to install the CLI), for the step to show next to the plain field.
func Available(key secret.Secret) (CLI, error) {
	if err := CheckKey(key); err != nil {
		return CLI{}, err
	}
	p, err := Find()
	if err != nil {
		return CLI{}, err
	}
	return CLI{Path: p}, nil
}

// PrintSecret runs `bin listen --print-secret` with key and returns the
// local forwarding secret it prints. See CLI.PrintSecret.
func PrintSecret(ctx context.Context, bin string, key secret.Secret) (secret.Secret, error) {
	return CLI{Path: bin}.PrintSecret(ctx, key)
}

// The causes of the run's own ends, to tell them from the caller's.
var (
	errTimeout = errors.New("stripe listen took too long")
	errLogin   = errors.New("stripe listen turned to stripe login")
)

// PrintSecret runs `stripe listen --print-secret` and returns the whsec_
// secret it prints: the one `stripe listen` signs forwarded events with,
// for the account of key. The key must pass CheckKey; it is given to the
// CLI only as STRIPE_API_KEY in the child's environment. Every error is an
// *Error that says what to do and holds no secret: what the CLI said is
// quoted only with the key, and every value of onboard's environment that
// looks like a credential (secret.InEnvironment), masked.
func (c CLI) PrintSecret(ctx context.Context, key secret.Secret) (secret.Secret, error) {
	if err := CheckKey(key); err != nil {
		return "", err
	}
	if c.Path == "" {
		return "", &Error{Problem: NotFound}
	}
	timeout := c.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	timed, cancelTimer := context.WithTimeoutCause(ctx, timeout, errTimeout)
	defer cancelTimer()
	// A CLI that has turned to `stripe login` will not print the secret:
	// it is stopped as soon as it says so, before it opens a browser if
	// possible.
	runCtx, stop := context.WithCancelCause(timed)
	defer stop(nil)

	bin := c.Path
	if strings.ContainsRune(bin, filepath.Separator) {
		if abs, err := filepath.Abs(bin); err == nil {
			bin = abs // it runs in another directory (below)
		}
	}
	cmd := exec.CommandContext(runCtx, bin, "listen", "--print-secret")
	// A neutral working directory: the repository onboard runs in has
	// nothing the CLI should read.
	cmd.Dir = os.TempDir()
	cmd.Env = childEnv(os.Environ(), key.Reveal())
	cmd.Stdin = nil // the null device: a prompt reads end-of-file at once
	// stdout and stderr are one pipe (exec.Cmd makes one for a single
	// writer), read as the CLI wrote them: a key it printed in pieces
	// split between the two is whole again for the redactor, in order.
	// The CLI prints the secret on stdout; it says nothing on stderr that
	// could pass for a second one.
	out := &capped{max: maxOutput, onLogin: func() { stop(errLogin) }}
	cmd.Stdout, cmd.Stderr = out, out
	cmd.WaitDelay = waitDelay
	ownGroup(cmd)
	runErr := cmd.Run()

	red := secret.NewRedactor(append(secret.InEnvironment(os.Environ()), key.Reveal())...)
	reason := func() string { return cleanReason(red, out.buf.Bytes()) }
	login := wantsLogin(out.buf.Bytes())
	exited := cmd.ProcessState != nil && cmd.ProcessState.Success()
	// A secret at the very end of what was read may have been cut short,
	// by the output cap or by a kill while it was being printed.
	found := secretsIn(out.buf.Bytes(), out.dropped || runErr != nil)

	switch {
	case runErr == nil, exited && errors.Is(runErr, exec.ErrWaitDelay):
		// Exited 0. (With ErrWaitDelay, something the CLI started kept
		// its output open; what it printed before exiting is complete.)
	case ctx.Err() != nil:
		return "", &Error{Problem: Canceled, err: context.Cause(ctx)}
	case errors.Is(context.Cause(runCtx), errLogin) && len(found) == 1:
		// It printed the secret, then spoke of logging in (a notice
		// about the key, say) and was stopped for it.
		return secret.Secret(found[0]), nil
	case login || errors.Is(context.Cause(runCtx), errLogin):
		return "", &Error{Problem: NeedsLogin}
	case errors.Is(context.Cause(runCtx), errTimeout):
		return "", &Error{Problem: TimedOut, After: timeout, Reason: reason()}
	case cmd.Process == nil:
		// It never started: gone since Find, not executable, not a
		// program. The exec error names the path, never the key.
		return "", &Error{Problem: NotFound, err: runErr}
	default:
		status := -1
		var exit *exec.ExitError
		if errors.As(runErr, &exit) {
			status = exit.ExitCode()
		}
		return "", &Error{Problem: Failed, Status: status, Reason: reason()}
	}

	switch {
	case len(found) == 1:
		return secret.Secret(found[0]), nil
	case len(found) > 1:
		return "", &Error{Problem: ManySecrets, Count: len(found)}
	case login:
		return "", &Error{Problem: NeedsLogin}
	}
	return "", &Error{Problem: NoSecret, Reason: reason()}
}

// childEnv is the CLI's environment: what a Go program needs to run and
// reach Stripe (passed), the person's telemetry opt-out, a device name, a
// terminal that draws nothing, and the key. Nothing else of onboard's
// environment is inherited: it holds other secrets (PLAID_SECRET, AWS_*,
// tokens) the CLI has no use for and might print in a debug line, and
// STRIPE_ settings that could change which key or account is used, or
// turn on request logging that prints the key. The device name is needed:
// without one (no STRIPE_DEVICE_NAME and no config file from an earlier
// login) the CLI falls back to `stripe login`, which prompts and opens a
// browser. It is only the label the Dashboard shows for the CLI's
// session; the host name is what `stripe login` would use.
func childEnv(parent []string, key string) []string {
	env := make([]string, 0, 16)
	device := ""
	for _, kv := range parent {
		name, value, _ := strings.Cut(kv, "=")
		// Case-insensitive: Windows treats Stripe_Api_Key as the same.
		switch upper := strings.ToUpper(name); {
		case upper == "STRIPE_CLI_TELEMETRY_OPTOUT":
			env = append(env, kv)
		case upper == "STRIPE_DEVICE_NAME":
			device = value
		case passed(name):
			env = append(env, kv)
		}
	}
	if strings.TrimSpace(device) == "" {
		device, _ = os.Hostname()
		if device == "" {
			device = "onboard"
		}
	}
	return append(env, "TERM=dumb", "STRIPE_DEVICE_NAME="+device, "STRIPE_API_KEY="+key)
}

// passed: the variables the CLI needs from the parent. Where its programs
// and home are, who runs it, the temporary folder, the locale, its config
// folder (XDG_CONFIG_HOME), the proxy settings in both spellings Go reads,
// extra CA certificates, and on Windows the system folder (without
// SystemRoot no network call works) and the profile folders.
func passed(name string) bool {
	if name == "" {
		return true // "=C:=C:\": Windows' current folder of each drive
	}
	if runtime.GOOS == "windows" {
		name = strings.ToUpper(name) // one variable, however it is spelled
		switch name {
		case "SYSTEMROOT", "WINDIR", "APPDATA", "LOCALAPPDATA", "USERPROFILE", "HOMEDRIVE", "HOMEPATH", "TEMP", "TMP", "PATHEXT":
			return true
		}
	}
	switch name {
	case "PATH", "HOME", "USER", "LOGNAME", "TMPDIR", "LANG",
		"HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "http_proxy", "https_proxy", "no_proxy",
		"SSL_CERT_FILE", "SSL_CERT_DIR":
		return true
	}
	return strings.HasPrefix(name, "LC_") || strings.HasPrefix(name, "XDG_")
}

// capped keeps the first max bytes written to it and drops the rest,
// always reporting success so the child never blocks on a full pipe. It
// calls onLogin when the CLI starts talking about logging in.
type capped struct {
	buf     bytes.Buffer
	max     int
	dropped bool
	onLogin func()
}

// loginLookBehind is how much before a write is searched with it, so a
// phrase split over two writes (or wrapped in colour codes) is still seen.
const loginLookBehind = 128

func (c *capped) Write(p []byte) (int, error) {
	keep := p
	if room := max(c.max-c.buf.Len(), 0); len(keep) > room {
		c.dropped = true
		keep = keep[:room]
	}
	from := max(c.buf.Len()-loginLookBehind, 0)
	c.buf.Write(keep)
	if c.onLogin != nil && wantsLogin(c.buf.Bytes()[from:]) {
		c.onLogin()
	}
	return len(p), nil
}
