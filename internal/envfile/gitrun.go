package envfile

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"
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

// runGit runs git in dir, never through a shell, with prompts disabled and
// the C locale so its messages can be recognized. A non-zero exit is a
// result, not an error; errors are a missing git, a timeout, or failing to
// start.
func runGit(ctx context.Context, dir string, args ...string) (gitResult, error) {
	return runGitInput(ctx, dir, "", args...)
}

// runGitInput is runGit with stdin (for --stdin -z, which takes any path).
func runGitInput(ctx context.Context, dir, stdin string, args ...string) (gitResult, error) {
	ctx, cancel := context.WithTimeout(ctx, gitTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, "git", append([]string{"-C", dir}, args...)...)
	cmd.Env = append(os.Environ(), "GIT_TERMINAL_PROMPT=0", "LC_ALL=C", "LANGUAGE=C", "GIT_OPTIONAL_LOCKS=0")
	cmd.WaitDelay = 2 * time.Second
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
	reason := "git exited with status " + strconv.Itoa(r.code)
	for _, line := range strings.Split(r.stderr, "\n") {
		if l := strings.TrimSpace(line); strings.HasPrefix(l, "fatal:") || strings.HasPrefix(l, "error:") {
			reason = l
			break
		}
	}
	do := "Run git status in that folder to see what git reports, fix it, then run again"
	if strings.Contains(r.stderr, "dubious ownership") {
		do = "The repository belongs to another user, so git refuses to work in it. If you trust it, run: git config --global --add safe.directory " + repoFromDubious(r.stderr, dir)
	}
	return &GitError{Kind: ErrGit, Dir: dir, Reason: reason, Do: do}
}

// repoFromDubious extracts the folder git names in its "dubious ownership"
// message, falling back to dir.
func repoFromDubious(stderr, dir string) string {
	const marker = "dubious ownership in repository at '"
	if i := strings.Index(stderr, marker); i >= 0 {
		rest := stderr[i+len(marker):]
		if j := strings.IndexByte(rest, '\''); j >= 0 {
			return rest[:j]
		}
	}
	return dir
}
