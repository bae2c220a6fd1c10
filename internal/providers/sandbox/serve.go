// Package sandbox is the shared harness of the local simulators of Plaid
// Sandbox and Stripe test mode (subpackages plaidsim and stripesim): it runs a
// simulator on loopback and injects latency and faults. The simulators answer
// with the same paths, JSON shapes, status codes and error objects as the real
// services for the calls onboard makes; they serve `--demo` and the tests.
package sandbox

import (
	"context"
	"errors"
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// Fault is a misbehaviour to inject into matching requests.
type Fault struct {
	// Path limits the fault to one request path ("" = every path).
	Path string
	// Times limits how many requests it hits (0 = every matching request).
	Times int
	// Status, when non-zero, answers with this status and Body instead of
	// the simulator's answer (e.g. 500, 502, 503, 429).
	Status int
	Body   string
	// RetryAfter sets the Retry-After header (seconds) on the fault answer.
	RetryAfter int
	// Hang accepts the request and never answers until the client gives up.
	Hang bool
	// Malformed answers 200 with a body that is not valid JSON.
	Malformed bool
	// HTML answers with an HTML error page, as a proxy or load balancer would.
	HTML bool
	// Truncate cuts the connection after half the real body.
	Truncate bool
	// Oversize answers with a body of this many bytes.
	Oversize int
	// RedirectTo answers 307 with this Location.
	RedirectTo string
}

// Options shape a simulator.
type Options struct {
	// Latency is added to every request before it is answered.
	Latency time.Duration
	Faults  []Fault
}

// Server is a running simulator.
type Server struct {
	URL  string // http://127.0.0.1:PORT
	srv  *http.Server
	ln   net.Listener
	done chan struct{}
}

// Serve starts h on a fresh loopback port. It never listens on another
// interface: the simulators hold demo credentials and answer anyone.
func Serve(h http.Handler, opts Options) (*Server, error) {
	// Binding a port on a literal loopback address returns at once (no
	// name to resolve), so there is no wait for a context to bound.
	var lc net.ListenConfig
	ln, err := lc.Listen(context.Background(), "tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	s := &Server{URL: "http://" + ln.Addr().String(), ln: ln, done: make(chan struct{})}
	s.srv = &http.Server{Handler: withFaults(h, opts), ReadHeaderTimeout: 10 * time.Second}
	go func() {
		defer close(s.done)
		_ = s.srv.Serve(ln)
	}()
	return s, nil
}

// Close stops the server, cutting hung requests.
func (s *Server) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	err := s.srv.Shutdown(ctx)
	if errors.Is(err, context.DeadlineExceeded) {
		err = s.srv.Close()
	}
	<-s.done
	return err
}

type faultState struct {
	mu   sync.Mutex
	hits []int
}

func withFaults(h http.Handler, opts Options) http.Handler {
	st := &faultState{hits: make([]int, len(opts.Faults))}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if opts.Latency > 0 {
			select {
			case <-time.After(opts.Latency):
			case <-r.Context().Done():
				return
			}
		}
		if f, ok := st.pick(r.URL.Path, opts.Faults); ok {
			applyFault(w, r, h, f)
			return
		}
		h.ServeHTTP(w, r)
	})
}

func (st *faultState) pick(path string, faults []Fault) (Fault, bool) {
	st.mu.Lock()
	defer st.mu.Unlock()
	for i, f := range faults {
		if f.Path != "" && f.Path != path {
			continue
		}
		if f.Times > 0 && st.hits[i] >= f.Times {
			continue
		}
		st.hits[i]++
		return f, true
	}
	return Fault{}, false
}

func applyFault(w http.ResponseWriter, r *http.Request, h http.Handler, f Fault) {
	switch {
	case f.Hang:
		<-r.Context().Done()
	case f.RedirectTo != "":
		w.Header().Set("Location", f.RedirectTo)
		w.WriteHeader(http.StatusTemporaryRedirect)
	case f.Malformed:
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"request_id": "x", "error_type": `))
	case f.HTML:
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusBadGateway)
		_, _ = w.Write([]byte("<html><body><h1>502 Bad Gateway</h1></body></html>"))
	case f.Oversize > 0:
		w.Header().Set("Content-Type", "application/json")
		buf := make([]byte, 64<<10)
		for i := range buf {
			buf[i] = ' '
		}
		for n := 0; n < f.Oversize; n += len(buf) {
			if _, err := w.Write(buf); err != nil {
				return
			}
		}
	case f.Truncate:
		rec := &recorder{header: http.Header{}}
		h.ServeHTTP(rec, r)
		w.Header().Set("Content-Length", strconv.Itoa(len(rec.body)))
		w.WriteHeader(rec.status)
		_, _ = w.Write(rec.body[:len(rec.body)/2])
		if hj, ok := w.(http.Hijacker); ok {
			if conn, _, err := hj.Hijack(); err == nil {
				_ = conn.Close()
			}
		}
	default:
		if f.RetryAfter > 0 {
			w.Header().Set("Retry-After", strconv.Itoa(f.RetryAfter))
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(f.Status)
		_, _ = w.Write([]byte(f.Body))
	}
}

// recorder captures a handler's answer so a fault can cut it.
type recorder struct {
	header http.Header
	status int
	body   []byte
}

func (r *recorder) Header() http.Header { return r.header }
func (r *recorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	r.body = append(r.body, b...)
	return len(b), nil
}
func (r *recorder) WriteHeader(s int) { r.status = s }
