package envfile

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func mode(t *testing.T, path string) os.FileMode {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Mode().Perm()
}

func TestNewFileMode0600(t *testing.T) {
	path := filepath.Join(t.TempDir(), ".env")
	if _, err := Apply(path, []Set{{Key: "A", Value: "1"}}, nil); err != nil {
		t.Fatal(err)
	}
	if got := mode(t, path); got != 0o600 {
		t.Errorf("new file mode %o, want 600", got)
	}
	// No lock file, nor anything else, beside the .env.
	if got := dirNames(t, filepath.Dir(path)); len(got) != 1 {
		t.Errorf("the folder holds %v, want only .env", got)
	}
}

// An existing file others can read gets its secrets only as mode 0600, and
// the result says what it was and what it is now, as read from disk.
func TestExistingLooseModeTightened(t *testing.T) {
	for _, before := range []os.FileMode{0o644, 0o666, 0o640, 0o604} {
		path := writeEnv(t, "A=1\n")
		if err := os.Chmod(path, before); err != nil {
			t.Fatal(err)
		}
		res, err := Apply(path, []Set{{Key: "A", Value: "2"}}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if got := mode(t, path); got != 0o600 {
			t.Errorf("%o: mode %o after the write, want 600", before, got)
		}
		if res.ModeBefore != before || res.Mode != 0o600 {
			t.Errorf("%o: result says %o → %o", before, res.ModeBefore, res.Mode)
		}
		if got := mode(t, path+backupSuffix); got != 0o600 {
			t.Errorf("backup mode %o, want 600", got)
		}
	}
}

// Tightening alone (nothing to change in the content) is a chmod: the same
// bytes, no backup.
func TestUnchangedLooseFileOnlyTightened(t *testing.T) {
	path := writeEnv(t, "A=1\n")
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := Apply(path, []Set{{Key: "A", Value: "1"}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := mode(t, path); got != 0o600 || res.Mode != 0o600 || res.BackupPath != "" {
		t.Errorf("mode %o (result %o), backup %q; want 600 and no backup", got, res.Mode, res.BackupPath)
	}
	if readFile(t, path) != "A=1\n" {
		t.Error("content changed")
	}
}

func TestSymlinkUpdatedAtTarget(t *testing.T) {
	dir := t.TempDir()
	realDir := filepath.Join(dir, "secrets")
	if err := os.Mkdir(realDir, 0o700); err != nil {
		t.Fatal(err)
	}
	target := filepath.Join(realDir, "app.env")
	if err := os.WriteFile(target, []byte("# mine\nA=1\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, ".env")
	if err := os.Symlink("secrets/app.env", link); err != nil {
		t.Fatal(err)
	}
	res, err := Apply(link, []Set{{Key: "A", Value: "2"}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Fatal("the .env symlink was replaced by a regular file")
	}
	wantTarget, _ := filepath.EvalSymlinks(target)
	if res.Path != wantTarget {
		t.Errorf("Result.Path = %s, want the link target %s", res.Path, wantTarget)
	}
	if got := readFile(t, target); got != "# mine\nA=2\n" {
		t.Errorf("target not updated in place")
	}
	if res.BackupPath != wantTarget+backupSuffix {
		t.Errorf("backup at %s, want next to the target", res.BackupPath)
	}
}

func TestDanglingSymlinkRefused(t *testing.T) {
	dir := t.TempDir()
	link := filepath.Join(dir, ".env")
	if err := os.Symlink("missing.env", link); err != nil {
		t.Fatal(err)
	}
	if _, err := Apply(link, []Set{{Key: "A", Value: "1"}}, nil); !errors.Is(err, ErrDanglingSymlink) {
		t.Fatalf("want ErrDanglingSymlink, got %v", err)
	}
	if _, err := os.Lstat(filepath.Join(dir, "missing.env")); !os.IsNotExist(err) {
		t.Error("a file was created")
	}
}

func TestEnvIsDirectory(t *testing.T) {
	path := filepath.Join(t.TempDir(), ".env")
	if err := os.Mkdir(path, 0o700); err != nil {
		t.Fatal(err)
	}
	_, err := Apply(path, []Set{{Key: "A", Value: "1"}}, nil)
	if !errors.Is(err, ErrIsDirectory) || !strings.Contains(err.Error(), "folder") {
		t.Fatalf("want ErrIsDirectory, got %v", err)
	}
}

// Works as root too: the folder the .env should be in is a file.
func TestFolderIsAFile(t *testing.T) {
	dir := t.TempDir()
	notDir := filepath.Join(dir, "app")
	if err := os.WriteFile(notDir, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := Apply(filepath.Join(notDir, ".env"), []Set{{Key: "A", Value: "1"}}, nil)
	if !errors.Is(err, ErrNotWritable) {
		t.Fatalf("want ErrNotWritable, got %v", err)
	}
	if readFile(t, notDir) != "x" {
		t.Error("file changed")
	}
}

func TestMissingFolder(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nope", ".env")
	_, err := Apply(path, []Set{{Key: "A", Value: "1"}}, nil)
	if !errors.Is(err, ErrNotWritable) || !strings.Contains(err.Error(), "does not exist") {
		t.Fatalf("want ErrNotWritable saying the folder does not exist, got %v", err)
	}
}

func TestReadOnlyFolder(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root writes into read-only folders; TestFolderIsAFile covers a non-writable location as root")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, ".env")
	if err := os.WriteFile(path, []byte("A=1\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o500); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.Chmod(dir, 0o700) })
	_, err := Apply(path, []Set{{Key: "A", Value: "2"}}, nil)
	if !errors.Is(err, ErrNotWritable) {
		t.Fatalf("want ErrNotWritable, got %v", err)
	}
	if readFile(t, path) != "A=1\n" {
		t.Error("file changed")
	}
}

// swap replaces a package hook for one test.
func swap[T any](t *testing.T, p *T, v T) {
	old := *p
	*p = v
	t.Cleanup(func() { *p = old })
}

func TestDiskFullLeavesEverythingAsItWas(t *testing.T) {
	path := writeEnv(t, "A=1\n")
	if err := os.WriteFile(path+backupSuffix, []byte("older\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	swap(t, &writeHook, func(f *os.File, b []byte) (int, error) {
		n, _ := f.Write(b[:len(b)/2])
		return n, &os.PathError{Op: "write", Path: f.Name(), Err: syscall.ENOSPC}
	})
	_, err := Apply(path, []Set{{Key: "A", Value: "sk_test_secretvalue1234567"}}, nil)
	if !errors.Is(err, ErrDiskFull) || !errors.Is(err, syscall.ENOSPC) {
		t.Fatalf("want ErrDiskFull wrapping ENOSPC, got %v", err)
	}
	noValueIn(t, err, "sk_test_secretvalue1234567")
	if !strings.Contains(err.Error(), "Free some space") {
		t.Errorf("error does not say what to do: %v", err)
	}
	assertUntouched(t, path, "A=1\n", "older\n")
}

func TestFailedSyncLeavesEverythingAsItWas(t *testing.T) {
	path := writeEnv(t, "A=1\n")
	swap(t, &syncHook, func(*os.File) error { return &os.PathError{Op: "sync", Path: "x", Err: syscall.EIO} })
	if _, err := Apply(path, []Set{{Key: "A", Value: "2"}}, nil); !errors.Is(err, ErrNotWritable) {
		t.Fatalf("want ErrNotWritable, got %v", err)
	}
	assertUntouched(t, path, "A=1\n", "")
}

// If what is on disk after the rename is not what was planned, the old file
// and old backup come back.
func TestVerifyFailureRestores(t *testing.T) {
	path := writeEnv(t, "# keep\nA=1\n")
	if err := os.WriteFile(path+backupSuffix, []byte("older\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	swap(t, &beforeRenameHook, func(tmp string) {
		_ = os.WriteFile(tmp, []byte("A=corrupted\n"), 0o600)
	})
	_, err := Apply(path, []Set{{Key: "A", Value: "2"}}, nil)
	if !errors.Is(err, ErrVerify) {
		t.Fatalf("want ErrVerify, got %v", err)
	}
	assertUntouched(t, path, "# keep\nA=1\n", "older\n")
}

// assertUntouched checks the .env, its backup ("" = must not exist) and
// that no temp file is left.
func assertUntouched(t *testing.T, path, env, backup string) {
	t.Helper()
	if readFile(t, path) != env {
		t.Error("the .env changed")
	}
	b, err := os.ReadFile(path + backupSuffix)
	switch {
	case backup == "" && err == nil:
		t.Error("a backup appeared")
	case backup != "" && string(b) != backup:
		t.Error("the backup changed")
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	for _, e := range entries {
		if strings.Contains(e.Name(), tempMarker) {
			t.Errorf("temp file left: %s", e.Name())
		}
	}
}

func TestStaleTempFilesCleaned(t *testing.T) {
	path := writeEnv(t, "A=1\n")
	dir := filepath.Dir(path)
	stale := []string{".env.onboard-tmp-123", ".env.onboard-backup.onboard-tmp-9", ".env.backup.onboard-tmp-7", ".env.onboard-tmp-probe-5"}
	for _, n := range stale {
		if err := os.WriteFile(filepath.Join(dir, n), []byte("A=half"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	other := filepath.Join(dir, ".envrc.onboard-tmp-1")
	if err := os.WriteFile(other, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Apply(path, []Set{{Key: "B", Value: "2"}}, nil); err != nil {
		t.Fatal(err)
	}
	for _, n := range stale {
		if _, err := os.Stat(filepath.Join(dir, n)); !os.IsNotExist(err) {
			t.Errorf("%s not cleaned up", n)
		}
	}
	if _, err := os.Stat(other); err != nil {
		t.Error("a temp file of another file was removed")
	}
}

func TestLockedByAnotherWriter(t *testing.T) {
	path := writeEnv(t, "A=1\n")
	unlock, err := lockFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()
	swap(t, &lockWait, 50*time.Millisecond)
	if _, err := Apply(path, []Set{{Key: "A", Value: "2"}}, nil); !errors.Is(err, ErrLocked) {
		t.Fatalf("want ErrLocked, got %v", err)
	}
}
