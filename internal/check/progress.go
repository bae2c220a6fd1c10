package check

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/onboard-dev/onboard/internal/providers"
)

// progressEvery is how often the progress line is redrawn: often enough
// for the seconds to count up visibly, rare enough to cost nothing.
const progressEvery = 200 * time.Millisecond

// progress is the one status line `check` keeps on a terminal's stderr
// while the providers answer ("checking  Plaid 2/3 4.1s · Stripe ✓ 0.8s"),
// so a silent host is a counting clock rather than a blank screen. It is
// erased before the report is printed; piped output never sees it. It
// holds names and counts only, never a result's text.
type progress struct {
	w     io.Writer
	start time.Time
	now   func() time.Time

	mu    sync.Mutex
	order []providers.ID
	rows  map[providers.ID]*progressRow
	drawn bool
	stop  chan struct{}
	done  chan struct{}
}

type progressRow struct {
	name        string
	done, total int
	failed      bool
	took        time.Duration // set when the provider has answered
	finished    bool
}

// newProgress starts redrawing on w; nil w gives a progress that does
// nothing, so callers need not ask.
func newProgress(w io.Writer, ps []providers.Provider, values providers.Values, now func() time.Time) *progress {
	p := &progress{w: w, now: now, rows: map[providers.ID]*progressRow{}}
	if w == nil || len(ps) == 0 {
		return p
	}
	p.start = now()
	for _, pr := range ps {
		id := pr.Spec().ID
		p.order = append(p.order, id)
		p.rows[id] = &progressRow{name: pr.Spec().Name, total: len(pr.Checks(values))}
	}
	p.stop, p.done = make(chan struct{}), make(chan struct{})
	go p.loop()
	return p
}

func (p *progress) loop() {
	defer close(p.done)
	t := time.NewTicker(progressEvery)
	defer t.Stop()
	for {
		p.draw()
		select {
		case <-p.stop:
			return
		case <-t.C:
		}
	}
}

// reporter is the providers.Report for one provider: each finished check
// moves its count.
func (p *progress) reporter(id providers.ID) providers.Report {
	if p.stop == nil {
		return nil
	}
	return func(r providers.Result) {
		if r.Status == providers.Pending || r.Status == providers.Running {
			return
		}
		p.mu.Lock()
		defer p.mu.Unlock()
		row := p.rows[id]
		row.done++
		row.failed = row.failed || r.Status == providers.Fail
	}
}

// finished marks a provider as answered.
func (p *progress) finished(id providers.ID) {
	if p.stop == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	row := p.rows[id]
	row.finished, row.took = true, p.now().Sub(p.start)
}

// line is the status line as it stands.
func (p *progress) line() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	elapsed := p.now().Sub(p.start)
	parts := make([]string, 0, len(p.order))
	for _, id := range p.order {
		row := p.rows[id]
		switch {
		case row.finished && row.failed:
			parts = append(parts, fmt.Sprintf("%s ✗ %s", row.name, seconds(row.took)))
		case row.finished:
			parts = append(parts, fmt.Sprintf("%s ✓ %s", row.name, seconds(row.took)))
		default:
			parts = append(parts, fmt.Sprintf("%s %d/%d %s", row.name, min(row.done, row.total), row.total, seconds(elapsed)))
		}
	}
	return "checking  " + strings.Join(parts, " · ")
}

func seconds(d time.Duration) string { return fmt.Sprintf("%.1fs", d.Seconds()) }

// draw rewrites the line in place: carriage return, the line, erase to
// the end (a shorter line leaves no tail of the longer one).
func (p *progress) draw() {
	fmt.Fprint(p.w, "\r"+p.line()+"\x1b[K")
	p.drawn = true
}

// Close stops the redraws and erases the line, so the report starts on a
// clean row.
func (p *progress) Close() {
	if p.stop == nil {
		return
	}
	close(p.stop)
	<-p.done
	if p.drawn {
		fmt.Fprint(p.w, "\r\x1b[K")
	}
}
