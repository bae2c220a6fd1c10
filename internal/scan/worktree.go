package scan

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// treeEntry is one file of HEAD's tree.
type treeEntry struct{ mode, blob string }

// headTree lists HEAD's files (path → blob) for the paths in want, and
// every submodule (gitlink) of HEAD.
func (r *repo) headTree(ctx context.Context, head string, want map[string]bool) (map[string]treeEntry, []string, error) {
	cmd := r.command(ctx, "ls-tree", "-r", "-z", "--full-tree", head)
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, nil, err
	}
	var errOut bytes.Buffer
	cmd.Stderr = &limitedBuffer{buf: &errOut, max: 4096}
	if err := cmd.Start(); err != nil {
		return nil, nil, r.failure(ctx, err, "", []string{"ls-tree"})
	}
	entries := map[string]treeEntry{}
	var submodules []string
	in := bufio.NewReaderSize(out, 64<<10)
	for {
		rec, rerr := in.ReadBytes(0)
		rec = bytes.TrimSuffix(rec, []byte{0})
		// "<mode> <type> <blob>\t<path>"
		if tab := bytes.IndexByte(rec, '\t'); tab > 0 {
			f := bytes.Fields(rec[:tab])
			path := string(rec[tab+1:])
			if len(f) == 3 {
				if string(f[1]) == "commit" {
					submodules = append(submodules, path)
				} else if want[path] {
					entries[path] = treeEntry{mode: string(f[0]), blob: string(f[2])}
				}
			}
		}
		if rerr != nil {
			break
		}
	}
	if err := cmd.Wait(); err != nil {
		return nil, nil, r.failure(ctx, err, errOut.String(), []string{"ls-tree"})
	}
	return entries, submodules, nil
}

// wtMatch is a key found in a file of the working tree.
type wtMatch struct {
	match
	path   string
	binary bool
}

// wtStats counts the working-tree files read.
type wtStats struct {
	files int
	bytes int64
}

// scanWorkTree reads the files git would commit with `git add .`: tracked
// ones as they are on disk now, and untracked ones that no ignore rule
// covers. Ignored files are skipped - git will not commit them - and so
// are symlinks (git records only the link text) and nested repositories
// or submodules (listed in nested).
func (r *repo) scanWorkTree(ctx context.Context, d *detector) (found []wtMatch, nested []string, st wtStats, err error) {
	cmd := r.command(ctx, "ls-files", "-z", "--cached", "--others", "--exclude-standard", "--deduplicate", "--full-name")
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, nil, st, err
	}
	var errOut bytes.Buffer
	cmd.Stderr = &limitedBuffer{buf: &errOut, max: 4096}
	if err := cmd.Start(); err != nil {
		return nil, nil, st, r.failure(ctx, err, "", []string{"ls-files"})
	}
	scanner := newBlobScanner(d)
	dirs := inTree{root: r.root, seen: map[string]bool{}}
	in := bufio.NewReaderSize(out, 64<<10)
	var scanErr error
	for scanErr == nil {
		rec, rerr := in.ReadBytes(0)
		if name := string(bytes.TrimSuffix(rec, []byte{0})); name != "" {
			if ctx.Err() != nil {
				scanErr = ctx.Err()
				break
			}
			local := filepath.FromSlash(name)
			if !filepath.IsLocal(strings.TrimSuffix(local, string(filepath.Separator))) || !dirs.plain(filepath.Dir(local)) {
				// A name that climbs out, or a folder on its way that is a
				// link now (elsewhere on this machine): not the project's.
				continue
			}
			ms, binary, isNested, n, ferr := scanFile(scanner, filepath.Join(r.root, local))
			switch {
			case ferr != nil:
				// A file that vanished or cannot be read is not worth
				// failing the whole scan for; it cannot be committed
				// either while unreadable.
			case isNested:
				nested = append(nested, strings.TrimSuffix(name, "/"))
			default:
				st.files++
				st.bytes += n
				for _, m := range ms {
					found = append(found, wtMatch{match: m, path: name, binary: binary})
				}
			}
		}
		if rerr != nil {
			break
		}
	}
	if scanErr != nil {
		_ = cmd.Process.Kill()
	}
	if err := cmd.Wait(); err != nil && scanErr == nil {
		return nil, nil, st, r.failure(ctx, err, errOut.String(), []string{"ls-files"})
	}
	return found, nested, st, scanErr
}

// scanFile scans one regular file without following symlinks.
func scanFile(s *blobScanner, path string) (ms []match, binary, nested bool, n int64, err error) {
	info, err := os.Lstat(path)
	if err != nil {
		return nil, false, false, 0, err
	}
	switch {
	case info.IsDir():
		return nil, false, true, 0, nil
	case !info.Mode().IsRegular():
		return nil, false, false, 0, nil
	}
	// No link followed and no wait on a FIFO, should the file be swapped
	// since the Lstat; the open file must be the one judged.
	f, err := openNoFollow(path)
	if err != nil {
		return nil, false, false, 0, err
	}
	defer f.Close()
	if fi, err := f.Stat(); err != nil || !fi.Mode().IsRegular() || !os.SameFile(fi, info) {
		return nil, false, false, 0, errors.New("the file changed while it was read")
	}
	// The size at open time bounds the read: a file that grows meanwhile
	// (a log being written) is read up to the size it had.
	size := info.Size()
	ms, binary, err = s.scan(io.LimitReader(f, size), size)
	if errors.Is(err, io.ErrUnexpectedEOF) {
		err = nil // it shrank while being read; what was there was scanned
	}
	return append([]match(nil), ms...), binary, false, size, err
}

// inTree tells whether a folder of the working tree is really inside it:
// no folder on the way from the root is a symlink. Answers are kept, as
// many files share folders.
type inTree struct {
	root string
	seen map[string]bool
}

func (t inTree) plain(rel string) bool {
	if rel == "." || rel == "" {
		return true
	}
	if ok, done := t.seen[rel]; done {
		return ok
	}
	fi, err := os.Lstat(filepath.Join(t.root, rel))
	ok := err == nil && fi.IsDir() && t.plain(filepath.Dir(rel))
	t.seen[rel] = ok
	return ok
}
