package scan

import (
	"bytes"
	"cmp"
	"errors"
	"io"
	"slices"

	"github.com/onboard-dev/onboard/internal/secret"
)

// match is one key found in one blob or file.
type match struct {
	kind   Kind
	env    int // index of the equal known value, or -1
	fp     string
	masked string
	line   int // 1-based; 0 in a binary file
}

// window is how much of a blob is scanned at once. Larger blobs are read
// in windows of this size that overlap, so memory stays bounded however
// big a file someone committed.
const window = 1 << 20

// sniffLen is how much of the start decides whether a file is binary, as
// git decides it (a NUL byte in the first 8000 bytes).
const sniffLen = 8000

// blobScanner scans one blob at a time with reused buffers.
type blobScanner struct {
	d       *detector
	buf     []byte
	raw     []byte
	matches []match
	seen    map[string]int // fingerprint → index in matches
}

func newBlobScanner(d *detector) *blobScanner {
	return &blobScanner{d: d}
}

// scan reads size bytes from r and returns every key in them, one match
// per distinct key (its first place). binary reports whether the content
// looked binary. Content that ends early is scanned as far as it goes and
// io.ErrUnexpectedEOF returned with the matches.
//
// Binary content is scanned too: a key in a compiled bundle, a SQLite
// file or a pickled config has leaked just the same, and every rule needs
// an ASCII anchor followed by a run of key characters, which compressed or
// random bytes do not produce by chance. Line numbers mean nothing there
// (0). UTF-16 text (NUL every other byte) is read with the NULs dropped,
// so keys in it are found and its lines counted.
func (s *blobScanner) scan(r io.Reader, size int64) (ms []match, binary bool, err error) {
	s.reset()
	if s.buf == nil {
		s.buf = make([]byte, 0, lookBack+window+overlap) // only blobs read in windows need it
	}
	s.buf = s.buf[:0]
	in := stream{r: r, size: size}
	s.fill(&in)
	binary = s.sniff(&in)
	noLines := binary && !in.utf16
	from := 0 // buf[:from] is context kept from the previous window
	line := 1 // the line of buf[from]
	for {
		limit, final := s.windowEnd(&in, from)
		var pos int
		line, pos = s.addHits(s.buf, s.d.find(s.buf, from, limit), from, line, noLines)
		if final {
			return s.matches, binary, in.short
		}
		line += bytes.Count(s.buf[pos:limit], []byte{'\n'})
		from = s.slide(limit)
		s.fill(&in)
	}
}

// stream is a blob being read into a blobScanner's window.
type stream struct {
	r     io.Reader
	size  int64 // bytes to read; cut to done when r ends early
	done  int64 // bytes read from r
	utf16 bool  // the NULs are dropped as the bytes come in
	// short: r ended before size (io.ErrUnexpectedEOF, or r's own error);
	// what came is scanned, then this is returned.
	short error
}

// fill reads fresh bytes into the room left after the window's kept
// context and overlap.
func (s *blobScanner) fill(in *stream) {
	want := min(int64(cap(s.buf)-len(s.buf)), in.size-in.done)
	if want <= 0 {
		return
	}
	var n int
	var err error
	if in.utf16 {
		if cap(s.raw) < int(want) {
			s.raw = make([]byte, want)
		}
		n, err = io.ReadFull(in.r, s.raw[:want])
		s.buf = appendNonNUL(s.buf, s.raw[:n])
	} else {
		start := len(s.buf)
		s.buf = s.buf[:start+int(want)]
		n, err = io.ReadFull(in.r, s.buf[start:])
		s.buf = s.buf[:start+n]
	}
	in.done += int64(n)
	if errors.Is(err, io.EOF) {
		err = io.ErrUnexpectedEOF // the blob was to be size bytes long
	}
	if err != nil {
		in.short, in.size = err, in.done
	}
}

// sniff looks at the first window: a NUL in it means binary content, and
// if it looks like UTF-16 the NULs read so far are dropped and the rest
// will be as they come in.
func (s *blobScanner) sniff(in *stream) (binary bool) {
	head := s.buf[:min(len(s.buf), sniffLen)]
	if bytes.IndexByte(head, 0) < 0 {
		return false
	}
	if looksUTF16(head) {
		in.utf16 = true
		s.buf = appendNonNUL(s.buf[:0], s.buf)
	}
	return true
}

