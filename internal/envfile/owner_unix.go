//go:build unix

package envfile

import (
	"io/fs"
	"os"
	"os/user"
	"strconv"
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

// currentUID is the effective user id; tests pose as another user.
var currentUID = os.Geteuid

// foreignOwner names the owner of fi when it is neither the current user
// nor something root is writing ("" otherwise): replacing that file would
// hand it to the current user, and its owner could no longer read it.
func foreignOwner(fi fs.FileInfo) string {
	st, ok := fi.Sys().(*syscall.Stat_t)
	euid := currentUID()
	if !ok || euid == 0 || int(st.Uid) == euid {
		return ""
	}
	id := strconv.FormatUint(uint64(st.Uid), 10)
	if u, err := user.LookupId(id); err == nil && u.Username != "" {
		return u.Username
	}
	return "uid " + id
}
