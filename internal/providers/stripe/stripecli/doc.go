// Package stripecli asks the Stripe CLI for the webhook signing secret of
// local development: the one `stripe listen` signs the events it forwards
// to a developer's machine with.
//
// That secret belongs to the Stripe account of the key (and to `stripe
// listen`), not to an endpoint in the Dashboard, so it is only offered for
// test keys; production needs the endpoint's own signing secret.
//
// The CLI runs as a child process with the key in its environment
// (STRIPE_API_KEY), never on its command line, where any user of the
// machine could read it with ps; of onboard's own environment it gets only
// what it needs to run, none of the parent's other secrets. Find takes no
// stripe that a checked-out project could have put on PATH. Its stdin is
// the null device, so a CLI that wants to prompt reads end-of-file instead
// of waiting; it has a time limit, and on a timeout or a cancel its whole
// process group is killed. What it prints is read for one whsec_ value;
// what it says on failure (stdout and stderr as one stream) reaches an
// error only cleaned, redacted and cut short, since it may quote the key
// or another credential.
//
// The package runs no shell and imports no terminal UI: the wizard's
// webhook step calls Available to decide what to offer, PrintSecret in a
// job, and shows the texts in help.go.
package stripecli
