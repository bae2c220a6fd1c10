package scan

import (
	"bufio"
	"bytes"
	"context"
	"encoding/hex"
	"errors"
	"io"
	"strconv"
	"strings"
)

// place is where a key was introduced: a path, the first commit that
// added a version of that path holding the key, and the line in it.
type place struct {
	fp, path string
	kind     Kind
	env      int
	masked   string
	line     int
	binary   bool
	commit   string // full hash
	date     int64  // author date, Unix seconds
	reflog   bool   // reachable only from a reflog, not from any ref
	ref      string // no commit: a ref points at the blob or a tree holding it
}

type placeKey struct{ fp, path string }

// logArgs is the history walk: for every commit `git log --raw` lists the
// blob ids of the paths it changed (a merge against its first parent, so a
// key typed while resolving a conflict counts as the merge's own). Only
// blob ids are listed, never contents, so the walk costs the same however
// many keys there are.
func logArgs(revs ...string) []string {
	return append([]string{"log", "--raw", "-z", "--no-abbrev", "--no-renames", "--no-ext-diff", "--no-textconv",
		"--diff-merges=first-parent", "--root", "--format=%x01%H %at"}, revs...)
}

// logIndex is the history walk, kept compactly while the blobs are being
// read: every (blob, commit, path) the walk listed.
type logIndex struct {
	commits []commitRef
	paths   []string
	// entries in chunks of entryChunk, so that growing the index never
	// copies it (a doubling slice would hold up to twice its size).
	entries  [][]logEntry
	count    int
	overflow bool // too many entries to keep: walk again instead (attribute)
}

const entryChunk = 1 << 14

// oid is a binary SHA-1 object id. A SHA-256 repository (64 hex digits)
// is not indexed: it takes the second, streaming walk (attribute).
type oid [20]byte

type commitRef struct {
	hash oid
	date int64
}

type logEntry struct {
	blob   oid
	commit int32
	path   int32
}

// maxEntries bounds the index (28 bytes each, plus 28 per commit): a
// history larger than that is walked a second time, once the keys are
// known, instead. A variable for the test of that path.
var maxEntries = 1 << 21

// parseOID decodes a 40-digit hex id.
func parseOID(h []byte) (oid, bool) {
	var id oid
	if len(h) != 2*len(id) {
		return id, false
	}
	_, err := hex.Decode(id[:], h)
	return id, err == nil
}

// collectLog runs the walk over revs and keeps it as a logIndex.
func (r *repo) collectLog(ctx context.Context, revs ...string) (*logIndex, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	args := logArgs(revs...)
	cmd := r.command(ctx, args...)
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	var errOut bytes.Buffer
	cmd.Stderr = &limitedBuffer{buf: &errOut, max: 4096}
	if err := cmd.Start(); err != nil {
		return nil, r.failure(ctx, err, "", args)
	}
	idx := &logIndex{}
	pathID := map[string]int32{}
	lastCommit := ""
	errFull := errors.New("index full")
	perr := parseRawLog(out, func(commit string, date int64, blob, path []byte) error {
		if commit != lastCommit {
			h, ok := parseOID([]byte(commit))
			if !ok {
				return errFull
			}
			idx.commits = append(idx.commits, commitRef{h, date})
			lastCommit = commit
		}
		b, ok := parseOID(blob)
		if !ok || idx.count >= maxEntries {
			return errFull
		}
		id, ok := pathID[string(path)]
		if !ok {
			id = int32(len(idx.paths))
			p := string(path)
			idx.paths = append(idx.paths, p)
			pathID[p] = id
		}
		if n := len(idx.entries); n == 0 || len(idx.entries[n-1]) == entryChunk {
			idx.entries = append(idx.entries, make([]logEntry, 0, entryChunk))
		}
		last := &idx.entries[len(idx.entries)-1]
		*last = append(*last, logEntry{blob: b, commit: int32(len(idx.commits) - 1), path: id})
		idx.count++
		return nil
	})
	if perr != nil {
		cancel()
	}
	werr := cmd.Wait()
	switch {
	case errors.Is(perr, errFull):
		return &logIndex{overflow: true}, nil
	case perr != nil:
		return nil, perr
	case werr != nil:
		return nil, r.failure(ctx, werr, errOut.String(), args)
	}
	return idx, nil
}

