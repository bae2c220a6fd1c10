package scan

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/onboard-dev/onboard/internal/scan/scantest"
	"github.com/onboard-dev/onboard/internal/secret"
)

func TestAddedThenRemoved(t *testing.T) {
	r := newTestRepo(t)
	key := stripeKey()
	r.write("README.md", "# app\n")
	r.commit("start", "2023-03-01T10:00:00Z")
	r.write("src/config.js", "// config\nconst stripe = require('stripe')('"+key+"');\n")
	added := r.commit("hard-code the key", "2023-04-02T12:00:00Z")
	r.write("src/config.js", "// config\nconst stripe = require('stripe')(process.env.STRIPE_SECRET_KEY);\n")
	r.commit("read the key from the environment", "2023-04-03T12:00:00Z")

	rep := r.run()
	f := at(t, rep, key, "src/config.js")
	if f.Commit != added[:7] || f.CommitFull != added || f.Line != 2 || f.Kind != StripeSecretKey {
		t.Errorf("got commit %s line %d kind %s, want %s line 2", f.Commit, f.Line, f.Kind, added[:7])
	}
	if !f.Date.Equal(time.Date(2023, 4, 2, 12, 0, 0, 0, time.UTC)) {
		t.Errorf("date %v, want the author date of the adding commit", f.Date)
	}
	if f.AtHead || f.InWorkingTree || f.Rotate != StripeKeysURL || f.EnvVar != "" {
		t.Errorf("at head %v, in working tree %v, rotate %q, env %q", f.AtHead, f.InWorkingTree, f.Rotate, f.EnvVar)
	}
	if len(rep.Findings) != 1 || rep.Stats.Commits != 3 {
		t.Errorf("%d findings in %d commits, want 1 in 3", len(rep.Findings), rep.Stats.Commits)
	}
	assertNoLeak(t, rep, key)
}

func TestOtherBranchesMergesAndRenames(t *testing.T) {
	r := newTestRepo(t)
	onBranch, inMerge, renamed, hook := plaidHex(30), stripeKey(), scantest.StripeKey("rk_live_"), scantest.WebhookSecret()
	r.write("a.txt", "a\n")
	r.commit("start", "2023-01-01T00:00:00Z")

	// A side branch that is never merged, and a remote-tracking ref.
	r.git("checkout", "-q", "-b", "experiment")
	r.write("plaid.py", "PLAID_SECRET = \""+onBranch+"\"\n")
	branchCommit := r.commit("try plaid", "2023-02-01T00:00:00Z")
	r.git("checkout", "-q", "main")

	// A merge whose conflict resolution typed a key in.
	r.git("checkout", "-q", "-b", "topic")
	r.write("b.txt", "topic\n")
	r.commit("topic", "2023-03-01T00:00:00Z")
	r.git("checkout", "-q", "main")
	r.write("c.txt", "main\n")
	r.commit("main", "2023-03-02T00:00:00Z")
	r.gitEnv([]string{"GIT_AUTHOR_DATE=2023-03-03T00:00:00Z", "GIT_COMMITTER_DATE=2023-03-03T00:00:00Z"}, "merge", "-q", "--no-commit", "topic")
	r.write("c.txt", "main\nSTRIPE_KEY="+inMerge+"\n")
	merge := r.commit("merge topic", "2023-03-03T00:00:00Z")

	// A file renamed after the key went in, and a webhook secret.
	r.write("old/keys.env.example", "STRIPE_SECRET_KEY="+renamed+"\nSTRIPE_WEBHOOK_SECRET="+hook+"\n")
	first := r.commit("example", "2023-04-01T00:00:00Z")
	if err := os.MkdirAll(filepath.Join(r.dir, "new"), 0o755); err != nil {
		t.Fatal(err)
	}
	r.git("mv", "old/keys.env.example", "new/keys.env.example")
	moved := r.commit("move", "2023-05-01T00:00:00Z")

	rep := r.run()
	if f := at(t, rep, onBranch, "plaid.py"); f.CommitFull != branchCommit || f.AtHead || f.Kind != PlaidSecret {
		t.Errorf("branch-only key: commit %s at head %v kind %s", f.Commit, f.AtHead, f.Kind)
	}
	if f := at(t, rep, inMerge, "c.txt"); f.CommitFull != merge || !f.AtHead || f.Line != 2 {
		t.Errorf("key typed into the merge: commit %s (want the merge %s), at head %v, line %d", f.Commit, merge[:7], f.AtHead, f.Line)
	}
	if f := at(t, rep, renamed, "old/keys.env.example"); f.CommitFull != first || f.AtHead {
		t.Errorf("renamed file, old path: commit %s at head %v", f.Commit, f.AtHead)
	}
	if f := at(t, rep, renamed, "new/keys.env.example"); f.CommitFull != moved || !f.AtHead || !f.InWorkingTree {
		t.Errorf("renamed file, new path: commit %s at head %v in tree %v", f.Commit, f.AtHead, f.InWorkingTree)
	}
	if f := at(t, rep, hook, "new/keys.env.example"); f.Kind != StripeWebhookSecret || f.Line != 2 {
		t.Errorf("webhook secret: kind %s line %d", f.Kind, f.Line)
	}
	assertNoLeak(t, rep, onBranch, inMerge, renamed, hook)
}

