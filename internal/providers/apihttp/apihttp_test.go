package apihttp

import (
	"bufio"
	"context"
	"errors"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

const credential = "test-credential-value-0000000000abcd"

// testClient's timeout is generous: only tests about timeouts shorten it
// (hangingClient), so a handshake on a loaded CI machine under -race never
// turns a TLS, reset or refused case into a timeout.
func testClient(retries int) *Client {
	c := New()
	c.Timeout = 10 * time.Second
	c.MaxRetries = retries
	c.Backoff = func(int) time.Duration { return time.Millisecond }
	return c
}

func post(url string, idempotent bool) Request {
	h := http.Header{}
	h.Set("Authorization", "Bearer "+credential)
	return Request{Method: http.MethodPost, URL: url, Header: h, Body: []byte(`{"k":"v"}`), Idempotent: idempotent}
}

// wantKind checks that err is a transport error of kind whose text and hint
// hold no credential, and returns its message.
func wantKind(t *testing.T, err error, kind Kind) (msg string) {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("got %v (%T), want an *apihttp.Error of kind %d", err, err, kind)
	}
	if e.Kind != kind {
		t.Fatalf("got kind %d (%q), want %d", e.Kind, e.Msg, kind)
	}
	if strings.Contains(e.Error(), credential) || strings.Contains(e.Hint(), credential) {
		t.Fatal("the error text holds the credential")
	}
	if kind != Canceled && e.Hint() == "" {
		t.Fatal("no hint for a transport failure")
	}
	return e.Msg
}

// counting serves h and counts the requests that reached it.
func counting(t *testing.T, h http.HandlerFunc) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var n atomic.Int32
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		h(w, r)
	}))
	t.Cleanup(ts.Close)
	return ts, &n
}

// silentListener accepts connections, reads the request and never answers.
func silentListener(t *testing.T) (addr string, accepted *atomic.Int32) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var n atomic.Int32
	var conns sync.WaitGroup
	done := make(chan struct{})
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			n.Add(1)
			conns.Add(1)
			go func() {
				defer conns.Done()
				defer c.Close()
				_, _ = http.ReadRequest(bufio.NewReader(c))
				<-done
			}()
		}
	}()
	t.Cleanup(func() {
		close(done)
		_ = ln.Close()
		conns.Wait()
	})
	return ln.Addr().String(), &n
}

// timedOut is the wording of a timeout: the host, the real time taken and
// the attempts made.
var timedOut = regexp.MustCompile(`^127\.0\.0\.1:\d+ did not answer within \d+ ms \(1 attempt\)$`)

// A host that accepts and never answers costs one Timeout, not one per
// retry: a call that used up its time is not tried again, even when it
// would be safe to repeat.
func TestServerThatNeverAnswersTimesOut(t *testing.T) {
	addr, accepted := silentListener(t)
	c := testClient(2)
	c.Timeout = 300 * time.Millisecond
	_, err := c.Do(context.Background(), post("http://"+addr+"/v1", false))
	msg := wantKind(t, err, Timeout)
	if !timedOut.MatchString(msg) {
		t.Fatalf("message %q", msg)
	}
	if accepted.Load() != 1 {
		t.Fatalf("a non-idempotent call was tried %d times", accepted.Load())
	}
	_, err = c.Do(context.Background(), post("http://"+addr+"/v1", true))
	msg = wantKind(t, err, Timeout)
	if got := accepted.Load() - 1; got != 1 {
		t.Fatalf("an idempotent call was tried %d times after timing out, want 1", got)
	}
	if !timedOut.MatchString(msg) {
		t.Fatalf("message %q", msg)
	}
}

// The caller's deadline (a verification's budget) ends a call as a
// timeout, not as a cancellation, and says how long it really waited.
func TestCallerDeadlineIsATimeout(t *testing.T) {
	addr, accepted := silentListener(t)
	c := testClient(2) // 10 s per attempt: the deadline comes first
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	_, err := c.Do(ctx, post("http://"+addr+"/v1", true))
	msg := wantKind(t, err, Timeout)
	if !timedOut.MatchString(msg) || accepted.Load() != 1 {
		t.Fatalf("message %q after %d attempts", msg, accepted.Load())
	}
}

