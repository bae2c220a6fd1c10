package envfile

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// A project file a clone brings is read only when it is a regular file of
// reasonable size: a FIFO would block the read forever, a link to
// /dev/zero would never end.
func TestReadProjectFileRefusesWhatIsNotAPlainFile(t *testing.T) {
	dir := t.TempDir()
	plain := filepath.Join(dir, "onboard.json")
	if err := os.WriteFile(plain, []byte(`{"version":1}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if b, err := ReadProjectFile(plain); err != nil || string(b) != `{"version":1}` {
		t.Fatalf("plain file: %q, %v", b, err)
	}
	if b, err := ReadProjectFile(filepath.Join(dir, "missing.json")); b != nil || err != nil {
		t.Errorf("missing: %q, %v", b, err)
	}
	zero := filepath.Join(dir, "package.json")
	if err := os.Symlink("/dev/zero", zero); err != nil {
		t.Fatal(err)
	}
	fifo := filepath.Join(dir, "fifo.json")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	big := filepath.Join(dir, "big.json")
	if err := os.WriteFile(big, make([]byte, MaxProjectFile+1), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{zero, fifo, big} {
		done := make(chan error, 1)
		go func() { _, err := ReadProjectFile(p); done <- err }()
		select {
		case err := <-done:
			if err == nil {
				t.Errorf("%s was read", filepath.Base(p))
			}
			if p != big && !errors.Is(err, ErrNotRegular) {
				t.Errorf("%s: %v, want ErrNotRegular", filepath.Base(p), err)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("%s: the read blocked", filepath.Base(p))
		}
	}
}
