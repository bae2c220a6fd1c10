package lineui

import (
	"bufio"
	"context"
	"errors"
	"io"
	"strings"
)

// ErrAborted: the run ended before the end of the wizard (quit, or stdin
// closed), and nothing was written.
var ErrAborted = errors.New("onboard: stopped before the end; nothing was written")

// errBack is a prompt's answer "back": go to the previous step.
var errBack = errors.New("back")

// lines reads answers one line at a time from a single bufio.Reader, so
// lines a pipe delivered together are never lost between prompts. Each read
// runs on its own goroutine, started only when a prompt asks, so a
// cancelled context ends the wait while no second read ever races the first
// (nor a SecretReader reading the same terminal).
type lines struct {
	r       *bufio.Reader
	secret  func() (string, error)
	pending chan lineResult
}

type lineResult struct {
	text string
	err  error
}

func newLines(in io.Reader, secret func() (string, error)) *lines {
	return &lines{r: bufio.NewReader(in), secret: secret}
}

// read waits for one line (without its line ending). EOF on a partial
// last line still returns that line; EOF with nothing is io.EOF.
func (l *lines) read(ctx context.Context, secretInput bool) (string, error) {
	if l.pending == nil {
		ch := make(chan lineResult, 1)
		l.pending = ch
		readFn := l.readLine
		if secretInput && l.secret != nil {
			readFn = l.secret
		}
		go func() {
			text, err := readFn()
			ch <- lineResult{text, err}
		}()
	}
	select {
	case res := <-l.pending:
		l.pending = nil
		return res.text, res.err
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

func (l *lines) readLine() (string, error) {
	s, err := l.r.ReadString('\n')
	if err == io.EOF && s != "" {
		err = nil
	}
	return strings.TrimRight(s, "\r\n"), err
}
