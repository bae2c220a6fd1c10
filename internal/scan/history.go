package scan

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"os/exec"
	"runtime"
	"slices"
	"sync"
)

// blobResult is what one blob holds.
type blobResult struct {
	matches []match
	binary  bool
	seen    bool // a commit reachable from a ref (or a reflog) holds it
}

// objectStats counts what the object scan read.
type objectStats struct {
	commits, blobs int
	bytes          int64
}

// workers is how many goroutines scan blob contents. One `git cat-file`
// reads the blobs (inflating a packed history is cheap next to scanning
// it, and a second reader would hold a second delta cache); the contents
// are handed to the workers, so scanning uses every core.
var workers = max(1, min(runtime.NumCPU(), 4))

// inMemory is the largest blob handed to a worker whole; larger ones are
// scanned by the reader itself, in windows, so memory stays bounded.
const inMemory = window

// job is one blob for a worker.
type job struct {
	oid    [64]byte // hex id (40 digits, or 64 for SHA-256)
	oidLen int
	buf    *[]byte // from bufPool; returned after the scan
}

var bufPool = sync.Pool{New: func() any { b := make([]byte, 0, 64<<10); return &b }}

// scanObjects reads every blob in the object store once, whatever number
// of commits and paths share it, and returns the blobs that hold a key
// (keyed by hex id).
//
// One `git cat-file --batch-check --batch-all-objects` lists the objects
// in pack order (no history walk, no diffs); the blobs among them are fed
// to one `git cat-file --batch`, whose output is read as it streams and
// scanned by the workers. Objects that no commit reaches (old stashes,
// amended commits, staged and dropped files) are read too; attribution
// sorts them out.
func (r *repo) scanObjects(parent context.Context, d *detector) (map[string]*blobResult, objectStats, error) {
	var st objectStats
	// ctx stops the gits when reading fails; the errors are judged by the
	// caller's parent, so our own stop is never reported as a cancel.
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	git, err := r.startCatFile(ctx, parent, cancel)
	if err != nil {
		return nil, st, err
	}

	var feedErr error
	fed := make(chan struct{})
	go func() {
		defer close(fed)
		st.commits, st.blobs, feedErr = feedBlobIDs(git.listOut, git.batchIn)
	}()
	pool := startWorkers(d)
	reader := &blobReader{in: bufio.NewReaderSize(git.batchOut, 256<<10), large: newBlobScanner(d.clone()),
		found: map[string]*blobResult{}, jobs: pool.jobs}
	readErr := reader.run(ctx)
	if readErr != nil {
		cancel()
	}
	pool.wait()
	<-fed
	st.bytes = reader.bytes
	if err := r.waitCatFile(parent, git, readErr, feedErr); err != nil {
		return nil, st, err
	}
	return pool.mergeInto(reader.found), st, nil
}

// catFile is the pair of gits scanObjects reads through: list names every
// object, batch prints the contents of the blobs it is given.
type catFile struct {
	list, batch       *exec.Cmd
	listOut, batchOut io.ReadCloser
	batchIn           io.WriteCloser
	listErr, batchErr bytes.Buffer
}

// startCatFile starts both gits under ctx. cancel ends ctx, which stops
// the list when the batch cannot start; failures are judged by parent.
func (r *repo) startCatFile(ctx, parent context.Context, cancel context.CancelFunc) (*catFile, error) {
	g := &catFile{
		list:  r.command(ctx, "cat-file", "--batch-all-objects", "--unordered", "--batch-check=%(objecttype) %(objectname)"),
		batch: r.command(ctx, "cat-file", "--buffer", "--batch=%(objectname) %(objectsize)"),
	}
	var err error
	if g.listOut, err = g.list.StdoutPipe(); err != nil {
		return nil, err
	}
	g.list.Stderr = &limitedBuffer{buf: &g.listErr, max: 4096}
	if g.batchIn, err = g.batch.StdinPipe(); err != nil {
		return nil, err
	}
	if g.batchOut, err = g.batch.StdoutPipe(); err != nil {
		return nil, err
	}
	g.batch.Stderr = &limitedBuffer{buf: &g.batchErr, max: 4096}
	if err := g.list.Start(); err != nil {
		return nil, r.failure(parent, err, "", []string{"cat-file"})
	}
	if err := g.batch.Start(); err != nil {
		cancel()
		_ = g.list.Wait()
		return nil, r.failure(parent, err, "", []string{"cat-file"})
	}
	return g, nil
}

// waitCatFile waits for both gits and returns what went wrong, the cause
// first: the caller's context ending, a git that said why it failed (a
// reader or feeder error is then only its echo, and the other git was only
// stopped by us), a git failing, the reader, the feeder.
func (r *repo) waitCatFile(ctx context.Context, g *catFile, readErr, feedErr error) error {
	listWait, batchWait := g.list.Wait(), g.batch.Wait()
	switch {
	case ctx.Err() != nil:
		return ctx.Err() // the caller's context ended
	case batchWait != nil && g.batchErr.Len() > 0:
		return r.failure(ctx, batchWait, g.batchErr.String(), []string{"cat-file"})
	case listWait != nil && g.listErr.Len() > 0:
		return r.failure(ctx, listWait, g.listErr.String(), []string{"cat-file"})
	case listWait != nil && readErr == nil:
		return r.failure(ctx, listWait, "", []string{"cat-file"})
	case batchWait != nil && readErr == nil:
		return r.failure(ctx, batchWait, "", []string{"cat-file"})
	case readErr != nil:
		return fmt.Errorf("reading git's objects: %w", readErr)
	case feedErr != nil:
		return fmt.Errorf("listing git's objects: %w", feedErr)
	}
	return nil
}

