//go:build !unix

package envfile

import (
	"io/fs"
	"os"
)

// keepOwner: file ownership is not carried over on this system.
func keepOwner(*os.File, fs.FileInfo) {}

// foreignOwner: ownership is not judged on this system.
func foreignOwner(fs.FileInfo) string { return "" }
