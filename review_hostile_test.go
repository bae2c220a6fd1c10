package main

// Hostile-repository findings of the security review. Each test fails on
// the code it was written against; see the review report for the fix.

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/onboard-dev/onboard/internal/testkit/stripemock"
)

// isolatedGit points git at empty global and system configuration.
func isolatedGit(t *testing.T) {
	t.Helper()
	t.Setenv("HOME", t.TempDir())
	t.Setenv("GIT_CONFIG_GLOBAL", filepath.Join(t.TempDir(), "gitconfig"))
	t.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	t.Setenv("GIT_AUTHOR_NAME", "T")
	t.Setenv("GIT_AUTHOR_EMAIL", "t@example.com")
	t.Setenv("GIT_COMMITTER_NAME", "T")
	t.Setenv("GIT_COMMITTER_EMAIL", "t@example.com")
}

func gitIn(t *testing.T, dir string, stdin string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
	cmd.Stdin = strings.NewReader(stdin)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
	return strings.TrimSpace(string(out))
}

func writeFile(t *testing.T, path, content string, mode os.FileMode) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), mode); err != nil {
		t.Fatal(err)
	}
}

// runWizardLines runs the line-mode wizard with the given input lines.
func runWizardLines(t *testing.T, input string, args ...string) (int, string) {
	t.Helper()
	inPath := filepath.Join(t.TempDir(), "in")
	writeFile(t, inPath, input, 0o600)
	in, err := os.Open(inPath)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(filepath.Join(t.TempDir(), "out"))
	if err != nil {
		t.Fatal(err)
	}
	code := run(append([]string{"--accessible"}, args...), in, out, out)
	out.Close()
	b, _ := os.ReadFile(out.Name())
	return code, string(b)
}

// A cloned project's onboard.json is the attacker's. Its "names" may point
// the (public, shown-in-full) publishable key at ANY variable of the
// teammate's own .env: the wizard then loads that variable's value into the
// publishable field, prints it in clear, and the write replaces it with
// the publishable key.
func TestReviewTeamFileNamesExposeAndOverwriteAnotherVariable(t *testing.T) {
	isolatedGit(t)
	url := stripemock.Start(t)
	dir := t.TempDir()
	gitIn(t, dir, "", "init", "-q")
	const aws = "wJalrXUtnFEMIK7MDENGbPxRfiCYzQ9vTq3Lw8Zs"
	writeFile(t, filepath.Join(dir, ".gitignore"), ".env\n.env.*\n!.env.example\n", 0o644)
	writeFile(t, filepath.Join(dir, ".env"), "AWS_SECRET_ACCESS_KEY="+aws+"\nSTRIPE_SECRET_KEY=sk_test_51HqLyjWDarjtT1zdp7dcQQQQ\n", 0o600)
	writeFile(t, filepath.Join(dir, "onboard.json"), `{"version":1,"services":["stripe"],
	  "variables":{"required":["STRIPE_SECRET_KEY","STRIPE_PUBLISHABLE_KEY"]},
	  "names":{"STRIPE_PUBLISHABLE_KEY":"AWS_SECRET_ACCESS_KEY"}}`, 0o644)
	gitIn(t, dir, "", "add", "-A")
	gitIn(t, dir, "", "commit", "-qm", "team setup")

	// Enter everywhere, but a real publishable key at its prompt.
	input := strings.Repeat("\n", 4) + "\npk_test_51HqLyjWDarjtT1zdp7dcPUBK\n" + strings.Repeat("\n", 80)
	_, out := runWizardLines(t, input, "--dir", dir, "--stripe-url", url)
	if strings.Contains(out, aws) {
		t.Errorf("the .env's AWS_SECRET_ACCESS_KEY was printed in clear:\n%s", strings.ReplaceAll(grepLines(out, aws), aws, "<AWS secret>"))
	}
	env, _ := os.ReadFile(filepath.Join(dir, ".env"))
	if !strings.Contains(string(env), "AWS_SECRET_ACCESS_KEY="+aws) {
		t.Errorf("the .env's AWS_SECRET_ACCESS_KEY was overwritten by the team file's names:\n%s", strings.ReplaceAll(string(env), aws, "<AWS secret>"))
	}
}

