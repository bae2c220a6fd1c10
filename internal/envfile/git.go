package envfile

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
)

// Protection is what git would do with the .env: whether it is ignored (and
// by which rule), tracked, or already in the history.
type Protection struct {
	InRepo     bool
	RepoRoot   string
	GitMissing bool
	Path       string // the file checked (a symlink's target), absolute
	RelPath    string // Path relative to RepoRoot, with '/'
	Ignored    bool
	Rule       string // "source:line:pattern" of the deciding rule: one that ignores it, or a "!" rule that re-includes it; "" if none
	RuleLocal  bool   // that rule is in .git/info/exclude or the global excludes file: this machine only
	Tracked    bool
	InHistory  bool
	Commits    []string // short hashes of commits touching the file, newest first, at most 5
	Warning    string   // a caution that does not make the file unsafe (not a repo, local-only rule)

	// LinkTarget is set when the .env is a symlink: the file it leads to,
	// where the secrets go. The questions above are about that file when it
	// lies inside the repository; when it lies outside, they are about the
	// link, and Outside answers them for the target where it is.
	LinkTarget string
	Outside    *Protection

	// Fix is what to add to the root .gitignore so git ignores the file
	// and the helper files onboard writes beside it (backup, temp files);
	// nil when nothing is missing. FixErr says why no fix could be
	// planned although one is needed.
	Fix    *GitignoreFix
	FixErr error
	// HelpersSafe: git would not commit the helper files onboard writes
	// beside the file (its backup, temp files): a rule of the repository
	// ignores them, or there is no repository. Without it no backup is kept.
	HelpersSafe bool
}

// GitignoreFix is a planned .gitignore change: the exact lines appended.
type GitignoreFix struct {
	File  string
	Lines []string
}

const maxCommits = 5

// Safe reports whether secrets may be written: the file is ignored (a
// machine-local rule counts, see Warning), not tracked and never committed;
// or it is not in a git repository at all. Without git nothing can be
// known, so it is not safe.
func (p *Protection) Safe() bool {
	if p.GitMissing {
		return false
	}
	if p.Outside != nil {
		return p.Outside.Safe()
	}
	if !p.InRepo {
		return true
	}
	return p.Ignored && !p.Tracked && !p.InHistory
}

// Problems lists what makes the file unsafe, in plain words, each with what
// to do. Empty when Safe.
func (p *Protection) Problems() []string {
	if p.GitMissing {
		return []string{"git is not installed, so onboard cannot tell whether this file would be committed. Install git and run again, or make sure the file is never added to version control."}
	}
	if p.Outside != nil {
		return p.Outside.Problems()
	}
	if !p.InRepo {
		return nil
	}
	name := p.RelPath
	var out []string
	if !p.Ignored && p.Rule != "" {
		out = append(out, fmt.Sprintf("%s is explicitly un-ignored by the rule %s, so `git add .` would commit your keys. Remove or change that line, then add the file to %s (onboard can do the second part).", name, p.Rule, filepath.Join(p.RepoRoot, ".gitignore")))
	} else if !p.Ignored {
		out = append(out, fmt.Sprintf("No ignore rule covers %s, so `git add .` would commit your keys. Let onboard add it to %s (or add the line yourself).", name, filepath.Join(p.RepoRoot, ".gitignore")))
	}
	if p.Tracked {
		out = append(out, fmt.Sprintf("%s is tracked by git, and ignore rules do not apply to tracked files. Run `%s` and commit that, then rotate every key the file held (create new keys in each provider's dashboard and delete the old ones).", name, UntrackCommand(name)))
	}
	if p.InHistory {
		out = append(out, fmt.Sprintf("%s was committed before (%s). Anyone with a copy of the repository can read the keys it held then: rotate them in each provider's dashboard. Rewriting history does not help once it was pushed.", name, commitList(p.Commits)))
	}
	return out
}

func commitList(c []string) string {
	if len(c) >= maxCommits {
		return "commits " + strings.Join(c, ", ") + " and possibly more"
	}
	if len(c) == 1 {
		return "commit " + c[0]
	}
	return "commits " + strings.Join(c, ", ")
}

