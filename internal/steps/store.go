package steps

import (
	"context"

	"github.com/onboard-dev/onboard/internal/providers"
)

// Store is everything the flow needs from the disk and from git. The wizard
// wires internal/envfile behind it (see NewEnvStore); tests pass a fake. Every
// method may do I/O, so the flow only calls them from a Job, never while a
// screen is being drawn.
type Store interface {
	// GitRoot reports the repository root containing dir.
	GitRoot(ctx context.Context, dir string) (root string, ok bool, err error)
	// Read returns the variables already in the file (nil when absent).
	Read(path string) (existing providers.Values, keys []string, exists bool, err error)
	// Diff previews what Apply would do.
	Diff(path string, sets []Set) ([]Change, error)
	// Apply writes the file (atomically, 0600) and says where the backup went.
	Apply(path string, sets []Set) (*Written, error)
	// WriteExample writes a .env.example with the keys and no secret values.
	WriteExample(path string, sets []Set) error
	// CheckGit says whether the file is protected from being committed.
	CheckGit(ctx context.Context, envPath string) (*GitState, error)
	// PlanGitignoreFix returns the file and the exact lines FixGitignore adds.
	PlanGitignoreFix(ctx context.Context, envPath string) (file string, lines []string, err error)
	// FixGitignore applies that plan and checks again.
	FixGitignore(ctx context.Context, envPath string) (*GitState, error)
}

// Set is one variable to write.
type Set struct {
	Key, Value, Group string
	Secret            bool
}

// Change is one line of the review: Change is "added", "changed",
// "unchanged" or "removed"; Old and New are masked when Secret.
type Change struct {
	Key, Change, Old, New string
	Secret                bool
	Group                 string
}

// Written is where the write went.
type Written struct {
	Path, BackupPath string
	Changes          []Change
}

// GitState is the git protection of the target file.
type GitState struct {
	InRepo, GitMissing, Ignored, Tracked, InHistory bool
	RepoRoot, Rule, Warning                         string
	Problems                                        []string
	Safe                                            bool
	// FixFile and FixLines are the planned .gitignore change, when one helps.
	FixFile  string
	FixLines []string
}