// windowEnd is where the scan of the window starting at from stops: the
// end of the content once it is all read, else a cut before the overlap
// that the next window scans again. UTF-16 content can leave a window too
// short for that (half its bytes were NULs): then it reads more first.
func (s *blobScanner) windowEnd(in *stream, from int) (limit int, final bool) {
	for in.done < in.size && len(s.buf)-overlap <= from {
		s.fill(in)
	}
	if in.done >= in.size {
		return len(s.buf), true
	}
	return cut(s.buf, from, len(s.buf)-overlap), false
}

// slide moves the window on: the lookBack bytes before limit stay as
// context, with the overlap after it. It returns where the next window
// starts.
func (s *blobScanner) slide(limit int) (from int) {
	keep := max(0, limit-lookBack)
	n := copy(s.buf, s.buf[keep:])
	s.buf = s.buf[:n]
	return limit - keep
}

// addHits records the hits found in buf, counting lines from pos, which is
// on line; it returns the line of the last hit and where it starts (pos
// and line when there was none). noLines: a binary file, whose matches
// have no line.
func (s *blobScanner) addHits(buf []byte, hits []hit, pos, line int, noLines bool) (int, int) {
	slices.SortFunc(hits, func(a, b hit) int { return cmp.Compare(a.start, b.start) })
	for _, h := range hits {
		if h.start > pos {
			line += bytes.Count(buf[pos:h.start], []byte{'\n'})
			pos = h.start
		}
		s.add(h, string(buf[h.start:h.end]), line, noLines)
	}
	return line, pos
}

// reset forgets the previous blob's matches.
func (s *blobScanner) reset() {
	s.matches = s.matches[:0]
	if len(s.seen) > 0 {
		clear(s.seen)
	}
}

// cut moves a window's end back from at to just after a byte that is not
// part of a word, so that no run of key characters straddles two windows;
// a run longer than a key may be cut anywhere.
func cut(buf []byte, from, at int) int {
	for i := at; i > from && i > at-maxToken-1; i-- {
		if !wordClass[buf[i-1]] {
			return i
		}
	}
	return at
}

// scanMem is scan for content already in memory: no copy into the window
// (UTF-16 content still takes the copying path).
func (s *blobScanner) scanMem(b []byte) ([]match, bool) {
	head := b[:min(len(b), sniffLen)]
	binary := bytes.IndexByte(head, 0) >= 0
	if binary && looksUTF16(head) {
		ms, binary, _ := s.scan(bytes.NewReader(b), int64(len(b)))
		return ms, binary
	}
	s.reset()
	hits := s.d.find(b, 0, len(b))
	if len(hits) == 0 {
		return nil, binary
	}
	s.addHits(b, hits, 0, 1, binary)
	return s.matches, binary
}

// add keeps the first place of each distinct key.
func (s *blobScanner) add(h hit, value string, line int, binary bool) {
	fp := Fingerprint(value)
	if i, ok := s.seen[fp]; ok {
		if s.matches[i].env < 0 {
			s.matches[i].env = h.env
		}
		return
	}
	if binary {
		line = 0
	}
	if s.seen == nil {
		s.seen = map[string]int{}
	}
	s.seen[fp] = len(s.matches)
	s.matches = append(s.matches, match{kind: h.kind, env: h.env, fp: fp, masked: secret.Mask(value), line: line})
}

// looksUTF16: most ASCII text in UTF-16 has a NUL in every other byte.
func looksUTF16(head []byte) bool {
	if len(head) >= 2 && (head[0] == 0xFF && head[1] == 0xFE || head[0] == 0xFE && head[1] == 0xFF) {
		return true
	}
	var even, odd int
	for i, c := range head {
		if c == 0 {
			if i%2 == 0 {
				even++
			} else {
				odd++
			}
		}
	}
	half := len(head) / 2
	return half > 0 && (even*10 >= half*9 || odd*10 >= half*9)
}

func appendNonNUL(dst, src []byte) []byte {
	for len(src) > 0 {
		i := bytes.IndexByte(src, 0)
		if i < 0 {
			return append(dst, src...)
		}
		dst = append(dst, src[:i]...)
		src = src[i+1:]
	}
	return dst
}
