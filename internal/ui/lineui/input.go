package lineui

import (
	"bufio"
	"context"
	"errors"
	"io"
	"strconv"
	"strings"
)

// ErrAborted: the input ended before the end of the wizard; Run has said
// what was (or was not) written.
var ErrAborted = errors.New("onboard: the input ended before the end")

// ErrQuit: the person typed quit; Run has said what was (or was not)
// written. It ends the run as an interrupt does.
var ErrQuit = errors.New("onboard: quit")

// StuckError: the same question was refused, or the same check failed,
// too many times in a row: an unattended run (yes ” | onboard) would
// otherwise loop for ever.
type StuckError struct {
	What string // the question or step
	Why  string // the last refusal, in words
	N    int
}

func (e *StuckError) Error() string {
	return "onboard: stopping: " + e.What + " was refused " + strconv.Itoa(e.N) + " times in a row (" + strings.TrimSuffix(e.Why, ".") + "). Answer differently, or fix the value in the .env, then run again."
}

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
