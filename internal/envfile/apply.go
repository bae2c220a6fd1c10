package envfile

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/gofrs/flock"
)

const (
	backupSuffix = ".backup"
	lockSuffix   = ".onboard-lock"
)

// lockWait is how long Apply waits for another writer of the same file.
var lockWait = 30 * time.Second

// Result says what Apply did.
type Result struct {
	Path       string // the real file written (a symlink's target)
	BackupPath string // the previous version, "" if there was none or nothing changed
	Entries    []Entry
}

// Apply updates the .env at path: sets change in place or are added, removes
// are deleted, everything else stays byte for byte. See the package doc for
// the guarantees.
func Apply(path string, sets []Set, removes []string) (*Result, error) {
	return update(path, sets, removes, writeOptions{newMode: 0o600, backup: true})
}

// writeOptions differ between the .env and its committable example.
type writeOptions struct {
	newMode fs.FileMode // mode of a file that did not exist
	backup  bool        // keep the previous version next to the file
	// keep, if set, reduces the sets once the file has been read under the
	// lock (WriteExample leaves keys the example already has alone).
	keep func(d *Doc, sets []Set) []Set
}

func update(path string, sets []Set, removes []string, opt writeOptions) (*Result, error) {
	if err := checkInput(sets, removes); err != nil {
		return nil, err
	}
	target, err := resolveTarget(path)
	if err != nil {
		return nil, err
	}
	if err := checkDir(target); err != nil {
		return nil, err
	}
	unlock, err := lockFile(target)
	if err != nil {
		return nil, err
	}
	defer unlock()

	// Re-read under the lock: whatever another writer did before we got
	// the lock is the base of this update, so it is not lost.
	d, err := read(target, false)
	if err != nil {
		return nil, err
	}
	removeStaleTemps(target)
	if opt.keep != nil {
		sets = opt.keep(d, sets)
	}
	p, err := d.proven(sets, removes, scanParse)
	if err != nil {
		return nil, err
	}
	res := &Result{Path: target, Entries: p.entries}
	if !p.changed {
		return res, nil
	}
	if err := write(d, p, res, opt); err != nil {
		return nil, err
	}
	return res, nil
}

// write puts the plan on disk: new content to a temp file, previous version
// to the backup, rename, then read back and compare; on a mismatch both the
// file and the backup are put back as they were.
func write(d *Doc, p *plan, res *Result, opt writeOptions) error {
	target := d.path
	mode := opt.newMode
	var like fs.FileInfo
	if d.exists {
		mode = d.mode // keep the user's mode: never looser than before
		like, _ = os.Stat(target)
	}
	tmp, err := writeTemp(target, p.content, mode, like)
	if err != nil {
		return err
	}
	backup := target + backupSuffix
	prevBackup, prevBackupErr := os.ReadFile(backup)
	prevBackupInfo, _ := os.Stat(backup)
	restoreBackup := func() {
		if !d.exists || !opt.backup {
			return
		}
		if prevBackupErr == nil && prevBackupInfo != nil {
			_ = writeAtomic(backup, prevBackup, prevBackupInfo.Mode().Perm(), prevBackupInfo)
		} else if errors.Is(prevBackupErr, fs.ErrNotExist) {
			_ = os.Remove(backup)
		}
	}
	if d.exists && opt.backup {
		if err := writeAtomic(backup, d.raw, 0o600, like); err != nil {
			_ = os.Remove(tmp)
			return err
		}
		res.BackupPath = backup
	}
	beforeRenameHook(tmp)
	if err := os.Rename(tmp, target); err != nil {
		_ = os.Remove(tmp)
		restoreBackup()
		return writeError(target, err)
	}
	syncDir(filepath.Dir(target))

	if err := verifyOnDisk(target, p); err != nil {
		if d.exists {
			_ = writeAtomic(target, d.raw, mode, like)
		} else {
			_ = os.Remove(target)
		}
		restoreBackup()
		return err
	}
	return nil
}

// verifyOnDisk reads the written file back and checks it is exactly the
// planned content and that godotenv reads the intended variables from it.
func verifyOnDisk(target string, p *plan) error {
	got, err := os.ReadFile(target)
	if err == nil && !bytes.Equal(got, p.content) {
		err = errors.New("content differs")
	}
	if err == nil {
		err = p.verify(got, godotenvParse)
	}
	if err != nil {
		return &FileError{Kind: ErrVerify, Path: target,
			What: "the written file did not read back as intended, so the previous version was put back",
			Do:   "Check the disk and the file system (is another program rewriting the file?), then run again"}
	}
	return nil
}

// resolveTarget returns the real file to write: an existing symlink is
// followed so the link stays a link and its target is updated.
func resolveTarget(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", writeError(path, err)
	}
	li, err := os.Lstat(abs)
	if err != nil || li.Mode()&fs.ModeSymlink == 0 {
		return abs, nil
	}
	real, err := filepath.EvalSymlinks(abs)
	if err != nil {
		return "", &FileError{Kind: ErrDanglingSymlink, Path: abs, Err: err,
			What: "it is a symlink to a file that does not exist (or a link loop)",
			Do:   "Create the file it points to, or remove the link, then run again"}
	}
	return real, nil
}

// checkDir makes sure the file's folder exists and is a folder.
func checkDir(target string) error {
	dir := filepath.Dir(target)
	fi, err := os.Stat(dir)
	if err != nil {
		return writeError(target, err)
	}
	if !fi.IsDir() {
		return writeError(target, &fs.PathError{Op: "stat", Path: dir, Err: errNotDir})
	}
	return nil
}

// lockFile takes the lock that serializes writers of target. The lock file
// stays (deleting it would let two writers hold different locks).
func lockFile(target string) (func(), error) {
	l := flock.New(target+lockSuffix, flock.SetPermissions(0o600))
	ctx, cancel := context.WithTimeout(context.Background(), lockWait)
	defer cancel()
	ok, err := l.TryLockContext(ctx, 20*time.Millisecond)
	if err != nil && !errors.Is(err, context.DeadlineExceeded) {
		return nil, writeError(target, err)
	}
	if !ok {
		return nil, &FileError{Kind: ErrLocked, Path: target,
			What: "another onboard is writing this file and did not finish in time",
			Do:   "Wait for it to finish (or stop it), then run again"}
	}
	return func() { _ = l.Unlock() }, nil
}