// feedBlobIDs counts the listing's commits and blobs and passes the blob
// ids to the batch, closing it at the end. It takes the whole listing
// first, so that the listing git exits at once instead of waiting on the
// reader (it holds the pack indexes: 20+ MiB in a large history); blob ids
// cost 41 bytes each here.
func feedBlobIDs(list io.Reader, batch io.WriteCloser) (commits, blobs int, err error) {
	defer batch.Close()
	var ids bytes.Buffer
	in := bufio.NewReaderSize(list, 64<<10)
	for {
		line, rerr := in.ReadSlice('\n')
		switch {
		case bytes.HasPrefix(line, []byte("blob ")):
			blobs++ // "blob <oid>\n": the id and its newline go on
			ids.Write(line[5:])
		case bytes.HasPrefix(line, []byte("commit ")):
			commits++
		}
		if rerr == io.EOF {
			break
		}
		if rerr != nil {
			return commits, blobs, rerr
		}
	}
	_, err = batch.Write(ids.Bytes())
	return commits, blobs, err
}

// workerPool scans the blobs the reader hands it, on every core. Each
// worker keeps what it finds in its own map, so they share nothing.
type workerPool struct {
	jobs   chan job
	founds []map[string]*blobResult
	wg     sync.WaitGroup
}

func startWorkers(d *detector) *workerPool {
	p := &workerPool{jobs: make(chan job, 2*workers), founds: make([]map[string]*blobResult, workers)}
	for i := range p.founds {
		p.founds[i] = map[string]*blobResult{}
		p.wg.Add(1)
		go p.work(p.founds[i], newBlobScanner(d.clone()))
	}
	return p
}

// work scans jobs until the reader closes them, and returns each buffer
// to bufPool.
func (p *workerPool) work(found map[string]*blobResult, s *blobScanner) {
	defer p.wg.Done()
	for j := range p.jobs {
		if ms, binary := s.scanMem(*j.buf); len(ms) > 0 {
			found[string(j.oid[:j.oidLen])] = &blobResult{matches: append([]match(nil), ms...), binary: binary}
		}
		*j.buf = (*j.buf)[:0]
		bufPool.Put(j.buf)
	}
}

// wait returns once every worker has finished (the reader closed jobs).
func (p *workerPool) wait() { p.wg.Wait() }

// mergeInto adds what the workers found to found and returns it.
func (p *workerPool) mergeInto(found map[string]*blobResult) map[string]*blobResult {
	for _, f := range p.founds {
		for k, v := range f {
			found[k] = v
		}
	}
	return found
}

// blobReader reads the batch git's output: "<oid> <size>\n", the content,
// "\n", for every blob. A blob up to inMemory goes to a worker whole; a
// larger one is scanned here, in windows, into found.
type blobReader struct {
	in    *bufio.Reader
	large *blobScanner
	found map[string]*blobResult
	jobs  chan<- job
	bytes int64 // content read
}

// run reads every blob, then closes jobs.
func (b *blobReader) run(ctx context.Context) error {
	defer close(b.jobs)
	for {
		header, err := b.in.ReadSlice('\n')
		if err == io.EOF && len(header) == 0 {
			return nil
		}
		if err != nil {
			return err
		}
		id, size, ok := parseHeader(header)
		if !ok || len(id) > 64 {
			continue // "<oid> missing": gone between the listing and now
		}
		// The header lives in the reader's buffer, which the content
		// read next overwrites: copy the id first.
		var j job
		j.oidLen = copy(j.oid[:], id)
		b.bytes += size
		if err := b.content(ctx, j, size); err != nil {
			return err
		}
	}
}

// content takes one blob's content, and the newline git puts after it.
func (b *blobReader) content(ctx context.Context, j job, size int64) error {
	var err error
	if size > inMemory {
		err = b.scanLarge(j, size)
	} else {
		err = b.handOff(ctx, j, size)
	}
	if err != nil {
		return err
	}
	_, err = b.in.Discard(1)
	return err
}

// scanLarge scans a blob too large to hold, as it streams past.
func (b *blobReader) scanLarge(j job, size int64) error {
	ms, binary, err := b.large.scan(io.LimitReader(b.in, size), size)
	if err != nil {
		return err
	}
	if len(ms) > 0 {
		b.found[string(j.oid[:j.oidLen])] = &blobResult{matches: append([]match(nil), ms...), binary: binary}
	}
	return nil
}

// handOff reads a blob into a pooled buffer and gives it to a worker.
func (b *blobReader) handOff(ctx context.Context, j job, size int64) error {
	buf := bufPool.Get().(*[]byte)
	*buf = slices.Grow((*buf)[:0], int(size))[:size]
	if _, err := io.ReadFull(b.in, *buf); err != nil {
		return err
	}
	j.buf = buf
	select {
	case b.jobs <- j:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// parseHeader reads "<oid> <size>\n".
func parseHeader(h []byte) ([]byte, int64, bool) {
	h = bytes.TrimRight(h, "\n")
	sp := bytes.IndexByte(h, ' ')
	if sp < 0 {
		return nil, 0, false
	}
	var size int64
	for _, c := range h[sp+1:] {
		if c < '0' || c > '9' {
			return nil, 0, false
		}
		size = size*10 + int64(c-'0')
	}
	return h[:sp], size, sp+1 < len(h)
}

// limitedBuffer keeps the first max bytes written to it: git's stderr,
// for the error message, without growing on a chatty failure.
type limitedBuffer struct {
	buf *bytes.Buffer
	max int
}

func (l *limitedBuffer) Write(p []byte) (int, error) {
	if room := l.max - l.buf.Len(); room > 0 {
		l.buf.Write(p[:min(len(p), room)])
	}
	return len(p), nil
}
