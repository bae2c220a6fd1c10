package steps_test

import (
	"strings"
	"testing"

	"github.com/onboard-dev/onboard/internal/providers"
	"github.com/onboard-dev/onboard/internal/providers/plaid"
	"github.com/onboard-dev/onboard/internal/providers/stripe"
	"github.com/onboard-dev/onboard/internal/steps"
	"github.com/onboard-dev/onboard/internal/steps/stepstest"
)

func realFlow(t *testing.T, store *stepstest.Store) *steps.Flow {
	t.Helper()
	return steps.New(steps.Options{
		Providers: []providers.Provider{plaid.New(plaid.Config{}), stripe.New(stripe.Config{}), stripe.NewConnect(stripe.Config{})},
		Store:     store, Dir: "/proj", LookupEnv: func(string) (string, bool) { return "", false },
	})
}

// pathAfter answers the building question and returns the ids of the
// steps the walk would show after it (tasks are not run).
func pathAfter(t *testing.T, f *steps.Flow, answer providers.Building) []string {
	t.Helper()
	load(t, f)
	mustNext(t, f, "building")
	if err := f.Current().(*steps.ChoiceStep).Apply(f.Session(), []string{string(answer)}); err != nil {
		t.Fatal(err)
	}
	var ids []string
	for st := f.Next(); st != nil && st.ID() != steps.StepReview; st = f.Next() {
		ids = append(ids, st.ID().String())
	}
	return ids
}

// "What are you building?" comes first and picks the services and the
// Connect settings that fit, as Stripe's own guides set them up; the
// Connect screens it answers are passed over, "something else" answers
// none, and the team file records the answer.
func TestBuildingPreselectsServicesAndConnect(t *testing.T) {
	f := realFlow(t, &stepstest.Store{})
	load(t, f)
	mustNext(t, f, "building")
	if got := f.Current().(*steps.ChoiceStep).Selected(f.Session()); len(got) != 1 || got[0] != string(providers.BuildingSingle) {
		t.Errorf("default for a new project: %v, want one business", got)
	}

	f = realFlow(t, &stepstest.Store{})
	path := strings.Join(pathAfter(t, f, providers.BuildingSingle), " ")
	if s := f.Session(); s.Chose(stripe.ConnectID) || !s.Chose(stripe.ID) || strings.Contains(path, "connect-") {
		t.Errorf("one business: chosen %v, path %s", s.Chosen, path)
	}

	f = realFlow(t, &stepstest.Store{})
	path = strings.Join(pathAfter(t, f, providers.BuildingMarketplace), " ")
	s := f.Session()
	if !s.Chose(stripe.ConnectID) || s.Values[stripe.EnvDashboard] != "express" || s.Values[stripe.EnvFeesPayer] != "application" || s.Values[stripe.EnvLosses] != "application" {
		t.Errorf("marketplace: chosen %v, values %v", s.Chosen, s.Values)
	}
	for _, k := range []string{stripe.EnvFeesPayer, stripe.EnvLosses, stripe.EnvDashboard, stripe.EnvRequirementCollection, stripe.EnvClientID} {
		if strings.Contains(path, "connect-"+k) {
			t.Errorf("marketplace: %s was asked although the answer set it: %s", k, path)
		}
	}
	if !strings.Contains(path, "connect-verify") {
		t.Errorf("marketplace: no Connect check on the path: %s", path)
	}

	f = realFlow(t, &stepstest.Store{})
	pathAfter(t, f, providers.BuildingSaaS)
	if v := f.Session().Values; v[stripe.EnvDashboard] != "full" || v[stripe.EnvFeesPayer] != "account" || v[stripe.EnvLosses] != "stripe" {
		t.Errorf("SaaS: %v, want the full Dashboard, the account's fees, Stripe's losses", v)
	}

	f = realFlow(t, &stepstest.Store{})
	path = strings.Join(pathAfter(t, f, providers.BuildingOther), " ")
	if strings.Contains(path, "connect-") {
		// Connect is not chosen by default; choosing it shows every screen.
		t.Errorf("something else chose Connect: %s", path)
	}
}

// A team file's answer is used and the question passed over.
func TestBuildingComesFromTheTeamFile(t *testing.T) {
	team := `{"version":1,"building":"marketplace","services":["stripe","connect"]}`
	store := &stepstest.Store{Root: "/proj", Git: steps.GitState{InRepo: true, Ignored: true, HelpersSafe: true},
		Raw: map[string][]byte{"/proj/onboard.json": []byte(team)}}
	f := realFlow(t, store)
	load(t, f)
	if st := f.Next(); st == nil || st.ID() == steps.StepBuilding {
		t.Fatalf("the building question was asked although the team file answers it")
	}
	if f.Session().Building != providers.BuildingMarketplace {
		t.Errorf("building %q, want the team's", f.Session().Building)
	}

}
