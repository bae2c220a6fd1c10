// Package exit holds onboard's exit statuses, one set for every command
// (the wizard, line mode, check, scan), as gum keeps its own in one place.
package exit

const (
	// OK: the command did what it was asked (warnings allowed).
	OK = 0
	// Failed: a check failed, or the wizard ended without writing (a
	// refusal, the input ended, the same answer kept being refused).
	Failed = 1
	// Usage: the command line is wrong (bad flag, bad URL, unknown item).
	Usage = 2
	// Interrupted: Ctrl+C, SIGTERM, or "quit" in line mode. The message
	// says what, if anything, was already written.
	Interrupted = 130
)