// apply attributes the blobs that hold keys using the index.
func (idx *logIndex) apply(blobs map[string]*blobResult, places map[placeKey]*place) {
	byID := make(map[oid]*blobResult, len(blobs))
	for h, b := range blobs {
		if id, ok := parseOID([]byte(h)); ok {
			byID[id] = b
		}
	}
	for _, chunk := range idx.entries {
		for _, e := range chunk {
			if b := byID[e.blob]; b != nil {
				c := idx.commits[e.commit]
				b.place(places, hex.EncodeToString(c.hash[:]), c.date, idx.paths[e.path], false)
			}
		}
	}
}

// place records that commit put blob b at path: for each key in b, the
// oldest such commit (by author date) is the one reported.
func (b *blobResult) place(places map[placeKey]*place, commit string, date int64, path string, reflog bool) {
	b.seen = true
	for _, m := range b.matches {
		k := placeKey{m.fp, path}
		p := places[k]
		if p == nil {
			p = &place{fp: m.fp, path: path, kind: m.kind, env: m.env, masked: m.masked}
			places[k] = p
		}
		if m.env >= 0 {
			p.env = m.env
		}
		// git log lists newer commits first, so on equal dates the later
		// entry is the older commit.
		if p.commit == "" || date <= p.date {
			p.commit, p.date, p.line, p.binary, p.reflog = commit, date, m.line, b.binary, reflog
		}
	}
}

// attribute walks revs once more, streaming, for blobs the index could not
// place: the reflog's commits, or a history too large to index.
func (r *repo) attribute(ctx context.Context, blobs map[string]*blobResult, places map[placeKey]*place, reflog bool, revs ...string) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	args := logArgs(revs...)
	cmd := r.command(ctx, args...)
	out, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	var errOut bytes.Buffer
	cmd.Stderr = &limitedBuffer{buf: &errOut, max: 4096}
	if err := cmd.Start(); err != nil {
		return r.failure(ctx, err, "", args)
	}
	perr := parseRawLog(out, func(commit string, date int64, blob, path []byte) error {
		if b := blobs[string(blob)]; b != nil {
			b.place(places, commit, date, string(path), reflog)
		}
		return nil
	})
	if perr != nil {
		cancel()
	}
	werr := cmd.Wait()
	if perr != nil {
		return perr
	}
	if werr != nil {
		return r.failure(ctx, werr, errOut.String(), args)
	}
	return nil
}

// placeBlobs finds where each blob that holds a key was committed: from
// the walk's index (or, for a history too large to index, a second walk),
// then from the commits only a reflog reaches, then from refs that point
// at a blob or a tree themselves. What is left unplaced is unreachable.
func (r *repo) placeBlobs(ctx context.Context, lg logResult, blobs map[string]*blobResult, places map[placeKey]*place) error {
	if lg.err != nil {
		return lg.err
	}
	if lg.idx.overflow {
		if err := r.attribute(ctx, blobs, places, false, "--all"); err != nil {
			return err
		}
	} else {
		lg.idx.apply(blobs, places)
	}
	if unseen(blobs) > 0 {
		if err := r.attribute(ctx, blobs, places, true, "--reflog", "--not", "--all"); err != nil {
			return err
		}
	}
	if unseen(blobs) > 0 {
		return r.refObjects(ctx, blobs, places)
	}
	return nil
}

// refObjects places blobs that refs point at without a commit: a tag (or
// any ref) naming a blob, or a tree, directly or through an annotated tag.
// git pushes them with the ref, so they are as public as a commit.
func (r *repo) refObjects(ctx context.Context, blobs map[string]*blobResult, places map[placeKey]*place) error {
	out, err := r.output(ctx, "for-each-ref", "--format=%(objecttype) %(objectname) %(*objecttype) %(*objectname) %(refname)")
	if err != nil {
		return err
	}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		typ, oid, ref, ok := refTarget(line)
		switch {
		case !ok:
		case typ == "blob":
			if b := blobs[oid]; b != nil {
				b.placeRef(places, ref, ref)
			}
		case typ == "tree":
			if err := r.placeTreeRef(ctx, blobs, places, ref, oid); err != nil {
				return err
			}
		}
	}
	return nil
}

