package envfile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
)

// SecretMode is the only mode a file holding secrets is left with: read
// and write for its owner, nothing for anyone else.
const SecretMode fs.FileMode = 0o600

// ConcernKind is something about a write's target that needs a person's
// explicit consent before secrets go into it.
type ConcernKind int

const (
	// OutsideProject: the path is a symlink whose target lies outside the
	// project, where other programs and people may read it.
	OutsideProject ConcernKind = iota + 1
	// ForeignOwner: the file belongs to another user; replacing it hands it
	// to the current user.
	ForeignOwner
	// SharedWritable: other users may write the file (or replace it in its
	// folder), so they could read or swap what is put there.
	SharedWritable
	// ModeNotKept: the file system does not keep file permissions, so the
	// file cannot be made private (a mounted Windows or network drive).
	ModeNotKept
)

// Concern is one such finding, in words a person can act on. It names
// files, never a value.
type Concern struct {
	Kind ConcernKind
	Text string
}

// Target is what a write to a path would replace, judged before anything
// is written: the real file behind a symlink, its mode and owner, and the
// concerns that need consent.
type Target struct {
	Path     string      // as asked, absolute
	Real     string      // the file that is written: Path, or its symlink's final target
	Link     bool        // Path is a symlink
	Exists   bool        // Real exists
	Mode     fs.FileMode // Real's permission bits (0 when it does not exist)
	Concerns []Concern
}

// Tightens reports whether the write changes the file's mode to SecretMode
// (an existing file others could read or write).
func (t *Target) Tightens() bool { return t.Exists && t.Mode != SecretMode }

// ModeChange says what the write does to the mode, for a review line:
// "mode 0644 → 0600", or "" when nothing changes.
func (t *Target) ModeChange() string {
	switch {
	case !t.Exists:
		return ""
	case t.Tightens():
		return fmt.Sprintf("mode %04o → %04o", t.Mode, SecretMode)
	}
	return ""
}

// NeedsConsent reports whether any concern needs a person's explicit OK.
func (t *Target) NeedsConsent() bool { return len(t.Concerns) > 0 }

// Covers reports whether a consent given for t still holds for now: the
// same real file, and no concern that was not shown then. A symlink that
// was swapped after the person said yes, for one, is not covered.
func (t *Target) Covers(now *Target) bool {
	if t == nil {
		return !now.NeedsConsent()
	}
	if t.Real != now.Real {
		return false
	}
	for _, c := range now.Concerns {
		if !slices.ContainsFunc(t.Concerns, func(o Concern) bool { return o.Kind == c.Kind }) {
			return false
		}
	}
	return true
}

// Inspect judges the file a secret write to path would land in. root is
// the project's root (the git work tree); a symlink leading outside it is a
// concern. "" skips that judgement. Inspect creates and removes one empty
// probe file next to the target, to learn whether the file system keeps
// permissions: nothing else is written.
func Inspect(path, root string) (*Target, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, writeError(path, err)
	}
	t := &Target{Path: abs, Real: abs}
	if li, err := os.Lstat(abs); err == nil && li.Mode()&fs.ModeSymlink != 0 {
		t.Link = true
		if t.Real, err = resolveTarget(abs); err != nil {
			return nil, err
		}
	}
	fi, err := os.Stat(t.Real)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return nil, readError(t.Real, err)
	case fi.IsDir():
		return nil, isDirectoryError(t.Real)
	default:
		t.Exists, t.Mode = true, fi.Mode().Perm()
	}
	dir := filepath.Dir(t.Real)
	if err := checkDir(t.Real); err != nil {
		return nil, err
	}
	shown := t.Path
	if t.Link {
		shown = t.Path + " (a symlink to " + t.Real + ")"
	}
	switch real := resolvedPath(t.Real); {
	case root == "" || insideRoot(root, real):
	case t.Link:
		t.add(OutsideProject, fmt.Sprintf("%s is a symlink to %s, outside the project (%s): the keys would be written there, beyond what the project's git protection covers", t.Path, t.Real, root))
	default:
		// Not the file but a folder on its way is the link (--env-file
		// config/.env, with config leading elsewhere).
		t.add(OutsideProject, fmt.Sprintf("%s is really %s, outside the project (%s): a folder on its way is a symlink, so the keys would be written there, beyond what the project's git protection covers", t.Path, real, root))
	}
	if t.Exists {
		if owner := foreignOwner(fi); owner != "" {
			t.add(ForeignOwner, fmt.Sprintf("%s belongs to %s, not to you: writing replaces it with a file of yours that %s can no longer read", shown, owner, owner))
		}
		if t.Link && t.Mode&0o022 != 0 {
			t.add(SharedWritable, fmt.Sprintf("%s can be written by other users (mode %04o), so they could read or replace the keys put there", shown, t.Mode))
		}
	}
	if di, err := os.Stat(dir); err == nil && di.Mode().Perm()&0o002 != 0 && di.Mode()&fs.ModeSticky == 0 {
		t.add(SharedWritable, fmt.Sprintf("%s, the folder holding the file, can be written by every user, so anyone could replace the file after it is written", dir))
	}
	kept, err := keepsMode(t.Real)
	if err != nil {
		return nil, err
	}
	if !kept {
		t.add(ModeNotKept, fmt.Sprintf("the file system holding %s does not keep file permissions (a new file there does not stay mode %04o), so the keys could be read by other users of this machine", dir, SecretMode))
	}
	return t, nil
}

