//go:build unix

package envfile

import (
	"io/fs"
	"os"
	"syscall"
)

// keepOwner gives the new file the owner of the one it replaces, so running
// onboard with sudo does not leave a root-owned .env. Only root may do this;
// for everyone else the file already has the right owner, so errors are
// ignored.
func keepOwner(f *os.File, like fs.FileInfo) {
	if st, ok := like.Sys().(*syscall.Stat_t); ok && os.Geteuid() == 0 {
		_ = f.Chown(int(st.Uid), int(st.Gid))
	}
}
