package envfile

import (
	"bytes"
	"context"
	"errors"
	"os/exec"
	"strconv"
	"strings"
	"time"

	"github.com/onboard-dev/onboard/internal/gitsafe"
)

var (
	ErrGitMissing  = errors.New("git is not installed")
	ErrGit         = errors.New("git failed")
	ErrFixDefeated = errors.New("the .gitignore fix did not take effect")
	ErrFixBlocked  = errors.New("the .gitignore fix cannot be made")
)

// gitTimeout bounds each git command; a hung git (a slow network file
// system, a credential prompt) must not hang the wizard.
var gitTimeout = 15 * time.Second

// GitError is a git failure other than "not a repository". Reason is git's
// own first error line; Do says how to fix it.
type GitError struct {
	Kind   error
	Dir    string
	Reason string
	Do     string
	Err    error
}

func (e *GitError) Error() string {
	msg := "git in " + e.Dir + ": " + e.Reason
	if e.Do != "" {
		msg += ". " + e.Do
	}
	return msg
}

func (e *GitError) Unwrap() []error {
	if e.Err == nil {
		return []error{e.Kind}
	}
	return []error{e.Kind, e.Err}
}

// gitResult is one finished git command.
type gitResult struct {
	stdout, stderr string
	code           int
}

// runGit runs git in dir through gitsafe: never through a shell, with
// prompts disabled, the C locale so its messages can be recognized, and
// nothing the repository configures able to run a program or reach the
// network. A non-zero exit is a result, not an error; errors are a
// missing git, a timeout, or failing to start.
func runGit(ctx context.Context, dir string, args ...string) (gitResult, error) {
	return runGitInput(ctx, dir, "", args...)
}

// runGitInput is runGit with stdin (for --stdin -z, which takes any path).
func runGitInput(ctx context.Context, dir, stdin string, args ...string) (gitResult, error) {
	return runGitEnv(ctx, dir, stdin, nil, args...)
}

// runGitWritingIndex is runGit for a command that writes the index: first
// a git that lists the filter drivers the configuration defines, then the
// command with every one of them turned off (gitsafe.NoFilters).
func runGitWritingIndex(ctx context.Context, dir string, args ...string) (gitResult, error) {
	filters, err := runGit(ctx, dir, gitsafe.ListFilters...)
	if err != nil {
		return filters, err
	}
	if filters.code > 1 { // 1: no filter settings at all
		return filters, nil
	}
	return runGitEnv(ctx, dir, "", gitsafe.NoFilters(filters.stdout), args...)
}

// runGitEnv is runGitInput with more environment after gitsafe's.
func runGitEnv(parent context.Context, dir, stdin string, env []string, args ...string) (gitResult, error) {
	ctx, cancel := context.WithTimeout(parent, gitTimeout)
	defer cancel()
	cmd := gitsafe.Command(ctx, dir, args...)
	cmd.Env = append(cmd.Env, env...)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	cmd.Stdin = strings.NewReader(stdin)
	err := cmd.Run()
	res := gitResult{stdout: out.String(), stderr: errOut.String()}
	var exit *exec.ExitError
	switch {
	case err == nil:
		return res, nil
	case errors.Is(err, exec.ErrNotFound):
		return res, &GitError{Kind: ErrGitMissing, Dir: dir, Err: err,
			Reason: "git is not installed (or not on PATH)",
			Do:     "Install git so onboard can check that your keys are never committed"}
	case parent.Err() != nil:
		// Stopped by the caller (Ctrl+C), not slow: said as such.
		return res, &GitError{Kind: ErrGit, Dir: dir, Err: parent.Err(),
			Reason: "stopped before git answered (git " + strings.Join(args, " ") + ")",
			Do:     "Run onboard again"}
	case ctx.Err() != nil:
		return res, &GitError{Kind: ErrGit, Dir: dir, Err: ctx.Err(),
			Reason: "git did not answer in time (git " + strings.Join(args, " ") + ")",
			Do:     "Run that command yourself to see what it waits for, then run onboard again"}
	case errors.As(err, &exit):
		res.code = exit.ExitCode()
		return res, nil
	default:
		return res, &GitError{Kind: ErrGit, Dir: dir, Err: err, Reason: "git could not be started",
			Do: "Check that git works in a terminal (git --version)"}
	}
}

// failure turns an unexpected git exit into a GitError carrying git's reason.
func (r gitResult) failure(dir string) error {
	reason := gitsafe.Reason(r.stderr)
	if reason == "" {
		reason = "git exited with status " + strconv.Itoa(r.code)
	}
	do := "Run git status in that folder to see what git reports, fix it, then run again"
	if folder, ok := gitsafe.DubiousOwnership(r.stderr, dir); ok {
		do = "The repository belongs to another user, so git refuses to work in it. If you trust it, run: git config --global --add safe.directory " + shellQuote(folder)
	}
	return &GitError{Kind: ErrGit, Dir: dir, Reason: reason, Do: do}
}
