package steps_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/onboard-dev/onboard/internal/providers"
	"github.com/onboard-dev/onboard/internal/steps"
	"github.com/onboard-dev/onboard/internal/steps/stepstest"
	"github.com/onboard-dev/onboard/internal/teamfile"
)

// walkIDs answers every step the plain way to the end and returns the ids
// of the steps shown.
func walkIDs(t *testing.T, f *steps.Flow, form map[string]string) []string {
	t.Helper()
	var ids []string
	load(t, f)
	for {
		ids = append(ids, f.Current().ID().String())
		answer(t, f, form)
		if f.Next() == nil {
			return ids
		}
		load(t, f)
	}
}

var teamForm = map[string]string{"A_ID": "id-a", "A_KEY": "good", "B_ID": "id-b", "B_KEY": "good", "CONNECT_ID": "id-c", "CONNECT_KEY": "good"}

// A first run writes onboard.json by default: the services, the settings,
// which variables each teammate sets, and no secret.
func TestFirstRunSavesTheTeamFile(t *testing.T) {
	store := &stepstest.Store{Root: "/proj", Git: steps.GitState{InRepo: true, Ignored: true, HelpersSafe: true}}
	f := newTestFlow(t, store, nil)
	ids := walkIDs(t, f, teamForm)
	if !strings.Contains(strings.Join(ids, " "), "team-file review write") {
		t.Fatalf("steps %v", ids)
	}
	raw, _ := store.ReadFile("/proj/onboard.json")
	tf, err := teamfile.Parse(raw, "/proj/onboard.json", []providers.Provider{fakeProvider{"a"}, fakeProvider{"b"}, fakeProvider{"connect"}})
	if err != nil {
		t.Fatalf("the written team file does not read back: %v\n%s", err, raw)
	}
	if strings.Join(idsOf(tf.Services), ",") != "a,b" || tf.Settings["A_ENV"] != "test" || !contains(tf.Variables.Required, "A_KEY") {
		t.Errorf("team file %+v", tf)
	}
	if strings.Contains(string(raw), "good") {
		t.Error("a key went into onboard.json")
	}
}

// A teammate with the team file is asked only for their own keys: the
// services and settings it answers are passed over, Back still reaches
// them, and the file is left as it is.
func TestTeammateIsAskedOnlyForKeys(t *testing.T) {
	team := `{"version":1,"services":["a","b"],"settings":{"A_ENV":"live","B_ENV":"test"},"variables":{"required":["A_ID","A_KEY","B_ID","B_KEY"]}}`
	store := &stepstest.Store{Root: "/proj", Git: steps.GitState{InRepo: true, Ignored: true, HelpersSafe: true},
		Raw: map[string][]byte{"/proj/onboard.json": []byte(team)}}
	f := newTestFlow(t, store, nil)
	load(t, f)
	welcome := f.Current().(*steps.ChoiceStep).IntroText(f.Session())
	if !strings.Contains(welcome, "Using the team setup from onboard.json") || !strings.Contains(welcome, "A_ENV=live") {
		t.Fatalf("welcome:\n%s", welcome)
	}
	ids := strings.Join(walkIDs(t, f, teamForm), " ")
	for _, skipped := range []string{"providers", "a-a_env", "b-b_env", "team-file"} {
		if strings.Contains(ids, skipped) {
			t.Errorf("%s was asked although the team file answers it: %s", skipped, ids)
		}
	}
	got, _, _, _ := store.Read("/proj/.env")
	if got["A_ENV"] != "live" || got["A_KEY"] != "good" {
		t.Errorf("written %v", got)
	}
	if raw, _ := store.ReadFile("/proj/onboard.json"); string(raw) != team {
		t.Error("the team file was rewritten without being asked")
	}

	// Back from the first keys form reaches the team's choice of A_ENV.
	f2 := newTestFlow(t, &stepstest.Store{Root: "/proj", Git: steps.GitState{InRepo: true, Ignored: true, HelpersSafe: true},
		Raw: map[string][]byte{"/proj/onboard.json": []byte(team)}}, nil)
	walkTo(t, f2, "a-a_id", teamForm)
	if !f2.Back() || f2.Current().ID().String() != "a-a_env" {
		t.Fatalf("back went to %s, want the team's a-a_env", f2.Current().ID())
	}
	if c := f2.Current().(*steps.ChoiceStep); c.Selected(f2.Session())[0] != "live" {
		t.Errorf("the team's value is not the answer shown: %v", c.Selected(f2.Session()))
	}
}

