// Package gitsafetest makes repositories whose configuration, hooks and
// attributes name a program for every way git has of running one, for the
// tests of everything that runs git in a repository onboard did not make.
// Each program only notes that it ran (and which key named it) in a file
// outside the repository; Ran reads the notes.
package gitsafetest

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// Hostile is a repository set up by someone else.
type Hostile struct {
	// Dir is the work tree (its real path, symlinks resolved).
	Dir string
	// Env is the .env, tracked, committed in signed commits, and covered
	// by no ignore rule: every question about it has work to do.
	Env    string
	t      *testing.T
	marker string
}

// Hooks are the hooks a hostile .git/hooks (and core.hooksPath) holds:
// every hook git runs without a commit, merge, push or checkout being
// asked for.
var Hooks = []string{"post-index-change", "reference-transaction", "pre-auto-gc", "post-checkout", "fsmonitor-watchman"}

// Isolate points git at an empty global configuration and no system one,
// in a temporary HOME, and stops git's discovery above the test's
// temporary folders (so envfile asks real git, not its shortcut).
func Isolate(t *testing.T) {
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
	for _, k := range []string{"GIT_AUTHOR_NAME", "GIT_COMMITTER_NAME"} {
		t.Setenv(k, "Test")
	}
	for _, k := range []string{"GIT_AUTHOR_EMAIL", "GIT_COMMITTER_EMAIL"} {
		t.Setenv(k, "test@example.com")
	}
}

// NewHostile makes the repository. Its history: a commit adding .env and
// a .gitattributes that gives every file a filter and a diff driver, then
// commits signed in each format git verifies (OpenPGP, X.509, SSH) that
// change .env; the .env on disk then differs from the index in content
// only. Then the configuration: .git/config names a program for
// each key below, some directly, some through a file of the work tree it
// includes (include.path and includeIf, as a committed file would be
// pulled in), and .git/hooks and core.hooksPath hold every hook.
func NewHostile(t *testing.T) *Hostile {
	t.Helper()
	Isolate(t)
	dir, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	h := &Hostile{Dir: dir, Env: filepath.Join(dir, ".env"), t: t, marker: filepath.Join(t.TempDir(), "ran")}
	h.git("", "init", "-q")
	write(t, filepath.Join(dir, ".gitattributes"), "* filter=evil diff=evil merge=evil\n")
	write(t, h.Env, "A=1\n")
	write(t, filepath.Join(dir, "notes.txt"), "hello\n")
	h.git("", "add", ".gitattributes", ".env", "notes.txt")
	h.git("", "commit", "-qm", "add the env")
	for i, sig := range []string{
		"-----BEGIN PGP SIGNATURE-----\n \n iQEzBAABCAAdFiEE\n =abcd\n -----END PGP SIGNATURE-----",
		"-----BEGIN SIGNED MESSAGE-----\n MIIBsgYJKoZIhvcNAQcCoIIBozCCAZ8CAQExDTAL\n -----END SIGNED MESSAGE-----",
		"-----BEGIN SSH SIGNATURE-----\n U1NIU0lHAAAAAQAAADMAAAALc3NoLWVkMjU1MTkA\n -----END SSH SIGNATURE-----",
	} {
		write(t, h.Env, strings.Repeat("A=1\n", i+2))
		h.git("", "add", ".env")
		tree := h.git("", "write-tree")
		parent := h.git("", "rev-parse", "HEAD")
		obj := "tree " + tree + "\nparent " + parent + "\nauthor a <a@b> 1700000000 +0000\ncommitter a <a@b> 1700000000 +0000\n" +
			"gpgsig " + sig + "\n\nsigned\n"
		c := h.git(obj, "hash-object", "-t", "commit", "-w", "--stdin")
		h.git("", "update-ref", "HEAD", c)
	}
	// The .env changed on disk since it was staged, to content of the same
	// size: only reading it tells, so a command that compares it with the
	// index (refreshing it) runs its clean filter.
	write(t, h.Env, strings.Repeat("A=2\n", 4))

	hooks := filepath.Join(t.TempDir(), "hooks")
	for _, d := range []string{hooks, filepath.Join(dir, ".git", "hooks")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		for _, name := range Hooks {
			h.program(filepath.Join(d, name), "hook "+name)
		}
	}
	direct := map[string]string{
		"core.hooksPath":            hooks,
		"log.showSignature":         "true",
		"core.pager":                h.programFor("core.pager"),
		"pager.log":                 h.programFor("pager.log"),
		"pager.ls-files":            h.programFor("pager.ls-files"),
		"core.editor":               h.programFor("core.editor"),
		"sequence.editor":           h.programFor("sequence.editor"),
		"filter.evil.clean":         h.programFor("filter.evil.clean"),
		"filter.evil.smudge":        h.programFor("filter.evil.smudge"),
		"filter.evil.process":       h.programFor("filter.evil.process"),
		"diff.evil.textconv":        h.programFor("diff.evil.textconv"),
		"diff.evil.command":         h.programFor("diff.evil.command"),
		"merge.evil.driver":         h.programFor("merge.evil.driver"),
		"core.alternateRefsCommand": h.programFor("core.alternateRefsCommand"),
		"gc.auto":                   "1",
		"include.path":              "../included.gitconfig",
	}
	for k, v := range direct {
		h.git("", "config", k, v)
	}
	// The .env's own filter has a name with "=" and "." in it, which a
	// -c option cannot name; .git/info/attributes outranks .gitattributes.
	write(t, filepath.Join(dir, ".git", "info", "attributes"), ".env filter=odd=name.x\n")
	for _, k := range []string{"clean", "smudge", "process"} {
		h.git("", "config", "filter.odd=name.x."+k, h.programFor("filter.odd=name.x."+k))
	}
	h.git("", "config", "filter.odd=name.x.required", "true")
	// A file of the work tree the repository's config includes, as an
	// attacker would commit it: git reads it like .git/config.
	included := "[core]\n\tfsmonitor = " + h.programFor("core.fsmonitor") + "\n" +
		"[gpg]\n\tprogram = " + h.programFor("gpg.program") + "\n" +
		"[gpg \"openpgp\"]\n\tprogram = " + h.programFor("gpg.openpgp.program") + "\n" +
		"[gpg \"x509\"]\n\tprogram = " + h.programFor("gpg.x509.program") + "\n" +
		"[gpg \"ssh\"]\n\tprogram = " + h.programFor("gpg.ssh.program") + "\n\tallowedSignersFile = " + h.Env + "\n" +
		"[includeIf \"gitdir:/\"]\n\tpath = " + filepath.Join(dir, "conditional.gitconfig") + "\n"
	write(t, filepath.Join(dir, "included.gitconfig"), included)
	write(t, filepath.Join(dir, "conditional.gitconfig"), "[diff]\n\texternal = "+h.programFor("diff.external")+"\n")
	return h
}

