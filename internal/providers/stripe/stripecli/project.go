package stripecli

import (
	"os"
	"path/filepath"
	"strings"
)

// projectDirs are the folders whose programs Find will not run: the
// current directory wd and the git work tree holding it (the nearest
// folder above it with a .git, a folder or a worktree's file), each as
// given and with its symlinks resolved. A folder that holds the person's
// own programs as well is left out: the home folder (a dotfiles
// repository may make it a work tree, and ~/bin or ~/.local/bin is where
// a CLI goes), any folder above it, and the file system's root.
func projectDirs(wd string) []string {
	if wd == "" {
		return nil
	}
	candidates := []string{wd}
	for d := wd; ; d = filepath.Dir(d) {
		if _, err := os.Lstat(filepath.Join(d, ".git")); err == nil {
			candidates = append(candidates, d)
			break
		}
		if filepath.Dir(d) == d {
			break
		}
	}
	home, _ := os.UserHomeDir()
	var out []string
	for _, c := range candidates {
		forms := []string{filepath.Clean(c)}
		if r, err := filepath.EvalSymlinks(c); err == nil && r != forms[0] {
			forms = append(forms, r)
		}
		for _, f := range forms {
			if filepath.Dir(f) == f || home != "" && (within(f, home) || within(f, resolved(home))) {
				continue
			}
			out = append(out, f)
		}
	}
	return out
}

// insideAny reports whether the program at p lies inside one of dirs, as
// named or where its symlinks lead (a link in ~/bin to a project's
// build, or a project's bin/stripe linking out, are both the project's
// choice).
func insideAny(p string, dirs []string) bool {
	forms := []string{filepath.Clean(p), resolved(p)}
	for _, d := range dirs {
		for _, f := range forms {
			if within(d, f) {
				return true
			}
		}
	}
	return false
}

// resolved is p with its symlinks resolved, or p when that fails.
func resolved(p string) string {
	if r, err := filepath.EvalSymlinks(p); err == nil {
		return r
	}
	return p
}

// within: path is root or lies below it.
func within(root, path string) bool {
	rel, err := filepath.Rel(root, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}