// shellQuote quotes a path for a command a person will paste.
func shellQuote(s string) string {
	if isPlain(s) {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// GitRoot reports the work tree root containing dir. A folder outside any
// repository is ok == false with no error; a missing git or any other git
// failure (e.g. "dubious ownership") is an error wrapping ErrGitMissing or
// ErrGit with git's reason.
func GitRoot(ctx context.Context, dir string) (string, bool, error) {
	if root, ok, sure := gitRootFast(dir); sure {
		return root, ok, nil
	}
	r, err := runGit(ctx, dir, "rev-parse", "--show-toplevel")
	if err != nil {
		return "", false, err
	}
	if r.code == 0 {
		return filepath.FromSlash(strings.TrimRight(r.stdout, "\r\n")), true, nil
	}
	if strings.Contains(r.stderr, "not a git repository") {
		return "", false, nil
	}
	return "", false, r.failure(dir)
}

// gitRootFast finds the work tree root the way git's discovery does in the
// common case - the nearest folder above dir holding a .git directory -
// without starting a process: the wizard asks this before its first frame,
// and a git process costs more than the whole rest of start-up. It answers
// only when it is sure (sure=false sends the caller to real git): not when
// an environment variable changes discovery, nor for a .git file (worktrees,
// submodules), a folder inside a .git directory, or a bare repository.
// Ownership (safe.directory) is not judged here: CheckGit asks real git
// before anything is written.
func gitRootFast(dir string) (root string, ok, sure bool) {
	for _, v := range []string{"GIT_DIR", "GIT_WORK_TREE", "GIT_CEILING_DIRECTORIES", "GIT_DISCOVERY_ACROSS_FILESYSTEM", "GIT_COMMON_DIR"} {
		if _, set := os.LookupEnv(v); set {
			return "", false, false
		}
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", false, false
	}
	if abs, err = filepath.EvalSymlinks(abs); err != nil {
		return "", false, false
	}
	for d := abs; ; d = filepath.Dir(d) {
		if filepath.Base(d) == ".git" || isFile(filepath.Join(d, "HEAD")) {
			return "", false, false // inside a git directory or a bare repository
		}
		st, err := os.Lstat(filepath.Join(d, ".git"))
		switch {
		case err == nil && st.IsDir() && isFile(filepath.Join(d, ".git", "HEAD")):
			return d, true, true
		case err == nil || !os.IsNotExist(err):
			return "", false, false // a .git file, a broken .git, or unreadable
		}
		if filepath.Dir(d) == d {
			// Reached / with no repository: git says the same - if there
			// is a git to ask; without one, real git reports it missing.
			_, err := exec.LookPath("git")
			return "", false, err == nil
		}
	}
}

func isFile(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.Mode().IsRegular()
}

// paths returns the .env as asked (its folder's symlinks resolved: that is
// where the link lives) and the file the secrets really go to (a symlink's
// final target when it exists, else the asked path).
func paths(envPath string) (asked, real string, err error) {
	abs, err := filepath.Abs(envPath)
	if err != nil {
		return "", "", err
	}
	dir, err := filepath.EvalSymlinks(filepath.Dir(abs))
	if err != nil {
		return "", "", &FileError{Kind: ErrNotWritable, Path: envPath, Err: err,
			What: "its folder does not exist", Do: "Create the folder or choose another path"}
	}
	asked = filepath.Join(dir, filepath.Base(abs))
	if r, err := filepath.EvalSymlinks(asked); err == nil {
		return asked, r, nil
	}
	return asked, asked, nil
}

// CheckGit asks git about the .env at envPath. Not being in a repository is
// not an error (see Warning); a missing git gives GitMissing, not an error,
// unless the folder is inside a repository git cannot be asked about (a
// worktree or submodule, say): then nothing can be known, and it is one.
// A symlinked .env is judged where its target is, and the repository is
// the one holding the link.
func CheckGit(ctx context.Context, envPath string) (*Protection, error) {
	asked, real, err := paths(envPath)
	if err != nil {
		return nil, err
	}
	var p *Protection
	if real == asked {
		p, err = checkFile(ctx, real)
	} else {
		p, err = checkLink(ctx, asked, real)
	}
	if err != nil {
		return nil, err
	}
	if p.Outside != nil {
		// Only to learn whether the helpers would be safe there: onboard
		// changes nothing outside the project.
		_, _ = planFix(ctx, p.Outside)
	}
	p.Fix, p.FixErr = planFix(ctx, p)
	return p, nil
}

// checkLink: a .env that is a symlink. Inside the repository the target is
// what git would commit; outside, the link's repository is reported and
// the target is judged where it lies.
func checkLink(ctx context.Context, asked, real string) (*Protection, error) {
	root, ok, err := GitRoot(ctx, filepath.Dir(asked))
	if err != nil || !ok || within(root, real) {
		p, err := checkFile(ctx, real)
		if p != nil {
			p.LinkTarget = real
		}
		return p, err
	}
	var link, out *Protection
	var linkErr, outErr error
	var wg sync.WaitGroup
	wg.Go(func() { link, linkErr = checkFile(ctx, asked) })
	wg.Go(func() { out, outErr = checkFile(ctx, real) })
	wg.Wait()
	if err := cmp.Or(linkErr, outErr); err != nil {
		return nil, err
	}
	link.LinkTarget, link.Outside = real, out
	link.Warning = fmt.Sprintf("%s is a symlink to %s, outside the repository %s.", link.RelPath, real, link.RepoRoot)
	if out.InRepo {
		link.Warning += fmt.Sprintf(" That file is inside the repository %s, which decides whether it can be committed.", out.RepoRoot)
	}
	return link, nil
}

// checkFile asks git about the file at path (no symlink resolution).
func checkFile(ctx context.Context, path string) (*Protection, error) {
	p := &Protection{Path: path}
	dir, name := filepath.Split(path)
	root, ok, err := GitRoot(ctx, dir)
	if errors.Is(err, ErrGitMissing) {
		if d := dotGitAbove(dir); d != "" {
			return nil, &GitError{Kind: ErrGitMissing, Dir: dir,
				Reason: "git is not installed (or not on PATH), and " + d + " makes this folder part of a git repository, so onboard cannot tell whether git would commit the file",
				Do:     "Install git (or put it on PATH), then run again"}
		}
		p.GitMissing = true
		p.Warning = "git is not installed, so onboard could not check whether the file would be committed."
		return p, nil
	}
	if err != nil {
		return nil, err
	}
	if !ok {
		p.Warning = filepath.Clean(dir) + " is not inside a git repository, so git cannot commit the file. If you make it one later, add the file to its .gitignore first."
		return p, nil
	}
	p.InRepo, p.RepoRoot = true, root
	if rel, err := filepath.Rel(root, path); err == nil {
		p.RelPath = filepath.ToSlash(rel)
	} else {
		p.RelPath = name
	}
	// The three questions are independent: ask git all at once, so the
	// check costs one git process's time, not the sum.
	var (
		wg                      sync.WaitGroup
		rl                      rule
		ruleErr, trackErr, hErr error
	)
	wg.Go(func() { rl, ruleErr = ignoreRule(ctx, dir, root, name) })
	wg.Go(func() { p.Tracked, trackErr = tracked(ctx, dir, name) })
	wg.Go(func() { p.Commits, hErr = history(ctx, dir, name) })
	wg.Wait()
	if err := cmp.Or(ruleErr, trackErr, hErr); err != nil {
		return nil, err
	}
	p.Ignored, p.Rule, p.RuleLocal = rl.ignored, rl.text, rl.local
	p.InHistory = len(p.Commits) > 0
	if p.Ignored && p.RuleLocal {
		p.Warning = fmt.Sprintf("%s is ignored only by %s, which is not part of the repository: it protects this machine only, and a teammate's clone would commit the file. Add it to %s so the rule is shared.", p.RelPath, p.Rule, filepath.Join(root, ".gitignore"))
	}
	return p, nil
}

// dotGitAbove names the nearest ".git" (folder or file) at or above dir,
// or "" if there is none.
func dotGitAbove(dir string) string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return ""
	}
	for d := abs; ; d = filepath.Dir(d) {
		if _, err := os.Lstat(filepath.Join(d, ".git")); err == nil {
			return filepath.Join(d, ".git")
		}
		if filepath.Dir(d) == d {
			return ""
		}
	}
}

