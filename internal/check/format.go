package check

import (
	"github.com/onboard-dev/onboard/internal/providers"
)

// formatResults applies each field's own rule (Field.Check) to the file's
// values: one result per field that is set, or required but missing.
func formatResults(p providers.Provider, values providers.Values) []providers.Result {
	var rs []providers.Result
	for _, f := range p.Fields() {
		v, present := values[f.Key]
		r := providers.Result{Provider: p.Spec().ID, Name: f.Key}
		if providers.Normalize(v) == "" {
			switch {
			case f.Required && f.Default != "":
				// Apps built from the providers' quickstarts read these
				// too; a missing one is worth a look but has a fallback.
				r.Status = providers.Warn
				r.Detail = "Not set; onboard assumed the default " + f.Default + "."
				r.Hint = "Add " + f.Key + "=" + f.Default + " (or your choice) so your app does not depend on a default."
				rs = append(rs, r)
				continue
			case !f.Required && !f.CheckEmpty && !present:
				continue
			}
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
