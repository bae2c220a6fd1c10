package readiness

import (
	"fmt"
	"strings"

	"github.com/onboard-dev/onboard/internal/providers"
)

// Results turns outcomes into check results: confirmed counts as pass; an
// unconfirmed item fails when it is required and warns otherwise, so the exit
// status stays 1 until every required step is confirmed.
func Results(outs []Outcome) []providers.Result {
	rs := make([]providers.Result, 0, len(outs))
	for _, o := range outs {
		r := providers.Result{Provider: providers.Readiness, Name: o.Item.ID, Hint: o.Todo}
		switch o.Status {
		case Confirmed:
			r.Status = providers.Pass
			r.Detail = o.Item.Title + ": confirmed " + o.ConfirmedOn
		case NotConfirmed:
			r.Status = providers.Warn
			if o.Item.Required {
				r.Status = providers.Fail
			}
			r.Detail = o.Item.Title + ": not confirmed"
		default:
			r.Status = providers.Status(o.Status)
			if !o.Item.Required && r.Status == providers.Fail {
				r.Status = providers.Warn
			}
			r.Detail = strings.TrimSuffix(o.Item.Title+": "+o.Detail, ": ")
		}
		rs = append(rs, r)
	}
	return rs
}

// MergeConfirmations adds the ids confirmed now to those kept from an earlier
// report. Earlier days are kept; a box ticked by hand without a day, and every
// new confirmation, gets today.
func MergeConfirmations(earlier map[string]string, now []string, today string) map[string]string {
	out := make(map[string]string, len(earlier)+len(now))
	for id, day := range earlier {
		if day == "" {
			day = today
		}
		out[id] = day
	}
	for _, id := range now {
		if _, ok := out[id]; !ok {
			out[id] = today
		}
	}
	return out
}

// CheckConfirmIDs reports ids that are not confirm items among items, for
// a usage error.
func CheckConfirmIDs(items []Item, ids []string) error {
	var bad []string
	for _, id := range ids {
		if it, ok := Lookup(items, id); !ok || it.Kind != Confirm {
			bad = append(bad, id)
		}
	}
	if len(bad) > 0 {
		what := "unknown items to confirm"
		if len(bad) == 1 {
			what = "unknown item to confirm"
		}
		return fmt.Errorf("%s: %s; known: %s", what, strings.Join(bad, ", "), strings.Join(ConfirmIDs(items), ", "))
	}
	return nil
}
