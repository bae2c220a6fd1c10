//go:build !unix

package scan

import "os"

// openNoFollow opens path for reading; the Lstat before it and the Stat
// after it judge what was opened.
func openNoFollow(path string) (*os.File, error) { return os.Open(path) }
