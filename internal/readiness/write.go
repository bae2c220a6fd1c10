package readiness

import (
	"os"
	"path/filepath"

	"github.com/onboard-dev/onboard/internal/providers"
	"github.com/onboard-dev/onboard/internal/secret"
)

// DefaultReportName is the report's file name next to the .env.
const DefaultReportName = "onboard-readiness.md"

// UseOf says which providers a list configures, by their ids.
func UseOf(ps []providers.Provider) Use {
	var u Use
	for _, p := range ps {
		switch p.ID() {
		case "plaid":
			u.Plaid = true
		case "stripe":
			u.Stripe = true
		case "connect":
			u.Connect = true
		}
	}
	return u
}

// KeyIDs lists the providers' variables that are set, as the report shows
// them: fixed-choice settings in full, everything else masked.
func KeyIDs(ps []providers.Provider, values providers.Values) []KeyID {
	var ids []KeyID
	seen := map[string]bool{}
	for _, p := range ps {
		for _, f := range p.Fields() {
			v := providers.Normalize(values[f.Key])
			if v == "" || seen[f.Key] {
				continue
			}
			seen[f.Key] = true
			ids = append(ids, KeyID{Name: f.Key, Shown: Shown(f, v)})
		}
	}
	return ids
}

// Shown is how a value appears in a report: a fixed-choice setting holding
// one of its options in full (PLAID_ENV=production says nothing secret),
// anything else masked (it may be a key pasted into the wrong variable).
func Shown(f providers.Field, v string) string {
	v = providers.Normalize(v)
	if !f.Secret && f.Allowed(v) {
		return v
	}
	return secret.Mask(v)
}

// shownSetting is for the settings the rules quote by name: in full only when
// it is one of the known values, masked otherwise.
func shownSetting(v string, known ...string) string {
	for _, k := range known {
		if v == k {
			return v
		}
	}
	return secret.Mask(v)
}

// WriteReport renders r and replaces path atomically (a temp file in the
// same directory, then a rename), so an interrupted run never leaves half a
// report and loses the confirmations in it.
func WriteReport(path string, r Report) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".onboard-readiness-*.md")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // no-op after the rename
	if _, err := tmp.Write(Render(r)); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
