//go:build !unix

package envfile

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"time"

	"github.com/gofrs/flock"
)

// lockDir serializes writers of files in dir with a lock file in the
// system's temp folder, named after dir: never in the project, where git
// could pick it up.
func lockDir(ctx context.Context, target, dir string) (func(), error) {
	sum := sha256.Sum256([]byte(dir))
	l := flock.New(filepath.Join(os.TempDir(), "onboard-"+hex.EncodeToString(sum[:8])+".lock"), flock.SetPermissions(0o600))
	ok, err := l.TryLockContext(ctx, 20*time.Millisecond)
	if err != nil && !errors.Is(err, context.DeadlineExceeded) {
		return nil, writeError(target, err)
	}
	if !ok {
		return nil, errLocked(target)
	}
	return func() { _ = l.Unlock() }, nil
}