func (t *Target) add(k ConcernKind, text string) {
	if !slices.ContainsFunc(t.Concerns, func(c Concern) bool { return c.Kind == k }) {
		t.Concerns = append(t.Concerns, Concern{Kind: k, Text: text})
	}
}

// resolvedPath is path with every symlink of its folders resolved (the
// file itself is already resolved by the caller).
func resolvedPath(path string) string {
	if dir, err := filepath.EvalSymlinks(filepath.Dir(path)); err == nil {
		return filepath.Join(dir, filepath.Base(path))
	}
	return path
}

// insideRoot compares with symlinks resolved on both sides, so /tmp and
// /private/tmp (macOS) are the same place.
func insideRoot(root, path string) bool {
	if r, err := filepath.EvalSymlinks(root); err == nil {
		root = r
	}
	return within(root, path)
}

// keepsMode creates an empty probe file next to target, asks for
// SecretMode and reads the mode back.
func keepsMode(target string) (bool, error) {
	dir, base := filepath.Split(target)
	f, err := os.CreateTemp(dir, base+tempMarker+"probe-*")
	if err != nil {
		return false, writeError(target, err)
	}
	defer func() {
		_ = f.Close()
		_ = os.Remove(f.Name())
	}()
	if err := probeChmod(f, SecretMode); err != nil {
		return false, nil
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode().Perm() == SecretMode, nil
}

// probeChmod is the probe's chmod; tests stand in for a file system that
// ignores it.
var probeChmod = func(f *os.File, m fs.FileMode) error { return f.Chmod(m) }

// CheckPath says, before any work starts, whether path can name a .env at
// all: not a folder or a device, in a folder that exists. A path that does
// not exist yet is fine (the write creates it). Front ends refuse a bad
// --env-file at start with it instead of failing at the first read.
func CheckPath(path string) error {
	fi, err := os.Stat(path)
	switch {
	case err == nil && fi.IsDir():
		return isDirectoryError(path)
	case err == nil && !fi.Mode().IsRegular():
		return notRegularError(path)
	case err == nil, !errors.Is(err, fs.ErrNotExist):
		return nil // readable or not, the read says precisely what is wrong
	}
	dir := filepath.Dir(path)
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return &FileError{Kind: ErrNotWritable, Path: path,
			What: "its folder " + dir + " does not exist",
			Do:   "Create the folder first, or point onboard at a file in an existing folder"}
	}
	return nil
}

func notRegularError(path string) error {
	return &FileError{Kind: ErrNotRegular, Path: path,
		What: "this is not a regular file (it is a device, socket or pipe)",
		Do:   "Point onboard at a regular file"}
}

func isDirectoryError(path string) error {
	return &FileError{Kind: ErrIsDirectory, Path: path,
		What: "this is a folder, not a file",
		Do:   "Remove or rename the folder, or point onboard at a file path (for example " + filepath.Join(path, ".env") + ")"}
}
