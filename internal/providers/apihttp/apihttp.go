// Package apihttp is the one HTTP path both providers use. It owns the rules
// that must hold for every call: a timeout per attempt, cancellation, bounded
// retries only where they are safe and only within the caller's deadline (a
// call that used up its time is not tried again), Retry-After honoured, no redirects
// followed (a 307/308 would re-send a body holding a secret to another host),
// a cap on how much of a response is read, and errors that say in plain words
// what went wrong without ever quoting a credential.
package apihttp

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// Defaults, chosen so a wizard never looks hung: a real Plaid or Stripe call
// answers in well under a second.
const (
	DefaultTimeout    = 15 * time.Second
	DefaultMaxRetries = 2
	DefaultMaxBody    = 1 << 20 // 1 MiB: every answer we parse is a few KiB
	maxRetryAfter     = 10 * time.Second
)

// Client sends requests. The zero value is not usable; call New.
type Client struct {
	HTTP *http.Client
	// Timeout bounds each attempt; a deadline on the caller's context
	// (providers.Verify sets one per verification) bounds them all.
	Timeout    time.Duration
	MaxRetries int // extra attempts after the first
	MaxBody    int64
	// Backoff is the wait before retry n (1-based) when the server gave no
	// Retry-After. Tests shorten it.
	Backoff func(n int) time.Duration
}

// New returns a client with the defaults and a transport that never follows
// redirects.
func New() *Client {
	return &Client{
		HTTP: &http.Client{
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
			Transport:     http.DefaultTransport,
		},
		Timeout:    DefaultTimeout,
		MaxRetries: DefaultMaxRetries,
		MaxBody:    DefaultMaxBody,
		Backoff:    func(n int) time.Duration { return time.Duration(n) * 300 * time.Millisecond },
	}
}

// Request is one call. Body is bytes so it can be sent again on retry.
type Request struct {
	Method string
	URL    string
	Header http.Header
	Body   []byte
	// Idempotent marks a call that may be repeated after a 5xx or a broken
	// connection (reads, and deletes of our own test objects). A 429 is
	// always retried: the server did not act on the request.
	Idempotent bool
}

// Response is a fully read (capped) answer.
type Response struct {
	Status int
	Header http.Header
	Body   []byte
}

// Kind classifies a failure to get a usable answer.
type Kind int

const (
	Timeout Kind = iota + 1
	Refused
	DNS
	TLS
	Reset
	Redirect
	TooLarge
	Canceled
	Other
)

// Error is a transport-level failure (no usable HTTP answer). Its text names
// the host, never a credential.
type Error struct {
	Kind Kind
	Host string
	Err  error // underlying cause, for errors.Is; its text is not shown
	Msg  string
}

func (e *Error) Error() string { return e.Msg }
func (e *Error) Unwrap() error { return e.Err }

// Hint says what to do about a transport failure.
func (e *Error) Hint() string {
	switch e.Kind {
	case Timeout:
		return "Check your network connection or proxy, then retry. If it keeps happening the service may be having trouble: check its status page."
	case Refused:
		return "Nothing is listening at that address. If you set a custom API URL (--plaid-url, --stripe-url), check it; otherwise check your network or proxy."
	case DNS:
		return "The host name could not be resolved. Check the URL for typos and your DNS or VPN settings."
	case TLS:
		return "The secure connection could not be established. A corporate proxy that intercepts TLS, or a wrong system clock, are the usual causes."
	case Reset:
		return "The connection broke mid-answer. Retry; if it persists, check proxies or firewalls between you and the service."
	case Redirect:
		return "onboard never follows a redirect with your credentials. Check the API URL: it should be the service's API host itself."
	case TooLarge:
		return "The answer was far larger than any real API answer. Check that the API URL points at the service, not at another web server."
	case Canceled:
		return "" // the call was cancelled: there is nothing to fix
	case Other:
		// Nothing more specific is known: the general advice below.
	}
	return "Retry in a moment. If it keeps failing, check the API URL and your network."
}

