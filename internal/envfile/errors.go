package envfile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"syscall"
)

// Sentinel kinds; test with errors.Is. Every error this package returns wraps
// exactly one of them, names the file or key concerned, says what to do, and
// never contains a value from the file or from a Set.
var (
	ErrUnreadable       = errors.New("file cannot be read")
	ErrIsDirectory      = errors.New("path is a directory")
	ErrNotRegular       = errors.New("path is not a regular file")
	ErrParse            = errors.New("file cannot be parsed")
	ErrNotWritable      = errors.New("folder is not writable")
	ErrDiskFull         = errors.New("disk is full")
	ErrUnsafeValue      = errors.New("value cannot be written safely")
	ErrInvalidKey       = errors.New("invalid variable name")
	ErrInvalidInput     = errors.New("invalid update")
	ErrWouldChangeOther = errors.New("update would change another variable")
	ErrLocked           = errors.New("file is locked by another writer")
	ErrVerify           = errors.New("written file did not read back as intended")
	ErrDanglingSymlink  = errors.New("symlink points to a missing file")
	ErrNeedsConsent     = errors.New("the file needs consent before secrets go into it")
	ErrMountPoint       = errors.New("file is a mount point")
)

// FileError is a problem with a file on disk.
type FileError struct {
	Kind error  // one of the sentinels above
	Path string // the file concerned
	What string // what happened, in plain words
	Do   string // what to do about it
	Err  error  // the underlying OS error, if any (never holds file content)
}

func (e *FileError) Error() string {
	msg := e.Path + ": " + e.What
	if e.Err != nil {
		msg += " (" + causeText(e.Err) + ")"
	}
	if e.Do != "" {
		msg += ". " + e.Do
	}
	return msg
}

// Unwrap exposes both the kind and the OS cause to errors.Is / errors.As.
func (e *FileError) Unwrap() []error {
	if e.Err == nil {
		return []error{e.Kind}
	}
	return []error{e.Kind, e.Err}
}

// causeText keeps only the OS reason ("permission denied"), since the path
// is already at the front of the message.
func causeText(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err.Error()
	}
	return err.Error()
}

// ParseError is a statement godotenv cannot read. Reason is written by this
// package; godotenv's own messages quote the file and are never passed on.
type ParseError struct {
	Path   string
	Line   int
	Reason string
}

func (e *ParseError) Error() string {
	return fmt.Sprintf("%s:%d: %s. Fix that line in an editor (dotenv loaders cannot read the file as it is), then run again", e.Path, e.Line, e.Reason)
}

func (e *ParseError) Unwrap() error { return ErrParse }

// KeyError is a problem with one requested update; it names the key, never
// the value.
type KeyError struct {
	Kind   error
	Key    string
	Reason string
	Do     string
}

func (e *KeyError) Error() string {
	msg := e.Key + ": " + e.Reason
	if e.Do != "" {
		msg += ". " + e.Do
	}
	return msg
}

func (e *KeyError) Unwrap() error { return e.Kind }

// writeError classifies an error from creating, writing or renaming a file.
func writeError(path string, err error) error {
	switch {
	case errors.Is(err, syscall.EBUSY):
		return &FileError{Kind: ErrMountPoint, Path: path, Err: err,
			What: "it is a mount point (a file bind-mounted into a container, say), and a mounted file cannot be replaced; nothing was changed",
			Do:   "Run onboard where the file really lives (on the host), or mount its folder instead of the single file"}
	case errors.Is(err, syscall.ENOSPC), errors.Is(err, syscall.EDQUOT):
		return &FileError{Kind: ErrDiskFull, Path: path, Err: err,
			What: "the disk (or your quota) is full, so the file could not be written; nothing was changed",
			Do:   "Free some space, then run again"}
	case errors.Is(err, fs.ErrNotExist):
		return &FileError{Kind: ErrNotWritable, Path: path, Err: err,
			What: "its folder does not exist; nothing was changed",
			Do:   "Create the folder first, or choose another location"}
	case errors.Is(err, fs.ErrPermission), errors.Is(err, syscall.EROFS), errors.Is(err, syscall.ENOTDIR):
		return &FileError{Kind: ErrNotWritable, Path: path, Err: err,
			What: "its folder cannot be written to; nothing was changed",
			Do:   "Check that the folder exists and that you may write to it (ls -ld), or choose another location"}
	default:
		return &FileError{Kind: ErrNotWritable, Path: path, Err: err,
			What: "the file could not be written; nothing was changed",
			Do:   "Check the folder's permissions and free space, then run again"}
	}
}

var errNotDir = syscall.ENOTDIR

func errLocked(path string) error {
	return &FileError{Kind: ErrLocked, Path: path,
		What: "another onboard is writing a file in this folder and did not finish in time",
		Do:   "Wait for it to finish (or stop it), then run again"}
}
