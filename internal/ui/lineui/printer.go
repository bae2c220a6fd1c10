package lineui

import (
	"fmt"
	"github.com/onboard-dev/onboard/internal/termsafe"
	"io"
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

// plain drops escape sequences and control characters other than tab and
// newline, so nothing a provider or a file said can move a cursor, retitle
// the window or write the clipboard in a screen reader's or a CI log's
// stream.
func plain(s string) string { return termsafe.Plain(s) }
