package envfile

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// isolateGit points git at a temp HOME and global config, so the user's
// own configuration and excludes never leak into a test.
func isolateGit(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(home, ".config"))
	t.Setenv("GIT_CONFIG_GLOBAL", filepath.Join(home, "gitconfig"))
	t.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	t.Setenv("GIT_CEILING_DIRECTORIES", filepath.Dir(home))
	return home
}

// newRepo makes a repository with an identity and returns its real path.
func newRepo(t *testing.T) string {
	t.Helper()
	isolateGit(t)
	dir, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	run(t, dir, "git", "init", "-q")
	run(t, dir, "git", "config", "user.name", "Test")
	run(t, dir, "git", "config", "user.email", "test@example.com")
	return dir
}

func run(t *testing.T, dir string, name string, args ...string) string {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", name, args, err, out)
	}
	return string(out)
}

func put(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func check(t *testing.T, envPath string) *Protection {
	t.Helper()
	p, err := CheckGit(context.Background(), envPath)
	if err != nil {
		t.Fatalf("CheckGit: %v", err)
	}
	return p
}

func TestCheckGitIgnoreRules(t *testing.T) {
	cases := []struct {
		name    string
		setup   func(t *testing.T, repo string)
		env     string // relative to the repo
		ignored bool
		rule    string
		local   bool
	}{
		{"root rule", func(t *testing.T, r string) { put(t, filepath.Join(r, ".gitignore"), "node_modules\n.env\n") },
			".env", true, ".gitignore:2:.env", false},
		{"nested rule", func(t *testing.T, r string) { put(t, filepath.Join(r, "app", ".gitignore"), ".env\n") },
			"app/.env", true, "app/.gitignore:1:.env", false},
		{"info/exclude", func(t *testing.T, r string) { put(t, filepath.Join(r, ".git", "info", "exclude"), "# local\n.env\n") },
			".env", true, ".git/info/exclude:2:.env", true},
		{"global excludes", func(t *testing.T, r string) {
			global := filepath.Join(os.Getenv("HOME"), "global-ignore")
			put(t, global, "*.env\n.env\n")
			run(t, r, "git", "config", "--global", "core.excludesFile", global)
		}, ".env", true, "(set below: the global file is under the test HOME)", true},
		{"negated in nested", func(t *testing.T, r string) {
			put(t, filepath.Join(r, ".gitignore"), ".env\n")
			put(t, filepath.Join(r, "app", ".gitignore"), "!.env\n")
		}, "app/.env", false, "app/.gitignore:1:!.env", false},
		{"no rule", func(t *testing.T, r string) {}, ".env", false, "", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			repo := newRepo(t)
			c.setup(t, repo)
			env := filepath.Join(repo, c.env)
			put(t, env, "A=1\n")
			p := check(t, env)
			if !p.InRepo || p.RepoRoot != repo {
				t.Fatalf("InRepo=%v root=%s", p.InRepo, p.RepoRoot)
			}
			want := c.rule
			if c.name == "global excludes" {
				want = filepath.Join(os.Getenv("HOME"), "global-ignore") + ":2:.env"
			}
			if p.Ignored != c.ignored || p.Rule != want || p.RuleLocal != c.local {
				t.Errorf("Ignored=%v Rule=%q RuleLocal=%v; want %v %q %v", p.Ignored, p.Rule, p.RuleLocal, c.ignored, want, c.local)
			}
			if p.Safe() != c.ignored {
				t.Errorf("Safe=%v", p.Safe())
			}
			if c.local && !strings.Contains(p.Warning, "this machine only") {
				t.Errorf("local rule without a warning: %q", p.Warning)
			}
			if !c.ignored && (len(p.Problems()) != 1 || !strings.Contains(p.Problems()[0], ".gitignore")) {
				t.Errorf("Problems = %q", p.Problems())
			}
			if c.rule != "" && !c.ignored && !strings.Contains(p.Problems()[0], c.rule) {
				t.Errorf("the problem does not name the negation rule: %q", p.Problems())
			}
		})
	}
}

