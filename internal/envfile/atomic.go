package envfile

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Test hooks. Tests swap them to inject failures at exact points; the
// defaults are the real operations.
var (
	writeHook        = func(f *os.File, b []byte) (int, error) { return f.Write(b) }
	syncHook         = func(f *os.File) error { return f.Sync() }
	beforeRenameHook = func(tmpPath string) {}
)

// tempMarker is in the name of every temp file this package creates, as
// "<name>.onboard-tmp-<random>", so ".env.*" ignore rules cover them and a
// later run can find and delete what a crashed run left behind.
const tempMarker = ".onboard-tmp-"

// writeTemp writes content to a new temp file next to target, flushed to
// disk, with mode and (best effort) the owner of like. The caller renames or
// removes it.
func writeTemp(target string, content []byte, mode fs.FileMode, like fs.FileInfo) (string, error) {
	dir, base := filepath.Split(target)
	f, err := os.CreateTemp(dir, base+tempMarker+"*")
	if err != nil {
		return "", writeError(target, err)
	}
	tmp := f.Name()
	fail := func(err error) (string, error) {
		_ = f.Close()
		_ = os.Remove(tmp)
		return "", writeError(target, err)
	}
	if _, err := writeHook(f, content); err != nil {
		return fail(err)
	}
	if err := f.Chmod(mode); err != nil {
		return fail(err)
	}
	if like != nil {
		keepOwner(f, like)
	}
	if err := syncHook(f); err != nil {
		return fail(err)
	}
	if err := f.Close(); err != nil {
		_ = os.Remove(tmp)
		return "", writeError(target, err)
	}
	return tmp, nil
}

// writeAtomic replaces target with content: temp file, fsync, rename, fsync
// of the folder. Readers see the old file or the new one, never a mix.
func writeAtomic(target string, content []byte, mode fs.FileMode, like fs.FileInfo) error {
	tmp, err := writeTemp(target, content, mode, like)
	if err != nil {
		return err
	}
	if err := os.Rename(tmp, target); err != nil {
		_ = os.Remove(tmp)
		return writeError(target, err)
	}
	syncDir(filepath.Dir(target))
	return nil
}

// syncDir makes a rename durable. Errors are ignored: the rename has
// already happened, and some systems cannot sync a folder.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		_ = d.Close()
	}
}

// removeStaleTemps deletes temp files a crashed run left next to target.
// Called with the lock held, so no live writer owns them.
func removeStaleTemps(target string) {
	dir, base := filepath.Split(target)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		name := e.Name()
		// ".backup" was the backup's name in earlier versions.
		if strings.HasPrefix(name, base+tempMarker) || strings.HasPrefix(name, base+backupSuffix+tempMarker) || strings.HasPrefix(name, base+".backup"+tempMarker) {
			_ = os.Remove(filepath.Join(dir, name))
		}
	}
}