func TestStashReflogAndDanglingObjects(t *testing.T) {
	r := newTestRepo(t)
	stashed, amended, dropped := stripeKey(), plaidHex(30), scantest.StripeKey("sk_test_")
	r.write("app.js", "x\n")
	r.commit("start", "2023-01-01T00:00:00Z")

	// A key left in a stash.
	r.write("app.js", "x\nconst k = '"+stashed+"';\n")
	r.git("stash", "-q")

	// A key committed, then amended away: only the reflog has it.
	r.write("plaid.yml", "plaid_secret: "+amended+"\n")
	r.commit("add plaid", "2023-02-01T00:00:00Z")
	r.write("plaid.yml", "plaid_secret: ${PLAID_SECRET}\n")
	r.git("add", "-A")
	r.gitEnv([]string{"GIT_COMMITTER_DATE=2023-02-02T00:00:00Z"}, "commit", "-q", "--amend", "-m", "add plaid")

	// A key staged and then unstaged: a blob no commit holds.
	r.write("tmp.txt", "key="+dropped+"\n")
	r.git("add", "tmp.txt")
	r.git("reset", "-q", "tmp.txt")
	if err := os.Remove(filepath.Join(r.dir, "tmp.txt")); err != nil {
		t.Fatal(err)
	}

	rep := r.run()
	if f := at(t, rep, stashed, "app.js"); !f.Committed() || f.AtHead {
		t.Errorf("stashed key: committed %v at head %v", f.Committed(), f.AtHead)
	}
	if f := at(t, rep, amended, "plaid.yml"); !f.ReflogOnly || f.AtHead {
		t.Errorf("amended-away key: reflog only %v, at head %v", f.ReflogOnly, f.AtHead)
	}
	notFound(t, rep, dropped)
	if rep.Unreachable != 1 {
		t.Errorf("unreachable objects with keys: %d, want 1", rep.Unreachable)
	}
	var text bytes.Buffer
	_ = rep.WriteText(&text)
	if !strings.Contains(text.String(), "no branch has any more") || !strings.Contains(text.String(), "belongs to no commit") {
		t.Errorf("the text must explain the reflog-only commit and the dangling object")
	}
	assertNoLeak(t, rep, stashed, amended, dropped)
}

func TestBinaryAndHugeFiles(t *testing.T) {
	r := newTestRepo(t)
	inBinary, early, late := stripeKey(), plaidHex(30), scantest.WebhookSecret()
	bin := append([]byte{0x7f, 'E', 'L', 'F', 0, 0, 0, 1}, []byte("\x00config\x00sk="+inBinary+"\x00\x00")...)
	r.write("bin/app", string(bin))
	// 12 MiB of text: read in windows, the keys found on their lines.
	var huge strings.Builder
	huge.WriteString("PLAID_SECRET=" + early + "\n")
	line := strings.Repeat("data, ", 20) + "\n"
	n := (12 << 20) / len(line)
	for i := 0; i < n; i++ {
		huge.WriteString(line)
	}
	huge.WriteString("hook: " + late + "\n")
	r.write("data/dump.csv", huge.String())
	r.commit("binaries and data", "2023-01-01T00:00:00Z")

	rep := r.run()
	if f := at(t, rep, inBinary, "bin/app"); !f.Binary || f.Line != 0 {
		t.Errorf("key in a binary file: binary %v line %d", f.Binary, f.Line)
	}
	if f := at(t, rep, early, "data/dump.csv"); f.Line != 1 {
		t.Errorf("early key on line %d", f.Line)
	}
	if f := at(t, rep, late, "data/dump.csv"); f.Line != n+2 {
		t.Errorf("late key on line %d, want %d", f.Line, n+2)
	}
	assertNoLeak(t, rep, inBinary, early, late)
}