func TestCheckGitTrackedAndHistory(t *testing.T) {
	repo := newRepo(t)
	env := filepath.Join(repo, ".env")
	put(t, env, "A=1\n")
	run(t, repo, "git", "add", ".env")
	run(t, repo, "git", "commit", "-q", "-m", "oops")
	put(t, filepath.Join(repo, ".gitignore"), ".env\n")

	p := check(t, env)
	if !p.Tracked || !p.InHistory || !p.Ignored || p.Safe() {
		t.Fatalf("tracked file: Tracked=%v InHistory=%v Ignored=%v Safe=%v", p.Tracked, p.InHistory, p.Ignored, p.Safe())
	}
	joined := strings.Join(p.Problems(), "\n")
	for _, want := range []string{"git rm --cached .env", "rotate"} {
		if !strings.Contains(joined, want) {
			t.Errorf("Problems do not say %q: %s", want, joined)
		}
	}

	run(t, repo, "git", "rm", "-q", "--cached", ".env")
	run(t, repo, "git", "commit", "-q", "-m", "untrack")
	head := strings.TrimSpace(run(t, repo, "git", "rev-parse", "--short", "HEAD"))
	p = check(t, env)
	if p.Tracked || !p.InHistory || p.Safe() || len(p.Commits) != 2 || p.Commits[0] != head {
		t.Fatalf("removed file: Tracked=%v InHistory=%v Commits=%v (HEAD %s)", p.Tracked, p.InHistory, p.Commits, head)
	}
	if !strings.Contains(strings.Join(p.Problems(), "\n"), head) {
		t.Error("history problem does not name the commits")
	}
}

func TestCheckGitNotARepo(t *testing.T) {
	isolateGit(t)
	dir := t.TempDir()
	p := check(t, filepath.Join(dir, ".env"))
	if p.InRepo || !p.Safe() || p.Warning == "" || len(p.Problems()) != 0 {
		t.Fatalf("InRepo=%v Safe=%v Warning=%q Problems=%q", p.InRepo, p.Safe(), p.Warning, p.Problems())
	}
	if _, ok, err := GitRoot(context.Background(), dir); ok || err != nil {
		t.Errorf("GitRoot outside a repo: ok=%v err=%v", ok, err)
	}
	if _, lines, err := PlanGitignoreFix(context.Background(), filepath.Join(dir, ".env")); err != nil || len(lines) != 0 {
		t.Errorf("PlanGitignoreFix outside a repo: %q %v (want nothing to fix)", lines, err)
	}
	if p, err := FixGitignore(context.Background(), filepath.Join(dir, ".env")); err != nil || p.InRepo {
		t.Errorf("FixGitignore outside a repo: %v", err)
	}
}

func TestGitRoot(t *testing.T) {
	repo := newRepo(t)
	sub := filepath.Join(repo, "a", "b")
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	root, ok, err := GitRoot(context.Background(), sub)
	if err != nil || !ok || root != repo {
		t.Fatalf("GitRoot = %q %v %v, want %q", root, ok, err, repo)
	}
}

func TestGitMissing(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("PATH", dir) // no git on it
	_, _, err := GitRoot(context.Background(), dir)
	if !errors.Is(err, ErrGitMissing) || !errors.Is(err, exec.ErrNotFound) {
		t.Fatalf("want ErrGitMissing wrapping exec.ErrNotFound, got %v", err)
	}
	p := check(t, filepath.Join(dir, ".env"))
	if !p.GitMissing || p.Safe() || len(p.Problems()) != 1 || !strings.Contains(p.Problems()[0], "Install git") {
		t.Fatalf("GitMissing=%v Safe=%v Problems=%q", p.GitMissing, p.Safe(), p.Problems())
	}
}

