package scan

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"os/exec"
	"runtime"
	"strconv"
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

// readers is how many `git cat-file --batch` processes read blobs at
// once. Inflating blobs is git's share of the work; two processes keep two
// cores busy, and more would only add memory on the machines this runs on.
var readers = min(2, max(1, runtime.NumCPU()))

// chunk is how many consecutive blob ids (in pack order) go to one reader
// before the next reader's turn: long enough that the delta bases a reader
// needs are mostly its own.
const chunk = 1024

// scanObjects reads every blob in the object store once, whatever number
// of commits and paths share it, and returns the blobs that hold a key
// (keyed by hex id).
//
// One `git cat-file --batch-check --batch-all-objects` lists the objects
// in pack order (no history walk, no diffs); the blobs among them are fed,
// in chunks, to the `git cat-file --batch` readers, whose output is
// scanned as it streams. Objects that no commit reaches (old stashes,
// amended commits, staged and dropped files) are read too; attribution
// sorts them out.
func (r *repo) scanObjects(ctx context.Context, d *detector) (map[string]*blobResult, objectStats, error) {
	var st objectStats
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	list := r.command(ctx, "cat-file", "--batch-all-objects", "--unordered",
		"--batch-check=%(objecttype) %(objectname)")
	listOut, err := list.StdoutPipe()
	if err != nil {
		return nil, st, err
	}
	var listErr bytes.Buffer
	list.Stderr = &limitedBuffer{buf: &listErr, max: 4096}
	if err := list.Start(); err != nil {
		return nil, st, r.failure(ctx, err, "", []string{"cat-file"})
	}

	type reader struct {
		cmd    *exec.Cmd
		in     *bufio.Writer
		closer io.Closer
		errBuf bytes.Buffer
		found  map[string]*blobResult
		bytes  int64
		err    error
	}
	rs := make([]*reader, readers)
	var wg sync.WaitGroup
	startErr := error(nil)
	for i := range rs {
		rd := &reader{found: map[string]*blobResult{}}
		rs[i] = rd
		rd.cmd = r.command(ctx, "cat-file", "--buffer", "--batch=%(objectname) %(objectsize)")
		in, err := rd.cmd.StdinPipe()
		if err != nil {
			startErr = err
			break
		}
		out, err := rd.cmd.StdoutPipe()
		if err != nil {
			startErr = err
			break
		}
		rd.cmd.Stderr = &limitedBuffer{buf: &rd.errBuf, max: 4096}
		if err := rd.cmd.Start(); err != nil {
			startErr = r.failure(ctx, err, "", []string{"cat-file"})
			break
		}
		rd.in, rd.closer = bufio.NewWriterSize(in, 64<<10), in
		wg.Add(1)
		go func(rd *reader, out io.Reader, d *detector) {
			defer wg.Done()
			rd.bytes, rd.err = readBatch(out, newBlobScanner(d), rd.found)
			if rd.err != nil {
				cancel()
			}
		}(rd, out, d.clone())
	}
	if startErr != nil {
		cancel()
		for _, rd := range rs {
			if rd != nil && rd.closer != nil {
				rd.closer.Close()
			}
		}
		wg.Wait()
		_ = list.Wait()
		for _, rd := range rs {
			if rd != nil && rd.cmd.Process != nil {
				_ = rd.cmd.Wait()
			}
		}
		return nil, st, startErr
	}

	// Feed the blob ids from the listing to the readers, chunk by chunk.
	feedErr := func() error {
		in := bufio.NewReaderSize(listOut, 64<<10)
		turn, inChunk := 0, 0
		for {
			line, err := in.ReadSlice('\n')
			if len(line) > 0 {
				switch {
				case bytes.HasPrefix(line, []byte("blob ")):
					// "blob <oid>\n": the id and its newline go to a reader.
					st.blobs++
					if _, werr := rs[turn].in.Write(line[5:]); werr != nil {
						return werr
					}
					if inChunk++; inChunk == chunk {
						inChunk, turn = 0, (turn+1)%len(rs)
					}
				case bytes.HasPrefix(line, []byte("commit ")):
					st.commits++
				}
			}
			if err == io.EOF {
				return nil
			}
			if err != nil {
				return err
			}
		}
	}()
	for _, rd := range rs {
		if err := rd.in.Flush(); err != nil && feedErr == nil {
			feedErr = err
		}
		rd.closer.Close()
	}
	wg.Wait()
	listWait := list.Wait()
	found := map[string]*blobResult{}
	var readErr, waitErr error
	var waitStderr string
	for _, rd := range rs {
		if err := rd.cmd.Wait(); err != nil && waitErr == nil {
			waitErr, waitStderr = err, rd.errBuf.String()
		}
		if rd.err != nil && readErr == nil {
			readErr = rd.err
		}
		st.bytes += rd.bytes
		for k, v := range rd.found {
			found[k] = v
		}
	}
	switch {
	case ctx.Err() != nil && readErr == nil:
		return nil, st, ctx.Err() // the caller's context ended
	case listWait != nil:
		return nil, st, r.failure(ctx, listWait, listErr.String(), []string{"cat-file"})
	case waitErr != nil:
		return nil, st, r.failure(ctx, waitErr, waitStderr, []string{"cat-file"})
	case readErr != nil:
		return nil, st, fmt.Errorf("reading git's objects: %w", readErr)
	case feedErr != nil:
		return nil, st, fmt.Errorf("listing git's objects: %w", feedErr)
	}
	return found, st, nil
}

// readBatch scans the output of one `git cat-file --batch` and adds the
// blobs that hold keys to found. It returns the bytes of content read.
func readBatch(out io.Reader, scanner *blobScanner, found map[string]*blobResult) (int64, error) {
	in := bufio.NewReaderSize(out, 256<<10)
	var total int64
	for {
		header, err := in.ReadSlice('\n')
		if err == io.EOF && len(header) == 0 {
			return total, nil
		}
		if err != nil {
			return total, err
		}
		oid, size, ok := parseHeader(header)
		if !ok {
			continue // "<oid> missing": gone between the listing and now
		}
		ms, binary, err := scanner.scan(io.LimitReader(in, size), size)
		if err != nil {
			return total, err
		}
		if _, err := in.Discard(1); err != nil { // the newline after the content
			return total, err
		}
		total += size
		if len(ms) > 0 {
			found[oid] = &blobResult{matches: append([]match(nil), ms...), binary: binary}
		}
	}
}

// parseHeader reads "<oid> <size>\n".
func parseHeader(h []byte) (string, int64, bool) {
	h = bytes.TrimRight(h, "\n")
	sp := bytes.IndexByte(h, ' ')
	if sp < 0 {
		return "", 0, false
	}
	size, err := strconv.ParseInt(string(h[sp+1:]), 10, 64)
	if err != nil {
		return "", 0, false
	}
	return string(h[:sp]), size, true
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
