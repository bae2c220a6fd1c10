package check

import (
	"context"

	"github.com/onboard-dev/onboard/internal/envfile"
	"github.com/onboard-dev/onboard/internal/providers"
	"github.com/onboard-dev/onboard/internal/steps"
)

// gitFound is what the protection check found: its results, worded as
// the wizard words them (steps.GitReport), and the facts for the readiness
// checklist.
type gitFound struct {
	results []providers.Result
	state   *envfile.Protection // nil when git could not be asked
	err     error
}

// gitCheck asks git whether the .env is ignored, tracked, or in the
// history. The file's permissions are judged with the .env itself.
func gitCheck(ctx context.Context, envPath string) gitFound {
	p, err := envfile.CheckGit(ctx, envPath)
	return gitFound{results: steps.GitReport{State: p, StateErr: err, Headless: true}.Results(), state: p, err: err}
}
