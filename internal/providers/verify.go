package providers

import (
	"context"
	"errors"
	"strings"
	"time"
	"unicode"

	"github.com/onboard-dev/onboard/internal/secret"
)

// The time one provider's verification may take. A host that never answers
// costs VerifyBudget: its first call times out (apihttp does not retry a
// call that used up its time), and the calls still running then end with
// it. Undoing what the checks created gets CleanupGrace more, so no
// verification ever takes longer than their sum, 20 s.
const (
	VerifyBudget = 15 * time.Second
	CleanupGrace = 5 * time.Second
	// InterruptGrace is how long undoing may go on after the caller
	// cancelled (Ctrl+C): long enough for a service that answers to
	// remove a test object, short enough that an interrupted run stops
	// within a second.
	InterruptGrace = 750 * time.Millisecond
	// CleanupTimeout bounds one cleanup when Verify is called without
	// this package's wrapper (a provider's own tests).
	CleanupTimeout = 10 * time.Second
)

// Verify is how every caller runs a provider's live checks. It gives them
// one budget (VerifyBudget; a shorter deadline on ctx wins), lets their
// cleanups outlive a cancel only briefly (CleanupContext), and masks in every
// result, reported and returned, each secret of v wherever a server's text
// quoted it (RedactorFor). A check still pending or running when the
// provider returns is reported as not finished: skipped when ctx was
// cancelled, failed otherwise, never passed.
func Verify(ctx context.Context, p Provider, v Values, report Report) []Result {
	red := RedactorFor(p.Fields(), v)
	parent := ctx
	ctx, cancel := context.WithTimeout(ctx, VerifyBudget)
	defer cancel()
	ctx, stop := withCleanup(ctx)
	defer stop()

	clean := func(r Result) Result {
		r.Detail, r.Hint, r.LeftBehind = red.Redact(r.Detail), red.Redact(r.Hint), red.Redact(r.LeftBehind)
		return r
	}
	rs := p.Verify(ctx, v, func(r Result) {
		if report != nil {
			report(clean(r))
		}
	})
	for i, r := range rs {
		r = clean(r)
		if r.Status == Pending || r.Status == Running {
			r.Status, r.Detail, r.Hint = Fail, "did not finish", "Run the check again. If this keeps happening, please report it."
			if parent.Err() != nil {
				r.Status, r.Detail, r.Hint = Skip, "cancelled before it finished", ""
			}
			if report != nil {
				report(r)
			}
		}
		rs[i] = r
	}
	return rs
}

// cleanupKey holds, in a verification's context, the context all its
// cleanups derive from.
type cleanupKey struct{}

// withCleanup adds to ctx the limit every cleanup of one verification
// shares: CleanupGrace after ctx's deadline, or InterruptGrace after ctx is
// cancelled, whichever comes first. One limit for all, so cleanups that run
// one after another cannot add up.
func withCleanup(ctx context.Context) (context.Context, context.CancelFunc) {
	limit := time.Now().Add(VerifyBudget + CleanupGrace)
	if d, ok := ctx.Deadline(); ok {
		limit = d.Add(CleanupGrace)
	}
	root, cancel := context.WithDeadline(context.WithoutCancel(ctx), limit)
	stop := context.AfterFunc(ctx, func() {
		if errors.Is(ctx.Err(), context.Canceled) {
			time.AfterFunc(InterruptGrace, cancel)
		}
	})
	return context.WithValue(ctx, cleanupKey{}, root), func() {
		stop()
		cancel()
	}
}

// CleanupContext is the context to undo what a check created (remove a
// test Item, delete a test account) on. It outlives the cancellation of
// ctx, and ctx's deadline, but within a verification run through Verify
// only for the shared grace (see withCleanup); outside one, for
// CleanupTimeout.
func CleanupContext(ctx context.Context) (context.Context, context.CancelFunc) {
	if root, ok := ctx.Value(cleanupKey{}).(context.Context); ok {
		return context.WithTimeout(context.WithValue(root, cleanupKey{}, root), CleanupTimeout)
	}
	return context.WithTimeout(context.WithoutCancel(ctx), CleanupTimeout)
}

// RedactorFor masks the secrets among v in what a server says: the value of
// every field marked Secret, and every other value that looks like a
// credential (a key pasted into the wrong variable, a client id, a
// publishable key). Plain words, lists of options and URLs are left out:
// they may be quoted back harmlessly, and masking them would garble the
// message.
func RedactorFor(fields []Field, v Values) *secret.Redactor {
	var secrets []string
	for _, f := range fields {
		if f.Secret {
			secrets = append(secrets, v[f.Key], Normalize(v[f.Key]))
		}
	}
	for _, val := range v {
		if n := Normalize(val); credentialLike(n) {
			secrets = append(secrets, val, n)
		}
	}
	return secret.NewRedactor(secrets...)
}

// credentialLike: one token (no spaces, commas or "://") of at least
// secret.MinRedacted characters that mixes letters and digits or is longer
// than any plain word onboard expects (Echo's limit). A list of products,
// a country code, an environment name or a URL is none.
func credentialLike(v string) bool {
	if len(v) < secret.MinRedacted || strings.Contains(v, "://") || strings.ContainsAny(v, ",") {
		return false
	}
	letter, digit := false, false
	for _, r := range v {
		switch {
		case unicode.IsSpace(r):
			return false
		case unicode.IsLetter(r):
			letter = true
		case unicode.IsDigit(r):
			digit = true
		}
	}
	return letter && digit || len(v) > echoWordLimit
}
