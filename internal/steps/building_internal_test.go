package steps

import (
	"testing"

	"github.com/onboard-dev/onboard/internal/providers"
	"github.com/onboard-dev/onboard/internal/providers/stripe"
)

// The team file the wizard writes records what the project is.
func TestTeamFileRecordsBuilding(t *testing.T) {
	b := builder{o: Options{Providers: []providers.Provider{stripe.New(stripe.Config{}), stripe.NewConnect(stripe.Config{})}}}
	s := newSession()
	b.applyBuilding(s, providers.BuildingFreelance)
	if got := b.teamFrom(s); got.Building != string(providers.BuildingFreelance) || len(got.Services) != 2 {
		t.Errorf("team file %+v, want building freelance and both services", got)
	}
}
