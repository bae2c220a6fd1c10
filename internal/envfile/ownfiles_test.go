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

// A .env.example that is a link (it comes with the clone) is not written
// through: the file it leads to stays as it was.
func TestExampleThroughALinkIsRefused(t *testing.T) {
	dir := t.TempDir()
	victim := filepath.Join(t.TempDir(), ".env")
	if err := os.WriteFile(victim, []byte("OTHER=1\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	example := filepath.Join(dir, ".env.example")
	if err := os.Symlink(victim, example); err != nil {
		t.Fatal(err)
	}
	if err := WriteExample(example, []Set{{Key: "STRIPE_SECRET_KEY", Value: "sk_test_x", Secret: true}}); !errors.Is(err, ErrNotRegular) {
		t.Fatalf("WriteExample through a link: %v, want ErrNotRegular", err)
	}
	if b, _ := os.ReadFile(victim); string(b) != "OTHER=1\n" {
		t.Errorf("the file behind the link changed: %q", b)
	}
}
