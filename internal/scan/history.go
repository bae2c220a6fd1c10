package scan

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
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
func (r *repo) scanObjects(ctx context.Context, d *detector) (map[string]*blobResult, objectStats, error) {
	var st objectStats
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	list := r.command(ctx, "cat-file", "--batch-all-objects", "--unordered", "--batch-check=%(objecttype) %(objectname)")
	listOut, err := list.StdoutPipe()
	if err != nil {
		return nil, st, err
	}
	var listErr bytes.Buffer
	list.Stderr = &limitedBuffer{buf: &listErr, max: 4096}
	batch := r.command(ctx, "cat-file", "--buffer", "--batch=%(objectname) %(objectsize)")
	batchIn, err := batch.StdinPipe()
	if err != nil {
		return nil, st, err
	}
	batchOut, err := batch.StdoutPipe()
	if err != nil {
		return nil, st, err
	}
	var batchErr bytes.Buffer
	batch.Stderr = &limitedBuffer{buf: &batchErr, max: 4096}
	if err := list.Start(); err != nil {
		return nil, st, r.failure(ctx, err, "", []string{"cat-file"})
	}
	if err := batch.Start(); err != nil {
		cancel()
		_ = list.Wait()
		return nil, st, r.failure(ctx, err, "", []string{"cat-file"})
	}

	// The feeder takes the whole listing first, so that the listing git
	// exits at once instead of waiting on the reader (it holds the pack
	// indexes: 20+ MiB in a large history); blob ids cost 41 bytes each
	// here. Then it passes them to the reader.
	var feedErr error
	fed := make(chan struct{})
	go func() {
		defer close(fed)
		defer batchIn.Close()
		var ids bytes.Buffer
		in := bufio.NewReaderSize(listOut, 64<<10)
		for {
			line, err := in.ReadSlice('\n')
			switch {
			case bytes.HasPrefix(line, []byte("blob ")):
				st.blobs++ // "blob <oid>\n": the id and its newline go on
				ids.Write(line[5:])
			case bytes.HasPrefix(line, []byte("commit ")):
				st.commits++
			}
			if err == io.EOF {
				break
			}
			if err != nil {
				feedErr = err
				return
			}
		}
		_, feedErr = batchIn.Write(ids.Bytes())
	}()

	// The workers scan what the reader hands them.
	jobs := make(chan job, 2*workers)
	founds := make([]map[string]*blobResult, workers)
	var wg sync.WaitGroup
	for i := range founds {
		founds[i] = map[string]*blobResult{}
		wg.Add(1)
		go func(found map[string]*blobResult, s *blobScanner) {
			defer wg.Done()
			for j := range jobs {
				if ms, binary := s.scanMem(*j.buf); len(ms) > 0 {
					found[string(j.oid[:j.oidLen])] = &blobResult{matches: append([]match(nil), ms...), binary: binary}
				}
				*j.buf = (*j.buf)[:0]
				bufPool.Put(j.buf)
			}
		}(founds[i], newBlobScanner(d.clone()))
	}
	big := map[string]*blobResult{}
	readErr := func() error {
		defer close(jobs)
		in := bufio.NewReaderSize(batchOut, 256<<10)
		large := newBlobScanner(d.clone())
		for {
			header, err := in.ReadSlice('\n')
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
			oid := j.oid[:j.oidLen]
			st.bytes += size
			if size > inMemory {
				ms, binary, err := large.scan(io.LimitReader(in, size), size)
				if err != nil {
					return err
				}
				if len(ms) > 0 {
					big[string(oid)] = &blobResult{matches: append([]match(nil), ms...), binary: binary}
				}
			} else {
				buf := bufPool.Get().(*[]byte)
				*buf = slices.Grow((*buf)[:0], int(size))[:size]
				if _, err := io.ReadFull(in, *buf); err != nil {
					return err
				}
				j.buf = buf
				select {
				case jobs <- j:
				case <-ctx.Done():
					return ctx.Err()
				}
			}
			if _, err := in.Discard(1); err != nil { // the newline after the content
				return err
			}
		}
	}()
	if readErr != nil {
		cancel()
	}
	wg.Wait()
	<-fed
	listWait, batchWait := list.Wait(), batch.Wait()
	switch {
	case ctx.Err() != nil && readErr == nil:
		return nil, st, ctx.Err() // the caller's context ended
	case listWait != nil:
		return nil, st, r.failure(ctx, listWait, listErr.String(), []string{"cat-file"})
	case batchWait != nil:
		return nil, st, r.failure(ctx, batchWait, batchErr.String(), []string{"cat-file"})
	case readErr != nil:
		return nil, st, fmt.Errorf("reading git's objects: %w", readErr)
	case feedErr != nil:
		return nil, st, fmt.Errorf("listing git's objects: %w", feedErr)
	}
	for _, f := range founds {
		for k, v := range f {
			big[k] = v
		}
	}
	return big, st, nil
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
