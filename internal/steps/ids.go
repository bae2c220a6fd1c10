package steps

import (
	"strings"

	"github.com/onboard-dev/onboard/internal/providers"
)

// StepID names a step: one of the flow's own, or a part of a provider's.
// It is compared as a value; String is for people and logs.
type StepID struct {
	Provider providers.ID // "" for the flow's own steps
	Part     string
}

// String is "welcome", or "plaid-verify" for a provider's part.
func (id StepID) String() string {
	if id.Provider == "" {
		return id.Part
	}
	return string(id.Provider) + "-" + id.Part
}

// IsZero reports whether id names no step.
func (id StepID) IsZero() bool { return id == StepID{} }

// The flow's own steps.
var (
	StepWelcome   = StepID{Part: "welcome"}
	StepProviders = StepID{Part: "providers"}
	StepGitCheck  = StepID{Part: "git-check"}
	StepGitFix    = StepID{Part: "git-fix-choice"}
	StepConsent   = StepID{Part: "target-consent"}
	StepExample   = StepID{Part: "example"}
	StepReview    = StepID{Part: "review"}
	StepWrite     = StepID{Part: "write"}
	StepDone      = StepID{Part: "done"}
)

// A provider's steps.

// StepChecklist is the provider's signup walk-through.
func StepChecklist(p providers.ID) StepID { return StepID{p, "checklist"} }

// StepVerify is the provider's live check.
func StepVerify(p providers.ID) StepID { return StepID{p, "verify"} }

// StepKeys is the provider's first form.
func StepKeys(p providers.ID) StepID { return StepID{p, "keys"} }

// StepField is the step asking for one of the provider's fields (a choice,
// or a form that starts with it).
func StepField(p providers.ID, key string) StepID { return StepID{p, strings.ToLower(key)} }
