package readiness

import (
	"bytes"
	"errors"
	"fmt"
	"github.com/onboard-dev/onboard/internal/termsafe"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/onboard-dev/onboard/internal/providers"
)

// DefaultReportName is the report's file name next to the .env.
const DefaultReportName = "onboard-readiness.md"

// KeyIDs lists the providers' variables that are set, as the report shows
// them: fixed-choice settings in full, everything else masked.
func KeyIDs(ps []providers.Provider, values providers.Values) []KeyID {
	var ids []KeyID
	seen := map[string]bool{}
	for _, p := range ps {
		for _, f := range p.Fields() {
			v := providers.Normalize(values[f.Key])
			if v == "" || seen[f.Key] {
				continue
			}
			seen[f.Key] = true
			ids = append(ids, KeyID{Name: f.Key, Shown: providers.Reported(f, v)})
		}
	}
	return ids
}

// NotReportError is a report path that holds something other than a report
// onboard wrote: the .env, a .gitignore, a backup, a link, a folder. Nothing
// is written there.
type NotReportError struct {
	Path string
	What string // what is there instead, e.g. "it is a symbolic link"
}

func (e *NotReportError) Error() string {
	return fmt.Sprintf("%s is not a readiness report onboard wrote (%s), so it was left as it is", e.Path, e.What)
}

// Do says what to do about it.
func (e *NotReportError) Do() string {
	return "Move that file away, or write the report to another file (onboard check --production --report FILE)."
}

// reportHead is how much of a file is read to recognise a report: the title
// and the mark are in its first lines.
const reportHead = 4 << 10

// CheckReportPath says whether a report may be written to path: nothing is
// there yet, or a report onboard wrote earlier (a person may have ticked its
// boxes). Anything else, including a symbolic link wherever it points, is a
// *NotReportError. WriteReport applies it; callers may ask first, to refuse
// a bad path before doing any work.
func CheckReportPath(path string) error {
	fi, err := os.Lstat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return err
	case fi.Mode()&fs.ModeSymlink != 0:
		return &NotReportError{Path: path, What: "it is a symbolic link"}
	case fi.IsDir():
		return &NotReportError{Path: path, What: "it is a folder"}
	case !fi.Mode().IsRegular():
		return &NotReportError{Path: path, What: "it is not a regular file"}
	}
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	head, err := io.ReadAll(io.LimitReader(f, reportHead))
	if err != nil {
		return err
	}
	if !isReport(head) {
		return &NotReportError{Path: path, What: "it holds something else"}
	}
	return nil
}

// isReport: the file starts with the report's title and carries its mark.
// Edits by hand elsewhere (ticked boxes, CRLF line ends, a BOM) keep both.
func isReport(head []byte) bool {
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	first, _, _ := bytes.Cut(head, []byte("\n"))
	return string(bytes.TrimRight(first, "\r")) == reportTitle && bytes.Contains(head, []byte(reportMark))
}

// WriteReport renders r and replaces path atomically (a temp file in the
// same directory, then a rename), so an interrupted run never leaves half a
// report and loses the confirmations in it. It only ever replaces a report
// onboard wrote (CheckReportPath); the rename replaces a name, so it never
// writes through a link. The report holds no secret and is mode 0644.
func WriteReport(path string, r Report) error {
	if err := CheckReportPath(path); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".onboard-readiness-*.md")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // no-op after the rename
	// A report is read with cat and less too: nothing in it (a committed
	// file's name) may drive the terminal.
	if _, err := tmp.WriteString(termsafe.Plain(string(Render(r)))); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