// NewPartialClone makes a partial clone (no trees but HEAD's, so a walk
// of its history needs the rest) whose promisor remote is reached over
// ssh with the programs the configuration names: core.sshCommand, the
// remote's uploadpack, a credential helper, an askpass and a proxy
// command. Fetching anything runs one of them.
func NewPartialClone(t *testing.T) *Hostile {
	t.Helper()
	Isolate(t)
	src, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	h := &Hostile{t: t, marker: filepath.Join(t.TempDir(), "ran")}
	h.Dir = src
	h.git("", "init", "-q")
	h.git("", "config", "uploadpack.allowFilter", "true")
	for i := range 3 {
		write(t, filepath.Join(src, ".env"), strings.Repeat("A=1\n", i+1))
		write(t, filepath.Join(src, "sub", "f.txt"), strings.Repeat("x\n", i+1))
		h.git("", "add", "-A")
		h.git("", "commit", "-qm", "change")
	}
	dst, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	h.git("", "clone", "-q", "--no-local", "--filter=tree:0", "file://"+src, dst)
	h.Dir, h.Env = dst, filepath.Join(dst, ".env")
	for k, v := range map[string]string{
		"remote.origin.url":        "ssh://git@example.invalid/repo.git",
		"remote.origin.uploadpack": h.programFor("remote.origin.uploadpack"),
		"core.sshCommand":          h.programFor("core.sshCommand"),
		"credential.helper":        "!" + h.programFor("credential.helper"),
		"core.askPass":             h.programFor("core.askPass"),
		"core.gitProxy":            h.programFor("core.gitProxy"),
	} {
		h.git("", "config", k, v)
	}
	return h
}

// Ran lists what ran: "key" for a program the configuration named,
// "hook name" for a hook. Empty when nothing did.
func (h *Hostile) Ran() []string {
	b, err := os.ReadFile(h.marker)
	if err != nil {
		return nil
	}
	seen := map[string]bool{}
	var out []string
	for _, l := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		if l != "" && !seen[l] {
			seen[l] = true
			out = append(out, l)
		}
	}
	sort.Strings(out)
	return out
}

// AssertNothingRan fails the test with the programs that ran, if any.
func (h *Hostile) AssertNothingRan(what string) {
	h.t.Helper()
	if ran := h.Ran(); len(ran) > 0 {
		h.t.Errorf("%s ran programs the repository names: %s", what, strings.Join(ran, ", "))
	}
}

// programFor writes a program that notes key when it runs, and returns
// its path.
func (h *Hostile) programFor(key string) string {
	p := filepath.Join(filepath.Dir(h.marker), "run-"+key)
	h.program(p, key)
	return p
}

// program writes an executable at path that appends note to the marker
// and fails at once (a process filter that waited for its input would
// hang the git that started it).
func (h *Hostile) program(path, note string) {
	h.t.Helper()
	script := "#!/bin/sh\necho '" + note + "' >> '" + h.marker + "'\nexit 1\n"
	if err := os.WriteFile(path, []byte(script), 0o755); err != nil {
		h.t.Fatal(err)
	}
}

// git runs the test's own git (not hardened: this is the attacker
// setting up) with stdin and returns its trimmed output.
func (h *Hostile) git(stdin string, args ...string) string {
	h.t.Helper()
	cmd := exec.CommandContext(h.t.Context(), "git", append([]string{"-C", h.Dir}, args...)...)
	cmd.Stdin = strings.NewReader(stdin)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		h.t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, errOut.String())
	}
	return strings.TrimSpace(out.String())
}

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}
