package leakcheck

import (
	"io/fs"
	"os"
	"path/filepath"
)

// ReadTree reads every regular file under root, keyed by its path relative
// to root, except those skip names (skip may be nil). It is how a test
// collects everything a run left on disk. Directories named .git are not
// read: git's own objects are compressed, and `git` output is what the
// product shows.
func ReadTree(root string, skip func(rel string) bool) (map[string][]byte, error) {
	files := map[string][]byte{}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(root, path)
		if err != nil {
			return err
		}
		if d.IsDir() {
			if d.Name() == ".git" {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() || (skip != nil && skip(rel)) {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		files[rel] = b
		return nil
	})
	return files, err
}
