package steps_test

import (
	"context"

	"github.com/onboard-dev/onboard/internal/providers"
)

// fakeProvider has one option field, two text fields and a check that
// passes only for the key "good".
type fakeProvider struct{ id string }

// fakeSpecs: "connect" requires "b", as Stripe Connect requires Stripe.
var fakeSpecs = map[string]*providers.Spec{
	"a":       {ID: "a", Name: "Fake a"},
	"b":       {ID: "b", Name: "Fake b"},
	"connect": {ID: "connect", Name: "Fake connect", Requires: []providers.ID{"b"}},
}

func (f fakeProvider) Spec() *providers.Spec { return fakeSpecs[f.id] }
func (f fakeProvider) Checklist(providers.Values) []providers.ChecklistItem {
	return []providers.ChecklistItem{{Title: "Sign up", URL: "https://example.com/" + f.id}}
}
func (f fakeProvider) Fields() []providers.Field {
	up := map[string]string{"a": "A", "b": "B", "connect": "CONNECT"}[f.id]
	return []providers.Field{
		{Key: up + "_ENV", Label: "env", Required: true, Default: "test", Options: []providers.Option{{Value: "test"}, {Value: "live"}}},
		{Key: up + "_ID", Label: "id", Required: true},
		{Key: up + "_KEY", Label: "key", Required: true, Secret: true, Validate: func(v string, _ providers.Values) *providers.ValidationError {
			if v == "pk" {
				return providers.Invalidf("this is a publishable key")
			}
			return nil
		}},
	}
}
func (f fakeProvider) Checks(providers.Values) []string { return []string{"auth"} }
func (f fakeProvider) Verify(ctx context.Context, v providers.Values, report providers.Report) []providers.Result {
	up := map[string]string{"a": "A", "b": "B", "connect": "CONNECT"}[f.id]
	r := providers.Result{Provider: providers.ID(f.id), Name: "auth", Status: providers.Pass}
	if v[up+"_KEY"] != "good" {
		r.Status, r.Hint = providers.Fail, "wrong key"
	}
	report(r)
	return []providers.Result{r}
}
