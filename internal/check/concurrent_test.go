package check

import (
	"github.com/onboard-dev/onboard/internal/exit"
	"net/http"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/onboard-dev/onboard/internal/providers/sandbox"
	"github.com/onboard-dev/onboard/internal/providers/sandbox/plaidsim"
	"github.com/onboard-dev/onboard/internal/providers/sandbox/stripesim"
)

// rendezvous holds each simulator's first request until the other simulator
// has been reached too. Run concurrently, both proceed at once; run one
// after the other, the first waits out the deadline and the test says so.
type rendezvous struct {
	arrived  [2]chan struct{}
	once     [2]sync.Once
	waitedIn atomic.Bool
}

func (rv *rendezvous) handler(me int, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rv.once[me].Do(func() { close(rv.arrived[me]) })
		select {
		case <-rv.arrived[1-me]:
		case <-time.After(3 * time.Second):
			rv.waitedIn.Store(true)
		case <-r.Context().Done():
		}
		next.ServeHTTP(w, r)
	})
}

func TestProvidersVerifyConcurrently(t *testing.T) {
	dir := newRepo(t)
	writeFile(t, filepath.Join(dir, ".env"), demoEnv())
	rv := &rendezvous{arrived: [2]chan struct{}{make(chan struct{}), make(chan struct{})}}
	ps, err := sandbox.Serve(rv.handler(0, plaidsim.New()), sandbox.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ps.Close()
	ss, err := sandbox.Serve(rv.handler(1, stripesim.New()), sandbox.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ss.Close()

	r := run(t, Options{Dir: dir, JSON: true, URLs: urls(ps.URL, ss.URL)})
	if r.code != exit.OK {
		t.Fatalf("exit %d: %v", r.code, failures(decode(t, r.stdout)))
	}
	if rv.waitedIn.Load() {
		t.Error("one provider's first request waited for the other's: verification ran one after the other")
	}
}