// rule is what git check-ignore says about one path.
type rule struct {
	ignored bool
	text    string // source:line:pattern of the deciding rule, "" if none
	negated bool   // the deciding rule is a negation ("!pattern")
	local   bool   // it lives outside the repository's .gitignore files
}

// ignoreRule asks git whether name (in dir) is ignored. The decision comes
// from check-ignore -q (with -v a matching negation also exits 0); -v only
// names the rule. --no-index makes the rules count even for a tracked file,
// whose tracking is reported separately.
//
// The three git calls it may need run at once (the .git folder is asked for
// whether or not a rule is found): they are cheap, and waiting for each in
// turn would triple the time.
func ignoreRule(ctx context.Context, dir, root, name string) (rule, error) {
	var (
		out          rule
		wg           sync.WaitGroup
		q, v         gitResult
		qErr, vErr   error
		gitDirectory string
	)
	wg.Go(func() {
		q, qErr = runGitInput(ctx, dir, name+"\x00", "check-ignore", "-q", "-z", "--stdin", "--no-index")
	})
	wg.Go(func() {
		v, vErr = runGitInput(ctx, dir, name+"\x00", "check-ignore", "-v", "-z", "--stdin", "--no-index")
	})
	wg.Go(func() { gitDirectory = gitDir(ctx, dir) })
	wg.Wait()
	if err := cmp.Or(qErr, vErr); err != nil {
		return out, err
	}
	switch q.code {
	case 0:
		out.ignored = true
	case 1:
	default:
		return out, q.failure(dir)
	}
	// -z output: source NUL line NUL pattern NUL path NUL
	fields := strings.Split(v.stdout, "\x00")
	if v.code > 1 || len(fields) < 4 || fields[0] == "" {
		return out, nil
	}
	source, line, pattern := fields[0], fields[1], fields[2]
	out.text = source + ":" + line + ":" + pattern
	out.negated = strings.HasPrefix(pattern, "!")
	out.local = isLocalRule(source, root, gitDirectory)
	return out, nil
}

