// Package providers holds what every provider shares: the description of a
// key field and its format rule, a signup checklist item, a verification
// check and its result. Provider packages (plaid, stripe) fill these in; the
// steps package turns them into screens. Nothing here prints or draws.
package providers

import (
	"context"
	"fmt"
	"strings"

	"github.com/onboard-dev/onboard/internal/secret"
)

// Values are the collected answers, keyed by environment variable name.
// Formatting a Values masks every entry, so printing one by mistake leaks
// nothing; read a value with an index expression.
type Values map[string]string

// String masks every value.
func (v Values) String() string {
	var b strings.Builder
	b.WriteString("map[")
	first := true
	for k, val := range v {
		if !first {
			b.WriteByte(' ')
		}
		first = false
		b.WriteString(k + ":" + secret.Mask(val))
	}
	b.WriteString("]")
	return b.String()
}

// Format routes every verb through String.
func (v Values) Format(f fmt.State, _ rune) { _, _ = f.Write([]byte(v.String())) }

// Severity of a validation finding.
type Severity int

const (
	// Invalid: the value cannot be right; the field cannot be submitted.
	Invalid Severity = iota
	// Warning: the value looks unusual but may be right (an undocumented
	// format changed, say); the field can be submitted.
	Warning
)

// ValidationError is a format rule's verdict in words a person can act on:
// what is wrong and what to do ("this is a publishable key; the secret key
// starts with sk_"). It never contains the value itself.
type ValidationError struct {
	Severity Severity
	Msg      string
}

func (e *ValidationError) Error() string { return e.Msg }

// Invalidf builds an Invalid finding.
func Invalidf(format string, a ...any) *ValidationError {
	return &ValidationError{Severity: Invalid, Msg: fmt.Sprintf(format, a...)}
}

// Warnf builds a Warning finding.
func Warnf(format string, a ...any) *ValidationError {
	return &ValidationError{Severity: Warning, Msg: fmt.Sprintf(format, a...)}
}

// Option is one allowed value of a field with a fixed set of answers.
type Option struct {
	Value string // what is written to the .env
	Label string // short name shown to the user
	Help  string // one or two sentences: what it means, who it suits
}

// Field describes one .env variable the user provides.
type Field struct {
	Key         string // environment variable name, e.g. PLAID_SECRET
	Label       string // short human name, e.g. "Sandbox secret"
	Help        string // where to find it, one line
	Placeholder string // an example of the shape, never a real value
	Secret      bool   // masked on screen and in every report
	Required    bool
	Default     string
	// Options, when set, restrict the value to one of these (single choice).
	Options []Option
	// Multi marks a comma-separated list whose items come from Options
	// (e.g. PLAID_PRODUCTS). The value is stored joined with ",".
	Multi bool
	// Validate checks the format of a trimmed value, with the other answers
	// for cross-field rules (test/live mixing, environment vs secret). It
	// returns nil, or a *ValidationError. It makes no network call.
	Validate func(value string, all Values) *ValidationError
	// CheckEmpty runs Validate on an empty value too, for a field that is
	// required only when another answer says so (STRIPE_CLIENT_ID for
	// Standard Connect accounts).
	CheckEmpty bool
	// Recognize reports whether a value is unmistakably of this field's
	// kind (a Stripe secret key, a Plaid secret, a publishable key): a
	// pasted block of keys is sorted into fields with it, and a value a
	// Secret field recognises is masked wherever it is shown, whatever
	// variable it sits in.
	Recognize func(v string) bool
	// Setting marks a free-text field that is a project choice the team
	// shares (an OAuth redirect URI), not a credential: onboard.json
	// records it, as it records every field with Options.
	Setting bool
	// Public marks a value the app's browser code needs (a publishable
	// key): a framework's public prefix may be put before its name
	// (NEXT_PUBLIC_…). Never set on a secret.
	Public bool
	// Source, when set, is a way for onboard to fetch the value itself
	// (the Stripe CLI prints the local webhook signing secret). The wizard
	// offers it after the field's form, while the field is empty.
	Source *Source
}