// A broken connection is retried, but never into the caller's deadline:
// a retry whose wait would end after it is not made.
func TestNoRetryPastTheDeadline(t *testing.T) {
	ts, n := counting(t, func(w http.ResponseWriter, _ *http.Request) {
		conn, _, _ := w.(http.Hijacker).Hijack()
		_ = conn.Close()
	})
	c := testClient(2)
	c.Backoff = func(int) time.Duration { return time.Hour }
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_, err := c.Do(ctx, post(ts.URL, true))
	msg := wantKind(t, err, Reset)
	if n.Load() != 1 {
		t.Fatalf("%d attempts; a retry an hour away from a deadline seconds away must not be waited for", n.Load())
	}
	if strings.Contains(msg, "attempts") {
		t.Fatalf("message %q", msg)
	}

	c.Backoff = func(int) time.Duration { return time.Millisecond }
	_, err = c.Do(ctx, post(ts.URL, true))
	msg = wantKind(t, err, Reset)
	if got := n.Load() - 1; got != 3 || !strings.HasSuffix(msg, "(3 attempts)") {
		t.Fatalf("%d attempts, message %q; want 3 and the count in the message", got, msg)
	}
}

func TestConnectionRefused(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	_ = ln.Close()
	_, err = testClient(0).Do(context.Background(), post("http://"+addr+"/", true))
	msg := wantKind(t, err, Refused)
	if !strings.Contains(msg, addr) {
		t.Fatalf("message %q does not name the address", msg)
	}
}

func TestUnresolvableHost(t *testing.T) {
	c := testClient(0)
	c.Timeout = 3 * time.Second
	_, err := c.Do(context.Background(), post("http://name.invalid/", true))
	msg := wantKind(t, err, DNS)
	if !strings.Contains(msg, "name.invalid") {
		t.Fatalf("message %q", msg)
	}
}

func TestTLSFailure(t *testing.T) {
	var n atomic.Int32
	ts := httptest.NewUnstartedServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { n.Add(1) }))
	ts.Config.ErrorLog = log.New(io.Discard, "", 0) // the refused handshake is the point
	ts.StartTLS()
	defer ts.Close()
	_, err := testClient(2).Do(context.Background(), post(ts.URL, true))
	wantKind(t, err, TLS)
	if n.Load() != 0 {
		t.Fatal("a request got through an untrusted TLS connection")
	}
}

func TestResetMidBody(t *testing.T) {
	ts, n := counting(t, func(w http.ResponseWriter, _ *http.Request) {
		conn, buf, err := w.(http.Hijacker).Hijack()
		if err != nil {
			return
		}
		_, _ = buf.WriteString("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"partial\":")
		_ = buf.Flush()
		_ = conn.Close()
	})
	_, err := testClient(2).Do(context.Background(), post(ts.URL, false))
	wantKind(t, err, Reset)
	if n.Load() != 1 {
		t.Fatalf("non-idempotent: %d attempts", n.Load())
	}
	_, err = testClient(2).Do(context.Background(), post(ts.URL, true))
	wantKind(t, err, Reset)
	if got := n.Load() - 1; got != 3 {
		t.Fatalf("idempotent: %d attempts, want 3", got)
	}
}

func TestServerErrorsRetriedOnlyWhenIdempotent(t *testing.T) {
	for _, status := range []int{500, 502, 503} {
		ts, n := counting(t, func(w http.ResponseWriter, _ *http.Request) {
			w.WriteHeader(status)
			_, _ = w.Write([]byte(`{"error":"down"}`))
		})
		resp, err := testClient(2).Do(context.Background(), post(ts.URL, true))
		if err != nil || resp.Status != status || string(resp.Body) != `{"error":"down"}` {
			t.Fatalf("%d idempotent: resp %+v err %v", status, resp, err)
		}
		if n.Load() != 3 {
			t.Fatalf("%d idempotent: %d attempts, want 3", status, n.Load())
		}
		resp, err = testClient(2).Do(context.Background(), post(ts.URL, false))
		if err != nil || resp.Status != status {
			t.Fatalf("%d: resp %+v err %v", status, resp, err)
		}
		if n.Load() != 4 {
			t.Fatalf("%d non-idempotent: %d attempts in all, want 4", status, n.Load())
		}
	}
}

