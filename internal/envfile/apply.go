package envfile

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"time"
)

const (
	// backupSuffix names onboard's own backup, "<name>.onboard-backup": a
	// name in onboard's namespace, so a .env.backup the user keeps is never
	// replaced, and covered by the "<name>.*" ignore rule.
	backupSuffix = ".onboard-backup"
	// legacyLockSuffix is the lock file older versions left next to the
	// file; the folder lock replaced it, and a leftover is removed.
	legacyLockSuffix = ".onboard-lock"
)

// BackupPath is where Apply keeps the previous version of the file at real
// (a symlink's target: the backup goes beside the file it copies).
func BackupPath(real string) string { return real + backupSuffix }

// lockWait is how long Apply waits for another writer in the same folder.
var lockWait = 30 * time.Second

// Result says what Apply did.
type Result struct {
	Path       string // the real file written (a symlink's target)
	BackupPath string // the previous version, "" if there was none or nothing changed
	Entries    []Entry
	// Existed: the file was there before. ModeBefore is its mode then, Mode
	// the mode read back from disk after the write (SecretMode; anything
	// else only when the person accepted a file system that does not keep
	// permissions). Both are 0 when nothing was written.
	Existed          bool
	ModeBefore, Mode fs.FileMode
}

// Written reports whether the file on disk changed.
func (r *Result) Written() bool { return r.Mode != 0 }

// Policy is what the person decided about a write.
type Policy struct {
	// Root is the project's root: a symlink leading outside it needs
	// consent. "" skips that judgement.
	Root string
	// Consent is the Target the person saw and accepted (nil: none). The
	// write goes ahead only if the target as found under the lock raises no
	// concern beyond it (see Target.Covers).
	Consent *Target
	// NoBackup writes no backup of the previous file (when git would not
	// ignore it, for one: a backup holds the old secrets).
	NoBackup bool
}

// Apply updates the .env at path: sets change in place or are added, removes
// are deleted, everything else stays byte for byte. See the package doc for
// the guarantees. It refuses a target that needs consent (see Inspect); use
// ApplyPolicy to give it.
func Apply(path string, sets []Set, removes []string) (*Result, error) {
	return ApplyPolicy(path, sets, removes, Policy{})
}

// ApplyPolicy is Apply with the person's decisions.
func ApplyPolicy(path string, sets []Set, removes []string, pol Policy) (*Result, error) {
	return update(path, sets, removes, writeOptions{secrets: true, backup: !pol.NoBackup, policy: pol})
}

// writeOptions differ between the .env and its committable example.
type writeOptions struct {
	// secrets: the file holds secrets, so it is written SecretMode
	// whatever its mode was, and only into a target that needs no consent
	// or has it. Otherwise a new file is 0644 and an existing one keeps its
	// mode.
	secrets bool
	backup  bool // keep the previous version next to the file
	policy  Policy
	// keep, if set, reduces the sets once the file has been read under the
	// lock (WriteExample leaves keys the example already has alone).
	keep func(d *Doc, sets []Set) []Set
}

func (o writeOptions) mode(d *Doc) fs.FileMode {
	switch {
	case o.secrets:
		return SecretMode
	case d.exists:
		return d.mode
	}
	return 0o644
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

	if opt.secrets {
		// Judged again under the lock: a link swapped since the person
		// said yes is not what they said yes to.
		t, err := Inspect(path, opt.policy.Root)
		if err != nil {
			return nil, err
		}
		if !opt.policy.Consent.Covers(t) || t.Real != target {
			return nil, needsConsent(t)
		}
	}
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
	res := &Result{Path: target, Entries: p.entries, Existed: d.exists, ModeBefore: d.mode}
	if !p.changed {
		return res, tighten(d, res, opt)
	}
	if err := write(d, p, res, opt); err != nil {
		return nil, err
	}
	return res, nil
}

func needsConsent(t *Target) error {
	what := "it changed since you confirmed writing to it"
	if len(t.Concerns) > 0 {
		what = t.Concerns[0].Text
	}
	return &FileError{Kind: ErrNeedsConsent, Path: t.Path, What: what + "; nothing was written",
		Do: "Point onboard at a private file inside the project (--env-file), or run the wizard and confirm writing there"}
}

// write puts the plan on disk: new content to a temp file, previous version
// to the backup, rename, then read back and compare; on a mismatch both the
// file and the backup are put back as they were.
func write(d *Doc, p *plan, res *Result, opt writeOptions) error {
	target := d.path
	mode := opt.mode(d)
	var like fs.FileInfo
	if d.exists {
		like, _ = os.Stat(target)
	}
	tmp, err := writeTemp(target, p.content, mode, like)
	if err != nil {
		return err
	}
	backup := BackupPath(target)
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
		if err := writeAtomic(backup, d.raw, SecretMode, like); err != nil {
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

	err = verifyOnDisk(target, p)
	if err == nil {
		res.Mode, err = modeOnDisk(target, mode, opt)
	}
	if err != nil {
		if d.exists {
			_ = writeAtomic(target, d.raw, d.mode, like)
		} else {
			_ = os.Remove(target)
		}
		restoreBackup()
		res.BackupPath = ""
		return err
	}
	return nil
}

// tighten makes an unchanged secrets file private: same bytes, so no
// rewrite and no backup, only the mode.
func tighten(d *Doc, res *Result, opt writeOptions) error {
	if !opt.secrets || !d.exists || d.mode == SecretMode {
		return nil
	}
	if err := os.Chmod(d.path, SecretMode); err != nil {
		return writeError(d.path, err)
	}
	m, err := modeOnDisk(d.path, SecretMode, opt)
	if err != nil {
		_ = os.Chmod(d.path, d.mode)
		return err
	}
	res.Mode = m
	return nil
}

// modeOnDisk reads the mode back: a secrets file that did not keep
// SecretMode is only left in place when the person accepted a file system
// that does not keep permissions.
func modeOnDisk(target string, want fs.FileMode, opt writeOptions) (fs.FileMode, error) {
	fi, err := os.Stat(target)
	if err != nil {
		return 0, readError(target, err)
	}
	got := fi.Mode().Perm()
	accepted := opt.policy.Consent != nil && slices.ContainsFunc(opt.policy.Consent.Concerns, func(c Concern) bool { return c.Kind == ModeNotKept })
	if opt.secrets && got != want && !accepted {
		return 0, &FileError{Kind: ErrNeedsConsent, Path: target,
			What: fmt.Sprintf("the file read back as mode %04o, not %04o, so the file system does not keep permissions; the previous version was put back", got, want),
			Do:   "Keep the .env on a disk that keeps Unix permissions, or run the wizard and confirm writing there anyway"}
	}
	return got, nil
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

// lockFile takes the lock that serializes writers of files in target's
// folder, and removes the lock file older versions left there.
func lockFile(target string) (func(), error) {
	ctx, cancel := context.WithTimeout(context.Background(), lockWait)
	defer cancel()
	unlock, err := lockDir(ctx, target, filepath.Dir(target))
	if err != nil {
		return nil, err
	}
	if fi, err := os.Lstat(target + legacyLockSuffix); err == nil && fi.Mode().IsRegular() && fi.Size() == 0 {
		_ = os.Remove(target + legacyLockSuffix)
	}
	return unlock, nil
}
