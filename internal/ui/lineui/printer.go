package lineui

import (
	"fmt"
	"io"
	"strings"
	"sync"
)

// printer serializes output: a job's progress reports may arrive from
// other goroutines while the main loop prints.
type printer struct {
	mu  sync.Mutex
	out io.Writer
}

func (p *printer) line(format string, a ...any) {
	p.mu.Lock()
	defer p.mu.Unlock()
	fmt.Fprintln(p.out, plain(fmt.Sprintf(format, a...)))
}

// text prints without a line ending (a prompt waiting on the same line).
func (p *printer) text(format string, a ...any) {
	p.mu.Lock()
	defer p.mu.Unlock()
	fmt.Fprint(p.out, plain(fmt.Sprintf(format, a...)))
}

// plain drops control characters other than tab and newline, so nothing a
// provider or a file said can move a cursor or change colours in a screen
// reader's or a CI log's stream.
func plain(s string) string {
	if !strings.ContainsFunc(s, isControl) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if isControl(r) {
			return -1
		}
		return r
	}, s)
}

func isControl(r rune) bool {
	return (r < 0x20 && r != '\n' && r != '\t') || r == 0x7f || (r >= 0x80 && r < 0xa0)
}