func TestServerErrorThenSuccess(t *testing.T) {
	var seen atomic.Int32
	ts, n := counting(t, func(w http.ResponseWriter, _ *http.Request) {
		if seen.Add(1) == 1 {
			w.WriteHeader(http.StatusBadGateway)
			return
		}
		_, _ = w.Write([]byte(`{"ok":true}`))
	})
	resp, err := testClient(2).Do(context.Background(), post(ts.URL, true))
	if err != nil || resp.Status != 200 || n.Load() != 2 {
		t.Fatalf("resp %+v err %v attempts %d", resp, err, n.Load())
	}
}

func TestRetryAfterHonouredAndBounded(t *testing.T) {
	var mu sync.Mutex
	var times []time.Time
	ts, n := counting(t, func(w http.ResponseWriter, _ *http.Request) {
		mu.Lock()
		times = append(times, time.Now())
		first := len(times) == 1
		mu.Unlock()
		if first {
			w.Header().Set("Retry-After", "1")
			w.WriteHeader(http.StatusTooManyRequests)
			return
		}
		_, _ = w.Write([]byte(`{}`))
	})
	// A 429 is retried even for a create: the server did not act on it.
	resp, err := testClient(1).Do(context.Background(), post(ts.URL, false))
	if err != nil || resp.Status != 200 || n.Load() != 2 {
		t.Fatalf("resp %+v err %v attempts %d", resp, err, n.Load())
	}
	mu.Lock()
	gap := times[1].Sub(times[0])
	mu.Unlock()
	// A lower bound only: the client must not come back before it was told to.
	if gap < time.Second-50*time.Millisecond {
		t.Fatalf("retried after %s despite Retry-After: 1", gap)
	}

	far, farN := counting(t, func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Retry-After", "3600")
		w.WriteHeader(http.StatusTooManyRequests)
	})
	resp, err = testClient(2).Do(context.Background(), post(far.URL, true))
	if err != nil || resp.Status != 429 || farN.Load() != 1 {
		t.Fatalf("a wait past the bound must be handed back: resp %+v err %v attempts %d", resp, err, farN.Load())
	}

	always, alwaysN := counting(t, func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusTooManyRequests)
	})
	resp, err = testClient(2).Do(context.Background(), post(always.URL, false))
	if err != nil || resp.Status != 429 || alwaysN.Load() != 3 {
		t.Fatalf("429 without Retry-After: resp %+v err %v attempts %d, want 3", resp, err, alwaysN.Load())
	}
}

func TestRetryAfterParsing(t *testing.T) {
	cases := []struct {
		in   string
		ok   bool
		max  time.Duration
		min  time.Duration
		name string
	}{
		{"", false, 0, 0, "empty"},
		{"2", true, 2 * time.Second, 2 * time.Second, "seconds"},
		{"-1", false, 0, 0, "negative"},
		{"soon", false, 0, 0, "garbage"},
		{time.Now().Add(-time.Hour).UTC().Format(http.TimeFormat), true, 0, 0, "past date"},
		{time.Now().Add(time.Hour).UTC().Format(http.TimeFormat), true, time.Hour, 59 * time.Minute, "future date"},
	}
	for _, c := range cases {
		d, ok := retryAfter(c.in)
		if ok != c.ok || d > c.max || d < c.min {
			t.Errorf("%s: retryAfter(%q) = %s, %v", c.name, c.in, d, ok)
		}
	}
}

func TestBodiesArePassedThroughForTheProviderToParse(t *testing.T) {
	for _, body := range []string{`{"request_id": "x", "error_type": `, "<html><body><h1>502 Bad Gateway</h1></body></html>"} {
		ts, _ := counting(t, func(w http.ResponseWriter, _ *http.Request) {
			w.WriteHeader(http.StatusBadGateway)
			_, _ = w.Write([]byte(body))
		})
		resp, err := testClient(0).Do(context.Background(), post(ts.URL, false))
		if err != nil || resp.Status != 502 || string(resp.Body) != body {
			t.Fatalf("resp %+v err %v", resp, err)
		}
	}
}