func grepLines(s, sub string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, sub) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// A repository whose .git/config names programs (a tarball or a shared
// folder of a project, where .git/config is not the person's own). The
// scan runs git hardened (core.fsmonitor=false, log.showSignature=false);
// envfile's git calls, run by `onboard check` and by the wizard's git step,
// do not: `ls-files --error-unmatch` runs core.fsmonitor and
// `log --all -- .env` runs gpg.program on a signed commit.
func TestReviewHostileGitConfigRunsNoProgram(t *testing.T) {
	isolatedGit(t)
	dir := t.TempDir()
	marker := filepath.Join(t.TempDir(), "ran")
	evil := filepath.Join(t.TempDir(), "evil.sh")
	writeFile(t, evil, "#!/bin/sh\necho \"$0 $*\" >> "+marker+"\nexit 1\n", 0o755)
	gitIn(t, dir, "", "init", "-q")
	writeFile(t, filepath.Join(dir, ".gitignore"), ".env\n.env.*\n", 0o644)
	writeFile(t, filepath.Join(dir, ".env"), "B=2\n", 0o600)
	gitIn(t, dir, "", "add", "-f", ".env", ".gitignore")
	tree := gitIn(t, dir, "", "write-tree")
	// A commit with a (bogus) signature header that touches .env.
	obj := "tree " + tree + "\nauthor a <a@b> 1700000000 +0000\ncommitter a <a@b> 1700000000 +0000\n" +
		"gpgsig -----BEGIN PGP SIGNATURE-----\n \n iQEzBAABCAAdFiEE\n =abcd\n -----END PGP SIGNATURE-----\n\nsigned\n"
	c := gitIn(t, dir, obj, "hash-object", "-t", "commit", "-w", "--stdin")
	gitIn(t, dir, "", "update-ref", "HEAD", c)
	gitIn(t, dir, "", "rm", "-q", "--cached", ".env")
	gitIn(t, dir, "", "commit", "-qm", "untrack .env")
	for k, v := range map[string]string{"core.fsmonitor": evil, "log.showSignature": "true", "gpg.program": evil} {
		gitIn(t, dir, "", "config", k, v)
	}
	runMain(t, "check", "--dir", dir)
	if b, err := os.ReadFile(marker); err == nil {
		t.Errorf("onboard check ran programs the repository's config names:\n%s", b)
	}
}

// `yes ” | onboard` with a Stripe CLI on PATH that cannot give the local
// webhook secret (too old for --print-secret, offline, not allowed to
// reach api.stripe.com): the optional field's fetch fails, Enter means
// "retry", and after three retries the whole run stops with nothing
// written, though every required key was proven.
func TestReviewUnattendedRunSurvivesABrokenStripeCLI(t *testing.T) {
	isolatedGit(t)
	url := stripemock.Start(t)
	bin := t.TempDir()
	writeFile(t, filepath.Join(bin, "stripe"), "#!/bin/sh\necho 'Error: unknown flag: --print-secret' >&2\nexit 1\n", 0o755)
	t.Setenv("PATH", bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	dir := t.TempDir()
	gitIn(t, dir, "", "init", "-q")
	writeFile(t, filepath.Join(dir, ".gitignore"), ".env\n.env.*\n", 0o644)
	writeFile(t, filepath.Join(dir, ".env"), "STRIPE_SECRET_KEY=sk_test_51HqLyjWDarjtT1zdp7dcQQQQ\nSTRIPE_PUBLISHABLE_KEY=pk_test_51HqLyjWDarjtT1zdp7dcPUBK\n", 0o600)
	// "Go through the setup", then Enter for every default.
	code, out := runWizardLines(t, "2\n"+strings.Repeat("\n", 80), "--dir", dir, "--stripe-url", url)
	if code != 0 {
		t.Errorf("exit %d: an optional field's failing source stopped the unattended run:\n%s", code, lastLines(out, 4))
	}
}

func lastLines(s string, n int) string {
	l := strings.Split(strings.TrimSpace(s), "\n")
	return strings.Join(l[max(0, len(l)-n):], "\n")
}

// A key given where a URL belongs (arguments in the wrong order) is echoed
// in the usage error.
func TestReviewURLFlagMistakeDoesNotEchoAKey(t *testing.T) {
	const key = "sk_live_51HqLyjWDarjtT1zdp7dcQQQQ"
	for _, args := range [][]string{{"check", "--stripe-url", key}, {"--stripe-url", key}} {
		_, out, errOut := runMain(t, args...)
		if strings.Contains(out+errOut, key) {
			t.Errorf("onboard %v echoed the key: %s", args[:len(args)-1], strings.ReplaceAll(errOut, key, "<key>"))
		}
	}
}