func TestDubiousOwnership(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root to give the repository to another user")
	}
	repo := newRepo(t)
	if err := os.Chown(repo, 65534, 65534); err != nil {
		t.Skip("cannot chown:", err)
	}
	_, err := CheckGit(context.Background(), filepath.Join(repo, ".env"))
	if !errors.Is(err, ErrGit) || !strings.Contains(err.Error(), "dubious ownership") ||
		!strings.Contains(err.Error(), "git config --global --add safe.directory "+repo) {
		t.Fatalf("want git's reason and the safe.directory fix, got %v", err)
	}
	if _, ok, err := GitRoot(context.Background(), repo); ok || err == nil {
		t.Error("GitRoot must not report dubious ownership as 'not a repository'")
	}
}

func TestFixGitignoreCreates(t *testing.T) {
	repo := newRepo(t)
	env := filepath.Join(repo, ".env")
	ctx := context.Background()
	file, lines, err := PlanGitignoreFix(ctx, env)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{gitignoreHeader, ".env", ".env.*", "!.env.example"}
	if file != filepath.Join(repo, ".gitignore") || strings.Join(lines, "|") != strings.Join(want, "|") {
		t.Fatalf("plan = %s %q", file, lines)
	}
	p, err := FixGitignore(ctx, env)
	if err != nil {
		t.Fatal(err)
	}
	if !p.Ignored || p.RuleLocal || !p.Safe() {
		t.Fatalf("after the fix: Ignored=%v RuleLocal=%v", p.Ignored, p.RuleLocal)
	}
	if got := readFile(t, file); got != strings.Join(want, "\n")+"\n" {
		t.Errorf(".gitignore = %q", got)
	}
	for name, ignored := range map[string]bool{".env.onboard-backup": true, ".env.onboard-tmp-1": true, ".env.example": false} {
		r, err := ignoreRule(ctx, repo, repo, name)
		if err != nil || r.ignored != ignored {
			t.Errorf("%s ignored=%v, want %v (%v)", name, r.ignored, ignored, err)
		}
	}
	if _, lines, _ := PlanGitignoreFix(ctx, env); len(lines) != 0 {
		t.Errorf("second plan not empty: %q", lines)
	}
}

func TestFixGitignoreKeepsExisting(t *testing.T) {
	repo := newRepo(t)
	gi := filepath.Join(repo, ".gitignore")
	put(t, gi, "node_modules\n# build\ndist") // no final newline
	if err := os.Chmod(gi, 0o640); err != nil {
		t.Fatal(err)
	}
	env := filepath.Join(repo, "services", "api", ".env")
	put(t, env, "A=1\n")
	if _, err := FixGitignore(context.Background(), env); err != nil {
		t.Fatal(err)
	}
	want := "node_modules\n# build\ndist\n\n" + gitignoreHeader + "\n/services/api/.env\n/services/api/.env.*\n!/services/api/.env.example\n"
	if got := readFile(t, gi); got != want {
		t.Errorf(".gitignore = %q\nwant %q", got, want)
	}
	if mode(t, gi) != 0o640 {
		t.Errorf("mode %o, want 640 kept", mode(t, gi))
	}
	if p := check(t, env); !p.Ignored || p.Rule != ".gitignore:6:/services/api/.env" {
		t.Errorf("Ignored=%v Rule=%q", p.Ignored, p.Rule)
	}
}

func TestFixGitignoreSharesLocalRule(t *testing.T) {
	repo := newRepo(t)
	put(t, filepath.Join(repo, ".git", "info", "exclude"), ".env\n")
	env := filepath.Join(repo, ".env")
	_, lines, err := PlanGitignoreFix(context.Background(), env)
	if err != nil || len(lines) == 0 || lines[1] != ".env" {
		t.Fatalf("plan for a local-only rule: %q %v", lines, err)
	}
	p, err := FixGitignore(context.Background(), env)
	if err != nil || p.RuleLocal || p.Rule != ".gitignore:2:.env" {
		t.Fatalf("after the fix: %+v %v", p, err)
	}
}