func TestOversizedBodyIsCapped(t *testing.T) {
	ts, _ := counting(t, func(w http.ResponseWriter, _ *http.Request) {
		_, _ = w.Write([]byte(strings.Repeat(" ", 8<<10)))
	})
	c := testClient(2)
	c.MaxBody = 4 << 10
	_, err := c.Do(context.Background(), post(ts.URL, true))
	msg := wantKind(t, err, TooLarge)
	if !strings.Contains(msg, "4 KiB") {
		t.Fatalf("message %q", msg)
	}
	c.MaxBody = 8 << 10
	if resp, err := c.Do(context.Background(), post(ts.URL, true)); err != nil || len(resp.Body) != 8<<10 {
		t.Fatalf("a body exactly at the cap must be read: %v", err)
	}
}

func TestRedirectIsNeverFollowed(t *testing.T) {
	other, otherN := counting(t, func(http.ResponseWriter, *http.Request) {})
	for _, status := range []int{301, 302, 307, 308} {
		ts, _ := counting(t, func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, other.URL+"/steal", status)
		})
		_, err := testClient(2).Do(context.Background(), post(ts.URL, true))
		msg := wantKind(t, err, Redirect)
		if !strings.Contains(msg, strings.TrimPrefix(other.URL, "http://")) {
			t.Fatalf("%d: message %q does not name the target", status, msg)
		}
	}
	if otherN.Load() != 0 {
		t.Fatalf("the redirect target received %d requests", otherN.Load())
	}
}

func TestCancellation(t *testing.T) {
	addr, _ := silentListener(t)
	c := testClient(2)
	c.Timeout = 5 * time.Second
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		time.Sleep(50 * time.Millisecond)
		cancel()
	}()
	_, err := c.Do(ctx, post("http://"+addr+"/", true))
	wantKind(t, err, Canceled)
	if !errors.Is(err, context.Canceled) {
		t.Fatal("a cancelled call must wrap context.Canceled")
	}

	// Cancelled while waiting to retry a broken call.
	ts, n := counting(t, func(w http.ResponseWriter, _ *http.Request) {
		conn, _, _ := w.(http.Hijacker).Hijack()
		_ = conn.Close()
	})
	c = testClient(2)
	c.Backoff = func(int) time.Duration { return time.Hour }
	ctx, cancel = context.WithCancel(context.Background())
	go func() {
		for n.Load() == 0 {
			time.Sleep(5 * time.Millisecond)
		}
		cancel()
	}()
	_, err = c.Do(ctx, post(ts.URL, true))
	wantKind(t, err, Canceled)
	if n.Load() != 1 {
		t.Fatalf("%d attempts after cancellation", n.Load())
	}
}

func TestInvalidURL(t *testing.T) {
	_, err := testClient(0).Do(context.Background(), post("not a url", true))
	wantKind(t, err, Other)
}

func TestCheckOfficialHost(t *testing.T) {
	cases := []struct {
		url string
		ok  bool
	}{
		{"https://production.plaid.com", true},
		{"https://PRODUCTION.plaid.com/", true},
		{"https://production.plaid.com:443", true},
		{"http://production.plaid.com", false},
		{"https://production.plaid.com:8443", false},
		{"https://production.plaid.com.evil.example", false},
		{"https://evil.example/production.plaid.com", false},
		{"http://127.0.0.1:9999", false},
		{"::bad", false},
	}
	for _, c := range cases {
		err := CheckOfficialHost(c.url, "production.plaid.com", "Plaid Production secret")
		if (err == nil) != c.ok {
			t.Errorf("%s: err %v, want ok=%v", c.url, err, c.ok)
		}
		if err != nil && c.url != "::bad" && !strings.Contains(err.Error(), "https://production.plaid.com") {
			t.Errorf("%s: message %q does not say where keys may go", c.url, err)
		}
	}
}