// A team file that requires an optional variable makes it required.
func TestTeamRequiredVariable(t *testing.T) {
	team := `{"version":1,"services":["t"],"variables":{"required":["T_ID","T_SECRET","T_HOOK"]}}`
	store := &stepstest.Store{Root: "/proj", Git: steps.GitState{InRepo: true, Ignored: true, HelpersSafe: true},
		Raw: map[string][]byte{"/proj/onboard.json": []byte(team)}}
	f := trustFlow(t, store)
	walkTo(t, f, "t-keys", trustForm)
	form := f.Current().(*steps.FormStep)
	if e := form.Check(f.Session(), "T_HOOK", "", nil); e == nil || e.Severity != providers.Invalid {
		t.Fatalf("T_HOOK empty: %v, want required", e)
	}
}

// A re-run on a finished .env: the default is to check everything again,
// which takes three steps and writes nothing.
func TestRerunReverifies(t *testing.T) {
	store := &stepstest.Store{Root: "/proj", Git: steps.GitState{InRepo: true, Ignored: true, HelpersSafe: true},
		Files: map[string]providers.Values{"/proj/.env": {"T_ID": "id-1", "T_SECRET": trustSecret}}}
	f := trustFlow(t, store)
	load(t, f)
	w := f.Current().(*steps.ChoiceStep)
	if sel := w.Selected(f.Session()); sel[0] != "reverify" {
		t.Fatalf("welcome default %v, want reverify", sel)
	}
	chooseDefault(t, f)
	mustNext(t, f, "reverify")
	res := runJob(f, f.Current().(*steps.TaskStep).Job(f.Session()))
	if !steps.Passed(res) || len(res) < 3 {
		t.Fatalf("reverify results %+v", res)
	}
	mustNext(t, f, "done")
	done := f.Current().(*steps.DoneStep).Text(f.Session())
	if !strings.Contains(done, "nothing was changed") || strings.Contains(done, "Wrote") {
		t.Errorf("done:\n%s", done)
	}
	if store.Applied() != 0 || !f.Session().Succeeded() {
		t.Errorf("applied %d, succeeded %v", store.Applied(), f.Session().Succeeded())
	}
	if secs := fmt.Sprint(f.Sections()); secs != "[{Start true false} {Done false true}]" {
		t.Errorf("a re-verify's parts: %s, want the start then the end", secs)
	}
}

// A detected framework gets its public names for browser values, and a
// secret is never written under one.
func TestFrameworkNaming(t *testing.T) {
	store := &stepstest.Store{Root: "/proj", Git: steps.GitState{InRepo: true, Ignored: true, HelpersSafe: true},
		Raw: map[string][]byte{"/proj/package.json": []byte(`{"dependencies":{"next":"15"}}`)}}
	f := newTestFlow(t, store, func(o *steps.Options) {
		o.Providers = []providers.Provider{publicProvider{}}
	})
	ids := strings.Join(walkIDs(t, f, map[string]string{"P_PUB": "pub_0123456789", "P_KEY": "good"}), " ")
	if !strings.Contains(ids, "naming") {
		t.Fatalf("no naming step: %s", ids)
	}
	got, _, _, _ := store.Read("/proj/.env")
	if got["NEXT_PUBLIC_P_PUB"] != "pub_0123456789" || got["P_KEY"] != "good" || got["NEXT_PUBLIC_P_KEY"] != "" {
		t.Errorf("written %v", got)
	}
}

// publicProvider has a browser-safe value and a secret.
type publicProvider struct{}

