package scan

import (
	"os"
	"path/filepath"
	"testing"
)

// A folder of the working tree that is a link now (elsewhere on this
// machine) is not the project's: a key in a file behind it is not
// reported as in the working tree, nor read at all.
func TestWorkingTreeFolderLinkIsNotFollowed(t *testing.T) {
	r := newTestRepo(t)
	r.write("config/app.txt", "nothing here\n")
	r.commit("config", "2024-01-01T00:00:00Z")
	outside, _ := filepath.EvalSymlinks(t.TempDir())
	key := stripeKey()
	if err := os.WriteFile(filepath.Join(outside, "app.txt"), []byte("key = "+key+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(filepath.Join(r.dir, "config")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(r.dir, "config")); err != nil {
		t.Fatal(err)
	}
	rep := r.run()
	for _, f := range rep.Findings {
		if f.InWorkingTree {
			t.Errorf("a file behind the folder link was read: %s", f.Path)
		}
	}
}