// Source fetches a field's value for the person.
type Source struct {
	// Label is the offer ("Ask the Stripe CLI (stripe listen)"); Help says
	// what the fetched value is and is not.
	Label, Help string
	// Available reports whether the offer can be made for these answers
	// (the tool is installed, the key is one it may be given).
	Available func(v Values) bool
	// Fetch gets the value. Its error is worded for people and holds no
	// secret.
	Fetch func(ctx context.Context, v Values) (string, error)
	// Then says how to use the value once it is saved.
	Then string
}

// IsSetting reports whether the field is a shared project choice, which
// onboard.json records: a non-secret field with Options, or one marked
// Setting.
func (f Field) IsSetting() bool { return !f.Secret && (len(f.Options) > 0 || f.Setting) }

// LooksSecret reports whether v is recognised as a secret by any secret
// field of these providers: a secret pasted into, or left in, a public
// variable (STRIPE_PUBLISHABLE_KEY=sk_test_…) must still be masked.
func LooksSecret(ps []Provider, v string) bool {
	v = Normalize(v)
	if v == "" {
		return false
	}
	for _, p := range ps {
		for _, f := range p.Fields() {
			if f.Secret && f.Recognize != nil && f.Recognize(v) {
				return true
			}
		}
	}
	return false
}

// Shown is how a value of this field appears on the person's own screen:
// masked when the field is secret or the value looks like any secret of
// ps, in full otherwise.
func Shown(ps []Provider, f Field, v string) string {
	if f.Secret || LooksSecret(ps, v) {
		return secret.Mask(Normalize(v))
	}
	return v
}

// Reported is how a value appears in what others read (CI logs, the
// readiness report): a fixed-choice setting holding one of its options in
// full (PLAID_ENV=production says nothing secret), anything else masked,
// since it may be a key pasted into the wrong variable.
func Reported(f Field, v string) string {
	v = Normalize(v)
	if !f.Secret && f.Allowed(v) {
		return v
	}
	return secret.Mask(v)
}

// Normalize trims what a paste brings along: spaces, tabs, newlines, and a
// pair of surrounding quotes copied from a code sample.
// Nested quotes ("'x'") are all removed, so normalizing twice changes
// nothing: every place that normalizes sees the same value.
func Normalize(v string) string {
	v = strings.TrimSpace(v)
	for len(v) >= 2 && (v[0] == '"' && v[len(v)-1] == '"' || v[0] == '\'' && v[len(v)-1] == '\'') {
		v = strings.TrimSpace(v[1 : len(v)-1])
	}
	return v
}

// Check runs the field's rule on a normalized value: required, options, then
// the field's own Validate. A value outside Options gets Validate's verdict
// when Validate refuses it, the generic "choose from" message otherwise.
func (f Field) Check(value string, all Values) *ValidationError {
	value = Normalize(value)
	return withoutValue(f.check(value, all), value)
}

// echoLimit: a value longer than this is never repeated by a message. A
// short one (an environment name, a country code) may be quoted back; a
// longer one may be a credential pasted into the wrong field, and messages
// are shown on screen and printed by `onboard check` into CI logs.
const echoLimit = 8

// withoutValue masks, in a rule's message, the value and each item of it
// that is longer than echoLimit, quoted or not.
func withoutValue(e *ValidationError, value string) *ValidationError {
	if e == nil {
		return nil
	}
	msg := e.Msg
	for _, v := range append([]string{value}, SplitList(value)...) {
		if len([]rune(v)) > echoLimit {
			msg = strings.ReplaceAll(msg, fmt.Sprintf("%q", v), fmt.Sprintf("%q", secret.Mask(v)))
			msg = strings.ReplaceAll(msg, v, secret.Mask(v))
		}
	}
	return &ValidationError{Severity: e.Severity, Msg: msg}
}

func (f Field) check(value string, all Values) *ValidationError {
	if value == "" {
		if f.Required {
			return Invalidf("%s is required.", f.Label)
		}
		if f.CheckEmpty && f.Validate != nil {
			return f.Validate(value, all)
		}
		return nil
	}
	if len(f.Options) > 0 {
		items := []string{value}
		if f.Multi {
			items = SplitList(value)
		}
		for _, it := range items {
			if !f.hasOption(it) {
				// A field's own rule may know why the value is wrong (a
				// retired environment, a misspelt product); its words win.
				if f.Validate != nil {
					if e := f.Validate(value, all); e != nil && e.Severity == Invalid {
						return e
					}
				}
				return Invalidf("%s is not a known value for %s; choose from %s.", Echo(it), f.Label, f.optionList())
			}
		}
	}
	if f.Validate != nil {
		return f.Validate(value, all)
	}
	return nil
}

