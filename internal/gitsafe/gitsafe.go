// Package gitsafe runs git in repositories onboard did not make. A
// project's .git/config, the files it includes and its .git/hooks come
// with a tarball, a shared folder or a copied disk as readily as its
// files do, and git obeys them: a read as plain as `git ls-files` can run
// the program core.fsmonitor names, `git log` runs gpg.program on a signed
// commit when log.showSignature is set, and a partial clone fetches a
// missing object over a transport whose ssh command the config chooses.
//
// Command is the one way onboard starts git. Configuration given on the
// command line outranks every file git reads (system, global, the
// repository's, and whatever those include), so each key that could run a
// program is overridden there; the environment forbids every transport.
// What is not a key (the filter a .gitattributes names, a diff driver) is
// kept away by the commands themselves: see Command.
package gitsafe

import (
	"context"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"
)

// hardening goes before every subcommand. Each entry says what it stops.
var hardening = []string{
	// core.fsmonitor names a program (or hook) git asks which files
	// changed, whenever it reads the index: ls-files, check-ignore,
	// update-index, status.
	"-c", "core.fsmonitor=false",
	// Hooks: git runs post-index-change whenever it writes the index
	// (update-index, rm), from core.hooksPath or .git/hooks. A path under
	// the null device holds no hook.
	"-c", "core.hooksPath=" + os.DevNull,
	// log.showSignature makes log verify each signed commit with
	// gpg.program, gpg.openpgp.program, gpg.x509.program or
	// gpg.ssh.program, whichever the signature's format picks.
	"-c", "log.showSignature=false",
	// The untracked cache is written back by commands that list
	// untracked files; nothing onboard runs should write the index.
	"-c", "core.untrackedCache=false",
	// core.pager and pager.<command>: no pager, even if stdout were a
	// terminal.
	"--no-pager",
}

// env is added to the parent's environment (a later entry wins in
// exec.Cmd).
var env = []string{
	"GIT_TERMINAL_PROMPT=0",  // never ask for a user name or password
	"LC_ALL=C", "LANGUAGE=C", // messages in English, so they can be recognized
	"GIT_OPTIONAL_LOCKS=0",     // reading never refreshes (writes) the index
	"GIT_NO_REPLACE_OBJECTS=1", // the objects as they are, not what `git replace` shows instead
	// No transport at all, so nothing the config sets for one can run:
	// core.sshCommand, remote.<name>.uploadpack, credential.helper,
	// core.askPass, core.gitProxy, http.* and the rest. A partial clone
	// then fails to fetch a missing object instead of fetching it.
	"GIT_ALLOW_PROTOCOL=none-at-all",
	"GIT_NO_LAZY_FETCH=1", // the same, said directly (git 2.39.4, 2.44 and later)
	// Configuration a parent git passed down (onboard run from a git
	// alias or hook) is not the person's choice for these commands.
	"GIT_CONFIG_PARAMETERS=",
	"GIT_CONFIG_COUNT=0", // and its numbered form (NoFilters' own, later, still wins)
}

// waitDelay bounds how long Wait goes on after git exited or was killed
// while something it started still holds its output open.
const waitDelay = 2 * time.Second

// Command returns `git -C dir <hardening> args...`, run without a shell,
// stopped when ctx ends. args may start with further -c options (they
// come after the hardening, so they could undo it: pass only sizes and
// such). The caller sets stdin, stdout and stderr.
//
// Two kinds of program have names the repository chooses, so no fixed -c
// can name them. Diff drivers (diff.<driver>.textconv and .command, and
// diff.external) run only for a patch or with --textconv: history walks
// pass --no-ext-diff and --no-textconv, and cat-file is never given
// --textconv or --filters. Filter drivers (filter.<driver>.clean, .smudge
// and .process) run whenever git reads a file of the work tree into the
// index, which any command that writes the index may do: a git that
// writes it gets NoFilters in its environment.
func Command(ctx context.Context, dir string, args ...string) *exec.Cmd {
	full := make([]string, 0, 2+len(hardening)+len(args))
	full = append(append(append(full, "-C", dir), hardening...), args...)
	cmd := exec.CommandContext(ctx, "git", full...)
	cmd.Env = append(os.Environ(), env...)
	// A cancel asks git to stop, so a git that writes the index (git rm
	// --cached) removes its index.lock on the way out; a kill would leave
	// the lock and every later git in the repository would fail. WaitDelay
	// kills it if it does not stop.
	cmd.Cancel = func() error { return interrupt(cmd.Process) }
	cmd.WaitDelay = waitDelay
	return cmd
}

// ListFilters are the arguments of the git that lists the settings of
// every filter driver the configuration defines, files it includes and
// all, one name after another, each ended by a NUL (exit status 1: none).
// NoFilters reads its output.
var ListFilters = []string{"config", "--null", "--name-only", "--get-regexp", `^filter\.`}

// NoFilters is the environment that turns off each filter driver named in
// listing (the output of git ListFilters), for a command that writes the
// index: writing it re-reads every entry whose file changed too recently
// to be judged by its time ("racily clean"), through the clean filter its
// attributes name, and rm compares the file it untracks with the index the
// same way. Each driver's clean, smudge and process commands become empty,
// which git takes as no filter, and required false, so the file is read
// as it is. The settings go through GIT_CONFIG_COUNT (git 2.31 and later),
// which takes a key as it is: a driver may be named "a=b", which -c would
// split at the "=".
func NoFilters(listing string) []string {
	var drivers []string
	seen := map[string]bool{}
	for _, key := range strings.Split(listing, "\x00") {
		rest, ok := strings.CutPrefix(key, "filter.")
		dot := strings.LastIndexByte(rest, '.')
		if !ok || dot <= 0 {
			continue // not a driver's setting ("filter.x" has no driver)
		}
		if name := rest[:dot]; !seen[name] {
			seen[name] = true
			drivers = append(drivers, name)
		}
	}
	if len(drivers) == 0 {
		return nil
	}
	var out []string
	n := 0
	for _, d := range drivers {
		for _, kv := range [][2]string{{"clean", ""}, {"smudge", ""}, {"process", ""}, {"required", "false"}} {
			i := strconv.Itoa(n)
			out = append(out, "GIT_CONFIG_KEY_"+i+"=filter."+d+"."+kv[0], "GIT_CONFIG_VALUE_"+i+"="+kv[1])
			n++
		}
	}
	return append(out, "GIT_CONFIG_COUNT="+strconv.Itoa(n))
}

// Reason is git's own first "fatal:" or "error:" line in stderr, or "".
func Reason(stderr string) string {
	for _, line := range strings.Split(stderr, "\n") {
		if l := strings.TrimSpace(line); strings.HasPrefix(l, "fatal:") || strings.HasPrefix(l, "error:") {
			return l
		}
	}
	return ""
}

// DubiousOwnership reports whether git refused the repository because
// another user owns it (safe.directory), and the folder git named; dir
// when its message names none. The folder is someone else's choice: quote
// it before putting it in a command to paste.
func DubiousOwnership(stderr, dir string) (folder string, ok bool) {
	if !strings.Contains(stderr, "dubious ownership") {
		return "", false
	}
	const marker = "dubious ownership in repository at '"
	if i := strings.Index(stderr, marker); i >= 0 {
		rest := stderr[i+len(marker):]
		if j := strings.IndexByte(rest, '\''); j >= 0 {
			return rest[:j], true
		}
	}
	return dir, true
}
