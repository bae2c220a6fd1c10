package envfile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// MaxProjectFile bounds what ReadProjectFile reads: onboard.json,
// package.json and a readiness report are a few kilobytes.
const MaxProjectFile = 1 << 20

// ReadProjectFile reads a small file that came with the project (a clone
// brings onboard.json and package.json). It must be a regular file (a FIFO
// would block the read forever, a link to /dev/zero would never end) of at
// most MaxProjectFile bytes. A missing file is (nil, nil).
func ReadProjectFile(path string) ([]byte, error) {
	fi, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, nil
	case err != nil:
		return nil, err
	case !fi.Mode().IsRegular():
		return nil, notRegularError(path)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if fi, err := f.Stat(); err != nil || !fi.Mode().IsRegular() {
		return nil, notRegularError(path) // swapped since the Stat
	}
	b, err := io.ReadAll(io.LimitReader(f, MaxProjectFile+1))
	if err == nil && len(b) > MaxProjectFile {
		return nil, fmt.Errorf("%s is larger than %d bytes, too large for a project file", path, MaxProjectFile)
	}
	return b, err
}
