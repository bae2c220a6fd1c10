package stripe

import (
	"context"
	"errors"
	"sync"

	"github.com/onboard-dev/onboard/internal/providers"
	"github.com/onboard-dev/onboard/internal/providers/apihttp"
)

// run keeps the results of one Verify in the order of Checks and reports
// each change; checks finish from several goroutines.
type run struct {
	provider providers.ID
	report   providers.Report
	mu       sync.Mutex
	results  []providers.Result
	index    map[string]int
}

func newRun(provider providers.ID, names []string, report providers.Report) *run {
	r := &run{provider: provider, report: report, index: make(map[string]int, len(names))}
	for i, n := range names {
		r.results = append(r.results, providers.Result{Provider: provider, Name: n, Status: providers.Pending})
		r.index[n] = i
	}
	return r
}

func (r *run) set(res providers.Result) {
	res.Provider = r.provider
	r.mu.Lock()
	if i, ok := r.index[res.Name]; ok {
		r.results[i] = res
	}
	r.mu.Unlock()
	if r.report != nil {
		r.report(res)
	}
}

// skipAll sets each of names to skipped, for one reason.
func (r *run) skipAll(names []string, why string) {
	for _, n := range names {
		r.set(providers.Result{Name: n, Status: providers.Skip, Detail: why})
	}
}

func (r *run) start(name string) { r.set(providers.Result{Name: name, Status: providers.Running}) }

func (r *run) list() []providers.Result {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]providers.Result(nil), r.results...)
}

// failed turns an error from a call into a result: Stripe's own error with
// its hint, a transport failure with apihttp's hint, or a cancellation.
// Secrets a server quoted are masked by providers.Verify, for every result.
func failed(name, doing string, err error) providers.Result {
	var ae *apihttp.Error
	if errors.As(err, &ae) && ae.Kind == apihttp.Canceled || errors.Is(err, context.Canceled) {
		return providers.Result{Name: name, Status: providers.Skip, Detail: "cancelled before " + doing + " finished"}
	}
	res := providers.Result{Name: name, Status: providers.Fail, Detail: doing + ": " + err.Error()}
	var se *Error
	switch {
	case errors.As(err, &se):
		res.Hint = se.Hint()
	case ae != nil:
		res.Hint = ae.Hint()
	}
	return res
}

func isCanceled(err error) bool {
	var ae *apihttp.Error
	return errors.As(err, &ae) && ae.Kind == apihttp.Canceled
}

// stripeErr returns the Stripe error object behind err, if there is one.
func stripeErr(err error) *Error {
	var se *Error
	if errors.As(err, &se) && se.Type != "" {
		return se
	}
	return nil
}
