package envfile

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// A .env.backup of the user's own is never touched: onboard's backup has a
// name of its own (BackupPath), which the result names.
func TestUsersOwnBackupIsLeftAlone(t *testing.T) {
	path := writeEnv(t, "A=1\n")
	theirs := filepath.Join(filepath.Dir(path), ".env.backup")
	if err := os.WriteFile(theirs, []byte("MINE=keep\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	res, err := Apply(path, []Set{{Key: "A", Value: "2", Secret: true}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(theirs); string(b) != "MINE=keep\n" {
		t.Errorf("the user's .env.backup changed: %q", b)
	}
	if res.BackupPath != BackupPath(path) || res.BackupPath == theirs {
		t.Errorf("backup at %q, want %q", res.BackupPath, BackupPath(path))
	}
}

// A bind-mounted .env (Docker) cannot be renamed over: EBUSY is said as a
// mount point, with what to do, not as a permissions problem.
func TestMountPointIsNamed(t *testing.T) {
	err := writeError("/app/.env", &os.LinkError{Op: "rename", Old: "/app/.env.tmp", New: "/app/.env", Err: syscall.EBUSY})
	var fe *FileError
	if !errors.As(err, &fe) || !errors.Is(err, ErrMountPoint) || errors.Is(err, ErrNotWritable) {
		t.Fatalf("%v: want ErrMountPoint", err)
	}
	if fe.Do == "" || !strings.Contains(fe.What, "mount point") {
		t.Errorf("message %q / %q", fe.What, fe.Do)
	}
}