// refTarget reads one line of refObjects' for-each-ref: the type and id of
// what the ref points at (for an annotated tag, of what the tag points at)
// and the ref's name.
func refTarget(line string) (typ, oid, ref string, ok bool) {
	f := strings.SplitN(line, " ", 5)
	if len(f) != 5 {
		return "", "", "", false
	}
	typ, oid, ref = f[0], f[1], f[4]
	if typ == "tag" && f[2] != "" {
		typ, oid = f[2], f[3]
	}
	return typ, oid, ref, true
}

// placeTreeRef places the blobs of a tree that ref points at, each at
// "REF:path".
func (r *repo) placeTreeRef(ctx context.Context, blobs map[string]*blobResult, places map[placeKey]*place, ref, tree string) error {
	out, err := r.output(ctx, "ls-tree", "-r", "-z", tree)
	if err != nil {
		return err
	}
	for _, rec := range bytes.Split(out, []byte{0}) {
		// "<mode> <type> <blob>\t<path>"
		tab := bytes.IndexByte(rec, '\t')
		if tab < 0 {
			continue
		}
		if fs := bytes.Fields(rec[:tab]); len(fs) == 3 {
			if b := blobs[string(fs[2])]; b != nil {
				b.placeRef(places, ref, ref+":"+string(rec[tab+1:]))
			}
		}
	}
	return nil
}

// placeRef records that ref holds blob b at path, with no commit.
func (b *blobResult) placeRef(places map[placeKey]*place, ref, path string) {
	if b.seen {
		return
	}
	b.seen = true
	for _, m := range b.matches {
		k := placeKey{m.fp, path}
		if places[k] == nil {
			places[k] = &place{fp: m.fp, path: path, kind: m.kind, env: m.env, masked: m.masked, line: m.line, binary: b.binary, ref: ref}
		}
	}
}

// splitSpaces splits b at single spaces into out without allocating and
// returns how many fields it found (at most len(out); the last takes the
// rest).
func splitSpaces(b []byte, out [][]byte) int {
	n := 0
	for n < len(out)-1 {
		i := bytes.IndexByte(b, ' ')
		if i < 0 {
			break
		}
		out[n], b, n = b[:i], b[i+1:], n+1
	}
	out[n] = b
	return n + 1
}

// parseRawLog reads `git log --raw -z --format=%x01%H %at` and calls fn for
// every path a commit added or changed, with the blob it now has.
func parseRawLog(r io.Reader, fn func(commit string, date int64, blob, path []byte) error) error {
	in := bufio.NewReaderSize(r, 256<<10)
	var commit string
	var date int64
	var blob []byte // the new blob of the raw entry whose path comes next
	for {
		tok, err := in.ReadSlice(0)
		if errors.Is(err, bufio.ErrBufferFull) {
			// A path longer than the buffer: read it whole.
			rest, err2 := in.ReadBytes(0)
			tok = append(append([]byte(nil), tok...), rest...)
			err = err2
		}
		if len(tok) > 0 && tok[len(tok)-1] == 0 {
			tok = tok[:len(tok)-1]
		}
		tok = bytes.TrimLeft(tok, "\n")
		switch {
		case len(tok) == 0:
		case tok[0] == 1:
			f := bytes.Fields(tok[1:])
			if len(f) == 2 {
				commit = string(f[0])
				date, _ = strconv.ParseInt(string(f[1]), 10, 64)
			}
			blob = blob[:0]
		case tok[0] == ':':
			// :old-mode new-mode old-blob new-blob status (one per change:
			// split by hand, this runs for every path of every commit)
			var f [5][]byte
			n := splitSpaces(tok[1:], f[:])
			blob = blob[:0]
			if n == 5 && len(f[4]) > 0 && f[4][0] != 'D' && !bytes.Equal(f[1], []byte("160000")) {
				blob = append(blob, f[3]...)
			}
		default:
			if len(blob) > 0 {
				if ferr := fn(commit, date, blob, tok); ferr != nil {
					return ferr
				}
			}
			blob = blob[:0]
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}
