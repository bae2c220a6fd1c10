package scan

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// Errors Run wraps; the command line turns each into a sentence and exit
// status 2.
var (
	ErrNotRepository = errors.New("not a git repository")
	ErrUnsafeRepo    = errors.New("git refuses to work in this repository (safe.directory)")
	ErrGitMissing    = errors.New("git is not installed")
	ErrGit           = errors.New("git failed")
)

// GitError is a git command that failed. It never holds file contents:
// only git's own first error line.
type GitError struct {
	Kind   error
	Dir    string
	Reason string
	Do     string
}

func (e *GitError) Error() string {
	msg := e.Dir + ": " + e.Reason
	if e.Do != "" {
		msg += ". " + e.Do
	}
	return msg
}

func (e *GitError) Unwrap() error { return e.Kind }

// gitConfig is put before every command. A repository being scanned may be
// hostile: nothing in it may run a program (fsmonitor, external diff,
// textconv) and nothing may reach the network (a partial clone would fetch
// missing objects on demand; GIT_ALLOW_PROTOCOL below forbids every
// transport).
//
// The pack settings bound each git's memory: by default git maps up to
// 8 GiB of pack files and caches 96 MiB of delta bases, which several
// readers at once would multiply. A scan reads each object once, in pack
// order, so small windows and a small cache cost no time (measured by the
// scan benchmark).
var gitConfig = []string{
	"-c", "core.packedGitWindowSize=512k",
	"-c", "core.packedGitLimit=4m",
	"-c", "core.deltaBaseCacheLimit=4m",
	"-c", "core.fsmonitor=false",
	"-c", "core.untrackedCache=false",
	"-c", "log.showSignature=false",
	"--no-pager",
}

func gitEnv() []string {
	return append(os.Environ(),
		"GIT_TERMINAL_PROMPT=0", "LC_ALL=C", "LANGUAGE=C",
		"GIT_OPTIONAL_LOCKS=0",            // a scan never writes the index
		"GIT_NO_REPLACE_OBJECTS=1",        // scan the objects as they are, not what `git replace` shows
		"GIT_ALLOW_PROTOCOL=onboard-none", // no transport at all: no lazy fetch, no network
		"GIT_NO_LAZY_FETCH=1",             // the same, for git 2.44 and later
		"GIT_CONFIG_PARAMETERS=",          // drop config injected by a parent git
	)
}

// repo is the repository being scanned.
type repo struct {
	dir     string // where git runs (-C)
	root    string // work tree root; "" for a bare repository
	gitDir  string
	shallow bool
	bare    bool
}

func (r *repo) command(ctx context.Context, args ...string) *exec.Cmd {
	full := append([]string{"-C", r.dir}, gitConfig...)
	cmd := exec.CommandContext(ctx, "git", append(full, args...)...)
	cmd.Env = gitEnv()
	cmd.WaitDelay = 2 * time.Second
	return cmd
}

// output runs a short git command and returns its stdout.
func (r *repo) output(ctx context.Context, args ...string) ([]byte, error) {
	cmd := r.command(ctx, args...)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		return out.Bytes(), r.failure(ctx, err, errOut.String(), args)
	}
	return out.Bytes(), nil
}

// failure turns a failed git command into a GitError that says what to do.
func (r *repo) failure(ctx context.Context, err error, stderr string, args []string) error {
	if ctx.Err() != nil {
		return ctx.Err()
	}
	if errors.Is(err, exec.ErrNotFound) {
		return &GitError{Kind: ErrGitMissing, Dir: r.dir, Reason: "git is not installed (or not on PATH)",
			Do: "Install git; onboard scan reads the history with it"}
	}
	reason := firstGitError(stderr)
	switch {
	case strings.Contains(stderr, "dubious ownership"):
		return &GitError{Kind: ErrUnsafeRepo, Dir: r.dir, Reason: "the repository belongs to another user, so git refuses to read it",
			Do: "If you trust it, run: git config --global --add safe.directory " + dubiousPath(stderr, r.dir)}
	case strings.Contains(stderr, "not a git repository"):
		return &GitError{Kind: ErrNotRepository, Dir: r.dir, Reason: "this folder is not inside a git repository",
			Do: "Run onboard scan in your project (or pass --dir); there is no history to scan here"}
	}
	if reason == "" {
		reason = fmt.Sprintf("git %s failed (%v)", args[0], err)
	}
	return &GitError{Kind: ErrGit, Dir: r.dir, Reason: reason,
		Do: "Run git status there to see what git reports, fix it, then scan again"}
}

func firstGitError(stderr string) string {
	for _, line := range strings.Split(stderr, "\n") {
		if l := strings.TrimSpace(line); strings.HasPrefix(l, "fatal:") || strings.HasPrefix(l, "error:") {
			return l
		}
	}
	return ""
}

func dubiousPath(stderr, dir string) string {
	const marker = "dubious ownership in repository at '"
	if i := strings.Index(stderr, marker); i >= 0 {
		rest := stderr[i+len(marker):]
		if j := strings.IndexByte(rest, '\''); j >= 0 {
			return rest[:j]
		}
	}
	return dir
}

// openRepo asks git where the repository is and what state it is in.
func openRepo(ctx context.Context, dir string) (*repo, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	r := &repo{dir: abs}
	out, err := r.output(ctx, "rev-parse", "--is-bare-repository", "--is-shallow-repository", "--absolute-git-dir")
	if err != nil {
		return nil, err
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) < 3 {
		return nil, &GitError{Kind: ErrGit, Dir: abs, Reason: "git rev-parse gave an unexpected answer"}
	}
	r.bare, r.shallow, r.gitDir = lines[0] == "true", lines[1] == "true", lines[2]
	if r.bare {
		return r, nil
	}
	out, err = r.output(ctx, "rev-parse", "--show-toplevel")
	if err != nil {
		// Inside the .git directory itself: there is a repository but no
		// work tree to stand in.
		if !strings.Contains(err.Error(), "work tree") {
			return nil, err
		}
		r.bare = true
		return r, nil
	}
	r.root = strings.TrimRight(string(out), "\r\n")
	r.dir = r.root
	return r, nil
}

// head returns HEAD's commit, or "" when there is no commit yet.
func (r *repo) head(ctx context.Context) (string, error) {
	cmd := r.command(ctx, "rev-parse", "--verify", "--quiet", "HEAD^{commit}")
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	var exit *exec.ExitError
	if errors.As(err, &exit) && exit.ExitCode() == 1 && strings.TrimSpace(errOut.String()) == "" {
		return "", nil // unborn branch: no commits yet
	}
	if err != nil {
		return "", r.failure(ctx, err, errOut.String(), []string{"rev-parse"})
	}
	return strings.TrimSpace(out.String()), nil
}
