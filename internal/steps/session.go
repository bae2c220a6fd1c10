package steps

import (
	"sync"

	"github.com/onboard-dev/onboard/internal/envfile"
	"github.com/onboard-dev/onboard/internal/framework"
	"github.com/onboard-dev/onboard/internal/providers"
	"github.com/onboard-dev/onboard/internal/scan"
	"github.com/onboard-dev/onboard/internal/teamfile"
)

// Mode says what the keys are for; the providers word their defaults and
// warnings by it, so it is theirs.
type Mode = providers.Mode

const (
	Development = providers.Development
	Production  = providers.Production
)

// Session is everything the wizard has collected so far. Only the flow's
// steps change it, always on the UI's goroutine; jobs work on copies.
type Session struct {
	Dir     string // the project directory (--dir)
	EnvFile string // --env-file, when given
	EnvPath string // the target .env, resolved by the welcome step
	Mode    Mode
	Demo    bool
	// CheckCommand checks this .env again, as the person can type it
	// (Options.CheckCommand).
	CheckCommand string

	// Chosen holds the IDs of the chosen providers, in the flow's order.
	Chosen []providers.ID
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

	Git *GitState
	// Target is the file the secrets go into, judged at the git step;
	// Consented records that the person accepted its concerns.
	Target    *envfile.Target
	Consented bool
	// GitChoice is the answer to the offer to protect the file.
	GitChoice GitChoice
	// Halt, when set, stops the flow before the write: every step up to the
	// end is skipped, and the end says why.
	Halt string
	// Disk records each change made on disk as it is made (from a job's
	// goroutine too), so whatever ends the run can say what was written.
	Disk *DiskLog

	// Team is the project's onboard.json (nil when there is none), read at
	// the welcome; TeamPath is where it is or would go. SaveTeam: the
	// person chose to write the choices there.
	Team     *teamfile.File
	TeamPath string
	SaveTeam bool
	// Opened records the steps the team file answered that the person
	// went back into: they are shown from then on.
	Opened map[StepID]bool
	// Framework is the app's framework, detected from package.json (or
	// recorded in the team file); Names maps a browser-safe variable to
	// the framework's public name for it.
	Framework *framework.Framework
	Names     map[string]string
	// Shadows are the variables onboard writes that a framework's
	// higher-precedence file also defines, as "FILE defines KEY".
	Shadows []string
	// Reverify: the .env held every key and the person chose to check
	// them again; only the checks run, and nothing is written.
	Reverify bool
	// Results holds the last results of each task step, by step ID.
	Results map[StepID][]providers.Result
	// Building is the answer to "What are you building?" ("" before it).
	Building providers.Building
	// Preset marks the settings that answer set: their screens are
	// passed over as answered.
	Preset map[string]bool
	// Sourced holds, by variable, the answer to the offer to fetch its
	// value (SourceAsk, SourceLeave).
	Sourced map[string]string
	// Leaks are this setup's keys that the git step found committed: the
	// review and the end warn while the answers still hold them.
	Leaks []scan.Key
	// Skipped holds, by task step ID, the warning of a check skipped with
	// failures left.
	Skipped map[StepID]string
	// Confirmed holds the answers of confirm-each-item checklists, by step ID.
	Confirmed map[StepID][]bool
	// Drafts hold what was typed into a form and not submitted, by step
	// ID (drafts.go); in memory only.
	Drafts map[StepID]map[string]string

	// ShareExample: write .env.example (the variable names, no values) too;
	// ShareNothing: the person chose to share no file with the team.
	ShareExample, ShareNothing bool
	Review                     *Review
	Written                    *Written
	ExamplePath                string
	Notes                      []string // things worth saying at the end (e.g. git warnings)
	// LoaderNotes say where common dotenv loaders read the written file
	// differently (envfile.LoaderNotes), for the end.
	LoaderNotes []string
}

func newSession() *Session {
	return &Session{
		Disk:      &DiskLog{},
		Opened:    map[StepID]bool{},
		Names:     map[string]string{},
		Mode:      Development,
		Values:    providers.Values{},
		Existing:  providers.Values{},
		Results:   map[StepID][]providers.Result{},
		Skipped:   map[StepID]string{},
		Confirmed: map[StepID][]bool{},
		Sourced:   map[string]string{},
	}
}

// Chose reports whether the provider with this ID was chosen.
func (s *Session) Chose(id providers.ID) bool {
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

// GitChoice is what the person chose to do about git.
type GitChoice string

const (
	GitFix          GitChoice = "fix"     // add the planned .gitignore lines
	GitUntrack      GitChoice = "untrack" // git rm --cached, then the lines
	GitLeave        GitChoice = "leave"   // change nothing in git
	GitWriteTracked GitChoice = "tracked" // write into the tracked file: "I understand"
)

// Fixes reports whether the choice applies the .gitignore lines.
func (c GitChoice) Fixes() bool { return c == GitFix || c == GitUntrack }

// DiskLog is what a run changed on disk, in order, in words ("wrote
// /p/.env (mode 0600)"). It is safe for concurrent use.
type DiskLog struct {
	mu    sync.Mutex
	lines []string
}

// Add records one change. A nil log records nothing.
func (l *DiskLog) Add(line string) {
	if l == nil {
		return
	}
	l.mu.Lock()
	l.lines = append(l.lines, line)
	l.mu.Unlock()
}

// Lines are the changes so far.
func (l *DiskLog) Lines() []string {
	if l == nil {
		return nil
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]string(nil), l.lines...)
}

// Interrupted is what a front end says when the run is stopped early: that
// nothing was written, or exactly what was.
func (s *Session) Interrupted() []string {
	changed := s.Disk.Lines()
	if len(changed) == 0 {
		return []string{"onboard: interrupted; nothing was written."}
	}
	out := []string{"onboard: interrupted; these changes were already made and are kept:"}
	for _, c := range changed {
		out = append(out, "  "+c)
	}
	return out
}

// Succeeded reports whether the run did what it was for: the .env was
// written (or found holding the values already), or its keys were checked
// again and passed.
func (s *Session) Succeeded() bool {
	if s.Reverify {
		return s.Halt == "" && Passed(s.Results[StepReverify])
	}
	return s.Written != nil
}
