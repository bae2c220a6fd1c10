package check

import (
	"github.com/onboard-dev/onboard/internal/providers"
	"github.com/onboard-dev/onboard/internal/teamfile"
)

// formatResults applies each field's own rule (Field.Check) to the file's
// values: one result per field that is set, or required but missing.
//
// What must be set is the team file's word when there is one (a missing
// required variable fails); without one, a missing secret fails (it is
// what the checks prove), but a missing public value the provider asks for
// is a warning, and the keys that are there are still verified (a project
// may read a publishable key from elsewhere).
func formatResults(p providers.Provider, values providers.Values, pr project) []providers.Result {
	var rs []providers.Result
	for _, f := range p.Fields() {
		v, present := values[f.Key]
		r := providers.Result{Provider: p.Spec().ID, Name: f.Key}
		if providers.Normalize(v) == "" {
			switch {
			case pr.team == nil && f.Required && f.Default == "" && !f.Secret:
				r.Status, r.Detail = providers.Warn, "Not set."
				r.Hint = "Add " + f.Key + " if your app uses it; record what the project needs in onboard.json (run onboard) to make this a failure."
				rs = append(rs, r)
				continue
			case pr.team != nil && pr.required(f) && f.Default == "":
				r.Status, r.Detail = providers.Fail, "Not set, and "+teamfile.Name+" requires it."
				r.Hint = "Run onboard to add it."
				rs = append(rs, r)
				continue
			case pr.required(f) && f.Default != "":
				// Apps built from the providers' quickstarts read these
				// too; a missing one is worth a look but has a fallback.
				r.Status = providers.Warn
				r.Detail = "Not set; onboard assumed the default " + f.Default + "."
				r.Hint = "Add " + f.Key + "=" + f.Default + " (or your choice) so your app does not depend on a default."
				rs = append(rs, r)
				continue
			case !pr.required(f) && !f.CheckEmpty && !present:
				continue
			}
		}
		if pr.team != nil && !pr.required(f) {
			f.Required = false // the team says it is optional
		}
		switch e := f.Check(v, values); {
		case e == nil && providers.Normalize(v) == "":
			continue
		case e == nil:
			r.Status = providers.Pass
			r.Detail = providers.Reported(f, v)
		case e.Severity == providers.Warning:
			r.Status = providers.Warn
			r.Detail = providers.Reported(f, v)
			r.Hint = e.Msg
		default:
			r.Status = providers.Fail
			r.Detail = providers.Reported(f, v)
			if r.Detail == "" {
				r.Detail = "Not set."
			}
			r.Hint = e.Msg
		}
		rs = append(rs, r)
	}
	return rs
}
