//go:build unix

package envfile

import (
	"context"
	"errors"
	"os"
	"time"

	"golang.org/x/sys/unix"
)

// lockDir takes an exclusive lock on the folder that holds target, so two
// writers of files in it are serialized. The lock lives on the folder
// itself (flock on its descriptor): no lock file is created, so there is
// nothing for git to pick up and nothing to leave behind, and a lock taken
// by `sudo onboard` ends with that process instead of staying as a
// root-owned file that later runs cannot open.
func lockDir(ctx context.Context, target, dir string) (func(), error) {
	f, err := os.Open(dir)
	if err != nil {
		return nil, writeError(target, err)
	}
	for {
		err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB)
		if err == nil {
			return func() {
				_ = unix.Flock(int(f.Fd()), unix.LOCK_UN)
				_ = f.Close()
			}, nil
		}
		if !errors.Is(err, unix.EWOULDBLOCK) && !errors.Is(err, unix.EINTR) {
			_ = f.Close()
			return nil, writeError(target, err)
		}
		select {
		case <-ctx.Done():
			_ = f.Close()
			return nil, errLocked(target)
		case <-time.After(20 * time.Millisecond):
		}
	}
}
