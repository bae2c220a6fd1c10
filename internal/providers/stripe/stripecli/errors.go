package stripecli

import (
	"fmt"
	"time"

	"github.com/onboard-dev/onboard/internal/termsafe"
)

// Problem is what went wrong, for a caller that words or handles the cases
// differently (a refused key means "do not offer the CLI", a timeout means
// "offer a retry").
type Problem int

const (
	// NotFound: no stripe executable on PATH that onboard will run (see
	// Find and Error.InProject), or it could not be started.
	NotFound Problem = iota + 1
	// KeyRefused: the key is not one stripe listen may be given. Nothing
	// was run.
	KeyRefused
	// Failed: the CLI exited with a non-zero status (or was killed by a
	// signal onboard did not send).
	Failed
	// NeedsLogin: the CLI wanted an interactive `stripe login` instead of
	// using the key it was given.
	NeedsLogin
	// TimedOut: the CLI did not finish in time and was stopped.
	TimedOut
	// Canceled: the caller's context ended first (the person went back or
	// quit); the CLI was stopped.
	Canceled
	// NoSecret: the CLI succeeded but printed no whsec_ value.
	NoSecret
	// ManySecrets: the CLI printed more than one different whsec_ value.
	ManySecrets
)

var problemNames = map[Problem]string{
	NotFound: "not found", KeyRefused: "key refused", Failed: "failed", NeedsLogin: "needs login",
	TimedOut: "timed out", Canceled: "canceled", NoSecret: "no secret", ManySecrets: "many secrets",
}

func (p Problem) String() string {
	if n, ok := problemNames[p]; ok {
		return n
	}
	return fmt.Sprintf("Problem(%d)", int(p))
}

// Error is every error this package returns. None of its fields holds a
// secret: Reason is either this package's own words or what the CLI said,
// cleaned of terminal controls, with the key and anything shaped like a
// credential masked, and at most MaxReason characters long.
type Error struct {
	Problem Problem
	// Status is the CLI's exit status (Failed), -1 when a signal ended it.
	Status int
	// Reason is why: the refusal for KeyRefused, what the CLI said for the
	// others ("" when it said nothing).
	Reason string
	// After is the time limit that ran out (TimedOut).
	After time.Duration
	// Count is how many different whsec_ values the CLI printed (ManySecrets).
	Count int
	// InProject is the stripe PATH names inside the project, passed over
	// (NotFound): the only one on PATH.
	InProject string
	// err is the cause, for errors.Is and errors.As: the context's error
	// when Canceled, the exec error when the CLI could not start. Neither
	// holds the key: it is never on the command line.
	err error
}

func (e *Error) Unwrap() error { return e.err }

// Error says what happened and what to do, in one paragraph.
func (e *Error) Error() string {
	msg := e.what()
	if e.Reason != "" && e.Problem != KeyRefused {
		msg += " It said: " + quoteReason(e.Reason)
	}
	if h := e.Hint(); h != "" {
		msg += " " + h
	}
	return msg
}

// what is the sentence that says what happened.
func (e *Error) what() string {
	switch e.Problem {
	case NotFound:
		if e.err != nil {
			return fmt.Sprintf("The Stripe CLI could not be started (%v).", e.err)
		}
		if e.InProject != "" {
			return fmt.Sprintf("The only Stripe CLI on your PATH, %s, is inside this project, and onboard does not run a program the project brings: a repository you cloned could have put it there.", termsafe.Quote(e.InProject))
		}
		return "The Stripe CLI (stripe) is not on your PATH."
	case KeyRefused:
		return e.Reason
	case Failed:
		if e.Status < 0 {
			return "stripe listen --print-secret was stopped by a signal before it printed the secret."
		}
		return fmt.Sprintf("stripe listen --print-secret failed (exit status %d).", e.Status)
	case NeedsLogin:
		return "The Stripe CLI asked for `stripe login` instead of using the key onboard gave it."
	case TimedOut:
		return fmt.Sprintf("stripe listen --print-secret did not finish within %s and was stopped.", e.After)
	case Canceled:
		return "Stopped asking the Stripe CLI for the webhook signing secret."
	case NoSecret:
		return "stripe listen --print-secret finished but printed no signing secret (whsec_…)."
	case ManySecrets:
		return fmt.Sprintf("stripe listen --print-secret printed %d different signing secrets (whsec_…), so onboard cannot tell which one is yours.", e.Count)
	}
	return "The Stripe CLI could not give the webhook signing secret."
}

// Hint says what to do about it ("" when there is nothing to do).
func (e *Error) Hint() string {
	switch e.Problem {
	case NotFound:
		if e.err != nil {
			return "Check that it is the Stripe CLI and runs (stripe version), or enter the signing secret by hand."
		}
		if e.InProject != "" {
			return "If you put it there, install the Stripe CLI where your own programs live instead (https://docs.stripe.com/stripe-cli), or enter the signing secret by hand."
		}
		return InstallHint + " Or enter the signing secret by hand."
	case Failed:
		return "Check that the secret key is a working test key (the Stripe step verifies it) and that this machine can reach api.stripe.com; an old CLI may need updating (stripe version). Or enter the signing secret by hand."
	case NeedsLogin:
		return "Run `stripe login` once in another terminal (pick the account of this key) and try again, or enter the signing secret by hand."
	case TimedOut:
		return "The CLI has to reach Stripe (api.stripe.com): check the network or proxy and try again, or enter the signing secret by hand."
	case NoSecret:
		return "A CLI too old to know --print-secret can do this: update it (stripe version) and try again, or enter the signing secret by hand."
	case ManySecrets:
		return "Run `stripe listen --print-secret` yourself with the same account and paste the secret it prints."
	case KeyRefused:
		// The refusal is the message, and it already says which key to
		// use instead.
		return ""
	case Canceled:
		// The person stopped it on purpose: nothing to fix.
		return ""
	}
	return "" // a Problem this package does not make (the zero value)
}

// quoteReason frames what the CLI said so it reads as a quote, ending the
// sentence.
func quoteReason(r string) string {
	return "“" + r + "”."
}
