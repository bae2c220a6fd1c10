//go:build unix

package envfile_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/onboard-dev/onboard/internal/envfile"
	"github.com/onboard-dev/onboard/internal/gitsafe/gitsafetest"
)

// A repository someone else set up names a program for every way git has
// of running one (its config, files that config includes, hooks,
// attributes). Every git entry point of envfile does its work there and
// runs none of them.
func TestHostileRepositoryRunsNoProgram(t *testing.T) {
	h := gitsafetest.NewHostile(t)
	ctx := context.Background()

	if root, ok, err := envfile.GitRoot(ctx, filepath.Join(h.Dir, "sub-that-is-not-there", "..")); err != nil || !ok || root != h.Dir {
		t.Fatalf("GitRoot = %q, %v, %v", root, ok, err)
	}
	p, err := envfile.CheckGit(ctx, h.Env)
	if err != nil {
		t.Fatalf("CheckGit: %v", err)
	}
	if !p.Tracked || !p.InHistory || p.Ignored || len(p.Commits) != 4 {
		t.Errorf("CheckGit saw tracked=%v history=%v (commits %q) ignored=%v; want tracked, 4 commits, not ignored", p.Tracked, p.InHistory, p.Commits, p.Ignored)
	}
	if err := envfile.Untrack(ctx, h.Env); err != nil {
		t.Errorf("Untrack: %v", err)
	}
	after, err := envfile.FixGitignore(ctx, h.Env)
	if err != nil {
		t.Errorf("FixGitignore: %v", err)
	} else if after.Tracked || !after.Ignored {
		t.Errorf("after Untrack and FixGitignore: tracked=%v ignored=%v", after.Tracked, after.Ignored)
	}
	if _, err := os.Stat(h.Env); err != nil {
		t.Errorf("Untrack must leave the file: %v", err)
	}
	h.AssertNothingRan("envfile's git calls")
}

// A partial clone lacks the trees of its history: walking it for the
// .env's commits would fetch them, over a transport the config runs a
// program for. The check fails (it cannot know the history) and fetches
// nothing.
func TestPartialCloneFetchesNothing(t *testing.T) {
	h := gitsafetest.NewPartialClone(t)
	_, err := envfile.CheckGit(context.Background(), h.Env)
	if err == nil {
		t.Error("CheckGit answered about a history it could not read")
	}
	h.AssertNothingRan("CheckGit in a partial clone")
}
