package envfile

import (
	"bytes"
	"errors"
	"io/fs"
	"os"

	"github.com/joho/godotenv"
)

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// Doc is a parsed .env file that remembers its exact bytes.
type Doc struct {
	path   string
	exists bool
	mode   fs.FileMode
	bom    bool
	raw    []byte // the whole file as read
	body   []byte // file content after the BOM
	stmts  []stmt
	values map[string]string
	keys   []string
}

// Read parses the .env at path with godotenv's rules. A missing file is an
// empty Doc with Exists() == false and no error.
func Read(path string) (*Doc, error) { return read(path, true) }

func read(path string, crossCheck bool) (*Doc, error) {
	info, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		if _, lerr := os.Lstat(path); lerr == nil {
			return nil, &FileError{Kind: ErrDanglingSymlink, Path: path,
				What: "it is a symlink to a file that does not exist",
				Do:   "Create the file it points to, or remove the link, then run again"}
		}
		return &Doc{path: path, values: map[string]string{}}, nil
	}
	if err != nil {
		return nil, readError(path, err)
	}
	if info.IsDir() {
		return nil, isDirectoryError(path)
	}
	if !info.Mode().IsRegular() {
		return nil, notRegularError(path)
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, readError(path, err)
	}
	return parseDoc(path, raw, info.Mode().Perm(), crossCheck)
}

func readError(path string, err error) error {
	return &FileError{Kind: ErrUnreadable, Path: path, Err: err,
		What: "the file cannot be read",
		Do:   "Check its permissions (ls -l) and that you own it, then run again"}
}

// parseDoc parses content and checks that godotenv itself agrees with the
// statement scanner.
//
// Apply and Diff skip the cross-check (crossCheck false): they prove the
// whole new file with godotenv instead, which catches any disagreement, and
// a 10,000-line file must update in milliseconds.
func parseDoc(path string, raw []byte, mode fs.FileMode, crossCheck bool) (*Doc, error) {
	d := &Doc{path: path, exists: true, mode: mode}
	d.raw, d.body = raw, raw
	if bytes.HasPrefix(raw, utf8BOM) {
		// godotenv v1.5.1 would read the BOM as part of the first name; the
		// BOM is ignored for parsing and not written back (see Doc.apply).
		d.bom = true
		d.body = raw[len(utf8BOM):]
	}
	stmts, values, serr := safeScan(d.body)
	if serr != nil {
		return nil, &ParseError{Path: path, Line: bytes.Count(normalizedPrefix(d.body, serr.pos), []byte{'\n'}) + 1, Reason: serr.reason}
	}
	d.stmts, d.values = stmts, values
	if crossCheck {
		if err := d.crossCheck(); err != nil {
			return nil, err
		}
	}
	seen := map[string]bool{}
	for _, s := range stmts {
		if !seen[s.key] {
			seen[s.key] = true
			d.keys = append(d.keys, s.key)
		}
	}
	return d, nil
}

// crossCheck compares the scanner's reading with godotenv's own.
func (d *Doc) crossCheck() error {
	ref, err := godotenvParse(d.body)
	if err != nil || !sameMap(ref, d.values) {
		return &ParseError{Path: d.path, Line: 1, Reason: "the file uses a construct onboard cannot edit safely"}
	}
	return nil
}

// normalizedPrefix returns the text before normalized offset pos; only its
// line count matters, which CRLF normalization does not change.
func normalizedPrefix(body []byte, pos int) []byte {
	norm, _ := normalizeCRLF(body)
	if pos > len(norm) {
		pos = len(norm)
	}
	return norm[:pos]
}

// godotenvParse runs the real godotenv parser, turning a panic into an error.
func godotenvParse(b []byte) (m map[string]string, err error) {
	defer func() {
		if r := recover(); r != nil {
			m, err = nil, errors.New("godotenv panicked")
		}
	}()
	return godotenv.UnmarshalBytes(b)
}

func sameMap(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

// Exists reports whether the file was there when it was read.
func (d *Doc) Exists() bool { return d.exists }

// Lookup returns the value godotenv would load for key (the last occurrence
// wins, as in godotenv).
func (d *Doc) Lookup(key string) (string, bool) {
	v, ok := d.values[key]
	return v, ok
}

// Keys lists the variable names in the order they first appear.
func (d *Doc) Keys() []string { return append([]string(nil), d.keys...) }

// Path is the file the Doc was read from.
func (d *Doc) Path() string { return d.path }

// Mode is the file's permission bits as read (0 when it does not exist).
func (d *Doc) Mode() fs.FileMode { return d.mode }