func TestWorkingTreeIgnoredAndEnvValues(t *testing.T) {
	r := newTestRepo(t)
	untracked, ignored, envKey, envSecret, pattern := stripeKey(), stripeKey(), stripeKey(), plaidHex(30), scantest.StripeKey("rk_test_")
	r.write(".gitignore", ".env\nsecrets/\n")
	r.write("app.py", "print('hi')\n")
	r.commit("start", "2023-01-01T00:00:00Z")
	// The .env's own values, committed by mistake elsewhere: one where a
	// pattern sees it, one hard-coded with no marker at all.
	r.write("settings.py", "STRIPE = '"+envKey+"'\nclient = plaid.Client('x', '"+envSecret+"')\nOTHER = '"+pattern+"'\n")
	r.commit("settings", "2023-02-01T00:00:00Z")
	r.write(".env", "STRIPE_SECRET_KEY="+envKey+"\nPLAID_SECRET="+envSecret+"\n")
	// Untracked and not ignored: git add . would commit it.
	r.write("notes/todo.txt", "remember "+untracked+"\n")
	// Ignored: git will not commit it, so it is not reported.
	r.write("secrets/live.txt", ignored+"\n")

	values, envPath, err := ProjectValues(context.Background(), r.dir, []string{"PATH=/bin", "PLAID_SECRET=" + envSecret})
	if err != nil || envPath != filepath.Join(r.dir, ".env") || len(values) != 3 {
		t.Fatalf("ProjectValues: %d values from %s, err %v", len(values), envPath, err)
	}
	rep := r.run(values...)
	notFound(t, rep, ignored)
	if f := at(t, rep, untracked, "notes/todo.txt"); f.Committed() || !f.InWorkingTree {
		t.Errorf("untracked key: committed %v in tree %v", f.Committed(), f.InWorkingTree)
	}
	if f := at(t, rep, envKey, "settings.py"); f.EnvVar != "STRIPE_SECRET_KEY" || f.EnvSource != envPath || f.Kind != StripeSecretKey {
		t.Errorf("the .env's Stripe key: env %q from %q kind %s", f.EnvVar, f.EnvSource, f.Kind)
	}
	if f := at(t, rep, envSecret, "settings.py"); f.EnvVar != "PLAID_SECRET" || f.Kind != PlaidSecret || f.Line != 2 {
		t.Errorf("the .env's Plaid secret with no marker: env %q kind %s line %d", f.EnvVar, f.Kind, f.Line)
	}
	if f := at(t, rep, pattern, "settings.py"); f.EnvVar != "" {
		t.Errorf("a key that is not the .env's has env %q", f.EnvVar)
	}
	// The ignored .env itself is not reported: that is where keys belong.
	for _, f := range rep.Findings {
		if f.Path == ".env" {
			t.Errorf("the ignored .env was reported")
		}
	}
	if len(rep.Looked) != 2 {
		t.Errorf("looked for %d values, want 2 (the environment repeats the .env's secret)", len(rep.Looked))
	}
	assertNoLeak(t, rep, untracked, ignored, envKey, envSecret, pattern)
}