// Do sends r, retrying where safe, and returns the answer with its body read
// (up to MaxBody). A non-2xx status is not an error here: the caller parses
// the provider's error object from the body.
//
// A timed-out attempt is not repeated: a host that said nothing for the
// whole Timeout will not do better at once, and trying again would triple
// the wait. A broken connection or a 5xx may be retried, but only when the
// wait before the retry ends before ctx's deadline.
func (c *Client) Do(ctx context.Context, r Request) (*Response, error) {
	u, err := url.Parse(r.URL)
	if err != nil || u.Host == "" {
		return nil, &Error{Kind: Other, Msg: "the API URL is not a valid http(s) URL", Err: err}
	}
	host := u.Host
	start := time.Now()
	for attempt := 1; ; attempt++ {
		resp, err := c.once(ctx, r, host)
		tell(err, start, attempt)
		retry, wait := c.shouldRetry(ctx, r, resp, err, attempt)
		if !retry {
			return resp, err
		}
		if serr := sleep(ctx, wait); serr != nil {
			switch {
			case err == nil:
				return resp, nil
			case errors.Is(serr, context.DeadlineExceeded):
				return nil, err
			}
			return nil, canceled(host, serr)
		}
	}
}

// tell says in a transport error's text how long the call took and how many
// attempts it made: "api.stripe.com did not answer within 15 s (1 attempt)".
func tell(err error, start time.Time, attempts int) {
	var e *Error
	if !errors.As(err, &e) {
		return
	}
	tries := "1 attempt"
	if attempts > 1 {
		tries = fmt.Sprintf("%d attempts", attempts)
	}
	switch e.Kind {
	case Timeout:
		e.Msg = fmt.Sprintf("%s did not answer within %s (%s)", e.Host, roughly(time.Since(start)), tries)
	case Reset:
		if attempts > 1 {
			e.Msg = fmt.Sprintf("the connection to %s broke before the answer was complete (%s)", e.Host, tries)
		}
	case Refused, DNS, TLS, Redirect, TooLarge, Canceled, Other:
		// Their messages say what failed, which does not depend on how
		// long the call took or how often it was tried: left as they are.
	}
}

// roughly writes a duration as a person reads it: "300 ms", "2.5 s", "15 s".
func roughly(d time.Duration) string {
	switch {
	case d < time.Second:
		return fmt.Sprintf("%d ms", d.Milliseconds())
	case d < 10*time.Second:
		return strconv.FormatFloat(d.Seconds(), 'f', 1, 64) + " s"
	}
	return fmt.Sprintf("%d s", d.Round(time.Second)/time.Second)
}

func (c *Client) shouldRetry(ctx context.Context, r Request, resp *Response, err error, attempt int) (bool, time.Duration) {
	if attempt > c.MaxRetries {
		return false, 0
	}
	retry, wait := c.retryPolicy(r, resp, err, attempt)
	if deadline, ok := ctx.Deadline(); retry && ok && time.Until(deadline) <= wait {
		return false, 0 // no time left to wait and try again
	}
	return retry, wait
}

func (c *Client) retryPolicy(r Request, resp *Response, err error, attempt int) (bool, time.Duration) {
	backoff := c.Backoff(attempt)
	if err != nil {
		var e *Error
		if errors.As(err, &e) && r.Idempotent && e.Kind == Reset {
			return true, backoff
		}
		return false, 0
	}
	switch {
	case resp.Status == http.StatusTooManyRequests:
		if d, ok := retryAfter(resp.Header.Get("Retry-After")); ok {
			if d > maxRetryAfter {
				return false, 0 // the caller shows the wait instead of hanging
			}
			return true, d
		}
		return true, backoff
	case resp.Status >= 500 && r.Idempotent:
		return true, backoff
	}
	return false, 0
}

// RetryAfter reads a Retry-After header (seconds or an HTTP date).
func retryAfter(v string) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if s, err := strconv.Atoi(v); err == nil && s >= 0 {
		return time.Duration(s) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		d := time.Until(t)
		if d < 0 {
			d = 0
		}
		return d, true
	}
	return 0, false
}

