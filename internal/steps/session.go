package steps

import (
	"github.com/onboard-dev/onboard/internal/providers"
)

// Mode says what the keys are for.
type Mode string

const (
	Development Mode = "development"
	Production  Mode = "production"
)

// Session is everything the wizard has collected so far. Only the flow's
// steps change it, always on the UI's goroutine; jobs work on copies.
type Session struct {
	Dir     string // the project directory (--dir)
	EnvFile string // --env-file, when given
	EnvPath string // the target .env, resolved by the welcome step
	Mode    Mode
	Demo    bool

	// Chosen holds the IDs of the chosen providers, in the flow's order.
	Chosen []string
	// chosenByUser: the providers step was answered, so the defaults
	// (which depend on the existing file) no longer apply.
	chosenByUser bool
	// Values are the answers, keyed by variable name; they start from the
	// existing file (and the demo's keys) so a re-run only re-verifies.
	Values providers.Values
	// Existing is what the target file held when the wizard started.
	Existing     providers.Values
	ExistingKeys []string
	EnvExists    bool

	Git         *GitState
	ApplyGitFix bool
	// Results holds the last results of each task step, by step ID.
	Results map[string][]providers.Result
	// Skipped holds, by task step ID, the warning of a check skipped with
	// failures left.
	Skipped map[string]string
	// Confirmed holds the answers of confirm-each-item checklists, by step ID.
	Confirmed map[string][]bool

	WriteExample bool
	Review       []Change
	Written      *Written
	ExamplePath  string
	Notes        []string // things worth saying at the end (e.g. git warnings)
}

func newSession() *Session {
	return &Session{
		Mode:      Development,
		Values:    providers.Values{},
		Existing:  providers.Values{},
		Results:   map[string][]providers.Result{},
		Skipped:   map[string]string{},
		Confirmed: map[string][]bool{},
	}
}

// Chose reports whether the provider with this ID was chosen.
func (s *Session) Chose(id string) bool {
	for _, c := range s.Chosen {
		if c == id {
			return true
		}
	}
	return false
}

// Snapshot copies the values so a job can read them on another goroutine.
func (s *Session) Snapshot() providers.Values {
	out := make(providers.Values, len(s.Values))
	for k, v := range s.Values {
		out[k] = v
	}
	return out
}