var publicSpec = providers.Spec{ID: "p", Name: "Pub"}

func (publicProvider) Spec() *providers.Spec                                { return &publicSpec }
func (publicProvider) Checklist(providers.Values) []providers.ChecklistItem { return nil }
func (publicProvider) Checks(providers.Values) []string                     { return nil }
func (publicProvider) Verify(ctx context.Context, v providers.Values, r providers.Report) []providers.Result {
	return nil
}
func (publicProvider) Fields() []providers.Field {
	return []providers.Field{
		{Key: "P_PUB", Label: "publishable", Required: true, Public: true},
		{Key: "P_KEY", Label: "secret", Required: true, Secret: true},
	}
}

func idsOf(ids []providers.ID) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = string(id)
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// tipsProvider is fakeProvider "a" with tips for its end screen.
type tipsProvider struct{ fakeProvider }

var tipsSpec = providers.Spec{ID: "a", Name: "Fake a", Tips: func(providers.Values) []string {
	return []string{"Test cards:", "4242 4242 4242 4242 succeeds"}
}}

func (tipsProvider) Spec() *providers.Spec { return &tipsSpec }

// The end lists a provider's tips (Stripe's test cards) in development,
// heading then lines, and never in production, where they would not work.
func TestDoneShowsTipsInDevelopmentOnly(t *testing.T) {
	for _, mode := range []steps.Mode{steps.Development, steps.Production} {
		store := &stepstest.Store{Root: "/proj", Git: steps.GitState{InRepo: true, Ignored: true, HelpersSafe: true}}
		f := newTestFlow(t, store, func(o *steps.Options) {
			o.Providers, o.Mode = []providers.Provider{tipsProvider{fakeProvider{"a"}}}, mode
		})
		walkIDs(t, f, teamForm)
		done := f.Current().(*steps.DoneStep).Text(f.Session())
		shown := strings.Contains(done, "Test cards:\n  4242 4242 4242 4242 succeeds")
		if shown != (mode == steps.Development) {
			t.Errorf("%s: tips shown %v:\n%s", mode, shown, done)
		}
	}
}

// sourceProvider is fakeProvider "b" whose key can be fetched by a tool
// (as the Stripe CLI prints the webhook secret).
type sourceProvider struct {
	fakeProvider
	available bool
	fetched   string
	err       error
}

func (p *sourceProvider) Spec() *providers.Spec { return fakeSpecs["b"] }
func (p *sourceProvider) Fields() []providers.Field {
	fs := p.fakeProvider.Fields()
	fs = append(fs, providers.Field{Key: "B_HOOK", Label: "hook secret", Secret: true, Source: &providers.Source{
		Label: "Ask the tool", Help: "The tool prints it.", Then: "Use it with the tool.",
		Available: func(providers.Values) bool { return p.available },
		Fetch:     func(context.Context, providers.Values) (string, error) { return p.fetched, p.err },
	}})
	return fs
}