func TestCommittedEnvFile(t *testing.T) {
	r := newTestRepo(t)
	key := stripeKey()
	r.write(".env", "STRIPE_SECRET_KEY="+key+"\n")
	r.commit("oops", "2023-01-01T00:00:00Z")
	r.git("rm", "-q", "--cached", ".env")
	r.write(".gitignore", ".env\n")
	r.commit("ignore the .env", "2023-01-02T00:00:00Z")
	values, _, _ := ProjectValues(context.Background(), r.dir, nil)
	rep := r.run(values...)
	f := at(t, rep, key, ".env")
	if f.EnvVar != "STRIPE_SECRET_KEY" || f.AtHead || f.InWorkingTree {
		t.Errorf("the .env's own committed value: env %q at head %v in tree %v", f.EnvVar, f.AtHead, f.InWorkingTree)
	}
	assertNoLeak(t, rep, key)
}

func TestCleanAndEmptyRepositories(t *testing.T) {
	r := newTestRepo(t)
	rep := r.run()
	if !rep.NoCommits || !rep.Clean() {
		t.Fatalf("empty repository: no commits %v clean %v", rep.NoCommits, rep.Clean())
	}
	// No commits yet, but a key waiting in an untracked file.
	key := plaidHex(30)
	r.write("config.yml", "plaid:\n  secret: "+key+"\n")
	rep = r.run()
	if f := at(t, rep, key, "config.yml"); f.Committed() || !rep.NoCommits {
		t.Errorf("no-commit repository: committed %v no commits %v", f.Committed(), rep.NoCommits)
	}
	// Clean history with ordinary code, hashes and placeholders.
	r.write("config.yml", "plaid:\n  secret: ${PLAID_SECRET}\n  client_id: your-client-id\n")
	r.write("package-lock.json", `{"integrity": "sha512-`+scantest.Random(86, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")+`=="}`+"\n")
	r.write("README.md", "Set STRIPE_SECRET_KEY=sk_test_xxxxxxxxxxxxxxxxxxxxxxxx and PLAID_SECRET=<your secret>.\n")
	r.commit("clean", "2023-01-01T00:00:00Z")
	rep = r.run()
	if !rep.Clean() || rep.NoCommits {
		t.Fatalf("clean repository: %d findings", len(rep.Findings))
	}
	var text bytes.Buffer
	_ = rep.WriteText(&text)
	if !strings.Contains(text.String(), "No Stripe or Plaid key found") {
		t.Errorf("clean text report: %q", text.String())
	}
}

func TestOddRepositories(t *testing.T) {
	ctx := context.Background()
	t.Run("not a repository", func(t *testing.T) {
		_, err := Run(ctx, Options{Dir: t.TempDir()})
		if !errors.Is(err, ErrNotRepository) || !IsUsage(err) || !strings.Contains(err.Error(), "not inside a git repository") {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("dubious ownership", func(t *testing.T) {
		if os.Geteuid() != 0 {
			t.Skip("needs root to give the repository to another user")
		}
		r := newTestRepo(t)
		if err := os.Chown(r.dir, 65534, 65534); err != nil {
			t.Skip("cannot chown:", err)
		}
		_, err := Run(ctx, Options{Dir: r.dir})
		if !errors.Is(err, ErrUnsafeRepo) || !strings.Contains(err.Error(), "git config --global --add safe.directory "+r.dir) {
			t.Fatalf("want the safe.directory fix, got %v", err)
		}
	})
	t.Run("linked worktree, submodule, shallow clone", func(t *testing.T) {
		sub := newTestRepo(t)
		subKey := stripeKey()
		sub.write("k.txt", subKey+"\n")
		sub.commit("sub", "2023-01-01T00:00:00Z")

		r := newTestRepo(t)
		key := plaidHex(30)
		r.write("a.txt", "a\n")
		r.commit("one", "2023-01-01T00:00:00Z")
		r.write("cfg.ini", "PLAID_SECRET = "+key+"\n")
		r.commit("two", "2023-01-02T00:00:00Z")
		r.git("-c", "protocol.file.allow=always", "submodule", "add", "-q", sub.dir, "vendor/sub")
		r.commit("three", "2023-01-03T00:00:00Z")
		wt := filepath.Join(t.TempDir(), "wt")
		r.git("worktree", "add", "-q", "-b", "other", wt)

		// From the linked worktree the whole repository is scanned.
		rep, err := Run(ctx, Options{Dir: wt})
		if err != nil {
			t.Fatal(err)
		}
		at(t, rep, key, "cfg.ini")
		notFound(t, rep, subKey)
		if len(rep.Submodules) != 1 || rep.Submodules[0] != "vendor/sub" {
			t.Errorf("submodules %q", rep.Submodules)
		}

		// A shallow clone says older history is missing.
		clone := filepath.Join(t.TempDir(), "clone")
		if out, err := exec.Command("git", "clone", "-q", "--depth", "1", "file://"+r.dir, clone).CombinedOutput(); err != nil {
			t.Fatalf("clone: %v %d bytes", err, len(out))
		}
		rep, err = Run(ctx, Options{Dir: clone})
		if err != nil {
			t.Fatal(err)
		}
		if !rep.Shallow || !strings.Contains(strings.Join(rep.Notes, " "), "shallow clone") {
			t.Errorf("shallow %v notes %q", rep.Shallow, rep.Notes)
		}
		at(t, rep, key, "cfg.ini")
		assertNoLeak(t, rep, key, subKey)
	})
	t.Run("bare repository", func(t *testing.T) {
		r := newTestRepo(t)
		key := stripeKey()
		r.write("k.js", "k='"+key+"'\n")
		r.commit("k", "2023-01-01T00:00:00Z")
		bare := filepath.Join(t.TempDir(), "bare.git")
		if out, err := exec.Command("git", "clone", "-q", "--bare", r.dir, bare).CombinedOutput(); err != nil {
			t.Fatalf("clone: %v %d bytes", err, len(out))
		}
		rep, err := Run(ctx, Options{Dir: bare})
		if err != nil {
			t.Fatal(err)
		}
		if !rep.Bare || !at(t, rep, key, "k.js").AtHead {
			t.Errorf("bare: %v", rep.Bare)
		}
	})
	t.Run("cancelled", func(t *testing.T) {
		r := newTestRepo(t)
		r.commit("x", "2023-01-01T00:00:00Z")
		cctx, cancel := context.WithCancel(ctx)
		cancel()
		if _, err := Run(cctx, Options{Dir: r.dir}); err == nil {
			t.Fatal("a cancelled scan must not report success")
		}
	})
}

// TestNoNetwork: a partial clone whose objects are missing must not fetch
// them during a scan (no network at all).
func TestNoNetwork(t *testing.T) {
	r := newTestRepo(t)
	key := stripeKey()
	r.write("a.txt", key+"\n")
	r.commit("a", "2023-01-01T00:00:00Z")
	r.git("config", "uploadpack.allowFilter", "true")
	clone := filepath.Join(t.TempDir(), "partial")
	if out, err := exec.Command("git", "clone", "-q", "--filter=blob:none", "--no-checkout", "file://"+r.dir, clone).CombinedOutput(); err != nil {
		t.Skipf("partial clone not available: %v %d bytes", err, len(out))
	}
	// The origin goes away: any fetch would now fail loudly, and the
	// scan must neither try nor fail.
	if err := os.RemoveAll(r.dir); err != nil {
		t.Fatal(err)
	}
	rep, err := Run(context.Background(), Options{Dir: clone, NoWorkTree: true})
	if err != nil {
		t.Fatalf("scan of a partial clone: %v", err)
	}
	if !rep.Clean() {
		t.Errorf("the blob is not in the clone, so nothing can be found: %d findings", len(rep.Findings))
	}
}

func TestReportsNeverHoldSecrets(t *testing.T) {
	r := newTestRepo(t)
	keys := []string{stripeKey(), scantest.StripeKey("rk_live_"), scantest.WebhookSecret(), plaidHex(30), plaidHex(24), scantest.PlaidToken()}
	r.write("all.env.sample", "STRIPE_SECRET_KEY="+keys[0]+"\nSTRIPE_RESTRICTED="+keys[1]+"\nSTRIPE_WEBHOOK_SECRET="+keys[2]+
		"\nPLAID_SECRET="+keys[3]+"\nPLAID_CLIENT_ID="+keys[4]+"\nPLAID_ACCESS_TOKEN="+keys[5]+"\n")
	r.commit("sample", "2023-01-01T00:00:00Z")
	values := []Value{{Name: "STRIPE_SECRET_KEY", Source: ".env", Value: secret.Secret(keys[0])}}
	rep := r.run(values...)
	if len(rep.Keys()) != len(keys) {
		t.Fatalf("%d keys found, want %d", len(rep.Keys()), len(keys))
	}
	assertNoLeak(t, rep, keys...)
	// Nor does any formatting of the report or its findings.
	out := outputs(t, rep)
	for _, f := range []string{"%v", "%+v", "%#v", "%s"} {
		out["fmt "+f] = []byte(strings.ReplaceAll(sprintf(f, rep), "\n", " "))
	}
	assertNoLeakIn(t, out, keys)
}

// TestHugeHistoryFallsBackToASecondWalk: past maxEntries the index is
// dropped and the keys are placed by a second, streaming walk, with the
// same answer.
func TestHugeHistoryFallsBackToASecondWalk(t *testing.T) {
	r := newTestRepo(t)
	key := stripeKey()
	for i := 0; i < 5; i++ {
		r.write("f.txt", strings.Repeat("line\n", i+1))
		r.commit("edit", "2023-01-0"+string(rune('1'+i))+"T00:00:00Z")
	}
	r.write("src/k.js", "k = '"+key+"'\n")
	added := r.commit("key", "2023-02-01T00:00:00Z")
	indexed := at(t, r.run(), key, "src/k.js")
	old := maxEntries
	maxEntries = 2
	defer func() { maxEntries = old }()
	walked := at(t, r.run(), key, "src/k.js")
	if walked != indexed || walked.CommitFull != added {
		t.Errorf("second walk: %+v, index: %+v", walked, indexed)
	}
}

// TestOrphanBranch: with HEAD on a branch that has no commit yet, the
// other branches' history is still scanned.
func TestOrphanBranch(t *testing.T) {
	r := newTestRepo(t)
	key := stripeKey()
	r.write("k.js", "k = '"+key+"'\n")
	added := r.commit("key", "2023-01-01T00:00:00Z")
	r.git("checkout", "-q", "--orphan", "fresh")
	r.git("rm", "-q", "-r", "--cached", ".")
	if err := os.Remove(filepath.Join(r.dir, "k.js")); err != nil {
		t.Fatal(err)
	}
	rep := r.run()
	if f := at(t, rep, key, "k.js"); f.CommitFull != added || f.AtHead || rep.NoCommits || rep.Unreachable != 0 {
		t.Errorf("commit %s at head %v, no commits %v, unreachable %d", f.Commit, f.AtHead, rep.NoCommits, rep.Unreachable)
	}
}

// TestRefsToBlobsAndTrees: a tag may point straight at a blob or a tree,
// with no commit at all; it is pushed with the tag, so it is reported.
func TestRefsToBlobsAndTrees(t *testing.T) {
	r := newTestRepo(t)
	inBlob, inTree := stripeKey(), plaidHex(30)
	r.write("a.txt", "a\n")
	r.commit("a", "2023-01-01T00:00:00Z")
	cmd := exec.Command("git", "-C", r.dir, "hash-object", "-w", "--stdin")
	cmd.Stdin = strings.NewReader("key " + inBlob + "\n")
	blob, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	r.git("tag", "hidden", strings.TrimSpace(string(blob)))
	r.write("t/plaid.env", "PLAID_SECRET="+inTree+"\n")
	r.git("add", "t/plaid.env")
	tree := r.git("write-tree")
	r.git("reset", "-q")
	r.git("tag", "-a", "-m", "a tree", "treetag", tree)

	rep := r.run()
	if f := at(t, rep, inBlob, "refs/tags/hidden"); f.Ref != "refs/tags/hidden" || !f.Committed() {
		t.Errorf("blob tag: ref %q", f.Ref)
	}
	if f := at(t, rep, inTree, "refs/tags/treetag:t/plaid.env"); f.Ref != "refs/tags/treetag" || f.Line != 1 {
		t.Errorf("tree tag: ref %q line %d", f.Ref, f.Line)
	}
	if rep.Unreachable != 0 {
		t.Errorf("unreachable %d, want 0", rep.Unreachable)
	}
	assertNoLeak(t, rep, inBlob, inTree)
}
