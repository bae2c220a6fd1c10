package steps

import (
	"context"

	"github.com/onboard-dev/onboard/internal/envfile"
	"github.com/onboard-dev/onboard/internal/providers"
	"github.com/onboard-dev/onboard/internal/scan"
	"github.com/onboard-dev/onboard/internal/teamfile"
)

// Store is everything the flow needs from the disk and from git. The wizard
// wires internal/envfile behind it (see NewEnvStore); tests pass a fake. Every
// method may do I/O, so the flow only calls them from a Job, never while a
// screen is being drawn. The types are envfile's own: the flow adds no
// second shape of the same facts.
type Store interface {
	// GitRoot reports the repository root containing dir.
	GitRoot(ctx context.Context, dir string) (root string, ok bool, err error)
	// Read returns the variables already in the file (nil when absent).
	Read(path string) (existing providers.Values, keys []string, exists bool, err error)
	// Inspect judges the file secrets would go into (envfile.Inspect).
	Inspect(path, root string) (*envfile.Target, error)
	// Diff previews what Apply would do.
	Diff(path string, sets []Set, removes []string) ([]Change, error)
	// Apply writes the file (atomically, 0600) and says where the backup went.
	Apply(path string, sets []Set, removes []string, pol envfile.Policy) (*Written, error)
	// WriteExample writes a .env.example with the keys and no secret values.
	WriteExample(path string, sets []Set) error
	// CheckGit says whether the file is protected from being committed, and
	// plans the .gitignore fix.
	CheckGit(ctx context.Context, envPath string) (*GitState, error)
	// FixGitignore applies that plan and checks again.
	FixGitignore(ctx context.Context, envPath string) (*GitState, error)
	// Untrack stops git tracking the file (git rm --cached).
	Untrack(ctx context.Context, envPath string) error
	// LoaderNotes says where common dotenv loaders read the file
	// differently (envfile.LoaderNotes); nil when they agree.
	LoaderNotes(path string) ([]string, error)
	// ReadFile reads a small project file (onboard.json, package.json);
	// a missing one is (nil, nil).
	ReadFile(path string) ([]byte, error)
	// WriteTeam writes the team file (teamfile.Write).
	WriteTeam(path string, f *teamfile.File, ps []providers.Provider) error
	// ScanHistory searches the repository at root for keys, these values
	// exactly and key shapes by pattern (onboard scan).
	ScanHistory(ctx context.Context, root string, values []scan.Value) (*scan.Report, error)
}

// Set is one variable to write.
type Set = envfile.Set

// Change is one line of the review, values masked where secret.
type Change = envfile.Entry

// Written is what the write did.
type Written = envfile.Result

// GitState is the git protection of the target file.
type GitState = envfile.Protection
