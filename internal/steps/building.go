package steps

import (
	"errors"
	"slices"

	"github.com/onboard-dev/onboard/internal/providers"
)

// StepBuilding asks what the project is, before the services: the answer
// preselects the services and the settings that fit (Spec.ForBuilding).
var StepBuilding = StepID{Part: "building"}

// buildingOptions are the use cases of the payment guides' table, each
// with a line on what it sets up. The person can still change anything
// on the screens that follow.
var buildingOptions = []providers.Option{
	{Value: string(providers.BuildingSingle), Label: "One business selling its own products or services",
		Help: "A plain Stripe account takes the payments; no Connect."},
	{Value: string(providers.BuildingSaaS), Label: "Software that businesses use to take their own payments (SaaS)",
		Help: "Connect, with each business as the merchant: it gets the full Stripe Dashboard, pays Stripe's fees, and Stripe covers its losses."},
	{Value: string(providers.BuildingMarketplace), Label: "A marketplace: buyers pay you, and you pay the sellers",
		Help: "Connect, with your platform as the merchant: sellers get the Express Dashboard, and your platform pays the fees and covers losses."},
	{Value: string(providers.BuildingFreelance), Label: "A platform that pays freelancers or service providers",
		Help: "Connect with split payments: each payment is shared between your platform and the provider, who gets the Express Dashboard."},
	{Value: string(providers.BuildingOther), Label: "Something else, or I will choose each setting",
		Help: "Nothing is preselected beyond what this project already has."},
}

func (b builder) buildingStep() Step {
	// Only asked when some provider's setup depends on it.
	asked := slices.ContainsFunc(b.o.Providers, func(p providers.Provider) bool { return p.Spec().ForBuilding != nil })
	return &ChoiceStep{
		base: base{id: StepBuilding, title: "What are you building?", skip: func(*Session) bool { return !asked },
			answered: func(s *Session) bool { return s.Team != nil && (s.Team.Building != "" || len(s.Team.Services) > 0) }},
		Intro:      "Your answer picks the services and the Connect settings that fit; the next screens let you change any of them.",
		OptionsFn:  func(*Session) []providers.Option { return buildingOptions },
		SelectedFn: func(s *Session) []string { return []string{string(b.defaultBuilding(s))} },
		ApplyFn: func(s *Session, values []string) error {
			if len(values) != 1 {
				return errors.New("Choose one of the answers.")
			}
			b.applyBuilding(s, providers.Building(values[0]))
			return nil
		},
	}
}

// defaultBuilding is the answer Enter takes: the one given before, the
// team's, a SaaS platform for the demo (it shows every service), nothing
// preselected for a project that already has keys (they say what it is),
// else a single business, the most common case.
func (b builder) defaultBuilding(s *Session) providers.Building {
	switch {
	case s.Building != "":
		return s.Building
	case s.Team != nil && s.Team.Building != "":
		return providers.Building(s.Team.Building)
	case s.Demo:
		return providers.BuildingSaaS
	case len(s.ExistingKeys) > 0:
		return providers.BuildingOther
	}
	return providers.BuildingSingle
}

// applyBuilding chooses the services the answer needs and sets the
// settings that fit it (presetBuilding).
func (b builder) applyBuilding(s *Session, answer providers.Building) {
	s.Building = answer
	want := map[providers.ID]bool{}
	for _, id := range s.Chosen {
		want[id] = true
	}
	for _, p := range b.o.Providers {
		if f := p.Spec().ForBuilding; f != nil {
			if use, _, decided := f(answer); decided {
				want[p.Spec().ID] = use
			}
		}
	}
	s.Chosen = b.chosenWith(want)
	b.presetBuilding(s, answer, true)
}

// presetBuilding sets the settings that fit the answer and marks them
// answered: their screens are passed over (back still reaches them) until
// another answer is given. An empty value answers a question without
// touching what the file holds ("no client ID needed"). With overwrite
// false (the team file's answer), a setting the team already holds stays.
func (b builder) presetBuilding(s *Session, answer providers.Building, overwrite bool) {
	s.Preset = map[string]bool{}
	for _, p := range b.o.Providers {
		f := p.Spec().ForBuilding
		if f == nil {
			continue
		}
		_, settings, decided := f(answer)
		if !decided {
			continue
		}
		for k, v := range settings {
			s.Preset[k] = true
			if v != "" && (overwrite || !s.Team.Has(k)) {
				s.Values[k] = v
			}
		}
	}
}

// chosenWith is the providers want holds, with what each requires (Connect's
// checks use the Stripe keys), in the flow's order.
func (b builder) chosenWith(want map[providers.ID]bool) []providers.ID {
	for changed := true; changed; {
		changed = false
		for _, p := range b.o.Providers {
			if want[p.Spec().ID] {
				for _, r := range p.Spec().Requires {
					changed = changed || !want[r]
					want[r] = true
				}
			}
		}
	}
	var out []providers.ID
	for _, p := range b.o.Providers {
		if want[p.Spec().ID] {
			out = append(out, p.Spec().ID)
		}
	}
	return out
}