// Allowed reports whether v (each item, for a Multi field) is one of the
// field's Options. Reports use it to decide whether a setting may be shown
// in full: a known option says nothing secret, anything else might be a key
// pasted into the wrong place.
func (f Field) Allowed(v string) bool {
	if len(f.Options) == 0 {
		return false
	}
	items := []string{Normalize(v)}
	if f.Multi {
		items = SplitList(v)
	}
	for _, it := range items {
		if !f.hasOption(it) {
			return false
		}
	}
	return len(items) > 0
}

func (f Field) hasOption(v string) bool {
	for _, o := range f.Options {
		if o.Value == v {
			return true
		}
	}
	return false
}

func (f Field) optionList() string {
	vals := make([]string, len(f.Options))
	for i, o := range f.Options {
		vals[i] = o.Value
	}
	return strings.Join(vals, ", ")
}

// echoWordLimit is the longest plain word a message may quote back.
const echoWordLimit = 24

// Echo quotes a value for a message only when it looks like a plain word
// (an option such as "sandbox" or "transactions" typed wrong). Anything else
// may be a credential pasted into the wrong field, so it is shown masked.
func Echo(v string) string {
	if len(v) <= echoWordLimit && plainWord(v) {
		return fmt.Sprintf("%q", v)
	}
	return fmt.Sprintf("the value %s", secret.Mask(v))
}

func plainWord(v string) bool {
	if v == "" {
		return false
	}
	for _, r := range v {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '_' || r == '-' || r == ' ') {
			return false
		}
	}
	return true
}

// SplitList splits a comma-separated list, trimming items and dropping empties.
func SplitList(v string) []string {
	var out []string
	for _, p := range strings.Split(v, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// ChecklistItem is one thing to do in a provider's dashboard.
type ChecklistItem struct {
	Title  string // imperative, short: "Copy your Sandbox secret"
	Detail string // where to click, one or two sentences
	URL    string // the dashboard page, always shown so it can be copied
}

// Status of a verification check. The strings are the `check --json` values.
type Status string

const (
	Pending Status = "pending"
	Running Status = "running"
	Pass    Status = "pass"
	Fail    Status = "fail"
	Warn    Status = "warn"
	Skip    Status = "skip"
)

// Word is the status for people, the same in the wizard, line mode and
// `onboard check`'s report: a check skipped is "not run" everywhere.
func (s Status) Word() string {
	switch s {
	case Pending:
		return "pending"
	case Running:
		return "running"
	case Pass:
		return "passed"
	case Fail:
		return "failed"
	case Warn:
		return "warning"
	case Skip:
		return "not run"
	}
	return string(s)
}

// Result is the outcome of one named check.
type Result struct {
	Provider ID     `json:"provider"` // "plaid", "stripe", "git", "env"
	Name     string `json:"name"`     // stable, short: "sandbox item create"
	Status   Status `json:"status"`
	Detail   string `json:"detail,omitempty"` // what was found (masked ids only)
	Hint     string `json:"hint,omitempty"`   // on fail/warn: what to do next
	// LeftBehind names a test object this check made and could not remove
	// (its cleanup failed or was cut short), in words a person can act on:
	// "test Item item-… in Plaid Sandbox". Empty when nothing was left.
	LeftBehind string `json:"left_behind,omitempty"`
	// Summary marks a result that sums up the per-field format findings
	// (Plaid's "keys format"): a report that lists the fields drops it
	// unless it failed.
	Summary bool `json:"-"`
}

// Report is called by a verifier as each check changes state, so a screen can
// show live progress. It may be called from several goroutines.
type Report func(Result)

// Count is n with the noun that agrees with it ("1 variable", "2
// variables"), so messages never fall back on "variable(s)".
func Count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
