package scan

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/onboard-dev/onboard/internal/envfile"
	"github.com/onboard-dev/onboard/internal/gitsafe"
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

// packConfig bounds each git's memory by the size of the packs. By
// default git maps up to 8 GiB of pack files and caches 96 MiB of delta
// bases per process. A scan reads each object once, in pack order, so it
// needs much less, but not too little: with a delta cache below its
// working set, a packed (gc'd or cloned) history rebuilds the same delta
// chains over and over (a 50,000-commit pack of 31 MiB took 7 times longer
// with a 4 or 8 MiB cache than with 12 MiB, measured). The blob reader
// gets half the pack size, kept between 16 and 64 MiB; the history walk,
// which reads trees of neighbouring commits, an eighth (4 to 32 MiB);
// the mapped windows a quarter (8 to 32 MiB), which never thrashed in
// the same measurements.
func packConfig(packBytes int64, walk bool) []string {
	const mib = 1 << 20
	cache := min(max(packBytes/2, 16*mib), 64*mib)
	if walk {
		cache = min(max(packBytes/8, 4*mib), 32*mib)
	}
	limit := min(max(packBytes/4, 8*mib), 32*mib)
	return []string{
		"-c", "core.packedGitWindowSize=1m",
		"-c", fmt.Sprintf("core.packedGitLimit=%d", limit),
		"-c", fmt.Sprintf("core.deltaBaseCacheLimit=%d", cache),
	}
}

// repo is the repository being scanned.
type repo struct {
	dir     string // where git runs (-C)
	pack    int64  // bytes of packs and loose objects (packConfig)
	root    string // work tree root; "" for a bare repository
	gitDir  string
	shallow bool
	bare    bool
}

// command is a git in the repository, hardened (gitsafe: a repository
// being scanned may be hostile, and nothing in it may run a program or
// reach the network) and its pack memory sized (packConfig).
func (r *repo) command(ctx context.Context, args ...string) *exec.Cmd {
	return gitsafe.Command(ctx, r.dir, append(packConfig(r.pack, len(args) > 0 && args[0] == "log"), args...)...)
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
	reason := gitsafe.Reason(stderr)
	if folder, ok := gitsafe.DubiousOwnership(stderr, r.dir); ok {
		return &GitError{Kind: ErrUnsafeRepo, Dir: r.dir, Reason: "the repository belongs to another user, so git refuses to read it",
			Do: "If you trust it, run: git config --global --add safe.directory " + envfile.ShellQuote(folder)}
	}
	if strings.Contains(stderr, "not a git repository") {
		return &GitError{Kind: ErrNotRepository, Dir: r.dir, Reason: "this folder is not inside a git repository",
			Do: "Run onboard scan in your project (or pass --dir); there is no history to scan here"}
	}
	if reason == "" {
		reason = fmt.Sprintf("git %s failed (%v)", args[0], err)
	}
	return &GitError{Kind: ErrGit, Dir: r.dir, Reason: reason,
		Do: "Run git status there to see what git reports, fix it, then scan again"}
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
	r.pack = r.packBytes(ctx)
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

// packBytes is the size of the object store's packs and loose objects,
// from `git count-objects -v` (KiB figures); 0 when unknown.
func (r *repo) packBytes(ctx context.Context) int64 {
	out, err := r.output(ctx, "count-objects", "-v")
	if err != nil {
		return 0
	}
	var kib int64
	for _, line := range strings.Split(string(out), "\n") {
		k, v, ok := strings.Cut(line, ": ")
		if ok && (k == "size" || k == "size-pack") {
			if n, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64); err == nil {
				kib += n
			}
		}
	}
	return kib << 10
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