func TestFixGitignoreDefeated(t *testing.T) {
	repo := newRepo(t)
	put(t, filepath.Join(repo, "app", ".gitignore"), "# keep it visible\n!.env\n")
	env := filepath.Join(repo, "app", ".env")
	put(t, env, "A=1\n")
	// The nested negation wins over anything the root .gitignore says, so
	// the fix is refused before anything is written, naming that rule.
	_, err := FixGitignore(context.Background(), env)
	if !errors.Is(err, ErrFixBlocked) || !strings.Contains(err.Error(), "app/.gitignore:2:!.env") {
		t.Fatalf("want ErrFixBlocked naming app/.gitignore:2:!.env, got %v", err)
	}
	if _, err := os.Stat(filepath.Join(repo, ".gitignore")); !os.IsNotExist(err) {
		t.Error("the root .gitignore must be left as it was (absent)")
	}
}

// A symlinked .env is judged where the secrets live, at its target, and
// the repository reported is the one holding the link.
func TestCheckGitFollowsSymlink(t *testing.T) {
	repo := newRepo(t)
	outside := t.TempDir()
	target := filepath.Join(outside, "real.env")
	put(t, target, "A=1\n")
	if err := os.Symlink(target, filepath.Join(repo, ".env")); err != nil {
		t.Fatal(err)
	}
	p := check(t, filepath.Join(repo, ".env"))
	if !p.InRepo || p.RepoRoot != repo || p.LinkTarget != target || p.Outside == nil || p.Outside.InRepo || !p.Safe() {
		t.Errorf("link in %s to a target outside any repo: %+v", repo, p)
	}
	if !strings.Contains(p.Warning, target) {
		t.Errorf("warning %q does not name the target", p.Warning)
	}
}

// The most common .gitignore (".env" alone) ignores the file but not the
// backup onboard writes beside it: the fix is planned for the siblings.
func TestFixPlannedForUnignoredSiblings(t *testing.T) {
	repo := newRepo(t)
	put(t, filepath.Join(repo, ".gitignore"), ".env\n")
	env := filepath.Join(repo, ".env")
	p := check(t, env)
	if !p.Ignored || p.Fix == nil || p.FixErr != nil {
		t.Fatalf("Ignored=%v Fix=%+v FixErr=%v; want the sibling lines planned", p.Ignored, p.Fix, p.FixErr)
	}
	want := []string{gitignoreHeader, ".env.*", "!.env.example"}
	if strings.Join(p.Fix.Lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("lines %q, want %q", p.Fix.Lines, want)
	}
	if _, err := FixGitignore(context.Background(), env); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{".env" + backupSuffix, ".env" + tempMarker + "x"} {
		if r, _ := ignoreRule(context.Background(), repo, repo, name); !r.ignored {
			t.Errorf("%s is still not ignored", name)
		}
	}
	if p := check(t, env); p.Fix != nil {
		t.Errorf("after the fix a second fix is planned: %q", p.Fix.Lines)
	}
}

// git does not read a .gitignore that is a symlink: no fix is planned into
// it (nor into the file it leads to, outside the repository), and the
// reason says so.
func TestFixRefusedForSymlinkedGitignore(t *testing.T) {
	repo := newRepo(t)
	outside := filepath.Join(t.TempDir(), "shared-ignore")
	put(t, outside, "node_modules\n")
	if err := os.Symlink(outside, filepath.Join(repo, ".gitignore")); err != nil {
		t.Fatal(err)
	}
	env := filepath.Join(repo, ".env")
	p := check(t, env)
	if p.Fix != nil || !errors.Is(p.FixErr, ErrFixBlocked) || !strings.Contains(p.FixErr.Error(), "symbolic link") {
		t.Fatalf("Fix=%+v FixErr=%v; want ErrFixBlocked about the link", p.Fix, p.FixErr)
	}
	if _, err := FixGitignore(context.Background(), env); !errors.Is(err, ErrFixBlocked) {
		t.Fatalf("FixGitignore: %v", err)
	}
	if readFile(t, outside) != "node_modules\n" {
		t.Error("the file outside the repository was written")
	}
}