func (c *Client) once(ctx context.Context, r Request, host string) (*Response, error) {
	actx, cancel := context.WithTimeout(ctx, c.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(actx, r.Method, r.URL, bytes.NewReader(r.Body))
	if err != nil {
		return nil, &Error{Kind: Other, Host: host, Msg: "could not build the request", Err: err}
	}
	for k, vs := range r.Header {
		req.Header[k] = vs
	}
	resp, err := c.HTTP.Do(req)
	if err != nil {
		return nil, c.classify(ctx, actx, host, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 300 && resp.StatusCode < 400 {
		loc := resp.Header.Get("Location")
		where := "another address"
		if lu, err := url.Parse(loc); err == nil && lu.Host != "" && lu.Host != host {
			where = lu.Host
		}
		return nil, &Error{Kind: Redirect, Host: host, Msg: fmt.Sprintf("%s answered with a redirect (HTTP %d) to %s; it was not followed", host, resp.StatusCode, where)}
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, c.MaxBody+1))
	if err != nil {
		return nil, c.classify(ctx, actx, host, err)
	}
	if int64(len(body)) > c.MaxBody {
		return nil, &Error{Kind: TooLarge, Host: host, Msg: fmt.Sprintf("%s sent an answer larger than %d KiB; it was not read", host, c.MaxBody>>10)}
	}
	return &Response{Status: resp.StatusCode, Header: resp.Header, Body: body}, nil
}

// classify names a failure. The caller cancelling is a cancellation; the
// caller's deadline passing is a timeout like the attempt's own (its text is
// completed by tell).
func (c *Client) classify(ctx, actx context.Context, host string, err error) error {
	if errors.Is(ctx.Err(), context.Canceled) {
		return canceled(host, ctx.Err())
	}
	var dnsErr *net.DNSError
	var certErr *tls.CertificateVerificationError
	var unknownAuth x509.UnknownAuthorityError
	var hostErr x509.HostnameError
	var recErr tls.RecordHeaderError
	switch {
	case actx.Err() == context.DeadlineExceeded || isTimeout(err):
		return &Error{Kind: Timeout, Host: host, Err: err, Msg: fmt.Sprintf("%s did not answer", host)}
	case errors.As(err, &dnsErr):
		return &Error{Kind: DNS, Host: host, Err: err, Msg: fmt.Sprintf("the host %s could not be found", host)}
	case errors.Is(err, syscall.ECONNREFUSED):
		return &Error{Kind: Refused, Host: host, Err: err, Msg: fmt.Sprintf("%s refused the connection", host)}
	case errors.As(err, &certErr), errors.As(err, &unknownAuth), errors.As(err, &hostErr), errors.As(err, &recErr):
		return &Error{Kind: TLS, Host: host, Err: err, Msg: fmt.Sprintf("the secure connection to %s failed", host)}
	case errors.Is(err, syscall.ECONNRESET), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return &Error{Kind: Reset, Host: host, Err: err, Msg: fmt.Sprintf("the connection to %s broke before the answer was complete", host)}
	}
	return &Error{Kind: Other, Host: host, Err: err, Msg: fmt.Sprintf("the request to %s failed", host)}
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

func canceled(host string, err error) error {
	return &Error{Kind: Canceled, Host: host, Err: err, Msg: "cancelled"}
}

func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// CheckOfficialHost refuses to send a live credential anywhere but the
// provider's own API host. baseURL is the configured URL; official is the
// host it must be (e.g. "api.stripe.com"). It returns nil when the host
// matches over https.
func CheckOfficialHost(baseURL, official, what string) error {
	u, err := url.Parse(baseURL)
	if err != nil {
		return fmt.Errorf("the API URL %q is not valid", baseURL)
	}
	if u.Scheme != "https" || !strings.EqualFold(u.Hostname(), official) || (u.Port() != "" && u.Port() != "443") {
		return fmt.Errorf("refusing to send a %s to %s: live credentials only go to https://%s. Remove the URL override, or use test credentials with it", what, u.Host, official)
	}
	return nil
}