// isLocalRule: a rule's source is not one of the repository's .gitignore
// files (it is .git/info/exclude or the global excludes file), so it
// protects this machine only. git names repository files relative to the
// work tree root, the global excludes file by its absolute path.
func isLocalRule(source, root, gitDirectory string) bool {
	abs := filepath.FromSlash(source)
	if !filepath.IsAbs(abs) {
		abs = filepath.Join(root, abs)
	}
	return !(filepath.Base(abs) == ".gitignore" && within(root, abs) && !within(gitDirectory, abs))
}

// gitDir is the repository's .git folder ("" if git cannot say), so a
// .gitignore inside it is not mistaken for a shared one.
func gitDir(ctx context.Context, dir string) string {
	r, err := runGit(ctx, dir, "rev-parse", "--absolute-git-dir")
	if err != nil || r.code != 0 {
		return ""
	}
	return strings.TrimRight(r.stdout, "\r\n")
}

func within(root, path string) bool {
	if root == "" {
		return false
	}
	rel, err := filepath.Rel(root, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

func tracked(ctx context.Context, dir, name string) (bool, error) {
	r, err := runGit(ctx, dir, "ls-files", "--error-unmatch", "--", literal(name))
	if err != nil {
		return false, err
	}
	switch r.code {
	case 0:
		return true, nil
	case 1:
		return false, nil
	}
	return false, r.failure(dir)
}

// history lists commits (any branch, tag or stash) that touched the file.
// --full-history keeps commits on merged side branches that default history
// simplification would hide. It prints no patch, so no diff driver runs;
// --no-ext-diff and --no-textconv say so to git all the same.
func history(ctx context.Context, dir, name string) ([]string, error) {
	r, err := runGit(ctx, dir, "log", "--all", "--full-history", "--no-ext-diff", "--no-textconv", "--format=%h", "--max-count="+fmt.Sprint(maxCommits), "--", literal(name))
	if err != nil {
		return nil, err
	}
	if r.code != 0 {
		if strings.Contains(r.stderr, "does not have any commits") {
			return nil, nil
		}
		return nil, r.failure(dir)
	}
	return strings.Fields(r.stdout), nil
}

// readIfExists returns a file's content and info, or nils if it is absent.
func readIfExists(path string) ([]byte, os.FileInfo, error) {
	info, err := os.Stat(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, readError(path, err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, readError(path, err)
	}
	return b, info, nil
}

// literal makes a file name a pathspec that matches only itself: a .env
// called "*" or ".env[1]" must not stand for other files. (check-ignore
// takes names on stdin and does not read pathspec magic.)
func literal(name string) string { return ":(literal)" + name }
