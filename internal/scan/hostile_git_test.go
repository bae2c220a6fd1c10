//go:build unix

package scan_test

import (
	"context"
	"testing"

	"github.com/onboard-dev/onboard/internal/gitsafe/gitsafetest"
	"github.com/onboard-dev/onboard/internal/scan"
)

// A repository someone else set up names a program for every way git has
// of running one; the scan reads all of it and runs none.
func TestHostileRepositoryRunsNoProgram(t *testing.T) {
	h := gitsafetest.NewHostile(t)
	rep, err := scan.Run(context.Background(), scan.Options{Dir: h.Dir})
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	if rep.Stats.Commits != 4 || rep.Stats.Files == 0 {
		t.Errorf("read %d commits and %d files of the working tree; want the 4 commits and the files", rep.Stats.Commits, rep.Stats.Files)
	}
	h.AssertNothingRan("onboard scan")
}

// A partial clone's missing objects are not fetched, over a transport the
// config runs a program for.
func TestPartialCloneFetchesNothing(t *testing.T) {
	h := gitsafetest.NewPartialClone(t)
	_, _ = scan.Run(context.Background(), scan.Options{Dir: h.Dir})
	h.AssertNothingRan("onboard scan of a partial clone")
}