// A field a tool can fill is offered after its form while it is empty:
// asking is the default and the fetched value is saved, masked in the
// result; a failure says why and offers to edit; an unavailable tool or
// a value already typed means no offer at all.
func TestSourceFillsAnEmptyField(t *testing.T) {
	run := func(p *sourceProvider, form map[string]string) (*steps.Flow, []string) {
		store := &stepstest.Store{Root: "/proj", Git: steps.GitState{InRepo: true, Ignored: true, HelpersSafe: true}}
		f := newTestFlow(t, store, func(o *steps.Options) { o.Providers = []providers.Provider{p} })
		var ids []string
		load(t, f)
		for {
			ids = append(ids, f.Current().ID().String())
			if f.Current().ID().Part == "fetch-B_HOOK" {
				res := runJob(f, f.Current().(*steps.TaskStep).Job(f.Session()))
				if !steps.Passed(res) {
					return f, append(ids, "fetch failed: "+res[0].Detail)
				}
			} else {
				answer(t, f, form)
			}
			if f.Next() == nil {
				return f, ids
			}
			load(t, f)
		}
	}
	form := map[string]string{"B_ID": "id-b", "B_KEY": "good"}
	secretValue := "hook_" + strings.Repeat("z", 24)
	f, ids := run(&sourceProvider{fakeProvider: fakeProvider{"b"}, available: true, fetched: secretValue}, form)
	got := strings.Join(ids, " ")
	if !strings.Contains(got, "b-b_id b-source-B_HOOK b-fetch-B_HOOK b-verify") || f.Session().Values["B_HOOK"] != secretValue {
		t.Fatalf("steps %s, B_HOOK %q", got, f.Session().Values["B_HOOK"])
	}
	if r := f.Session().Results[steps.StepID{Provider: "b", Part: "fetch-B_HOOK"}]; len(r) != 1 || strings.Contains(r[0].Detail, secretValue) || r[0].Hint != "Use it with the tool." {
		t.Errorf("fetch result %+v: want the value masked and the tool's advice", r)
	}

	_, ids = run(&sourceProvider{fakeProvider: fakeProvider{"b"}, available: true, err: errors.New("the tool is not logged in")}, form)
	if got := strings.Join(ids, " "); !strings.Contains(got, "fetch failed: the tool is not logged in") {
		t.Errorf("a failing fetch: %s", got)
	}
	for name, p := range map[string]*sourceProvider{
		"unavailable": {fakeProvider: fakeProvider{"b"}},
		"typed":       {fakeProvider: fakeProvider{"b"}, available: true},
	} {
		form := map[string]string{"B_ID": "id-b", "B_KEY": "good"}
		if name == "typed" {
			form["B_HOOK"] = "typed-by-hand-0123456789"
		}
		if _, ids := run(p, form); strings.Contains(strings.Join(ids, " "), "source-B_HOOK") {
			t.Errorf("%s: the offer was made: %v", name, ids)
		}
	}
}

// A teammate whose keys are already in hand (the .env, a paste) has
// nothing to sign up for: each provider's checklist is passed over; with
// a key missing, it is shown. The team file records an empty setting, so
// the question it answers is not asked again.
func TestTeammateWithKeysSkipsTheChecklists(t *testing.T) {
	team := `{"version":1,"services":["a"],"settings":{"A_ENV":"test"},"variables":{"required":["A_ID","A_KEY"]}}`
	for _, tc := range []struct {
		env       providers.Values
		checklist bool
	}{
		{providers.Values{"A_ID": "id-a", "A_KEY": "good"}, false},
		{providers.Values{"A_ID": "id-a"}, true},
	} {
		store := &stepstest.Store{Root: "/proj", Git: steps.GitState{InRepo: true, Ignored: true, HelpersSafe: true},
			Raw: map[string][]byte{"/proj/onboard.json": []byte(team)}, Files: map[string]providers.Values{"/proj/.env": tc.env}}
		f := newTestFlow(t, store, nil)
		ids := strings.Join(walkIDs(t, f, teamForm), " ")
		if got := strings.Contains(ids, "a-checklist"); got != tc.checklist {
			t.Errorf("keys %v: checklist shown %v, want %v: %s", tc.env, got, tc.checklist, ids)
		}
	}
	store := &stepstest.Store{Root: "/proj", Git: steps.GitState{InRepo: true, Ignored: true, HelpersSafe: true}}
	f := newTestFlow(t, store, func(o *steps.Options) { o.Providers = []providers.Provider{noteProvider{}} })
	walkIDs(t, f, map[string]string{"P_PUB": "pub-1", "P_KEY": "key-1"})
	if raw, _ := store.ReadFile("/proj/onboard.json"); !strings.Contains(string(raw), `"P_NOTE": ""`) {
		t.Errorf("the empty setting is not recorded:\n%s", raw)
	}
}

// noteProvider is publicProvider with an optional free-text setting.
type noteProvider struct{ publicProvider }

func (noteProvider) Fields() []providers.Field {
	return append(publicProvider{}.Fields(), providers.Field{Key: "P_NOTE", Label: "note", Setting: true})
}