func TestFixRefusedForGitignoreFolder(t *testing.T) {
	repo := newRepo(t)
	if err := os.Mkdir(filepath.Join(repo, ".gitignore"), 0o755); err != nil {
		t.Fatal(err)
	}
	p := check(t, filepath.Join(repo, ".env"))
	if p.Fix != nil || !errors.Is(p.FixErr, ErrFixBlocked) || !strings.Contains(p.FixErr.Error(), "folder") {
		t.Fatalf("Fix=%+v FixErr=%v; want ErrFixBlocked about the folder", p.Fix, p.FixErr)
	}
}

// Without git, a folder that is part of a repository (a worktree, whose
// .git is a file) cannot be judged: that is an error, as for a plain
// repository, never "not a repository".
func TestGitMissingInsideWorktreeIsAnError(t *testing.T) {
	repo := newRepo(t)
	put(t, filepath.Join(repo, "README"), "x\n")
	run(t, repo, "git", "add", "README")
	run(t, repo, "git", "commit", "-q", "-m", "first")
	wt := filepath.Join(t.TempDir(), "wt")
	run(t, repo, "git", "worktree", "add", "-q", wt)
	for _, dir := range []string{repo, wt} {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			t.Setenv("PATH", t.TempDir())
			_, err := CheckGit(context.Background(), filepath.Join(dir, ".env"))
			if !errors.Is(err, ErrGitMissing) {
				t.Fatalf("CheckGit without git in %s: %v, want ErrGitMissing", dir, err)
			}
		})
	}
	t.Setenv("PATH", t.TempDir())
	if p, err := CheckGit(context.Background(), filepath.Join(t.TempDir(), ".env")); err != nil || !p.GitMissing {
		t.Fatalf("outside any repository: %+v, %v; want GitMissing and no error", p, err)
	}
}

func TestUntrack(t *testing.T) {
	repo := newRepo(t)
	env := filepath.Join(repo, ".env")
	put(t, env, "A=1\n")
	run(t, repo, "git", "add", ".env")
	run(t, repo, "git", "commit", "-q", "-m", "oops")
	if p := check(t, env); !p.Tracked {
		t.Fatal("setup: not tracked")
	}
	if err := Untrack(context.Background(), env); err != nil {
		t.Fatal(err)
	}
	if p := check(t, env); p.Tracked || !p.InHistory {
		t.Errorf("after Untrack: Tracked=%v InHistory=%v; want untracked, still in history", p.Tracked, p.InHistory)
	}
	if readFile(t, env) != "A=1\n" {
		t.Error("the file itself changed")
	}
}

// A deeper rule that un-ignores only the helper files beside the .env
// does not undo the part of the fix that worked: the .env is ignored, and
// no backup is kept where git would commit it.
func TestFixKeepsWhatWorksWhenOnlyTheHelpersStayUnignored(t *testing.T) {
	dir := newRepo(t)
	if err := os.MkdirAll(filepath.Join(dir, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "sub", ".gitignore"), []byte("!.env.*\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	env := filepath.Join(dir, "sub", ".env")
	after, err := FixGitignore(context.Background(), env)
	if err != nil {
		t.Fatalf("FixGitignore: %v", err)
	}
	if !after.Ignored || after.HelpersSafe || after.Fix != nil || !strings.Contains(after.Warning, "no backup") {
		t.Errorf("after the fix: ignored %v, helpers safe %v, fix %v, warning %q", after.Ignored, after.HelpersSafe, after.Fix, after.Warning)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, ".gitignore")); !strings.Contains(string(b), "/sub/.env") {
		t.Errorf("the rule that worked was taken out again: %q", b)
	}
}
